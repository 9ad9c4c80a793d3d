#include "touch_input.h"

#include <cfloat>
#include <cmath>

namespace zwgk {
namespace {
constexpr float kSlopReferencePx = 14.0f;      // movement that turns a press into a drag
constexpr double kVelocityWindowS = 0.08;      // samples used for the release velocity
constexpr double kStillBeforeReleaseS = 0.06;  // finger held still this long: no fling
constexpr double kMomentumTimeConstantS = 0.35;
constexpr float kMinSpeedReferencePx = 25.0f;  // px/s below which momentum stops
constexpr float kMaxSpeedReferencePx = 9000.0f;
const ImVec2 kNowhere(-FLT_MAX, -FLT_MAX);
}  // namespace

void TouchInput::applyToImGui(ImGuiIO& io, double now) {
    io.MouseDown[0] = false;
    io.MousePos = kNowhere;
    while (!queue_.empty()) {
        const PointerEvent ev = queue_.front();
        const ImVec2 point(ev.x, ev.y);
        bool buttonChanged = false;
        if (ev.finger == ignored_) {  // what is left of a pinch: ignored until it lifts
            if (ev.kind == PointerEvent::Kind::Up) ignored_ = -2;
            queue_.pop_front();
            continue;
        }
        if (ev.kind != PointerEvent::Kind::Down && state_ != State::Idle && ev.finger != primary_ &&
            !(state_ == State::Pinching && ev.finger == second_)) {
            queue_.pop_front();  // a finger that is neither of ours
            continue;
        }
        switch (ev.kind) {
        case PointerEvent::Kind::Down:
            if (state_ != State::Idle) {
                // A second touch finger on a press or drag: a pinch. Further fingers: ignored.
                if (ev.finger >= 0 && primary_ >= 0 && ev.finger != primary_ &&
                    (state_ == State::Pressed || state_ == State::Dragging || state_ == State::Catching)) {
                    buttonChanged = state_ == State::Pressed;  // ImGui sees the button released away
                    state_ = State::Pinching;
                    second_ = ev.finger;
                    secondPoint_ = point;
                    velocity_ = 0;
                    pendingDelta_ = 0;
                    samples_.clear();
                    dragRegion_ = 0;
                    const float dx = point.x - pointer_.x, dy = point.y - pointer_.y;
                    pinchDistance_ = std::sqrt(dx * dx + dy * dy);
                    pinchMid_ = ImVec2((point.x + pointer_.x) * 0.5f, (point.y + pointer_.y) * 0.5f);
                    pinch_ = Pinch{true, 1, pinchMid_, ImVec2(0, 0)};
                }
                break;
            }
            primary_ = ev.finger;
            pressPoint_ = pointer_ = point;
            samples_.assign(1, {ev.y, ev.time});
            capturing_ = false;
            for (const Region& r : lastCaptures_)
                capturing_ |= point.x >= r.min.x && point.x < r.max.x && point.y >= r.min.y && point.y < r.max.y;
            if (capturing_) {
                velocity_ = 0;
                state_ = State::Pressed;
                buttonChanged = true;
            } else if (animating()) {
                velocity_ = 0;
                state_ = State::Catching;
            } else {
                state_ = State::Pressed;
                buttonChanged = true;
            }
            break;
        case PointerEvent::Kind::Move: {
            if (state_ == State::Pinching) {
                (ev.finger == second_ ? secondPoint_ : pointer_) = point;
                const float dx = secondPoint_.x - pointer_.x, dy = secondPoint_.y - pointer_.y;
                const float distance = std::sqrt(dx * dx + dy * dy);
                const ImVec2 mid((secondPoint_.x + pointer_.x) * 0.5f, (secondPoint_.y + pointer_.y) * 0.5f);
                if (pinchDistance_ > 1 && distance > 1) pinch_.factor *= distance / pinchDistance_;
                pinch_.pan = ImVec2(pinch_.pan.x + mid.x - pinchMid_.x, pinch_.pan.y + mid.y - pinchMid_.y);
                pinch_.center = mid;
                pinchDistance_ = distance;
                pinchMid_ = mid;
                break;
            }
            pointer_ = point;
            if ((state_ == State::Pressed && !capturing_) || state_ == State::Catching) {
                const float dx = point.x - pressPoint_.x, dy = point.y - pressPoint_.y;
                if (std::sqrt(dx * dx + dy * dy) > kSlopReferencePx * scale_) {
                    const bool wasPressed = state_ == State::Pressed;
                    startDrag(point);
                    buttonChanged = wasPressed;  // ImGui must see the button released away
                }
            }
            if (state_ == State::Dragging) {
                pendingDelta_ += samples_.empty() ? 0 : samples_.back().y - ev.y;
                samples_.push_back({ev.y, ev.time});
                while (samples_.size() > 2 && ev.time - samples_.front().time > kVelocityWindowS)
                    samples_.erase(samples_.begin());
            }
            break;
        }
        case PointerEvent::Kind::Up:
            if (state_ == State::Pinching) {
                ignored_ = ev.finger == second_ ? primary_ : second_;
                second_ = -1;
                pinch_.active = false;
                state_ = State::Idle;
                break;
            }
            pointer_ = point;
            if (state_ == State::Pressed) buttonChanged = true;
            if (state_ == State::Dragging) endDrag(ev.time);
            if (state_ != State::Idle) state_ = State::Idle;
            break;
        }
        queue_.pop_front();
        // What ImGui sees this frame: the pointer only while a tap is possible (or a stroke
        // is being drawn, where it follows the finger).
        if (state_ == State::Pressed) {
            io.MousePos = capturing_ ? pointer_ : pressPoint_;
            io.MouseDown[0] = true;
        } else if (ev.kind == PointerEvent::Kind::Up && buttonChanged) {
            io.MousePos = point;  // release where pressed: a click
            io.MouseDown[0] = false;
        }
        if (buttonChanged) break;  // one button transition per frame
    }
    if (state_ == State::Pressed) {
        io.MousePos = capturing_ ? pointer_ : pressPoint_;
        io.MouseDown[0] = true;
    }
    (void)now;
}

void TouchInput::startDrag(ImVec2 point) {
    state_ = State::Dragging;
    dragRegion_ = regionAt(pressPoint_);
    // The move that crossed the slop is applied from the press point (in applyToImGui), so
    // the content stays under the finger from the start.
    pendingDelta_ = 0;
    (void)point;
}

void TouchInput::endDrag(double now) {
    velocity_ = 0;
    if (samples_.size() >= 2) {
        const Sample& first = samples_.front();
        const Sample& last = samples_.back();
        const double span = last.time - first.time;
        if (span > 1e-4 && now - last.time < kStillBeforeReleaseS)
            velocity_ = static_cast<float>((first.y - last.y) / span);
    }
    const float maxSpeed = kMaxSpeedReferencePx * scale_;
    velocity_ = std::fmax(-maxSpeed, std::fmin(maxSpeed, velocity_));
    if (std::fabs(velocity_) < kMinSpeedReferencePx * scale_) velocity_ = 0;
    momentumTime_ = now;
    samples_.clear();
}

void TouchInput::registerScrollRegion(ImGuiID id, ImVec2 min, ImVec2 max) {
    regions_.push_back({id, min, max});
}

ImGuiID TouchInput::regionAt(ImVec2 point) const {
    ImGuiID found = 0;
    for (const Region& r : lastRegions_)
        if (point.x >= r.min.x && point.x < r.max.x && point.y >= r.min.y && point.y < r.max.y)
            found = r.id;
    return found;
}

float TouchInput::scrollDelta(ImGuiID id, double now) {
    if (id == 0 || id != dragRegion_) return 0;
    float delta = 0;
    if (state_ == State::Dragging) {
        delta = pendingDelta_;
        pendingDelta_ = 0;
    } else if (velocity_ != 0) {
        const double dt = std::fmax(0.0, now - momentumTime_);
        momentumTime_ = now;
        // Exact integral of v·e^(-t/τ) over dt, so the distance does not depend on frame rate.
        const double decay = std::exp(-dt / kMomentumTimeConstantS);
        delta = static_cast<float>(velocity_ * kMomentumTimeConstantS * (1.0 - decay));
        velocity_ = static_cast<float>(velocity_ * decay);
        if (std::fabs(velocity_) < kMinSpeedReferencePx * scale_) velocity_ = 0;
    }
    return delta;
}

void TouchInput::hitScrollLimit(ImGuiID id) {
    if (id == dragRegion_ && state_ != State::Dragging) velocity_ = 0;
}

void TouchInput::registerCaptureRegion(ImVec2 min, ImVec2 max) { captures_.push_back({0, min, max}); }

void TouchInput::beginFrame() {
    lastRegions_.swap(regions_);
    regions_.clear();
    lastCaptures_.swap(captures_);
    captures_.clear();
    // A region that disappeared (screen changed) cannot coast.
    if (velocity_ != 0) {
        bool present = false;
        for (const Region& r : lastRegions_) present |= r.id == dragRegion_;
        if (!present) velocity_ = 0;
    }
}

bool TouchInput::animating() const { return velocity_ != 0; }

Pinch TouchInput::takePinch() {
    Pinch taken = pinch_;
    taken.active = state_ == State::Pinching;
    pinch_.factor = 1;
    pinch_.pan = ImVec2(0, 0);
    return taken;
}

void TouchInput::reset() {
    queue_.clear();
    second_ = -1;
    ignored_ = -2;
    pinch_ = Pinch{};
    state_ = State::Idle;
    velocity_ = 0;
    pendingDelta_ = 0;
    samples_.clear();
    dragRegion_ = 0;
}

}  // namespace zwgk
