// Keeps the terminal's content current and brings applications back, on threads of its
// own while the kiosk runs: the UI never waits for the network, a USB stick or an apply,
// and nothing here touches ImGui. The worker opens the store by path with its own
// connections (a Store is one per thread); the UI notices new content through
// Store::externalChangeCounter and reloads it on the home screen (App::takeSyncEvents).
//
// Online round (every sync.interval minutes, effective setting, default 30; the first
// shortly after start-up, or at once on requestOnlineSync):
//
//   idle ─► checking     settings read (Store::effectiveSetting sync.url, intake.url);
//                        with sync.url: updateFromSource(httpSource(sync.url)) fetches the
//                        roots and manifests                                 (phase 1)
//        ─► downloading  the files the manifest lists that are not staged yet (phase 2)
//        ─► applying     Store::applyUpdate in one transaction              (phase 3)
//        ─► uploading    with intake.url: uploadOutbox PUTs the pending sealed applications
//                        and the heartbeat; what is not confirmed stays pending and goes
//                        again next round                                    (phase 4)
//        ─► idle         next round scheduled; UpdateReport / UploadReport kept (lastOnline)
//
// USB (mount roots polled every few seconds, depth 2: /media/<user>/<label>, /run/media/…):
//
//   usb-detected ─► importing   a folder with a zwgk/ sub-folder, not handled since it was
//                               inserted: importFromUsb (newest valid bundle anywhere below)
//                ─► exporting   exportToUsb writes pending applications (still sealed),
//                               heartbeat and statistics to zwgk/export/<terminal-id>
//                ─► report      UsbSyncReport for the UI (takeUsbReport); the stick is not
//                               handled again until it has been removed
//
// Sessions run on a job thread, at a lower CPU and I/O priority than the UI; the
// supervisor thread schedules them, polls the mount roots, and while a job runs publishes
// its progress (SyncStatus) every 200 ms, calling WAKE only when what the UI shows changes.
// The destructor cancels a running session (SyncOptions::cancelled, HttpOptions::cancelled:
// checked between files, during transfers and backoff sleeps) and joins; a store apply in
// progress (one transaction) is not interruptible and finishes first.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sync_session.h"

namespace zwgk {

// Where sticks are mounted on the kiosk OS image (udisks: /media/<user>/<label> and
// /run/media/<user>/<label>).
inline const std::vector<std::string> kDefaultUsbRoots = {"/media", "/run/media"};

struct SyncWorkerOptions {
    std::string dbPath;                    // the content store (its outbox is beside it)
    std::vector<std::string> usbRoots;     // mount roots to watch; empty: kDefaultUsbRoots
    int usbDepth = 2;                      // folders below a root that may be a stick
    int usbPollMs = 2000;                  // how often the roots are looked at
    int firstRunDelayMs = 20000;           // first online round after start-up
    std::string now;                       // UTC override for verification and expiry (tests)
    std::function<void()> wake;            // called from the worker when the UI should look
};

// What the UI shows while a session runs.
enum class SyncActivity { Idle, Checking, Downloading, Applying, Uploading, UsbImporting, UsbExporting };

struct SyncStatus {
    SyncActivity activity = SyncActivity::Idle;
    int percent = -1;  // Downloading / UsbImporting: 0..100 once the size is known, else -1
    bool operator==(const SyncStatus&) const = default;
};

// One stick, handled: what was imported and what was exported.
struct UsbSyncReport {
    std::string stick;          // the mount folder
    UsbImportReport imported;   // importFromUsb
    UsbExportReport exported;   // exportToUsb
    bool exportRan = false;     // false when the kiosk was closed before the export
};

// The last online round.
struct OnlineSyncReport {
    bool updateRan = false;     // sync.url was set
    UpdateReport update;        // updateFromSource
    bool uploadRan = false;     // intake.url was set
    UploadReport upload;        // uploadOutbox
};

// Every Chinese sentence the sync library may put into a report (refusals, transport and
// disk problems), for the glyph atlas: a report must never show boxes.
std::string syncReportSentences();

class SyncWorker {
public:
    explicit SyncWorker(SyncWorkerOptions options);
    ~SyncWorker();
    SyncWorker(const SyncWorker&) = delete;
    SyncWorker& operator=(const SyncWorker&) = delete;

    SyncStatus status() const;                      // as last published
    std::optional<UsbSyncReport> takeUsbReport();   // a stick handled since the last call, once
    std::optional<OnlineSyncReport> lastOnline() const;
    int onlineRounds() const { return onlineRounds_; }  // rounds finished (tests)
    int usbSticksHandled() const { return usbHandled_; }
    bool busy() const { return jobRunning_; }       // a session is running
    int jobsFinished() const { return jobsFinished_; }      // sessions finished, online or USB
    int contentApplied() const { return contentApplied_; }  // sessions that applied new content
    // Starts an online round now instead of at the next interval (staff mode, tests).
    void requestOnlineSync();
    // Handles the sticks inserted now once more, as if they had just been inserted (staff
    // mode: 重新读取U盘, after the office put a newer bundle on the stick).
    void requestUsbAgain();

private:
    void run();                                            // the supervisor thread
    void startJob(std::unique_lock<std::mutex>& lock, bool usb, const std::string& stick);
    void onlineJob();                                      // on the job thread
    void usbJob(const std::string& stick);                 // on the job thread
    std::optional<std::string> findNewStick();             // supervisor: scan the mount roots
    std::chrono::milliseconds onlineInterval() const;      // sync.interval, read from the store
    bool onlineConfigured() const;                         // sync.url or intake.url is set
    SyncStatus computeStatus() const;                      // from progress_ and the job kind
    void publish();                                        // status_ := computeStatus, wake if changed
    HttpOptions httpOptions();
    SyncOptions syncOptions();

    SyncWorkerOptions options_;                 // as given
    SyncProgress progress_;                     // of the running session (sync_session.h)
    std::atomic<int64_t> partialBytes_{0};      // bytes of the file being downloaded
    std::atomic<int64_t> partialBase_{0};       // progress_.bytesDone when partialBytes_ was set
    std::atomic<bool> jobUsb_{false};           // the running job is a stick
    std::atomic<bool> exporting_{false};        // the USB job is exporting
    std::atomic<bool> stop_{false};             // the destructor wants everything to end
    std::atomic<bool> usbAgain_{false};         // requestUsbAgain: handle the present sticks again
    std::atomic<bool> jobRunning_{false};       // a job thread is running
    std::atomic<int> onlineRounds_{0};          // finished online rounds
    std::atomic<int> usbHandled_{0};            // finished sticks
    std::atomic<int> jobsFinished_{0};          // finished sessions of either kind
    std::atomic<int> contentApplied_{0};        // of those, the ones that applied content
    mutable std::mutex mutex_;                  // guards everything below
    std::condition_variable cv_;                // stop, a request, a job finished
    bool onlineRequested_ = false;              // requestOnlineSync
    bool jobDone_ = false;                      // the job thread has finished its work
    SyncStatus status_;                         // last published
    std::optional<UsbSyncReport> usbReport_;    // not yet taken
    std::optional<OnlineSyncReport> online_;    // the last online round
    std::set<std::string> handledSticks_;       // sticks handled and still present
    std::thread job_;                           // the running session
    std::thread thread_;                        // the supervisor, started last
};

}  // namespace zwgk
