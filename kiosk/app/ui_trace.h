// What the last frame showed: every visible text with its rectangle, and which of them can
// be tapped. Headless scripts (`tap LABEL`, `expect TEXT`) and UI tests read this instead of
// guessing coordinates, so they keep working when the layout changes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "imgui.h"

namespace zwgk {

struct TracedItem {
    std::string text;     // as displayed (after the Traditional conversion, if on)
    ImVec2 min, max;      // visible part of the item on screen (window pixels)
    bool tappable;        // a button, tile, row or link
};

class UiTrace {
public:
    void beginFrame() { building_.clear(); }
    void endFrame() { shown_.swap(building_); }
    // Records TEXT at [min,max] if any of it is inside the current clip rectangle.
    void add(const std::string& text, ImVec2 min, ImVec2 max, bool tappable);

    const std::vector<TracedItem>& items() const { return shown_; }
    // A tappable item whose text equals LABEL, else one that contains it.
    std::optional<TracedItem> findTappable(const std::string& label) const;
    bool contains(const std::string& text) const;   // any visible item contains TEXT
    std::string dump() const;                       // one line per item, for failure messages

private:
    std::vector<TracedItem> building_;  // items of the frame being drawn
    std::vector<TracedItem> shown_;     // items of the last finished frame
};

}  // namespace zwgk
