// The SQLite content store. Everything SQLite-specific lives in this file.
//
// Layout decisions that the queries depend on:
//   * document bodies live in document_texts, apart from the documents table, so that the
//     browse counts and lists read small rows and covering indexes only;
//   * every browse index ends with `published`, so "newest first" within an agency, topic,
//     area or year is an index range read backwards, never a sort;
//   * a year filter is a `published` range, so it combines with the other indexes;
//   * search (schema 4) uses two contentless FTS5 tables with the "zwgk" tokenizer
//     (fts_tokenizer.cpp, rules in search_text.h): FTS5 proposes candidates, and every row
//     shown is checked against its own text, so hits equal a substring scan.
#include "store.h"

#include "sqlite_connection.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "batch_prefetch.h"
#include "content_source.h"
#include "fts_tokenizer.h"
#include "search_text.h"
#include "pinyin.h"
#include "glyphs.h"
#include "signing.h"
#include "script_convert.h"
#include "utf8.h"

namespace zwgk {

namespace fs = std::filesystem;

namespace {

// PRAGMA application_id marks our files ("ZWGK"), so that another program's SQLite database
// is refused instead of being migrated.
constexpr int32_t kApplicationId = 0x5A57474B;

struct Migration {
    int version;          // user_version after it ran
    const char* purpose;  // for error messages
    const char* sql;      // statements run in one transaction
};

// Ordered list; append, never edit a released entry: stores in the field are at every step.
const Migration kMigrations[] = {
    {1, "content schema", R"SQL(
CREATE TABLE content_meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    content_id  TEXT NOT NULL,
    county      TEXT NOT NULL,
    city        TEXT NOT NULL,
    publisher   TEXT NOT NULL,
    zone_name   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    generated   TEXT NOT NULL,
    hotline     TEXT NOT NULL,
    website     TEXT NOT NULL
);
CREATE TABLE agencies (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL,
    code        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    address     TEXT NOT NULL,
    phone       TEXT NOT NULL,
    sort        INTEGER NOT NULL
);
CREATE TABLE topics (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    sort  INTEGER NOT NULL
);
CREATE TABLE areas (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,
    name  TEXT NOT NULL,
    sort  INTEGER NOT NULL
);
CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    key            TEXT NOT NULL UNIQUE,
    index_no       TEXT NOT NULL UNIQUE,
    doc_no         TEXT NOT NULL,
    title          TEXT NOT NULL,
    agency_id      INTEGER NOT NULL REFERENCES agencies(id),
    topic_id       INTEGER NOT NULL REFERENCES topics(id),
    area_id        INTEGER REFERENCES areas(id),
    created        TEXT NOT NULL,
    published      TEXT NOT NULL,
    year           INTEGER NOT NULL,
    disclosure     TEXT NOT NULL,
    validity       INTEGER NOT NULL CHECK (validity IN (0, 1, 2)),
    valid_note     TEXT NOT NULL,
    url            TEXT NOT NULL,
    interprets_id  INTEGER REFERENCES documents(id)
);
CREATE INDEX documents_by_published ON documents(published);
CREATE INDEX documents_by_agency ON documents(agency_id, published);
CREATE INDEX documents_by_topic ON documents(topic_id, published);
CREATE INDEX documents_by_area ON documents(area_id, published);
CREATE INDEX documents_by_year ON documents(year, published);
CREATE INDEX documents_by_interprets ON documents(interprets_id) WHERE interprets_id IS NOT NULL;
-- Browse counts kept at write time: the home and catalogue screens show them on every
-- visit, and counting 100,000 index entries per list costs milliseconds each time.
-- dimension: 0 all documents (node 0), 1 agency, 2 topic, 3 area, 4 year.
CREATE TABLE document_counts (
    dimension  INTEGER NOT NULL,
    node       INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    PRIMARY KEY (dimension, node)
) WITHOUT ROWID;
CREATE TABLE document_texts (
    doc_id     INTEGER PRIMARY KEY REFERENCES documents(id),
    body       TEXT NOT NULL,
    signature  TEXT NOT NULL
);
CREATE TABLE document_attachments (
    doc_id  INTEGER NOT NULL REFERENCES documents(id),
    seq     INTEGER NOT NULL,
    name    TEXT NOT NULL,
    file    TEXT NOT NULL,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;
CREATE TABLE gazette_issues (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    year       INTEGER NOT NULL,
    issue      INTEGER NOT NULL,
    title      TEXT NOT NULL,
    published  TEXT NOT NULL,
    UNIQUE (year, issue)
);
CREATE TABLE gazette_contents (
    issue_id  INTEGER NOT NULL REFERENCES gazette_issues(id),
    seq       INTEGER NOT NULL,
    doc_id    INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (issue_id, seq)
) WITHOUT ROWID;
CREATE INDEX gazette_contents_by_doc ON gazette_contents(doc_id);
CREATE TABLE catalogue_entries (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    area_id     INTEGER NOT NULL REFERENCES areas(id),
    item_l1     TEXT NOT NULL,
    item_l2     TEXT NOT NULL,
    content     TEXT NOT NULL,
    basis       TEXT NOT NULL,
    time_limit  TEXT NOT NULL,
    subject     TEXT NOT NULL,
    channels    TEXT NOT NULL,
    audience    TEXT NOT NULL,
    method      TEXT NOT NULL,
    levels      TEXT NOT NULL,
    sort        INTEGER NOT NULL
);
CREATE INDEX catalogue_by_area ON catalogue_entries(area_id, sort);
CREATE TABLE guide_groups (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    sort         INTEGER NOT NULL
);
CREATE TABLE guides (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,
    group_id         INTEGER NOT NULL REFERENCES guide_groups(id),
    name             TEXT NOT NULL,
    department_id    INTEGER NOT NULL REFERENCES agencies(id),
    window           TEXT NOT NULL,
    materials        TEXT NOT NULL,
    steps            TEXT NOT NULL,
    statutory_limit  TEXT NOT NULL,
    promised_limit   TEXT NOT NULL,
    fee              TEXT NOT NULL,
    basis            TEXT NOT NULL,
    hours            TEXT NOT NULL,
    hotline          TEXT NOT NULL,
    online           TEXT NOT NULL,
    sort             INTEGER NOT NULL
);
CREATE INDEX guides_by_group ON guides(group_id, sort);
CREATE INDEX guides_by_department ON guides(department_id);
CREATE TABLE qa (
    id        INTEGER PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    topic_id  INTEGER NOT NULL REFERENCES topics(id),
    question  TEXT NOT NULL,
    answer    TEXT NOT NULL,
    source    TEXT NOT NULL,
    date      TEXT NOT NULL,
    url       TEXT NOT NULL,
    sort      INTEGER NOT NULL
);
CREATE INDEX qa_by_topic ON qa(topic_id);
CREATE TABLE announcements (
    id      INTEGER PRIMARY KEY,
    key     TEXT NOT NULL UNIQUE,
    title   TEXT NOT NULL,
    body    TEXT NOT NULL,
    kind    TEXT NOT NULL,
    starts  TEXT NOT NULL,
    ends    TEXT NOT NULL,
    sort    INTEGER NOT NULL
);
CREATE TABLE townships (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    agency_id  INTEGER REFERENCES agencies(id),
    sort       INTEGER NOT NULL
);
CREATE TABLE villages (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    township_id  INTEGER NOT NULL REFERENCES townships(id),
    name         TEXT NOT NULL,
    sort         INTEGER NOT NULL
);
CREATE INDEX villages_by_township ON villages(township_id, sort);
CREATE TABLE village_items (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    village_id  INTEGER NOT NULL REFERENCES villages(id),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    date        TEXT NOT NULL,
    url         TEXT NOT NULL,
    sort        INTEGER NOT NULL
);
CREATE INDEX village_items_by_village ON village_items(village_id, date);
CREATE TABLE calendar_years (
    year    INTEGER PRIMARY KEY,
    source  TEXT NOT NULL
);
CREATE TABLE calendar_days (
    date     TEXT PRIMARY KEY,
    year     INTEGER NOT NULL REFERENCES calendar_years(year),
    working  INTEGER NOT NULL CHECK (working IN (0, 1)),
    holiday  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX calendar_days_by_year ON calendar_days(year);
CREATE TABLE glyph_set (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    chars  TEXT NOT NULL
);
)SQL"},
    {2, "terminal settings", R"SQL(
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
)SQL"},
    {3, "application statuses", R"SQL(
CREATE TABLE application_statuses (
    code          TEXT PRIMARY KEY,
    status        TEXT NOT NULL,
    received      TEXT NOT NULL,
    due           TEXT NOT NULL,
    extended_due  TEXT NOT NULL,
    updated       TEXT NOT NULL,
    note          TEXT NOT NULL
) WITHOUT ROWID;
-- Citizens type codes without their hyphens as often as with them: lookups compare the
-- compact form through this index, and UNIQUE keeps a typed code from matching two rows.
CREATE UNIQUE INDEX application_statuses_by_compact_code
    ON application_statuses(replace(code, '-', ''));
ALTER TABLE content_meta ADD COLUMN statuses_updated TEXT NOT NULL DEFAULT '';
)SQL"},
    // Contentless: the texts already live in documents, guides and qa, and snippets are cut
    // from them after the row check, so a second copy would only double the file. The index
    // is rebuilt from those tables (Store::rebuildSearchIndex), which migrate() also does
    // right after this step. rowid = id * 4 + kind (0 document, 1 guide, 2 Q&A).
    // search_titles repeats the short fields on their own: a column filter on search_fts
    // still walks the body postings of every document containing the phrase (20-40 ms for
    // 政务公开 on 100,000 documents), the small table answers "in a title" in well under 1 ms.
    {4, "search index", R"SQL(
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, doc_no, index_no, body, agency, py_initials, py_full,
    content = '', tokenize = 'zwgk');
CREATE VIRTUAL TABLE search_titles USING fts5(
    title, doc_no, index_no, py_initials, py_full,
    content = '', tokenize = 'zwgk');
)SQL"},
    // Where 依申请公开 applications go: the receiving office, the key they are sealed to and
    // the address printed as the receipt's status QR code.
    {5, "application intake", R"SQL(
ALTER TABLE content_meta ADD COLUMN application_office TEXT NOT NULL DEFAULT '';
ALTER TABLE content_meta ADD COLUMN office_public_key TEXT NOT NULL DEFAULT '';
ALTER TABLE content_meta ADD COLUMN status_url TEXT NOT NULL DEFAULT '';
)SQL"},
    // Signed content (sync/bundle.h): the pinned root and what was applied, kept in the same
    // file as the content so that both change in one transaction. content_settings holds the
    // terminal configuration that arrives with the content (config.json); `settings` stays
    // the staff overrides.
    {6, "signed content", R"SQL(
CREATE TABLE sync_state (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    root             TEXT NOT NULL DEFAULT '',
    root_version     INTEGER NOT NULL DEFAULT 0,
    content_id       TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 0,
    manifest_digest  TEXT NOT NULL DEFAULT '',
    created          TEXT NOT NULL DEFAULT '',
    expires          TEXT NOT NULL DEFAULT '',
    clock_floor      TEXT NOT NULL DEFAULT '',
    applied_at       TEXT NOT NULL DEFAULT '',
    source           TEXT NOT NULL DEFAULT '',
    last_attempt     TEXT NOT NULL DEFAULT '',
    last_result      TEXT NOT NULL DEFAULT ''
);
INSERT INTO sync_state (id) VALUES (1);
CREATE TABLE content_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
)SQL"},
    // The images documents attach (一图读懂), by their path in the content (images/x.png,
    // document_attachments.file). The bytes live in the store, so that an apply switches
    // them with the documents in one transaction. A rowid table: rows are large.
    {7, "content images", R"SQL(
CREATE TABLE content_images (
    id      INTEGER PRIMARY KEY,
    file    TEXT NOT NULL UNIQUE,
    width   INTEGER NOT NULL,
    height  INTEGER NOT NULL,
    bytes   BLOB NOT NULL
);
)SQL"},
    // Anonymous usage statistics (sync/usage.h). Not content: applyContent never touches
    // these tables, so a snapshot that replaces every document keeps the counts. A query's
    // text is written only once kQueryPrivacySessions sessions have typed it; until then
    // the row holds a keyed hash of it (the key is a terminal setting).
    {8, "usage statistics", R"SQL(
CREATE TABLE usage_counts (
    day    TEXT NOT NULL,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL DEFAULT '',
    count  INTEGER NOT NULL,
    PRIMARY KEY (day, kind, key)
) WITHOUT ROWID;
CREATE TABLE usage_queries (
    year          INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    digest        BLOB NOT NULL,
    sessions      INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    last_session  INTEGER NOT NULL,
    text          TEXT,
    PRIMARY KEY (year, kind, digest)
) WITHOUT ROWID;
)SQL"},
};

constexpr int kLatestVersion = static_cast<int>(std::size(kMigrations));

// Content tables, children before parents so that deleting in this order never trips a
// foreign key. `settings` is terminal configuration and survives imports.
const char* const kContentTables[] = {
    "document_counts",  "gazette_contents", "gazette_issues", "document_attachments", "document_texts",
    "documents",        "catalogue_entries", "guides",          "guide_groups",
    "qa",               "announcements",  "village_items",      "villages",
    "townships",        "calendar_days",  "calendar_years",     "agencies",
    "topics",           "areas",          "glyph_set",          "content_meta",
    "application_statuses", "content_settings", "content_images",
};

// Report order for `kiosk-sync stats`: parents first, as an administrator reads them.
const char* const kReportTables[] = {
    "content_meta", "agencies",      "topics",        "areas",          "documents",
    "document_texts", "document_attachments", "gazette_issues", "gazette_contents",
    "catalogue_entries", "guide_groups", "guides",    "qa",             "announcements",
    "townships",    "villages",      "village_items", "calendar_years", "calendar_days",
    "glyph_set",    "document_counts",
};

// The true browse counts, as rows of document_counts. Used to fill the table after an
// import and by the integrity check to compare against what is stored.
constexpr const char* kTrueCounts =
    "SELECT 0 AS dimension, 0 AS node, count(*) AS count FROM documents "
    "UNION ALL SELECT 1, agency_id, count(*) FROM documents GROUP BY agency_id "
    "UNION ALL SELECT 2, topic_id, count(*) FROM documents GROUP BY topic_id "
    "UNION ALL SELECT 3, area_id, count(*) FROM documents WHERE area_id IS NOT NULL GROUP BY area_id "
    "UNION ALL SELECT 4, year, count(*) FROM documents GROUP BY year";

enum CountDimension { kCountAll = 0, kCountAgency = 1, kCountTopic = 2, kCountArea = 3, kCountYear = 4 };

std::string joinLines(const std::vector<std::string>& lines) {
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i) joined += '\n';
        joined += lines[i];
    }
    return joined;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    if (text.empty()) return lines;
    size_t start = 0;
    while (true) {
        size_t end = text.find('\n', start);
        lines.push_back(text.substr(start, end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

std::string materialsToJson(const std::vector<GuideMaterial>& materials) {
    nlohmann::json array = nlohmann::json::array();
    for (const GuideMaterial& m : materials)
        array.push_back({{"name", m.name}, {"form", m.form}, {"count", m.count}, {"note", m.note}});
    return array.dump();
}

std::vector<GuideMaterial> materialsFromJson(const std::string& text) {
    std::vector<GuideMaterial> materials;
    nlohmann::json array = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!array.is_array()) return materials;
    for (const auto& m : array) {
        GuideMaterial material;
        material.name = m.value("name", "");
        material.form = m.value("form", "");
        material.count = m.value("count", 1);
        material.note = m.value("note", "");
        materials.push_back(std::move(material));
    }
    return materials;
}

int validityCode(Validity v) { return static_cast<int>(v); }

Validity validityFromCode(int64_t code) {
    switch (code) {
    case 1: return Validity::Expired;
    case 2: return Validity::Repealed;
    default: return Validity::Valid;
    }
}

std::string yearStart(int year) {
    char buffer[24];  // room for any int, so the compiler sees no truncation
    std::snprintf(buffer, sizeof buffer, "%04d-01-01", year);
    return buffer;
}

std::string nextYearStart(int year) { return yearStart(year + 1); }

uint32_t bigEndian32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

// Cheap checks on the 100-byte header before SQLite sees the file: random bytes and
// truncated copies (an interrupted USB copy) must be reported as such, and PRAGMA
// quick_check would read the whole file (hundreds of MB on a full store).
// Returns false for an empty (zero-length) file; throws NotAStore for anything else wrong.
bool checkFileHeader(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw StoreError(StoreErrorKind::NotAStore,
                         "cannot open store " + path + ": is a directory, not a kiosk content store");
    const uintmax_t size = fs::file_size(path, ec);
    if (ec) throw StoreError(StoreErrorKind::Io, "cannot open store " + path + ": " + ec.message());
    if (size == 0) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw StoreError(StoreErrorKind::Io, "cannot open store " + path + ": cannot read the file");
    std::array<unsigned char, 100> header{};
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    const auto notAStore = [&](const std::string& why) {
        return StoreError(StoreErrorKind::NotAStore,
                          "cannot open store " + path + ": file is not a kiosk content store (" + why + ")");
    };
    if (in.gcount() < 100 || std::memcmp(header.data(), "SQLite format 3", 16) != 0)
        throw notAStore("not a SQLite database");
    uint32_t pageSize = (uint32_t(header[16]) << 8) | header[17];
    if (pageSize == 1) pageSize = 65536;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
        throw notAStore("damaged SQLite header");
    // The in-header page count is only trustworthy when "version-valid-for" matches the
    // change counter, and a pending WAL may legitimately hold pages beyond the main file.
    const bool walPending = fs::file_size(path + "-wal", ec) > 0 && !ec;
    const uint32_t pageCount = bigEndian32(&header[28]);
    if (!walPending && pageCount > 0 && bigEndian32(&header[92]) == bigEndian32(&header[24])) {
        const uintmax_t expected = uintmax_t(pageCount) * pageSize;
        if (size < expected)
            throw notAStore("truncated: " + std::to_string(size) + " of " +
                            std::to_string(expected) + " bytes");
    }
    return true;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Connection state (the statement helpers are in sqlite_connection.h)
// ---------------------------------------------------------------------------------------
struct Store::Impl : SqliteConnection {
    Mode mode = Mode::ReadOnly; // how the store was opened
    int version = 0;            // PRAGMA user_version after migrations
    bool deferSearchIndex = false;  // a prebuilt index follows: rows are not indexed one by one

    void migrate(int target);
};

// Search index maintenance (defined with the search queries below).
void refillSearchIndex(Store::Impl& impl);
void indexSearchRow(Store::Impl& impl, int64_t rowid);
void unindexSearchRow(Store::Impl& impl, int64_t rowid);
// Runs an FTS5 special command ('optimize', 'delete-all') on both search indexes.
void searchIndexCommand(Store::Impl& impl, const char* command);
// A snapshot's prebuilt index (defined at the end of this file).
void recreateSearchTables(Store::Impl& impl);
void loadPrebuiltIndex(Store::Impl& impl, const PrebuiltSearchIndex& index);
std::string checkPrebuiltIndex(Store::Impl& impl);
namespace {
// The prebuilt data cannot be used (a bad pack or another FTS5 format): build locally.
struct PrebuiltIndexError : std::runtime_error {
    using std::runtime_error::runtime_error;
};
}  // namespace

void Store::Impl::migrate(int target) {
    for (const Migration& m : kMigrations) {
        if (m.version <= version || m.version > target) continue;
        Transaction transaction(*this);
        exec(m.sql, std::string("migrating to schema ") + std::to_string(m.version) + " (" +
                        m.purpose + ")");
        // A store migrated with content in it gets its search index at once.
        if (m.version == 4) refillSearchIndex(*this);
        if (m.version == 1)
            exec("PRAGMA application_id = " + std::to_string(kApplicationId), "marking the store");
        exec("PRAGMA user_version = " + std::to_string(m.version), "recording the schema version");
        transaction.commit();
        version = m.version;
    }
}

// ---------------------------------------------------------------------------------------
// Opening
// ---------------------------------------------------------------------------------------
namespace {

std::unique_ptr<Store::Impl> connect(const std::string& path, Store::Mode mode,
                                     int migrateTo) {
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (!exists && mode != Store::Mode::Create)
        throw StoreError(StoreErrorKind::Missing, "cannot open store " + path + ": no such file");
    const bool hasData = exists && checkFileHeader(path);
    if (exists && !hasData && mode != Store::Mode::Create)
        throw StoreError(StoreErrorKind::NotAStore,
                         "cannot open store " + path + ": file is empty, not a kiosk content store");

    auto impl = std::make_unique<Store::Impl>();
    impl->path = path;
    impl->mode = mode;
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    if (mode == Store::Mode::ReadOnly) flags |= SQLITE_OPEN_READONLY;
    else flags |= SQLITE_OPEN_READWRITE | (mode == Store::Mode::Create ? SQLITE_OPEN_CREATE : 0);

    // Plain paths through the URI parser: "file:" + percent-escaped path.
    auto uriFor = [](const std::string& p, bool immutable) {
        std::string uri = "file:";
        for (unsigned char c : fs::absolute(p).string()) {
            if (std::isalnum(c) || std::strchr("/-_.~", c)) uri += static_cast<char>(c);
            else {
                char escaped[4];
                std::snprintf(escaped, sizeof escaped, "%%%02X", c);
                uri += escaped;
            }
        }
        if (immutable) uri += "?immutable=1";
        return uri;
    };

    auto openWith = [&](bool immutable) -> int {
        if (impl->db) {
            sqlite3_close_v2(impl->db);
            impl->db = nullptr;
        }
        int rc = sqlite3_open_v2(uriFor(path, immutable).c_str(), &impl->db, flags, nullptr);
        if (rc != SQLITE_OK) return rc;
        sqlite3_extended_result_codes(impl->db, 1);
        sqlite3_busy_timeout(impl->db, 5000);
        // The first read of the schema is where SQLite notices a foreign or damaged file.
        sqlite3_stmt* s = nullptr;
        rc = sqlite3_prepare_v2(impl->db, "SELECT count(*) FROM sqlite_schema", -1, &s, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(s);
            rc = (rc == SQLITE_ROW) ? SQLITE_OK : rc;
        }
        sqlite3_finalize(s);
        return rc;
    };

    int rc = openWith(false);
    // A WAL store in a read-only directory cannot get its -shm file; nothing can write to it
    // either, so reading it as immutable is safe.
    if (rc != SQLITE_OK && mode == Store::Mode::ReadOnly &&
        ((rc & 0xFF) == SQLITE_CANTOPEN || (rc & 0xFF) == SQLITE_READONLY))
        rc = openWith(true);
    if (rc != SQLITE_OK) {
        const int primary = rc & 0xFF;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            throw StoreError(StoreErrorKind::NotAStore,
                             "cannot open store " + path +
                                 ": file is not a kiosk content store (not a SQLite database or damaged)");
        std::string detail = impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc);
        throw StoreError(StoreErrorKind::Io, "cannot open store " + path + ": " + detail);
    }

    // Before any migration or query touches the search table, which names the tokenizer.
    if (std::string error; !registerSearchTokenizer(impl->db, error))
        throw StoreError(StoreErrorKind::Io, "cannot open store " + path + ": " + error);

    const int64_t applicationId = impl->pragmaInteger("PRAGMA application_id");
    const int64_t version = impl->pragmaInteger("PRAGMA user_version");
    const int64_t objects = impl->pragmaInteger("SELECT count(*) FROM sqlite_schema");
    const bool blank = applicationId == 0 && version == 0 && objects == 0;
    if (blank && mode != Store::Mode::Create)
        throw StoreError(StoreErrorKind::NotAStore,
                         "cannot open store " + path +
                             ": file is an empty SQLite database, not a kiosk content store "
                             "(create it with kiosk-sync init)");
    if (!blank && applicationId != kApplicationId)
        throw StoreError(StoreErrorKind::NotAStore,
                         "cannot open store " + path +
                             ": file is not a kiosk content store (a SQLite database of another program)");
    if (version > kLatestVersion)
        throw StoreError(StoreErrorKind::TooNew,
                         "cannot open store " + path + ": schema version " + std::to_string(version) +
                             " is newer than this program knows (" + std::to_string(kLatestVersion) +
                             "); update the terminal software");
    impl->version = static_cast<int>(version);

    if (mode != Store::Mode::ReadOnly) {
        // WAL lets the kiosk read while kiosk-sync imports; the mode is stored in the file.
        impl->exec("PRAGMA journal_mode = WAL", "switching to WAL mode");
        impl->exec("PRAGMA synchronous = NORMAL", "setting synchronous mode");
        impl->migrate(migrateTo);
    }
    impl->exec("PRAGMA foreign_keys = ON", "enabling foreign keys");
    return impl;
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, Mode mode) {
    return std::unique_ptr<Store>(new Store(connect(path, mode, kLatestVersion)));
}

void Store::createAtSchemaVersion(const std::string& path, int version) {
    if (version < 1 || version > kLatestVersion)
        throw StoreError(StoreErrorKind::TooNew, "no schema version " + std::to_string(version));
    std::error_code ec;
    if (fs::exists(path, ec))
        throw StoreError(StoreErrorKind::Io, "cannot create store " + path + ": file exists");
    connect(path, Mode::Create, version);
}

int Store::latestSchemaVersion() { return kLatestVersion; }
int Store::schemaVersion() const { return impl_->version; }

std::string Store::journalMode() const {
    Query q(*impl_, "PRAGMA journal_mode");
    return q.next() ? q.text(0) : std::string();
}

int64_t Store::externalChangeCounter() const {
    Query q(*impl_, "PRAGMA data_version");
    return q.next() ? q.integer(0) : 0;
}

bool Store::foreignKeysEnabled() const {
    Query q(*impl_, "PRAGMA foreign_keys");
    return q.next() && q.integer(0) == 1;
}

// ---------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------
namespace {

constexpr const char* kInsertDocument =
    "INSERT INTO documents (key, index_no, doc_no, title, agency_id, topic_id, area_id, created, "
    "published, year, disclosure, validity, valid_note, url, interprets_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
constexpr const char* kInsertText =
    "INSERT INTO document_texts (doc_id, body, signature) VALUES (?1, ?2, ?3)";
constexpr const char* kInsertAttachment =
    "INSERT INTO document_attachments (doc_id, seq, name, file) VALUES (?1, ?2, ?3, ?4)";

struct DocumentRow {
    const std::string& key;                      // content key
    const std::string& indexNo;                  // 索引号
    const std::string& docNo;                    // 文号
    const std::string& title;                    // title
    int64_t agencyId;                            // resolved agency
    int64_t topicId;                             // resolved topic
    std::optional<int64_t> areaId;               // resolved area, if any
    const std::string& created;                  // 生成日期
    const std::string& published;                // 发布日期
    const std::string& disclosure;               // 公开方式
    Validity validity;                           // 有效 / 失效 / 废止
    const std::string& validNote;                // validity note
    const std::string& url;                      // original address
    std::optional<int64_t> interpretsId;         // resolved 解读 target, if known now
    const std::vector<std::string>& body;        // paragraphs
    const std::vector<std::string>& signature;   // closing lines
    const std::vector<Attachment>& attachments;  // images
};

int64_t insertDocumentRow(Store::Impl& impl, const DocumentRow& d) {
    {
        Query q(impl, kInsertDocument);
        q.bind(1, d.key).bind(2, d.indexNo).bind(3, d.docNo).bind(4, d.title);
        q.bind(5, d.agencyId).bind(6, d.topicId).bind(7, d.areaId);
        q.bind(8, d.created).bind(9, d.published).bind(10, std::stoi(d.published.substr(0, 4)));
        q.bind(11, d.disclosure).bind(12, validityCode(d.validity)).bind(13, d.validNote);
        q.bind(14, d.url).bind(15, d.interpretsId);
        q.run();
    }
    const int64_t id = sqlite3_last_insert_rowid(impl.db);
    {
        Query q(impl, kInsertText);
        q.bind(1, id).bind(2, joinLines(d.body)).bind(3, joinLines(d.signature));
        q.run();
    }
    for (size_t i = 0; i < d.attachments.size(); ++i) {
        Query q(impl, kInsertAttachment);
        q.bind(1, id).bind(2, static_cast<int64_t>(i)).bind(3, d.attachments[i].name);
        q.bind(4, d.attachments[i].file);
        q.run();
    }
    return id;
}

template <typename Map>
int64_t resolve(const Map& ids, const std::string& key, const std::string& what) {
    auto it = ids.find(key);
    if (it == ids.end())
        throw StoreError(StoreErrorKind::BadContent, "unknown " + what + " '" + key + "'");
    return it->second;
}

}  // namespace

// The one write path for content: a local import (importContent), a signed snapshot and a
// signed delta (applyUpdate) all run applyContent in a single transaction, so a failure or a
// power cut at any point leaves the previous content whole.
namespace {

struct KeyIds {
    std::unordered_map<std::string, int64_t> agencies, topics, areas;  // content key → row id
};

StoreError badContent(const std::string& what) { return StoreError(StoreErrorKind::BadContent, what); }

std::optional<int64_t> idByKey(Store::Impl& impl, const char* table, const std::string& key) {
    Query q(impl, std::string("SELECT id FROM ") + table + " WHERE key = ?1");
    q.bind(1, key);
    if (!q.next()) return std::nullopt;
    return q.integer(0);
}

// Agencies, topics and areas keep their row ids across updates (documents point at them):
// rows are updated in place by key, new keys inserted. Returns the ids of agencies whose
// indexed name changed. Rows whose key is gone are removed later (dropMissingHeads).
std::vector<int64_t> upsertHeads(Store::Impl& impl, const ContentSet& set, KeyIds& ids) {
    std::vector<int64_t> renamed;
    for (const Agency& a : set.agencies) {
        const std::string shortName = a.shortName.empty() ? a.name : a.shortName;
        if (auto id = idByKey(impl, "agencies", a.key)) {
            Query old(impl, "SELECT name FROM agencies WHERE id = ?1");
            old.bind(1, *id);
            if (old.next() && old.text(0) != a.name) renamed.push_back(*id);
            Query q(impl, "UPDATE agencies SET name = ?2, short_name = ?3, code = ?4, kind = ?5, address = ?6, "
                          "phone = ?7, sort = ?8 WHERE id = ?1");
            q.bind(1, *id).bind(2, a.name).bind(3, shortName).bind(4, a.code).bind(5, a.kind);
            q.bind(6, a.address).bind(7, a.phone).bind(8, a.sort);
            q.run();
            ids.agencies[a.key] = *id;
        } else {
            Query q(impl, "INSERT INTO agencies (key, name, short_name, code, kind, address, phone, sort) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            q.bind(1, a.key).bind(2, a.name).bind(3, shortName).bind(4, a.code).bind(5, a.kind);
            q.bind(6, a.address).bind(7, a.phone).bind(8, a.sort);
            q.run();
            ids.agencies[a.key] = sqlite3_last_insert_rowid(impl.db);
        }
    }
    auto categories = [&](const std::vector<Category>& list, const char* table,
                          std::unordered_map<std::string, int64_t>& map) {
        for (const Category& c : list) {
            if (auto id = idByKey(impl, table, c.key)) {
                Query q(impl, std::string("UPDATE ") + table + " SET name = ?2, sort = ?3 WHERE id = ?1");
                q.bind(1, *id).bind(2, c.name).bind(3, c.sort);
                q.run();
                map[c.key] = *id;
            } else {
                Query q(impl, std::string("INSERT INTO ") + table + " (key, name, sort) VALUES (?1, ?2, ?3)");
                q.bind(1, c.key).bind(2, c.name).bind(3, c.sort);
                q.run();
                map[c.key] = sqlite3_last_insert_rowid(impl.db);
            }
        }
    };
    categories(set.topics, "topics", ids.topics);
    categories(set.areas, "areas", ids.areas);
    return renamed;
}

void dropMissingHeads(Store::Impl& impl, const KeyIds& ids) {
    auto drop = [&](const char* table, const std::unordered_map<std::string, int64_t>& keep,
                    const char* what, const char* usedBy) {
        std::vector<std::pair<int64_t, std::string>> gone;
        {
            Query q(impl, std::string("SELECT id, key FROM ") + table);
            while (q.next())
                if (!keep.count(q.text(1))) gone.emplace_back(q.integer(0), q.text(1));
        }
        for (const auto& [id, key] : gone) {
            Query used(impl, usedBy);
            used.bind(1, id);
            if (used.next())
                throw badContent(std::string(what) + " '" + key + "' was removed but document '" + used.text(0) +
                                 "' still uses it");
            Query q(impl, std::string("DELETE FROM ") + table + " WHERE id = ?1");
            q.bind(1, id);
            q.run();
        }
    };
    drop("agencies", ids.agencies, "agency", "SELECT key FROM documents WHERE agency_id = ?1 LIMIT 1");
    drop("topics", ids.topics, "topic", "SELECT key FROM documents WHERE topic_id = ?1 LIMIT 1");
    drop("areas", ids.areas, "area", "SELECT key FROM documents WHERE area_id = ?1 LIMIT 1");
}

void writeMeta(Store::Impl& impl, const ContentSet& set) {
    Query q(impl, "INSERT INTO content_meta (id, content_id, county, city, publisher, zone_name, "
                  "version, generated, hotline, website, statuses_updated, application_office, "
                  "office_public_key, status_url) "
                  "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    const ContentMeta& m = set.meta;
    q.bind(1, m.contentId).bind(2, m.county).bind(3, m.city).bind(4, m.publisher);
    q.bind(5, m.zoneName).bind(6, m.version).bind(7, m.generated).bind(8, m.hotline);
    q.bind(9, m.website).bind(10, set.statusesUpdated).bind(11, m.applicationOffice);
    q.bind(12, m.officePublicKey).bind(13, m.statusUrl);
    q.run();
}

// Writes one delivered document: in place when its key exists (ids stay stable, so links to
// it survive), else as a new row; and indexes it. Returns its id.
// Browse-count changes of a delta, (dimension, node) → added documents (negative: removed),
// so that a 100-document delta does not recount 100,000 rows.
using CountChanges = std::map<std::pair<int, int64_t>, int64_t>;

void countDocument(Store::Impl& impl, int64_t id, int sign, CountChanges& changes) {
    Query q(impl, "SELECT agency_id, topic_id, area_id, year FROM documents WHERE id = ?1");
    q.bind(1, id);
    if (!q.next()) return;
    changes[{kCountAll, 0}] += sign;
    changes[{kCountAgency, q.integer(0)}] += sign;
    changes[{kCountTopic, q.integer(1)}] += sign;
    if (!q.isNull(2)) changes[{kCountArea, q.integer(2)}] += sign;
    changes[{kCountYear, q.integer(3)}] += sign;
}

void applyCountChanges(Store::Impl& impl, const CountChanges& changes) {
    for (const auto& [node, change] : changes) {
        if (change == 0) continue;
        Query q(impl, "INSERT INTO document_counts (dimension, node, count) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT (dimension, node) DO UPDATE SET count = count + excluded.count");
        q.bind(1, node.first).bind(2, node.second).bind(3, change);
        q.run();
    }
    impl.exec("DELETE FROM document_counts WHERE count = 0", "counting documents");
}

// FRESH: the documents table was emptied in this transaction (a snapshot), so the key and
// 索引号 cannot clash with an old row; a clash inside the bundle fails the UNIQUE constraint.
int64_t writeDocument(Store::Impl& impl, const DocumentRecord& d, const KeyIds& ids, bool fresh,
                      CountChanges& counts) {
    std::optional<int64_t> areaId;
    if (!d.area.empty()) areaId = resolve(ids.areas, d.area, "area");
    const int64_t agencyId = resolve(ids.agencies, d.agency, "agency");
    const int64_t topicId = resolve(ids.topics, d.topic, "topic");
    if (!fresh) {
        Query clash(impl, "SELECT key FROM documents WHERE index_no = ?1 AND key <> ?2");
        clash.bind(1, d.indexNo).bind(2, d.key);
        if (clash.next())
            throw badContent(d.file + ": " + d.key + ": field 'index_no': '" + d.indexNo + "' is already used by " +
                             clash.text(0));
    }
    if (auto id = fresh ? std::nullopt : idByKey(impl, "documents", d.key)) {
        unindexSearchRow(impl, *id * 4);
        countDocument(impl, *id, -1, counts);
        Query q(impl, "UPDATE documents SET index_no = ?2, doc_no = ?3, title = ?4, agency_id = ?5, topic_id = ?6, "
                      "area_id = ?7, created = ?8, published = ?9, year = ?10, disclosure = ?11, validity = ?12, "
                      "valid_note = ?13, url = ?14, interprets_id = NULL WHERE id = ?1");
        q.bind(1, *id).bind(2, d.indexNo).bind(3, d.docNo).bind(4, d.title).bind(5, agencyId).bind(6, topicId);
        q.bind(7, areaId).bind(8, d.created).bind(9, d.published).bind(10, std::stoi(d.published.substr(0, 4)));
        q.bind(11, d.disclosure).bind(12, validityCode(d.validity)).bind(13, d.validNote).bind(14, d.url);
        q.run();
        Query t(impl, "UPDATE document_texts SET body = ?2, signature = ?3 WHERE doc_id = ?1");
        t.bind(1, *id).bind(2, joinLines(d.body)).bind(3, joinLines(d.signature));
        t.run();
        Query a(impl, "DELETE FROM document_attachments WHERE doc_id = ?1");
        a.bind(1, *id);
        a.run();
        for (size_t i = 0; i < d.attachments.size(); ++i) {
            Query qa(impl, kInsertAttachment);
            qa.bind(1, *id).bind(2, static_cast<int64_t>(i)).bind(3, d.attachments[i].name);
            qa.bind(4, d.attachments[i].file);
            qa.run();
        }
        indexSearchRow(impl, *id * 4);
        countDocument(impl, *id, +1, counts);
        return *id;
    }
    DocumentRow row{d.key, d.indexNo, d.docNo, d.title, agencyId, topicId, areaId, d.created, d.published,
                    d.disclosure, d.validity, d.validNote, d.url, std::nullopt, d.body, d.signature, d.attachments};
    const int64_t id = insertDocumentRow(impl, row);
    indexSearchRow(impl, id * 4);
    if (!fresh) countDocument(impl, id, +1, counts);
    return id;
}

void deleteDocument(Store::Impl& impl, const std::string& key, CountChanges& counts) {
    const auto id = idByKey(impl, "documents", key);
    if (!id) return;  // already gone: deltas are idempotent about deletions
    {
        Query used(impl, "SELECT key FROM documents WHERE interprets_id = ?1 LIMIT 1");
        used.bind(1, *id);
        if (used.next())
            throw badContent("document '" + key + "' was removed but document '" + used.text(0) + "' interprets it");
    }
    unindexSearchRow(impl, *id * 4);
    countDocument(impl, *id, -1, counts);
    for (const char* sql : {"DELETE FROM document_attachments WHERE doc_id = ?1",
                            "DELETE FROM document_texts WHERE doc_id = ?1", "DELETE FROM documents WHERE id = ?1"}) {
        Query q(impl, sql);
        q.bind(1, *id);
        q.run();
    }
}

// Every table below documents in the dependency order, written from SET: gazette,
// catalogue, guides, Q&A, announcements, villages, calendar, statuses, configuration.
void writeTail(Store::Impl& impl, const ContentSet& set, const KeyIds& ids) {
    for (const GazetteRecord& g : set.gazette) {
        Query q(impl, "INSERT INTO gazette_issues (key, year, issue, title, published) "
                      "VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, g.key).bind(2, g.year).bind(3, g.issue).bind(4, g.title).bind(5, g.published);
        q.run();
        const int64_t issueId = sqlite3_last_insert_rowid(impl.db);
        for (size_t i = 0; i < g.contents.size(); ++i) {
            const auto docId = idByKey(impl, "documents", g.contents[i]);
            if (!docId) throw badContent("gazette.json: " + g.key + ": unknown document '" + g.contents[i] + "' in contents");
            Query c(impl, "INSERT INTO gazette_contents (issue_id, seq, doc_id) VALUES (?1, ?2, ?3)");
            c.bind(1, issueId).bind(2, static_cast<int64_t>(i)).bind(3, *docId);
            c.run();
        }
    }

    for (const CatalogueRecord& e : set.catalogue) {
        Query q(impl, "INSERT INTO catalogue_entries (key, area_id, item_l1, item_l2, content, basis, "
                      "time_limit, subject, channels, audience, method, levels, sort) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        q.bind(1, e.key).bind(2, resolve(ids.areas, e.area, "area")).bind(3, e.itemL1);
        q.bind(4, e.itemL2).bind(5, e.content).bind(6, e.basis).bind(7, e.timeLimit);
        q.bind(8, e.subject).bind(9, joinLines(e.channels)).bind(10, e.audience);
        q.bind(11, e.method).bind(12, joinLines(e.levels)).bind(13, e.sort);
        q.run();
    }

    std::unordered_map<std::string, int64_t> groupIds;
    for (const GuideGroupRecord& g : set.guideGroups) {
        Query q(impl, "INSERT INTO guide_groups (key, name, description, sort) VALUES (?1, ?2, ?3, ?4)");
        q.bind(1, g.key).bind(2, g.name).bind(3, g.description).bind(4, g.sort);
        q.run();
        groupIds[g.key] = sqlite3_last_insert_rowid(impl.db);
    }
    for (const GuideRecord& g : set.guides) {
        Query q(impl, "INSERT INTO guides (key, group_id, name, department_id, window, materials, steps, "
                      "statutory_limit, promised_limit, fee, basis, hours, hotline, online, sort) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        q.bind(1, g.key).bind(2, resolve(groupIds, g.group, "guide group")).bind(3, g.name);
        q.bind(4, resolve(ids.agencies, g.department, "agency")).bind(5, g.window);
        q.bind(6, materialsToJson(g.materials)).bind(7, joinLines(g.steps));
        q.bind(8, g.statutoryLimit).bind(9, g.promisedLimit).bind(10, g.fee);
        q.bind(11, joinLines(g.basis)).bind(12, g.hours).bind(13, g.hotline).bind(14, g.online);
        q.bind(15, g.sort);
        q.run();
        indexSearchRow(impl, sqlite3_last_insert_rowid(impl.db) * 4 + 1);
    }

    for (size_t i = 0; i < set.qas.size(); ++i) {
        const QARecord& a = set.qas[i];
        Query q(impl, "INSERT INTO qa (key, topic_id, question, answer, source, date, url, sort) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        q.bind(1, a.key).bind(2, resolve(ids.topics, a.topic, "topic")).bind(3, a.question);
        q.bind(4, joinLines(a.answer)).bind(5, a.source).bind(6, a.date).bind(7, a.url);
        q.bind(8, static_cast<int64_t>(i));
        q.run();
        indexSearchRow(impl, sqlite3_last_insert_rowid(impl.db) * 4 + 2);
    }

    for (const AnnouncementRecord& a : set.announcements) {
        Query q(impl, "INSERT INTO announcements (key, title, body, kind, starts, ends, sort) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q.bind(1, a.key).bind(2, a.title).bind(3, joinLines(a.body)).bind(4, a.kind);
        q.bind(5, a.starts).bind(6, a.ends).bind(7, a.sort);
        q.run();
    }

    for (size_t t = 0; t < set.townships.size(); ++t) {
        const TownshipRecord& township = set.townships[t];
        std::optional<int64_t> agencyId;
        if (!township.agency.empty()) agencyId = resolve(ids.agencies, township.agency, "agency");
        Query q(impl, "INSERT INTO townships (key, name, agency_id, sort) VALUES (?1, ?2, ?3, ?4)");
        q.bind(1, township.key).bind(2, township.name).bind(3, agencyId);
        q.bind(4, static_cast<int64_t>(t));
        q.run();
        const int64_t townshipId = sqlite3_last_insert_rowid(impl.db);
        for (size_t v = 0; v < township.villages.size(); ++v) {
            const VillageRecord& village = township.villages[v];
            Query qv(impl, "INSERT INTO villages (key, township_id, name, sort) VALUES (?1, ?2, ?3, ?4)");
            qv.bind(1, village.key).bind(2, townshipId).bind(3, village.name);
            qv.bind(4, static_cast<int64_t>(v));
            qv.run();
            const int64_t villageId = sqlite3_last_insert_rowid(impl.db);
            for (size_t i = 0; i < village.items.size(); ++i) {
                const VillageItemRecord& item = village.items[i];
                Query qi(impl, "INSERT INTO village_items (key, village_id, kind, title, summary, date, url, sort) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
                qi.bind(1, item.key).bind(2, villageId).bind(3, item.kind).bind(4, item.title);
                qi.bind(5, item.summary).bind(6, item.date).bind(7, item.url);
                qi.bind(8, static_cast<int64_t>(i));
                qi.run();
            }
        }
    }

    for (const CalendarYearRecord& y : set.calendar) {
        Query q(impl, "INSERT INTO calendar_years (year, source) VALUES (?1, ?2)");
        q.bind(1, y.year).bind(2, y.source);
        q.run();
        for (const HolidayRecord& h : y.holidays) {
            auto addDay = [&](const std::string& day, bool working) {
                Query qd(impl, "INSERT INTO calendar_days (date, year, working, holiday) VALUES (?1, ?2, ?3, ?4)");
                qd.bind(1, day).bind(2, y.year).bind(3, working ? 1 : 0).bind(4, h.name);
                qd.run();
            };
            for (const std::string& day : h.daysOff) addDay(day, false);
            for (const std::string& day : h.workdays) addDay(day, true);
        }
    }

    for (const ApplicationStatus& a : set.statuses) {
        Query q(impl, "INSERT INTO application_statuses (code, status, received, due, extended_due, "
                      "updated, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        q.bind(1, a.code).bind(2, a.status).bind(3, a.received).bind(4, a.due);
        q.bind(5, a.extendedDue).bind(6, a.updated).bind(7, a.note);
        q.run();
    }

    for (const auto& [key, value] : set.terminalConfig) {
        Query q(impl, "INSERT INTO content_settings (key, value) VALUES (?1, ?2)");
        q.bind(1, key).bind(2, value);
        q.run();
    }
}

// Tables rewritten whole by a delta (everything but documents, agencies, topics, areas,
// settings and sync state), children first.
const char* const kTailTables[] = {
    "gazette_contents", "gazette_issues", "catalogue_entries", "guides",  "guide_groups",
    "qa",               "announcements",  "village_items",     "villages", "townships",
    "calendar_days",    "calendar_years", "application_statuses", "content_settings", "content_meta",
};

void markDocumentGlyphs(const std::vector<DocumentRecord>& documents, std::vector<bool>& seen) {
    auto mark = [&](const std::string& text) {
        for (char32_t cp : utf8::decode(text))
            if (cp >= 0x20 && cp < 0x110000 && cp != 0x7F && cp != U'\uFFFD') seen[cp] = true;
    };
    for (const DocumentRecord& d : documents) {
        for (const std::string* t : {&d.title, &d.docNo, &d.indexNo, &d.created, &d.published, &d.disclosure,
                                     &d.validNote, &d.url})
            mark(*t);
        for (const std::string& p : d.body) mark(p);
        for (const std::string& p : d.signature) mark(p);
        for (const Attachment& a : d.attachments) mark(a.name);
        mark(validityName(d.validity));
    }
}

std::u32string mergeGlyphs(const std::u32string& a, const std::u32string& b) {
    std::u32string merged;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(merged));
    return merged;
}

// Content images: a snapshot or an import brings all of them (the table was emptied), a delta
// the new and changed ones. Afterwards the store holds exactly the images its documents
// attach, and every attachment has its image (else nothing is applied).
void writeImages(Store::Impl& impl, const ContentSet& set) {
    if (impl.version < 7) return;
    for (const ContentImage& image : set.images) {
        Query q(impl, "INSERT OR REPLACE INTO content_images (file, width, height, bytes) VALUES (?1, ?2, ?3, ?4)");
        q.bind(1, image.file).bind(2, image.width).bind(3, image.height).bindBlob(4, image.bytes);
        q.run();
    }
    impl.exec("DELETE FROM content_images WHERE file NOT IN (SELECT file FROM document_attachments)",
              "dropping unused images");
    Query missing(impl, "SELECT d.key, a.file FROM document_attachments a JOIN documents d ON d.id = a.doc_id "
                        "WHERE a.file NOT IN (SELECT file FROM content_images) LIMIT 1");
    if (missing.next())
        throw badContent("documents: " + missing.text(0) + ": field 'attachments': file '" + missing.text(1) +
                         "' is not in the content");
}

struct ApplyPlan {
    const ContentSet& set;                                   // all but (possibly) the documents
    bool snapshot = true;                                    // replace everything
    int64_t base = 0;                                        // delta: the version held
    const std::vector<std::string>* deleted = nullptr;       // delta: keys removed
    const std::function<bool(std::vector<DocumentRecord>&)>* batches = nullptr;  // delivered documents
    const BundleStamp* stamp = nullptr;                      // signed bundle; null: local import
    bool optimize = true;                                    // merge the index into one segment
    const PrebuiltSearchIndex* prebuilt = nullptr;           // snapshot: its index, to insert as it is
    ApplyReport* report = nullptr;                           // filled when given
};

// Inserts the snapshot's prebuilt index (search tables made afresh before the content) and
// checks it; when it is unusable or fails the check, builds the index from the content
// instead. Same transaction as the content either way.
void installPrebuiltIndex(Store::Impl& impl, const PrebuiltSearchIndex& index, ApplyReport& report,
                          const std::function<void(bool loading)>& tune) {
    std::string failure;
    try {
        loadPrebuiltIndex(impl, index);
        failure = checkPrebuiltIndex(impl);
    } catch (const PrebuiltIndexError& e) {
        failure = e.what();
    } catch (const StoreError& e) {
        // A failed statement (a constraint, a corrupt block) leaves the transaction open; a
        // failure that ended it (disk full, I/O) must end the apply.
        if (sqlite3_get_autocommit(impl.db)) throw;
        failure = e.what();
    }
    if (failure.empty()) {
        report.prebuiltIndex = true;
        report.searchIndex = "prebuilt search index used (" + std::to_string(index.chunks) + " files)";
        return;
    }
    recreateSearchTables(impl);
    tune(true);
    refillSearchIndex(impl);
    tune(false);
    report.prebuiltIndex = false;
    report.searchIndex = "prebuilt search index not usable (" + failure + "); built locally";
}

void applyContent(Store::Impl& impl, const ApplyPlan& plan) {
    const ContentSet& set = plan.set;
    std::u32string glyphs = collectGlyphs(set);  // before the transaction: OpenCC work

    // A bulk load reads back the pages it just wrote (indexes, FTS segments): a larger page
    // cache for the length of the apply keeps them in memory instead of the WAL (measured:
    // pread/pwrite were a third of a 10,000-document apply with the default 2 MiB).
    impl.exec("PRAGMA cache_size = -65536", "sizing the page cache");
    struct CacheReset {
        Store::Impl& impl;  // connection whose cache is restored
        ~CacheReset() { sqlite3_exec(impl.db, "PRAGMA cache_size = -2000", nullptr, nullptr, nullptr); }
    } cacheReset{impl};
    Transaction transaction(impl);
    // FTS5 flushes its pending terms into a new segment every `hashsize` bytes and merges
    // segments as they pile up (`automerge`); for a bulk load one merge at the end
    // ('optimize') is cheaper. Both settings live in the index and are restored below.
    const bool bulk = plan.batches != nullptr;
    const bool prebuilt = plan.snapshot && plan.prebuilt != nullptr;
    auto ftsConfig = [&](const char* name, int value) {
        for (const char* table : {"search_fts", "search_titles"})
            impl.exec(std::string("INSERT INTO ") + table + " (" + table + ", rank) VALUES ('" + name + "', " +
                          std::to_string(value) + ")",
                      "tuning the search index");
    };
    auto tune = [&](bool loading) {
        ftsConfig("automerge", loading ? 0 : 4);
        ftsConfig("hashsize", loading ? 4 << 20 : 1 << 20);
    };
    if (bulk && !prebuilt) tune(true);
    if (plan.snapshot) {
        for (const char* table : kContentTables)
            impl.exec(std::string("DELETE FROM ") + table, std::string("clearing ") + table);
        if (prebuilt) recreateSearchTables(impl);
        else searchIndexCommand(impl, "delete-all");
    } else {
        Query held(impl, "SELECT version FROM sync_state WHERE id = 1");
        const int64_t version = held.next() ? held.integer(0) : 0;
        if (version != plan.base)
            throw badContent("the delta applies to version " + std::to_string(plan.base) + ", the store holds " +
                             std::to_string(version));
        std::vector<int64_t> rows;
        {
            Query q(impl, "SELECT id * 4 + 1 FROM guides UNION ALL SELECT id * 4 + 2 FROM qa");
            while (q.next()) rows.push_back(q.integer(0));
        }
        for (int64_t rowid : rows) unindexSearchRow(impl, rowid);
        for (const char* table : kTailTables)
            impl.exec(std::string("DELETE FROM ") + table, std::string("clearing ") + table);
    }
    writeMeta(impl, set);
    // With a prebuilt index the rows are not indexed one by one (writeSearchRow).
    struct DeferReset {
        Store::Impl& impl;  // connection whose flag is cleared however the apply ends
        ~DeferReset() { impl.deferSearchIndex = false; }
    } deferReset{impl};
    impl.deferSearchIndex = prebuilt;

    KeyIds ids;
    std::vector<int64_t> renamedAgencies = upsertHeads(impl, set, ids);
    std::vector<int64_t> reindex;  // documents of renamed agencies: their index holds the old name
    for (int64_t agencyId : renamedAgencies) {
        Query q(impl, "SELECT id FROM documents WHERE agency_id = ?1");
        q.bind(1, agencyId);
        while (q.next()) reindex.push_back(q.integer(0));
    }
    std::vector<std::pair<int64_t, std::string>> interprets;  // document id → key it interprets
    std::unordered_set<std::string> delivered;
    CountChanges countChanges;  // a delta's browse-count changes (a snapshot recounts)
    auto writeBatch = [&](const std::vector<DocumentRecord>& documents) {
        for (const DocumentRecord& d : documents) {
            if (!delivered.insert(d.key).second)
                throw badContent(d.file + ": " + d.key + ": document key is used twice");
            const int64_t id = writeDocument(impl, d, ids, plan.snapshot, countChanges);
            if (!d.interprets.empty()) interprets.emplace_back(id, d.interprets);
        }
    };
    if (!set.documents.empty()) writeBatch(set.documents);
    // Glyphs of streamed documents: their characters plus every Traditional form OpenCC may
    // give them (traditionalVariants), instead of converting 600 MB of text phrase by
    // phrase, which alone took longer than the whole rest of a 100,000-document apply.
    std::vector<bool> seen;
    if (plan.batches) {
        seen.assign(0x110000, false);
        ContentSet context;  // what a batch's documents refer to, for the checks
        context.meta = set.meta;
        context.agencies = set.agencies;
        context.topics = set.topics;
        context.areas = set.areas;
        // Checks and glyph marks run on the prefetch thread with the parsing; `seen` is read
        // here only after the prefetcher is gone.
        auto prepare = [&](std::vector<DocumentRecord>& documents) {
            ContentSet batch = context;
            batch.documents = std::move(documents);
            try {
                validateContentSet(batch, [](const std::string&) { return true; });
            } catch (const ContentError& e) {
                throw badContent(e.what());
            }
            markDocumentGlyphs(batch.documents, seen);
            documents = std::move(batch.documents);
        };
        BatchPrefetcher<std::vector<DocumentRecord>> prefetcher(*plan.batches, prepare);
        std::vector<DocumentRecord> documents;
        while (prefetcher.next(documents)) writeBatch(documents);
    }
    if (!seen.empty()) {
        std::u32string documentGlyphs;
        for (char32_t cp = 0x20; cp < 0x110000; ++cp)
            if (seen[cp]) {
                documentGlyphs.push_back(cp);
                for (char32_t v : traditionalVariants(cp)) documentGlyphs.push_back(v);
            }
        std::sort(documentGlyphs.begin(), documentGlyphs.end());
        documentGlyphs.erase(std::unique(documentGlyphs.begin(), documentGlyphs.end()), documentGlyphs.end());
        glyphs = mergeGlyphs(glyphs, documentGlyphs);
    }
    if (plan.deleted)
        for (const std::string& key : *plan.deleted) {
            if (delivered.count(key)) throw badContent("document '" + key + "' is both delivered and deleted");
            deleteDocument(impl, key, countChanges);
        }
    dropMissingHeads(impl, ids);
    for (const auto& [id, key] : interprets) {
        const auto target = idByKey(impl, "documents", key);
        if (!target) throw badContent("unknown document '" + key + "' in interprets");
        if (*target == id) throw badContent("field 'interprets': a document cannot interpret itself");
        Query q(impl, "UPDATE documents SET interprets_id = ?1 WHERE id = ?2");
        q.bind(1, *target).bind(2, id);
        q.run();
    }
    // Documents of a renamed agency: the index entry was made with the old name, which is
    // gone; FTS5 'delete' needs the indexed values, so these rows are rebuilt from scratch.
    if (!reindex.empty()) {
        searchIndexCommand(impl, "delete-all");
    }
    writeTail(impl, set, ids);
    writeImages(impl, set);
    impl.deferSearchIndex = false;
    ApplyReport unused;
    ApplyReport& report = plan.report ? *plan.report : unused;
    if (prebuilt) {
        installPrebuiltIndex(impl, *plan.prebuilt, report, tune);
    } else if (!reindex.empty()) {
        refillSearchIndex(impl);
    } else if (plan.optimize) {
        searchIndexCommand(impl, "optimize");
    }

    if (bulk && !prebuilt) tune(false);
    if (plan.snapshot) {
        impl.exec("DELETE FROM document_counts", "counting documents");
        impl.exec(std::string("INSERT INTO document_counts ") + kTrueCounts, "counting documents");
    } else {
        applyCountChanges(impl, countChanges);
    }
    if (!plan.snapshot) {
        Query q(impl, "SELECT chars FROM glyph_set WHERE id = 1");
        if (q.next()) glyphs = mergeGlyphs(glyphs, utf8::decode(q.text(0)));
    }
    impl.exec("DELETE FROM glyph_set", "storing the glyph set");
    {
        Query q(impl, "INSERT INTO glyph_set (id, chars) VALUES (1, ?1)");
        q.bind(1, utf8::encode(glyphs));
        q.run();
    }
    if (impl.version >= 6) {
        const BundleStamp* b = plan.stamp;
        Query q(impl, "UPDATE sync_state SET content_id = ?1, version = ?2, manifest_digest = ?3, created = ?4, "
                      "expires = ?5, applied_at = ?6, source = ?7, "
                      "clock_floor = max(clock_floor, ?4) WHERE id = 1");
        // A local import is no signed version: the next bundle of any version applies.
        q.bind(1, b ? b->contentId : std::string()).bind(2, b ? b->version : 0);
        q.bind(3, b ? b->manifestDigest : std::string()).bind(4, b ? b->created : std::string());
        q.bind(5, b ? b->expires : std::string()).bind(6, b ? b->appliedAt : std::string());
        q.bind(7, b ? b->source : std::string("local import"));
        q.run();
    }
    transaction.commit();
}

}  // namespace

void Store::importContent(const ContentSet& set) {
    if (impl_->mode == Mode::ReadOnly)
        throw StoreError(StoreErrorKind::Io, "store " + impl_->path + ": opened read-only, cannot import");
    try {
        validateContentSet(set);
        validateImageReferences(set);
    } catch (const ContentError& e) {
        throw StoreError(StoreErrorKind::BadContent, e.what());
    }
    ApplyPlan plan{set};
    applyContent(*impl_, plan);
}

ApplyReport Store::applyUpdate(const ContentUpdate& update) {
    if (impl_->mode == Mode::ReadOnly)
        throw StoreError(StoreErrorKind::Io, "store " + impl_->path + ": opened read-only, cannot apply");
    try {
        validateContentSet(update.small, [](const std::string&) { return true; });
    } catch (const ContentError& e) {
        throw StoreError(StoreErrorKind::BadContent, e.what());
    }
    ApplyPlan plan{update.small};
    plan.snapshot = update.snapshot;
    plan.base = update.base;
    plan.deleted = &update.deletedDocuments;
    plan.batches = update.nextDocuments ? &update.nextDocuments : nullptr;
    plan.stamp = &update.stamp;
    plan.optimize = update.snapshot;
    ApplyReport report;
    plan.report = &report;
    report.searchIndex = update.snapshot ? "search index built locally" : "search index updated locally";
    if (update.snapshot && update.prebuiltIndex && impl_->version >= 4) {
        // Used only when built by this terminal's rules; anything else is built here.
        const SearchIndexStamp mine = searchIndexStamp();
        const SearchIndexStamp& theirs = update.prebuiltIndex->stamp;
        std::string why;
        if (theirs.tokenizer != mine.tokenizer)
            why = "tokenizer version " + std::to_string(theirs.tokenizer) + ", this terminal's is " +
                  std::to_string(mine.tokenizer);
        else if (theirs.textData != mine.textData)
            why = "folding or pinyin data " + theirs.textData + ", this terminal's is " + mine.textData;
        else if (theirs.layout != mine.layout)
            why = "search tables " + theirs.layout + ", this terminal's are " + mine.layout;
        if (why.empty()) plan.prebuilt = &*update.prebuiltIndex;
        else report.searchIndex = "prebuilt search index not for this terminal (" + why + "); built locally";
    }
    applyContent(*impl_, plan);
    return report;
}

void Store::insertDocumentsBulk(const std::vector<Document>& docs) {
    if (impl_->mode == Mode::ReadOnly)
        throw StoreError(StoreErrorKind::Io, "store " + impl_->path + ": opened read-only, cannot insert");
    Impl& impl = *impl_;
    // Document carries topic and area by name (as screens show them): resolve names here.
    std::unordered_map<std::string, int64_t> topicIds, areaIds;
    {
        Query q(impl, "SELECT name, id FROM topics");
        while (q.next()) topicIds.emplace(q.text(0), q.integer(1));
    }
    {
        Query q(impl, "SELECT name, id FROM areas");
        while (q.next()) areaIds.emplace(q.text(0), q.integer(1));
    }
    std::map<std::pair<int, int64_t>, int64_t> added;  // (dimension, node) → new documents
    Transaction transaction(impl);
    for (const Document& d : docs) {
        if (!isIsoDate(d.published) || (!d.created.empty() && !isIsoDate(d.created)))
            throw StoreError(StoreErrorKind::BadContent,
                             "document " + d.key + ": bad date '" + d.published + "'");
        std::optional<int64_t> areaId;
        if (!d.areaName.empty()) areaId = resolve(areaIds, d.areaName, "area");
        const int64_t topicId = resolve(topicIds, d.topicName, "topic");
        DocumentRow row{d.key, d.indexNo, d.docNo, d.title, d.agencyId, topicId, areaId,
                        d.created.empty() ? d.published : d.created, d.published, d.disclosure,
                        d.validity, d.validNote, d.url, d.interpretsId, d.body, d.signature,
                        d.attachments};
        indexSearchRow(impl, insertDocumentRow(impl, row) * 4);
        ++added[{kCountAll, 0}];
        ++added[{kCountAgency, d.agencyId}];
        ++added[{kCountTopic, topicId}];
        if (areaId) ++added[{kCountArea, *areaId}];
        ++added[{kCountYear, std::stoi(d.published.substr(0, 4))}];
    }
    for (const auto& [node, count] : added) {
        Query q(impl, "INSERT INTO document_counts (dimension, node, count) VALUES (?1, ?2, ?3) "
                      "ON CONFLICT (dimension, node) DO UPDATE SET count = count + excluded.count");
        q.bind(1, node.first).bind(2, node.second).bind(3, count);
        q.run();
    }
    transaction.commit();
}

// ---------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------
bool Store::hasContent() const {
    Query q(*impl_, "SELECT 1 FROM content_meta WHERE id = 1");
    return q.next();
}

ContentMeta Store::meta() const {
    // A read-only store not yet migrated to schema 5 has no application columns.
    const std::string columns = impl_->version >= 5 ? ", application_office, office_public_key, status_url" : "";
    Query q(*impl_, "SELECT content_id, county, city, publisher, zone_name, version, generated, "
                    "hotline, website" + columns + " FROM content_meta WHERE id = 1");
    if (!q.next())
        throw StoreError(StoreErrorKind::Empty, "store " + impl_->path + ": no content imported yet");
    ContentMeta m;
    m.contentId = q.text(0);
    m.county = q.text(1);
    m.city = q.text(2);
    m.publisher = q.text(3);
    m.zoneName = q.text(4);
    m.version = q.integer(5);
    m.generated = q.text(6);
    m.hotline = q.text(7);
    m.website = q.text(8);
    if (impl_->version >= 5) {
        m.applicationOffice = q.text(9);
        m.officePublicKey = q.text(10);
        m.statusUrl = q.text(11);
    }
    return m;
}

std::vector<Agency> Store::agencies() const {
    std::vector<Agency> result;
    Query q(*impl_, "SELECT id, key, name, short_name, code, kind, address, phone, sort "
                    "FROM agencies ORDER BY sort, id");
    while (q.next()) {
        Agency a;
        a.id = q.integer(0);
        a.key = q.text(1);
        a.name = q.text(2);
        a.shortName = q.text(3);
        a.code = q.text(4);
        a.kind = q.text(5);
        a.address = q.text(6);
        a.phone = q.text(7);
        a.sort = static_cast<int>(q.integer(8));
        result.push_back(std::move(a));
    }
    return result;
}

namespace {

std::vector<CountedNode> countedNodes(Store::Impl& impl, const std::string& sql) {
    std::vector<CountedNode> nodes;
    Query q(impl, sql);
    while (q.next())
        nodes.push_back({q.integer(0), q.text(1), static_cast<int>(q.integer(2))});
    return nodes;
}

}  // namespace

// Every node is listed, including those with no documents, so a screen can show them
// greyed out; the numbers come from document_counts, not from counting index entries.
std::vector<CountedNode> Store::countByAgency() const {
    return countedNodes(*impl_,
                        "SELECT a.id, a.name, coalesce(c.count, 0) FROM agencies a "
                        "LEFT JOIN document_counts c ON c.dimension = 1 AND c.node = a.id "
                        "ORDER BY a.sort, a.id");
}

std::vector<CountedNode> Store::countByTopic() const {
    return countedNodes(*impl_,
                        "SELECT t.id, t.name, coalesce(c.count, 0) FROM topics t "
                        "LEFT JOIN document_counts c ON c.dimension = 2 AND c.node = t.id "
                        "ORDER BY t.sort, t.id");
}

std::vector<CountedNode> Store::countByArea() const {
    return countedNodes(*impl_,
                        "SELECT a.id, a.name, coalesce(c.count, 0) + "
                        "(SELECT count(*) FROM catalogue_entries e WHERE e.area_id = a.id) "
                        "FROM areas a LEFT JOIN document_counts c ON c.dimension = 3 AND c.node = a.id "
                        "ORDER BY a.sort, a.id");
}

std::vector<CountedNode> Store::countByYear() const {
    std::vector<CountedNode> nodes;
    Query q(*impl_, "SELECT node, count FROM document_counts WHERE dimension = 4 AND count > 0 "
                    "ORDER BY node DESC");
    while (q.next()) {
        const int64_t year = q.integer(0);
        nodes.push_back({year, std::to_string(year), static_cast<int>(q.integer(1))});
    }
    return nodes;
}

namespace {

// WHERE clause for a filter; the bound values follow in a fixed order (agency, topic, area,
// year start, year end) so that each of the 16 shapes is one cached statement.
std::string filterClause(const DocumentFilter& f) {
    std::string where;
    auto add = [&](const char* condition) {
        where += where.empty() ? " WHERE " : " AND ";
        where += condition;
    };
    if (f.agencyId) add("d.agency_id = ?1");
    if (f.topicId) add("d.topic_id = ?2");
    if (f.areaId) add("d.area_id = ?3");
    if (f.year) add("d.published >= ?4 AND d.published < ?5");
    return where;
}

void bindFilter(Query& q, const DocumentFilter& f) {
    if (f.agencyId) q.bind(1, *f.agencyId);
    if (f.topicId) q.bind(2, *f.topicId);
    if (f.areaId) q.bind(3, *f.areaId);
    if (f.year) q.bind(4, yearStart(*f.year)).bind(5, nextYearStart(*f.year));
}

constexpr const char* kSummaryColumns =
    "SELECT d.id, d.key, d.title, d.doc_no, a.short_name, d.published, d.validity ";

DocumentSummary readSummary(const Query& q) {
    DocumentSummary s;
    s.id = q.integer(0);
    s.key = q.text(1);
    s.title = q.text(2);
    s.docNo = q.text(3);
    s.agencyName = q.text(4);
    s.published = q.text(5);
    s.validity = validityFromCode(q.integer(6));
    return s;
}

}  // namespace

int Store::countDocuments(const DocumentFilter& filter) const {
    // One filter or none: the stored browse count. Combinations count an index range.
    const int filters = filter.agencyId.has_value() + filter.topicId.has_value() +
                        filter.areaId.has_value() + filter.year.has_value();
    if (filters <= 1) {
        int dimension = kCountAll;
        int64_t node = 0;
        if (filter.agencyId) dimension = kCountAgency, node = *filter.agencyId;
        if (filter.topicId) dimension = kCountTopic, node = *filter.topicId;
        if (filter.areaId) dimension = kCountArea, node = *filter.areaId;
        if (filter.year) dimension = kCountYear, node = *filter.year;
        Query q(*impl_, "SELECT count FROM document_counts WHERE dimension = ?1 AND node = ?2");
        q.bind(1, dimension).bind(2, node);
        return q.next() ? static_cast<int>(q.integer(0)) : 0;
    }
    Query q(*impl_, "SELECT count(*) FROM documents d" + filterClause(filter));
    bindFilter(q, filter);
    return q.next() ? static_cast<int>(q.integer(0)) : 0;
}

std::vector<DocumentSummary> Store::listDocuments(const DocumentFilter& filter, int offset,
                                                  int limit) const {
    // The inner query pages over a covering index only (every index holds the row id), so a
    // deep OFFSET skips index entries rather than document rows; the outer query then reads
    // just the `limit` rows it shows and re-sorts those few.
    Query q(*impl_, std::string(kSummaryColumns) +
                        "FROM (SELECT d.id AS pick FROM documents d" + filterClause(filter) +
                        " ORDER BY d.published DESC, d.id DESC LIMIT ?6 OFFSET ?7) p "
                        "CROSS JOIN documents d ON d.id = p.pick CROSS JOIN agencies a ON a.id = d.agency_id "
                        "ORDER BY d.published DESC, d.id DESC");
    bindFilter(q, filter);
    q.bind(6, static_cast<int64_t>(std::max(limit, 0))).bind(7, static_cast<int64_t>(std::max(offset, 0)));
    std::vector<DocumentSummary> result;
    while (q.next()) result.push_back(readSummary(q));
    return result;
}

std::optional<Document> Store::document(int64_t id) const {
    Impl& impl = *impl_;
    Document d;
    {
        Query q(impl, "SELECT d.id, d.key, d.index_no, d.doc_no, d.title, d.agency_id, a.name, t.name, "
                      "ar.name, d.created, d.published, d.disclosure, d.validity, d.valid_note, d.url, "
                      "d.interprets_id, x.body, x.signature "
                      "FROM documents d JOIN agencies a ON a.id = d.agency_id "
                      "JOIN topics t ON t.id = d.topic_id LEFT JOIN areas ar ON ar.id = d.area_id "
                      "LEFT JOIN document_texts x ON x.doc_id = d.id WHERE d.id = ?1");
        q.bind(1, id);
        if (!q.next()) return std::nullopt;
        d.id = q.integer(0);
        d.key = q.text(1);
        d.indexNo = q.text(2);
        d.docNo = q.text(3);
        d.title = q.text(4);
        d.agencyId = q.integer(5);
        d.agencyName = q.text(6);
        d.topicName = q.text(7);
        d.areaName = q.text(8);
        d.created = q.text(9);
        d.published = q.text(10);
        d.disclosure = q.text(11);
        d.validity = validityFromCode(q.integer(12));
        d.validNote = q.text(13);
        d.url = q.text(14);
        d.interpretsId = q.optionalInteger(15);
        d.body = splitLines(q.text(16));
        d.signature = splitLines(q.text(17));
    }
    {
        Query q(impl, impl.version >= 7
                          ? "SELECT a.name, a.file, coalesce(i.width, 0), coalesce(i.height, 0) FROM document_attachments a "
                            "LEFT JOIN content_images i ON i.file = a.file WHERE a.doc_id = ?1 ORDER BY a.seq"
                          : "SELECT name, file, 0, 0 FROM document_attachments WHERE doc_id = ?1 ORDER BY seq");
        q.bind(1, id);
        while (q.next())
            d.attachments.push_back({q.text(0), q.text(1), static_cast<int>(q.integer(2)), static_cast<int>(q.integer(3))});
    }
    {
        Query q(impl, "SELECT id FROM documents WHERE interprets_id = ?1 ORDER BY published DESC, id DESC");
        q.bind(1, id);
        while (q.next()) d.interpretationIds.push_back(q.integer(0));
    }
    return d;
}

std::optional<AttachmentImage> Store::attachmentImage(int64_t documentId, int position) const {
    Impl& impl = *impl_;
    if (impl.version < 7) return std::nullopt;
    Query q(impl, "SELECT a.name, a.file, i.width, i.height, i.bytes FROM document_attachments a "
                  "JOIN content_images i ON i.file = a.file WHERE a.doc_id = ?1 AND a.seq = ?2");
    q.bind(1, documentId).bind(2, static_cast<int64_t>(position));
    if (!q.next()) return std::nullopt;
    AttachmentImage image;
    image.name = q.text(0);
    image.file = q.text(1);
    image.width = static_cast<int>(q.integer(2));
    image.height = static_cast<int>(q.integer(3));
    image.bytes = q.blob(4);
    return image;
}

std::optional<Document> Store::documentByKey(const std::string& key) const {
    std::optional<int64_t> id;
    {
        Query q(*impl_, "SELECT id FROM documents WHERE key = ?1");
        q.bind(1, key);
        if (q.next()) id = q.integer(0);
    }
    if (!id) return std::nullopt;
    return document(*id);
}

std::vector<DocumentSummary> Store::documentSummaries(const std::vector<int64_t>& ids) const {
    std::vector<DocumentSummary> result;
    result.reserve(ids.size());
    for (int64_t id : ids) {
        Query q(*impl_, std::string(kSummaryColumns) +
                            "FROM documents d JOIN agencies a ON a.id = d.agency_id WHERE d.id = ?1");
        q.bind(1, id);
        if (q.next()) result.push_back(readSummary(q));
    }
    return result;
}

namespace {

constexpr const char* kCatalogueColumns =
    "SELECT c.id, c.key, ar.name, c.item_l1, c.item_l2, c.content, c.basis, c.time_limit, "
    "c.subject, c.channels, c.audience, c.method, c.levels "
    "FROM catalogue_entries c JOIN areas ar ON ar.id = c.area_id ";

CatalogueEntry readCatalogueEntry(const Query& q) {
    CatalogueEntry e;
    e.id = q.integer(0);
    e.key = q.text(1);
    e.areaName = q.text(2);
    e.itemL1 = q.text(3);
    e.itemL2 = q.text(4);
    e.content = q.text(5);
    e.basis = q.text(6);
    e.timeLimit = q.text(7);
    e.subject = q.text(8);
    e.channels = splitLines(q.text(9));
    e.audience = q.text(10);
    e.method = q.text(11);
    e.levels = splitLines(q.text(12));
    return e;
}

}  // namespace

std::vector<CatalogueEntry> Store::catalogueEntries(std::optional<int64_t> areaId) const {
    std::vector<CatalogueEntry> result;
    if (areaId) {
        Query q(*impl_, std::string(kCatalogueColumns) + "WHERE c.area_id = ?1 ORDER BY c.sort, c.id");
        q.bind(1, *areaId);
        while (q.next()) result.push_back(readCatalogueEntry(q));
    } else {
        Query q(*impl_, std::string(kCatalogueColumns) + "ORDER BY ar.sort, ar.id, c.sort, c.id");
        while (q.next()) result.push_back(readCatalogueEntry(q));
    }
    return result;
}

std::optional<CatalogueEntry> Store::catalogueEntry(int64_t id) const {
    Query q(*impl_, std::string(kCatalogueColumns) + "WHERE c.id = ?1");
    q.bind(1, id);
    if (!q.next()) return std::nullopt;
    return readCatalogueEntry(q);
}

std::vector<GuideGroup> Store::guideGroups() const {
    std::vector<GuideGroup> result;
    Query q(*impl_, "SELECT g.id, g.key, g.name, g.description, "
                    "(SELECT count(*) FROM guides x WHERE x.group_id = g.id) "
                    "FROM guide_groups g ORDER BY g.sort, g.id");
    while (q.next())
        result.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), static_cast<int>(q.integer(4))});
    return result;
}

namespace {

constexpr const char* kGuideColumns =
    "SELECT x.id, x.key, g.name, x.name, a.name, x.window, x.materials, x.steps, "
    "x.statutory_limit, x.promised_limit, x.fee, x.basis, x.hours, x.hotline, x.online "
    "FROM guides x JOIN guide_groups g ON g.id = x.group_id JOIN agencies a ON a.id = x.department_id ";

Guide readGuide(const Query& q) {
    Guide g;
    g.id = q.integer(0);
    g.key = q.text(1);
    g.groupName = q.text(2);
    g.name = q.text(3);
    g.department = q.text(4);
    g.window = q.text(5);
    g.materials = materialsFromJson(q.text(6));
    g.steps = splitLines(q.text(7));
    g.statutoryLimit = q.text(8);
    g.promisedLimit = q.text(9);
    g.fee = q.text(10);
    g.basis = splitLines(q.text(11));
    g.hours = q.text(12);
    g.hotline = q.text(13);
    g.online = q.text(14);
    return g;
}

}  // namespace

std::vector<Guide> Store::guides(std::optional<int64_t> groupId) const {
    std::vector<Guide> result;
    if (groupId) {
        Query q(*impl_, std::string(kGuideColumns) + "WHERE x.group_id = ?1 ORDER BY x.sort, x.id");
        q.bind(1, *groupId);
        while (q.next()) result.push_back(readGuide(q));
    } else {
        Query q(*impl_, std::string(kGuideColumns) + "ORDER BY g.sort, g.id, x.sort, x.id");
        while (q.next()) result.push_back(readGuide(q));
    }
    return result;
}

std::vector<CountedNode> Store::guideDepartments() const {
    std::vector<CountedNode> result;
    Query q(*impl_, "SELECT a.id, a.name, count(*) FROM guides x JOIN agencies a ON a.id = x.department_id "
                    "GROUP BY a.id ORDER BY a.sort, a.id");
    while (q.next()) result.push_back({q.integer(0), q.text(1), static_cast<int>(q.integer(2))});
    return result;
}

std::vector<Guide> Store::guidesOfDepartment(int64_t agencyId) const {
    std::vector<Guide> result;
    Query q(*impl_, std::string(kGuideColumns) + "WHERE x.department_id = ?1 ORDER BY g.sort, g.id, x.sort, x.id");
    q.bind(1, agencyId);
    while (q.next()) result.push_back(readGuide(q));
    return result;
}

std::optional<Guide> Store::guide(int64_t id) const {
    Query q(*impl_, std::string(kGuideColumns) + "WHERE x.id = ?1");
    q.bind(1, id);
    if (!q.next()) return std::nullopt;
    return readGuide(q);
}

std::vector<QA> Store::qas() const {
    std::vector<QA> result;
    Query q(*impl_, "SELECT q.id, q.key, t.name, q.question, q.answer, q.source, q.date, q.url "
                    "FROM qa q JOIN topics t ON t.id = q.topic_id ORDER BY q.sort, q.id");
    while (q.next()) {
        QA a;
        a.id = q.integer(0);
        a.key = q.text(1);
        a.topicName = q.text(2);
        a.question = q.text(3);
        a.answer = splitLines(q.text(4));
        a.source = q.text(5);
        a.date = q.text(6);
        a.url = q.text(7);
        result.push_back(std::move(a));
    }
    return result;
}

std::vector<GazetteIssue> Store::gazetteIssues() const {
    std::vector<GazetteIssue> result;
    {
        Query q(*impl_, "SELECT id, key, year, issue, title, published FROM gazette_issues "
                        "ORDER BY year DESC, issue DESC");
        while (q.next()) {
            GazetteIssue g;
            g.id = q.integer(0);
            g.key = q.text(1);
            g.year = static_cast<int>(q.integer(2));
            g.issue = static_cast<int>(q.integer(3));
            g.title = q.text(4);
            g.published = q.text(5);
            result.push_back(std::move(g));
        }
    }
    for (GazetteIssue& g : result) {
        Query q(*impl_, std::string(kSummaryColumns) +
                            "FROM gazette_contents gc JOIN documents d ON d.id = gc.doc_id "
                            "JOIN agencies a ON a.id = d.agency_id WHERE gc.issue_id = ?1 ORDER BY gc.seq");
        q.bind(1, g.id);
        while (q.next()) g.contents.push_back(readSummary(q));
    }
    return result;
}

std::vector<Announcement> Store::announcements(const std::string& date) const {
    std::vector<Announcement> result;
    Query q(*impl_, "SELECT id, key, title, body, kind, starts, ends FROM announcements "
                    "WHERE ?1 = '' OR (starts <= ?1 AND ends >= ?1) ORDER BY sort, id");
    q.bind(1, date);
    while (q.next()) {
        Announcement a;
        a.id = q.integer(0);
        a.key = q.text(1);
        a.title = q.text(2);
        a.body = splitLines(q.text(3));
        a.kind = q.text(4);
        a.starts = q.text(5);
        a.ends = q.text(6);
        result.push_back(std::move(a));
    }
    return result;
}

std::vector<Township> Store::townships() const {
    std::vector<Township> result;
    Query q(*impl_, "SELECT t.id, t.key, t.name, (SELECT count(*) FROM villages v WHERE v.township_id = t.id) "
                    "FROM townships t ORDER BY t.sort, t.id");
    while (q.next())
        result.push_back({q.integer(0), q.text(1), q.text(2), static_cast<int>(q.integer(3))});
    return result;
}

std::vector<Village> Store::villages(int64_t townshipId) const {
    std::vector<Village> result;
    Query q(*impl_, "SELECT v.id, v.key, v.name, (SELECT count(*) FROM village_items i WHERE i.village_id = v.id) "
                    "FROM villages v WHERE v.township_id = ?1 ORDER BY v.sort, v.id");
    q.bind(1, townshipId);
    while (q.next())
        result.push_back({q.integer(0), q.text(1), q.text(2), static_cast<int>(q.integer(3))});
    return result;
}

std::vector<VillageItem> Store::villageItems(int64_t villageId) const {
    std::vector<VillageItem> result;
    // Newest first: a village board shows what was posted last at the top.
    Query q(*impl_, "SELECT id, key, kind, title, summary, date, url FROM village_items "
                    "WHERE village_id = ?1 ORDER BY date DESC, sort, id");
    q.bind(1, villageId);
    while (q.next())
        result.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.text(6)});
    return result;
}

std::vector<int> Store::calendarYears() const {
    std::vector<int> years;
    Query q(*impl_, "SELECT year FROM calendar_years ORDER BY year");
    while (q.next()) years.push_back(static_cast<int>(q.integer(0)));
    return years;
}

std::vector<CalendarException> Store::calendarExceptions(int year) const {
    // By the date's own year, whichever notice listed it: a notice can reach into the
    // neighbouring year, and the deadline calculator asks about dates.
    std::vector<CalendarException> result;
    Query q(*impl_, "SELECT date, working, holiday FROM calendar_days "
                    "WHERE date >= ?1 AND date < ?2 ORDER BY date");
    q.bind(1, yearStart(year)).bind(2, nextYearStart(year));
    while (q.next()) result.push_back({q.text(0), q.integer(1) == 1, q.text(2)});
    return result;
}

std::string compactTrackingCode(std::string_view typed) {
    std::string compact;
    for (char32_t cp : utf8::decode(typed)) {
        if (cp >= U'\uFF01' && cp <= U'\uFF5E') cp -= 0xFEE0;  // full-width ASCII forms
        if (cp >= U'a' && cp <= U'z') cp -= U'a' - U'A';
        if ((cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9')) {
            compact += static_cast<char>(cp);
            continue;
        }
        const bool space = cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' ||
                           cp == U'\u00A0' || cp == U'\u3000';
        // Input methods turn the hyphen key into one of these dashes.
        const bool dash = cp == U'-' || (cp >= U'\u2010' && cp <= U'\u2015') || cp == U'\u2212';
        if (!space && !dash) return {};
    }
    return compact;
}

// ---------------------------------------------------------------------------------------
// Application statuses (schema 3)
// ---------------------------------------------------------------------------------------
std::optional<ApplicationStatus> Store::applicationStatus(const std::string& code) const {
    if (impl_->version < 3) return std::nullopt;  // a read-only store not yet migrated
    const std::string compact = compactTrackingCode(code);
    if (compact.empty()) return std::nullopt;
    // The expression is written as in application_statuses_by_compact_code so that SQLite
    // uses that index.
    Query q(*impl_, "SELECT code, status, received, due, extended_due, updated, note "
                    "FROM application_statuses WHERE replace(code, '-', '') = ?1");
    q.bind(1, compact);
    if (!q.next()) return std::nullopt;
    ApplicationStatus a;
    a.code = q.text(0);
    a.status = q.text(1);
    a.received = q.text(2);
    a.due = q.text(3);
    a.extendedDue = q.text(4);
    a.updated = q.text(5);
    a.note = q.text(6);
    return a;
}

int64_t Store::countApplicationStatuses() const {
    if (impl_->version < 3) return 0;
    Query q(*impl_, "SELECT count(*) FROM application_statuses");
    return q.next() ? q.integer(0) : 0;
}

std::string Store::applicationStatusesUpdated() const {
    if (impl_->version < 3) return {};
    Query q(*impl_, "SELECT statuses_updated FROM content_meta WHERE id = 1");
    return q.next() ? q.text(0) : std::string();
}

std::vector<std::pair<std::string, int64_t>> Store::tableCounts() const {
    std::vector<std::pair<std::string, int64_t>> counts;
    for (const char* table : kReportTables) {
        Query q(*impl_, std::string("SELECT count(*) FROM ") + table);
        counts.emplace_back(table, q.next() ? q.integer(0) : 0);
    }
    // Tables of later schema versions: a read-only store may not have them yet.
    if (impl_->version >= 3) counts.emplace_back("application_statuses", countApplicationStatuses());
    if (impl_->version >= 7) {
        Query q(*impl_, "SELECT count(*) FROM content_images");
        counts.emplace_back("content_images", q.next() ? q.integer(0) : 0);
    }
    if (impl_->version >= 2) {
        Query q(*impl_, "SELECT count(*) FROM settings");
        counts.emplace_back("settings", q.next() ? q.integer(0) : 0);
    }
    return counts;
}

std::u32string Store::glyphSet() const {
    Query q(*impl_, "SELECT chars FROM glyph_set WHERE id = 1");
    if (!q.next()) return {};
    return utf8::decode(q.text(0));
}

// ---------------------------------------------------------------------------------------
// Usage statistics (schema 8, sync/usage.h)
// ---------------------------------------------------------------------------------------
void Store::addUsage(const std::string& day, const std::string& kind, const std::string& key, int64_t n) {
    Query q(*impl_, "INSERT INTO usage_counts (day, kind, key, count) VALUES (?1, ?2, ?3, ?4) "
                    "ON CONFLICT (day, kind, key) DO UPDATE SET count = count + excluded.count");
    q.bind(1, day).bind(2, kind).bind(3, key).bind(4, n);
    q.run();
}

int64_t Store::beginUsageSession(const std::string& day, const std::string& kind) {
    Transaction transaction(*impl_);
    addUsage(day, kind, "", 1);
    Query q(*impl_, "SELECT coalesce(sum(count), 0) FROM usage_counts WHERE kind = ?1");
    q.bind(1, kind);
    const int64_t number = q.next() ? q.integer(0) : 0;
    transaction.commit();
    return number;
}

void Store::addUsageQuery(int year, const std::string& kind, const std::string& digest, int64_t session,
                          const std::string& text, int threshold) {
    Transaction transaction(*impl_);
    {
        Query q(*impl_, "INSERT INTO usage_queries (year, kind, digest, sessions, count, last_session) "
                        "VALUES (?1, ?2, ?3, 1, 1, ?4) ON CONFLICT (year, kind, digest) DO UPDATE SET "
                        "count = count + 1, sessions = sessions + (last_session != excluded.last_session), "
                        "last_session = excluded.last_session");
        q.bind(1, year).bind(2, kind).bindBlob(3, digest).bind(4, session);
        q.run();
    }
    // The text reaches the file only in this statement, and only for a row over the threshold.
    Query reveal(*impl_, "UPDATE usage_queries SET text = ?4 "
                         "WHERE year = ?1 AND kind = ?2 AND digest = ?3 AND text IS NULL AND sessions >= ?5");
    reveal.bind(1, year).bind(2, kind).bindBlob(3, digest).bind(4, text).bind(5, threshold);
    reveal.run();
    transaction.commit();
}

std::vector<UsageCount> Store::usageCounts(const std::string& fromDay, const std::string& toDay) const {
    std::vector<UsageCount> rows;
    if (impl_->version < 8) return rows;
    Query q(*impl_, "SELECT day, kind, key, count FROM usage_counts WHERE day >= ?1 AND day <= ?2 "
                    "ORDER BY day, kind, key");
    q.bind(1, fromDay).bind(2, toDay);
    while (q.next()) rows.push_back(UsageCount{q.text(0), q.text(1), q.text(2), q.integer(3)});
    return rows;
}

std::vector<UsageQuery> Store::usageQueries(int year) const {
    std::vector<UsageQuery> rows;
    if (impl_->version < 8) return rows;
    Query q(*impl_, "SELECT kind, text, sessions, count FROM usage_queries WHERE year = ?1 "
                    "ORDER BY kind, sessions DESC, count DESC, text");
    q.bind(1, year);
    while (q.next()) rows.push_back(UsageQuery{year, q.text(0), q.isNull(1) ? std::string() : q.text(1),
                                               q.integer(2), q.integer(3)});
    return rows;
}

std::vector<int> Store::usageYears() const {
    std::vector<int> years;
    if (impl_->version < 8) return years;
    Query q(*impl_, "SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER) FROM usage_counts ORDER BY 1");
    while (q.next()) years.push_back(static_cast<int>(q.integer(0)));
    return years;
}

// ---------------------------------------------------------------------------------------
// Terminal settings (schema 2)
// ---------------------------------------------------------------------------------------
std::optional<std::string> Store::setting(const std::string& key) const {
    if (impl_->version < 2) return std::nullopt;  // a read-only store not yet migrated
    Query q(*impl_, "SELECT value FROM settings WHERE key = ?1");
    q.bind(1, key);
    if (!q.next()) return std::nullopt;
    return q.text(0);
}

std::vector<std::pair<std::string, std::string>> Store::settings() const {
    std::vector<std::pair<std::string, std::string>> result;
    if (impl_->version < 2) return result;
    Query q(*impl_, "SELECT key, value FROM settings ORDER BY key");
    while (q.next()) result.emplace_back(q.text(0), q.text(1));
    return result;
}

void Store::setSetting(const std::string& key, const std::string& value) {
    Query q(*impl_, "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    q.bind(1, key).bind(2, value);
    q.run();
}

void Store::removeSetting(const std::string& key) {
    Query q(*impl_, "DELETE FROM settings WHERE key = ?1");
    q.bind(1, key);
    q.run();
}

std::optional<std::string> Store::contentSetting(const std::string& key) const {
    if (impl_->version < 6) return std::nullopt;
    Query q(*impl_, "SELECT value FROM content_settings WHERE key = ?1");
    q.bind(1, key);
    if (!q.next()) return std::nullopt;
    return q.text(0);
}

std::optional<std::string> Store::effectiveSetting(const std::string& key) const {
    if (auto own = setting(key)) return own;
    return contentSetting(key);
}

// ---------------------------------------------------------------------------------------
// Sync state (schema 6)
// ---------------------------------------------------------------------------------------
SyncState Store::syncState() const {
    SyncState state;
    if (impl_->version < 6) return state;
    Query q(*impl_, "SELECT root, root_version, content_id, version, manifest_digest, created, expires, "
                    "clock_floor, applied_at, source, last_attempt, last_result FROM sync_state WHERE id = 1");
    if (!q.next()) return state;
    state.root = q.text(0);
    state.rootVersion = q.integer(1);
    state.contentId = q.text(2);
    state.version = q.integer(3);
    state.manifestDigest = q.text(4);
    state.created = q.text(5);
    state.expires = q.text(6);
    state.clockFloor = q.text(7);
    state.appliedAt = q.text(8);
    state.source = q.text(9);
    state.lastAttempt = q.text(10);
    state.lastResult = q.text(11);
    return state;
}

void Store::pinRoot(const std::string& rootText, int64_t rootVersion) {
    Query q(*impl_, "UPDATE sync_state SET root = ?1, root_version = ?2 WHERE id = 1");
    q.bind(1, rootText).bind(2, rootVersion);
    q.run();
}

void Store::raiseClockFloor(const std::string& utc) {
    Query q(*impl_, "UPDATE sync_state SET clock_floor = max(clock_floor, ?1) WHERE id = 1");
    q.bind(1, utc);
    q.run();
}

void Store::recordSyncAttempt(const std::string& when, const std::string& result) {
    Query q(*impl_, "UPDATE sync_state SET last_attempt = ?1, last_result = ?2 WHERE id = 1");
    q.bind(1, when).bind(2, result);
    q.run();
}

std::vector<std::string> Store::integrityProblems() const {
    std::vector<std::string> problems;
    Query q(*impl_, "PRAGMA quick_check");
    while (q.next()) {
        std::string line = q.text(0);
        if (line != "ok") problems.push_back(line);
    }
    {
        Query fk(*impl_, "PRAGMA foreign_key_check");
        while (fk.next())
            problems.push_back("foreign key violation in " + fk.text(0) + " row " + fk.text(1) +
                               " (refers to " + fk.text(2) + ")");
    }
    // Compound operators associate left, so the union of true counts is wrapped whole.
    // Zero counts are left out on both sides: a store without content has no stored row for
    // "all documents", and that is not a mismatch.
    const std::string truth = std::string("SELECT * FROM (") + kTrueCounts + ") WHERE count > 0";
    const std::string stored = "SELECT dimension, node, count FROM document_counts WHERE count > 0";
    Query stale(*impl_, "SELECT dimension, node FROM (" + stored + " EXCEPT " + truth +
                            ") UNION SELECT dimension, node FROM (" + truth + " EXCEPT " + stored + ")");
    while (stale.next())
        problems.push_back("document_counts out of date for dimension " + stale.text(0) + " node " +
                           stale.text(1));
    return problems;
}

// ---------------------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------------------
namespace {

// Above this many index candidates, ranking (bm25 over all of them) and exact counting
// (checking every row's text) cost tens of milliseconds on a 100,000-document store, so
// search() streams newest first and countSearch() reports the candidate count.
constexpr int kRankCandidates = 2000;
// Title-tier candidates loaded whole so that exact 文号 / 索引号 matches can go first.
constexpr int kExactCheckCandidates = 200;

constexpr int64_t kRowidKinds = 4;

// The texts of one searchable row, as indexed and as checked.
struct SearchRow {
    int64_t rowid = 0;
    SearchHit::Kind kind = SearchHit::Kind::Document;
    int64_t id = 0;
    std::string title, docNo, indexNo, body, agency;  // indexed fields
    std::string agencyShort, date;                     // display
    Validity validity = Validity::Valid;
};

std::optional<SearchRow> loadSearchRow(Store::Impl& impl, int64_t rowid) {
    SearchRow row;
    row.rowid = rowid;
    row.id = rowid / kRowidKinds;
    switch (rowid % kRowidKinds) {
    case 0: {
        Query q(impl, "SELECT d.title, d.doc_no, d.index_no, coalesce(x.body, ''), a.name, "
                      "a.short_name, d.published, d.validity FROM documents d "
                      "JOIN agencies a ON a.id = d.agency_id "
                      "LEFT JOIN document_texts x ON x.doc_id = d.id WHERE d.id = ?1");
        q.bind(1, row.id);
        if (!q.next()) return std::nullopt;
        row.kind = SearchHit::Kind::Document;
        row.title = q.text(0);
        row.docNo = q.text(1);
        row.indexNo = q.text(2);
        row.body = q.text(3);
        row.agency = q.text(4) + "\n" + q.text(5);
        row.agencyShort = q.text(5);
        row.date = q.text(6);
        row.validity = validityFromCode(q.integer(7));
        return row;
    }
    case 1: {
        Query q(impl, "SELECT g.name, g.materials, g.steps, a.name, a.short_name FROM guides g "
                      "JOIN agencies a ON a.id = g.department_id WHERE g.id = ?1");
        q.bind(1, row.id);
        if (!q.next()) return std::nullopt;
        row.kind = SearchHit::Kind::Guide;
        row.title = q.text(0);
        // Material names (not the JSON around them), then the steps.
        for (const GuideMaterial& m : materialsFromJson(q.text(1))) row.body += m.name + "\n";
        row.body += q.text(2);
        row.agency = q.text(3) + "\n" + q.text(4);
        row.agencyShort = q.text(4);
        return row;
    }
    case 2: {
        Query q(impl, "SELECT question, answer, source, date FROM qa WHERE id = ?1");
        q.bind(1, row.id);
        if (!q.next()) return std::nullopt;
        row.kind = SearchHit::Kind::QA;
        row.title = q.text(0);
        row.body = q.text(1);
        row.agency = q.text(2);
        row.agencyShort = q.text(2);
        row.date = q.text(3);
        return row;
    }
    default:
        return std::nullopt;
    }
}

// The row check: every term in some field, or (letters only) in the title's pinyin.
bool rowMatches(const SearchRow& row, const std::vector<search::QueryTerm>& terms) {
    std::u32string fields[5] = {search::foldString(row.title), search::foldString(row.docNo),
                                search::foldString(row.indexNo), {}, search::foldString(row.agency)};
    bool bodyFolded = false;
    for (const search::QueryTerm& term : terms) {
        bool found = false;
        for (int i = 0; i < 5 && !found; ++i) {
            if (i == 3 && !bodyFolded) {
                fields[3] = search::foldString(row.body);
                bodyFolded = true;
            }
            found = fields[i].find(term.folded) != std::u32string::npos;
        }
        if (!found && term.letters) found = search::pinyinMatches(utf8::encode(term.folded), row.title);
        if (!found) return false;
    }
    return true;
}

bool exactNumberMatch(const SearchRow& row, const std::vector<search::QueryTerm>& terms) {
    if (row.docNo.empty() && row.indexNo.empty()) return false;
    std::u32string all;
    for (const search::QueryTerm& t : terms) all += t.folded;
    const std::u32string docNo = search::foldString(row.docNo), indexNo = search::foldString(row.indexNo);
    return (!docNo.empty() && all == docNo) || (!indexNo.empty() && all == indexNo);
}

// A window of the body (or the title when the body has no match) around the first match,
// with every term occurrence in it as a byte range of the returned snippet.
void makeSnippet(const SearchRow& row, const std::vector<search::QueryTerm>& terms, SearchHit& hit) {
    constexpr size_t kBefore = 20, kLength = 80;
    auto firstMatch = [&](const search::Folded& f) {
        size_t first = std::u32string::npos;
        for (const search::QueryTerm& t : terms) first = std::min(first, f.chars.find(t.folded));
        return first;
    };
    const std::string* source = &row.body;
    search::Folded folded = search::foldText(row.body);
    size_t first = firstMatch(folded);
    if (first == std::u32string::npos) {
        // A pinyin hit: the title, with the characters the letters stand for highlighted.
        std::vector<std::pair<size_t, size_t>> pinyin;
        for (const search::QueryTerm& t : terms)
            if (t.letters)
                if (auto range = search::pinyinMatch(utf8::encode(t.folded), row.title)) pinyin.push_back(*range);
        if (!pinyin.empty() && firstMatch(search::foldText(row.title)) == std::u32string::npos) {
            hit.snippet = row.title;
            std::sort(pinyin.begin(), pinyin.end());
            for (const auto& r : pinyin) {
                if (!hit.highlights.empty() && r.first <= hit.highlights.back().second)
                    hit.highlights.back().second = std::max(hit.highlights.back().second, r.second);
                else
                    hit.highlights.push_back(r);
            }
            return;
        }
    }
    if (first == std::u32string::npos && (row.body.empty() || firstMatch(search::foldText(row.title)) != std::u32string::npos)) {
        source = &row.title;
        folded = search::foldText(row.title);
        first = firstMatch(folded);
    }
    const size_t n = folded.chars.size();
    const size_t start = (first == std::u32string::npos || first < kBefore) ? 0 : first - kBefore;
    const size_t end = std::min(n, start + kLength);
    const std::string prefix = start > 0 ? "…" : "";
    hit.snippet = prefix;
    hit.snippet += source->substr(folded.offsets[start], folded.offsets[end] - folded.offsets[start]);
    for (size_t i = prefix.size(); i < hit.snippet.size(); ++i)
        if (hit.snippet[i] == '\n' || hit.snippet[i] == '\r' || hit.snippet[i] == '\t') hit.snippet[i] = ' ';
    if (end < n) hit.snippet += "…";
    std::vector<std::pair<size_t, size_t>> ranges;
    const std::u32string_view window(folded.chars.data() + start, end - start);
    for (const search::QueryTerm& t : terms) {
        for (size_t at = window.find(t.folded); at != std::u32string_view::npos;
             at = window.find(t.folded, at + 1)) {
            const size_t b = start + at, e = std::min(end, b + t.folded.size());
            ranges.emplace_back(prefix.size() + folded.offsets[b] - folded.offsets[start],
                                prefix.size() + folded.offsets[e] - folded.offsets[start]);
        }
    }
    std::sort(ranges.begin(), ranges.end());
    for (const auto& r : ranges) {
        if (!hit.highlights.empty() && r.first <= hit.highlights.back().second)
            hit.highlights.back().second = std::max(hit.highlights.back().second, r.second);
        else
            hit.highlights.push_back(r);
    }
}

// The FTS5 expression: every term as a quoted phrase (so nothing typed is syntax), joined
// with AND; letter terms may also match the title's pinyin columns.
std::string matchExpression(const std::vector<search::QueryTerm>& terms) {
    std::string expr;
    for (const search::QueryTerm& t : terms) {
        if (!expr.empty()) expr += " AND ";
        std::string part = t.phrase;
        if (t.letters) {
            const std::string initials = search::pinyinInitialsPhrase(utf8::encode(t.folded));
            const std::string full = search::pinyinFullPhrase(utf8::encode(t.folded));
            if (!initials.empty()) part += " OR {py_initials} : " + initials;
            if (!full.empty()) part += " OR {py_full} : " + full;
            part = "(" + part + ")";
        }
        expr += part;
    }
    return expr;
}

bool hasDocumentFilter(const SearchQuery& q) {
    return q.agencyId || q.topicId || q.areaId || q.year || q.validity;
}

// The two search tables: everything, or the title fields only.
struct SearchTable {
    const char* name;     // FTS5 table
    const char* weights;  // bm25 column weights: titles and 文号 count most
};
constexpr SearchTable kAllFields{"search_fts", "10.0, 10.0, 10.0, 1.0, 2.0, 8.0, 8.0"};
constexpr SearchTable kTitleFields{"search_titles", "10.0, 10.0, 10.0, 8.0, 8.0"};

// FROM/WHERE for a MATCH on ?1 with the query's document filters as ?2...
std::string candidateFrom(const SearchTable& t, const SearchQuery& q) {
    const std::string name = t.name;
    std::string sql = " FROM " + name;
    if (hasDocumentFilter(q)) sql += " JOIN documents d ON d.id = (" + name + ".rowid >> 2)";
    sql += " WHERE " + name + " MATCH ?1";
    if (!hasDocumentFilter(q)) return sql;
    sql += " AND (" + name + ".rowid & 3) = 0";
    int n = 2;
    auto add = [&](bool on, const char* condition) {
        if (on) sql += std::string(" AND ") + condition + std::to_string(n++);
    };
    add(q.agencyId.has_value(), "d.agency_id = ?");
    add(q.topicId.has_value(), "d.topic_id = ?");
    add(q.areaId.has_value(), "d.area_id = ?");
    add(q.year.has_value(), "d.year = ?");
    add(q.validity.has_value(), "d.validity = ?");
    return sql;
}

void bindCandidates(Query& query, const SearchQuery& q, const std::string& expr) {
    query.bind(1, expr);
    int n = 2;
    if (q.agencyId) query.bind(n++, *q.agencyId);
    if (q.topicId) query.bind(n++, *q.topicId);
    if (q.areaId) query.bind(n++, *q.areaId);
    if (q.year) query.bind(n++, *q.year);
    if (q.validity) query.bind(n++, validityCode(*q.validity));
}

// Candidates for EXPR, counting no further than CAP + 1 when CAP > 0: a full count of a
// phrase found in nearly every document costs 20-30 ms on 100,000 documents, while the
// decisions below only need to know whether it is small.
int countCandidates(Store::Impl& impl, const SearchTable& t, const SearchQuery& q,
                    const std::string& expr, int cap = 0) {
    const std::string sql = cap > 0 ? "SELECT count(*) FROM (SELECT 1" + candidateFrom(t, q) + " LIMIT " +
                                          std::to_string(cap + 1) + ")"
                                    : "SELECT count(*)" + candidateFrom(t, q);
    Query query(impl, sql);
    bindCandidates(query, q, expr);
    return query.next() ? static_cast<int>(query.integer(0)) : 0;
}

// Calls VISIT(rowid) for candidates in rank order (bm25, titles weighted) when RANKED,
// else newest first, until it returns false.
template <typename Visit>
void forEachCandidate(Store::Impl& impl, const SearchTable& t, const SearchQuery& q,
                      const std::string& expr, bool ranked, Visit&& visit) {
    const std::string name = t.name;
    std::string sql = "SELECT " + name + ".rowid" + candidateFrom(t, q);
    sql += ranked ? " ORDER BY bm25(" + name + ", " + t.weights + "), " + name + ".rowid DESC"
                  : " ORDER BY " + name + ".rowid DESC";
    Query query(impl, sql);
    bindCandidates(query, q, expr);
    while (query.next())
        if (!visit(query.integer(0))) break;
}

bool searchable(const Store::Impl& impl) {
    return impl.version >= 4;
}

}  // namespace

void refillSearchIndex(Store::Impl& impl) {
    searchIndexCommand(impl, "delete-all");
    std::vector<int64_t> rowids;
    {
        Query q(impl, "SELECT id * 4 FROM documents UNION ALL SELECT id * 4 + 1 FROM guides "
                      "UNION ALL SELECT id * 4 + 2 FROM qa");
        while (q.next()) rowids.push_back(q.integer(0));
    }
    for (int64_t rowid : rowids) indexSearchRow(impl, rowid);
    // One segment per index: freshly filled indexes otherwise keep the many small segments
    // of the fill, which every query over a common token has to merge.
    searchIndexCommand(impl, "optimize");
}

// Adds ROWID to both indexes, or (REMOVE) takes it out. Contentless FTS5 tables forget a row
// only when given the values it was indexed with, which loadSearchRow rebuilds from the
// tables: remove a row before its texts change.
void writeSearchRow(Store::Impl& impl, int64_t rowid, bool remove) {
    if (impl.deferSearchIndex) return;
    std::optional<SearchRow> row = loadSearchRow(impl, rowid);
    if (!row) return;
    const search::TitlePinyin pinyin = search::pinyinColumns(row->title);
    const std::string command = remove ? "'delete', " : "";
    const std::string commandColumn = remove ? "search_fts, " : "";
    Query q(impl, "INSERT INTO search_fts (" + commandColumn + "rowid, title, doc_no, index_no, body, agency, "
                  "py_initials, py_full) VALUES (" + command + "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    q.bind(1, rowid).bind(2, row->title).bind(3, row->docNo).bind(4, row->indexNo);
    q.bind(5, row->body).bind(6, row->agency).bind(7, pinyin.initials).bind(8, pinyin.full);
    q.run();
    const std::string titlesColumn = remove ? "search_titles, " : "";
    Query t(impl, "INSERT INTO search_titles (" + titlesColumn + "rowid, title, doc_no, index_no, py_initials, "
                  "py_full) VALUES (" + command + "?1, ?2, ?3, ?4, ?5, ?6)");
    t.bind(1, rowid).bind(2, row->title).bind(3, row->docNo).bind(4, row->indexNo);
    t.bind(5, pinyin.initials).bind(6, pinyin.full);
    t.run();
}

void indexSearchRow(Store::Impl& impl, int64_t rowid) { writeSearchRow(impl, rowid, false); }
void unindexSearchRow(Store::Impl& impl, int64_t rowid) { writeSearchRow(impl, rowid, true); }

void searchIndexCommand(Store::Impl& impl, const char* command) {
    for (const char* table : {"search_fts", "search_titles"})
        impl.exec(std::string("INSERT INTO ") + table + " (" + table + ") VALUES ('" + command + "')",
                  std::string("search index: ") + command);
}

void Store::rebuildSearchIndex() {
    if (impl_->mode == Mode::ReadOnly)
        throw StoreError(StoreErrorKind::Io, "store " + impl_->path + ": opened read-only, cannot reindex");
    Transaction transaction(*impl_);
    refillSearchIndex(*impl_);
    transaction.commit();
}

void Store::optimizeSearchIndex() {
    if (impl_->mode == Mode::ReadOnly)
        throw StoreError(StoreErrorKind::Io, "store " + impl_->path + ": opened read-only, cannot optimize");
    if (!searchable(*impl_)) return;
    Transaction transaction(*impl_);
    searchIndexCommand(*impl_, "optimize");
    transaction.commit();
}

int64_t Store::searchIndexBytes() const {
    if (!searchable(*impl_)) return 0;
    // dbstat counts whole pages (what the file really spends); builds without it get the
    // size of the index blocks, which is most of it.
    try {
        Query q(*impl_, "SELECT sum(pgsize) FROM dbstat "
                        "WHERE name LIKE 'search_fts%' OR name LIKE 'search_titles%'");
        if (q.next()) return q.integer(0);
    } catch (const StoreError&) {
    }
    Query q(*impl_, "SELECT (SELECT sum(length(block)) FROM search_fts_data) + "
                    "(SELECT sum(length(block)) FROM search_titles_data)");
    return q.next() ? q.integer(0) : 0;
}

std::vector<SearchHit> Store::search(const SearchQuery& query) const {
    Impl& impl = *impl_;
    const std::vector<search::QueryTerm> terms = search::parseQuery(query.text);
    if (terms.empty() || !searchable(impl) || query.limit <= 0) return {};
    const size_t offset = static_cast<size_t>(std::max(0, query.offset));
    const size_t wanted = offset + static_cast<size_t>(std::min(query.limit, 1000));

    std::vector<SearchRow> found;
    std::unordered_set<int64_t> seen;  // rowids already considered
    auto consider = [&](int64_t rowid) {
        if (!seen.insert(rowid).second) return true;
        std::optional<SearchRow> row = loadSearchRow(impl, rowid);
        if (row && rowMatches(*row, terms)) found.push_back(std::move(*row));
        return found.size() < wanted;
    };

    // Tier 1: matches in title, 文号, 索引号 or the title's pinyin.
    const std::string expr = matchExpression(terms);
    const int titleCount = countCandidates(impl, kTitleFields, query, expr, kRankCandidates);
    if (titleCount > 0 && titleCount <= kExactCheckCandidates) {
        // Few enough to load whole: an exact 文号 / 索引号 goes first.
        std::vector<SearchRow> tier;
        forEachCandidate(impl, kTitleFields, query, expr, true, [&](int64_t rowid) {
            seen.insert(rowid);
            std::optional<SearchRow> row = loadSearchRow(impl, rowid);
            if (row && rowMatches(*row, terms)) tier.push_back(std::move(*row));
            return true;
        });
        std::stable_partition(tier.begin(), tier.end(),
                              [&](const SearchRow& r) { return exactNumberMatch(r, terms); });
        for (SearchRow& r : tier) found.push_back(std::move(r));
    } else if (titleCount > 0) {
        forEachCandidate(impl, kTitleFields, query, expr, titleCount <= kRankCandidates, consider);
    }
    // Tier 2: everything else that matches, most recently added first, in one pass that
    // stops at the hits wanted. Not bm25: ranking needs every candidate's positions, and a
    // phrase of common tokens (〔2021〕9号: "2021", "9", 号…) costs ~30 ms per full pass on
    // 100,000 documents, while a stopped pass over a common term costs well under 1 ms.
    if (found.size() < wanted) forEachCandidate(impl, kAllFields, query, expr, false, consider);

    std::vector<SearchHit> hits;
    for (size_t i = offset; i < found.size() && i < wanted; ++i) {
        const SearchRow& row = found[i];
        SearchHit hit;
        hit.kind = row.kind;
        hit.id = row.id;
        hit.title = row.title;
        hit.docNo = row.docNo;
        hit.agencyName = row.agencyShort;
        hit.date = row.date;
        hit.validity = row.validity;
        hit.rank = static_cast<double>(i);
        makeSnippet(row, terms, hit);
        hits.push_back(std::move(hit));
    }
    return hits;
}

int Store::countSearch(const SearchQuery& query, int cap) const {
    Impl& impl = *impl_;
    const std::vector<search::QueryTerm> terms = search::parseQuery(query.text);
    if (terms.empty() || !searchable(impl)) return 0;
    const std::string expr = matchExpression(terms);
    if (countCandidates(impl, kAllFields, query, expr, kRankCandidates) > kRankCandidates) {
        if (cap <= 0) return countCandidates(impl, kAllFields, query, expr);
        return std::min(cap + 1, countCandidates(impl, kAllFields, query, expr, cap));
    }
    int verified = 0;
    forEachCandidate(impl, kAllFields, query, expr, false, [&](int64_t rowid) {
        std::optional<SearchRow> row = loadSearchRow(impl, rowid);
        if (row && rowMatches(*row, terms)) ++verified;
        return cap <= 0 || verified <= cap;
    });
    return verified;
}

// ---------------------------------------------------------------------------------------
// Prebuilt search index (snapshot bundles, sync/CONTENT_FORMAT.md "Prebuilt search index")
// ---------------------------------------------------------------------------------------
// kiosk-sync pack applies the snapshot to a scratch store exactly as a terminal does and
// ships the rows of the FTS5 shadow tables; a terminal whose index rules match inserts them
// in the apply's transaction instead of tokenizing 100,000 documents. Rowids are the content
// ids (id * 4 + kind), which a snapshot assigns from 1 in delivery order (the tables are
// emptied first), so the packer's ids are the terminal's.
namespace {

// The shadow tables of the two contentless search tables (FTS5 in SQLite 3.40): segment
// blocks, segment index, per-row token counts, configuration. Contentless: no %_content.
constexpr const char* kSearchShadowTables[] = {
    "search_fts_data",    "search_fts_idx",    "search_fts_docsize",    "search_fts_config",
    "search_titles_data", "search_titles_idx", "search_titles_docsize", "search_titles_config",
};
constexpr size_t kShadowTables = std::size(kSearchShadowTables);
constexpr std::string_view kChunkMagic = "ZWGKSIX1";
// Value tags of a chunk (after the magic: records of table index, column count, values).
enum ChunkTag : unsigned char { kTagNull = 0, kTagInteger = 1, kTagReal = 2, kTagText = 3, kTagBlob = 4 };

void putVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}

uint64_t takeVarint(std::string_view data, size_t& pos) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= data.size()) break;
        const unsigned char c = static_cast<unsigned char>(data[pos++]);
        v |= uint64_t(c & 0x7F) << shift;
        if (!(c & 0x80)) return v;
    }
    throw PrebuiltIndexError("a chunk of the prebuilt search index is truncated");
}

// The CREATE statements of both search tables, as this store holds them.
std::vector<std::string> searchTableStatements(Store::Impl& impl) {
    std::vector<std::string> statements;
    for (const char* name : {"search_fts", "search_titles"}) {
        Query q(impl, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
        q.bind(1, std::string(name));
        if (!q.next())
            throw StoreError(StoreErrorKind::Io, "store " + impl.path + ": no search table " + name);
        statements.push_back(q.text(0));
    }
    return statements;
}

std::vector<std::string> shadowTablesPresent(Store::Impl& impl) {
    std::vector<std::string> names;
    Query q(impl, "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                  "(name GLOB 'search_fts_*' OR name GLOB 'search_titles_*') ORDER BY name");
    while (q.next()) names.push_back(q.text(0));
    return names;
}

void checkShadowTables(Store::Impl& impl) {
    std::vector<std::string> known(std::begin(kSearchShadowTables), std::end(kSearchShadowTables));
    std::sort(known.begin(), known.end());
    const std::vector<std::string> present = shadowTablesPresent(impl);
    if (present != known) {
        std::string list;
        for (const std::string& n : present) list += (list.empty() ? "" : ", ") + n;
        throw std::runtime_error("the search index has other FTS5 shadow tables than this program knows (" + list +
                                 "): pack without the prebuilt index (--no-search-index)");
    }
}

// A prepared statement owned for one use (not in the connection's cache: the tables it
// names are dropped and created again around it).
struct OwnedStatement {
    sqlite3_stmt* statement = nullptr;
    OwnedStatement(Store::Impl& impl, const std::string& sql) {
        const int rc = sqlite3_prepare_v2(impl.db, sql.c_str(), -1, &statement, nullptr);
        if (rc != SQLITE_OK) impl.fail(rc, "preparing the search index load");
    }
    ~OwnedStatement() { sqlite3_finalize(statement); }
    OwnedStatement(const OwnedStatement&) = delete;
    OwnedStatement& operator=(const OwnedStatement&) = delete;
};

std::string textOfValue(sqlite3_stmt* s, int column) {
    const unsigned char* text = sqlite3_column_text(s, column);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(s, column)) : std::string();
}

}  // namespace

// Drops both search tables and creates them again from their own CREATE statements: the
// prebuilt rows then go into tables no FTS5 object of this connection has cached anything
// about (FTS5 keeps the index structure in memory between statements).
void recreateSearchTables(Store::Impl& impl) {
    const std::vector<std::string> statements = searchTableStatements(impl);
    impl.exec("DROP TABLE search_fts", "recreating the search index");
    impl.exec("DROP TABLE search_titles", "recreating the search index");
    for (const std::string& sql : statements) impl.exec(sql, "recreating the search index");
}

// Replaces the rows of the (freshly created) shadow tables by the prebuilt ones. Throws
// PrebuiltIndexError when the data is not a usable index, StoreError when SQLite fails, and
// whatever INDEX.nextChunk throws (a file that does not verify).
void loadPrebuiltIndex(Store::Impl& impl, const PrebuiltSearchIndex& index) {
    // The FTS5 format the fresh tables were made with: rows of another format are not read.
    std::string formats[2];
    for (int t = 0; t < 2; ++t) {
        OwnedStatement q(impl, std::string("SELECT v FROM ") + kSearchShadowTables[t * 4 + 3] + " WHERE k = 'version'");
        if (sqlite3_step(q.statement) == SQLITE_ROW) formats[t] = textOfValue(q.statement, 0);
    }
    std::vector<std::unique_ptr<OwnedStatement>> inserts;
    std::vector<int> columns;
    for (const char* table : kSearchShadowTables) {
        impl.exec(std::string("DELETE FROM ") + table, "loading the search index");
        OwnedStatement probe(impl, std::string("SELECT * FROM ") + table);
        const int n = sqlite3_column_count(probe.statement);
        std::string sql = std::string("INSERT INTO ") + table + " VALUES (";
        for (int c = 0; c < n; ++c) sql += c ? ", ?" : "?";
        inserts.push_back(std::make_unique<OwnedStatement>(impl, sql + ")"));
        columns.push_back(n);
    }
    std::array<int64_t, kShadowTables> rows{};
    // Reading, verifying and decompressing the next file overlaps the inserts; one file
    // ahead is enough (inserting one takes several times as long) and keeps memory down.
    BatchPrefetcher<std::string> prefetcher(index.nextChunk, [](std::string&) {}, 1);
    std::string chunk;
    while (prefetcher.next(chunk)) {
        const std::string_view data(chunk);
        if (data.substr(0, kChunkMagic.size()) != kChunkMagic)
            throw PrebuiltIndexError("a chunk of the prebuilt search index has no ZWGKSIX1 header");
        size_t pos = kChunkMagic.size();
        while (pos < data.size()) {
            const size_t table = static_cast<unsigned char>(data[pos++]);
            if (table >= kShadowTables) throw PrebuiltIndexError("prebuilt search index: unknown table");
            if (takeVarint(data, pos) != static_cast<uint64_t>(columns[table]))
                throw PrebuiltIndexError(std::string("prebuilt search index: ") + kSearchShadowTables[table] +
                                         " rows of another shape");
            sqlite3_stmt* s = inserts[table]->statement;
            std::string_view first;  // the key of a config row
            for (int c = 0; c < columns[table]; ++c) {
                if (pos >= data.size()) throw PrebuiltIndexError("a chunk of the prebuilt search index is truncated");
                const unsigned char tag = static_cast<unsigned char>(data[pos++]);
                int rc = SQLITE_OK;
                std::string_view value;
                switch (tag) {
                case kTagNull: rc = sqlite3_bind_null(s, c + 1); break;
                case kTagInteger: {
                    const uint64_t z = takeVarint(data, pos);
                    const int64_t v = static_cast<int64_t>(z >> 1) ^ -static_cast<int64_t>(z & 1);
                    rc = sqlite3_bind_int64(s, c + 1, v);
                    value = {};
                    if (c == 1 && (table == 3 || table == 7) && first == "version" &&
                        std::to_string(v) != formats[table / 4])
                        throw PrebuiltIndexError("prebuilt search index: FTS5 format " + std::to_string(v) +
                                                 ", this SQLite writes " + formats[table / 4]);
                    break;
                }
                case kTagReal: {
                    if (data.size() - pos < 8) throw PrebuiltIndexError("a chunk of the prebuilt search index is truncated");
                    double d;
                    std::memcpy(&d, data.data() + pos, 8);
                    pos += 8;
                    rc = sqlite3_bind_double(s, c + 1, d);
                    break;
                }
                case kTagText:
                case kTagBlob: {
                    const uint64_t n = takeVarint(data, pos);
                    if (n > data.size() - pos) throw PrebuiltIndexError("a chunk of the prebuilt search index is truncated");
                    value = data.substr(pos, n);
                    pos += n;
                    rc = tag == kTagText ? sqlite3_bind_text(s, c + 1, value.data(), static_cast<int>(n), SQLITE_STATIC)
                                         : sqlite3_bind_blob(s, c + 1, value.data(), static_cast<int>(n), SQLITE_STATIC);
                    if (c == 0) first = value;
                    if (c == 1 && (table == 3 || table == 7) && first == "version" && value != formats[table / 4])
                        throw PrebuiltIndexError("prebuilt search index: FTS5 format " + std::string(value) +
                                                 ", this SQLite writes " + formats[table / 4]);
                    break;
                }
                default: throw PrebuiltIndexError("prebuilt search index: unknown value type");
                }
                if (rc != SQLITE_OK) impl.fail(rc, "loading the search index");
            }
            const int rc = sqlite3_step(s);
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
            if (rc != SQLITE_DONE) impl.fail(rc, std::string("loading the search index into ") + kSearchShadowTables[table]);
            ++rows[table];
        }
    }
    for (size_t t : {size_t{0}, size_t{3}, size_t{4}, size_t{7}})
        if (rows[t] == 0)
            throw PrebuiltIndexError(std::string("prebuilt search index: no rows for ") + kSearchShadowTables[t]);
}

// The cheap check after loading: every content row, and nothing else, is in both indexes,
// and sampled rows (documents spread over the id range, the first and last guide and Q&A)
// are found by phrases of their own title and body, in that column, with their rowid.
// Returns what failed, empty when all is well. Query errors (a corrupt block) count as a
// failure when the transaction survived them.
std::string checkPrebuiltIndex(Store::Impl& impl) {
    const std::string contentRows = "SELECT id * 4 AS r FROM documents UNION ALL SELECT id * 4 + 1 FROM guides "
                                    "UNION ALL SELECT id * 4 + 2 FROM qa";
    for (const char* table : {"search_fts", "search_titles"}) {
        const std::string sizes = std::string(table) + "_docsize";
        Query q(impl, "SELECT (SELECT count(*) FROM " + sizes + "), (SELECT count(*) FROM (" + contentRows +
                          ")), (SELECT count(*) FROM (" + contentRows + ") WHERE r NOT IN (SELECT id FROM " + sizes + "))");
        if (!q.next()) return "cannot count the rows of " + std::string(table);
        if (q.integer(0) != q.integer(1) || q.integer(2) != 0)
            return std::string(table) + " holds " + std::to_string(q.integer(0)) + " rows for " +
                   std::to_string(q.integer(1)) + " searchable rows (" + std::to_string(q.integer(2)) + " missing)";
    }
    std::vector<int64_t> samples;
    {
        Query range(impl, "SELECT min(id), max(id) FROM documents");
        if (range.next() && !range.isNull(0)) {
            const int64_t lo = range.integer(0), hi = range.integer(1);
            constexpr int kDocumentSamples = 12;
            for (int k = 0; k < kDocumentSamples; ++k) {
                Query pick(impl, "SELECT id FROM documents WHERE id >= ?1 ORDER BY id LIMIT 1");
                pick.bind(1, lo + (hi - lo) * k / (kDocumentSamples - 1));
                if (pick.next()) samples.push_back(pick.integer(0) * kRowidKinds);
            }
        }
    }
    for (const char* sql : {"SELECT min(id) * 4 + 1, max(id) * 4 + 1 FROM guides", "SELECT min(id) * 4 + 2, max(id) * 4 + 2 FROM qa"}) {
        Query q(impl, sql);
        if (q.next() && !q.isNull(0)) {
            samples.push_back(q.integer(0));
            samples.push_back(q.integer(1));
        }
    }
    // WHOLE: TEXT is a whole field; else a slice, whose first and last words may be cut, so
    // only its runs of two or more Han characters count (bigrams match anywhere in a run).
    auto expression = [](const std::string& column, const std::string& text, bool whole) {
        std::string expr;
        for (const search::QueryTerm& t : search::parseQuery(text)) {
            if (!whole && (t.folded.size() < 2 || !std::all_of(t.folded.begin(), t.folded.end(), search::isHan)))
                continue;
            expr += (expr.empty() ? "" : " AND ") + ("{" + column + "} : " + t.phrase);
        }
        return expr;
    };
    auto found = [&](const char* table, const std::string& expr, int64_t rowid) {
        Query q(impl, std::string("SELECT count(*) FROM ") + table + " WHERE " + table + " MATCH ?1 AND rowid = ?2");
        q.bind(1, expr).bind(2, rowid);
        return q.next() && q.integer(0) == 1;
    };
    for (int64_t rowid : samples) {
        std::optional<SearchRow> row = loadSearchRow(impl, rowid);
        if (!row) return "row " + std::to_string(rowid) + " has no content";
        const std::string title = expression("title", row->title, true);
        if (!title.empty() && (!found("search_fts", title, rowid) || !found("search_titles", title, rowid)))
            return "the title of row " + std::to_string(rowid) + " is not found in the index";
        // Twelve characters from the middle of the body.
        const std::u32string body = utf8::decode(row->body);
        const size_t from = body.size() / 2;
        const std::string slice = utf8::encode(body.substr(from, 12));
        const std::string text = expression("body", slice, false);
        if (!text.empty() && !found("search_fts", text, rowid))
            return "the body of row " + std::to_string(rowid) + " is not found in the index";
    }
    return {};
}

SearchIndexStamp Store::searchIndexStamp() const {
    SearchIndexStamp stamp;
    stamp.tokenizer = kSearchTokenizerVersion;
    stamp.textData = searchTextDataFingerprint();
    std::string statements;
    for (const std::string& sql : searchTableStatements(*impl_)) statements += sql + "\n";
    stamp.layout = sha256Hex(statements).substr(0, 16);
    stamp.schema = impl_->version;
    return stamp;
}

void Store::exportSearchIndex(size_t chunkBytes, const std::function<void(std::string chunk)>& sink) const {
    Impl& impl = *impl_;
    checkShadowTables(impl);
    std::string chunk(kChunkMagic);
    for (size_t t = 0; t < kShadowTables; ++t) {
        // Rowid tables in rowid order, WITHOUT ROWID ones in key order: appends on insert.
        OwnedStatement q(impl, std::string("SELECT * FROM ") + kSearchShadowTables[t]);
        const int n = sqlite3_column_count(q.statement);
        int rc;
        while ((rc = sqlite3_step(q.statement)) == SQLITE_ROW) {
            chunk += static_cast<char>(t);
            putVarint(chunk, static_cast<uint64_t>(n));
            for (int c = 0; c < n; ++c) {
                switch (sqlite3_column_type(q.statement, c)) {
                case SQLITE_NULL: chunk += static_cast<char>(kTagNull); break;
                case SQLITE_INTEGER: {
                    const int64_t v = sqlite3_column_int64(q.statement, c);
                    chunk += static_cast<char>(kTagInteger);
                    putVarint(chunk, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
                    break;
                }
                case SQLITE_FLOAT: {
                    const double d = sqlite3_column_double(q.statement, c);
                    chunk += static_cast<char>(kTagReal);
                    chunk.append(reinterpret_cast<const char*>(&d), 8);
                    break;
                }
                case SQLITE_TEXT: {
                    const std::string text = textOfValue(q.statement, c);
                    chunk += static_cast<char>(kTagText);
                    putVarint(chunk, text.size());
                    chunk += text;
                    break;
                }
                default: {
                    const void* blob = sqlite3_column_blob(q.statement, c);
                    const int size = sqlite3_column_bytes(q.statement, c);
                    chunk += static_cast<char>(kTagBlob);
                    putVarint(chunk, static_cast<uint64_t>(size));
                    if (size > 0) chunk.append(static_cast<const char*>(blob), static_cast<size_t>(size));
                    break;
                }
                }
            }
            if (chunk.size() >= chunkBytes) {
                sink(std::move(chunk));
                chunk.assign(kChunkMagic);
            }
        }
        if (rc != SQLITE_DONE) impl.fail(rc, "reading the search index");
    }
    if (chunk.size() > kChunkMagic.size()) sink(std::move(chunk));
}

}  // namespace zwgk
