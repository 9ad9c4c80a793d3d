// The terminal's side of sync: bring the content store up to the newest signed bundle a
// source offers (a web root over HTTP, or a folder on a USB stick), send the sealed
// applications and a heartbeat to the intake, and export them to a stick.
//
// Update session (updateFromSource; each step names the function that performs it):
//
//   start ─► roots      fetch roots/<N+1>.json while present, each verified by the one
//                       before (verifyRootUpdate) and pinned (Store::pinRoot)
//         ─► deltas     from the held version V: deltas/from-V.json, verified and applied
//                       (applyManifest), V := its version, repeat; a missing link (a gap)
//                       or a failing delta ends the chain
//         ─► snapshot   manifest.json, verified; applied only if newer than V (applyManifest)
//         ─► done       Applied / UpToDate / Refused (verification) / Failed (transport, disk)
//
// applyManifest: download every listed file into the staging folder (content-addressed,
// verified on arrival, resumable), then Store::applyUpdate in one transaction. Nothing is
// applied unless every file verified. The outbox file is never opened by an update.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bundle.h"
#include "http_client.h"

namespace zwgk {

class Store;
class Outbox;

// Where bundles come from. Paths are relative to the web root / bundle folder.
class BundleSource {
public:
    virtual ~BundleSource() = default;
    virtual std::string describe() const = 0;  // URL or folder, for reports
    // A metadata file (manifest.json, roots/3.json, deltas/from-5.json); nullopt when the
    // source does not have it. Throws SyncFailure when the source cannot be read, BundleError
    // TooLarge beyond MAXBYTES.
    virtual std::optional<std::string> fetchSmall(const std::string& path, int64_t maxBytes) = 0;
    // files/<sha256> of ENTRY into DEST, verified (length, hash); BundleError or SyncFailure.
    virtual void fetchFile(const ManifestFile& entry, const std::string& dest) = 0;
};

// The transport or the disk failed (not the content's fault): try again later.
class SyncFailure : public std::runtime_error {
public:
    SyncFailure(const std::string& chinese, const std::string& detail)
        : std::runtime_error(detail), chinese_(chinese) {}
    const std::string& chinese() const { return chinese_; }

private:
    std::string chinese_;  // for the staff screen
};

std::unique_ptr<BundleSource> httpSource(const std::string& baseUrl, const HttpOptions& options);
std::unique_ptr<BundleSource> folderSource(const std::string& dir);

// Progress of a running session, read by the UI thread.
struct SyncProgress {
    std::atomic<int> phase{0};            // 0 idle, 1 checking, 2 downloading, 3 applying, 4 uploading
    std::atomic<int64_t> bytesDone{0};    // downloaded so far in this session
    std::atomic<int64_t> bytesTotal{0};   // to download in this session (known after the manifest)
    std::atomic<int> filesDone{0};        // files fetched
    std::atomic<int> filesTotal{0};       // files to fetch
};

struct SyncOptions {
    std::string stagingDir;               // downloads; default <store>.sync
    std::string now;                      // UTC override (tests); empty: the system clock
    SyncProgress* progress = nullptr;     // optional, for the UI
    std::function<bool()> cancelled;      // optional: stop between files
};

enum class SyncOutcome { Applied, UpToDate, Refused, Failed };
const char* outcomeName(SyncOutcome outcome);  // "applied", "up-to-date", "refused", "failed"

struct UpdateReport {
    SyncOutcome outcome = SyncOutcome::Failed;
    int64_t fromVersion = 0;         // held before
    int64_t toVersion = 0;           // held after
    int rootsAccepted = 0;           // new root versions pinned
    int deltasApplied = 0;           // deltas applied in this session
    bool snapshotApplied = false;    // a full snapshot was applied
    bool deltaGap = false;           // the delta chain broke and the snapshot was used
    std::optional<BundleRefusal> refusal;  // why it was refused
    int64_t bytesFetched = 0;        // content bytes copied or downloaded
    double seconds = 0;              // wall time
    std::string message;             // one line in Chinese for staff
    std::string detail;              // English, for logs and the CLI
    std::vector<std::string> notes;  // what happened, in order (English)
};

// Brings the store at STOREPATH up to the newest bundle SOURCE offers. Never throws for
// content, transport or disk problems: the report says what happened. The store must have
// a pinned root (kiosk-sync trust).
UpdateReport updateFromSource(const std::string& storePath, BundleSource& source, const SyncOptions& options);

// The clock the terminal trusts: the system clock, never earlier than the newest signed time
// it has seen (a terminal whose clock fell back to 1970 still judges expiry correctly).
std::string trustedNow(const std::string& clockFloor, const std::string& override = "");
// True when the applied content's manifest has expired at trustedNow: the terminal then
// shows "内容可能已过期（最后更新：…）".
struct Staleness {
    bool stale = false;          // expired
    std::string lastUpdated;     // YYYY-MM-DD (UTC+8) of the applied bundle, empty if none
};
Staleness contentStaleness(const Store& store, const std::string& nowOverride = "");

// Pins ROOTTEXT (self-signed root metadata) in the store, at install. Refuses to replace a
// pinned root by anything but its chained successor. Returns the version pinned.
int64_t pinTrustedRoot(const std::string& storePath, const std::string& rootText);

// ---------------------------------------------------------------------------------------
// USB sticks
// ---------------------------------------------------------------------------------------
struct UsbImportReport {
    UpdateReport update;                      // what the chosen bundle did
    std::string chosen;                       // the bundle folder used, empty if none
    std::vector<std::string> skipped;         // other folders looked at, with the reason
    bool found = false;                       // any bundle at all
};
// Looks for bundle folders (manifest.json + files/) on the stick at STICKDIR, down to three
// levels, verifies each manifest against the store's root and imports the newest valid
// one newer than the store's. Unrelated files are ignored.
UsbImportReport importFromUsb(const std::string& storePath, const std::string& stickDir, const SyncOptions& options);

struct UsbExportReport {
    std::string folder;           // <stick>/zwgk/export/<terminal-id>
    int applications = 0;         // sealed applications written
    int alreadyThere = 0;         // identical files already on the stick
    bool heartbeat = false;       // heartbeat.json written
    std::string message;          // Chinese, for staff
    std::string error;            // English, empty on success
};
// Writes every application not yet delivered (still sealed) to the stick, then the
// heartbeat and statistics; an application counts as delivered only once its file is on
// the stick in full (written, synced, read back). A full stick: clear error, nothing marked.
UsbExportReport exportToUsb(const std::string& storePath, const std::string& stickDir);

// ---------------------------------------------------------------------------------------
// Intake: applications and heartbeats over HTTP (WebDAV PUT)
// ---------------------------------------------------------------------------------------
struct UploadReport {
    int sent = 0;          // applications the intake confirmed (201/204) in this run
    int failed = 0;        // attempted and not confirmed: retried next time
    int pending = 0;       // still waiting after the run
    bool heartbeat = false;  // heartbeat confirmed
    std::string error;     // English, the first failure
};
// PUTs every pending application to INTAKEURL/<terminal-id>/<application-id>.sealed and
// marks it sent only on 201/204; then the heartbeat to INTAKEURL/<terminal-id>/heartbeat.json.
UploadReport uploadOutbox(const std::string& storePath, const std::string& intakeUrl, const HttpOptions& options);

// The heartbeat a terminal sends (format zwgk-heartbeat/1, see sync/office_tools.h).
std::string heartbeatJson(const Store& store, const Outbox* outbox, const std::string& storePath);
// statistics.json (format zwgk-statistics/2, sync/usage.h) as exported to a stick.
std::string statisticsJson(const Store& store, const Outbox* outbox, const std::string& exportedAt);

}  // namespace zwgk
