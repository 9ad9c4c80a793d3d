#include "hall_printer.h"

#include <algorithm>
#include <chrono>

#include "print_policy.h"

namespace zwgk {

A4Document a4DocumentFor(const Document& doc, const HallPrintSetup& setup) {
    A4Document a4;
    a4.zoneName = setup.zoneName;
    a4.printedAt = setup.printedAt;
    a4.indexNo = doc.indexNo;
    a4.docNo = doc.docNo;
    a4.agency = doc.agencyName;
    a4.published = doc.published;
    a4.topic = doc.topicName;
    a4.validity = validityName(doc.validity);
    a4.validNote = doc.validNote;
    a4.title = doc.title;
    a4.body = doc.body;
    for (const Attachment& a : doc.attachments) a4.attachments.push_back(a.name);
    a4.signature = doc.signature;
    a4.url = doc.url;
    // Longer than any job may be: refused by the layout with its page count, nothing drawn.
    a4.maxPages = kMaxPagesPerJob;
    return a4;
}

A4GuideChecklist a4ChecklistFor(const Guide& guide, const HallPrintSetup& setup) {
    A4GuideChecklist a4;
    a4.zoneName = setup.zoneName;
    a4.printedAt = setup.printedAt;
    a4.groupName = guide.groupName;
    a4.name = guide.name;
    a4.department = guide.department;
    a4.window = guide.window;
    a4.hours = guide.hours;
    a4.statutoryLimit = guide.statutoryLimit;
    a4.promisedLimit = guide.promisedLimit;
    a4.fee = guide.fee;
    a4.hotline = guide.hotline;
    a4.online = guide.online;
    for (const GuideMaterial& m : guide.materials) a4.materials.push_back({m.name, m.form, m.count, m.note});
    a4.steps = guide.steps;
    a4.basis = guide.basis;
    a4.maxPages = kMaxPagesPerJob;
    return a4;
}

A4VillagePoster a4PosterFor(const Township& township, const Village& village, const std::vector<VillageItem>& items,
                            const std::string& date, const HallPrintSetup& setup) {
    A4VillagePoster poster;
    poster.zoneName = setup.zoneName;
    poster.printedAt = setup.printedAt;
    poster.township = township.name;
    poster.village = village.name;
    poster.date = date;
    for (const VillageItem& item : items)
        poster.items.push_back({item.kind, item.title, item.date, item.summary, item.url});
    poster.maxPages = kMaxPagesPerJob;
    return poster;
}

HallPrinter::HallPrinter(std::function<void()> wake) : wake_(wake), service_(std::move(wake)) {}

HallPrinter::~HallPrinter() {
    if (pending_.valid()) pending_.wait();
}

void HallPrinter::start(std::function<PreparedPrint()> layout) {
    if (pending_.valid()) pending_.wait();  // a layout is bounded (≤ about a second)
    auto wake = wake_;
    pending_ = std::async(std::launch::async, [layout = std::move(layout), wake] {
        PreparedPrint prepared = layout();
        if (wake) wake();
        return prepared;
    });
}

namespace {

// Lays out one order with RENDER (one of a4_pages.h's render functions bound to its pages).
PreparedPrint laidOut(PrintOrderKind kind, std::string label,
                      const std::function<bool(RenderedPdf&, std::string&)>& render) {
    PreparedPrint p;
    p.kind = kind;
    p.label = std::move(label);
    if (!render(p.pdf, p.error) && p.error.empty()) p.error = "排版失败 (layout failed)";
    return p;
}

}  // namespace

void HallPrinter::prepareDocument(const Document& doc, const HallPrintSetup& setup) {
    start([a4 = a4DocumentFor(doc, setup)] {
        return laidOut(PrintOrderKind::Document, a4.title,
                       [&](RenderedPdf& pdf, std::string& error) { return renderDocumentPdf(a4, pdf, error); });
    });
}

void HallPrinter::prepareChecklist(const Guide& guide, const HallPrintSetup& setup) {
    start([a4 = a4ChecklistFor(guide, setup)] {
        return laidOut(PrintOrderKind::GuideChecklist, a4.name + " 材料清单",
                       [&](RenderedPdf& pdf, std::string& error) { return renderGuideChecklistPdf(a4, pdf, error); });
    });
}

void HallPrinter::preparePoster(const A4VillagePoster& poster) {
    start([poster] {
        return laidOut(PrintOrderKind::VillagePoster, poster.village + " 信息公示",
                       [&](RenderedPdf& pdf, std::string& error) { return renderVillagePosterPdf(poster, pdf, error); });
    });
}

std::optional<PreparedPrint> HallPrinter::poll() {
    if (!pending_.valid() || pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
    return pending_.get();
}

int HallPrinter::submit(PreparedPrint prepared, const HallPrintSetup& setup, bool byStaff) {
    if (setup.queue.empty()) return 0;
    PrintRequest request;
    request.server = setup.server;
    request.queue = setup.queue;
    // Public content only: the title is fine as the CUPS job name.
    request.title = prepared.label;
    request.pdf = std::move(prepared.pdf.bytes);
    request.options = {{"media", "A4"}};
    // A4 jobs may be long; staff watch them in the queue. A citizen's job that has not come
    // out after five minutes is cancelled so it cannot print for the next person.
    request.timeoutSeconds = byStaff ? 900 : 300;
    const int id = service_.submit(std::move(request));
    HallJob record;
    record.job.id = id;
    record.label = prepared.label;
    record.pages = prepared.pdf.pages;
    record.byStaff = byStaff;
    submitted_.push_back(std::move(record));
    return id;
}

std::optional<PrintJob> HallPrinter::job(int id) const { return service_.job(id); }

std::vector<HallJob> HallPrinter::jobs() const {
    std::vector<HallJob> out;
    for (const PrintJob& job : service_.jobs()) {
        const auto it = std::find_if(submitted_.begin(), submitted_.end(),
                                     [&](const HallJob& h) { return h.job.id == job.id; });
        HallJob h = it == submitted_.end() ? HallJob{} : *it;
        h.job = job;
        out.push_back(std::move(h));
    }
    return out;
}

bool HallPrinter::cancel(int id) { return service_.cancel(id); }
bool HallPrinter::retry(int id) { return service_.retry(id); }

}  // namespace zwgk
