// libFuzzer target: the readers of a bundle's files (sync/bundle.h): decodeFile with zstd
// entries whose raw length comes from the input, parseDeletedList (deleted.json of a delta,
// also after decoding) and readVerifiedFile / fileMatches (length and hash checks, reading no
// further than the declared length). Input layout:
//   byte 0       mode: & 3 chooses the reader (below), & 4 and & 8 are options
//   bytes 1..4   N, little-endian: the declared length
//   the rest     the stored bytes
// Modes:
//   0  decodeFile(zstd, rawLength = N mod (kMaxRaw + 1)); & 4: parseDeletedList on the result
//   1  the same with rawLength = the frame's own content size when it has one (<= kMaxRaw), so
//      that decompression itself runs; & 4: parseDeletedList on the result
//   2  parseDeletedList on the bytes as stored (and decodeFile of an identity entry)
//   3  readVerifiedFile from a file: length = N mod (size + 2) (shorter, equal or longer than
//      the file), sha256 of those bytes when & 4 (else a wrong one); & 8: then decode as zstd
// Only BundleError may leave these functions, with the documented refusals.
//
// The raw length is capped at kMaxRaw (1 MiB) here: decodeFile allocates rawLength bytes
// before decompressing, and a manifest may declare up to kMaxRawFileBytes (1 GiB). That is
// bounded by the signed manifest and not a finding; the cap keeps the fuzzer inside
// -rss_limit_mb.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <zstd.h>

#include "bundle.h"
#include "fuzz_support.h"
#include "signing.h"

namespace {

using namespace zwgk;

constexpr int64_t kMaxRaw = 1 << 20;

std::string& tempPath() {
    static std::string path;
    return path;
}

void removeTemp() {
    if (!tempPath().empty()) ::unlink(tempPath().c_str());
}

bool isDocumentKey(const std::string& key) {
    return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
           });
}

void deletedList(std::string_view text) {
    try {
        const std::vector<std::string> keys = parseDeletedList(text);
        for (const std::string& key : keys) FUZZ_CHECK(isDocumentKey(key));
        if (std::getenv("ZWGK_FUZZ_VERBOSE")) std::fprintf(stderr, "  deleted.json lists %zu keys\n", keys.size());
    } catch (const BundleError& e) {
        FUZZ_CHECK(e.refusal() == BundleRefusal::Corrupt);
    }
}

// decodeFile of a zstd entry; the decoded bytes, or nothing when refused as Corrupt.
std::optional<std::string> decode(const std::string& stored, int64_t rawLength) {
    ManifestFile entry;
    entry.path = "documents/00001.json";
    entry.length = static_cast<int64_t>(stored.size());
    entry.zstd = true;
    entry.rawLength = rawLength;
    try {
        std::string raw = decodeFile(stored, entry);
        if (std::getenv("ZWGK_FUZZ_VERBOSE")) std::fprintf(stderr, "  decoded %zu bytes\n", raw.size());
        FUZZ_CHECK(static_cast<int64_t>(raw.size()) == rawLength);
        return raw;
    } catch (const BundleError& e) {
        FUZZ_CHECK(e.refusal() == BundleRefusal::Corrupt);
        return std::nullopt;
    }
}

int64_t frameRawLength(const std::string& stored, uint32_t n) {
    const unsigned long long size = ZSTD_getFrameContentSize(stored.data(), stored.size());
    if (size != ZSTD_CONTENTSIZE_ERROR && size != ZSTD_CONTENTSIZE_UNKNOWN && size <= kMaxRaw)
        return static_cast<int64_t>(size);
    return n % (kMaxRaw + 1);
}

void verifiedRead(const std::string& stored, uint32_t n, uint8_t mode) {
    {
        std::ofstream out(tempPath(), std::ios::binary | std::ios::trunc);
        out.write(stored.data(), static_cast<std::streamsize>(stored.size()));
        if (!out) std::abort();
    }
    ManifestFile entry;
    entry.path = "documents/00001.json";
    entry.length = n % (static_cast<int64_t>(stored.size()) + 2);
    const std::string prefix = stored.substr(0, static_cast<size_t>(std::min<int64_t>(entry.length, stored.size())));
    entry.sha256 = (mode & 4) ? sha256Hex(prefix) : std::string(64, '0');
    entry.rawLength = entry.length;
    const bool matches = fileMatches(tempPath(), entry);
    try {
        const std::string data = readVerifiedFile(tempPath(), entry);
        FUZZ_CHECK(data == stored);
        FUZZ_CHECK(entry.length == static_cast<int64_t>(stored.size()));
        FUZZ_CHECK(matches);
        if (std::getenv("ZWGK_FUZZ_VERBOSE")) std::fprintf(stderr, "  verified %zu bytes\n", data.size());
        if (mode & 8) {
            const std::optional<std::string> raw = decode(data, frameRawLength(data, n));
            if (raw) deletedList(*raw);
        }
    } catch (const BundleError& e) {
        FUZZ_CHECK(!matches);
        const int64_t size = static_cast<int64_t>(stored.size());
        switch (e.refusal()) {
        case BundleRefusal::FileTooLong: FUZZ_CHECK(size > entry.length); break;
        case BundleRefusal::FileLength: FUZZ_CHECK(size < entry.length); break;
        case BundleRefusal::FileHash: FUZZ_CHECK(size == entry.length && !(mode & 4)); break;
        default: FUZZ_CHECK(!"readVerifiedFile refused for another reason");
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/zwgk-fuzz-decode-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        std::perror("mkstemp");
        std::abort();
    }
    ::close(fd);
    tempPath() = pattern;
    std::atexit(removeTemp);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 5) return 0;
    const uint8_t mode = data[0];
    const uint32_t n = uint32_t(data[1]) | uint32_t(data[2]) << 8 | uint32_t(data[3]) << 16 | uint32_t(data[4]) << 24;
    const std::string stored(reinterpret_cast<const char*>(data + 5), size - 5);
    static const bool verbose = std::getenv("ZWGK_FUZZ_VERBOSE");  // to check the seeds
    if (verbose) std::fprintf(stderr, "mode %u, length %u, %zu bytes\n", mode, n, stored.size());
    switch (mode & 3) {
    case 0:
    case 1: {
        const int64_t rawLength = (mode & 3) == 0 ? n % (kMaxRaw + 1) : frameRawLength(stored, n);
        const std::optional<std::string> raw = decode(stored, rawLength);
        if (raw && (mode & 4)) deletedList(*raw);
        break;
    }
    case 2: {
        deletedList(stored);
        ManifestFile identity;
        identity.path = "deleted.json";
        identity.length = identity.rawLength = static_cast<int64_t>(stored.size());
        FUZZ_CHECK(decodeFile(stored, identity) == stored);
        break;
    }
    case 3: verifiedRead(stored, n, mode); break;
    }
    return 0;
}
