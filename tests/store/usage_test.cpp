// Usage statistics in the store (schema 8, sync/usage.h): counters per day, the export
// (zwgk-statistics/2) with its months and 年度报告 rows, query privacy (no text on disk
// before the 5th session), and that content imports and snapshots keep the counts.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "cli_support.h"
#include "content_source.h"
#include "store.h"
#include "test_support.h"
#include "usage.h"

namespace zwgk {
namespace {

using test::TempDir;
using nlohmann::json;

std::string fileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class UsageStore : public ::testing::Test {
protected:
    void SetUp() override {
        set_ = loadContentSource(test::fixtureDir().string());
        store_ = Store::open(path(), Store::Mode::Create);
        store_->importContent(set_);
        store_->setSetting("terminal.id", "LL01");
    }
    std::string path() const { return dir_.file("store.db"); }
    // Everything SQLite has written: the main file and the write-ahead log.
    std::string onDisk() const { return fileBytes(path()) + fileBytes(path() + "-wal"); }

    TempDir dir_;
    ContentSet set_;
    std::unique_ptr<Store> store_;
};

TEST_F(UsageStore, CountersAddUpPerDayKindAndKey) {
    store_->addUsage("2026-11-25", usage::kViewDocument, "doc-a");
    store_->addUsage("2026-11-25", usage::kViewDocument, "doc-a");
    store_->addUsage("2026-11-25", usage::kViewDocument, "doc-b");
    store_->addUsage("2026-11-26", usage::kPrintPages, "document", 7);
    const auto rows = store_->usageCounts("2026-11-25", "2026-11-25");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].key, "doc-a");
    EXPECT_EQ(rows[0].count, 2);
    EXPECT_EQ(rows[1].count, 1);
    EXPECT_EQ(store_->usageCounts("2026-11-26", "2026-11-30").at(0).count, 7);
    EXPECT_EQ(store_->usageYears(), std::vector<int>{2026});
}

TEST_F(UsageStore, SessionsAreNumberedAcrossDays) {
    EXPECT_EQ(store_->beginUsageSession("2026-11-30", usage::kSession), 1);
    EXPECT_EQ(store_->beginUsageSession("2026-11-30", usage::kSession), 2);
    EXPECT_EQ(store_->beginUsageSession("2026-12-01", usage::kSession), 3);
}

TEST_F(UsageStore, ExportHasTotalsMonthsRankingsAndTheAnnualReportRows) {
    store_->addUsage("2026-10-02", usage::kSession, "", 3);
    store_->addUsage("2026-11-25", usage::kSession, "", 2);
    store_->addUsage("2026-11-25", usage::kViewDocument, "doc-a", 4);
    store_->addUsage("2026-11-25", usage::kViewDocument, "doc-b", 1);
    store_->addUsage("2026-11-25", usage::kViewTopic, "社会救助", 5);
    store_->addUsage("2026-11-25", usage::kPrintJobs, "document", 2);
    store_->addUsage("2026-11-25", usage::kPrintPages, "document", 6);
    store_->addUsage("2026-11-25", usage::kPrintJobs, "receipt", 1);
    store_->addUsage("2026-11-25", usage::kPrintPages, "receipt", 1);
    store_->addUsage("2026-11-25", usage::kApplication, "自然人", 2);
    store_->addUsage("2026-11-25", usage::kApplication, "法人或其他组织", 1);
    store_->addUsage("2026-11-25", usage::kPrinterFault, "document", 1);
    store_->addUsage("2025-12-31", usage::kSession, "", 9);  // another year: not in 2026's export

    const json e = usage::exportYear(*store_, 2026, "2026-12-01T00:00:00Z");
    EXPECT_EQ(e["format"], "zwgk-statistics/2");
    EXPECT_EQ(e["terminal_id"], "LL01");
    EXPECT_EQ(e["period"]["from"], "2026-01-01");
    EXPECT_EQ(e["period"]["to"], "2026-12-31");
    const json& t = e["totals"];
    EXPECT_EQ(t["sessions"], 5);
    EXPECT_EQ(t["document_views"], 5);
    EXPECT_EQ(t["print_jobs"]["document"], 2);
    EXPECT_EQ(t["print_pages"]["document"], 6);
    EXPECT_EQ(t["print_jobs"]["receipt"], 1);
    EXPECT_EQ(t["printer_faults"], 1);
    EXPECT_EQ(t["applications"]["自然人"], 2);
    ASSERT_EQ(e["months"].size(), 2u);
    EXPECT_EQ(e["months"][0]["month"], "2026-10");
    EXPECT_EQ(e["months"][0]["sessions"], 3);
    EXPECT_EQ(e["months"][1]["month"], "2026-11");
    EXPECT_EQ(e["months"][1]["document_views"], 5);
    EXPECT_EQ(e["documents"][0], (json{{"key", "doc-a"}, {"views", 4}}));
    EXPECT_EQ(e["topics"][0], (json{{"topic", "社会救助"}, {"views", 5}}));

    const json& report = e["annual_report"];
    const json& point = report["二、主动公开政府信息情况"]["公共查阅点（政务公开专区终端）"];
    EXPECT_EQ(point["服务人次"], 5);
    EXPECT_EQ(point["查阅政府信息次数"], 5);
    EXPECT_EQ(point["打印份数"], 2) << "receipts are not copies of government information";
    EXPECT_EQ(point["打印页数"], 6);
    const json& received =
        report["三、收到和处理政府信息公开申请情况"]["一、本年新收政府信息公开申请数量（经本终端提交）"]["申请人情况"];
    EXPECT_EQ(received["自然人"], 2);
    EXPECT_EQ(received["法人或其他组织"]["未区分类别"], 1);
    EXPECT_TRUE(received["法人或其他组织"]["商业企业"].is_null()) << "the wizard does not ask";
    EXPECT_EQ(received["总计"], 3);

    EXPECT_EQ(usage::heartbeatSummary(*store_, 2026)["sessions"], 5);
    EXPECT_EQ(usage::exportYear(*store_, 2025, "")["totals"]["sessions"], 9);
}

TEST_F(UsageStore, QueriesAreNormalisedBeforeCounting) {
    EXPECT_EQ(usage::normaliseQuery("  低保　 申请  "), "低保 申请");
    EXPECT_EQ(usage::normaliseQuery("ＡＢＣ Pension"), "abc pension");
    EXPECT_EQ(usage::normaliseQuery("養老保險"), "养老保险");
    EXPECT_EQ(usage::normaliseQuery(" \t "), "");
}

TEST_F(UsageStore, AQueryTextReachesTheDiskOnlyInItsFifthSession) {
    const std::string name = "王建国";
    const std::string typedVariants[] = {name, " " + name, name + "　", "王建國", name};
    for (int session = 1; session <= 4; ++session) {
        // Typed twice in a session: still one session.
        usage::recordSearch(*store_, "2026-11-25", session, typedVariants[session - 1], 0);
        usage::recordSearch(*store_, "2026-11-25", session, typedVariants[session - 1], 0);
    }
    EXPECT_EQ(onDisk().find(name), std::string::npos) << "4 sessions: no text in the store files";
    auto queries = store_->usageQueries(2026);
    ASSERT_EQ(queries.size(), 2u) << "one search row, one zero-result row";
    EXPECT_EQ(queries[0].sessions, 4);
    EXPECT_EQ(queries[0].count, 8);
    EXPECT_TRUE(queries[0].text.empty());
    json e = usage::exportYear(*store_, 2026, "");
    EXPECT_EQ(e.dump().find(name), std::string::npos);
    EXPECT_EQ(e["queries"]["searches"]["withheld_queries"], 1);
    EXPECT_EQ(e["queries"]["searches"]["withheld_searches"], 8);
    EXPECT_EQ(e["queries"]["zero_result_searches"]["withheld_queries"], 1);
    EXPECT_EQ(e["totals"]["searches"], 8);
    EXPECT_EQ(e["totals"]["zero_result_searches"], 8);

    usage::recordSearch(*store_, "2026-11-26", 5, typedVariants[4], 0);
    EXPECT_NE(onDisk().find(name), std::string::npos) << "the 5th session makes it a common query";
    queries = store_->usageQueries(2026);
    EXPECT_EQ(queries[0].text, name);
    EXPECT_EQ(queries[0].sessions, 5);
    e = usage::exportYear(*store_, 2026, "");
    ASSERT_EQ(e["queries"]["searches"]["shown"].size(), 1u);
    EXPECT_EQ(e["queries"]["searches"]["shown"][0]["query"], name);
    EXPECT_EQ(e["queries"]["searches"]["withheld_queries"], 0);
    EXPECT_EQ(e["queries"]["zero_result_searches"]["shown"][0]["sessions"], 5);
}

TEST_F(UsageStore, ASearchWithResultsIsNotAZeroResultSearch) {
    usage::recordSearch(*store_, "2026-11-25", 1, "低保", 12);
    const json e = usage::exportYear(*store_, 2026, "");
    EXPECT_EQ(e["totals"]["searches"], 1);
    EXPECT_EQ(e["totals"]["zero_result_searches"], 0);
    EXPECT_EQ(e["queries"]["zero_result_searches"]["withheld_queries"], 0);
}

TEST_F(UsageStore, ContentImportsAndSnapshotsKeepTheStatistics) {
    store_->addUsage("2026-11-25", usage::kViewDocument, "doc-a", 3);
    for (int session = 1; session <= 5; ++session) usage::recordSearch(*store_, "2026-11-25", session, "低保", 1);
    // A local import and a signed snapshot both replace every content table.
    store_->importContent(set_);
    ContentUpdate update{set_};
    update.snapshot = true;
    update.nextDocuments = [](std::vector<DocumentRecord>&) { return false; };
    update.stamp = BundleStamp{"fixture", 2, std::string(64, 'a'), "2026-11-20T00:00:00Z", "2027-11-20T00:00:00Z",
                               "2026-11-25T00:00:00Z", "test"};
    store_->applyUpdate(update);
    ASSERT_EQ(store_->syncState().version, 2) << "the snapshot was applied";
    const auto rows = store_->usageCounts("2026-01-01", "2026-12-31");
    int64_t views = 0;
    for (const UsageCount& c : rows)
        if (c.kind == usage::kViewDocument) views += c.count;
    EXPECT_EQ(views, 3);
    ASSERT_FALSE(store_->usageQueries(2026).empty());
    EXPECT_EQ(store_->usageQueries(2026)[0].text, "低保");
    EXPECT_EQ(store_->usageQueries(2026)[0].sessions, 5);
}

using UsageCli = test::Cli;

TEST_F(UsageCli, PrintsAYearAsTextOrAsTheExport) {
    const std::string db = dir_.file("store.db");
    ASSERT_EQ(run({"import-demo", "--db", db, "--assets", fixtureAssets()}).status, 0);
    {
        auto store = Store::open(db, Store::Mode::ReadWrite);
        store->addUsage("2025-03-02", usage::kSession, "", 4);
        store->addUsage("2025-03-02", usage::kViewDocument, "doc-a", 6);
        for (int session = 1; session <= 5; ++session) usage::recordSearch(*store, "2025-03-02", session, "低保", 3);
        usage::recordSearch(*store, "2025-03-02", 1, "王建国", 0);
    }
    const test::CliResult text = run({"usage", "--db", db});
    EXPECT_EQ(text.status, 0) << text.err;
    EXPECT_NE(text.out.find("usage statistics 2025-01-01 .. 2025-12-31"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("5 sessions  低保"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("(1 rarer queries withheld, 1 searches)"), std::string::npos) << text.out;
    EXPECT_EQ(text.out.find("王建国"), std::string::npos);

    const test::CliResult exported = run({"usage", "--db", db, "--year", "2025", "--json"});
    ASSERT_EQ(exported.status, 0) << exported.err;
    const json e = json::parse(exported.out);
    EXPECT_EQ(e["format"], "zwgk-statistics/2");
    EXPECT_EQ(e["totals"]["sessions"], 4);
    EXPECT_EQ(e["totals"]["document_views"], 6);
    EXPECT_EQ(json::parse(run({"usage", "--db", db, "--year", "2024", "--json"}).out)["totals"]["sessions"], 0);

    EXPECT_EQ(run({"usage", "--db", db, "--year", "last"}).status, 2);
    EXPECT_EQ(run({"usage"}).status, 2);
    EXPECT_EQ(run({"usage", "--db", dir_.file("missing.db")}).status, 1);
    EXPECT_EQ(run({"usage", "--help"}).out.rfind("Usage: kiosk-sync usage", 0), 0u);
}

}  // namespace
}  // namespace zwgk
