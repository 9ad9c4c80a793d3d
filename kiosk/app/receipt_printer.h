// Prints application receipts without ever holding up the screen: lays the receipt out,
// hands it to the print worker (printing/print_queue.h) and records each outcome in the
// outbox, where staff see which receipts did not print and reprint them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "outbox.h"
#include "print_queue.h"
#include "submission.h"

namespace zwgk {

class ReceiptPrinter {
public:
    // WAKE is called from the print worker whenever a job changes state (thread-safe).
    explicit ReceiptPrinter(std::function<void()> wake);

    // Starts printing ENTRY's receipt on the configured receipt printer. Returns the job id,
    // or 0 with WHY set (no printer configured, the receipt could not be laid out).
    int print(const OutboxEntry& entry, const IntakeConfig& config, bool reprint, std::string& why);
    std::optional<PrintJob> job(int id) const;
    std::vector<PrintJob> jobs() const { return service_.jobs(); }  // for the staff queue, newest first
    bool cancel(int id) { return service_.cancel(id); }
    // Writes finished jobs' outcomes to OUTBOX (once each). True when any was recorded.
    bool recordFinished(Outbox& outbox);

private:
    PrintService service_;                       // the worker thread
    std::map<int, std::string> outboxIds_;       // job id → outbox id, until recorded
};

// The strings key of the sentence staff see for PROBLEM ("apply.printer.stopped" …).
const char* printerProblemKey(PrinterProblem problem);

}  // namespace zwgk
