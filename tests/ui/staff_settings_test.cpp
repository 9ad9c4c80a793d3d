// Staff mode's settings, PIN change, content-update page and exit (issue 7), tapped through on
// a demo terminal with the real cupsd fixture as its print server: each setting is stored in
// the store and applies at once; a new PIN is asked twice and replaces the old one; 退出到系统
// asks first and then ends the program's loop.

#include <chrono>
#include <thread>

#include "cups_test_support.h"
#include "kiosk_fixture.h"
#include "outbox.h"

namespace zwgk::test {
namespace {

namespace ct = zwgk::cupstest;


}  // namespace

class StaffSettings : public KioskUi {
protected:
    void SetUp() override {
        const std::string path = makeDemoStore();
        Store::open(path, Store::Mode::ReadWrite)->setSetting("printer.server", ct::server());
        start(path);
    }
    void openStaffMode(const std::string& pin = kDemoStaffPin) {
        run(std::string(kHoldDate) + "\n" + pinKeys(pin) + "expect 工作人员模式");
    }
    // Taps the Nth (from 0, top to bottom) button labelled LABEL: the A4 and receipt rows
    // offer the same queues.
    void tapNth(const std::string& label, size_t n) {
        std::vector<TracedItem> found;
        for (const TracedItem& item : app_->trace().items())
            if (item.tappable && item.text == label) found.push_back(item);
        ASSERT_GT(found.size(), n) << app_->trace().dump();
        const TracedItem& item = found[n];
        run("tap " + std::to_string(static_cast<int>((item.min.x + item.max.x) / 2)) + " " +
            std::to_string(static_cast<int>((item.min.y + item.max.y) / 2)));
    }
};

TEST_F(StaffSettings, EachChoiceIsStoredAndAppliesAtOnce) {
    const ct::FileQueue queue = ct::createFileQueue("settings");
    openStaffMode();
    run("tap 设置\nexpect 专区类型\nexpect 90 秒\nshot 01-settings");
    run("tap 60 秒\nexpect 已保存，立即生效。");
    EXPECT_EQ(openStore()->setting("idle.seconds").value_or(""), "60");
    run("tap 不提供");
    EXPECT_EQ(openStore()->setting("print.citizen_pages").value_or(""), "0");
    // The print server's queues are offered; the one tapped becomes the A4 printer.
    run("drag 960 900 960 300 300\nwait 1500");
    tapNth(queue.name, 0);
    run("shot 02-a4-chosen");
    EXPECT_EQ(openStore()->setting("printer.a4").value_or(""), queue.name);
    EXPECT_FALSE(openStore()->setting("printer.receipt").has_value());
    tapNth(queue.name, 1);
    EXPECT_EQ(openStore()->setting("printer.receipt").value_or(""), queue.name);
    run("drag 960 300 960 900 300\nwait 1500\ntap 图书馆");
    EXPECT_EQ(openStore()->setting("zone.profile").value_or(""), "library");
    EXPECT_EQ(app_->state().profile, "library");
    // Back with the citizens: the library's home screen starts with reading.
    run("tap 返回\ntap 退出工作人员模式\nshot 03-library-home");
    const auto tile = app_->trace().findTappable("政府信息查询");
    const auto guides = app_->trace().findTappable("办事指南");
    ASSERT_TRUE(tile && guides);
    EXPECT_LT(tile->min.y + tile->min.x / 10000, guides->min.y + guides->min.x / 10000)
        << "the library profile puts 政府信息查询 before 办事指南";
    ct::deleteQueue(queue.name);
}

TEST_F(StaffSettings, ANewPinIsAskedTwiceAndReplacesTheOld) {
    openStaffMode();
    run("tap 设置\ndrag 960 900 960 150 300\nwait 1500\ntap 更改工作人员密码\nexpect 请输入新密码");
    run(pinKeys("123") + "expect 密码是 6 到 12 位数字。");
    run(pinKeys("135790") + "expect 请再输入一次新密码\n" + pinKeys("135791") + "expect 两次输入的密码不一致");
    run(pinKeys("135790") + pinKeys("135790") + "expect 密码已更改\nshot 01-changed");
    EXPECT_EQ(top().kind, ScreenKind::StaffSettings);
    run("tap 返回\ntap 退出工作人员模式");
    // The old PIN no longer opens staff mode; the new one does.
    run(std::string(kHoldDate) + "\n" + pinKeys(kDemoStaffPin) + "expect 密码不正确");
    run("tap 返回\n" + std::string(kHoldDate) + "\n" + pinKeys("135790") + "expect 打印队列");
    EXPECT_TRUE(app_->state().staff.active);
}

TEST_F(StaffSettings, TheUpdatePageSaysWhatTheTerminalHoldsAndStartsARound) {
    openStaffMode();
    run("tap 内容更新与U盘\nexpect 内容版本 1\nexpect 本地导入的内容，没有有效期。\nexpect 尚未联网更新。\n"
        "expect 没有设置联网更新地址\nexpect 待上传的申请：0 件\nexpect 还没有上传过申请。\nshot 01-no-url");
    // Without sync.url the online button is shown but cannot be tapped.
    EXPECT_FALSE(app_->trace().findTappable("立即联网更新").has_value());
    run("tap 重新读取U盘\nexpect 将在几秒内重新读取");
    // With an address it starts a round at once; the round fails (nothing listens there) and
    // the page says so with the reason.
    Store::open(dbPath_, Store::Mode::ReadWrite)->setSetting("sync.url", "http://127.0.0.1:9/bundles");
    const int before = app_->syncWorker()->onlineRounds();
    run("tap 返回\ntap 内容更新与U盘\ntap 立即联网更新\nexpect 已开始联网更新。");
    for (int i = 0; i < 300 && app_->syncWorker()->onlineRounds() == before; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the round runs in real time
        run("wait 100");
    }
    EXPECT_GT(app_->syncWorker()->onlineRounds(), before);
    run("tap 返回\ntap 内容更新与U盘\nexpect 未成功\nshot 02-failed-round");
}

TEST_F(StaffSettings, ATestPageComesOutOfTheA4Printer) {
    const ct::FileQueue queue = ct::createFileQueue("testpage");
    openStaffMode();
    run("tap 设置\ndrag 960 900 960 300 300\nwait 1500");
    tapNth(queue.name, 0);  // the A4 printer
    run("tap 打印测试页\nawait 20000 确定打印\ntap 确定打印\nawait 30000 打印完成\nshot 01-printed");
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    const std::string text = ct::pdfText(queue.output);
    EXPECT_NE(text.find("打印测试页"), std::string::npos) << text;
    EXPECT_NE(text.find(queue.name), std::string::npos) << text;
    // The code on the page scans, and says what it is.
    const std::string png = (std::filesystem::path(shots_) / "test-page").string();
    const std::string scanned = ct::runChecked("pdftoppm -r 150 -png -f 1 -l 1 " + ct::shellQuote(queue.output.string()) +
                                               " " + ct::shellQuote(png) + " && zbarimg -q --raw " +
                                               ct::shellQuote(png + "-1.png"), false);
    EXPECT_EQ(scanned.rfind("zwgk-test-page " + queue.name, 0), 0u) << scanned;
    ct::deleteQueue(queue.name);
}

TEST_F(StaffSettings, ALostReceiptIsPrintedAgainFromTheOutbox) {
    const ct::FileQueue queue = ct::createFileQueue("reprint");
    Store::open(dbPath_, Store::Mode::ReadWrite)->setSetting("printer.receipt", queue.name);
    OutboxEntry entry;
    entry.id = "0123456789abcdef0123456789abcdef";
    entry.trackingCode = "LL01-7KX4-M9QH";
    entry.submittedAt = "2026-11-24T10:05:09+08:00";
    entry.receivedDate = "2026-11-24";
    entry.dueDate = "2026-12-15";
    entry.applicant = "王*明";
    entry.idDocument = "居民身份证 ****002X";
    entry.information = "东山村土地征收补偿安置方案";
    entry.provision = "纸质 · 现场领取";
    entry.sealed = "sealed bytes";
    Outbox::open(Outbox::pathForStore(dbPath_))->add(entry);
    // The terminal opens its outbox at start-up.
    runner_.reset();
    app_.reset();
    platform_.reset();
    start(dbPath_);
    openStaffMode();
    run("tap 补打回执\nexpect LL01-7KX4-M9QH\nexpect 回执：未打印\nshot 01-list\ntap 补打回执\n"
        "expect 已发送到回执打印机");
    ASSERT_TRUE(ct::waitForFile(queue.output, 20));
    const std::string text = ct::pdfText(queue.output);
    EXPECT_NE(text.find("LL01-7KX4-M9QH"), std::string::npos) << text;
    EXPECT_NE(text.find("补打"), std::string::npos) << text;
    ct::deleteQueue(queue.name);
}

TEST_F(StaffSettings, ExitToTheSystemAsksFirst) {
    openStaffMode();
    run("drag 960 900 960 150 300\nwait 1500\ntap 退出到系统\nexpect 退出到系统？\nshot 01-asks\ntap 取消");
    EXPECT_FALSE(app_->quitRequested());
    run("tap 退出到系统\ntap 退出到系统");
    EXPECT_TRUE(app_->quitRequested());
}

}  // namespace zwgk::test
