// One 领域 of the standard catalogue: its 公开事项 (each opens the nine-element view) and
// the documents filed under it.
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {

void drawAreaScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    DocumentListCache& cache = ui.state.lists[route.serial];
    cache.filter = route.filter;
    if (cache.total < 0) cache.total = ui.store->countDocuments(cache.filter);
    drawTopBar(ui, ui.show(route.title), true);

    const float margin = ui.px(theme::kMargin);
    const ImVec2 origin = contentOrigin(ui);
    const float width = ui.display.x - 2 * margin;
    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(24)));
    widgets::text(ui, ui.t("browse.title") + " › " + ui.t("browse.by_area") + " › " + ui.show(route.title),
                  ui.fonts.small, theme::kTextSecondary);
    const float top = origin.y + ui.px(84);
    ImGui::SetCursorScreenPos(ImVec2(margin, top));
    widgets::beginScroll(ui, ("area-" + std::to_string(route.serial)).c_str(),
                         ImVec2(ui.display.x - margin, ui.display.y - top));

    // The catalogue entries are few per area: load them each frame from a small query.
    const auto entries = ui.store->catalogueEntries(route.filter.areaId);
    widgets::text(ui, ui.tf("area.entries", {{"n", std::to_string(entries.size())}}), ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    if (entries.empty()) widgets::text(ui, ui.t("area.no_entries"), ui.fonts.body, theme::kTextSecondary);
    const float pad = ui.px(28);
    for (const CatalogueEntry& entry : entries) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string name = ui.show(entry.itemL2.empty() ? entry.itemL1 : entry.itemL2);
        bool pressed = false;
        const float h = ui.px(120);
        if (widgets::card(ui, ("##entry" + std::to_string(entry.id)).c_str(), name, ImVec2(width, h), pressed)) {
            Route next;
            next.kind = ScreenKind::CatalogueEntry;
            next.id = entry.id;
            next.filter.areaId = route.filter.areaId;
            next.title = route.title;
            ui.push(next);
        }
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + ui.px(16)), name, ui.fonts.body, theme::kText);
        const std::string sub = ui.show(entry.itemL1) + "　" + ui.t("entry.method") + "：" + ui.show(entry.method) +
                                "　" + ui.t("entry.subject") + "：" + ui.show(entry.subject);
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + ui.px(70)),
                        widgets::clampLines(sub, ui.fonts.small, width - 2 * pad, 1), ui.fonts.small,
                        theme::kTextSecondary);
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(16)));
    }

    ImGui::Dummy(ImVec2(1, ui.px(24)));
    widgets::text(ui, ui.tf("area.documents", {{"n", std::to_string(cache.total)}}), ui.fonts.heading, theme::kText);
    ImGui::Dummy(ImVec2(1, ui.px(12)));
    if (cache.total == 0)
        widgets::paragraph(ui, ui.t("list.empty"), ui.fonts.body, width, theme::kTextSecondary);
    else
        drawDocumentRows(ui, route.serial, width);
    widgets::endScroll(ui);
}

}  // namespace zwgk
