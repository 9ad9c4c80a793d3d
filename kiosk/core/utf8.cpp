#include "utf8.h"

namespace zwgk::utf8 {

Decoded decodeAt(std::string_view s, size_t pos) {
    Decoded d;
    d.offset = pos;
    if (pos >= s.size()) {
        d.offset = s.size();
        return d;
    }
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        d.cp = b0;
        d.length = 1;
        return d;
    }

    // Table 3-7 of the Unicode standard: the lead byte fixes the length and the allowed range
    // of the second byte, which is what rules out overlongs, surrogates and > U+10FFFF.
    int need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        // Stray continuation byte or a lead byte that can never start a valid sequence.
        d.cp = kReplacement;
        d.length = 1;
        d.valid = false;
        return d;
    }

    size_t i = pos + 1;
    for (int k = 0; k < need; ++k, ++i) {
        if (i >= s.size()) break;
        const unsigned char b = byte(i);
        const unsigned char l = (k == 0) ? lo : 0x80;
        const unsigned char h = (k == 0) ? hi : 0xBF;
        if (b < l || b > h) break;
        cp = (cp << 6) | (b & 0x3F);
        if (k == need - 1) {
            d.cp = cp;
            d.length = static_cast<size_t>(need + 1);
            return d;
        }
    }
    // The maximal subpart (lead byte plus the continuation bytes that were still plausible)
    // becomes a single U+FFFD; the offending byte starts the next decode.
    d.cp = kReplacement;
    d.length = i - pos;
    d.valid = false;
    return d;
}

char32_t next(std::string_view s, size_t& pos) {
    const Decoded d = decodeAt(s, pos);
    pos = d.offset + d.length;
    return d.cp;
}

std::u32string decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t pos = 0;
    while (pos < s.size()) out.push_back(next(s, pos));
    return out;
}

void append(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
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

std::string encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size() * 3);
    for (char32_t cp : s) append(out, cp);
    return out;
}

std::string encode(char32_t cp) {
    std::string out;
    append(out, cp);
    return out;
}

size_t countChars(std::string_view s) {
    size_t n = 0;
    size_t pos = 0;
    while (pos < s.size()) {
        // ASCII fast path: most UI strings mix digits and Latin with CJK.
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
        } else {
            next(s, pos);
        }
        ++n;
    }
    return n;
}

bool isValid(std::string_view s) {
    size_t pos = 0;
    while (pos < s.size()) {
        if (static_cast<unsigned char>(s[pos]) < 0x80) {
            ++pos;
            continue;
        }
        const Decoded d = decodeAt(s, pos);
        if (!d.valid) return false;
        pos += d.length;
    }
    return true;
}

std::string sanitize(std::string_view s) {
    if (isValid(s)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    size_t pos = 0;
    while (pos < s.size()) {
        const Decoded d = decodeAt(s, pos);
        if (d.valid) {
            out.append(s.substr(pos, d.length));
        } else {
            append(out, kReplacement);
        }
        pos += d.length;
    }
    return out;
}

}  // namespace zwgk::utf8
