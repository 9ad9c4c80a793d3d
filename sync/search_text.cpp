#include "search_text.h"

#include <opencc/Exception.hpp>
#include <opencc/opencc.h>

#include <memory>
#include <mutex>

#include "utf8.h"

namespace zwgk::search {

namespace {

// The t2s table covers the BMP ideograph blocks; rarer planes have no simplified forms that
// matter for government text.
constexpr char32_t kTableFirst = 0x3400;
constexpr char32_t kTableEnd = 0xFB00;

struct T2sTable {
    std::vector<char32_t> map;  // index cp - kTableFirst; 0 = unchanged
    size_t entries = 0;         // characters that change
};

// Runs OpenCC's phrase converter once over every ideograph, one per line: a line break
// ends every dictionary phrase, so each character converts on its own (the character
// table). Lines that do not come back as one code point are left alone.
T2sTable buildTable() {
    T2sTable table;
    table.map.assign(kTableEnd - kTableFirst, 0);
    std::string input;
    input.reserve((kTableEnd - kTableFirst) * 4);
    std::vector<char32_t> order;
    for (char32_t c = kTableFirst; c < kTableEnd; ++c) {
        if (!isHan(c)) continue;
        utf8::append(input, c);
        input += '\n';
        order.push_back(c);
    }
    std::unique_ptr<opencc::SimpleConverter> converter;
    for (const char* config : {"t2s.json", "/usr/share/opencc/t2s.json"}) {
        try {
            converter = std::make_unique<opencc::SimpleConverter>(config);
            break;
        } catch (const opencc::Exception&) {
        } catch (const std::exception&) {
        }
    }
    if (!converter) return table;  // no OpenCC data: search still works, just not across scripts
    std::string output;
    try {
        output = converter->Convert(input);
    } catch (...) {
        return table;
    }
    size_t line = 0, start = 0;
    while (start <= output.size() && line < order.size()) {
        size_t end = output.find('\n', start);
        if (end == std::string::npos) end = output.size();
        std::u32string converted = utf8::decode(std::string_view(output).substr(start, end - start));
        if (converted.size() == 1 && converted[0] != order[line] && isHan(converted[0])) {
            table.map[order[line] - kTableFirst] = converted[0];
            ++table.entries;
        }
        ++line;
        start = end + 1;
    }
    return table;
}

const T2sTable& t2s() {
    static const T2sTable table = buildTable();  // thread-safe one-time build
    return table;
}

bool isBracketOpen(char32_t c) {
    return c == U'(' || c == U'[' || c == U'{' || c == U'（' || c == U'【' || c == U'〔' ||
           c == U'［' || c == U'｛' || c == U'〖' || c == U'﹝';
}
bool isBracketClose(char32_t c) {
    return c == U')' || c == U']' || c == U'}' || c == U'）' || c == U'】' || c == U'〕' ||
           c == U'］' || c == U'｝' || c == U'〗' || c == U'﹞';
}

// Characters that stay inside a query term (文号 and 索引号 are written with them).
bool keepsTermTogether(char32_t c) {
    return c == U'〔' || c == U'〕' || c == U'-' || c == U'/' || c == U'.' || c == U'_' ||
           c == U'·';
}

}  // namespace

bool isHan(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) || c == 0x3007;
}

bool isWordChar(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z');
}

size_t prepareFolding() { return t2s().entries; }

std::string foldingTableBytes() {
    std::string bytes;
    const T2sTable& table = t2s();
    for (size_t i = 0; i < table.map.size(); ++i)
        if (table.map[i]) {
            utf8::append(bytes, static_cast<char32_t>(kTableFirst + i));
            utf8::append(bytes, table.map[i]);
        }
    return bytes;
}

char32_t fold(char32_t c) {
    if (c < 0x80) {
        if (c >= U'A' && c <= U'Z') return c + 32;
        if (c == U'(' || c == U'[' || c == U'{') return U'〔';
        if (c == U')' || c == U']' || c == U'}') return U'〕';
        return c;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) return fold(c - 0xFF01 + 0x21);  // full-width ASCII
    if (c == 0x3000) return U' ';
    if (isBracketOpen(c)) return U'〔';
    if (isBracketClose(c)) return U'〕';
    if (c >= kTableFirst && c < kTableEnd) {
        const char32_t mapped = t2s().map[c - kTableFirst];
        return mapped ? mapped : c;
    }
    return c;
}

Folded foldText(std::string_view text) {
    Folded out;
    out.chars.reserve(text.size() / 2);
    out.offsets.reserve(text.size() / 2 + 1);
    size_t pos = 0;
    while (pos < text.size()) {
        out.offsets.push_back(static_cast<uint32_t>(pos));
        out.chars.push_back(fold(utf8::next(text, pos)));
    }
    out.offsets.push_back(static_cast<uint32_t>(text.size()));
    return out;
}

std::u32string foldString(std::string_view text) {
    std::u32string out;
    out.reserve(text.size() / 2);
    size_t pos = 0;
    while (pos < text.size()) out.push_back(fold(utf8::next(text, pos)));
    return out;
}

// Suffixes indexed per ASCII run: enough for numbers, codes and 文号 parts; longer runs
// (web addresses) are found from their first 32 characters.
constexpr size_t kMaxSuffixes = 32;

void tokenize(std::string_view text, bool query, const TokenSink& emit) {
    // One pass with a small window: the previous Han character (for bigrams) and the start
    // of the current ASCII run.
    enum class Run { None, Han, Letters, Digits };
    Run run = Run::None;
    size_t runStart = 0;           // byte offset where the current run began
    size_t runLength = 0;          // characters in the current Han run
    char32_t previous = 0;         // previous folded Han character
    bool previousAsWritten = false;  // folding left it unchanged: its bytes in TEXT are the token
    size_t previousBegin = 0;      // its byte offset
    size_t previousEnd = 0;        // byte offset after it
    std::string word;              // current ASCII run, folded
    std::string token;

    auto endRun = [&](size_t end) {
        if (run == Run::Han) {
            std::string_view single = text.substr(previousBegin, previousEnd - previousBegin);
            if (!previousAsWritten) {
                token.clear();
                utf8::append(token, previous);
                single = token;
            }
            // A lone character is a token of its own; the last of a longer run is added
            // at the position of the last bigram so that it starts a token too.
            if (runLength == 1) emit(single, previousBegin, previousEnd, false);
            else if (!query) emit(single, previousBegin, previousEnd, true);
        } else if (run == Run::Letters || run == Run::Digits) {
            emit(word, runStart, end, false);
            // Every suffix as well, at the same position, so that a query inside a run
            // (024 in 2024, 6210 in 0798-6210548) finds it as a prefix. Queries need only
            // the run itself.
            if (!query)
                for (size_t k = 1; k < word.size() && k < kMaxSuffixes; ++k)
                    emit(std::string_view(word).substr(k), runStart + k, end, true);
        }
        run = Run::None;
        runLength = 0;
        word.clear();
    };

    size_t pos = 0;
    while (pos < text.size()) {
        const size_t begin = pos;
        const char32_t written = utf8::next(text, pos);
        const char32_t c = fold(written);
        const size_t end = pos;
        if (isHan(c)) {
            // Most text is already folded (Simplified): its bigrams are slices of TEXT, and
            // only the others are spelled out (building token strings byte by byte was
            // several per cent of a 100,000-document apply).
            const bool asWritten = c == written;
            if (run != Run::Han) {
                endRun(begin);
                run = Run::Han;
                runStart = begin;
            } else if (asWritten && previousAsWritten) {
                emit(text.substr(previousBegin, end - previousBegin), previousBegin, end, false);
            } else {
                token.clear();
                utf8::append(token, previous);
                utf8::append(token, c);
                emit(token, previousBegin, end, false);
            }
            ++runLength;
            previous = c;
            previousAsWritten = asWritten;
            previousBegin = begin;
            previousEnd = end;
            continue;
        }
        const Run kind = (c >= U'0' && c <= U'9') ? Run::Digits
                         : (c >= U'a' && c <= U'z') ? Run::Letters
                                                    : Run::None;
        if (kind != run) {
            endRun(begin);
            if (kind != Run::None) {
                run = kind;
                runStart = begin;
            }
        }
        // Very long ASCII runs (hashes, base64) are cut so that tokens stay small.
        if (kind != Run::None) {
            if (word.size() >= 64) {
                emit(word, runStart, begin, false);
                word.clear();
                runStart = begin;
            }
            word += static_cast<char>(c);
        }
    }
    endRun(text.size());
}

std::vector<QueryTerm> parseQuery(std::string_view text) {
    std::vector<QueryTerm> terms;
    const std::u32string chars = utf8::decode(text);
    std::u32string current;
    auto finish = [&]() {
        if (current.empty()) return;
        QueryTerm term;
        term.folded = current;
        current.clear();
        const std::string raw = utf8::encode(term.folded);
        bool onlyLetters = true;
        for (char32_t c : term.folded)
            if (!(c >= U'a' && c <= U'z')) onlyLetters = false;
        term.letters = onlyLetters;
        bool lastIsPrefix = false;
        tokenize(raw, true, [&](std::string_view token, size_t, size_t, bool) {
            term.tokens.emplace_back(token);
            // A trailing lone character or ASCII run may continue in the text (开 in 开放,
            // 202 in 2024); a bigram is already exact.
            const size_t chars = utf8::countChars(token);
            lastIsPrefix = !(chars == 2 && isHan(utf8::decode(token)[0]));
        });
        if (term.tokens.empty() || terms.size() >= 32) return;
        // Tokens contain only ideographs, letters and digits: no quote can appear inside.
        term.phrase.push_back('"');  // push_back, not = "\"": GCC 12 -Wrestrict false positive
        for (size_t i = 0; i < term.tokens.size(); ++i) {
            if (i) term.phrase += ' ';
            term.phrase += term.tokens[i];
        }
        term.phrase += '"';
        if (lastIsPrefix) term.phrase += " *";
        terms.push_back(std::move(term));
    };
    size_t considered = 0;
    for (char32_t raw : chars) {
        if (++considered > 256) break;
        const char32_t c = fold(raw);
        if (isHan(c) || isWordChar(c) || keepsTermTogether(c)) current.push_back(c);
        else finish();
    }
    finish();
    return terms;
}

bool matchesAll(const std::vector<QueryTerm>& terms, const std::vector<std::u32string>& fields) {
    for (const QueryTerm& term : terms) {
        bool found = false;
        for (const std::u32string& field : fields)
            if (field.find(term.folded) != std::u32string::npos) {
                found = true;
                break;
            }
        if (!found) return false;
    }
    return true;
}

}  // namespace zwgk::search
