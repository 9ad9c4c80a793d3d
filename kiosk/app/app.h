// The terminal application without the platform: owns the state, the store, the strings,
// the fonts and the input layer, and turns one call to frame() into ImGui draw data.
// The platform layer (kiosk/platform) owns the window and the renderer, feeds pointer and
// key events in, uploads the font texture when fontsChanged() and presents the frames.
//
// Frame cycle (App::frame):
//   input.beginFrame → input.applyToImGui → ImGui::NewFrame → draw screen → ImGui::Render
//   → apply the actions the screen emitted → settle counter
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app_state.h"
#include "font_atlas.h"
#include "image_textures.h"
#include "hall_printer.h"
#include "keyboard.h"
#include "outbox.h"
#include "print_policy.h"
#include "read_aloud.h"
#include "receipt_printer.h"
#include "submission.h"
#include "search_worker.h"
#include "script_convert.h"
#include "store.h"
#include "sync_worker.h"
#include "ui_strings.h"
#include "touch_input.h"
#include "ui_context.h"
#include "ui_trace.h"

namespace zwgk {

struct AppOptions {
    std::string dbPath;       // content store
    std::string assetDir;     // assets/ (strings)
    std::string profile = "hall";  // zone profile: hall or library
    std::string today;        // YYYY-MM-DD override for tests; empty: the system date
    bool sync = true;         // run the sync worker (sync_worker.h)
    std::vector<std::string> usbRoots;  // where sticks are mounted; empty: /media, /run/media
    int usbPollMs = 2000;     // how often those are looked at
    int syncFirstRunMs = 20000;  // first online round after start-up
    std::string syncNow;      // UTC override for bundle verification and expiry (tests); empty: the clock
    std::string setupStatusPath;  // first-boot setup (image/): a missing store means "not set up
                                  // yet", and this file (if any) says what the setup lacks
    std::string logDir;       // structured log (event_log.h); empty: logs/ beside the store
};

class App {
public:
    App();
    ~App();

    // Loads strings and fonts and opens the store. Returns false only when the terminal
    // cannot show anything (no strings, no Chinese font): ERROR says why. A missing or
    // broken store is not fatal here: the Error screen explains it.
    bool init(const AppOptions& options, ImVec2 displaySize, std::string& error);
    bool storeUsable() const { return store_ != nullptr; }
    const std::string& storeError() const { return state_.errorDetail; }

    // Called by the platform before it uploads textures and starts a frame: swaps in the
    // input-method glyph atlas when it is ready (see rebuildFonts).
    void beforeFrame();
    // One frame at clock time NOW (seconds). The platform calls its backend NewFrame first.
    void frame(double now);
    // True while something would change on screen without new input.
    bool wantsFrame() const;
    void requestFrames(int count) { settleFrames_ = std::max(settleFrames_, count); }
    // App clock time at which a frame is due although nothing moves (the idle warning, its
    // countdown, the privacy reset, the attract loop's next notice); infinity when none. The
    // platform sleeps no longer than this.
    double nextWakeAt() const;

    TouchInput& input() { return input_; }
    OnScreenKeyboard& keyboard() { return *keyboard_; }
    const UiTrace& trace() const { return trace_; }
    const AppState& state() const { return state_; }
    float scale() const { return scale_; }
    const AtlasReport& atlasReport() const { return atlasReport_; }
    bool fontsChanged() const { return fontsChanged_; }
    void fontsUploaded() { fontsChanged_ = false; }

    // Scripted navigation: jumps to a named screen (home, browse, browse-agency, …);
    // false for an unknown name.
    bool openScreenByName(const std::string& name);
    // Called by the platform when it wakes without input (at most every few seconds):
    // picks up a new date at midnight and content that kiosk-sync imported meanwhile. New
    // content is applied on the home screen, never under a citizen's finger; returns true
    // when something changed on screen.
    bool poll();
    static std::string screenNames();  // for error messages
    // Called from any thread when something outside the UI changed (a print job): the
    // platform wakes its loop. Set by the platform; the app works without it.
    void setWake(std::function<void()> wake) { wake_ = std::move(wake); }
    // Where content images become textures (the platform; it must outlive the app).
    void setTextureHost(TextureHost* host) { images_.setHost(host); }
    // Where 朗读 plays (the platform's sound device; it must outlive the app).
    void setAudioOutput(AudioOutput* output) { readAloud_->setOutput(output); }
    const ImageTextures& imageTextures() const { return images_; }
    // The background sync (null when AppOptions::sync is off): tests and benchmarks start
    // rounds and watch it.
    SyncWorker* syncWorker() { return syncer_.get(); }
    void typeText(const std::string& utf8);
    bool pressKey(const std::string& name);  // false for an unknown key name
    void resize(ImVec2 displaySize);
    // The colour behind every screen in the palette in use (the platform clears with it).
    ImU32 pageColour() const;
    // Staff chose 退出到系统: the platform ends its loop and the program exits.
    bool quitRequested() const { return quitRequested_; }

private:
    void openStore();
    void reloadContent();
    void loadHomeInfo();
    bool takeSyncEvents();     // the sync worker's status, reports and new content
    std::string contentFingerprint() const;  // what identifies the content on screen
    bool rebuildFonts(std::string& error);
    void startInputAtlas();
    void finishInputAtlas(bool install);
    void apply(const Action& action);
    void submitApplication();
    void startReceiptPrint(bool reprint);
    void updateReceiptPrint();
    void abandonApplication();
    // Anonymous usage statistics (app_usage.cpp, sync/usage.h): counts queue in memory and
    // reach the store between frames while no sync session holds it.
    void countUsage(const char* kind, const std::string& key, int64_t n = 1);
    void beginUsageSession();
    void countView(const Route& route);
    void countSearch();
    void countPrint(const char* kind, int jobId, int pages, bool receipt);
    void countReadAloud();  // a 朗读 started on the screen on top
    void watchPrintFaults();
    void flushUsage();
    // Printing on the hall's A4 printer and staff mode (app_print.cpp).
    void loadPrintSetup();
    HallPrintSetup printSetup() const;
    void startHallPrint(const Action& action);
    void updateHallPrint();
    void applyPrintAction(const Action& action);
    void pressStaffPinKey(const std::string& key);
    // Staff mode's settings, sync and exit (app_staff.cpp).
    void loadTerminalSettings();
    void loadStaffSettingsView();
    void applyStaffAction(const Action& action);
    void pressNewPinKey();
    void leaveStaffMode();
    // Idle and privacy reset (app_session.cpp).
    void updateIdle(double now, bool hadEvents);
    // 朗读: stops reading off its screen, moves the player on, tells failures (app_read_aloud.cpp).
    void updateReadAloud();
    void resetSession(double now);
    double idleLimit() const;
    bool applicationInProgress() const;
    Outbox* outbox(bool create);
    void push(Route route);
    void replaceTop(ScreenKind kind);  // the screen on top becomes a fresh KIND screen
    // Text size and palette follow AppState (a citizen's choice, or the terminal's default
    // after a privacy reset): rebuilds the fonts and switches the colours when they differ.
    void applyDisplayChoice();
    UiContext makeContext(double now);

    AppOptions options_;                         // as given to init
    AppState state_;                             // navigation, caches
    std::unique_ptr<Store> store_;               // null when unusable (Error screen)
    Strings strings_;                            // UI strings
    std::unique_ptr<ScriptConverter> converter_; // Simplified → Traditional
    FontChoice fontChoice_;                      // faces found at start-up
    UiFonts fonts_;                              // built sizes
    int fontTextSize_ = 0;                       // AppState::textSize the fonts were built for
    AtlasReport atlasReport_;                    // last atlas build
    bool fontsChanged_ = false;                  // atlas rebuilt, texture not uploaded yet
    UiTrace trace_;                              // what the last frame showed
    TouchInput input_;                           // pointer → ImGui, drag scrolling
    std::unique_ptr<OnScreenKeyboard> keyboard_; // engines open on first focus
    std::unique_ptr<SearchWorker> searcher_;     // one per opened store
    ImVec2 display_{1920, 1080};                 // window size in px
    float scale_ = 1;                            // px per reference px
    int settleFrames_ = 3;                       // frames still to draw after a change
    std::string today_;                          // YYYY-MM-DD
    double lastFrameTime_ = 0;                   // clock time of the previous frame
    int64_t storeChanges_ = 0;                   // Store::externalChangeCounter when last read
    bool contentPending_ = false;                // new content waits for the home screen
    std::u32string contentChars_;                // the store's glyph set, for both atlases
    std::u32string uiChars_;                     // the UI strings' characters, both scripts
    bool inputAtlasWanted_ = false;              // start the input-method atlas after a frame
    std::thread inputAtlasThread_;               // builds pendingAtlas_
    std::atomic<bool> inputAtlasReady_{false};   // the worker has finished
    ImFontAtlas* pendingAtlas_ = nullptr;        // atlas with the input characters, not yet in use
    UiFonts pendingFonts_;                       // its fonts
    AtlasReport pendingReport_;                  // its build report
    long frames_ = 0;                            // frames drawn since start
    IntakeConfig intake_;                        // from the content and the terminal settings
    WorkingCalendar calendar_;                   // official working days of the store
    std::unique_ptr<Outbox> outbox_;             // opened at the first submission or lookup
    std::unique_ptr<ReceiptPrinter> printer_;    // receipt print worker
    std::atomic<bool> printChanged_{false};      // a print job changed: draw a frame
    std::unique_ptr<HallPrinter> hallPrinter_;   // A4 layouts and print worker
    HallPrintSetup printSetup_;                  // zone name and printer.a4 / printer.server
    PrintPolicy printPolicy_;                    // the citizen's page allowance (profile + configuration)
    std::optional<PreparedPrint> pendingPrint_;  // laid out, waiting for 确定打印
    double lastInputAt_ = 0;                     // app clock of the last touch or key (idle and staff timeouts)
    double idleSeconds_ = kDefaultIdleSeconds;   // idle.seconds: the 还在吗？ question comes after this
    std::function<void()> wake_;                 // platform hook to wake the event loop
    std::unique_ptr<SyncWorker> syncer_;         // online rounds and USB sticks
    std::atomic<bool> syncChanged_{false};       // the sync worker has news: look in the next frame
    int syncJobsSeen_ = 0;                       // SyncWorker::jobsFinished when the store was last read
    int syncAppliedSeen_ = 0;                    // SyncWorker::contentApplied then
    std::string fingerprint_;                    // contentFingerprint of the content shown
    ImageTextures images_;                       // 一图读懂 textures of the screens shown
    bool quitRequested_ = false;                 // staff chose 退出到系统
    std::unique_ptr<ReadAloud> readAloud_ = std::make_unique<ReadAloud>();  // 朗读: espeak-ng worker and playback (read_aloud.h)
    int readAloudFailuresSeen_ = 0;              // ReadAloudState::failures already told to the citizen
    std::vector<std::function<void(Store&)>> usagePending_;  // counts not yet written, oldest first
    int64_t usageSession_ = 0;                   // store's number of the citizen's session, 0 before the first touch
    bool usageSessionOpen_ = false;              // a touch has started a session not yet reset
    std::string searchCounted_;                  // the search query last counted (once per visit of the screen)
    std::map<std::pair<bool, int>, std::string> watchedPrints_;  // (receipt?, job id) → print kind, until it ends
};

}  // namespace zwgk
