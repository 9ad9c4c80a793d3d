// Line breaking for Chinese document bodies drawn by the UI (ImGui wraps CJK at any
// character and knows nothing of 避头尾, so the screens lay out paragraphs with this).
//
// Rules (GB/T 15834-2011 §5, W3C clreq §3.1.7, JIS X 4051 where clreq is silent):
// - CJK text may break between any two characters.
// - Closing punctuation and small marks never start a line (，。、；：？！）》」』】〕〗〉”’…—·％‰℃
//   and the ASCII , . ; : ? ! ) ] } %, small kana, iteration marks ...). Consequently ——
//   and …… are never split.
// - Opening punctuation never ends a line (（《「『【〔〖〈“‘ and ( [ {, plus prefix signs ￥ ＄ № €).
// - Runs of Latin letters and digits, together with the ASCII punctuation inside them
//   (2024, 12.5%, 0798-6210137, URLs), are kept whole and break inside only when longer
//   than a line.
// - Spaces (including U+3000) are break opportunities and are dropped at a break; spaces at
//   the end of the paragraph are dropped too. Inside the text NBSP (U+00A0, U+202F) glues.
// - Spaces or NBSPs at the start of the paragraph are indentation and stay on the first line,
//   unless keeping them would leave no room for the first character or force a 避头尾
//   violation on that line; then they are dropped (they appear in no span).
// - A forbidden break is resolved by moving what follows the line's last allowed break to the
//   next line (pulling characters down); if the line has no allowed break, one closing mark
//   may hang past the margin by at most BreakOptions::maxHang. If neither works (a box one or
//   two characters wide), the break goes where it must and kinsoku loses: lines never get
//   wider than that, never end up empty, and breaking always terminates.
// - A character wider than the whole line still gets a line of its own.
//
// Cost is linear in the paragraph length (one advance() call per code point).
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

namespace zwgk {

struct LineSpan {
    size_t begin = 0;   // byte offset of the first byte of the line in the paragraph
    size_t end = 0;     // byte offset one past the last byte (dropped spaces excluded)
    float width = 0;    // sum of the advances of [begin, end), including a hanging mark
};

struct BreakOptions {
    // Indent of the first line in px (e.g. 2 × font size for 公文 paragraph style). The first
    // line's span does not include it: draw that line at x = firstLineIndent; its width plus
    // the indent fits maxWidth.
    float firstLineIndent = 0;
    // Whether a closing mark may hang past the margin when pulling down is impossible.
    bool allowHanging = true;
    // The most a hanging mark may stick out. 0 means one full-width character, measured
    // as the advance of U+4E00 (一).
    float maxHang = 0;
};

// Breaks one paragraph into lines no wider than maxWidth, measuring each code point with
// advance() (negative or NaN advances count as 0; an empty function counts 1 per code point).
// Hard breaks (\n, \r\n, \r, U+2028, U+2029) end a line where they stand and are in no span,
// so a span never contains a line feed for ImGui to draw; two in a row give an empty line, one
// at the very end gives nothing. firstLineIndent applies to the first line only.
// Ill-formed UTF-8 is measured as U+FFFD per ill-formed subpart and never splits a span
// mid-sequence. An empty or blank paragraph yields one empty line {0, 0, 0}.
std::vector<LineSpan> breakLines(std::string_view paragraph, float maxWidth,
                                 const std::function<float(char32_t)>& advance,
                                 const BreakOptions& options = {});

// Baseline-to-baseline distance for body text. Chinese body text needs generous leading on a
// kiosk read at arm's length; spacing below 1.3 is raised to 1.3 and non-finite to 1.5.
float lineHeight(float fontSize, float spacing = 1.5f);

// Classification used by breakLines, exposed for tests and for UI code that trims text.
bool isForbiddenLineStart(char32_t cp);  // closing punctuation, small marks
bool isForbiddenLineEnd(char32_t cp);    // opening punctuation, prefix signs

}  // namespace zwgk
