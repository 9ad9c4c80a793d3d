#include "utf8.h"

#include <gtest/gtest.h>

#include <random>

using namespace zwgk;

TEST(Utf8, RoundTripsChineseAndAstralCharacters) {
    const std::string s = "政务公开 2024 ①℃ 𠮷😀";
    const std::u32string u = utf8::decode(s);
    EXPECT_EQ(u, U"政务公开 2024 ①℃ 𠮷😀");
    EXPECT_EQ(utf8::encode(u), s);
    EXPECT_EQ(utf8::countChars(s), u.size());
    EXPECT_TRUE(utf8::isValid(s));
    EXPECT_EQ(utf8::encode(U'政'), "政");
}

TEST(Utf8, NextAdvancesOneCodePoint) {
    const std::string s = "a政𠮷";
    size_t pos = 0;
    EXPECT_EQ(utf8::next(s, pos), U'a');
    EXPECT_EQ(pos, 1u);
    EXPECT_EQ(utf8::next(s, pos), U'政');
    EXPECT_EQ(pos, 4u);
    EXPECT_EQ(utf8::next(s, pos), U'\U00020BB7');
    EXPECT_EQ(pos, 8u);
    EXPECT_EQ(utf8::next(s, pos), 0u);  // at the end: no progress, no crash
    EXPECT_EQ(pos, 8u);
}

TEST(Utf8, IllFormedBytesBecomeOneReplacementPerMaximalSubpart) {
    const char32_t R = utf8::kReplacement;
    struct Case {
        std::string in;
        std::u32string out;
    };
    const Case cases[] = {
        {"\x80", {R}},                                  // stray continuation
        {"\xE6\x94", {R}},                              // truncated 政
        {"\xE6\x94X", {R, U'X'}},                       // truncated, then ASCII
        {"\xC0\xAF", {R, R}},                           // overlong '/'
        {"\xED\xA0\x80", {R, R, R}},                    // UTF-16 surrogate
        {"\xF4\x90\x80\x80", {R, R, R, R}},             // above U+10FFFF
        {"\xF0\x9F\x98", {R}},                          // truncated emoji
        {"\xFF\xFE政", {R, R, U'政'}},                  // never-valid bytes
        {std::string("a\0b", 3), {U'a', U'\0', U'b'}},  // NUL is a character
    };
    for (const Case& c : cases) {
        EXPECT_EQ(utf8::decode(c.in), c.out) << testing::PrintToString(c.in);
        EXPECT_EQ(utf8::countChars(c.in), c.out.size());
        EXPECT_EQ(utf8::sanitize(c.in), utf8::encode(c.out));
    }
    EXPECT_FALSE(utf8::isValid("\xE6\x94"));
}

TEST(Utf8, EncodeReplacesNonCharacters) {
    EXPECT_EQ(utf8::encode(std::u32string{0xD800}), "\uFFFD");
    EXPECT_EQ(utf8::encode(std::u32string{0x110000}), "\uFFFD");
}

TEST(Utf8, IterationCoversEveryByte) {
    const std::string s = "政\xE6\x94务A\x80";
    size_t expected = 0;
    std::u32string seen;
    for (const utf8::Decoded& d : utf8::Codepoints(s)) {
        EXPECT_EQ(d.offset, expected);
        EXPECT_GT(d.length, 0u);
        expected += d.length;
        seen.push_back(d.cp);
    }
    EXPECT_EQ(expected, s.size());
    EXPECT_EQ(seen, utf8::decode(s));
}

TEST(Utf8, RandomBytesNeverCrashAndAlwaysSanitizeToValidText) {
    std::mt19937 rng(20240917);
    std::uniform_int_distribution<int> len(0, 40), byte(0, 255), pick(0, 3);
    for (int iter = 0; iter < 20000; ++iter) {
        std::string s;
        const int n = len(rng);
        for (int i = 0; i < n; ++i) {
            // Bias toward bytes that form (or nearly form) real sequences.
            const int kind = pick(rng);
            s.push_back(static_cast<char>(kind == 0   ? 0x80 | (byte(rng) & 0x3F)
                                          : kind == 1 ? 0xE0 | (byte(rng) & 0x0F)
                                                      : byte(rng)));
        }
        const std::u32string u = utf8::decode(s);
        ASSERT_EQ(utf8::countChars(s), u.size());
        const std::string clean = utf8::sanitize(s);
        ASSERT_TRUE(utf8::isValid(clean));
        ASSERT_EQ(clean, utf8::encode(u));
        if (utf8::isValid(s)) {
            ASSERT_EQ(clean, s);
        }
    }
}
