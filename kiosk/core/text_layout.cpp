#include "text_layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "utf8.h"

namespace zwgk {

namespace {

// Closing punctuation and small marks that may not start a line. GB/T 15834 lists the
// Chinese ones; clreq and JIS X 4051 add small kana, iteration marks and the compatibility
// forms that turn up in documents converted from Word or old CMSes. Sorted for binary search.
constexpr auto kNoStart = std::to_array<char32_t>({
    U'!', U'%', U')', U',', U'.', U':', U';', U'?', U']', U'}',
    U'\u00B0',  // °
    U'\u00B7',  // · (middle dot in transliterated names)
    U'\u2010', U'\u2013', U'\u2014', U'\u2015',  // ‐ – — ―
    U'\u2019', U'\u201D',                        // ’ ”
    U'\u2025', U'\u2026', U'\u2027',             // ‥ … ‧
    U'\u2030', U'\u2031', U'\u2032', U'\u2033', U'\u2034',  // ‰ ‱ ′ ″ ‴
    U'\u203C', U'\u203D', U'\u2047', U'\u2048', U'\u2049',  // ‼ ‽ ⁇ ⁈ ⁉
    U'\u2103', U'\u2109',                                   // ℃ ℉
    U'\u2E3A', U'\u2E3B',                                   // ⸺ ⸻
    U'\u3001', U'\u3002', U'\u3005',                        // 、 。 々
    U'\u3009', U'\u300B', U'\u300D', U'\u300F', U'\u3011',  // 〉 》 」 』 】
    U'\u3015', U'\u3017', U'\u3019', U'\u301B',             // 〕 〗 〙 〛
    U'\u301C', U'\u301E', U'\u301F', U'\u303B',             // 〜 〞 〟 〻
    U'\u3041', U'\u3043', U'\u3045', U'\u3047', U'\u3049',  // small hiragana
    U'\u3063', U'\u3083', U'\u3085', U'\u3087', U'\u308E', U'\u3095', U'\u3096',
    U'\u309D', U'\u309E', U'\u30A0',                        // ゝ ゞ ゠
    U'\u30A1', U'\u30A3', U'\u30A5', U'\u30A7', U'\u30A9',  // small katakana
    U'\u30C3', U'\u30E3', U'\u30E5', U'\u30E7', U'\u30EE', U'\u30F5', U'\u30F6',
    U'\u30FB', U'\u30FC', U'\u30FD', U'\u30FE',             // ・ ー ヽ ヾ
    U'\uFE10', U'\uFE11', U'\uFE12', U'\uFE13', U'\uFE14', U'\uFE15', U'\uFE16', U'\uFE19',
    U'\uFE36', U'\uFE38', U'\uFE3A', U'\uFE3C', U'\uFE3E', U'\uFE40', U'\uFE42', U'\uFE44',
    U'\uFE48',
    U'\uFE50', U'\uFE51', U'\uFE52', U'\uFE54', U'\uFE55', U'\uFE56', U'\uFE57',  // small forms
    U'\uFE5A', U'\uFE5C', U'\uFE5E', U'\uFE6A',
    U'\uFF01', U'\uFF05', U'\uFF09', U'\uFF0C', U'\uFF0E',  // ！ ％ ） ， ．
    U'\uFF1A', U'\uFF1B', U'\uFF1F', U'\uFF3D', U'\uFF5D',  // ： ； ？ ］ ｝
    U'\uFF5E', U'\uFF60', U'\uFF61', U'\uFF63', U'\uFF64',  // ～ ｠ ｡ ｣ ､
    U'\uFF65', U'\uFF70', U'\uFF9E', U'\uFF9F', U'\uFFE0',  // ･ ｰ ﾞ ﾟ ￠
});

// Opening punctuation and prefix signs that may not end a line. ASCII # and $ are left out
// on purpose: they occur inside URLs and identifiers, where they behave like letters.
constexpr auto kNoEnd = std::to_array<char32_t>({
    U'(', U'[', U'{',
    U'\u00A1', U'\u00A3', U'\u00A5', U'\u00BF',             // ¡ £ ¥ ¿
    U'\u2018', U'\u201A', U'\u201C', U'\u201E',             // ‘ ‚ “ „
    U'\u20AC', U'\u2116',                                   // € №
    U'\u3008', U'\u300A', U'\u300C', U'\u300E', U'\u3010',  // 〈 《 「 『 【
    U'\u3014', U'\u3016', U'\u3018', U'\u301A', U'\u301D',  // 〔 〖 〘 〚 〝
    U'\uFE35', U'\uFE37',                                   // vertical （ ｛
    U'\uFE59', U'\uFE5B', U'\uFE5D',                        // ﹙ ﹛ ﹝
    U'\uFF03', U'\uFF04', U'\uFF08', U'\uFF3B', U'\uFF5B',  // ＃ ＄ （ ［ ｛
    U'\uFF5F', U'\uFF62', U'\uFFE1', U'\uFFE5',             // ｟ ｢ ￡ ￥
});

// Checked at compile time because binary_search silently misses entries in unsorted data.
static_assert(std::is_sorted(kNoStart.begin(), kNoStart.end()));
static_assert(std::is_sorted(kNoEnd.begin(), kNoEnd.end()));

bool inSorted(const auto& table, char32_t cp) {
    return std::binary_search(table.begin(), table.end(), cp);
}

// Line-breaking classes, a small subset of UAX #14 that is enough for Chinese documents.
enum class Cls : uint8_t {
    BK,  // hard line break
    SP,  // breakable space, dropped at a break
    GL,  // non-breaking space and joiners: no break on either side
    CM,  // combining marks and variation selectors: stay with the previous character
    OP,  // may not end a line
    CL,  // may not start a line
    AL,  // letters and digits of Latin-like scripts and ASCII symbols: form unbreakable words
    ID,  // everything else (ideographs, kana, symbols): break anywhere
};

// What a break before a unit would cost, from best to worst.
enum class Brk : uint8_t {
    None,     // never: before a space (the break goes after the run) or inside the indentation
    Glue,     // only if there is nothing else: before a combining mark or around NBSP
    Kinsoku,  // would violate 避头尾
    Word,     // inside a Latin word, number or URL: only when the word is longer than a line
    Allowed,
};

bool isAscii(char32_t c) { return c < 0x80; }

bool isAlnumAscii(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

Cls classify(char32_t c) {
    if (c < 0x80) {
        if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) return Cls::BK;
        if (c == ' ' || c == '\t') return Cls::SP;
        if (isAlnumAscii(c)) return Cls::AL;
        if (inSorted(kNoStart, c)) return Cls::CL;
        if (c == '(' || c == '[' || c == '{') return Cls::OP;
        if (c < 0x20 || c == 0x7F) return Cls::ID;  // stray controls render as boxes
        return Cls::AL;  // - / _ @ # & = + ' " ... join the word they sit in (URLs, phones)
    }
    if (c == 0x85 || c == 0x2028 || c == 0x2029) return Cls::BK;
    if (c == 0x3000 || c == 0x1680 || (c >= 0x2000 && c <= 0x2006) ||
        (c >= 0x2008 && c <= 0x200B) || c == 0x205F)
        return Cls::SP;
    if (c == 0xA0 || c == 0x2007 || c == 0x2011 || c == 0x202F || c == 0x2060 || c == 0xFEFF)
        return Cls::GL;
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
        (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
        (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xFE20 && c <= 0xFE2F) ||
        (c >= 0x302A && c <= 0x302F) || c == 0x3099 || c == 0x309A || c == 0x200C ||
        c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0100 && c <= 0xE01EF))
        return Cls::CM;
    if (inSorted(kNoStart, c)) return Cls::CL;
    if (inSorted(kNoEnd, c)) return Cls::OP;
    if (c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA ||
        (c >= 0xBC && c <= 0xBE) || (c >= 0xC0 && c <= 0x2AF) || (c >= 0x370 && c <= 0x52F) ||
        (c >= 0x1E00 && c <= 0x1FFF))
        return Cls::AL;  // includes × and ÷ so that 3×4 stays together
    // Full-width digits and letters: ２０２４ is still one number.
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A))
        return Cls::AL;
    return Cls::ID;
}

// a: previous non-space unit (for a combining mark, the class of its base); b: the unit the
// next line would start with; space: whether spaces separate them.
Brk pairBreak(Cls a, char32_t aCp, Cls b, char32_t bCp, bool space) {
    if (!space && b == Cls::CM) return Brk::Glue;
    if (!space && (a == Cls::GL || b == Cls::GL)) return Brk::Glue;
    if (b == Cls::CL) return Brk::Kinsoku;
    if (a == Cls::OP) return Brk::Kinsoku;
    if (space) return Brk::Allowed;
    if (b == Cls::AL && (a == Cls::AL || (a == Cls::CL && isAscii(aCp)))) return Brk::Word;
    if (a == Cls::AL && b == Cls::OP && isAscii(bCp)) return Brk::Word;
    return Brk::Allowed;
}

// Non-breaking spaces that only mean "space" when they open a paragraph.
bool isIndentSpace(char32_t c) { return c == 0xA0 || c == 0x2007 || c == 0x202F; }

float cleanAdvance(float w) { return (std::isfinite(w) && w > 0) ? w : 0.0f; }

}  // namespace

bool isForbiddenLineStart(char32_t cp) { return inSorted(kNoStart, cp); }

bool isForbiddenLineEnd(char32_t cp) { return inSorted(kNoEnd, cp); }

std::vector<LineSpan> breakLines(std::string_view text, float maxWidth,
                                 const std::function<float(char32_t)>& advance,
                                 const BreakOptions& opt) {
    struct Unit {
        size_t begin, end;
        char32_t cp;
        Cls cls;
        Cls base;  // class used when this unit precedes a break (a mark takes its base's)
    };
    std::vector<Unit> u;
    u.reserve(text.size() / 2 + 1);
    for (size_t pos = 0; pos < text.size();) {
        const utf8::Decoded d = utf8::decodeAt(text, pos);
        const Cls c = classify(d.cp);
        Cls base = c;
        if (c == Cls::CM) base = u.empty() ? Cls::ID : u.back().base;
        u.push_back({pos, pos + d.length, d.cp, c, base});
        pos += d.length;
    }
    const size_t n = u.size();

    std::vector<double> pre(n + 1, 0.0);  // double: 100 KB of float sums drifts visibly
    for (size_t k = 0; k < n; ++k)
        pre[k + 1] = pre[k] + (u[k].cls == Cls::BK ? 0.0f
                               : advance           ? cleanAdvance(advance(u[k].cp))
                                                   : 1.0f);
    const auto width = [&](size_t from, size_t to) { return pre[to] - pre[from]; };

    // brk[k]: the break before unit k. Breaks sit before the first non-space after a space
    // run so that the spaces end the previous line and get trimmed. Hard breaks (BK) start
    // afresh: nothing before them can pair with what follows.
    std::vector<Brk> brk(n + 1, Brk::None);
    {
        size_t prev = SIZE_MAX;
        bool space = false;
        for (size_t k = 0; k < n; ++k) {
            if (u[k].cls == Cls::BK) {
                prev = SIZE_MAX;
                space = false;
                continue;
            }
            if (u[k].cls == Cls::SP) {
                space = true;
                continue;
            }
            if (prev != SIZE_MAX)
                brk[k] = pairBreak(u[prev].base, u[prev].cp, u[k].cls, u[k].cp, space);
            prev = k;
            space = false;
        }
    }
    // prevX[k]: the last boundary p <= k of that kind (prevAny: any breakable kind; 0 if
    // none), so that each overflow resolves in O(1) and the paragraph in linear time.
    std::vector<uint32_t> prevAllowed(n + 1, 0), prevWord(n + 1, 0), prevAny(n + 1, 0);
    for (size_t k = 1; k <= n; ++k) {
        const auto k32 = static_cast<uint32_t>(k);
        prevAllowed[k] = brk[k] == Brk::Allowed ? k32 : prevAllowed[k - 1];
        prevWord[k] = brk[k] == Brk::Word ? k32 : prevWord[k - 1];
        prevAny[k] = brk[k] >= Brk::Kinsoku ? k32 : prevAny[k - 1];
    }

    if (!(maxWidth >= 0)) maxWidth = 0;  // also catches NaN
    const double indent = std::isfinite(opt.firstLineIndent) ? opt.firstLineIndent : 0.0;
    double hangLimit = opt.maxHang;
    if (!(hangLimit > 0) && advance) hangLimit = cleanAdvance(advance(U'\u4E00'));
    if (!(hangLimit > 0)) {
        for (size_t k = 0; k < n; ++k) hangLimit = std::max(hangLimit, width(k, k + 1));
    }
    constexpr double kEps = 1e-3;

    std::vector<LineSpan> lines;
    const auto emit = [&](size_t b, size_t e) {
        while (e > b && u[e - 1].cls == Cls::SP) --e;
        lines.push_back({u[b].begin, u[e - 1].end, static_cast<float>(width(b, e))});
    };

    // Lays out units [s, e), which contain no hard break. first: this is the paragraph's
    // first line (indent, indentation spaces).
    const auto layoutSegment = [&](size_t s, size_t e, bool first) {
        size_t b = s;
        size_t resume = 0;  // units before this index are known to fit the current line
        while (true) {
            if (!first)
                while (b < e && u[b].cls == Cls::SP) ++b;
            // First visible unit. On the first line, b < vs keeps the paragraph's
            // indentation, which web-sourced documents write as spaces, U+3000 or NBSPs.
            size_t vs = b;
            while (vs < e && (u[vs].cls == Cls::SP || (first && isIndentSpace(u[vs].cp)))) ++vs;
            if (vs == e) return;
            const double avail = maxWidth - (first ? indent : 0.0);
            if (first && vs > b && width(b, vs + 1) > avail + kEps) b = vs;

            size_t j = std::max(vs + 1, resume);
            while (j < e && (u[j].cls == Cls::SP || width(b, j + 1) <= avail + kEps)) ++j;
            if (j == e) {
                emit(b, e);
                return;
            }

            const size_t i = j;  // the first unit that does not fit
            size_t p;
            const auto hangable = [&] {
                if (!opt.allowHanging || u[i].cls != Cls::CL) return false;
                if (width(b, i) > avail + kEps || width(i, i + 1) > hangLimit + kEps)
                    return false;
                size_t q = i + 1;
                while (q < e && u[q].cls == Cls::SP) ++q;
                return q == e || brk[q] == Brk::Allowed;
            };
            if (prevAllowed[i] > vs) {
                p = prevAllowed[i];  // pull the tail after the last opportunity down
            } else if (hangable()) {
                p = i + 1;
            } else if (prevWord[i] > vs) {
                p = prevWord[i];  // a word longer than the line
            } else if (b < vs) {
                b = vs;  // the indentation is what leaves no room: give it up, not 避头尾
                continue;
            } else if (prevAny[i] > vs) {
                p = prevAny[i];  // kinsoku loses rather than the margin
            } else {
                p = i;  // nothing but glue on the line: cut it
            }
            emit(b, p);
            // Everything in [p, i) fitted on this line, so it fits the next one unless the
            // next line is narrower (negative indent) or we hung a mark.
            resume = (p <= i && maxWidth >= avail) ? i : 0;
            b = p;
            first = false;
        }
    };

    // Hard breaks (\n, \r\n, U+2028 ...) end a line where they stand; ImGui would otherwise
    // draw them as line feeds inside a span. An empty or blank piece between two of them is an
    // empty line; a break at the very end adds nothing.
    size_t s = 0;
    while (true) {
        size_t e = s;
        while (e < n && u[e].cls != Cls::BK) ++e;
        const size_t before = lines.size();
        layoutSegment(s, e, s == 0);
        if (lines.size() == before && (e < n || lines.empty())) {
            const size_t at = s < n ? u[s].begin : text.size();
            lines.push_back({at, at, 0.0f});
        }
        if (e >= n) break;
        s = e + 1;
        if (u[e].cp == U'\r' && s < n && u[s].cp == U'\n') ++s;  // CR LF is one break
        if (s >= n) break;
    }
    if (lines.size() == 1 && lines[0].end == lines[0].begin) lines[0] = {0, 0, 0.0f};
    return lines;
}

float lineHeight(float fontSize, float spacing) {
    if (!std::isfinite(spacing)) spacing = 1.5f;
    return fontSize * std::max(spacing, 1.3f);
}

}  // namespace zwgk
