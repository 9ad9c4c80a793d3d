// 村务公开: the 乡镇, the villages (村 and 社区) of one township, and what one village has
// published, newest first, each item in full as on the village's notice board.
#include <algorithm>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

constexpr float kColumnWidth = 1500;  // reference px: readable line length at body size
constexpr int kColumns = 3;           // township and village cards per row
constexpr float kCellHeight = 170;
constexpr float kCellGap = 24;

// A grid of name/count cards; tapping one calls OPEN with its index.
template <typename Open>
void cardGrid(UiContext& ui, const std::vector<std::pair<std::string, std::string>>& cells,
              const std::vector<bool>& muted, const char* idPrefix, float width, Open open) {
    const float gap = ui.px(kCellGap);
    const ImVec2 cell((width - (kColumns - 1) * gap) / kColumns, ui.px(kCellHeight));
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float pad = ui.px(32);
    const std::string chevron = "›";
    const ImVec2 vs = widgets::measure(ui.fonts.title, chevron);
    for (size_t i = 0; i < cells.size(); ++i) {
        const ImVec2 pos(start.x + static_cast<float>(i % kColumns) * (cell.x + gap),
                         start.y + static_cast<float>(i / kColumns) * (cell.y + gap));
        ImGui::SetCursorScreenPos(pos);
        const std::string& name = cells[i].first;
        bool pressed = false;
        if (widgets::card(ui, (idPrefix + std::to_string(i)).c_str(), name, cell, pressed)) open(i);
        const float textW = cell.x - 2 * pad - vs.x - ui.px(16);
        const std::string shown = widgets::clampLines(name, ui.fonts.heading, textW, 1);
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + ui.px(30)), shown, ui.fonts.heading, theme::kText);
        widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + cell.y - ui.px(30) - ui.fonts.body->FontSize),
                        cells[i].second, ui.fonts.body, muted[i] ? theme::kMuted : theme::kTextSecondary);
        widgets::textAt(ui, ImVec2(pos.x + cell.x - pad - vs.x, pos.y + (cell.y - vs.y) * 0.5f), chevron,
                        ui.fonts.title, theme::kLink);
    }
    const size_t rows = (cells.size() + kColumns - 1) / kColumns;
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, static_cast<float>(rows) * (cell.y + gap)));
}

// Badge colours by kind, so that a 低保 list and a 财务 report are told apart at a glance.
ImU32 kindColor(const std::string& kind) {
    if (kind == "村务公开") return theme::kAccents[0];
    if (kind == "财务公开") return theme::kAccents[1];
    if (kind == "惠农补贴") return theme::kAccents[2];
    if (kind == "征地补偿") return theme::kAccents[3];
    if (kind == "低保名单公示") return theme::kAccents[4];
    return theme::kAccents[5];
}

// The township a Villages or VillageItems route belongs to: the title of the Villages
// route below it on the stack, if any (a route holds one title only).
std::string townshipName(const UiContext& ui) {
    const auto& stack = ui.state.stack;
    for (auto it = stack.rbegin() + 1; it < stack.rend(); ++it)
        if (it->kind == ScreenKind::Villages) return it->title;
    return "";
}

}  // namespace

void drawTownshipsScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.t("villages.title"), true);
    const auto townships = ui.store->townships();
    beginListArea(ui, ui.t("villages.hint"), "townships-" + std::to_string(route.serial));
    const float width = ui.display.x - 2 * ui.px(theme::kMargin);
    if (townships.empty()) drawEmptyState(ui, ui.t("villages.townships_empty"), width);
    std::vector<std::pair<std::string, std::string>> cells;
    std::vector<bool> muted;
    for (const Township& t : townships) {
        cells.emplace_back(ui.show(t.name), ui.tf("villages.village_count", {{"n", std::to_string(t.villageCount)}}));
        muted.push_back(t.villageCount == 0);
    }
    cardGrid(ui, cells, muted, "##township", width, [&](size_t i) {
        Route next;
        next.kind = ScreenKind::Villages;
        next.id = townships[i].id;
        next.title = townships[i].name;
        ui.push(next);
    });
    endListArea(ui);
}

void drawVillagesScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.show(route.title), true);
    const auto villages = ui.store->villages(route.id);
    std::string header = ui.t("villages.title") + " › " + ui.show(route.title);
    if (!villages.empty())
        header += "　" + ui.tf("villages.villages_hint", {{"n", std::to_string(villages.size())}});
    beginListArea(ui, header, "villages-" + std::to_string(route.serial));
    const float width = ui.display.x - 2 * ui.px(theme::kMargin);
    if (villages.empty()) drawEmptyState(ui, ui.t("villages.villages_empty"), width);
    std::vector<std::pair<std::string, std::string>> cells;
    std::vector<bool> muted;
    for (const Village& v : villages) {
        cells.emplace_back(ui.show(v.name), v.itemCount == 0
                                                ? ui.t("villages.no_items")
                                                : ui.tf("villages.item_count", {{"n", std::to_string(v.itemCount)}}));
        muted.push_back(v.itemCount == 0);
    }
    cardGrid(ui, cells, muted, "##village", width, [&](size_t i) {
        Route next;
        next.kind = ScreenKind::VillageItems;
        next.id = villages[i].id;
        next.title = villages[i].name;
        ui.push(next);
    });
    endListArea(ui);
}

void drawVillageItemsScreen(UiContext& ui) {
    const Route& route = ui.state.top();
    drawTopBar(ui, ui.show(route.title), true);
    const auto items = ui.store->villageItems(route.id);
    std::string header = ui.t("villages.title");
    const std::string township = townshipName(ui);
    if (!township.empty()) header += " › " + ui.show(township);
    header += " › " + ui.show(route.title);
    if (!items.empty()) header += "　" + ui.tf("villages.items_count", {{"n", std::to_string(items.size())}});
    beginListArea(ui, header, "village-items-" + std::to_string(route.serial));
    const float width = ui.display.x - 2 * ui.px(theme::kMargin);
    if (items.empty()) drawEmptyState(ui, ui.t("villages.items_empty"), width);
    // Cards are not tappable: everything an item says is on the card. They span the list
    // like the other screens' rows; the text keeps to a readable column inside.
    const float pad = ui.px(32);
    const float textW = std::min(ui.px(kColumnWidth), width - 2 * pad);
    const float cardW = width;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const VillageItem& item : items) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string title = ui.show(item.title);
        const std::string summary = ui.show(item.summary);
        const float badgeH = ui.fonts.small->FontSize + ui.px(8);
        const float titleH = widgets::paragraphHeight(title, ui.fonts.heading, textW, 0, 1.35f);
        const float summaryH = summary.empty() ? 0 : widgets::paragraphHeight(summary, ui.fonts.body, textW);
        const float h = pad + badgeH + ui.px(16) + titleH + (summary.empty() ? 0 : ui.px(10) + summaryH) + pad;
        widgets::fillRect(dl, pos, ImVec2(pos.x + cardW, pos.y + h), theme::kSurface, ui.px(theme::kRounding));
        dl->AddRect(pos, ImVec2(pos.x + cardW, pos.y + h), theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
        widgets::badge(ui, ImVec2(pos.x + pad, pos.y + pad),
                       item.kind.empty() ? ui.t("villages.kind_other") : ui.show(item.kind), kindColor(item.kind),
                       ui.fonts.small);
        if (!item.date.empty()) {
            const std::string date = ui.tf("villages.published", {{"date", item.date}});
            const ImVec2 ds = widgets::measure(ui.fonts.body, date);
            widgets::textAt(ui, ImVec2(pos.x + cardW - pad - ds.x, pos.y + pad + (badgeH - ds.y) * 0.5f), date,
                            ui.fonts.body, theme::kTextSecondary);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad + badgeH + ui.px(16)));
        widgets::paragraph(ui, title, ui.fonts.heading, textW, theme::kText, 0, 1.35f);
        if (!summary.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y + ui.px(10)));
            widgets::paragraph(ui, summary, ui.fonts.body, textW, theme::kText, 0, theme::kLineSpacing);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(24)));
    }
    endListArea(ui);
}

}  // namespace zwgk
