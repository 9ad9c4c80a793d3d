// Printing at the terminal (issue 6) on the hall's A4 printer, a real queue on the test's
// private cupsd: a citizen prints a guide's materials checklist (guide → 打印材料清单 →
// 确定打印 → the PDF on the queue, read back with pdftotext), within the per-session page
// allowance and not at all in the library profile; staff open staff mode through the hidden
// door (hold the date, PIN pad, lockout), print a village poster and a document, and use the
// print queue to cancel and retry a job on a paused printer.
// Screenshots: build/ui-shots/KioskPrint.<Test>/.

#include <chrono>
#include <thread>

#include "cups_test_support.h"
#include "kiosk_fixture.h"
#include "staff_access.h"

namespace zwgk::test {
namespace {

namespace ct = zwgk::cupstest;

}  // namespace

class KioskPrint : public KioskUi {
protected:
    void SetUp() override {}  // each test starts the terminal after configuring its store

    // A demo terminal whose A4 printer is QUEUE; SETTINGS are set in the store first.
    void startWithA4(const std::string& queue, const std::vector<std::pair<std::string, std::string>>& settings = {},
                     const std::string& profile = "hall") {
        const std::string path = makeDemoStore();
        {
            auto store = Store::open(path, Store::Mode::ReadWrite);
            if (!queue.empty()) {
                store->setSetting("printer.a4", queue);
                store->setSetting("printer.server", ct::server());
            }
            for (const auto& [key, value] : settings) store->setSetting(key, value);
        }
        start(path, profile);
    }

    // The first guide of the first 一件事 group, opened.
    Guide openFirstGuide() {
        auto store = openStore();
        const auto groups = store->guideGroups();
        EXPECT_FALSE(groups.empty());
        const Guide guide = store->guides(groups.front().id).front();
        run("screen guides\ntap " + groups.front().name + "\ntap " + guide.name);
        EXPECT_EQ(top().kind, ScreenKind::Guide);
        return guide;
    }

    void enterStaffMode() {
        run(std::string(kHoldDate) + "\nexpect 工作人员登录\n" + pinKeys(kDemoStaffPin));
        ASSERT_TRUE(app_->state().staff.active) << app_->trace().dump();
        ASSERT_EQ(top().kind, ScreenKind::StaffHome);
    }
};

TEST_F(KioskPrint, GuideChecklistPrintsOnTheHallPrinterWithinTheCitizensAllowance) {
    ct::ScopedQueue queue("a4");
    startWithA4(queue.name, {{"print.citizen_pages", "2"}});
    const Guide guide = openFirstGuide();
    run("expect 打印材料清单\nshot 01-guide\ntap 打印材料清单\nawait 10000 确定打印\nshot 02-confirm");
    ASSERT_TRUE(app_->state().print);
    const int pages = app_->state().print->pages;
    ASSERT_EQ(pages, 1) << "the demo's first checklist fits one page";
    EXPECT_TRUE(onScreen("共 1 页，A4 纸"));
    EXPECT_TRUE(onScreen("打印后，您本次还可打印 1 页。"));
    run("tap 确定打印\nawait 30000 打印完成\nshot 03-printed");
    EXPECT_TRUE(onScreen("您本次还可打印 1 页。"));
    ASSERT_TRUE(ct::waitForFile(queue.output, 30)) << "the checklist reached the queue";
    const std::string text = ct::pdfText(queue.output);
    EXPECT_NE(text.find(guide.name), std::string::npos) << text;
    EXPECT_NE(text.find(guide.materials.front().name.substr(0, 9)), std::string::npos) << text;
    EXPECT_NE(text.find("打印自"), std::string::npos) << text;
    EXPECT_EQ(app_->state().session.printedPages, 1);

    // The second page of the allowance, then none left: refused with the reason, nothing printed.
    run("tap 关闭\ntap 打印材料清单\nawait 10000 确定打印\ntap 确定打印\nawait 30000 打印完成\ntap 关闭");
    EXPECT_EQ(app_->state().session.printedPages, 2);
    run("tap 打印材料清单\nawait 10000 已经用完\nshot 04-used-up");
    EXPECT_TRUE(onScreen("您本次使用的 2 页自助打印已经用完。需要更多，请到窗口咨询工作人员。"));
    EXPECT_FALSE(onScreen("确定打印"));
    run("tap 关闭");
    EXPECT_FALSE(app_->state().print);
}

TEST_F(KioskPrint, LibraryProfileAndTerminalsWithoutAnA4PrinterOfferNoCitizenPrinting) {
    ct::ScopedQueue queue("a4");
    startWithA4(queue.name, {}, "library");
    openFirstGuide();
    run("expect 扫码带走\nexpect-not 打印材料清单\nshot 01-library-guide");
    // The same terminal, hall profile, but no A4 printer configured: no print button either.
    TearDown();
    startWithA4("");
    openFirstGuide();
    run("expect-not 打印材料清单\nexpect-not 打印公示海报");
}

TEST_F(KioskPrint, StaffDoorNeedsTheRightPinAndLocksAfterAFlood) {
    ct::ScopedQueue queue("a4");
    startWithA4(queue.name);
    // A short tap on the date does nothing.
    run("tap 1800 60");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    run(std::string(kHoldDate) + "\nexpect 工作人员登录\nexpect 请输入工作人员密码（6 到 12 位数字）\nshot 01-pin-pad");
    run("tap 1\ntap 2\ntap 3\nshot 02-three-digits");
    EXPECT_EQ(app_->state().staff.pin, "123");
    run("tap 删除\ntap 确定\nexpect 密码是 6 到 12 位数字。");
    for (int i = 0; i <= kFreeAttempts; ++i) run(pinKeys("000000"));
    EXPECT_TRUE(onScreen("密码错误次数过多，请 30 秒后再试。")) << app_->trace().dump();
    run("shot 03-locked");
    EXPECT_FALSE(app_->state().staff.active);
    // Even the right PIN is not checked while locked, and a restart does not lift the lock.
    run(pinKeys(kDemoStaffPin));
    EXPECT_FALSE(app_->state().staff.active);
    EXPECT_TRUE(onScreen("密码错误次数过多"));
    TearDown();
    start(dbPath_);
    run(std::string(kHoldDate) + "\n" + pinKeys(kDemoStaffPin));
    EXPECT_FALSE(app_->state().staff.active);
    EXPECT_TRUE(onScreen("密码错误次数过多"));
    {
        // The lock as stored: 4 failures, and no PIN digits anywhere in the settings.
        auto store = Store::open(dbPath_, Store::Mode::ReadWrite);
        StaffAccess access(*store);
        EXPECT_EQ(access.failures(), kFreeAttempts + 1);
        for (const auto& [key, value] : store->settings()) EXPECT_EQ(value.find(kDemoStaffPin), std::string::npos) << key;
    }
    run("key Back");
    EXPECT_EQ(top().kind, ScreenKind::Home);
}

TEST_F(KioskPrint, StaffPrintVillagePosterAndDocumentAndUseTheQueue) {
    ct::ScopedQueue queue("a4");
    startWithA4(queue.name, {{"print.citizen_pages", "0"}});
    // Citizens may not print here; the village page has no poster button for them.
    run("screen villages\ntap 城关镇\ntap 东山村\nexpect-not 打印公示海报");
    enterStaffMode();
    run("shot 01-staff-home\nexpect 打印队列\nexpect 群众自助打印：不提供\nexpect 工作人员模式");
    run("screen villages\ntap 城关镇\ntap 东山村\nexpect 打印公示海报\nshot 02-village-staff\ntap 打印公示海报\n"
        "await 10000 确定打印\nexpect 工作人员打印，不计入群众自助打印页数。\nshot 03-poster-confirm\n"
        "tap 确定打印\nawait 30000 打印完成\ntap 关闭");
    ASSERT_TRUE(ct::waitForFile(queue.output, 30));
    std::string text = ct::pdfText(queue.output);
    EXPECT_NE(text.find("东山村"), std::string::npos) << text;
    EXPECT_NE(text.find("信息公示"), std::string::npos) << text;
    EXPECT_EQ(app_->state().session.printedPages, 0) << "staff prints do not use a citizen's allowance";

    // A paused printer: the document's job waits; staff see it in the queue, cancel, resume, retry.
    std::filesystem::remove(queue.output);
    ct::pauseQueue(queue.name);
    auto store = openStore();
    const DocumentSummary doc = store->listDocuments({}, 0, 1).front();
    run("screen list-all\ntap " + doc.title + "\nexpect 打印\ntap 打印\nawait 20000 确定打印\ntap 确定打印\n"
        "await 30000 打印机暂时无法使用\nshot 04-stalled\ntap 关闭");
    run("tap 工作人员模式\ntap 打印队列\nawait 10000 等待打印机\nshot 05-queue-stalled");
    EXPECT_TRUE(onScreen("打印机已暂停或出现故障"));
    EXPECT_TRUE(onScreen("已完成")) << "the poster's job is listed too";
    run("tap 取消\nawait 30000 已取消\nshot 06-queue-cancelled");
    ct::resumeQueue(queue.name);
    run("tap 重新打印\nawait 60000 已完成|失败");
    // Both jobs are done now: no 取消 left, the retried one shows its second attempt.
    run("await 60000 第 2 次打印\nshot 07-queue-retried");
    ASSERT_TRUE(ct::waitForFile(queue.output, 30));
    text = ct::pdfText(queue.output);
    const auto full = store->document(doc.id);
    ASSERT_TRUE(full);
    EXPECT_NE(text.find(full->indexNo), std::string::npos) << text;

    // Leaving staff mode takes the terminal home, and the poster button is gone again.
    run("tap 工作人员模式\ntap 退出工作人员模式");
    EXPECT_FALSE(app_->state().staff.active);
    EXPECT_EQ(top().kind, ScreenKind::Home);
    run("screen villages\ntap 城关镇\ntap 东山村\nexpect-not 打印公示海报");
}

TEST_F(KioskPrint, StaffModeEndsByItselfWhenLeftAlone) {
    ct::ScopedQueue queue("a4");
    startWithA4(queue.name);
    enterStaffMode();
    run("wait 60000\nexpect 工作人员模式");
    EXPECT_TRUE(app_->state().staff.active);
    // The platform wakes the app every few seconds; the next frame after the timeout ends it.
    run("wait " + std::to_string(static_cast<int>(kStaffIdleSeconds * 1000)) + "\ntap 1800 60");
    EXPECT_FALSE(app_->state().staff.active);
    EXPECT_EQ(top().kind, ScreenKind::Home);
}

}  // namespace zwgk::test
