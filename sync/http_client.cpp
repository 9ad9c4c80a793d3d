// The terminal's HTTP client: the only file in the project that includes curl/curl.h.
//
// Sections: libcurl setup · one attempt (callbacks, classification) · retries and backoff ·
// fetchToMemory · fetchToFile · put · describe
#include "http_client.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace zwgk {

namespace {

namespace fs = std::filesystem;

// --- libcurl setup -----------------------------------------------------------------------

// curl_global_init is not thread-safe: do it once for the process, whichever thread comes first.
CURLcode globalInit() {
    static std::once_flag once;
    static CURLcode rc = CURLE_OK;
    std::call_once(once, [] { rc = curl_global_init(CURL_GLOBAL_DEFAULT); });
    return rc;
}

struct EasyDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

bool isCancelled(const HttpOptions& opt) { return opt.cancelled && opt.cancelled(); }

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
    return true;
}

bool isHttpUrl(const std::string& url) { return startsWithNoCase(url, "http://") || startsWithNoCase(url, "https://"); }

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

std::string attemptsText(int n) { return std::to_string(n) + (n == 1 ? " attempt" : " attempts"); }

// --- one attempt ------------------------------------------------------------------------

// Why a callback stopped the transfer (libcurl then reports a write, read or callback error).
enum class Abort { None, Cancelled, TooLarge, LocalError, ErrorBody };

struct Attempt;

// Where a GET's body goes. begin() runs once per attempt, before the first body byte of a
// successful answer (200, 206, or file://), or after the transfer when that answer had no body.
class Sink {
public:
    virtual ~Sink() = default;
    virtual bool begin(Attempt& a, long code, int64_t contentLength) = 0;
    virtual bool write(Attempt& a, const char* data, size_t len) = 0;
};

struct Attempt {
    const HttpOptions* opt = nullptr;
    CURL* curl = nullptr;
    Sink* sink = nullptr;  // null: the body is discarded (PUT answers)
    bool begun = false;
    Abort abort = Abort::None;
    std::string abortDetail;
    // Headers of the latest response (reset on each status line: redirects, 100 Continue).
    std::string etag, lastModified, contentRange, retryAfter;
    // PUT: the body being sent.
    std::string_view upload;
    size_t uploadPos = 0;
    char errbuf[CURL_ERROR_SIZE] = {};

    bool fail(Abort why, std::string detail = {}) {
        abort = why;
        abortDetail = std::move(detail);
        return false;
    }
};

long responseCode(CURL* c) {
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

int64_t contentLength(CURL* c) {
    curl_off_t len = -1;
    if (curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len) != CURLE_OK) return -1;
    return len;
}

bool isGetSuccess(long code) { return code == 200 || code == 206 || code == 0; }

size_t onHeader(char* data, size_t size, size_t n, void* user) {
    auto* a = static_cast<Attempt*>(user);
    const size_t len = size * n;
    std::string_view line = trim(std::string_view(data, len));
    if (startsWithNoCase(line, "http/")) {
        a->etag.clear();
        a->lastModified.clear();
        a->contentRange.clear();
        a->retryAfter.clear();
        return len;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return len;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string value(trim(line.substr(colon + 1)));
    if (name == "etag") a->etag = value;
    else if (name == "last-modified") a->lastModified = value;
    else if (name == "content-range") a->contentRange = value;
    else if (name == "retry-after") a->retryAfter = value;
    return len;
}

size_t onWrite(char* data, size_t size, size_t n, void* user) {
    auto* a = static_cast<Attempt*>(user);
    const size_t len = size * n;
    if (isCancelled(*a->opt)) {
        a->fail(Abort::Cancelled);
        return 0;
    }
    if (!a->sink) return len;  // a PUT's answer: not kept
    if (!a->begun) {
        const long code = responseCode(a->curl);
        // An error page is never written anywhere: stop at its first byte, the code says enough.
        if (!isGetSuccess(code)) {
            a->fail(Abort::ErrorBody);
            return 0;
        }
        a->begun = true;
        if (!a->sink->begin(*a, code, contentLength(a->curl))) return 0;
    }
    if (len == 0) return 0;
    return a->sink->write(*a, data, len) ? len : 0;
}

size_t onRead(char* buffer, size_t size, size_t n, void* user) {
    auto* a = static_cast<Attempt*>(user);
    if (isCancelled(*a->opt)) {
        a->fail(Abort::Cancelled);
        return CURL_READFUNC_ABORT;
    }
    const size_t len = std::min(size * n, a->upload.size() - a->uploadPos);
    std::memcpy(buffer, a->upload.data() + a->uploadPos, len);
    a->uploadPos += len;
    if (a->opt->progress) a->opt->progress(static_cast<int64_t>(a->uploadPos), static_cast<int64_t>(a->upload.size()));
    return len;
}

// libcurl rewinds the upload for a redirect or a retried connection.
int onSeek(void* user, curl_off_t offset, int origin) {
    auto* a = static_cast<Attempt*>(user);
    if (origin != SEEK_SET || offset < 0 || static_cast<size_t>(offset) > a->upload.size()) return CURL_SEEKFUNC_FAIL;
    a->uploadPos = static_cast<size_t>(offset);
    return CURL_SEEKFUNC_OK;
}

int onProgress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    auto* a = static_cast<Attempt*>(user);
    if (isCancelled(*a->opt)) {
        a->fail(Abort::Cancelled);
        return 1;
    }
    return 0;
}

// The options every request shares.
void configure(CURL* c, const std::string& url, const HttpOptions& opt, Attempt& a, curl_slist* headers) {
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, a.errbuf);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_USERAGENT, opt.userAgent.c_str());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::max(1L, opt.connectTimeoutMs));
    if (opt.stallTimeoutS > 0) {
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, opt.stallTimeoutS);
    }
    if (opt.totalTimeoutS > 0) curl_easy_setopt(c, CURLOPT_TIMEOUT, opt.totalTimeoutS);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &a);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onWrite);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &a);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, onProgress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &a);
    if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
}

Slist buildHeaders(const HttpOptions& opt, const std::vector<std::string>& extra) {
    curl_slist* list = nullptr;
    for (const auto* source : {&opt.headers, &extra})
        for (const std::string& h : *source) {
            curl_slist* next = curl_slist_append(list, h.c_str());
            if (!next) {
                curl_slist_free_all(list);
                return Slist(nullptr);
            }
            list = next;
        }
    return Slist(list);
}

// What one attempt came to.
struct Outcome {
    HttpStatus status = HttpStatus::NetworkError;
    long code = 0;
    std::string error;
    bool retryable = false;
    long retryAfterMs = 0;
};

bool retryableCode(long code) { return code >= 500 || code == 408 || code == 429; }

// Classifies a finished transfer. SUCCESS tells which HTTP codes count as Ok for the method.
Outcome classify(CURLcode rc, Attempt& a, const std::string& url, bool (*success)(long)) {
    Outcome o;
    o.code = responseCode(a.curl);
    switch (a.abort) {
        case Abort::Cancelled:
            o.status = HttpStatus::Cancelled;
            o.error = "cancelled (" + url + ")";
            return o;
        case Abort::TooLarge:
            o.status = HttpStatus::TooLarge;
            o.error = a.abortDetail + " (" + url + ")";
            return o;
        case Abort::LocalError:
            o.status = HttpStatus::LocalError;
            o.error = a.abortDetail + " (" + url + ")";
            return o;
        case Abort::ErrorBody:
        case Abort::None:
            break;
    }
    if (rc != CURLE_OK && a.abort == Abort::None) {
        std::string message = a.errbuf[0] ? std::string(trim(a.errbuf)) : curl_easy_strerror(rc);
        o.error = message + " (" + url + ")";
        switch (rc) {
            case CURLE_FILE_COULDNT_READ_FILE:
                o.status = HttpStatus::NotFound;
                break;
            case CURLE_TOO_MANY_REDIRECTS:
            case CURLE_RANGE_ERROR:
                o.status = HttpStatus::HttpError;
                break;
            case CURLE_UNSUPPORTED_PROTOCOL:
            case CURLE_URL_MALFORMAT:
            case CURLE_FAILED_INIT:
            case CURLE_OUT_OF_MEMORY:
            case CURLE_BAD_FUNCTION_ARGUMENT:
            case CURLE_WRITE_ERROR:
            case CURLE_READ_ERROR:
            case CURLE_ABORTED_BY_CALLBACK:
            case CURLE_UNKNOWN_OPTION:
            case CURLE_NOT_BUILT_IN:
                o.status = HttpStatus::LocalError;
                break;
            default:  // no connection, reset, stalled, timed out, cut short: try again
                o.status = HttpStatus::NetworkError;
                o.retryable = true;
                break;
        }
        return o;
    }
    if (success(o.code)) {
        o.status = HttpStatus::Ok;
        return o;
    }
    o.error = "HTTP " + std::to_string(o.code) + " from " + url;
    if (o.code == 404 || o.code == 410) {
        o.status = HttpStatus::NotFound;
    } else {
        o.status = HttpStatus::HttpError;
        o.retryable = retryableCode(o.code);
        if ((o.code == 429 || o.code == 503) && !a.retryAfter.empty()) {
            char* end = nullptr;
            const long seconds = std::strtol(a.retryAfter.c_str(), &end, 10);
            if (end && *end == '\0' && seconds > 0) o.retryAfterMs = std::min(seconds, 86400L) * 1000;
        }
    }
    return o;
}

// Runs the transfer set up on A.curl. A GET whose successful answer had no body still gets
// its sink's begin() (an empty file is a file).
Outcome perform(Attempt& a, const std::string& url, bool (*success)(long)) {
    CURLcode rc = curl_easy_perform(a.curl);
    if (rc == CURLE_OK && a.sink && !a.begun && isGetSuccess(responseCode(a.curl))) {
        a.begun = true;
        if (!a.sink->begin(a, responseCode(a.curl), contentLength(a.curl))) rc = CURLE_WRITE_ERROR;
    }
    return classify(rc, a, url, success);
}

// --- retries and backoff ------------------------------------------------------------------

// Sleeps MS milliseconds in 10 ms slices; false as soon as OPT.cancelled says so.
bool sleepUnlessCancelled(long ms, const HttpOptions& opt) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    for (;;) {
        if (isCancelled(opt)) return false;
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline) return true;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(10)));
    }
}

// The sleep after the FAILURES-th failed try: initial × 2^(failures-1), capped, drawn
// between half and all of it ("equal jitter").
long backoffMs(int failures, const HttpOptions& opt) {
    const double cap = std::max(0, opt.backoffMaxMs);
    const double base = std::min(cap, std::max(0, opt.backoffInitialMs) * std::pow(2.0, std::max(0, failures - 1)));
    const long full = static_cast<long>(base);
    if (full <= 1) return full;
    thread_local std::mt19937 rng{std::random_device{}()};
    std::uniform_int_distribution<long> jitter(0, full - full / 2);
    return full / 2 + jitter(rng);
}

// What the retry loop asks of an operation: one try, and after each try a chance to say
// that it should be repeated at once without counting against maxAttempts (416).
struct Operation {
    std::function<Outcome()> attempt;
    std::function<bool(const Outcome&)> restartNow = [](const Outcome&) { return false; };
};

HttpResult runWithRetries(const HttpOptions& opt, Operation op) {
    HttpResult r;
    if (globalInit() != CURLE_OK) {
        r.status = HttpStatus::LocalError;
        r.error = "libcurl could not be initialised";
        return r;
    }
    const int budget = std::max(1, opt.maxAttempts);
    int failures = 0;
    bool freeRestartUsed = false;
    for (;;) {
        if (isCancelled(opt)) {
            r.status = HttpStatus::Cancelled;
            r.error = r.error.empty() ? "cancelled" : "cancelled after: " + r.error;
            return r;
        }
        ++r.attempts;
        Outcome o = op.attempt();
        r.status = o.status;
        r.error = o.status == HttpStatus::Ok ? std::string() : o.error;
        if (o.code) r.httpCode = o.code;
        if (o.status == HttpStatus::Ok) return r;
        if (!freeRestartUsed && op.restartNow(o)) {
            freeRestartUsed = true;
            continue;
        }
        ++failures;
        if (!o.retryable || failures >= budget) return r;
        long delay = backoffMs(failures, opt);
        if (o.retryAfterMs > 0) delay = std::max(delay, std::min<long>(o.retryAfterMs, std::max(0, opt.backoffMaxMs)));
        if (opt.onRetry) opt.onRetry(r.attempts, delay, o.error);
        if (!sleepUnlessCancelled(delay, opt)) {
            r.status = HttpStatus::Cancelled;
            r.error = "cancelled while waiting to retry after: " + o.error;
            return r;
        }
    }
}

Easy newEasy() { return Easy(curl_easy_init()); }

Outcome localFailure(std::string error) {
    Outcome o;
    o.status = HttpStatus::LocalError;
    o.error = std::move(error);
    return o;
}

std::string errnoText(const std::string& what, const std::string& path) {
    return what + " " + path + ": " + std::strerror(errno);
}

// --- fetchToMemory ------------------------------------------------------------------------

class MemorySink : public Sink {
public:
    MemorySink(std::string& body, int64_t maxBytes, const HttpOptions& opt) : body_(body), max_(maxBytes), opt_(opt) {}

    bool begin(Attempt& a, long code, int64_t length) override {
        release();
        if (code == 206) return a.fail(Abort::LocalError, "unexpected 206 Partial Content to a request without a range");
        total_ = std::max<int64_t>(length, 0);
        if (length > max_)
            return a.fail(Abort::TooLarge, "the server announces " + std::to_string(length) + " bytes, more than the limit of " +
                                               std::to_string(max_));
        if (length > 0) body_.reserve(static_cast<size_t>(length));
        return true;
    }

    bool write(Attempt& a, const char* data, size_t len) override {
        if (static_cast<int64_t>(body_.size() + len) > max_) {
            release();
            return a.fail(Abort::TooLarge, "the body is longer than the limit of " + std::to_string(max_) + " bytes");
        }
        body_.append(data, len);
        if (opt_.progress) opt_.progress(static_cast<int64_t>(body_.size()), total_);
        return true;
    }

    void release() { std::string().swap(body_); }

private:
    std::string& body_;
    int64_t max_;
    const HttpOptions& opt_;
    int64_t total_ = 0;
};

// --- fetchToFile --------------------------------------------------------------------------

bool writeAll(int fd, const char* data, size_t len) {
    while (len > 0) {
        const ssize_t n = ::write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        len -= static_cast<size_t>(n);
    }
    return true;
}

// PATH's content, or "" when it cannot be read.
std::string readSmallFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::string out;
    char buf[512];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0 && out.size() < 4096) out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return std::string(trim(out));
}

// Writes TEXT to PATH through a temporary file and a rename: the validator is either the old
// one or the new one, never half of it.
bool writeSmallFileAtomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    const bool ok = writeAll(fd, text.data(), text.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        return false;
    }
    return true;
}

int64_t fileSize(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return -1;
    return st.st_size;
}

bool fsyncDirectoryOf(const std::string& path) {
    fs::path dir = fs::path(path).parent_path();
    if (dir.empty()) dir = ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Parses "bytes START-END/TOTAL" (TOTAL may be "*"); false when it is not that.
bool parseContentRange(const std::string& value, int64_t& start, int64_t& total) {
    long long s = 0, e = 0;
    char tail[32] = {};
    if (std::sscanf(value.c_str(), "bytes %lld-%lld/%31s", &s, &e, tail) != 3) return false;
    start = s;
    char* end = nullptr;
    const long long t = std::strtoll(tail, &end, 10);
    total = (end && *end == '\0' && end != tail) ? t : -1;
    return true;
}

// The .part file of one attempt. REQUESTEDFROM is the offset asked for with Range (0: none);
// EXISTINGBYTES what the .part held before.
class FileSink : public Sink {
public:
    FileSink(const std::string& part, const std::string& validatorPath, int64_t maxBytes, const HttpOptions& opt,
             int64_t requestedFrom, int64_t existingBytes)
        : part_(part), validator_(validatorPath), max_(maxBytes), opt_(opt), from_(requestedFrom), existing_(existingBytes) {}
    ~FileSink() override { closeFile(); }

    bool begin(Attempt& a, long code, int64_t length) override {
        if (code == 206) {
            int64_t start = -1, total = -1;
            if (from_ <= 0) return a.fail(Abort::LocalError, "unexpected 206 Partial Content to a request without a range");
            if (!parseContentRange(a.contentRange, start, total) || start != from_)
                return a.fail(Abort::LocalError, "206 Partial Content with an unexpected Content-Range \"" + a.contentRange +
                                                     "\" (asked for bytes " + std::to_string(from_) + "-)");
            fd_ = ::open(part_.c_str(), O_WRONLY | O_CLOEXEC);
            if (fd_ < 0) return a.fail(Abort::LocalError, errnoText("cannot open", part_));
            if (::ftruncate(fd_, from_) != 0 || ::lseek(fd_, from_, SEEK_SET) != from_)
                return a.fail(Abort::LocalError, errnoText("cannot position", part_));
            base_ = from_;
            resumed = true;
            total_ = total >= 0 ? total : (length >= 0 ? from_ + length : 0);
        } else {
            // A whole body: what the .part held is discarded, and this answer's validator kept
            // (before any byte, so a .part never pairs with another version's validator).
            restarted = existing_ > 0;
            // If-Range takes only a strong ETag: a weak one (W/"…") falls back to the date.
            const bool strongEtag = !a.etag.empty() && !startsWithNoCase(a.etag, "w/");
            const std::string v = strongEtag ? a.etag : a.lastModified;
            if (v.empty() ? (::unlink(validator_.c_str()) != 0 && errno != ENOENT) : !writeSmallFileAtomically(validator_, v))
                return a.fail(Abort::LocalError, errnoText("cannot write", validator_));
            fd_ = ::open(part_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
            if (fd_ < 0) return a.fail(Abort::LocalError, errnoText("cannot create", part_));
            base_ = 0;
            total_ = std::max<int64_t>(length, 0);
            if (restarted && opt_.progress) opt_.progress(0, total_);
        }
        if (total_ > max_)
            return a.fail(Abort::TooLarge, "the server announces " + std::to_string(total_) + " bytes, more than the limit of " +
                                               std::to_string(max_));
        return true;
    }

    bool write(Attempt& a, const char* data, size_t len) override {
        if (base_ + written_ + static_cast<int64_t>(len) > max_)
            return a.fail(Abort::TooLarge, "the file is longer than the limit of " + std::to_string(max_) + " bytes");
        if (!writeAll(fd_, data, len)) return a.fail(Abort::LocalError, errnoText("cannot write", part_));
        written_ += static_cast<int64_t>(len);
        if (opt_.progress) opt_.progress(base_ + written_, total_);
        return true;
    }

    // Makes the .part durable and closes it; false (errno set) when that fails.
    bool syncAndClose() {
        if (fd_ < 0) return true;
        const bool ok = ::fsync(fd_) == 0;
        const int saved = errno;
        closeFile();
        errno = saved;
        return ok;
    }

    void closeFile() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

    int64_t bytes() const { return base_ + written_; }

    bool resumed = false;
    bool restarted = false;

private:
    std::string part_, validator_;
    int64_t max_;
    const HttpOptions& opt_;
    int64_t from_, existing_;
    int fd_ = -1;
    int64_t base_ = 0, written_ = 0, total_ = 0;
};

void removeQuietly(const std::string& path) { ::unlink(path.c_str()); }

// --- put ----------------------------------------------------------------------------------

bool isPutSuccess(long code) { return code == 201 || code == 204; }

}  // namespace

// ===== public API ===========================================================================

HttpResult fetchToMemory(const std::string& url, std::string& body, int64_t maxBytes, const HttpOptions& opt) {
    std::string().swap(body);
    maxBytes = std::max<int64_t>(maxBytes, 0);
    Operation op;
    op.attempt = [&]() -> Outcome {
        Easy curl = newEasy();
        if (!curl) return localFailure("curl_easy_init failed");
        Slist headers = buildHeaders(opt, {});
        MemorySink sink(body, maxBytes, opt);
        Attempt a;
        a.opt = &opt;
        a.curl = curl.get();
        a.sink = &sink;
        configure(curl.get(), url, opt, a, headers.get());
        Outcome o = perform(a, url, isGetSuccess);
        if (o.status != HttpStatus::Ok) sink.release();
        return o;
    };
    HttpResult r = runWithRetries(opt, std::move(op));
    if (r.status != HttpStatus::Ok) std::string().swap(body);
    r.bytes = static_cast<int64_t>(body.size());
    return r;
}

HttpResult fetchToFile(const std::string& url, const std::string& dest, int64_t maxBytes, const HttpOptions& opt) {
    const std::string part = dest + ".part";
    const std::string validatorPath = dest + ".part.validator";
    maxBytes = std::max<int64_t>(maxBytes, 0);
    const bool http = isHttpUrl(url);
    bool resumed = false, restarted = false;
    int64_t bytes = 0;

    Operation op;
    op.attempt = [&]() -> Outcome {
        int64_t existing = std::max<int64_t>(fileSize(part), 0);
        std::string validator = existing > 0 ? readSmallFile(validatorPath) : std::string();
        if (existing > maxBytes) validator.clear();  // cannot be a prefix of an acceptable file
        const int64_t from = (http && existing > 0 && !validator.empty()) ? existing : 0;

        Easy curl = newEasy();
        if (!curl) return localFailure("curl_easy_init failed");
        std::vector<std::string> extra;
        if (from > 0) extra.push_back("If-Range: " + validator);
        Slist headers = buildHeaders(opt, extra);
        FileSink sink(part, validatorPath, maxBytes, opt, from, existing);
        Attempt a;
        a.opt = &opt;
        a.curl = curl.get();
        a.sink = &sink;
        configure(curl.get(), url, opt, a, headers.get());
        const std::string range = std::to_string(from) + "-";
        if (from > 0) curl_easy_setopt(curl.get(), CURLOPT_RANGE, range.c_str());

        Outcome o = perform(a, url, isGetSuccess);
        resumed = resumed || sink.resumed;
        restarted = restarted || sink.restarted;
        switch (o.status) {
            case HttpStatus::Ok:
                if (!sink.syncAndClose()) return localFailure(errnoText("cannot sync", part));
                if (::rename(part.c_str(), dest.c_str()) != 0) return localFailure(errnoText("cannot rename " + part + " to", dest));
                fsyncDirectoryOf(dest);
                removeQuietly(validatorPath);
                bytes = sink.bytes();
                break;
            case HttpStatus::TooLarge:
                sink.closeFile();
                removeQuietly(part);
                removeQuietly(validatorPath);
                bytes = 0;
                break;
            case HttpStatus::Cancelled:
            case HttpStatus::NetworkError:
                // Kept for the next try: make what arrived durable.
                sink.syncAndClose();
                bytes = std::max<int64_t>(fileSize(part), 0);
                break;
            default:
                sink.closeFile();
                bytes = std::max<int64_t>(fileSize(part), 0);
                break;
        }
        return o;
    };
    // 416: the .part is not a prefix of the file (it is as long or longer), yet the validator
    // matched: start again from zero, at once.
    op.restartNow = [&](const Outcome& o) {
        if (o.status != HttpStatus::HttpError || o.code != 416 || fileSize(part) <= 0) return false;
        removeQuietly(part);
        removeQuietly(validatorPath);
        restarted = true;
        if (opt.progress) opt.progress(0, 0);
        return true;
    };
    HttpResult r = runWithRetries(opt, std::move(op));
    r.resumed = resumed;
    r.restarted = restarted;
    r.bytes = bytes;
    if (r.status == HttpStatus::Cancelled) r.bytes = std::max<int64_t>(fileSize(part), 0);
    return r;
}

HttpResult put(const std::string& url, std::string_view body, const HttpOptions& opt) {
    Operation op;
    op.attempt = [&]() -> Outcome {
        Easy curl = newEasy();
        if (!curl) return localFailure("curl_easy_init failed");
        Slist headers = buildHeaders(opt, {"Content-Type: application/octet-stream"});
        Attempt a;
        a.opt = &opt;
        a.curl = curl.get();
        a.upload = body;
        configure(curl.get(), url, opt, a, headers.get());
        curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, onRead);
        curl_easy_setopt(curl.get(), CURLOPT_READDATA, &a);
        curl_easy_setopt(curl.get(), CURLOPT_SEEKFUNCTION, onSeek);
        curl_easy_setopt(curl.get(), CURLOPT_SEEKDATA, &a);
        curl_easy_setopt(curl.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
        Outcome o = perform(a, url, isPutSuccess);
        if (o.status == HttpStatus::HttpError && o.code == 200)
            o.error = "HTTP 200 from " + url + " (a PUT must be answered 201 or 204)";
        return o;
    };
    HttpResult r = runWithRetries(opt, std::move(op));
    r.bytes = r.status == HttpStatus::Ok ? static_cast<int64_t>(body.size()) : 0;
    return r;
}

// --- describe -------------------------------------------------------------------------------

const char* toString(HttpStatus s) {
    switch (s) {
        case HttpStatus::Ok: return "Ok";
        case HttpStatus::NotFound: return "NotFound";
        case HttpStatus::TooLarge: return "TooLarge";
        case HttpStatus::HttpError: return "HttpError";
        case HttpStatus::NetworkError: return "NetworkError";
        case HttpStatus::Cancelled: return "Cancelled";
        case HttpStatus::LocalError: return "LocalError";
    }
    return "?";
}

std::string describe(const HttpResult& r) {
    const std::string after = " after " + attemptsText(r.attempts);
    const std::string detail = r.error.empty() ? std::string() : ": " + r.error;
    switch (r.status) {
        case HttpStatus::Ok:
            return (r.httpCode ? "HTTP " + std::to_string(r.httpCode) : std::string("done")) + after + ", " +
                   std::to_string(r.bytes) + (r.bytes == 1 ? " byte" : " bytes") + (r.resumed ? " (resumed)" : "");
        case HttpStatus::NotFound:
        case HttpStatus::HttpError:
            if (r.httpCode && r.error.rfind("HTTP ", 0) == 0) return "HTTP " + std::to_string(r.httpCode) + after;
            return std::string(r.status == HttpStatus::NotFound ? "not found" : "HTTP error") + after + detail;
        case HttpStatus::TooLarge: return "too large" + after + detail;
        case HttpStatus::NetworkError: return "network error" + after + detail;
        case HttpStatus::Cancelled: return "cancelled" + after;
        case HttpStatus::LocalError: return "local error" + after + detail;
    }
    return "?";
}

}  // namespace zwgk
