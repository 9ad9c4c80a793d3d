// 村务公开: the 乡镇, the villages (村 and 社区) of one township, and what one village has
// published, newest first, each item in full as on the village's notice board.
#include <algorithm>
#include <cmath>

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
    // Name and count one under the other: taller cells at the larger text sizes.
    const float textH = ui.px(30) + ui.fonts.heading->FontSize * 1.15f + ui.fonts.body->FontSize + ui.px(30);
    const ImVec2 cell((width - (kColumns - 1) * gap) / kColumns, std::max(ui.px(kCellHeight), textH));
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

// The breadcrumb line and, at its right when there are items, the 列表 / 二维码墙 switch.
// Returns where the list starts.
// In staff mode, with an A4 printer, 打印公示海报 comes first: the poster for the village's
// bulletin board (信息公示栏) with every item and its code.
float itemsHeader(UiContext& ui, const std::string& header, bool canWall, bool wall, int64_t villageId) {
    const float margin = ui.px(theme::kMargin);
    const float y = contentOrigin(ui).y + ui.px(16), h = ui.px(theme::kTouchMin);
    float right = ui.display.x - margin;
    if (canWall && ui.state.staff.active && printOffered(ui)) {
        const std::string label = ui.t("print.button.poster");
        const float w = widgets::measure(ui.fonts.heading, label).x + ui.px(64);
        ImGui::SetCursorScreenPos(ImVec2(right - w, y));
        printButton(ui, "##print-poster", label, Action::Kind::PrintPoster, villageId, ImVec2(w, h));
        right -= w + ui.px(24);
    }
    if (canWall) {
        const float segW = ui.px(240), segGap = ui.px(12);
        const float x0 = right - 2 * segW - segGap;
        if (widgets::segment(ui, "##show-list", ui.t("qr.list"), ImVec2(x0, y), ImVec2(segW, h), !wall) ||
            widgets::segment(ui, "##show-wall", ui.t("qr.wall"), ImVec2(x0 + segW + segGap, y), ImVec2(segW, h), wall))
            ui.emit(Action{Action::Kind::ToggleQrWall});
        right = x0 - ui.px(24);
    }
    const std::string shown = widgets::clampLines(header, ui.fonts.small, right - margin, 1);
    widgets::textAt(ui, ImVec2(margin, y + (h - ui.fonts.small->FontSize) * 0.5f), shown, ui.fonts.small,
                    theme::kTextSecondary);
    return y + h + ui.px(20);
}

// The list: each item in full as on the village's notice board, with its 扫码带走 button at
// the right (the card itself is not tappable: everything an item says is on it).
void itemCards(UiContext& ui, const std::vector<VillageItem>& items, float width) {
    const float pad = ui.px(32);
    const float buttonW = ui.px(260), buttonH = ui.px(theme::kTouchMin), buttonGap = ui.px(32);
    const float textW = std::min(ui.px(kColumnWidth), width - 2 * pad - buttonW - buttonGap);
    const float cardW = width;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const VillageItem& item : items) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const std::string title = ui.show(item.title);
        const std::string summary = ui.show(item.summary);
        const float badgeH = ui.fonts.small->FontSize + ui.px(8);
        const float titleH = widgets::paragraphHeight(title, ui.fonts.heading, textW, 0, 1.35f);
        const float summaryH = summary.empty() ? 0 : widgets::paragraphHeight(summary, ui.fonts.body, textW);
        const float bodyTop = pad + badgeH + ui.px(16);
        const float h = std::max(bodyTop + titleH + (summary.empty() ? 0 : ui.px(10) + summaryH) + pad,
                                 bodyTop + buttonH + pad);
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
        ImGui::SetCursorScreenPos(ImVec2(pos.x + cardW - pad - buttonW, pos.y + bodyTop));
        takeAwayButton(ui, ("##take-away" + std::to_string(item.id)).c_str(),
                       takeAwayFor(item.title, item.url, item.summary), ImVec2(buttonW, buttonH));
        ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + bodyTop));
        widgets::paragraph(ui, title, ui.fonts.heading, textW, theme::kText, 0, 1.35f);
        if (!summary.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y + ui.px(10)));
            widgets::paragraph(ui, summary, ui.fonts.body, textW, theme::kText, 0, theme::kLineSpacing);
        }
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + h + ui.px(24)));
    }
}

// ---- the QR wall ----------------------------------------------------------------------------

constexpr int kWallMaxColumns = 5;
constexpr float kWallPad = 10;        // reference px between a card's edge and its code (the quiet zone is inside the code)
constexpr float kWallMaxCode = 520;   // reference px: a code never larger than this on the wall
constexpr float kWallTextMinW = 190;  // reference px of title beside a code: five or six characters a line
constexpr float kWallTitleSpacing = 1.3f;

// One card of the wall.
struct WallCell {
    const VillageItem* item = nullptr;   // the village item
    QrTakeAway takeAway;                 // what its code carries (the dialog opens with it)
    std::string text;                    // that, as encoded (the summary as displayed)
    const QrCacheEntry* entry = nullptr; // the encoded code, null when there is nothing to encode
};

// How the wall is laid out: title under or beside the code, how many cards a row, the code square.
struct WallLayout {
    bool beside = false;  // title beside the code (else under it)
    int columns = 1;      // cards a row
    float side = 0;       // the code square in px (each code is centred in it)
    float cardW = 0;      // card size in px
    float cardH = 0;
    int module = 0;       // module px of the code with the most modules
};

// Every layout whose codes keep modules of at least kQrMinModulePx and whose rows all fit in
// VIEWH is tried; the one with the largest modules wins. If none fits, the cards keep the
// minimum module size and the wall scrolls.
WallLayout wallLayout(const UiContext& ui, int count, int maxModules, float width, float viewH) {
    const float gap = ui.px(kCellGap), pad = ui.px(kWallPad);
    const float lineH = ui.fonts.body->FontSize * kWallTitleSpacing;
    const float markH = ui.fonts.small->FontSize + ui.px(8);
    // Title under the code: two lines, the mark, and some room below it.
    const float belowH = ui.px(12) + 2 * lineH + ui.px(8) + markH + ui.px(12);
    const float besideGap = ui.px(16);
    WallLayout best;
    bool found = false;
    for (int beside = 0; beside < 2; ++beside)
        for (int cols = std::min(count, kWallMaxColumns); cols >= 1; --cols) {
            const int rows = (count + cols - 1) / cols;
            const float cellW = (width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
            const float rowH = (viewH - static_cast<float>(rows - 1) * gap) / static_cast<float>(rows);
            float side = beside ? std::min(cellW - 2 * pad - besideGap - ui.px(kWallTextMinW), rowH - 2 * pad)
                                : std::min(cellW - 2 * pad, rowH - 2 * pad - belowH);
            side = std::min(side, ui.px(kWallMaxCode));
            const int module = static_cast<int>(std::floor(side / static_cast<float>(maxModules)));
            if (module < kQrMinModulePx || (found && module <= best.module)) continue;
            best.beside = beside != 0;
            best.columns = cols;
            best.side = side;
            best.cardW = cellW;
            best.cardH = beside ? side + 2 * pad : side + 2 * pad + belowH;
            best.module = module;
            found = true;
        }
    if (found) return best;
    // Too many or too large codes for one screen: titles under the codes, as many columns as
    // codes at the minimum module size allow, and the wall scrolls.
    const float need = static_cast<float>(maxModules * kQrMinModulePx);
    int cols = std::min(count, kWallMaxColumns);
    while (cols > 1 && (width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols) - 2 * pad < need) --cols;
    best.beside = false;
    best.columns = cols;
    best.cardW = (width - static_cast<float>(cols - 1) * gap) / static_cast<float>(cols);
    best.side = std::max(need, std::min(best.cardW - 2 * pad, ui.px(kWallMaxCode)));
    best.cardW = std::max(best.cardW, best.side + 2 * pad);
    best.cardH = best.side + 2 * pad + belowH;
    best.module = static_cast<int>(std::floor(best.side / static_cast<float>(maxModules)));
    return best;
}

// A grey square where a code cannot be drawn, saying so.
void noCodeBox(UiContext& ui, ImVec2 pos, float side) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    widgets::fillRect(dl, pos, ImVec2(pos.x + side, pos.y + side), theme::kBackground, ui.px(theme::kRounding));
    const float pad = ui.px(24);
    const std::string message = ui.t("qr.wall_no_code");
    const float h = widgets::paragraphHeight(message, ui.fonts.body, side - 2 * pad, 0, 1.4f);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + (side - h) * 0.5f));
    widgets::paragraph(ui, message, ui.fonts.body, side - 2 * pad, theme::kTextSecondary, 0, 1.4f,
                       widgets::Align::Center);
}

// The QR wall: every item of the village as a card with its code and title, so that several
// people can scan at once. Tapping a card opens the large 扫码带走 dialog.
void qrWall(UiContext& ui, const std::vector<VillageItem>& items, float width, float viewH) {
    if (items.empty()) return;
    std::vector<WallCell> cells;
    int maxModules = 21 + 2 * kQrQuietZoneModules;  // version 1
    for (const VillageItem& item : items) {
        WallCell cell;
        cell.item = &item;
        cell.takeAway = takeAwayFor(item.title, item.url, item.summary);
        cell.text = cell.takeAway.payload == QrPayload::SummaryText ? ui.show(cell.takeAway.text) : cell.takeAway.text;
        if (cell.takeAway.payload != QrPayload::None) cell.entry = &cachedQr(ui, cell.text);
        if (cell.entry && cell.entry->ok())
            maxModules = std::max(maxModules, cell.entry->matrix.size + 2 * kQrQuietZoneModules);
        cells.push_back(std::move(cell));
    }
    const WallLayout layout = wallLayout(ui, static_cast<int>(cells.size()), maxModules, width, viewH);
    const float gap = ui.px(kCellGap), pad = ui.px(kWallPad);
    const float lineH = ui.fonts.body->FontSize * kWallTitleSpacing;
    const float markH = ui.fonts.small->FontSize + ui.px(8);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    for (size_t i = 0; i < cells.size(); ++i) {
        const WallCell& cell = cells[i];
        const size_t col = i % static_cast<size_t>(layout.columns), row = i / static_cast<size_t>(layout.columns);
        const ImVec2 pos(std::round(start.x + static_cast<float>(col) * (layout.cardW + gap)),
                         std::round(start.y + static_cast<float>(row) * (layout.cardH + gap)));
        const std::string title = ui.show(cell.item->title);
        ImGui::SetCursorScreenPos(pos);
        bool pressed = false;
        if (widgets::card(ui, ("##wall" + std::to_string(cell.item->id)).c_str(), title,
                          ImVec2(layout.cardW, layout.cardH), pressed)) {
            Action a;
            a.kind = Action::Kind::ShowQr;
            a.qr = cell.takeAway;
            ui.emit(std::move(a));
        }
        const ImVec2 code = layout.beside ? ImVec2(pos.x + pad, pos.y + pad)
                                          : ImVec2(std::round(pos.x + (layout.cardW - layout.side) * 0.5f), pos.y + pad);
        const bool drawn = cell.entry && drawQrCode(ui, *cell.entry, cell.text, code, layout.side) > 0;
        if (!drawn) noCodeBox(ui, code, layout.side);
        const std::string mark =
            cell.takeAway.payload == QrPayload::SummaryText && drawn ? ui.t("qr.wall_text_mark") : std::string();
        if (layout.beside) {
            // Title at the top of the text column, the mark under it.
            const float x = code.x + layout.side + ui.px(16);
            const float textW = pos.x + layout.cardW - pad - x;
            const int maxLines = std::max(1, static_cast<int>((layout.side - markH - ui.px(12)) / lineH));
            const std::string shown = widgets::clampLines(title, ui.fonts.body, textW, maxLines);
            ImGui::SetCursorScreenPos(ImVec2(x, code.y + ui.px(8)));
            const float h = widgets::paragraph(ui, shown, ui.fonts.body, textW, theme::kText, 0, kWallTitleSpacing);
            if (!mark.empty())
                widgets::badge(ui, ImVec2(x, code.y + ui.px(8) + h + ui.px(12)), mark, theme::kExpired, ui.fonts.small);
        } else {
            const float textW = layout.cardW - 2 * ui.px(16);
            const std::string shown = widgets::clampLines(title, ui.fonts.body, textW, 2);
            const float y = code.y + layout.side + ui.px(12);
            ImGui::SetCursorScreenPos(ImVec2(pos.x + ui.px(16), y));
            widgets::paragraph(ui, shown, ui.fonts.body, textW, theme::kText, 0, kWallTitleSpacing,
                               widgets::Align::Center);
            if (!mark.empty()) {
                const float mw = widgets::measure(ui.fonts.small, mark).x + 2 * ui.px(14);
                widgets::badge(ui, ImVec2(std::round(pos.x + (layout.cardW - mw) * 0.5f), y + 2 * lineH + ui.px(8)),
                               mark, theme::kExpired, ui.fonts.small);
            }
        }
    }
    const size_t rows = (cells.size() + static_cast<size_t>(layout.columns) - 1) / static_cast<size_t>(layout.columns);
    ImGui::SetCursorScreenPos(start);
    ImGui::Dummy(ImVec2(width, static_cast<float>(rows) * (layout.cardH + gap) - gap));
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
    const bool wall = !items.empty() && ui.state.qr.wallSerial == route.serial;
    std::string header = ui.t("villages.title");
    const std::string township = townshipName(ui);
    if (!township.empty()) header += " › " + ui.show(township);
    header += " › " + ui.show(route.title);
    if (wall)
        header += "　" + ui.t("qr.wall_hint");
    else if (!items.empty())
        header += "　" + ui.tf("villages.items_count", {{"n", std::to_string(items.size())}});
    const float margin = ui.px(theme::kMargin);
    const float top = itemsHeader(ui, header, !items.empty(), wall, route.id);
    ImGui::SetCursorScreenPos(ImVec2(margin, top));
    widgets::beginScroll(ui, ((wall ? "village-wall-" : "village-items-") + std::to_string(route.serial)).c_str(),
                         ImVec2(ui.display.x - margin, ui.display.y - top));
    const float width = ui.display.x - 2 * margin;
    if (items.empty()) drawEmptyState(ui, ui.t("villages.items_empty"), width);
    if (wall)
        qrWall(ui, items, width, ui.display.y - top - ui.px(24));
    else
        itemCards(ui, items, width);
    endListArea(ui);
}

}  // namespace zwgk
