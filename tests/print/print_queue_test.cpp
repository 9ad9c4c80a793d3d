// probePrinter and printAndWait against the private cupsd (tests/support/cupsd.sh): real
// queues writing PDF files, paused, rejecting, unknown and unreachable servers, and the spool
// checked for documents left behind. Each test makes its own queue (unique name), so tests
// run in parallel without holding each other up.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "cups_test_support.h"
#include "print_test_support.h"
#include "print_queue.h"
#include "receipt.h"

namespace zwgk {
namespace {

namespace ct = cupstest;
using printtest::receiptPdf;
using printtest::requestFor;
using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}


// The job's document and control files are gone from the spool, and the server has
// forgotten the job (no history: the title is all it kept, but nothing should stay).
void expectNothingLeft(const std::string& queue, int cupsJobId) {
    ASSERT_GT(cupsJobId, 0);
    EXPECT_TRUE(ct::spoolDocuments(cupsJobId).empty()) << "document of job " << cupsJobId << " still in " << ct::spoolDir();
    EXPECT_FALSE(ct::spoolControlFileExists(cupsJobId)) << "control file of job " << cupsJobId;
    EXPECT_FALSE(ct::jobKnown(queue, cupsJobId)) << "job " << cupsJobId << " still in the server's history";
}

// ---- probePrinter ---------------------------------------------------------------------

TEST(ProbePrinter, IdleQueueIsReady) {
    ct::ScopedQueue queue;
    const PrinterStatus status = probePrinter(ct::server(), queue.name);
    EXPECT_EQ(status.problem, PrinterProblem::None) << status.detail;
    EXPECT_EQ(status.ippState, 3);
    EXPECT_TRUE(status.accepting);
    EXPECT_TRUE(status.reasons.empty());
}

TEST(ProbePrinter, PausedQueueIsStoppedWithItsMessage) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name, "卷纸用完 paper out");
    const PrinterStatus status = probePrinter(ct::server(), queue.name);
    EXPECT_EQ(status.problem, PrinterProblem::Stopped) << status.detail;
    EXPECT_EQ(status.ippState, 5);
    EXPECT_EQ(status.message, "卷纸用完 paper out");
    EXPECT_NE(status.detail.find("卷纸用完 paper out"), std::string::npos) << status.detail;
    EXPECT_NE(std::find(status.reasons.begin(), status.reasons.end(), "paused"), status.reasons.end());
    EXPECT_STREQ(printerProblemName(status.problem), "stopped");
}

TEST(ProbePrinter, RejectingQueue) {
    ct::ScopedQueue queue;
    ct::rejectQueue(queue.name);
    const PrinterStatus status = probePrinter(ct::server(), queue.name);
    EXPECT_EQ(status.problem, PrinterProblem::Rejecting) << status.detail;
    EXPECT_FALSE(status.accepting);
}

TEST(ProbePrinter, UnknownQueue) {
    const PrinterStatus status = probePrinter(ct::server(), ct::uniqueQueueName("missing"));
    EXPECT_EQ(status.problem, PrinterProblem::UnknownQueue) << status.detail;
}

TEST(ProbePrinter, UnreachableServerAnswersQuickly) {
    const auto start = Clock::now();
    const PrinterStatus status = probePrinter("127.0.0.1:1", "receipt");
    EXPECT_EQ(status.problem, PrinterProblem::Unreachable) << status.detail;
    EXPECT_LT(secondsSince(start), 2.5);
    EXPECT_NE(status.detail.find("127.0.0.1:1"), std::string::npos) << status.detail;
}

TEST(ProbePrinter, NoQueueConfigured) {
    EXPECT_EQ(probePrinter(ct::server(), "").problem, PrinterProblem::NotConfigured);
}

TEST(ProbePrinter, SocketPathServer) {
    // cupsd.sh also listens on DIR/cups.sock when the path is short enough.
    const auto socket = ct::cupsdDir() / "cups.sock";
    if (!std::filesystem::exists(socket)) GTEST_SKIP() << "no socket at " << socket;
    ct::ScopedQueue queue;
    EXPECT_EQ(probePrinter(socket.string(), queue.name).problem, PrinterProblem::None);
}

// ---- printAndWait ---------------------------------------------------------------------

TEST(PrintAndWait, ReceiptIsPrintedAndPurged) {
    ct::ScopedQueue queue;
    const PrintJob job = printAndWait(requestFor(queue.name, "LL01-PRNT-0001"));
    ASSERT_EQ(job.state, JobState::Completed) << job.detail;
    EXPECT_EQ(job.problem, PrinterProblem::None);
    EXPECT_TRUE(job.purged);
    EXPECT_TRUE(job.request.pdf.empty()) << "the document is dropped once printed";
    ASSERT_TRUE(ct::waitForFile(queue.output, 10)) << queue.output;
    const std::string text = ct::pdfText(queue.output);
    EXPECT_NE(text.find("LL01-PRNT-0001"), std::string::npos) << text;
    EXPECT_NE(text.find("政府信息公开申请回执"), std::string::npos) << text;
    expectNothingLeft(queue.name, job.cupsJobId);
}

TEST(PrintAndWait, WithoutPurgeTheSpoolKeepsTheDocument) {
    // Why the purge matters, and proof that expectNothingLeft can fail: a job printed with
    // `lp` (no purge) leaves its document in the spool for PreserveJobFiles (a day).
    ct::ScopedQueue queue;
    const auto file = ct::cupsdDir() / "out" / (queue.name + "-input.pdf");
    std::ofstream(file, std::ios::binary) << receiptPdf("LL01-KEEP-0001");
    const std::string out = ct::runChecked("lp -h " + ct::shellQuote(ct::server()) + " -d " + ct::shellQuote(queue.name) +
                                           " " + ct::shellQuote(file.string()));
    std::filesystem::remove(file);
    const int id = std::stoi(out.substr(out.find(queue.name + "-") + queue.name.size() + 1));
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    for (int i = 0; i < 100 && ct::jobKnown(queue.name, id) && ct::spoolDocuments(id).empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(ct::spoolDocuments(id).empty()) << "CUPS no longer preserves job files: the purge test proves less";
    ct::runCommand("cancel -h " + ct::shellQuote(ct::server()) + " -x " + std::to_string(id));
}

TEST(PrintAndWait, RejectingQueueFailsWithoutAJob) {
    ct::ScopedQueue queue;
    ct::rejectQueue(queue.name);
    const PrintJob job = printAndWait(requestFor(queue.name, "LL01-REJ0-0001"));
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::Rejecting) << job.detail;
    EXPECT_EQ(job.cupsJobId, 0);
    EXPECT_FALSE(job.request.pdf.empty()) << "kept for a retry";
}

TEST(PrintAndWait, UnknownQueueFails) {
    const PrintJob job = printAndWait(requestFor(ct::uniqueQueueName("missing"), "LL01-UNKN-0001"));
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::UnknownQueue) << job.detail;
}

TEST(PrintAndWait, UnreachableServerFailsQuickly) {
    PrintRequest request = requestFor("receipt", "LL01-UNRE-0001");
    request.server = "127.0.0.1:1";
    const auto start = Clock::now();
    const PrintJob job = printAndWait(request);
    EXPECT_LT(secondsSince(start), 2.5);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::Unreachable) << job.detail;
}

TEST(PrintAndWait, NoQueueConfigured) {
    PrintRequest request = requestFor("", "LL01-NONE-0001");
    EXPECT_EQ(printAndWait(request).problem, PrinterProblem::NotConfigured);
}

TEST(PrintAndWait, PausedQueueTimesOutAndTheJobIsGone) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name, "paused by test");
    const auto start = Clock::now();
    const PrintJob job = printAndWait(requestFor(queue.name, "LL01-TIME-0001", 1.0));
    const double took = secondsSince(start);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::TimedOut) << job.detail;
    EXPECT_GE(took, 1.0);
    EXPECT_LT(took, 4.0);
    EXPECT_TRUE(job.purged);
    expectNothingLeft(queue.name, job.cupsJobId);
    // Resuming prints nothing: the job was cancelled.
    ct::resumeQueue(queue.name);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_FALSE(std::filesystem::exists(queue.output));
}

TEST(PrintAndWait, CancelFlagCancelsAWaitingJob) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name);
    std::atomic<bool> cancel{false};
    std::thread staff([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        cancel = true;
    });
    const auto start = Clock::now();
    const PrintJob job = printAndWait(requestFor(queue.name, "LL01-CNCL-0001", 20), &cancel);
    staff.join();
    EXPECT_LT(secondsSince(start), 2.0);
    EXPECT_EQ(job.state, JobState::Cancelled) << job.detail;
    expectNothingLeft(queue.name, job.cupsJobId);
}

TEST(PrintAndWait, JobCancelledAtTheServerFails) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name);
    std::atomic<bool> done{false};
    PrintJob job;
    std::thread printing([&] {
        job = printAndWait(requestFor(queue.name, "LL01-SRVC-0001", 20));
        done = true;
    });
    // Staff cancel the job with `cancel` on the server while it waits.
    int id = 0;
    for (int i = 0; i < 100 && !id; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string out = ct::runChecked("lpstat -h " + ct::shellQuote(ct::server()) + " -o " + ct::shellQuote(queue.name));
        if (auto at = out.find(queue.name + "-"); at != std::string::npos) id = std::stoi(out.substr(at + queue.name.size() + 1));
    }
    ASSERT_GT(id, 0);
    ct::cancelJobAtServer(id);
    printing.join();
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::JobCancelled) << job.detail;
    expectNothingLeft(queue.name, job.cupsJobId);
}

TEST(PrintAndWait, JobAbortedByCupsFails) {
    // Fault injection: the zwgk-fail backend fails, printer-error-policy=abort-job aborts.
    ct::ScopedQueue queue("abort", ct::QueueKind::Aborting);
    const PrintJob job = printAndWait(requestFor(queue.name, "LL01-ABRT-0001", 20));
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::JobAborted) << job.detail;
    EXPECT_NE(job.detail.find("zwgk-fail"), std::string::npos) << job.detail;
    expectNothingLeft(queue.name, job.cupsJobId);
}

TEST(PrintAndWait, SubmitToCompletedTimeIsReported) {
    // A measurement, not an assertion: printed for the README and the report.
    ct::ScopedQueue queue;
    const PrintRequest request = requestFor(queue.name, "LL01-TIME-0002");
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        const PrintJob job = printAndWait(request);
        ms.push_back(secondsSince(start) * 1000);
        ASSERT_EQ(job.state, JobState::Completed) << job.detail;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("[ measure  ] submit -> completed (and purged) on a file queue, %zu runs: median %.0f ms, min %.0f, max %.0f\n",
                ms.size(), ms[ms.size() / 2], ms.front(), ms.back());
}

}  // namespace
}  // namespace zwgk
