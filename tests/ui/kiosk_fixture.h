// A real terminal for UI tests: the SDL offscreen driver, the software renderer, a demo
// store imported from assets/content into the build folder, the real fonts, and the same
// script runner as `kiosk --headless`. Screenshots of each test land in
// build/ui-shots/<Suite>.<Test>/ so that a person can look at them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "app.h"
#include "content_source.h"
#include "script.h"
#include "script_runner.h"
#include "sdl_platform.h"
#include "store.h"
#include "submission.h"

namespace zwgk::test {

inline std::string sourceDir() { return ZWGK_SOURCE_DIR; }
inline std::string buildDir() { return ZWGK_BUILD_DIR; }

inline std::string testName() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return std::string(info->test_suite_name()) + "." + info->name();
}

// Every byte of PATH ("" when it cannot be read): for looking into store and log files.
inline std::string fileBytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The application wizard from the home screen's tile to the review page, steps 1–6, typed
// through the on-screen keyboard's pinyin: a citizen applying for the 低保 list.
inline constexpr const char* kFillApplicationToReview =
    "tap 依申请公开\ntap 开始填写\ntap 公民\ntap 下一步\n"
    "tap 请输入您的姓名\ntype li\ntap 李\ntype hong\ntap 红\ntap 完成\n"
    "tap 请输入证件号码\ntype 11010519491231002X\ntap 完成\ntap 下一步\n"
    "tap 11位手机号码\ntype 13912345678\ntap 完成\n"
    "tap 省、市、县（区）、乡镇（街道）、门牌号\ntype chengguan\ntap 城关\ntype zhen\ntap 镇\ntype 88\ntype hao\ntap 号\ntap 完成\n"
    "tap 下一步\n"
    "tap 例如：东山村土地征收补偿安置方案\ntype dibao\ntap 低保\ntap 完成\ntap 下一步\n"
    "tap 纸质\ntap 现场领取\ntap 下一步";

// Staff mode's hidden door: holding the top bar's date 3.4 s.
inline constexpr const char* kHoldDate = "drag 1800 60 1800 60 3400";

// Script lines that tap the staff PIN pad's keys for PIN, then 确定.
inline std::string pinKeys(const std::string& pin) {
    std::string lines;
    for (char c : pin) lines += std::string("tap ") + c + "\n";
    return lines + "tap 确定\n";
}

// A fresh demo store for this test (tests run in parallel processes: no sharing).
inline std::string makeDemoStore() {
    const std::filesystem::path dir = std::filesystem::path(buildDir()) / "test-stores";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / (testName() + ".db")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(path + suffix);
        std::filesystem::remove(Outbox::pathForStore(path) + suffix);
    }
    auto store = Store::open(path, Store::Mode::Create);
    store->importContent(loadContentSource(sourceDir() + "/assets/content"));
    configureDemoTerminal(*store);
    return path;
}

class KioskUi : public ::testing::Test {
protected:
    void SetUp() override { start(makeDemoStore()); }

    void start(const std::string& dbPath, const std::string& profile = "hall", int width = 1920,
               int height = 1080) {
        dbPath_ = dbPath;
        shots_ = (std::filesystem::path(buildDir()) / "ui-shots" / testName()).string();
        std::filesystem::remove_all(shots_);
        std::filesystem::create_directories(shots_);
        platform_ = std::make_unique<SdlPlatform>();
        std::string error;
        PlatformOptions options;
        options.headless = true;
        options.fullscreen = false;
        options.width = width;
        options.height = height;
        ASSERT_TRUE(platform_->open(options, error)) << error;
        app_ = std::make_unique<App>();
        platform_->attach(*app_);
        AppOptions appOptions = baseOptions_;
        // The sync worker runs in every test, watching a folder of the test's own rather
        // than the machine's /media.
        if (appOptions.usbRoots.empty())
            appOptions.usbRoots = {(std::filesystem::path(buildDir()) / "test-usb" / testName() / "none").string()};
        appOptions.dbPath = dbPath;
        // Each test logs to a folder of its own (tests run in parallel processes).
        if (appOptions.logDir.empty()) {
            appOptions.logDir = (std::filesystem::path(buildDir()) / "test-logs" / testName()).string();
            std::filesystem::remove_all(appOptions.logDir);
        }
        logDir_ = appOptions.logDir;
        appOptions.assetDir = sourceDir() + "/assets";
        appOptions.today = "2026-11-25";
        appOptions.profile = profile;
        ASSERT_TRUE(app_->init(appOptions, platform_->displaySize(), error)) << error;
        runner_ = std::make_unique<ScriptRunner>(*app_, *platform_, shots_);
        runner_->settle();
    }

    void TearDown() override {
        runner_.reset();
        app_.reset();
        platform_.reset();
    }

    // Runs script lines; the first failing line fails the test with the runner's message.
    void run(const std::string& script) {
        const ScriptParseResult parsed = parseScript(script);
        ASSERT_TRUE(parsed.errors.empty()) << parsed.errors.front();
        for (const ScriptCommand& cmd : parsed.commands) {
            std::string error;
            ASSERT_TRUE(runner_->step(cmd, error)) << "script line " << cmd.line << ": " << error;
        }
    }

    // A second connection for the expectations, so tests compare with the store itself.
    std::unique_ptr<Store> openStore() { return Store::open(dbPath_, Store::Mode::ReadOnly); }

    const Route& top() const { return app_->state().top(); }
    bool onScreen(const std::string& text) const { return app_->trace().contains(text); }

    AppOptions baseOptions_;                     // sync options and the like; start() sets the rest
    std::string dbPath_;                         // this test's store
    std::string logDir_;                         // this test's log folder (event_log.h)
    std::string shots_;                          // this test's screenshot folder
    std::unique_ptr<SdlPlatform> platform_;      // offscreen window, software renderer
    std::unique_ptr<App> app_;                   // the terminal
    std::unique_ptr<ScriptRunner> runner_;       // scripted input on a virtual clock
};

}  // namespace zwgk::test
