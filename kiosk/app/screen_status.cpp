// 进度查询: the citizen types the tracking code from the receipt on the keypad and sees where
// the application stands, as the office last published it (statuses.json), or, for one
// submitted here and not yet registered, that it was received. A mistyped character (the
// check character does not match) and a code nobody has issued get different messages:
// the first means "look at your receipt again", the second "it may not be registered yet".
#include <algorithm>

#include "keyboard.h"
#include "screens.h"
#include "submission.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kColumn = 1400;  // reference px

// Looks the typed code up: published statuses first, then this terminal's own outbox.
void lookUp(UiContext& ui) {
    StatusLookupState& s = ui.state.status;
    s.status.reset();
    s.local.reset();
    s.check = checkTrackingCode(s.field.text, &s.canonical);
    s.asked = true;
    if (s.check != TrackingCodeCheck::Ok) return;
    if (ui.store) s.status = ui.store->applicationStatus(s.canonical);
    if (!s.status && ui.outbox) s.local = ui.outbox->byCode(s.canonical);
}

bool finalStatus(const std::string& status) {
    return status == "已答复" || status == "已办结" || status == "不予受理";
}

const char* problemKey(TrackingCodeCheck check) {
    switch (check) {
    case TrackingCodeCheck::Empty: return "status.enter_code";
    case TrackingCodeCheck::TooShort: return "status.too_short";
    case TrackingCodeCheck::TooLong: return "status.too_long";
    case TrackingCodeCheck::BadChar: return "status.bad_char";
    case TrackingCodeCheck::BadCheck: return "status.bad_check";
    case TrackingCodeCheck::Ok: break;
    }
    return "status.unknown";
}

void row(UiContext& ui, const std::string& label, const std::string& value, float width, ImU32 color = theme::kText) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    widgets::textAt(ui, ImVec2(pos.x, pos.y + ui.fonts.body->FontSize * 0.2f), label, ui.fonts.body,
                    theme::kTextSecondary);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(260), pos.y));
    const float h = widgets::paragraph(ui, value, ui.fonts.body, width - ui.px(260), color, 0, 1.4f);
    ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(12)));
    ImGui::Dummy(ImVec2(width, 0));
}

void statusCard(UiContext& ui, float width) {
    const StatusLookupState& s = ui.state.status;
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    widgets::text(ui, s.canonical, ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(16)));
    if (s.local) {
        const OutboxEntry& e = *s.local;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        widgets::badge(ui, pos, ui.t("status.state.received"), theme::kPrimary, ui.fonts.heading);
        ImGui::Dummy(ImVec2(1, ui.px(90)));
        row(ui, ui.t("status.received"), e.receivedDate, width);
        row(ui, ui.t("status.due"), e.dueDate + (e.dueProvisional ? "（" + ui.t("apply.provisional") + "）" : ""), width);
        widgets::paragraph(ui, ui.t("status.local_note"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.5f);
        return;
    }
    const ApplicationStatus& st = *s.status;
    const std::string effectiveDue = st.extendedDue.empty() ? st.due : st.extendedDue;
    const bool overdue = !finalStatus(st.status) && st.status != "需补正" && ui.today > effectiveDue;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float w = widgets::badge(ui, pos, ui.show(st.status), overdue ? theme::kMuted : theme::kPrimary, ui.fonts.heading);
    if (overdue)
        widgets::badge(ui, ImVec2(pos.x + w + ui.px(20), pos.y), ui.t("status.overdue"), theme::kRepealed, ui.fonts.heading);
    ImGui::Dummy(ImVec2(1, ui.px(90)));
    row(ui, ui.t("status.received"), st.received, width);
    if (st.extendedDue.empty()) {
        row(ui, ui.t("status.due"), st.due, width, overdue ? theme::kRepealed : theme::kText);
    } else {
        row(ui, ui.t("status.due_original"), st.due, width);
        row(ui, ui.t("status.due_extended"), st.extendedDue, width, overdue ? theme::kRepealed : theme::kText);
    }
    row(ui, ui.t("status.updated"), st.updated, width);
    if (!st.note.empty()) row(ui, ui.t("status.note"), ui.show(st.note), width);
    if (overdue)
        widgets::paragraph(ui, ui.tf("status.overdue_note", {{"hotline", ui.state.home.meta.hotline}}), ui.fonts.body,
                           width, theme::kRepealed, 0, 1.5f);
    if (st.status == "需补正")
        widgets::paragraph(ui, ui.t("status.correction_note"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.5f);
}

}  // namespace

void drawStatusLookupScreen(UiContext& ui) {
    drawTopBar(ui, ui.t("home.tile.progress"), true);
    StatusLookupState& s = ui.state.status;
    if (!s.keyboardOffered && ui.keyboard) {
        ui.keyboard->attach(&s.field);
        s.keyboardOffered = true;
    }
    if (s.field.changed) {
        s.field.changed = false;
        s.asked = false;
        // A complete, well-formed code is looked up at once, and the keypad makes way for the
        // answer: no extra tap needed.
        if (checkTrackingCode(s.field.text) == TrackingCodeCheck::Ok) {
            lookUp(ui);
            if (ui.keyboard) ui.emit(Action{Action::Kind::HideKeyboard});
        }
    }
    const float width = std::min(ui.px(kColumn), ui.display.x - ui.px(2 * theme::kMargin));
    const float left = (ui.display.x - width) * 0.5f;
    const float top = contentOrigin(ui).y + ui.px(32);
    ImGui::SetCursorScreenPos(ImVec2(left, top));
    const float hintH = widgets::paragraph(ui, ui.t("status.hint"), ui.fonts.body, width, theme::kTextSecondary, 0, 1.4f);
    const float fieldY = top + std::max(ui.px(70), hintH + ui.px(16));
    const float buttonW = ui.px(240);
    ImGui::SetCursorScreenPos(ImVec2(left, fieldY));
    widgets::textField(ui, s.field, ImVec2(width - buttonW - ui.px(24), ui.px(100)), ui.t("status.placeholder"));
    ImGui::SetCursorScreenPos(ImVec2(left + width - buttonW, fieldY));
    if (widgets::button(ui, "##lookup", ui.t("status.lookup"), ImVec2(buttonW, ui.px(100)), theme::kPrimary,
                        theme::kPrimaryText, ui.fonts.heading)) {
        lookUp(ui);
        if (ui.keyboard && s.check == TrackingCodeCheck::Ok) ui.keyboard->detach();
    }

    const float resultTop = fieldY + ui.px(130);
    const float bottom = ui.display.y - (ui.keyboard ? ui.keyboard->height(ui) : 0);
    ImGui::SetCursorScreenPos(ImVec2(0, resultTop));
    widgets::beginScroll(ui, "status-result", ImVec2(ui.display.x, std::max(ui.px(100), bottom - resultTop)));
    ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
    ImGui::BeginGroup();
    if (!s.asked) {
        const std::string updated = ui.store ? ui.store->applicationStatusesUpdated() : std::string();
        if (!updated.empty())
            widgets::paragraph(ui, ui.tf("status.as_of", {{"date", updated}}), ui.fonts.small, width,
                               theme::kTextSecondary, 0, 1.4f);
    } else if (s.check != TrackingCodeCheck::Ok) {
        const size_t typed = compactTrackingCode(s.field.text).size();
        const std::string left = std::to_string(typed < kTrackingCodeLength ? kTrackingCodeLength - typed : 0);
        widgets::paragraph(ui, ui.tf(problemKey(s.check), {{"left", left}}), ui.fonts.heading, width, theme::kRepealed, 0,
                           1.4f);
    } else if (!s.status && !s.local) {
        widgets::paragraph(ui, ui.tf("status.unknown", {{"code", s.canonical}}), ui.fonts.heading, width,
                           theme::kRepealed, 0, 1.4f);
        ImGui::Dummy(ImVec2(1, ui.px(16)));
        widgets::paragraph(ui, ui.tf("status.unknown_help", {{"hotline", ui.state.home.meta.hotline}}), ui.fonts.body,
                           width, theme::kTextSecondary, 0, 1.5f);
    } else {
        statusCard(ui, width);
        const std::string updated = ui.store ? ui.store->applicationStatusesUpdated() : std::string();
        if (!updated.empty()) {
            ImGui::Dummy(ImVec2(1, ui.px(16)));
            widgets::paragraph(ui, ui.tf("status.as_of", {{"date", updated}}), ui.fonts.small, width,
                               theme::kTextSecondary, 0, 1.4f);
        }
    }
    ImGui::Dummy(ImVec2(1, ui.px(40)));
    ImGui::EndGroup();
    widgets::endScroll(ui);
}

}  // namespace zwgk
