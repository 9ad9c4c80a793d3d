// The FTS5 tokenizer "zwgk" (search_text.h rules) for the store's search index.
#pragma once

#include <string>

struct sqlite3;

namespace zwgk {

// The version of the index rules: the tokenizer (search::tokenize), the folding rules
// (search::fold) and the columns the store fills (pinyin columns, which texts go where, the
// rowid scheme). Bump it whenever any of them changes what the index holds: snapshot
// bundles carry a prebuilt index (sync/CONTENT_FORMAT.md, "Prebuilt search index") that a
// terminal uses only when the bundle's version equals its own, else it builds the index
// itself.
inline constexpr int kSearchTokenizerVersion = 1;

// A short fingerprint (16 hex digits) of the system data the index rules read: OpenCC's
// t2s table as search_text.cpp folds with it, and the pinyin word dictionary. Same code on a
// machine with other data would index differently; a prebuilt index is used only when this
// matches too. Builds the folding table and reads the dictionary file (~0.2 s, once).
std::string searchTextDataFingerprint();

// Registers the tokenizer on DB; it must be registered on every connection before the
// search table is created or read. Returns false with a message when FTS5 is missing.
bool registerSearchTokenizer(sqlite3* db, std::string& error);

}  // namespace zwgk
