// 字号·对比: the panel behind the title bar's button on every screen, where a visitor picks
// one of three text sizes and the high-contrast colours. Each choice applies at once and the
// sample sentence shows it, so nobody has to guess what a word like 特大 means.
#include <algorithm>
#include <cmath>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

namespace {

// A row of choices as a segmented control, the one in use filled. Emits KIND with the
// index of the choice tapped.
void choiceRow(UiContext& ui, const char* idPrefix, const std::vector<std::string>& labels, int selected,
               Action::Kind kind, ImVec2 pos, float width) {
    const float gap = ui.px(16);
    float widest = 0;
    for (const std::string& label : labels) widest = std::max(widest, widgets::measure(ui.fonts.heading, label).x);
    const float each = std::max((width - gap * (labels.size() - 1)) / labels.size(), widest + ui.px(40));
    for (size_t i = 0; i < labels.size(); ++i) {
        const std::string id = std::string(idPrefix) + std::to_string(i);
        const ImVec2 at(pos.x + i * (each + gap), pos.y);
        if (widgets::segment(ui, id.c_str(), labels[i], at, ImVec2(each, ui.px(theme::kTouchMin)),
                             static_cast<int>(i) == selected)) {
            Action a;
            a.kind = kind;
            a.target = static_cast<int64_t>(i);
            ui.emit(a);
        }
    }
}

}  // namespace

void drawDisplayPanel(UiContext& ui) {
    if (!ui.state.displayPanel) return;
    ImDrawList* dl = widgets::beginModal(ui, "##display-panel");
    const float w = std::min(ui.px(1300), ui.display.x - ui.px(40));
    const float pad = ui.px(44), innerW = w - 2 * pad;
    const std::string sample = ui.t("display.sample");
    const float headingLine = ui.fonts.heading->FontSize * 1.3f;
    const float sampleH = widgets::paragraphHeight(sample, ui.fonts.body, innerW, 0, theme::kLineSpacing);
    const float row = ui.px(theme::kTouchMin);
    const float gapS = ui.px(16), gapL = ui.px(28);
    const float h = pad + ui.fonts.title->FontSize * 1.3f + gapL + headingLine + gapS + row + gapL + headingLine +
                    gapS + row + gapL + sampleH + gapL + row + pad;
    const float top = std::max(ui.px(10), std::round((ui.display.y - h) * 0.5f));
    const ImVec2 pos(std::round((ui.display.x - w) * 0.5f), top);
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));
    dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), theme::kBorder, ui.px(20), 0, ui.px(2));
    float y = pos.y + pad;
    widgets::textAt(ui, ImVec2(pos.x + pad, y), ui.t("display.title"), ui.fonts.title, theme::kText);
    y += ui.fonts.title->FontSize * 1.3f + gapL;
    widgets::textAt(ui, ImVec2(pos.x + pad, y), ui.t("display.size"), ui.fonts.heading, theme::kText);
    y += headingLine + gapS;
    choiceRow(ui, "##text-size-", {ui.t("display.size.0"), ui.t("display.size.1"), ui.t("display.size.2")},
              ui.state.textSize, Action::Kind::SetTextSize, ImVec2(pos.x + pad, y), innerW);
    y += row + gapL;
    widgets::textAt(ui, ImVec2(pos.x + pad, y), ui.t("display.contrast"), ui.fonts.heading, theme::kText);
    y += headingLine + gapS;
    choiceRow(ui, "##contrast-", {ui.t("display.contrast.0"), ui.t("display.contrast.1")},
              ui.state.highContrast ? 1 : 0, Action::Kind::SetHighContrast, ImVec2(pos.x + pad, y), innerW);
    y += row + gapL;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    widgets::paragraph(ui, sample, ui.fonts.body, innerW, theme::kTextSecondary, 0, theme::kLineSpacing);
    const float bw = std::min(innerW, std::max(ui.px(360), widgets::measure(ui.fonts.heading, ui.t("display.done")).x + ui.px(80)));
    ImGui::SetCursorScreenPos(ImVec2(std::round(pos.x + (w - bw) * 0.5f), pos.y + h - pad - row));
    if (widgets::button(ui, "##display-done", ui.t("display.done"), ImVec2(bw, row), theme::kPrimary,
                        theme::kPrimaryText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::CloseDisplayPanel});
    ImGui::End();
}

}  // namespace zwgk
