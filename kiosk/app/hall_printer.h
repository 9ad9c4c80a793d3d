// The hall's A4 printer (printer.a4): documents, guide checklists and village posters, for
// citizens within their page allowance (print_policy.h) and for staff. Laying out a long
// document takes up to a second, so it happens on a helper thread; the screen shows
// 正在准备 meanwhile and polls. Printing itself goes through a PrintService (print_queue.h),
// whose jobs staff see, cancel and retry in the print-queue screen.
//
// An order's life (App drives it; HallPrinter::poll reports the layout):
//   prepare()        Preparing   the layout runs on its own thread
//   poll() → done    the App checks the allowance against the page count, then submit()
//                    or refuses (nothing printed)
//   submit()         the job is in the PrintService: its states as in print_queue.h
#pragma once

#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "a4_pages.h"
#include "domain.h"
#include "print_queue.h"

namespace zwgk {

enum class PrintOrderKind { Document, GuideChecklist, VillagePoster };

// What the printed page says about where and when (footer) and which queue takes it.
struct HallPrintSetup {
    std::string zoneName;   // 临澜县政务公开专区
    std::string printedAt;  // 2026-11-30 14:05
    std::string server;     // printer.server
    std::string queue;      // printer.a4; empty: no A4 printer
};

// One laid-out order, ready to submit.
struct PreparedPrint {
    PrintOrderKind kind = PrintOrderKind::Document;  // what it is
    std::string label;                               // shown to staff and citizen: the item's title
    RenderedPdf pdf;                                 // the pages
    std::string error;                               // layout failed (Chinese, then English), else empty
};

// The A4 structs from content (UI-free, here so that tests can inspect them).
A4Document a4DocumentFor(const Document& doc, const HallPrintSetup& setup);
A4GuideChecklist a4ChecklistFor(const Guide& guide, const HallPrintSetup& setup);
A4VillagePoster a4PosterFor(const Township& township, const Village& village, const std::vector<VillageItem>& items,
                            const std::string& date, const HallPrintSetup& setup);

// A job in the queue as staff see it.
struct HallJob {
    PrintJob job;            // state, problem, attempts (no document bytes)
    std::string label;       // what it is
    int pages = 0;           // its length
    bool byStaff = false;    // printed in staff mode
    bool receipt = false;    // an application receipt (ReceiptPrinter), not an A4 job
};

class HallPrinter {
public:
    explicit HallPrinter(std::function<void()> wake);  // WAKE: a job or a layout changed (any thread)
    ~HallPrinter();

    // Starts laying out an order (one at a time: a newer one replaces a pending one).
    void prepareDocument(const Document& doc, const HallPrintSetup& setup);
    void prepareChecklist(const Guide& guide, const HallPrintSetup& setup);
    void preparePoster(const A4VillagePoster& poster);
    bool preparing() const { return pending_.valid(); }
    // The finished layout, once (empty while it is still running or when nothing was asked).
    std::optional<PreparedPrint> poll();

    // Sends PREPARED to SETUP's queue; returns the job id, 0 when no A4 printer is configured.
    int submit(PreparedPrint prepared, const HallPrintSetup& setup, bool byStaff);
    std::optional<PrintJob> job(int id) const;
    std::vector<HallJob> jobs() const;  // newest first
    bool cancel(int id);
    bool retry(int id);

private:
    void start(std::function<PreparedPrint()> layout);

    std::function<void()> wake_;           // called when a layout finishes
    std::future<PreparedPrint> pending_;   // the layout running now
    PrintService service_;                 // the A4 print worker
    std::vector<HallJob> submitted_;       // labels and page counts by job id
};

}  // namespace zwgk
