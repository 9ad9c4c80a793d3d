#include "outbox.h"

#include <filesystem>

#include "sqlite_connection.h"

namespace zwgk {
namespace {

namespace fs = std::filesystem;

// Marks our outbox files ("ZWGO"), so that a content store or another program's database
// given by mistake is refused.
constexpr int32_t kOutboxApplicationId = 0x5A57474F;

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS applications (
    id               TEXT PRIMARY KEY,
    tracking_code    TEXT NOT NULL UNIQUE,
    submitted_at     TEXT NOT NULL,
    received_date    TEXT NOT NULL,
    due_date         TEXT NOT NULL,
    due_provisional  INTEGER NOT NULL,
    applicant        TEXT NOT NULL,
    id_document      TEXT NOT NULL,
    information      TEXT NOT NULL,
    provision        TEXT NOT NULL,
    sealed           BLOB NOT NULL,
    uploaded_at      TEXT NOT NULL DEFAULT '',
    receipt_state    TEXT NOT NULL DEFAULT 'pending'
                     CHECK (receipt_state IN ('pending', 'printed', 'failed')),
    receipt_detail   TEXT NOT NULL DEFAULT '',
    receipt_prints   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS applications_by_time ON applications(submitted_at);
)SQL";

constexpr const char* kColumns =
    "id, tracking_code, submitted_at, received_date, due_date, due_provisional, applicant, id_document, "
    "information, provision, sealed, uploaded_at, receipt_state, receipt_detail, receipt_prints";

OutboxEntry readEntry(const Query& q) {
    OutboxEntry e;
    e.id = q.text(0);
    e.trackingCode = q.text(1);
    e.submittedAt = q.text(2);
    e.receivedDate = q.text(3);
    e.dueDate = q.text(4);
    e.dueProvisional = q.integer(5) != 0;
    e.applicant = q.text(6);
    e.idDocument = q.text(7);
    e.information = q.text(8);
    e.provision = q.text(9);
    e.sealed = q.blob(10);
    e.uploadedAt = q.text(11);
    e.receiptState = q.text(12);
    e.receiptDetail = q.text(13);
    e.receiptPrints = static_cast<int>(q.integer(14));
    return e;
}

std::unique_ptr<SqliteConnection> connectOutbox(const std::string& path, bool readOnly) {
    std::error_code ec;
    if (readOnly && !fs::exists(path, ec))
        throw StoreError(StoreErrorKind::Missing, "no outbox at " + path + " (no application submitted yet)");
    auto c = std::make_unique<SqliteConnection>();
    c->path = path;
    const int flags = SQLITE_OPEN_NOMUTEX | (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &c->db, flags, nullptr);
    if (rc != SQLITE_OK) c->fail(rc, "opening the outbox");
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, 5000);
    const int64_t appId = c->pragmaInteger("PRAGMA application_id");
    const int64_t objects = c->pragmaInteger("SELECT count(*) FROM sqlite_schema");
    if (appId != kOutboxApplicationId && !(appId == 0 && objects == 0))
        throw StoreError(StoreErrorKind::NotAStore, "outbox " + path + ": the file is not an application outbox");
    if (!readOnly) {
        c->exec("PRAGMA journal_mode = WAL", "switching the outbox to WAL");
        // FULL: a commit is on disk when add() returns, even across a power cut.
        c->exec("PRAGMA synchronous = FULL", "making outbox commits durable");
        if (objects == 0) {
            Transaction t(*c);
            c->exec(kSchema, "creating the outbox");
            c->exec("PRAGMA application_id = " + std::to_string(kOutboxApplicationId), "marking the outbox");
            t.commit();
        }
    }
    return c;
}

}  // namespace

Outbox::Outbox(std::unique_ptr<SqliteConnection> connection) : db_(std::move(connection)) {}
Outbox::~Outbox() = default;

std::unique_ptr<Outbox> Outbox::open(const std::string& path) {
    return std::unique_ptr<Outbox>(new Outbox(connectOutbox(path, false)));
}

std::unique_ptr<Outbox> Outbox::openReadOnly(const std::string& path) {
    return std::unique_ptr<Outbox>(new Outbox(connectOutbox(path, true)));
}

std::string Outbox::pathForStore(const std::string& storePath) {
    fs::path p(storePath);
    return (p.parent_path() / (p.stem().string() + ".outbox.db")).string();
}

void Outbox::add(const OutboxEntry& e) {
    Transaction t(*db_);
    {
        Query dup(*db_, "SELECT 1 FROM applications WHERE id = ?1 OR tracking_code = ?2");
        dup.bind(1, e.id).bind(2, e.trackingCode);
        if (dup.next()) throw OutboxDuplicate("outbox " + db_->path + ": id or tracking code already used");
    }
    Query q(*db_, std::string("INSERT INTO applications (") + kColumns +
                      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    q.bind(1, e.id).bind(2, e.trackingCode).bind(3, e.submittedAt).bind(4, e.receivedDate).bind(5, e.dueDate);
    q.bind(6, e.dueProvisional ? 1 : 0).bind(7, e.applicant).bind(8, e.idDocument).bind(9, e.information);
    q.bind(10, e.provision).bindBlob(11, e.sealed).bind(12, e.uploadedAt).bind(13, e.receiptState);
    q.bind(14, e.receiptDetail).bind(15, e.receiptPrints);
    q.run();
    t.commit();
}

std::optional<OutboxEntry> Outbox::byCode(const std::string& code) const {
    Query q(*db_, std::string("SELECT ") + kColumns + " FROM applications WHERE tracking_code = ?1");
    q.bind(1, code);
    if (!q.next()) return std::nullopt;
    return readEntry(q);
}

std::optional<OutboxEntry> Outbox::byId(const std::string& id) const {
    Query q(*db_, std::string("SELECT ") + kColumns + " FROM applications WHERE id = ?1");
    q.bind(1, id);
    if (!q.next()) return std::nullopt;
    return readEntry(q);
}

std::vector<OutboxEntry> Outbox::entries(bool pendingOnly, int limit) const {
    Query q(*db_, std::string("SELECT ") + kColumns + " FROM applications WHERE (?1 = 0 OR uploaded_at = '') " +
                      "ORDER BY submitted_at DESC, id LIMIT ?2");
    q.bind(1, pendingOnly ? 1 : 0).bind(2, limit);
    std::vector<OutboxEntry> out;
    while (q.next()) out.push_back(readEntry(q));
    return out;
}

int64_t Outbox::count(bool pendingOnly) const {
    Query q(*db_, "SELECT count(*) FROM applications WHERE (?1 = 0 OR uploaded_at = '')");
    q.bind(1, pendingOnly ? 1 : 0);
    q.next();
    return q.integer(0);
}

void Outbox::setReceiptState(const std::string& id, const std::string& state, const std::string& detail) {
    Query q(*db_, "UPDATE applications SET receipt_state = ?2, receipt_detail = ?3, "
                  "receipt_prints = receipt_prints + (?2 = 'printed') WHERE id = ?1");
    q.bind(1, id).bind(2, state).bind(3, detail);
    q.run();
}

void Outbox::markUploaded(const std::string& id, const std::string& when) {
    Query q(*db_, "UPDATE applications SET uploaded_at = ?2 WHERE id = ?1 AND uploaded_at = ''");
    q.bind(1, id).bind(2, when);
    q.run();
}

std::vector<std::string> Outbox::integrityProblems() const {
    std::vector<std::string> problems;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_->db, "PRAGMA integrity_check", -1, &s, nullptr) != SQLITE_OK)
        return {sqlite3_errmsg(db_->db)};
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char* line = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
        if (line && std::string(line) != "ok") problems.emplace_back(line);
    }
    sqlite3_finalize(s);
    return problems;
}

}  // namespace zwgk
