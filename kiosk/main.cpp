// kiosk: the 政务公开专区 touchscreen program.
//
//   kiosk [--db PATH] [--windowed W H] [--profile hall|library]
//   kiosk [--db PATH] --headless --script FILE --shots DIR [--size W H] [--today YYYY-MM-DD]
//   kiosk … [--usb-root DIR]… [--no-sync] [--log-dir DIR] [--setup-status FILE]
//   kiosk [--db PATH] --headless --self-test [--shots DIR]
//
// Without --db the terminal uses the demo store, importing the built-in demo content first
// if the store does not exist yet. Exit codes: 0 done; 1 a script step failed or the
// terminal cannot run (no font, no strings); 2 bad command line, unreadable script or
// unwritable screenshot folder; 3 headless run finished but the content store is unusable.
// --self-test: 0 every check passed, 1 one failed (self_test.h).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app.h"
#include "content_source.h"
#include "install_layout.h"
#include "script.h"
#include "script_runner.h"
#include "self_test.h"
#include "sdl_platform.h"
#include "store.h"
#include "submission.h"

#ifndef ZWGK_ASSET_DIR
#define ZWGK_ASSET_DIR "assets"
#endif
#ifndef ZWGK_DEMO_DB
#define ZWGK_DEMO_DB "demo.db"
#endif

namespace {

constexpr const char* kUsage =
    "usage: kiosk [options]\n"
    "  --db PATH            content store (default: the demo store, created on first use)\n"
    "  --windowed W H       a W×H window instead of fullscreen (development)\n"
    "  --profile NAME       zone profile: hall (service hall, default) or library\n"
    "  --headless           no display: offscreen software rendering\n"
    "  --script FILE        run a headless script (one command per line; see README)\n"
    "  --shots DIR          folder for the script's screenshots (created if missing)\n"
    "  --size W H           headless screen size (default 1920 1080)\n"
    "  --today YYYY-MM-DD   the date the terminal assumes (tests)\n"
    "  --assets DIR         assets folder (default: the installed or source assets)\n"
    "  --usb-root DIR       watch DIR for USB sticks instead of /media and /run/media (repeatable)\n"
    "  --no-sync            no background sync (no online rounds, no USB sticks)\n"
    "  --setup-status FILE  awaiting first-boot setup (OS image): a missing store shows the\n"
    "                       setup message, with FILE's first line as the detail\n"
    "  --self-test          headless: draw one frame, check fonts, strings, input methods,\n"
    "                       dictionaries, the store and the CUPS queues; print a report\n"
    "  --log-dir DIR        structured log folder (default: logs/ beside the store; kiosk.log, rotated)\n"
    "  --exit-after-first-frame  headless: draw one frame, print its time and peak memory, exit\n"
    "  --run-for MS         headless without a script: run the idle loop for MS ms, print frames\n"
    "  --version            print the version\n";

int usageError(const std::string& message) {
    std::fprintf(stderr, "kiosk: %s\n%s", message.c_str(), kUsage);
    return 2;
}

bool parseSize(int argc, char** argv, int& i, int& w, int& h) {
    if (i + 2 >= argc) return false;
    w = std::atoi(argv[i + 1]);
    h = std::atoi(argv[i + 2]);
    i += 2;
    return w >= 320 && h >= 240 && w <= 8192 && h <= 8192;
}

// The demo store is made from the built-in content the first time it is needed.
bool ensureDemoStore(const std::string& path, const std::string& assetDir) {
    if (std::filesystem::exists(path)) return true;
    try {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        const zwgk::ContentSet content = zwgk::loadContentSource(assetDir + "/content");
        auto store = zwgk::Store::open(path, zwgk::Store::Mode::Create);
        store->importContent(content);
        zwgk::configureDemoTerminal(*store);
        std::fprintf(stderr, "kiosk: created the demo store %s\n", path.c_str());
        return true;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "kiosk: cannot create the demo store %s: %s\n", path.c_str(), e.what());
        return false;
    }
}

// VmHWM: the most resident memory the process has used so far.
long peakRssKib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

bool prepareShotDir(const std::string& dir, std::string& error) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || !std::filesystem::is_directory(dir)) {
        error = "cannot create the screenshot folder " + dir + (ec ? ": " + ec.message() : "");
        return false;
    }
    if (::access(dir.c_str(), W_OK) != 0) {
        error = "the screenshot folder " + dir + " is not writable";
        return false;
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    zwgk::AppOptions appOptions;
    zwgk::PlatformOptions platformOptions;
    std::string scriptPath, shotDir;
    bool dbGiven = false;
    bool exitAfterFirstFrame = false;
    bool selfTest = false;
    int runForMs = 0;
    appOptions.assetDir = std::getenv("ZWGK_ASSET_DIR") ? std::getenv("ZWGK_ASSET_DIR") : zwgk::defaultAssetDir(ZWGK_ASSET_DIR);
    appOptions.dbPath = ZWGK_DEMO_DB;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) return false;
            out = argv[++i];
            return true;
        };
        if (arg == "--db") {
            if (!value(appOptions.dbPath)) return usageError("--db needs a path");
            dbGiven = true;
        } else if (arg == "--windowed") {
            if (!parseSize(argc, argv, i, platformOptions.width, platformOptions.height))
                return usageError("--windowed needs a width and a height");
            platformOptions.fullscreen = false;
        } else if (arg == "--size") {
            if (!parseSize(argc, argv, i, platformOptions.width, platformOptions.height))
                return usageError("--size needs a width and a height");
        } else if (arg == "--headless") {
            platformOptions.headless = true;
        } else if (arg == "--script") {
            if (!value(scriptPath)) return usageError("--script needs a file");
        } else if (arg == "--shots") {
            if (!value(shotDir)) return usageError("--shots needs a folder");
        } else if (arg == "--profile") {
            if (!value(appOptions.profile) || (appOptions.profile != "hall" && appOptions.profile != "library"))
                return usageError("--profile is hall or library");
        } else if (arg == "--today") {
            if (!value(appOptions.today) || appOptions.today.size() != 10)
                return usageError("--today needs a date YYYY-MM-DD");
        } else if (arg == "--assets") {
            if (!value(appOptions.assetDir)) return usageError("--assets needs a folder");
        } else if (arg == "--usb-root") {
            std::string dir;
            if (!value(dir)) return usageError("--usb-root needs a folder");
            appOptions.usbRoots.push_back(dir);
        } else if (arg == "--no-sync") {
            appOptions.sync = false;
        } else if (arg == "--setup-status") {
            if (!value(appOptions.setupStatusPath)) return usageError("--setup-status needs a file");
        } else if (arg == "--self-test") {
            selfTest = true;
        } else if (arg == "--log-dir") {
            if (!value(appOptions.logDir)) return usageError("--log-dir needs a folder");
        } else if (arg == "--exit-after-first-frame") {
            exitAfterFirstFrame = true;
        } else if (arg == "--run-for") {
            std::string ms;
            if (!value(ms) || std::atoi(ms.c_str()) <= 0) return usageError("--run-for needs milliseconds");
            runForMs = std::atoi(ms.c_str());
        } else if (arg == "--version") {
            std::printf("kiosk 0.1.0\n");
            return 0;
        } else if (arg == "--help" || arg == "-h") {
            std::printf("%s", kUsage);
            return 0;
        } else {
            return usageError("unknown option " + arg);
        }
    }
    if (!scriptPath.empty() && !platformOptions.headless) return usageError("--script needs --headless");
    if (selfTest && (!platformOptions.headless || !scriptPath.empty()))
        return usageError("--self-test needs --headless and no --script");
    if (selfTest) appOptions.sync = false;  // one frame and the checks: nothing in the background

    std::vector<zwgk::ScriptCommand> commands;
    if (!scriptPath.empty()) {
        std::ifstream in(scriptPath);
        if (!in) return usageError("cannot read the script " + scriptPath);
        std::stringstream text;
        text << in.rdbuf();
        const zwgk::ScriptParseResult parsed = zwgk::parseScript(text.str());
        if (!parsed.errors.empty()) {
            for (const auto& e : parsed.errors) std::fprintf(stderr, "kiosk: %s: %s\n", scriptPath.c_str(), e.c_str());
            return 2;
        }
        commands = parsed.commands;
        if (shotDir.empty()) shotDir = ".";
        std::string error;
        if (!prepareShotDir(shotDir, error)) {
            std::fprintf(stderr, "kiosk: %s\n", error.c_str());
            return 2;
        }
    }
    if (!dbGiven && !selfTest) ensureDemoStore(appOptions.dbPath, appOptions.assetDir);

    zwgk::SdlPlatform platform;
    std::string error;
    if (!platform.open(platformOptions, error)) {
        std::fprintf(stderr, "kiosk: %s\n", error.c_str());
        if (!platformOptions.headless)
            std::fprintf(stderr, "kiosk: no display? run with --headless --script FILE --shots DIR\n");
        return 1;
    }
    zwgk::App app;
    platform.attach(app);
    if (!app.init(appOptions, platform.displaySize(), error)) {
        std::fprintf(stderr, "kiosk: cannot start: %s\n", error.c_str());
        return 1;
    }
    if (selfTest) {
        zwgk::SelfTestOptions test;
        test.dbPath = appOptions.dbPath;
        test.assetDir = appOptions.assetDir;
        if (!shotDir.empty()) {
            if (!prepareShotDir(shotDir, error)) {
                std::fprintf(stderr, "kiosk: %s\n", error.c_str());
                return 2;
            }
            test.shotPath = shotDir + "/self-test.png";
        }
        return zwgk::runSelfTest(app, platform, test);
    }
    if (exitAfterFirstFrame || runForMs > 0) {
        // Benchmark hooks: kiosk-bench measures from its fork to this line.
        platform.renderFrame(platform.clockSeconds());
        const zwgk::AtlasReport& atlas = app.atlasReport();
        std::printf("first-frame-ms %.2f\npeak-rss-kib %ld\natlas-ms %.2f\natlas-glyphs %d\natlas-size %dx%d\n",
                    platform.clockSeconds() * 1000.0, peakRssKib(), atlas.buildMs, atlas.glyphs, atlas.textureWidth,
                    atlas.textureHeight);
        std::fflush(stdout);
        if (exitAfterFirstFrame) return 0;
        long frames = 0, idleFrames = 0;
        platform.runInteractive(runForMs, &frames, &idleFrames);
        std::printf("frames %ld\nframes-after-settle %ld\n", frames, idleFrames);
        return 0;
    }
    if (!platformOptions.headless) {
        platform.runInteractive(0);
        return 0;
    }
    zwgk::ScriptRunner runner(app, platform, shotDir.empty() ? "." : shotDir);
    const zwgk::ScriptResult result = runner.run(commands);
    for (const std::string& shot : result.shots) std::printf("screenshot: %s\n", shot.c_str());
    if (!result.ok) {
        std::fprintf(stderr, "kiosk: %s: %s\n", scriptPath.c_str(), result.failure.c_str());
        return 1;
    }
    if (!app.storeUsable()) {
        std::fprintf(stderr, "kiosk: the content store is unusable: %s\n", app.storeError().c_str());
        return 3;
    }
    return 0;
}
