// Printing through CUPS: the only code that includes cups.h. Probes a named queue, submits a
// PDF held in memory (no spool file of ours), watches the job to completion and purges it,
// so that no personal data stays in the CUPS spool after a job.
//
// Print job state machine (PrintJob::state; transitions in the functions named, all in
// print_queue.cpp):
//
//   Queued ──worker picks it──────────────► Submitting     PrintService::runJob → executeJob
//   Submitting ──job created, data sent───► Waiting        submitDocument
//   Submitting ──no queue configured / server unreachable / unknown queue / rejecting /
//                create or send failed────► Failed         submitDocument (probes first)
//   Waiting ──printer stopped or paused, job held or stopped, server not answering──► Stalled
//                                                          watchJob  (still waiting)
//   Stalled ──printer idle/processing again► Waiting       watchJob
//   Waiting/Stalled ──aborted/canceled by CUPS, or job vanished──► Failed   watchJob
//   Waiting/Stalled ──timeout──────────────► Failed(TimedOut), job cancelled   watchJob
//   Queued ──cancel(id)────────────────────► Cancelled     PrintService::cancel
//   Submitting/Waiting/Stalled ──cancel(id)► Cancelled, job cancelled   watchJob (cancel sets
//                                                          a flag; a job that completes first
//                                                          stays Completed)
//   Failed/Cancelled ──retry(id)───────────► Queued (a new CUPS job)   PrintService::retry
//   → Completed/Failed/Cancelled: the CUPS job is purged (files and history) before the end
//     state is reported, and PrintJob::purged says whether the server confirmed it   purgeJob
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <optional>
#include <utility>
#include <vector>

namespace zwgk {

// What keeps a job from printing, in words for staff; the citizen sees one plain sentence.
enum class PrinterProblem {
    None,          // ready / printed
    NotConfigured, // no queue name configured
    Unreachable,   // the CUPS server does not answer
    UnknownQueue,  // no such queue on the server
    Stopped,       // the queue is paused (cupsdisable) or stopped after an error
    Rejecting,     // the queue refuses new jobs (cupsreject)
    JobAborted,    // CUPS aborted the job (filter or backend failure)
    JobCancelled,  // cancelled at the server or by staff
    TimedOut,      // not completed within the time allowed; cancelled
    SubmitFailed,  // the job could not be created or its data not sent
};
const char* printerProblemName(PrinterProblem problem);  // "stopped", "unreachable" …

struct PrinterStatus {
    PrinterProblem problem = PrinterProblem::None;  // None when jobs would print now
    int ippState = 0;                 // printer-state: 3 idle, 4 processing, 5 stopped; 0 unknown
    bool accepting = false;           // printer-is-accepting-jobs
    std::string message;              // printer-state-message, may be empty
    std::vector<std::string> reasons; // printer-state-reasons other than "none"
    std::string detail;               // one English line for logs and staff screens
};

// Asks SERVER (host:port or a socket path; empty: CUPS_SERVER or the default) about QUEUE.
PrinterStatus probePrinter(const std::string& server, const std::string& queue);
// The queues SERVER (as for probePrinter) offers, sorted by name. When the server does not
// answer the list is empty and ERROR says why (empty otherwise).
std::vector<std::string> listQueues(const std::string& server, std::string& error);

struct PrintRequest {
    std::string server;          // as for probePrinter
    std::string queue;           // CUPS queue name
    std::string title;           // job-name: never personal data (e.g. "回执 LL01-7KX4-M9QH")
    std::string pdf;             // document bytes (application/pdf)
    double timeoutSeconds = 60;  // give up (and cancel) after this long
    std::vector<std::pair<std::string, std::string>> options;  // extra job options, e.g. {"media", "Custom.80x200mm"}
};

enum class JobState { Queued, Submitting, Waiting, Stalled, Completed, Failed, Cancelled };
const char* jobStateName(JobState state);

struct PrintJob {
    int id = 0;                        // PrintService's own id (not the CUPS job id)
    PrintRequest request;              // what to print (pdf dropped once Completed, kept for
                                       // retry otherwise; copies from job()/jobs() never carry it)
    JobState state = JobState::Queued; // see the state machine above
    PrinterProblem problem = PrinterProblem::None;  // why Stalled / Failed
    int cupsJobId = 0;                 // 0 until created
    std::string detail;                // English, for logs and staff
    double queuedAt = 0;               // steady-clock seconds
    double finishedAt = 0;             // 0 until Completed / Failed / Cancelled
    int attempts = 0;                  // 1 + retries
    bool purged = false;               // the CUPS job's files and history are gone from the server
    bool finished() const {
        return state == JobState::Completed || state == JobState::Failed || state == JobState::Cancelled;
    }
};

// Blocking: submits REQUEST, watches it to an end state and purges it. For tools and tests;
// the terminal uses PrintService so that the UI never waits. CANCEL, if given, is polled.
PrintJob printAndWait(const PrintRequest& request, const std::atomic<bool>* cancel = nullptr);

// One worker thread that prints jobs in order; every method is thread-safe and returns at
// once. The UI polls job(id) each frame it draws (or is woken by the callback).
class PrintService {
public:
    // ONCHANGE (optional) is called on the worker thread after any job changes state.
    explicit PrintService(std::function<void()> onChange = {});
    ~PrintService();  // cancels what is not finished and joins the worker
    PrintService(const PrintService&) = delete;
    PrintService& operator=(const PrintService&) = delete;

    int submit(PrintRequest request);     // returns the job id
    bool cancel(int id);                  // false when unknown or already finished
    bool retry(int id);                   // a finished Failed/Cancelled job printed again
    std::optional<PrintJob> job(int id) const;  // a copy without the document bytes
    std::vector<PrintJob> jobs() const;   // newest first, at most the last 100 (no document bytes)

private:
    void run();          // the worker loop
    void runJob(int id); // one attempt of job ID, on the worker

    mutable std::mutex mutex_;             // guards everything below
    std::condition_variable wake_;         // new work or stop
    std::deque<int> pending_;              // ids waiting for the worker
    std::vector<PrintJob> jobs_;           // all known jobs, oldest first
    int nextId_ = 1;                       // next job id
    int current_ = 0;                      // id being printed, 0 when idle
    std::atomic<bool> cancelCurrent_{false};  // asks the worker to abandon current_
    bool stopping_ = false;                // destructor called
    std::function<void()> onChange_;       // notification hook
    std::thread worker_;                   // runs run()
};

}  // namespace zwgk
