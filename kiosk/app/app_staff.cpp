// Staff mode's own actions (screen_staff_sync.cpp, screen_staff_settings.cpp): sync now, a
// stick handled again, the terminal's settings, a new PIN, and leaving the kiosk for the
// system. Only reachable with staff mode open; App::apply sends these actions here.
//
// PIN change (StaffState::pinChange), on the staff PIN pad:
//   0 ──设置 › 更改密码────────────────────► 1 (type the new PIN)          App::applyStaffAction
//   1 ──确定, 6 to 12 digits──────────────► 2 (type it again)              App::pressNewPinKey
//   1 ──确定, malformed──────────────────► 1 with 密码是 6 到 12 位数字      App::pressNewPinKey
//   2 ──确定, the same digits─────────────► 0, PIN stored (argon2id), back   App::pressNewPinKey
//   2 ──确定, different digits────────────► 1 with 两次输入的密码不一致      App::pressNewPinKey
#include <algorithm>

#include "app.h"
#include "event_log.h"
#include "print_queue.h"
#include "staff_access.h"

namespace zwgk {

namespace {

// The settings staff may change on screen, and the values each may take.
bool allowedSetting(const std::string& key, const std::string& value, const std::vector<std::string>& queues) {
    if (key == "zone.profile") return value == "hall" || value == "library";
    if (key == "idle.seconds") return value == "60" || value == "90" || value == "120" || value == "180";
    if (key == "print.citizen_pages") return value == "0" || value == "10" || value == "20" || value == "50";
    if (key == "printer.a4" || key == "printer.receipt")
        return value.empty() || std::find(queues.begin(), queues.end(), value) != queues.end();
    return false;
}

}  // namespace

// The settings that follow the store's settings table (and the signed configuration under
// it): zone profile, idle time, printers and the print allowance, where applications go.
void App::loadTerminalSettings() {
    state_.profile = store_->effectiveSetting("zone.profile").value_or(options_.profile);
    if (state_.profile != "hall" && state_.profile != "library") {
        logs::warn("setting.invalid", {{"key", "zone.profile"}, {"value", state_.profile}, {"applies", options_.profile}});
        state_.profile = options_.profile;
    }
    intake_ = loadIntakeConfig(*store_);
    for (const std::string& problem : intake_.problems) logs::warn("intake.unavailable", {{"detail", problem}});
    loadPrintSetup();
    // The zone profile sets the default; idle.seconds overrides it.
    idleSeconds_ = state_.profile == "library" ? kLibraryIdleSeconds : kDefaultIdleSeconds;
    if (const auto v = store_->effectiveSetting("idle.seconds")) {
        try {
            idleSeconds_ = std::clamp(std::stod(*v), 10.0, 3600.0);
        } catch (...) {
            logs::warn("setting.invalid", {{"key", "idle.seconds"}, {"value", *v}, {"applies", idleSeconds_}});
        }
    }
}

// What the settings screen shows: read when it opens and after every change, not per frame.
void App::loadStaffSettingsView() {
    StaffSettingsView& view = state_.staff.settings;
    view.profile = state_.profile;
    view.idleSeconds = static_cast<int>(idleSeconds_);
    view.citizenPages = printPolicy_.citizenPagesPerSession;
    view.a4Queue = printSetup_.queue;
    view.receiptQueue = intake_.receiptQueue;
    view.queuesError.clear();
    view.messageKey.clear();
    view.queues = listQueues(printSetup_.server, view.queuesError);
    // The printers' state, asked once per visit of a staff page rather than every frame.
    const auto problem = [&](const std::string& queue) {
        return queue.empty() ? std::string() : printerProblemName(probePrinter(intake_.printServer, queue).problem);
    };
    view.lastUpload.clear();
    if (Outbox* box = outbox(/*create=*/false))
        for (const OutboxEntry& entry : box->entries(/*pendingOnly=*/false)) {
            // "usb 2026-…Z" for a stick, the time alone for the intake.
            const std::string when = entry.uploadedAt.rfind("usb ", 0) == 0 ? entry.uploadedAt.substr(4) : entry.uploadedAt;
            view.lastUpload = std::max(view.lastUpload, when);
        }
    view.a4Problem = problem(view.a4Queue);
    view.receiptProblem = problem(view.receiptQueue);
}

void App::applyStaffAction(const Action& action) {
    if (!state_.staff.active || !store_) return;
    switch (action.kind) {
    case Action::Kind::StaffSyncNow:
        if (syncer_) syncer_->requestOnlineSync();
        state_.staff.settings.messageKey = "staff.sync.requested";
        logs::info("staff.sync_now");
        break;
    case Action::Kind::StaffUsbAgain:
        if (syncer_) syncer_->requestUsbAgain();
        state_.staff.settings.messageKey = "staff.sync.usb_requested";
        logs::info("staff.usb_again");
        break;
    case Action::Kind::StaffSetSetting: {
        if (!allowedSetting(action.text, action.value, state_.staff.settings.queues)) {
            logs::warn("staff.setting_refused", {{"key", action.text}});
            break;
        }
        bool saved = false;
        try {
            if (action.value.empty())
                store_->removeSetting(action.text);
            else
                store_->setSetting(action.text, action.value);
            logs::info("staff.setting", {{"key", action.text}, {"value", action.value}});
            saved = true;
        } catch (const std::exception& e) {
            logs::error("staff.setting_failed", {{"key", action.text}, {"detail", e.what()}});
        }
        loadTerminalSettings();
        loadStaffSettingsView();
        state_.staff.settings.messageKey = saved ? "staff.settings.saved" : "staff.settings.failed";
        break;
    }
    case Action::Kind::StaffChangePin: {
        state_.staff.pinChange = 1;
        state_.staff.pin.clear();
        state_.staff.messageKey.clear();
        Route pad;
        pad.kind = ScreenKind::StaffLogin;
        push(pad);
        break;
    }
    case Action::Kind::ReprintReceiptFor: {
        // A citizen lost the receipt: the same receipt again from the outbox, marked 补打.
        Outbox* box = outbox(/*create=*/false);
        const std::optional<OutboxEntry> found = box ? box->byId(action.text) : std::nullopt;
        if (!found) break;
        std::string why;
        const int job = printer_->print(*found, intake_, /*reprint=*/true, why);
        state_.staff.settings.messageKey = job ? "staff.receipts.sent" : "staff.receipts.failed";
        if (job)
            countPrint("receipt", job, 1, /*receipt=*/true);
        else
            logs::warn("receipt.not_printed", {{"detail", why}});
        break;
    }
    case Action::Kind::ExitToSystem:
        logs::info("staff.exit_to_system");
        quitRequested_ = true;
        break;
    default: break;
    }
}

void App::pressNewPinKey() {
    StaffState& staff = state_.staff;
    const std::string typed = staff.pin;
    staff.pin.assign(staff.pin.size(), '\0');
    staff.pin.clear();
    const bool wellFormed = typed.size() >= static_cast<size_t>(kStaffPinMinDigits) &&
                            typed.size() <= static_cast<size_t>(kStaffPinMaxDigits) &&
                            std::all_of(typed.begin(), typed.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (staff.pinChange == 1) {
        if (!wellFormed) {
            staff.messageKey = "staff.pin.malformed";
            return;
        }
        staff.newPin = typed;
        staff.pinChange = 2;
        staff.messageKey.clear();
        return;
    }
    if (typed != staff.newPin) {
        staff.newPin.assign(staff.newPin.size(), '\0');
        staff.newPin.clear();
        staff.pinChange = 1;
        staff.messageKey = "staff.pin.mismatch";
        return;
    }
    try {
        StaffAccess(*store_).setPin(typed);
        staff.settings.messageKey = "staff.pin.changed";
        logs::info("staff.pin_changed");
    } catch (const std::exception& e) {
        staff.settings.messageKey = "staff.settings.failed";
        logs::error("staff.pin_change_failed", {{"detail", e.what()}});
    }
    staff.newPin.assign(staff.newPin.size(), '\0');
    staff.newPin.clear();
    staff.pinChange = 0;
    staff.messageKey.clear();
    apply(Action{Action::Kind::Back});
}

}  // namespace zwgk
