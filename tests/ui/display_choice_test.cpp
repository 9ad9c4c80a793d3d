// Text sizes and high contrast (issue 7, 适老化): the 字号·对比 panel is on every screen's
// title bar; the colours of both palettes keep their contrast; and at the largest text size,
// in high contrast, every screen a visitor or the staff can reach is drawn without a label
// spilling out of its button, text cut off at the side, or two texts on top of each other —
// checked on the rectangles the widgets record (UiTrace), with a screenshot of each.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "kiosk_fixture.h"
#include "theme.h"

namespace zwgk::test {
namespace {

// What is wrong with the layout of the last frame, one line per defect.
std::vector<std::string> layoutProblems(const UiTrace& trace) {
    constexpr float kSlack = 1.5f;  // rounding of glyph advances
    std::vector<std::string> problems;
    auto describe = [](const TracedItem& item) {
        std::ostringstream out;
        out << "'" << item.text.substr(0, 60) << "' [" << std::lround(item.inkMin.x) << "," << std::lround(item.inkMin.y)
            << " " << std::lround(item.inkMax.x - item.inkMin.x) << "x" << std::lround(item.inkMax.y - item.inkMin.y)
            << "]";
        return out.str();
    };
    const std::vector<TracedItem>& items = trace.items();
    for (const TracedItem& item : items) {
        if (!item.hasInk) continue;
        // Cut at the side: scrolling may hide lines above and below, never the ends of a line.
        if (item.inkMin.x < item.clipMin.x - kSlack || item.inkMax.x > item.clipMax.x + kSlack)
            problems.push_back("cut at the side: " + describe(item));
        // A label wider or taller than the face it sits on.
        if (item.tappable && (item.inkMin.x < item.boxMin.x - kSlack || item.inkMax.x > item.boxMax.x + kSlack ||
                              item.inkMin.y < item.boxMin.y - kSlack || item.inkMax.y > item.boxMax.y + kSlack))
            problems.push_back("label outside its button: " + describe(item));
    }
    // Two texts of the same layer over each other, where both can be seen.
    for (size_t i = 0; i < items.size(); ++i) {
        const TracedItem& a = items[i];
        if (!a.hasInk) continue;
        for (size_t j = i + 1; j < items.size(); ++j) {
            const TracedItem& b = items[j];
            if (!b.hasInk || b.layer != a.layer) continue;
            const float left = std::max({a.inkMin.x, b.inkMin.x, a.clipMin.x, b.clipMin.x});
            const float right = std::min({a.inkMax.x, b.inkMax.x, a.clipMax.x, b.clipMax.x});
            const float top = std::max({a.inkMin.y, b.inkMin.y, a.clipMin.y, b.clipMin.y});
            const float bottom = std::min({a.inkMax.y, b.inkMax.y, a.clipMax.y, b.clipMax.y});
            if (right - left > 2 * kSlack && bottom - top > 2 * kSlack)
                problems.push_back("overlap: " + describe(a) + " and " + describe(b));
        }
    }
    return problems;
}

}  // namespace

TEST(DisplayPalette, EveryTextColourKeepsItsContrastInBothPalettes) {
    theme::usePalette(theme::Contrast::High);
    for (const theme::ColourPair& pair : theme::textColourPairs())
        EXPECT_GE(theme::contrastRatio(pair.text, pair.background), 7.0) << "high contrast: " << pair.what;
    theme::usePalette(theme::Contrast::Normal);
    for (const theme::ColourPair& pair : theme::textColourPairs())
        EXPECT_GE(theme::contrastRatio(pair.text, pair.background), 4.5) << "normal: " << pair.what;
    EXPECT_NEAR(theme::contrastRatio(theme::rgb(0xFFFFFF), theme::rgb(0x000000)), 21.0, 0.01);
}

class DisplayChoice : public KioskUi {
protected:
    // Every screen a visitor or the staff can reach, each as a script from the home screen,
    // with the name of its screenshot.
    std::vector<std::pair<std::string, std::string>> tour() {
        const auto store = openStore();
        const std::vector<DocumentSummary> docs = store->listDocuments({}, 0, 1);
        return {
            {"home", "key Home"},
            {"display-panel", "key Home\ntap 字号·对比"},
            {"browse-topic", "screen browse"},
            {"browse-agency", "screen browse-agency"},
            {"browse-area", "screen browse-area"},
            {"browse-year", "screen browse-year"},
            {"list-all", "screen list-all"},
            {"document", "screen doc:" + docs.front().key},
            {"search-keyboard", "screen search\ntype zhengwu"},
            {"search-results", "screen search\ntype dibao\ntap 低保\ntap 完成\nwait 1500"},
            {"guide-groups", "screen guides"},
            {"guide-list", "screen guides\ntap 新生儿出生一件事"},
            {"guide", "screen guides\ntap 新生儿出生一件事\ntap 《出生医学证明》首次签发"},
            {"qa-list", "screen qa"},
            {"qa-answer", "screen qa\ntap 低保怎么申请？"},
            {"villages", "screen villages"},
            {"village", "screen villages\ntap 城关镇\ntap 东山村"},
            {"apply-start", "screen apply"},
            {"apply-applicant", "screen apply\ntap 开始填写\ntap 公民"},
            {"apply-leave-dialog", "tap 首页"},
            {"status", "tap 放弃申请\nscreen status"},
            {"idle-question", "key Home\nscreen list-all\nwait 91000"},
            {"attract", "key Home\nwait 200000"},
            {"staff-pin", std::string("key Home\n") + kHoldDate},
            {"staff-home", std::string("key Home\n") + kHoldDate + "\n" + pinKeys(kDemoStaffPin)},
            {"print-queue", "tap 打印队列"},
            {"staff-sync", "tap 返回\ntap 内容更新与U盘"},
            {"staff-settings", "tap 返回\ntap 设置"},
            {"staff-new-pin", "drag 960 900 960 150 300\nwait 2000\ntap 更改工作人员密码\nexpect 请输入新密码"},
            {"staff-log", "tap 返回\ntap 返回\ntap 运行日志"},
            {"staff-receipts", "tap 返回\ntap 补打回执"},
            {"staff-exit-dialog", "tap 返回\ndrag 960 900 960 150 300\nwait 2000\ntap 退出到系统"},
        };
    }

    // Runs SCRIPT; a `tap LABEL` whose label is below the fold (the larger text makes pages
    // longer) first scrolls the page up until it shows, as a visitor would.
    void runScrolling(const std::string& script) {
        std::istringstream lines(script);
        std::string line;
        while (std::getline(lines, line)) {
            if (line.rfind("tap ", 0) == 0 && !std::isdigit(static_cast<unsigned char>(line[4])))
                for (int tries = 0; tries < 6 && !app_->trace().findTappable(line.substr(4)); ++tries)
                    run("drag 960 850 960 450 300\nwait 1500");
            run(line);
        }
    }

    // Walks the tour and collects every layout defect, with the screen it was seen on. CHOOSE
    // picks the text size and colours; it is run again after the privacy reset, which gives
    // the next visitor the standard display.
    std::vector<std::string> walk(const std::string& prefix, const std::string& choose) {
        std::vector<std::string> defects;
        int n = 0;
        if (!choose.empty()) run(choose);
        for (const auto& [name, script] : tour()) {
            // The attract loop or a message the previous step left is closed first.
            if (app_->state().top().kind == ScreenKind::Attract) {
                run("tap 点击屏幕开始");
                if (!choose.empty()) run(choose);
            }
            if (app_->state().dialog && app_->state().dialog->confirm == DialogConfirm::None) run("tap 知道了");
            runScrolling(script);
            char shot[96];
            std::snprintf(shot, sizeof shot, "%s-%02d-%s", prefix.c_str(), ++n, name.c_str());
            run(std::string("shot ") + shot);
            for (const std::string& problem : layoutProblems(app_->trace()))
                defects.push_back(name + ": " + problem);
            if (app_->state().displayPanel) run("tap 完成");
        }
        run("tap 取消\ntap 退出工作人员模式\nexpect 办事指南");  // the last step leaves staff mode open
        return defects;
    }
};

TEST_F(DisplayChoice, LargestTextInHighContrastFitsOnEveryScreen) {
    const int standardAtlasHeight = app_->atlasReport().textureHeight;
    run("tap 字号·对比\nexpect 看得更清楚\ntap 特大\ntap 高对比（黑底白字）\nshot 00-panel-largest\ntap 完成");
    ASSERT_EQ(app_->state().textSize, 2);
    ASSERT_TRUE(app_->state().highContrast);
    // The glyphs were drawn again at 1.8×: about 3.2 times the texture.
    EXPECT_GT(app_->atlasReport().textureHeight, 2 * standardAtlasHeight);
    const std::vector<std::string> defects =
        walk("largest", "tap 字号·对比\ntap 特大\ntap 高对比（黑底白字）\ntap 完成");
    std::string all;
    for (const std::string& d : defects) all += d + "\n";
    EXPECT_TRUE(defects.empty()) << defects.size() << " layout defects at the largest size:\n" << all;
}

TEST_F(DisplayChoice, StandardAndLargeTextFitOnEveryScreen) {
    std::vector<std::string> defects = walk("standard", "");
    for (const std::string& d : walk("large", "key Home\ntap 字号·对比\ntap 大\ntap 完成")) defects.push_back("large: " + d);
    std::string all;
    for (const std::string& d : defects) all += d + "\n";
    EXPECT_TRUE(defects.empty()) << defects.size() << " layout defects:\n" << all;
}

TEST_F(DisplayChoice, TheChoiceLastsTheVisitAndTheNextVisitorStartsWithTheStandard) {
    run("screen list-all\ntap 字号·对比\ntap 特大\ntap 高对比（黑底白字）\ntap 完成");
    EXPECT_EQ(app_->state().textSize, 2);
    // The colours switched.
    EXPECT_EQ(theme::kBackground, theme::rgb(0x000000));
    run("tap 首页\nscreen guides\nexpect 办事指南");
    EXPECT_EQ(app_->state().textSize, 2) << "the choice stays while the visitor moves on";
    // The visitor leaves; after the privacy reset the next one gets the standard display.
    run("wait 200000\nexpect 点击屏幕开始");
    EXPECT_EQ(app_->state().textSize, 0);
    EXPECT_FALSE(app_->state().highContrast);
    EXPECT_EQ(theme::kBackground, theme::rgb(0xF4F1EA));
}

}  // namespace zwgk::test
