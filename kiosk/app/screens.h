// One function per screen, each in its own screen_*.cpp. A screen draws from UiContext
// (state, store, strings) inside the content area below the top bar and emits actions;
// it never changes navigation itself.
#pragma once

#include "ui_context.h"

namespace zwgk {

// The title bar with back/home buttons, the screen title and the 繁體 toggle.
void drawTopBar(UiContext& ui, const std::string& title, bool showBack);
// The modal message box over everything (即将开放 and similar).
void drawDialog(UiContext& ui);
// The staff report after a USB stick was handled, over everything (dialog_usb_report.cpp).
void drawUsbReportDialog(UiContext& ui);

// "内容可能已过期（最后更新：2026年11月20日）" while the applied bundle has expired, else empty.
// The home screen shows it as a banner; every other screen in a strip under the top bar.
std::string staleNotice(const UiContext& ui);
bool staleStripShown(const UiContext& ui);  // this screen has the strip (contentOrigin moves down)
// What a running sync session shows in the top bar ("正在更新内容 45%"), empty when idle.
std::string syncStatusText(const UiContext& ui);

void drawHomeScreen(UiContext& ui);
void drawBrowseScreen(UiContext& ui);
void drawAreaScreen(UiContext& ui);
void drawDocumentListScreen(UiContext& ui);
void drawDocumentScreen(UiContext& ui);
void drawCatalogueEntryScreen(UiContext& ui);
void drawAnnouncementScreen(UiContext& ui);
void drawAnnouncementListScreen(UiContext& ui);
void drawSearchScreen(UiContext& ui);
void drawErrorScreen(UiContext& ui);
void drawGuideGroupsScreen(UiContext& ui);
void drawGuideListScreen(UiContext& ui);
void drawGuideScreen(UiContext& ui);
void drawQAListScreen(UiContext& ui);
void drawQAScreen(UiContext& ui);
void drawTownshipsScreen(UiContext& ui);
void drawVillagesScreen(UiContext& ui);
void drawVillageItemsScreen(UiContext& ui);
void drawApplyScreen(UiContext& ui);
void drawReceiptScreen(UiContext& ui);
void drawStatusLookupScreen(UiContext& ui);

// Shared by the guide, QA and village lists (defined in screen_guides.cpp): the hint or
// breadcrumb line under the top bar, then a scroll area filling the rest of the screen
// (pair with endListArea); and the friendly message a list shows when it has nothing in
// it, in a box at most WIDTH wide at the cursor.
void beginListArea(UiContext& ui, const std::string& header, const std::string& scrollId);
void endListArea(UiContext& ui);
void drawEmptyState(UiContext& ui, const std::string& message, float width);

// Shared by the list-showing screens: the rows of a cached document list, page-loaded
// from the store as they scroll into view. Tapping a row opens the document.
void drawDocumentRows(UiContext& ui, int listSerial, float width);

// 有效 / 失效 / 废止 as shown, and its badge colour.
std::string validityLabel(const UiContext& ui, Validity v);
ImU32 validityColor(Validity v);

// A page that scrolls below the top bar with a centred reading column at most MAXCOLUMN
// reference pixels wide, starting TOPPAD below the bar; BOTTOMRESERVE pixels at the bottom
// stay free for a fixed bar. Returns the column width; pair with endReadingPage.
float beginReadingPage(UiContext& ui, const std::string& scrollId, float maxColumn, float topPad,
                       float bottomReserve = 0);
void endReadingPage(UiContext& ui);
// "This item is no longer on the terminal" under the top bar (content replaced meanwhile).
void drawNotFound(UiContext& ui, const char* key = "doc.not_found");

// Content area below the top bar (and the stale strip, when shown), in window pixels.
ImVec2 contentOrigin(const UiContext& ui);
ImVec2 contentSize(const UiContext& ui);

}  // namespace zwgk
