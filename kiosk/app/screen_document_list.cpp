// A list of documents under one catalogue node, and the rows shared with the 领域 screen.
// Rows have a fixed height so that ImGuiListClipper only lays out the visible ones, and
// pages of rows are fetched from the store as they scroll into view: a node with 20,000
// documents opens as fast as one with 20.
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr int kPageSize = 100;
constexpr float kRowHeight = 176;  // reference px: two title lines and a metadata line
constexpr float kRowGap = 16;

DocumentListCache& listCache(UiContext& ui, int listSerial) {
    DocumentListCache& cache = ui.state.lists[listSerial];
    if (cache.total < 0) cache.total = ui.store->countDocuments(cache.filter);
    return cache;
}

const DocumentSummary* row(UiContext& ui, DocumentListCache& cache, int index) {
    const int page = index / kPageSize;
    auto it = cache.pages.find(page);
    if (it == cache.pages.end())
        it = cache.pages.emplace(page, ui.store->listDocuments(cache.filter, page * kPageSize, kPageSize)).first;
    const int offset = index % kPageSize;
    return offset < static_cast<int>(it->second.size()) ? &it->second[offset] : nullptr;
}

}  // namespace

ImU32 validityColor(Validity v) {
    return v == Validity::Valid ? theme::kValid : v == Validity::Expired ? theme::kExpired : theme::kRepealed;
}

std::string validityLabel(const UiContext& ui, Validity v) {
    return ui.t(v == Validity::Valid ? "doc.valid" : v == Validity::Expired ? "doc.expired" : "doc.repealed");
}

void drawDocumentRows(UiContext& ui, int listSerial, float width) {
    DocumentListCache& cache = listCache(ui, listSerial);
    const float rowH = ui.px(kRowHeight), gap = ui.px(kRowGap), pad = ui.px(28);
    ImGuiListClipper clipper;
    clipper.Begin(cache.total, rowH + gap);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const DocumentSummary* doc = row(ui, cache, i);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            if (!doc) {
                ImGui::Dummy(ImVec2(width, rowH + gap));
                continue;
            }
            const std::string title = ui.show(doc->title);
            bool pressed = false;
            if (widgets::card(ui, ("##doc" + std::to_string(doc->id)).c_str(), title, ImVec2(width, rowH), pressed)) {
                Route route;
                route.kind = ScreenKind::Document;
                route.id = doc->id;
                route.listSerial = listSerial;
                route.listIndex = i;
                ui.push(route);
            }
            // Title: two lines at most; the whole title is on the document screen.
            float badgeW = 0;
            if (doc->validity != Validity::Valid) badgeW = ui.px(110);
            const std::string shown = widgets::clampLines(title, ui.fonts.body, width - 2 * pad - badgeW, 2);
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + ui.px(14)));
            widgets::paragraph(ui, shown, ui.fonts.body, width - 2 * pad - badgeW, theme::kText, 0, 1.35f);
            if (doc->validity != Validity::Valid)
                widgets::badge(ui, ImVec2(pos.x + width - pad - ui.px(96), pos.y + ui.px(20)),
                               validityLabel(ui, doc->validity), validityColor(doc->validity), ui.fonts.small);
            std::string meta = doc->docNo.empty() ? "" : ui.show(doc->docNo) + "　";
            meta += ui.show(doc->agencyName) + "　" + doc->published;
            widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + rowH - ui.px(52)), meta, ui.fonts.small,
                            theme::kTextSecondary);
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + gap));
            ImGui::Dummy(ImVec2(width, 0));
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + rowH + gap));
        }
    }
    clipper.End();
}

void drawDocumentListScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    DocumentListCache& cache = ui.state.lists[route.serial];
    cache.filter = route.filter;
    drawTopBar(ui, ui.show(route.title), true);
    const float margin = ui.px(theme::kMargin);
    const ImVec2 origin = contentOrigin(ui);
    const int total = listCache(ui, route.serial).total;
    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(24)));
    widgets::text(ui, ui.t("browse.title") + " › " + ui.show(route.title) + "　" +
                          ui.tf("list.title_count", {{"n", std::to_string(total)}}),
                  ui.fonts.small, theme::kTextSecondary);
    const float listTop = origin.y + ui.px(84);
    ImGui::SetCursorScreenPos(ImVec2(margin, listTop));
    widgets::beginScroll(ui, ("list-" + std::to_string(route.serial)).c_str(),
                         ImVec2(ui.display.x - margin, ui.display.y - listTop));
    const float width = ui.display.x - 2 * margin;
    if (total == 0) {
        widgets::paragraph(ui, ui.t("list.empty"), ui.fonts.body, width, theme::kTextSecondary);
    } else {
        drawDocumentRows(ui, route.serial, width);
    }
    widgets::endScroll(ui);
}

}  // namespace zwgk
