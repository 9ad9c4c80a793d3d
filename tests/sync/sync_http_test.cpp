// Content sync over HTTP against the private nginx (static web root, /slow/ at 64 KiB/s): an
// interrupted download resumed, a file replaced on the server mid-download, files missing,
// changed or far too long on the server, a 1 GB manifest, an unreachable server, and the
// `kiosk-sync pull` command with the sync.url setting.
#include "sync_test_support.h"

#include <fcntl.h>

#include <fstream>
#include <regex>

namespace zwgk::synctest {
namespace {

constexpr int64_t kGiB = int64_t(1) << 30;

// One line of nginx's access log (combined format).
struct LogLine {
    std::string method, path;
    int status = 0;
    int64_t bytes = 0;
};

std::vector<LogLine> accessLog(const std::string& pathPart) {
    std::vector<LogLine> lines;
    std::ifstream in(nt::nginxDir() / "log" / "access.log");
    static const std::regex re(R"rx("([A-Z]+) ([^ ]+) HTTP/[0-9.]+" ([0-9]+) ([0-9]+))rx");
    std::string line;
    std::smatch m;
    while (std::getline(in, line))
        if (line.find(pathPart) != std::string::npos && std::regex_search(line, m, re))
            lines.push_back({m[1], m[2], std::stoi(m[3]), std::stoll(m[4])});
    return lines;
}

// Cancels a session's downloads once CANCELAT bytes arrived in all: the files completed
// (SyncProgress) and the part of the current one (HttpOptions::progress).
struct ByteBudget {
    int64_t cancelAt = 0;
    SyncProgress session;
    int currentFile = -1;  // SyncProgress::filesDone when the current file's bytes were reported
    int64_t current = 0;   // bytes of the current file
    void attach(HttpOptions& o, SyncOptions& s) {
        s.progress = &session;
        o.progress = [this](int64_t done, int64_t) {
            currentFile = session.filesDone;
            current = done;
        };
        o.cancelled = [this] {
            const int64_t inFile = currentFile == session.filesDone ? current : 0;
            return cancelAt > 0 && session.bytesDone + inFile >= cancelAt;
        };
    }
};

class SyncHttp : public SyncTest {
protected:
    std::string url(const std::string& web) { return nt::baseUrl() + "/" + web; }
    std::string slowUrl(const std::string& web) { return nt::baseUrl() + "/slow/" + web; }
    fs::path www(const std::string& web) { return nt::wwwDir() / web; }

    // Bytes before PATH in the manifest's order (the order files are fetched in).
    static int64_t bytesBefore(const fs::path& bundleDir, const std::string& path) {
        int64_t n = 0;
        for (const ManifestFile& f : parseManifest(test::readBytes(bundleDir / "manifest.json")).files) {
            if (f.path == path) return n;
            n += f.length;
        }
        throw std::runtime_error("no " + path);
    }
    static int64_t totalBytes(const fs::path& bundleDir) {
        int64_t n = 0;
        for (const ManifestFile& f : parseManifest(test::readBytes(bundleDir / "manifest.json")).files) n += f.length;
        return n;
    }

    // Pulls WEB through /slow/ and stops in the middle of PATH: the session fails, the
    // earlier files are staged and PATH's .part (with its validator) stays for a resume.
    UpdateReport interruptedPull(const Terminal& t, const fs::path& bundleDir, const std::string& web,
                                 const std::string& path) {
        const ManifestFile f = entryOf(bundleDir, path);
        ByteBudget budget;
        budget.cancelAt = bytesBefore(bundleDir, path) + f.length / 2;
        HttpOptions http = quickHttp();
        SyncOptions o = options(t);
        budget.attach(http, o);
        auto src = httpSource(slowUrl(web), http);
        const UpdateReport r = updateFromSource(t.db, *src, o);
        EXPECT_STREQ(outcomeText(r), "failed") << r.detail;
        EXPECT_EQ(r.message, "下载中断，稍后自动续传。") << r.detail;
        EXPECT_TRUE(fs::exists(fs::path(t.staging) / (f.sha256 + ".part")));
        EXPECT_GT(fs::file_size(fs::path(t.staging) / (f.sha256 + ".part")), 0u);
        EXPECT_LT(static_cast<int64_t>(fs::file_size(fs::path(t.staging) / (f.sha256 + ".part"))), f.length);
        return r;
    }
};

// A large bundle (2,000 generated documents besides the demo ones: 0.9 MiB in 5 documents
// files) over /slow/, stopped in the middle of the first documents file; the next pull resumes that file with a range request, fetches
// only what is missing and applies.
TEST_F(SyncHttp, InterruptedDownloadIsResumed) {
    const Terminal t = installedTerminal(2);
    const fs::path b2 = bundle(2, {.generatedDocuments = 2000});
    const std::string web = publish(b2, newWebName());
    const TerminalSnapshot before = snapshotOf(t.db);
    const std::string target = "documents/00001.json";
    const ManifestFile f = entryOf(b2, target);

    const UpdateReport first = interruptedPull(t, b2, web, target);
    EXPECT_EQ(first.bytesFetched, bytesBefore(b2, target));  // the files completed before it
    EXPECT_NOTHING_CHANGED(before, t.db);
    const int64_t partial = static_cast<int64_t>(fs::file_size(fs::path(t.staging) / (f.sha256 + ".part")));

    const UpdateReport second = pull(t, url(web));
    EXPECT_STREQ(outcomeText(second), "applied") << second.detail;
    EXPECT_TRUE(second.snapshotApplied);
    EXPECT_EQ(second.toVersion, 2);
    EXPECT_LT(second.bytesFetched, totalBytes(b2));
    EXPECT_EQ(first.bytesFetched + second.bytesFetched, totalBytes(b2));
    // The interrupted file was resumed (206 with the rest), not fetched again.
    bool resumed = false;
    for (const LogLine& l : accessLog(web + "/files/" + f.sha256))
        if (l.status == 206) {
            resumed = true;
            EXPECT_EQ(l.bytes, f.length - partial);
        }
    EXPECT_TRUE(resumed) << "no 206 for " << target << " in the access log";
    // Files completed by the first pull were not fetched again.
    const ManifestFile agencies = entryOf(b2, "agencies.json");
    EXPECT_EQ(accessLog(web + "/files/" + agencies.sha256).size(), 1u);

    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->countDocuments({}), documentsIn(2) + 2000);
    EXPECT_TRUE(store->documentByKey("doc-gen-01999"));
    EXPECT_TRUE(factsOf(t.outbox()) == before.outbox);
    EXPECT_TRUE(filesEndingIn(t.staging, ".part").empty());
}

// The interrupted file changes on the server (new bytes, new mtime: a new ETag) before the
// resume: If-Range makes nginx send the whole new file, the download starts over, and the
// hash check refuses it. Once the right file is back, the pull applies.
TEST_F(SyncHttp, FileReplacedOnTheServerMidDownload) {
    const Terminal t = installedTerminal(2);
    const fs::path b2 = bundle(2, {.generatedDocuments = 600});
    const std::string web = publish(b2, newWebName());
    const std::string target = "documents/00001.json";
    const ManifestFile f = entryOf(b2, target);
    const fs::path served = www(web) / "files" / f.sha256;
    const std::string original = test::readBytes(served);
    const TerminalSnapshot before = snapshotOf(t.db);

    interruptedPull(t, b2, web, target);
    std::string changed = original;
    for (size_t i = changed.size() / 3; i < changed.size(); i += 997) changed[i] = static_cast<char>(changed[i] ^ 0x55);
    nt::writeWwwFile(fs::relative(served, nt::wwwDir()), changed, std::time(nullptr) - 3600);

    const UpdateReport r = pull(t, url(web));
    EXPECT_REFUSED(r, BundleRefusal::FileHash);
    EXPECT_NOTHING_CHANGED(before, t.db);
    EXPECT_FALSE(fs::exists(fs::path(t.staging) / f.sha256));
    EXPECT_FALSE(fs::exists(fs::path(t.staging) / (f.sha256 + ".part")));
    // The resume was refused by the server (If-Range did not match): a full 200, never a 206
    // that would have spliced two versions together.
    const std::vector<LogLine> log = accessLog(web + "/files/" + f.sha256);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1].status, 200);
    EXPECT_EQ(log[1].bytes, f.length);
    for (const LogLine& l : log) EXPECT_NE(l.status, 206);

    nt::writeWwwFile(fs::relative(served, nt::wwwDir()), original, std::time(nullptr) - 7200);
    const UpdateReport ok = pull(t, url(web));
    EXPECT_STREQ(outcomeText(ok), "applied") << ok.detail;
    EXPECT_EQ(Store::open(t.db, Store::Mode::ReadOnly)->countDocuments({}), documentsIn(2) + 600);
}

// Same bytes, new mtime (the file was copied again on the server): the resume restarts
// cleanly and the pull applies.
TEST_F(SyncHttp, FileTouchedOnTheServerMidDownloadRestartsCleanly) {
    const Terminal t = installedTerminal(0);
    const fs::path b2 = bundle(2, {.generatedDocuments = 600});
    const std::string web = publish(b2, newWebName());
    const std::string target = "documents/00001.json";
    const ManifestFile f = entryOf(b2, target);
    interruptedPull(t, b2, web, target);
    nt::setWwwMtime(fs::relative(www(web) / "files" / f.sha256, nt::wwwDir()), std::time(nullptr) - 3600);
    const UpdateReport ok = pull(t, url(web));
    EXPECT_STREQ(outcomeText(ok), "applied") << ok.detail;
    const std::vector<LogLine> log = accessLog(web + "/files/" + f.sha256);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[1].status, 200);
    EXPECT_EQ(log[1].bytes, f.length);
}

TEST_F(SyncHttp, ListedFileMissingOnTheServerIs404) {
    const Terminal t = installedTerminal(2);
    const fs::path b2 = bundle(2);
    const std::string web = publish(b2, newWebName());
    const ManifestFile f = entryOf(b2, "guides.json");
    fs::remove(www(web) / "files" / f.sha256);
    const TerminalSnapshot before = snapshotOf(t.db);
    const UpdateReport r = pull(t, url(web));
    EXPECT_REFUSED(r, BundleRefusal::FileMissing);
    EXPECT_NOTHING_CHANGED(before, t.db);
    EXPECT_NE(snapshotOf(t.db).state.lastResult.find("refused"), std::string::npos);
    bool got404 = false;
    for (const LogLine& l : accessLog(web + "/files/" + f.sha256)) got404 = got404 || l.status == 404;
    EXPECT_TRUE(got404);

    const test::CliResult cli = run({"pull", "--db", t.db, "--url", url(web), "--staging", t.staging, "--attempts", "1"});
    EXPECT_EQ(cli.status, 3) << cli.out << cli.err;
    EXPECT_NE(cli.err.find("refused (file-missing)"), std::string::npos) << cli.err;
    EXPECT_EQ(valueOf(cli.out, "message"), refusalMessage(BundleRefusal::FileMissing));
    EXPECT_NOTHING_CHANGED(before, t.db);
}

TEST_F(SyncHttp, ChangedFileOnTheServerIsRefused) {
    const Terminal t = installedTerminal(2);
    const fs::path b2 = bundle(2);
    const std::string web = publish(b2, newWebName());
    const fs::path served = www(web) / "files" / entryOf(b2, "documents/00001.json").sha256;
    std::string bytes = test::readBytes(served);
    bytes[100] = static_cast<char>(bytes[100] ^ 1);
    nt::writeWwwFile(fs::relative(served, nt::wwwDir()), bytes);
    const TerminalSnapshot before = snapshotOf(t.db);
    EXPECT_REFUSED(pull(t, url(web)), BundleRefusal::FileHash);
    EXPECT_NOTHING_CHANGED(before, t.db);
    EXPECT_EQ(filesEndingIn(t.staging, ".part"), std::vector<std::string>{});
}

// 2 GiB on the server where a few KiB are declared: the download stops at the declared length.
TEST_F(SyncHttp, HugeFileOnTheServerIsRefusedAtOnce) {
    const Terminal t = installedTerminal(2);
    const fs::path b2 = bundle(2);
    const std::string web = publish(b2, newWebName());
    const ManifestFile f = entryOf(b2, "meta.json");
    ASSERT_EQ(::truncate((www(web) / "files" / f.sha256).c_str(), 2 * kGiB), 0);
    const TerminalSnapshot before = snapshotOf(t.db);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_REFUSED(pull(t, url(web)), BundleRefusal::FileTooLong);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 10.0);
    EXPECT_NOTHING_CHANGED(before, t.db);
    for (const std::string& name : filesEndingIn(t.staging, ""))
        EXPECT_LE(static_cast<int64_t>(fs::file_size(fs::path(t.staging) / name)), int64_t(1) << 20) << name;
}

TEST_F(SyncHttp, GigabyteManifestOnTheServerIsRefusedQuickly) {
    const Terminal t = installedTerminal(2);
    const std::string web = publish(bundle(2), newWebName());
    ASSERT_EQ(::truncate((www(web) / "manifest.json").c_str(), kGiB), 0);
    const TerminalSnapshot before = snapshotOf(t.db);
    const int64_t rssBefore = peakRssKiB();
    const auto started = std::chrono::steady_clock::now();
    EXPECT_REFUSED(pull(t, url(web)), BundleRefusal::TooLarge);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 10.0);
    EXPECT_LT(peakRssKiB() - rssBefore, 64 * 1024) << "KiB of peak RSS added";
    EXPECT_NOTHING_CHANGED(before, t.db);
}

// The server cannot be reached: failed (retry later), exit 1, nothing changed.
TEST_F(SyncHttp, UnreachableServerFailsAndChangesNothing) {
    const Terminal t = installedTerminal(1);
    const TerminalSnapshot before = snapshotOf(t.db);
    HttpOptions http = quickHttp();
    http.maxAttempts = 1;
    const std::string down = "http://127.0.0.1:" + std::to_string(closedPort()) + "/web";
    const UpdateReport r = pull(t, down, http);
    EXPECT_STREQ(outcomeText(r), "failed") << r.detail;
    EXPECT_FALSE(r.refusal.has_value());
    EXPECT_EQ(r.message, "无法连接内容服务器，稍后自动重试。");
    EXPECT_NOTHING_CHANGED(before, t.db);
    EXPECT_EQ(snapshotOf(t.db).state.lastResult.rfind("failed", 0), 0u) << snapshotOf(t.db).state.lastResult;

    const test::CliResult cli = run({"pull", "--db", t.db, "--url", down, "--attempts", "1"});
    EXPECT_EQ(cli.status, 1) << cli.out << cli.err;
    EXPECT_EQ(valueOf(cli.out, "result"), "failed");
    EXPECT_NOTHING_CHANGED(before, t.db);
}

// Cancelled between files (SyncOptions::cancelled): failed, nothing applied; the next pull
// goes on from the staged files.
TEST_F(SyncHttp, CancelledSessionAppliesNothing) {
    const Terminal t = installedTerminal(1);
    const fs::path b2 = bundle(2);
    const std::string web = publish(b2, newWebName());
    const TerminalSnapshot before = snapshotOf(t.db);
    SyncProgress progress;
    SyncOptions o = options(t);
    o.progress = &progress;
    o.cancelled = [&] { return progress.filesDone >= 3; };
    auto src = httpSource(url(web), quickHttp());
    const UpdateReport r = updateFromSource(t.db, *src, o);
    EXPECT_STREQ(outcomeText(r), "failed") << r.detail;
    EXPECT_EQ(r.message, "更新已取消。");
    EXPECT_EQ(progress.filesDone.load(), 3);
    EXPECT_EQ(progress.phase.load(), 0);
    EXPECT_NOTHING_CHANGED(before, t.db);
    const UpdateReport ok = pull(t, url(web));
    EXPECT_STREQ(outcomeText(ok), "applied") << ok.detail;
    EXPECT_LT(ok.bytesFetched, totalBytes(b2));
}

// `kiosk-sync pull` with the address from the sync.url setting; then again: up to date.
TEST_F(SyncHttp, PullCommandUsesTheSyncUrlSetting) {
    const Terminal t = installedTerminal(1);
    const std::string web = newWebName();
    publish(v1_, web);
    const fs::path b2 = bundle(2), d2 = bundle(2, {.base = v1_});
    publish(b2, web);
    publish(d2, web);
    Store::open(t.db, Store::Mode::ReadWrite)->setSetting("sync.url", url(web));
    const test::CliResult cli = run({"pull", "--db", t.db, "--staging", t.staging});
    EXPECT_EQ(cli.status, 0) << cli.out << cli.err;
    EXPECT_EQ(valueOf(cli.out, "result"), "applied");
    EXPECT_EQ(valueOf(cli.out, "version"), "1 -> 2");
    EXPECT_EQ(valueOf(cli.out, "deltas applied"), "1");
    EXPECT_EQ(valueOf(cli.out, "message"), "内容已更新。");
    const test::CliResult again = run({"pull", "--db", t.db, "--staging", t.staging});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(valueOf(again.out, "result"), "up-to-date");
    auto store = Store::open(t.db, Store::Mode::ReadOnly);
    EXPECT_EQ(store->syncState().version, 2);
    EXPECT_EQ(store->syncState().lastResult, "ok");
}

}  // namespace
}  // namespace zwgk::synctest
