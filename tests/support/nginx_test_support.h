// Helpers for tests that talk HTTP to the private nginx that the CTest fixture "nginx" starts
// (tests/support/nginx.sh; tests/CMakeLists.txt passes its folder to every test binary as
// ZWGK_NGINX_DIR). Header-only, no dependency beyond the C++ library: include it from any test
// binary (add tests/support to the include path) and add `FIXTURES nginx` to that binary's
// zwgk_test() call.
//
//   namespace nt = zwgk::nginxtest;
//   const std::string name = nt::uniqueName("bundle") + ".zip";  // tests run in parallel processes
//   nt::writeWwwFile(name, bytes);                  // served at nt::baseUrl() + "/" + name
//   fetchToFile(nt::baseUrl() + "/slow/" + name, ...);   // the same file at 64 KiB/s
//   put(nt::baseUrl() + "/intake/LL01/x.sealed", ...);   // lands in nt::intakeDir() / "LL01/x.sealed"
//
// URL paths (see nginx.sh for the whole list): / and /slow/ and /chunked/ serve wwwDir();
// /intake/ takes WebDAV PUT (2 MiB at most) into intakeDir(); /status/NNN answers NNN;
// /redirect/www/NAME redirects to /NAME, /redirect/loop to itself.
//
// nginx's ETag is "<mtime>-<size>": a file replaced by one of the same length within the same
// second keeps its ETag (and If-Range would then splice two versions). writeWwwFile() takes
// the mtime to set; give a replacement a different one (setWwwMtime, or the mtime argument).
//
// Every function throws std::runtime_error with a readable message when something is missing.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace zwgk::nginxtest {

namespace fs = std::filesystem;

// $ZWGK_NGINX_DIR, the folder nginx.sh started the server in.
inline fs::path nginxDir() {
    const char* env = std::getenv("ZWGK_NGINX_DIR");
    if (!env || !*env)
        throw std::runtime_error(
            "ZWGK_NGINX_DIR is not set: run this test through ctest (the nginx fixture starts the "
            "private nginx), or start one with `bash tests/support/nginx.sh start DIR` and export "
            "ZWGK_NGINX_DIR=DIR");
    return env;
}

// "127.0.0.1:PORT".
inline std::string address() {
    const fs::path file = nginxDir() / "address";
    std::ifstream in(file);
    std::string s;
    if (!in || !std::getline(in, s) || s.empty())
        throw std::runtime_error("no private nginx running: " + file.string() +
                                 " is missing (did the nginx_start fixture test fail? see " +
                                 (nginxDir() / "log/error.log").string() + ")");
    return s;
}

// "http://127.0.0.1:PORT", no trailing slash.
inline std::string baseUrl() { return "http://" + address(); }

// Served at / (and /slow/, /chunked/).
inline fs::path wwwDir() { return nginxDir() / "www"; }

// Where PUTs to /intake/ land (files owned by www-data when the tests run as root).
inline fs::path intakeDir() { return nginxDir() / "intake"; }

// A name no other test process uses: PREFIX-<pid>-<n>.
inline std::string uniqueName(const std::string& prefix = "t") {
    static std::atomic<int> counter{0};
    return prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

// Sets the mtime of wwwDir()/RELPATH to SECONDS since the epoch (this changes nginx's ETag and
// Last-Modified).
inline void setWwwMtime(const fs::path& relPath, std::time_t seconds) {
    const fs::path path = wwwDir() / relPath;
    const auto sys = std::chrono::system_clock::from_time_t(seconds);
    const auto ft = fs::file_time_type::clock::now() + (sys - std::chrono::system_clock::now());
    std::error_code ec;
    fs::last_write_time(path, std::chrono::time_point_cast<fs::file_time_type::duration>(ft), ec);
    if (ec) throw std::runtime_error("cannot set the mtime of " + path.string() + ": " + ec.message());
}

// Writes BYTES to wwwDir()/RELPATH (folders created) through a temporary file and a rename, so
// nginx never serves half of it; MTIME (seconds since the epoch) when given. Returns the path.
inline fs::path writeWwwFile(const fs::path& relPath, const std::string& bytes,
                             std::optional<std::time_t> mtime = std::nullopt) {
    const fs::path path = wwwDir() / relPath;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    const fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".tmp");
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::permissions(tmp, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read,
                    ec);
    fs::rename(tmp, path, ec);
    if (ec) throw std::runtime_error("cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message());
    if (mtime) setWwwMtime(relPath, *mtime);
    return path;
}

// The whole content of PATH (throws when it cannot be read).
inline std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// N pseudo-random bytes from SEED (the same seed gives the same bytes).
inline std::string randomBytes(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::string out(n, '\0');
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<char>(rng() & 0xff);
    return out;
}

}  // namespace zwgk::nginxtest
