// 依申请公开 at the terminal, as a citizen does it: the whole wizard typed on the on-screen
// keyboard, its error states, leaving and coming back, the receipt printed through the real
// private cupsd (also with the printer paused), and 进度查询 with every kind of answer.
// Screenshots of every step land in build/ui-shots/<Suite>.<Test>/.
#include <gtest/gtest.h>

#include "cups_test_support.h"
#include "kiosk_fixture.h"
#include "outbox.h"
#include "sealing.h"
#include "tracking_code.h"

#include <fstream>

#include <nlohmann/json.hpp>

namespace zwgk::test {
namespace {

namespace ct = zwgk::cupstest;

// Script lines that tap the on-screen keys of TEXT one by one (letters, digits, - and @).
std::string keys(const std::string& text) {
    std::string lines;
    for (char c : text) lines += std::string("tap ") + c + "\n";
    return lines;
}

class ApplyUi : public KioskUi {
protected:
    void SetUp() override {}  // each test starts the terminal after configuring its store

    // A demo terminal whose receipt printer is QUEUE on the private cupsd (none: no printer).
    void startWithPrinter(const std::string& queue) {
        const std::string path = makeDemoStore();
        {
            auto store = Store::open(path, Store::Mode::ReadWrite);
            if (!queue.empty()) {
                store->setSetting("printer.receipt", queue);
                store->setSetting("printer.server", ct::server());
            }
        }
        start(path);
    }

    // Steps 1–6 with the physical-keyboard path, for tests about what comes after.
    void fillUpToReview() {
        run(kFillApplicationToReview);
        ASSERT_EQ(app_->state().apply.step, WizardStep::Review);
    }

    void consentAndSubmit() {
        run("drag 960 900 960 200 300\nwait 1500\ndrag 960 900 960 200 300\nwait 1500\n"
            "tap 我已阅读并同意上述说明\ntap 提交申请");
        ASSERT_EQ(top().kind, ScreenKind::ApplyReceipt);
    }

    std::unique_ptr<Outbox> openOutbox() { return Outbox::openReadOnly(Outbox::pathForStore(dbPath_)); }
};

TEST_F(ApplyUi, TheWholeWizardOnTheOnScreenKeyboardEndsWithAPrintedReceipt) {
    ct::ScopedQueue queue("receipt");
    startWithPrinter(queue.name);
    run("shot 00-home\ntap 依申请公开\nexpect 申请须知\nshot 01-notice\ntap 开始填写\nshot 02-type\ntap 公民\nshot 02b-type-chosen\n"
        "tap 下一步\nexpect 申请人信息\nshot 03-applicant");
    // The name in pinyin, key by key, then the candidates.
    run("tap 请输入您的姓名\n" + keys("wang") + "tap 王\n" + keys("xiaoming") + "shot 03b-name-candidates\ntap 小明\n");
    EXPECT_EQ(app_->state().apply.draft.name, "王小明");
    run("tap 完成\ntap 请输入证件号码\n" + keys("1101051949123100") + "shot 03c-id-partial\n");
    EXPECT_TRUE(onScreen("还需输入 2 位"));
    run(keys("21") + "shot 03d-id-wrong-check\n");
    EXPECT_TRUE(onScreen("号码最后一位对不上"));
    run("tap 删除\ntap X\nshot 03e-id-ok");
    EXPECT_TRUE(onScreen("填写正确"));
    EXPECT_EQ(app_->state().apply.draft.idNumber, "11010519491231002X");
    run("tap 完成\ntap 下一步\nexpect 联系方式\nshot 04-contact\ntap 11位手机号码\n" + keys("1391234567") +
        "tap 完成\nshot 04b-phone-short\n");
    EXPECT_TRUE(onScreen("手机号码是 11 位，现在是 10 位"));
    run("tap 1391234567\n" + keys("8") + "tap 完成\ntap 省、市、县（区）、乡镇（街道）、门牌号\n" + keys("lin") + "tap 临\n" +
        keys("lan") + "tap 澜\n" + keys("xian") + "tap 县\ntap 手写\nshot 04c-address-handwriting\ntap 拼音\n" +
        keys("dongshan") + "tap 东山\n" + keys("cun") + "tap 村\ntap 完成\ntap 例如 zhangsan@163.com\n" +
        keys("wxm@163") + "tap .com\nshot 04d-email\ntap 完成\n");
    EXPECT_EQ(app_->state().apply.draft.address, "临澜县东山村");
    EXPECT_EQ(app_->state().apply.draft.email, "wxm@163.com");
    run("tap 下一步\nexpect 所需信息\nshot 05-information\ntap 例如：东山村土地征收补偿安置方案\n" + keys("tudi") +
        "tap 土地\n" + keys("zhengshou") + "tap 征收\nshot 05b-maybe-public\ntap 完成");
    EXPECT_FALSE(app_->state().apply.suggestions.empty()) << "documents about 土地征收 are public already";
    EXPECT_TRUE(onScreen("此信息可能已公开"));
    run("tap 下一步\nexpect 获取方式\nshot 06-delivery\ntap 下一步\nshot 06b-delivery-missing");
    EXPECT_TRUE(onScreen("请选择提供形式：纸质或电子"));
    run("tap 电子\ntap 电子邮件\nshot 06c-delivery-email\ntap 下一步\nexpect 核对并提交\nshot 07-review");
    EXPECT_TRUE(onScreen("王小明"));
    EXPECT_TRUE(onScreen("11010519491231002X"));
    run("tap 提交申请\nshot 07b-not-yet-consented");
    ASSERT_TRUE(app_->state().dialog);
    EXPECT_TRUE(onScreen("请阅读个人信息处理说明"));
    run("tap 知道了");
    consentAndSubmit();
    run("shot 08-receipt-printing\nawait 30000 回执已打印\nshot 09-receipt-printed");
    const std::string code = app_->state().receipt.entry.trackingCode;
    EXPECT_TRUE(onScreen(code));
    EXPECT_TRUE(onScreen("2026-12-23 前"));
    // The draft left memory with the wizard: only the masked receipt data remains.
    EXPECT_TRUE(app_->state().apply.draft.name.empty());
    EXPECT_FALSE(onScreen("王小明"));
    EXPECT_TRUE(onScreen("王*明"));
    // What came out of the printer.
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    const std::string printed = ct::pdfText(queue.output);
    EXPECT_NE(printed.find(code), std::string::npos) << printed;
    EXPECT_NE(printed.find("王*明"), std::string::npos) << printed;
    EXPECT_EQ(printed.find("王小明"), std::string::npos) << printed;
    // In the outbox, sealed, with the print recorded.
    auto outbox = openOutbox();
    const auto entry = outbox->byCode(code);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->receiptState, "printed");
    EXPECT_EQ(entry->receiptPrints, 1);
    std::string why;
    std::ifstream keyFile(sourceDir() + "/assets/demo-keys/office-demo.key");
    std::string keyText;
    std::getline(keyFile, keyText);
    const auto plain = openSealed(entry->sealed, decodeSecretKey(keyText).value_or(""), why);
    ASSERT_TRUE(plain) << why;
    const auto record = nlohmann::json::parse(*plain);
    EXPECT_EQ(record["applicant"]["name"], "王小明");
    EXPECT_EQ(record["contact"]["email"], "wxm@163.com");
    EXPECT_EQ(record["information"]["title"], "土地征收");
    run("tap 完成，返回首页\nshot 10-home-again");
    EXPECT_EQ(top().kind, ScreenKind::Home);
}

TEST_F(ApplyUi, APausedPrinterSavesTheApplicationAndSaysWhereToGetTheReceipt) {
    ct::ScopedQueue queue("paused");
    ct::pauseQueue(queue.name, "缺纸");
    startWithPrinter(queue.name);
    fillUpToReview();
    consentAndSubmit();
    run("await 30000 打印机暂时无法使用，请到窗口领取回执，您的申请已保存。\nshot paused-printer");
    EXPECT_TRUE(onScreen("工作人员请注意：回执打印机已暂停或出现故障"));
    const std::string code = app_->state().receipt.entry.trackingCode;
    EXPECT_TRUE(onScreen(code)) << "the code stays on screen to be written down";
    EXPECT_TRUE(openOutbox()->byCode(code)) << "the application is saved whatever the printer does";
    // Staff put paper in: the waiting job prints after all.
    ct::resumeQueue(queue.name);
    run("await 30000 回执已打印\nshot printer-back");
    ASSERT_TRUE(ct::waitForFile(queue.output, 10));
    EXPECT_NE(ct::pdfText(queue.output).find(code), std::string::npos);
}

TEST_F(ApplyUi, WithoutAPrinterTheReceiptScreenStillHasEverything) {
    startWithPrinter("");
    fillUpToReview();
    consentAndSubmit();
    run("shot no-printer");
    EXPECT_TRUE(onScreen("打印机暂时无法使用，请到窗口领取回执，您的申请已保存。"));
    EXPECT_TRUE(onScreen("工作人员请注意：本机没有设置回执打印机"));
    EXPECT_EQ(openOutbox()->byCode(app_->state().receipt.entry.trackingCode)->receiptState, "failed");
}

TEST_F(ApplyUi, AFailedPrintCanBeRetriedFromTheReceiptScreen) {
    startWithPrinter("no-such-queue");
    fillUpToReview();
    consentAndSubmit();
    run("await 30000 重新打印\nshot unknown-queue");
    EXPECT_TRUE(onScreen("工作人员请注意：找不到回执打印机"));
    const std::string code = app_->state().receipt.entry.trackingCode;
    run("tap 重新打印\nawait 30000 重新打印");
    EXPECT_EQ(openOutbox()->byCode(code)->receiptState, "failed");
}

TEST_F(ApplyUi, ProblemsAreShownOnThePageAndNothingTypedIsLost) {
    startWithPrinter("");
    run("tap 依申请公开\ntap 开始填写\ntap 下一步\nshot 01-no-type");
    EXPECT_TRUE(onScreen("还有 1 处需要填写或修改"));
    EXPECT_TRUE(onScreen("请选择申请人类型"));
    run("tap 公民\ntap 下一步\ntap 下一步\nshot 02-nothing-typed");
    EXPECT_EQ(app_->state().apply.step, WizardStep::Applicant);
    EXPECT_TRUE(onScreen("还有 2 处需要填写或修改"));
    EXPECT_TRUE(onScreen("此项必须填写"));
    run("tap 请输入您的姓名\ntype zhang\ntap 张\ntype 3\ntap 完成\nshot 03-name-with-digit");
    EXPECT_TRUE(onScreen("姓名里不能有数字"));
    // Back to the type page and forward again: what was typed is still there.
    run("tap 返回\nshot 04-back-to-type");
    EXPECT_EQ(app_->state().apply.step, WizardStep::ApplicantType);
    run("tap 下一步\nshot 05-forward-again");
    EXPECT_TRUE(onScreen("张3"));
    // 法人 instead: different fields, and the credit code's own check.
    run("tap 上一步\ntap 法人或者其他组织\ntap 下一步\ntap 18位，印在营业执照或登记证书上\n" + keys("914403001922038217") +
        "shot 06-credit-code-wrong");
    EXPECT_TRUE(onScreen("代码最后一位对不上"));
    // Leaving by 首页 asks first; staying keeps everything.
    run("tap 完成\ntap 首页\nshot 07-leave-dialog");
    ASSERT_TRUE(app_->state().dialog);
    EXPECT_TRUE(onScreen("要放弃这份申请吗？"));
    run("tap 继续填写");
    EXPECT_EQ(top().kind, ScreenKind::Apply);
    EXPECT_EQ(app_->state().apply.draft.creditCode, "914403001922038217");
    EXPECT_EQ(app_->state().apply.draft.name, "张3");
    run("tap 首页\ntap 放弃申请\nshot 08-abandoned");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    EXPECT_TRUE(app_->state().apply.draft.name.empty());
    EXPECT_TRUE(app_->state().apply.draft.creditCode.empty());
    run("tap 依申请公开\nshot 09-fresh-start");
    EXPECT_EQ(app_->state().apply.step, WizardStep::Notice);
}

TEST_F(ApplyUi, AnOversizedDescriptionIsCountedAndBounded) {
    startWithPrinter("");
    fillUpToReview();
    run("tap 上一步\ntap 上一步");
    ASSERT_EQ(app_->state().apply.step, WizardStep::Information);
    std::string longText;
    for (int i = 0; i < 520; ++i) longText += "申";
    run("drag 960 900 960 300 300\nwait 1500\ntap 请尽量写清楚：哪个部门、什么时间、关于什么事项的信息\ntype " + longText +
        "\ntap 完成\nshot long-description");
    // The field takes a few characters past the limit so that the message can say so.
    EXPECT_TRUE(onScreen("/ 500"));
    EXPECT_TRUE(onScreen("最多 500 个字，请精简一些"));
    EXPECT_FALSE(stepReady(app_->state().apply.draft, WizardStep::Information, "2026-11-25"));
}

TEST_F(ApplyUi, NothingFoundInTheCatalogueLeadsToAnApplicationForIt) {
    startWithPrinter("");
    run("screen search\ntype 量子计算机\ntap 完成\ntap 依申请公开\nshot from-search");
    EXPECT_EQ(top().kind, ScreenKind::Apply);
    EXPECT_EQ(app_->state().apply.draft.infoTitle, "量子计算机");
}

TEST_F(ApplyUi, ATerminalThatCannotTakeApplicationsSaysSoPlainly) {
    const std::string path = makeDemoStore();
    Store::open(path, Store::Mode::ReadWrite)->removeSetting("terminal.id");
    start(path);
    run("tap 依申请公开\nshot unavailable");
    EXPECT_TRUE(onScreen("本终端暂时不能受理政府信息公开申请"));
    EXPECT_TRUE(onScreen("工作人员请注意：终端编号尚未设置（terminal.id）"));
    EXPECT_FALSE(app_->trace().findTappable("开始填写"));
}

TEST_F(ApplyUi, EveryWizardTargetIsLargeEnoughToTouch) {
    startWithPrinter("");
    const char* const walk[] = {"tap 依申请公开", "tap 开始填写", "tap 公民", "tap 下一步", "tap 请输入证件号码",
                                "tap 完成", "tap 下一步", "tap 下一步"};
    for (const char* step : walk) {
        run(step);
        for (const TracedItem& item : app_->trace().items()) {
            // Items cut by the edges of the form's scroll area are partly hidden, not small.
            if (!item.tappable || item.min.y <= 225 || item.max.y >= 943) continue;
            EXPECT_GE(item.max.y - item.min.y, 60.0f) << "after '" << step << "': " << item.text;
            EXPECT_GE(item.max.x - item.min.x, 60.0f) << "after '" << step << "': " << item.text;
        }
    }
}

// 进度查询 ---------------------------------------------------------------------------------

TEST_F(ApplyUi, StatusLookupAnswersEveryKindOfCode) {
    startWithPrinter("");
    run("tap 进度查询\nshot 01-lookup");
    EXPECT_TRUE(onScreen("办理信息更新至 2026-11-20"));
    // Published, in progress.
    run(keys("LL01R6B3X8EV") + "shot 02-in-progress");
    EXPECT_TRUE(onScreen("办理中"));
    EXPECT_TRUE(onScreen("2026-12-09"));
    EXPECT_FALSE(onScreen("逾期"));
    // Published, past its due date and not answered: 逾期. The keypad made way for the
    // answer; a tap on the field brings it back.
    const auto retype = [&](const std::string& previous, const std::string& lines) {
        run("tap " + previous);
        for (int i = 0; i < 14; ++i) run("key Backspace");
        run(lines);
    };
    retype("LL01R6B3X8EV", "type ll025nb7q3e0\nshot 03-overdue");  // lower case, as read out
    EXPECT_TRUE(onScreen("逾期"));
    EXPECT_TRUE(onScreen("已超过答复期限"));
    // A mistyped character: the check character tells.
    retype("LL025NB7Q3E0", keys("LL02-5NB7-Q3E1") + "tap 查询\nshot 04-mistyped");
    EXPECT_TRUE(onScreen("查询码有一位可能输错了"));
    // Well-formed but never published.
    const std::string unknown = makeTrackingCode("LL09", 123456789);
    std::string compact;
    for (char c : unknown)
        if (c != '-') compact += c;
    retype("LL02-5NB7-Q3E1", keys(compact) + "shot 05-unknown");
    EXPECT_TRUE(onScreen("没有查到查询码 " + unknown + " 的办理信息。"));
    // Too short, asked for anyway.
    retype(compact, keys("LL01") + "tap 查询\nshot 06-too-short");
    EXPECT_TRUE(onScreen("还少 8 位"));
}

TEST_F(ApplyUi, AnApplicationSubmittedHereIsFoundBeforeTheOfficePublishesIt) {
    startWithPrinter("");
    fillUpToReview();
    consentAndSubmit();
    const std::string code = app_->state().receipt.entry.trackingCode;
    run("tap 完成，返回首页\ntap 进度查询\ntype " + code + "\nshot local-application");
    EXPECT_TRUE(onScreen("已接收"));
    EXPECT_TRUE(onScreen("正在等待县政府办公室登记"));
    EXPECT_TRUE(onScreen("2026-12-23"));
}

}  // namespace
}  // namespace zwgk::test
