// A terminal of the OS image before its first-boot setup (image/README.md) has no store yet.
// Started with --setup-status it says how to finish the setup, with what the last attempt
// found missing, instead of "the data file is missing"; once provisioning has made the
// store, 重新加载 (or the restart provisioning does) shows the home screen.
#include <filesystem>
#include <fstream>

#include "kiosk_fixture.h"

namespace zwgk::test {

class KioskUiSetup : public KioskUi {
protected:
    void SetUp() override {}
};

TEST_F(KioskUiSetup, MissingStoreBeforeSetupShowsHowToSetUp) {
    namespace fs = std::filesystem;
    const std::string dir = buildDir() + "/test-stores/" + testName();
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string path = dir + "/content.db";
    std::ofstream(dir + "/provision-status") << "未找到配置文件：请插入含 zwgk-setup 文件夹的配置U盘。\n";
    baseOptions_.setupStatusPath = dir + "/provision-status";
    start(path);
    run("shot setup-needed");
    EXPECT_EQ(top().kind, ScreenKind::Error);
    EXPECT_TRUE(onScreen("本终端尚未完成设置"));
    EXPECT_TRUE(onScreen("未找到配置文件"));
    EXPECT_FALSE(onScreen("找不到本机的内容数据文件"));
    EXPECT_FALSE(onScreen("kiosk-sync 重新导入")) << "staff are told about the setup stick, not a re-import";
    EXPECT_FALSE(fs::exists(path)) << "the kiosk must not create the store provisioning makes";

    Store::open(path, Store::Mode::Create)->importContent(loadContentSource(sourceDir() + "/assets/content"));
    run("tap 重新加载\nshot set-up");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    EXPECT_TRUE(onScreen("政府信息查询"));
}

TEST_F(KioskUiSetup, WithoutAStatusFileTheSetupMessageStands) {
    namespace fs = std::filesystem;
    const std::string dir = buildDir() + "/test-stores/" + testName();
    fs::remove_all(dir);
    fs::create_directories(dir);
    baseOptions_.setupStatusPath = dir + "/provision-status";  // provisioning has not run yet
    start(dir + "/content.db");
    run("shot setup-needed");
    EXPECT_EQ(top().kind, ScreenKind::Error);
    EXPECT_TRUE(onScreen("本终端尚未完成设置"));
    EXPECT_TRUE(onScreen("cannot open store")) << "the detail falls back to the store error";
}

}  // namespace zwgk::test
