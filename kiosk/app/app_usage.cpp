// App: the anonymous usage statistics (sync/usage.h). The hooks in App::apply, App::push,
// the print paths and the idle reset call these; each count is queued and written between
// frames by flushUsage, which waits while a sync session holds the store (an apply can keep
// it locked for seconds, and a citizen's tap must never wait for that). A count that cannot
// be written (disk full, read-only store) is logged and dropped: statistics never stop
// the terminal.
//
// Sessions: a session starts with the first touch after start-up or after a privacy reset
// (App::updateIdle → beginUsageSession) and ends with the reset (App::resetSession).
#include "app.h"
#include "event_log.h"
#include "usage.h"

namespace zwgk {

void App::countUsage(const char* kind, const std::string& key, int64_t n) {
    if (!store_) return;
    usagePending_.push_back(
        [day = today_, kind = std::string(kind), key, n](Store& store) { store.addUsage(day, kind, key, n); });
}

void App::beginUsageSession() {
    if (!store_ || usageSessionOpen_) return;
    usageSessionOpen_ = true;
    usagePending_.push_back(
        [this, day = today_](Store& store) { usageSession_ = store.beginUsageSession(day, usage::kSession); });
}

void App::countView(const Route& route) {
    if (!store_) return;
    try {
        switch (route.kind) {
        case ScreenKind::Document:
            if (const auto doc = store_->document(route.id)) {
                countUsage(usage::kViewDocument, doc->key);
                countUsage(usage::kViewTopic, doc->topicName);
            }
            break;
        case ScreenKind::CatalogueEntry:
            if (const auto entry = store_->catalogueEntry(route.id)) countUsage(usage::kViewCatalogue, entry->areaName);
            break;
        case ScreenKind::Guide:
            if (const auto guide = store_->guide(route.id)) countUsage(usage::kViewGuide, guide->key);
            break;
        case ScreenKind::QA:
            for (const QA& qa : store_->qas())
                if (qa.id == route.id) countUsage(usage::kViewQA, qa.key);
            break;
        default: break;
        }
    } catch (const std::exception& e) {
        logs::warn("usage.not_counted", {{"what", "view"}, {"detail", e.what()}});
    }
}

// The query the results on the search screen belong to, once per visit of the screen:
// results come as the citizen types, so the query counted is the one they stopped at.
void App::countSearch() {
    const SearchState& search = state_.search;
    if (!store_ || !search.searched || search.query.empty() || search.query == searchCounted_) return;
    searchCounted_ = search.query;
    usagePending_.push_back([this, day = today_, query = search.query, hits = search.total](Store& store) {
        usage::recordSearch(store, day, usageSession_, query, hits);
    });
}

void App::countPrint(const char* kind, int jobId, int pages, bool receipt) {
    countUsage(usage::kPrintJobs, kind);
    countUsage(usage::kPrintPages, kind, pages);
    watchedPrints_[{receipt, jobId}] = kind;
}

void App::countReadAloud() {
    const ScreenKind kind = state_.top().kind;
    countUsage(usage::kReadAloud, kind == ScreenKind::Document ? "document"
                                  : kind == ScreenKind::Guide  ? "guide"
                                  : kind == ScreenKind::QA     ? "qa"
                                                               : "other");
}

// A job that failed, or stalled on a stopped printer, is one printer fault (counted once).
void App::watchPrintFaults() {
    for (auto it = watchedPrints_.begin(); it != watchedPrints_.end();) {
        const auto& [receipt, id] = it->first;
        const std::optional<PrintJob> job = receipt ? printer_->job(id) : hallPrinter_->job(id);
        if (job && (job->state == JobState::Failed || job->state == JobState::Stalled)) {
            countUsage(usage::kPrinterFault, it->second);
            logs::warn("print.fault", {{"kind", it->second},
                                       {"state", jobStateName(job->state)},
                                       {"problem", printerProblemName(job->problem)}});
            it = watchedPrints_.erase(it);
        } else if (!job || job->finished()) {
            it = watchedPrints_.erase(it);
        } else {
            ++it;
        }
    }
}

void App::flushUsage() {
    watchPrintFaults();
    if (usagePending_.empty() || !store_ || (syncer_ && syncer_->busy())) return;
    std::vector<std::function<void(Store&)>> pending = std::move(usagePending_);
    usagePending_.clear();
    for (const auto& write : pending) {
        try {
            write(*store_);
        } catch (const std::exception& e) {
            logs::warn("usage.not_counted", {{"detail", e.what()}});
        }
    }
}

}  // namespace zwgk
