// The kiosk program as scripts and staff start it: headless scripts, screenshots, and the
// bad inputs of the command line (unknown screen, bad script, unwritable screenshot folder,
// broken store, missing font), each with a clear message and the documented exit code.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "kiosk_fixture.h"

namespace zwgk::test {
namespace {

struct KioskRun {
    int exitCode = -1;   // process exit status
    std::string output;  // stdout and stderr together
};

KioskRun kiosk(const std::string& args, const std::string& env = "") {
    const std::string command = env + " " + buildDir() + "/bin/kiosk " + args + " 2>&1";
    KioskRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return run;
    std::array<char, 4096> buffer{};
    size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

std::string writeScript(const std::string& name, const std::string& text) {
    const std::string dir = buildDir() + "/test-scripts";
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/" + name + ".script";
    std::ofstream(path) << text;
    return path;
}

class KioskCli : public ::testing::Test {
protected:
    void SetUp() override {
        db_ = makeDemoStore();
        shots_ = buildDir() + "/ui-shots/" + testName();
        std::filesystem::remove_all(shots_);
    }
    std::string common() const { return "--db " + db_ + " --headless --today 2026-11-25 --shots " + shots_; }
    std::string db_;     // this test's demo store
    std::string shots_;  // this test's screenshot folder
};

}  // namespace

TEST_F(KioskCli, TourRunsAndWritesEveryScreenshot) {
    const KioskRun run = kiosk(common() + " --script " + sourceDir() + "/assets/tour.script");
    ASSERT_EQ(run.exitCode, 0) << run.output;
    int shots = 0;
    for (const auto& entry : std::filesystem::directory_iterator(shots_)) {
        EXPECT_GT(std::filesystem::file_size(entry.path()), 20000u) << entry.path() << " looks blank";
        ++shots;
    }
    EXPECT_GE(shots, 14);
    EXPECT_NE(run.output.find("screenshot: " + shots_ + "/01-home.png"), std::string::npos) << run.output;
}

TEST_F(KioskCli, ExpectFailureNamesTheLineAndExits1) {
    const KioskRun run = kiosk(common() + " --script " + writeScript(testName(), "tap 政府信息查询\nexpect 不存在的文字\n"));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.output.find("line 2"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("不存在的文字"), std::string::npos) << run.output;
}

TEST_F(KioskCli, UnknownScreenIsAClearError) {
    const KioskRun run = kiosk(common() + " --script " + writeScript(testName(), "screen no-such-screen\n"));
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_NE(run.output.find("unknown screen \"no-such-screen\""), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("browse-agency"), std::string::npos) << "the message lists the known screens";
}

TEST_F(KioskCli, MalformedScriptIsRejectedBeforeRunning) {
    const KioskRun run = kiosk(common() + " --script " + writeScript(testName(), "shot a\ntapp 1 2\ndrag 1 2 3\n"));
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.output.find("line 2: unknown command 'tapp'"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("line 3: drag needs X1 Y1 X2 Y2 MS"), std::string::npos) << run.output;
    EXPECT_FALSE(std::filesystem::exists(shots_ + "/a.png")) << "nothing runs when the script is malformed";
}

TEST_F(KioskCli, UnwritableScreenshotFolderIsAClearError) {
    // A regular file where the folder should be: root can write anywhere, but not into a file.
    const std::string blocker = buildDir() + "/test-scripts/blocker-file";
    std::filesystem::create_directories(buildDir() + "/test-scripts");
    std::ofstream(blocker) << "x";
    const KioskRun run = kiosk("--db " + db_ + " --headless --script " + writeScript(testName(), "shot a\n") +
                          " --shots " + blocker + "/shots");
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.output.find("cannot create the screenshot folder"), std::string::npos) << run.output;
}

TEST_F(KioskCli, CorruptStoreShowsTheErrorScreenAndExits3) {
    const std::string bad = buildDir() + "/test-stores/" + testName() + "-corrupt.db";
    std::ofstream(bad, std::ios::trunc) << std::string(8192, 'z');
    const KioskRun run = kiosk("--db " + bad + " --headless --today 2026-11-25 --shots " + shots_ + " --script " +
                          writeScript(testName(), "expect 暂时无法提供服务\nexpect 已损坏\nshot corrupt\n"));
    EXPECT_EQ(run.exitCode, 3) << run.output;
    EXPECT_NE(run.output.find("unusable"), std::string::npos) << run.output;
    EXPECT_TRUE(std::filesystem::exists(shots_ + "/corrupt.png"));
}

TEST_F(KioskCli, MissingPrimaryFontFallsBackAndSaysSo) {
    const KioskRun run = kiosk(common() + " --script " + writeScript(testName(), "expect 政府信息查询\nshot fallback\n"),
                          "ZWGK_FONT_PRIMARY=/nonexistent/NotoSansCJK.ttc");
    EXPECT_EQ(run.exitCode, 0) << run.output;
    EXPECT_NE(run.output.find("/nonexistent/NotoSansCJK.ttc"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("primary CJK font missing"), std::string::npos) << run.output;
}

TEST_F(KioskCli, BadCommandLineIsAUsageError) {
    EXPECT_EQ(kiosk("--no-such-option").exitCode, 2);
    EXPECT_EQ(kiosk("--windowed 10").exitCode, 2);
    const KioskRun run = kiosk("--script x.script");
    EXPECT_EQ(run.exitCode, 2);
    EXPECT_NE(run.output.find("--script needs --headless"), std::string::npos) << run.output;
}

}  // namespace zwgk::test

namespace zwgk::test {

// Every scripted walk in tests/ui/scripts runs clean (their expect lines are the checks).
TEST_F(KioskCli, ScriptedWalksPass) {
    int scripts = 0;
    for (const auto& entry : std::filesystem::directory_iterator(sourceDir() + "/tests/ui/scripts")) {
        if (entry.path().extension() != ".script") continue;
        ++scripts;
        const std::string shots = shots_ + "/" + entry.path().stem().string();
        const KioskRun run = kiosk("--db " + db_ + " --headless --today 2026-11-25 --shots " + shots +
                                   " --script " + entry.path().string());
        EXPECT_EQ(run.exitCode, 0) << entry.path() << "\n" << run.output;
    }
    EXPECT_GE(scripts, 1);
}

}  // namespace zwgk::test

namespace zwgk::test {

// A machine with no Chinese font at all: the kiosk cannot draw a single label, so it stops
// with a message that names the packages to install instead of showing empty boxes.
TEST_F(KioskCli, NoChineseFontAtAllIsAClearError) {
    const std::string dir = buildDir() + "/test-scripts/no-fonts";
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/fonts.conf") << "<?xml version=\"1.0\"?>\n<fontconfig><dir>" << dir
                                       << "/none</dir><cachedir>" << dir << "/cache</cachedir></fontconfig>\n";
    const KioskRun run = kiosk(common() + " --script " + writeScript(testName(), "shot never\n"),
                               "FONTCONFIG_FILE=" + dir + "/fonts.conf ZWGK_FONT_PRIMARY=/nonexistent/font.ttc");
    EXPECT_EQ(run.exitCode, 1) << run.output;
    EXPECT_NE(run.output.find("no Chinese font found (install fonts-noto-cjk or fonts-wqy-zenhei)"),
              std::string::npos)
        << run.output;
    EXPECT_FALSE(std::filesystem::exists(shots_ + "/never.png"));
}

}  // namespace zwgk::test

namespace zwgk::test {

// --usb-root points the terminal's stick watcher at a folder (tests, kiosks that mount
// sticks elsewhere); --no-sync turns the background sync off.
TEST_F(KioskCli, UsbRootWatchesTheGivenFolderAndNoSyncTurnsItOff) {
    const std::filesystem::path root = buildDir() + "/test-usb/" + testName();
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root / "STICK" / "zwgk");
    // This store trusts no root key yet: the report says so instead of importing.
    const KioskRun off = kiosk(common() + " --usb-root " + root.string() + " --no-sync --script " +
                               writeScript(testName() + "-off", "expect 欢迎使用政务公开专区\nexpect-not U盘处理完毕\n"));
    EXPECT_EQ(off.exitCode, 0) << off.output;
    EXPECT_FALSE(std::filesystem::exists(root / "STICK" / "zwgk" / "export")) << "--no-sync: the stick is left alone";
    const KioskRun on = kiosk(common() + " --usb-root " + root.string() + " --script " +
                              writeScript(testName(), "await 30000 U盘处理完毕\nshot usb-report\n"
                                                      "expect 本机尚未设置根密钥\ntap 完成\nexpect-not U盘处理完毕\n"));
    EXPECT_EQ(on.exitCode, 0) << on.output;
    EXPECT_TRUE(std::filesystem::exists(shots_ + "/usb-report.png"));
    EXPECT_TRUE(std::filesystem::exists(root / "STICK" / "zwgk" / "export" / "LL01" / "heartbeat.json"))
        << "the export ran: " << on.output;
    EXPECT_EQ(kiosk(common() + " --usb-root").exitCode, 2) << "--usb-root needs a folder";
}

}  // namespace zwgk::test
