// Tracking codes (查询码) printed on application receipts: short, easy to read aloud and to
// type on the terminal's keypad, with a check character that catches a mistyped or swapped
// character before the store is asked.
//
//   LL01-7KX4-M9QH    terminal prefix (4) - random (4) - random (3) + check (1)
//
// Alphabet: 0-9 and A-Z without I and O (34 characters); a typed I or O is read as 1 or 0.
// The check character is Luhn mod 34 over the eleven characters before it (every single
// substitution and nearly every swap of neighbours is caught). The prefix comes from the
// terminal id, so codes from different terminals never collide; within one terminal the
// outbox refuses a duplicate and the caller draws again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zwgk {

inline constexpr std::string_view kTrackingAlphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
inline constexpr size_t kTrackingPrefixLength = 4;
inline constexpr size_t kTrackingCodeLength = 12;  // without hyphens

// The check character for BODY (characters of the alphabet); '\0' if BODY has others.
char trackingCheckChar(std::string_view body);

// A terminal id ("ll01", "LL-01", "ＬＬ０１") as a 4-character prefix of the alphabet, or empty
// when it cannot be one (wrong length after dropping separators, letters I or O, others).
std::string trackingPrefix(std::string_view terminalId);

// A code for PREFIX (as returned by trackingPrefix) from 7 random characters taken from
// RANDOM (any 64-bit value; the caller draws it from a CSPRNG), formatted with hyphens.
// Empty when PREFIX is not such a prefix.
std::string makeTrackingCode(std::string_view prefix, uint64_t random);

enum class TrackingCodeCheck {
    Ok,         // 12 characters of the alphabet with the right check character
    Empty,      // nothing typed
    TooShort,   // fewer than 12 characters (still typing, or a character missing)
    TooLong,    // more than 12
    BadChar,    // a character that is never in a code
    BadCheck,   // the check character does not match: a mistyped character
};
// Checks a code as typed: case, spaces, hyphens (any dash) and full-width forms do not
// matter, I and O count as 1 and 0. CANONICAL receives the code with hyphens when Ok.
TrackingCodeCheck checkTrackingCode(std::string_view typed, std::string* canonical = nullptr);

}  // namespace zwgk
