// One notice from the home screen.
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawAnnouncementScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("home.notices"), true);
    const float margin = ui.px(theme::kMargin);
    const ImVec2 origin = contentOrigin(ui);
    const Announcement* found = nullptr;
    for (const Announcement& a : ui.state.home.notices)
        if (a.id == route.id) found = &a;
    if (!found) {
        ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(60)));
        widgets::paragraph(ui, ui.t("doc.not_found"), ui.fonts.body, ui.display.x - 2 * margin, theme::kText);
        return;
    }
    const float column = std::min(ui.px(1500), ui.display.x - 2 * margin);
    const float left = (ui.display.x - column) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(0, origin.y));
    widgets::beginScroll(ui, ("notice-" + std::to_string(route.serial)).c_str(),
                         ImVec2(ui.display.x, ui.display.y - origin.y));
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y + ui.px(40)));
    ImGui::BeginGroup();
    widgets::paragraph(ui, ui.show(found->title), ui.fonts.heading, column, theme::kText, 0, 1.45f,
                       widgets::Align::Center);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    const std::string when = ui.show(found->kind) + "　" + found->starts + " — " + found->ends;
    widgets::paragraph(ui, when, ui.fonts.small, column, theme::kTextSecondary, 0, 1.4f, widgets::Align::Center);
    ImGui::Dummy(ImVec2(1, ui.px(28)));
    for (const std::string& para : found->body) {
        widgets::paragraph(ui, ui.show(para), ui.fonts.body, column, theme::kText, ui.fonts.body->FontSize * 2,
                           theme::kLineSpacing);
        ImGui::Dummy(ImVec2(1, ui.px(10)));
    }
    ImGui::Dummy(ImVec2(1, ui.px(60)));
    ImGui::EndGroup();
    widgets::endScroll(ui);
}

}  // namespace zwgk
