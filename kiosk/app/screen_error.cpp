// Shown instead of a blank screen when the content store cannot be used: what is wrong in
// plain words for the citizen, what to do for the staff, and the technical detail.
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawErrorScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("app.title"), false);
    const float width = std::min(ui.px(1400), ui.display.x - ui.px(2 * theme::kMargin));
    const float left = (ui.display.x - width) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(left, contentOrigin(ui).y + ui.px(120)));
    ImGui::BeginGroup();
    widgets::text(ui, ui.t("error.title"), ui.fonts.title, theme::kRepealed);
    ImGui::Dummy(ImVec2(1, ui.px(30)));
    widgets::paragraph(ui, ui.t(ui.state.errorKey), ui.fonts.heading, width, theme::kText, 0, 1.45f);
    ImGui::Dummy(ImVec2(1, ui.px(20)));
    widgets::paragraph(ui, ui.t(ui.state.errorContactKey), ui.fonts.body, width, theme::kText, 0, 1.5f);
    ImGui::Dummy(ImVec2(1, ui.px(30)));
    widgets::paragraph(ui, ui.strings.format("error.detail", {{"detail", ui.state.errorDetail}}), ui.fonts.small, width,
                       theme::kTextSecondary, 0, 1.4f);
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    if (widgets::button(ui, "##retry", ui.t("error.retry"), ImVec2(ui.px(420), ui.px(theme::kTouchMin)),
                        theme::kPrimary, theme::kPrimaryText, ui.fonts.heading))
        ui.emit(Action{Action::Kind::Retry});
    ImGui::EndGroup();
}

}  // namespace zwgk
