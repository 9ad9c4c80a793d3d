#include "ui_trace.h"

#include <algorithm>
#include <cstdio>

#include "imgui_internal.h"

namespace zwgk {

void UiTrace::add(const std::string& text, ImVec2 min, ImVec2 max, bool tappable) {
    record(text, min, max, tappable, !tappable, min, max);
}

void UiTrace::addWithInk(const std::string& text, ImVec2 min, ImVec2 max, bool tappable, ImVec2 inkMin,
                         ImVec2 inkMax) {
    record(text, min, max, tappable, true, inkMin, inkMax);
}

void UiTrace::record(const std::string& text, ImVec2 min, ImVec2 max, bool tappable, bool hasInk, ImVec2 inkMin,
                     ImVec2 inkMax) {
    if (text.empty()) return;
    ImVec2 clipMin(0, 0), clipMax(ImGui::GetIO().DisplaySize);
    if (ImGuiWindow* window = ImGui::GetCurrentWindowRead()) {
        clipMin = window->ClipRect.Min;
        clipMax = window->ClipRect.Max;
    }
    const ImVec2 visMin(std::max(min.x, clipMin.x), std::max(min.y, clipMin.y));
    const ImVec2 visMax(std::min(max.x, clipMax.x), std::min(max.y, clipMax.y));
    if (visMax.x <= visMin.x || visMax.y <= visMin.y) return;
    TracedItem item{text, visMin, visMax, tappable};
    item.hasInk = hasInk;
    item.inkMin = inkMin;
    item.inkMax = inkMax;
    item.clipMin = clipMin;
    item.clipMax = clipMax;
    item.boxMin = min;
    item.boxMax = max;
    item.layer = layer_;
    building_.push_back(std::move(item));
}

void UiTrace::addQr(const std::string& text, ImVec2 min, ImVec2 max, int modulePx) {
    ImVec2 clipMin(0, 0), clipMax(ImGui::GetIO().DisplaySize);
    if (ImGuiWindow* window = ImGui::GetCurrentWindowRead()) {
        clipMin = window->ClipRect.Min;
        clipMax = window->ClipRect.Max;
    }
    // A code cut by the edge of a scroll area cannot be scanned: only whole ones count.
    if (min.x < clipMin.x || min.y < clipMin.y || max.x > clipMax.x || max.y > clipMax.y) return;
    qrBuilding_.push_back({text, min, max, modulePx});
}

std::optional<TracedItem> UiTrace::findTappable(const std::string& label) const {
    // Later items are drawn on top (dialogs), so search from the end.
    for (auto it = shown_.rbegin(); it != shown_.rend(); ++it)
        if (it->tappable && it->text == label) return *it;
    for (auto it = shown_.rbegin(); it != shown_.rend(); ++it)
        if (it->tappable && it->text.find(label) != std::string::npos) return *it;
    return std::nullopt;
}

bool UiTrace::contains(const std::string& text) const {
    return std::any_of(shown_.begin(), shown_.end(), [&](const TracedItem& item) {
        return item.text.find(text) != std::string::npos;
    });
}

std::string UiTrace::dump() const {
    std::string out;
    char rect[96];
    for (const TracedItem& item : shown_) {
        std::snprintf(rect, sizeof rect, "  [%4.0f,%4.0f %4.0fx%3.0f]%s ", item.min.x, item.min.y,
                      item.max.x - item.min.x, item.max.y - item.min.y, item.tappable ? " tap" : "    ");
        out += rect;
        out += item.text.substr(0, 120);
        out += '\n';
    }
    return out;
}

}  // namespace zwgk
