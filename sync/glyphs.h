// The glyph set of a content set: every character a screen may have to draw, in Simplified
// and in Traditional form, computed once at import so that the terminal sizes its font atlas
// without scanning documents.
#pragma once

#include <string>
#include <string_view>

namespace zwgk {

struct ContentSet;

// UTF-8 helpers for the store and tools. Invalid sequences decode as U+FFFD.
std::u32string decodeUtf8(std::string_view text);
std::string encodeUtf8(std::u32string_view text);

// Sorted distinct code points (control characters excluded) of every text of SET plus the
// same texts converted to Traditional Chinese with OpenCC s2t, phrase by phrase and
// character by character.
std::u32string collectGlyphs(const ContentSet& set);

// Simplified → Traditional with OpenCC "s2t.json"; the converter is loaded once per process.
std::string toTraditional(const std::string& text);

}  // namespace zwgk
