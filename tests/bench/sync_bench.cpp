// kiosk-bench's "sync" section (see sync_bench.h).
#include "sync_bench.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store.h"

extern char** environ;

#ifndef ZWGK_BENCH_SOURCES_DIR
#define ZWGK_BENCH_SOURCES_DIR "bench-sources"
#endif

namespace zwgk::bench {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// Targets from the terminal's specification (issue 5, "Benchmarks").
constexpr double kSnapshotSeconds = 60;
constexpr double kSnapshotPeakRssMib = 200;
constexpr double kDeltaMs = 1000;

constexpr int kQuickDocs = 2000;  // the smoke run's source: demo + 2,000 generated documents
constexpr int kDeltaRuns = 5;
constexpr int kEdited = 60, kAdded = 30, kRemoved = 10;  // the 100-document delta
constexpr int kSnapshotVersion = 1, kDeltaVersion = 2;
// Long enough that a cached bundle never expires (an expired one is still applied, but the
// terminal then notes its content as possibly out of date, which is not what is measured).
constexpr const char* kExpiresDays = "3650";
constexpr const char* kContentKeyExpires = "2099-12-31";

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}
double round2(double v) { return std::round(v * 100.0) / 100.0; }
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }
double mib(double bytes) { return round2(bytes / (1024.0 * 1024.0)); }

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

json target(const char* comparison, double limit, const char* unit, bool met, const std::string& judgedOn) {
    return {{"limit", limit}, {"comparison", comparison}, {"unit", unit}, {"met", met}, {"judged_on", judgedOn}};
}

// The machine is shared: every timed run records the load it ran under.
std::string loadavg() {
    std::string load;
    std::getline(std::ifstream("/proc/loadavg"), load);
    return load;
}

void progress(const std::string& message) { std::fprintf(stderr, "kiosk-bench: sync: %s\n", message.c_str()); }

std::string fixed(double v, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

// --- child processes ----------------------------------------------------------------------

struct Child {
    int exitStatus = -1;  // exit code, or -1 when killed by a signal
    std::string out, err;
    double wallMs = 0;    // posix_spawn → wait4 returned
    long maxRssKib = 0;   // the child's own peak: VmHWM of its address space (KiB)
    long rusageMaxRssKib = 0;  // wait4 rusage.ru_maxrss: also counts the spawning benchmark's
                               // resident size at the exec (Linux keeps the larger), so it is
                               // 1.2 GB after the 100k scrolling runs; kept for the record
    double cpuMs = 0;     // user + system time of the child
};

// Runs ARGV with stdout and stderr in files of LOGDIR (posix_spawn: the benchmark's address
// space is not copied), and measures it.
Child run(const std::vector<std::string>& argv, const fs::path& logDir) {
    const std::string outFile = (logDir / "kiosk-sync.stdout").string();
    const std::string errFile = (logDir / "kiosk-sync.stderr").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);

    Child c;
    pid_t pid = 0;
    const Clock::time_point start = Clock::now();
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
    int status = 0;
    rusage usage{};
    // Waits while reading the child's VmHWM every 10 ms (it only grows; the last reading
    // before the exit misses at most 10 ms of growth).
    const std::string statusFile = "/proc/" + std::to_string(pid) + "/status";
    for (;;) {
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid || (done < 0 && errno != EINTR)) break;
        std::ifstream in(statusFile);
        for (std::string line; std::getline(in, line);)
            if (line.rfind("VmHWM:", 0) == 0) c.maxRssKib = std::max(c.maxRssKib, std::atol(line.c_str() + 6));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    c.wallMs = msSince(start);
    c.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    c.rusageMaxRssKib = usage.ru_maxrss;
    if (c.maxRssKib == 0) c.maxRssKib = usage.ru_maxrss;  // gone before the first reading
    c.cpuMs = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
              (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
    for (auto [file, text] : {std::pair{&outFile, &c.out}, {&errFile, &c.err}}) {
        std::ifstream in(*file);
        text->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return c;
}

std::string commandLine(const std::vector<std::string>& argv) {
    std::string cmd;
    for (const std::string& a : argv) cmd += (cmd.empty() ? "" : " ") + a;
    return cmd;
}

Child runOrThrow(const std::vector<std::string>& argv, const fs::path& logDir) {
    Child c = run(argv, logDir);
    if (c.exitStatus != 0)
        throw std::runtime_error(commandLine(argv) + " failed (exit " + std::to_string(c.exitStatus) + "):\n" + c.out +
                                 c.err);
    return c;
}

// "name<TAB>value" lines as kiosk-sync prints them.
std::string field(const std::string& out, const std::string& name) {
    size_t pos = 0;
    while (pos < out.size()) {
        const size_t end = std::min(out.find('\n', pos), out.size());
        if (out.compare(pos, name.size() + 1, name + "\t") == 0) return out.substr(pos + name.size() + 1, end - pos - name.size() - 1);
        pos = end + 1;
    }
    return {};
}

// --- files --------------------------------------------------------------------------------

uint64_t treeBytes(const fs::path& dir) {
    uint64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) bytes += entry.file_size();
    return bytes;
}

// The store file and its -wal: what a copy of a closed store has to take along.
uint64_t storeBytes(const fs::path& db) {
    std::error_code ec;
    uint64_t bytes = fs::file_size(db);
    const uint64_t wal = fs::file_size(db.string() + "-wal", ec);
    return bytes + (ec ? 0 : wal);
}

void removeStore(const fs::path& db) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix, ec);
    fs::remove_all(db.string() + ".sync", ec);  // the import's staging folder
}

// The copy is flushed to disk before it is used: a terminal's store has long been written
// out, while 1.5 GB of fresh page cache would be flushed by the delta's first checkpoint
// and timed as part of the delta (2.6 of 3.4 s in a run where the delta took 0.74 s of CPU).
void copyStore(const fs::path& from, const fs::path& to) {
    removeStore(to);
    auto copyAndSync = [](const fs::path& a, const fs::path& b) {
        fs::copy_file(a, b);
        const int fd = ::open(b.c_str(), O_RDONLY);
        if (fd < 0 || ::fsync(fd) != 0) throw std::runtime_error("cannot flush " + b.string());
        ::close(fd);
    };
    copyAndSync(from, to);
    if (fs::exists(from.string() + "-wal")) copyAndSync(from.string() + "-wal", to.string() + "-wal");
}

json readJsonFile(const fs::path& path) {
    std::ifstream in(path);
    return json::parse(in);
}

void writeFile(const fs::path& path, const std::string& text) {
    const fs::path tmp = path.string() + ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, path);
}

fs::file_time_type newestContentTime(const std::string& assets) {
    auto newest = fs::file_time_type::min();  // not {}: libstdc++'s file clock epoch is in 2174
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(fs::path(assets) / "content", ec); !ec && it != fs::end(it);
         it.increment(ec))
        if (it->is_regular_file()) newest = std::max(newest, it->last_write_time());
    return newest;
}

// --- the cache in the sources folder ------------------------------------------------------

// One cached folder NAME of the sources folder, with NAME.json beside it: the recipe it was
// made with and what making it reported. It is current when that stamp exists with the same
// recipe, is newer than the stamps of everything it was made from and (for what derives
// from the demo content) than assets/content. It is made in a temporary folder and renamed
// into place, so that an interrupted run, or the smoke test running next to the bench
// target, never leaves a half-made one that looks current.
class Cache {
public:
    Cache(fs::path dir, fs::file_time_type contentTime, bool regenerate)
        : dir_(std::move(dir)), contentTime_(contentTime), regenerate_(regenerate) {}

    fs::path path(const std::string& name) const { return dir_ / name; }
    fs::path stamp(const std::string& name) const { return dir_ / (name + ".json"); }

    // Returns the stamp's "made" part, plus "action": reused or made (and the seconds it took).
    json ensure(const std::string& name, const json& recipe, const std::vector<std::string>& inputs, bool fromContent,
                const std::function<json(const fs::path& tmp)>& make) {
        if (!regenerate_ && current(name, recipe, inputs, fromContent)) {
            json made = readJsonFile(stamp(name))["made"];
            made["action"] = "reused";
            return made;
        }
        progress("making " + path(name).string() + " ...");
        const fs::path tmp = dir_ / (name + ".tmp." + std::to_string(getpid()));
        fs::remove_all(tmp);
        const Clock::time_point start = Clock::now();
        json made;
        try {
            made = make(tmp);
        } catch (...) {
            std::error_code ec;
            fs::remove_all(tmp, ec);
            throw;
        }
        made["seconds"] = round2(msSince(start) / 1000.0);
        fs::remove(stamp(name));
        fs::remove_all(path(name));
        fs::rename(tmp, path(name));
        writeFile(stamp(name), json{{"recipe", recipe}, {"made", made}}.dump(2) + "\n");
        progress("made " + name + " in " + fixed(made["seconds"].get<double>(), 1) + " s");
        json result = made;
        result["action"] = "made";
        return result;
    }

private:
    bool current(const std::string& name, const json& recipe, const std::vector<std::string>& inputs,
                 bool fromContent) const {
        std::error_code ec;
        if (!fs::is_directory(path(name), ec) || !fs::exists(stamp(name), ec)) return false;
        const auto time = fs::last_write_time(stamp(name), ec);
        if (ec || (fromContent && time < contentTime_)) return false;
        for (const std::string& input : inputs)
            if (fs::last_write_time(stamp(input), ec) > time || ec) return false;
        try {
            return readJsonFile(stamp(name)).at("recipe") == recipe;
        } catch (const std::exception&) {
            return false;
        }
    }

    fs::path dir_;
    fs::file_time_type contentTime_;
    bool regenerate_;
};

// The root and content key pair, and the root metadata (version 1) that pins them.
json makeKeys(const SyncBenchConfig& c, const fs::path& tmp, const fs::path& logs) {
    fs::create_directories(tmp);
    const std::string d = tmp.string();
    runOrThrow({c.kioskSync, "keygen", "--kind", "root", "--out", d + "/root"}, logs);
    runOrThrow({c.kioskSync, "keygen", "--kind", "content", "--out", d + "/content"}, logs);
    runOrThrow({c.kioskSync, "rotate-key", "--root-dir", d + "/root-dir", "--root-key", d + "/root.key", "--add-content",
                d + "/content.pub", "--content-expires", kContentKeyExpires},
               logs);
    return {{"content_key_expires", kContentKeyExpires}};
}

// The delta's source: a copy of SOURCE (hard links, so 100,000 documents cost no space)
// where 60 generated documents are edited (title and a new paragraph), 10 removed and 30
// added in a file of their own. Edited files are written anew, never through a link.
json makeDeltaSource(const fs::path& source, const fs::path& tmp) {
    for (auto it = fs::recursive_directory_iterator(source); it != fs::end(it); ++it) {
        const fs::path to = tmp / fs::relative(it->path(), source);
        if (it->is_directory()) {
            fs::create_directories(to);
        } else if (it->is_regular_file()) {
            fs::create_directories(to.parent_path());
            std::error_code ec;
            fs::create_hard_link(it->path(), to, ec);
            if (ec) fs::copy_file(it->path(), to);
        }
    }
    std::vector<std::string> generated;  // documents/gen-*.json
    for (const auto& entry : fs::directory_iterator(tmp / "documents")) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("gen-", 0) == 0 && entry.path().extension() == ".json") generated.push_back(name);
    }
    std::sort(generated.begin(), generated.end());
    if (generated.empty()) throw std::runtime_error("the generated source " + source.string() + " has no documents/gen-*.json");
    // The edits spread over the first, middle and last generated files; the removals at the
    // end of the last one, after its edited records.
    std::vector<std::string> files;
    for (size_t i : {size_t{0}, generated.size() / 2, generated.size() - 1})
        if (std::find(files.begin(), files.end(), generated[i]) == files.end()) files.push_back(generated[i]);
    constexpr size_t kStride = 7;  // every 7th record from the start of the file
    json added = json::array();
    json edited = json::array(), removed = json::array();
    for (size_t f = 0; f < files.size(); ++f) {
        const fs::path file = tmp / "documents" / files[f];
        json records = readJsonFile(file);
        const size_t edits = kEdited / files.size() + (f < kEdited % files.size() ? 1 : 0);
        const bool last = f + 1 == files.size();
        if (records.size() < edits * kStride + (last ? kRemoved : 0) + 1)
            throw std::runtime_error(file.string() + " holds too few documents for the delta's edits");
        for (size_t i = 0; i < edits; ++i) {
            json& r = records[i * kStride];
            r["title"] = r["title"].get<std::string>() + "（修订）";
            r["body"].push_back("本文件已于2026年11月24日修订，修订后的第" + std::to_string(i + 1) +
                                "条自发布之日起施行。");
            edited.push_back(r["key"]);
        }
        if (f == 0)
            for (int i = 0; i < kAdded; ++i) {
                json r = records[1];
                const std::string n = std::to_string(i + 1);
                const std::string indexNo = r["index_no"].get<std::string>();
                char number[16];
                std::snprintf(number, sizeof number, "/2026-9%05d", i + 1);
                r["key"] = "bench-delta-added-" + n;
                r["index_no"] = indexNo.substr(0, indexNo.find('/')) + number;
                r["title"] = r["title"].get<std::string>() + "（补充通知之" + n + "）";
                r["published"] = "2026-11-24";
                r["body"].push_back("本补充通知为第" + n + "号，自2026年11月24日起施行。");
                added.push_back(std::move(r));
            }
        if (last)
            for (int i = 0; i < kRemoved; ++i) {
                removed.push_back(records.back()["key"]);
                records.erase(records.size() - 1);
            }
        fs::remove(file);  // a hard link to the source: replace it, never write through it
        writeFile(file, records.dump());
    }
    writeFile(tmp / "documents" / "bench-delta-added.json", added.dump());
    return {{"edited", edited.size()}, {"added", added.size()}, {"removed", removed.size()},
            {"files_rewritten", files}, {"added_in", "documents/bench-delta-added.json"}};
}

// `kiosk-sync pack` with the bench keys; what it printed, as numbers.
json pack(const SyncBenchConfig& c, const fs::path& keys, const fs::path& source, const fs::path& out,
          const std::optional<fs::path>& base, int version, const fs::path& logs) {
    std::vector<std::string> argv{c.kioskSync,   "pack", "--source", source.string(), "--out", out.string(),
                                  "--version",   std::to_string(version),
                                  "--expires-days", kExpiresDays, "--key", (keys / "content.key").string(),
                                  "--root-dir", (keys / "root-dir").string()};
    if (base) argv.insert(argv.end(), {"--base", base->string()});
    const Child child = runOrThrow(argv, logs);
    // documents	100074 in the source, 90 in the bundle, 10 deleted
    const std::string documents = field(child.out, "documents");
    int inSource = 0, inBundle = 0, deleted = 0;
    std::sscanf(documents.c_str(), "%d in the source, %d in the bundle, %d deleted", &inSource, &inBundle, &deleted);
    if (inSource <= 0) throw std::runtime_error("kiosk-sync pack printed no document count:\n" + child.out);
    return {{"documents_in_source", inSource}, {"documents_in_bundle", inBundle}, {"documents_deleted", deleted},
            {"signed", field(child.out, "signed")}, {"search_index", field(child.out, "search index")},
            {"pack_seconds", round2(child.wallMs / 1000.0)}, {"pack_peak_rss_kib", child.maxRssKib}};
}

// Bytes of a bundle folder (manifest, root versions, files/) and the content it carries
// before compression (the manifest's raw lengths).
std::pair<uint64_t, uint64_t> bundleBytes(const fs::path& bundle) {
    uint64_t raw = 0;
    const json manifest = readJsonFile(bundle / "manifest.json");
    for (const json& f : manifest.at("signed").at("files"))
        raw += f.contains("raw_length") ? f["raw_length"].get<uint64_t>() : f["length"].get<uint64_t>();
    return {treeBytes(bundle), raw};
}

// Stored bytes of the bundle's prebuilt search index (search-index/*.bin), 0 without one.
uint64_t searchIndexBytes(const fs::path& bundle) {
    uint64_t bytes = 0;
    const json manifest = readJsonFile(bundle / "manifest.json");
    for (const json& f : manifest.at("signed").at("files"))
        if (f.at("path").get<std::string>().rfind("search-index/", 0) == 0) bytes += f.at("length").get<uint64_t>();
    return bytes;
}

// One timed `kiosk-sync import --db STORE BUNDLE`; throws unless it applied FROM -> TO.
Child applyBundle(const SyncBenchConfig& c, const fs::path& store, const fs::path& bundle, int from, int to,
             const fs::path& logs) {
    const std::vector<std::string> argv{c.kioskSync, "import", "--db", store.string(), bundle.string()};
    Child child = runOrThrow(argv, logs);
    const std::string version = std::to_string(from) + " -> " + std::to_string(to);
    if (field(child.out, "result") != "applied" || field(child.out, "version") != version)
        throw std::runtime_error(commandLine(argv) + " did not apply version " + version + ":\n" + child.out + child.err);
    return child;
}

int countDocuments(const fs::path& store) {
    return zwgk::Store::open(store.string(), zwgk::Store::Mode::ReadOnly)->countDocuments({});
}

// Removes the run's scratch folder (the applied stores) however the run ends.
struct ScratchFolder {
    fs::path path;
    ~ScratchFolder() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

json measure(const SyncBenchConfig& config) {
    SyncBenchConfig c = config;
    const int docs = c.quick ? kQuickDocs : c.docs;
    if (c.sources.empty()) c.sources = ZWGK_BENCH_SOURCES_DIR;
    fs::create_directories(c.sources);
    fs::create_directories(c.work);
    c.sources = fs::canonical(c.sources).string();
    c.work = fs::canonical(c.work).string();
    c.assets = fs::canonical(c.assets).string();
    const std::string loadStart = loadavg();
    const Clock::time_point start = Clock::now();

    const ScratchFolder scratch{fs::path(c.work) / ("sync-run." + std::to_string(getpid()))};
    fs::remove_all(scratch.path);
    fs::create_directories(scratch.path);
    const fs::path& logs = scratch.path;

    // Source, keys and bundles: made once, then reused.
    Cache cache(c.sources, newestContentTime(c.assets), c.regenerate);
    const std::string gen = "gen-" + std::to_string(docs);
    const std::string keysName = "keys", sourceName = gen, deltaSourceName = gen + "-delta-source",
                      snapshotName = gen + "-snapshot", deltaName = gen + "-delta";
    json preparation = json::object();
    preparation["keys"] = cache.ensure(keysName, {{"content_key_expires", kContentKeyExpires}}, {}, false,
                                       [&](const fs::path& tmp) { return makeKeys(c, tmp, logs); });
    preparation["source"] = cache.ensure(sourceName, {{"docs", docs}, {"seed", 1}}, {}, true, [&](const fs::path& tmp) {
        const Child child = runOrThrow({c.kioskSync, "generate", "--out-source", tmp.string(), "--docs",
                                        std::to_string(docs), "--seed", "1", "--assets", c.assets},
                                       logs);
        return json{{"command", "kiosk-sync generate --out-source DIR --docs " + std::to_string(docs) + " --seed 1"},
                    {"generated", std::atoi(field(child.out, "generated").c_str())}};
    });
    const fs::path keys = cache.path(keysName), source = cache.path(sourceName);
    const fs::path snapshotBundle = cache.path(snapshotName), deltaBundle = cache.path(deltaName);
    // search_index: snapshots carry the prebuilt search index (kiosk-sync pack's default).
    const json packRecipe = {{"expires_days", kExpiresDays}, {"snapshot_version", kSnapshotVersion},
                             {"delta_version", kDeltaVersion}, {"search_index", "prebuilt"}};
    preparation["snapshot_bundle"] =
        cache.ensure(snapshotName, packRecipe, {keysName, sourceName}, true, [&](const fs::path& tmp) {
            return pack(c, keys, source, tmp, std::nullopt, kSnapshotVersion, logs);
        });
    preparation["delta_source"] =
        cache.ensure(deltaSourceName, {{"edited", kEdited}, {"added", kAdded}, {"removed", kRemoved}}, {sourceName},
                     true, [&](const fs::path& tmp) { return makeDeltaSource(source, tmp); });
    preparation["delta_bundle"] = cache.ensure(
        deltaName, packRecipe, {keysName, deltaSourceName, snapshotName}, true, [&](const fs::path& tmp) {
            return pack(c, keys, cache.path(deltaSourceName), tmp, snapshotBundle, kDeltaVersion, logs);
        });
    const int snapshotDocs = preparation["snapshot_bundle"]["documents_in_bundle"].get<int>();
    const json& deltaPack = preparation["delta_bundle"];
    if (deltaPack["documents_in_bundle"] != kEdited + kAdded || deltaPack["documents_deleted"] != kRemoved)
        throw std::runtime_error("the delta bundle " + deltaBundle.string() + " carries " +
                                 deltaPack["documents_in_bundle"].dump() + " documents and " +
                                 deltaPack["documents_deleted"].dump() + " deletions, expected " +
                                 std::to_string(kEdited + kAdded) + " and " + std::to_string(kRemoved));

    // The snapshot, once: a fresh store with the root pinned, as a terminal at install.
    const fs::path snapshotStore = scratch.path / "snapshot.db";
    runOrThrow({c.kioskSync, "init", "--db", snapshotStore.string()}, logs);
    runOrThrow({c.kioskSync, "trust", "--db", snapshotStore.string(), (keys / "root-dir" / "root.json").string()}, logs);
    progress("applying the snapshot of " + std::to_string(snapshotDocs) + " documents ...");
    const std::string loadSnapshot = loadavg();
    const Child snap = applyBundle(c, snapshotStore, snapshotBundle, 0, kSnapshotVersion, logs);
    const double snapSeconds = snap.wallMs / 1000.0;
    const double snapRssMib = snap.maxRssKib / 1024.0;
    const uint64_t appliedBytes = storeBytes(snapshotStore);
    progress("snapshot applied in " + fixed(snapSeconds, 1) + " s, peak RSS " + fixed(snapRssMib, 1) + " MiB");

    // The delta, on fresh copies of the closed store that holds the snapshot.
    std::vector<double> deltaMs, deltaCpuMs;
    json deltaRuns = json::array();
    long deltaRssKib = 0;
    int deltaDocs = 0;
    for (int i = 0; i < kDeltaRuns; ++i) {
        const fs::path store = scratch.path / ("delta-" + std::to_string(i) + ".db");
        copyStore(snapshotStore, store);
        const std::string load = loadavg();
        const Child d = applyBundle(c, store, deltaBundle, kSnapshotVersion, kDeltaVersion, logs);
        if (i == 0) deltaDocs = countDocuments(store);
        removeStore(store);
        deltaMs.push_back(d.wallMs);
        deltaCpuMs.push_back(d.cpuMs);
        deltaRssKib = std::max(deltaRssKib, d.maxRssKib);
        deltaRuns.push_back({{"ms", round2(d.wallMs)}, {"cpu_ms", round2(d.cpuMs)},
                             {"kiosk_sync_reported", field(d.out, "time")}, {"loadavg_before", load}});
        progress("delta run " + std::to_string(i + 1) + ": " + fixed(d.wallMs, 0) + " ms");
    }
    const int appliedDocs = countDocuments(snapshotStore);
    if (appliedDocs != snapshotDocs)
        throw std::runtime_error("the store holds " + std::to_string(appliedDocs) + " documents after the snapshot, the bundle " +
                                 std::to_string(snapshotDocs));
    if (deltaDocs != snapshotDocs + kAdded - kRemoved)
        throw std::runtime_error("the store holds " + std::to_string(deltaDocs) + " documents after the delta, expected " +
                                 std::to_string(snapshotDocs + kAdded - kRemoved));

    const uint64_t sourceBytes = treeBytes(source);
    const auto [snapshotBytes, snapshotRaw] = bundleBytes(snapshotBundle);
    const auto [deltaBytes, deltaRaw] = bundleBytes(deltaBundle);
    const double deltaMedian = median(deltaMs);
    const double deltaMax = *std::max_element(deltaMs.begin(), deltaMs.end());

    json section;
    section["content"] = {{"source", source.string()},
                          {"generated_documents", docs},
                          {"documents", snapshotDocs},
                          {"preparation", preparation}};
    section["snapshot"] = {
        {"command", "kiosk-sync import --db STORE BUNDLE (posix_spawn, wait4)"},
        {"store", "fresh: kiosk-sync init, then trust (root version 1 pinned)"},
        {"runs", 1},
        {"documents_applied", appliedDocs},
        {"seconds", round2(snapSeconds)},
        {"cpu_seconds", round2(snap.cpuMs / 1000.0)},
        {"kiosk_sync_reported", field(snap.out, "time")},
        {"search_index", field(snap.out, "note")},
        {"documents_per_second", std::round(appliedDocs / snapSeconds)},
        {"store_bytes", appliedBytes},
        {"store_mib", mib(static_cast<double>(appliedBytes))},
        {"loadavg_before", loadSnapshot},
        {"target", target("<=", kSnapshotSeconds, "s", snapSeconds <= kSnapshotSeconds, "seconds")}};
    section["snapshot_peak_rss"] = {
        {"source", "the child's VmHWM (/proc/PID/status, read every 10 ms)"},
        {"vmhwm_kib", snap.maxRssKib},
        {"wait4_ru_maxrss_kib", snap.rusageMaxRssKib},
        {"mib", round2(snapRssMib)},
        {"target", target("<=", kSnapshotPeakRssMib, "MiB", snapRssMib <= kSnapshotPeakRssMib, "mib")}};
    section["delta"] = {
        {"documents", {{"edited", kEdited}, {"added", kAdded}, {"removed", kRemoved}}},
        {"store", "a copy of the store holding the snapshot (file and -wal, after a clean close), flushed to disk, fresh for every run"},
        {"runs", kDeltaRuns},
        {"documents_after", deltaDocs},
        {"ms", {{"median", round2(deltaMedian)}, {"max", round2(deltaMax)}}},
        {"cpu_ms_median", round2(median(deltaCpuMs))},
        {"peak_rss_mib_max", round2(deltaRssKib / 1024.0)},
        {"each_run", deltaRuns},
        {"target", target("<=", kDeltaMs, "ms", deltaMedian <= kDeltaMs, "ms.median")}};
    section["bundle_size"] = {
        {"source_raw_bytes", sourceBytes},
        {"source_raw_mib", mib(static_cast<double>(sourceBytes))},
        {"snapshot_bundle_bytes", snapshotBytes},
        {"snapshot_bundle_mib", mib(static_cast<double>(snapshotBytes))},
        {"snapshot_uncompressed_bytes", snapshotRaw},
        {"snapshot_search_index_bytes", searchIndexBytes(snapshotBundle)},
        {"snapshot_ratio", round3(static_cast<double>(snapshotBytes) / static_cast<double>(sourceBytes))},
        {"delta_bundle_bytes", deltaBytes},
        {"delta_uncompressed_bytes", deltaRaw},
        {"delta_ratio", std::round(static_cast<double>(deltaBytes) / static_cast<double>(sourceBytes) * 1e5) / 1e5},
        {"note", "ratio = bundle bytes (manifest, root versions, files/) / bytes of the content source folder"}};
    section["load"] = {{"loadavg_at_start", loadStart}, {"loadavg_at_end", loadavg()},
                       {"logical_cpus", sysconf(_SC_NPROCESSORS_ONLN)}};
    section["total_seconds"] = round2(msSince(start) / 1000.0);
    return section;
}

}  // namespace

SyncBenchArgs takeSyncBenchArgs(int& argc, char** argv) {
    SyncBenchArgs args;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--only" || arg == "--sources") {
            if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
            const std::string value = argv[++i];
            if (arg == "--sources") {
                args.sources = value;
            } else if (value == "sync") {
                args.only = true;
            } else {
                throw std::invalid_argument("--only " + value + ": the only section that runs alone is 'sync'");
            }
        } else {
            argv[kept++] = argv[i];
        }
    }
    argv[kept] = nullptr;
    argc = kept;
    return args;
}

bool addSyncSection(const SyncBenchConfig& config, nlohmann::ordered_json& stores, nlohmann::ordered_json& targets) {
    json& section = stores["sync"] = measure(config);
    bool allMet = true;
    for (const char* part : {"snapshot", "snapshot_peak_rss", "delta"}) {
        const json& t = section[part]["target"];
        targets.push_back({{"store", "sync"}, {"measure", part}, {"judged_on", t["judged_on"]},
                           {"limit", t["limit"]}, {"unit", t["unit"]}, {"met", t["met"]}});
        allMet = allMet && t["met"].get<bool>();
    }
    return allMet;
}

int runSyncOnly(const SyncBenchConfig& config, const nlohmann::ordered_json& host, const std::string& out) {
    const Clock::time_point start = Clock::now();
    json result;
    try {
        if (access(config.kioskSync.c_str(), X_OK) != 0)
            throw std::runtime_error(config.kioskSync + " is not an executable (build it first)");
        json stores = json::object(), targets = json::array();
        const bool allMet = addSyncSection(config, stores, targets);
        result = {{"tool", "kiosk-bench"},
                  {"mode", config.quick ? "quick" : "full"},
                  {"only", "sync"},
                  {"host", host},
                  {"kiosk_sync", config.kioskSync},
                  {"stores", stores},
                  {"targets", targets},
                  {"all_targets_met", allMet},
                  {"total_seconds", round2(msSince(start) / 1000.0)}};
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk-bench: %s\n", e.what());
        return 1;
    }
    const std::string text = result.dump(2) + "\n";
    std::fputs(text.c_str(), stdout);
    if (!out.empty()) {
        std::error_code ec;
        if (fs::path(out).has_parent_path()) fs::create_directories(fs::path(out).parent_path(), ec);
        std::ofstream file(out);
        file << text;
        if (!file) {
            std::fprintf(stderr, "kiosk-bench: cannot write %s\n", out.c_str());
            return 1;
        }
    }
    return 0;
}

}  // namespace zwgk::bench
