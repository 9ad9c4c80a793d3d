#include "widgets.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "imgui_internal.h"
#include "text_layout.h"
#include "theme.h"

namespace zwgk::widgets {
namespace {

// Line layouts are cached: documents are re-drawn every frame while scrolling and laying
// out 4,000 characters each time would be waste. Keyed by font, width, indent and text.
struct LayoutKey {
    const ImFont* font;
    float width;
    float indent;
    std::string text;
    bool operator==(const LayoutKey& o) const {
        return font == o.font && width == o.width && indent == o.indent && text == o.text;
    }
};
struct LayoutKeyHash {
    size_t operator()(const LayoutKey& k) const {
        return std::hash<std::string>()(k.text) ^ std::hash<const void*>()(k.font) ^
               (std::hash<float>()(k.width) * 31) ^ (std::hash<float>()(k.indent) * 131);
    }
};
std::unordered_map<LayoutKey, std::vector<LineSpan>, LayoutKeyHash> gLayouts;

const std::vector<LineSpan>& layout(const std::string& s, ImFont* font, float width, float indent) {
    LayoutKey key{font, width, indent, s};
    auto it = gLayouts.find(key);
    if (it != gLayouts.end()) return it->second;
    if (gLayouts.size() > 4000) gLayouts.clear();
    BreakOptions options;
    options.firstLineIndent = indent;
    auto lines = breakLines(s, width, [font](char32_t c) {
        return c <= 0xFFFF ? font->GetCharAdvance(static_cast<ImWchar>(c)) : font->FallbackAdvanceX;
    }, options);
    return gLayouts.emplace(std::move(key), std::move(lines)).first->second;
}

ImU32 darken(ImU32 color, float f) {
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x * f, c.y * f, c.z * f, c.w));
}

}  // namespace

void fillRect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float rounding, ImDrawFlags flags) {
    // Whole pixels: the bands below meet edge to edge, and at fractional edges the software
    // rasteriser can leave a one-pixel seam between them.
    a = ImVec2(std::round(a.x), std::round(a.y));
    b = ImVec2(std::round(b.x), std::round(b.y));
    rounding = std::round(std::min(rounding, std::min(b.x - a.x, b.y - a.y) * 0.5f));
    if (rounding < 1.0f) {
        dl->AddRectFilled(a, b, color);
        return;
    }
    if ((flags & ImDrawFlags_RoundCornersMask_) == 0) flags |= ImDrawFlags_RoundCornersAll;
    const float r = rounding;
    const float tl = (flags & ImDrawFlags_RoundCornersTopLeft) ? r : 0;
    const float tr = (flags & ImDrawFlags_RoundCornersTopRight) ? r : 0;
    const float bl = (flags & ImDrawFlags_RoundCornersBottomLeft) ? r : 0;
    const float br = (flags & ImDrawFlags_RoundCornersBottomRight) ? r : 0;
    // Corners first: a quarter disc extended 2 px into the card, so that the anti-aliased
    // fringe of its inner edges lies under the rectangles drawn next and only the arc is
    // smoothed. (ImGui's fast arcs: 0 right, 3 down, 6 left, 9 up; clockwise on screen.)
    constexpr float kOverlap = 2.0f;
    auto corner = [&](float radius, ImVec2 c, int from, int to, float dx, float dy) {
        if (radius == 0) return;
        dl->PathArcToFast(c, r, from, to);
        const ImVec2 start = dl->_Path.front(), end = dl->_Path.back();
        const bool endVertical = std::fabs(end.x - c.x) < 0.5f;  // the arc ends above or below c
        dl->PathLineTo(endVertical ? ImVec2(end.x + dx * kOverlap, end.y) : ImVec2(end.x, end.y + dy * kOverlap));
        dl->PathLineTo(ImVec2(c.x + dx * kOverlap, c.y + dy * kOverlap));
        dl->PathLineTo(endVertical ? ImVec2(start.x, start.y + dy * kOverlap) : ImVec2(start.x + dx * kOverlap, start.y));
        dl->PathFillConvex(color);
    };
    corner(tl, ImVec2(a.x + r, a.y + r), 6, 9, +1, +1);
    corner(tr, ImVec2(b.x - r, a.y + r), 9, 12, -1, +1);
    corner(br, ImVec2(b.x - r, b.y - r), 0, 3, -1, -1);
    corner(bl, ImVec2(a.x + r, b.y - r), 3, 6, +1, -1);
    dl->AddRectFilled(ImVec2(a.x, a.y + r), ImVec2(b.x, b.y - r), color);  // middle band
    dl->AddRectFilled(ImVec2(a.x + tl, a.y), ImVec2(b.x - tr, a.y + r), color);
    dl->AddRectFilled(ImVec2(a.x + bl, b.y - r), ImVec2(b.x - br, b.y), color);
}

bool segment(UiContext& ui, const char* id, const std::string& label, ImVec2 pos, ImVec2 size, bool selected) {
    ImGui::SetCursorScreenPos(pos);
    const bool tapped = button(ui, id, label, size, selected ? theme::kPrimary : theme::kSurface,
                               selected ? theme::kPrimaryText : theme::kLink, ui.fonts.heading);
    if (!selected)
        ImGui::GetWindowDrawList()->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), theme::kPrimary,
                                            ui.px(theme::kRounding), 0, ui.px(2));
    return tapped && !selected;
}

ImDrawList* beginModal(UiContext& ui, const char* id) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ui.display);
    ImGui::SetNextWindowFocus();
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNav);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fillRect(dl, ImVec2(0, 0), ui.display, theme::kOverlay);
    ui.trace.beginModalLayer();
    return dl;
}

ImVec2 bottomBar(UiContext& ui, float height) {
    const ImVec2 pos(0, ui.display.y - height);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fillRect(dl, pos, ui.display, theme::kSurface);
    dl->AddLine(pos, ImVec2(ui.display.x, pos.y), theme::kBorder, ui.px(2));
    return pos;
}

ImVec2 measure(ImFont* font, const std::string& s) {
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str());
}

void textAt(UiContext& ui, ImVec2 pos, const std::string& s, ImFont* font, ImU32 color) {
    ImGui::GetWindowDrawList()->AddText(font, font->FontSize, pos, color, s.c_str());
    const ImVec2 size = measure(font, s);
    ui.trace.add(s, pos, ImVec2(pos.x + size.x, pos.y + size.y), false);
}

void text(UiContext& ui, const std::string& s, ImFont* font, ImU32 color) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    textAt(ui, pos, s, font, color);
    ImGui::Dummy(measure(font, s));
}

bool button(UiContext& ui, const char* id, const std::string& label, ImVec2 size,
            ImU32 background, ImU32 foreground, ImFont* font) {
    size.y = std::max(size.y, ui.px(theme::kTouchMin));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, size);
    const bool held = ImGui::IsItemActive();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    fillRect(dl, pos, max, held ? darken(background, 0.8f) : background, ui.px(theme::kRounding));
    const ImVec2 ts = measure(font, label);
    const ImVec2 tp(pos.x + (size.x - ts.x) * 0.5f, pos.y + (size.y - ts.y) * 0.5f);
    dl->AddText(font, font->FontSize, tp, foreground, label.c_str());
    ui.trace.addWithInk(label, pos, max, true, tp, ImVec2(tp.x + ts.x, tp.y + ts.y));
    return clicked;
}

void disabledButton(UiContext& ui, const std::string& label, ImVec2 size, ImFont* font) {
    size.y = std::max(size.y, ui.px(theme::kTouchMin));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fillRect(dl, pos, max, theme::kBackground, ui.px(theme::kRounding));
    dl->AddRect(pos, max, theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    const ImVec2 ts = measure(font, label);
    const ImVec2 tp(pos.x + (size.x - ts.x) * 0.5f, pos.y + (size.y - ts.y) * 0.5f);
    dl->AddText(font, font->FontSize, tp, theme::kMuted, label.c_str());
    ui.trace.addWithInk(label, pos, max, false, tp, ImVec2(tp.x + ts.x, tp.y + ts.y));
}

bool card(UiContext& ui, const char* id, const std::string& traceLabel, ImVec2 size, bool& pressed) {
    size.y = std::max(size.y, ui.px(theme::kTouchMin));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, size);
    pressed = ImGui::IsItemActive();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fillRect(dl, pos, max, pressed ? theme::kSurfacePressed : theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(pos, max, theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    ui.trace.add(traceLabel, pos, max, true);
    return clicked;
}

float badge(UiContext& ui, ImVec2 pos, const std::string& s, ImU32 color, ImFont* font) {
    const ImVec2 ts = measure(font, s);
    const float padX = ui.px(14), padY = ui.px(4);
    const ImVec2 max(pos.x + ts.x + 2 * padX, pos.y + ts.y + 2 * padY);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fillRect(dl, pos, max, color, ui.px(8));
    dl->AddText(font, font->FontSize, ImVec2(pos.x + padX, pos.y + padY), theme::kBadgeText, s.c_str());
    ui.trace.add(s, pos, max, false);
    return max.x - pos.x;
}

float paragraphHeight(const std::string& s, ImFont* font, float width, float indent, float lineSpacing) {
    const auto& lines = layout(s, font, width, indent);
    return static_cast<float>(std::max<size_t>(lines.size(), 1)) * font->FontSize * lineSpacing;
}

float paragraph(UiContext& ui, const std::string& s, ImFont* font, float width, ImU32 color,
                float indent, float lineSpacing, Align align) {
    const auto& lines = layout(s, font, width, indent);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float lineHeight = font->FontSize * lineSpacing;
    const float height = static_cast<float>(std::max<size_t>(lines.size(), 1)) * lineHeight;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 clip = dl->_ClipRectStack.back();
    // Centre the glyphs in the taller line box.
    const float leading = (lineHeight - font->FontSize) * 0.5f;
    float inkLeft = origin.x + width, inkRight = origin.x;
    for (size_t i = 0; i < lines.size(); ++i) {
        float x = origin.x + (i == 0 ? indent : 0);
        if (align == Align::Right) x = origin.x + width - lines[i].width;
        if (align == Align::Center) x = origin.x + (width - lines[i].width) * 0.5f;
        inkLeft = std::min(inkLeft, x);
        inkRight = std::max(inkRight, x + lines[i].width);
        const float y = origin.y + static_cast<float>(i) * lineHeight;
        if (y + lineHeight < clip.y || y > clip.w) continue;
        dl->AddText(font, font->FontSize, ImVec2(x, y + leading), color, s.data() + lines[i].begin,
                    s.data() + lines[i].end);
    }
    if (inkRight < inkLeft) inkLeft = inkRight = origin.x;
    ui.trace.addWithInk(s, origin, ImVec2(origin.x + width, origin.y + height), false, ImVec2(inkLeft, origin.y + leading),
                        ImVec2(inkRight, origin.y + height - leading));
    ImGui::Dummy(ImVec2(width, height));
    return height;
}

std::string clampLines(const std::string& s, ImFont* font, float width, int maxLines) {
    const auto& lines = layout(s, font, width, 0);
    if (static_cast<int>(lines.size()) <= maxLines) return s;
    const std::string ellipsis = "…";
    const float ellipsisWidth = measure(font, ellipsis).x;
    const LineSpan& last = lines[maxLines - 1];
    std::string head = s.substr(0, last.begin);
    std::string tail = s.substr(last.begin, last.end - last.begin);
    // Drop characters from the end of the last line until the ellipsis fits.
    while (!tail.empty() && measure(font, tail).x + ellipsisWidth > width) {
        size_t cut = tail.size() - 1;
        while (cut > 0 && (static_cast<unsigned char>(tail[cut]) & 0xC0) == 0x80) --cut;
        tail.resize(cut);
    }
    return head + tail + ellipsis;
}

// The box of a text field at the cursor, SIZE large: tapping it gives the field the
// keyboard. Returns whether the field has the keyboard.
static bool fieldBox(UiContext& ui, TextField& field, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool focused = ui.keyboard && ui.keyboard->field() == &field;
    if (ImGui::InvisibleButton(("##field-" + field.id).c_str(), size) && ui.keyboard && !focused)
        ui.keyboard->attach(&field);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fillRect(dl, pos, max, theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(pos, max, focused ? theme::kFieldFocus : theme::kBorder, ui.px(theme::kRounding), 0,
                ui.px(focused ? 4 : 2));
    return focused;
}

void textField(UiContext& ui, TextField& field, ImVec2 size, const std::string& placeholder) {
    size.y = std::max(size.y, ui.px(theme::kTouchMin));
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool focused = fieldBox(ui, field, size);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ui.fonts.typedHeading;
    const float pad = ui.px(28);
    const float textY = pos.y + (size.y - font->FontSize) * 0.5f;
    dl->PushClipRect(ImVec2(pos.x + pad, pos.y), ImVec2(max.x - pad, max.y), true);
    float x = pos.x + pad;
    if (field.text.empty() && !(focused && !ui.keyboard->composition().empty())) {
        // The caret stays at the start; the hint sits just after it.
        dl->AddText(font, font->FontSize, ImVec2(x + ui.px(14), textY), theme::kMuted, placeholder.c_str());
        ui.trace.add(placeholder, pos, max, true);
    } else {
        // Keep the end of a long text in view: that is where the citizen is typing.
        const float textW = measure(font, field.text).x;
        const std::string composing = focused ? ui.keyboard->composition() : std::string();
        const float compW = composing.empty() ? 0 : measure(ui.fonts.typedBody, composing).x + ui.px(12);
        const float avail = size.x - 2 * pad - ui.px(8);
        if (textW + compW > avail) x -= textW + compW - avail;
        dl->AddText(font, font->FontSize, ImVec2(x, textY), theme::kText, field.text.c_str());
        ui.trace.add(field.text, pos, max, true);
        x += textW;
        if (!composing.empty()) {
            x += ui.px(6);
            const float cy = pos.y + (size.y - ui.fonts.typedBody->FontSize) * 0.5f;
            dl->AddText(ui.fonts.typedBody, ui.fonts.typedBody->FontSize, ImVec2(x, cy), theme::kLink, composing.c_str());
            dl->AddLine(ImVec2(x, cy + ui.fonts.typedBody->FontSize + ui.px(2)),
                        ImVec2(x + compW - ui.px(12), cy + ui.fonts.typedBody->FontSize + ui.px(2)), theme::kLink, ui.px(2));
            x += compW - ui.px(6);
        }
    }
    if (focused)  // a steady caret: a blinking one would keep the terminal drawing frames
        dl->AddRectFilled(ImVec2(x + ui.px(2), textY), ImVec2(x + ui.px(5), textY + font->FontSize), theme::kFieldFocus);
    dl->PopClipRect();
}

void textArea(UiContext& ui, TextField& field, ImVec2 size, const std::string& placeholder) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool focused = fieldBox(ui, field, size);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ui.fonts.typedBody;
    const float pad = ui.px(24), lineH = font->FontSize * 1.5f;
    const std::string composing = focused ? ui.keyboard->composition() : std::string();
    if (field.text.empty() && composing.empty()) {
        dl->AddText(font, font->FontSize, ImVec2(pos.x + pad + ui.px(14), pos.y + pad), theme::kMuted,
                    placeholder.c_str());
        ui.trace.add(placeholder, pos, max, true);
    } else {
        // The pinyin being spelled is shown after the text, in the link colour.
        const std::string shown = field.text + composing;
        const auto& lines = layout(shown, font, size.x - 2 * pad, 0);
        const int fit = std::max(1, static_cast<int>((size.y - 2 * pad) / lineH));
        const size_t first = lines.size() > static_cast<size_t>(fit) ? lines.size() - fit : 0;
        dl->PushClipRect(pos, max, true);
        float y = pos.y + pad;
        for (size_t i = first; i < lines.size(); ++i, y += lineH) {
            const size_t b = lines[i].begin, e = lines[i].end;
            const size_t textEnd = std::min(e, field.text.size());
            if (b < textEnd)
                dl->AddText(font, font->FontSize, ImVec2(pos.x + pad, y), theme::kText, shown.data() + b,
                            shown.data() + textEnd);
            if (e > field.text.size()) {
                const size_t cb = std::max(b, field.text.size());
                const float cx = pos.x + pad + (cb > b ? measure(font, shown.substr(b, cb - b)).x : 0);
                dl->AddText(font, font->FontSize, ImVec2(cx, y), theme::kLink, shown.data() + cb, shown.data() + e);
            }
        }
        if (focused && !lines.empty()) {
            const LineSpan& last = lines.back();
            const float cx = pos.x + pad + measure(font, shown.substr(last.begin, last.end - last.begin)).x;
            const float cy = pos.y + pad + static_cast<float>(lines.size() - 1 - first) * lineH;
            dl->AddRectFilled(ImVec2(cx + ui.px(2), cy), ImVec2(cx + ui.px(5), cy + font->FontSize), theme::kFieldFocus);
        }
        dl->PopClipRect();
        ui.trace.add(field.text, pos, max, true);
    }
}

void beginScroll(UiContext& ui, const char* id, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoNav);
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    ui.input.registerScrollRegion(window->ID, window->Pos,
                                  ImVec2(window->Pos.x + window->Size.x, window->Pos.y + window->Size.y));
    const float delta = ui.input.scrollDelta(window->ID, ui.now);
    if (delta != 0) {
        const float target = window->Scroll.y + delta;
        const float clamped = std::clamp(target, 0.0f, window->ScrollMax.y);
        if (clamped != target) ui.input.hitScrollLimit(window->ID);
        ImGui::SetScrollY(clamped);
    }
}

void endScroll(UiContext&) {
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace zwgk::widgets
