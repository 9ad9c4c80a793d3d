#include "glyphs.h"

#include <algorithm>
#include <vector>

#include <opencc/opencc.h>

#include "content_source.h"

namespace zwgk {

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        unsigned char lead = static_cast<unsigned char>(text[i]);
        char32_t cp = 0;
        size_t length = 0;
        if (lead < 0x80) { cp = lead; length = 1; }
        else if ((lead & 0xE0) == 0xC0) { cp = lead & 0x1F; length = 2; }
        else if ((lead & 0xF0) == 0xE0) { cp = lead & 0x0F; length = 3; }
        else if ((lead & 0xF8) == 0xF0) { cp = lead & 0x07; length = 4; }
        bool valid = length > 0 && i + length <= text.size();
        for (size_t k = 1; valid && k < length; ++k) {
            unsigned char next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) valid = false;
            else cp = (cp << 6) | (next & 0x3F);
        }
        if (!valid) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += length;
    }
    return out;
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t cp : text) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

std::string toTraditional(const std::string& text) {
    // Loading the dictionaries costs ~15 ms: do it once, and only when a glyph set is needed.
    static const opencc::SimpleConverter converter("s2t.json");
    return converter.Convert(text);
}

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
        for (char32_t cp : decodeUtf8(utf8))
            if (cp >= 0x20 && cp < 0x110000 && cp != 0x7F && cp != U'\uFFFD') seen[cp] = true;
    };
    addAll(all);
    addAll(toTraditional(all));

    // Each character alone as well: a screen that converts a two-character label gets the
    // character-level default (发 → 發), which phrase conversion of the text may not produce.
    std::string singles;
    for (char32_t cp = 0x2E80; cp < 0x110000; ++cp)
        if (seen[cp]) {
            singles += encodeUtf8(std::u32string(1, cp));
            singles += '\n';
        }
    addAll(toTraditional(singles));

    std::u32string glyphs;
    for (char32_t cp = 0; cp < 0x110000; ++cp)
        if (seen[cp]) glyphs.push_back(cp);
    return glyphs;
}

}  // namespace zwgk
