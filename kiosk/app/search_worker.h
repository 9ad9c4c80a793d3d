// Runs searches off the UI thread: a query on a large store can take longer than a frame,
// and a citizen typing must never see the keyboard stall. The worker has its own read-only
// connection (a Store is not shared between threads); only the newest request matters, so
// a request that arrives while one runs replaces any that is still waiting.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "domain.h"

namespace zwgk {

// The most matches counted exactly; more shows as "more than kCountCap".
inline constexpr int kCountCap = 1000;

struct SearchResult {
    std::string query;            // the text searched
    std::string tag;              // the caller's name for the request (text + filters)
    std::vector<SearchHit> hits;  // first page, best first
    int total = 0;                // all matches, or kCountCap + 1 for more than kCountCap
    std::string error;            // why the search failed (the store went away …)
};

class SearchWorker {
public:
    explicit SearchWorker(std::string dbPath);
    ~SearchWorker();
    SearchWorker(const SearchWorker&) = delete;
    SearchWorker& operator=(const SearchWorker&) = delete;

    void request(const SearchQuery& query, const std::string& tag);  // replaces one not yet started
    std::optional<SearchResult> takeResult();  // the newest finished result, once
    bool busy() const;                       // a request is waiting or running, or its result untaken

private:
    void run();

    std::string dbPath_;                      // the store to open read-only
    mutable std::mutex mutex_;                // guards everything below
    std::condition_variable wake_;            // a request arrived or stop
    std::optional<SearchQuery> pending_;      // next request to run
    std::string pendingTag_;                  // its tag
    bool running_ = false;                    // the worker is searching now
    std::optional<SearchResult> result_;      // finished, not yet taken
    bool stop_ = false;                       // the destructor wants the thread to end
    std::thread thread_;                      // started last, joined in the destructor
};

}  // namespace zwgk
