// 工作人员模式: what this terminal is set up with (content version, applications waiting to be
// collected, printers, the citizens' print allowance) and what staff can do here: the print
// queue, content updates and USB, settings, the log, leaving staff mode and (only here)
// leaving the program. Staff print documents, checklists and posters from the ordinary
// pages, whose print buttons staff mode unlocks.
#include <algorithm>
#include <iterator>

#include "event_log.h"
#include "receipt_printer.h"
#include "screens.h"
#include "submission.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawStaffHomeScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("staff.home.title"), true);
    // The ways out stay in a bar along the bottom, wherever the page is scrolled.
    const float barPad = ui.px(20);
    const float barH = std::max(ui.px(theme::kTouchMin), ui.fonts.heading->FontSize * 1.5f) + 2 * barPad;
    const float column =
        beginReadingPage(ui, "staff-home-" + std::to_string(ui.state.top().serial), 1400, 36, barH);
    const float gap = ui.px(32);
    // 朗读 failed for a citizen (no sound device): staff are the ones who can fix it, so it
    // comes first.
    if (!ui.state.readAloud.problem.empty()) {
        widgets::paragraph(ui, ui.tf("staff.readaloud.problem", {{"detail", ui.state.readAloud.problem}}), ui.fonts.body,
                           column, theme::kRepealed);
        ImGui::Dummy(ImVec2(1, gap * 0.5f));
    }

    // The terminal's set-up, one line each, first: what staff come to check.
    std::vector<std::string> lines;
    const HomeInfo& home = ui.state.home;
    lines.push_back(ui.tf("staff.info.content", {{"version", std::to_string(home.meta.version)},
                                                 {"date", home.meta.generated}}));
    if (ui.outbox) lines.push_back(ui.tf("staff.info.outbox", {{"n", std::to_string(ui.outbox->count(true))}}));
    // Each printer with its state as asked when this page opened.
    const StaffSettingsView& view = ui.state.staff.settings;
    const auto printer = [&](const char* key, const std::string& queue, const std::string& problem) {
        std::string shown = queue.empty() ? ui.t("staff.info.not_set") : queue;
        if (!queue.empty() && !problem.empty()) shown += "（" + ui.t("staff.printer." + problem) + "）";
        lines.push_back(ui.tf(key, {{"queue", shown}}));
    };
    printer("staff.info.a4", view.a4Queue, view.a4Problem);
    printer("staff.info.receipt", view.receiptQueue, view.receiptProblem);
    lines.push_back(ui.citizenPages > 0 ? ui.tf("staff.info.citizen_pages", {{"n", std::to_string(ui.citizenPages)}})
                                        : ui.t("staff.info.citizen_none"));
    for (const std::string& line : lines) {
        widgets::paragraph(ui, line, ui.fonts.body, column, theme::kText);
        ImGui::Dummy(ImVec2(1, ui.px(6)));
    }
    ImGui::Dummy(ImVec2(1, gap * 0.5f));

    // What staff can open, as large cards: the title, and under it what is there (or, for
    // the log, that it cannot be written, in red).
    const bool logFailing = logs::health().failing;
    struct StaffCard {
        const char* id;         // ImGui id
        const char* titleKey;   // strings
        const char* hintKey;    // strings
        ScreenKind kind;        // where it leads
        bool alarm;             // the hint is a problem
    };
    const StaffCard cards[] = {
        {"##staff-queue", "staff.home.print_queue", "staff.home.print_queue_hint", ScreenKind::PrintQueue, false},
        {"##staff-sync", "staff.home.sync", "staff.home.sync_hint", ScreenKind::StaffSync, false},
        {"##staff-settings", "staff.home.settings", "staff.home.settings_hint", ScreenKind::StaffSettings, false},
        {"##staff-receipts", "staff.home.receipts", "staff.home.receipts_hint", ScreenKind::StaffReceipts, false},
        {"##staff-log", "staff.home.log", logFailing ? "staff.log.failing" : "staff.home.log_hint", ScreenKind::StaffLog,
         logFailing},
    };
    // Two cards a row, the pair as tall as the taller one.
    const float padX = ui.px(40), padY = ui.px(26);
    const float cardW = (column - gap) * 0.5f, innerW = cardW - 2 * padX;
    const float titleH = ui.fonts.heading->FontSize * 1.25f;
    const ImVec2 gridStart = ImGui::GetCursorScreenPos();
    float rowTop = gridStart.y;
    for (size_t i = 0; i < std::size(cards); i += 2) {
        float cardH = 0;
        for (size_t j = i; j < i + 2 && j < std::size(cards); ++j)
            cardH = std::max(cardH, padY + titleH + widgets::paragraphHeight(ui.t(cards[j].hintKey), ui.fonts.body,
                                                                              innerW, 0, 1.4f) + padY);
        for (size_t j = i; j < i + 2 && j < std::size(cards); ++j) {
            const StaffCard& c = cards[j];
            const std::string title = ui.t(c.titleKey), hint = ui.t(c.hintKey);
            const ImVec2 pos(gridStart.x + static_cast<float>(j - i) * (cardW + gap), rowTop);
            ImGui::SetCursorScreenPos(pos);
            bool pressed = false;
            if (widgets::card(ui, c.id, title, ImVec2(cardW, cardH), pressed)) {
                Route r;
                r.kind = c.kind;
                ui.push(r);
            }
            widgets::textAt(ui, ImVec2(pos.x + padX, pos.y + padY), title, ui.fonts.heading, theme::kLink);
            ImGui::SetCursorScreenPos(ImVec2(pos.x + padX, pos.y + padY + titleH));
            widgets::paragraph(ui, hint, ui.fonts.body, innerW, c.alarm ? theme::kRepealed : theme::kTextSecondary, 0,
                               1.4f);
        }
        rowTop += cardH + gap * 0.6f;
    }
    ImGui::SetCursorScreenPos(ImVec2(gridStart.x, rowTop));
    widgets::paragraph(ui, ui.t("staff.home.print_hint"), ui.fonts.body, column, theme::kTextSecondary);

    ImGui::Dummy(ImVec2(1, ui.px(16)));
    widgets::paragraph(ui, ui.t("staff.home.timeout"), ui.fonts.small, column, theme::kTextSecondary);
    endReadingPage(ui);

    // Leaving: back to the citizens' terminal, or (only from here) out of the program.
    const ImVec2 bar = widgets::bottomBar(ui, barH);
    const float left = (ui.display.x - column) * 0.5f, buttonH = barH - 2 * barPad;
    const std::string leave = ui.t("staff.home.exit"), quit = ui.t("staff.home.exit_system");
    const float leaveW = std::max(ui.px(520), widgets::measure(ui.fonts.heading, leave).x + ui.px(80));
    const float quitW = widgets::measure(ui.fonts.heading, quit).x + ui.px(80);
    ImGui::SetCursorScreenPos(ImVec2(left, bar.y + barPad));
    if (widgets::button(ui, "##staff-exit", leave, ImVec2(leaveW, buttonH), theme::kHeader, theme::kHeaderText,
                        ui.fonts.heading))
        ui.emit(Action{Action::Kind::LeaveStaffMode});
    ImGui::SetCursorScreenPos(ImVec2(std::max(left + leaveW + gap, left + column - quitW), bar.y + barPad));
    if (widgets::button(ui, "##staff-quit", quit, ImVec2(quitW, buttonH), theme::kSurfacePressed, theme::kText,
                        ui.fonts.heading)) {
        Action a;
        a.kind = Action::Kind::ShowDialog;
        a.dialog.title = ui.strings.get("staff.exit.title");
        a.dialog.body = ui.strings.get("staff.exit.body");
        a.dialog.confirm = DialogConfirm::ExitToSystem;
        a.dialog.confirmKey = "staff.exit.confirm";
        a.dialog.cancelKey = "dialog.cancel";
        ui.emit(a);
    }
}

}  // namespace zwgk
