// Home: six service tiles ordered by the zone profile, the notices and what the terminal holds.
#include <algorithm>
#include <array>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace zwgk {
namespace {

struct Tile {
    const char* key;     // strings key prefix: home.tile.<key>
    bool available;      // built; otherwise tapping explains 即将开放
    ScreenKind screen;   // where tapping goes when available
};

// Service halls come for guides and applications; libraries for reading.
constexpr Tile kGuides{"guides", true, ScreenKind::GuideGroups}, kApply{"apply", true, ScreenKind::Apply},
    kProgress{"progress", true, ScreenKind::StatusLookup}, kInfo{"info", true, ScreenKind::Browse},
    kQa{"qa", true, ScreenKind::QAList}, kVillage{"village", true, ScreenKind::Townships};
const std::array<Tile, 6> kHallOrder = {{kGuides, kApply, kProgress, kInfo, kQa, kVillage}};
const std::array<Tile, 6> kLibraryOrder = {{kInfo, kQa, kVillage, kGuides, kApply, kProgress}};

// A tile: its name from kTileTop, its description under it; as tall as the longest
// description needs at the text size in use (tileHeight).
constexpr float kTileTop = 40;  // reference px above the name
float tileNameHeight(const UiContext& ui) { return ui.fonts.heading->FontSize * 1.25f + ui.px(8); }

float tileHeight(const UiContext& ui, const std::array<Tile, 6>& tiles, float width) {
    float tallest = 0;
    for (const Tile& tile : tiles)
        tallest = std::max(tallest, widgets::paragraphHeight(ui.t(std::string("home.tile.") + tile.key + ".desc"),
                                                             ui.fonts.small, width - 2 * ui.px(52), 0, 1.45f));
    return std::max(ui.px(200), kTileTop * ui.scale + tileNameHeight(ui) + tallest + ui.px(24));
}

void drawTile(UiContext& ui, const Tile& tile, int index, ImVec2 pos, ImVec2 size) {
    const std::string prefix = std::string("home.tile.") + tile.key;
    const std::string name = ui.t(prefix);
    ImGui::SetCursorScreenPos(pos);
    bool pressed = false;
    if (widgets::card(ui, (prefix + "##tile").c_str(), name, size, pressed)) {
        if (tile.available) {
            Route route;
            route.kind = tile.screen;
            ui.push(route);
        } else {
            Action a;
            a.kind = Action::Kind::ShowDialog;
            a.dialog.title = ui.strings.get("coming.title");
            a.dialog.body = ui.strings.format(
                "coming.body", {{"name", ui.strings.get(prefix)}, {"hotline", ui.state.home.meta.hotline}});
            ui.emit(a);
        }
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 accent = tile.available ? theme::kAccents[index % 6] : theme::kMuted;
    widgets::fillRect(dl, pos, ImVec2(pos.x + ui.px(18), pos.y + size.y), accent, ui.px(theme::kRounding),
                      ImDrawFlags_RoundCornersLeft);
    const float pad = ui.px(52);
    widgets::textAt(ui, ImVec2(pos.x + pad, pos.y + kTileTop * ui.scale), name, ui.fonts.heading,
                    tile.available ? theme::kText : theme::kMuted);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + kTileTop * ui.scale + tileNameHeight(ui)));
    widgets::paragraph(ui, ui.t(prefix + ".desc"), ui.fonts.small, size.x - 2 * pad, theme::kTextSecondary, 0,
                       1.45f);
    if (!tile.available) {
        const std::string soon = ui.t("home.coming_soon");
        const float w = widgets::measure(ui.fonts.small, soon).x + ui.px(28);
        widgets::badge(ui, ImVec2(pos.x + size.x - w - ui.px(24), pos.y + ui.px(24)), soon, theme::kMuted,
                       ui.fonts.small);
    }
}

void drawStaleBanner(UiContext& ui, ImVec2 pos, ImVec2 size, const std::string& text) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    widgets::fillRect(dl, pos, max, theme::kBannerWarn, ui.px(theme::kRounding));
    widgets::fillRect(dl, pos, ImVec2(pos.x + ui.px(12), max.y), theme::kExpired, ui.px(theme::kRounding),
                      ImDrawFlags_RoundCornersLeft);
    dl->AddRect(pos, max, theme::kBorder, ui.px(theme::kRounding), 0, ui.px(2));
    const ImVec2 ts = widgets::measure(ui.fonts.body, text);
    widgets::textAt(ui, ImVec2(pos.x + ui.px(12 + 32), pos.y + (size.y - ts.y) * 0.5f), text, ui.fonts.body,
                    theme::kText);
}

}  // namespace

void drawHomeScreen(UiContext& ui) {
    const HomeInfo& home = ui.state.home;
    const ContentMeta& meta = home.meta;
    drawTopBar(ui, ui.show(meta.zoneName.empty() ? ui.strings.get("app.title") : meta.zoneName), false);
    const float margin = ui.px(theme::kMargin);
    // At the larger text sizes the page is taller than the screen: it scrolls.
    ImGui::SetCursorScreenPos(contentOrigin(ui));
    widgets::beginScroll(ui, ("home-" + std::to_string(ui.state.top().serial)).c_str(), contentSize(ui));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = ui.display.x - 2 * margin;

    ImGui::SetCursorScreenPos(ImVec2(margin, origin.y + ui.px(20)));
    const std::string greeting = ui.t("home.greeting");
    widgets::text(ui, greeting, ui.fonts.title, theme::kText);
    const float greetingBottom = origin.y + ui.px(20) + ui.fonts.title->FontSize;
    // Content past its expiry: said calmly beside the greeting, or, where the row is too
    // narrow (portrait, large text), under it.
    float y = greetingBottom + ui.px(14);
    if (const std::string stale = staleNotice(ui); !stale.empty()) {
        const ImVec2 ts = widgets::measure(ui.fonts.body, stale);
        const ImVec2 size(ts.x + ui.px(2 * 32 + 12), std::max(ui.px(76), ts.y + ui.px(20)));
        const float greetingRight = margin + widgets::measure(ui.fonts.title, greeting).x;
        ImVec2 pos(ui.display.x - margin - size.x, origin.y + ui.px(12));
        if (pos.x < greetingRight + ui.px(40) || size.y > greetingBottom - pos.y) {
            pos = ImVec2(margin, y);
            y += size.y + ui.px(14);
        }
        drawStaleBanner(ui, pos, size, stale);
    }
    // The search bar: one tap to the search screen with its keyboard.
    const ImVec2 barPos(margin, y);
    const ImVec2 barSize(width, std::max(ui.px(theme::kTouchMin), ui.fonts.heading->FontSize * 1.4f));
    ImGui::SetCursorScreenPos(barPos);
    bool pressed = false;
    const std::string searchLabel = ui.t("search.open");
    if (widgets::card(ui, "##home-search", searchLabel, barSize, pressed)) {
        Route route;
        route.kind = ScreenKind::Search;
        ui.push(route);
    }
    ImGui::GetWindowDrawList()->AddRect(barPos, ImVec2(barPos.x + barSize.x, barPos.y + barSize.y), theme::kFieldFocus,
                                        ui.px(theme::kRounding), 0, ui.px(3));
    // A magnifier drawn with lines: no emoji font is needed for it.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lens(barPos.x + ui.px(52), barPos.y + barSize.y * 0.5f - ui.px(4));
    dl->AddCircle(lens, ui.px(16), theme::kFieldFocus, 24, ui.px(4));
    dl->AddLine(ImVec2(lens.x + ui.px(11), lens.y + ui.px(11)), ImVec2(lens.x + ui.px(24), lens.y + ui.px(24)),
                theme::kFieldFocus, ui.px(5));
    const std::string searchShown = widgets::clampLines(searchLabel, ui.fonts.heading, barSize.x - ui.px(96 + 24), 1);
    const ImVec2 ls = widgets::measure(ui.fonts.heading, searchShown);
    widgets::textAt(ui, ImVec2(barPos.x + ui.px(96), barPos.y + (barSize.y - ls.y) * 0.5f), searchShown,
                    ui.fonts.heading, theme::kTextSecondary);

    const bool library = ui.state.profile == "library";
    const auto& tiles = library ? kLibraryOrder : kHallOrder;
    const float gap = ui.px(32);
    // Three columns on a landscape screen, two (taller rows) on a portrait one.
    const int columns = ui.display.x > ui.display.y ? 3 : 2;
    const int rows = 6 / columns;
    const float tileW = (width - (columns - 1) * gap) / columns;
    const ImVec2 tileSize(tileW, tileHeight(ui, tiles, tileW));
    const float tilesTop = barPos.y + barSize.y + ui.px(24);
    for (int i = 0; i < 6; ++i) {
        const ImVec2 pos(margin + static_cast<float>(i % columns) * (tileSize.x + gap),
                         tilesTop + static_cast<float>(i / columns) * (tileSize.y + gap));
        drawTile(ui, tiles[i], i, pos, tileSize);
    }

    // Notices: the announcements in force today, two at a time.
    const float noticesTop = tilesTop + rows * tileSize.y + (rows - 1) * gap + ui.px(24);
    const auto& notices = home.notices;
    const float headingH = std::max(ui.px(theme::kTouchMin), ui.fonts.heading->FontSize * 1.3f);
    const ImVec2 hs = widgets::measure(ui.fonts.heading, ui.t("home.notices"));
    widgets::textAt(ui, ImVec2(margin, noticesTop + (headingH - hs.y) * 0.5f), ui.t("home.notices"), ui.fonts.heading,
                    theme::kText);
    if (notices.size() > 2) {
        const std::string all = ui.tf("home.all_notices", {{"n", std::to_string(notices.size())}});
        const float w = widgets::measure(ui.fonts.body, all).x + ui.px(64);
        ImGui::SetCursorScreenPos(ImVec2(ui.display.x - margin - w, noticesTop));
        if (widgets::button(ui, "##all-notices", all, ImVec2(w, headingH), theme::kSurface, theme::kLink,
                            ui.fonts.body)) {
            Route route;
            route.kind = ScreenKind::AnnouncementList;
            ui.push(route);
        }
    }
    const float cardTop = noticesTop + headingH + ui.px(12);
    const float cardPad = ui.px(28);
    const ImVec2 cardSize((width - gap) / 2, std::max(ui.px(110), ui.fonts.body->FontSize * 1.3f + 2 * cardPad));
    for (size_t i = 0; i < notices.size() && i < 2; ++i) {
        const ImVec2 pos(margin + static_cast<float>(i) * (cardSize.x + gap), cardTop);
        ImGui::SetCursorScreenPos(pos);
        const std::string title = ui.show(notices[i].title);
        bool pressed = false;
        if (widgets::card(ui, ("##notice" + std::to_string(i)).c_str(), title, cardSize, pressed)) {
            Route route;
            route.kind = ScreenKind::Announcement;
            route.id = notices[i].id;
            ui.push(route);
        }
        // The kind's badge, then as much of the title as fits on the line after it.
        const ImVec2 kindSize = widgets::measure(ui.fonts.small, notices[i].kind);
        const float midY = pos.y + cardSize.y * 0.5f;
        const float badgeW = widgets::badge(ui, ImVec2(pos.x + cardPad, midY - kindSize.y * 0.5f - ui.px(4)),
                                            ui.show(notices[i].kind), theme::kPrimary, ui.fonts.small);
        const float textX = pos.x + cardPad + badgeW + ui.px(20);
        const std::string line = widgets::clampLines(title, ui.fonts.body, pos.x + cardSize.x - cardPad - textX, 1);
        widgets::textAt(ui, ImVec2(textX, midY - ui.fonts.body->FontSize * 0.5f), line, ui.fonts.body, theme::kText);
    }

    // What this terminal holds, and how fresh it is: under the notices, or at the foot of
    // the screen when there is room.
    const std::string stats = ui.tf("home.stats", {{"docs", std::to_string(home.documentCount)},
                                                   {"entries", std::to_string(home.entryCount)}}) +
                              "    " + ui.tf("home.updated", {{"date", meta.generated}});
    const float statsH = widgets::paragraphHeight(stats, ui.fonts.small, width, 0, 1.3f);
    const float afterCards = cardTop + cardSize.y + ui.px(24);
    const float foot = origin.y + contentSize(ui).y - statsH - ui.px(16);
    ImGui::SetCursorScreenPos(ImVec2(margin, std::max(afterCards, foot)));
    widgets::paragraph(ui, stats, ui.fonts.small, width, theme::kTextSecondary, 0, 1.3f);
    ImGui::Dummy(ImVec2(1, ui.px(16)));
    widgets::endScroll(ui);
}

}  // namespace zwgk
