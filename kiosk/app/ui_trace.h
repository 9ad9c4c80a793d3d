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

// A QR code the last frame showed whole (扫码带走 dialog, village QR wall).
struct TracedQr {
    std::string text;     // what the code carries
    ImVec2 min, max;      // the code with its quiet zone (window pixels)
    int modulePx = 0;     // side of one module in pixels
};

class UiTrace {
public:
    void beginFrame() {
        building_.clear();
        qrBuilding_.clear();
    }
    void endFrame() {
        shown_.swap(building_);
        qrShown_.swap(qrBuilding_);
    }
    // Records TEXT at [min,max] if any of it is inside the current clip rectangle.
    void add(const std::string& text, ImVec2 min, ImVec2 max, bool tappable);

    const std::vector<TracedItem>& items() const { return shown_; }
    // A tappable item whose text equals LABEL, else one that contains it.
    std::optional<TracedItem> findTappable(const std::string& label) const;
    bool contains(const std::string& text) const;   // any visible item contains TEXT
    std::string dump() const;                       // one line per item, for failure messages
    // Records a QR code at [min,max] if all of it is inside the current clip rectangle.
    void addQr(const std::string& text, ImVec2 min, ImVec2 max, int modulePx);
    // A modal window now covers the screen: the codes drawn so far beneath it cannot be scanned.
    void coverQrCodes() { qrBuilding_.clear(); }
    const std::vector<TracedQr>& qrCodes() const { return qrShown_; }

private:
    std::vector<TracedItem> building_;  // items of the frame being drawn
    std::vector<TracedItem> shown_;     // items of the last finished frame
    std::vector<TracedQr> qrBuilding_;  // QR codes of the frame being drawn
    std::vector<TracedQr> qrShown_;     // QR codes of the last finished frame
};

}  // namespace zwgk
