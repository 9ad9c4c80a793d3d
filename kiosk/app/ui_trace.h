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
    bool hasInk = false;  // the item drew TEXT itself (a card's label is drawn by its caller)
    ImVec2 inkMin, inkMax;    // where its glyphs are, whole, before any clipping
    ImVec2 clipMin, clipMax;  // the clip rectangle it was drawn in
    ImVec2 boxMin, boxMax;    // the item's own rectangle, whole (a button's face)
    int layer = 0;        // 0 for the screen, +1 for each modal window over it
};

// A QR code the last frame showed whole (扫码带走 dialog, village QR wall).
struct TracedQr {
    std::string text;     // what the code carries
    ImVec2 min, max;      // the code with its quiet zone (window pixels)
    int modulePx = 0;     // side of one module in pixels
};

// The sentence 朗读 is reading, highlighted in the text (one rectangle per line it takes).
struct TracedHighlight {
    std::string text;     // the sentence as displayed
    ImVec2 min, max;      // the highlighted part of one line (window pixels)
};

class UiTrace {
public:
    void beginFrame() {
        building_.clear();
        layer_ = 0;
        qrBuilding_.clear();
        highlightBuilding_.clear();
    }
    void endFrame() {
        shown_.swap(building_);
        qrShown_.swap(qrBuilding_);
        highlightShown_.swap(highlightBuilding_);
    }
    // Records TEXT at [min,max] if any of it is inside the current clip rectangle. A plain
    // text's glyphs fill its rectangle; a tappable item's are drawn by someone else.
    void add(const std::string& text, ImVec2 min, ImVec2 max, bool tappable);
    // The same, for an item whose glyphs take [inkMin,inkMax] inside its rectangle (a
    // button's label, the lines of a paragraph).
    void addWithInk(const std::string& text, ImVec2 min, ImVec2 max, bool tappable, ImVec2 inkMin, ImVec2 inkMax);

    const std::vector<TracedItem>& items() const { return shown_; }
    // A tappable item whose text equals LABEL, else one that contains it.
    std::optional<TracedItem> findTappable(const std::string& label) const;
    bool contains(const std::string& text) const;   // any visible item contains TEXT
    std::string dump() const;                       // one line per item, for failure messages
    // Records a QR code at [min,max] if all of it is inside the current clip rectangle.
    void addQr(const std::string& text, ImVec2 min, ImVec2 max, int modulePx);
    // A modal window now covers the screen: the codes drawn so far beneath it cannot be
    // scanned, and what follows is drawn in a new layer.
    void beginModalLayer() {
        qrBuilding_.clear();
        ++layer_;
    }
    const std::vector<TracedQr>& qrCodes() const { return qrShown_; }
    void addHighlight(const std::string& text, ImVec2 min, ImVec2 max) {
        highlightBuilding_.push_back({text, min, max});
    }
    const std::vector<TracedHighlight>& highlights() const { return highlightShown_; }

private:
    void record(const std::string& text, ImVec2 min, ImVec2 max, bool tappable, bool hasInk, ImVec2 inkMin,
                ImVec2 inkMax);

    std::vector<TracedItem> building_;  // items of the frame being drawn
    std::vector<TracedItem> shown_;     // items of the last finished frame
    std::vector<TracedQr> qrBuilding_;  // QR codes of the frame being drawn
    std::vector<TracedQr> qrShown_;     // QR codes of the last finished frame
    std::vector<TracedHighlight> highlightBuilding_;  // 朗读 highlight of the frame being drawn
    std::vector<TracedHighlight> highlightShown_;     // 朗读 highlight of the last finished frame
    int layer_ = 0;                     // modal windows opened so far this frame
};

}  // namespace zwgk
