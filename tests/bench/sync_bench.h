// kiosk-bench's "sync" section: signed bundles applied by `kiosk-sync import`, the way a
// terminal applies a USB stick or a pulled web root.
//
//   snapshot   demo content + N generated documents (`kiosk-sync generate --out-source`),
//              packed and signed with its prebuilt search index (pack's default), applied
//              once to a fresh store with a pinned root by a child `kiosk-sync import --db
//              STORE BUNDLE`: wall time and the child's peak RSS (wait4 ru_maxrss), and
//              whether the prebuilt index was used (the import's note). Targets ≤ 60 s and
//              ≤ 200 MiB (N = 100,000).
//   delta      60 documents edited, 30 added and 10 removed in a copy of the source, packed
//              with --base the snapshot bundle and applied 5 times, each time to a fresh copy
//              of the store that holds the snapshot. Target ≤ 1 s (median).
//   bundle     source bytes against the bundles' bytes (snapshot and delta).
//
// The generated source, the keys and both bundles are kept in the sources folder
// (build/bench/sources) and reused while they are newer than assets/content; the stores the
// bundles are applied to are made afresh in the work folder and removed afterwards.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace zwgk::bench {

// kiosk-bench's options for this section, taken out of the command line before kiosk-bench
// parses the rest (see kSyncBenchUsage).
struct SyncBenchArgs {
    bool only = false;    // --only sync: measure this section alone
    std::string sources;  // --sources DIR (default: ZWGK_BENCH_SOURCES_DIR)
};

// The lines kiosk-bench's --help shows for SyncBenchArgs.
#define ZWGK_SYNC_BENCH_USAGE                                                                 \
    "  --only sync         measure only the sync section (bundles applied by kiosk-sync)\n" \
    "  --sources DIR       where the sync section keeps its generated source, keys, bundles\n"

// Removes --only sync and --sources DIR from ARGV (ARGC adjusted). Throws
// std::invalid_argument for a missing or unknown value.
SyncBenchArgs takeSyncBenchArgs(int& argc, char** argv);

struct SyncBenchConfig {
    std::string kioskSync;    // the kiosk-sync program
    std::string assets;       // the kiosk assets folder (assets/content is the demo content)
    std::string work;         // kiosk-bench's work folder: the applied stores go below it
    std::string sources;      // empty: ZWGK_BENCH_SOURCES_DIR
    bool quick = false;       // smoke run: a small source
    bool regenerate = false;  // rebuild the source, keys and bundles
    int docs = 100000;        // generated documents of the full run (--quick: 2,000)
};

// Measures the section into STORES["sync"], appends its verdicts to TARGETS (as kiosk-bench
// lists them) and returns whether every one was met. Throws std::runtime_error when a step
// fails (a program exits non-zero, a bundle is not applied, a count is wrong).
bool addSyncSection(const SyncBenchConfig& config, nlohmann::ordered_json& stores, nlohmann::ordered_json& targets);

// `kiosk-bench --only sync`: measures the section, prints the result document (the layout
// of a full run, with only "sync" in "stores") and writes it to OUT too when OUT is not
// empty. Returns kiosk-bench's exit status.
int runSyncOnly(const SyncBenchConfig& config, const nlohmann::ordered_json& host, const std::string& out);

}  // namespace zwgk::bench
