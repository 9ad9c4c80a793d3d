// 内容更新与U盘 (staff mode): which content the terminal holds and until when it is valid, how
// the last update went, 立即联网更新 and 重新读取U盘, and the applications waiting to go to the
// office with the time of the last upload. The work itself is the sync worker's
// (sync_worker.h); this page only asks it and shows what it reports.
#include <ctime>

#include "screens.h"
#include "sync_worker.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

namespace {

// "2026-12-01T05:30:00Z" (UTC, as the sync records it) → "2026-12-01 13:30", China time.
std::string chinaTime(const std::string& utc) {
    std::tm tm{};
    if (utc.size() < 19 || !strptime(utc.substr(0, 19).c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return utc;
    const std::time_t t = timegm(&tm) + 8 * 3600;
    std::tm local{};
    gmtime_r(&t, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

void line(UiContext& ui, const std::string& text, float width, ImU32 colour = theme::kText) {
    widgets::paragraph(ui, text, ui.fonts.body, width, colour);
    ImGui::Dummy(ImVec2(1, ui.px(6)));
}

void heading(UiContext& ui, const std::string& key) {
    ImGui::Dummy(ImVec2(1, ui.px(28)));
    widgets::text(ui, ui.t(key), ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(14)));
}

}  // namespace

void drawStaffSyncScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("staff.sync.title"), true);
    if (!ui.store) return;
    const float column = beginReadingPage(ui, "staff-sync-" + std::to_string(ui.state.top().serial), 1400, 24);
    const SyncState sync = ui.store->syncState();
    const HomeInfo& home = ui.state.home;

    heading(ui, "staff.sync.content");
    line(ui, ui.tf("staff.sync.version", {{"version", std::to_string(home.meta.version)}, {"created", home.meta.generated}}),
         column);
    if (sync.expires.empty())
        line(ui, ui.t("staff.sync.no_expiry"), column, theme::kTextSecondary);
    else if (home.staleness.stale)
        line(ui, ui.tf("staff.sync.expired", {{"date", chinaTime(sync.expires)}}), column, theme::kRepealed);
    else
        line(ui, ui.tf("staff.sync.expires", {{"date", chinaTime(sync.expires)}}), column);
    if (sync.lastAttempt.empty()) {
        line(ui, ui.t("staff.sync.never"), column, theme::kTextSecondary);
    } else {
        const std::string result = sync.lastResult == "ok"           ? ui.t("staff.sync.result.ok")
                                   : sync.lastResult == "up to date" ? ui.t("staff.sync.result.current")
                                                                      : ui.tf("staff.sync.result.failed", {{"detail", sync.lastResult}});
        line(ui, ui.tf("staff.sync.last_attempt", {{"time", chinaTime(sync.lastAttempt)}, {"result", result}}), column,
             sync.lastResult == "ok" || sync.lastResult == "up to date" ? theme::kText : theme::kRepealed);
    }
    const bool online = !ui.store->effectiveSetting("sync.url").value_or("").empty();
    if (!online) line(ui, ui.t("staff.sync.online_off"), column, theme::kTextSecondary);

    // The two ways to update now.
    ImGui::Dummy(ImVec2(1, ui.px(16)));
    const bool busy = ui.syncer && ui.syncer->busy();
    const std::string now = ui.t(busy ? "staff.sync.running" : "staff.sync.now");
    const std::string usb = ui.t("staff.sync.usb");
    const float h = ui.px(theme::kTouchMin);
    const float nowW = widgets::measure(ui.fonts.heading, now).x + ui.px(80);
    const float usbW = widgets::measure(ui.fonts.heading, usb).x + ui.px(80);
    const ImVec2 row = ImGui::GetCursorScreenPos();
    if (online && !busy && ui.syncer) {
        if (widgets::button(ui, "##sync-now", now, ImVec2(nowW, h), theme::kPrimary, theme::kPrimaryText, ui.fonts.heading))
            ui.emit(Action{Action::Kind::StaffSyncNow});
    } else {
        widgets::disabledButton(ui, now, ImVec2(nowW, h), ui.fonts.heading);
    }
    // Side by side when both fit on the line, else one under the other.
    const bool sideBySide = nowW + ui.px(32) + usbW <= column;
    ImGui::SetCursorScreenPos(sideBySide ? ImVec2(row.x + nowW + ui.px(32), row.y) : ImVec2(row.x, row.y + h + ui.px(24)));
    if (widgets::button(ui, "##sync-usb", usb, ImVec2(usbW, h), theme::kSurfacePressed, theme::kLink, ui.fonts.heading))
        ui.emit(Action{Action::Kind::StaffUsbAgain});
    ImGui::SetCursorScreenPos(ImVec2(row.x, ImGui::GetCursorScreenPos().y + ui.px(16)));
    widgets::paragraph(ui, ui.t("staff.sync.usb_hint"), ui.fonts.body, column, theme::kTextSecondary);
    if (!ui.state.staff.settings.messageKey.empty())
        line(ui, ui.t(ui.state.staff.settings.messageKey), column, theme::kValid);

    // Applications on their way to the office.
    heading(ui, "staff.sync.applications");
    const int pending = ui.outbox ? ui.outbox->count(true) : 0;
    line(ui, ui.tf("staff.sync.outbox", {{"n", std::to_string(pending)}}), column);
    const std::string& lastUpload = ui.state.staff.settings.lastUpload;
    line(ui, lastUpload.empty() ? ui.t("staff.sync.never_uploaded")
                                : ui.tf("staff.sync.uploaded", {{"time", chinaTime(lastUpload)}}),
         column, lastUpload.empty() ? theme::kTextSecondary : theme::kText);
    endReadingPage(ui);
}

}  // namespace zwgk
