// The keyboard for ID-number and phone fields (the application form uses them): a numeric
// pad with big keys, X only where an ID number may end in it.
#include "kiosk_fixture.h"

namespace zwgk::test {

TEST_F(KioskUi, NumericPadForIdAndPhoneFields) {
    TextField id{"id-number", FieldKind::Digits, "", 18, false};
    app_->keyboard().attach(&id);
    run("wait 50\nshot 1-id-pad");
    EXPECT_EQ(app_->keyboard().mode(), OnScreenKeyboard::Mode::Numeric);
    for (const char* key : {"1", "1", "0", "1", "0", "5", "X"}) run(std::string("tap ") + key);
    EXPECT_EQ(id.text, "110105X");
    run("tap 删除");
    EXPECT_EQ(id.text, "110105");
    app_->keyboard().typeText("19a49x");  // a physical keyboard: letters other than X are refused
    EXPECT_EQ(id.text, "1101051949X");

    TextField phone{"phone", FieldKind::Phone, "", 11, false};
    app_->keyboard().attach(&phone);
    run("wait 50\nshot 2-phone-pad");
    EXPECT_FALSE(app_->trace().findTappable("X")) << "no X on a phone pad";
    for (int i = 0; i < 13; ++i) run("tap 8");
    EXPECT_EQ(phone.text, "88888888888") << "at most 11 digits";
    run("tap 完成");
    EXPECT_FALSE(app_->keyboard().visible());
}

TEST_F(KioskUi, ResetSessionClosesTheKeyboardAndDropsTheSpelling) {
    run("screen search");
    // (That the engine forgets what it learnt is tested on the engine itself, in core_tests.)
    run("type zhangweihua");
    const auto before = app_->keyboard().visibleCandidates();
    ASSERT_FALSE(before.empty());
    app_->keyboard().resetSession();
    EXPECT_FALSE(app_->keyboard().visible());
    EXPECT_TRUE(app_->keyboard().composition().empty());
}

}  // namespace zwgk::test
