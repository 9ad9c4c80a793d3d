// One function per screen, each in its own screen_*.cpp. A screen draws from UiContext
// (state, store, strings) inside the content area below the top bar and emits actions;
// it never changes navigation itself.
#pragma once

#include "print_queue.h"
#include "ui_context.h"

namespace zwgk {

// The title bar with back/home buttons, the screen title and the 繁體 toggle.
void drawTopBar(UiContext& ui, const std::string& title, bool showBack);
// The modal message box over everything (即将开放 and similar).
void drawDialog(UiContext& ui);
// The staff report after a USB stick was handled, over everything (dialog_usb_report.cpp).
void drawUsbReportDialog(UiContext& ui);

// ---- 扫码带走 (dialog_qr.cpp) ----------------------------------------------------------------
inline constexpr int kQrMinModulePx = 6;         // smallest module a phone reads at arm's length, in window px
inline constexpr float kTakeAwayBarHeight = 128; // reference px of the guide and Q&A pages' bottom bar
// The full-screen 扫码带走 dialog while state.qr.open: the title, a large code, the address
// beneath it (or why there is no code), how to scan, and 关闭.
void drawQrDialog(UiContext& ui);
// What the code of an item carries: ADDRESS when it is a web address; else, for a village
// item (SUMMARY given), the summary text itself; else nothing.
QrTakeAway takeAwayFor(const std::string& title, const std::string& address, const std::string& summary = "");
// The encoded matrix of TEXT, encoded on first use and kept in state.qr.cache.
const QrCacheEntry& cachedQr(UiContext& ui, const std::string& text);
// Draws the code of ENTRY (black on white, with its 4-module quiet zone) centred in the square
// of SIDE px at POS, with whole-pixel modules as large as fit; records it in the trace as TEXT.
// Returns the module size in px, or 0 (nothing drawn) when it would be under kQrMinModulePx.
int drawQrCode(UiContext& ui, const QrCacheEntry& entry, const std::string& text, ImVec2 pos, float side);
// The 扫码带走 button at the cursor (a small QR symbol and the label); tapping it opens the
// dialog for ITEM.
void takeAwayButton(UiContext& ui, const char* id, const QrTakeAway& item, ImVec2 size);
// A print button for a bottom bar: its label and the action it emits for which row.
struct BarPrint {
    std::string label;        // 打印材料清单 …
    Action::Kind kind{};      // PrintGuide …
    int64_t target = 0;       // the item's row id
};
// The guide and Q&A pages' bottom bar (kTakeAwayBarHeight): HINT at the left, 扫码带走 at the
// right and, when PRINT is given and printing is offered here, its button left of that; when
// READTEXT is given (the page's paragraphs as drawn, one a line), 朗读 left of those.
void drawTakeAwayBar(UiContext& ui, const QrTakeAway& item, const std::string& hint, const BarPrint* print = nullptr,
                     const std::string* readText = nullptr);

// ---- Printing on the hall's A4 printer (dialog_print.cpp) -------------------------------------
// The print dialog while state.print: preparing, the page count to confirm, the job's progress.
void drawPrintDialog(UiContext& ui);
// Whether print buttons are shown: an A4 printer is configured and the citizen may print here
// (or staff mode is open).
bool printOffered(const UiContext& ui);
// A print button at the cursor: tapping it emits KIND for TARGET (a row id).
void printButton(UiContext& ui, const char* id, const std::string& label, Action::Kind kind, int64_t target,
                 ImVec2 size);
std::string printProblemKey(PrinterProblem problem);  // "print.problem.stopped" …
std::string jobStateKey(JobState state);              // "queue.state.waiting" …

// ---- Idle and privacy reset (dialog_idle.cpp, screen_attract.cpp) ---------------------------
// 还在吗？ with the seconds left and a big 继续使用, while state.idle.warning().
void drawIdleDialog(UiContext& ui);
// 字号·对比: text size and high contrast (dialog_display.cpp).
void drawDisplayPanel(UiContext& ui);
// The attract loop: the zone's name, the notices in force one after another, 点击屏幕开始.
void drawAttractScreen(UiContext& ui);

// ---- Staff mode (screen_staff_login.cpp, screen_staff_home.cpp, screen_print_queue.cpp) ------
inline constexpr float kStaffHoldSeconds = 3;  // holding the top bar's date this long opens the PIN pad
void drawStaffLoginScreen(UiContext& ui);
void drawStaffHomeScreen(UiContext& ui);
void drawPrintQueueScreen(UiContext& ui);
void drawStaffLogScreen(UiContext& ui);
void drawStaffSyncScreen(UiContext& ui);      // screen_staff_sync.cpp: 内容更新与U盘
void drawStaffSettingsScreen(UiContext& ui);  // screen_staff_settings.cpp: 设置
void drawStaffReceiptsScreen(UiContext& ui);  // screen_staff_receipts.cpp: 补打回执  // screen_staff_log.cpp: the recent log lines

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
// Full-screen image of a document's attachment (一图读懂): fit at open, 放大 / 缩小 / 还原,
// drag to pan, pinch to zoom (screen_image.cpp).
void drawImageScreen(UiContext& ui);
// A thumbnail card of attachment POSITION of DOC, WIDTH wide at the cursor; tapping it opens
// the image viewer (screen_image.cpp).
void attachmentCard(UiContext& ui, const Document& doc, int position, float width);
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
// LISTTOP (reference px below the content origin, 0: the usual) leaves room for a switch
// drawn at the header line's right end.
void beginListArea(UiContext& ui, const std::string& header, const std::string& scrollId, float listTop = 0);
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
