// 设置 (staff mode): the terminal's settings that staff may change without a technician —
// the zone profile, how long the terminal waits before 还在吗？, the citizens' print
// allowance, which CUPS queues are the A4 and receipt printers — and the PIN. Each choice is
// a row of large buttons with the one in force filled; a tap saves it in the store's settings
// (App::applyStaffAction) and it applies at once.
#include <algorithm>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

namespace {

struct Choice {
    std::string label;  // shown
    std::string value;  // stored
};

// A heading and a row of choices that wraps onto further lines when the row is too long.
void settingRow(UiContext& ui, const std::string& key, const std::string& title, const std::vector<Choice>& choices,
                const std::string& current, float column) {
    ImGui::Dummy(ImVec2(1, ui.px(24)));
    widgets::text(ui, title, ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    const float h = ui.px(theme::kTouchMin), gap = ui.px(20);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    float x = start.x, y = start.y;
    for (size_t i = 0; i < choices.size(); ++i) {
        const float w = std::max(ui.px(180), widgets::measure(ui.fonts.heading, choices[i].label).x + ui.px(60));
        if (x > start.x && x + w > start.x + column) {
            x = start.x;
            y += h + gap;
        }
        const std::string id = "##set-" + key + "-" + std::to_string(i);
        if (widgets::segment(ui, id.c_str(), choices[i].label, ImVec2(x, y), ImVec2(w, h), choices[i].value == current)) {
            Action a;
            a.kind = Action::Kind::StaffSetSetting;
            a.text = key;
            a.value = choices[i].value;
            ui.emit(std::move(a));
        }
        x += w + gap;
    }
    ImGui::SetCursorScreenPos(ImVec2(start.x, y + h));
    ImGui::Dummy(ImVec2(column, 1));
}

std::vector<Choice> queueChoices(UiContext& ui, const StaffSettingsView& view, const std::string& current) {
    std::vector<Choice> choices = {{ui.t("staff.settings.none"), ""}};
    for (const std::string& queue : view.queues) choices.push_back({queue, queue});
    // A queue set elsewhere that the server does not list now stays visible as the one in force.
    if (!current.empty() && std::find(view.queues.begin(), view.queues.end(), current) == view.queues.end())
        choices.push_back({current, current});
    return choices;
}

}  // namespace

void drawStaffSettingsScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("staff.settings.title"), true);
    const StaffSettingsView& view = ui.state.staff.settings;
    // What the last tap did, in a bar along the bottom: seen wherever the page is scrolled.
    const float barH = view.messageKey.empty() ? 0 : ui.fonts.body->FontSize * 1.6f + ui.px(40);
    const float column =
        beginReadingPage(ui, "staff-settings-" + std::to_string(ui.state.top().serial), 1400, 12, barH);
    settingRow(ui, "zone.profile", ui.t("staff.settings.profile"),
               {{ui.t("staff.settings.profile.hall"), "hall"}, {ui.t("staff.settings.profile.library"), "library"}},
               view.profile, column);
    std::vector<Choice> idle;
    for (int s : {60, 90, 120, 180}) idle.push_back({ui.tf("staff.settings.seconds", {{"n", std::to_string(s)}}), std::to_string(s)});
    settingRow(ui, "idle.seconds", ui.t("staff.settings.idle"), idle, std::to_string(view.idleSeconds), column);
    std::vector<Choice> pages = {{ui.t("staff.settings.pages_none"), "0"}};
    for (int n : {10, 20, 50}) pages.push_back({ui.tf("staff.settings.pages", {{"n", std::to_string(n)}}), std::to_string(n)});
    settingRow(ui, "print.citizen_pages", ui.t("staff.settings.citizen_pages"), pages, std::to_string(view.citizenPages),
               column);
    settingRow(ui, "printer.a4", ui.t("staff.settings.a4"), queueChoices(ui, view, view.a4Queue), view.a4Queue, column);
    if (!view.a4Queue.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(16)));
        const std::string test = ui.t("staff.settings.test_page");
        if (widgets::button(ui, "##test-page", test,
                            ImVec2(widgets::measure(ui.fonts.heading, test).x + ui.px(80), ui.px(theme::kTouchMin)),
                            theme::kSurfacePressed, theme::kLink, ui.fonts.heading)) {
            Action a;
            a.kind = Action::Kind::PrintTestPage;
            ui.emit(a);
        }
    }
    settingRow(ui, "printer.receipt", ui.t("staff.settings.receipt"), queueChoices(ui, view, view.receiptQueue),
               view.receiptQueue, column);
    if (view.queues.empty() && !view.queuesError.empty()) {
        ImGui::Dummy(ImVec2(1, ui.px(8)));
        widgets::paragraph(ui, ui.tf("staff.settings.no_queues", {{"detail", view.queuesError}}), ui.fonts.body, column,
                           theme::kRepealed);
    }
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    const std::string pin = ui.t("staff.settings.pin");
    if (widgets::button(ui, "##set-pin", pin, ImVec2(widgets::measure(ui.fonts.heading, pin).x + ui.px(80), ui.px(theme::kTouchMin)),
                        theme::kSurfacePressed, theme::kLink, ui.fonts.heading))
        ui.emit(Action{Action::Kind::StaffChangePin});
    endReadingPage(ui);
    if (barH > 0) {
        const ImVec2 bar = widgets::bottomBar(ui, barH);
        const bool failed = view.messageKey == "staff.settings.failed";
        widgets::textAt(ui, ImVec2((ui.display.x - column) * 0.5f, bar.y + ui.px(20)), ui.t(view.messageKey),
                        ui.fonts.body, failed ? theme::kRepealed : theme::kValid);
    }
}

}  // namespace zwgk
