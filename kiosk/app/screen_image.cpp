// The image of a document's attachment (一图读懂), full screen: the whole image fits the
// viewer when it opens; 放大 / 缩小 / 还原 in the bottom bar, one finger (or the mouse) drags
// it, two fingers pinch to zoom. The image never leaves the viewer: smaller than the viewer
// along an axis it stays inside, larger it keeps covering it. Also the attachment card the
// document screen shows for each attachment.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "image_textures.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kBarHeight = 128;        // reference px, the bottom bar
constexpr float kZoomStep = 1.5f;        // one tap on 放大 / 缩小
constexpr float kMaxImagePxZoom = 3.0f;  // at most 3 window px per image px …
constexpr float kMinMaxZoom = 4.0f;      // … but always at least 4× the fitted size
constexpr ImU32 kViewerBackground = IM_COL32(0x2B, 0x2B, 0x2B, 0xFF);
constexpr ImU32 kViewerText = IM_COL32(0xF0, 0xF0, 0xF0, 0xFF);

struct Viewer {
    ImVec2 min, max;  // the viewer rectangle, window px
    float width() const { return max.x - min.x; }
    float height() const { return max.y - min.y; }
    ImVec2 center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

float fitScale(const Viewer& v, const ImageTexture& t) {
    return std::min(v.width() / float(t.width), v.height() / float(t.height));
}

float maxZoom(const Viewer& v, const ImageTexture& t) {
    return std::max(kMinMaxZoom, kMaxImagePxZoom / fitScale(v, t));
}

// Keeps the image in the viewer: along each axis the offset is at most half the difference
// between the image's and the viewer's size.
void clampView(ImageViewState& view, const Viewer& v, const ImageTexture& t) {
    view.zoom = std::clamp(view.zoom, 1.0f, maxZoom(v, t));
    const float scale = fitScale(v, t) * view.zoom;
    const float limitX = std::fabs(t.width * scale - v.width()) * 0.5f;
    const float limitY = std::fabs(t.height * scale - v.height()) * 0.5f;
    view.offsetX = std::clamp(view.offsetX, -limitX, limitX);
    view.offsetY = std::clamp(view.offsetY, -limitY, limitY);
}

// Zooms by FACTOR keeping the image point under AT (window px) where it is.
void zoomAbout(ImageViewState& view, const Viewer& v, const ImageTexture& t, float factor, ImVec2 at) {
    const float before = view.zoom;
    view.zoom = std::clamp(view.zoom * factor, 1.0f, maxZoom(v, t));
    const float applied = view.zoom / before;
    const ImVec2 c = v.center();
    const float cx = c.x + view.offsetX, cy = c.y + view.offsetY;  // image centre on screen
    view.offsetX = at.x + (cx - at.x) * applied - c.x;
    view.offsetY = at.y + (cy - at.y) * applied - c.y;
}

// Draws the part of the texture that falls inside the viewer (a zoomed image can be tens of
// thousands of px across; the renderer gets only the visible quad).
void drawVisiblePart(ImDrawList* dl, const ImageTexture& t, ImVec2 imageMin, ImVec2 imageMax, const Viewer& v) {
    const ImVec2 a(std::max(imageMin.x, v.min.x), std::max(imageMin.y, v.min.y));
    const ImVec2 b(std::min(imageMax.x, v.max.x), std::min(imageMax.y, v.max.y));
    if (a.x >= b.x || a.y >= b.y) return;
    const float w = imageMax.x - imageMin.x, h = imageMax.y - imageMin.y;
    const ImVec2 uv0((a.x - imageMin.x) / w, (a.y - imageMin.y) / h);
    const ImVec2 uv1((b.x - imageMin.x) / w, (b.y - imageMin.y) / h);
    dl->AddImage(t.id, a, b, uv0, uv1);
}

const Attachment* attachmentOf(const UiContext& ui, const Route& route) {
    if (!ui.state.document || ui.state.document->doc.id != route.id) return nullptr;
    const auto& list = ui.state.document->doc.attachments;
    if (route.attachment < 0 || route.attachment >= static_cast<int>(list.size())) return nullptr;
    return &list[route.attachment];
}

}  // namespace

void attachmentCard(UiContext& ui, const Document& doc, int position, float width) {
    const Attachment& a = doc.attachments[position];
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float pad = ui.px(24);
    const float thumbH = ui.px(240), thumbW = ui.px(360);
    const float h = thumbH + 2 * pad;
    bool pressed = false;
    const std::string name = ui.show(a.name);
    if (widgets::card(ui, ("##attachment" + std::to_string(position)).c_str(), name, ImVec2(width, h), pressed)) {
        Route route;
        route.kind = ScreenKind::Image;
        route.id = doc.id;
        route.attachment = position;
        ui.push(route);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 tmin(pos.x + pad, pos.y + pad), tmax(tmin.x + thumbW, tmin.y + thumbH);
    widgets::fillRect(dl, tmin, tmax, kViewerBackground, ui.px(8));
    // The top of the poster, filling the box (a 一图读懂 is read from the top).
    const ImageTexture* t = ui.images && ui.store ? &ui.images->get(*ui.store, doc.id, position, 0) : nullptr;
    if (t && t->id) {
        const float scale = std::max(thumbW / t->width, thumbH / t->height);
        const float shownW = thumbW / (t->width * scale), shownH = thumbH / (t->height * scale);
        const float u0 = (1 - shownW) * 0.5f;
        dl->AddImage(t->id, tmin, tmax, ImVec2(u0, 0), ImVec2(u0 + shownW, shownH));
    }
    dl->AddRect(tmin, tmax, theme::kBorder, ui.px(8), 0, ui.px(2));
    const float textX = tmax.x + ui.px(32), textW = pos.x + width - pad - textX;
    ImGui::SetCursorScreenPos(ImVec2(textX, pos.y + pad + ui.px(20)));
    widgets::paragraph(ui, widgets::clampLines(name, ui.fonts.heading, textW, 2), ui.fonts.heading, textW, theme::kText,
                       0, 1.35f);
    ImGui::SetCursorScreenPos(ImVec2(textX, ImGui::GetCursorScreenPos().y + ui.px(16)));
    widgets::text(ui, ui.t("doc.attachment_open") + " ›", ui.fonts.body, theme::kLink);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(16)));
}

void drawImageScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    const Attachment* attachment = attachmentOf(ui, route);
    drawTopBar(ui, attachment ? ui.show(attachment->name) : ui.t("browse.title"), true);
    if (!attachment || !ui.store) {
        drawNotFound(ui);
        return;
    }
    const ImVec2 origin = contentOrigin(ui), size = contentSize(ui);
    const float barH = ui.px(kBarHeight);
    const Viewer v{origin, ImVec2(origin.x + size.x, origin.y + size.y - barH)};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, v.min, v.max, kViewerBackground);

    ImageViewState& view = ui.state.image;
    if (view.serial != route.serial) {
        view = ImageViewState{route.serial};
        ui.input.takePinch();  // a pinch on another screen is not meant for this image
    }
    const ImageTexture* t = ui.images ? &ui.images->get(*ui.store, route.id, route.attachment, 0) : nullptr;
    const bool shown = t && t->id && t->width > 0 && t->height > 0;
    if (shown) {
        // Panning: presses in the viewer follow the finger (a capture region), never scroll.
        ui.input.registerCaptureRegion(v.min, v.max);
        ImGui::SetCursorScreenPos(v.min);
        ImGui::InvisibleButton("##image-pan", ImVec2(v.width(), v.height()));
        if (ImGui::IsItemActive()) {
            const ImVec2 d = ImGui::GetIO().MouseDelta;
            view.offsetX += d.x;
            view.offsetY += d.y;
        }
        const Pinch pinch = ui.input.takePinch();
        if (pinch.factor != 1 || pinch.pan.x != 0 || pinch.pan.y != 0) {
            view.offsetX += pinch.pan.x;
            view.offsetY += pinch.pan.y;
            zoomAbout(view, v, *t, pinch.factor, pinch.center);
        }
        clampView(view, v, *t);
        const float scale = fitScale(v, *t) * view.zoom;
        const ImVec2 c = v.center();
        const float w = t->width * scale, h = t->height * scale;
        const ImVec2 imageMin(c.x + view.offsetX - w * 0.5f, c.y + view.offsetY - h * 0.5f);
        drawVisiblePart(dl, *t, imageMin, ImVec2(imageMin.x + w, imageMin.y + h), v);
    } else {
        const float margin = ui.px(theme::kMargin) * 2;
        ImGui::SetCursorScreenPos(ImVec2(v.min.x + margin, v.min.y + v.height() * 0.4f));
        widgets::paragraph(ui, ui.t("image.missing"), ui.fonts.body, v.width() - 2 * margin, kViewerText, 0, 1.5f,
                           widgets::Align::Center);
    }

    // Bottom bar: 缩小 · zoom level · 放大 · 还原 at the left, the hint, 返回文件 at the right.
    const ImVec2 bar = widgets::bottomBar(ui, barH);
    const float margin = ui.px(theme::kMargin), gap = ui.px(24);
    const float bh = ui.px(theme::kTouchMin), bw = ui.px(200);
    const float by = bar.y + (barH - bh) * 0.5f;
    float x = margin;
    auto zoomButton = [&](const char* id, const char* key, float factor) {
        ImGui::SetCursorScreenPos(ImVec2(x, by));
        if (shown) {
            if (widgets::button(ui, id, ui.t(key), ImVec2(bw, bh), theme::kPrimary, theme::kPrimaryText,
                                ui.fonts.heading)) {
                if (factor > 0) zoomAbout(view, v, *t, factor, v.center());
                else view = ImageViewState{route.serial};
                clampView(view, v, *t);
            }
        } else {
            widgets::disabledButton(ui, ui.t(key), ImVec2(bw, bh), ui.fonts.heading);
        }
        x += bw + gap;
    };
    zoomButton("##zoom-out", "image.zoom_out", 1 / kZoomStep);
    {
        const std::string level = ui.tf("image.zoom_level", {{"p", std::to_string(std::lround(view.zoom * 100))}});
        const float lw = ui.px(130);
        const ImVec2 ls = widgets::measure(ui.fonts.heading, level);
        widgets::textAt(ui, ImVec2(x + (lw - ls.x) * 0.5f, bar.y + (barH - ls.y) * 0.5f), level, ui.fonts.heading,
                        theme::kText);
        x += lw + gap;
    }
    zoomButton("##zoom-in", "image.zoom_in", kZoomStep);
    zoomButton("##zoom-reset", "image.reset", 0);
    const float backW = ui.px(260);
    const float backX = ui.display.x - margin - backW;
    if (shown) {
        const std::string hint = ui.t("image.hint");
        const ImVec2 hs = widgets::measure(ui.fonts.small, hint);
        if (backX - gap - x >= hs.x)
            widgets::textAt(ui, ImVec2(x + (backX - x - hs.x) * 0.5f, bar.y + (barH - hs.y) * 0.5f), hint,
                            ui.fonts.small, theme::kTextSecondary);
    }
    ImGui::SetCursorScreenPos(ImVec2(backX, by));
    if (widgets::button(ui, "##image-back", "‹ " + ui.t("image.back"), ImVec2(backW, bh), theme::kSurfacePressed,
                        theme::kText, ui.fonts.heading))
        ui.back();
}

}  // namespace zwgk
