// Touch behaviour through the terminal's own input layer: drags scroll and never tap,
// flings coast and stop, every target is big enough, and an idle terminal draws nothing.
#include "kiosk_fixture.h"

namespace zwgk::test {
namespace {

// The y of the visible item showing exactly TEXT (a row is labelled with its whole title),
// or a huge value when it is off screen.
float yOf(const UiTrace& trace, const std::string& text) {
    for (const TracedItem& item : trace.items())
        if (item.text == text) return item.min.y;
    return 1e9f;
}

}  // namespace

TEST_F(KioskUi, DragScrollsTheListAndDoesNotOpenADocument) {
    run("screen list-all\nshot 1-before");
    ASSERT_EQ(top().kind, ScreenKind::DocumentList);
    auto store = openStore();
    const auto docs = store->listDocuments({}, 0, 10);
    const std::string first = docs[0].title;
    const float before = yOf(app_->trace(), first);
    ASSERT_LT(before, 1080);
    // A slow drag (no fling): press on a row, move up 300 px, release on another row.
    run("drag 900 700 900 400 1200\nwait 500\nshot 2-after");
    EXPECT_EQ(top().kind, ScreenKind::DocumentList) << "the drag must not open the row it ended on";
    const float after = yOf(app_->trace(), first);
    // The first row moved up with the finger (or left the screen).
    EXPECT_TRUE(after > 1e8f || after < before - 250) << before << " → " << after;
    EXPECT_FALSE(app_->input().animating());
}

TEST_F(KioskUi, FlingCoastsFurtherThanTheFingerAndStops) {
    run("screen list-all");
    auto store = openStore();
    const auto docs = store->listDocuments({}, 0, 10);
    // Rows are 192 px apart; a 200 px fling in 100 ms coasts past several rows.
    // The runner draws frames until the screen settles, so the whole coast happens here.
    run("drag 900 800 900 600 100\nshot fling");
    EXPECT_FALSE(app_->input().animating()) << "momentum must come to rest";
    const float third = yOf(app_->trace(), docs[2].title);
    EXPECT_TRUE(third > 1e8f || third < 200) << "list moved " << third;
    EXPECT_EQ(top().kind, ScreenKind::DocumentList);
}

TEST_F(KioskUi, TapDuringMomentumOnlyStopsTheList) {
    run("screen list-all");
    auto store = openStore();
    // Fling, then tap a row before it comes to rest: the tap catches the list.
    app_->input().push({PointerEvent::Kind::Down, 900, 800, runner_->now()});
    runner_->frame();
    for (int i = 1; i <= 6; ++i) {
        app_->input().push({PointerEvent::Kind::Move, 900, 800.0f - 60.0f * i, runner_->now()});
        runner_->frame();
    }
    app_->input().push({PointerEvent::Kind::Up, 900, 440, runner_->now()});
    runner_->frame();
    runner_->frame();
    ASSERT_TRUE(app_->input().animating());
    // Press and release on a row while it still moves (no settling in between).
    app_->input().push({PointerEvent::Kind::Down, 900, 500, runner_->now()});
    runner_->frame();
    app_->input().push({PointerEvent::Kind::Up, 900, 500, runner_->now() + 0.05});
    for (int i = 0; i < 4; ++i) runner_->frame();
    EXPECT_EQ(top().kind, ScreenKind::DocumentList) << "a tap on a moving list stops it, it does not open a row";
    EXPECT_FALSE(app_->input().animating());
    run("tap 900 500");
    EXPECT_EQ(top().kind, ScreenKind::Document) << "a tap on a list at rest opens the row";
}

TEST_F(KioskUi, EveryTouchTargetIsAtLeast60PxHigh) {
    const char* const walk[] = {"", "tap 政府信息查询", "tap 按发布机构", "tap 县民政局", "tap 960 300",
                                "tap 首页", "tap 政府信息查询", "tap 按领域", "tap 社会救助", "tap 960 360",
                                "tap 首页", "tap 依申请公开"};
    for (const char* step : walk) {
        run(step);
        for (const TracedItem& item : app_->trace().items()) {
            if (!item.tappable) continue;
            // Items clipped by a scroll area's edge are partly hidden, not small.
            if (item.min.y <= 121 || item.max.y >= 1079) continue;
            EXPECT_GE(item.max.y - item.min.y, 60.0f) << "after '" << step << "': " << item.text;
            EXPECT_GE(item.max.x - item.min.x, 60.0f) << "after '" << step << "': " << item.text;
        }
    }
}

TEST_F(KioskUi, IdleTerminalDrawsNoFrames) {
    run("tap 政府信息查询\nwait 200");
    EXPECT_FALSE(app_->wantsFrame()) << "nothing changes, so nothing should be drawn";
    run("drag 900 800 900 500 100");
    run("wait 5000");
    EXPECT_FALSE(app_->wantsFrame());
}

}  // namespace zwgk::test

namespace zwgk::test {

// Portrait kiosks are common in halls: the layout keeps its text size and touch sizes.
TEST_F(KioskUi, PortraitScreenKeepsTextAndTargetsLarge) {
    TearDown();
    start(makeDemoStore(), "hall", 1080, 1920);
    EXPECT_FLOAT_EQ(app_->scale(), 1.0f);
    const char* const walk[] = {"shot 1-home", "tap 政府信息查询", "tap 按发布机构", "tap 县民政局", "shot 2-list",
                                "tap 540 300", "shot 3-document"};
    for (const char* step : walk) {
        run(step);
        for (const TracedItem& item : app_->trace().items()) {
            EXPECT_LE(item.max.x, 1080.0f) << "off screen after '" << step << "': " << item.text;
            if (!item.tappable || item.min.y <= 121 || item.max.y >= 1919) continue;
            EXPECT_GE(item.max.y - item.min.y, 60.0f) << "after '" << step << "': " << item.text;
        }
    }
    EXPECT_EQ(top().kind, ScreenKind::Document);
    EXPECT_TRUE(onScreen("下一篇"));
    EXPECT_TRUE(onScreen("回到顶部"));
}

}  // namespace zwgk::test
