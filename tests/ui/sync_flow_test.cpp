// Content sync as the terminal lives it: an office USB stick with a real signed bundle is
// noticed, applied and reported to staff; the sealed applications go onto the stick; the new
// content shows (its new characters in the glyph atlas, its document found by search); a
// stick of garbage and a full stick say so; an expired bundle puts the calm "内容可能已过期"
// notice on every screen until a fresh one arrives; a download shows its progress in the top
// bar; closing the kiosk in the middle of a sync does not hang. Screenshots in
// build/ui-shots/SyncUi.<Test>/.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "bundle.h"
#include "charsets.h"
#include "corpus_generator.h"
#include "kiosk_fixture.h"
#include "outbox.h"
#include "script_convert.h"
#include "signing.h"
#include "sync_session.h"

namespace zwgk::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// A document whose title has two characters that are neither in the demo content nor in
// GB 2312 (so not in the input-method atlas either): they render only if the glyph atlas
// follows the new content.
constexpr const char* kNewKey = "doc-2026-9001";
constexpr const char* kNewTitle = "临澜县关于犇垚村农村饮水安全巩固提升工程竣工验收的公告";
constexpr char32_t kRare1 = U'犇', kRare2 = U'垚';

// The terminal's clock in these tests (the demo content's week).
constexpr const char* kNow = "2026-11-25T02:00:00Z";

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool atlasHas(char32_t c) {
    for (ImFont* font : ImGui::GetIO().Fonts->Fonts)
        if (font->FindGlyphNoFallback(static_cast<ImWchar>(c))) return true;
    return false;
}

class SyncUi : public KioskUi {
protected:
    void SetUp() override {
        work_ = fs::path(buildDir()) / "test-sync" / testName();
        ::umount2((work_ / "media" / "FULL").c_str(), MNT_DETACH);  // left by a crashed run
        fs::remove_all(work_);
        fs::create_directories(work_);
        usbRoot_ = work_ / "media";
        fs::create_directories(usbRoot_);
        // The office's keys: a root key that signs the content key, as at install.
        rootKey_ = generateSignKeys();
        contentKey_ = generateSignKeys();
        RootChange change;
        change.rootKeys = {rootKey_.publicKey};
        change.addContentKeys = {{contentKey_.publicKey, "2099-12-31T00:00:00Z"}};
        writeNextRoot((work_ / "root").string(), change, {rootKey_.seed});
    }

    void TearDown() override {
        KioskUi::TearDown();
        for (const fs::path& m : mounts_) ::umount2(m.c_str(), MNT_DETACH);
        if (!nginx_.empty())
            std::system(("bash '" + sourceDir() + "/tests/support/nginx.sh' stop '" + nginx_.string() + "' >/dev/null 2>&1").c_str());
    }

    // A private nginx (tests/support/nginx.sh) in this test's folder: static files from
    // www/, WebDAV PUT under /intake/. Returns "http://127.0.0.1:PORT", empty if it cannot run.
    std::string startNginx() {
        nginx_ = work_ / "nginx";
        const std::string command =
            "bash '" + sourceDir() + "/tests/support/nginx.sh' start '" + nginx_.string() + "' >/dev/null 2>&1";
        if (std::system(command.c_str()) != 0) return {};
        std::string address;
        std::getline(std::ifstream(nginx_ / "address"), address);
        return address.empty() ? std::string() : "http://" + address;
    }

    // Draws frames until the worker has finished ROUNDS online rounds (or 60 s passed).
    void awaitOnlineRounds(int rounds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while ((app_->syncWorker()->onlineRounds() < rounds || app_->syncWorker()->busy()) &&
               std::chrono::steady_clock::now() < deadline) {
            run("wait 50");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        run("wait 100");
    }

    // A demo terminal trusting the office's root, with APPLICATIONS sealed applications in
    // its outbox; the kiosk watches usbRoot_ every 100 ms.
    void startTerminal(int applications, const std::string& now = kNow, int width = 1920, int height = 1080,
                       const std::map<std::string, std::string>& settings = {}) {
        const std::string path = makeDemoStore();
        pinTrustedRoot(path, readFile(work_ / "root" / "root.json"));
        if (!settings.empty()) {
            auto store = Store::open(path, Store::Mode::ReadWrite);
            for (const auto& [key, value] : settings) store->setSetting(key, value);
        }
        if (applications > 0) {
            auto store = Store::open(path, Store::Mode::ReadOnly);
            const IntakeConfig config = loadIntakeConfig(*store);
            const WorkingCalendar calendar = loadWorkingCalendar(*store);
            auto outbox = Outbox::open(Outbox::pathForStore(path));
            for (int i = 0; i < applications; ++i) {
                ApplicationDraft draft;
                draft.typeChosen = true;
                draft.name = "王小明";
                draft.idNumber = "11010519491231002X";
                draft.mobile = "13812345678";
                draft.address = "临澜县城关镇东山村12号";
                draft.infoTitle = "东山村2025年土地征收补偿安置方案（第" + std::to_string(i + 1) + "份）";
                draft.formChosen = draft.deliveryChosen = draft.privacyConsent = true;
                submitApplication(*outbox, draft, config, calendar, submissionTimeNow("2026-11-25"));
            }
        }
        baseOptions_.usbRoots = {usbRoot_.string()};
        baseOptions_.usbPollMs = 100;
        baseOptions_.syncNow = now;
        start(path, "hall", width, height);
    }

    // The demo content as version VERSION, with the new document when WITHNEW, plus
    // GENERATED synthetic documents; packed and signed by the office. CREATED is the
    // bundle's creation time; it expires EXPIRESDAYS later.
    fs::path makeBundle(int version, const std::string& created, int expiresDays = 30, bool withNew = true,
                        int generated = 0) {
        const fs::path source = work_ / ("source-" + std::to_string(version));
        fs::remove_all(source);
        if (generated > 0) {
            CorpusOptions options;
            options.documents = generated;
            options.targetChars = 600;
            writeGeneratedSource(sourceDir() + "/assets/content", loadContentSource(sourceDir() + "/assets/content"),
                                 source.string(), options);
        } else {
            fs::copy(sourceDir() + "/assets/content", source, fs::copy_options::recursive);
        }
        if (withNew) {
            const fs::path file = source / "documents" / "2026.json";
            json docs = json::parse(readFile(file));
            json doc = docs.at(0);
            doc["key"] = kNewKey;
            doc["index_no"] = "361199001/2026-09001";
            doc["doc_no"] = "临水发〔2026〕31号";
            doc["title"] = kNewTitle;
            doc["created"] = "2026-11-20";
            doc["published"] = "2026-11-23";
            doc["body"] = json::array({"犇垚村农村饮水安全巩固提升工程已于2026年11月完工，经县水利局组织竣工验收合格，现予公告。",
                                       "工程新建蓄水池一座，铺设供水管网12.6公里，惠及全村428户。"});
            docs.push_back(doc);
            std::ofstream(file) << docs.dump(2);
        }
        PackOptions pack;
        pack.sourceDir = source.string();
        pack.outDir = (work_ / ("bundle-" + std::to_string(version))).string();
        pack.version = version;
        pack.created = created;
        pack.expiresDays = expiresDays;
        fs::remove_all(pack.outDir);
        packBundle(pack);
        signBundle(pack.outDir, contentKey_.seed, (work_ / "root").string());
        return pack.outDir;
    }

    // A stick as the office prepares one: zwgk/ with the bundle somewhere below. Made aside
    // and moved into the watched folder in one step, as a mount appears.
    fs::path insertStick(const std::string& name, const std::vector<fs::path>& bundles,
                         const std::function<void(const fs::path&)>& extra = {}) {
        const fs::path staging = work_ / ("staging-" + name);
        fs::remove_all(staging);
        fs::create_directories(staging / "zwgk");
        int n = 0;
        for (const fs::path& bundle : bundles) {
            const fs::path to = staging / "zwgk" / "bundles" / ("bundle-" + std::to_string(++n));
            fs::create_directories(to);
            fs::copy(bundle, to, fs::copy_options::recursive);
        }
        if (extra) extra(staging);
        const fs::path stick = usbRoot_ / name;
        fs::rename(staging, stick);
        return stick;
    }

    void removeStick(const fs::path& stick) {
        fs::remove_all(stick);
        // Long enough for several polls: the worker forgets the stick.
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
    }

    int sealedFiles(const fs::path& stick) {
        int n = 0;
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(stick / "zwgk" / "export" / "LL01", ec))
            if (entry.path().extension() == ".sealed") ++n;
        return n;
    }

    std::unique_ptr<Outbox> openOutbox() { return Outbox::openReadOnly(Outbox::pathForStore(dbPath_)); }

    fs::path work_;                 // this test's folders
    fs::path usbRoot_;              // the watched mount root
    SignKeys rootKey_, contentKey_; // the office's keys
    std::vector<fs::path> mounts_;  // tmpfs "sticks" to unmount
    fs::path nginx_;                // a private nginx to stop, if started
};

TEST_F(SyncUi, AnOfficeStickIsAppliedReportedAndTakesTheApplications) {
    const fs::path bundle = makeBundle(2, "2026-11-24T01:00:00Z");
    startTerminal(3);
    // The new characters are nowhere yet: not in the content, not in the input-method atlas.
    ASSERT_EQ(gb2312Hanzi().find(kRare1), std::u32string::npos);
    ASSERT_EQ(gb2312Hanzi().find(kRare2), std::u32string::npos);
    ASSERT_EQ(openStore()->glyphSet().find(kRare1), std::u32string::npos);
    run("shot 1-home-before");
    EXPECT_FALSE(atlasHas(kRare1));
    EXPECT_FALSE(onScreen("内容可能已过期"));

    const fs::path stick = insertStick("OFFICE-STICK", {bundle});
    run("await 30000 U盘处理完毕\nshot 2-report");
    EXPECT_TRUE(onScreen("已更新到版本 2"));
    EXPECT_TRUE(onScreen("已导出 3 份申请（加密保存）"));
    EXPECT_TRUE(onScreen("在U盘的 zwgk/export/LL01 文件夹中"));
    EXPECT_TRUE(onScreen("已写入U盘"));
    EXPECT_TRUE(onScreen("处理已结束，可以拔出U盘。"));
    const auto done = app_->trace().findTappable("完成");
    ASSERT_TRUE(done);
    EXPECT_GE(done->max.y - done->min.y, 60.0f) << "the 完成 button is a touch target";

    // On the stick: every application, still sealed, and the terminal's status.
    EXPECT_EQ(sealedFiles(stick), 3);
    EXPECT_TRUE(fs::exists(stick / "zwgk" / "export" / "LL01" / "heartbeat.json"));
    EXPECT_EQ(openOutbox()->count(true), 0) << "exported applications are no longer pending";
    EXPECT_EQ(openStore()->syncState().version, 2);

    // The content under the report is the new one already (the home screen reloads).
    run("tap 完成\nshot 3-home-after");
    EXPECT_FALSE(app_->state().usbReport);
    EXPECT_EQ(app_->state().home.meta.version, 2);
    EXPECT_TRUE(atlasHas(kRare1) && atlasHas(kRare2)) << "the glyph atlas follows the new content";
    EXPECT_EQ(app_->atlasReport().missing.find(kRare1), std::u32string::npos);

    // Searchable and readable.
    run("screen search\ntype 犇垚村\ntap 完成\nshot 4-search-new-document");
    ASSERT_FALSE(app_->state().search.hits.empty());
    EXPECT_EQ(app_->state().search.hits.front().title, kNewTitle);
    run(std::string("tap ") + kNewTitle + "\nshot 5-new-document");
    EXPECT_EQ(top().kind, ScreenKind::Document);
    EXPECT_TRUE(onScreen("惠及全村428户"));

    // The same stick left in: not handled twice.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    run("wait 100");
    EXPECT_EQ(app_->syncWorker()->usbSticksHandled(), 1);
    EXPECT_FALSE(app_->state().usbReport);

    // Out, and a newer bundle in: 版本 2 → 3, nothing left to export.
    removeStick(stick);
    const fs::path newer = makeBundle(3, "2026-11-24T09:00:00Z");
    insertStick("OFFICE-STICK", {bundle, newer});
    run("key Home\nawait 30000 U盘处理完毕\nshot 6-report-newer");
    EXPECT_TRUE(onScreen("版本 2 → 3，已更新"));
    EXPECT_TRUE(onScreen("没有需要导出的申请"));

    // The same bundle again on another stick: 已是最新.
    run("tap 完成");
    const fs::path again = insertStick("SECOND-STICK", {newer});
    run("await 30000 U盘处理完毕\nshot 7-report-up-to-date");
    EXPECT_TRUE(onScreen("已是最新（版本 3），无需更新"));
    (void)again;
}

TEST_F(SyncUi, GarbageAndHalfCopiedSticksSaySoAndChangeNothing) {
    const fs::path bundle = makeBundle(2, "2026-11-24T01:00:00Z");
    startTerminal(1);
    insertStick("JUNK", {}, [](const fs::path& stick) {
        // Holiday photos, a bundle folder whose manifest was cut off, and a "manifest" of
        // random bytes.
        fs::create_directories(stick / "DCIM");
        std::ofstream(stick / "DCIM" / "IMG_0001.JPG") << std::string(4096, '\xff');
        fs::create_directories(stick / "zwgk" / "bundles" / "partial" / "files");
        std::ofstream(stick / "zwgk" / "bundles" / "partial" / "manifest.json") << "{\"signed\": {\"type\": \"zwgk-manif";
        fs::create_directories(stick / "zwgk" / "old" / "files");
        std::string noise;
        for (int i = 0; i < 2000; ++i) noise += static_cast<char>((i * 7919) & 0xff);
        std::ofstream(stick / "zwgk" / "old" / "manifest.json") << noise;
    });
    run("await 30000 U盘处理完毕\nshot 1-garbage-report");
    EXPECT_TRUE(onScreen(refusalMessage(BundleRefusal::Malformed))) << "内容包格式不正确，未更新。";
    EXPECT_TRUE(onScreen("已导出 1 份申请（加密保存）")) << "the applications still go onto the stick";
    EXPECT_EQ(openStore()->syncState().version, 0);
    run("tap 完成");
    EXPECT_EQ(app_->state().home.meta.version, 1);

    // A real bundle whose copy was interrupted: half of its files are missing.
    insertStick("HALF", {bundle}, [](const fs::path& stick) {
        int n = 0;
        for (const auto& f : fs::directory_iterator(stick / "zwgk" / "bundles" / "bundle-1" / "files"))
            if (++n % 2 == 0) fs::remove(f.path());
    });
    run("await 30000 U盘处理完毕\nshot 2-half-copied-report");
    EXPECT_TRUE(onScreen(refusalMessage(BundleRefusal::FileMissing))) << "内容包缺少文件（可能未复制完整），未更新。";
    EXPECT_EQ(openStore()->syncState().version, 0) << "nothing of it was applied";
    run("tap 完成");
    EXPECT_EQ(app_->state().home.meta.version, 1);

    // The zwgk folder but no bundle at all (the office only collects applications).
    insertStick("EMPTY", {}, [](const fs::path& stick) { std::ofstream(stick / "zwgk" / "readme.txt") << "collect"; });
    run("await 30000 U盘处理完毕\nshot 3-no-bundle-report");
    EXPECT_TRUE(onScreen("U盘上没有内容包。"));
    EXPECT_TRUE(onScreen("没有需要导出的申请"));
}

TEST_F(SyncUi, AFullStickSaysWhatWasExportedAndKeepsTheRest) {
    startTerminal(3);
    auto pending = openOutbox()->entries(true);
    ASSERT_EQ(pending.size(), 3u);
    // A real full file system: a small tmpfs filled up but for one page. Where mounting is
    // not allowed (not root), the second file cannot be written for another reason, which
    // takes the same path through exportToUsb.
    const fs::path mountPoint = usbRoot_ / "FULL";
    fs::create_directories(mountPoint);
    const bool mounted = ::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=128k") == 0;
    if (mounted) {
        mounts_.push_back(mountPoint);
        {
            std::ofstream filler(mountPoint / "filler.bin", std::ios::binary);
            const std::string block(4096, 'x');
            while (filler.write(block.data(), block.size())) filler.flush();
        }
        // Room for the first sealed application (whole pages), not for the second.
        const uintmax_t room = (pending[0].sealed.size() + 4095) / 4096 * 4096;
        const auto size = fs::file_size(mountPoint / "filler.bin");
        fs::resize_file(mountPoint / "filler.bin", size - std::min<uintmax_t>(size, room));
        fs::create_directories(mountPoint / ".staging" / "zwgk");
        fs::rename(mountPoint / ".staging", mountPoint / "STICK");
    } else {
        fs::create_directories(work_ / "staging" / "zwgk" / "export" / "LL01");
        // The entries are exported in outbox order: the second one's temporary file is blocked.
        const auto order = openOutbox()->entries(true);
        fs::create_directories(work_ / "staging" / "zwgk" / "export" / "LL01" / (order[1].id + ".sealed.tmp") / "x");
        fs::rename(work_ / "staging", mountPoint / "STICK");
    }
    run("await 30000 U盘处理完毕\nshot 1-full-stick-report");
    EXPECT_TRUE(onScreen("U盘空间不足或无法写入：已导出 1 份申请，其余仍保存在本机，请换U盘后重试。"))
        << (mounted ? "tmpfs" : "simulated");
    EXPECT_EQ(openOutbox()->count(true), 2) << "what did not fit stays pending";
}

TEST_F(SyncUi, AnExpiredBundleShowsTheStaleNoticeUntilAFreshOneArrives) {
    // Made on 1 September, expired on 1 October; the terminal's clock says 25 November.
    const fs::path old = makeBundle(2, "2026-09-01T02:00:00Z", 30);
    startTerminal(0);
    insertStick("OLD", {old});
    run("await 30000 U盘处理完毕\ntap 完成\nshot 1-home-stale");
    EXPECT_EQ(app_->state().home.meta.version, 2) << "an expired bundle is applied when it is newer";
    EXPECT_TRUE(onScreen("内容可能已过期（最后更新：2026年9月1日）"));
    run("tap 政府信息查询\nshot 2-browse-stale-strip");
    EXPECT_TRUE(onScreen("内容可能已过期（最后更新：2026年9月1日）")) << "every screen says so";
    EXPECT_TRUE(onScreen("如需最新信息，请咨询工作人员"));
    run("tap 按发布机构\ntap 县民政局\nshot 3-list-stale-strip");
    EXPECT_TRUE(onScreen("内容可能已过期"));
    // The strip sits between the title bar and the list: nothing is hidden under it.
    for (const TracedItem& item : app_->trace().items()) {
        if (!item.tappable || item.min.y < 120 * app_->scale()) continue;
        EXPECT_GE(item.min.y, 184 * app_->scale() - 1) << item.text;
    }

    const fs::path fresh = makeBundle(3, "2026-11-24T02:00:00Z", 30);
    insertStick("FRESH", {fresh});
    run("key Home\nawait 30000 U盘处理完毕\ntap 完成\nshot 4-home-fresh");
    EXPECT_EQ(app_->state().home.meta.version, 3);
    EXPECT_FALSE(onScreen("内容可能已过期"));
    run("tap 政府信息查询\nshot 5-browse-fresh");
    EXPECT_FALSE(onScreen("内容可能已过期"));
}

TEST_F(SyncUi, APortraitTerminalInTraditionalScriptSaysTheSame) {
    const fs::path old = makeBundle(2, "2026-09-01T02:00:00Z", 30);
    startTerminal(2, kNow, 1080, 1920);
    ScriptConverter hant;
    run("tap 繁體");
    insertStick("OLD", {old});
    run("await 30000 " + hant.toTraditional("U盘处理完毕") + "\nshot 1-report-portrait-traditional");
    EXPECT_TRUE(onScreen(hant.toTraditional("已更新到版本 2")));
    EXPECT_TRUE(onScreen(hant.toTraditional("已导出 2 份申请（加密保存）")));
    run("tap " + hant.toTraditional("完成") + "\nshot 2-home-portrait-stale");
    const std::string notice = hant.toTraditional("内容可能已过期（最后更新：2026年9月1日）");
    EXPECT_TRUE(onScreen(notice));
    // Beside the greeting there is no room on a portrait screen: the banner sits lower,
    // clear of the tiles and notices, and wholly on screen.
    for (const TracedItem& item : app_->trace().items())
        if (item.text == notice) {
            EXPECT_LE(item.max.x, 1080.0f);
            EXPECT_LE(item.max.y, 1920.0f);
        }
    run("tap " + hant.toTraditional("政府信息查询") + "\nshot 3-browse-portrait-stale");
    EXPECT_TRUE(onScreen(notice));
}

TEST_F(SyncUi, ANetworkUpdateShowsItsProgressInTheTopBarAndNothingWhenIdle) {
    // A web root as kiosk-sync publish writes it, served as file:// (the HTTP client's GET
    // path without a server); a bigger bundle so that the update takes a moment.
    const fs::path bundle = makeBundle(2, "2026-11-24T01:00:00Z", 30, true, 3000);
    const fs::path webRoot = work_ / "www";
    publishBundle(bundle.string(), webRoot.string());
    baseOptions_.syncFirstRunMs = 60 * 60 * 1000;  // only when asked
    startTerminal(0);
    {
        auto store = Store::open(dbPath_, Store::Mode::ReadWrite);
        store->setSetting("sync.url", "file://" + webRoot.string());
    }
    run("screen list-all\nshot 1-idle");
    EXPECT_FALSE(onScreen("正在更新内容"));
    EXPECT_FALSE(onScreen("正在保存新内容"));
    app_->syncWorker()->requestOnlineSync();
    // Watch the top bar while the round runs.
    bool sawProgress = false, shot = false;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < deadline) {
        run("wait 50");
        const bool showing = onScreen("正在更新内容") || onScreen("正在保存新内容");
        if (showing && !shot) {
            run("shot 2-progress");
            shot = true;
        }
        sawProgress = sawProgress || showing;
        if (app_->syncWorker()->onlineRounds() > 0 && !app_->syncWorker()->busy()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(app_->syncWorker()->onlineRounds(), 1);
    const auto report = app_->syncWorker()->lastOnline();
    ASSERT_TRUE(report && report->updateRan);
    EXPECT_EQ(report->update.outcome, SyncOutcome::Applied) << report->update.detail;
    EXPECT_TRUE(sawProgress) << "the top bar showed the update while it ran";
    run("wait 300\nshot 3-done");
    EXPECT_FALSE(onScreen("正在更新内容"));
    EXPECT_FALSE(onScreen("正在保存新内容"));
    // The list keeps what it showed; home brings the new content.
    EXPECT_EQ(app_->state().home.meta.version, 1);
    run("key Home\nshot 4-home-new-content");
    EXPECT_EQ(app_->state().home.meta.version, 2);
    EXPECT_GT(app_->state().home.documentCount, 3000);
}

TEST_F(SyncUi, OnlineRoundsPullFromTheWebRootAndUploadWhatTheIntakeConfirms) {
    const std::string server = startNginx();
    if (server.empty()) GTEST_SKIP() << "nginx cannot run here (tests/support/nginx.sh start failed)";
    publishBundle(makeBundle(2, "2026-11-24T01:00:00Z").string(), (nginx_ / "www" / "zwgk").string());
    // The first round comes right after start-up. Its intake address takes no PUT (405):
    // nothing is marked sent, and the next round tries again.
    baseOptions_.syncFirstRunMs = 0;
    startTerminal(2, kNow, 1920, 1080, {{"sync.url", server + "/zwgk"}, {"intake.url", server + "/zwgk"}});
    awaitOnlineRounds(1);
    auto first = app_->syncWorker()->lastOnline();
    ASSERT_TRUE(first && first->updateRan && first->uploadRan);
    EXPECT_EQ(first->update.outcome, SyncOutcome::Applied) << first->update.detail;
    EXPECT_EQ(first->upload.sent, 0);
    EXPECT_GE(first->upload.failed, 1) << first->upload.error;
    EXPECT_EQ(openOutbox()->count(true), 2) << "unconfirmed applications stay pending";
    run("shot 1-home-after-first-round");
    EXPECT_EQ(app_->state().home.meta.version, 2) << "the home screen shows the pulled content";
    EXPECT_TRUE(openStore()->documentByKey(kNewKey).has_value());

    {
        auto store = Store::open(dbPath_, Store::Mode::ReadWrite);
        store->setSetting("intake.url", server + "/intake");
    }
    app_->syncWorker()->requestOnlineSync();
    awaitOnlineRounds(2);
    auto second = app_->syncWorker()->lastOnline();
    ASSERT_TRUE(second && second->uploadRan);
    EXPECT_EQ(second->update.outcome, SyncOutcome::UpToDate) << second->update.detail;
    EXPECT_EQ(second->upload.sent, 2) << second->upload.error;
    EXPECT_TRUE(second->upload.heartbeat);
    EXPECT_EQ(openOutbox()->count(true), 0);
    int received = 0;
    for (const auto& entry : fs::directory_iterator(nginx_ / "intake" / "LL01"))
        if (entry.path().extension() == ".sealed") ++received;
    EXPECT_EQ(received, 2);
    EXPECT_TRUE(fs::exists(nginx_ / "intake" / "LL01" / "heartbeat.json"));
    // An up-to-date round changes nothing on screen: no reload, no progress left behind.
    run("shot 2-home-after-second-round");
    EXPECT_FALSE(onScreen("正在更新内容"));
}

TEST_F(SyncUi, ClosingTheKioskDuringASyncDoesNotWait) {
    // A server that accepts the connection and never answers.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ASSERT_EQ(::listen(listener, 8), 0);
    socklen_t len = sizeof addr;
    ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
    baseOptions_.syncFirstRunMs = 60 * 60 * 1000;  // only when asked
    startTerminal(0);
    {
        auto store = Store::open(dbPath_, Store::Mode::ReadWrite);
        store->setSetting("sync.url", "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + "/zwgk");
    }
    app_->syncWorker()->requestOnlineSync();
    const auto waitStart = std::chrono::steady_clock::now();
    while (!app_->syncWorker()->busy() && std::chrono::steady_clock::now() - waitStart < std::chrono::seconds(5))
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(app_->syncWorker()->busy()) << "the round is waiting for the server";
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto closeStart = std::chrono::steady_clock::now();
    runner_.reset();
    app_.reset();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - closeStart).count();
    std::fprintf(stderr, "the kiosk closed %.2f s after it was asked to, in the middle of a sync\n", seconds);
    EXPECT_LT(seconds, 3.0) << "the kiosk closed within " << seconds << " s";
    ::close(listener);
}

}  // namespace
}  // namespace zwgk::test
