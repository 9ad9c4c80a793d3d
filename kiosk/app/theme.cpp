#include "theme.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace zwgk::theme {
namespace {

double channel(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 colour) {
    return 0.2126 * channel((colour >> IM_COL32_R_SHIFT) & 0xFF) +
           0.7152 * channel((colour >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((colour >> IM_COL32_B_SHIFT) & 0xFF);
}

// The two palettes, in the order of the colours in theme.h.
struct Palette {
    ImU32 background, surface, surfacePressed, border, header, headerText, headerButton, text, textSecondary, link,
        primary, primaryText, valid, expired, repealed, badgeText, bannerWarn, syncBar, muted, overlay, keyboard,
        fieldFocus, highlight;
    ImU32 accents[6];
};

constexpr Palette kNormal = {
    rgb(0xF4F1EA), rgb(0xFFFFFF), rgb(0xE3ECF7), rgb(0xCFC6B6), rgb(0x9E1B1B), rgb(0xFFFFFF), rgb(0x7A1212),
    rgb(0x1A1A1A), rgb(0x3F3F3F), rgb(0x0B4A8B), rgb(0x0B4A8B), rgb(0xFFFFFF), rgb(0x1B5E20), rgb(0x8A4B00),
    rgb(0x9E1B1B), rgb(0xFFFFFF), rgb(0xFFF1D6), rgb(0xF3C9C4), rgb(0x5A5A5A), IM_COL32(0, 0, 0, 150),
    rgb(0xE2DCCF), rgb(0x0B4A8B), rgb(0xFFE9A8),
    {rgb(0x0B4A8B), rgb(0x1B5E20), rgb(0xA14A00), rgb(0x5B2C91), rgb(0x00695C), rgb(0x6D4C41)}};

// Black ground, white text, yellow for what can be tapped; the coloured states are light so
// that they read on black and carry black badge text.
constexpr Palette kHigh = {
    rgb(0x000000), rgb(0x121212), rgb(0x3A3A00), rgb(0xFFFFFF), rgb(0x000000), rgb(0xFFFFFF), rgb(0x2E2E2E),
    rgb(0xFFFFFF), rgb(0xE8E8E8), rgb(0xFFE14D), rgb(0xFFE14D), rgb(0x000000), rgb(0x7CF07C), rgb(0xFFB84D),
    rgb(0xFF8A8A), rgb(0x000000), rgb(0x2B2000), rgb(0xFFE14D), rgb(0xBDBDBD), IM_COL32(0, 0, 0, 200),
    rgb(0x1E1E1E), rgb(0xFFE14D), rgb(0x4A3D00),
    {rgb(0xFFE14D), rgb(0x7CF07C), rgb(0xFFB84D), rgb(0xD7B4FF), rgb(0x6FE3E3), rgb(0xFFFFFF)}};

}  // namespace

void usePalette(Contrast contrast) {
    const Palette& p = contrast == Contrast::High ? kHigh : kNormal;
    kBackground = p.background;
    kSurface = p.surface;
    kSurfacePressed = p.surfacePressed;
    kBorder = p.border;
    kHeader = p.header;
    kHeaderText = p.headerText;
    kHeaderButton = p.headerButton;
    kText = p.text;
    kTextSecondary = p.textSecondary;
    kLink = p.link;
    kPrimary = p.primary;
    kPrimaryText = p.primaryText;
    kValid = p.valid;
    kExpired = p.expired;
    kRepealed = p.repealed;
    kBadgeText = p.badgeText;
    kBannerWarn = p.bannerWarn;
    kSyncBar = p.syncBar;
    kMuted = p.muted;
    kOverlay = p.overlay;
    kKeyboard = p.keyboard;
    kFieldFocus = p.fieldFocus;
    kHighlight = p.highlight;
    std::copy(std::begin(p.accents), std::end(p.accents), kAccents);
}

namespace {
// Screens may draw before anything chooses a palette (tests that build a UiContext).
const bool kNormalAtStart = (usePalette(Contrast::Normal), true);
}  // namespace

double contrastRatio(ImU32 a, ImU32 b) {
    double la = luminance(a), lb = luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

std::vector<ColourPair> textColourPairs() {
    std::vector<ColourPair> pairs = {
        {"reading text on the page", kText, kBackground},
        {"reading text on a card", kText, kSurface},
        {"reading text on a held card", kText, kSurfacePressed},
        {"reading text on the highlighted sentence", kText, kHighlight},
        {"metadata on the page", kTextSecondary, kBackground},
        {"metadata on a card", kTextSecondary, kSurface},
        {"link on a card", kLink, kSurface},
        {"link on the page", kLink, kBackground},
        {"primary button", kPrimaryText, kPrimary},
        {"title bar", kHeaderText, kHeader},
        {"title bar button", kHeaderText, kHeaderButton},
        {"warning strip", kText, kBannerWarn},
        {"有效 text", kValid, kSurface},
        {"失效 text", kExpired, kSurface},
        {"废止 / error text", kRepealed, kSurface},
        {"有效 badge", kBadgeText, kValid},
        {"失效 badge", kBadgeText, kExpired},
        {"废止 badge", kBadgeText, kRepealed},
        {"muted badge", kBadgeText, kMuted},
        {"muted text on a card", kMuted, kSurface},
        {"keyboard keys", kText, kKeyboard},
    };
    for (ImU32 accent : kAccents) pairs.push_back({"accent badge", kBadgeText, accent});
    return pairs;
}

}  // namespace zwgk::theme
