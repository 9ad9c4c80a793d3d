// 工作人员模式: what this terminal is set up with (content version, applications waiting to be
// collected, printers, the citizens' print allowance) and what staff can do here: the print
// queue, and leaving staff mode. Staff print documents, checklists and posters from the
// ordinary pages, whose print buttons staff mode unlocks.
#include "receipt_printer.h"
#include "screens.h"
#include "submission.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawStaffHomeScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("staff.home.title"), true);
    const float column = beginReadingPage(ui, "staff-home", 1400, 36);
    const float gap = ui.px(32);

    // The queue, as a large card.
    const float cardH = ui.px(170);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = false;
    const std::string queueTitle = ui.t("staff.home.print_queue");
    if (widgets::card(ui, "##staff-queue", queueTitle, ImVec2(column, cardH), pressed)) {
        Route r;
        r.kind = ScreenKind::PrintQueue;
        ui.push(r);
    }
    widgets::textAt(ui, ImVec2(pos.x + ui.px(40), pos.y + ui.px(30)), queueTitle, ui.fonts.heading, theme::kLink);
    widgets::textAt(ui, ImVec2(pos.x + ui.px(40), pos.y + ui.px(100)), ui.t("staff.home.print_queue_hint"),
                    ui.fonts.body, theme::kTextSecondary);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + cardH + gap));
    widgets::paragraph(ui, ui.t("staff.home.print_hint"), ui.fonts.body, column, theme::kTextSecondary);
    ImGui::Dummy(ImVec2(1, gap));

    // The terminal's set-up, one line each.
    std::vector<std::string> lines;
    const HomeInfo& home = ui.state.home;
    lines.push_back(ui.tf("staff.info.content", {{"version", std::to_string(home.meta.version)},
                                                 {"date", home.meta.generated}}));
    if (ui.outbox) lines.push_back(ui.tf("staff.info.outbox", {{"n", std::to_string(ui.outbox->count(true))}}));
    const std::string a4 = ui.store ? ui.store->effectiveSetting("printer.a4").value_or("") : "";
    lines.push_back(ui.tf("staff.info.a4", {{"queue", a4.empty() ? ui.t("staff.info.not_set") : a4}}));
    const std::string receipt = ui.intake ? ui.intake->receiptQueue : "";
    lines.push_back(ui.tf("staff.info.receipt", {{"queue", receipt.empty() ? ui.t("staff.info.not_set") : receipt}}));
    lines.push_back(ui.citizenPages > 0 ? ui.tf("staff.info.citizen_pages", {{"n", std::to_string(ui.citizenPages)}})
                                        : ui.t("staff.info.citizen_none"));
    for (const std::string& line : lines) {
        widgets::paragraph(ui, line, ui.fonts.body, column, theme::kText);
        ImGui::Dummy(ImVec2(1, ui.px(6)));
    }
    ImGui::Dummy(ImVec2(1, gap));
    if (widgets::button(ui, "##staff-exit", ui.t("staff.home.exit"), ImVec2(ui.px(520), ui.px(theme::kTouchMin)),
                        theme::kHeader, theme::kHeaderText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::LeaveStaffMode});
    ImGui::Dummy(ImVec2(1, ui.px(16)));
    widgets::paragraph(ui, ui.t("staff.home.timeout"), ui.fonts.small, column, theme::kTextSecondary);
    endReadingPage(ui);
}

}  // namespace zwgk
