#include "search_bench.h"

#include <string.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>

#include "search_text.h"
#include "store.h"
#include "utf8.h"

namespace zwgk {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const size_t at = std::min(values.size() - 1, static_cast<size_t>(p * static_cast<double>(values.size() - 1) + 0.5));
    return values[at];
}

// A run of LENGTH Han characters from a random place in TEXT, or empty.
std::string sample(const std::string& text, size_t length, std::mt19937& random) {
    const std::u32string chars = utf8::decode(text);
    if (chars.size() < length) return {};
    for (int attempt = 0; attempt < 20; ++attempt) {
        const size_t at = random() % (chars.size() - length + 1);
        const std::u32string part = chars.substr(at, length);
        if (std::all_of(part.begin(), part.end(), search::isHan)) return utf8::encode(part);
    }
    return {};
}

}  // namespace

SearchBenchResult benchmarkSearch(const std::string& dbPath, int queries, unsigned seed, bool rebuild) {
    SearchBenchResult result;
    if (rebuild) {
        auto writable = Store::open(dbPath, Store::Mode::ReadWrite);
        const auto start = Clock::now();
        writable->rebuildSearchIndex();
        result.rebuildSeconds = msSince(start) / 1000;
    }
    auto store = Store::open(dbPath, Store::Mode::ReadOnly);
    result.indexBytes = store->searchIndexBytes();
    std::error_code ec;
    result.storeBytes = static_cast<int64_t>(std::filesystem::file_size(dbPath, ec));

    // Every title and body in one buffer, documents separated by a byte no text contains:
    // the fastest plain scan there is, as the comparison.
    std::vector<int64_t> ids;
    for (const DocumentSummary& s : store->listDocuments({}, 0, 100000000)) ids.push_back(s.id);
    result.documents = static_cast<int>(ids.size());
    std::string all;
    for (int64_t id : ids) {
        const auto d = store->document(id);
        if (!d) continue;
        all += d->title;
        for (const std::string& p : d->body) {
            all += '\n';
            all += p;
        }
        all += '\x01';
    }
    result.textBytes = static_cast<int64_t>(all.size());

    std::mt19937 random(seed);
    for (int length : {2, 3, 4}) {
        SearchLatency latency;
        latency.characters = length;
        std::vector<double> times, scans;
        double hits = 0;
        for (int i = 0; i < queries && !ids.empty(); ++i) {
            const auto d = store->document(ids[random() % ids.size()]);
            if (!d || d->body.empty()) continue;
            const std::string text = sample(d->body[random() % d->body.size()], static_cast<size_t>(length), random);
            if (text.empty()) continue;
            SearchQuery q;
            q.text = text;
            q.limit = 50;
            const auto start = Clock::now();
            hits += static_cast<double>(store->search(q).size());
            times.push_back(msSince(start));
            if (scans.size() < 20) {
                const auto scanStart = Clock::now();
                size_t found = 0;
                const char* at = all.data();
                const char* end = all.data() + all.size();
                while (at < end) {
                    const void* hit = memmem(at, static_cast<size_t>(end - at), text.data(), text.size());
                    if (!hit) break;
                    ++found;
                    // Count each document once: skip to its end.
                    const char* next = static_cast<const char*>(memchr(hit, '\x01', static_cast<size_t>(end - static_cast<const char*>(hit))));
                    at = next ? next + 1 : end;
                }
                scans.push_back(msSince(scanStart));
                if (found == 0) std::fprintf(stderr, "search bench: scan found no '%s'\n", text.c_str());
            }
        }
        latency.queries = static_cast<int>(times.size());
        latency.p50Ms = percentile(times, 0.5);
        latency.p95Ms = percentile(times, 0.95);
        latency.maxMs = times.empty() ? 0 : *std::max_element(times.begin(), times.end());
        latency.meanHits = times.empty() ? 0 : hits / static_cast<double>(times.size());
        latency.scanQueries = static_cast<int>(scans.size());
        latency.scanP50Ms = percentile(scans, 0.5);
        latency.scanP95Ms = percentile(scans, 0.95);
        result.byLength.push_back(latency);
    }
    return result;
}

std::string formatSearchBench(const SearchBenchResult& r) {
    std::string out;
    char line[160];
    auto add = [&](const char* name, double value, const char* format) {
        std::snprintf(line, sizeof line, format, value);
        out += name;
        out += '\t';
        out += line;
        out += '\n';
    };
    add("search_documents", r.documents, "%.0f");
    add("search_text_bytes", static_cast<double>(r.textBytes), "%.0f");
    add("search_index_bytes", static_cast<double>(r.indexBytes), "%.0f");
    add("search_store_bytes", static_cast<double>(r.storeBytes), "%.0f");
    if (r.rebuildSeconds >= 0) add("search_index_build_seconds", r.rebuildSeconds, "%.3f");
    for (const SearchLatency& l : r.byLength) {
        const std::string prefix = "search_" + std::to_string(l.characters) + "char_";
        add((prefix + "queries").c_str(), l.queries, "%.0f");
        add((prefix + "p50_ms").c_str(), l.p50Ms, "%.3f");
        add((prefix + "p95_ms").c_str(), l.p95Ms, "%.3f");
        add((prefix + "max_ms").c_str(), l.maxMs, "%.3f");
        add((prefix + "mean_hits").c_str(), l.meanHits, "%.1f");
        add((prefix + "scan_p50_ms").c_str(), l.scanP50Ms, "%.3f");
        add((prefix + "scan_p95_ms").c_str(), l.scanP95Ms, "%.3f");
    }
    return out;
}

}  // namespace zwgk
