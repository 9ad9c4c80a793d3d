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
