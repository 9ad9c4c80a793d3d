// Taking an application at the terminal: what the terminal needs to accept one (the office,
// its sealing key, the terminal's id and place), and submitApplication, which seals the
// whole application and commits it to the outbox before anything is printed. Also the
// receipt of an outboxed application, for the first print and for staff reprints.
//
// Terminal settings read here (Store::setting, changed with `kiosk-sync config`):
//   terminal.id        the terminal's id; its first four letters/digits prefix tracking codes
//   terminal.location  where the terminal stands, printed on receipts
//   office.public_key  overrides the content's office_public_key (a staff setting)
//   printer.receipt    CUPS queue of the 80 mm receipt printer
//   printer.server     CUPS server (host:port or socket); empty: the system default
#pragma once

#include <string>
#include <vector>

#include "application.h"
#include "outbox.h"
#include "receipt.h"
#include "store.h"
#include "working_calendar.h"

namespace zwgk {

struct IntakeConfig {
    std::string terminalId;        // terminal.id as configured
    std::string prefix;            // trackingPrefix(terminalId), empty if unusable
    std::string location;          // terminal.location
    std::string office;            // the content's application office (else its publisher)
    std::string zoneName;          // 临澜县政务公开专区
    std::string hotline;           // 12345
    std::string officePublicKey;   // 32 key bytes; empty when missing or malformed
    std::string statusUrl;         // address template with {code}, may be empty
    std::string receiptQueue;      // printer.receipt, empty: no receipt printer
    std::string printServer;       // printer.server
    int64_t contentVersion = 0;    // recorded in each application
    std::vector<std::string> problems;  // strings keys: why applications cannot be taken here
    bool ready() const { return problems.empty(); }
};

// Reads the intake configuration from the content and the terminal settings of STORE.
IntakeConfig loadIntakeConfig(const Store& store);
// The official calendar years in STORE.
WorkingCalendar loadWorkingCalendar(const Store& store);

// The moment of submission as the terminal sees it.
struct SubmissionTime {
    std::string today;      // YYYY-MM-DD (the Art. 31 receipt date)
    std::string timestamp;  // 2026-11-30T14:05:09+08:00
    std::string display;    // 2026-11-30 14:05
};
SubmissionTime submissionTimeNow(const std::string& todayOverride = "");

struct SubmittedApplication {
    OutboxEntry entry;               // as committed, sealed record included
    ApplicationDeadlines deadlines;  // reply, extension, 补正 notice
    std::string statusUrl;           // the status address for this code, empty if none
    std::string submittedDisplay;    // 2026-11-30 14:05
};

// Normalises DRAFT (which must be readyToSubmit: std::invalid_argument otherwise), gives it
// an id and a tracking code, seals it to the office key and commits it to OUTBOX. Returns
// after the commit is durable. StoreError when the outbox cannot be written (nothing is
// half-written: the citizen is told and keeps the draft).
SubmittedApplication submitApplication(Outbox& outbox, const ApplicationDraft& draft, const IntakeConfig& config,
                                       const WorkingCalendar& calendar, const SubmissionTime& time);

// The plain record that submitApplication seals (JSON, UTF-8), for the office and tests.
std::string applicationRecordJson(const ApplicationDraft& normalized, const OutboxEntry& entry,
                                  const ApplicationDeadlines& deadlines, const IntakeConfig& config);

// The demo terminal (the fictional 临澜县's service hall): its id and place, set only where the
// store has none, so that the demo takes applications out of the box.
// The demo also gets staff PIN kDemoStaffPin (README), where none is set.
inline constexpr const char* kDemoStaffPin = "246810";
void configureDemoTerminal(Store& store);

// The status address for CODE: the template with {code} replaced, empty without a template.
std::string statusUrlFor(const IntakeConfig& config, const std::string& code);

// What the receipt of ENTRY says. REPRINTEDAT non-empty: a staff reprint made at that time.
ReceiptContent receiptFor(const OutboxEntry& entry, const IntakeConfig& config, const std::string& reprintedAt = "");

}  // namespace zwgk
