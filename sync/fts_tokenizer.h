// The FTS5 tokenizer "zwgk" (search_text.h rules) for the store's search index.
#pragma once

#include <string>

struct sqlite3;

namespace zwgk {

// Registers the tokenizer on DB; it must be registered on every connection before the
// search table is created or read. Returns false with a message when FTS5 is missing.
bool registerSearchTokenizer(sqlite3* db, std::string& error);

}  // namespace zwgk
