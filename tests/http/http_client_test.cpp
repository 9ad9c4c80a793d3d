// zwgk::fetchToMemory / fetchToFile / put against the private nginx of the "nginx" fixture
// (tests/support/nginx.sh): no mocks. Every test uses its own file names, since ctest runs
// the tests as parallel processes against one server.
#include "http_client.h"
#include "nginx_test_support.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace nt = zwgk::nginxtest;
using zwgk::HttpOptions;
using zwgk::HttpResult;
using zwgk::HttpStatus;
using Clock = std::chrono::steady_clock;

constexpr int64_t KiB = 1024;
constexpr int64_t MiB = 1024 * KiB;

long msSince(Clock::time_point start) {
    return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
}

// A port on 127.0.0.1 that nothing listens on (bound, then closed: connecting is refused).
int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
        throw std::runtime_error("cannot find a free port");
    ::close(fd);
    return ntohs(addr.sin_port);
}

// Options for tests: short waits, so a mistake fails fast instead of hanging.
HttpOptions quickOptions() {
    HttpOptions o;
    o.connectTimeoutMs = 3000;
    o.stallTimeoutS = 10;
    o.totalTimeoutS = 60;
    o.maxAttempts = 2;
    o.backoffInitialMs = 10;
    o.backoffMaxMs = 50;
    return o;
}

// Records progress calls; cancel() turns true once CANCELAT bytes are reported (0: never).
struct ProgressLog {
    std::vector<std::pair<int64_t, int64_t>> calls;  // (done, total)
    std::atomic<int64_t> last{0};
    int64_t cancelAt = 0;

    void attach(HttpOptions& o) {
        o.progress = [this](int64_t done, int64_t total) {
            calls.emplace_back(done, total);
            last = done;
        };
        o.cancelled = [this] { return cancelAt > 0 && last >= cancelAt; };
    }
    int64_t maxDone() const {
        int64_t m = 0;
        for (const auto& c : calls) m = std::max(m, c.first);
        return m;
    }
    bool monotone() const {
        for (size_t i = 1; i < calls.size(); ++i)
            if (calls[i].first < calls[i - 1].first) return false;
        return true;
    }
};

class HttpClientTest : public ::testing::Test {
protected:
    void SetUp() override {
        tmp = fs::temp_directory_path() / nt::uniqueName("zwgk-http-test");
        fs::create_directories(tmp);
    }
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(tmp, ec);
    }

    // Writes a www file with a unique name and returns that name (the URL path below /).
    std::string serve(const std::string& bytes, const std::string& suffix = ".bin",
                      std::optional<std::time_t> mtime = std::nullopt) {
        const std::string name = nt::uniqueName("f") + suffix;
        nt::writeWwwFile(name, bytes, mtime);
        return name;
    }

    // Starts a download of NAME through /slow/ and cancels it once CANCELAT bytes arrived:
    // leaves DEST.part (and its validator) behind.
    void interruptedDownload(const std::string& name, const fs::path& dest, int64_t cancelAt) {
        HttpOptions o = quickOptions();
        ProgressLog log;
        log.cancelAt = cancelAt;
        log.attach(o);
        const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/slow/" + name, dest, 64 * MiB, o);
        ASSERT_EQ(r.status, HttpStatus::Cancelled) << zwgk::describe(r);
        ASSERT_TRUE(fs::exists(dest.string() + ".part"));
        ASSERT_GE(static_cast<int64_t>(fs::file_size(dest.string() + ".part")), cancelAt);
        ASSERT_TRUE(fs::exists(dest.string() + ".part.validator"));
        ASSERT_FALSE(fs::exists(dest));
    }

    fs::path tmp;
};

// ---- GET into memory -------------------------------------------------------------------------

TEST_F(HttpClientTest, FetchToMemoryGetsTheBody) {
    const std::string content = "政务公开 hello\n";
    const std::string name = serve(content, ".txt");
    std::string body = "stale";
    const HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/" + name, body, 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 200);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(body, content);
    EXPECT_EQ(r.bytes, static_cast<int64_t>(content.size()));
    EXPECT_TRUE(r.error.empty());
}

TEST_F(HttpClientTest, EmptyBodyIsOk) {
    const std::string name = serve("");
    std::string body;
    const HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/" + name, body, 10, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_TRUE(body.empty());
}

TEST_F(HttpClientTest, NotFoundIsFinalAfterOneAttempt) {
    std::string body;
    HttpOptions o = quickOptions();
    o.maxAttempts = 4;
    const HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/" + nt::uniqueName("missing"), body, 1024, o);
    EXPECT_EQ(r.status, HttpStatus::NotFound);
    EXPECT_EQ(r.httpCode, 404);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_TRUE(body.empty());
    EXPECT_EQ(zwgk::describe(r), "HTTP 404 after 1 attempt");
    EXPECT_NE(r.error.find("404"), std::string::npos);
}

TEST_F(HttpClientTest, TooLargeWithContentLengthReadsNothing) {
    const std::string name = serve(nt::randomBytes(100 * KiB, 1));
    std::string body;
    HttpOptions o = quickOptions();
    ProgressLog log;
    log.attach(o);
    const HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/" + name, body, 10000, o);
    EXPECT_EQ(r.status, HttpStatus::TooLarge) << zwgk::describe(r);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_TRUE(body.empty());
    EXPECT_EQ(body.capacity() < 10000, true);
    EXPECT_EQ(log.maxDone(), 0);  // refused on the announced length, before any byte
}

TEST_F(HttpClientTest, TooLargeWithoutContentLengthStopsAtTheLimit) {
    // /chunked/ streams without Content-Length: the limit must hold while reading.
    const std::string content = nt::randomBytes(300 * KiB, 2);
    const std::string name = serve(content);
    const int64_t limit = 50000;
    std::string body;
    HttpOptions o = quickOptions();
    ProgressLog log;
    log.attach(o);
    const HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/chunked/" + name, body, limit, o);
    EXPECT_EQ(r.status, HttpStatus::TooLarge) << zwgk::describe(r);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_TRUE(body.empty());
    EXPECT_GT(log.maxDone(), 0);
    EXPECT_LE(log.maxDone(), limit);  // never held more than the limit
    for (const auto& c : log.calls) EXPECT_EQ(c.second, 0);  // no total known

    // A body of exactly the limit is fine.
    body.clear();
    const HttpResult exact = zwgk::fetchToMemory(nt::baseUrl() + "/chunked/" + name, body,
                                                 static_cast<int64_t>(content.size()), quickOptions());
    EXPECT_EQ(exact.status, HttpStatus::Ok) << zwgk::describe(exact);
    EXPECT_EQ(body, content);
}

TEST_F(HttpClientTest, RedirectsAreFollowedButNotForever) {
    const std::string content = "redirected";
    const std::string name = serve(content, ".txt");
    std::string body;
    HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/redirect/www/" + name, body, 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(body, content);

    r = zwgk::fetchToMemory(nt::baseUrl() + "/redirect/loop", body, 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::HttpError) << zwgk::describe(r);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_TRUE(body.empty());
}

TEST_F(HttpClientTest, FileUrlsWork) {
    const fs::path path = tmp / "local.txt";
    {
        std::ofstream out(path, std::ios::binary);
        out << "local file";
    }
    std::string body;
    HttpResult r = zwgk::fetchToMemory("file://" + path.string(), body, 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(body, "local file");

    r = zwgk::fetchToFile("file://" + path.string(), (tmp / "copy.txt").string(), 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(nt::readFile(tmp / "copy.txt"), "local file");

    r = zwgk::fetchToMemory("file://" + (tmp / "absent").string(), body, 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::NotFound) << zwgk::describe(r);
    EXPECT_EQ(r.attempts, 1);
}

TEST_F(HttpClientTest, CallsFromSeveralThreadsAtOnce) {
    const std::string content = nt::randomBytes(200 * KiB, 15);
    const std::string name = serve(content);
    std::atomic<int> good{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                std::string body;
                const HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/" + name, body, 1 * MiB, quickOptions());
                if (r.status == HttpStatus::Ok && body == content) ++good;
                const fs::path dest = tmp / ("thread-" + std::to_string(t) + "-" + std::to_string(i));
                const HttpResult f = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 1 * MiB, quickOptions());
                if (f.status == HttpStatus::Ok && nt::readFile(dest) == content) ++good;
            }
        });
    for (auto& th : threads) th.join();
    EXPECT_EQ(good.load(), 40);
}

// ---- retries ------------------------------------------------------------------------------------

TEST_F(HttpClientTest, ServerErrorsAreRetriedClientErrorsAreNot) {
    std::string body;
    HttpOptions o = quickOptions();
    o.maxAttempts = 3;
    HttpResult r = zwgk::fetchToMemory(nt::baseUrl() + "/status/503", body, 1024, o);
    EXPECT_EQ(r.status, HttpStatus::HttpError);
    EXPECT_EQ(r.httpCode, 503);
    EXPECT_EQ(r.attempts, 3);

    r = zwgk::fetchToMemory(nt::baseUrl() + "/status/429", body, 1024, o);
    EXPECT_EQ(r.status, HttpStatus::HttpError);
    EXPECT_EQ(r.attempts, 3);

    r = zwgk::fetchToMemory(nt::baseUrl() + "/status/403", body, 1024, o);
    EXPECT_EQ(r.status, HttpStatus::HttpError);
    EXPECT_EQ(r.httpCode, 403);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_EQ(zwgk::describe(r), "HTTP 403 after 1 attempt");
}

TEST_F(HttpClientTest, NetworkErrorsAreRetriedWithExponentialBackoff) {
    HttpOptions o = quickOptions();
    o.maxAttempts = 3;
    o.backoffInitialMs = 40;
    o.backoffMaxMs = 1000;
    std::vector<long> delays;
    std::vector<int> failedAttempts;
    o.onRetry = [&](int attempt, long delayMs, const std::string& error) {
        failedAttempts.push_back(attempt);
        delays.push_back(delayMs);
        EXPECT_FALSE(error.empty());
    };
    std::string body;
    const auto start = Clock::now();
    const HttpResult r =
        zwgk::fetchToMemory("http://127.0.0.1:" + std::to_string(closedPort()) + "/x", body, 1024, o);
    const long elapsed = msSince(start);
    EXPECT_EQ(r.status, HttpStatus::NetworkError);
    EXPECT_EQ(r.attempts, 3);
    EXPECT_EQ(r.httpCode, 0);
    EXPECT_FALSE(r.error.empty());
    EXPECT_EQ(zwgk::describe(r).rfind("network error after 3 attempts: ", 0), 0u) << zwgk::describe(r);
    ASSERT_EQ(delays.size(), 2u);  // no sleep after the last try
    EXPECT_EQ(failedAttempts, (std::vector<int>{1, 2}));
    // 40 ms then 80 ms, each drawn between half and all of it.
    EXPECT_GE(delays[0], 20);
    EXPECT_LE(delays[0], 40);
    EXPECT_GE(delays[1], 40);
    EXPECT_LE(delays[1], 80);
    EXPECT_GE(elapsed, delays[0] + delays[1]);
    EXPECT_LT(elapsed, 5000);
}

TEST_F(HttpClientTest, BackoffIsCapped) {
    HttpOptions o = quickOptions();
    o.maxAttempts = 5;
    o.backoffInitialMs = 20;
    o.backoffMaxMs = 30;
    std::vector<long> delays;
    o.onRetry = [&](int, long delayMs, const std::string&) { delays.push_back(delayMs); };
    std::string body;
    const HttpResult r =
        zwgk::fetchToMemory("http://127.0.0.1:" + std::to_string(closedPort()) + "/x", body, 1024, o);
    EXPECT_EQ(r.attempts, 5);
    ASSERT_EQ(delays.size(), 4u);
    for (long d : delays) EXPECT_LE(d, 30);
}

TEST_F(HttpClientTest, CancellingDuringBackoffReturnsPromptly) {
    HttpOptions o = quickOptions();
    o.maxAttempts = 10;
    o.backoffInitialMs = 5000;
    o.backoffMaxMs = 5000;
    const auto start = Clock::now();
    o.cancelled = [&] { return msSince(start) > 150; };
    std::string body;
    const HttpResult r =
        zwgk::fetchToMemory("http://127.0.0.1:" + std::to_string(closedPort()) + "/x", body, 1024, o);
    const long elapsed = msSince(start);
    EXPECT_EQ(r.status, HttpStatus::Cancelled) << zwgk::describe(r);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_LT(elapsed, 1000);
}

// ---- GET into a file ------------------------------------------------------------------------------

TEST_F(HttpClientTest, FetchToFileWritesAtomicallyAndReportsMonotoneProgress) {
    const std::string content = nt::randomBytes(1 * MiB, 3);
    const std::string name = serve(content);
    const fs::path dest = tmp / "whole.bin";
    HttpOptions o = quickOptions();
    ProgressLog log;
    log.attach(o);
    const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 2 * MiB, o);
    ASSERT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 200);
    EXPECT_FALSE(r.resumed);
    EXPECT_FALSE(r.restarted);
    EXPECT_EQ(r.bytes, 1 * MiB);
    EXPECT_TRUE(nt::readFile(dest) == content);
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
    EXPECT_FALSE(fs::exists(dest.string() + ".part.validator"));
    ASSERT_FALSE(log.calls.empty());
    EXPECT_TRUE(log.monotone());
    EXPECT_EQ(log.calls.back().first, 1 * MiB);
    for (const auto& c : log.calls) EXPECT_EQ(c.second, 1 * MiB);
}

TEST_F(HttpClientTest, FetchToFileTooLargeKeepsNothing) {
    const std::string name = serve(nt::randomBytes(200 * KiB, 4));
    const fs::path dest = tmp / "big.bin";
    HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 100 * KiB, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::TooLarge) << zwgk::describe(r);
    EXPECT_FALSE(fs::exists(dest));
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
    EXPECT_FALSE(fs::exists(dest.string() + ".part.validator"));

    // Without Content-Length it stops while writing.
    r = zwgk::fetchToFile(nt::baseUrl() + "/chunked/" + name, dest.string(), 100 * KiB, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::TooLarge) << zwgk::describe(r);
    EXPECT_FALSE(fs::exists(dest));
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
}

TEST_F(HttpClientTest, FetchToFileNotFoundWritesNothing) {
    const fs::path dest = tmp / "missing.bin";
    const HttpResult r =
        zwgk::fetchToFile(nt::baseUrl() + "/" + nt::uniqueName("missing"), dest.string(), 1024, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::NotFound);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_FALSE(fs::exists(dest));
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
}

TEST_F(HttpClientTest, InterruptedDownloadIsResumed) {
    const std::string content = nt::randomBytes(1 * MiB, 5);
    const std::string name = serve(content);
    const fs::path dest = tmp / "resumed.bin";
    interruptedDownload(name, dest, 200 * KiB);
    const int64_t kept = static_cast<int64_t>(fs::file_size(dest.string() + ".part"));
    EXPECT_LT(kept, 1 * MiB);

    // The rest at full speed (the .part is tied to the file's validator, not to the URL).
    HttpOptions o = quickOptions();
    ProgressLog log;
    log.attach(o);
    const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 2 * MiB, o);
    ASSERT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 206);
    EXPECT_TRUE(r.resumed);
    EXPECT_FALSE(r.restarted);
    EXPECT_EQ(r.bytes, 1 * MiB);
    EXPECT_TRUE(nt::readFile(dest) == content) << "the resumed file differs from the original";
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
    EXPECT_FALSE(fs::exists(dest.string() + ".part.validator"));
    // Progress counts the resumed prefix and knows the whole size.
    ASSERT_FALSE(log.calls.empty());
    EXPECT_GT(log.calls.front().first, kept);
    EXPECT_TRUE(log.monotone());
    EXPECT_EQ(log.calls.back(), std::make_pair(1 * MiB, 1 * MiB));
}

TEST_F(HttpClientTest, FileReplacedWithSameLengthRestarts) {
    const std::time_t t0 = std::time(nullptr) - 1000;
    const std::string oldContent = nt::randomBytes(256 * KiB, 6);
    const std::string name = serve(oldContent, ".bin", t0);
    const fs::path dest = tmp / "same-length.bin";
    interruptedDownload(name, dest, 16 * KiB);

    const std::string newContent = nt::randomBytes(256 * KiB, 7);
    nt::writeWwwFile(name, newContent, t0 + 100);  // a new ETag: another mtime
    const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 2 * MiB, quickOptions());
    ASSERT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 200);
    EXPECT_TRUE(r.restarted);
    EXPECT_FALSE(r.resumed);
    EXPECT_TRUE(nt::readFile(dest) == newContent) << "the result is not the new file";
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
    EXPECT_FALSE(fs::exists(dest.string() + ".part.validator"));
}

TEST_F(HttpClientTest, FileReplacedWithOtherLengthRestarts) {
    const std::string oldContent = nt::randomBytes(256 * KiB, 8);
    const std::string name = serve(oldContent, ".bin", std::time(nullptr) - 1000);
    for (const int64_t newLength : {300 * KiB, 100 * KiB}) {
        SCOPED_TRACE(newLength);
        const fs::path dest = tmp / ("other-length-" + std::to_string(newLength) + ".bin");
        nt::writeWwwFile(name, oldContent, std::time(nullptr) - 1000);
        interruptedDownload(name, dest, 16 * KiB);
        const std::string newContent = nt::randomBytes(static_cast<size_t>(newLength), 9);
        nt::writeWwwFile(name, newContent);
        const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 2 * MiB, quickOptions());
        ASSERT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
        EXPECT_TRUE(r.restarted);
        EXPECT_FALSE(r.resumed);
        EXPECT_EQ(r.bytes, newLength);
        EXPECT_TRUE(nt::readFile(dest) == newContent) << "the result is not the new file";
    }
}

TEST_F(HttpClientTest, PartLongerThanTheFileRestartsFromZero) {
    // The validator still matches but the .part is longer than the file (corrupt, or a crash
    // between the last byte and the rename): the server answers 416 and the download starts over.
    const std::string content = nt::randomBytes(128 * KiB, 10);
    const std::string name = serve(content, ".bin", std::time(nullptr) - 1000);
    const fs::path dest = tmp / "range.bin";
    interruptedDownload(name, dest, 16 * KiB);
    {
        std::ofstream part(dest.string() + ".part", std::ios::binary | std::ios::app);
        const std::string junk = nt::randomBytes(200 * KiB, 11);
        part.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 2 * MiB, quickOptions());
    ASSERT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.attempts, 2);  // the 416, then the whole file
    EXPECT_TRUE(r.restarted);
    EXPECT_FALSE(r.resumed);
    EXPECT_TRUE(nt::readFile(dest) == content);
    EXPECT_FALSE(fs::exists(dest.string() + ".part"));
}

TEST_F(HttpClientTest, PartWithoutValidatorIsNotResumed) {
    const std::string content = nt::randomBytes(64 * KiB, 12);
    const std::string name = serve(content);
    const fs::path dest = tmp / "novalidator.bin";
    {
        std::ofstream part(dest.string() + ".part", std::ios::binary);
        part << "not a prefix of anything";
    }
    const HttpResult r = zwgk::fetchToFile(nt::baseUrl() + "/" + name, dest.string(), 2 * MiB, quickOptions());
    ASSERT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_FALSE(r.resumed);
    EXPECT_TRUE(r.restarted);
    EXPECT_TRUE(nt::readFile(dest) == content);
}

// ---- PUT -----------------------------------------------------------------------------------------

TEST_F(HttpClientTest, PutCreatesThenReplacesIdempotently) {
    const std::string rel = "LL01/" + nt::uniqueName("abc") + ".sealed";
    const fs::path landed = nt::intakeDir() / rel;
    std::error_code ec;
    fs::remove(landed, ec);
    const std::string sealed = nt::randomBytes(40 * KiB, 13);
    HttpResult r = zwgk::put(nt::baseUrl() + "/intake/" + rel, sealed, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 201);
    EXPECT_EQ(r.attempts, 1);
    ASSERT_TRUE(fs::exists(landed));
    EXPECT_TRUE(nt::readFile(landed) == sealed);

    r = zwgk::put(nt::baseUrl() + "/intake/" + rel, sealed, quickOptions());
    EXPECT_EQ(r.status, HttpStatus::Ok) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 204);
    EXPECT_TRUE(nt::readFile(landed) == sealed);
    fs::remove(landed, ec);
}

TEST_F(HttpClientTest, PutOverTheServerLimitIsRefusedOnce) {
    const std::string rel = "LL01/" + nt::uniqueName("big") + ".sealed";
    const std::string body = nt::randomBytes(3 * MiB, 14);
    HttpOptions o = quickOptions();
    o.maxAttempts = 4;
    const HttpResult r = zwgk::put(nt::baseUrl() + "/intake/" + rel, body, o);
    EXPECT_EQ(r.status, HttpStatus::HttpError) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 413);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_FALSE(fs::exists(nt::intakeDir() / rel));
}

TEST_F(HttpClientTest, PutAnswered200IsNotOk) {
    const HttpResult r = zwgk::put(nt::baseUrl() + "/status/200", "payload", quickOptions());
    EXPECT_EQ(r.status, HttpStatus::HttpError) << zwgk::describe(r);
    EXPECT_EQ(r.httpCode, 200);
    EXPECT_EQ(r.attempts, 1);
}

TEST_F(HttpClientTest, PutToAClosedPortIsANetworkError) {
    HttpOptions o = quickOptions();
    o.maxAttempts = 2;
    const HttpResult r = zwgk::put("http://127.0.0.1:" + std::to_string(closedPort()) + "/intake/x", "payload", o);
    EXPECT_EQ(r.status, HttpStatus::NetworkError);
    EXPECT_EQ(r.attempts, 2);
}

}  // namespace
