// These tests describe the kiosk image: Debian 12 with fonts-noto-cjk and fonts-wqy-zenhei.
#include "font_locator.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

using namespace zwgk;

namespace {

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Sets or clears ZWGK_FONT_PRIMARY for one test and restores the previous value.
class ScopedPrimaryOverride {
public:
    explicit ScopedPrimaryOverride(const char* value) {
        if (const char* old = std::getenv(kName)) old_ = old;
        if (value)
            setenv(kName, value, 1);
        else
            unsetenv(kName);
    }
    ~ScopedPrimaryOverride() {
        if (old_)
            setenv(kName, old_->c_str(), 1);
        else
            unsetenv(kName);
    }

private:
    static constexpr const char* kName = "ZWGK_FONT_PRIMARY";
    std::optional<std::string> old_;
};

bool mentions(const FontChoice& c, const std::string& text) {
    for (const std::string& p : c.problems)
        if (p.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(FontLocator, NotoSansCjkScIsFaceTwoOfTheCollection) {
    const auto f = findFont("Noto Sans CJK SC:style=Regular");
    ASSERT_TRUE(f.has_value());
    EXPECT_TRUE(endsWith(f->path, "NotoSansCJK-Regular.ttc")) << f->path;
    EXPECT_EQ(f->index, 2);  // face 0 is JP: loading index 0 would draw Japanese glyph shapes
    EXPECT_EQ(f->family, "Noto Sans CJK SC");
    EXPECT_EQ(f->style, "Regular");

    const auto tc = findFont("Noto Sans CJK TC:style=Regular");
    ASSERT_TRUE(tc.has_value());
    EXPECT_EQ(tc->index, 3);
}

TEST(FontLocator, RejectsSubstitutes) {
    // fc-match answers DejaVu Sans for both; we must not.
    EXPECT_FALSE(findFont("Zwgk Nonexistent Family").has_value());
    EXPECT_FALSE(findFont("Noto Sans CJK SC:style=Black").has_value());  // only Regular, Bold
    const auto bold = findFont("Noto Sans CJK SC:style=Bold");
    ASSERT_TRUE(bold.has_value());
    EXPECT_TRUE(endsWith(bold->path, "NotoSansCJK-Bold.ttc")) << bold->path;
    EXPECT_EQ(bold->index, 2);
}

TEST(FontLocator, LocalizedFamilyNamesMatch) {
    const auto f = findFont("文泉驿正黑");
    ASSERT_TRUE(f.has_value());
    EXPECT_TRUE(endsWith(f->path, "wqy-zenhei.ttc")) << f->path;
    EXPECT_EQ(f->index, 0);
}

TEST(FontLocator, ChooseUiFontsFindsPrimaryFallbackAndBold) {
    ScopedPrimaryOverride none(nullptr);
    const FontChoice c = chooseUiFonts();
    ASSERT_TRUE(c.primary.has_value());
    EXPECT_EQ(c.primary->family, "Noto Sans CJK SC");
    EXPECT_EQ(c.primary->index, 2);
    ASSERT_TRUE(c.fallback.has_value());
    EXPECT_EQ(c.fallback->family, "WenQuanYi Zen Hei");
    EXPECT_EQ(c.fallback->index, 0);
    ASSERT_TRUE(c.bold.has_value());
    EXPECT_EQ(c.bold->style, "Bold");
    EXPECT_TRUE(c.problems.empty()) << testing::PrintToString(c.problems);
}

TEST(FontLocator, NonexistentOverrideIsReportedNotReplaced) {
    ScopedPrimaryOverride bad("/nonexistent/zwgk/NoSuchFont.ttc:2");
    const FontChoice c = chooseUiFonts();
    EXPECT_FALSE(c.primary.has_value());
    EXPECT_TRUE(mentions(c, "/nonexistent/zwgk/NoSuchFont.ttc"))
        << testing::PrintToString(c.problems);
    EXPECT_TRUE(c.fallback.has_value());  // the UI can still draw Chinese
}

TEST(FontLocator, OverrideThatIsNotAFontIsReported) {
    const std::string notAFont = std::string(ZWGK_SOURCE_DIR) + "/CMakeLists.txt";
    ScopedPrimaryOverride bad(notAFont.c_str());
    const FontChoice c = chooseUiFonts();
    EXPECT_FALSE(c.primary.has_value());
    EXPECT_TRUE(mentions(c, notAFont)) << testing::PrintToString(c.problems);
}

TEST(FontLocator, OverrideSelectsFileAndFace) {
    const auto sc = findFont("Noto Sans CJK SC:style=Regular");
    ASSERT_TRUE(sc.has_value());
    const std::string spec = sc->path + ":3";
    ScopedPrimaryOverride tc(spec.c_str());
    const FontChoice c = chooseUiFonts();
    ASSERT_TRUE(c.primary.has_value()) << testing::PrintToString(c.problems);
    EXPECT_EQ(c.primary->index, 3);
    EXPECT_EQ(c.primary->family, "Noto Sans CJK TC");

    const std::string badFace = sc->path + ":99";
    ScopedPrimaryOverride nine(badFace.c_str());
    EXPECT_FALSE(chooseUiFonts().primary.has_value());
}

TEST(FontLocator, CoverageOfTheKioskCharacters) {
    const auto sc = findFont("Noto Sans CJK SC:style=Regular");
    ASSERT_TRUE(sc.has_value());
    // ①② ℃ № appear in documents and are exactly what ImGui's ChineseFull range lacks.
    EXPECT_EQ(missingGlyphs(*sc, U"政务公开①②℃№，。《》"), U"");
    // U+10FFFD (plane-16 private use) and U+2FFF (added in Unicode 15.1) are in no Noto CJK.
    EXPECT_EQ(missingGlyphs(*sc, U"政\U0010FFFD务\u2FFF\U0010FFFD"), U"\U0010FFFD\u2FFF");

    GlyphCoverage cov(*sc);
    ASSERT_TRUE(cov.ok()) << cov.error();
    EXPECT_TRUE(cov.has(U'堃'));
    EXPECT_FALSE(cov.has(U'\U0010FFFD'));
}

TEST(FontLocator, UnreadableFaceLacksEverything) {
    const FontFace ghost{"/nonexistent/zwgk/NoSuchFont.ttc", 0, "Ghost", "Regular"};
    EXPECT_EQ(missingGlyphs(ghost, U"政务政"), U"政务");
    GlyphCoverage cov(ghost);
    EXPECT_FALSE(cov.ok());
    EXPECT_NE(cov.error().find("NoSuchFont.ttc"), std::string::npos) << cov.error();
    EXPECT_FALSE(inspectFontFile(ghost.path).has_value());
}
