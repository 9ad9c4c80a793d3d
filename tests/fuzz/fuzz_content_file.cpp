// libFuzzer target: one content file read from a bundle (sync/content_source.h
// readContentFile), then the cross-record rules (validateContentSet) on the set it lands in.
// The first input byte chooses the file and the mode, the rest is the file:
//   byte & 0x0f  the name: meta.json, agencies.json, topics.json, areas.json,
//                documents/0001.json, catalogue.json, guides.json, qa.json, gazette.json,
//                announcements.json, villages.json, calendar.json, statuses.json, config.json,
//                doc-index.json (not a content file: refused) or documents/2024.json
//   byte & 0x10  strict: validateContentSet(set) as at import, where every reference must
//                resolve inside the set; otherwise validateContentSet(set, documentKnown) as for
//                a bundle applied in batches, knowing the demo content's document keys.
// The set the file lands in holds what the other files refer to: the demo content's meta.json,
// agencies.json, topics.json and areas.json (assets/content); the file replaces its part of it.
// Only ContentError may leave readContentFile and validateContentSet: anything else (another
// exception, a crash, a leak, undefined behaviour) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "content_source.h"
#include "fuzz_support.h"

#ifndef ZWGK_SOURCE_DIR
#error "ZWGK_SOURCE_DIR must be defined by tests/fuzz/CMakeLists.txt"
#endif

namespace {

using namespace zwgk;

const char* const kNames[16] = {
    "meta.json",          "agencies.json",  "topics.json",   "areas.json",
    "documents/0001.json", "catalogue.json", "guides.json",   "qa.json",
    "gazette.json",       "announcements.json", "villages.json", "calendar.json",
    "statuses.json",      "config.json",    "doc-index.json", "documents/2024.json",
};

struct Fixtures {
    ContentSet references;                         // demo meta, agencies, topics and areas
    std::unordered_set<std::string> documentKeys;  // of the demo content
};

const Fixtures& fixtures() {
    static const Fixtures f = [] {
        Fixtures x;
        const ContentSet demo = loadContentSource(std::string(ZWGK_SOURCE_DIR) + "/assets/content");
        x.references.meta = demo.meta;
        x.references.agencies = demo.agencies;
        x.references.topics = demo.topics;
        x.references.areas = demo.areas;
        for (const DocumentRecord& d : demo.documents) x.documentKeys.insert(d.key);
        return x;
    }();
    return f;
}

size_t textCount(const ContentSet& set) {
    size_t texts = 0;
    forEachText(set, [&](const std::string&) { ++texts; });
    return texts + set.terminalConfig.size();
}

}  // namespace

// JSON-aware mutations besides libFuzzer's own (fuzz_support.h).
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    return fuzz::mutateJson(data, size, maxSize, seed, /*prefix=*/1);
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    fixtures();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const std::string name = kNames[data[0] & 0x0f];
    const bool strict = data[0] & 0x10;
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    const Fixtures& f = fixtures();

    ContentSet set = f.references;
    const ContentFileRole role = contentFileRole(name);
    static const bool verbose = std::getenv("ZWGK_FUZZ_VERBOSE");  // to check the seeds
    try {
        readContentFile(name, bytes, set);
    } catch (const ContentError& e) {
        if (verbose) std::fprintf(stderr, "%s: refused by readContentFile: %s\n", name.c_str(), e.what());
        return 0;
    }
    FUZZ_CHECK(role != ContentFileRole::Unknown);
    // Every file but a documents file replaces its part of the set (content_source.h): reading
    // it a second time changes nothing.
    if (role != ContentFileRole::Documents) {
        ContentSet again = set;
        readContentFile(name, bytes, again);  // the same bytes: must not throw now
        FUZZ_CHECK(textCount(again) == textCount(set));
    }
    try {
        if (strict)
            validateContentSet(set);
        else
            validateContentSet(set, [&](const std::string& key) { return f.documentKeys.count(key) > 0; });
    } catch (const ContentError& e) {
        if (verbose) std::fprintf(stderr, "%s: refused by validateContentSet: %s\n", name.c_str(), e.what());
        return 0;
    }
    if (verbose) std::fprintf(stderr, "%s: accepted (%s)\n", name.c_str(), strict ? "strict" : "with the demo documents known");
    // A set that passed: every text a screen may show can be visited.
    FUZZ_CHECK(textCount(set) > 0);
    return 0;
}
