// The terminal's HTTP client (libcurl underneath; http_client.cpp is the only file in the
// project that includes curl/curl.h). Blocking calls, safe to make from any thread: each call
// uses its own connection, and libcurl is initialised once for the process.
//
//   zwgk::HttpOptions opt;
//   opt.cancelled = [&] { return stopRequested.load(); };
//   opt.progress = [&](int64_t done, int64_t total) { ... };
//   zwgk::HttpResult r = zwgk::fetchToFile(url, "/var/lib/zwgk/bundle.zip", 512 << 20, opt);
//   if (r.status != zwgk::HttpStatus::Ok) log("download failed: " + zwgk::describe(r));
//
// Retries: network errors (no connection, reset, stall, timeout) and HTTP 5xx, 408 and 429 are
// tried again up to maxAttempts in all, after a backoff that doubles from backoffInitialMs up to
// backoffMaxMs (each sleep drawn between half and all of that; a Retry-After of 429/503 is
// honoured up to backoffMaxMs). Other answers are final at once: 404/410 NotFound, other 4xx and
// 3xx HttpError. Redirects are followed (at most 3, http and https only). file:// URLs work for
// GET (never resumed; a missing file is NotFound).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace zwgk {

struct HttpOptions {
    long connectTimeoutMs = 10000;   // connect phase
    long stallTimeoutS = 30;         // abort when fewer than 1 KiB/s arrive for this long (CURLOPT_LOW_SPEED_*)
    long totalTimeoutS = 0;          // per attempt; 0 = none
    int maxAttempts = 4;             // network errors and 5xx/408/429 are retried, other 4xx are not
    int backoffInitialMs = 500;      // doubles per attempt, capped, with jitter
    int backoffMaxMs = 30000;
    std::string userAgent = "zwgk-kiosk";
    std::vector<std::string> headers;  // extra request headers, "Name: value"
    // Polled during transfers (at least once a second, and on every block received or sent)
    // and every 10 ms of a backoff sleep; true aborts the call with Cancelled.
    std::function<bool()> cancelled;
    // Bytes of this file so far (including a resumed prefix) and the total when known, else 0.
    // Called from the calling thread as data arrives (for put: bytes sent of the body). Never
    // decreases within one attempt; goes back only when a download starts over (a retried
    // fetchToMemory, or a fetchToFile discarding its .part: HttpResult::restarted). A retried
    // fetchToFile goes on from what its .part already holds.
    std::function<void(int64_t done, int64_t total)> progress;
    // Called before each backoff sleep: ATTEMPT is the try that just failed (1-based), DELAYMS
    // the sleep about to start, ERROR that try's error line. For logs (and tests).
    std::function<void(int attempt, long delayMs, const std::string& error)> onRetry;
};

enum class HttpStatus { Ok, NotFound, TooLarge, HttpError, NetworkError, Cancelled, LocalError };

struct HttpResult {
    HttpStatus status = HttpStatus::NetworkError;
    long httpCode = 0;        // last HTTP status code seen, 0 if none (and for file://)
    int attempts = 0;         // tries made
    bool resumed = false;     // a fetchToFile continued a partial download (206)
    bool restarted = false;   // a partial download was discarded because the file changed on the server
    int64_t bytes = 0;        // body bytes now in the destination (for a kept .part: in the .part)
    std::string error;        // one English line for logs when status != Ok
};

// GET URL into memory, refusing (TooLarge) a body longer than maxBytes: stop reading at
// maxBytes+1, never buffer more. BODY is cleared first and left empty unless Ok.
HttpResult fetchToMemory(const std::string& url, std::string& body, int64_t maxBytes, const HttpOptions&);

// GET URL into DEST resumably: bytes go to DEST + ".part"; the server's validator (ETag, else
// Last-Modified) is kept in DEST + ".part.validator". A later call (or a retry within this one)
// with an existing .part sends "Range: bytes=N-" and "If-Range: <validator>": on 206 it appends
// (resumed = true); on 200 (the file changed, or the server ignores ranges) it truncates and
// starts over cleanly (restarted = true when a non-empty .part existed); on 416 it restarts from
// zero. A .part without a validator is never resumed. Never writes more than maxBytes in total
// (TooLarge, .part removed). On success renames .part to DEST atomically (fsync file, rename,
// fsync directory) and removes the validator file. A Cancelled/NetworkError result keeps the
// .part for the next call; other failures leave it as it was. DEST's folder must exist.
HttpResult fetchToFile(const std::string& url, const std::string& dest, int64_t maxBytes, const HttpOptions&);

// PUT BODY to URL (Content-Type application/octet-stream). Ok only on 201 or 204 (200 counts as
// HttpError: the caller must not mark anything sent). Retries like GET.
HttpResult put(const std::string& url, std::string_view body, const HttpOptions&);

// One line for CLI messages and logs, e.g. "HTTP 404 after 1 attempt",
// "network error after 3 attempts: Couldn't connect to server (http://…)".
std::string describe(const HttpResult&);

// "Ok", "NotFound", ...
const char* toString(HttpStatus);

}  // namespace zwgk
