// 扫码带走 (issue 6) and the village QR wall: every code on screen is decoded from the
// screenshot with zbarimg and must carry exactly the item's address (or, for a village item
// without one, its summary text); the codes are checked pixel by pixel against the encoder's
// matrix (black on pure white, whole-pixel modules of at least 6 px, 4-module quiet zone).
// Screenshots: build/ui-shots/KioskQr.<Test>/.

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>

#include "cups_test_support.h"
#include "kiosk_fixture.h"
#include "qr_code.h"
#include "screens.h"

#include "screenshot_image.h"

namespace zwgk::test {
namespace {

// zbarimg complains about D-Bus on stderr: only stdout is read.
cupstest::CommandResult runShell(const std::string& command) { return cupstest::runCommand(command, false); }
using cupstest::shellQuote;

// Every symbol zbarimg finds in the PNG, one per line of its --raw output.
std::vector<std::string> decodeAll(const std::string& png) {
    const cupstest::CommandResult r = runShell("zbarimg --raw -q " + shellQuote(png));
    std::vector<std::string> symbols;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) symbols.push_back(line);
    return symbols;
}

// 0 black, 1 white, -1 anything else (grey from anti-aliasing, colour).
int shade(const Screenshot& image, int x, int y) {
    const unsigned char* p = image.at(x, y);
    if (p[0] == 0 && p[1] == 0 && p[2] == 0) return 0;
    if (p[0] == 255 && p[1] == 255 && p[2] == 255) return 1;
    return -1;
}

// The traced code CODE in the screenshot IMAGE is exactly encodeQr(TEXT): every module a
// whole-pixel square of one colour, dark where the matrix is dark, and a white quiet zone.
void expectCrispCode(const Screenshot& image, const TracedQr& code, const std::string& text) {
    QrMatrix m;
    std::string error;
    ASSERT_TRUE(encodeQr(text, m, error)) << error;
    const int mp = code.modulePx;
    const int n = m.size + 2 * kQrQuietZoneModules;
    const int x0 = static_cast<int>(code.min.x), y0 = static_cast<int>(code.min.y);
    EXPECT_EQ(code.min.x, static_cast<float>(x0)) << "whole pixels";
    EXPECT_EQ(code.max.x - code.min.x, static_cast<float>(n * mp)) << "code with its quiet zone";
    EXPECT_EQ(code.max.y - code.min.y, static_cast<float>(n * mp));
    ASSERT_LE(x0 + n * mp, image.w);
    ASSERT_LE(y0 + n * mp, image.h);
    int wrong = 0;
    for (int my = 0; my < n; ++my)
        for (int mx = 0; mx < n; ++mx) {
            const int qx = mx - kQrQuietZoneModules, qy = my - kQrQuietZoneModules;
            const bool dark = qx >= 0 && qy >= 0 && qx < m.size && qy < m.size && m.at(qx, qy);
            for (int dy = 0; dy < mp; ++dy)
                for (int dx = 0; dx < mp; ++dx)
                    if (shade(image, x0 + mx * mp + dx, y0 + my * mp + dy) != (dark ? 0 : 1)) ++wrong;
        }
    EXPECT_EQ(wrong, 0) << "pixels of the code that are not the matrix's exact black or white";
}

}  // namespace

class KioskQr : public KioskUi {
protected:
    void SetUp() override {
        ASSERT_EQ(runShell("command -v zbarimg").status, 0) << "zbarimg missing: apt-get install zbar-tools";
        KioskUi::SetUp();
    }

    // Takes screenshot NAME and returns its path.
    std::string shot(const std::string& name) {
        run("shot " + name);
        return shots_ + "/" + name + ".png";
    }

    // The 扫码带走 dialog is open, shows exactly one code carrying TEXT, large, centred and
    // readable by zbarimg from screenshot NAME.
    void expectDialogCode(const std::string& name, const std::string& text) {
        ASSERT_TRUE(app_->state().qr.open) << "the 扫码带走 dialog is open";
        const std::string png = shot(name);
        const auto& codes = app_->trace().qrCodes();
        ASSERT_EQ(codes.size(), 1u) << app_->trace().dump();
        const TracedQr& code = codes.front();
        EXPECT_EQ(code.text, text);
        EXPECT_GE(code.modulePx, kQrMinModulePx);
        const float side = code.max.x - code.min.x;
        EXPECT_GE(side, 0.5f * 1080) << "a large code (module " << code.modulePx << " px)";
        EXPECT_LE(side, 0.6f * 1080 + 1);
        EXPECT_NEAR((code.min.x + code.max.x) * 0.5f, 960, 1.0f) << "centred";
        std::printf("[   info   ] %s: code %.0f px, module %d px\n", name.c_str(), side, code.modulePx);
        EXPECT_EQ(decodeAll(png), std::vector<std::string>{text}) << png;
        Screenshot image;
        ASSERT_TRUE(image.load(png)) << png;
        expectCrispCode(image, code, text);
        EXPECT_TRUE(app_->trace().findTappable("关闭"));
        EXPECT_TRUE(onScreen("请用手机扫描二维码"));
    }

    // Taps the 扫码带走 button in the same row as the item titled TITLE (village list).
    void tapTakeAwayOf(const std::string& title) {
        std::optional<TracedItem> titleItem;
        for (const TracedItem& item : app_->trace().items())
            if (item.text == title && !item.tappable) titleItem = item;
        ASSERT_TRUE(titleItem) << title << "\n" << app_->trace().dump();
        for (const TracedItem& item : app_->trace().items())
            if (item.tappable && item.text == "扫码带走" && std::abs(item.min.y - titleItem->min.y) < 2) {
                run("tap " + std::to_string(static_cast<int>((item.min.x + item.max.x) / 2)) + " " +
                    std::to_string(static_cast<int>((item.min.y + item.max.y) / 2)));
                return;
            }
        FAIL() << "no 扫码带走 beside " << title << "\n" << app_->trace().dump();
    }

    // Opens the village VILLAGE of township TOWNSHIP from the 村务公开 tile.
    void openVillage(const std::string& township, const std::string& village) {
        run("screen villages\ntap " + township + "\ntap " + village);
        ASSERT_EQ(top().kind, ScreenKind::VillageItems);
    }

    // What the code of a village item carries: its address, else its summary.
    static std::string villageCodeText(const VillageItem& item) { return item.url.empty() ? item.summary : item.url; }
};

TEST_F(KioskQr, DocumentTakeAway) {
    // Opened from the list of every document, so that the bar has 上一篇 and 下一篇 too.
    auto store = openStore();
    std::optional<Document> doc;
    for (const DocumentSummary& s : store->listDocuments({}, 0, 5)) {
        doc = store->document(s.id);
        if (doc && !doc->url.empty()) break;
    }
    ASSERT_TRUE(doc && !doc->url.empty());
    run("screen list-all\ntap " + doc->title);
    ASSERT_EQ(top().kind, ScreenKind::Document);
    shot("1-document");
    const auto takeAway = app_->trace().findTappable("扫码带走");
    ASSERT_TRUE(takeAway) << app_->trace().dump();
    for (const char* label : {"上一篇", "下一篇", "回到顶部"}) {
        // 上一篇 is greyed out (not tappable) on the first document, but still there.
        const auto& items = app_->trace().items();
        const auto button = std::find_if(items.begin(), items.end(), [&](const TracedItem& i) {
            return i.text.find(label) != std::string::npos && i.max.y - i.min.y >= 88;
        });
        ASSERT_NE(button, items.end()) << label << ": the bar keeps its buttons";
        EXPECT_TRUE(button->max.x <= takeAway->min.x || button->min.x >= takeAway->max.x)
            << label << " overlaps 扫码带走";
    }
    run("tap 扫码带走");
    expectDialogCode("2-qr", doc->url);
    EXPECT_TRUE(onScreen("网址：" + doc->url)) << "the address in full under the code";
    EXPECT_TRUE(onScreen(doc->title.substr(0, 30)));
    run("tap 关闭");
    EXPECT_FALSE(app_->state().qr.open);
    EXPECT_TRUE(app_->trace().qrCodes().empty());
    EXPECT_EQ(top().kind, ScreenKind::Document);
    // 返回 closes the dialog first and leaves the citizen on the document.
    run("tap 扫码带走\nkey Back");
    EXPECT_FALSE(app_->state().qr.open);
    EXPECT_EQ(top().kind, ScreenKind::Document);
}

TEST_F(KioskQr, PortraitDialogFitsTheScreen) {
    TearDown();
    start(makeDemoStore(), "hall", 1080, 1920);
    auto store = openStore();
    const auto qas = store->qas();
    ASSERT_FALSE(qas.empty());
    run("screen qa\ntap " + qas.front().question + "\ntap 扫码带走");
    const std::string png = shot("portrait-qr");
    const auto& codes = app_->trace().qrCodes();
    ASSERT_EQ(codes.size(), 1u);
    EXPECT_GE(codes.front().modulePx, kQrMinModulePx);
    EXPECT_NEAR((codes.front().min.x + codes.front().max.x) * 0.5f, 540, 1.0f);
    EXPECT_LE(codes.front().max.x, 1080 - 40);
    EXPECT_EQ(decodeAll(png), std::vector<std::string>{qas.front().url});
    run("tap 关闭\nscreen list-all\ntap " + store->listDocuments({}, 0, 1).front().title);
    shot("portrait-document");
    EXPECT_TRUE(app_->trace().findTappable("扫码带走"));
    // The QR wall of the village with the largest codes, every one readable at once.
    openVillage("柳湾乡", "柳林村");
    run("tap 二维码墙");
    const std::string wall = shot("portrait-wall");
    const auto items = store->villageItems(top().id);
    std::set<std::string> expected;
    for (const VillageItem& item : items) expected.insert(villageCodeText(item));
    const auto decoded = decodeAll(wall);
    EXPECT_EQ(std::set<std::string>(decoded.begin(), decoded.end()), expected) << wall;
    EXPECT_EQ(app_->trace().qrCodes().size(), items.size());
    for (const TracedQr& code : app_->trace().qrCodes()) EXPECT_GE(code.modulePx, kQrMinModulePx);
}

TEST_F(KioskQr, DocumentWithoutAddressSaysWhy) {
    auto store = openStore();
    std::optional<Document> doc;
    for (const DocumentSummary& s : store->listDocuments({}, 0, 1000)) {
        doc = store->document(s.id);
        if (doc && doc->url.empty()) break;
    }
    ASSERT_TRUE(doc && doc->url.empty()) << "the demo content has documents without an address";
    run("screen doc:" + doc->key + "\ntap 扫码带走");
    const std::string png = shot("no-address");
    ASSERT_TRUE(app_->state().qr.open);
    EXPECT_TRUE(onScreen("此条信息没有网上地址，无法生成二维码")) << app_->trace().dump();
    EXPECT_TRUE(app_->trace().qrCodes().empty()) << "no useless code";
    EXPECT_TRUE(decodeAll(png).empty());
    EXPECT_FALSE(onScreen("请用手机扫描二维码"));
    run("tap 关闭");
    EXPECT_FALSE(app_->state().qr.open);
}

TEST_F(KioskQr, GuideTakeAway) {
    auto store = openStore();
    const auto groups = store->guideGroups();
    ASSERT_FALSE(groups.empty());
    const auto guides = store->guides(groups.front().id);
    ASSERT_FALSE(guides.empty());
    const Guide& guide = guides.front();
    ASSERT_FALSE(guide.online.empty());
    run("screen guides\ntap " + groups.front().name + "\ntap " + guide.name);
    ASSERT_EQ(top().kind, ScreenKind::Guide);
    shot("1-guide");
    run("tap 扫码带走");
    expectDialogCode("2-qr", guide.online);
    EXPECT_TRUE(onScreen("网址：" + guide.online));
}

TEST_F(KioskQr, QaTakeAway) {
    auto store = openStore();
    const auto qas = store->qas();
    ASSERT_FALSE(qas.empty());
    const QA& qa = qas.front();
    ASSERT_FALSE(qa.url.empty());
    run("screen qa\ntap " + qa.question);
    ASSERT_EQ(top().kind, ScreenKind::QA);
    shot("1-qa");
    run("tap 扫码带走");
    expectDialogCode("2-qr", qa.url);
}

TEST_F(KioskQr, VillageItemTakeAway) {
    auto store = openStore();
    openVillage("城关镇", "解放社区");
    const auto items = store->villageItems(top().id);
    ASSERT_GE(items.size(), 2u);
    shot("1-items");
    const VillageItem& first = items.front();
    ASSERT_FALSE(first.url.empty());
    tapTakeAwayOf(first.title);
    expectDialogCode("2-qr-address", first.url);
    EXPECT_FALSE(onScreen("二维码内容为文字摘要"));
    run("tap 关闭");

    // An item without an address: the code carries its summary, and says so.
    const auto textOnly = std::find_if(items.begin(), items.end(), [](const VillageItem& i) { return i.url.empty(); });
    ASSERT_NE(textOnly, items.end()) << "the demo village has an item without an address";
    run("drag 960 1000 960 200 500\nwait 2000\ndrag 960 1000 960 200 500\nwait 2000");
    shot("3-items-end");
    tapTakeAwayOf(textOnly->title);
    expectDialogCode("4-qr-summary", textOnly->summary);
    EXPECT_TRUE(onScreen("二维码内容为文字摘要，扫码可在手机上查看文字"));
    EXPECT_EQ(app_->state().qr.open->payload, QrPayload::SummaryText);
}

TEST_F(KioskQr, VillageQrWallShowsEveryItem) {
    auto store = openStore();
    int walls = 0;
    for (const Township& township : store->townships())
        for (const Village& village : store->villages(township.id)) {
            if (village.itemCount == 0) continue;
            SCOPED_TRACE(village.name);
            openVillage(township.name, village.name);
            run("tap 二维码墙");
            ASSERT_EQ(app_->state().qr.wallSerial, top().serial);
            const std::string png = shot("wall-" + village.key);
            const auto items = store->villageItems(village.id);
            std::set<std::string> expected;
            for (const VillageItem& item : items) expected.insert(villageCodeText(item));
            // Every item's code is on the screen at once, whole and large enough.
            std::set<std::string> traced;
            for (const TracedQr& code : app_->trace().qrCodes()) {
                traced.insert(code.text);
                EXPECT_GE(code.modulePx, kQrMinModulePx) << code.text;
            }
            EXPECT_EQ(traced, expected);
            // And zbarimg finds each of them in the one screenshot.
            const auto decoded = decodeAll(png);
            EXPECT_EQ(std::set<std::string>(decoded.begin(), decoded.end()), expected) << png;
            EXPECT_EQ(decoded.size(), items.size());
            Screenshot image;
            ASSERT_TRUE(image.load(png));
            for (const TracedQr& code : app_->trace().qrCodes()) expectCrispCode(image, code, code.text);
            int smallest = 1000;
            for (const TracedQr& code : app_->trace().qrCodes()) smallest = std::min(smallest, code.modulePx);
            std::printf("[   info   ] wall %s: %zu codes, smallest module %d px\n", village.name.c_str(),
                        items.size(), smallest);
            ++walls;
        }
    EXPECT_GE(walls, 10);
}

TEST_F(KioskQr, WallCardOpensTheDialog) {
    auto store = openStore();
    openVillage("城关镇", "东山村");
    const auto items = store->villageItems(top().id);
    run("tap 二维码墙");
    const auto textOnly = std::find_if(items.begin(), items.end(), [](const VillageItem& i) { return i.url.empty(); });
    ASSERT_NE(textOnly, items.end());
    EXPECT_TRUE(onScreen("扫码看文字")) << "the summary code is marked on the wall";
    run("tap " + textOnly->title);
    expectDialogCode("wall-card-dialog", textOnly->summary);
    run("tap 关闭");
    EXPECT_EQ(app_->state().qr.wallSerial, top().serial) << "back on the wall";
    run("tap 列表");
    EXPECT_EQ(app_->state().qr.wallSerial, 0);
    EXPECT_TRUE(app_->trace().qrCodes().empty());
}

TEST_F(KioskQr, AddressTooLongForACodeSaysSo) {
    // An address longer than a QR code holds (2,331 bytes at level M), written into this
    // test's store before the terminal opens it.
    TearDown();
    const std::string db = makeDemoStore();
    std::string key;  // the first item of 解放社区 as the list shows it
    {
        auto store = Store::open(db, Store::Mode::ReadOnly);
        for (const Township& t : store->townships())
            for (const Village& v : store->villages(t.id))
                if (v.name == "解放社区") key = store->villageItems(v.id).front().key;
    }
    ASSERT_FALSE(key.empty());
    const std::string longUrl = "https://www.linlan.gov.cn/cwgk/" + std::string(3000, 'a') + ".html";
    ASSERT_EQ(runShell("sqlite3 " + shellQuote(db) + " " +
                       shellQuote("UPDATE village_items SET url = '" + longUrl + "' WHERE key = '" + key + "'"))
                  .status,
              0);
    start(db);
    auto store = openStore();
    openVillage("城关镇", "解放社区");
    const auto items = store->villageItems(top().id);
    ASSERT_EQ(items.front().url, longUrl);
    tapTakeAwayOf(items.front().title);
    shot("too-long");
    ASSERT_TRUE(app_->state().qr.open);
    EXPECT_TRUE(onScreen("网址太长，无法生成二维码")) << app_->trace().dump();
    EXPECT_TRUE(app_->trace().qrCodes().empty());
    run("tap 关闭\ntap 二维码墙");
    shot("too-long-wall");
    EXPECT_TRUE(onScreen("无法生成二维码"));
    EXPECT_EQ(app_->trace().qrCodes().size(), items.size() - 1);
}

}  // namespace zwgk::test
