#include "tracking_code.h"

#include "utf8.h"

// Section index
//   1. Typed characters
//   2. Luhn mod 34
//   3. Prefix, making and checking codes

namespace zwgk {

// ---------------------------------------------------------------------------------------
// 1. Typed characters
// ---------------------------------------------------------------------------------------
namespace {

constexpr int kRadix = static_cast<int>(kTrackingAlphabet.size());  // 34
constexpr size_t kRandomLength = kTrackingCodeLength - kTrackingPrefixLength - 1;  // 7

// Full-width forms (Ｌ１) come from Chinese input methods; the ideographic space too.
char32_t foldWidth(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;
    return c == 0x3000 ? U' ' : c;
}

bool isSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0; }

// Every dash a keyboard or an input method may produce; the printed code has ASCII hyphens
// but people copy it with whatever their keyboard offers (the katakana ー of Japanese
// layouts, the em dash of Chinese ones).
bool isDash(char32_t c) {
    return c == U'-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2E3A || c == 0x2E3B ||
           c == 0x30FC || c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

// The value of C in the alphabet, or -1.
int valueOf(char32_t c) {
    const size_t at = c < 0x80 ? kTrackingAlphabet.find(static_cast<char>(c)) : std::string_view::npos;
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

// TEXT folded, without separators and upper-cased; I and O as 1 and 0 when READ_ALIKE.
std::u32string plain(std::string_view text, bool readAlike) {
    std::u32string out;
    for (char32_t c : utf8::decode(text)) {
        c = foldWidth(c);
        if (isSpace(c) || isDash(c)) continue;
        if (c >= U'a' && c <= U'z') c -= 0x20;
        if (readAlike && c == U'I') c = U'1';
        if (readAlike && c == U'O') c = U'0';
        out.push_back(c);
    }
    return out;
}

// ---------------------------------------------------------------------------------------
// 2. Luhn mod 34
// ---------------------------------------------------------------------------------------
// The Luhn sum mod 34 of the values of CHARS, doubling from the rightmost one when
// doubleRightmost (a body, before its check character) or else from the second rightmost
// (a whole code, whose sum is then 0).
int luhnSum(const std::u32string& chars, bool doubleRightmost) {
    int sum = 0;
    bool twice = doubleRightmost;
    for (auto it = chars.rbegin(); it != chars.rend(); ++it) {
        int addend = valueOf(*it) * (twice ? 2 : 1);
        addend = addend / kRadix + addend % kRadix;  // the "digits" of the product in base 34
        sum += addend;
        twice = !twice;
    }
    return sum % kRadix;
}

bool allInAlphabet(const std::u32string& chars) {
    for (char32_t c : chars)
        if (valueOf(c) < 0) return false;
    return true;
}

// "PPPPRRRRRRRC" → "PPPP-RRRR-RRRC": groups of four are read aloud and typed without losing
// one's place.
std::string hyphenated(const std::string& code) {
    return code.substr(0, 4) + '-' + code.substr(4, 4) + '-' + code.substr(8);
}

}  // namespace

char trackingCheckChar(std::string_view body) {
    std::u32string chars;
    for (char c : body) chars.push_back(static_cast<unsigned char>(c));
    if (!allInAlphabet(chars)) return '\0';
    return kTrackingAlphabet[(kRadix - luhnSum(chars, true)) % kRadix];
}

// ---------------------------------------------------------------------------------------
// 3. Prefix, making and checking codes
// ---------------------------------------------------------------------------------------
std::string trackingPrefix(std::string_view terminalId) {
    // No I/O reading here: a terminal id with I or O is a configuration mistake to fix, not
    // a citizen's typing to forgive.
    const std::u32string chars = plain(terminalId, false);
    if (chars.size() != kTrackingPrefixLength || !allInAlphabet(chars)) return {};
    return utf8::encode(chars);
}

std::string makeTrackingCode(std::string_view prefix, uint64_t random) {
    if (prefix.size() != kTrackingPrefixLength || trackingPrefix(prefix) != prefix) return {};
    std::string body(prefix);
    // Base-34 digits of RANDOM, least significant first; 34^7 ≈ 5.3e10 codes per terminal,
    // so the bits above 34^7 do not matter and the caller need not reduce its draw.
    for (size_t i = 0; i < kRandomLength; ++i) {
        body += kTrackingAlphabet[random % kRadix];
        random /= kRadix;
    }
    body += trackingCheckChar(body);
    return hyphenated(body);
}

TrackingCodeCheck checkTrackingCode(std::string_view typed, std::string* canonical) {
    const std::u32string chars = plain(typed, true);
    if (chars.empty()) return TrackingCodeCheck::Empty;
    // A wrong character is named first: it is wrong however long the code gets.
    if (!allInAlphabet(chars)) return TrackingCodeCheck::BadChar;
    if (chars.size() < kTrackingCodeLength) return TrackingCodeCheck::TooShort;
    if (chars.size() > kTrackingCodeLength) return TrackingCodeCheck::TooLong;
    if (luhnSum(chars, false) != 0) return TrackingCodeCheck::BadCheck;
    if (canonical) *canonical = hyphenated(utf8::encode(chars));
    return TrackingCodeCheck::Ok;
}

}  // namespace zwgk
