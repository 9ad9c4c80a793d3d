#include "glyphs.h"

#include <algorithm>
#include <stdexcept>
#include <vector>


#include "content_source.h"
#include "script_convert.h"
#include "utf8.h"

namespace zwgk {

namespace {

std::string toTraditional(const std::string& text) {
    // Loading the dictionaries costs ~15 ms: do it once, and only when a glyph set is
    // needed. No cache: every call converts a different, large text.
    static ScriptConverter converter("s2t.json", 0);
    if (!converter.available()) throw std::runtime_error("Traditional conversion unavailable: " + converter.error());
    return converter.toTraditional(text);
}

}  // namespace


std::u32string collectGlyphs(const ContentSet& set) {
    // One big text converted in a single call: OpenCC's per-call overhead dominates for the
    // many short fields, and phrase segmentation sees whole paragraphs as the screens do.
    std::string all;
    forEachText(set, [&](const std::string& text) {
        all += text;
        all += '\n';
    });
    std::vector<bool> seen(0x110000, false);
    auto addAll = [&](std::string_view utf8) {
        for (char32_t cp : utf8::decode(utf8))
            if (cp >= 0x20 && cp < 0x110000 && cp != 0x7F && cp != U'\uFFFD') seen[cp] = true;
    };
    addAll(all);
    addAll(toTraditional(all));

    // Each character alone as well: a screen that converts a two-character label gets the
    // character-level default (发 → 發), which phrase conversion of the text may not produce.
    std::string singles;
    for (char32_t cp = 0x2E80; cp < 0x110000; ++cp)
        if (seen[cp]) {
            singles += utf8::encode(std::u32string(1, cp));
            singles += '\n';
        }
    addAll(toTraditional(singles));

    std::u32string glyphs;
    for (char32_t cp = 0; cp < 0x110000; ++cp)
        if (seen[cp]) glyphs.push_back(cp);
    return glyphs;
}

}  // namespace zwgk
