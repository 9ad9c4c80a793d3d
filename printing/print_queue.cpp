// CUPS job handling (see print_queue.h for the state machine). Every request goes over an
// http_t connected to the server the caller names, on the calling thread: libcups keeps its
// defaults (server, last error, password callback) per thread, so nothing here changes the
// caller's CUPS settings and PrintService's worker is independent of the UI thread.
//
// Sections: names · connection · IPP helpers · probePrinter · the attempt · queryJob ·
//           purgeJob · submitDocument · watchJob · executeJob / printAndWait · PrintService

#include "print_queue.h"

#include <cups/cups.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>

namespace zwgk {

// ---------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------

const char* printerProblemName(PrinterProblem problem) {
    switch (problem) {
        case PrinterProblem::None: return "none";
        case PrinterProblem::NotConfigured: return "not-configured";
        case PrinterProblem::Unreachable: return "unreachable";
        case PrinterProblem::UnknownQueue: return "unknown-queue";
        case PrinterProblem::Stopped: return "stopped";
        case PrinterProblem::Rejecting: return "rejecting";
        case PrinterProblem::JobAborted: return "job-aborted";
        case PrinterProblem::JobCancelled: return "job-cancelled";
        case PrinterProblem::TimedOut: return "timed-out";
        case PrinterProblem::SubmitFailed: return "submit-failed";
    }
    return "unknown";
}

const char* jobStateName(JobState state) {
    switch (state) {
        case JobState::Queued: return "queued";
        case JobState::Submitting: return "submitting";
        case JobState::Waiting: return "waiting";
        case JobState::Stalled: return "stalled";
        case JobState::Completed: return "completed";
        case JobState::Failed: return "failed";
        case JobState::Cancelled: return "cancelled";
    }
    return "unknown";
}

namespace {

using namespace std::chrono_literals;

constexpr int kConnectTimeoutMs = 2000;       // a server that does not accept within this is unreachable
constexpr double kIoTimeoutSeconds = 10;      // a request without an answer for this long fails
constexpr auto kPollInterval = 75ms;          // job and printer state polling
constexpr size_t kWriteChunk = 64 * 1024;     // document bytes per cupsWriteRequestData
constexpr auto kPurgeWait = 2s;               // a purged job must vanish from the server within this
constexpr auto kPurgeCheckInterval = 50ms;    // how often to look

std::string formatSeconds(double seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", seconds);
    return buf;
}

double steadySeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ---------------------------------------------------------------------------------------
// Connection
// ---------------------------------------------------------------------------------------

// libcups' default password callback prompts on the terminal, which would block a worker
// forever; a kiosk has nobody to type a password.
const char* noPassword(const char*, http_t*, const char*, const char*, void*) { return nullptr; }

// Gives up on a request that has been silent for kIoTimeoutSeconds (instead of waiting forever).
int giveUp(http_t*, void*) { return 0; }

struct HttpClose {
    void operator()(http_t* http) const { if (http) httpClose(http); }
};
using HttpPtr = std::unique_ptr<http_t, HttpClose>;

struct IppDelete {
    void operator()(ipp_t* ipp) const { if (ipp) ippDelete(ipp); }
};
using IppPtr = std::unique_ptr<ipp_t, IppDelete>;

struct Endpoint {
    std::string host;  // host name, address or socket path
    int port = 0;      // TCP port (ignored for a socket path)
    std::string name;  // how the server is named in details: "127.0.0.1:631"
};

// SERVER as for probePrinter: "host", "host:port", "[v6]:port", "/path/to/socket", or empty
// for CUPS_SERVER / client.conf / the default (libcups resolves those for this thread).
Endpoint parseServer(const std::string& server) {
    Endpoint ep;
    std::string s = server;
    if (auto v = s.find("/version="); v != std::string::npos) s.resize(v);
    if (s.empty()) {
        ep.host = cupsServer();
        ep.port = ippPort();
    } else if (s[0] == '/') {
        ep.host = s;
        ep.port = ippPort();
    } else if (s[0] == '[') {
        auto close = s.find(']');
        ep.host = s.substr(1, close == std::string::npos ? std::string::npos : close - 1);
        ep.port = (close != std::string::npos && close + 1 < s.size() && s[close + 1] == ':')
                      ? std::atoi(s.c_str() + close + 2) : ippPort();
    } else if (auto colon = s.find(':'); colon != std::string::npos && s.find(':', colon + 1) == std::string::npos) {
        ep.host = s.substr(0, colon);
        ep.port = std::atoi(s.c_str() + colon + 1);
    } else {
        ep.host = s;
        ep.port = ippPort();
    }
    if (ep.port <= 0) ep.port = ippPort();
    ep.name = ep.host[0] == '/' ? ep.host : ep.host + ":" + std::to_string(ep.port);
    return ep;
}

HttpPtr connectServer(const Endpoint& ep, std::string& detail) {
    cupsSetPasswordCB2(noPassword, nullptr);
    errno = 0;
    http_t* http = httpConnect2(ep.host.c_str(), ep.port, nullptr, AF_UNSPEC, cupsEncryption(), 1,
                                kConnectTimeoutMs, nullptr);
    if (!http) {
        const int err = errno;
        detail = "CUPS server " + ep.name + " does not answer" +
                 (err ? std::string(" (") + std::strerror(err) + ")" : std::string());
        return nullptr;
    }
    httpSetTimeout(http, kIoTimeoutSeconds, giveUp, nullptr);
    return HttpPtr(http);
}

// ---------------------------------------------------------------------------------------
// IPP helpers
// ---------------------------------------------------------------------------------------

std::string printerUri(const Endpoint& ep, const std::string& queue) {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ep.port,
                     "/printers/%s", queue.c_str());
    return uri;
}

ipp_t* newRequest(ipp_op_t op, const std::string& uri) {
    ipp_t* request = ippNewRequest(op);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
    return request;
}

void requestAttributes(ipp_t* request, std::initializer_list<const char*> names) {
    std::vector<const char*> list(names);
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(list.size()), nullptr, list.data());
}

std::string stringAttr(ipp_t* response, const char* name) {
    ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
    const char* value = attr ? ippGetString(attr, 0, nullptr) : nullptr;
    return value ? value : "";
}

std::vector<std::string> keywordsAttr(ipp_t* response, const char* name) {
    std::vector<std::string> out;
    if (ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO)) {
        for (int i = 0; i < ippGetCount(attr); ++i)
            if (const char* s = ippGetString(attr, i, nullptr); s && std::strcmp(s, "none") != 0) out.emplace_back(s);
    }
    return out;
}

int intAttr(ipp_t* response, const char* name) {
    ipp_attribute_t* attr = ippFindAttribute(response, name, IPP_TAG_ZERO);
    return attr ? ippGetInteger(attr, 0) : 0;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

bool isIppError(ipp_status_t status) { return status > IPP_STATUS_OK_EVENTS_COMPLETE; }

// ---------------------------------------------------------------------------------------
// probePrinter
// ---------------------------------------------------------------------------------------

PrinterStatus queryPrinter(http_t* http, const Endpoint& ep, const std::string& queue) {
    PrinterStatus status;
    ipp_t* request = newRequest(IPP_OP_GET_PRINTER_ATTRIBUTES, printerUri(ep, queue));
    requestAttributes(request, {"printer-state", "printer-state-message", "printer-state-reasons",
                                "printer-is-accepting-jobs"});
    IppPtr response(cupsDoRequest(http, request, "/"));
    const ipp_status_t ipp = cupsLastError();
    if (ipp == IPP_STATUS_ERROR_NOT_FOUND) {
        status.problem = PrinterProblem::UnknownQueue;
        status.detail = "no queue named \"" + queue + "\" on CUPS server " + ep.name;
        return status;
    }
    if (!response || isIppError(ipp)) {
        status.problem = PrinterProblem::Unreachable;
        status.detail = "CUPS server " + ep.name + " did not answer about \"" + queue + "\": " +
                        cupsLastErrorString();
        return status;
    }
    status.ippState = intAttr(response.get(), "printer-state");
    status.message = stringAttr(response.get(), "printer-state-message");
    status.reasons = keywordsAttr(response.get(), "printer-state-reasons");
    ipp_attribute_t* accepting = ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    status.accepting = accepting && ippGetBoolean(accepting, 0);

    std::string state = status.ippState == IPP_PSTATE_IDLE         ? "idle"
                        : status.ippState == IPP_PSTATE_PROCESSING ? "processing"
                        : status.ippState == IPP_PSTATE_STOPPED    ? "stopped"
                                                                   : "state " + std::to_string(status.ippState);
    std::string extra;
    if (!status.message.empty()) extra += ": " + status.message;
    if (!status.reasons.empty()) extra += " [" + joined(status.reasons) + "]";
    if (!status.accepting) {
        status.problem = PrinterProblem::Rejecting;
        status.detail = "queue \"" + queue + "\" rejects new jobs (" + state + ")" + extra;
    } else if (status.ippState == IPP_PSTATE_STOPPED) {
        status.problem = PrinterProblem::Stopped;
        status.detail = "queue \"" + queue + "\" is stopped" + extra;
    } else {
        status.detail = "queue \"" + queue + "\" is " + state + extra;
    }
    return status;
}

}  // namespace

PrinterStatus probePrinter(const std::string& server, const std::string& queue) {
    PrinterStatus status;
    if (queue.empty()) {
        status.problem = PrinterProblem::NotConfigured;
        status.detail = "no printer queue configured";
        return status;
    }
    const Endpoint ep = parseServer(server);
    HttpPtr http = connectServer(ep, status.detail);
    if (!http) {
        status.problem = PrinterProblem::Unreachable;
        return status;
    }
    return queryPrinter(http.get(), ep, queue);
}

std::vector<std::string> listQueues(const std::string& server, std::string& error) {
    error.clear();
    const Endpoint ep = parseServer(server);
    HttpPtr http = connectServer(ep, error);
    if (!http) return {};
    ipp_t* request = ippNewRequest(IPP_OP_CUPS_GET_PRINTERS);
    requestAttributes(request, {"printer-name"});
    IppPtr response(cupsDoRequest(http.get(), request, "/"));
    const ipp_status_t ipp = cupsLastError();
    std::vector<std::string> queues;
    if (ipp == IPP_STATUS_ERROR_NOT_FOUND) return queues;  // a server without queues says so
    if (!response || isIppError(ipp)) {
        error = "CUPS server " + ep.name + " did not list its queues: " + cupsLastErrorString();
        return queues;
    }
    for (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-name", IPP_TAG_NAME); a;
         a = ippFindNextAttribute(response.get(), "printer-name", IPP_TAG_NAME))
        queues.emplace_back(ippGetString(a, 0, nullptr));
    std::sort(queues.begin(), queues.end());
    return queues;
}

namespace {

// ---------------------------------------------------------------------------------------
// The job being run: state changes are reported through NOTIFY as they happen
// ---------------------------------------------------------------------------------------

using Notify = std::function<void(const PrintJob&)>;

struct Attempt {
    const PrintRequest& request;      // what to print
    const std::atomic<bool>* cancel;  // polled: staff cancelled it, or the service is stopping
    const Notify& notify;             // called after each change of JOB
    Endpoint ep;                      // the server
    HttpPtr http;                     // connection, re-made when it breaks
    PrintJob& job;                    // state reported to the caller

    bool cancelled() const { return cancel && cancel->load(); }

    void set(JobState state, PrinterProblem problem, const std::string& detail) {
        if (job.state == state && job.problem == problem && job.detail == detail) return;
        job.state = state;
        job.problem = problem;
        job.detail = detail;
        if (job.finished()) job.finishedAt = steadySeconds();
        notify(job);
    }
};

// ---------------------------------------------------------------------------------------
// queryJob: Get-Job-Attributes for the attempt's job, reconnecting when the connection broke
// ---------------------------------------------------------------------------------------

struct JobInfo {
    bool answered = false;  // the server answered
    bool found = false;     // the job exists
    int state = 0;          // job-state
    std::string reasons;    // job-state-reasons, joined
    std::string message;    // job-printer-state-message
};

JobInfo queryJob(Attempt& a) {
    JobInfo info;
    if (!a.http) {
        std::string ignored;
        a.http = connectServer(a.ep, ignored);
        if (!a.http) return info;
    }
    ipp_t* request = newRequest(IPP_OP_GET_JOB_ATTRIBUTES, printerUri(a.ep, a.request.queue));
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", a.job.cupsJobId);
    requestAttributes(request, {"job-state", "job-state-reasons", "job-printer-state-message"});
    IppPtr response(cupsDoRequest(a.http.get(), request, "/"));
    const ipp_status_t status = cupsLastError();
    if (status == IPP_STATUS_ERROR_NOT_FOUND) {
        info.answered = true;
        return info;
    }
    if (!response || isIppError(status)) {
        a.http.reset();  // reconnect on the next poll
        return info;
    }
    info.answered = true;
    info.found = true;
    info.state = intAttr(response.get(), "job-state");
    info.reasons = joined(keywordsAttr(response.get(), "job-state-reasons"));
    info.message = stringAttr(response.get(), "job-printer-state-message");
    return info;
}

// ---------------------------------------------------------------------------------------
// purgeJob: Cancel-Job with purge-job, which also removes a completed job's document and
// control files and its history (PreserveJobFiles would keep the document for a day).
// ---------------------------------------------------------------------------------------

bool purgeJob(Attempt& a) {
    if (a.job.cupsJobId <= 0) return true;
    if (!a.http) {
        std::string ignored;
        a.http = connectServer(a.ep, ignored);
        if (!a.http) return false;
    }
    const ipp_status_t status = cupsCancelJob2(a.http.get(), a.request.queue.c_str(), a.job.cupsJobId, 1);
    // Not found: already purged (or the server forgot it), nothing left to remove.
    if (isIppError(status) && status != IPP_STATUS_ERROR_NOT_FOUND) return a.job.purged = false;
    // cupsd deletes the files when it deletes the job, which it may defer while the job's
    // filters and backend are still exiting (an aborted job): wait until it is gone.
    const auto deadline = std::chrono::steady_clock::now() + kPurgeWait;
    do {
        const JobInfo info = queryJob(a);
        if (info.answered && !info.found) return a.job.purged = true;
        std::this_thread::sleep_for(kPurgeCheckInterval);
    } while (std::chrono::steady_clock::now() < deadline);
    return a.job.purged = false;
}

// ---------------------------------------------------------------------------------------
// submitDocument: probe, Create-Job, Send-Document (cupsStartDocument, cupsWriteRequestData,
// cupsFinishDocument) with the PDF from memory
// ---------------------------------------------------------------------------------------

// True when the job was created and its document sent (state Waiting); otherwise the job is
// Failed (or Cancelled) and no CUPS job remains.
bool submitDocument(Attempt& a) {
    const PrintRequest& r = a.request;
    if (r.queue.empty()) {
        a.set(JobState::Failed, PrinterProblem::NotConfigured, "no printer queue configured");
        return false;
    }
    std::string detail;
    a.http = connectServer(a.ep, detail);
    if (!a.http) {
        a.set(JobState::Failed, PrinterProblem::Unreachable, detail);
        return false;
    }
    // Without this probe a stopped server and an unknown queue both look like a failed
    // Create-Job; the probe tells them apart and refuses a rejecting queue up front.
    const PrinterStatus printer = queryPrinter(a.http.get(), a.ep, r.queue);
    if (printer.problem == PrinterProblem::Unreachable || printer.problem == PrinterProblem::UnknownQueue ||
        printer.problem == PrinterProblem::Rejecting) {
        a.set(JobState::Failed, printer.problem, printer.detail);
        return false;
    }
    if (a.cancelled()) {
        a.set(JobState::Cancelled, PrinterProblem::JobCancelled, "cancelled before submission");
        return false;
    }

    // Create-Job is sent directly: cupsCreateJob() first resolves the queue through
    // cupsGetNamedDest(), which answered "The printer or class does not exist" for a queue
    // that exists on a server reached through our own http_t (measured with the test cupsd).
    const std::string title = r.title.empty() ? std::string("zwgk") : r.title;
    ipp_t* create = newRequest(IPP_OP_CREATE_JOB, printerUri(a.ep, r.queue));
    ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, title.c_str());
    if (!r.options.empty()) {
        cups_option_t* options = nullptr;
        int numOptions = 0;
        for (const auto& [name, value] : r.options)
            numOptions = cupsAddOption(name.c_str(), value.c_str(), numOptions, &options);
        cupsEncodeOptions2(create, numOptions, options, IPP_TAG_OPERATION);
        cupsEncodeOptions2(create, numOptions, options, IPP_TAG_JOB);
        cupsFreeOptions(numOptions, options);
    }
    IppPtr created(cupsDoRequest(a.http.get(), create, "/"));
    ipp_attribute_t* idAttr = created ? ippFindAttribute(created.get(), "job-id", IPP_TAG_INTEGER) : nullptr;
    const int id = !isIppError(cupsLastError()) && idAttr ? ippGetInteger(idAttr, 0) : 0;
    if (id <= 0) {
        const ipp_status_t status = cupsLastError();
        const std::string why = cupsLastErrorString();
        if (status == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
            a.set(JobState::Failed, PrinterProblem::Rejecting, "queue \"" + r.queue + "\" rejects new jobs: " + why);
        else if (status == IPP_STATUS_ERROR_NOT_FOUND)
            a.set(JobState::Failed, PrinterProblem::UnknownQueue, "no queue named \"" + r.queue + "\": " + why);
        else
            a.set(JobState::Failed, PrinterProblem::SubmitFailed, "Create-Job failed: " + why);
        return false;
    }
    a.job.cupsJobId = id;

    // The document goes from memory straight into the request body: no file of ours.
    // Its document-name has no white space: Debian's cupsd 2.4.2-3+deb12u10 copies the
    // document-name into the filters' options in a loop that never advances past a space and
    // overruns its buffer until the scheduler crashes (seen here, in gdb, on every such job).
    std::string documentName = title;
    for (char& c : documentName)
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') c = '_';
    bool sent = cupsStartDocument(a.http.get(), r.queue.c_str(), id, documentName.c_str(), CUPS_FORMAT_PDF, 1) ==
                HTTP_STATUS_CONTINUE;
    for (size_t off = 0; sent && off < r.pdf.size(); off += kWriteChunk) {
        const size_t n = std::min(kWriteChunk, r.pdf.size() - off);
        sent = cupsWriteRequestData(a.http.get(), r.pdf.data() + off, n) == HTTP_STATUS_CONTINUE;
    }
    const ipp_status_t finished = cupsFinishDocument(a.http.get(), r.queue.c_str());
    if (!sent || isIppError(finished)) {
        const std::string why = cupsLastErrorString();
        // The half-made job must not linger with part of the document in the spool.
        a.http.reset();
        const bool purged = purgeJob(a);
        a.set(JobState::Failed, PrinterProblem::SubmitFailed,
              "sending the document failed: " + why + (purged ? "" : " (job " + std::to_string(id) + " not purged)"));
        return false;
    }
    a.set(JobState::Waiting, PrinterProblem::None, "job " + std::to_string(id) + " on \"" + r.queue + "\" sent");
    return true;
}

// ---------------------------------------------------------------------------------------
// watchJob: polls the job (and the printer while the job is not done) until an end state
// ---------------------------------------------------------------------------------------

// Ends the attempt: the CUPS job is cancelled if still active and purged (cupsCancelJob2
// with purge does both in one request) before the end state is reported, so a caller that
// sees Completed / Failed / Cancelled finds nothing of the job left in the spool.
void finish(Attempt& a, JobState state, PrinterProblem problem, std::string detail) {
    if (!purgeJob(a)) detail += "; not purged from the spool (the server did not confirm)";
    a.set(state, problem, detail);
}

void watchJob(Attempt& a, double deadline) {
    const std::string id = std::to_string(a.job.cupsJobId);
    for (;;) {
        if (a.cancelled()) {
            finish(a, JobState::Cancelled, PrinterProblem::JobCancelled, "job " + id + " cancelled");
            return;
        }
        const JobInfo info = queryJob(a);
        if (info.found) {
            const std::string why = (info.reasons.empty() ? "" : " [" + info.reasons + "]") +
                                    (info.message.empty() ? "" : ": " + info.message);
            if (info.state == IPP_JSTATE_COMPLETED) {
                finish(a, JobState::Completed, PrinterProblem::None, "job " + id + " completed");
                return;
            }
            if (info.state == IPP_JSTATE_ABORTED) {
                finish(a, JobState::Failed, PrinterProblem::JobAborted, "job " + id + " aborted by CUPS" + why);
                return;
            }
            if (info.state == IPP_JSTATE_CANCELED) {
                finish(a, JobState::Failed, PrinterProblem::JobCancelled, "job " + id + " cancelled at the server" + why);
                return;
            }
            // Pending, held, processing or stopped: is the printer holding it up?
            const PrinterStatus printer = queryPrinter(a.http.get(), a.ep, a.request.queue);
            if (printer.problem == PrinterProblem::Stopped) {
                a.set(JobState::Stalled, PrinterProblem::Stopped, "job " + id + " waits: " + printer.detail);
            } else if (info.state == IPP_JSTATE_HELD || info.state == IPP_JSTATE_STOPPED) {
                a.set(JobState::Stalled, PrinterProblem::Stopped,
                      "job " + id + (info.state == IPP_JSTATE_HELD ? " is held" : " is stopped") + why);
            } else {
                a.set(JobState::Waiting, PrinterProblem::None,
                      "job " + id + (info.state == IPP_JSTATE_PROCESSING ? " printing" : " queued") + why);
            }
        } else if (info.answered) {
            finish(a, JobState::Failed, PrinterProblem::JobCancelled, "job " + id + " is no longer known to the server");
            return;
        } else {
            // The server stopped answering (restarting?): keep waiting until the deadline.
            a.set(JobState::Stalled, PrinterProblem::Unreachable,
                  "job " + id + " waits: CUPS server " + a.ep.name + " does not answer");
        }

        if (steadySeconds() >= deadline) {
            const bool purged = purgeJob(a);
            a.set(JobState::Failed, PrinterProblem::TimedOut,
                  "job " + id + " not completed within " + formatSeconds(a.request.timeoutSeconds) + " s; " +
                      (purged ? "cancelled" : "could not be cancelled (it may still print)"));
            return;
        }
        // Sleep in slices so that a cancel is acted on within a few milliseconds.
        const auto until = std::chrono::steady_clock::now() + kPollInterval;
        while (std::chrono::steady_clock::now() < until && !a.cancelled()) std::this_thread::sleep_for(5ms);
    }
}

// ---------------------------------------------------------------------------------------
// executeJob: one attempt, from submission to purge
// ---------------------------------------------------------------------------------------

void executeJob(const PrintRequest& request, const std::atomic<bool>* cancel, PrintJob& job, const Notify& notify) {
    Attempt a{request, cancel, notify, parseServer(request.server), nullptr, job};
    const double deadline = steadySeconds() + std::max(0.0, request.timeoutSeconds);
    job.cupsJobId = 0;
    job.purged = false;
    a.set(JobState::Submitting, PrinterProblem::None, "submitting to \"" + request.queue + "\" on " + a.ep.name);
    if (!submitDocument(a)) return;
    watchJob(a, deadline);
}

}  // namespace

PrintJob printAndWait(const PrintRequest& request, const std::atomic<bool>* cancel) {
    PrintJob job;
    job.request = request;
    job.queuedAt = steadySeconds();
    job.attempts = 1;
    executeJob(request, cancel, job, [](const PrintJob&) {});
    if (job.state == JobState::Completed) job.request.pdf.clear();
    return job;
}

// ---------------------------------------------------------------------------------------
// PrintService
// ---------------------------------------------------------------------------------------

namespace {

constexpr size_t kKeptJobs = 100;  // finished jobs kept for job()/jobs()

PrintJob withoutDocument(const PrintJob& job) {
    PrintJob copy;
    copy.id = job.id;
    copy.request.server = job.request.server;
    copy.request.queue = job.request.queue;
    copy.request.title = job.request.title;
    copy.request.timeoutSeconds = job.request.timeoutSeconds;
    copy.request.options = job.request.options;
    copy.state = job.state;
    copy.problem = job.problem;
    copy.cupsJobId = job.cupsJobId;
    copy.detail = job.detail;
    copy.queuedAt = job.queuedAt;
    copy.finishedAt = job.finishedAt;
    copy.attempts = job.attempts;
    copy.purged = job.purged;
    return copy;
}

}  // namespace

PrintService::PrintService(std::function<void()> onChange) : onChange_(std::move(onChange)) {
    worker_ = std::thread([this] { run(); });
}

PrintService::~PrintService() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        for (int id : pending_) {
            for (PrintJob& job : jobs_) {
                if (job.id != id) continue;
                job.state = JobState::Cancelled;
                job.problem = PrinterProblem::JobCancelled;
                job.detail = "print service stopped";
                job.finishedAt = steadySeconds();
            }
        }
        pending_.clear();
        if (current_) cancelCurrent_ = true;
    }
    wake_.notify_all();
    if (worker_.joinable()) worker_.join();
}

int PrintService::submit(PrintRequest request) {
    int id = 0;
    {
        std::lock_guard lock(mutex_);
        id = nextId_++;
        PrintJob job;
        job.id = id;
        job.request = std::move(request);
        job.queuedAt = steadySeconds();
        jobs_.push_back(std::move(job));
        pending_.push_back(id);
        // Forget the oldest finished jobs beyond kKeptJobs (with their documents).
        size_t finished = 0;
        for (const PrintJob& j : jobs_) finished += j.finished();
        for (auto it = jobs_.begin(); finished > kKeptJobs && it != jobs_.end();) {
            if (it->finished()) {
                it = jobs_.erase(it);
                --finished;
            } else {
                ++it;
            }
        }
    }
    wake_.notify_one();
    return id;
}

bool PrintService::cancel(int id) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const PrintJob& j) { return j.id == id; });
    if (it == jobs_.end() || it->finished()) return false;
    if (current_ == id) {
        // The worker cancels the CUPS job and reports Cancelled (unless it completed first).
        cancelCurrent_ = true;
        return true;
    }
    pending_.erase(std::remove(pending_.begin(), pending_.end(), id), pending_.end());
    it->state = JobState::Cancelled;
    it->problem = PrinterProblem::JobCancelled;
    it->detail = "cancelled before printing";
    it->finishedAt = steadySeconds();
    return true;
}

bool PrintService::retry(int id) {
    {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const PrintJob& j) { return j.id == id; });
        if (it == jobs_.end() || (it->state != JobState::Failed && it->state != JobState::Cancelled) ||
            it->request.pdf.empty() || stopping_)
            return false;
        it->state = JobState::Queued;
        it->problem = PrinterProblem::None;
        it->cupsJobId = 0;
        it->purged = false;
        it->detail = "queued again";
        it->queuedAt = steadySeconds();
        it->finishedAt = 0;
        pending_.push_back(id);
    }
    wake_.notify_one();
    return true;
}

std::optional<PrintJob> PrintService::job(int id) const {
    std::lock_guard lock(mutex_);
    for (const PrintJob& j : jobs_)
        if (j.id == id) return withoutDocument(j);
    return std::nullopt;
}

std::vector<PrintJob> PrintService::jobs() const {
    std::lock_guard lock(mutex_);
    std::vector<PrintJob> out;
    for (auto it = jobs_.rbegin(); it != jobs_.rend() && out.size() < kKeptJobs; ++it) out.push_back(withoutDocument(*it));
    return out;
}

void PrintService::run() {
    for (;;) {
        int id = 0;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
            if (stopping_) return;
            id = pending_.front();
            pending_.pop_front();
            current_ = id;
            cancelCurrent_ = false;
        }
        runJob(id);
        {
            std::lock_guard lock(mutex_);
            current_ = 0;
        }
    }
}

void PrintService::runJob(int id) {
    PrintRequest request;
    {
        std::lock_guard lock(mutex_);
        auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const PrintJob& j) { return j.id == id; });
        if (it == jobs_.end()) return;
        it->attempts += 1;
        request = it->request;  // a copy: the worker prints without holding the lock
    }
    PrintJob progress;
    progress.id = id;
    auto publish = [&](const PrintJob& p) {
        {
            std::lock_guard lock(mutex_);
            auto it = std::find_if(jobs_.begin(), jobs_.end(), [&](const PrintJob& j) { return j.id == id; });
            if (it == jobs_.end()) return;
            it->state = p.state;
            it->problem = p.problem;
            it->cupsJobId = p.cupsJobId;
            it->detail = p.detail;
            it->finishedAt = p.finishedAt;
            it->purged = p.purged;
            // A printed receipt's document is not kept; a failed one stays for retry().
            if (p.state == JobState::Completed) {
                it->request.pdf.clear();
                it->request.pdf.shrink_to_fit();
            }
        }
        if (onChange_) onChange_();
    };
    executeJob(request, &cancelCurrent_, progress, publish);
}

}  // namespace zwgk
