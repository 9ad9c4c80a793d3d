// Helpers for the crash and fault tests of content apply (tests/sync_crash).
//
// World (made once per test process, in a temporary folder):
//   keys/            root.json made with `kiosk-sync keygen` + `rotate-key` (root and content key)
//   src-v1/          the demo content plus kGeneratedDocs generated documents (corpus_generator.h)
//   src-v2/          src-v1 edited into version 2: documents changed, removed and added, an agency
//                    renamed (the search index is rebuilt), a topic renamed and one added, guides
//                    changed (editToVersion2)
//   v1/ v2/ v2-delta/  bundles packed and signed with `kiosk-sync pack --key --root-dir`
//                    (v2-delta: `pack --base v1`)
//   template.db      a terminal: `kiosk-sync init` + `trust`, terminal settings, v1 applied, and
//                    template.outbox.db with kApplications sealed applications (never written again)
//
// A Fingerprint is what "exactly old or exactly new" is checked on: content version and id,
// document count, a SHA-256 over (key, title, agency, topic, body, signature) of every
// document, agencies / topic counts / guides, the glyph set, and the hits of a few searches;
// plus the sync state. References come from clean applies.
#pragma once

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "../store/test_support.h"
#include "bundle.h"
#include "content_source.h"
#include "corpus_generator.h"
#include "outbox.h"
#include "sealing.h"
#include "signing.h"
#include "store.h"
#include "submission.h"
#include "sync_session.h"

namespace zwgk::crashtest {

namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

inline int envInt(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

// Sizes: a clean apply of version 2 takes 0.3-0.5 s of CPU in a fresh process (most of it
// fixed costs: opening, the demo content, glyphs, the search index), so that over 200 kills
// and 40 fault points fit into about a minute on 2 cores. ZWGK_CRASH_DOCS and
// ZWGK_CRASH_CHARS override the two for a longer run.
inline constexpr int kGeneratedDocs = 200;   // generated documents in version 1
inline constexpr int kBodyChars = 300;       // their body length (characters)
inline constexpr int kApplications = 3;      // sealed applications in the outbox

// Queries whose hits are compared: the v2 retitling, the renamed agency, the changed guide,
// a word of every generated body, and the pinyin (initials, full) of 修订版.
inline const std::vector<std::string>& searchQueries() {
    static const std::vector<std::string> q = {"修订版", "交通运输", "出生医学证明", "补贴", "第二版", "xdb", "xiudingban"};
    return q;
}

inline double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
// CPU seconds (user + system) of this process, or of its waited-for children.
inline double cpuSeconds(bool children = false) {
    rusage u{};
    ::getrusage(children ? RUSAGE_CHILDREN : RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

inline json readJsonFile(const fs::path& p) { return json::parse(test::readBytes(p)); }
inline void writeJsonFile(const fs::path& p, const json& v) { test::writeBytes(p, v.dump(1) + "\n"); }

// ---------------------------------------------------------------------------------------
// Fingerprints
// ---------------------------------------------------------------------------------------
struct Fingerprint {
    bool hasContent = false;
    int64_t metaVersion = -1;
    std::string contentId;
    int documents = -1;
    std::string documentsDigest;  // SHA-256 over every document, sorted by key
    std::string headsDigest;      // agencies, topic counts, guides
    std::string glyphs;           // SHA-256 of the glyph set, and its size
    std::vector<std::string> searches;  // per query: count and hits
    SyncState state;
    std::vector<std::string> problems;  // Store::integrityProblems()
};

inline Fingerprint fingerprintOf(const std::string& db) {
    Fingerprint f;
    auto store = Store::open(db, Store::Mode::ReadOnly);
    f.problems = store->integrityProblems();
    f.state = store->syncState();
    f.hasContent = store->hasContent();
    if (!f.hasContent) return f;
    const ContentMeta meta = store->meta();
    f.metaVersion = meta.version;
    f.contentId = meta.contentId;
    f.documents = store->countDocuments({});
    {
        std::vector<std::string> records;
        for (const DocumentSummary& s : store->listDocuments({}, 0, 10000000)) {
            const auto d = store->document(s.id);
            if (!d) {
                records.push_back(s.key + " vanished");
                continue;
            }
            std::string r = d->key + '\x1f' + d->title + '\x1f' + d->agencyName + '\x1f' + d->topicName + '\x1f' +
                            d->docNo + '\x1f' + d->published;
            for (const std::string& p : d->body) r += '\x1e' + p;
            for (const std::string& p : d->signature) r += '\x1d' + p;
            records.push_back(std::move(r));
        }
        std::sort(records.begin(), records.end());
        Sha256 h;
        for (const std::string& r : records) {
            h.update(r);
            h.update(std::string_view("\n", 1));
        }
        f.documentsDigest = std::to_string(records.size()) + ":" + h.finishHex();
    }
    {
        std::string heads;
        for (const Agency& a : store->agencies()) heads += "A " + a.key + " " + a.name + " " + a.phone + "\n";
        for (const CountedNode& t : store->countByTopic()) heads += "T " + t.name + " " + std::to_string(t.count) + "\n";
        for (const Guide& g : store->guides(std::nullopt)) {
            heads += "G " + g.key + " " + g.name + " " + g.department;
            for (const std::string& s : g.steps) heads += " | " + s;
            heads += "\n";
        }
        f.headsDigest = sha256Hex(heads);
    }
    const std::u32string g = store->glyphSet();
    f.glyphs = std::to_string(g.size()) + ":" +
               sha256Hex(std::string_view(reinterpret_cast<const char*>(g.data()), g.size() * sizeof(char32_t)));
    for (const std::string& text : searchQueries()) {
        SearchQuery q;
        q.text = text;
        q.limit = 30;
        std::string hits = text + " count " + std::to_string(store->countSearch(q)) + ":";
        for (const SearchHit& hit : store->search(q))
            hits += "\n  " + std::to_string(static_cast<int>(hit.kind)) + " " + hit.title + " | " + hit.docNo + " | " +
                    hit.agencyName + " | " + hit.date + " | " + hit.snippet;
        f.searches.push_back(std::move(hits));
    }
    return f;
}

// The first difference in content between A and B, empty when they hold the same content.
inline std::string contentDifference(const Fingerprint& a, const Fingerprint& b) {
    if (a.hasContent != b.hasContent) return "content present / absent";
    if (a.metaVersion != b.metaVersion)
        return "content version " + std::to_string(a.metaVersion) + " vs " + std::to_string(b.metaVersion);
    if (a.contentId != b.contentId) return "content id";
    if (a.documents != b.documents)
        return "document count " + std::to_string(a.documents) + " vs " + std::to_string(b.documents);
    if (a.documentsDigest != b.documentsDigest) return "document checksum";
    if (a.headsDigest != b.headsDigest) return "agencies / topics / guides";
    if (a.glyphs != b.glyphs) return "glyph set " + a.glyphs + " vs " + b.glyphs;
    for (size_t i = 0; i < a.searches.size() && i < b.searches.size(); ++i)
        if (a.searches[i] != b.searches[i]) return "search:\n" + a.searches[i] + "\nvs\n" + b.searches[i];
    return "";
}

// The sync state of ACTUAL against the reference REF of the same side. OLDSIDE: nothing was
// applied, so the state is REF's to the letter except the clock floor, which may have been
// raised to a new manifest's creation time (one of RAISED) before an apply.
inline std::string stateDifference(const SyncState& actual, const SyncState& ref, bool oldSide,
                                   const std::vector<std::string>& raised = {}) {
    auto diff = [](const char* what, const std::string& x, const std::string& y) {
        return std::string("sync_state.") + what + " '" + x + "' vs '" + y + "'";
    };
    if (actual.version != ref.version)
        return diff("version", std::to_string(actual.version), std::to_string(ref.version));
    if (actual.contentId != ref.contentId) return diff("content_id", actual.contentId, ref.contentId);
    if (actual.manifestDigest != ref.manifestDigest)
        return diff("manifest_digest", actual.manifestDigest, ref.manifestDigest);
    if (actual.created != ref.created) return diff("created", actual.created, ref.created);
    if (actual.expires != ref.expires) return diff("expires", actual.expires, ref.expires);
    if (actual.source != ref.source) return diff("source", actual.source, ref.source);
    if (actual.root != ref.root || actual.rootVersion != ref.rootVersion) return "sync_state.root changed";
    if (oldSide) {
        if (actual.appliedAt != ref.appliedAt) return diff("applied_at", actual.appliedAt, ref.appliedAt);
        if (actual.clockFloor != ref.clockFloor &&
            std::find(raised.begin(), raised.end(), actual.clockFloor) == raised.end())
            return diff("clock_floor", actual.clockFloor, ref.clockFloor + "' or a new manifest's creation time");
    } else {
        if (actual.appliedAt.empty()) return "sync_state.applied_at empty";
        // Raised to the apply's own manifest, or higher by an earlier attempt of another bundle.
        if (actual.clockFloor != ref.clockFloor &&
            (actual.clockFloor < ref.clockFloor ||
             std::find(raised.begin(), raised.end(), actual.clockFloor) == raised.end()))
            return diff("clock_floor", actual.clockFloor, ref.clockFloor);
    }
    return "";
}

// ---------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------
inline std::string builtKioskSync() { return (test::buildDir() / "bin" / "kiosk-sync").string(); }
// The copy of kiosk-sync the world runs (taken at setup, so that a relink of the build tree
// while the test runs cannot fail an exec).
inline std::string& kioskSyncPath() {
    static std::string path = builtKioskSync();
    return path;
}
inline std::string kioskSync() { return kioskSyncPath(); }

// Runs ARGS (argv[0] is the program) with stdout and stderr to /dev/null; returns the exit
// status (-1 when it did not exit normally).
inline int runProgram(const std::vector<std::string>& args, std::string* output = nullptr) {
    const fs::path out = fs::temp_directory_path() / ("zwgk-crash-out-" + std::to_string(::getpid()));
    const pid_t child = ::fork();
    if (child == 0) {
        const int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char*> argv;
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    if (output) *output = test::readBytes(out);
    std::error_code ec;
    fs::remove(out, ec);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Removes DB's -wal and -shm companions and copies the template store (and nothing else) over DB.
inline void restoreStore(const std::string& templateDb, const std::string& db) {
    std::error_code ec;
    fs::remove(db + "-wal", ec);
    fs::remove(db + "-shm", ec);
    fs::copy_file(templateDb, db, fs::copy_options::overwrite_existing);
}

// ---------------------------------------------------------------------------------------
// The world
// ---------------------------------------------------------------------------------------
// Version 2 of the content source DIR: a tenth of the generated documents removed, a tenth
// retitled (（修订版）), a tenth with a new paragraph, a fifth added (with a character the demo
// content lacks, so that the glyph set changes); one demo document retitled; agency jtj renamed
// (every document is reindexed), another agency's phone changed; a topic renamed and one
// added; guide names and steps changed.
inline void editToVersion2(const fs::path& dir) {
    json meta = readJsonFile(dir / "meta.json");
    meta["version"] = 2;
    writeJsonFile(dir / "meta.json", meta);

    json added = json::array();
    int n = 0;
    std::vector<fs::path> generated;
    for (const auto& e : fs::directory_iterator(dir / "documents"))
        if (e.path().filename().string().rfind("gen-", 0) == 0) generated.push_back(e.path());
    std::sort(generated.begin(), generated.end());
    for (const fs::path& file : generated) {
        json kept = json::array();
        for (json d : readJsonFile(file)) {
            const int i = n++;
            if (i % 10 == 0) continue;  // removed
            if (i % 10 == 1) d["title"] = d["title"].get<std::string>() + "（修订版）";
            if (i % 10 == 2) d["body"].push_back("本文件第二版补充说明：第" + std::to_string(i) + "项内容已更新。");
            if (i % 10 == 3 || i % 10 == 4) {
                json copy = d;
                char key[32], index[48];
                std::snprintf(key, sizeof key, "gen-v2-%06d", i);
                std::snprintf(index, sizeof index, "361199099/2027-%06d", i);
                copy["key"] = key;
                copy["index_no"] = index;
                copy["title"] = "第二版新增（淼）：" + d["title"].get<std::string>();
                added.push_back(std::move(copy));
            }
            kept.push_back(std::move(d));
        }
        writeJsonFile(file, kept);
    }
    writeJsonFile(dir / "documents" / "added-v2.json", added);

    json docs2024 = readJsonFile(dir / "documents/2024.json");
    docs2024.at(0)["title"] = docs2024.at(0)["title"].get<std::string>() + "（修订版）";
    writeJsonFile(dir / "documents/2024.json", docs2024);

    json agencies = readJsonFile(dir / "agencies.json");
    for (json& a : agencies) {
        if (a["key"] == "jtj") a["name"] = a["name"].get<std::string>() + "（交通运输综合行政执法大队）";
        if (a["key"] == "fgj") a["phone"] = "0798-6219999";
    }
    writeJsonFile(dir / "agencies.json", agencies);

    json topics = readJsonFile(dir / "topics.json");
    topics.at(1)["name"] = topics.at(1)["name"].get<std::string>() + "与统计";
    topics.push_back({{"key", "digital-government"}, {"name", "数字政府建设"}, {"sort", 99}});
    writeJsonFile(dir / "topics.json", topics);

    json guides = readJsonFile(dir / "guides.json");
    int g = 0;
    for (json& guide : guides["guides"]) {
        if (g++ % 3 != 0) continue;
        guide["name"] = guide["name"].get<std::string>() + "（第二版）";
        guide["steps"].push_back("第二版新增：办结后可在临澜政务服务网查询办理结果");
    }
    writeJsonFile(dir / "guides.json", guides);
}

struct World {
    test::TempDir dir;
    fs::path v1, v2, v2delta;     // signed bundles
    std::string templateDb;       // v1 applied, outbox filled
    std::string templateOutbox;   // its outbox
    std::vector<std::string> newCreated;  // creation times of the v2 manifests
    double setupSeconds = 0;

    fs::path path(const std::string& name) const { return dir.path() / name; }

    void kioskSyncOk(const std::vector<std::string>& args) {
        std::vector<std::string> all = {kioskSync()};
        all.insert(all.end(), args.begin(), args.end());
        std::string output;
        const int status = runProgram(all, &output);
        if (status != 0) {
            std::string line;
            for (const std::string& a : args) line += " " + a;
            throw std::runtime_error("kiosk-sync" + line + " failed (" + std::to_string(status) + "): " + output);
        }
    }

    World() {
        const auto started = Clock::now();
        const fs::path program = path("kiosk-sync");
        fs::copy_file(builtKioskSync(), program);
        kioskSyncPath() = program.string();
        const fs::path keys = path("keys");
        kioskSyncOk({"keygen", "--kind", "root", "--out", path("root").string()});
        kioskSyncOk({"keygen", "--kind", "content", "--out", path("content").string()});
        kioskSyncOk({"rotate-key", "--root-dir", keys.string(), "--root-key", path("root.key").string(),
                     "--add-content", path("content.pub").string(), "--content-expires", "2099-12-31"});

        const fs::path src1 = path("src-v1"), src2 = path("src-v2");
        CorpusOptions corpus;
        corpus.documents = envInt("ZWGK_CRASH_DOCS", kGeneratedDocs);
        corpus.seed = 20261201;
        corpus.targetChars = envInt("ZWGK_CRASH_CHARS", kBodyChars);
        writeGeneratedSource(test::demoContentDir().string(), loadContentSource(test::demoContentDir().string()),
                             src1.string(), corpus);
        fs::copy(src1, src2, fs::copy_options::recursive);
        editToVersion2(src2);

        v1 = path("v1");
        v2 = path("v2");
        v2delta = path("v2-delta");
        const std::string key = path("content.key").string();
        kioskSyncOk({"pack", "--source", src1.string(), "--out", v1.string(), "--version", "1", "--key", key,
                     "--root-dir", keys.string()});
        kioskSyncOk({"pack", "--source", src2.string(), "--out", v2.string(), "--version", "2", "--key", key,
                     "--root-dir", keys.string()});
        kioskSyncOk({"pack", "--source", src2.string(), "--out", v2delta.string(), "--base", v1.string(),
                     "--version", "2", "--key", key, "--root-dir", keys.string()});

        for (const fs::path& b : {v2, v2delta})
            newCreated.push_back(parseManifest(test::readBytes(b / "manifest.json")).created);

        templateDb = path("template.db").string();
        templateOutbox = Outbox::pathForStore(templateDb);
        kioskSyncOk({"init", "--db", templateDb});
        kioskSyncOk({"trust", "--db", templateDb, (keys / "root.json").string()});
        const SealKeys office = generateSealKeys();
        {
            auto store = Store::open(templateDb, Store::Mode::ReadWrite);
            store->setSetting("terminal.id", "KC01");
            store->setSetting("terminal.location", "县政务服务中心一楼");
            store->setSetting("office.public_key", encodePublicKey(office.publicKey));
            store->setSetting("printer.receipt", "receipt");
        }
        auto source = folderSource(v1.string());
        const UpdateReport r = updateFromSource(templateDb, *source, SyncOptions{});
        if (r.outcome != SyncOutcome::Applied) throw std::runtime_error("v1 did not apply: " + r.detail);
        {
            auto store = Store::open(templateDb, Store::Mode::ReadWrite);  // read-only would leave -wal/-shm
            const IntakeConfig config = loadIntakeConfig(*store);
            if (!config.ready()) throw std::runtime_error("terminal not ready: " + config.problems.front());
            const WorkingCalendar calendar = loadWorkingCalendar(*store);
            auto outbox = Outbox::open(templateOutbox);
            for (int i = 0; i < kApplications; ++i) {
                ApplicationDraft d;
                d.typeChosen = true;
                d.name = i % 2 ? "李红梅" : "王小明";
                d.idNumber = "11010519491231002X";
                d.mobile = "13800000000";
                d.address = "临澜县城关镇人民路" + std::to_string(i + 1) + "号";
                d.infoDescription = "第" + std::to_string(i + 1) + "份申请：2025年城关镇低保资金发放情况";
                d.formChosen = d.deliveryChosen = d.privacyConsent = true;
                submitApplication(*outbox, d, config, calendar,
                                  SubmissionTime{"2026-11-25", "2026-11-25T10:00:00+08:00", "2026-11-25 10:00"});
            }
        }
        std::error_code ec;
        fs::remove_all(templateDb + ".sync", ec);
        if (fs::exists(templateDb + "-wal") || fs::exists(templateOutbox + "-wal"))
            throw std::runtime_error("the template was not closed cleanly");
        setupSeconds = secondsSince(started);
    }
};

// The world of this test process, made at first use.
inline World& world() {
    static std::unique_ptr<World> w = std::make_unique<World>();
    return *w;
}

// A terminal's store and outbox copied from the template, with the checks that the outbox
// was never touched.
struct Terminal {
    std::string db;
    std::string outbox;
    std::string outboxDigest;  // SHA-256 of the template's outbox file
    fs::path scratch;          // for copies of the outbox

    explicit Terminal(const std::string& name) {
        World& w = world();
        db = w.path(name + ".db").string();
        outbox = Outbox::pathForStore(db);
        scratch = w.path(name + "-scratch");
        fs::create_directories(scratch);
        restoreStore(w.templateDb, db);
        fs::copy_file(w.templateOutbox, outbox, fs::copy_options::overwrite_existing);
        outboxDigest = sha256Hex(test::readBytes(outbox));
    }
    void restore() const { restoreStore(world().templateDb, db); }

    // Empty when the outbox file is byte-identical to the template's, has no WAL companions
    // and (a copy of it) opens with its applications intact.
    std::string outboxProblem() const {
        if (sha256Hex(test::readBytes(outbox)) != outboxDigest) return "the outbox file changed";
        if (fs::exists(outbox + "-wal") || fs::exists(outbox + "-shm")) return "the outbox was opened (-wal/-shm)";
        const fs::path copy = scratch / "outbox-copy.db";
        std::error_code ec;
        fs::remove(copy.string() + "-wal", ec);
        fs::remove(copy.string() + "-shm", ec);
        fs::copy_file(outbox, copy, fs::copy_options::overwrite_existing);
        try {
            auto o = Outbox::openReadOnly(copy.string());
            if (!o->integrityProblems().empty()) return "outbox: " + o->integrityProblems().front();
            if (o->count(false) != kApplications) return "outbox holds " + std::to_string(o->count(false)) + " applications";
        } catch (const std::exception& e) {
            return std::string("the outbox does not open: ") + e.what();
        }
        return "";
    }
};

// The references: version 1 as installed, version 2 from a clean apply of each bundle.
struct References {
    Fingerprint v1, v2snapshot, v2delta;
    const Fingerprint& v2(bool delta) const { return delta ? v2delta : v2snapshot; }
};

// Whether the terminal T holds exactly the old content (v1), exactly the new one (v2 from
// the snapshot or, DELTA, the delta bundle), or anything else; with the sync state of the
// same side, a sound store and an untouched outbox.
enum class Side { Old, New, Broken };
struct Verdict {
    Side side = Side::Broken;
    std::string problem;  // why Broken
};
inline const char* sideName(Side s) { return s == Side::Old ? "old" : s == Side::New ? "new" : "broken"; }

inline Verdict judge(const Terminal& t, const References& refs, bool delta) {
    Fingerprint f;
    try {
        f = fingerprintOf(t.db);
    } catch (const std::exception& e) {
        return {Side::Broken, std::string("the store does not open: ") + e.what()};
    }
    if (!f.problems.empty()) return {Side::Broken, "integrity: " + f.problems.front()};
    const std::string toOld = contentDifference(f, refs.v1), toNew = contentDifference(f, refs.v2(delta));
    Verdict v;
    std::string state;
    if (toOld.empty()) {
        v.side = Side::Old;
        state = stateDifference(f.state, refs.v1.state, true, world().newCreated);
    } else if (toNew.empty()) {
        v.side = Side::New;
        state = stateDifference(f.state, refs.v2(delta).state, false, world().newCreated);
    } else {
        return {Side::Broken, "neither old nor new content: against v1: " + toOld + "; against v2: " + toNew};
    }
    if (!state.empty()) return {Side::Broken, std::string(sideName(v.side)) + " content but " + state};
    if (const std::string o = t.outboxProblem(); !o.empty()) return {Side::Broken, o};
    return v;
}

// Applies BUNDLE to DB as the terminal does: updateFromSource over the bundle folder.
inline UpdateReport applyBundle(const std::string& db, const fs::path& bundle, SyncProgress* progress = nullptr) {
    auto source = folderSource(bundle.string());
    SyncOptions options;
    options.progress = progress;
    return updateFromSource(db, *source, options);
}

// Keeps a copy of a store that failed a check when ZWGK_KEEP_CRASH_STORES names a folder.
inline void keepForInspection(const std::string& db, const std::string& label) {
    const char* keep = std::getenv("ZWGK_KEEP_CRASH_STORES");
    if (!keep || !*keep) return;
    std::error_code ec;
    const fs::path to = fs::path(keep) / label;
    fs::create_directories(to, ec);
    for (const char* suffix : {"", "-wal", "-shm"})
        if (fs::exists(db + suffix)) fs::copy_file(db + suffix, to / (fs::path(db).filename().string() + suffix),
                                                   fs::copy_options::overwrite_existing, ec);
}

}  // namespace zwgk::crashtest
