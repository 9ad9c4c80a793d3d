// The parts every screen shares: the top bar, the content area and the modal dialog.
#include <algorithm>
#include <ctime>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

ImVec2 contentOrigin(const UiContext& ui) { return ImVec2(0, ui.px(theme::kTopBarHeight)); }
ImVec2 contentSize(const UiContext& ui) {
    return ImVec2(ui.display.x, ui.display.y - ui.px(theme::kTopBarHeight));
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
    float x = ui.px(theme::kMargin * 0.5f);
    if (showBack) {
        ImGui::SetCursorScreenPos(ImVec2(x, buttonY));
        if (widgets::button(ui, "##back", "‹ " + ui.t("top.back"), ImVec2(ui.px(200), buttonH),
                            theme::kHeaderButton, theme::kHeaderText, ui.fonts.heading))
            ui.back();
        x += ui.px(220);
        ImGui::SetCursorScreenPos(ImVec2(x, buttonY));
        if (widgets::button(ui, "##home", ui.t("top.home"), ImVec2(ui.px(170), buttonH),
                            theme::kHeaderButton, theme::kHeaderText, ui.fonts.heading))
            ui.emit(Action{Action::Kind::Home});
        x += ui.px(200);
    }
    // Right side: the script toggle, and the date where the bar is wide enough.
    const float toggleW = ui.px(170);
    const bool showDate = ui.display.x >= ui.px(1500);
    const float clockW = showDate ? ui.px(260) : 0;
    const float rightEdge = ui.display.x - toggleW - clockW - ui.px(24);
    ImGui::SetCursorScreenPos(ImVec2(rightEdge, buttonY));
    // The toggle names the script it switches to, in that script.
    const std::string toggle = ui.state.traditional ? ui.strings.get("top.simplified")
                                                    : ui.strings.get("top.traditional");
    if (widgets::button(ui, "##script", toggle, ImVec2(toggleW, buttonH), theme::kHeaderButton,
                        theme::kHeaderText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::ToggleScript});
    if (showDate) {
        const ImVec2 ds = widgets::measure(ui.fonts.small, ui.today);
        widgets::textAt(ui, ImVec2(ui.display.x - ds.x - ui.px(theme::kMargin * 0.5f), (barH - ds.y) * 0.5f),
                        ui.today, ui.fonts.small, theme::kHeaderText);
    }

    // Title: centred on the bar when there is room, else between the buttons.
    ImFont* font = ui.fonts.heading;
    const float room = rightEdge - x - ui.px(40);
    const std::string shown = widgets::clampLines(title, font, room, 1);
    const ImVec2 ts = widgets::measure(font, shown);
    float tx = (ui.display.x - ts.x) * 0.5f;
    if (tx < x + ui.px(20) || tx + ts.x > rightEdge - ui.px(20)) tx = x + ui.px(20);
    widgets::textAt(ui, ImVec2(tx, (barH - ts.y) * 0.5f), shown, font, theme::kHeaderText);
}

void drawDialog(UiContext& ui) {
    if (!ui.state.dialog) return;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ui.display);
    ImGui::SetNextWindowFocus();
    ImGui::Begin("##dialog", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, ImVec2(0, 0), ui.display, theme::kOverlay);
    const float w = ui.px(1100);
    const float innerW = w - ui.px(2 * 56);
    const std::string title = ui.show(ui.state.dialog->title);
    const std::string body = ui.show(ui.state.dialog->body);
    const float bodyH = widgets::paragraphHeight(body, ui.fonts.body, innerW);
    const float h = ui.px(56 + 60 + 36) + bodyH + ui.px(48 + theme::kTouchMin + 56);
    const ImVec2 pos((ui.display.x - w) * 0.5f, (ui.display.y - h) * 0.5f);
    widgets::fillRect(dl, pos, ImVec2(pos.x + w, pos.y + h), theme::kSurface, ui.px(20));
    // This window covers the whole screen and is on top, so ImGui hovers nothing beneath.
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
