// Statistics and logs at the terminal (issue 7): a scripted visit (a search with results and
// one without, a document, a guide whose checklist is printed, an application with its
// receipt, the privacy reset) and a second visit, then the exact counts in the store and
// in the zwgk-statistics/2 export; the staff log screen; and a log folder on a full or
// read-only filesystem, with which the terminal keeps serving and staff are told.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "cups_test_support.h"
#include "event_log.h"
#include "kiosk_fixture.h"
#include "sync_session.h"
#include "usage.h"

namespace zwgk::test {
namespace {

namespace ct = zwgk::cupstest;
namespace fs = std::filesystem;

int64_t countOf(const std::vector<UsageCount>& rows, const std::string& kind, const std::string& key = "*") {
    int64_t n = 0;
    for (const UsageCount& c : rows)
        if (c.kind == kind && (key == "*" || c.key == key)) n += c.count;
    return n;
}

}  // namespace

class UsageUi : public KioskUi {
protected:
    void SetUp() override {}  // each test starts the terminal after configuring its store

    void enterStaffMode() {
        run(std::string(kHoldDate) + "\nexpect 工作人员登录\n" + pinKeys(kDemoStaffPin));
        ASSERT_TRUE(app_->state().staff.active) << app_->trace().dump();
        ASSERT_EQ(top().kind, ScreenKind::StaffHome);
    }

    // The log folder on a 64 KiB tmpfs, full or read-only; without mount permission, the
    // same errors by fault injection (kiosk.log is /dev/full, or the folder's parent is a file).
    std::string brokenLogDir(bool readOnly) {
        const fs::path dir = fs::path(buildDir()) / "test-logs" / (testName() + "-mnt");
        umount2(dir.c_str(), MNT_DETACH);
        fs::remove_all(dir);
        fs::create_directories(dir);
        const std::string options = "size=65536";
        if (mount("tmpfs", dir.c_str(), "tmpfs", readOnly ? MS_RDONLY : 0, options.c_str()) == 0) {
            mounted_ = dir.string();
            if (!readOnly) {
                fs::create_directories(dir / "logs");
                std::ofstream filler(dir / "filler", std::ios::binary);
                const std::string block(4096, 'f');
                for (int i = 0; i < 32 && filler; ++i) filler.write(block.data(), block.size());
            }
            return (dir / "logs").string();
        }
        if (readOnly) {
            std::ofstream(dir / "file") << "x";
            return (dir / "file" / "logs").string();
        }
        fs::create_directories(dir / "logs");
        fs::create_symlink("/dev/full", dir / "logs" / "kiosk.log");
        return (dir / "logs").string();
    }

    void TearDown() override {
        KioskUi::TearDown();
        if (!mounted_.empty()) umount2(mounted_.c_str(), MNT_DETACH);
    }

    std::string mounted_;  // a tmpfs this test mounted
};

TEST_F(UsageUi, AScriptedVisitIsCountedExactlyAndExportedWithoutItsQueries) {
    ct::ScopedQueue queue("usage");
    const std::string path = makeDemoStore();
    {
        auto store = Store::open(path, Store::Mode::ReadWrite);
        store->setSetting("printer.a4", queue.name);
        store->setSetting("printer.receipt", queue.name);
        store->setSetting("printer.server", ct::server());
    }
    start(path);
    auto reader = openStore();
    SearchQuery q;
    q.text = "低保";
    const std::vector<SearchHit> hits = reader->search(q);
    ASSERT_FALSE(hits.empty());
    const auto groups = reader->guideGroups();
    const Guide guide = reader->guides(groups.front().id).front();
    const DocumentSummary doc = reader->listDocuments({}, 0, 1).front();
    const auto fullDoc = reader->document(doc.id);

    // Visit 1: the first touch opens the session.
    run("tap 搜索政府信息\ntype 低保\ntap 完成\ntap " + hits.front().title + "\nshot 01-search-hit");
    run("key Home\nscreen search\ntype 量子计算机\ntap 完成\nexpect 没有找到与“量子计算机”有关的内容\nkey Home");
    run("screen guides\ntap " + groups.front().name + "\ntap " + guide.name +
        "\ntap 打印材料清单\nawait 10000 确定打印\ntap 确定打印\nawait 30000 打印完成\ntap 关闭");
    run("tap 首页\n" + std::string(kFillApplicationToReview) + "\n" +
        "drag 960 900 960 200 300\nwait 1500\ndrag 960 900 960 200 300\nwait 1500\n"
        "tap 我已阅读并同意上述说明\ntap 提交申请\nawait 30000 回执已打印\ntap 完成，返回首页");
    ASSERT_EQ(top().kind, ScreenKind::Home);
    // Walks away: the plain home screen goes to the attract loop.
    run("wait 91000\nexpect 点击屏幕开始");
    // Visit 2: one document.
    run("tap 点击屏幕开始\nscreen doc:" + fullDoc->key + "\nwait 100000\nwait 21000\nexpect 点击屏幕开始");

    const auto rows = reader->usageCounts("2026-11-25", "2026-11-25");
    const auto viewsOf = [&](SearchHit::Kind kind) { return hits.front().kind == kind ? 1 : 0; };
    EXPECT_EQ(countOf(rows, usage::kSession), 2);
    EXPECT_EQ(countOf(rows, usage::kSearch), 2);
    EXPECT_EQ(countOf(rows, usage::kSearchZero), 1);
    EXPECT_EQ(countOf(rows, usage::kViewDocument), 1 + viewsOf(SearchHit::Kind::Document));
    EXPECT_EQ(countOf(rows, usage::kViewDocument, fullDoc->key),
              1 + (hits.front().kind == SearchHit::Kind::Document && hits.front().id == fullDoc->id ? 1 : 0));
    EXPECT_EQ(countOf(rows, usage::kViewTopic, fullDoc->topicName), countOf(rows, usage::kViewDocument, fullDoc->key));
    EXPECT_EQ(countOf(rows, usage::kViewGuide), 1 + viewsOf(SearchHit::Kind::Guide));
    EXPECT_EQ(countOf(rows, usage::kViewGuide, guide.key), 1 + (viewsOf(SearchHit::Kind::Guide) && hits.front().id == guide.id));
    EXPECT_EQ(countOf(rows, usage::kViewQA), viewsOf(SearchHit::Kind::QA));
    EXPECT_EQ(countOf(rows, usage::kPrintJobs, "guide"), 1);
    EXPECT_EQ(countOf(rows, usage::kPrintPages, "guide"), 1);
    EXPECT_EQ(countOf(rows, usage::kPrintJobs, "receipt"), 1);
    EXPECT_EQ(countOf(rows, usage::kPrintJobs, "document"), 0);
    EXPECT_EQ(countOf(rows, usage::kApplication, "自然人"), 1);
    EXPECT_EQ(countOf(rows, usage::kPrinterFault), 0);

    // The export: the same numbers, the queries withheld (one session each), the annual
    // report's rows filled from them.
    const nlohmann::json e = usage::exportYear(*reader, 2026, "2026-11-25T10:00:00Z");
    EXPECT_EQ(e["totals"]["sessions"], 2);
    EXPECT_EQ(e["totals"]["searches"], 2);
    EXPECT_EQ(e["totals"]["zero_result_searches"], 1);
    EXPECT_EQ(e["totals"]["print_jobs"]["guide"], 1);
    EXPECT_EQ(e["totals"]["applications"]["自然人"], 1);
    ASSERT_EQ(e["months"].size(), 1u);
    EXPECT_EQ(e["months"][0]["month"], "2026-11");
    EXPECT_EQ(e["queries"]["searches"]["withheld_queries"], 2);
    EXPECT_TRUE(e["queries"]["searches"]["shown"].empty());
    EXPECT_EQ(e["queries"]["zero_result_searches"]["withheld_queries"], 1);
    const auto& point = e["annual_report"]["二、主动公开政府信息情况"]["公共查阅点（政务公开专区终端）"];
    EXPECT_EQ(point["服务人次"], 2);
    EXPECT_EQ(point["打印份数"], 1);
    const std::string exported = e.dump();
    for (const char* secret : {"量子计算机", "低保", "李红", "11010519491231002X"})
        EXPECT_EQ(exported.find(secret), std::string::npos) << secret;
    // Nor in the store's files: one session each is far from the 5 a text needs.
    const std::string stored = fileBytes(dbPath_) + fileBytes(dbPath_ + "-wal");
    EXPECT_EQ(stored.find("量子计算机"), std::string::npos);

    // The heartbeat carries this year's totals.
    const nlohmann::json heartbeat = nlohmann::json::parse(heartbeatJson(*reader, nullptr, dbPath_));
    EXPECT_EQ(heartbeat["usage"]["sessions"], 2);
    EXPECT_EQ(heartbeat["log"]["failing"], false);

    // The log: structured lines, no name, no ID number, no phone number, no query.
    std::string logFiles;
    for (const auto& entry : fs::directory_iterator(logDir_)) logFiles += fileBytes(entry.path());
    EXPECT_NE(logFiles.find("\"event\":\"application.submitted\""), std::string::npos) << logFiles;
    for (const char* secret : {"李红", "11010519491231002X", "13912345678", "量子计算机"})
        EXPECT_EQ(logFiles.find(secret), std::string::npos) << secret;
}

TEST_F(UsageUi, AFullLogFilesystemNeitherStopsTheTerminalNorGoesUnnoticed) {
    baseOptions_.logDir = brokenLogDir(/*readOnly=*/false);
    start(makeDemoStore());
    const auto doc = openStore()->listDocuments({}, 0, 1).front();
    run("tap 搜索政府信息\ntype 低保\ntap 完成\nkey Home\nscreen doc:" + doc.key);
    EXPECT_EQ(top().kind, ScreenKind::Document) << "the terminal keeps serving";
    run("key Home");
    EXPECT_TRUE(logs::health().failing) << logs::health().detail;
    enterStaffMode();
    run("expect 日志无法写入（磁盘已满或只读），终端仍可正常使用，请联系技术人员。\nshot 01-staff-home-log-failing");
    run("tap 运行日志\nexpect staff.opened\nshot 02-log-in-memory");
    const nlohmann::json heartbeat = nlohmann::json::parse(heartbeatJson(*openStore(), nullptr, dbPath_));
    EXPECT_EQ(heartbeat["log"]["failing"], true);
    EXPECT_GT(heartbeat["log"]["failed_lines"].get<int>(), 0);
    EXPECT_EQ(usage::exportYear(*openStore(), 2026, "")["totals"]["sessions"], 1) << "statistics still counted";
}

TEST_F(UsageUi, AReadOnlyLogFolderNeitherStopsTheTerminalNorGoesUnnoticed) {
    baseOptions_.logDir = brokenLogDir(/*readOnly=*/true);
    start(makeDemoStore());
    run("tap 搜索政府信息\ntype 低保\ntap 完成\nkey Home");
    EXPECT_TRUE(logs::health().failing);
    enterStaffMode();
    run("expect 日志无法写入（磁盘已满或只读），终端仍可正常使用，请联系技术人员。\nshot 01-staff-home-log-read-only");
    // The recent lines, from memory: newest first, with time, level and event.
    run("tap 运行日志\nexpect staff.opened\nexpect kiosk.start\nshot 02-log");
    EXPECT_EQ(top().kind, ScreenKind::StaffLog);
    EXPECT_TRUE(onScreen("信息"));
    EXPECT_TRUE(onScreen("日志目录：" + baseOptions_.logDir));
}

}  // namespace zwgk::test
