#include "fts_tokenizer.h"

#include <sqlite3.h>

#include <fstream>
#include <iterator>

#include "search_text.h"
#include "signing.h"

namespace zwgk {

namespace {

// The tokenizer has no options and no state: one static instance serves every table.
int tokenizerCreate(void*, const char**, int, Fts5Tokenizer** out) {
    static int instance = 0;
    *out = reinterpret_cast<Fts5Tokenizer*>(&instance);
    return SQLITE_OK;
}

void tokenizerDelete(Fts5Tokenizer*) {}

int tokenizerRun(Fts5Tokenizer*, void* context, int flags, const char* text, int size,
                 int (*token)(void*, int, const char*, int, int, int)) {
    int rc = SQLITE_OK;
    const bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
    try {
        search::tokenize(std::string_view(text, size > 0 ? static_cast<size_t>(size) : 0), query,
                         [&](std::string_view t, size_t begin, size_t end, bool colocated) {
                             if (rc != SQLITE_OK) return;
                             rc = token(context, colocated ? FTS5_TOKEN_COLOCATED : 0, t.data(),
                                        static_cast<int>(t.size()), static_cast<int>(begin),
                                        static_cast<int>(end));
                         });
    } catch (...) {
        // No exception may cross SQLite's C frames.
        return SQLITE_NOMEM;
    }
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

fts5_tokenizer kTokenizer = {tokenizerCreate, tokenizerDelete, tokenizerRun};

}  // namespace

std::string searchTextDataFingerprint() {
    static const std::string fingerprint = [] {
        // The dictionary pinyin.cpp loads (kDictionary there); absent, pinyin columns stay
        // empty, which is a difference too.
        std::ifstream in("/usr/share/rime-data/pinyin_simp.dict.yaml", std::ios::binary);
        const std::string dictionary((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        return sha256Hex(sha256Hex(search::foldingTableBytes()) + sha256Hex(dictionary)).substr(0, 16);
    }();
    return fingerprint;
}

bool registerSearchTokenizer(sqlite3* db, std::string& error) {
    fts5_api* api = nullptr;
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_bind_pointer(statement, 1, &api, "fts5_api_ptr", nullptr);
        rc = sqlite3_step(statement);
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_OK || !api || api->iVersion < 2) {
        error = "SQLite has no FTS5";
        return false;
    }
    rc = api->xCreateTokenizer(api, "zwgk", nullptr, &kTokenizer, nullptr);
    if (rc != SQLITE_OK) {
        error = sqlite3_errstr(rc);
        return false;
    }
    return true;
}

}  // namespace zwgk
