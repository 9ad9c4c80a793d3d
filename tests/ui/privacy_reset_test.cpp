// The privacy reset (issue 7): a visitor types a name and an identity number into the
// application wizard and walks away. After the idle time 还在吗？ counts down; then nothing of
// them can be found in the state the UI can reach, in the screen's trace, in the input
// method's candidates (compared with a fresh terminal's for the same spelling), in the log
// (stderr and the log files), or in the store and its files. Also: any touch keeps the session, the plain home screen
// goes to the attract loop without asking, and the attract loop turns its notices.

#include <filesystem>
#include <fstream>
#include <iterator>

#include "kiosk_fixture.h"

namespace zwgk::test {
namespace {

constexpr const char* kName = "李红";
constexpr const char* kIdNumber = "11010519491231002X";

}  // namespace

using PrivacyReset = KioskUi;

TEST_F(PrivacyReset, NameAndIdNumberAreGoneEverywhereAfterTheIdleReset) {
    testing::internal::CaptureStderr();
    // What the input method offers a fresh visitor for the name's spelling.
    run("screen search\ntype lihong");
    const std::vector<std::string> freshCandidates = app_->keyboard().visibleCandidates();
    ASSERT_FALSE(freshCandidates.empty());
    run("key Home");

    // A visitor starts an application: name and identity number.
    run("tap 依申请公开\ntap 开始填写\ntap 公民\ntap 下一步\n"
        "tap 请输入您的姓名\ntype li\ntap 李\ntype hong\ntap 红\ntap 完成\n"
        "tap 请输入证件号码\ntype " + std::string(kIdNumber) + "\ntap 完成\nshot 01-typed");
    ASSERT_EQ(app_->state().apply.draft.name, kName);
    ASSERT_EQ(app_->state().apply.draft.idNumber, kIdNumber);
    ASSERT_TRUE(onScreen(kIdNumber));

    // Walks away. The wizard waits twice the idle time, then asks, counting down.
    run("wait 120000");
    EXPECT_FALSE(app_->state().idle.warning()) << "a form page waits longer than 90 s";
    run("wait 70000\nexpect 还在吗？\nexpect 继续使用\nshot 02-still-there");
    EXPECT_TRUE(onScreen("秒后将回到首页"));
    // Someone comes back in time: one touch keeps everything.
    run("tap 继续使用");
    EXPECT_FALSE(app_->state().idle.warning());
    EXPECT_EQ(app_->state().apply.draft.name, kName);
    // Walks away for good.
    run("wait 181000\nexpect 还在吗？\nwait 21000\nexpect 点击屏幕开始\nshot 03-attract");
    EXPECT_EQ(top().kind, ScreenKind::Attract);

    // State the UI can reach: the draft, every text field, search, receipt, navigation.
    const AppState& s = app_->state();
    EXPECT_TRUE(s.apply.draft.name.empty());
    EXPECT_TRUE(s.apply.draft.idNumber.empty());
    EXPECT_TRUE(s.apply.fields.empty());
    EXPECT_TRUE(s.search.field.text.empty());
    EXPECT_TRUE(s.receipt.entry.trackingCode.empty());
    EXPECT_EQ(s.stack.size(), 2u) << "home under the attract screen";
    EXPECT_FALSE(s.staff.active);
    EXPECT_EQ(s.session.printedPages, 0);
    const std::string trace = app_->trace().dump();
    EXPECT_EQ(trace.find(kName), std::string::npos) << trace;
    EXPECT_EQ(trace.find(kIdNumber), std::string::npos) << trace;

    // The input method: the same spelling offers what it offered a fresh visitor.
    run("tap 点击屏幕开始\nexpect 政府信息查询\nscreen search\ntype lihong");
    EXPECT_EQ(app_->keyboard().visibleCandidates(), freshCandidates) << "the name was learnt and is still offered";
    run("key Home");

    // The log and the files: no name, no number (nothing was submitted, so no outbox).
    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(log.find(kName), std::string::npos) << log;
    EXPECT_EQ(log.find(kIdNumber), std::string::npos) << log;
    EXPECT_NE(log.find("session.reset"), std::string::npos) << log;
    // The log files (event_log.h) as well: every file of the rotation.
    std::string logFiles;
    for (const auto& entry : std::filesystem::directory_iterator(logDir_)) logFiles += fileBytes(entry.path());
    EXPECT_NE(logFiles.find("\"event\":\"session.reset\""), std::string::npos) << logFiles;
    EXPECT_EQ(logFiles.find(kName), std::string::npos) << logFiles;
    EXPECT_EQ(logFiles.find(kIdNumber), std::string::npos) << logFiles;
    for (const char* suffix : {"", "-wal"}) {
        const std::string bytes = fileBytes(dbPath_ + suffix);
        EXPECT_EQ(bytes.find(kName), std::string::npos) << "store" << suffix;
        EXPECT_EQ(bytes.find(kIdNumber), std::string::npos) << "store" << suffix;
    }
    EXPECT_FALSE(std::filesystem::exists(Outbox::pathForStore(dbPath_)));
}

TEST_F(PrivacyReset, PlainHomeGoesToTheAttractLoopWhichTurnsItsNotices) {
    EXPECT_EQ(top().kind, ScreenKind::Home);
    run("wait 89000");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    run("wait 2000");
    EXPECT_EQ(top().kind, ScreenKind::Attract) << "no question on the plain home screen";
    ASSERT_GE(app_->state().home.notices.size(), 2u) << "the demo has notices in force on 2026-11-25";
    const std::string first = app_->state().home.notices[0].title;
    const std::string second = app_->state().home.notices[1].title;
    EXPECT_TRUE(onScreen(first.substr(0, 12)));
    run("shot 01-attract\nwait " + std::to_string(static_cast<int>(kAttractTurnSeconds * 1000)) + "\nshot 02-next-notice");
    EXPECT_TRUE(onScreen(second.substr(0, 12)));
    run("tap 960 540");
    EXPECT_EQ(top().kind, ScreenKind::Home);
}

TEST_F(PrivacyReset, TheLibraryProfileLetsReadersSitLonger) {
    TearDown();
    start(makeDemoStore(), "library");
    run("wait 120000");
    EXPECT_EQ(top().kind, ScreenKind::Home) << "180 s in the library";
    run("wait 61000");
    EXPECT_EQ(top().kind, ScreenKind::Attract);
}

}  // namespace zwgk::test
