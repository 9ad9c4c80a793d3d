// One notice from the home screen.
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawAnnouncementScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("home.notices"), true);
    const Announcement* found = nullptr;
    for (const Announcement& a : ui.state.home.notices)
        if (a.id == route.id) found = &a;
    if (!found) {
        drawNotFound(ui);
        return;
    }
    const float column = beginReadingPage(ui, "notice-" + std::to_string(route.serial), 1500, 40);
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
    endReadingPage(ui);
}

void drawAnnouncementListScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("home.notices"), true);
    const float column = beginReadingPage(ui, "notices-" + std::to_string(route.serial), 1500, 32);
    if (ui.state.home.notices.empty())
        widgets::paragraph(ui, ui.t("notices.empty"), ui.fonts.body, column, theme::kTextSecondary);
    const float pad = ui.px(28);
    for (const Announcement& notice : ui.state.home.notices) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string title = ui.show(notice.title);
        const std::string shown = widgets::clampLines(title, ui.fonts.body, column - 2 * pad, 2);
        const float textH = widgets::paragraphHeight(shown, ui.fonts.body, column - 2 * pad, 0, 1.35f);
        const float h = ui.px(24 + 44 + 12) + textH + ui.px(24);
        bool pressed = false;
        if (widgets::card(ui, ("##notice" + std::to_string(notice.id)).c_str(), title, ImVec2(column, h), pressed)) {
            Route next;
            next.kind = ScreenKind::Announcement;
            next.id = notice.id;
            ui.push(next);
        }
        const float badgeW = widgets::badge(ui, ImVec2(pos.x + pad, pos.y + ui.px(24)), ui.show(notice.kind),
                                            theme::kPrimary, ui.fonts.small);
        widgets::textAt(ui, ImVec2(pos.x + pad + badgeW + ui.px(20), pos.y + ui.px(28)),
                        notice.starts + " — " + notice.ends, ui.fonts.small, theme::kTextSecondary);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + ui.px(24 + 44 + 12)));
        widgets::paragraph(ui, shown, ui.fonts.body, column - 2 * pad, theme::kText, 0, 1.35f);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(20)));
    }
    endReadingPage(ui);
}

}  // namespace zwgk
