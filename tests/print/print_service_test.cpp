// PrintService against the private cupsd: the worker prints in the background, the caller's
// thread never waits, a paused printer shows as Stalled and prints once resumed, failed jobs
// are retried, queued and running jobs are cancelled, and nothing stays in the spool.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

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


// Polls SERVICE until job ID satisfies PRED (true) or TIMEOUT passes (false).
bool waitFor(const PrintService& service, int id, const std::function<bool(const PrintJob&)>& pred,
             double timeout = 10) {
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeout);
    while (Clock::now() < deadline) {
        if (auto job = service.job(id); job && pred(*job)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

bool isFinished(const PrintJob& job) { return job.finished(); }

std::string describe(const std::optional<PrintJob>& job) {
    if (!job) return "(no such job)";
    return std::string(jobStateName(job->state)) + " / " + printerProblemName(job->problem) + ": " + job->detail;
}

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

TEST(PrintService, PrintsInTheBackgroundAndPurges) {
    ct::ScopedQueue queue;
    std::atomic<int> changes{0};
    PrintService service([&] { ++changes; });
    const int id = service.submit(requestFor(queue.name, "LL01-SVC0-0001"));
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    const PrintJob job = *service.job(id);
    EXPECT_EQ(job.state, JobState::Completed) << job.detail;
    EXPECT_EQ(job.attempts, 1);
    EXPECT_TRUE(job.purged);
    EXPECT_GT(job.finishedAt, job.queuedAt);
    EXPECT_TRUE(job.request.pdf.empty()) << "job() copies never carry the document";
    EXPECT_GE(changes.load(), 3);  // submitting, waiting, completed
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    EXPECT_NE(ct::pdfText(queue.output).find("LL01-SVC0-0001"), std::string::npos);
    EXPECT_TRUE(ct::spoolDocuments(job.cupsJobId).empty());
    EXPECT_FALSE(ct::jobKnown(queue.name, job.cupsJobId));
}

TEST(PrintService, SubmitNeverBlocksTheCaller) {
    // The UI thread calls submit(): it must return at once even when the server is down.
    PrintService service;
    PrintRequest request = requestFor("receipt", "LL01-FAST-0001");
    request.server = "127.0.0.1:1";
    std::vector<double> ms;
    std::vector<int> ids;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        ids.push_back(service.submit(request));
        ms.push_back(msSince(start));
        const auto pollStart = Clock::now();
        service.job(ids.back());
        service.jobs();
        ms.push_back(msSince(pollStart));
    }
    EXPECT_LT(*std::max_element(ms.begin(), ms.end()), 5.0);
    for (int id : ids) {
        ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
        EXPECT_EQ(service.job(id)->problem, PrinterProblem::Unreachable);
    }
}

TEST(PrintService, PausedPrinterStallsThenCompletesWhenResumed) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name, "请更换卷纸");
    PrintService service;
    const int id = service.submit(requestFor(queue.name, "LL01-STAL-0001"));
    ASSERT_TRUE(waitFor(service, id, [](const PrintJob& j) { return j.state == JobState::Stalled; }))
        << describe(service.job(id));
    const PrintJob stalled = *service.job(id);
    EXPECT_EQ(stalled.problem, PrinterProblem::Stopped);
    EXPECT_NE(stalled.detail.find("请更换卷纸"), std::string::npos) << stalled.detail;
    EXPECT_GT(stalled.cupsJobId, 0);
    EXPECT_FALSE(stalled.finished());

    ct::resumeQueue(queue.name);
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    const PrintJob done = *service.job(id);
    EXPECT_EQ(done.state, JobState::Completed) << done.detail;
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    EXPECT_NE(ct::pdfText(queue.output).find("LL01-STAL-0001"), std::string::npos);
    EXPECT_TRUE(ct::spoolDocuments(done.cupsJobId).empty());
}

TEST(PrintService, PausedPrinterWithShortTimeoutFailsAndCancels) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name);
    PrintService service;
    const int id = service.submit(requestFor(queue.name, "LL01-TOUT-0001", 0.8));
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    const PrintJob job = *service.job(id);
    EXPECT_EQ(job.state, JobState::Failed);
    EXPECT_EQ(job.problem, PrinterProblem::TimedOut) << job.detail;
    EXPECT_TRUE(ct::spoolDocuments(job.cupsJobId).empty());
    EXPECT_FALSE(ct::jobKnown(queue.name, job.cupsJobId));
}

TEST(PrintService, RetryAfterTheQueueAcceptsAgain) {
    ct::ScopedQueue queue;
    ct::rejectQueue(queue.name);
    PrintService service;
    const int id = service.submit(requestFor(queue.name, "LL01-RTRY-0001"));
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    EXPECT_EQ(service.job(id)->problem, PrinterProblem::Rejecting);
    EXPECT_FALSE(service.retry(id + 100)) << "unknown job";

    ct::acceptQueue(queue.name);
    ASSERT_TRUE(service.retry(id));
    EXPECT_FALSE(service.retry(id)) << "already queued again";
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    const PrintJob job = *service.job(id);
    EXPECT_EQ(job.state, JobState::Completed) << job.detail;
    EXPECT_EQ(job.attempts, 2);
    EXPECT_FALSE(service.retry(id)) << "a completed job is not retried";
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    EXPECT_NE(ct::pdfText(queue.output).find("LL01-RTRY-0001"), std::string::npos);
}

TEST(PrintService, RetryAfterResumeCompletes) {
    // The staff flow: a paused printer times the receipt out, staff resume it and press 重打.
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name);
    PrintService service;
    const int id = service.submit(requestFor(queue.name, "LL01-RSUM-0001", 0.5));
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    EXPECT_EQ(service.job(id)->problem, PrinterProblem::TimedOut);
    ct::resumeQueue(queue.name);
    ASSERT_TRUE(service.retry(id));
    ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
    EXPECT_EQ(service.job(id)->state, JobState::Completed) << describe(service.job(id));
    EXPECT_EQ(service.job(id)->attempts, 2);
}

TEST(PrintService, CancelQueuedAndRunningJobs) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name);
    PrintService service;
    const int first = service.submit(requestFor(queue.name, "LL01-CAN1-0001"));
    const int second = service.submit(requestFor(queue.name, "LL01-CAN2-0001"));
    ASSERT_TRUE(waitFor(service, first, [](const PrintJob& j) { return j.state == JobState::Stalled; }))
        << describe(service.job(first));
    EXPECT_EQ(service.job(second)->state, JobState::Queued) << "one job at a time";

    // Queued: cancelled at once, never sent.
    EXPECT_TRUE(service.cancel(second));
    EXPECT_EQ(service.job(second)->state, JobState::Cancelled);
    EXPECT_EQ(service.job(second)->cupsJobId, 0);

    // Running: the worker cancels the CUPS job.
    const int cupsJobId = service.job(first)->cupsJobId;
    const auto start = Clock::now();
    EXPECT_TRUE(service.cancel(first));
    EXPECT_LT(msSince(start), 5.0);
    ASSERT_TRUE(waitFor(service, first, isFinished, 3)) << describe(service.job(first));
    EXPECT_EQ(service.job(first)->state, JobState::Cancelled) << describe(service.job(first));
    EXPECT_FALSE(service.cancel(first)) << "already finished";
    EXPECT_FALSE(service.cancel(9999)) << "unknown";
    EXPECT_TRUE(ct::spoolDocuments(cupsJobId).empty());
    EXPECT_FALSE(ct::jobKnown(queue.name, cupsJobId));

    // Nothing prints after resuming.
    ct::resumeQueue(queue.name);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_FALSE(std::filesystem::exists(queue.output));
}

TEST(PrintService, JobsAreListedNewestFirst) {
    PrintService service;
    PrintRequest request = requestFor("receipt", "LL01-LIST-0001");
    request.server = "127.0.0.1:1";
    const int a = service.submit(request);
    const int b = service.submit(request);
    const std::vector<PrintJob> jobs = service.jobs();
    ASSERT_EQ(jobs.size(), 2u);
    EXPECT_EQ(jobs[0].id, b);
    EXPECT_EQ(jobs[1].id, a);
    for (const PrintJob& job : jobs) EXPECT_TRUE(job.request.pdf.empty());
    EXPECT_FALSE(service.job(12345).has_value());
}

TEST(PrintService, DestructorCancelsWhatIsUnfinished) {
    ct::ScopedQueue queue;
    ct::pauseQueue(queue.name);
    int cupsJobId = 0;
    const auto start = Clock::now();
    {
        PrintService service;
        const int id = service.submit(requestFor(queue.name, "LL01-DTOR-0001"));
        service.submit(requestFor(queue.name, "LL01-DTOR-0002"));
        ASSERT_TRUE(waitFor(service, id, [](const PrintJob& j) { return j.state == JobState::Stalled; }));
        cupsJobId = service.job(id)->cupsJobId;
    }
    EXPECT_LT(msSince(start), 3000);
    EXPECT_TRUE(ct::spoolDocuments(cupsJobId).empty());
    EXPECT_FALSE(ct::jobKnown(queue.name, cupsJobId));
}

TEST(PrintService, SubmitToCompletedTimeIsReported) {
    // A measurement, not an assertion.
    ct::ScopedQueue queue;
    PrintService service;
    std::vector<double> ms;
    for (int i = 0; i < 5; ++i) {
        const auto start = Clock::now();
        const int id = service.submit(requestFor(queue.name, "LL01-MEAS-000" + std::to_string(i)));
        ASSERT_TRUE(waitFor(service, id, isFinished)) << describe(service.job(id));
        ms.push_back(msSince(start));
        ASSERT_EQ(service.job(id)->state, JobState::Completed);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("[ measure  ] PrintService submit -> Completed on a file queue, %zu runs: median %.0f ms, max %.0f ms\n",
                ms.size(), ms[ms.size() / 2], ms.back());
}

}  // namespace
}  // namespace zwgk
