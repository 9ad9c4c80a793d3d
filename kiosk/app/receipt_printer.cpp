#include "receipt_printer.h"
#include "event_log.h"


namespace zwgk {

ReceiptPrinter::ReceiptPrinter(std::function<void()> wake) : service_(std::move(wake)) {}

int ReceiptPrinter::print(const OutboxEntry& entry, const IntakeConfig& config, bool reprint, std::string& why) {
    if (config.receiptQueue.empty()) {
        why = "no receipt printer configured (printer.receipt)";
        return 0;
    }
    RenderedPdf pdf;
    const ReceiptContent content = receiptFor(entry, config, reprint ? submissionTimeNow().display : "");
    if (!renderReceiptPdf(content, pdf, why)) return 0;
    PrintRequest request;
    request.server = config.printServer;
    request.queue = config.receiptQueue;
    // The job name is visible to anyone who can list the queue: the code only.
    request.title = "回执 " + entry.trackingCode + (reprint ? " 补打" : "");
    request.pdf = std::move(pdf.bytes);
    // A citizen waits at the printer for a minute at most; after that the job is cancelled
    // (it must not come out later for the next person to take) and staff reprint it.
    request.timeoutSeconds = 60;
    const int id = service_.submit(std::move(request));
    outboxIds_[id] = entry.id;
    return id;
}

std::optional<PrintJob> ReceiptPrinter::job(int id) const { return service_.job(id); }

bool ReceiptPrinter::recordFinished(Outbox& outbox) {
    bool recorded = false;
    for (auto it = outboxIds_.begin(); it != outboxIds_.end();) {
        const auto job = service_.job(it->first);
        if (!job || !job->finished()) {
            ++it;
            continue;
        }
        const bool ok = job->state == JobState::Completed;
        try {
            outbox.setReceiptState(it->second, ok ? "printed" : "failed",
                                   ok ? "" : std::string(printerProblemName(job->problem)) + ": " + job->detail);
        } catch (const std::exception& e) {
            logs::error("receipt.not_recorded", {{"detail", e.what()}});
        }
        if (!ok)
            logs::warn("receipt.not_printed", {{"problem", printerProblemName(job->problem)}, {"detail", job->detail}});
        it = outboxIds_.erase(it);
        recorded = true;
    }
    return recorded;
}

const char* printerProblemKey(PrinterProblem problem) {
    switch (problem) {
    case PrinterProblem::None: return "apply.printer.ok";
    case PrinterProblem::NotConfigured: return "apply.printer.not_configured";
    case PrinterProblem::Unreachable: return "apply.printer.unreachable";
    case PrinterProblem::UnknownQueue: return "apply.printer.unknown_queue";
    case PrinterProblem::Stopped: return "apply.printer.stopped";
    case PrinterProblem::Rejecting: return "apply.printer.rejecting";
    case PrinterProblem::JobAborted: return "apply.printer.aborted";
    case PrinterProblem::JobCancelled: return "apply.printer.cancelled";
    case PrinterProblem::TimedOut: return "apply.printer.timed_out";
    case PrinterProblem::SubmitFailed: break;
    }
    return "apply.printer.submit_failed";
}

}  // namespace zwgk
