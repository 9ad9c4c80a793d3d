// App: idle detection and the privacy reset. A public terminal serves a stranger every few
// minutes; when one walks away, everything they did is forgotten before the next one comes:
// the transitions are listed with IdleState in app_state.h.
#include <cmath>
#include <limits>

#include "app.h"
#include "event_log.h"

namespace zwgk {

double App::idleLimit() const {
    // Forms take longer to fill in than pages take to read: the wizard waits longer.
    const ScreenKind top = state_.top().kind;
    if (top == ScreenKind::Apply || top == ScreenKind::StatusLookup) return std::max(idleSeconds_ * 2, 180.0);
    return idleSeconds_;
}

double App::nextWakeAt() const {
    constexpr double kNever = std::numeric_limits<double>::infinity();
    // While 朗读 plays, the highlight follows the sentence heard: look ten times a second.
    const ReadAloudPhase reading = readAloud_->state().phase;
    if (reading == ReadAloudPhase::Preparing || reading == ReadAloudPhase::Speaking) return lastFrameTime_ + 0.1;
    if (!store_) return kNever;
    if (state_.idle.warning()) {
        // Each second of the countdown, then the reset itself.
        const double since = lastFrameTime_ - state_.idle.warnedAt;
        return state_.idle.warnedAt + std::min(kIdleCountdownSeconds, std::floor(since) + 1);
    }
    if (state_.top().kind == ScreenKind::Attract) {
        if (state_.home.notices.size() < 2) return kNever;
        const double since = lastFrameTime_ - state_.idle.attractSince;
        return state_.idle.attractSince + (std::floor(since / kAttractTurnSeconds) + 1) * kAttractTurnSeconds;
    }
    if (state_.staff.active) return lastInputAt_ + kStaffIdleSeconds + 0.01;
    return lastInputAt_ + idleLimit();
}

void App::updateIdle(double now, bool hadEvents) {
    if (!store_) return;
    if (lastInputAt_ == 0) lastInputAt_ = now;  // the first frame: the idle time counts from start-up
    if (hadEvents) {
        beginUsageSession();  // the first touch since start-up or the last reset
        lastInputAt_ = now;
        state_.idle.warnedAt = 0;  // any touch answers 还在吗？
        return;
    }
    // Someone listening to 朗读 is still there; a paused reading counts as gone.
    if (state_.readAloud.phase == ReadAloudPhase::Speaking) {
        lastInputAt_ = now;
        return;
    }
    if (state_.staff.active || state_.top().kind == ScreenKind::Attract) return;
    if (state_.idle.warning()) {
        if (now - state_.idle.warnedAt >= kIdleCountdownSeconds) resetSession(now);
        return;
    }
    if (now - lastInputAt_ < idleLimit()) return;
    // On the plain home screen there is nothing to ask about: straight to the attract loop
    // (still wiping, as a search typed and abandoned there counts).
    const bool plainHome = state_.stack.size() == 1 && !state_.dialog && !state_.qr.open && !state_.print &&
                           state_.search.field.text.empty() && !keyboard_->visible();
    if (plainHome)
        resetSession(now);
    else
        state_.idle.warnedAt = now;
    settleFrames_ = std::max(settleFrames_, 3);
}

// Everything the visitor did goes: form fields and the draft, search text and results,
// what the input method learnt, the navigation stack and with it every scroll position
// (ImGui's state is keyed by route serials, which are never reused), receipts and QR codes
// on screen, the print dialog and page allowance, staff mode, the 繁體 choice. Kept: the
// content, the terminal's workers and print jobs already sent (public content only; a
// receipt job carries only the masked receipt).
void App::resetSession(double now) {
    readAloud_->stop();  // the next visitor must not hear the last one's page
    if (state_.top().kind == ScreenKind::Search) countSearch();  // before the query is wiped
    usageSessionOpen_ = false;
    keyboard_->detach();
    keyboard_->resetSession();
    pendingPrint_.reset();
    AppState fresh;
    fresh.profile = state_.profile;
    fresh.home = std::move(state_.home);
    fresh.sync = state_.sync;
    fresh.usbReport = std::move(state_.usbReport);  // for staff: says nothing about visitors
    fresh.nextSerial = state_.nextSerial;          // serials keep counting: no old ImGui state is reused
    fresh.idle.attractSince = now;
    state_ = std::move(fresh);
    state_.stack.push_back(Route{});
    Route attract;
    attract.kind = ScreenKind::Attract;
    push(attract);
    keyboard_->setTraditional(false);
    applyDisplayChoice();  // the next visitor starts with the standard text and colours
    lastInputAt_ = now;
    // New content waiting is switched in by the next 首页 (the touch that leaves this screen).
    logs::info("session.reset", {{"idle_seconds", idleLimit()}});
}

}  // namespace zwgk
