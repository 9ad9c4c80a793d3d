// The attract loop, shown after a privacy reset: nothing of the last visitor, the zone's name,
// the notices in force (from the content) one after another, and 点击屏幕开始 — a touch
// anywhere opens the home screen.
#include <cmath>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawAttractScreen(UiContext& ui) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, ImVec2(0, 0), ui.display, theme::kHeader);
    const HomeInfo& home = ui.state.home;
    const float margin = ui.px(theme::kMargin * 2);
    const float width = ui.display.x - 2 * margin;
    float y = ui.px(110);
    const std::string zone = ui.show(home.meta.zoneName.empty() ? ui.strings.get("attract.welcome") : home.meta.zoneName);
    // Content text uses the heading size: the title size holds only the UI's own characters.
    const ImVec2 zs = widgets::measure(ui.fonts.heading, zone);
    widgets::textAt(ui, ImVec2(std::round((ui.display.x - zs.x) * 0.5f), y), zone, ui.fonts.heading, theme::kHeaderText);
    y += zs.y + ui.px(70);

    // One notice at a time, turning every kAttractTurnSeconds.
    if (!home.notices.empty()) {
        const double shown = std::max(0.0, ui.now - ui.state.idle.attractSince);
        const size_t turn = static_cast<size_t>(shown / kAttractTurnSeconds) % home.notices.size();
        const Announcement& notice = home.notices[turn];
        const float pad = ui.px(56), cardH = ui.display.y * 0.5f;
        const ImVec2 card(margin, y);
        widgets::fillRect(dl, card, ImVec2(card.x + width, card.y + cardH), theme::kSurface, ui.px(24));
        ImGui::SetCursorScreenPos(ImVec2(card.x + pad, card.y + pad));
        const float innerW = width - 2 * pad;
        widgets::badge(ui, ImVec2(card.x + pad, card.y + pad), ui.show(notice.kind.empty() ? ui.strings.get("attract.notices")
                                                                                            : notice.kind),
                       theme::kHeader, ui.fonts.body);
        ImGui::SetCursorScreenPos(ImVec2(card.x + pad, card.y + pad + ui.px(70)));
        widgets::paragraph(ui, widgets::clampLines(ui.show(notice.title), ui.fonts.heading, innerW, 2),
                           ui.fonts.heading, innerW, theme::kText, 0, 1.3f);
        const std::string first = notice.body.empty() ? "" : ui.show(notice.body.front());
        ImGui::SetCursorScreenPos(ImVec2(card.x + pad, ImGui::GetCursorScreenPos().y + ui.px(24)));
        widgets::paragraph(ui, widgets::clampLines(first, ui.fonts.body, innerW, 4), ui.fonts.body, innerW,
                           theme::kTextSecondary, 0, 1.6f);
        y += cardH + ui.px(60);
    }
    const std::string start = ui.t("attract.start");
    const ImVec2 ss = widgets::measure(ui.fonts.title, start);
    widgets::textAt(ui, ImVec2(std::round((ui.display.x - ss.x) * 0.5f), std::max(y, ui.display.y - ui.px(170))), start,
                    ui.fonts.title, theme::kHeaderText);
    // The whole screen is the button.
    ImGui::SetCursorScreenPos(ImVec2(0, 0));
    if (ImGui::InvisibleButton("##attract-start", ui.display)) ui.emit(Action{Action::Kind::Home});
    ui.trace.add(start, ImVec2(0, 0), ui.display, true);
}

}  // namespace zwgk
