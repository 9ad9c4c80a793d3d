#include "self_test.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <vector>

#include "app.h"
#include "font_locator.h"
#include "handwriting.h"
#include "pinyin.h"
#include "pinyin_engine.h"
#include "print_queue.h"
#include "script_convert.h"
#include "sdl_platform.h"
#include "store.h"
#include "ui_strings.h"

namespace zwgk {
namespace {

class Report {
public:
    void ok(const char* name, const std::string& detail) { line("ok", name, detail); }
    void fail(const char* name, const std::string& detail) {
        line("FAIL", name, detail);
        failed_ = true;
    }
    void info(const char* name, const std::string& detail) { line("info", name, detail); }
    bool failed() const { return failed_; }

private:
    static void line(const char* verdict, const char* name, const std::string& detail) {
        std::printf("%s %s: %s\n", verdict, name, detail.c_str());
        std::fflush(stdout);
    }
    bool failed_ = false;  // any check failed
};

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "none" : out;
}

void checkFrame(App& app, SdlPlatform& platform, const SelfTestOptions& options, Report& report) {
    platform.renderFrame(platform.clockSeconds());
    const AtlasReport& atlas = app.atlasReport();
    std::string detail = "drawn off-screen, glyph atlas " + std::to_string(atlas.glyphs) + " glyphs";
    if (!options.shotPath.empty()) {
        std::string error;
        if (!platform.saveScreenshot(options.shotPath, error)) {
            report.fail("frame", "cannot save " + options.shotPath + ": " + error);
            return;
        }
        detail += ", saved to " + options.shotPath;
    }
    if (atlas.glyphs <= 0) report.fail("frame", "the glyph atlas is empty");
    else report.ok("frame", detail);
}

void checkFonts(Report& report) {
    const FontChoice fonts = chooseUiFonts();
    for (const std::string& problem : fonts.problems) report.info("fonts", problem);
    if (!fonts.primary) {
        report.fail("fonts", "Noto Sans CJK SC Regular not found (fonts-noto-cjk)");
        return;
    }
    const std::u32string sample = U"政务公开专区依申请公开进度查询";
    const std::u32string missing = missingGlyphs(*fonts.primary, sample);
    if (!missing.empty()) {
        report.fail("fonts", fonts.primary->path + " lacks " + std::to_string(missing.size()) + " common characters");
        return;
    }
    report.ok("fonts", fonts.primary->family + " " + fonts.primary->path + ":" + std::to_string(fonts.primary->index) +
                           "; fallback " + (fonts.fallback ? fonts.fallback->path : std::string("none")));
}

void checkStrings(const SelfTestOptions& options, Report& report) {
    Strings strings;
    std::string error;
    if (!strings.load(options.assetDir + "/strings/zh-Hans.json", error)) {
        report.fail("strings", error);
        return;
    }
    report.ok("strings", options.assetDir + "/strings/zh-Hans.json: " + strings.get("app.title"));
}

void checkInputMethods(Report& report) {
    PinyinEngine pinyin;
    std::string error;
    if (!pinyin.open(error)) {
        report.fail("pinyin", error);
    } else {
        pinyin.input("zwgk");
        const std::vector<std::string> candidates = pinyin.candidates(0, 10);
        if (std::find(candidates.begin(), candidates.end(), "政务公开") == candidates.end())
            report.fail("pinyin", "zwgk does not offer 政务公开 (candidates: " + joined(candidates) + ")");
        else report.ok("pinyin", "zwgk → 政务公开");
    }
    HandwritingRecognizer handwriting;
    if (!handwriting.open(error)) {
        report.fail("handwriting", error);
        return;
    }
    // One horizontal stroke across the box: 一 must be among the candidates.
    const std::vector<HandwritingRecognizer::Stroke> strokes = {{{20, 100}, {100, 98}, {180, 100}}};
    const std::vector<std::string> read = handwriting.recognize(strokes, 200, 200);
    if (std::find(read.begin(), read.end(), "一") == read.end())
        report.fail("handwriting", "a horizontal stroke is not read as 一 (candidates: " + joined(read) + ")");
    else report.ok("handwriting", "a horizontal stroke → 一");
}

void checkDictionaries(Report& report) {
    const size_t words = search::preparePinyin();
    if (words == 0) report.fail("dictionary", "the pinyin word list is missing (rime-data-pinyin-simp)");
    else report.ok("dictionary", std::to_string(words) + " words with pinyin");
    ScriptConverter converter;
    if (!converter.available()) {
        report.fail("opencc", converter.error());
        return;
    }
    const std::string traditional = converter.toTraditional("政务公开");
    if (traditional != "政務公開") report.fail("opencc", "政务公开 → " + traditional);
    else report.ok("opencc", "政务公开 → 政務公開");
}

// The store may legitimately be absent or empty on a terminal awaiting its setup.
std::unique_ptr<Store> checkStore(const SelfTestOptions& options, Report& report) {
    try {
        auto store = Store::open(options.dbPath, Store::Mode::ReadOnly);
        if (!store->hasContent()) {
            report.info("store", options.dbPath + " opens, no content yet");
        } else {
            const ContentMeta meta = store->meta();
            report.ok("store", options.dbPath + ": " + meta.zoneName + ", content version " + std::to_string(meta.version));
        }
        return store;
    } catch (const StoreError& e) {
        if (e.kind() == StoreErrorKind::Missing) report.info("store", "not provisioned: " + std::string(e.what()));
        else report.fail("store", e.what());
    } catch (const std::exception& e) {
        report.fail("store", e.what());
    }
    return nullptr;
}

void checkPrinting(const Store* store, Report& report) {
    const std::string server = store ? store->effectiveSetting("printer.server").value_or("") : "";
    std::string error;
    const std::vector<std::string> queues = listQueues(server, error);
    if (!error.empty()) {
        report.fail("cups", error);
        return;
    }
    report.ok("cups", "queues: " + joined(queues));
    if (!store) return;
    for (const char* key : {"printer.receipt", "printer.a4"}) {
        const std::optional<std::string> queue = store->effectiveSetting(key);
        if (!queue) continue;
        if (std::find(queues.begin(), queues.end(), *queue) == queues.end())
            report.fail("cups", std::string(key) + " names \"" + *queue + "\", which CUPS does not have");
    }
}

}  // namespace

int runSelfTest(App& app, SdlPlatform& platform, const SelfTestOptions& options) {
    Report report;
    checkFrame(app, platform, options, report);
    checkFonts(report);
    checkStrings(options, report);
    checkInputMethods(report);
    checkDictionaries(report);
    const std::unique_ptr<Store> store = checkStore(options, report);
    checkPrinting(store.get(), report);
    std::printf("self-test %s\n", report.failed() ? "FAILED" : "passed");
    return report.failed() ? 1 : 0;
}

}  // namespace zwgk
