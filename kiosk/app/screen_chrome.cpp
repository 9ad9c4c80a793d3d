// The parts every screen shares: the top bar with its status area (sync progress), the
// stale-content strip under it, the content area and the modal dialog.
#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

namespace {

constexpr float kStaleStripHeight = 64;  // reference px under the top bar

// "2026-11-20" → "2026年11月20日".
std::string chineseDate(const UiContext& ui, const std::string& iso) {
    if (iso.size() < 10) return iso;
    return ui.strings.format("stale.date", {{"y", iso.substr(0, 4)},
                                            {"m", std::to_string(std::atoi(iso.substr(5, 2).c_str()))},
                                            {"d", std::to_string(std::atoi(iso.substr(8, 2).c_str()))}});
}

// The stale notice in a calm strip across the screen under the top bar: warm paper yellow,
// a brown edge, dark text (not the alarming red of the title bar).
void drawStaleStrip(UiContext& ui) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float top = ui.px(theme::kTopBarHeight), h = ui.px(kStaleStripHeight);
    widgets::fillRect(dl, ImVec2(0, top), ImVec2(ui.display.x, top + h), theme::kBannerWarn);
    widgets::fillRect(dl, ImVec2(0, top), ImVec2(ui.px(12), top + h), theme::kExpired);
    dl->AddLine(ImVec2(0, top + h - ui.px(1)), ImVec2(ui.display.x, top + h - ui.px(1)), theme::kBorder, ui.px(2));
    const std::string notice = staleNotice(ui);
    const ImVec2 ns = widgets::measure(ui.fonts.body, notice);
    const float x = ui.px(theme::kMargin);
    widgets::textAt(ui, ImVec2(x, top + (h - ns.y) * 0.5f), notice, ui.fonts.body, theme::kText);
    const std::string hint = ui.t("stale.hint");
    const ImVec2 hs = widgets::measure(ui.fonts.small, hint);
    const float hx = x + ns.x + ui.px(40);
    if (hx + hs.x <= ui.display.x - ui.px(theme::kMargin))
        widgets::textAt(ui, ImVec2(hx, top + (h - hs.y) * 0.5f), hint, ui.fonts.small, theme::kTextSecondary);
}

}  // namespace

std::string staleNotice(const UiContext& ui) {
    const Staleness& s = ui.state.home.staleness;
    if (!s.stale) return {};
    return ui.tf("stale.notice", {{"date", s.lastUpdated.empty() ? ui.strings.get("stale.date_unknown")
                                                                 : chineseDate(ui, s.lastUpdated)}});
}

bool staleStripShown(const UiContext& ui) {
    const ScreenKind kind = ui.state.top().kind;
    return ui.state.home.staleness.stale && kind != ScreenKind::Home && kind != ScreenKind::Error;
}

std::string syncStatusText(const UiContext& ui) {
    const SyncStatus& s = ui.state.sync;
    // Checking for an update and uploading the sealed applications are housekeeping that
    // changes nothing on screen: only content on its way is mentioned.
    switch (s.activity) {
    case SyncActivity::Downloading:
        return s.percent >= 0 ? ui.tf("sync.downloading", {{"percent", std::to_string(s.percent)}})
                              : ui.t("sync.downloading_started");
    case SyncActivity::Applying: return ui.t("sync.applying");
    case SyncActivity::UsbImporting:
        return s.percent >= 0 ? ui.tf("sync.usb_importing", {{"percent", std::to_string(s.percent)}})
                              : ui.t("sync.usb_reading");
    case SyncActivity::UsbExporting: return ui.t("sync.usb_exporting");
    case SyncActivity::Idle:
    case SyncActivity::Checking:
    case SyncActivity::Uploading: break;
    }
    return {};
}

ImVec2 contentOrigin(const UiContext& ui) {
    return ImVec2(0, ui.px(theme::kTopBarHeight + (staleStripShown(ui) ? kStaleStripHeight : 0)));
}
ImVec2 contentSize(const UiContext& ui) {
    return ImVec2(ui.display.x, ui.display.y - contentOrigin(ui).y);
}

float beginReadingPage(UiContext& ui, const std::string& scrollId, float maxColumn, float topPad,
                       float bottomReserve) {
    const float column = std::min(ui.px(maxColumn), ui.display.x - ui.px(2 * theme::kMargin));
    const float top = contentOrigin(ui).y;
    ImGui::SetCursorScreenPos(ImVec2(0, top));
    widgets::beginScroll(ui, scrollId.c_str(), ImVec2(ui.display.x, ui.display.y - top - bottomReserve));
    ImGui::SetCursorScreenPos(ImVec2((ui.display.x - column) * 0.5f, ImGui::GetCursorScreenPos().y + ui.px(topPad)));
    ImGui::BeginGroup();
    return column;
}

void endReadingPage(UiContext& ui) {
    ImGui::Dummy(ImVec2(1, ui.px(60)));
    ImGui::EndGroup();
    widgets::endScroll(ui);
}

void drawNotFound(UiContext& ui, const char* key) {
    const float margin = ui.px(theme::kMargin);
    ImGui::SetCursorScreenPos(ImVec2(margin, contentOrigin(ui).y + ui.px(60)));
    widgets::paragraph(ui, ui.t(key), ui.fonts.body, ui.display.x - 2 * margin, theme::kText);
}

void drawTopBar(UiContext& ui, const std::string& title, bool showBack) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float barH = ui.px(theme::kTopBarHeight);
    widgets::fillRect(dl, ImVec2(0, 0), ImVec2(ui.display.x, barH), theme::kHeader);
    const float buttonH = ui.px(theme::kTouchMin);
    const float buttonY = (barH - buttonH) * 0.5f;
    // Buttons are as wide as their words need at the text size in use, never narrower
    // than the standard layout made them.
    ImFont* font = ui.fonts.bar;
    auto barButton = [&](const char* id, const std::string& label, float x, float minWidth) {
        const float w = std::max(ui.px(minWidth), widgets::measure(font, label).x + ui.px(40));
        ImGui::SetCursorScreenPos(ImVec2(x, buttonY));
        const bool tapped =
            widgets::button(ui, id, label, ImVec2(w, buttonH), theme::kHeaderButton, theme::kHeaderText, font);
        return std::make_pair(tapped, w);
    };
    float x = ui.px(theme::kMargin * 0.5f);
    if (showBack) {
        const auto [back, backW] = barButton("##back", "‹ " + ui.t("top.back"), x, 200);
        if (back) ui.back();
        x += backW + ui.px(20);
        const auto [home, homeW] = barButton("##home", ui.t("top.home"), x, 170);
        if (home) ui.emit(Action{Action::Kind::Home});
        x += homeW + ui.px(30);
    }
    // Right side: text size and contrast, the script toggle, and the date where the bar is
    // wide enough. The toggle names the script it switches to, in that script.
    const bool showDate = ui.display.x >= ui.px(1500);
    const float clockW = showDate ? ui.px(260) : 0;
    const std::string toggle = ui.state.traditional ? ui.strings.get("top.simplified")
                                                    : ui.strings.get("top.traditional");
    const std::string display = ui.t("top.display");
    const float toggleW = std::max(ui.px(170), widgets::measure(font, toggle).x + ui.px(40));
    const float displayW = std::max(ui.px(200), widgets::measure(font, display).x + ui.px(40));
    const float rightEdge = ui.display.x - toggleW - clockW - ui.px(24);
    const float displayX = rightEdge - displayW - ui.px(20);
    if (barButton("##script", toggle, rightEdge, 170).first) ui.emit(Action{Action::Kind::ToggleScript});
    if (barButton("##display", display, displayX, 200).first) ui.emit(Action{Action::Kind::OpenDisplayPanel});
    // The status area at the right: the date, and under it what a sync is doing.
    const std::string status = syncStatusText(ui);
    if (showDate) {
        const ImVec2 ds = widgets::measure(ui.fonts.small, ui.today);
        const float right = ui.display.x - ui.px(theme::kMargin * 0.5f);
        if (status.empty()) {
            widgets::textAt(ui, ImVec2(right - ds.x, (barH - ds.y) * 0.5f), ui.today, ui.fonts.small,
                            theme::kHeaderText);
        } else {
            const ImVec2 ss = widgets::measure(ui.fonts.small, status);
            widgets::textAt(ui, ImVec2(right - ds.x, barH * 0.5f - ds.y - ui.px(2)), ui.today, ui.fonts.small,
                            theme::kHeaderText);
            widgets::textAt(ui, ImVec2(right - ss.x, barH * 0.5f + ui.px(4)), status, ui.fonts.small,
                            theme::kHeaderText);
        }
    }
    // Staff mode's hidden door: holding the date for kStaffHoldSeconds opens the PIN pad.
    // Nothing shows there, so a citizen who taps the date by chance sees nothing happen.
    if (showDate) {
        ImGui::SetCursorScreenPos(ImVec2(ui.display.x - clockW, 0));
        ImGui::InvisibleButton("##staff-door", ImVec2(clockW, barH));
        const ImGuiIO& io = ImGui::GetIO();
        if (ImGui::IsItemActive() && io.MouseDownDuration[0] >= kStaffHoldSeconds &&
            io.MouseDownDurationPrev[0] < kStaffHoldSeconds)
            ui.emit(Action{Action::Kind::OpenStaffLogin});
    }
    // In staff mode a badge says so, and leads back to the staff screen.
    float titleRight = displayX;
    if (ui.state.staff.active) {
        const std::string label = ui.t("staff.badge");
        const float w = widgets::measure(ui.fonts.body, label).x + ui.px(48);
        titleRight = displayX - w - ui.px(20);
        ImGui::SetCursorScreenPos(ImVec2(titleRight, buttonY));
        if (widgets::button(ui, "##staff-badge", label, ImVec2(w, buttonH), theme::kBannerWarn, theme::kText,
                            ui.fonts.body))
            ui.emit(Action{Action::Kind::OpenStaffLogin});
    }
    // A thin bar along the bottom edge of the title bar while the size is known.
    if (!status.empty() && ui.state.sync.percent >= 0) {
        const float h = ui.px(6);
        widgets::fillRect(dl, ImVec2(0, barH - h), ImVec2(ui.display.x, barH), theme::kHeaderButton);
        widgets::fillRect(dl, ImVec2(0, barH - h), ImVec2(ui.display.x * ui.state.sync.percent / 100.0f, barH),
                          theme::kSyncBar);
    }
    if (staleStripShown(ui)) drawStaleStrip(ui);

    // Title: centred on the bar when there is room, else between the buttons.
    const float room = titleRight - x - ui.px(40);
    const std::string shown = widgets::clampLines(title, font, room, 1);
    const ImVec2 ts = widgets::measure(font, shown);
    float tx = (ui.display.x - ts.x) * 0.5f;
    if (tx < x + ui.px(20) || tx + ts.x > titleRight - ui.px(20)) tx = x + ui.px(20);
    widgets::textAt(ui, ImVec2(tx, (barH - ts.y) * 0.5f), shown, font, theme::kHeaderText);
}

void drawDialog(UiContext& ui) {
    if (!ui.state.dialog) return;
    ImDrawList* dl = widgets::beginModal(ui, "##dialog");
    const float w = ui.px(1100);
    const float innerW = w - ui.px(2 * 56);
    const std::string title = ui.show(ui.state.dialog->title);
    const std::string body = ui.show(ui.state.dialog->body);
    const float bodyH = widgets::paragraphHeight(body, ui.fonts.body, innerW);
    const float h = ui.px(56 + 60 + 36) + bodyH + ui.px(48 + theme::kTouchMin + 56);
    const ImVec2 pos((ui.display.x - w) * 0.5f, (ui.display.y - h) * 0.5f);
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(56), pos.y + ui.px(56)));
    widgets::text(ui, title, ui.fonts.heading, theme::kText);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(56), pos.y + ui.px(56 + 60 + 36)));
    widgets::paragraph(ui, body, ui.fonts.body, innerW, theme::kTextSecondary);
    const float bw = ui.px(360);
    const float by = pos.y + h - ui.px(56 + theme::kTouchMin);
    const Dialog& dialog = *ui.state.dialog;
    const std::string cancel = ui.t(dialog.cancelKey.empty() ? "dialog.ok" : dialog.cancelKey);
    if (dialog.confirm == DialogConfirm::None) {
        ImGui::SetCursorScreenPos(ImVec2(pos.x + (w - bw) * 0.5f, by));
        if (widgets::button(ui, "##dialog-ok", cancel, ImVec2(bw, ui.px(theme::kTouchMin)), theme::kPrimary,
                            theme::kPrimaryText, ui.fonts.heading))
            ui.emit(Action{Action::Kind::CloseDialog});
    } else {
        // Two choices: the safe one (keep going) is the prominent one, on the right.
        const float gap = ui.px(40);
        const float left = pos.x + (w - 2 * bw - gap) * 0.5f;
        ImGui::SetCursorScreenPos(ImVec2(left, by));
        if (widgets::button(ui, "##dialog-confirm", ui.t(dialog.confirmKey), ImVec2(bw, ui.px(theme::kTouchMin)),
                            theme::kSurfacePressed, theme::kText, ui.fonts.heading))
            ui.emit(Action{Action::Kind::ConfirmDialog});
        ImGui::SetCursorScreenPos(ImVec2(left + bw + gap, by));
        if (widgets::button(ui, "##dialog-cancel", cancel, ImVec2(bw, ui.px(theme::kTouchMin)), theme::kPrimary,
                            theme::kPrimaryText, ui.fonts.heading))
            ui.emit(Action{Action::Kind::CloseDialog});
    }
    ImGui::End();
}

}  // namespace zwgk
