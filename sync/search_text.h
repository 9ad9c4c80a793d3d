// Text rules shared by the search index (the FTS5 tokenizer), the query parser and the row
// check that makes search results equal a plain substring scan. No SQLite here, so that the
// tests can run the same rules as a brute-force reference.
//
// Normalisation ("folding") maps one code point to one code point, so a position in folded
// text is a position in the original: snippets and highlights are cut from the original.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace zwgk::search {

// Traditional → Simplified (per character, from OpenCC's t2s data, built once per process),
// full-width ASCII → ASCII, A-Z → a-z, every bracket form → 〔 〕 (citizens type 文号 with
// whatever brackets their keyboard has).
char32_t fold(char32_t c);
// Forces the t2s table to be built now (it is built lazily otherwise); returns its size.
size_t prepareFolding();
// The t2s table as bytes (each changed character and its folded form, in order), for a
// fingerprint of the folding data: OpenCC's tables come from the system, so two machines
// with the same code may still fold differently (see searchTextDataFingerprint).
std::string foldingTableBytes();

bool isHan(char32_t c);        // CJK ideographs (and 〇)
bool isWordChar(char32_t c);   // ASCII letter or digit, after folding

// Folded code points of TEXT, with the byte offset of each in TEXT (offsets.size() ==
// chars.size() + 1; the last entry is TEXT.size()).
struct Folded {
    std::u32string chars;            // folded code points
    std::vector<uint32_t> offsets;   // byte offset of chars[i] in the original text
};
Folded foldText(std::string_view text);
std::u32string foldString(std::string_view text);

// Index tokens: overlapping bigrams over runs of Han characters (a unigram for a run of
// one), plus the last character of every longer run as a unigram colocated with the last
// bigram, so that every character starts some token (single-character prefix queries find
// every occurrence); lowercased ASCII letter runs and digit runs. QUERY mode leaves out the
// colocated unigrams: the bigrams of a query run already pin its characters.
// EMIT(token, begin, end, colocated): begin/end are byte offsets in TEXT.
using TokenSink = std::function<void(std::string_view token, size_t begin, size_t end, bool colocated)>;
void tokenize(std::string_view text, bool query, const TokenSink& emit);

// One whitespace/punctuation-separated part of what the citizen typed.
struct QueryTerm {
    std::u32string folded;   // the term folded, for the row check (substring of some field)
    std::string phrase;      // FTS5 phrase of its tokens, quoted, maybe with a trailing *
    std::vector<std::string> tokens;  // the tokens, in order
    bool letters = false;    // only ASCII letters: may also be pinyin
};

// Splits TEXT into terms. Terms without any token (pure punctuation, emoji) are dropped.
// Never throws; at most 32 terms and 256 characters are considered.
std::vector<QueryTerm> parseQuery(std::string_view text);

// True when every term occurs (as folded text) in at least one of FIELDS (already folded).
bool matchesAll(const std::vector<QueryTerm>& terms, const std::vector<std::u32string>& fields);

}  // namespace zwgk::search
