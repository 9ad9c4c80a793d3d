// Helpers for tests that print through the private cupsd that the CTest fixture "cupsd"
// starts (tests/support/cupsd.sh; tests/CMakeLists.txt passes its folder to every test
// binary as ZWGK_CUPSD_DIR). Header-only, no dependency beyond the C++ library: include it
// from any test binary (add tests/support to the include path, or include it by relative
// path) and add `FIXTURES cupsd` to that binary's zwgk_test() call.
//
//   namespace ct = zwgk::cupstest;
//   ct::ScopedQueue queue;                 // a new file: queue with a unique name, deleted at the end
//   request.server = ct::server();         // "127.0.0.1:PORT"
//   request.queue = queue.name;
//   ct::pauseQueue(queue.name);            // cupsdisable: jobs wait, printer-state 5
//   ct::resumeQueue(queue.name);           // cupsenable: they print
//   ct::waitForFile(queue.output, 5);      // the printed PDF (one file per queue, overwritten)
//   ct::spoolDocuments(cupsJobId);         // d<job>-* files still in the RequestRoot
//
// Every function throws std::runtime_error with a readable message when something is
// missing or a command fails; GoogleTest reports that as the test's failure.
#pragma once

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace zwgk::cupstest {

namespace fs = std::filesystem;

// ---- the daemon ------------------------------------------------------------------------

// $ZWGK_CUPSD_DIR, the folder cupsd.sh started the daemon in.
inline fs::path cupsdDir() {
    const char* env = std::getenv("ZWGK_CUPSD_DIR");
    if (!env || !*env)
        throw std::runtime_error(
            "ZWGK_CUPSD_DIR is not set: run this test through ctest (the cupsd fixture starts the "
            "private cupsd), or start one with `bash tests/support/cupsd.sh start DIR` and export "
            "ZWGK_CUPSD_DIR=DIR");
    return env;
}

// "127.0.0.1:PORT": what PrintRequest::server and `lpstat -h` take.
inline std::string server() {
    const fs::path file = cupsdDir() / "server";
    std::ifstream in(file);
    std::string s;
    if (!in || !std::getline(in, s) || s.empty())
        throw std::runtime_error("no private cupsd running: " + file.string() +
                                 " is missing (did the cupsd_start fixture test fail? see " +
                                 (cupsdDir() / "log/error_log").string() + ")");
    return s;
}

// The daemon's RequestRoot: d<job>-<doc> documents and c<job> control files.
inline fs::path spoolDir() { return cupsdDir() / "spool"; }

// ---- commands ----------------------------------------------------------------------------

struct CommandResult {
    int status = -1;     // exit status (-1 when it did not exit normally)
    std::string output;  // stdout and stderr together
};

// Runs COMMAND with /bin/sh; OUTPUT gets its stdout, and its stderr too unless WITHSTDERR is false
// (then stderr is discarded: some tools print noise there, e.g. zbarimg about D-Bus).
inline CommandResult runCommand(const std::string& command, bool withStderr = true) {
    CommandResult result;
    FILE* pipe = ::popen(("{ " + command + (withStderr ? "; } 2>&1" : "; } 2>/dev/null")).c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    char buf[4096];
    size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) result.output.append(buf, n);
    const int raw = ::pclose(pipe);
    result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    return result;
}

// Runs COMMAND and throws with its output unless it exits 0.
inline std::string runChecked(const std::string& command, bool withStderr = true) {
    CommandResult r = runCommand(command, withStderr);
    if (r.status != 0)
        throw std::runtime_error("command failed (exit " + std::to_string(r.status) + "): " + command + "\n" + r.output);
    return r.output;
}

// TEXT as one shell word.
inline std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// ---- queues ------------------------------------------------------------------------------

inline constexpr const char* kGenericPdfPpd = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd";

struct FileQueue {
    std::string name;  // CUPS queue name, unique per process and call
    fs::path output;   // where the queue writes each job's PDF (overwritten per job)
};

// A unique queue name: PREFIX-<pid>-<n>. Parallel test processes never share a queue, so one
// test pausing its queue does not hold up another.
inline std::string uniqueQueueName(const std::string& prefix = "t") {
    static std::atomic<int> counter{0};
    return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

enum class QueueKind {
    File,      // prints to DIR/out/NAME.pdf (the zwgk-file backend of tests/support/cupsd.sh)
    Aborting,  // fault injection: the zwgk-fail backend fails every job and the queue's
               // printer-error-policy=abort-job makes CUPS abort it (job-state 8)
};

// A new, enabled, accepting queue with cups-filters' Generic PDF PPD (pdftopdf), writing
// PDF to DIR/out/NAME.pdf (or, Aborting, aborting every job). `lpadmin -m` would need
// cups-driverd (package cups, not installed), so the PPD is given as a file with -P.
inline FileQueue createFileQueue(const std::string& prefix = "t", QueueKind kind = QueueKind::File) {
    FileQueue q;
    q.name = uniqueQueueName(prefix);
    q.output = cupsdDir() / "out" / (q.name + ".pdf");
    std::error_code ec;
    fs::remove(q.output, ec);
    const std::string uri = kind == QueueKind::File ? "zwgk-file:" + q.output.string() : "zwgk-fail:/";
    runChecked("lpadmin -h " + shellQuote(server()) + " -p " + shellQuote(q.name) + " -E -v " + shellQuote(uri) +
               " -P " + kGenericPdfPpd + (kind == QueueKind::Aborting ? " -o printer-error-policy=abort-job" : ""));
    return q;
}

// cupsdisable: the queue keeps accepting jobs but holds them (printer-state 5, reason "paused",
// printer-state-message REASON).
inline void pauseQueue(const std::string& name, const std::string& reason = "paused by test") {
    runChecked("cupsdisable -h " + shellQuote(server()) + " -r " + shellQuote(reason) + " " + shellQuote(name));
}
inline void resumeQueue(const std::string& name) {
    runChecked("cupsenable -h " + shellQuote(server()) + " " + shellQuote(name));
}
// cupsreject: new jobs are refused (printer-is-accepting-jobs false).
inline void rejectQueue(const std::string& name, const std::string& reason = "rejecting by test") {
    runChecked("cupsreject -h " + shellQuote(server()) + " -r " + shellQuote(reason) + " " + shellQuote(name));
}
inline void acceptQueue(const std::string& name) {
    runChecked("cupsaccept -h " + shellQuote(server()) + " " + shellQuote(name));
}
inline void deleteQueue(const std::string& name) {
    runChecked("lpadmin -h " + shellQuote(server()) + " -x " + shellQuote(name));
}
// Cancels job JOBID at the server as staff would with `cancel` (not purged: its history stays).
inline void cancelJobAtServer(int jobId) {
    runChecked("cancel -h " + shellQuote(server()) + " " + std::to_string(jobId));
}
// True while the server still knows job JOBID of QUEUE (active, or in the completed history).
inline bool jobKnown(const std::string& queue, int jobId) {
    const std::string out = runChecked("lpstat -h " + shellQuote(server()) + " -W all -o " + shellQuote(queue));
    const std::string id = queue + "-" + std::to_string(jobId) + " ";
    return out.find(id) != std::string::npos;
}

// createFileQueue() for the scope of a test; deleted (quietly) at the end.
class ScopedQueue {
public:
    explicit ScopedQueue(const std::string& prefix = "t", QueueKind kind = QueueKind::File) {
        FileQueue q = createFileQueue(prefix, kind);
        name = q.name;
        output = q.output;
    }
    ~ScopedQueue() {
        try {
            runCommand("lpadmin -h " + shellQuote(server()) + " -x " + shellQuote(name));
        } catch (...) {
        }
        std::error_code ec;
        fs::remove(output, ec);
    }
    ScopedQueue(const ScopedQueue&) = delete;
    ScopedQueue& operator=(const ScopedQueue&) = delete;

    std::string name;  // the queue name
    fs::path output;   // its output PDF
};

// ---- output and spool --------------------------------------------------------------------

// Waits until PATH exists, is not empty and has stopped growing; false after TIMEOUTSECONDS.
inline bool waitForFile(const fs::path& path, double timeoutSeconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeoutSeconds);
    std::uintmax_t last = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        std::error_code ec;
        const std::uintmax_t size = fs::exists(path, ec) ? fs::file_size(path, ec) : 0;
        if (!ec && size > 0 && size == last) return true;
        last = ec ? 0 : size;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// Document files of job JOBID (d<5-digit id>-<doc>) in the spool, or of every job when 0.
inline std::vector<std::string> spoolDocuments(int jobId = 0) {
    std::vector<std::string> out;
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "d%05d-", jobId);
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(spoolDir(), ec)) {
        const std::string name = entry.path().filename().string();
        if (jobId ? name.rfind(prefix, 0) == 0 : (name.size() > 1 && name[0] == 'd' && std::isdigit(static_cast<unsigned char>(name[1]))))
            out.push_back(name);
    }
    return out;
}

// The control file of job JOBID (c<5-digit id>): it holds the job's attributes.
inline bool spoolControlFileExists(int jobId) {
    char name[32];
    std::snprintf(name, sizeof name, "c%05d", jobId);
    return fs::exists(spoolDir() / name);
}

// The text of a PDF file as `pdftotext -layout` extracts it.
inline std::string pdfText(const fs::path& pdf) {
    return runChecked("pdftotext -layout " + shellQuote(pdf.string()) + " -");
}

}  // namespace zwgk::cupstest
