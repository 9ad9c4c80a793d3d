#include "pinyin.h"

#include <cstdlib>
#include <fstream>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "rime_dict.h"
#include "search_text.h"
#include "utf8.h"

namespace zwgk::search {

namespace {

// Debian package rime-data-pinyin-simp: "word<TAB>syl syl<TAB>weight" lines, about 48k
// words besides the single characters. Without it pinyin search is simply off.
constexpr const char* kDictionary = "/usr/share/rime-data/pinyin_simp.dict.yaml";
constexpr size_t kLongestWord = 6;  // characters; longer entries are rare and not worth it

// Place names whose reading differs from the common one (单 is usually dan, 单县 is Shan
// County), and the demo county's names, which the dictionary does not know.
const std::pair<const char*, const char*> kOverrides[] = {
    {"单县", "shan xian"},    {"临澜", "lin lan"},     {"澜州", "lan zhou"},
    {"六安", "lu an"},        {"蚌埠", "beng bu"},     {"乐清", "yue qing"},
    {"台州", "tai zhou"},     {"丽水", "li shui"},     {"长治", "chang zhi"},
    {"厦门", "xia men"},      {"东阿", "dong e"},      {"番禺", "pan yu"},
    {"大埔", "da bu"},        {"铅山", "yan shan"},    {"重庆", "chong qing"},
};

struct Dictionary {
    std::unordered_map<std::u32string, std::string> words;     // 2+ characters → "syl syl"
    std::unordered_map<char32_t, std::string> chars;           // most frequent reading
    std::unordered_set<std::string> syllables;                 // every syllable seen
    std::unordered_set<std::string> syllablePrefixes;          // every prefix of those
};

Dictionary load() {
    Dictionary d;
    const char* env = std::getenv("ZWGK_PINYIN_DICT");
    std::ifstream in(env && *env ? env : kDictionary);
    if (!in) return d;
    std::unordered_map<std::u32string, double> wordWeight;
    std::unordered_map<char32_t, double> charWeight;
    forEachRimeEntry(in, [&](RimeEntry& entry) {
        const std::u32string& word = entry.word;
        const std::string& reading = entry.reading;
        const double weight = entry.weight;
        if (word.size() > kLongestWord) return;
        size_t start = 0;
        while (start < reading.size()) {
            size_t end = reading.find(' ', start);
            if (end == std::string::npos) end = reading.size();
            const std::string syllable = reading.substr(start, end - start);
            if (!syllable.empty()) d.syllables.insert(syllable);
            start = end + 1;
        }
        if (word.size() == 1) {
            auto [it, fresh] = charWeight.emplace(word[0], weight);
            if (fresh || weight > it->second) {
                it->second = weight;
                d.chars[word[0]] = reading;
            }
        } else {
            auto [it, fresh] = wordWeight.emplace(word, weight);
            if (fresh || weight > it->second) {
                it->second = weight;
                d.words[word] = reading;
            }
        }
    });
    for (const auto& [word, reading] : kOverrides) d.words[utf8::decode(word)] = reading;
    for (const std::string& s : d.syllables)
        for (size_t n = 1; n <= s.size(); ++n) d.syllablePrefixes.insert(s.substr(0, n));
    return d;
}

const Dictionary& dictionary() {
    static const Dictionary d = load();  // once per process, thread-safe
    return d;
}

// Syllables of one run of (folded) Han characters: forward maximum matching over the word
// list, so that polyphones take the reading of the word they are in (银行 hang, 重庆 chong).
std::vector<std::string> runSyllables(const std::u32string& run) {
    const Dictionary& d = dictionary();
    std::vector<std::string> out;
    size_t i = 0;
    while (i < run.size()) {
        size_t taken = 0;
        for (size_t n = std::min(kLongestWord, run.size() - i); n >= 2 && !taken; --n) {
            auto it = d.words.find(run.substr(i, n));
            if (it == d.words.end()) continue;
            std::vector<std::string> parts;
            size_t start = 0;
            const std::string& reading = it->second;
            while (start < reading.size()) {
                size_t end = reading.find(' ', start);
                if (end == std::string::npos) end = reading.size();
                parts.push_back(reading.substr(start, end - start));
                start = end + 1;
            }
            if (parts.size() != n) continue;  // a malformed entry: fall back to characters
            for (std::string& p : parts) out.push_back(std::move(p));
            taken = n;
        }
        if (!taken) {
            auto it = d.chars.find(run[i]);
            out.push_back(it == d.chars.end() ? std::string("?") : it->second);
            taken = 1;
        }
        i += taken;
    }
    return out;
}

// One run of Han characters of a title: its syllables and where each character is.
struct TitleRun {
    std::vector<std::string> syllables;                 // one per character
    std::vector<std::pair<size_t, size_t>> bytes;       // [begin, end) of each character
};

// The title's Han runs (folded to simplified, where the dictionary lives) as syllables.
std::vector<TitleRun> titleRuns(std::string_view title) {
    std::vector<TitleRun> runs;
    std::u32string run;
    std::vector<std::pair<size_t, size_t>> bytes;
    auto flush = [&]() {
        if (!run.empty()) runs.push_back({runSyllables(run), bytes});
        run.clear();
        bytes.clear();
    };
    size_t pos = 0;
    while (pos < title.size()) {
        const size_t begin = pos;
        const char32_t c = fold(utf8::next(title, pos));
        if (isHan(c)) {
            run.push_back(c);
            bytes.emplace_back(begin, pos);
        } else {
            flush();
        }
    }
    flush();
    return runs;
}

bool lettersOnly(std::string_view s) {
    for (char c : s)
        if (c < 'a' || c > 'z') return false;
    return !s.empty();
}

// Splits LETTERS into syllables, longest first with backtracking; the last piece may be
// the beginning of a syllable (the citizen is still typing).
bool segment(std::string_view letters, std::vector<std::string>& out) {
    const Dictionary& d = dictionary();
    if (letters.empty()) return true;
    for (size_t n = std::min<size_t>(6, letters.size()); n >= 1; --n) {
        const std::string piece(letters.substr(0, n));
        const bool last = n == letters.size();
        if (!(d.syllables.count(piece) || (last && d.syllablePrefixes.count(piece)))) continue;
        out.push_back(piece);
        if (segment(letters.substr(n), out)) return true;
        out.pop_back();
    }
    return false;
}

}  // namespace

size_t preparePinyin() { return dictionary().words.size(); }

std::vector<std::string> segmentWords(std::string_view text) {
    const Dictionary& d = dictionary();
    std::vector<std::string> words;
    std::u32string run, folded;  // the run as typed, and folded to simplified for lookup
    std::string ascii;
    auto flushHan = [&] {
        for (size_t i = 0; i < run.size();) {
            size_t n = std::min(kLongestWord, run.size() - i);
            while (n >= 2 && d.words.find(folded.substr(i, n)) == d.words.end()) --n;
            n = std::max<size_t>(n, 1);
            words.push_back(utf8::encode(run.substr(i, n)));
            i += n;
        }
        run.clear();
        folded.clear();
    };
    auto flushAscii = [&] {
        if (!ascii.empty()) words.push_back(ascii);
        ascii.clear();
    };
    size_t pos = 0;
    while (pos < text.size()) {
        const char32_t c = utf8::next(text, pos);
        const char32_t f = fold(c);
        if (isHan(f)) {
            flushAscii();
            run.push_back(c);
            folded.push_back(f);
        } else if ((c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z')) {
            flushHan();
            ascii.push_back(static_cast<char>(c));
        } else {
            flushHan();
            flushAscii();
        }
    }
    flushHan();
    flushAscii();
    return words;
}

TitlePinyin pinyinColumns(std::string_view title) {
    TitlePinyin out;
    if (dictionary().chars.empty()) return out;
    for (const TitleRun& r : titleRuns(title)) {
        const std::vector<std::string>& run = r.syllables;
        if (!out.full.empty()) {
            out.full += " , ";
            out.initials += " , ";
        }
        std::string initials;
        for (size_t i = 0; i < run.size(); ++i) {
            if (i) out.full += ' ';
            out.full += run[i];
            initials += run[i][0];
        }
        // Letter bigrams, so that any run of two or more consecutive characters matches.
        if (initials.size() == 1) out.initials += initials;
        for (size_t i = 0; i + 1 < initials.size(); ++i) {
            if (i) out.initials += ' ';
            out.initials += initials.substr(i, 2);
        }
    }
    return out;
}

std::string pinyinInitialsPhrase(std::string_view letters) {
    if (!lettersOnly(letters) || letters.size() < 2 || letters.size() > 32 ||
        dictionary().chars.empty())
        return {};
    std::string phrase = "\"";
    for (size_t i = 0; i + 1 < letters.size(); ++i) {
        if (i) phrase += ' ';
        phrase += letters.substr(i, 2);
    }
    return phrase + "\"";
}

std::string pinyinFullPhrase(std::string_view letters) {
    if (!lettersOnly(letters) || letters.size() < 2 || letters.size() > 64 ||
        dictionary().chars.empty())
        return {};
    std::vector<std::string> syllables;
    if (!segment(letters, syllables)) return {};
    std::string phrase = "\"";
    for (size_t i = 0; i < syllables.size(); ++i) {
        if (i) phrase += ' ';
        phrase += syllables[i];
    }
    return phrase + "\" *";
}

std::optional<std::pair<size_t, size_t>> pinyinMatch(std::string_view letters, std::string_view title) {
    if (!lettersOnly(letters) || letters.size() < 2 || dictionary().chars.empty()) return std::nullopt;
    const bool canBeFull = !pinyinFullPhrase(letters).empty();
    for (const TitleRun& r : titleRuns(title)) {
        const std::vector<std::string>& run = r.syllables;
        std::string initials;
        for (const std::string& s : run) initials += s[0];
        if (const size_t at = initials.find(letters); at != std::string::npos)
            return std::make_pair(r.bytes[at].first, r.bytes[at + letters.size() - 1].second);
        if (!canBeFull) continue;
        // Full pinyin from a syllable boundary; the query may end inside a syllable.
        for (size_t k = 0; k < run.size(); ++k) {
            std::string joined;
            size_t j = k;
            while (j < run.size() && joined.size() < letters.size()) joined += run[j++];
            if (joined.compare(0, letters.size(), letters) == 0)
                return std::make_pair(r.bytes[k].first, r.bytes[j - 1].second);
        }
    }
    return std::nullopt;
}

bool pinyinMatches(std::string_view letters, std::string_view title) {
    return pinyinMatch(letters, title).has_value();
}

}  // namespace zwgk::search
