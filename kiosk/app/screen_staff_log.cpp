// 运行日志 (staff mode): the last lines of the terminal's log (event_log.h), newest first,
// with their time, level and event, so that staff can tell a technician what happened
// without a keyboard or a shell. The lines carry no personal data (the log never gets any
// and scrubs digit runs). When the log directory cannot be written, a red line says so at
// the top: the terminal keeps working and keeps these lines in memory.
#include "event_log.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr size_t kShownLines = 50;

const char* levelKey(logs::Level level) {
    switch (level) {
    case logs::Level::Info: return "staff.log.level.info";
    case logs::Level::Warn: return "staff.log.level.warn";
    case logs::Level::Error: return "staff.log.level.error";
    }
    return "staff.log.level.info";
}

ImU32 levelColor(logs::Level level) {
    switch (level) {
    case logs::Level::Info: return theme::kMuted;
    case logs::Level::Warn: return theme::kExpired;
    case logs::Level::Error: return theme::kRepealed;
    }
    return theme::kMuted;
}

}  // namespace

void drawStaffLogScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("staff.log.title"), true);
    const float column = beginReadingPage(ui, "staff-log", 1600, 28);
    const logs::Health health = logs::health();
    if (health.failing) {
        widgets::paragraph(ui, ui.t("staff.log.failing"), ui.fonts.heading, column, theme::kRepealed);
        ImGui::Dummy(ImVec2(1, ui.px(8)));
    }
    if (!health.dir.empty()) {
        widgets::paragraph(ui, ui.tf("staff.log.dir", {{"dir", health.dir}}), ui.fonts.small, column,
                           theme::kTextSecondary);
        ImGui::Dummy(ImVec2(1, ui.px(16)));
    }
    std::vector<logs::Line> lines = logs::recent(kShownLines);
    if (lines.empty()) drawEmptyState(ui, ui.t("staff.log.empty"), column);
    const float pad = ui.px(20), timeW = ui.tx(150), levelW = ui.tx(110);
    const float textW = column - 2 * pad - timeW - levelW - ui.px(24);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const logs::Line& line = *it;
        // 2026-12-01T09:30:05.123+08:00 → 09:30:05; staff read today's lines.
        const std::string time = line.time.size() >= 19 ? line.time.substr(11, 8) : line.time;
        const std::string detail = widgets::clampLines(line.fields, ui.fonts.small, textW, 2);
        const float detailH = detail.empty() ? 0 : widgets::paragraphHeight(detail, ui.fonts.small, textW, 0, 1.4f);
        const float rowH = pad + ui.fonts.body->FontSize * 1.4f + detailH + pad;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        widgets::fillRect(dl, pos, ImVec2(pos.x + column, pos.y + rowH), theme::kSurface, ui.px(theme::kRounding));
        float x = pos.x + pad;
        widgets::textAt(ui, ImVec2(x, pos.y + pad), time, ui.fonts.body, theme::kText);
        x += timeW;
        widgets::badge(ui, ImVec2(x, pos.y + pad), ui.t(levelKey(line.level)), levelColor(line.level), ui.fonts.small);
        x += levelW;
        widgets::textAt(ui, ImVec2(x, pos.y + pad), line.event, ui.fonts.body, theme::kText);
        if (!detail.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(x, pos.y + pad + ui.fonts.body->FontSize * 1.4f));
            widgets::paragraph(ui, detail, ui.fonts.small, textW, theme::kTextSecondary, 0, 1.4f);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + ui.px(10)));
        ImGui::Dummy(ImVec2(column, 1));
    }
    endReadingPage(ui);
}

}  // namespace zwgk
