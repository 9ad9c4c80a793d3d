// Shared by the libFuzzer targets of tests/fuzz: fixtures read once at start, invariant checks
// that abort (libFuzzer records an abort as a crash and keeps the input), and a JSON-aware
// mutator for the targets whose input is a JSON file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

#ifndef ZWGK_FUZZ_DIR
#error "ZWGK_FUZZ_DIR (tests/fuzz) must be defined by tests/fuzz/CMakeLists.txt"
#endif

namespace zwgk::fuzz {

// A file of tests/fuzz (fixtures/root-1.json …) or of the source tree (assets/content/…).
inline std::string readFixture(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz fixture missing: %s\n", path.c_str());
        std::abort();
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

inline std::string fixturePath(const char* name) { return std::string(ZWGK_FUZZ_DIR) + "/fixtures/" + name; }

[[noreturn]] inline void invariantFailed(const char* what, const char* file, int line) {
    std::fprintf(stderr, "fuzz invariant violated at %s:%d: %s\n", file, line, what);
    std::abort();
}

// Half of the time libFuzzer's own byte-level mutations (with the dictionary); otherwise, when
// the input after PREFIX bytes is JSON, one change to its structure that byte flips rarely
// make: a value of another type (a number where text is expected, an array for an object …),
// a boundary number, a removed or added member, a duplicated or dropped array element, a value
// copied from elsewhere in the file. Returns the new size, as LLVMFuzzerCustomMutator does.
inline size_t mutateJson(uint8_t* data, size_t size, size_t maxSize, unsigned int seed, size_t prefix) {
    using json = nlohmann::json;
    std::minstd_rand rng(seed);
    if (size <= prefix || rng() % 2 == 0) return LLVMFuzzerMutate(data, size, maxSize);
    json document = json::parse(data + prefix, data + size, nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) return LLVMFuzzerMutate(data, size, maxSize);

    std::vector<json*> nodes;
    std::vector<json*> stack{&document};
    while (!stack.empty()) {
        json* node = stack.back();
        stack.pop_back();
        nodes.push_back(node);
        if (node->is_structured())
            for (json& child : *node) stack.push_back(&child);
    }
    json& node = *nodes[rng() % nodes.size()];
    static const int64_t kNumbers[] = {0, -1, 1, 2, 255, 1000, 65536, int64_t(1) << 31, int64_t(1) << 53,
                                       std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
    static const char* const kTexts[] = {"", "x", "../../etc/passwd", "/etc/passwd", "meta.json", "deleted.json",
                                         "documents/00001.json", "2026-02-30T00:00:00Z", "1970-01-01T00:00:00Z",
                                         "2026-11-30T08:00:00Z", "2026-02-29", "zstd", "delta", "snapshot",
                                         "zwgk-sign-public:", "有效", "１３８００１３８０００"};
    static const char* const kKeys[] = {"type", "spec", "version", "kind", "base", "files", "path", "length",
                                        "sha256", "encoding", "raw_length", "key", "sig", "signed", "signatures",
                                        "expires", "revoked", "sort", "count", "interprets", "name"};
    switch (rng() % 12) {
    case 0: node = nullptr; break;
    case 1: node = kNumbers[rng() % std::size(kNumbers)]; break;
    case 2: node = std::numeric_limits<uint64_t>::max() - rng() % 2; break;
    case 3: node = rng() % 2 ? 1.5 : 1e300; break;
    case 4: node = kTexts[rng() % std::size(kTexts)]; break;
    case 5: node = rng() % 2 == 0; break;
    case 6: node = rng() % 2 ? json::array({node}) : json::object({{"x", node}}); break;
    case 7: node = rng() % 2 ? json::array() : json::object(); break;
    case 8:  // drop a member or an element
        if (node.is_object() && !node.empty()) {
            auto it = node.begin();
            std::advance(it, rng() % node.size());
            node.erase(it);
        } else if (node.is_array() && !node.empty()) {
            node.erase(node.begin() + static_cast<std::ptrdiff_t>(rng() % node.size()));
        }
        break;
    case 9:  // duplicate an element
        if (node.is_array() && !node.empty()) node.push_back(json(node[rng() % node.size()]));
        break;
    case 10:  // add a member that the readers know, with a value copied from elsewhere
        if (node.is_object()) node[kKeys[rng() % std::size(kKeys)]] = json(*nodes[rng() % nodes.size()]);
        break;
    case 11: {  // a value copied from elsewhere in the file (not from inside itself)
        const json copy = *nodes[rng() % nodes.size()];
        node = copy;
        break;
    }
    }
    const std::string text = document.dump(rng() % 2 ? -1 : 1);
    if (prefix + text.size() > maxSize) return LLVMFuzzerMutate(data, size, maxSize);
    std::memcpy(data + prefix, text.data(), text.size());
    return prefix + text.size();
}

}  // namespace zwgk::fuzz

#define FUZZ_CHECK(condition) \
    ((condition) ? (void)0 : ::zwgk::fuzz::invariantFailed(#condition, __FILE__, __LINE__))
