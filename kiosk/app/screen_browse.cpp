// 政府信息查询: four ways into the catalogue (topic, agency, 领域, year), each a grid of
// nodes with the number of documents under them.
#include <algorithm>
#include <array>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

struct Tab {
    BrowseDimension dimension;  // what the tab lists
    const char* label;          // strings key of the tab
    const char* hint;           // strings key of the line under the tabs
};
const std::array<Tab, 4> kTabs = {{{BrowseDimension::Topic, "browse.by_topic", "browse.hint.topic"},
                                   {BrowseDimension::Agency, "browse.by_agency", "browse.hint.agency"},
                                   {BrowseDimension::Area, "browse.by_area", "browse.hint.area"},
                                   {BrowseDimension::Year, "browse.by_year", "browse.hint.year"}}};

const std::vector<CountedNode>& nodesFor(UiContext& ui, BrowseDimension dimension) {
    auto it = ui.state.browseNodes.find(dimension);
    if (it != ui.state.browseNodes.end()) return it->second;
    std::vector<CountedNode> nodes;
    switch (dimension) {
    case BrowseDimension::Topic: nodes = ui.store->countByTopic(); break;
    case BrowseDimension::Agency: nodes = ui.store->countByAgency(); break;
    case BrowseDimension::Area: nodes = ui.store->countByArea(); break;
    case BrowseDimension::Year: nodes = ui.store->countByYear(); break;
    }
    return ui.state.browseNodes.emplace(dimension, std::move(nodes)).first->second;
}

Route routeForNode(UiContext& ui, BrowseDimension dimension, const CountedNode& node) {
    Route route;
    route.kind = ScreenKind::DocumentList;
    route.title = node.name;
    switch (dimension) {
    case BrowseDimension::Topic: route.filter.topicId = node.id; break;
    case BrowseDimension::Agency: route.filter.agencyId = node.id; break;
    case BrowseDimension::Area:
        route.kind = ScreenKind::Area;
        route.filter.areaId = node.id;
        route.id = node.id;
        break;
    case BrowseDimension::Year:
        route.filter.year = static_cast<int>(node.id);
        route.title = ui.strings.format("browse.year", {{"year", std::to_string(node.id)}});
        break;
    }
    return route;
}

}  // namespace

void drawBrowseScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("browse.title"), true);
    const float margin = ui.px(theme::kMargin);
    const ImVec2 origin = contentOrigin(ui);

    // Tabs: one big segmented control.
    const float gap = ui.px(20);
    const float tabW = (ui.display.x - 2 * margin - 3 * gap) / 4;
    for (size_t i = 0; i < kTabs.size(); ++i) {
        const bool selected = kTabs[i].dimension == route.dimension;
        ImGui::SetCursorScreenPos(ImVec2(margin + static_cast<float>(i) * (tabW + gap), origin.y + ui.px(28)));
        if (widgets::button(ui, kTabs[i].label, ui.t(kTabs[i].label), ImVec2(tabW, ui.px(100)),
                            selected ? theme::kPrimary : theme::kSurface,
                            selected ? theme::kPrimaryText : theme::kText, ui.fonts.heading) &&
            !selected) {
            Action a;
            a.kind = Action::Kind::SetDimension;
            a.dimension = kTabs[i].dimension;
            ui.emit(a);
        }
    }
    const Tab& tab = *std::find_if(kTabs.begin(), kTabs.end(),
                                   [&](const Tab& t) { return t.dimension == route.dimension; });
    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(152)));
    widgets::text(ui, ui.t(tab.hint), ui.fonts.small, theme::kTextSecondary);

    const auto& nodes = nodesFor(ui, route.dimension);
    const float listTop = origin.y + ui.px(210);
    ImGui::SetCursorScreenPos(ImVec2(margin, listTop));
    const std::string scrollId = "browse-" + std::to_string(route.serial) + "-" +
                                 std::to_string(static_cast<int>(route.dimension));
    widgets::beginScroll(ui, scrollId.c_str(), ImVec2(ui.display.x - margin, ui.display.y - listTop));
    if (nodes.empty()) widgets::text(ui, ui.t("browse.empty"), ui.fonts.body, theme::kTextSecondary);
    const int columns = ui.display.x > ui.display.y ? 3 : 2;
    const float cellGap = ui.px(24);
    const ImVec2 cell((ui.display.x - 2 * margin - (columns - 1) * cellGap) / columns, ui.px(120));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const ImVec2 pos(start.x + static_cast<float>(i % columns) * (cell.x + cellGap),
                         start.y + static_cast<float>(i / columns) * (cell.y + cellGap));
        ImGui::SetCursorScreenPos(pos);
        const std::string name = route.dimension == BrowseDimension::Year
                                     ? ui.tf("browse.year", {{"year", std::to_string(nodes[i].id)}})
                                     : ui.show(nodes[i].name);
        bool pressed = false;
        if (widgets::card(ui, ("##node" + std::to_string(i)).c_str(), name, cell, pressed))
            ui.push(routeForNode(ui, route.dimension, nodes[i]));
        const std::string count = ui.tf("browse.count", {{"n", std::to_string(nodes[i].count)}});
        const ImVec2 cs = widgets::measure(ui.fonts.small, count);
        const float pad = ui.px(28);
        const std::string shown = widgets::clampLines(name, ui.fonts.body, cell.x - 2 * pad - cs.x - ui.px(16), 1);
        const ImVec2 ns = widgets::measure(ui.fonts.body, shown);
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + (cell.y - ns.y) * 0.5f), shown, ui.fonts.body,
                        nodes[i].count > 0 ? theme::kText : theme::kMuted);
        widgets::textAt(ui, ImVec2(pos.x + cell.x - pad - cs.x, pos.y + (cell.y - cs.y) * 0.5f), count,
                        ui.fonts.small, theme::kTextSecondary);
    }
    const int rows = (static_cast<int>(nodes.size()) + columns - 1) / columns;
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(1, static_cast<float>(rows) * (cell.y + cellGap) + ui.px(40)));
    widgets::endScroll(ui);
}

}  // namespace zwgk
