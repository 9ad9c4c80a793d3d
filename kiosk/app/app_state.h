// Navigation and screen state of the terminal. Screens read it and emit Actions; only
// App::apply changes it, after the frame, so a screen never sees a half-changed state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "application.h"
#include "domain.h"
#include "outbox.h"
#include "qr_code.h"
#include "read_aloud.h"
#include "sync_worker.h"
#include "text_field.h"
#include "tracking_code.h"
#include "working_calendar.h"

namespace zwgk {

enum class ScreenKind {
    Home,            // tiles and notices
    Browse,          // 政府信息查询: nodes of one dimension with counts
    Area,            // one 领域: standard-catalogue entries and documents
    DocumentList,    // documents under one node
    Document,        // one document
    Image,           // full-screen image of a document's attachment (id: document, attachment: index)
    CatalogueEntry,  // one standard-catalogue entry, nine elements
    Announcement,    // one notice from the home screen
    AnnouncementList,  // every notice in force today
    Search,          // one search field over documents, guides and Q&A
    GuideGroups,     // 办事指南: the 一件事 groups
    GuideList,       // guides of one group (id: group row id, title: group name)
    Guide,           // one 办事指南 (id: guide row id)
    QAList,          // 政策问答: all questions
    QA,              // one question and its answer (id: qa row id)
    Townships,       // 村务公开: the 乡镇
    Villages,        // villages of one township (id: township row id, title: its name)
    VillageItems,    // published items of one village (id: village row id, title: its name)
    Apply,           // 依申请公开: the application wizard (its step is in ApplyState)
    ApplyReceipt,    // the submitted application: tracking code, reply date, receipt print
    StatusLookup,    // 进度查询: a tracking code typed on the keypad, and its status
    StaffLogin,      // the staff PIN pad (after the hidden long press)
    StaffHome,       // staff mode: what staff can do here
    PrintQueue,      // staff mode: the print jobs with their states, cancel and retry
    StaffSync,       // staff mode: content version and expiry, 立即更新, U盘, applications waiting and uploaded
    StaffSettings,   // staff mode: zone profile, idle time, printers, print allowance, PIN change
    StaffReceipts,   // staff mode: the applications submitted here, with 补打回执
    StaffLog,        // staff mode: the recent log lines (event_log.h) and whether the log can be written
    Attract,         // after a privacy reset: announcements in turn and 点击屏幕开始
    Error,           // the store cannot be used
};

enum class BrowseDimension { Topic, Agency, Area, Year };

struct Route {
    ScreenKind kind = ScreenKind::Home;              // which screen
    int serial = 0;                                  // unique per push: ImGui ids, caches
    BrowseDimension dimension = BrowseDimension::Topic;  // Browse: the selected tab
    DocumentFilter filter;                           // DocumentList, Area
    std::string title;                               // DocumentList, Area: node name
    int64_t id = 0;                                  // Document, CatalogueEntry, Area, Announcement
    int listSerial = 0;                              // Document: list it was opened from, or 0
    int listIndex = 0;                               // Document: its position in that list
    int attachment = 0;                              // Image: index in the document's attachments
};

// The image viewer's zoom and pan, for the Image route with this serial (reset on a new one).
struct ImageViewState {
    int serial = 0;          // Route::serial the view belongs to
    float zoom = 1;          // 1: the whole image fits the viewer
    float offsetX = 0;       // image centre minus viewer centre, window px
    float offsetY = 0;
};

// What a dialog's second button does; None: the dialog only informs (one 知道了 button).
enum class DialogConfirm {
    None,
    AbandonApplication,  // leave the wizard and wipe the draft
    ExitToSystem,        // staff: close the kiosk program
};

struct Dialog {
    std::string title;                          // bold first line
    std::string body;                           // explanation
    DialogConfirm confirm = DialogConfirm::None;  // the action of the confirm button
    std::string confirmKey;                     // strings key of the confirm button
    std::string cancelKey;                      // strings key of the other button (default 知道了)
};

// One page-cached document list (a DocumentList or Area route).
struct DocumentListCache {
    DocumentFilter filter;                                  // what the list shows
    int total = -1;                                         // count, -1 until asked
    std::map<int, std::vector<DocumentSummary>> pages;      // page number → rows
};

// 扫码带走: what one item's QR code carries.
enum class QrPayload {
    None,         // no web address: the dialog says why there is no code
    Address,      // the item's web address
    SummaryText,  // a village item without address: its summary text itself, marked as such
};

// The item the 扫码带走 dialog is opened for (dialog_qr.cpp).
struct QrTakeAway {
    std::string title;                    // the item's title as stored (shown converted)
    std::string text;                     // what the code carries: the address, or the summary
    QrPayload payload = QrPayload::None;  // what TEXT is
};

// One text encoded once; the dialog and the QR wall draw from it every frame.
struct QrCacheEntry {
    QrMatrix matrix;    // the modules, when encoding worked
    std::string error;  // why there is none (longer than a QR code holds), else empty
    bool ok() const { return error.empty() && matrix.size > 0; }
};

// The 扫码带走 dialog, the village QR wall and the encoded codes.
struct QrState {
    std::optional<QrTakeAway> open;                       // the dialog, while shown
    int wallSerial = 0;                                   // VillageItems route (serial) showing the QR wall, 0: none
    std::unordered_map<std::string, QrCacheEntry> cache;  // encoded codes by the text they carry
};

struct Action {
    enum class Kind { Push, ReplaceTop, Back, Home, ToggleScript, ShowDialog, CloseDialog, ConfirmDialog,
                      SetDimension, ScrollToTop, Retry, HideKeyboard, SubmitApplication, ReprintReceipt,
                      CloseUsbReport, ShowQr, CloseQr, ToggleQrWall,
                      PrintDocument, PrintGuide, PrintPoster, ConfirmPrint, CancelPrint, RetryPrint, ClosePrint,
                      OpenStaffLogin, StaffPinKey, LeaveStaffMode, CancelJob, RetryJob,
                      StillHere, OpenDisplayPanel, CloseDisplayPanel, SetTextSize, SetHighContrast,
                      ReadAloud, PauseReading, ResumeReading, StopReading,
                      StaffSyncNow, StaffUsbAgain, StaffSetSetting, StaffChangePin, ExitToSystem,
                      PrintTestPage, ReprintReceiptFor };
    Kind kind = Kind::Back;          // what to do
    Route route;                     // Push, ReplaceTop: where to go
    BrowseDimension dimension{};     // SetDimension
    Dialog dialog;                   // ShowDialog
    QrTakeAway qr;                   // ShowQr: the item to take away
    int64_t target = 0;              // Print*: the item's row id; CancelJob/RetryJob: the job id;
                                     // SetTextSize: 0…2; SetHighContrast: 0 or 1
    std::string text;                // StaffPinKey: a digit, "back" or "enter"; PrintPoster: the village name;
                                     // StaffSetSetting: the setting's key; ReprintReceiptFor: the outbox entry id
    std::string value;               // StaffSetSetting: its new value;
                                     // ReadAloud: the paragraphs as drawn, one a line
    bool receiptJob = false;         // CancelJob: a receipt job rather than an A4 one
};

// A document with the titles of its linked 解读, loaded once when it is opened.
struct LoadedDocument {
    Document doc;                                     // the document itself
    std::vector<DocumentSummary> interpretations;     // documents that interpret it
    std::optional<DocumentSummary> original;          // the document it interprets
};

// What the home screen shows, loaded once per content version rather than every frame.
struct HomeInfo {
    ContentMeta meta;                      // zone name, update date, hotline
    std::vector<Announcement> notices;     // in force today
    int documentCount = 0;                 // all documents
    int entryCount = 0;                    // standard-catalogue entries
    Staleness staleness;                   // the applied bundle has expired: say so on screen
};

// The search screen's field and its last results, kept while the screen is open.
struct SearchState {
    TextField field{"search", FieldKind::Text, "", 40, false};  // what the citizen types
    bool keyboardOffered = false;      // the keyboard came up once on this visit
    bool validOnly = false;            // filter: only documents in force (有效)
    int year = 0;                      // filter: documents published that year; 0 = any
    std::string requested;             // tag (text + filters) last sent to the search worker
    std::string query;                 // the text the results belong to
    std::vector<SearchHit> hits;       // first page of results, best first
    int total = 0;                     // all matches
    bool searched = false;             // a non-empty query has been run
};

// The application wizard: the draft, the page shown, the edit buffers of its text fields.
// Wiped when the application is submitted or abandoned (and by the idle reset).
struct ApplyState {
    ApplicationDraft draft;                     // what the citizen has entered so far
    WizardStep step = WizardStep::Notice;       // the page shown
    std::map<ApplyField, TextField> fields;     // edit buffers (made when first drawn)
    std::map<ApplyField, bool> left;            // fields the citizen has left once: judged finally
    bool showIssues = false;                    // 下一步 was tapped with problems: list them
    bool scrollToTop = false;                   // bring the problem list into view
    bool fromReview = false;                    // editing a section from the review page
    const TextField* lastFocused = nullptr;     // to scroll a newly focused field into view
    std::string suggestionsFor;                 // the text the 可能已公开 searches are for
    std::vector<std::string> suggestionQueries; // searches to try for it, most specific first
    size_t suggestionTry = 0;                   // the one asked last
    std::string suggestionsRequested;           // its tag
    bool suggestionsAnswered = false;           // its result arrived
    std::vector<SearchHit> suggestions;         // documents that may already be public
    std::string submitError;                    // why the last 提交 failed (draft kept)
    bool started() const { return step != WizardStep::Notice || draft.typeChosen; }
};

// The receipt screen after a submission: only what the printed receipt shows (masked).
struct ReceiptState {
    OutboxEntry entry;            // the committed application (sealed part dropped)
    ApplicationDeadlines deadlines;  // reply, extension, 补正 notice dates
    int printJob = 0;             // ReceiptPrinter job id (its state is read each frame)
    std::string printErrorKey;    // why no job could be started (no printer, layout failed)
};

// 进度查询: the code as typed and what the lookup found.
struct StatusLookupState {
    TextField field{"tracking-code", FieldKind::Code, "", 16, false};  // the code as typed
    bool keyboardOffered = false;      // the keypad came up once on this visit
    bool asked = false;                // 查询 was tapped for the current text
    TrackingCodeCheck check = TrackingCodeCheck::Empty;  // the typed code's form
    std::string canonical;             // the code with hyphens when well-formed
    std::optional<ApplicationStatus> status;  // published by the office
    std::optional<OutboxEntry> local;  // submitted here, not yet in the published table
};

// The print dialog (dialog_print.cpp): one order from its layout to the paper.
//
//   Preparing ──layout done, allowed───► Confirm      App::updateHallPrint
//   Preparing ──layout failed / not allowed / no printer──► Refused   App::updateHallPrint
//   Confirm ──确定打印─────────────────► Printing     App::apply(ConfirmPrint)
//   Printing: the job's own states (print_queue.h); 取消打印 and 重新打印 act on the job
//   any ──关闭 / 取消──────────────────► closed        App::apply(ClosePrint / CancelPrint)
enum class PrintPhase { Preparing, Confirm, Refused, Printing };

struct PrintDialogState {
    PrintPhase phase = PrintPhase::Preparing;  // see above
    std::string label;            // what is printed (as stored; shown converted)
    int pages = 0;                // its length, once laid out
    int pagesLeft = -1;           // the citizen's allowance before this job (-1: staff, no limit)
    int jobId = 0;                // HallPrinter job while Printing
    std::string reasonKey;        // Refused: strings key of why
    std::string reasonDetail;     // Refused: the layout's own message, when that is why
    bool byStaff = false;         // ordered in staff mode
    const char* usageKind = "document";  // document / guide / poster / test: how the usage statistics count it
};

// What one citizen's visit has used; the privacy reset (issue 7) wipes it with the rest.
struct CitizenSession {
    int printedPages = 0;         // A4 pages printed (or printing) this session
    std::map<int, int> charged;   // job id → pages taken from the allowance, until the job ends
};

// Staff mode: open after the right PIN; closes on 退出 or after kStaffIdleSeconds untouched.
inline constexpr double kStaffIdleSeconds = 180;
// The settings screen's view of the terminal (App::loadStaffSettingsView).
struct StaffSettingsView {
    std::string profile;               // zone.profile in force: hall / library
    int idleSeconds = 0;               // idle time in force
    int citizenPages = 0;              // citizens' A4 allowance in force
    std::string a4Queue;               // printer.a4 in force
    std::string receiptQueue;          // printer.receipt in force
    std::string a4Problem;             // printerProblemName of the A4 queue when last asked, "" if none set
    std::string receiptProblem;        // the same for the receipt queue
    std::vector<std::string> queues;   // what the CUPS server offers
    std::string queuesError;           // why it offers none
    std::string messageKey;            // 已保存 / 保存失败 / 密码已更改
    std::string lastUpload;            // UTC time the intake or a stick last took an application, "" if never
};

struct StaffState {
    bool active = false;          // staff mode is open
    std::string pin;              // digits typed on the PIN pad (wiped after each attempt)
    std::string messageKey;       // the PIN pad's last message (wrong PIN, locked …)
    int failures = 0;             // wrong PINs in a row, for the message
    int64_t lockedSeconds = 0;    // how long the pad is locked, as last checked
    int pinChange = 0;            // PIN change: 0 none, 1 typing the new PIN, 2 typing it again (app_staff.cpp)
    std::string newPin;           // the new PIN typed once, while it is asked again
    StaffSettingsView settings;   // the settings screen
};

// Idle and privacy reset (app_session.cpp):
//   in use ──idle for idleLimit()────────────────► warning (还在吗？ counting down)   App::updateIdle
//   on the plain home screen ──idle──────────────► Attract, nothing to forget     App::updateIdle
//   warning ──any touch / 继续使用───────────────► in use                          App::updateIdle
//   warning ──kIdleCountdownSeconds untouched────► everything wiped, Attract       App::resetSession
//   Attract ──a touch────────────────────────────► Home                            App::apply(Home)
inline constexpr double kIdleCountdownSeconds = 20;
inline constexpr double kDefaultIdleSeconds = 90;          // the hall profile: people come to get things done
inline constexpr double kLibraryIdleSeconds = 180;         // the library profile: people sit and read
inline constexpr double kAttractTurnSeconds = 8;   // one announcement this long on the attract screen

struct IdleState {
    double warnedAt = 0;          // app clock when 还在吗？ appeared; 0: not shown
    double attractSince = 0;      // app clock when the attract screen began (its turns count from it)
    bool warning() const { return warnedAt > 0; }
};

struct AppState {
    std::vector<Route> stack;                               // navigation, home at the bottom
    int nextSerial = 1;                                     // for Route::serial
    std::optional<Dialog> dialog;                           // modal message, if open
    bool traditional = false;                               // 繁體 display
    int textSize = 0;                                       // 0 standard, 1 large, 2 largest (theme::kTextScales)
    bool highContrast = false;                              // white and yellow on black
    bool displayPanel = false;                              // the 字号·对比 panel is open
    std::unordered_map<int, DocumentListCache> lists;       // by Route::serial
    std::optional<LoadedDocument> document;                 // the open document
    bool scrollToTop = false;                               // Document: jump to the start
    std::string profile = "hall";                           // zone profile: hall / library
    HomeInfo home;                                          // home screen data
    SearchState search;                                     // the search screen
    std::map<BrowseDimension, std::vector<CountedNode>> browseNodes;  // counts per tab
    std::string errorKey;                                   // Error screen: strings key
    std::string errorDetail;                                // Error screen: technical detail
    std::string errorContactKey = "error.contact";          // Error screen: what staff should do
    ApplyState apply;                                       // the application wizard
    ReceiptState receipt;                                   // the last submission's receipt
    StatusLookupState status;                               // 进度查询
    SyncStatus sync;                                        // a sync session, for the top bar
    std::optional<UsbSyncReport> usbReport;                 // a stick was handled: the staff report
    QrState qr;                                             // 扫码带走 dialog, village QR wall, encoded codes
    ImageViewState image;                                   // the image viewer's zoom and pan
    std::optional<PrintDialogState> print;                  // the print dialog, while open
    CitizenSession session;                                 // what this visit has used
    StaffState staff;                                       // staff mode and its PIN pad
    IdleState idle;                                         // 还在吗？ and the attract loop
    ReadAloudState readAloud;                               // 朗读: the player as of this frame (App::frame)
    const Route& top() const { return stack.back(); }
};

}  // namespace zwgk
