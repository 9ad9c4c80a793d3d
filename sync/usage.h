// Anonymous usage statistics for the 政府信息公开工作年度报告: what the terminal counts, how a
// typed query stays private, and the export (format zwgk-statistics/2) that goes to USB,
// to `kiosk-sync usage` and, summarised, into the heartbeat.
//
// Nothing here identifies a citizen: counters are per day, keyed by public content (a
// document's key, a topic) or a fixed kind. Search queries are the exception a citizen
// controls: someone may type their name or ID number. So a query's text is written to the
// store only once kQueryPrivacySessions distinct sessions have typed the same normalised
// text; until then the store holds a keyed BLAKE2b hash of it (key: a random per-terminal
// setting) and the export only says how many queries were withheld.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "store.h"

namespace zwgk::usage {

inline constexpr int kQueryPrivacySessions = 5;

// Counter kinds (usage_counts.kind) and what their key holds.
inline constexpr const char* kSession = "session";              // a citizen's visit; key empty
inline constexpr const char* kViewDocument = "view.document";   // key: document key
inline constexpr const char* kViewTopic = "view.topic";         // key: the document's 主题分类
inline constexpr const char* kViewCatalogue = "view.catalogue"; // key: the entry's 领域
inline constexpr const char* kViewGuide = "view.guide";         // key: guide key
inline constexpr const char* kViewQA = "view.qa";               // key: Q&A key
inline constexpr const char* kSearch = "search";                // key empty (texts in usage_queries)
inline constexpr const char* kSearchZero = "search.zero";       // a search that found nothing
inline constexpr const char* kPrintJobs = "print.jobs";         // key: document / guide / poster / receipt
inline constexpr const char* kPrintPages = "print.pages";       // same keys, pages
inline constexpr const char* kPrinterFault = "printer.fault";   // a job failed or stalled; same keys
inline constexpr const char* kApplication = "application";      // key: 自然人 / 法人或其他组织
inline constexpr const char* kReadAloud = "read_aloud";         // key: what was read (document …)

// Trimmed, inner whitespace collapsed to one space, full-width forms folded, Traditional →
// Simplified and ASCII lower-cased (the search index's folding, search_text.h), so that
// "  低保 " and "低保" and "低保" count as one query.
std::string normaliseQuery(std::string_view typed);

// The per-terminal hash key (setting usage.query_key, made on first use).
std::string queryKey(Store& store);

// Records one search of TYPED in SESSION (a number from Store::beginUsageSession) on DAY
// (YYYY-MM-DD): counts it, and counts it as zero-result when HITS is 0. An empty query
// after normalisation is not counted.
void recordSearch(Store& store, const std::string& day, int64_t session, std::string_view typed, int hits);

// The export for the days FROM..TO (YYYY-MM-DD, inclusive), format zwgk-statistics/2; see
// README "Usage statistics" for the fields.
nlohmann::json exportJson(const Store& store, const std::string& from, const std::string& to,
                          const std::string& exportedAt);
// A calendar year's export (FROM/TO = the year's first and last day).
nlohmann::json exportYear(const Store& store, int year, const std::string& exportedAt);
// The heartbeat's summary: this year's totals only.
nlohmann::json heartbeatSummary(const Store& store, int year);
// The export as text for staff and administrators (kiosk-sync usage).
std::string reportText(const nlohmann::json& exported);

}  // namespace zwgk::usage
