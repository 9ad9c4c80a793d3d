// The local content store: one SQLite file per terminal.
// This header is the typed query API; only store.cpp includes sqlite3.h.
//
// Section index
//   1. Errors
//   2. Opening, schema, migrations
//   3. Import of a content set (content_source.h produces it)
//   4. Queries used by the screens
//   5. Statistics and the glyph set
//   6. Terminal settings and integrity check
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain.h"

namespace zwgk {

struct ContentSet;      // content_source.h
struct DocumentRecord;  // content_source.h

// What a signed bundle brings besides content: recorded with it in one transaction.
struct BundleStamp {
    std::string contentId;       // manifest content_id
    int64_t version = 0;         // manifest version
    std::string manifestDigest;  // SHA-256 of the manifest file
    std::string created;         // UTC, manifest created (raises the clock floor)
    std::string expires;         // UTC, manifest expires
    std::string appliedAt;       // UTC, when the terminal applied it
    std::string source;          // where it came from: a URL or a USB folder
};

// What the search index of a store was built by (kiosk-sync pack records it in a snapshot
// manifest next to the index it ships; see sync/CONTENT_FORMAT.md, "Prebuilt search index").
// A prebuilt index is used only when tokenizer, textData and layout equal the terminal's.
struct SearchIndexStamp {
    int64_t tokenizer = 0;  // kSearchTokenizerVersion (fts_tokenizer.h)
    std::string textData;   // searchTextDataFingerprint(): folding and pinyin data
    std::string layout;     // 16 hex digits of the SHA-256 of the search tables' CREATE statements
    int64_t schema = 0;     // the store's schema version (for the record)
};

// A snapshot's prebuilt search index: the rows of the FTS5 shadow tables of search_fts and
// search_titles in chunks as Store::exportSearchIndex wrote them.
struct PrebuiltSearchIndex {
    SearchIndexStamp stamp;  // what it was built by
    int chunks = 0;          // chunks nextChunk delivers (for the report)
    // Fills CHUNK with the next chunk's bytes; returns false once none is left (CHUNK then
    // empty). Called on a prefetch thread; may throw (a file that does not verify).
    std::function<bool(std::string& chunk)> nextChunk;
};

// One usage counter row (table usage_counts).
struct UsageCount {
    std::string day;    // YYYY-MM-DD, terminal local time
    std::string kind;   // what was counted (usage.h names the kinds)
    std::string key;    // which one: a document key, a print kind …; empty for plain totals
    int64_t count = 0;  // how many times
};

// One query of the usage statistics (table usage_queries).
struct UsageQuery {
    int year = 0;          // calendar year the counts belong to
    std::string kind;      // search / search.zero
    std::string text;      // the normalised query; empty while fewer sessions typed it
    int64_t sessions = 0;  // distinct sessions that typed it
    int64_t count = 0;     // times it was searched
};

// What applyUpdate did besides the content.
struct ApplyReport {
    bool prebuiltIndex = false;  // the bundle's search index was used as it came
    std::string searchIndex;     // how the index was made, one line (English), for notes
};

// A signed snapshot or delta, ready to apply (sync/bundle.h verified it).
struct ContentUpdate {
    const ContentSet& small;     // every file but the documents (documents here are applied too)
    bool snapshot = true;        // true: replaces all content; false: a delta on `base`
    int64_t base = 0;            // delta: the version the store must hold
    std::vector<std::string> deletedDocuments;  // delta: document keys removed
    // Fills BATCH with the next delivered documents; returns false once none are left.
    std::function<bool(std::vector<DocumentRecord>& batch)> nextDocuments;
    BundleStamp stamp;           // recorded in sync_state
    // Snapshot only: the search index built at pack time. Used (and its rows checked) when
    // built by the terminal's rules, else the index is built here as for every delta.
    std::optional<PrebuiltSearchIndex> prebuiltIndex;
};

// The terminal's trust and sync bookkeeping (table sync_state).
struct SyncState {
    std::string root;            // pinned root metadata (signed JSON), empty: none pinned
    int64_t rootVersion = 0;     // its version
    std::string contentId;       // content id of the applied bundle, empty after a local import
    int64_t version = 0;         // applied bundle version, 0: none (local import or empty)
    std::string manifestDigest;  // SHA-256 of the applied manifest
    std::string created;         // UTC: when the applied bundle was made (最后更新)
    std::string expires;         // UTC: after this the content may be stale
    std::string clockFloor;      // UTC: newest signed time seen; the clock never goes below it
    std::string appliedAt;       // UTC: when it was applied
    std::string source;          // where it came from
    std::string lastAttempt;     // UTC: last sync attempt
    std::string lastResult;      // "ok", "up to date" or the reason it failed (English)
};

// ---------------------------------------------------------------------------------------
// 1. Errors
// ---------------------------------------------------------------------------------------
enum class StoreErrorKind {
    Missing,     // the file does not exist (and was opened without create)
    NotAStore,   // the file exists but is not a SQLite database, or is damaged
    TooNew,      // schema version newer than this program knows
    Empty,       // a store without content (init but no import): meta() throws it
    Io,          // any other SQLite failure: disk full, read-only, locked
    BadContent,  // content set violates a rule (unknown agency key, duplicate key …)
};

class StoreError : public std::runtime_error {
public:
    StoreError(StoreErrorKind kind, const std::string& what)
        : std::runtime_error(what), kind_(kind) {}
    StoreErrorKind kind() const { return kind_; }

private:
    StoreErrorKind kind_;
};

// ---------------------------------------------------------------------------------------
// 2..5. The store
// ---------------------------------------------------------------------------------------
// One Store per thread: the connection and its cached statements are not shared.
class Store {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };
    struct Impl;  // defined in store.cpp; public only so that its helpers can name it

    // Opens PATH. ReadOnly and ReadWrite require an existing store (StoreError Missing or
    // NotAStore otherwise); Create makes the file and schema if needed. ReadWrite and Create
    // run pending migrations. WAL mode, foreign keys on.
    static std::unique_ptr<Store> open(const std::string& path, Mode mode);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    static int latestSchemaVersion();
    int schemaVersion() const;

    // For migration tests and tools: creates a new store at PATH whose schema stops at
    // VERSION (1..latestSchemaVersion()); Store::open in ReadWrite then migrates it.
    static void createAtSchemaVersion(const std::string& path, int version);
    std::string journalMode() const;   // "wal" for every store this program wrote
    bool foreignKeysEnabled() const;   // true on every open store

    // 3. Replaces all content tables with SET in one transaction (the old content stays if
    // anything fails). Also stores the glyph set of the new content.
    void importContent(const ContentSet& set);
    // Applies a verified bundle in one transaction: the store holds the old content or the
    // new, never a mix, whenever the process dies. A delta keeps document ids (links and
    // the search index are updated in place); agencies, topics and areas are updated by key.
    // StoreError BadContent when the content breaks a rule (nothing applied). A snapshot's
    // prebuilt index goes in with the content (same transaction); a few sampled rows must
    // then be found by their own texts, else the index is rebuilt locally (the report says so).
    ApplyReport applyUpdate(const ContentUpdate& update);
    SyncState syncState() const;
    void pinRoot(const std::string& rootText, int64_t rootVersion);
    void raiseClockFloor(const std::string& utc);
    void recordSyncAttempt(const std::string& when, const std::string& result);

    // 4. Queries. All lists are in display order.
    bool hasContent() const;
    // Changes whenever another connection (kiosk-sync, a sync session) commits to this
    // file; the terminal polls it to notice new content without reopening the store.
    int64_t externalChangeCounter() const;
    ContentMeta meta() const;

    std::vector<Agency> agencies() const;
    std::vector<CountedNode> countByAgency() const;   // agencies with their document counts
    std::vector<CountedNode> countByTopic() const;    // 主题分类
    std::vector<CountedNode> countByArea() const;     // 领域: documents + catalogue entries
    // (count = documents in the area + catalogue entries of the area). The agency, topic and
    // area lists hold every node in sort order, including nodes with count 0.
    std::vector<CountedNode> countByYear() const;     // newest year first
    int countDocuments(const DocumentFilter& filter) const;
    std::vector<DocumentSummary> listDocuments(const DocumentFilter& filter, int offset,
                                               int limit) const;  // newest first
    std::optional<Document> document(int64_t id) const;
    std::optional<Document> documentByKey(const std::string& key) const;
    // The image of a document's attachment (POSITION: its index in Document::attachments),
    // with its bytes as they came with the content (PNG or JPEG); nothing when there is none
    // (another document, or a store that predates schema 7).
    std::optional<AttachmentImage> attachmentImage(int64_t documentId, int position) const;
    // Summaries of the given documents in the given order (unknown ids are skipped): for
    // interpretation links and search results.
    std::vector<DocumentSummary> documentSummaries(const std::vector<int64_t>& ids) const;

    std::vector<CatalogueEntry> catalogueEntries(std::optional<int64_t> areaId) const;
    std::optional<CatalogueEntry> catalogueEntry(int64_t id) const;

    std::vector<GuideGroup> guideGroups() const;
    std::vector<Guide> guides(std::optional<int64_t> groupId) const;
    std::optional<Guide> guide(int64_t id) const;
    // 按部门: the departments (agencies) that have guides, with their guide counts (CountedNode
    // id = agency row id, name = its full name), in agency order; and one department's guides.
    std::vector<CountedNode> guideDepartments() const;
    std::vector<Guide> guidesOfDepartment(int64_t agencyId) const;

    std::vector<QA> qas() const;
    std::vector<GazetteIssue> gazetteIssues() const;
    // Announcements whose [starts, ends] contains DATE (YYYY-MM-DD); all when DATE is empty.
    std::vector<Announcement> announcements(const std::string& date) const;

    std::vector<Township> townships() const;
    std::vector<Village> villages(int64_t townshipId) const;
    std::vector<VillageItem> villageItems(int64_t villageId) const;

    std::vector<int> calendarYears() const;
    std::vector<CalendarException> calendarExceptions(int year) const;

    // 进度查询: the published status of the application whose tracking code a citizen typed
    // from the receipt (see compactTrackingCode: case, spaces, hyphens and full-width forms
    // do not matter). Nothing when no status has that code, when CODE cannot be a code, and
    // on a read-only store that predates schema 3.
    std::optional<ApplicationStatus> applicationStatus(const std::string& code) const;
    int64_t countApplicationStatuses() const;
    // The day the published statuses are current to (statuses.json "updated"), for "as of"
    // on the screen and the receipt; empty when the content has no statuses.
    std::string applicationStatusesUpdated() const;

    // 4b. Search over documents (title, 文号, 索引号, body, agency), guides (name,
    // materials, steps) and Q&A (question, answer); simplified/traditional-insensitive,
    // pinyin and pinyin initials match titles. Every hit is checked against its text, so the
    // hits are exactly the rows in which every query term occurs (after folding, see
    // sync/search_text.h) in some field. Order: exact 文号/索引号, then title matches
    // (bm25 when at most 2,000, else most recently added first), then body-only matches
    // (most recently added first).
    // Query text is never FTS5 syntax; bad input gives no hits, never an error.
    std::vector<SearchHit> search(const SearchQuery& query) const;
    // Hits search() would page through. Exact when the index proposes at most 2,000
    // candidates; above that the candidate count (the row check drops very few there).
    // A full count of a very common term costs up to ~300 ms on 100,000 documents (one
    // character: every document); with CAP > 0 counting stops early and CAP + 1 means "more
    // than CAP", for an as-you-type "1000+ results".
    int countSearch(const SearchQuery& query, int cap = 0) const;
    // Drops and refills the search index from the content tables (import does this).
    void rebuildSearchIndex();
    // Merges the index's segments into one (FTS5 'optimize'): queries over common tokens
    // then read one posting list instead of many. Rewrites the whole index: run it after a
    // bulk load, not per keystroke.
    void optimizeSearchIndex();
    // Bytes the search index takes in the file (its FTS5 shadow tables); 0 without one.
    int64_t searchIndexBytes() const;
    // The rules this store's index is built by (for a prebuilt index; kiosk-sync pack).
    SearchIndexStamp searchIndexStamp() const;
    // Writes every row of the search index's FTS5 shadow tables (the format is private to
    // store.cpp, read back by applyUpdate) as chunks of about CHUNKBYTES to SINK, in the order
    // they are inserted again. std::runtime_error when the FTS5 tables have other shadow
    // tables than this program knows (another SQLite): pack without the index then.
    void exportSearchIndex(size_t chunkBytes, const std::function<void(std::string chunk)>& sink) const;

    // 5. Row counts per table, for `kiosk-sync stats`.
    std::vector<std::pair<std::string, int64_t>> tableCounts() const;
    // Every distinct character (UTF-32) used by the content, stored at import so that the
    // terminal builds its glyph atlas without scanning the documents.
    std::u32string glyphSet() const;

    // 5b. Anonymous usage statistics (schema 8; sync/usage.h decides what is counted and
    // keeps query texts private). Kept across content imports and snapshots.
    void addUsage(const std::string& day, const std::string& kind, const std::string& key, int64_t n = 1);
    // Counts one session of KIND on DAY and returns its number (all sessions ever counted).
    int64_t beginUsageSession(const std::string& day, const std::string& kind);
    // One query seen in SESSION, identified by DIGEST; TEXT is stored only once the query's
    // distinct sessions in YEAR reach THRESHOLD (a session counts once).
    void addUsageQuery(int year, const std::string& kind, const std::string& digest, int64_t session,
                       const std::string& text, int threshold);
    std::vector<UsageCount> usageCounts(const std::string& fromDay, const std::string& toDay) const;
    std::vector<UsageQuery> usageQueries(int year) const;  // most sessions first; text empty while withheld
    std::vector<int> usageYears() const;                   // years with any count, oldest first

    // Low-level escape hatch for the synthetic corpus generator and benchmarks: inserts
    // documents in bulk inside one transaction. Agency/topic/area ids must exist.
    // Topic and area are looked up by topicName / areaName (areaName may be empty); the
    // glyph set is not updated.
    void insertDocumentsBulk(const std::vector<Document>& docs);

    // 6. Terminal configuration (zone profile, idle timeout, printers): key/value pairs in the
    // `settings` table, kept across content imports. Reads return nothing on a read-only
    // store that predates schema 2.
    std::optional<std::string> setting(const std::string& key) const;
    std::vector<std::pair<std::string, std::string>> settings() const;  // sorted by key
    void setSetting(const std::string& key, const std::string& value);
    void removeSetting(const std::string& key);
    // config.json of the content (kTerminalConfigKeys), and the value in force: the staff
    // setting if there is one, else the content's.
    std::optional<std::string> contentSetting(const std::string& key) const;
    std::optional<std::string> effectiveSetting(const std::string& key) const;

    // PRAGMA quick_check and foreign_key_check; empty when the store is sound. Reads the
    // whole file: for `kiosk-sync check`, not for start-up.
    std::vector<std::string> integrityProblems() const;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// A tracking code as typed ("ll01 7kx4 m9q2", "LL017KX4M9Q2", "ＬＬ０１－７ＫＸ４…") reduced to the
// form the store compares: upper-case letters and digits without separators. Whitespace
// and hyphens (also the dashes an input method may produce) are dropped, full-width forms
// folded. Empty when TYPED holds anything else, so that it matches no code.
std::string compactTrackingCode(std::string_view typed);

}  // namespace zwgk
