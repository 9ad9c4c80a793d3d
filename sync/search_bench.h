// Search benchmark for kiosk-bench: index build time and size, and top-50-with-snippets
// latency for 2-, 3- and 4-character queries next to a linear substring scan of the same
// text. Reads the store through the Store API only.
#pragma once

#include <string>
#include <vector>

namespace zwgk {

struct SearchLatency {
    int characters = 0;       // query length in characters (2, 3 or 4)
    int queries = 0;          // queries run through Store::search
    double p50Ms = 0;         // median latency of search() with limit 50 (snippets included)
    double p95Ms = 0;         // 95th percentile
    double maxMs = 0;         // slowest query
    double meanHits = 0;      // hits returned per query (at most 50)
    int scanQueries = 0;      // queries also answered by the linear scan (a subset: it is slow)
    double scanP50Ms = 0;     // median latency of the linear scan (memmem over every document)
    double scanP95Ms = 0;     // 95th percentile of the scan
};

struct SearchBenchResult {
    int documents = 0;              // documents in the store
    int64_t textBytes = 0;          // UTF-8 bytes of titles and bodies (what the scan reads)
    int64_t indexBytes = 0;         // bytes of the search index in the file
    int64_t storeBytes = 0;         // whole store file
    double rebuildSeconds = -1;     // index rebuild time; -1 when not measured
    std::vector<SearchLatency> byLength;  // 2, 3, 4 characters
};

// Samples QUERIES queries of each length (2, 3, 4 Han characters) from the store's own
// document texts with SEED, times Store::search (limit 50) for each, and a memmem scan over
// all titles and bodies held in memory for up to 20 of them. REBUILD also times
// Store::rebuildSearchIndex (rewrites the index in the file: the content stays the same).
SearchBenchResult benchmarkSearch(const std::string& dbPath, int queries, unsigned seed,
                                  bool rebuild = false);

// "name<TAB>value" lines, the format of kiosk-sync's other reports.
std::string formatSearchBench(const SearchBenchResult& result);

}  // namespace zwgk
