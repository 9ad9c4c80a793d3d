// The glyph set of a content set: every character a screen may have to draw, in Simplified
// and in Traditional form, computed once at import so that the terminal sizes its font atlas
// without scanning documents.
#pragma once

#include <string>
#include <string_view>

namespace zwgk {

struct ContentSet;

// Sorted distinct code points (control characters excluded) of every text of SET plus the
// same texts converted to Traditional Chinese with OpenCC s2t, phrase by phrase and
// character by character.
std::u32string collectGlyphs(const ContentSet& set);

}  // namespace zwgk
