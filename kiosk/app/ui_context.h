// What a screen function gets: read access to the state and content, the widgets' shared
// services (fonts, strings, trace, touch input) and a way to emit actions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app_state.h"
#include "imgui.h"
#include "script_convert.h"
#include "store.h"
#include "ui_strings.h"
#include "touch_input.h"
#include "ui_trace.h"

namespace zwgk {

struct UiFonts {
    ImFont* small = nullptr;    // metadata, hints
    ImFont* body = nullptr;     // reading text, list rows
    ImFont* heading = nullptr;  // titles, tiles
    ImFont* title = nullptr;    // greeting
    ImFont* typedBody = nullptr;     // what a citizen typed, shown again (review page, receipt)
    ImFont* typedHeading = nullptr;  // text fields and the input methods' candidates
    ImFont* bar = nullptr;           // the title bar's buttons and title: heading, or body at large sizes
};

class OnScreenKeyboard;
class ImageTextures;
class SearchWorker;
class SyncWorker;
class ReceiptPrinter;
class HallPrinter;
class Outbox;
class WorkingCalendar;
struct IntakeConfig;

struct UiContext {
    AppState& state;                 // navigation and caches (change navigation via emit)
    Store* store;                    // null on the Error screen
    const Strings& strings;          // UI strings by key
    ScriptConverter& converter;      // Simplified → Traditional
    UiFonts fonts;                   // the text sizes
    UiTrace& trace;                  // what is on screen, for scripts and tests
    TouchInput& input;               // drag scrolling
    OnScreenKeyboard* keyboard;      // shown while a text field has focus
    SearchWorker* searcher;          // runs searches off this thread (null without a store)
    const IntakeConfig* intake;      // can this terminal take applications, and where to (null without a store)
    const WorkingCalendar* calendar; // official working days, for reply dates
    Outbox* outbox;                  // applications submitted here (null until the first one)
    const ReceiptPrinter* printer;   // receipt print jobs
    float scale = 1;                 // window px per reference px
    ImVec2 display;                  // window size in px
    double now = 0;                  // app clock, seconds
    std::string today;               // YYYY-MM-DD, for announcements
    std::vector<Action> actions;     // emitted this frame, applied after it
    HallPrinter* hallPrinter = nullptr;  // A4 print jobs (documents, checklists, posters)
    bool a4Printer = false;          // an A4 queue is configured
    int citizenPages = 0;            // pages a citizen may print per session (0: none)
    ImageTextures* images = nullptr; // content image textures (一图读懂)
    float textScale = 1;             // the text size chosen (theme::kTextScales): 1 … 1.8
    SyncWorker* syncer = nullptr;    // the background sync (staff mode's 立即更新); null when off

    float px(float reference) const { return reference * scale; }
    // A length that holds text (a label column, a line box): grows with the text size.
    float tx(float reference) const { return reference * scale * textScale; }
    // Text as displayed: converted to Traditional when the toggle is on.
    std::string show(std::string_view text) const {
        return state.traditional ? converter.toTraditional(text) : std::string(text);
    }
    std::string t(const std::string& key) const { return show(strings.get(key)); }
    std::string tf(const std::string& key,
                   std::initializer_list<std::pair<const char*, std::string>> args) const {
        return show(strings.format(key, args));
    }
    void emit(Action action) { actions.push_back(std::move(action)); }
    void push(Route route) {
        Action a;
        a.kind = Action::Kind::Push;
        a.route = std::move(route);
        emit(std::move(a));
    }
    void back() { emit(Action{Action::Kind::Back}); }
};

}  // namespace zwgk
