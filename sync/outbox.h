// The application outbox: every 依申请公开 application submitted at this terminal, sealed to
// the central office's key, until the office has confirmed receiving it.
//
// It is its own SQLite file beside the content store (demo.db → demo.outbox.db): content is
// replaced wholesale by sync, applications must survive everything, and a content apply
// never touches this file. Writes are committed with synchronous=FULL (WAL), so a row that
// add() returned for is on disk before the citizen sees a receipt.
//
// In clear the outbox keeps only what a receipt needs: tracking code, times, masked name,
// masked identity document, the information wanted (abridged), the form of provision and
// the due date. Everything else is inside `sealed`.
//
// Receipt state machine (OutboxEntry::receiptState; transitions in the functions named):
//
//   pending ──print job completed──► printed    Outbox::setReceiptState (kiosk ReceiptPrinter)
//   pending ──printer problem──────► failed     Outbox::setReceiptState
//   failed ──reprint completed─────► printed    Outbox::setReceiptState (staff reprint)
//   printed ──reprint──────────────► printed    (receiptPrints counts every completed print)
//   a row added while no printer is configured starts as `failed` with that detail.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store.h"

namespace zwgk {

struct SqliteConnection;

struct OutboxEntry {
    std::string id;               // 32 hex characters, random: the upload name at the intake
    std::string trackingCode;     // LL01-7KX4-M9QH, unique in the outbox
    std::string submittedAt;      // 2026-11-30T14:05:09+08:00
    std::string receivedDate;     // YYYY-MM-DD: the Art. 31 receipt date
    std::string dueDate;          // YYYY-MM-DD: Art. 33 reply date
    bool dueProvisional = false;  // the due date rests on a year without a calendar
    std::string applicant;        // 王*明, or the organisation's name
    std::string idDocument;       // 居民身份证 ****002X
    std::string information;      // the information wanted, abridged
    std::string provision;        // 纸质 · 现场领取
    std::string sealed;           // sealing.h: the whole application, for the office only
    std::string uploadedAt;       // when the intake confirmed it; empty while pending
    std::string receiptState = "pending";  // pending / printed / failed (see above)
    std::string receiptDetail;    // last printer problem, English, for staff
    int receiptPrints = 0;        // completed prints, reprints included
};

// A second application with the same id or tracking code: the caller draws a new code.
class OutboxDuplicate : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Outbox {
public:
    // Opens (creating if needed) the outbox at PATH. StoreError on failure.
    static std::unique_ptr<Outbox> open(const std::string& path);
    // Opens an existing outbox read-only; StoreError Missing when there is none.
    static std::unique_ptr<Outbox> openReadOnly(const std::string& path);
    // The outbox that belongs to the content store at STOREPATH.
    static std::string pathForStore(const std::string& storePath);
    ~Outbox();
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Commits ENTRY durably; OutboxDuplicate if its id or code is taken.
    void add(const OutboxEntry& entry);
    std::optional<OutboxEntry> byCode(const std::string& trackingCode) const;
    std::optional<OutboxEntry> byId(const std::string& id) const;
    // Newest first. PENDINGONLY: not yet confirmed by the intake.
    std::vector<OutboxEntry> entries(bool pendingOnly, int limit = 1000) const;
    int64_t count(bool pendingOnly) const;
    // Records a print outcome: STATE "printed" (counts a print) or "failed" with DETAIL.
    void setReceiptState(const std::string& id, const std::string& state, const std::string& detail);
    // The intake confirmed the upload (201/204) at WHEN.
    void markUploaded(const std::string& id, const std::string& when);
    // PRAGMA integrity_check; empty when sound.
    std::vector<std::string> integrityProblems() const;

private:
    explicit Outbox(std::unique_ptr<SqliteConnection> connection);
    std::unique_ptr<SqliteConnection> db_;  // the outbox file
};

}  // namespace zwgk
