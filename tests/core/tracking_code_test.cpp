// Tracking codes (查询码): Luhn mod 34 check characters, terminal prefixes, and codes as
// citizens type them back in.
//
// Section index
//   1. Check character and prefix
//   2. Making codes
//   3. Reading typed codes
//   4. Error detection

#include "tracking_code.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <set>

using namespace zwgk;

namespace {

std::string plain(const std::string& code) {
    std::string out;
    for (char c : code)
        if (c != '-') out += c;
    return out;
}

// A few codes from different terminals and draws, the same every run.
std::vector<std::string> sampleCodes(size_t n) {
    std::mt19937_64 rng(20250615);
    const char* prefixes[] = {"LL01", "LL02", "XY7K", "0000", "ZZZZ"};
    std::vector<std::string> codes;
    for (size_t i = 0; i < n; ++i) codes.push_back(makeTrackingCode(prefixes[i % 5], rng()));
    return codes;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// 1. Check character and prefix
// ---------------------------------------------------------------------------------------
// Worked by hand for body "LL017KX4M9Q" (values L=20, 0=0, 1=1, 7=7, K=19, X=31, 4=4,
// M=21, 9=9, Q=24), doubling from the right: Q 48→1+14=15, 9 9, M 42→1+8=9, 4 4, X 62→1+28=29,
// K 19, 7 14, 1 1, 0 0, L 20, L 40→1+6=7. Sum 127 = 3·34 + 25; check (34 − 25) = 9 → '9'.
TEST(TrackingCode, CheckCharacterIsLuhnModThirtyFour) {
    EXPECT_EQ(trackingCheckChar("LL017KX4M9Q"), '9');
    EXPECT_EQ(trackingCheckChar("00000000000"), '0');
    EXPECT_EQ(trackingCheckChar(""), '0');
    EXPECT_EQ(trackingCheckChar("LL01-7KX4"), '\0');  // a hyphen is not in the alphabet
    EXPECT_EQ(trackingCheckChar("LLO17KX4M9Q"), '\0');  // nor O
    EXPECT_EQ(trackingCheckChar("ll017kx4m9q"), '\0');  // bodies are upper case
}

TEST(TrackingCode, PrefixFromTerminalId) {
    struct Case {
        const char* id;
        const char* prefix;
    };
    const Case cases[] = {
        {"LL01", "LL01"},   {"ll01", "LL01"},   {"LL-01", "LL01"},  {"LL 01", "LL01"},
        {"ＬＬ０１", "LL01"}, {"LL—01", "LL01"}, {"ZZZZ", "ZZZZ"},   {"LI01", ""},
        {"LO01", ""},       {"LL0", ""},        {"LL011", ""},      {"临澜01", ""},
        {"LL_1", ""},       {"", ""},
    };
    for (const Case& k : cases) EXPECT_EQ(trackingPrefix(k.id), k.prefix) << k.id;
}

// ---------------------------------------------------------------------------------------
// 2. Making codes
// ---------------------------------------------------------------------------------------
TEST(TrackingCode, MakeTakesSevenBaseThirtyFourDigitsOfTheRandomValue) {
    EXPECT_EQ(makeTrackingCode("LL01", 0), "LL01-0000-0006");
    EXPECT_EQ(makeTrackingCode("LL01", 1), "LL01-1000-000" + std::string(1, trackingCheckChar("LL011000000")));
    // 34^7 − 1 is the largest value that still changes the code; above it, the code repeats.
    const uint64_t top = 52523350144ULL;  // 34^7
    EXPECT_EQ(makeTrackingCode("AB12", top - 1), "AB12-ZZZZ-ZZZ6");
    EXPECT_EQ(makeTrackingCode("AB12", top), makeTrackingCode("AB12", 0));
    EXPECT_EQ(makeTrackingCode("LL01", UINT64_MAX), "LL01-HHRD-4HUC");
    EXPECT_EQ(makeTrackingCode("LL01", 123456789), "LL01-1J2D-Q20L");
}

TEST(TrackingCode, MakeRefusesWhatIsNotAPrefix) {
    EXPECT_EQ(makeTrackingCode("ll01", 7), "");
    EXPECT_EQ(makeTrackingCode("LL-01", 7), "");
    EXPECT_EQ(makeTrackingCode("LLO1", 7), "");
    EXPECT_EQ(makeTrackingCode("LL0", 7), "");
    EXPECT_EQ(makeTrackingCode("", 7), "");
}

TEST(TrackingCode, EveryMadeCodeChecksOk) {
    for (const std::string& code : sampleCodes(5000)) {
        ASSERT_EQ(code.size(), kTrackingCodeLength + 2);
        ASSERT_EQ(code[4], '-');
        ASSERT_EQ(code[9], '-');
        std::string canonical;
        ASSERT_EQ(checkTrackingCode(code, &canonical), TrackingCodeCheck::Ok) << code;
        EXPECT_EQ(canonical, code);
    }
}

// ---------------------------------------------------------------------------------------
// 3. Reading typed codes
// ---------------------------------------------------------------------------------------
TEST(TrackingCode, TypedVariantsAreReadAsTheCode) {
    const std::string code = "LL01-7KX4-M9Q9";
    ASSERT_EQ(checkTrackingCode(code), TrackingCodeCheck::Ok);
    const char* typed[] = {
        "LL017KX4M9Q9",                        // no hyphens
        "ll01-7kx4-m9q9",                      // lower case
        "  LL01 7KX4 M9Q9 ",                   // spaces
        "LL 01 7K X4 M9 Q9",                   // spaces anywhere
        "ＬＬ０１－７ＫＸ４－Ｍ９Ｑ９",        // full-width, full-width hyphens
        "ＬＬ０１　７ＫＸ４　Ｍ９Ｑ９",        // ideographic spaces
        "LLO1-7KX4-M9Q9",                      // O typed for 0
        "LLo1-7KX4-M9Q9",                      // o typed for 0
        "LL0I-7KX4-M9Q9",                      // I typed for 1
        "LL0i-7KX4-M9Q9",                      // i typed for 1
        "LL01—7KX4—M9Q9",                      // em dashes (Chinese keyboards)
        "LL01–7KX4‐M9Q9",                      // en dash, Unicode hyphen
        "LL01ー7KX4ー M9Q9",                    // katakana long vowel mark
        "LL01−7KX4⸺M9Q9",                      // minus sign, two-em dash
        "LL01\t7KX4\u00A0M9Q9",                // tab, no-break space
    };
    for (const char* t : typed) {
        std::string canonical;
        EXPECT_EQ(checkTrackingCode(t, &canonical), TrackingCodeCheck::Ok) << t;
        EXPECT_EQ(canonical, code) << t;
    }
}

TEST(TrackingCode, LengthsAndBadCharacters) {
    struct Case {
        const char* typed;
        TrackingCodeCheck result;
    };
    const Case cases[] = {
        {"", TrackingCodeCheck::Empty},
        {"  - — ", TrackingCodeCheck::Empty},
        {"L", TrackingCodeCheck::TooShort},
        {"LL01-7KX4-M9Q", TrackingCodeCheck::TooShort},     // the check character missing
        {"LL01-7KX4-M9Q99", TrackingCodeCheck::TooLong},
        {"LL01-7KX4-M9Q9-0", TrackingCodeCheck::TooLong},
        {"LL01-7KX4-M9Q!", TrackingCodeCheck::BadChar},
        {"LL01-7KX4-M9Q政", TrackingCodeCheck::BadChar},
        {"LL01_7KX4_M9Q9", TrackingCodeCheck::BadChar},    // underscore is not a dash
        {"LL01.7KX4.M9Q9", TrackingCodeCheck::BadChar},
        {"LL0!", TrackingCodeCheck::BadChar},               // named even while still short
        {"LL01-7KX4-M9Q9-LL01-7KX4-M9Q!", TrackingCodeCheck::BadChar},
        {"\xE6\x94", TrackingCodeCheck::BadChar},           // broken UTF-8
        {"LL01-7KX4-M9Q8", TrackingCodeCheck::BadCheck},
        {"LL01-7KX4-M9Q9", TrackingCodeCheck::Ok},
    };
    for (const Case& k : cases) {
        std::string canonical = "untouched";
        EXPECT_EQ(checkTrackingCode(k.typed, &canonical), k.result) << k.typed;
        if (k.result != TrackingCodeCheck::Ok) {
            EXPECT_EQ(canonical, "untouched") << k.typed;
        }
    }
    EXPECT_EQ(checkTrackingCode("LL01-7KX4-M9Q9", nullptr), TrackingCodeCheck::Ok);
}

// ---------------------------------------------------------------------------------------
// 4. Error detection
// ---------------------------------------------------------------------------------------
// Luhn mod N catches every single substitution: the doubling x → 2x div N + 2x mod N is a
// permutation of 0 … N−1, so changing one character always changes the sum mod N.
TEST(TrackingCode, EverySingleSubstitutionIsCaught) {
    int tried = 0;
    for (const std::string& code : sampleCodes(40)) {
        const std::string body = plain(code);
        for (size_t i = 0; i < body.size(); ++i)
            for (char c : kTrackingAlphabet) {
                if (c == body[i]) continue;
                std::string wrong = body;
                wrong[i] = c;
                ++tried;
                EXPECT_EQ(checkTrackingCode(wrong), TrackingCodeCheck::BadCheck) << code << " → " << wrong;
            }
    }
    EXPECT_EQ(tried, 40 * 12 * 33);
}

// Swapping neighbours a b → b a goes unnoticed only when d(a) − a ≡ d(b) − b (mod 34), with
// d the doubling above: d(x) − x is x for x < 17 and x + 1 (mod 34) from 17, so the one
// blind pair is 0 and Z (values 0 and 33). Measured over 20,000 codes.
TEST(TrackingCode, NearlyEveryAdjacentSwapIsCaught) {
    int swaps = 0, caught = 0;
    std::set<std::string> missed;
    for (const std::string& code : sampleCodes(20000)) {
        const std::string body = plain(code);
        for (size_t i = 0; i + 1 < body.size(); ++i) {
            if (body[i] == body[i + 1]) continue;  // nothing to notice
            std::string swapped = body;
            std::swap(swapped[i], swapped[i + 1]);
            ++swaps;
            if (checkTrackingCode(swapped) == TrackingCodeCheck::BadCheck) {
                ++caught;
            } else {
                missed.insert(std::string(1, std::min(body[i], body[i + 1])) + std::max(body[i], body[i + 1]));
            }
        }
    }
    const double rate = static_cast<double>(caught) / swaps;
    std::printf("[ adjacent swaps ] %d of %d caught (%.4f%%); missed pairs:", caught, swaps, 100 * rate);
    for (const std::string& pair : missed) std::printf(" %s", pair.c_str());
    std::printf("\n");
    EXPECT_GE(rate, 0.95);
    EXPECT_EQ(missed, (std::set<std::string>{"0Z"}));
}

// The same, exhaustively: every ordered pair of different characters at every neighbouring
// pair of body positions (the check character is derived, so not chosen freely).
TEST(TrackingCode, AdjacentSwapsExhaustively) {
    int swaps = 0, caught = 0;
    for (size_t i = 0; i + 1 < kTrackingCodeLength - 1; ++i)
        for (char a : kTrackingAlphabet)
            for (char b : kTrackingAlphabet) {
                if (a == b) continue;
                std::string body = "LL01ABCDEFG";
                body[i] = a;
                body[i + 1] = b;
                const std::string code = body + trackingCheckChar(body);
                std::string swapped = code;
                std::swap(swapped[i], swapped[i + 1]);
                ++swaps;
                const bool blind = (a == '0' && b == 'Z') || (a == 'Z' && b == '0');
                EXPECT_EQ(checkTrackingCode(swapped) == TrackingCodeCheck::BadCheck, !blind) << code;
                caught += checkTrackingCode(swapped) == TrackingCodeCheck::BadCheck;
            }
    std::printf("[ adjacent swaps ] exhaustive over body positions: %d of %d caught (%.4f%%)\n", caught, swaps,
                100.0 * caught / swaps);
    EXPECT_EQ(swaps, 10 * 34 * 33);
    EXPECT_EQ(caught, swaps - 10 * 2);
}
