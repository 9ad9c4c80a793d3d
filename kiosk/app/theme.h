// Colours and reference sizes of the 1920×1080 layout. Everything on screen is laid out in
// reference pixels and multiplied by UiContext::scale, so other screen sizes keep the
// proportions.
#pragma once

#include <vector>

#include "imgui.h"

namespace zwgk::theme {

constexpr ImU32 rgb(unsigned hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

// The colours of the palette in use. They change only between frames, when a citizen
// switches high contrast (usePalette), so screens read them like constants.
inline ImU32 kBackground;      // page behind everything
inline ImU32 kSurface;         // tiles, rows, cards
inline ImU32 kSurfacePressed;  // a card held down
inline ImU32 kBorder;          // card edges, rules
inline ImU32 kHeader;          // title bar, government red
inline ImU32 kHeaderText;      // text on the title bar
inline ImU32 kHeaderButton;    // buttons on the title bar
inline ImU32 kText;            // reading text
inline ImU32 kTextSecondary;   // metadata, hints
inline ImU32 kLink;            // tappable text
inline ImU32 kPrimary;         // primary buttons
inline ImU32 kPrimaryText;     // text on primary buttons
inline ImU32 kValid;           // 有效 (badge and text)
inline ImU32 kExpired;         // 失效, warnings
inline ImU32 kRepealed;        // 废止, errors
inline ImU32 kBadgeText;       // text on the coloured badges
inline ImU32 kBannerWarn;      // calm warning strips
inline ImU32 kSyncBar;         // sync progress on the title bar
inline ImU32 kMuted;           // "即将开放" and disabled tiles
inline ImU32 kOverlay;         // dims the screen under a dialog
inline ImU32 kKeyboard;        // on-screen keyboard panel
inline ImU32 kFieldFocus;      // border of the focused text field
inline ImU32 kHighlight;       // background of the sentence being read aloud
inline ImU32 kAccents[6];      // tile stripes and village notice kinds

// Normal: dark text on warm paper. HighContrast: white and yellow on black, every text
// colour at least 7:1 against every background it is drawn on (tests/ui/theme_test.cpp).
enum class Contrast { Normal, High };
void usePalette(Contrast contrast);

// A text colour and the background it is drawn on, for the contrast check.
struct ColourPair {
    const char* what;  // where the pair is used
    ImU32 text;        // foreground
    ImU32 background;  // what is behind it
};
std::vector<ColourPair> textColourPairs();  // of the palette in use
double contrastRatio(ImU32 a, ImU32 b);     // WCAG 2 ratio, 1 … 21

// Three text sizes for elderly readers: the factor applied to the four font sizes. The
// largest is 1.8× the standard one (34 px body text at 1080p → 61 px).
inline constexpr float kTextScales[] = {1.0f, 1.35f, 1.8f};
inline constexpr int kTextSizeCount = 3;

// Reference sizes (pixels at 1920×1080).
inline constexpr float kRefWidth = 1920, kRefHeight = 1080;
inline constexpr float kTopBarHeight = 120;
inline constexpr float kMargin = 48;
inline constexpr float kTouchMin = 88;       // our buttons; the hard floor is 60
inline constexpr float kRounding = 14;
inline constexpr float kFontSmall = 28;      // metadata, hints
inline constexpr float kFontBody = 34;       // reading text
inline constexpr float kFontHeading = 44;    // screen titles, tile names
inline constexpr float kFontTitle = 58;      // greeting
inline constexpr float kLineSpacing = 1.6f;  // body text line height / font size

}  // namespace zwgk::theme
