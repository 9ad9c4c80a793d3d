// After 提交: the application is safely in the outbox. The tracking code is the largest
// thing on the screen (the citizen may have to write it down if the printer fails), then
// the dates that matter and what happens next; on the right, what the receipt printer is
// doing, in plain words, with 重新打印 when it failed.
#include "keyboard.h"
#include "receipt_printer.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

// What the printer is doing, for the citizen: a sentence, its colour, whether to offer a
// reprint, and the staff line (the printer's own words) under it.
struct PrintView {
    const char* key;        // strings key of the sentence
    ImU32 color;            // green when done, red on a problem, plain while printing
    bool offerRetry;        // the job ended without a receipt
    std::string staffKey;   // strings key naming the problem, empty when none
};

PrintView printView(const UiContext& ui) {
    const ReceiptState& r = ui.state.receipt;
    if (!r.printErrorKey.empty()) return {"receipt.print.unavailable", theme::kRepealed, false, r.printErrorKey};
    const auto job = ui.printer ? ui.printer->job(r.printJob) : std::nullopt;
    if (!job) return {"receipt.print.unavailable", theme::kRepealed, false, "apply.printer.submit_failed"};
    switch (job->state) {
    case JobState::Completed: return {"receipt.print.done", theme::kValid, false, ""};
    case JobState::Stalled: return {"receipt.print.unavailable", theme::kRepealed, false, printerProblemKey(job->problem)};
    case JobState::Failed:
    case JobState::Cancelled: return {"receipt.print.unavailable", theme::kRepealed, true, printerProblemKey(job->problem)};
    case JobState::Queued:
    case JobState::Submitting:
    case JobState::Waiting: break;
    }
    return {"receipt.print.printing", theme::kText, false, ""};
}

// VALUEFONT: typedBody for what the citizen typed, which may use any character.
void labelValue(UiContext& ui, const std::string& label, const std::string& value, float width, ImU32 color,
                ImFont* valueFont = nullptr) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float labelW = ui.tx(250);
    // Level with the value's first line, which sits centred in a 1.4 line box.
    widgets::textAt(ui, ImVec2(pos.x, pos.y + ui.fonts.body->FontSize * 0.2f), label, ui.fonts.body,
                    theme::kTextSecondary);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + labelW, pos.y));
    const float h = widgets::paragraph(ui, value, valueFont ? valueFont : ui.fonts.body, width - labelW, color, 0, 1.4f);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + std::max(h, ui.fonts.body->FontSize * 1.4f) + ui.px(14)));
    ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace

void drawReceiptScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("receipt.title"), true);
    const ReceiptState& r = ui.state.receipt;
    const OutboxEntry& e = r.entry;
    const float margin = ui.px(theme::kMargin);
    const float top = contentOrigin(ui).y + ui.px(36);
    const float gap = ui.px(48);
    const float rightW = ui.px(640);
    const float leftW = ui.display.x - 2 * margin - gap - rightW;

    // Left: what was submitted, and when the answer is due.
    ImGui::SetCursorScreenPos(ImVec2(margin, top));
    const float reserve = ui.px(150);
    widgets::beginScroll(ui, "receipt-left", ImVec2(leftW + margin, ui.display.y - top - reserve));
    ImGui::SetCursorScreenPos(ImVec2(margin, ImGui::GetCursorScreenPos().y));
    ImGui::BeginGroup();
    widgets::text(ui, ui.t("receipt.heading"), ui.fonts.title, theme::kValid);
    ImGui::Dummy(ImVec2(1, ui.px(18)));
    widgets::text(ui, ui.t("receipt.code_label"), ui.fonts.body, theme::kTextSecondary);
    ImGui::Dummy(ImVec2(1, ui.px(6)));
    // The code in the largest size, letter-spaced by its hyphens, in a box.
    const ImVec2 box = ImGui::GetCursorScreenPos();
    ImFont* big = ui.fonts.title;
    const float scaleUp = 1.6f;
    const ImVec2 cs = widgets::measure(big, e.trackingCode);
    const ImVec2 boxMax(box.x + cs.x * scaleUp + ui.px(80), box.y + cs.y * scaleUp + ui.px(40));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, box, boxMax, theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(box, boxMax, theme::kPrimary, ui.px(theme::kRounding), 0, ui.px(4));
    dl->AddText(big, big->FontSize * scaleUp, ImVec2(box.x + ui.px(40), box.y + ui.px(20)), theme::kText,
                e.trackingCode.c_str());
    ui.trace.add(e.trackingCode, box, boxMax, false);
    ImGui::Dummy(ImVec2(boxMax.x - box.x, boxMax.y - box.y + ui.px(18)));
    widgets::paragraph(ui, ui.t("receipt.keep_code"), ui.fonts.body, leftW, theme::kTextSecondary, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    const std::string submitted =
        e.submittedAt.size() >= 16 ? e.submittedAt.substr(0, 10) + " " + e.submittedAt.substr(11, 5) : e.submittedAt;
    labelValue(ui, ui.t("receipt.submitted"), submitted, leftW, theme::kText);
    labelValue(ui, ui.t("receipt.received"), e.receivedDate + "　" + ui.t("receipt.received_note"), leftW, theme::kText);
    std::string due = ui.tf("receipt.due_value", {{"date", e.dueDate}});
    if (e.dueProvisional) due += "　" + ui.t("apply.provisional.note");
    labelValue(ui, ui.t("receipt.due"), due, leftW, theme::kText);
    labelValue(ui, ui.t("receipt.applicant"), ui.show(e.applicant), leftW, theme::kText, ui.fonts.typedBody);
    labelValue(ui, ui.t("receipt.information"), ui.show(e.information), leftW, theme::kText, ui.fonts.typedBody);
    labelValue(ui, ui.t("receipt.provision"), ui.show(e.provision), leftW, theme::kText, ui.fonts.typedBody);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    widgets::text(ui, ui.t("receipt.next.title"), ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    for (const char* key : {"receipt.next.correction", "receipt.next.reply", "receipt.next.lookup"}) {
        widgets::paragraph(ui,
                           "· " + ui.tf(key, {{"due", e.dueDate},
                                              {"by", r.deadlines.correctionNotice.date},
                                              {"hotline", ui.state.home.meta.hotline}}),
                           ui.fonts.body, leftW, theme::kTextSecondary, 0, 1.5f);
        ImGui::Dummy(ImVec2(1, ui.px(8)));
    }
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    ImGui::EndGroup();
    widgets::endScroll(ui);

    // Right: the receipt printer (drawn on the screen's own window, not the scroll area).
    dl = ImGui::GetWindowDrawList();
    const PrintView view = printView(ui);
    const ImVec2 card(margin + leftW + gap, top);
    const float pad = ui.px(36), innerW = rightW - 2 * pad;
    const std::string sentence = ui.tf(view.key, {{"hotline", ui.state.home.meta.hotline}});
    float h = pad * 2 + ui.px(70) + widgets::paragraphHeight(sentence, ui.fonts.heading, innerW, 0, 1.4f);
    if (!view.staffKey.empty()) h += ui.px(20) + widgets::paragraphHeight(ui.t(view.staffKey), ui.fonts.small, innerW, 0, 1.4f);
    if (view.offerRetry) h += ui.px(theme::kTouchMin + 28);
    widgets::fillRect(dl, card, ImVec2(card.x + rightW, card.y + h), theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(card, ImVec2(card.x + rightW, card.y + h), view.color, ui.px(theme::kRounding), 0, ui.px(4));
    widgets::textAt(ui, ImVec2(card.x + pad, card.y + pad), ui.t("receipt.print.title"), ui.fonts.body,
                    theme::kTextSecondary);
    ImGui::SetCursorScreenPos(ImVec2(card.x + pad, card.y + pad + ui.px(70)));
    ImGui::BeginGroup();  // keeps the lines below at the card's left edge
    widgets::paragraph(ui, sentence, ui.fonts.heading, innerW, view.color, 0, 1.4f);
    if (!view.staffKey.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(20)));
        widgets::paragraph(ui, ui.t(view.staffKey), ui.fonts.small, innerW, theme::kTextSecondary, 0, 1.4f);
    }
    if (view.offerRetry) {
        ImGui::Dummy(ImVec2(1, ui.px(28)));
        if (widgets::button(ui, "##reprint", ui.t("receipt.print.retry"), ImVec2(innerW, ui.px(theme::kTouchMin)),
                            theme::kPrimary, theme::kPrimaryText, ui.fonts.heading))
            ui.emit(Action{Action::Kind::ReprintReceipt});
    }
    ImGui::EndGroup();

    // Bottom: done. Home wipes the screen for the next citizen.
    const float bw = ui.px(520), bh = ui.px(theme::kTouchMin + 12);
    ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - bw, ui.display.y - bh - ui.px(36)));
    if (widgets::button(ui, "##receipt-done", ui.t("receipt.done"), ImVec2(bw, bh), theme::kPrimary,
                        theme::kPrimaryText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::Home});
}

}  // namespace zwgk
