#include "speech_text.h"

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <initializer_list>

#include "rime_dict.h"
#include "script_convert.h"
#include "utf8.h"

namespace zwgk::speech {

namespace {

constexpr const char* kDictionary = "/usr/share/rime-data/terra_pinyin.dict.yaml";
constexpr size_t kLongestWord = 8;  // characters; the dictionary's phrases rarely go beyond

// Readings the dictionary gets wrong or does not have: words where a polyphone takes its less
// frequent reading (还款 is huan, not hai), place names, and the demo county. Keys Simplified;
// they are converted like the text at load time.
const std::pair<const char*, const char*> kOverrides[] = {
    {"还款", "huan2 kuan3"},  {"还贷", "huan2 dai4"},     {"朝阳", "chao2 yang2"},  {"单县", "shan4 xian4"},
    {"六安", "lu4 an1"},      {"蚌埠", "beng4 bu4"},      {"乐清", "yue4 qing1"},   {"丽水", "li2 shui3"},
    {"长治", "chang2 zhi4"},  {"厦门", "xia4 men2"},      {"番禺", "pan1 yu2"},     {"铅山", "yan2 shan1"},
    {"台州", "tai1 zhou1"},   {"临澜", "lin2 lan2"},      {"澜州", "lan2 zhou1"},   {"重庆", "chong2 qing4"},
    {"应用", "ying4 yong4"},  {"相应", "xiang1 ying4"},  {"〇", "ling2"},
};

// terra_pinyin follows CC-CEDICT, which gives many words their Taiwan reading (企業 qi4 ye4,
// 星期 xing1 qi2, 頭髮 tou2 fa3). The mainland standard (普通话异读词审音表) reads these
// characters one way in every common word. Keys are the dictionary's Traditional characters.
const std::pair<char32_t, const char*> kMainlandReadings[] = {
    {U'企', "qi3"},   {U'期', "qi1"},  {U'危', "wei1"},  {U'究', "jiu1"}, {U'綜', "zong1"}, {U'質', "zhi4"},
    {U'亞', "ya4"},   {U'暫', "zan4"}, {U'播', "bo1"},   {U'擁', "yong1"}, {U'微', "wei1"}, {U'唯', "wei2"},
    {U'惟', "wei2"},  {U'波', "bo1"},  {U'括', "kuo4"},  {U'跌', "die1"}, {U'穴', "xue2"},  {U'血', "xue4"},
    {U'髮', "fa4"},   {U'識', "shi2"}, {U'息', "xi1"},   {U'液', "ye4"},  {U'帆', "fan1"},  {U'攜', "xie2"},
    {U'淆', "xiao2"}, {U'尋', "xun2"}, {U'檔', "dang4"}, {U'夕', "xi1"},  {U'昔', "xi1"},   {U'署', "shu3"},
    {U'跡', "ji4"},   {U'績', "ji4"},  {U'脊', "ji3"},   {U'擊', "ji1"},  {U'輯', "ji2"},   {U'殲', "jian1"},
    {U'寂', "ji4"},   {U'構', "gou4"}, {U'購', "gou4"},  {U'垃', "la1"},  {U'圾', "ji1"},   {U'研', "yan2"},
    {U'幀', "zhen1"}, {U'熏', "xun1"}, {U'蝶', "die2"},  {U'骨', "gu3"},  {U'菌', "jun1"},
};

// Letter names as a Chinese reader says them, in syllables the pinyin voice knows.
const char* const kLetters[26] = {
    "ei1",        "bi4",   "xi1",   "di4",   "yi4",      "ai2 fu5",  "ji4",    "ai1 qi1",    "ai4",
    "jie4",       "kai4",  "ai2 le5", "ai2 mu5", "en1",  "ou1",      "pi4",    "kiu4",       "a4 er5",
    "ai2 si5",    "ti4",   "you1",  "wei1",  "da2 bu5 liu5", "ai2 ke4 si5", "wai4", "zei4",
};

const char* const kDigitChars[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

bool isDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool isAsciiLetter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool isHan(char32_t c) {
    return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3134F) ||
           c == 0x3007;
}
bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == 0x3000 || c == 0xA0 || c == U'\r'; }

// Full-width digits and letters (２０２４, ＡＢ) read like ASCII ones.
char32_t narrow(char32_t c) {
    if (c >= 0xFF10 && c <= 0xFF19) return U'0' + (c - 0xFF10);
    if (c >= 0xFF21 && c <= 0xFF3A) return U'A' + (c - 0xFF21);
    if (c >= 0xFF41 && c <= 0xFF5A) return U'a' + (c - 0xFF41);
    if (c == 0xFF05) return U'%';
    if (c == 0xFF0E) return U'.';
    if (c == 0xFF1A) return U':';
    if (c == 0xFF0D) return U'-';
    return c;
}

bool isSentenceEnd(char32_t c) {
    return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'!' || c == U'?' || c == U';' ||
           c == U'\n';
}
bool isClauseBreak(char32_t c) { return c == U'，' || c == U'、' || c == U'：' || c == U',' || c == U':'; }
// Marks that belong to the sentence they close.
bool isClosing(char32_t c) {
    return c == U'”' || c == U'’' || c == U'」' || c == U'』' || c == U'）' || c == U')' || c == U'》' ||
           c == U'】' || c == U'〕' || c == U'…' || isSentenceEnd(c);
}
// Punctuation heard as a pause. Other symbols are skipped without one.
bool isPause(char32_t c) {
    switch (c) {
        case U'，': case U'、': case U'；': case U'：': case U'。': case U'！': case U'？': case U'…':
        case U'—': case U'（': case U'）': case U'《': case U'》': case U'「': case U'」': case U'『':
        case U'』': case U'“': case U'”': case U'‘': case U'’': case U'〔': case U'〕': case U'【':
        case U'】': case U',': case U';': case U':': case U'.': case U'!': case U'?': case U'(': case U')':
        case U'"': case U'\n': case U'-': case U'/':
            return true;
        default:
            return false;
    }
}
bool speakable(char32_t c) { return isHan(c) || isDigit(narrow(c)) || isAsciiLetter(narrow(c)); }

// ---- numbers ---------------------------------------------------------------------------

std::string digitsByDigit(std::u32string_view digits) {
    std::string out;
    for (char32_t d : digits)
        if (isDigit(d)) out += kDigitChars[d - U'0'];
    return out;
}

// 0 < v < 10000: 一千零五, 三百二十.
std::string section(unsigned v) {
    static const char* const units[4] = {"", "十", "百", "千"};
    std::string out;
    bool zero = false;
    for (int pos = 3; pos >= 0; --pos) {
        unsigned p = 1;
        for (int k = 0; k < pos; ++k) p *= 10;
        const unsigned d = (v / p) % 10;
        if (d == 0) {
            if (!out.empty()) zero = true;
            continue;
        }
        if (zero) out += "零";
        zero = false;
        out += kDigitChars[d];
        out += units[pos];
    }
    return out;
}

std::string cardinalBody(uint64_t n) {
    if (n == 0) return "零";
    if (n < 10000) return section(static_cast<unsigned>(n));
    const uint64_t unit = n >= 100000000ULL ? 100000000ULL : 10000ULL;
    const char* name = unit == 10000ULL ? "万" : "亿";
    const uint64_t high = n / unit, low = n % unit;
    std::string out = cardinalBody(high) + name;
    if (low == 0) return out;
    // A gap of zeros below the unit is read as one 零 (一万零五, 三亿零二百万).
    if (low < unit / 10) out += "零";
    return out + cardinalBody(low);
}

// 15 → 十五 (not 一十五) when the number starts with it; 115 keeps 一百一十五.
std::string cardinal(uint64_t n) {
    std::string out = cardinalBody(n);
    if (out.rfind("一十", 0) == 0) out.erase(0, std::string("一").size());
    return out;
}

// Characters after a number that make it an amount however long it is (1200000元).
bool isMeasure(char32_t c) {
    static const std::u32string measures =
        U"元角分万亿人户个名家项件台套次年月日天号条款章节岁亩米吨斤公千平份页张所座辆位批周期倍度种类";
    return measures.find(c) != std::u32string::npos;
}

bool endsWithAny(std::u32string_view text, std::initializer_list<std::u32string_view> words) {
    for (std::u32string_view w : words)
        if (text.size() >= w.size() && text.substr(text.size() - w.size()) == w) return true;
    return false;
}

uint64_t value(std::u32string_view digits) {
    uint64_t v = 0;
    for (char32_t d : digits)
        if (isDigit(d)) v = v * 10 + (d - U'0');
    return v;
}

// One number token (digits with the separators inside it) in its context.
std::string spellToken(std::u32string_view token, std::u32string_view before, std::u32string_view after,
                       bool& percentTaken) {
    percentTaken = false;
    const char32_t next = after.empty() ? 0 : after[0];
    const char32_t prev = before.empty() ? 0 : before.back();
    size_t dashes = 0, dots = 0, colons = 0, commas = 0, slashes = 0;
    std::vector<std::u32string_view> parts;  // digit groups between separators
    size_t start = 0;
    for (size_t i = 0; i <= token.size(); ++i) {
        if (i < token.size() && isDigit(token[i])) continue;
        parts.push_back(token.substr(start, i - start));
        if (i < token.size()) {
            dashes += token[i] == U'-';
            dots += token[i] == U'.';
            colons += token[i] == U':';
            commas += token[i] == U',';
            slashes += token[i] == U'/';
        }
        start = i + 1;
    }
    // 2026-03-05, 2026/3/5, 2026.3.5: a date.
    if (parts.size() == 3 && parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2 &&
        dashes + dots + slashes == 2 && (dashes == 2 || dots == 2 || slashes == 2)) {
        const uint64_t m = value(parts[1]), d = value(parts[2]);
        if (m >= 1 && m <= 12 && d >= 1 && d <= 31)
            return digitsByDigit(parts[0]) + "年" + cardinal(m) + "月" + cardinal(d) + "日";
    }
    // 9:30 → 九点三十分; opening hours 8:30-12:00 → 八点三十分至十二点整.
    auto time = [&](size_t i) -> std::string {
        if (parts[i].empty() || parts[i].size() > 2 || parts[i + 1].size() != 2) return {};
        const uint64_t h = value(parts[i]), m = value(parts[i + 1]);
        if (h > 24 || m >= 60) return {};
        return cardinal(h) + "点" + (m == 0 ? std::string("整") : cardinal(m) + "分");
    };
    if (colons == 1 && dashes == 0 && parts.size() == 2) {
        if (std::string t = time(0); !t.empty()) return t;
    }
    if (colons == 2 && dashes == 1 && parts.size() == 4 && token.find(U'-') > token.find(U':') &&
        token.find(U'-') < token.rfind(U':')) {
        const std::string from = time(0), to = time(2);
        if (!from.empty() && !to.empty()) return from + "至" + to;
    }
    // Phone numbers and codes with hyphens: digit by digit, a pause at each hyphen.
    if (dashes > 0 || colons > 0 || slashes > 0) {
        std::string out;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i) out += "，";
            out += digitsByDigit(parts[i]);
        }
        return out;
    }
    // 1,234,567: thousands separators.
    std::u32string whole(parts[0]);
    if (commas > 0) {
        bool grouped = parts[0].size() <= 3;
        for (size_t i = 1; i < parts.size(); ++i) grouped = grouped && parts[i].size() == 3;
        if (grouped && dots == 0) {
            whole.clear();
            for (auto p : parts) whole += p;
        } else {
            std::string out;
            for (size_t i = 0; i < parts.size(); ++i) {
                if (i) out += "，";
                out += digitsByDigit(parts[i]);
            }
            return out;
        }
    }
    std::string fraction;
    if (dots == 1 && parts.size() == 2) {
        fraction = "点" + digitsByDigit(parts[1]);
    } else if (dots > 0) {  // 1.2.3: a version or clause number, read part by part
        std::string out;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i) out += "点";
            out += parts[i].size() > 1 && parts[i][0] == U'0' ? digitsByDigit(parts[i]) : cardinal(value(parts[i]));
        }
        return out;
    }
    const bool percent = next == U'%' || next == U'‰';
    if (percent) {
        percentTaken = true;
        return std::string(next == U'%' ? "百分之" : "千分之") + cardinal(value(whole)) + fraction;
    }
    // Years: 2020年 and 〔2024〕 (the year of a 文号) digit by digit.
    if (whole.size() == 4 && fraction.empty()) {
        if (next == U'年') return digitsByDigit(whole);
        if ((prev == U'〔' || prev == U'[' || prev == U'［' || prev == U'【') &&
            (next == U'〕' || next == U']' || next == U'］' || next == U'】'))
            return digitsByDigit(whole) + "年";
    }
    const bool code = (whole.size() > 1 && whole[0] == U'0' && fraction.empty()) || isAsciiLetter(prev) ||
                      isAsciiLetter(next) || whole.size() > 16 ||
                      (whole.size() >= 5 && (endsWithAny(before, {U"电话", U"热线", U"拨打", U"编号", U"号码", U"代码",
                                                                  U"邮编", U"传真", U"手机", U"电话：", U"热线：",
                                                                  U"编号：", U"号码：", U"代码："}) ||
                                             std::u32string_view(after).substr(0, 2) == U"热线")) ||
                      (whole.size() >= 7 && fraction.empty() && !isMeasure(next));
    if (code) return digitsByDigit(whole) + (fraction.empty() ? "" : fraction);
    return cardinal(value(whole)) + fraction;
}

}  // namespace

std::string spellNumbers(std::string_view text) {
    std::u32string in = utf8::decode(text);
    for (char32_t& c : in) c = narrow(c);
    std::string out;
    size_t i = 0;
    while (i < in.size()) {
        if (!isDigit(in[i])) {
            utf8::append(out, in[i]);
            ++i;
            continue;
        }
        // A token: digits, and . , - : / when a digit follows them.
        size_t j = i;
        while (j < in.size()) {
            if (isDigit(in[j])) {
                ++j;
            } else if ((in[j] == U'.' || in[j] == U',' || in[j] == U'-' || in[j] == U':' || in[j] == U'/') &&
                       j + 1 < in.size() && isDigit(in[j + 1])) {
                ++j;
            } else {
                break;
            }
        }
        const std::u32string_view all(in);
        bool percentTaken = false;
        out += spellToken(all.substr(i, j - i), all.substr(0, i), all.substr(j), percentTaken);
        i = j + (percentTaken ? 1 : 0);
    }
    return out;
}

std::vector<Sentence> splitSentences(const std::vector<std::string>& paragraphs, size_t maxChars) {
    std::vector<Sentence> out;
    for (size_t p = 0; p < paragraphs.size(); ++p) {
        const std::string_view text = paragraphs[p];
        // Emits [begin, end) trimmed, cut at clause breaks when longer than maxChars.
        auto emit = [&](size_t begin, size_t end) {
            size_t pos = begin;
            size_t segment = begin, lastBreak = 0, chars = 0;
            bool hasSpeech = false, hasSpeechSinceBreak = false;
            auto push = [&](size_t b, size_t e) {
                size_t q = b;
                while (q < e) {  // trim leading spaces
                    size_t n = q;
                    if (!isSpace(utf8::next(text, n))) break;
                    q = n;
                }
                size_t r = e;
                while (r > q && (text[r - 1] == ' ' || text[r - 1] == '\t' || text[r - 1] == '\r')) --r;
                if (r >= q + 3 && text.substr(r - 3, 3) == "\u3000") r -= 3;
                if (r > q) out.push_back(Sentence{p, q, r});
            };
            while (pos < end) {
                const char32_t c = utf8::next(text, pos);
                ++chars;
                if (speakable(c)) hasSpeech = hasSpeechSinceBreak = true;
                if (isClauseBreak(c) && hasSpeechSinceBreak) {
                    lastBreak = pos;
                    hasSpeechSinceBreak = false;
                }
                if (chars > maxChars && lastBreak > segment) {
                    push(segment, lastBreak);
                    segment = lastBreak;
                    chars = utf8::countChars(text.substr(segment, pos - segment));
                    lastBreak = 0;
                    hasSpeech = hasSpeechSinceBreak;
                }
            }
            if (hasSpeech) push(segment, end);
        };
        size_t begin = 0, pos = 0;
        while (pos < text.size()) {
            const char32_t c = utf8::next(text, pos);
            if (!isSentenceEnd(c)) continue;
            // Closing quotes and repeated marks (？！) stay with the sentence they end.
            while (pos < text.size()) {
                size_t n = pos;
                if (!isClosing(utf8::next(text, n))) break;
                pos = n;
            }
            emit(begin, pos);
            begin = pos;
        }
        if (begin < text.size()) emit(begin, text.size());
    }
    return out;
}

PinyinReader::PinyinReader(const std::string& dictionary) {
    toTraditional_ = std::make_unique<ScriptConverter>("s2t.json", 0);
    if (!toTraditional_->available()) {
        error_ = toTraditional_->error();
        return;
    }
    const std::string path = dictionary.empty() ? kDictionary : dictionary;
    std::ifstream in(path);
    if (!in) {
        error_ = "pinyin dictionary not found: " + path + " (package rime-data-terra-pinyin)";
        return;
    }
    std::unordered_map<std::u32string, double> wordWeight;
    std::unordered_map<char32_t, double> charWeight;
    // Weights are percentages for the readings of one character ("98%") or counts; an entry
    // without one keeps the first reading listed (一個 yi2 ge4 before any other).
    forEachRimeEntry(in, [&](RimeEntry& entry) {
        std::u32string& word = entry.word;
        std::string& reading = entry.reading;
        const double weight = entry.weight;
        if (word.size() > kLongestWord) return;
        if (word.size() == 1) {
            std::string& all = charReadings_[word[0]];
            all += all.empty() ? reading : " " + reading;
            auto [it, fresh] = charWeight.emplace(word[0], weight);
            if (fresh || weight > it->second) {
                it->second = weight;
                chars_[word[0]] = std::move(reading);
            }
        } else {
            auto [it, fresh] = wordWeight.emplace(word, weight);
            if (fresh || weight > it->second) {
                it->second = weight;
                words_[std::move(word)] = std::move(reading);
            }
        }
    });
    if (chars_.empty()) {
        error_ = "pinyin dictionary has no entries: " + path;
        return;
    }
    for (const auto& [c, reading] : kMainlandReadings) chars_[c] = reading;
    for (const auto& [word, reading] : kOverrides) {
        const std::u32string key = utf8::decode(toTraditional_->toTraditional(word));
        if (key.size() == 1)
            chars_[key[0]] = reading;
        else
            words_[key] = reading;
    }
}

PinyinReader::~PinyinReader() = default;

// A word's syllable for character C, with a Taiwan reading replaced by the mainland one: the
// characters of kMainlandReadings always read their one way, and a tone that the character
// never has on its own (綜合 zong4 he2, where 綜 is only zong1) becomes its usual tone. The
// neutral tone of a word (東西 dong1 xi5) stays.
std::string PinyinReader::mainland(char32_t c, const std::string& syllable) const {
    for (const auto& [k, reading] : kMainlandReadings)
        if (k == c) return reading;
    if (syllable.empty() || syllable.back() == '5') return syllable;
    auto all = charReadings_.find(c);
    auto top = chars_.find(c);
    if (all == charReadings_.end() || top == chars_.end()) return syllable;
    const std::string& readings = all->second;
    for (size_t pos = readings.find(syllable); pos != std::string::npos; pos = readings.find(syllable, pos + 1)) {
        const size_t end = pos + syllable.size();
        if ((pos == 0 || readings[pos - 1] == ' ') && (end == readings.size() || readings[end] == ' ')) return syllable;
    }
    const std::string& usual = top->second;
    const bool sameBase = usual.size() == syllable.size() &&
                          usual.compare(0, usual.size() - 1, syllable, 0, syllable.size() - 1) == 0;
    return sameBase ? usual : syllable;
}

std::string PinyinReader::pinyinOfRun(const std::u32string& run) const {
    std::string out;
    auto add = [&](const std::string& syllables) {
        if (!out.empty()) out += ' ';
        out += syllables;
    };
    size_t i = 0;
    while (i < run.size()) {
        size_t taken = 0;
        for (size_t n = std::min(kLongestWord, run.size() - i); n >= 2 && !taken; --n) {
            auto it = words_.find(run.substr(i, n));
            if (it == words_.end()) continue;
            std::vector<std::string> syllables;
            size_t start = 0;
            while (start <= it->second.size()) {
                size_t end = it->second.find(' ', start);
                if (end == std::string::npos) end = it->second.size();
                syllables.push_back(it->second.substr(start, end - start));
                start = end + 1;
            }
            if (syllables.size() != n) continue;  // a malformed entry: fall back to shorter words
            for (size_t k = 0; k < n; ++k) add(mainland(run[i + k], syllables[k]));
            taken = n;
        }
        if (!taken) {
            if (auto it = chars_.find(run[i]); it != chars_.end()) add(it->second);
            taken = 1;  // unknown characters are skipped silently
        }
        i += taken;
    }
    return out;
}

std::string PinyinReader::toSpeechInput(std::string_view text) const {
    if (!available()) return {};
    // Numbers first (they become Han characters), then the Traditional form the keys use:
    // OpenCC converts phrase by phrase, so 头发 becomes 頭髮 and 发展 發展.
    const std::u32string chars = utf8::decode(toTraditional_->toTraditional(spellNumbers(text)));
    std::string out;
    bool pausePending = false;
    auto emit = [&](const std::string& syllables) {
        if (syllables.empty()) return;
        if (!out.empty()) out += pausePending ? ", " : " ";
        pausePending = false;
        out += syllables;
    };
    std::u32string run;
    auto flush = [&]() {
        if (!run.empty()) emit(pinyinOfRun(run));
        run.clear();
    };
    for (char32_t raw : chars) {
        const char32_t c = narrow(raw);
        if (isHan(c)) {
            run.push_back(c);
            continue;
        }
        flush();
        if (isAsciiLetter(c)) {
            emit(kLetters[(c | 0x20) - U'a']);
        } else if (isPause(c) || isSentenceEnd(c)) {
            pausePending = !out.empty();
        }
    }
    flush();
    return out;
}

}  // namespace zwgk::speech
