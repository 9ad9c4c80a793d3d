// The print dialog over everything: 正在准备 while the pages are laid out, then the page
// count and 确定打印 (with what is left of a citizen's allowance), then the job as it goes
// (发送 → 打印中 → 完成, or why not, with 重新打印), or why this cannot be printed here.
// Also the print buttons the screens place and the words for job states and printer problems.
#include <algorithm>
#include <cmath>

#include "hall_printer.h"
#include "print_policy.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kCardWidth = 1100;  // reference px
constexpr float kPad = 56;
constexpr float kButtonWidth = 360;

}  // namespace

std::string printProblemKey(PrinterProblem problem) {
    return std::string("print.problem.") + printerProblemName(problem);
}

std::string jobStateKey(JobState state) { return std::string("queue.state.") + jobStateName(state); }

bool printOffered(const UiContext& ui) {
    return ui.hallPrinter && ui.a4Printer && (ui.state.staff.active || ui.citizenPages > 0);
}

void printButton(UiContext& ui, const char* id, const std::string& label, Action::Kind kind, int64_t target,
                 ImVec2 size) {
    if (widgets::button(ui, id, label, size, theme::kSurface, theme::kLink, ui.fonts.heading)) {
        Action a;
        a.kind = kind;
        a.target = target;
        ui.emit(std::move(a));
    }
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(min, max, theme::kLink, ui.px(theme::kRounding), 0, ui.px(2));
}

void drawPrintDialog(UiContext& ui) {
    if (!ui.state.print) return;
    const PrintDialogState& d = *ui.state.print;
    std::optional<PrintJob> job;
    if (d.phase == PrintPhase::Printing && ui.hallPrinter) job = ui.hallPrinter->job(d.jobId);

    // What the card says, and which buttons it has: (key of the button, its action).
    std::string status;
    ImU32 statusColor = theme::kText;
    std::string detail;
    std::vector<std::pair<std::string, Action::Kind>> buttons;
    const std::string pages = std::to_string(d.pages);
    switch (d.phase) {
    case PrintPhase::Preparing:
        status = ui.t("print.preparing");
        buttons = {{"print.cancel", Action::Kind::CancelPrint}};
        break;
    case PrintPhase::Confirm:
        status = ui.tf("print.confirm.pages", {{"pages", pages}});
        detail = d.byStaff ? ui.t("print.confirm.staff")
                           : ui.tf("print.confirm.allowance", {{"left", std::to_string(d.pagesLeft - d.pages)}});
        buttons = {{"print.cancel", Action::Kind::CancelPrint}, {"print.confirm.go", Action::Kind::ConfirmPrint}};
        break;
    case PrintPhase::Refused: {
        statusColor = theme::kRepealed;
        std::string why = ui.show(d.reasonDetail);
        if (d.reasonKey == "print.refused.too_long" && why.empty())
            why = ui.tf("print.refused.too_long_pages", {{"pages", pages}, {"max", std::to_string(kMaxPagesPerJob)}});
        status = ui.tf(d.reasonKey, {{"pages", pages},
                                     {"left", std::to_string(std::max(0, d.pagesLeft))},
                                     {"limit", std::to_string(ui.citizenPages)},
                                     {"detail", why}});
        buttons = {{"print.close", Action::Kind::ClosePrint}};
        break;
    }
    case PrintPhase::Printing: {
        const JobState state = job ? job->state : JobState::Failed;
        const std::string reason = ui.t(printProblemKey(job ? job->problem : PrinterProblem::SubmitFailed));
        switch (state) {
        case JobState::Queued:
        case JobState::Submitting: status = ui.t("print.state.queued"); break;
        case JobState::Waiting: status = ui.tf("print.state.printing", {{"pages", pages}}); break;
        case JobState::Stalled:
            status = ui.tf("print.state.stalled", {{"reason", reason}});
            statusColor = theme::kExpired;
            break;
        case JobState::Completed: status = ui.t("print.state.done"); statusColor = theme::kValid; break;
        case JobState::Failed:
            status = ui.tf("print.state.failed", {{"reason", reason}});
            statusColor = theme::kRepealed;
            break;
        case JobState::Cancelled: status = ui.t("print.state.cancelled"); break;
        }
        if (!d.byStaff && (state == JobState::Completed || state == JobState::Cancelled || state == JobState::Failed))
            detail = ui.tf("print.remaining",
                           {{"left", std::to_string(std::max(0, ui.citizenPages - ui.state.session.printedPages))}});
        if (job && !job->finished())
            buttons = {{"print.cancel_job", Action::Kind::CancelPrint}, {"print.close", Action::Kind::ClosePrint}};
        else if (state == JobState::Failed || state == JobState::Cancelled)
            buttons = {{"print.close", Action::Kind::ClosePrint}, {"print.retry", Action::Kind::RetryPrint}};
        else
            buttons = {{"print.close", Action::Kind::ClosePrint}};
        break;
    }
    }

    ImDrawList* dl = widgets::beginModal(ui, "##print-dialog");
    const float w = std::min(ui.px(kCardWidth), ui.display.x - ui.px(40));
    const float pad = ui.px(kPad), innerW = w - 2 * pad;
    const std::string heading = ui.t("print.title") + "：" + widgets::clampLines(ui.show(d.label), ui.fonts.heading,
                                                                                 innerW - ui.px(140), 2);
    const float headingH = widgets::paragraphHeight(heading, ui.fonts.heading, innerW, 0, 1.35f);
    const float statusH = widgets::paragraphHeight(status, ui.fonts.heading, innerW, 0, 1.45f);
    const float detailH = detail.empty() ? 0 : ui.px(20) + widgets::paragraphHeight(detail, ui.fonts.body, innerW);
    const float buttonH = ui.px(theme::kTouchMin + 12);
    const float h = pad + headingH + ui.px(36) + statusH + detailH + ui.px(56) + buttonH + pad;
    const ImVec2 pos(std::round((ui.display.x - w) * 0.5f), std::round((ui.display.y - h) * 0.5f));
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));
    float y = pos.y + pad;
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    y += widgets::paragraph(ui, heading, ui.fonts.heading, innerW, theme::kText, 0, 1.35f);
    y += ui.px(36);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
    y += widgets::paragraph(ui, status, ui.fonts.heading, innerW, statusColor, 0, 1.45f);
    if (!detail.empty()) {
        y += ui.px(20);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, y));
        widgets::paragraph(ui, detail, ui.fonts.body, innerW, theme::kTextSecondary);
    }
    // Buttons along the bottom; the last one is the way forward and the prominent one.
    const float gap = ui.px(40);
    const float bw = std::min(ui.px(kButtonWidth), (innerW - gap * (buttons.size() - 1)) / buttons.size());
    float x = pos.x + (w - bw * buttons.size() - gap * (buttons.size() - 1)) * 0.5f;
    const float by = pos.y + h - pad - buttonH;
    for (size_t i = 0; i < buttons.size(); ++i) {
        const bool primary = i + 1 == buttons.size();
        ImGui::SetCursorScreenPos(ImVec2(x, by));
        const std::string id = "##print-" + buttons[i].first;
        if (widgets::button(ui, id.c_str(), ui.t(buttons[i].first), ImVec2(bw, buttonH),
                            primary ? theme::kPrimary : theme::kSurfacePressed,
                            primary ? theme::kPrimaryText : theme::kText, ui.fonts.heading))
            ui.emit(Action{buttons[i].second});
        x += bw + gap;
    }
    ImGui::End();
}

}  // namespace zwgk
