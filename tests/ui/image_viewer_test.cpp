// 一图读懂: the document screen shows each attachment as a card with the top of the poster;
// tapping it opens the full-screen viewer, which fits the image at open, zooms with 放大 /
// 缩小 / 还原 and pinch, pans with a drag, never lets the image leave the screen, and frees
// its texture when the citizen leaves. Screenshots: build*/ui-shots/ImageViewer.*/.
#include <cmath>
#include <cstring>

#include "kiosk_fixture.h"
#include "screenshot_image.h"

namespace zwgk::test {
namespace {

using ImageViewer = KioskUi;

constexpr const char* kPoster = "一图读懂：2026年度城乡居民医保怎么缴";  // attachment of doc-2025-0015

using Shot = Screenshot;

// Share of the pixels in rows Y0..Y1 that are not the viewer's dark background.
double imageShare(const Shot& s, int y0, int y1) {
    long image = 0, all = 0;
    for (int y = y0; y < y1; y += 4)
        for (int x = 0; x < s.w; x += 4, ++all) {
            const unsigned char* p = s.at(x, y);
            image += !(p[0] == 0x2B && p[1] == 0x2B && p[2] == 0x2B);
        }
    return all ? double(image) / all : 0;
}

// Pixels that differ between A and B in rows Y0..Y1, as a share.
double changed(const Shot& a, const Shot& b, int y0, int y1) {
    long diff = 0, all = 0;
    for (int y = y0; y < y1; y += 4)
        for (int x = 0; x < a.w; x += 4, ++all)
            diff += std::memcmp(a.at(x, y), b.at(x, y), 3) != 0;
    return all ? double(diff) / all : 0;
}

class ImageViewerTest : public ImageViewer {
protected:
    Shot shot(const std::string& name) {
        run("shot " + name);
        Shot s;
        EXPECT_TRUE(s.load(shots_ + "/" + name + ".png")) << name;
        return s;
    }

    // Opens doc-2025-0015 and scrolls until the poster's card can be tapped.
    void openDocumentAtCard() {
        run("screen doc:doc-2025-0015");
        for (int i = 0; i < 8 && !app_->trace().findTappable(kPoster); ++i) run("drag 960 850 960 250 600\nwait 800");
        ASSERT_TRUE(app_->trace().findTappable(kPoster)) << app_->trace().dump();
    }
};

TEST_F(ImageViewerTest, CardOpensTheViewerWhichZoomsPansAndFreesItsTexture) {
    openDocumentAtCard();
    EXPECT_TRUE(onScreen("点击查看大图"));
    EXPECT_EQ(app_->imageTextures().size(), 1u);  // the card's thumbnail
    shot("01-document-card");

    run(std::string("tap ") + kPoster);
    ASSERT_EQ(top().kind, ScreenKind::Image);
    for (const char* label : {"放大", "缩小", "还原", "返回文件", "100%", "单指拖动查看，双指捏合缩放"})
        EXPECT_TRUE(onScreen(label)) << label << "\n" << app_->trace().dump();
    EXPECT_EQ(app_->state().image.zoom, 1.0f);
    const Shot fit = shot("02-viewer-fit");
    // Fitted: the whole poster is in view, centred, with the dark viewer around it.
    EXPECT_GT(imageShare(fit, 200, 900), 0.10);
    EXPECT_LT(imageShare(fit, 200, 900), 0.60);

    run("tap 放大");
    EXPECT_FLOAT_EQ(app_->state().image.zoom, 1.5f);
    EXPECT_TRUE(onScreen("150%"));
    run("tap 放大");
    EXPECT_FLOAT_EQ(app_->state().image.zoom, 2.25f);
    const Shot zoomed = shot("03-viewer-zoomed");
    EXPECT_GT(imageShare(zoomed, 200, 900), imageShare(fit, 200, 900));

    // One finger drags the poster up: the view shows a lower part of it.
    const float before = app_->state().image.offsetY;
    run("drag 960 800 960 400 500");
    EXPECT_NEAR(app_->state().image.offsetY, before - 400, 20);
    EXPECT_EQ(top().kind, ScreenKind::Image);  // a drag is no tap
    const Shot dragged = shot("04-viewer-dragged");
    EXPECT_GT(changed(zoomed, dragged, 200, 900), 0.05);

    // However far it is dragged, the poster stays on screen.
    for (int i = 0; i < 6; ++i) run("drag 960 900 960 150 300");
    run("drag 200 500 1800 500 300");
    const Shot end = shot("05-viewer-dragged-to-the-end");
    EXPECT_GT(imageShare(end, 200, 900), 0.10);
    const float offsetY = app_->state().image.offsetY;
    run("drag 960 900 960 150 300");
    EXPECT_FLOAT_EQ(app_->state().image.offsetY, offsetY);  // clamped at the bottom edge

    run("tap 缩小");
    EXPECT_FLOAT_EQ(app_->state().image.zoom, 1.5f);
    run("tap 还原");
    EXPECT_EQ(app_->state().image.zoom, 1.0f);
    EXPECT_EQ(app_->state().image.offsetX, 0.0f);
    EXPECT_EQ(app_->state().image.offsetY, 0.0f);
    run("tap 缩小");  // not below the fitted size
    EXPECT_EQ(app_->state().image.zoom, 1.0f);

    run("tap 返回文件");
    EXPECT_EQ(top().kind, ScreenKind::Document);
    run("key Escape");
    EXPECT_NE(top().kind, ScreenKind::Document);
    EXPECT_EQ(app_->imageTextures().size(), 0u);  // freed once no screen draws them
}

TEST_F(ImageViewerTest, TwoFingersPinchToZoom) {
    openDocumentAtCard();
    run(std::string("tap ") + kPoster);
    ASSERT_EQ(top().kind, ScreenKind::Image);
    TouchInput& input = app_->input();
    const double t = runner_->now();
    using K = PointerEvent::Kind;
    // Two fingers 200 px apart spread to 600 px around the viewer's centre line.
    input.push({K::Down, 860, 550, t, 1});
    input.push({K::Down, 1060, 550, t, 2});
    for (int i = 1; i <= 10; ++i) {
        input.push({K::Move, 860.0f - 20 * i, 550, t + 0.01 * i, 1});
        input.push({K::Move, 1060.0f + 20 * i, 550, t + 0.01 * i, 2});
    }
    input.push({K::Up, 660, 550, t + 0.2, 2});
    input.push({K::Up, 1260, 550, t + 0.2, 1});
    runner_->settle();
    EXPECT_NEAR(app_->state().image.zoom, 3.0f, 0.05f);
    EXPECT_EQ(top().kind, ScreenKind::Image);  // neither finger tapped anything
    shot("pinched");
    // The pinch is over: one finger drags again.
    const float before = app_->state().image.offsetY;
    run("drag 960 800 960 600 400");
    EXPECT_NEAR(app_->state().image.offsetY, before - 200, 20);
}

// The viewer in Traditional script and on a portrait screen: labels converted, buttons fit.
TEST_F(ImageViewerTest, TraditionalLabels) {
    openDocumentAtCard();
    run(std::string("tap ") + kPoster + "\ntap 繁體");
    for (const char* label : {"放大", "縮小", "還原", "返回文件"}) EXPECT_TRUE(onScreen(label)) << label;
    shot("traditional");
}

}  // namespace
}  // namespace zwgk::test
