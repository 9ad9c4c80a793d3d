// Helpers for the signed-content sync tests (tests/sync): a central office with real keys (a
// root key and a content-signing key made with the library, root version 1 written with
// writeNextRoot), bundles packed from copies of the demo content (assets/content) edited into
// later versions, terminals (a real SQLite store with the root pinned, the first bundle
// applied and real sealed applications in its outbox), snapshots of everything a refused
// update must leave alone, and the private nginx of the CTest fixture for HTTP.
//
// Versions of the demo content made by source(V): meta.json version V; from version 2 on the
// title of kWatchedKey ends in "（修订V）" and every version K in 2..V adds two documents
// (doc-2026-8K0, doc-2026-8K1); from version 3 on kDeletedKey is gone. Document counts:
// documentsIn(V) = 74 + 2 (V - 1) - (V >= 3).
//
// Times: day(0) is midnight UTC ten days ago, so testNow() = day(10) is within a day of the
// real clock and the CLI run without --now judges expiry the same way. Bundle V is created
// on day(V) and expires 30 days later; the content key expires in ten years.
#pragma once

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "../office/office_test_support.h"
#include "../store/cli_support.h"
#include "bundle.h"
#include "content_source.h"
#include "nginx_test_support.h"
#include "outbox.h"
#include "signing.h"
#include "store.h"
#include "submission.h"
#include "sync_session.h"

namespace zwgk::synctest {

namespace fs = std::filesystem;
namespace nt = zwgk::nginxtest;
using json = nlohmann::json;

// ---------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------
inline int64_t epochNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
inline int64_t dayZero() {
    static const int64_t t = (epochNow() / 86400 - 10) * 86400;
    return t;
}
inline std::string day(double d) { return utcFromSeconds(dayZero() + static_cast<int64_t>(d * 86400)); }
inline std::string testNow() { return day(10); }

// ---------------------------------------------------------------------------------------
// Content versions
// ---------------------------------------------------------------------------------------
inline constexpr const char* kWatchedKey = "doc-2024-0002";  // retitled in every version
inline constexpr const char* kDeletedKey = "doc-2021-0003";  // gone from version 3 on
inline int documentsIn(int64_t version) { return 74 + 2 * static_cast<int>(version - 1) - (version >= 3 ? 1 : 0); }
inline std::string watchedTitle(int64_t version) {
    const std::string title = "临澜县人民政府2023年政府信息公开工作年度报告";
    return version >= 2 ? title + "（修订" + std::to_string(version) + "）" : title;
}

inline json readJsonFile(const fs::path& path) { return json::parse(test::readBytes(path)); }
inline void writeJsonFile(const fs::path& path, const json& value) { test::writeBytes(path, value.dump(2) + "\n"); }

// Edits the content source DIR (a copy of the demo content) into version VERSION.
inline void makeVersion(const fs::path& dir, int64_t version) {
    json meta = readJsonFile(dir / "meta.json");
    meta["version"] = version;
    writeJsonFile(dir / "meta.json", meta);
    if (version < 2) return;
    json docs2024 = readJsonFile(dir / "documents/2024.json");
    for (json& d : docs2024)
        if (d["key"] == kWatchedKey) d["title"] = watchedTitle(version);
    writeJsonFile(dir / "documents/2024.json", docs2024);
    json docs2026 = readJsonFile(dir / "documents/2026.json");
    const json model = docs2026.at(0);
    for (int64_t k = 2; k <= version; ++k)
        for (int i = 0; i < 2; ++i) {
            json d = model;
            d.erase("interprets");
            d.erase("attachments");
            d["key"] = "doc-2026-8" + std::to_string(k) + std::to_string(i);
            d["index_no"] = "361199001/2026-8" + std::to_string(k) + std::to_string(i) + "00";
            d["title"] = "临澜县第" + std::to_string(k) + "版新增公开文件之" + std::to_string(i + 1);
            docs2026.push_back(d);
        }
    writeJsonFile(dir / "documents/2026.json", docs2026);
    if (version >= 3) {
        json docs2021 = readJsonFile(dir / "documents/2021.json");
        json kept = json::array();
        for (const json& d : docs2021)
            if (d["key"] != kDeletedKey) kept.push_back(d);
        writeJsonFile(dir / "documents/2021.json", kept);
    }
}

// Adds COUNT generated documents (documents/generated.json) to the content source DIR: copies
// of the demo documents with new keys, each with a paragraph of pseudo-random characters so
// that the bundle does not compress to nothing (about 250 bytes a document once packed).
inline void addGeneratedDocuments(const fs::path& dir, int count, uint32_t seed = 7) {
    std::vector<json> models;
    std::u32string pool;
    for (const auto& entry : fs::directory_iterator(dir / "documents"))
        for (const json& d : readJsonFile(entry.path())) {
            json m = d;
            m.erase("interprets");
            m.erase("attachments");
            models.push_back(m);
        }
    const std::string text = "政务公开专区临澜县人民政府办公室关于印发年度工作要点的通知各乡镇人民政府县政府各部门"
                             "为深入贯彻落实条例精神进一步提升政府信息公开质量现将有关事项通知如下低保特困供养资金"
                             "发放情况惠民惠农补贴征地补偿安置方案公共资源交易信息行政许可处罚强制收费统计期限";
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
        for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        pool.push_back(cp);
        i += n;
    }
    std::mt19937 rng(seed);
    json out = json::array();
    for (int i = 0; i < count; ++i) {
        json d = models[static_cast<size_t>(i) % models.size()];
        char key[32], index[40];
        std::snprintf(key, sizeof key, "doc-gen-%05d", i);
        std::snprintf(index, sizeof index, "361199001/2099-%05d", i);
        d["key"] = key;
        d["index_no"] = index;
        d["title"] = d["title"].get<std::string>() + "（汇编" + std::to_string(i) + "）";
        std::string para;
        for (int k = 0; k < 200; ++k) {
            const char32_t cp = pool[rng() % pool.size()];
            para += static_cast<char>(0xE0 | (cp >> 12));
            para += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            para += static_cast<char>(0x80 | (cp & 0x3F));
        }
        d["body"].push_back(para);
        out.push_back(std::move(d));
    }
    writeJsonFile(dir / "documents/generated.json", out);
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------
struct FileFacts {
    bool exists = false;
    int64_t size = -1;
    int64_t mtimeNs = -1;
    std::string sha256;
    bool operator==(const FileFacts&) const = default;
};

inline FileFacts factsOf(const fs::path& path) {
    FileFacts f;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return f;
    f.exists = true;
    f.size = st.st_size;
    f.mtimeNs = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    f.sha256 = sha256Hex(test::readBytes(path));
    return f;
}

inline void copyTree(const fs::path& from, const fs::path& to) {
    fs::create_directories(to.parent_path());
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

// Every file under DIR whose name ends in SUFFIX (relative paths, sorted).
inline std::vector<std::string> filesEndingIn(const fs::path& dir, const std::string& suffix) {
    std::vector<std::string> found;
    std::error_code ec;
    if (!fs::exists(dir, ec)) return found;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            found.push_back(fs::relative(it->path(), dir).string());
    }
    std::sort(found.begin(), found.end());
    return found;
}

// The manifest entry of PATH (documents/00001.json …) in the bundle BUNDLE.
inline ManifestFile entryOf(const fs::path& bundle, const std::string& path) {
    const Manifest m = parseManifest(test::readBytes(bundle / "manifest.json"));
    for (const ManifestFile& f : m.files)
        if (f.path == path) return f;
    throw std::runtime_error("no " + path + " in " + bundle.string());
}
inline fs::path storedFile(const fs::path& bundle, const std::string& path) {
    return bundle / "files" / entryOf(bundle, path).sha256;
}

// Rewrites the manifest at PATH: EDIT changes the whole document (signed part and
// signatures); nothing is re-signed.
inline void editManifest(const fs::path& path, const std::function<void(json&)>& edit) {
    json document = readJsonFile(path);
    edit(document);
    test::writeBytes(path, document.dump(1) + "\n");
}
// Rewrites the manifest at PATH with EDIT applied to its signed part, signed by SEED (no
// signature when SEED is empty).
inline void resignManifest(const fs::path& path, const std::function<void(json&)>& edit, const std::string& seed) {
    json document = readJsonFile(path);
    json& s = document["signed"];
    edit(s);
    json signatures = json::array();
    if (!seed.empty())
        signatures.push_back({{"key", encodeSignPublic(signPublicOf(seed))}, {"sig", base64Encode(signMessage(s.dump(), seed))}});
    document["signatures"] = signatures;
    test::writeBytes(path, document.dump(1) + "\n");
}

inline int64_t peakRssKiB() {
    struct rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// Bytes this process has read through read(2) and friends so far (/proc/self/io rchar):
// what "never reads beyond the declared length" is measured with.
inline int64_t bytesReadSoFar() {
    std::ifstream in("/proc/self/io");
    std::string key;
    int64_t value = 0;
    while (in >> key >> value)
        if (key == "rchar:") return value;
    return -1;
}

// A TCP port on loopback that nobody listens on (bound, then closed).
inline int closedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    const int port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

// A terminal id of four characters of the tracking alphabet (a valid tracking prefix),
// different in every test process running at the same time: intake folders are shared.
inline std::string uniqueTerminalId(int n = 0) {
    static const std::string alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    uint64_t v = (static_cast<uint64_t>(::getpid()) * 4 + static_cast<uint64_t>(n)) % (34ull * 34 * 34);
    std::string id = "Z";
    for (int i = 0; i < 3; ++i) {
        id += alphabet[v % 34];
        v /= 34;
    }
    return id;
}

inline const char* outcomeText(const UpdateReport& r) { return outcomeName(r.outcome); }

// The report of a refused update: outcome, the exact refusal and the Chinese message.
#define EXPECT_REFUSED(report, want)                                                                    \
    do {                                                                                                \
        const ::zwgk::UpdateReport& r_ = (report);                                                      \
        EXPECT_STREQ(::zwgk::outcomeName(r_.outcome), "refused") << r_.detail;                         \
        ASSERT_TRUE(r_.refusal.has_value()) << r_.detail;                                               \
        EXPECT_STREQ(::zwgk::refusalName(*r_.refusal), ::zwgk::refusalName(want)) << r_.detail;        \
        EXPECT_EQ(r_.message, ::zwgk::refusalMessage(want)) << r_.detail;                               \
        EXPECT_FALSE(r_.detail.empty());                                                                \
    } while (0)

// ---------------------------------------------------------------------------------------
// What a refused update must leave alone
// ---------------------------------------------------------------------------------------
struct TerminalSnapshot {
    SyncState state;
    int64_t metaVersion = -1;      // content_meta version, -1: no content
    int documents = -1;            // documents in the store
    std::string watched;           // title of kWatchedKey
    std::string glyphs;            // the glyph set (UTF-32 as bytes)
    int searchHits = -1;           // hits for the watched title's 修订 word
    FileFacts outbox;              // the outbox file
    bool outboxWal = false;        // its -wal / -shm companions
};

inline TerminalSnapshot snapshotOf(const std::string& db) {
    TerminalSnapshot s;
    auto store = Store::open(db, Store::Mode::ReadOnly);
    s.state = store->syncState();
    if (store->hasContent()) {
        s.metaVersion = store->meta().version;
        s.documents = store->countDocuments({});
        if (auto d = store->documentByKey(kWatchedKey)) s.watched = d->title;
        const std::u32string g = store->glyphSet();
        s.glyphs.assign(reinterpret_cast<const char*>(g.data()), g.size() * sizeof(char32_t));
        SearchQuery q;
        q.text = "修订";
        s.searchHits = store->countSearch(q);
    }
    store.reset();
    const std::string outbox = Outbox::pathForStore(db);
    s.outbox = factsOf(outbox);
    s.outboxWal = fs::exists(outbox + "-wal") || fs::exists(outbox + "-shm");
    return s;
}

inline void expectSameTerminal(const TerminalSnapshot& before, const TerminalSnapshot& after) {
    EXPECT_EQ(after.state.version, before.state.version);
    EXPECT_EQ(after.state.contentId, before.state.contentId);
    EXPECT_EQ(after.state.manifestDigest, before.state.manifestDigest);
    EXPECT_EQ(after.state.created, before.state.created);
    EXPECT_EQ(after.state.expires, before.state.expires);
    EXPECT_EQ(after.state.appliedAt, before.state.appliedAt);
    EXPECT_EQ(after.state.source, before.state.source);
    EXPECT_EQ(after.state.rootVersion, before.state.rootVersion);
    EXPECT_EQ(after.state.root, before.state.root);
    // The clock floor only ever rises (to the creation time of a manifest that verified).
    EXPECT_GE(after.state.clockFloor, before.state.clockFloor);
    EXPECT_EQ(after.metaVersion, before.metaVersion);
    EXPECT_EQ(after.documents, before.documents);
    EXPECT_EQ(after.watched, before.watched);
    EXPECT_TRUE(after.glyphs == before.glyphs) << "the glyph set changed";
    EXPECT_EQ(after.searchHits, before.searchHits);
    EXPECT_TRUE(after.outbox == before.outbox) << "the outbox file was touched";
    EXPECT_EQ(after.outboxWal, before.outboxWal);
}

// Nothing of the terminal at DB changed since BEFORE (content, sync state, outbox file).
#define EXPECT_NOTHING_CHANGED(before, db)                              \
    do {                                                                \
        SCOPED_TRACE("terminal " + std::string(db) + " must be unchanged"); \
        ::zwgk::synctest::expectSameTerminal((before), ::zwgk::synctest::snapshotOf(db)); \
    } while (0)

// ---------------------------------------------------------------------------------------
// The fixture: the central office and its terminals
// ---------------------------------------------------------------------------------------
struct BundleOptions {
    std::string created;                       // default day(version)
    int expiresDays = 30;
    fs::path base;                             // a delta against this bundle or web root
    bool sign = true;
    std::string seed;                          // content key; default the office's
    fs::path rootDir;                          // root chain copied in; default the office's
    std::function<void(const fs::path&)> edit; // more edits of the source
    std::string name;                          // folder name; default bundle-vV[-delta]-N
    int documentsPerFile = 500;
    int generatedDocuments = 0;                // addGeneratedDocuments
    bool searchIndex = true;                   // a snapshot carries its prebuilt search index
};

struct Terminal {
    std::string db;       // the content store
    std::string id;       // terminal.id
    std::string staging;  // SyncOptions::stagingDir
    std::string outbox() const { return Outbox::pathForStore(db); }
};

class SyncTest : public test::Cli {
protected:
    void SetUp() override {
        test::Cli::SetUp();
        if (IsSkipped()) return;
        ::umask(022);  // files published into the nginx web root must be readable by its worker
        root_ = generateSignKeys();
        content_ = generateSignKeys();
        rootDir_ = dir_.path() / "office-root";
        RootChange first;
        first.rootKeys = {root_.publicKey};
        first.addContentKeys = {{content_.publicKey, utcPlusDays(day(0), 3650)}};
        writeNextRoot(rootDir_.string(), first, {root_.seed});
    }

    void TearDown() override {
        std::error_code ec;
        for (const fs::path& p : webRoots_) fs::remove_all(p, ec);
    }

    std::string rootText() const { return test::readBytes(rootDir_ / "root.json"); }

    // A copy of the demo content edited into VERSION.
    fs::path source(int64_t version, const std::function<void(const fs::path&)>& edit = {}) {
        const fs::path dir = dir_.path() / ("src-v" + std::to_string(version) + "-" + std::to_string(++counter_));
        fs::copy(test::demoContentDir(), dir, fs::copy_options::recursive);
        makeVersion(dir, version);
        if (edit) edit(dir);
        return dir;
    }

    // Bundle VERSION packed from source(VERSION) and signed (sign.h: the office's content key,
    // root chain included).
    fs::path bundle(int64_t version, const BundleOptions& o = {}) {
        const fs::path src = source(version, [&](const fs::path& dir) {
            if (o.generatedDocuments) addGeneratedDocuments(dir, o.generatedDocuments);
            if (o.edit) o.edit(dir);
        });
        const std::string name = o.name.empty() ? "bundle-v" + std::to_string(version) +
                                                      (o.base.empty() ? "" : "-delta") + "-" + std::to_string(++counter_)
                                                : o.name;
        PackOptions p;
        p.sourceDir = src.string();
        p.outDir = (dir_.path() / name).string();
        p.baseDir = o.base.string();
        p.version = version;
        p.expiresDays = o.expiresDays;
        p.created = o.created.empty() ? day(static_cast<double>(version)) : o.created;
        p.documentsPerFile = o.documentsPerFile;
        p.searchIndex = o.searchIndex;
        packBundle(p);
        if (o.sign)
            signBundle(p.outDir, o.seed.empty() ? content_.seed : o.seed,
                       (o.rootDir.empty() ? rootDir_ : o.rootDir).string());
        fs::remove_all(src);
        return p.outDir;
    }

    // A terminal as installed: an empty store with terminal.id set and the root pinned.
    Terminal newTerminal(const std::string& name = "terminal") {
        Terminal t;
        t.db = (dir_.path() / (name + ".db")).string();
        t.id = uniqueTerminalId(counter_++);
        t.staging = (dir_.path() / (name + "-staging")).string();
        {
            auto store = Store::open(t.db, Store::Mode::Create);
            store->setSetting("terminal.id", t.id);
            store->setSetting("terminal.location", "县政务服务中心一楼东侧");
        }
        pinTrustedRoot(t.db, rootText());
        return t;
    }

    SyncOptions options(const Terminal& t, const std::string& now = "") const {
        SyncOptions o;
        o.stagingDir = t.staging;
        o.now = now.empty() ? testNow() : now;
        return o;
    }

    UpdateReport applyFolder(const Terminal& t, const fs::path& bundleDir, const std::string& now = "") {
        auto src = folderSource(bundleDir.string());
        return updateFromSource(t.db, *src, options(t, now));
    }

    UsbImportReport importStick(const Terminal& t, const fs::path& stick, const std::string& now = "") {
        return importFromUsb(t.db, stick.string(), options(t, now));
    }

    // A terminal in service: version 1 applied from a signed bundle, APPLICATIONS real
    // applications in its outbox (sealed to the demo office key of the content).
    Terminal installedTerminal(int applications = 2, const std::string& name = "terminal") {
        Terminal t = newTerminal(name);
        if (v1_.empty()) v1_ = bundle(1);
        const UpdateReport r = applyFolder(t, v1_);
        EXPECT_STREQ(outcomeText(r), "applied") << r.detail;
        if (applications > 0) submitApplications(t, applications);
        return t;
    }

    // Submits N applications at terminal T with the terminal's own code path.
    std::vector<OutboxEntry> submitApplications(const Terminal& t, int n) {
        static const char* names[] = {"王小明", "李红梅", "张伟", "陈静", "刘洋", "赵丽", "孙强", "周敏"};
        auto store = Store::open(t.db, Store::Mode::ReadWrite);
        const IntakeConfig config = loadIntakeConfig(*store);
        if (!config.ready()) throw std::runtime_error("terminal not ready: " + config.problems.front());
        const WorkingCalendar calendar = loadWorkingCalendar(*store);
        auto outbox = Outbox::open(t.outbox());
        std::vector<OutboxEntry> entries;
        for (int i = 0; i < n; ++i) {
            const std::string name = names[(submitted_ + i) % 8];
            const ApplicationDraft draft =
                test::citizenDraft(name, "11010519491231002X", "东山村2025年土地征收补偿安置方案第" + std::to_string(i + 1) + "项");
            entries.push_back(submitApplication(*outbox, draft, config, calendar, submissionTimeNow()).entry);
            submittedNames_[entries.back().trackingCode] = name;
        }
        submitted_ += n;
        return entries;
    }

    // Publishes BUNDLE into the web root www/NAME of the private nginx; returns NAME.
    std::string publish(const fs::path& bundleDir, const std::string& name) {
        const fs::path web = nt::wwwDir() / name;
        if (std::find(webRoots_.begin(), webRoots_.end(), web) == webRoots_.end()) webRoots_.push_back(web);
        publishBundle(bundleDir.string(), web.string());
        return name;
    }
    std::string newWebName() {
        const std::string name = nt::uniqueName("sync");
        webRoots_.push_back(nt::wwwDir() / name);
        return name;
    }

    static HttpOptions quickHttp() {
        HttpOptions o;
        o.connectTimeoutMs = 3000;
        o.stallTimeoutS = 10;
        o.totalTimeoutS = 60;
        o.maxAttempts = 2;
        o.backoffInitialMs = 10;
        o.backoffMaxMs = 50;
        return o;
    }

    UpdateReport pull(const Terminal& t, const std::string& url, const HttpOptions& http = quickHttp(),
                      const std::string& now = "") {
        auto src = httpSource(url, http);
        return updateFromSource(t.db, *src, options(t, now));
    }

    SignKeys root_;                 // the office's root key
    SignKeys content_;              // its content-signing key (listed in root version 1)
    fs::path rootDir_;              // root.json and roots/N.json as rotate-key writes them
    fs::path v1_;                   // bundle(1), made once
    int counter_ = 0;               // unique folder names
    int submitted_ = 0;             // applications submitted so far
    std::map<std::string, std::string> submittedNames_;  // tracking code → applicant name
    std::vector<fs::path> webRoots_;  // removed after the test
};

}  // namespace zwgk::synctest
