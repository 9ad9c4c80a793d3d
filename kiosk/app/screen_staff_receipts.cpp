// 补打回执 (staff mode): the applications submitted at this terminal, newest first, each with
// its tracking code, when it was submitted, whether its receipt printed, and 补打回执 for a
// citizen who lost it. Only the code and the times are shown: the names stay on the receipt.
#include <algorithm>

#include "outbox.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawStaffReceiptsScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("staff.receipts.title"), true);
    const std::string message = ui.state.staff.settings.messageKey;
    const float barH = message.empty() ? 0 : ui.fonts.body->FontSize * 1.6f + ui.px(40);
    const float column =
        beginReadingPage(ui, "staff-receipts-" + std::to_string(ui.state.top().serial), 1400, 24, barH);
    const std::vector<OutboxEntry> entries =
        ui.outbox ? ui.outbox->entries(/*pendingOnly=*/false, /*limit=*/30) : std::vector<OutboxEntry>{};
    if (entries.empty()) widgets::paragraph(ui, ui.t("staff.receipts.empty"), ui.fonts.body, column, theme::kTextSecondary);
    const std::string reprint = ui.t("staff.receipts.reprint");
    const float buttonW = widgets::measure(ui.fonts.heading, reprint).x + ui.px(60);
    const float pad = ui.px(28);
    for (const OutboxEntry& e : entries) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string state = ui.t("staff.receipts.state." + e.receiptState);
        const std::string when = ui.tf("staff.receipts.when", {{"time", e.submittedAt.substr(0, 16)}, {"state", state}});
        const float textW = column - 2 * pad - buttonW - ui.px(24);
        const float textH = ui.fonts.heading->FontSize * 1.3f + widgets::paragraphHeight(when, ui.fonts.body, textW, 0, 1.4f);
        const float rowH = std::max(ui.px(theme::kTouchMin), textH) + 2 * pad;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        widgets::fillRect(dl, pos, ImVec2(pos.x + column, pos.y + rowH), theme::kSurface, ui.px(theme::kRounding));
        dl->AddRect(pos, ImVec2(pos.x + column, pos.y + rowH), theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + pad), e.trackingCode, ui.fonts.heading, theme::kText);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad + ui.fonts.heading->FontSize * 1.3f));
        widgets::paragraph(ui, when, ui.fonts.body, textW, e.receiptState == "failed" ? theme::kRepealed : theme::kTextSecondary,
                           0, 1.4f);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + column - pad - buttonW, pos.y + (rowH - ui.px(theme::kTouchMin)) * 0.5f));
        if (widgets::button(ui, ("##reprint-" + e.id).c_str(), reprint, ImVec2(buttonW, ui.px(theme::kTouchMin)),
                            theme::kSurfacePressed, theme::kLink, ui.fonts.heading)) {
            Action a;
            a.kind = Action::Kind::ReprintReceiptFor;
            a.text = e.id;
            ui.emit(std::move(a));
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + ui.px(16)));
        ImGui::Dummy(ImVec2(column, 0));
    }
    endReadingPage(ui);
    if (barH > 0) {
        const ImVec2 bar = widgets::bottomBar(ui, barH);
        widgets::textAt(ui, ImVec2((ui.display.x - column) * 0.5f, bar.y + ui.px(20)), ui.t(message), ui.fonts.body,
                        message == "staff.receipts.failed" ? theme::kRepealed : theme::kValid);
    }
}

}  // namespace zwgk
