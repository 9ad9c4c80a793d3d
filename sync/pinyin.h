// Pinyin for search: word-level readings of titles for the index, and the matching of
// pinyin / pinyin-initial queries against them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace zwgk::search {

// Index column texts for a title: initials as overlapping letter bigrams per run of Han
// characters ("zw wg gk" for 政务公开), and the full syllables ("zheng wu gong kai").
struct TitlePinyin {
    std::string initials;  // for the py_initials column
    std::string full;      // for the py_full column
};
TitlePinyin pinyinColumns(std::string_view title);

// The words of TEXT in reading order: runs of Han characters cut by forward maximum
// matching over the same word dictionary (words of one character kept as they are), and
// runs of ASCII letters and digits as they stand. Punctuation and spaces separate. For
// turning a phrase a citizen typed ("东山村土地征收补偿方案") into terms a search can AND.
std::vector<std::string> segmentWords(std::string_view text);

// Loads the word dictionary now (about 100 ms, otherwise on the first pinyin query or
// index write); returns the number of words, 0 when the dictionary is missing.
size_t preparePinyin();

// FTS5 match parts for a query term of ASCII letters; empty when the term cannot be pinyin
// (initials need two letters; full pinyin must segment into syllables).
std::string pinyinInitialsPhrase(std::string_view letters);
std::string pinyinFullPhrase(std::string_view letters);

// The row check: LETTERS (lowercase) are the initials of consecutive characters of TITLE, or
// its full pinyin starting at a syllable boundary (the last syllable may be partial).
bool pinyinMatches(std::string_view letters, std::string_view title);
// Where in TITLE (byte range of the characters) LETTERS match first, for highlighting.
std::optional<std::pair<size_t, size_t>> pinyinMatch(std::string_view letters, std::string_view title);

}  // namespace zwgk::search
