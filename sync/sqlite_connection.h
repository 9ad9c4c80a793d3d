// The SQLite connection helpers shared by the store's files (store.cpp, outbox.cpp): a
// connection with a prepared-statement cache and error mapping, a borrowed cached statement
// (Query) and a transaction that rolls back unless committed. Internal to sync/: only the
// store's own files include it, because it includes sqlite3.h.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "store.h"

namespace zwgk {

struct SqliteConnection {
    sqlite3* db = nullptr;      // the connection
    std::string path;           // file path, for messages
    std::unordered_map<std::string, sqlite3_stmt*> statements;  // prepared once, reused

    SqliteConnection() = default;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;
    ~SqliteConnection() {
        for (auto& [sql, statement] : statements) sqlite3_finalize(statement);
        if (db) sqlite3_close_v2(db);
    }

    [[noreturn]] void fail(int rc, const std::string& doing) const {
        const int primary = rc & 0xFF;
        std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        StoreErrorKind kind = StoreErrorKind::Io;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT) {
            kind = StoreErrorKind::NotAStore;
            detail = "file is not a kiosk content store (" + detail + ")";
        } else if (primary == SQLITE_CONSTRAINT) {
            kind = StoreErrorKind::BadContent;
        }
        throw StoreError(kind, "store " + path + ": " + doing + ": " + detail);
    }

    void exec(const std::string& sql, const std::string& doing) {
        char* message = nullptr;
        int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
        if (message) sqlite3_free(message);
        if (rc != SQLITE_OK) fail(rc, doing);
    }

    sqlite3_stmt* statement(const std::string& sql) {
        auto it = statements.find(sql);
        if (it != statements.end()) return it->second;
        sqlite3_stmt* prepared = nullptr;
        int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &prepared, nullptr);
        if (rc != SQLITE_OK) fail(rc, "preparing a query");
        statements.emplace(sql, prepared);
        return prepared;
    }

    int64_t pragmaInteger(const char* pragma) {
        sqlite3_stmt* s = nullptr;
        int rc = sqlite3_prepare_v2(db, pragma, -1, &s, nullptr);
        if (rc != SQLITE_OK) fail(rc, "reading the store header");
        rc = sqlite3_step(s);
        int64_t value = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
        sqlite3_finalize(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) fail(rc, "reading the store header");
        return value;
    }
};

// A cached statement borrowed for one use; reset on scope exit so it can be reused and
// releases its read snapshot.
class Query {
public:
    Query(SqliteConnection& connection, const std::string& sql)
        : connection_(connection), statement_(connection.statement(sql)) {}
    ~Query() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    Query& bind(int index, int64_t value) {
        check(sqlite3_bind_int64(statement_, index, value));
        return *this;
    }
    Query& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Query& bind(int index, const std::string& value) {
        check(sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                                SQLITE_TRANSIENT));
        return *this;
    }
    Query& bindBlob(int index, const std::string& value) {
        check(sqlite3_bind_blob(statement_, index, value.data(), static_cast<int>(value.size()),
                                SQLITE_TRANSIENT));
        return *this;
    }
    Query& bind(int index, std::optional<int64_t> value) {
        check(value ? sqlite3_bind_int64(statement_, index, *value)
                    : sqlite3_bind_null(statement_, index));
        return *this;
    }

    bool next() {
        int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        connection_.fail(rc, "running a query");
    }
    void run() {
        while (next()) {
        }
    }

    int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
    bool isNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
    std::string text(int column) const {
        const unsigned char* value = sqlite3_column_text(statement_, column);
        int size = sqlite3_column_bytes(statement_, column);
        return value ? std::string(reinterpret_cast<const char*>(value), size) : std::string();
    }
    std::string blob(int column) const {
        const void* value = sqlite3_column_blob(statement_, column);
        int size = sqlite3_column_bytes(statement_, column);
        return value ? std::string(static_cast<const char*>(value), size) : std::string();
    }
    std::optional<int64_t> optionalInteger(int column) const {
        if (isNull(column)) return std::nullopt;
        return integer(column);
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) connection_.fail(rc, "binding a query parameter");
    }

    SqliteConnection& connection_;  // owner of the statement cache and error reporting
    sqlite3_stmt* statement_;       // cached, owned by connection_
};

// Rolls back unless committed, so that any exception leaves the previous state.
class Transaction {
public:
    explicit Transaction(SqliteConnection& connection) : connection_(connection) {
        connection_.exec("BEGIN IMMEDIATE", "starting a transaction");
    }
    ~Transaction() {
        if (!committed_) sqlite3_exec(connection_.db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        connection_.exec("COMMIT", "committing");
        committed_ = true;
    }

private:
    SqliteConnection& connection_;  // connection the transaction runs on
    bool committed_ = false;        // true once COMMIT succeeded
};

}  // namespace zwgk
