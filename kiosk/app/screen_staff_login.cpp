// 工作人员登录: reached only by holding the date at the top right for three seconds. A PIN
// pad of its own (not the citizens' keyboard, so the input method never learns a PIN): the
// digits show as dots, 确定 checks them (argon2id), wrong PINs lock the pad for longer and
// longer (staff_access.h), and 返回 takes a citizen who got here by accident back out.
#include <cmath>

#include "screens.h"
#include "staff_access.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kKeyWidth = 220, kKeyHeight = 110, kKeyGap = 24;  // reference px

std::string waitText(const UiContext& ui, int64_t seconds) {
    if (seconds < 60) return ui.tf("staff.time.seconds", {{"n", std::to_string(seconds)}});
    return ui.tf("staff.time.minutes", {{"n", std::to_string((seconds + 59) / 60)}});
}

void pinKey(UiContext& ui, const std::string& key, const std::string& label, ImVec2 size) {
    const bool enter = key == "enter";
    if (widgets::button(ui, ("##pin-" + key).c_str(), label, size, enter ? theme::kPrimary : theme::kSurface,
                        enter ? theme::kPrimaryText : theme::kText, key.size() == 1 ? ui.fonts.title : ui.fonts.heading)) {
        Action a;
        a.kind = Action::Kind::StaffPinKey;
        a.text = key;
        ui.emit(std::move(a));
    }
}

}  // namespace

void drawStaffLoginScreen(UiContext& ui) {
    const StaffState& staff = ui.state.staff;
    // The same pad sets a new PIN (设置 › 更改密码), asking for it twice.
    const bool changing = staff.active && staff.pinChange > 0;
    drawTopBar(ui, ui.t(changing ? "staff.pin.change_title" : "staff.login.title"), true);
    const ImVec2 origin = contentOrigin(ui), size = contentSize(ui);
    const float keyW = ui.px(kKeyWidth), keyH = ui.px(kKeyHeight), gap = ui.px(kKeyGap);
    const float padW = 3 * keyW + 2 * gap;
    const float x = std::round(origin.x + (size.x - padW) * 0.5f);
    float y = origin.y + ui.px(40);

    const std::string hint = ui.t(!changing ? "staff.login.hint"
                                  : staff.pinChange == 1 ? "staff.pin.new_hint" : "staff.pin.again_hint");
    const ImVec2 hs = widgets::measure(ui.fonts.heading, hint);
    widgets::textAt(ui, ImVec2(std::round(origin.x + (size.x - hs.x) * 0.5f), y), hint, ui.fonts.heading, theme::kText);
    y += hs.y + ui.px(24);

    // The PIN so far, as dots in a field-like box.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float boxH = ui.px(100);
    widgets::fillRect(dl, ImVec2(x, y), ImVec2(x + padW, y + boxH), theme::kSurface, ui.px(theme::kRounding));
    dl->AddRect(ImVec2(x, y), ImVec2(x + padW, y + boxH), theme::kFieldFocus, ui.px(theme::kRounding), 0, ui.px(3));
    const float dot = ui.px(14), step = ui.px(44);
    const float dotsW = staff.pin.empty() ? 0 : (staff.pin.size() - 1) * step;
    for (size_t i = 0; i < staff.pin.size(); ++i)
        dl->AddCircleFilled(ImVec2(x + (padW - dotsW) * 0.5f + i * step, y + boxH * 0.5f), dot, theme::kText, 16);
    ui.trace.add(std::string(staff.pin.size(), '*'), ImVec2(x, y), ImVec2(x + padW, y + boxH), false);
    y += boxH + ui.px(20);

    // Why the last attempt failed, or how long the pad stays locked.
    std::string message;
    if (!staff.messageKey.empty())
        message = ui.tf(staff.messageKey, {{"time", waitText(ui, staff.lockedSeconds)}});
    else if (staff.lockedSeconds > 0)
        message = ui.tf("staff.pin.locked", {{"time", waitText(ui, staff.lockedSeconds)}});
    const float messageH = ui.fonts.body->FontSize * 1.6f * 2;
    if (!message.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x - ui.px(200), y));
        widgets::paragraph(ui, message, ui.fonts.body, padW + ui.px(400), theme::kRepealed, 0, 1.6f,
                           widgets::Align::Center);
    }
    y += messageH + ui.px(8);

    // 1 2 3 / 4 5 6 / 7 8 9 / 删除 0 确定. The keys stay live while locked: 确定 then answers
    // with the time still to wait (the lock is checked against the clock, not drawn from it).
    const char* rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"back", "0", "enter"}};
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 3; ++c) {
            const std::string key = rows[r][c];
            const std::string label = key == "back" ? ui.t("staff.key.back") : key == "enter" ? ui.t("staff.key.enter") : key;
            ImGui::SetCursorScreenPos(ImVec2(x + c * (keyW + gap), y + r * (keyH + gap)));
            pinKey(ui, key, label, ImVec2(keyW, keyH));
        }
    y += 4 * keyH + 3 * gap + ui.px(24);
    const std::string note = ui.t("staff.login.note");
    const ImVec2 ns = widgets::measure(ui.fonts.body, note);
    if (y + ns.y <= origin.y + size.y)
        widgets::textAt(ui, ImVec2(std::round(origin.x + (size.x - ns.x) * 0.5f), y), note, ui.fonts.body,
                        theme::kTextSecondary);
}

}  // namespace zwgk
