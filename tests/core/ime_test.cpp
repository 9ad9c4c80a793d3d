#include "handwriting.h"
#include "pinyin_engine.h"
#include "script_convert.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <sys/wait.h>
#include <unistd.h>

using namespace zwgk;

namespace {

constexpr size_t npos = static_cast<size_t>(-1);

std::vector<std::string> allCandidates(const PinyinEngine& e) {
    return e.candidates(0, e.candidateCount());
}

size_t indexOf(const PinyinEngine& e, const std::string& text) {
    const auto all = allCandidates(e);
    const auto it = std::find(all.begin(), all.end(), text);
    return it == all.end() ? npos : static_cast<size_t>(it - all.begin());
}

// Picks text from the current candidates; fails the test when it is not offered.
std::string pick(PinyinEngine& e, const std::string& text) {
    const size_t i = indexOf(e, text);
    EXPECT_NE(i, npos) << text << " not offered for " << e.composition();
    return i == npos ? std::string("<missing>") : e.choose(i);
}

class PinyinEngineTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(engine.open(error)) << error; }
    PinyinEngine engine;
    std::string error;
};

}  // namespace

TEST_F(PinyinEngineTest, ZhengwuOffersZhengwuFirstOrSecond) {
    engine.input("zhengwu");
    EXPECT_EQ(engine.composition(), "zhengwu");
    EXPECT_EQ(engine.spelledSyllables(), "zheng wu");
    EXPECT_LT(indexOf(engine, "政务"), 2u);
    EXPECT_NE(indexOf(engine, "政务公开"), npos);  // offered as a completion too
}

TEST_F(PinyinEngineTest, DomainPhrasesComeFirstForInitialsAndFullPinyin) {
    const std::pair<const char*, const char*> cases[] = {
        {"zwgk", "政务公开"},          {"zhengwugongkai", "政务公开"},
        {"bdcdj", "不动产登记"},       {"budongchandengji", "不动产登记"},
        {"ybt", "一本通"},             {"yibentong", "一本通"},
        {"ysqgk", "依申请公开"},       {"zfxxgk", "政府信息公开"},
        {"zdshbz", "最低生活保障"},    {"yjsycb", "一件事一次办"},
        {"zhfgjj", "住房公积金"},      {"xiang'cun'zhen'xing", "乡村振兴"},
    };
    for (const auto& [letters, phrase] : cases) {
        engine.input(letters);
        const auto top = engine.candidates(0, 3);
        ASSERT_FALSE(top.empty()) << letters;
        EXPECT_EQ(top[0], phrase) << letters;
    }
}

TEST_F(PinyinEngineTest, EveryDomainPhraseIsFirstForItsInitials) {
    // Guards the hand-written pinyin table: a typo there silently loses the phrase.
    for (const DomainPhrase& p : domainPhrases()) {
        std::string full, initials;
        bool start = true;
        for (const char* c = p.pinyin; *c; ++c) {
            if (*c == ' ') {
                start = true;
                continue;
            }
            full.push_back(*c);
            if (start) initials.push_back(*c);
            start = false;
        }
        for (const std::string& letters : {full, initials}) {
            engine.input(letters);
            ASSERT_GT(engine.candidateCount(), 0u) << letters;
            // Two phrases may share initials (none do today); then either may lead.
            const auto top = engine.candidates(0, 2);
            EXPECT_NE(std::find(top.begin(), top.end(), p.text), top.end())
                << p.text << " for " << letters;
        }
    }
}

TEST_F(PinyinEngineTest, DibaoOffersDibaoEarly) {
    engine.input("dibao");
    EXPECT_LT(indexOf(engine, "低保"), 3u);
}

TEST_F(PinyinEngineTest, NoDuplicatesWhenEngineAndPhraseTableAgree) {
    engine.input("zwgk");
    const auto all = allCandidates(engine);
    EXPECT_EQ(std::count(all.begin(), all.end(), std::string("政务公开")), 1);
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
}

TEST_F(PinyinEngineTest, InputIsNormalised) {
    engine.input("ZhengWu 1!");
    EXPECT_EQ(engine.composition(), "zhengwu");
    engine.input("xi'an");
    EXPECT_EQ(engine.spelledSyllables(), "xi an");
    EXPECT_EQ(engine.candidates(0, 1).at(0), "西安");
    engine.input("'x''i");
    EXPECT_EQ(engine.composition(), "x'i");
    std::string longText;
    while (longText.size() < 60) longText += "zhengfuxinxi";
    engine.input(longText);
    // Cut by kMaxLetters or, first, by the engine's search budget (see the next tests).
    const std::string kept = engine.composition();
    EXPECT_GE(kept.size(), 25u);
    EXPECT_LE(kept.size(), PinyinEngine::kMaxLetters);
    EXPECT_EQ(kept, longText.substr(0, kept.size()));
}

TEST_F(PinyinEngineTest, TypingAndBackspaceWalkThroughLetters) {
    for (char c : std::string("zhengwu")) engine.appendLetter(c);
    EXPECT_EQ(engine.composition(), "zhengwu");
    EXPECT_EQ(engine.spelledSyllables(), "zheng wu");
    const std::vector<std::string> expected = {"zhengw", "zheng", "zhen", "zhe", "zh", "z", ""};
    for (const std::string& want : expected) {
        engine.backspace();
        EXPECT_EQ(engine.composition(), want);
        EXPECT_EQ(engine.candidateCount() == 0, want.empty()) << want;
    }
    EXPECT_EQ(engine.spelledSyllables(), "");
    engine.backspace();  // on empty: nothing happens
    EXPECT_TRUE(engine.empty());
    engine.appendLetter('Z');
    engine.appendLetter('\'');
    engine.appendLetter('\'');  // doubled separator ignored
    engine.appendLetter('7');   // not a letter
    EXPECT_EQ(engine.composition(), "z'");
}

TEST_F(PinyinEngineTest, CandidatesPage) {
    engine.input("zhengwu");
    const size_t n = engine.candidateCount();
    ASSERT_GT(n, 20u);
    const auto first = engine.candidates(0, 10);
    const auto a = engine.candidates(0, 5);
    const auto b = engine.candidates(5, 5);
    ASSERT_EQ(first.size(), 10u);
    EXPECT_EQ(std::vector<std::string>(first.begin(), first.begin() + 5), a);
    EXPECT_EQ(std::vector<std::string>(first.begin() + 5, first.end()), b);
    EXPECT_EQ(engine.candidates(n - 3, 10).size(), 3u);
    EXPECT_TRUE(engine.candidates(n, 10).empty());
    EXPECT_TRUE(engine.candidates(n + 100, 10).empty());
    size_t paged = 0;
    for (size_t off = 0; off < n; off += 9) paged += engine.candidates(off, 9).size();
    EXPECT_EQ(paged, n);
}

TEST_F(PinyinEngineTest, ChoosingConsumesTheComposition) {
    engine.input("zhengwu");
    EXPECT_EQ(pick(engine, "政务"), "政务");
    EXPECT_TRUE(engine.empty());
    EXPECT_EQ(engine.composition(), "");
    EXPECT_EQ(engine.candidateCount(), 0u);

    engine.input("zwgk");
    EXPECT_EQ(engine.choose(0), "政务公开");  // a phrase from the table
    EXPECT_TRUE(engine.empty());

    engine.input("zhengwu");
    EXPECT_EQ(engine.choose(engine.candidateCount()), "");  // out of range: no effect
    EXPECT_EQ(engine.composition(), "zhengwu");
}

TEST_F(PinyinEngineTest, PartialChoiceLeavesTheRemainingLetters) {
    engine.input("zhengfuxinxi");
    EXPECT_EQ(pick(engine, "政府"), "");
    EXPECT_EQ(engine.fixedText(), "政府");
    EXPECT_EQ(engine.composition(), "xinxi");
    EXPECT_EQ(engine.spelledSyllables(), "xin xi");
    EXPECT_NE(indexOf(engine, "信息"), npos);
    EXPECT_EQ(indexOf(engine, "政府"), npos);  // candidates are for the rest only

    // Typing on keeps the choice.
    engine.appendLetter('g');
    EXPECT_EQ(engine.fixedText(), "政府");
    EXPECT_EQ(engine.composition(), "xinxig");
    engine.backspace();
    EXPECT_EQ(pick(engine, "信息"), "政府信息");
    EXPECT_TRUE(engine.empty());
    EXPECT_EQ(engine.fixedText(), "");
}

TEST_F(PinyinEngineTest, PhraseAfterPartialChoiceCommitsBoth) {
    engine.input("jiedubdcdj");
    EXPECT_EQ(pick(engine, "解读"), "");
    EXPECT_EQ(engine.composition(), "bdcdj");
    EXPECT_EQ(engine.candidates(0, 1).at(0), "不动产登记");
    EXPECT_EQ(engine.choose(0), "解读不动产登记");
    EXPECT_TRUE(engine.empty());
}

TEST_F(PinyinEngineTest, BackspacePastAPartialChoiceUndoesIt) {
    engine.input("zhengfuxinxi");
    EXPECT_EQ(pick(engine, "政府"), "");
    for (const char* want : {"xinx", "xin", "xi", "x"}) {
        engine.backspace();
        EXPECT_EQ(engine.fixedText(), "政府");
        EXPECT_EQ(engine.composition(), want);
    }
    engine.backspace();
    EXPECT_EQ(engine.fixedText(), "");
    EXPECT_EQ(engine.composition(), "zhengfu");
    EXPECT_EQ(engine.spelledSyllables(), "zheng fu");
    EXPECT_LT(indexOf(engine, "政府"), 2u);
}

TEST_F(PinyinEngineTest, UnspellableLettersSurviveACommitOrCommitAsTheyAre) {
    engine.input("zhengwuv");
    EXPECT_EQ(engine.spelledSyllables(), "zheng wu v");
    EXPECT_EQ(pick(engine, "政务"), "政务");
    EXPECT_EQ(engine.composition(), "v");
    engine.input("i");
    ASSERT_EQ(engine.candidateCount(), 1u);
    EXPECT_EQ(engine.candidates(0, 5).at(0), "i");
    EXPECT_EQ(engine.choose(0), "i");
    EXPECT_TRUE(engine.empty());
}

// A citizen types a name character by character; googlepinyin learns it as a phrase and
// would offer it to the next citizen. resetSession() must make that impossible.
TEST_F(PinyinEngineTest, LearningIsGoneAfterSessionReset) {
    engine.input("zhangweihua");
    const auto fullBefore = engine.candidates(0, 20);
    engine.input("zwh");
    const auto initialsBefore = engine.candidates(0, 20);
    ASSERT_EQ(std::find(fullBefore.begin(), fullBefore.end(), "章位华"), fullBefore.end());
    ASSERT_EQ(std::find(initialsBefore.begin(), initialsBefore.end(), "章位华"),
              initialsBefore.end());

    for (int i = 0; i < 3; ++i) {
        engine.input("zhangweihua");
        EXPECT_EQ(pick(engine, "章"), "");
        EXPECT_EQ(pick(engine, "位"), "");
        EXPECT_EQ(pick(engine, "华"), "章位华");
    }
    engine.input("zhangweihua");
    EXPECT_EQ(indexOf(engine, "章位华"), 0u);  // learnt: now the top sentence
    engine.input("zwh");
    EXPECT_LT(indexOf(engine, "章位华"), 3u);

    engine.resetSession();
    ASSERT_TRUE(engine.isOpen());
    EXPECT_TRUE(engine.empty());
    engine.input("zhangweihua");
    EXPECT_EQ(engine.candidates(0, 20), fullBefore);
    engine.input("zwh");
    EXPECT_EQ(engine.candidates(0, 20), initialsBefore);
    EXPECT_EQ(indexOf(engine, "章位华"), npos);
}

TEST(PinyinEngine, UserDictionaryIsPrivateAndDeleted) {
    std::string error;
    std::filesystem::path dict;
    {
        PinyinEngine engine;
        ASSERT_TRUE(engine.open(error)) << error;
        dict = engine.userDictionaryPath();
        ASSERT_FALSE(dict.empty());
        const auto perms = std::filesystem::status(dict.parent_path()).permissions();
        EXPECT_EQ(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
                  std::filesystem::perms::none);

        // Learn something so that closing writes the file, then reset.
        engine.input("zhangweihua");
        pick(engine, "章");
        pick(engine, "位");
        pick(engine, "华");
        engine.resetSession();
        // The reopened engine may recreate the file, but never with the old words (stored
        // as UTF-16LE).
        std::ifstream in(engine.userDictionaryPath(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
        const std::u16string name = u"章位华";
        const std::string needle(reinterpret_cast<const char*>(name.data()), name.size() * 2);
        EXPECT_EQ(bytes.find(needle), std::string::npos);

        PinyinEngine second;  // the decoder is process-global: one engine at a time
        std::string secondError;
        EXPECT_FALSE(second.open(secondError));
        EXPECT_NE(secondError.find("another PinyinEngine"), std::string::npos) << secondError;
    }
    EXPECT_FALSE(std::filesystem::exists(dict));
    EXPECT_FALSE(std::filesystem::exists(dict.parent_path()));

    PinyinEngine again;  // the decoder is free once the first engine is gone
    EXPECT_TRUE(again.open(error)) << error;
}

// googlepinyin's search pools overflow on long ambiguous input (fourteen z's), which ends in
// abort() or out-of-bounds reads inside the library. The kiosk must refuse the letter.
TEST_F(PinyinEngineTest, RefusesLettersBeforeTheEngineOverflows) {
    size_t accepted = 0;
    for (int i = 0; i < 30; ++i) accepted += engine.appendLetter('z') ? 1 : 0;
    const std::string zs = engine.composition();
    EXPECT_EQ(zs.size(), accepted);
    EXPECT_GE(zs.size(), 5u);
    EXPECT_LT(zs.size(), 14u);  // fourteen would have aborted the process
    EXPECT_EQ(zs, std::string(zs.size(), 'z'));
    EXPECT_GT(engine.candidateCount(), 0u);
    EXPECT_FALSE(engine.appendLetter('z'));
    engine.backspace();
    EXPECT_EQ(engine.composition(), std::string(zs.size() - 1, 'z'));
    EXPECT_TRUE(engine.appendLetter('z'));

    for (const char* letters : {"anananananananananananananananan",
                                "sssssssssssssssssssssssssssssss",
                                "bdcdjybtzwgkzfxxgkbdcdjybtzwgkzfxxgk",
                                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
        engine.input(letters);  // cut before the first letter the engine refuses
        const std::string kept = engine.composition();
        EXPECT_FALSE(kept.empty()) << letters;
        EXPECT_EQ(kept, std::string(letters).substr(0, kept.size()));
        EXPECT_GT(engine.candidateCount(), 0u) << letters;
        engine.clear();
        for (const char* c = letters; *c; ++c) engine.appendLetter(*c);
        EXPECT_FALSE(engine.empty()) << letters;
    }

    // Real input is not affected.
    engine.input("budongchandengjibanshizhinan");
    EXPECT_EQ(engine.composition(), "budongchandengjibanshizhinan");
    engine.input("zwgkzfxxgk");
    EXPECT_EQ(engine.composition(), "zwgkzfxxgk");

    // The engine works normally afterwards.
    engine.input("zhengwu");
    EXPECT_LT(indexOf(engine, "政务"), 2u);
    EXPECT_EQ(pick(engine, "政务"), "政务");
    engine.input("zwgk");
    EXPECT_EQ(engine.choose(0), "政务公开");
}

TEST_F(PinyinEngineTest, SurvivesKeyMashing) {
    // Deterministic pseudo-random typing, with the repetition that stresses the decoder.
    uint32_t state = 12345;
    auto next = [&] { return state = state * 1103515245u + 12345u, (state >> 16) & 0x7fff; };
    const std::string keys = "abcdefghijklmnopqrstuvwxyz'";
    for (int round = 0; round < 100; ++round) {
        engine.clear();
        const char unit[] = {keys[next() % keys.size()], keys[next() % keys.size()]};
        const size_t unitLen = 1 + next() % 2;
        for (int i = 0; i < 40; ++i) {
            const uint32_t r = next() % 20;
            if (r == 0)
                engine.backspace();
            else if (r == 1 && engine.candidateCount() > 1)
                engine.choose(1 + next() % std::min<size_t>(engine.candidateCount() - 1, 5));
            else
                engine.appendLetter(unit[i % unitLen]);
            ASSERT_LE(engine.composition().size(), PinyinEngine::kMaxLetters);
            engine.candidates(0, 10);
        }
    }
    engine.input("ybt");
    EXPECT_EQ(engine.candidates(0, 1).at(0), "一本通");
}

// A crashed kiosk process leaves its user dictionary behind; the next one removes it.
TEST(PinyinEngine, RemovesDictionariesOfDeadProcesses) {
    namespace fs = std::filesystem;
    const fs::path base = fs::temp_directory_path() / ("zwgk-ime-test-" + std::to_string(::getpid()));
    fs::create_directories(base);
    const pid_t dead = ::fork();
    if (dead == 0) ::_exit(0);
    ::waitpid(dead, nullptr, 0);
    const fs::path stale = base / ("zwgk-pinyin-" + std::to_string(dead) + "-AbC123");
    const fs::path alive = base / ("zwgk-pinyin-" + std::to_string(::getppid()) + "-AbC123");
    const fs::path other = base / "zwgk-pinyin-notapid";
    for (const auto& d : {stale, alive, other}) {
        fs::create_directories(d);
        std::ofstream(d / "user_dict.dat") << "张伟华";
    }

    const char* xdg = std::getenv("XDG_RUNTIME_DIR");
    const std::string savedXdg = xdg ? xdg : "";
    const char* tmp = std::getenv("TMPDIR");
    const std::string savedTmp = tmp ? tmp : "";
    ::unsetenv("XDG_RUNTIME_DIR");
    ::setenv("TMPDIR", base.c_str(), 1);
    {
        PinyinEngine engine;
        std::string error;
        ASSERT_TRUE(engine.open(error)) << error;
        EXPECT_EQ(fs::path(engine.userDictionaryPath()).parent_path().parent_path(), base);
    }
    if (xdg) ::setenv("XDG_RUNTIME_DIR", savedXdg.c_str(), 1);
    if (tmp) ::setenv("TMPDIR", savedTmp.c_str(), 1); else ::unsetenv("TMPDIR");

    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(alive));  // a live process's directory is never touched
    EXPECT_TRUE(fs::exists(other));
    std::error_code ec;
    fs::remove_all(base, ec);
}

TEST_F(PinyinEngineTest, TraditionalModeShowsAndCommitsTraditional) {
    engine.setTraditional(true);
    engine.input("zhengwu");
    EXPECT_LT(indexOf(engine, "政務"), 2u);
    EXPECT_EQ(indexOf(engine, "政务"), npos);
    EXPECT_EQ(engine.composition(), "zhengwu");  // the engine itself stays simplified

    engine.input("zwgk");
    EXPECT_EQ(engine.candidates(0, 1).at(0), "政務公開");
    EXPECT_EQ(engine.choose(0), "政務公開");

    engine.input("zhengfuxinxi");
    EXPECT_EQ(pick(engine, "政府"), "");
    EXPECT_EQ(engine.fixedText(), "政府");
    EXPECT_EQ(pick(engine, "信息"), "政府信息");

    engine.setTraditional(false);
    engine.input("zhengwu");
    EXPECT_LT(indexOf(engine, "政务"), 2u);
}

TEST(PinyinEngine, SharedConverterIsUsed) {
    ScriptConverter converter;
    ASSERT_TRUE(converter.available()) << converter.error();
    PinyinEngine engine(&converter);
    std::string error;
    ASSERT_TRUE(engine.open(error)) << error;
    engine.setTraditional(true);
    engine.input("bdcdj");
    EXPECT_EQ(engine.candidates(0, 1).at(0), "不動產登記");
    EXPECT_GT(converter.stats().misses, 0u);
}

TEST(PinyinEngine, NotOpenIsHarmless) {
    PinyinEngine engine;
    engine.input("zhengwu");
    engine.appendLetter('a');
    engine.backspace();
    EXPECT_EQ(engine.composition(), "zhengwu");
    // The phrase table still works; the letters themselves come last.
    ASSERT_EQ(engine.candidates(0, 10), (std::vector<std::string>{"政务公开", "zhengwu"}));
    EXPECT_EQ(engine.choose(1), "zhengwu");
    engine.resetSession();
    EXPECT_EQ(engine.userDictionaryPath(), "");
}

// -----------------------------------------------------------------------------------------
// Handwriting

namespace {

using Strokes = std::vector<HandwritingRecognizer::Stroke>;

// A straight stroke from (x0, y0) to (x1, y1) with a few points along it, as a finger on
// the touchscreen would report it.
HandwritingRecognizer::Stroke line(float x0, float y0, float x1, float y1, int points = 5) {
    HandwritingRecognizer::Stroke s;
    for (int i = 0; i < points; ++i) {
        const float t = static_cast<float>(i) / static_cast<float>(points - 1);
        s.emplace_back(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
    }
    return s;
}

const Strokes kYi = {line(50, 150, 250, 150)};
const Strokes kShi = {line(40, 140, 260, 140), line(150, 30, 150, 270)};
// 王: 横, 横, 竖, 横 (the standard order).
const Strokes kWang = {line(60, 50, 240, 50), line(70, 150, 230, 150), line(150, 50, 150, 250),
                       line(40, 250, 260, 250)};
// 口: 竖, 横折, 横. The model's best guess for this is the radical 囗.
const Strokes kKou = {line(70, 60, 70, 240),
                      [] {
                          auto s = line(70, 60, 230, 60);
                          auto down = line(230, 60, 230, 240);
                          s.insert(s.end(), down.begin() + 1, down.end());
                          return s;
                      }(),
                      line(70, 240, 230, 240)};

class HandwritingTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(recognizer.open(error)) << error; }
    HandwritingRecognizer recognizer;
    std::string error;
};

}  // namespace

TEST_F(HandwritingTest, RecognisesSimpleCharactersTopOne) {
    const std::pair<const char*, const Strokes*> cases[] = {
        {"一", &kYi}, {"十", &kShi}, {"王", &kWang}};
    for (const auto& [want, strokes] : cases) {
        const auto got = recognizer.recognize(*strokes, 300, 300);
        ASSERT_FALSE(got.empty()) << want;
        EXPECT_EQ(got[0], want);
        EXPECT_LE(got.size(), 10u);
        EXPECT_GE(got.size(), 8u);
    }
}

TEST_F(HandwritingTest, BoxSizeDoesNotMatter) {
    Strokes small;
    for (const auto& s : kShi) {
        HandwritingRecognizer::Stroke t;
        for (auto [x, y] : s) t.emplace_back(x / 300, y / 300);
        small.push_back(t);
    }
    const auto got = recognizer.recognize(small, 1, 1, 5);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got[0], "十");
    EXPECT_LE(got.size(), 5u);
}

TEST_F(HandwritingTest, ComponentsAreFilteredOut) {
    const auto got = recognizer.recognize(kKou, 300, 300);
    ASSERT_FALSE(got.empty());
    EXPECT_EQ(got[0], "口");
    for (const std::string& c : got) EXPECT_FALSE(HandwritingRecognizer::isComponent(c)) << c;

    // A lone vertical stroke: whatever comes back, 丨 is not offered while anything else is.
    const auto vertical = recognizer.recognize({line(150, 30, 150, 270)}, 300, 300);
    ASSERT_FALSE(vertical.empty());
    EXPECT_EQ(std::find(vertical.begin(), vertical.end(), "丨"), vertical.end());
}

TEST(Handwriting, ComponentFilterKeepsComponentsWhenNothingElseIsLeft) {
    using H = HandwritingRecognizer;
    EXPECT_EQ(H::filterComponents({"囗", "口", "亻", "人", "十"}, 10),
              (std::vector<std::string>{"口", "人", "十"}));
    EXPECT_EQ(H::filterComponents({"囗", "口", "亻", "人", "十"}, 2),
              (std::vector<std::string>{"口", "人"}));
    EXPECT_EQ(H::filterComponents({"丨", "亻", "氵"}, 2), (std::vector<std::string>{"丨", "亻"}));
    EXPECT_TRUE(H::filterComponents({}, 10).empty());
    EXPECT_TRUE(H::isComponent("氵"));
    EXPECT_FALSE(H::isComponent("一"));
    EXPECT_FALSE(H::isComponent("乙"));  // a character in its own right: 乙方, 乙肝
}

TEST_F(HandwritingTest, TraditionalModeConvertsCandidates) {
    const auto simplified = recognizer.recognize(kWang, 300, 300);
    recognizer.setTraditional(true);
    const auto traditional = recognizer.recognize(kWang, 300, 300);
    ScriptConverter converter;
    ASSERT_TRUE(converter.available()) << converter.error();
    ASSERT_FALSE(traditional.empty());
    EXPECT_EQ(traditional[0], "王");
    std::vector<std::string> converted;
    for (const auto& s : simplified) {
        const std::string t = converter.toTraditional(s);
        if (std::find(converted.begin(), converted.end(), t) == converted.end())
            converted.push_back(t);
    }
    EXPECT_EQ(traditional, converted);
    EXPECT_NE(simplified, traditional);  // 王's list has 书 and 车, which do change
}

TEST_F(HandwritingTest, NothingWrittenGivesNothing) {
    EXPECT_TRUE(recognizer.recognize({}, 300, 300).empty());
    EXPECT_TRUE(recognizer.recognize({{}, {}}, 300, 300).empty());
    EXPECT_TRUE(recognizer.recognize(kShi, 0, 300).empty());
    EXPECT_TRUE(recognizer.recognize(kShi, 300, 300, 0).empty());
    // A single tap is a stroke too.
    EXPECT_FALSE(recognizer.recognize({{{150, 150}}}, 300, 300).empty());
}

TEST(Handwriting, MissingModelIsReported) {
    ::setenv("ZWGK_ZINNIA_MODEL", "/nonexistent/handwriting.model", 1);
    HandwritingRecognizer recognizer;
    std::string error;
    EXPECT_FALSE(recognizer.open(error));
    ::unsetenv("ZWGK_ZINNIA_MODEL");
    EXPECT_NE(error.find("tegaki-zinnia-simplified-chinese"), std::string::npos) << error;
    EXPECT_FALSE(recognizer.isOpen());
    EXPECT_TRUE(recognizer.recognize(kShi, 300, 300).empty());
}
