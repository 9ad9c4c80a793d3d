// 还在吗？: after the idle time the terminal asks before it forgets the visitor, with the
// seconds left counting down and one large 继续使用 that any slow reader can reach. Any touch
// keeps the session (App::updateIdle); this dialog only says so.
#include <algorithm>
#include <cmath>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawIdleDialog(UiContext& ui) {
    if (!ui.state.idle.warning()) return;
    const int left = std::max(
        0, static_cast<int>(std::ceil(kIdleCountdownSeconds - (ui.now - ui.state.idle.warnedAt))));
    ImDrawList* dl = widgets::beginModal(ui, "##idle-dialog");
    const float w = std::min(ui.px(1100), ui.display.x - ui.px(40));
    const float pad = ui.px(64), innerW = w - 2 * pad;
    const std::string title = ui.t("idle.title");
    const std::string body = ui.tf("idle.body", {{"n", std::to_string(left)}});
    const float titleH = ui.fonts.title->FontSize * 1.3f;
    const float bodyH = widgets::paragraphHeight(body, ui.fonts.heading, innerW, 0, 1.45f);
    const float buttonH = ui.px(140);
    const float h = pad + titleH + ui.px(32) + bodyH + ui.px(56) + buttonH + pad;
    const ImVec2 pos(std::round((ui.display.x - w) * 0.5f), std::round((ui.display.y - h) * 0.5f));
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));
    const ImVec2 ts = widgets::measure(ui.fonts.title, title);
    widgets::textAt(ui, ImVec2(std::round(pos.x + (w - ts.x) * 0.5f), pos.y + pad), title, ui.fonts.title, theme::kText);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad + titleH + ui.px(32)));
    widgets::paragraph(ui, body, ui.fonts.heading, innerW, theme::kTextSecondary, 0, 1.45f, widgets::Align::Center);
    const float bw = std::min(innerW, ui.px(640));
    ImGui::SetCursorScreenPos(ImVec2(std::round(pos.x + (w - bw) * 0.5f), pos.y + h - pad - buttonH));
    if (widgets::button(ui, "##idle-continue", ui.t("idle.continue"), ImVec2(bw, buttonH), theme::kPrimary,
                        theme::kPrimaryText, ui.fonts.title))
        ui.emit(Action{Action::Kind::StillHere});
    ImGui::End();
}

}  // namespace zwgk
