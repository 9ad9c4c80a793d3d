#include "pinyin_engine.h"

// googlepinyin's include directory (from its .pc file) holds generic names such as sync.h
// and dictdef.h; only this file sees it, because zwgk_core links the package PRIVATE.
#include <dicttrie.h>
#include <matrixsearch.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <signal.h>
#include <system_error>
#include <unistd.h>

#include "script_convert.h"
#include "utf8.h"

#ifndef ZWGK_GOOGLEPINYIN_DICT
#define ZWGK_GOOGLEPINYIN_DICT "/usr/lib/x86_64-linux-gnu/googlepinyin/data/dict_pinyin.dat"
#endif

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------------------
// Keeping googlepinyin from taking the kiosk down
//
// The decoder searches with fixed pools: 100 dictionary "milestones" and 600 "parsing
// marks" per composition. Long ambiguous input exhausts them (fourteen z's; bbbb… uses
// 170+ marks in a single letter). Debian's build keeps its assert()s, so exhaustion mostly
// ends in abort(); where no assert stands in the way the library writes past its milestone
// array or reads past its parsing marks instead (valgrind shows both). Nothing in the
// im_* API reports how full the pools are, so:
// 1. The engine owns a MatrixSearch (the class behind im_*, whose header Debian ships) and
//    reads the two pool positions after every operation, refusing a letter that leaves
//    either above a soft limit. Fuzzing 33,000 adversarial 39-letter strings, nothing that
//    stayed within (60, 300) ever reached (100, 600) with the next letter; real input
//    rarely gets near: 政府信息公开 in full pinyin uses 32 milestones, and a 39-letter
//    sentence is cut at 32 letters.
// 2. Should an assertion fire anyway, the program's __assert_fail (which takes precedence
//    over glibc's for every shared library) jumps back out of the library to the caller,
//    which throws the decoder away and starts over. Outside a googlepinyin call it prints
//    glibc's message and aborts, exactly as before. Jumping out is sound because the
//    library's frames hold no objects with destructors.
namespace {
thread_local sigjmp_buf* tEngineGuard = nullptr;  // set while googlepinyin runs here
}  // namespace

extern "C" void __assert_fail(const char* assertion, const char* file, unsigned int line,
                              const char* function) noexcept {
    if (sigjmp_buf* guard = tEngineGuard) {
        tEngineGuard = nullptr;
        siglongjmp(*guard, 1);
    }
    std::fprintf(stderr, "%s: %s:%u: %s%sAssertion `%s' failed.\n", program_invocation_short_name,
                 file, line, function ? function : "", function ? ": " : "", assertion);
    std::fflush(stderr);
    std::abort();
}

namespace {

// The pool positions are private members. Naming a private member in an explicit template
// instantiation is exempt from access checking ([temp.spec.general]/6), which lets a friend
// function hand out the member pointer; the layout is the one in the package's own header.
template <class Tag, typename Tag::type Member>
struct Expose {
    friend typename Tag::type memberOf(Tag) { return Member; }
};
struct DictTrieOf {
    using type = ime_pinyin::DictTrie* ime_pinyin::MatrixSearch::*;
    friend type memberOf(DictTrieOf);
};
struct MilestonesUsed {
    using type = ime_pinyin::MileStoneHandle ime_pinyin::DictTrie::*;
    friend type memberOf(MilestonesUsed);
};
struct MarksUsed {
    using type = ime_pinyin::uint16 ime_pinyin::DictTrie::*;
    friend type memberOf(MarksUsed);
};
template struct Expose<DictTrieOf, &ime_pinyin::MatrixSearch::dict_trie_>;
template struct Expose<MilestonesUsed, &ime_pinyin::DictTrie::mile_stones_pos_>;
template struct Expose<MarksUsed, &ime_pinyin::DictTrie::parsing_marks_pos_>;

// Of DictTrie::kMaxMileStone = 100 and kMaxParsingMark = 600 (see above for why these).
constexpr unsigned kMilestoneBudget = 60;
constexpr unsigned kMarkBudget = 300;

// Runs f (a call into googlepinyin); false when the library failed an assertion in it, in
// which case the decoder is garbage and must be reopened. f must not own anything with a
// destructor, since a failure skips straight past it.
template <class F>
bool guarded(F&& f) {
    sigjmp_buf buf;
    sigjmp_buf* const outer = tEngineGuard;
    if (sigsetjmp(buf, 0) != 0) {
        tEngineGuard = outer;
        return false;
    }
    tEngineGuard = &buf;
    f();
    tEngineGuard = outer;
    return true;
}

}  // namespace

namespace zwgk {

namespace {

// Long enough for the longest sentence candidate (one hanzi per letter at most).
constexpr size_t kCandidateBuffer = PinyinEngine::kMaxLetters + 8;

// The process-wide tables every MatrixSearch::init() reloads; this records who has them.
std::atomic<const PinyinEngine*> gDecoderOwner{nullptr};

constexpr const char* kTempPrefix = "zwgk-pinyin-";

std::string toUtf8(std::u16string_view s) {
    std::string out;
    out.reserve(s.size() * 3);
    for (size_t i = 0; i < s.size(); ++i) {
        char32_t cp = s[i];
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 &&
            s[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            ++i;
        }
        utf8::append(out, cp);
    }
    return out;
}

std::u16string toUtf16(std::string_view s) {
    std::u16string out;
    for (char32_t cp : utf8::decode(s)) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
    }
    return out;
}

std::string withoutApostrophes(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '\'') out.push_back(c);
    return out;
}

// ---------------------------------------------------------------------------------------
// Domain phrases

// Syllables only: the engine ignores tones and so does the matcher.
const std::vector<DomainPhrase> kPhrases = {
    {"政务公开", "zheng wu gong kai"},
    {"政府信息公开", "zheng fu xin xi gong kai"},
    {"依申请公开", "yi shen qing gong kai"},
    {"主动公开", "zhu dong gong kai"},
    {"村务公开", "cun wu gong kai"},
    {"一本通", "yi ben tong"},
    {"一件事一次办", "yi jian shi yi ci ban"},
    {"一网通办", "yi wang tong ban"},
    {"办事指南", "ban shi zhi nan"},
    {"政策解读", "zheng ce jie du"},
    {"不动产", "bu dong chan"},
    {"不动产登记", "bu dong chan deng ji"},
    {"最低生活保障", "zui di sheng huo bao zhang"},
    {"低保", "di bao"},
    {"特困供养", "te kun gong yang"},
    {"临时救助", "lin shi jiu zhu"},
    {"扶贫", "fu pin"},
    {"乡村振兴", "xiang cun zhen xing"},
    {"惠农补贴", "hui nong bu tie"},
    {"征地补偿", "zheng di bu chang"},
    {"医疗保障", "yi liao bao zhang"},
    {"医保", "yi bao"},
    {"社会保险", "she hui bao xian"},
    {"社保", "she bao"},
    {"养老保险", "yang lao bao xian"},
    {"住房公积金", "zhu fang gong ji jin"},
    {"公积金", "gong ji jin"},
    {"高龄津贴", "gao ling jin tie"},
    {"残疾人", "can ji ren"},
    {"退役军人", "tui yi jun ren"},
    {"营业执照", "ying ye zhi zhao"},
    {"便民服务", "bian min fu wu"},
};

struct Phrase {
    std::u16string text16;                // the phrase in UTF-16, to compare with the engine
    std::vector<std::string> syllables;   // "zheng", "wu", "gong", "kai"
};

const std::vector<Phrase>& phrases() {
    static const std::vector<Phrase> table = [] {
        std::vector<Phrase> out;
        for (const DomainPhrase& p : kPhrases) {
            Phrase ph;
            ph.text16 = toUtf16(p.text);
            std::string_view rest = p.pinyin;
            while (!rest.empty()) {
                size_t sp = rest.find(' ');
                if (sp != 0) ph.syllables.emplace_back(rest.substr(0, sp));
                if (sp == std::string_view::npos) break;
                rest.remove_prefix(sp + 1);
            }
            out.push_back(std::move(ph));
        }
        return out;
    }();
    return table;
}

// How the composition spells a phrase. Each typed group must be a non-empty prefix of the
// next syllable (zheng, zh, z all spell 政), groups follow each other with no letters left
// over, and ' may only stand between groups.
struct PhraseMatch {
    size_t syllablesSpelled = 0;  // syllables covered by the whole composition
    bool allWhole = false;        // every group was a complete syllable (full pinyin)
};

void matchFrom(std::string_view letters, size_t pos, const std::vector<std::string>& syl,
               size_t j, bool allWhole, PhraseMatch& best, bool& found) {
    while (pos < letters.size() && letters[pos] == '\'') ++pos;
    if (pos == letters.size()) {
        // Prefer spelling more of the phrase, then full pinyin over abbreviations.
        if (!found || j > best.syllablesSpelled ||
            (j == best.syllablesSpelled && allWhole && !best.allWhole))
            best = {j, allWhole};
        found = true;
        return;
    }
    if (j == syl.size()) return;
    size_t run = pos;
    while (run < letters.size() && letters[run] != '\'') ++run;
    const std::string& s = syl[j];
    for (size_t len = 1; len <= s.size() && pos + len <= run; ++len) {
        if (letters[pos + len - 1] != s[len - 1]) break;
        matchFrom(letters, pos + len, syl, j + 1, allWhole && len == s.size(), best, found);
    }
}

struct PhraseMatches {
    std::vector<uint32_t> exact;        // phrases the composition spells completely
    std::vector<uint32_t> completions;  // phrases it spells the start of, convincingly
};

PhraseMatches matchPhrases(std::string_view letters) {
    PhraseMatches out;
    if (letters.empty()) return out;
    const auto& table = phrases();
    std::vector<uint32_t> exactAbbrev, completionAbbrev;
    for (uint32_t i = 0; i < table.size(); ++i) {
        PhraseMatch m;
        bool found = false;
        matchFrom(letters, 0, table[i].syllables, 0, true, m, found);
        if (!found || m.syllablesSpelled == 0) continue;
        if (m.syllablesSpelled == table[i].syllables.size()) {
            (m.allWhole ? out.exact : exactAbbrev).push_back(i);
        } else if (m.syllablesSpelled >= 2 && (m.allWhole || m.syllablesSpelled >= 3)) {
            // Two whole syllables (zhengwu) or three initials (zwg) say enough about intent;
            // fewer (sh, zhengw) would push a phrase into every ordinary word's list.
            (m.allWhole ? out.completions : completionAbbrev).push_back(i);
        }
    }
    out.exact.insert(out.exact.end(), exactAbbrev.begin(), exactAbbrev.end());
    out.completions.insert(out.completions.end(), completionAbbrev.begin(),
                           completionAbbrev.end());
    return out;
}

// ---------------------------------------------------------------------------------------
// The private directory for the user dictionary

fs::path tempBase() {
    // XDG_RUNTIME_DIR is a per-user tmpfs: what a citizen typed never reaches the disk.
    if (const char* run = std::getenv("XDG_RUNTIME_DIR"); run && *run) {
        std::error_code ec;
        if (fs::is_directory(run, ec) && ::access(run, W_OK) == 0) return run;
    }
    std::error_code ec;
    fs::path p = fs::temp_directory_path(ec);
    return ec ? fs::path("/tmp") : p;
}

// A kiosk process that crashed left its user dictionary behind; nobody will reuse it (every
// process makes its own directory), but it may hold a citizen's name, so it goes.
void removeStaleDirs(const fs::path& base) {
    std::error_code ec;
    for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(kTempPrefix, 0) != 0) continue;
        const char* digits = name.c_str() + std::char_traits<char>::length(kTempPrefix);
        char* stop = nullptr;
        const long pid = std::strtol(digits, &stop, 10);
        if (stop == digits || *stop != '-' || pid <= 0 || pid == ::getpid()) continue;
        if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        std::error_code ignored;
        fs::remove_all(it->path(), ignored);
    }
}

bool makePrivateDir(std::string& dir, std::string& error) {
    const fs::path base = tempBase();
    removeStaleDirs(base);
    std::string tmpl =
        (base / (std::string(kTempPrefix) + std::to_string(::getpid()) + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) {  // mkdtemp makes it 0700
        error = "cannot create a private directory in " + base.string() + ": " +
                std::generic_category().message(errno);
        return false;
    }
    dir = tmpl;
    return true;
}

}  // namespace

const std::vector<DomainPhrase>& domainPhrases() { return kPhrases; }

// -----------------------------------------------------------------------------------------
// The decoder

// Every call returns false when googlepinyin failed an assertion; the decoder must then be
// reopened before anything else is asked of it.
class PinyinEngine::Decoder {
public:
    // What refresh() needs of the engine after a search or a choice.
    struct State {
        size_t decoded = 0;                // letters it could spell, from the start
        std::vector<uint16_t> starts;      // spelling boundaries: starts[i]..starts[i+1]
        size_t fixed = 0;                  // spellings covered by partial choices
    };

    ~Decoder() { close(); }

    bool open(const std::string& sysDict, const std::string& userDict) {
        close();
        ms_ = new ime_pinyin::MatrixSearch();
        bool ok = false;
        if (!guarded([&] { ok = ms_->init(sysDict.c_str(), userDict.c_str()); })) ok = false;
        if (!ok) drop();
        return ok;
    }
    // Closing writes what was learnt to the user dictionary file.
    void close() {
        if (!ms_) return;
        guarded([&] { ms_->close(); });
        drop();
    }
    bool isOpen() const { return ms_ != nullptr; }

    bool search(std::string_view letters, size_t& count) {
        count = 0;
        return ms_ && guarded([&] {
                   ms_->search(letters.data(), letters.size());
                   count = ms_->get_candidate_num();
               });
    }
    bool reset() {
        return ms_ && guarded([&] { ms_->reset_search(); });
    }
    bool choose(size_t id, size_t& count) {
        count = 0;
        return ms_ && guarded([&] { count = ms_->choose(id); });
    }
    bool cancelLastChoice(size_t& count) {
        count = 0;
        return ms_ && guarded([&] { count = ms_->cancel_last_choice(); });
    }
    bool state(State& out) {
        out = {};
        if (!ms_) return false;
        const ime_pinyin::uint16* starts = nullptr;
        size_t spellings = 0;
        const bool ok = guarded([&] {
            ms_->get_pystr(&out.decoded);
            spellings = ms_->get_spl_start(starts);
            out.fixed = ms_->get_fixedlen();
        });
        if (!ok) return false;
        if (starts) out.starts.assign(starts, starts + spellings + 1);
        out.fixed = std::min(out.fixed, spellings);
        return true;
    }
    bool candidate(size_t id, std::u16string& out) {
        out.clear();
        // googlepinyin's char16 is unsigned short, not char16_t: copy rather than alias.
        ime_pinyin::char16 buf[kCandidateBuffer] = {};
        bool found = false;
        if (!ms_ || !guarded([&] { found = ms_->get_candidate(id, buf, kCandidateBuffer); }))
            return false;
        for (size_t i = 0; found && i < kCandidateBuffer && buf[i] != 0; ++i)
            out.push_back(static_cast<char16_t>(buf[i]));
        return true;
    }
    // Whether the search pools have room for one more letter (see the top of this file).
    bool withinBudget() const {
        if (!ms_) return false;
        const ime_pinyin::DictTrie* trie = ms_->*memberOf(DictTrieOf{});
        if (!trie) return false;
        return trie->*memberOf(MilestonesUsed{}) <= kMilestoneBudget &&
               trie->*memberOf(MarksUsed{}) <= kMarkBudget;
    }

private:
    void drop() {
        // delete runs free_resource(), which only frees; a decoder that failed an assertion
        // half-way through a search can still be deleted.
        delete ms_;
        ms_ = nullptr;
    }

    ime_pinyin::MatrixSearch* ms_ = nullptr;  // owned; raw because its destructor is guarded
};

// -----------------------------------------------------------------------------------------
// Opening and closing

PinyinEngine::PinyinEngine(ScriptConverter* converter) : converter_(converter) {}

PinyinEngine::~PinyinEngine() {
    if (!open_) return;
    closeDecoder();
    std::error_code ec;
    fs::remove_all(tempDir_, ec);
    gDecoderOwner.store(nullptr);
}

bool PinyinEngine::open(std::string& error) {
    if (open_) return true;
    const char* env = std::getenv("ZWGK_PINYIN_DICT");
    sysDict_ = env && *env ? env : ZWGK_GOOGLEPINYIN_DICT;
    std::error_code ec;
    if (!fs::is_regular_file(sysDict_, ec)) {
        error = "googlepinyin dictionary not found at " + sysDict_ +
                " (Debian package libgooglepinyin0)";
        return false;
    }
    const PinyinEngine* none = nullptr;
    if (!gDecoderOwner.compare_exchange_strong(none, this)) {
        error = "another PinyinEngine is already open in this process";
        return false;
    }
    decoder_ = std::make_unique<Decoder>();
    if (!makePrivateDir(tempDir_, error) || !openDecoder(error, true)) {
        fs::remove_all(tempDir_, ec);
        tempDir_.clear();
        decoder_.reset();
        gDecoderOwner.store(nullptr);
        return false;
    }
    open_ = true;
    clear();
    return true;
}

bool PinyinEngine::openDecoder(std::string& error, bool fresh) {
    userDict_ = (fs::path(tempDir_) / "user_dict.dat").string();
    std::error_code ec;
    // A leftover file would carry the previous citizen's words into this session.
    if (fresh) fs::remove(userDict_, ec);
    if (!decoder_->open(sysDict_, userDict_)) {
        error = "googlepinyin could not open " + sysDict_;
        return false;
    }
    return true;
}

void PinyinEngine::closeDecoder() {
    // Closing flushes what was learnt into the file; deleting it afterwards is what forgets.
    decoder_->close();
    std::error_code ec;
    fs::remove(userDict_, ec);
}

void PinyinEngine::giveUp() {
    decoder_->close();
    std::error_code ec;
    fs::remove_all(tempDir_, ec);
    tempDir_.clear();
    userDict_.clear();
    open_ = false;
    gDecoderOwner.store(nullptr);
}

void PinyinEngine::resetSession() {
    if (!open_) return;
    closeDecoder();
    std::string error;
    if (!openDecoder(error, true)) {
        // The directory may have been cleaned away underneath us; start over in a new one.
        std::error_code ec;
        fs::remove_all(tempDir_, ec);
        if (!makePrivateDir(tempDir_, error) || !openDecoder(error, true)) giveUp();
    }
    clear();
}

std::string PinyinEngine::userDictionaryPath() const { return open_ ? userDict_ : std::string(); }

void PinyinEngine::restart(const std::string& target) {
    letters_.clear();
    engineCount_ = 0;
    if (open_) {
        // Closing and reopening with the same file keeps this session's learning.
        decoder_->close();
        std::string error;
        if (!openDecoder(error, false)) giveUp();
    }
    if (open_) {
        type(target);
    } else {
        letters_ = target.substr(0, kMaxLetters);
    }
}

bool PinyinEngine::type(std::string_view letters) {
    for (char c : letters) {
        if (letters_.size() >= kMaxLetters) return false;
        if (!open_) {
            letters_.push_back(c);
            continue;
        }
        letters_.push_back(c);
        size_t n = 0;
        if (!decoder_->search(letters_, n)) {
            letters_.pop_back();
            restart(letters_);
            return false;
        }
        if (!decoder_->withinBudget()) {
            // Back to the previous letters, which were within budget. Searching a prefix
            // of what the engine holds rewinds its pools to that point.
            letters_.pop_back();
            if (!decoder_->search(letters_, n) || !decoder_->withinBudget()) restart(letters_);
            else engineCount_ = letters_.empty() ? 0 : n;
            return false;
        }
        engineCount_ = n;
    }
    return true;
}

// -----------------------------------------------------------------------------------------
// Typing

namespace {

// Lowercases A–Z; returns 0 for anything that is neither a letter nor '.
char normalise(char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || c == '\'') return c;
    return 0;
}

}  // namespace

void PinyinEngine::input(const std::string& letters) {
    std::string clean;
    for (char c : letters) {
        c = normalise(c);
        if (!c || (c == '\'' && (clean.empty() || clean.back() == '\''))) continue;
        clean.push_back(c);
    }
    clear();  // drops any partial choice as well
    type(clean);
    refresh();
}

bool PinyinEngine::appendLetter(char c) {
    c = normalise(c);
    if (!c || (c == '\'' && (letters_.empty() || letters_.back() == '\''))) return false;
    // The engine continues from the common prefix, so this is incremental.
    const bool accepted = type(std::string_view(&c, 1));
    refresh();
    return accepted;
}

void PinyinEngine::backspace() {
    if (letters_.empty()) return;
    letters_.pop_back();
    size_t n = 0;
    if (letters_.empty()) {
        clear();
        return;
    }
    if (!open_) {
        refresh();
        return;
    }
    if (!decoder_->search(letters_, n) || !decoder_->withinBudget()) {
        restart(letters_);
        refresh();
        return;
    }
    engineCount_ = n;
    refresh();
    // The engine undoes a partial choice once the letters after it are gone (its search
    // unfixes from the changed position); this guards the one state it must never leave
    // us in, a choice with no letters after it, which would be neither pending nor committed.
    while (!fixed_.empty() && consumed_ >= letters_.size()) {
        const size_t fixedBefore = fixed_.size();
        if (!decoder_->cancelLastChoice(n)) {
            restart(letters_);
            refresh();
            return;
        }
        engineCount_ = n;
        refresh();
        if (fixed_.size() >= fixedBefore) break;
    }
}

void PinyinEngine::clear() {
    letters_.clear();
    engineCount_ = 0;
    if (open_ && !decoder_->reset()) restart({});
    refresh();
}

void PinyinEngine::refresh() {
    consumed_ = 0;
    decoded_ = 0;
    fixed_.clear();
    syllables_.clear();
    entries_.clear();
    if (letters_.empty()) {
        engineCount_ = 0;
        return;
    }

    Decoder::State st;
    if (open_ && engineCount_ > 0 && !decoder_->state(st)) {
        // Nothing sensible can be read back; start over with the same letters.
        restart(letters_);
        if (!open_ || engineCount_ == 0 || !decoder_->state(st)) st = {}, engineCount_ = 0;
    }
    if (engineCount_ > 0) {
        decoded_ = std::min(st.decoded, letters_.size());
        const size_t spellings = st.starts.empty() ? 0 : st.starts.size() - 1;
        if (st.fixed > 0) {
            consumed_ = std::min<size_t>(st.starts[st.fixed], letters_.size());
            std::u16string sentence;
            decoder_->candidate(0, sentence);
            fixed_ = sentence.substr(0, st.fixed);
        }
        for (size_t i = st.fixed; i < spellings; ++i) {
            const size_t b = std::min<size_t>(st.starts[i], letters_.size());
            const size_t e = std::min<size_t>(st.starts[i + 1], letters_.size());
            std::string s = withoutApostrophes(std::string_view(letters_).substr(b, e - b));
            if (!s.empty()) syllables_.push_back(std::move(s));
        }
    }
    if (decoded_ < letters_.size()) {
        std::string tail = withoutApostrophes(std::string_view(letters_).substr(decoded_));
        if (!tail.empty()) syllables_.push_back(std::move(tail));
    }

    const std::string comp = composition();
    const PhraseMatches matches = matchPhrases(comp);
    const auto& table = phrases();
    const bool anyPhrase = !matches.exact.empty() || !matches.completions.empty();
    auto isPhrase = [&](const std::u16string& s) {
        for (uint32_t i : matches.exact)
            if (table[i].text16 == s) return true;
        for (uint32_t i : matches.completions)
            if (table[i].text16 == s) return true;
        return false;
    };
    auto pushEngine = [&](size_t id) {
        // The engine's own list has no repeats; only the phrase table can duplicate it.
        if (anyPhrase && isPhrase(engineCandidate(id))) return;
        entries_.push_back({Entry::Kind::Engine, static_cast<uint32_t>(id)});
    };

    for (uint32_t i : matches.exact) entries_.push_back({Entry::Kind::Phrase, i});
    // The engine's first candidate (its best sentence) stays ahead of completions, so that
    // zhengwu still offers 政务 before 政务公开.
    if (engineCount_ > 0) pushEngine(0);
    for (uint32_t i : matches.completions) entries_.push_back({Entry::Kind::Phrase, i});
    for (size_t id = 1; id < engineCount_; ++id) pushEngine(id);
    // Letters nothing can spell (a stray "i") can still be committed as they are.
    if (engineCount_ == 0 && !comp.empty()) entries_.push_back({Entry::Kind::Raw, 0});
}

std::u16string PinyinEngine::engineCandidate(size_t id) const {
    std::u16string s;
    if (!open_ || !decoder_->candidate(id, s)) return {};
    // Candidate 0 is the whole sentence, including what was already chosen.
    if (id == 0) s.erase(0, std::min(fixed_.size(), s.size()));
    return s;
}

std::string PinyinEngine::entryText(const Entry& e) const {
    switch (e.kind) {
        case Entry::Kind::Phrase: return kPhrases[e.index].text;
        case Entry::Kind::Engine: return toUtf8(engineCandidate(e.index));
        case Entry::Kind::Raw: return withoutApostrophes(composition());
    }
    return {};
}

std::string PinyinEngine::display(std::string text) const {
    if (!traditional_ || !converter_) return text;
    return converter_->toTraditional(text);
}

// -----------------------------------------------------------------------------------------
// Reading and choosing

std::string PinyinEngine::composition() const {
    return consumed_ < letters_.size() ? letters_.substr(consumed_) : std::string();
}

std::string PinyinEngine::spelledSyllables() const {
    std::string out;
    for (const std::string& s : syllables_) {
        if (!out.empty()) out.push_back(' ');
        out += s;
    }
    return out;
}

std::string PinyinEngine::fixedText() const { return display(toUtf8(fixed_)); }

size_t PinyinEngine::candidateCount() const { return entries_.size(); }

std::vector<std::string> PinyinEngine::candidates(size_t offset, size_t count) const {
    std::vector<std::string> out;
    if (offset >= entries_.size()) return out;
    const size_t end = offset + std::min(count, entries_.size() - offset);
    out.reserve(end - offset);
    for (size_t i = offset; i < end; ++i) out.push_back(display(entryText(entries_[i])));
    return out;
}

std::string PinyinEngine::choose(size_t index) {
    if (index >= entries_.size()) return {};
    const Entry e = entries_[index];
    if (e.kind != Entry::Kind::Engine) {
        // A phrase spells the whole composition; raw letters are the whole composition.
        const std::string text = toUtf8(fixed_) + entryText(e);
        commitReset({});
        return display(text);
    }

    size_t n = 0;
    Decoder::State st;
    if (!decoder_->choose(e.index, n) || !decoder_->state(st)) {
        restart(letters_);  // the choice is lost; the letters stay
        refresh();
        return {};
    }
    engineCount_ = n;
    const size_t spellings = st.starts.empty() ? 0 : st.starts.size() - 1;
    if (spellings > 0 && st.fixed >= spellings) {
        // Everything the engine could spell is chosen: the sentence is final. choose() has
        // now also taught the engine this sentence, which resetSession() will forget.
        std::u16string sentence;
        decoder_->candidate(0, sentence);
        std::string tail;
        const size_t end = std::min<size_t>(st.starts[spellings], letters_.size());
        for (size_t i = end; i < letters_.size(); ++i)
            if (!(tail.empty() && letters_[i] == '\'')) tail.push_back(letters_[i]);
        commitReset(std::move(tail));
        return display(toUtf8(sentence));
    }
    // Re-extending after a choice never uses more of the pools than the letters did before,
    // but check rather than trust it.
    if (!decoder_->withinBudget()) restart(letters_);
    refresh();
    return {};
}

void PinyinEngine::commitReset(std::string tail) {
    clear();
    type(tail);
    refresh();
}

void PinyinEngine::setTraditional(bool on) {
    traditional_ = on;
    if (on && !converter_) {
        ownConverter_ = std::make_unique<ScriptConverter>("s2t.json");
        converter_ = ownConverter_.get();
    }
}

// -----------------------------------------------------------------------------------------

KeystrokeLatency measureKeystrokeLatency(size_t runs, std::string_view word) {
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    KeystrokeLatency r;
    PinyinEngine engine;
    const auto t0 = Clock::now();
    if (!engine.open(r.error)) return r;
    r.openMs = ms(Clock::now() - t0);

    std::vector<double> samples;
    samples.reserve(runs * word.size());
    size_t sink = 0;  // keeps the candidate fetch from being optimised away
    for (size_t run = 0; run < runs; ++run) {
        engine.clear();
        for (char c : word) {
            const auto t = Clock::now();
            engine.appendLetter(c);
            sink += engine.candidateCount();
            sink += engine.candidates(0, 10).size();
            samples.push_back(ms(Clock::now() - t));
        }
    }
    if (samples.empty() || sink == 0) {
        r.error = "nothing was typed";
        return r;
    }
    std::sort(samples.begin(), samples.end());
    r.samples = samples.size();
    r.medianMs = samples[samples.size() / 2];
    r.p95Ms = samples[std::min(samples.size() - 1, samples.size() * 95 / 100)];
    r.maxMs = samples.back();
    return r;
}

}  // namespace zwgk
