#include "app.h"
#include "event_log.h"

#include "charsets.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ctime>

#include "screens.h"
#include "theme.h"
#include "usage.h"
#include "utf8.h"

namespace zwgk {
namespace {

std::string systemToday() {
    const std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

const char* errorKeyFor(StoreErrorKind kind) {
    switch (kind) {
    case StoreErrorKind::Missing: return "error.store_missing";
    case StoreErrorKind::NotAStore: return "error.store_corrupt";
    case StoreErrorKind::TooNew: return "error.store_too_new";
    case StoreErrorKind::Empty: return "error.store_empty";
    case StoreErrorKind::BadContent: return "error.store_corrupt";
    case StoreErrorKind::Io: break;
    }
    return "error.store_io";
}

// Landscape screens scale the 1920×1080 layout; portrait kiosks (common in halls) scale
// a 1080×1920 one, so text keeps its size instead of shrinking to fit the width.
float layoutScale(ImVec2 display) {
    if (display.y > display.x) return std::min(display.x / theme::kRefHeight, display.y / theme::kRefWidth);
    return std::min(display.x / theme::kRefWidth, display.y / theme::kRefHeight);
}

void applyStyle(float scale) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.ItemSpacing = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.ScrollbarSize = 18 * scale;
    style.ScrollbarRounding = 9 * scale;
    style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(theme::kBackground);
    style.Colors[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0.04f);
    style.Colors[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(theme::kBorder);
    style.Colors[ImGuiCol_ScrollbarGrabHovered] = style.Colors[ImGuiCol_ScrollbarGrab];
    style.Colors[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(theme::kMuted);
    style.Colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(theme::kText);
}

}  // namespace

App::App() = default;
App::~App() {
    // The workers call wake_ (a member) from their threads: stop them first.
    readAloud_.reset();
    syncer_.reset();
    printer_.reset();
    hallPrinter_.reset();
    finishInputAtlas(/*install=*/false);
}

bool App::init(const AppOptions& options, ImVec2 displaySize, std::string& error) {
    options_ = options;
    readAloud_->setWake([this] {
        if (wake_) wake_();
    });
    // A log that cannot be written is not a reason to stop: health() tells staff.
    logs::Options logOptions;
    logOptions.dir = !options.logDir.empty() ? options.logDir
                                             : (std::filesystem::path(options.dbPath).parent_path() / "logs").string();
    logs::open(logOptions);
    logs::info("kiosk.start", {{"profile", options.profile}, {"log_dir", logOptions.dir}});
    state_.profile = options.profile;
    today_ = options.today.empty() ? systemToday() : options.today;
    if (!strings_.load(options.assetDir + "/strings/zh-Hans.json", error)) return false;
    converter_ = std::make_unique<ScriptConverter>();
    keyboard_ = std::make_unique<OnScreenKeyboard>(*converter_);
    printer_ = std::make_unique<ReceiptPrinter>([this] {
        printChanged_ = true;
        if (wake_) wake_();
    });
    hallPrinter_ = std::make_unique<HallPrinter>([this] {
        printChanged_ = true;
        if (wake_) wake_();
    });
    if (!converter_->available())
        logs::warn("script.traditional_unavailable", {{"detail", converter_->error()}});
    fontChoice_ = chooseUiFonts();
    for (const std::string& problem : fontChoice_.problems) logs::warn("font.problem", {{"detail", problem}});
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    display_ = displaySize;
    scale_ = layoutScale(display_);
    input_.setScale(scale_);
    applyStyle(scale_);
    openStore();
    if (options.sync) {
        SyncWorkerOptions sync;
        sync.dbPath = options.dbPath;
        sync.usbRoots = options.usbRoots;
        sync.usbPollMs = std::max(50, options.usbPollMs);
        sync.firstRunDelayMs = std::max(0, options.syncFirstRunMs);
        sync.now = options.syncNow;
        sync.wake = [this] {
            syncChanged_ = true;
            if (wake_) wake_();
        };
        syncer_ = std::make_unique<SyncWorker>(std::move(sync));
    }
    return rebuildFonts(error);
}

void App::openStore() {
    keyboard_->detach();  // its field lives in the state that is about to be replaced
    searcher_.reset();
    store_.reset();
    AppState fresh;
    fresh.profile = state_.profile;
    fresh.traditional = state_.traditional;
    fresh.textSize = state_.textSize;              // a citizen's text size and contrast
    fresh.highContrast = state_.highContrast;      // survive new content
    fresh.sync = state_.sync;                      // the worker's state outlives the content
    fresh.usbReport = std::move(state_.usbReport);
    fresh.staff = state_.staff;                    // new content does not end staff mode,
    fresh.session = state_.session;                // reset a citizen's allowance
    fresh.print = std::move(state_.print);         // or hide a job that is printing
    fresh.idle = state_.idle;
    state_ = std::move(fresh);
    state_.stack.push_back(Route{});
    try {
        auto store = Store::open(options_.dbPath, Store::Mode::ReadWrite);
        if (!store->hasContent()) throw StoreError(StoreErrorKind::Empty, "store " + options_.dbPath + " has no content");
        storeChanges_ = store->externalChangeCounter();
        store_ = std::move(store);
        searcher_ = std::make_unique<SearchWorker>(options_.dbPath);
        loadHomeInfo();
        loadTerminalSettings();
        calendar_ = loadWorkingCalendar(*store_);
        outbox(/*create=*/false);
    } catch (const StoreError& e) {
        state_.stack.back().kind = ScreenKind::Error;
        state_.errorKey = errorKeyFor(e.kind());
        state_.errorDetail = e.what();
        if (e.kind() == StoreErrorKind::Missing && !options_.setupStatusPath.empty()) {
            // A terminal before its first-boot setup: say how to finish it, not that data is lost.
            state_.errorKey = "error.not_provisioned";
            state_.errorContactKey = "error.setup_contact";
            std::ifstream status(options_.setupStatusPath);
            std::string line;
            if (std::getline(status, line) && !line.empty()) state_.errorDetail = line;
        }
        logs::error("store.unusable", {{"detail", e.what()}});
    }
}

void App::reloadContent() {
    contentPending_ = false;
    images_.clear();  // made from the old store's documents
    openStore();
    std::string error;
    if (!rebuildFonts(error)) logs::error("font.atlas_failed", {{"detail", error}});
    logs::info("content.reloaded", {{"version", store_ ? state_.home.meta.version : 0}});
}

bool App::takeSyncEvents() {
    bool changed = false;
    if (syncer_) {
        const SyncStatus status = syncer_->status();
        if (!(status == state_.sync)) {
            state_.sync = status;
            changed = true;
        }
        if (auto report = syncer_->takeUsbReport()) {
            state_.usbReport = std::move(*report);
            changed = true;
        }
    }
    // While a session runs its commits are not looked at: the content is switched once,
    // when the session is over (the worker wakes the UI then).
    if (store_ && !(syncer_ && syncer_->busy())) {
        const int64_t changes = store_->externalChangeCounter();
        if (changes != storeChanges_) {
            storeChanges_ = changes;
            bool reload = true;
            if (syncer_) {
                // Sessions that applied nothing still commit their bookkeeping (the time of
                // the attempt, the clock floor): no reason to rebuild the screens and the
                // atlas, unless something else (kiosk-sync) changed the content meanwhile.
                const int jobs = syncer_->jobsFinished(), applied = syncer_->contentApplied();
                if (applied == syncAppliedSeen_ && jobs != syncJobsSeen_) reload = contentFingerprint() != fingerprint_;
                syncJobsSeen_ = jobs;
                syncAppliedSeen_ = applied;
            }
            if (reload) {
                contentPending_ = true;
            } else if (state_.stack.size() == 1) {
                state_.home.staleness = contentStaleness(*store_, options_.syncNow);
                changed = true;
            }
        }
    }
    return changed;
}

std::string App::contentFingerprint() const {
    if (!store_) return {};
    try {
        const ContentMeta meta = store_->meta();
        const SyncState sync = store_->syncState();
        return meta.contentId + "|" + std::to_string(meta.version) + "|" + meta.generated + "|" + meta.zoneName + "|" +
               sync.manifestDigest + "|" + sync.appliedAt + "|" + std::to_string(store_->glyphSet().size());
    } catch (const std::exception&) {
        return {};
    }
}

bool App::poll() {
    bool changed = takeSyncEvents();
    flushUsage();  // counts queued while a sync session held the store
    if (state_.staff.active) changed = true;  // a frame now and then: staff mode's timeout is checked there
    if (options_.today.empty()) {
        const std::string today = systemToday();
        if (today != today_) {
            today_ = today;
            if (store_) state_.home.notices = store_->announcements(today_);
            changed = true;
        }
    }
    // Content expires with time, not only with a sync: looked at on the home screen only,
    // so that the notice strip never shifts a page under a citizen's finger.
    if (store_ && state_.stack.size() == 1) {
        const Staleness staleness = contentStaleness(*store_, options_.syncNow);
        if (staleness.stale != state_.home.staleness.stale ||
            staleness.lastUpdated != state_.home.staleness.lastUpdated) {
            state_.home.staleness = staleness;
            changed = true;
        }
    }
    if (contentPending_ && state_.stack.size() == 1 && !state_.dialog) {
        reloadContent();
        changed = true;
    }
    if (changed) settleFrames_ = std::max(settleFrames_, 3);
    return changed;
}

void App::loadHomeInfo() {
    HomeInfo& home = state_.home;
    home.meta = store_->meta();
    home.notices = store_->announcements(today_);
    home.documentCount = store_->countDocuments({});
    home.entryCount = static_cast<int>(store_->catalogueEntries(std::nullopt).size());
    home.staleness = contentStaleness(*store_, options_.syncNow);
    fingerprint_ = contentFingerprint();
}

// Two atlases: the one built here, synchronously, holds the content's and the UI's
// characters and is all the first frame needs (~115 ms). The input methods can offer any of
// GB 2312's 6,763 hanzi and their 繁體 forms, which at the heading and body sizes more than
// double the build time, so a second atlas with them is built on a worker thread once the
// first frame is out (startInputAtlas) and swapped in by beforeFrame: before the keyboard
// is first shown, waiting for it if a citizen is quicker than the build.
bool App::rebuildFonts(std::string& error) {
    finishInputAtlas(/*install=*/false);
    const std::string uiText = strings_.allText() + syncReportSentences();
    uiChars_ = utf8::decode(uiText);
    uiChars_ += utf8::decode(converter_->toTraditional(uiText));
    contentChars_ = store_ ? store_->glyphSet() : std::u32string();
    fontTextSize_ = state_.textSize;
    if (!buildUiFonts(*ImGui::GetIO().Fonts, fontChoice_, contentChars_, uiChars_, {}, scale_,
                      theme::kTextScales[fontTextSize_], fonts_, atlasReport_, error))
        return false;
    fonts_.bar = fontTextSize_ == 0 ? fonts_.heading : fonts_.body;
    for (const std::string& note : atlasReport_.notes) logs::info("font.note", {{"detail", note}});
    if (!atlasReport_.missing.empty())
        logs::warn("font.missing_glyphs", {{"count", atlasReport_.missing.size()},
                                           {"first", utf8::encode(atlasReport_.missing.substr(0, 40))}});
    fontsChanged_ = true;
    inputAtlasWanted_ = true;
    settleFrames_ = std::max(settleFrames_, 3);
    return true;
}

void App::applyDisplayChoice() {
    const theme::Contrast contrast = state_.highContrast ? theme::Contrast::High : theme::Contrast::Normal;
    theme::usePalette(contrast);
    applyStyle(scale_);
    if (state_.textSize != fontTextSize_) {
        std::string error;
        if (!rebuildFonts(error)) logs::error("font.atlas_failed", {{"detail", error}});
    }
    settleFrames_ = std::max(settleFrames_, 3);
}

ImU32 App::pageColour() const { return theme::kBackground; }

void App::startInputAtlas() {
    inputAtlasWanted_ = false;
    inputAtlasReady_ = false;
    pendingAtlas_ = IM_NEW(ImFontAtlas);
    // The worker touches only its own atlas and copies of the character sets. (ImGui's
    // allocator also bumps a statistics counter in the context; that counter is the one
    // thing both threads write, and nothing reads it.)
    inputAtlasThread_ = std::thread([this, content = contentChars_, ui = uiChars_,
                                     textScale = theme::kTextScales[fontTextSize_]] {
        std::u32string input = gb2312Hanzi();
        std::string lines;
        for (char32_t c : gb2312Hanzi()) lines += utf8::encode(c) + "\n";
        input += utf8::decode(converter_->toTraditional(lines));
        std::string error;
        if (!buildUiFonts(*pendingAtlas_, fontChoice_, content, ui, input, scale_, textScale, pendingFonts_,
                          pendingReport_, error))
            pendingReport_.notes.push_back("input-method atlas failed: " + error);
        inputAtlasReady_ = true;
    });
}

void App::finishInputAtlas(bool install) {
    if (inputAtlasThread_.joinable()) inputAtlasThread_.join();
    if (!pendingAtlas_) return;
    if (install && pendingAtlas_->IsBuilt()) {
        ImGuiIO& io = ImGui::GetIO();
        IM_DELETE(io.Fonts);  // the context owns io.Fonts and deletes whatever is there at exit
        io.Fonts = pendingAtlas_;
        fonts_ = pendingFonts_;
        fonts_.bar = fontTextSize_ == 0 ? fonts_.heading : fonts_.body;
        atlasReport_ = pendingReport_;
        fontsChanged_ = true;
        settleFrames_ = std::max(settleFrames_, 3);
    } else {
        IM_DELETE(pendingAtlas_);
    }
    pendingAtlas_ = nullptr;
}

void App::beforeFrame() {
    // New content is switched to here, between frames: the glyph atlas is rebuilt before
    // the platform uploads it and before ImGui lays out the next frame.
    if (syncChanged_.exchange(false) && takeSyncEvents()) settleFrames_ = std::max(settleFrames_, 3);
    if (contentPending_ && state_.stack.size() == 1 && !state_.dialog) reloadContent();
    if (inputAtlasWanted_ && frames_ > 0) startInputAtlas();
    // Swap when the worker is done, or now (waiting) if the keyboard is about to be drawn.
    if (pendingAtlas_ && (inputAtlasReady_ || keyboard_->visible())) finishInputAtlas(/*install=*/true);
}

void App::resize(ImVec2 displaySize) {
    if (displaySize.x == display_.x && displaySize.y == display_.y) return;
    display_ = displaySize;
    scale_ = layoutScale(display_);
    input_.setScale(scale_);
    applyStyle(scale_);
    std::string error;
    if (!rebuildFonts(error)) logs::error("font.atlas_failed", {{"detail", error}});
}

UiContext App::makeContext(double now) {
    return UiContext{state_,         store_.get(),  strings_,       *converter_,     fonts_,
                     trace_,         input_,        keyboard_.get(), searcher_.get(), &intake_,
                     &calendar_,     outbox_.get(), printer_.get(), scale_,         display_,
                     now,            today_,        {},             hallPrinter_.get(),
                     !printSetup_.queue.empty(),    printPolicy_.citizenPagesPerSession,
                     &images_,       theme::kTextScales[fontTextSize_], syncer_.get()};
}

bool App::wantsFrame() const {
    return settleFrames_ > 0 || fontsChanged_ || input_.hasQueuedEvents() || input_.animating() || input_.dragging() ||
           (searcher_ && searcher_->busy()) || printChanged_ || syncChanged_ || readAloud_->hasNews();
}

void App::frame(double now) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display_;
    io.DeltaTime = static_cast<float>(std::max(1e-4, now - lastFrameTime_));
    lastFrameTime_ = now;
    const bool hadEvents = input_.hasQueuedEvents();
    if (searcher_)
        if (auto result = searcher_->takeResult()) {
            if (!result->error.empty()) logs::warn("search.failed", {{"detail", result->error}});
            if (result->tag == state_.search.requested) {
                SearchState& search = state_.search;
                search.query = result->query;
                search.hits = std::move(result->hits);
                search.total = result->total;
                search.searched = true;
                settleFrames_ = std::max(settleFrames_, 3);
            } else if (result->tag == state_.apply.suggestionsRequested) {
                state_.apply.suggestions = std::move(result->hits);
                state_.apply.suggestionsAnswered = true;
                settleFrames_ = std::max(settleFrames_, 3);
            }
        }
    if (printChanged_.exchange(false)) updateReceiptPrint();
    updateHallPrint();
    // Staff mode never outlives its user: untouched for a while, the terminal is a citizen's
    // again (before this frame's touches count, which then land on the home screen).
    if (state_.staff.active && now - lastInputAt_ > kStaffIdleSeconds) leaveStaffMode();
    updateIdle(now, hadEvents);
    updateReadAloud();
    input_.beginFrame();
    input_.applyToImGui(io, now);
    ImGui::NewFrame();
    trace_.beginFrame();
    UiContext ui = makeContext(now);

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display_);
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse |
                     ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground);
    switch (state_.top().kind) {
    case ScreenKind::Home: drawHomeScreen(ui); break;
    case ScreenKind::Browse: drawBrowseScreen(ui); break;
    case ScreenKind::Area: drawAreaScreen(ui); break;
    case ScreenKind::DocumentList: drawDocumentListScreen(ui); break;
    case ScreenKind::Document: drawDocumentScreen(ui); break;
    case ScreenKind::Image: drawImageScreen(ui); break;
    case ScreenKind::CatalogueEntry: drawCatalogueEntryScreen(ui); break;
    case ScreenKind::Announcement: drawAnnouncementScreen(ui); break;
    case ScreenKind::AnnouncementList: drawAnnouncementListScreen(ui); break;
    case ScreenKind::Search: drawSearchScreen(ui); break;
    case ScreenKind::GuideGroups: drawGuideGroupsScreen(ui); break;
    case ScreenKind::GuideList: drawGuideListScreen(ui); break;
    case ScreenKind::Guide: drawGuideScreen(ui); break;
    case ScreenKind::QAList: drawQAListScreen(ui); break;
    case ScreenKind::QA: drawQAScreen(ui); break;
    case ScreenKind::Townships: drawTownshipsScreen(ui); break;
    case ScreenKind::Villages: drawVillagesScreen(ui); break;
    case ScreenKind::VillageItems: drawVillageItemsScreen(ui); break;
    case ScreenKind::Apply: drawApplyScreen(ui); break;
    case ScreenKind::ApplyReceipt: drawReceiptScreen(ui); break;
    case ScreenKind::StatusLookup: drawStatusLookupScreen(ui); break;
    case ScreenKind::StaffLogin: drawStaffLoginScreen(ui); break;
    case ScreenKind::StaffHome: drawStaffHomeScreen(ui); break;
    case ScreenKind::PrintQueue: drawPrintQueueScreen(ui); break;
    case ScreenKind::StaffLog: drawStaffLogScreen(ui); break;
    case ScreenKind::StaffSync: drawStaffSyncScreen(ui); break;
    case ScreenKind::StaffSettings: drawStaffSettingsScreen(ui); break;
    case ScreenKind::StaffReceipts: drawStaffReceiptsScreen(ui); break;
    case ScreenKind::Attract: drawAttractScreen(ui); break;
    case ScreenKind::Error: drawErrorScreen(ui); break;
    }
    ImGui::End();
    if (keyboard_->visible()) {
        // Keys typed on a physical keyboard go to the focused field too.
        ImGuiIO& keys = ImGui::GetIO();
        if (!keys.InputQueueCharacters.empty()) {
            std::string typed;
            for (ImWchar c : keys.InputQueueCharacters) typed += utf8::encode(static_cast<char32_t>(c));
            keys.InputQueueCharacters.resize(0);
            keyboard_->typeText(typed);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) keyboard_->pressBackspace();
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) ui.emit(Action{Action::Kind::HideKeyboard});
        // Its own window, above the screen, so that its keys take the taps.
        const float h = keyboard_->height(ui);
        ImGui::SetNextWindowPos(ImVec2(0, display_.y - h));
        ImGui::SetNextWindowSize(ImVec2(display_.x, h));
        ImGui::Begin("##keyboard", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollWithMouse);
        keyboard_->draw(ui);
        ImGui::End();
    }
    drawQrDialog(ui);
    drawPrintDialog(ui);
    drawDialog(ui);
    drawUsbReportDialog(ui);
    drawDisplayPanel(ui);
    drawIdleDialog(ui);
    ImGui::Render();
    trace_.endFrame();
    images_.endFrame();  // textures no screen drew this frame are freed

    ++frames_;
    for (const Action& action : ui.actions) apply(action);
    flushUsage();
    if (!ui.actions.empty() || hadEvents)
        settleFrames_ = 3;
    else if (settleFrames_ > 0)
        --settleFrames_;
}

void App::push(Route route) {
    keyboard_->detach();  // the focused field belongs to the screen being left
    if (route.kind == ScreenKind::Search) state_.search.keyboardOffered = false;
    if (route.kind == ScreenKind::StatusLookup) state_.status = StatusLookupState{};
    if ((route.kind == ScreenKind::StaffSettings || route.kind == ScreenKind::StaffSync ||
         route.kind == ScreenKind::StaffHome || route.kind == ScreenKind::StaffReceipts) &&
        store_)
        loadStaffSettingsView();
    if (route.kind == ScreenKind::Apply && !applicationInProgress()) {
        state_.apply = ApplyState{};
        state_.apply.draft.infoTitle = route.title;  // from a search that found nothing
    }
    route.serial = state_.nextSerial++;
    if (state_.top().kind == ScreenKind::Search) countSearch();  // a result opened
    if (route.kind == ScreenKind::Search) searchCounted_.clear();
    countView(route);
    state_.stack.push_back(std::move(route));
}

void App::apply(const Action& action) {
    if ((action.kind == Action::Kind::Back || action.kind == Action::Kind::Home) &&
        state_.top().kind == ScreenKind::Search)
        countSearch();  // the search screen is being left: its last query counts
    switch (action.kind) {
    case Action::Kind::Push: push(action.route); break;
    case Action::Kind::ReplaceTop: {
        countView(action.route);
        const int serial = state_.top().serial;
        state_.stack.back() = action.route;
        state_.stack.back().serial = serial;
        break;
    }
    case Action::Kind::Back:
        if (keyboard_->visible()) {
            keyboard_->detach();  // the first Back closes the keyboard, as on a phone
        } else if (state_.dialog) {
            state_.dialog.reset();
        } else if (state_.qr.open) {
            state_.qr.open.reset();  // 返回 closes the 扫码带走 dialog first
        } else if (state_.print) {
            applyPrintAction(Action{Action::Kind::ClosePrint});
        } else if (state_.top().kind == ScreenKind::Apply && state_.apply.step != WizardStep::Notice) {
            // In the wizard, 返回 is 上一步: nothing typed is lost.
            state_.apply.step = state_.apply.fromReview ? WizardStep::Review : previousStep(state_.apply.step);
            state_.apply.fromReview = false;
            state_.apply.showIssues = false;
        } else if (state_.stack.size() > 1) {
            state_.lists.erase(state_.top().serial);
            state_.stack.pop_back();
        }
        break;
    case Action::Kind::Home:
        if (applicationInProgress()) {
            // A started application is never dropped by one stray tap on 首页.
            Dialog d;
            d.title = strings_.get("apply.leave.title");
            d.body = strings_.get("apply.leave.body");
            d.confirm = DialogConfirm::AbandonApplication;
            d.confirmKey = "apply.leave.confirm";
            d.cancelKey = "apply.leave.stay";
            state_.dialog = d;
            break;
        }
        keyboard_->detach();
        state_.search = SearchState{};  // home is a fresh start: the last query goes
        state_.dialog.reset();
        state_.qr.open.reset();
        state_.qr.wallSerial = 0;
        state_.stack.resize(1);
        state_.stack[0].serial = state_.nextSerial++;  // a fresh home page, scrolled to the top
        state_.lists.clear();
        if (contentPending_) reloadContent();
        break;
    case Action::Kind::OpenDisplayPanel: state_.displayPanel = true; break;
    case Action::Kind::CloseDisplayPanel: state_.displayPanel = false; break;
    case Action::Kind::SetTextSize:
        state_.textSize = static_cast<int>(std::clamp<int64_t>(action.target, 0, theme::kTextSizeCount - 1));
        applyDisplayChoice();
        break;
    case Action::Kind::SetHighContrast:
        state_.highContrast = action.target != 0;
        applyDisplayChoice();
        break;
    case Action::Kind::ToggleScript:
        state_.traditional = !state_.traditional;
        keyboard_->setTraditional(state_.traditional);
        break;
    case Action::Kind::HideKeyboard: keyboard_->detach(); break;
    case Action::Kind::ShowDialog: state_.dialog = action.dialog; break;
    case Action::Kind::CloseDialog: state_.dialog.reset(); break;
    case Action::Kind::CloseUsbReport: state_.usbReport.reset(); break;
    case Action::Kind::ShowQr: state_.qr.open = action.qr; break;
    case Action::Kind::CloseQr: state_.qr.open.reset(); break;
    case Action::Kind::ToggleQrWall:
        state_.qr.wallSerial = state_.qr.wallSerial == state_.top().serial ? 0 : state_.top().serial;
        break;
    case Action::Kind::ConfirmDialog: {
        const DialogConfirm confirm = state_.dialog ? state_.dialog->confirm : DialogConfirm::None;
        state_.dialog.reset();
        if (confirm == DialogConfirm::AbandonApplication) abandonApplication();
        if (confirm == DialogConfirm::ExitToSystem) applyStaffAction(Action{Action::Kind::ExitToSystem});
        break;
    }
    case Action::Kind::PrintDocument:
    case Action::Kind::PrintGuide:
    case Action::Kind::PrintPoster:
    case Action::Kind::PrintTestPage:
    case Action::Kind::ConfirmPrint:
    case Action::Kind::CancelPrint:
    case Action::Kind::RetryPrint:
    case Action::Kind::ClosePrint:
    case Action::Kind::OpenStaffLogin:
    case Action::Kind::StaffPinKey:
    case Action::Kind::LeaveStaffMode:
    case Action::Kind::CancelJob:
    case Action::Kind::RetryJob: applyPrintAction(action); break;
    case Action::Kind::StillHere: state_.idle.warnedAt = 0; break;
    case Action::Kind::StaffSyncNow:
    case Action::Kind::StaffUsbAgain:
    case Action::Kind::StaffSetSetting:
    case Action::Kind::StaffChangePin:
    case Action::Kind::ExitToSystem:
    case Action::Kind::ReprintReceiptFor: applyStaffAction(action); break;
    case Action::Kind::ReadAloud:
        if (!readAloud_->start(state_.top().serial, action.text))
            updateReadAloud();
        else
            countReadAloud();
        break;
    case Action::Kind::PauseReading: readAloud_->pause(); break;
    case Action::Kind::ResumeReading: readAloud_->resume(); break;
    case Action::Kind::StopReading: readAloud_->stop(); break;
    case Action::Kind::SubmitApplication: submitApplication(); break;
    case Action::Kind::ReprintReceipt: startReceiptPrint(/*reprint=*/true); break;
    case Action::Kind::SetDimension: state_.stack.back().dimension = action.dimension; break;
    case Action::Kind::ScrollToTop: state_.scrollToTop = true; break;
    case Action::Kind::Retry: {
        openStore();
        std::string error;
        if (!rebuildFonts(error)) logs::error("font.atlas_failed", {{"detail", error}});
        break;
    }
    }
}

std::string App::screenNames() {
    return "home, browse, browse-topic, browse-agency, browse-area, browse-year, list-all, guides, qa, villages, "
           "apply, status, doc:KEY";
}

bool App::applicationInProgress() const {
    if (!state_.apply.started()) return false;
    for (const Route& route : state_.stack)
        if (route.kind == ScreenKind::Apply) return true;
    return false;
}

void App::abandonApplication() {
    keyboard_->detach();
    keyboard_->resetSession();  // the name and address taught to the input method go too
    state_.apply = ApplyState{};
    apply(Action{Action::Kind::Home});
}

// The outbox is opened when the store is (if it exists) or at the first submission: a
// terminal that never takes an application never creates one.
Outbox* App::outbox(bool create) {
    if (outbox_ || !store_) return outbox_.get();
    const std::string path = Outbox::pathForStore(options_.dbPath);
    try {
        if (create || std::filesystem::exists(path)) outbox_ = Outbox::open(path);
    } catch (const std::exception& e) {
        logs::error("outbox.unusable", {{"detail", e.what()}});
    }
    return outbox_.get();
}

void App::submitApplication() {
    ApplyState& a = state_.apply;
    keyboard_->detach();
    a.submitError.clear();
    try {
        Outbox* box = outbox(true);
        if (!box) throw std::runtime_error("the outbox cannot be opened");
        const SubmittedApplication done =
            zwgk::submitApplication(*box, a.draft, intake_, calendar_, submissionTimeNow(options_.today));
        state_.receipt = ReceiptState{};
        state_.receipt.entry = done.entry;
        state_.receipt.entry.sealed.clear();
        state_.receipt.deadlines = done.deadlines;
        // Neither the tracking code nor anything the citizen typed goes to the log.
        logs::info("application.submitted", {{"sealed_bytes", done.entry.sealed.size()}});
        countUsage(usage::kApplication, a.draft.applicantType == ApplicantType::Citizen ? "自然人" : "法人或其他组织");
    } catch (const std::exception& e) {
        // Nothing was committed: the draft stays, the citizen is told what to do.
        a.submitError = "apply.submit.failed";
        logs::error("application.not_submitted", {{"detail", e.what()}});
        return;
    }
    // The draft leaves memory with the wizard: the receipt screen shows masked data only.
    state_.apply = ApplyState{};
    keyboard_->resetSession();
    replaceTop(ScreenKind::ApplyReceipt);
    startReceiptPrint(/*reprint=*/false);
}

void App::replaceTop(ScreenKind kind) {
    Action replace;
    replace.kind = Action::Kind::ReplaceTop;
    replace.route.kind = kind;
    apply(replace);
}

void App::startReceiptPrint(bool reprint) {
    ReceiptState& r = state_.receipt;
    r.printErrorKey.clear();
    std::string why;
    r.printJob = printer_->print(r.entry, intake_, reprint, why);
    if (r.printJob == 0) {
        r.printErrorKey = intake_.receiptQueue.empty() ? "apply.printer.not_configured" : "apply.printer.layout";
        logs::warn("receipt.not_printed", {{"detail", why}});
        if (outbox_) outbox_->setReceiptState(r.entry.id, "failed", why);
    } else {
        countPrint("receipt", r.printJob, 1, /*receipt=*/true);
    }
}

void App::updateReceiptPrint() {
    if (outbox_) printer_->recordFinished(*outbox_);
    settleFrames_ = std::max(settleFrames_, 2);
}

bool App::openScreenByName(const std::string& name) {
    if (!store_) return name == "home" || name == "error";
    Route route;
    route.kind = ScreenKind::Browse;
    if (name == "home") {
        apply(Action{Action::Kind::Home});
    } else if (name == "browse" || name == "browse-topic") {
        apply(Action{Action::Kind::Home});
        push(route);
    } else if (name == "browse-agency" || name == "browse-area" || name == "browse-year") {
        route.dimension = name == "browse-agency" ? BrowseDimension::Agency
                          : name == "browse-area" ? BrowseDimension::Area
                                                  : BrowseDimension::Year;
        apply(Action{Action::Kind::Home});
        push(route);
    } else if (name.rfind("doc:", 0) == 0) {
        // A document by its content key, on top of the home screen (tests, support).
        const auto doc = store_->documentByKey(name.substr(4));
        if (!doc) return false;
        apply(Action{Action::Kind::Home});
        Route route;
        route.kind = ScreenKind::Document;
        route.id = doc->id;
        push(route);
    } else if (name == "guides" || name == "qa" || name == "villages") {
        // The lists behind the 办事指南, 政策问答 and 村务公开 tiles.
        apply(Action{Action::Kind::Home});
        route.kind = name == "guides" ? ScreenKind::GuideGroups
                     : name == "qa"   ? ScreenKind::QAList
                                      : ScreenKind::Townships;
        push(route);
    } else if (name == "apply" || name == "status") {
        apply(Action{Action::Kind::Home});
        Route r;
        r.kind = name == "apply" ? ScreenKind::Apply : ScreenKind::StatusLookup;
        push(r);
    } else if (name == "search") {
        apply(Action{Action::Kind::Home});
        Route search;
        search.kind = ScreenKind::Search;
        push(search);
    } else if (name == "list-all") {
        // Every document, newest first: the longest list (benchmarks, paging tests).
        apply(Action{Action::Kind::Home});
        push(route);
        Route list;
        list.kind = ScreenKind::DocumentList;
        list.title = strings_.get("list.all");
        push(list);
    } else {
        return false;
    }
    settleFrames_ = 3;
    return true;
}

void App::typeText(const std::string& utf8) {
    // The physical-keyboard path: letters reach the focused field through the keyboard.
    ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
    settleFrames_ = 3;
}

bool App::pressKey(const std::string& name) {
    // No text fields yet: the keys that matter are navigation keys.
    if (name == "Backspace") {
        keyboard_->pressBackspace();
    } else if (name == "Enter") {
        apply(Action{Action::Kind::HideKeyboard});
    } else if (name == "Escape" || name == "Back") {
        apply(Action{Action::Kind::Back});
    } else if (name == "Home") {
        apply(Action{Action::Kind::Home});
    } else {
        return false;
    }
    settleFrames_ = 3;
    return true;
}

}  // namespace zwgk
