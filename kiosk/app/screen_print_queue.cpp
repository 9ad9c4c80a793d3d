// 打印队列 (staff mode): every print job of this run, newest first — A4 documents, checklists
// and posters, and application receipts — with what it is, who printed it, its pages, its
// state and, when it is stuck or failed, why. 取消 stops a job that has not finished;
// 重新打印 sends a failed or cancelled A4 job again (a receipt is reprinted from the
// application, 补打, never from here).
#include <algorithm>

#include "hall_printer.h"
#include "receipt_printer.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

ImU32 stateColor(JobState state) {
    switch (state) {
    case JobState::Completed: return theme::kValid;
    case JobState::Failed: return theme::kRepealed;
    case JobState::Stalled: return theme::kExpired;
    default: return theme::kLink;
    }
}

}  // namespace

void drawPrintQueueScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("queue.title"), true);
    std::vector<HallJob> jobs;
    if (ui.hallPrinter) jobs = ui.hallPrinter->jobs();
    if (ui.printer)
        for (const PrintJob& job : ui.printer->jobs()) {
            HallJob h;
            h.job = job;
            h.label = job.request.title;
            h.pages = 1;
            h.receipt = true;
            jobs.push_back(std::move(h));
        }
    std::stable_sort(jobs.begin(), jobs.end(),
                     [](const HallJob& a, const HallJob& b) { return a.job.queuedAt > b.job.queuedAt; });

    const float column = beginReadingPage(ui, "print-queue", 1600, 28);
    if (jobs.empty()) drawEmptyState(ui, ui.t("queue.empty"), column);
    const float pad = ui.px(28), buttonW = ui.px(260), buttonH = ui.px(theme::kTouchMin);
    for (const HallJob& h : jobs) {
        const PrintJob& job = h.job;
        const std::string tag = ui.t(h.receipt ? "queue.kind.receipt" : "queue.kind.a4");
        const std::string title = ui.show(h.label);
        std::string meta = ui.tf("queue.pages", {{"n", std::to_string(h.pages)}});
        if (!h.receipt) meta += "　" + ui.t(h.byStaff ? "queue.by_staff" : "queue.by_citizen");
        if (job.attempts > 1) meta += "　" + ui.tf("queue.attempts", {{"n", std::to_string(job.attempts)}});
        const std::string state = ui.t(jobStateKey(job.state));
        const std::string why = (job.state == JobState::Stalled || job.state == JobState::Failed)
                                    ? ui.t(printProblemKey(job.problem))
                                    : std::string();
        const bool cancellable = !job.finished();
        const bool retryable = !h.receipt && (job.state == JobState::Failed || job.state == JobState::Cancelled);
        const int buttons = (cancellable ? 1 : 0) + (retryable ? 1 : 0);
        const float textW = column - 2 * pad - buttons * (buttonW + pad) - ui.px(100);
        const std::string shownTitle = widgets::clampLines(title, ui.fonts.body, textW, 2);
        const float titleH = widgets::paragraphHeight(shownTitle, ui.fonts.body, textW);
        const float h2 = pad + titleH + ui.px(6) + ui.fonts.small->FontSize * 1.5f * (why.empty() ? 1 : 2) + pad;
        const float rowH = std::max(h2, buttonH + 2 * pad);
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        widgets::fillRect(dl, pos, ImVec2(pos.x + column, pos.y + rowH), theme::kSurface, ui.px(theme::kRounding));
        float x = pos.x + pad;
        const float tagW = widgets::badge(ui, ImVec2(x, pos.y + pad), tag, h.receipt ? theme::kMuted : theme::kLink,
                                          ui.fonts.small);
        x += std::max(tagW, ui.px(80)) + ui.px(20);
        ImGui::SetCursorScreenPos(ImVec2(x, pos.y + pad));
        widgets::paragraph(ui, shownTitle, ui.fonts.body, textW, theme::kText);
        float y = pos.y + pad + titleH + ui.px(6);
        const ImVec2 ss = widgets::measure(ui.fonts.small, state);
        widgets::textAt(ui, ImVec2(x, y), state, ui.fonts.small, stateColor(job.state));
        widgets::textAt(ui, ImVec2(x + ss.x + ui.px(24), y), meta, ui.fonts.small, theme::kTextSecondary);
        if (!why.empty())
            widgets::textAt(ui, ImVec2(x, y + ui.fonts.small->FontSize * 1.5f), why, ui.fonts.small, theme::kRepealed);
        float bx = pos.x + column - pad - buttonW;
        const float by = pos.y + (rowH - buttonH) * 0.5f;
        const std::string idSuffix = (h.receipt ? "r" : "a") + std::to_string(job.id);
        // Right to left: 重新打印 (the way forward, prominent), then 取消.
        auto jobButton = [&](const char* name, Action::Kind kind, ImU32 background, ImU32 foreground) {
            ImGui::SetCursorScreenPos(ImVec2(bx, by));
            if (widgets::button(ui, ("##" + std::string(name) + "-" + idSuffix).c_str(), ui.t(std::string("queue.") + name),
                                ImVec2(buttonW, buttonH), background, foreground, ui.fonts.heading)) {
                Action a;
                a.kind = kind;
                a.target = job.id;
                a.receiptJob = h.receipt;
                ui.emit(std::move(a));
            }
            bx -= buttonW + pad;
        };
        if (retryable) jobButton("retry", Action::Kind::RetryJob, theme::kPrimary, theme::kPrimaryText);
        if (cancellable) jobButton("cancel", Action::Kind::CancelJob, theme::kSurfacePressed, theme::kText);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + ui.px(16)));
        ImGui::Dummy(ImVec2(column, 1));
    }
    endReadingPage(ui);
}

}  // namespace zwgk
