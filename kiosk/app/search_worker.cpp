#include "search_worker.h"

#include "pinyin.h"
#include "search_text.h"
#include "store.h"

namespace zwgk {

SearchWorker::SearchWorker(std::string dbPath) : dbPath_(std::move(dbPath)), thread_([this] { run(); }) {}

SearchWorker::~SearchWorker() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void SearchWorker::request(const SearchQuery& query, const std::string& tag) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        pending_ = query;
        pendingTag_ = tag;
    }
    wake_.notify_all();
}

std::optional<SearchResult> SearchWorker::takeResult() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<SearchResult> out;
    out.swap(result_);
    return out;
}

bool SearchWorker::busy() const {
    std::lock_guard<std::mutex> lock(mutex_);
    // A finished result not yet taken counts: the frame that takes it must still come, also
    // when the search ended while the previous frame was being drawn.
    return pending_.has_value() || running_ || result_.has_value();
}

void SearchWorker::run() {
    // The folding table and the pinyin dictionary take ~150 ms to load: do it here, while
    // the citizen is still looking at the home screen, not on the first search.
    search::prepareFolding();
    search::preparePinyin();
    std::unique_ptr<Store> store;
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stop_ || pending_.has_value(); });
        if (stop_) return;
        const SearchQuery query = *pending_;
        const std::string tag = pendingTag_;
        pending_.reset();
        running_ = true;
        lock.unlock();
        SearchResult result;
        result.query = query.text;
        result.tag = tag;
        try {
            if (!store) store = Store::open(dbPath_, Store::Mode::ReadOnly);
            result.hits = store->search(query);
            // Counting every match of a one-character query on 100,000 documents costs
            // ~300 ms; past kCountCap the screen says "more than".
            result.total = store->countSearch(query, kCountCap);
        } catch (const std::exception& e) {
            result.error = e.what();
            store.reset();  // reopen on the next request
        }
        lock.lock();
        running_ = false;
        // A newer request waiting makes this result stale: do not show it.
        if (!pending_) result_ = std::move(result);
    }
}

}  // namespace zwgk
