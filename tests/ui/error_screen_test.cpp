// A store the terminal cannot use gives a Chinese explanation on screen, not a crash or a
// blank screen, and 重新加载 recovers once the store is fixed.
#include <fstream>

#include "kiosk_fixture.h"

namespace zwgk::test {

class KioskUiBadStore : public KioskUi {
protected:
    void SetUp() override {}
};

TEST_F(KioskUiBadStore, MissingStoreIsExplained) {
    const std::string path = buildDir() + "/test-stores/does-not-exist.db";
    std::filesystem::remove(path);
    start(path);
    run("shot missing");
    EXPECT_EQ(top().kind, ScreenKind::Error);
    EXPECT_TRUE(onScreen("暂时无法提供服务"));
    EXPECT_TRUE(onScreen("找不到本机的内容数据文件"));
    EXPECT_TRUE(onScreen("请联系大厅工作人员"));
    EXPECT_FALSE(std::filesystem::exists(path)) << "the kiosk must not create an empty store by accident";
}

TEST_F(KioskUiBadStore, CorruptStoreIsExplainedAndRetryRecovers) {
    const std::string path = buildDir() + "/test-stores/" + testName() + ".db";
    std::filesystem::create_directories(buildDir() + "/test-stores");
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        for (int i = 0; i < 5000; ++i) out << "not a database ";
    }
    start(path);
    run("shot corrupt");
    EXPECT_EQ(top().kind, ScreenKind::Error);
    EXPECT_TRUE(onScreen("已损坏"));
    // Staff repair the store; the retry button brings the terminal back.
    std::filesystem::remove(path);
    {
        auto store = Store::open(path, Store::Mode::Create);
        store->importContent(loadContentSource(sourceDir() + "/assets/content"));
    }
    run("tap 重新加载\nshot recovered");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    EXPECT_TRUE(onScreen("政府信息查询"));
}

TEST_F(KioskUiBadStore, EmptyStoreIsExplained) {
    const std::string path = buildDir() + "/test-stores/" + testName() + ".db";
    std::filesystem::create_directories(buildDir() + "/test-stores");
    std::filesystem::remove(path);
    Store::open(path, Store::Mode::Create);
    start(path);
    run("shot empty");
    EXPECT_EQ(top().kind, ScreenKind::Error);
    EXPECT_TRUE(onScreen("还没有导入任何内容"));
}

}  // namespace zwgk::test

namespace zwgk::test {

// kiosk-sync imports new content while the terminal runs: the terminal picks it up on the
// home screen (never under a citizen's finger), with the new glyphs in its font atlas.
TEST_F(KioskUi, NewContentIsPickedUpOnTheHomeScreen) {
    run("tap 政府信息查询\ntap 按年份");
    ContentSet content = loadContentSource(sourceDir() + "/assets/content");
    content.meta.version += 1;
    content.meta.generated = "2026-11-24";
    content.meta.zoneName = "临澜县政务公开专区（鑫淼分馆）";  // 鑫淼: characters new to the atlas
    Store::open(dbPath_, Store::Mode::ReadWrite)->importContent(content);

    EXPECT_FALSE(app_->poll()) << "not while the citizen is browsing";
    EXPECT_EQ(top().kind, ScreenKind::Browse);
    run("tap 首页\nshot reloaded");
    EXPECT_TRUE(onScreen("内容更新于 2026-11-24"));
    EXPECT_TRUE(onScreen("鑫淼分馆"));
    EXPECT_TRUE(app_->atlasReport().missing.empty());
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    EXPECT_NE(font->FindGlyphNoFallback(0x946B), nullptr) << "鑫 must be in the rebuilt atlas";

    // On the home screen itself, polling applies new content directly.
    content.meta.generated = "2026-11-25";
    Store::open(dbPath_, Store::Mode::ReadWrite)->importContent(content);
    EXPECT_TRUE(app_->poll());
    run("wait 100");
    EXPECT_TRUE(onScreen("内容更新于 2026-11-25"));
}

}  // namespace zwgk::test
