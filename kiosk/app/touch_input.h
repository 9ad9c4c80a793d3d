// The terminal's own input layer. Dear ImGui 1.86 ignores SDL finger events and event
// coordinates, and does no drag-to-scroll, so every pointer (mouse, finger, scripted tap)
// comes through here: taps become ImGui clicks, drags become scrolling with momentum, and a
// tap never fires at the end of a drag.
//
// Pointer state machine (one pointer; a second touch finger turns it into a pinch):
//
//   Idle ──press──────────────► Pressed        push(Down)        ImGui sees the button held
//   Pressed ──move > slop─────► Dragging       applyToImGui()    ImGui sees a release far away
//   Pressed ──release─────────► Idle           applyToImGui()    ImGui sees a click
//   Dragging ──release────────► Idle+momentum  applyToImGui()    velocity from recent samples
//   Idle+momentum ──press─────► Catching       push(Down)        stops the list, no click
//   Catching ──release────────► Idle           applyToImGui()
//   Catching ──move > slop────► Dragging       applyToImGui()
//   momentum decays in scrollDelta(); it ends below a minimum speed or at a list end.
//   A press that starts in a capture region (the handwriting pad) stays Pressed however far
//   it moves, and ImGui sees the pointer follow the finger: strokes, not scrolling.
//   Pressed/Dragging ──second finger down──► Pinching   ImGui sees a release far away (no tap);
//   Pinching ──either finger up──► Idle (the other finger is ignored until it lifts).
//   While pinching, takePinch() gives the change of the fingers' distance and midpoint.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "imgui.h"

namespace zwgk {

struct PointerEvent {
    enum class Kind { Down, Move, Up };
    Kind kind = Kind::Move;  // what happened
    float x = 0, y = 0;      // window pixels
    double time = 0;         // seconds on the app clock
    int64_t finger = -1;     // touch finger id; -1 for the mouse and scripted input
};

// What two fingers did since the last TouchInput::takePinch.
struct Pinch {
    bool active = false;     // two fingers are down now
    float factor = 1;        // distance between them now / then (zoom by this)
    ImVec2 center{0, 0};     // their midpoint now (window pixels)
    ImVec2 pan{0, 0};        // how far the midpoint moved
};

class TouchInput {
public:
    // Drag slop and speeds are in window pixels; SCALE is the 1080p layout scale.
    void setScale(float scale) { scale_ = scale; }
    void push(const PointerEvent& event) { queue_.push_back(event); }
    bool hasQueuedEvents() const { return !queue_.empty(); }

    // Called once per frame, after the platform backend's NewFrame and before
    // ImGui::NewFrame. Applies queued events up to and including one button change, so that
    // ImGui sees press and release in different frames.
    void applyToImGui(ImGuiIO& io, double now);

    // Scroll regions: each scrollable child window registers its rectangle every frame and
    // asks how far to scroll. Registration order is parent first, so the last region that
    // contains a point is the innermost one.
    void registerScrollRegion(ImGuiID id, ImVec2 min, ImVec2 max);
    float scrollDelta(ImGuiID id, double now);        // pixels to add to the region's scrollY
    void registerCaptureRegion(ImVec2 min, ImVec2 max);  // presses here draw instead of scroll
    void hitScrollLimit(ImGuiID id);                  // the region could not scroll further
    void beginFrame();                                // forget last frame's regions

    bool animating() const;                           // momentum still running
    bool dragging() const { return state_ == State::Dragging; }
    bool pointerDown() const { return state_ == State::Pressed || state_ == State::Dragging ||
                                      state_ == State::Catching || state_ == State::Pinching; }
    bool pinching() const { return state_ == State::Pinching; }
    // The pinch so far, and starts counting anew (factor 1, pan 0).
    Pinch takePinch();
    void reset();                                     // drop queue, state and momentum

private:
    enum class State { Idle, Pressed, Dragging, Catching, Pinching };
    struct Region {
        ImGuiID id;   // ImGui window id of the scrollable child
        ImVec2 min;   // screen rectangle
        ImVec2 max;
    };
    struct Sample {
        float y;      // pointer y
        double time;  // when
    };

    ImGuiID regionAt(ImVec2 point) const;
    void startDrag(ImVec2 point);
    void endDrag(double now);

    std::deque<PointerEvent> queue_;     // events not yet given to ImGui
    State state_ = State::Idle;          // see the table above
    float scale_ = 1.0f;                 // layout scale (window px per reference px)
    ImVec2 pressPoint_{0, 0};            // where the pointer went down
    ImVec2 pointer_{0, 0};               // last known pointer position
    ImGuiID dragRegion_ = 0;             // region being dragged or coasting
    float pendingDelta_ = 0;             // finger movement not yet applied to the region
    std::vector<Sample> samples_;        // recent finger positions for the release velocity
    float velocity_ = 0;                 // momentum, px/s in scroll direction (+ = down)
    double momentumTime_ = 0;            // clock time momentum was last advanced
    std::vector<Region> regions_;        // registered this frame
    std::vector<Region> lastRegions_;    // registered last frame (used for hit-testing)
    std::vector<Region> captures_;       // capture regions registered this frame
    std::vector<Region> lastCaptures_;   // capture regions of last frame (hit-testing)
    bool capturing_ = false;             // the current press started in a capture region
    int64_t primary_ = -1;               // finger of the current press (-1: mouse, script)
    int64_t second_ = -1;                // the second finger while pinching
    int64_t ignored_ = -2;               // a finger left over from a pinch, until it lifts
    ImVec2 secondPoint_{0, 0};           // its position
    float pinchDistance_ = 0;            // distance between the fingers at the last move
    ImVec2 pinchMid_{0, 0};              // their midpoint then
    Pinch pinch_;                        // accumulated since takePinch
};

}  // namespace zwgk
