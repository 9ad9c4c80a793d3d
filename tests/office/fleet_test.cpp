// The fleet view: every terminal's heartbeat read tolerantly and judged against the office's
// thresholds at an injected "now", as a fixed-width table (wide characters count 2) and JSON.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <utime.h>

#include <set>
#include <sstream>

#include "office_test_support.h"
#include "office_tools.h"

namespace zwgk {
namespace {

using test::BuildTempDir;
using nlohmann::json;

json healthyHeartbeat(const std::string& id) {
    return {{"format", "zwgk-heartbeat/1"},
            {"terminal_id", id},
            {"location", "县政务服务中心一楼东侧"},
            {"sent_at", "2026-12-01T10:00:00+08:00"},
            {"program_version", "0.5.0"},
            {"content_id", "linlan-county"},
            {"content_version", 12},
            {"content_created", "2026-11-30T08:00:00Z"},
            {"content_expires", "2026-12-30T08:00:00Z"},
            {"last_sync", "2026-12-01T09:58:00+08:00"},
            {"last_sync_result", "ok"},
            {"printer", {{"queue", "receipt"}, {"state", "ready"}, {"detail", ""}}},
            {"outbox_pending", 3},
            {"outbox_total", 120},
            {"free_disk_bytes", int64_t(20) << 30},
            {"uptime_seconds", 3600}};
}

std::set<std::string> codes(const TerminalHealth& h) {
    std::set<std::string> out;
    for (const AttentionReason& a : h.attention) out.insert(a.code);
    return out;
}

class FleetTest : public ::testing::Test {
protected:
    void SetUp() override {
        root_ = dir_.path() / "intake";
        std::filesystem::create_directories(root_);
        options_.now = *parseTimestamp("2026-12-01T12:00:00+08:00");
        options_.latestVersion = 12;
    }

    void heartbeat(const std::string& id, const json& value) { heartbeatText(id, value.dump()); }
    void heartbeatText(const std::string& id, const std::string& text) {
        std::filesystem::create_directories(root_ / id);
        test::writeBytes(root_ / id / "heartbeat.json", text);
    }
    const TerminalHealth& find(const std::vector<TerminalHealth>& fleet, const std::string& id) {
        for (const TerminalHealth& h : fleet)
            if (h.terminalId == id) return h;
        throw std::runtime_error("no terminal " + id);
    }

    BuildTempDir dir_;
    std::filesystem::path root_;
    FleetOptions options_;
};

TEST_F(FleetTest, AHealthyTerminalNeedsNoAttention) {
    heartbeat("LL01", healthyHeartbeat("LL01"));
    const auto fleet = readFleet(root_.string(), options_);
    ASSERT_EQ(fleet.size(), 1u);
    const TerminalHealth& h = fleet[0];
    EXPECT_TRUE(h.readable);
    EXPECT_FALSE(h.needsAttention()) << h.attention.front().reason;
    EXPECT_EQ(h.location, "县政务服务中心一楼东侧");
    EXPECT_EQ(h.contentVersion, 12);
    EXPECT_EQ(h.printerState, "ready");
    EXPECT_EQ(h.outboxPending, 3);
    EXPECT_EQ(h.freeDiskBytes, int64_t(20) << 30);
    ASSERT_TRUE(h.ageHours);
    EXPECT_DOUBLE_EQ(*h.ageHours, 2.0);
    EXPECT_FALSE(h.sentAtFromFile);
}

TEST_F(FleetTest, EachKindOfTroubleIsNamed) {
    json stale = healthyHeartbeat("LL02");
    stale["sent_at"] = "2026-11-30T09:00:00+08:00";  // 27 hours before now
    heartbeat("LL02", stale);
    json old = healthyHeartbeat("LL03");
    old["content_version"] = 11;
    old["content_expires"] = "2026-12-01T03:00:00Z";  // 11:00 China time: an hour ago
    heartbeat("LL03", old);
    json failing = healthyHeartbeat("LL04");
    failing["last_sync_result"] = "signature does not verify";
    failing["printer"] = {{"queue", "receipt"}, {"state", "stopped"}, {"detail", "paper out"}};
    heartbeat("LL04", failing);
    json full = healthyHeartbeat("LL05");
    full["outbox_pending"] = 21;
    full["free_disk_bytes"] = int64_t(900) << 20;
    full["printer"]["state"] = "not-configured";
    heartbeat("LL05", full);
    heartbeatText("LL06", "{\"format\":\"zwgk-heartbeat/1\",");  // cut off mid-upload
    std::filesystem::create_directories(root_ / "LL07");          // applications, no heartbeat
    json moved = healthyHeartbeat("LL01");
    moved["sent_at"] = "2026-12-01T15:30:00+08:00";  // 3.5 hours ahead of the office
    heartbeat("LL08", moved);
    heartbeat("LL09", json{{"format", "zwgk-statistics/1"}});
    heartbeat("LL10", json::array());

    const auto fleet = readFleet(root_.string(), options_);
    ASSERT_EQ(fleet.size(), 9u);
    EXPECT_EQ(codes(find(fleet, "LL02")), std::set<std::string>{"stale"});
    EXPECT_EQ(codes(find(fleet, "LL03")), (std::set<std::string>{"content-outdated", "content-expired"}));
    EXPECT_EQ(codes(find(fleet, "LL04")), (std::set<std::string>{"sync-failed", "printer"}));
    EXPECT_EQ(codes(find(fleet, "LL05")), (std::set<std::string>{"outbox-backlog", "low-disk", "printer"}));
    EXPECT_EQ(codes(find(fleet, "LL06")), std::set<std::string>{"unreadable"});
    EXPECT_EQ(codes(find(fleet, "LL07")), std::set<std::string>{"no-heartbeat"});
    EXPECT_EQ(codes(find(fleet, "LL08")), (std::set<std::string>{"clock-ahead", "wrong-terminal"}));
    EXPECT_EQ(codes(find(fleet, "LL09")), std::set<std::string>{"unreadable"});
    EXPECT_EQ(codes(find(fleet, "LL10")), std::set<std::string>{"unreadable"});

    const TerminalHealth& ll02 = find(fleet, "LL02");
    EXPECT_EQ(ll02.attention[0].label, "心跳超时");
    EXPECT_EQ(ll02.attention[0].reason,
              "last heartbeat 27.0 hours ago (2026-11-30T09:00:00+08:00), more than 26 hours");
    const TerminalHealth& ll04 = find(fleet, "LL04");
    for (const AttentionReason& a : ll04.attention) {
        if (a.code == "printer") {
            EXPECT_EQ(a.reason, "receipt printer receipt is stopped: paper out");
            EXPECT_EQ(a.label, "打印机异常");
        } else {
            EXPECT_EQ(a.reason, "last sync failed: signature does not verify (at 2026-12-01T09:58:00+08:00)");
            EXPECT_EQ(a.label, "同步失败");
        }
    }
    const TerminalHealth& ll05 = find(fleet, "LL05");
    for (const AttentionReason& a : ll05.attention) {
        if (a.code == "outbox-backlog") {
            EXPECT_EQ(a.reason, "21 applications wait to upload (more than 20)");
        } else if (a.code == "low-disk") {
            EXPECT_EQ(a.reason, "free disk 900.0 MiB, less than 1.0 GiB");
        } else {
            EXPECT_EQ(a.label, "未配置打印机");
        }
    }
    EXPECT_NE(find(fleet, "LL06").attention[0].reason.find("not JSON"), std::string::npos);
    EXPECT_NE(find(fleet, "LL09").attention[0].reason.find("zwgk-statistics/1"), std::string::npos);

    // The thresholds are the office's: looser ones clear the same terminals.
    options_.staleHours = 30;
    options_.maxPending = 25;
    options_.minFreeDiskBytes = int64_t(500) << 20;
    options_.latestVersion.reset();
    const auto relaxed = readFleet(root_.string(), options_);
    EXPECT_FALSE(find(relaxed, "LL02").needsAttention());
    EXPECT_EQ(codes(find(relaxed, "LL03")), std::set<std::string>{"content-expired"});
    EXPECT_EQ(codes(find(relaxed, "LL05")), std::set<std::string>{"printer"});
}

TEST_F(FleetTest, AnOldTerminalsMissingFieldsAreUnknownNotTrouble) {
    // The first heartbeat format: no printer, no disk, no sent_at (the file's time counts).
    heartbeat("LL01", json{{"terminal_id", "LL01"}, {"program_version", "0.3.1"}, {"content_version", "9"}});
    const auto sent = std::chrono::system_clock::to_time_t(options_.now) - 3 * 3600;
    const struct utimbuf times{sent, sent};
    ASSERT_EQ(::utime((root_ / "LL01" / "heartbeat.json").c_str(), &times), 0);
    const auto fleet = readFleet(root_.string(), options_);
    ASSERT_EQ(fleet.size(), 1u);
    const TerminalHealth& h = fleet[0];
    EXPECT_TRUE(h.readable);
    EXPECT_TRUE(h.sentAtFromFile);
    ASSERT_TRUE(h.ageHours);
    EXPECT_NEAR(*h.ageHours, 3.0, 0.01);
    EXPECT_EQ(h.contentVersion, 9);  // a number sent as text still counts
    EXPECT_FALSE(h.outboxPending);
    EXPECT_FALSE(h.freeDiskBytes);
    EXPECT_EQ(h.printerState, "");
    EXPECT_EQ(codes(h), std::set<std::string>{"content-outdated"});  // 9 < 12: known, so judged
    const std::string table = formatFleetTable(fleet, options_);
    EXPECT_NE(table.find("unknown"), std::string::npos) << table;
    EXPECT_NE(table.find("(file)"), std::string::npos) << table;
    const json j = fleetJson(fleet, options_);
    EXPECT_TRUE(j["terminals"][0]["free_disk_bytes"].is_null());
    EXPECT_TRUE(j["terminals"][0]["printer"].is_null());
    EXPECT_TRUE(j["terminals"][0]["location"].is_null());
    EXPECT_EQ(j["terminals"][0]["content_version"], 9);
}

TEST_F(FleetTest, OnlyTerminalFoldersCountAndTheRootMustExist) {
    heartbeat("LL01", healthyHeartbeat("LL01"));
    std::filesystem::create_directories(root_ / ".Trash-1000");
    std::filesystem::create_directories(root_ / "lost+found");
    test::writeBytes(root_ / "heartbeat.json", "{}");
    const auto fleet = readFleet(root_.string(), options_);
    ASSERT_EQ(fleet.size(), 1u);
    EXPECT_EQ(fleet[0].terminalId, "LL01");
    EXPECT_THROW(readFleet((dir_.path() / "missing").string(), options_), std::runtime_error);
    EXPECT_TRUE(readFleet((root_ / "LL01").string(), options_).empty());
}

TEST_F(FleetTest, TheTableLinesUpWithChineseText) {
    heartbeat("LL01", healthyHeartbeat("LL01"));
    json far = healthyHeartbeat("LL-TOWN-02");
    far["location"] = "柳湾乡便民服务中心二楼政务公开专区（靠近电梯）";  // longer than the column
    far["outbox_pending"] = 30;
    heartbeat("LL-TOWN-02", far);
    json plain = healthyHeartbeat("X9");
    plain["location"] = "Library";
    heartbeat("X9", plain);
    const auto fleet = readFleet(root_.string(), options_);
    const std::string table = formatFleetTable(fleet, options_);
    std::vector<std::string> lines;
    std::istringstream in(table);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_GE(lines.size(), 4u) << table;
    EXPECT_EQ(lines[0].rfind("terminal", 0), 0u) << table;
    // Every column starts at the same display column: find each row's "last heartbeat" cell
    // (all heartbeats were sent at 2026-12-01 10:00) and the attention cell.
    const size_t header = displayWidth(lines[0].substr(0, lines[0].find("last heartbeat")));
    const size_t attention = displayWidth(lines[0].substr(0, lines[0].find("attention")));
    for (int i = 1; i <= 3; ++i) {
        const std::string& line = lines[i];
        ASSERT_NE(line.find("2026-12-01 10:00"), std::string::npos) << line;
        EXPECT_EQ(displayWidth(line.substr(0, line.find("2026-12-01 10:00"))), header) << table;
        const size_t cell = line.rfind(line.rfind("LL-TOWN-02", 0) == 0 ? "申请积压" : "ok");
        ASSERT_NE(cell, std::string::npos) << line;
        EXPECT_EQ(displayWidth(line.substr(0, cell)), attention) << table;
        EXPECT_NE(line.back(), ' ');
    }
    EXPECT_NE(table.find("柳湾乡便民服务中心二...  "), std::string::npos) << table;  // cut to 24 columns
    EXPECT_NE(table.find("\nLL-TOWN-02: 30 applications wait to upload (more than 20)\n"), std::string::npos)
        << table;
    EXPECT_NE(table.find("3 terminal(s), 1 need(s) attention"), std::string::npos) << table;
}

TEST_F(FleetTest, TheJsonFormCarriesEveryFieldAndReason) {
    json h = healthyHeartbeat("LL01");
    h["free_disk_bytes"] = 1000;
    heartbeat("LL01", h);
    std::filesystem::create_directories(root_ / "LL02");
    const json j = fleetJson(readFleet(root_.string(), options_), options_);
    EXPECT_EQ(j["checked_at"], "2026-12-01T12:00:00+08:00");
    EXPECT_EQ(j["stale_hours"], 26.0);
    EXPECT_EQ(j["latest_version"], 12);
    EXPECT_EQ(j["max_pending"], 20);
    EXPECT_EQ(j["needing_attention"], 2);
    ASSERT_EQ(j["terminals"].size(), 2u);
    const json& t = j["terminals"][0];
    EXPECT_EQ(t["terminal_id"], "LL01");
    EXPECT_EQ(t["readable"], true);
    EXPECT_EQ(t["location"], "县政务服务中心一楼东侧");
    EXPECT_EQ(t["age_hours"], 2.0);
    EXPECT_EQ(t["printer"]["state"], "ready");
    EXPECT_EQ(t["outbox_total"], 120);
    EXPECT_EQ(t["attention"][0]["code"], "low-disk");
    EXPECT_EQ(t["attention"][0]["label"], "磁盘空间不足");
    EXPECT_EQ(j["terminals"][1]["readable"], false);
    EXPECT_EQ(j["terminals"][1]["attention"][0]["code"], "no-heartbeat");
}

TEST(OfficeShared, TimestampsAsTerminalsWriteThem) {
    using std::chrono::system_clock;
    const auto utc = parseTimestamp("2026-12-01T02:00:00Z");
    ASSERT_TRUE(utc);
    EXPECT_EQ(parseTimestamp("2026-12-01T10:00:00+08:00"), utc);
    EXPECT_EQ(parseTimestamp("2026-12-01 10:00:00+0800"), utc);
    EXPECT_EQ(parseTimestamp("2026-12-01T10:00:00"), utc);  // no offset: China time
    EXPECT_EQ(parseTimestamp("2026-12-01T10:00+08:00"), utc);
    EXPECT_EQ(parseTimestamp("2026-11-30T21:00:00-05:00"), utc);
    EXPECT_EQ(parseTimestamp("2026-12-01T02:00:00.250Z").value() - *utc, std::chrono::milliseconds(250));
    EXPECT_EQ(parseTimestamp("2026-12-01"), parseTimestamp("2026-11-30T16:00:00Z"));
    EXPECT_EQ(system_clock::to_time_t(*parseTimestamp("1970-01-01T00:00:00Z")), 0);
    for (const char* bad : {"", "yesterday", "2026-13-01T00:00:00Z", "2026-12-01T25:00:00Z", "2026-12-01T10:00:00+8",
                            "2026-12-01T10:00:00 UTC", "2026-12-01X10:00"})
        EXPECT_FALSE(parseTimestamp(bad)) << bad;
}

TEST(OfficeShared, WideCharactersCountTwoColumns) {
    EXPECT_EQ(displayWidth("LL01"), 4u);
    EXPECT_EQ(displayWidth("县政务"), 6u);
    EXPECT_EQ(displayWidth("一楼东侧（靠近电梯）"), 20u);
    EXPECT_EQ(displayWidth("ＬＬ０１"), 8u);
    EXPECT_EQ(displayWidth("3号窗口"), 7u);
    EXPECT_EQ(displayWidth(""), 0u);
}

TEST(OfficeShared, AtomicWritesReplaceWholeFilesAndLeaveNothingBehind) {
    BuildTempDir dir;
    const std::string path = dir.file("out.txt");
    writeFileAtomic(path, "first");
    writeFileAtomic(path, "second, longer");
    EXPECT_EQ(test::readBytes(path), "second, longer");
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
    EXPECT_EQ(files, 1);
    writeFileAtomic(path, "secret", /*privateFile=*/true);
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_THROW(writeFileAtomic(dir.file("no/such/folder/out.txt"), "x"), std::runtime_error);
}

}  // namespace
}  // namespace zwgk
