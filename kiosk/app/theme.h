// Colours and reference sizes of the 1920×1080 layout. Everything on screen is laid out in
// reference pixels and multiplied by UiContext::scale, so other screen sizes keep the
// proportions. Text colours keep at least 7:1 contrast against their backgrounds.
#pragma once

#include "imgui.h"

namespace zwgk::theme {

constexpr ImU32 rgb(unsigned hex) {
    return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, 0xFF);
}

inline constexpr ImU32 kBackground = rgb(0xF4F1EA);   // warm paper
inline constexpr ImU32 kSurface = rgb(0xFFFFFF);      // tiles, rows, cards
inline constexpr ImU32 kSurfacePressed = rgb(0xE3ECF7);
inline constexpr ImU32 kBorder = rgb(0xCFC6B6);
inline constexpr ImU32 kHeader = rgb(0x9E1B1B);       // title bar, government red
inline constexpr ImU32 kHeaderText = rgb(0xFFFFFF);
inline constexpr ImU32 kHeaderButton = rgb(0x7A1212);
inline constexpr ImU32 kText = rgb(0x1A1A1A);
inline constexpr ImU32 kTextSecondary = rgb(0x3F3F3F);
inline constexpr ImU32 kLink = rgb(0x0B4A8B);
inline constexpr ImU32 kPrimary = rgb(0x0B4A8B);      // primary buttons
inline constexpr ImU32 kPrimaryText = rgb(0xFFFFFF);
inline constexpr ImU32 kValid = rgb(0x1B5E20);
inline constexpr ImU32 kExpired = rgb(0x8A4B00);
inline constexpr ImU32 kRepealed = rgb(0x9E1B1B);
inline constexpr ImU32 kBannerWarn = rgb(0xFFF1D6);
inline constexpr ImU32 kSyncBar = rgb(0xF3C9C4);      // sync progress on the title bar
inline constexpr ImU32 kMuted = rgb(0x5A5A5A);        // "即将开放" and disabled tiles
inline constexpr ImU32 kOverlay = IM_COL32(0, 0, 0, 150);
inline constexpr ImU32 kKeyboard = rgb(0xE2DCCF);      // on-screen keyboard panel
inline constexpr ImU32 kFieldFocus = rgb(0x0B4A8B);    // border of the focused text field
inline constexpr ImU32 kAccents[] = {rgb(0x0B4A8B), rgb(0x1B5E20), rgb(0xA14A00),
                                     rgb(0x5B2C91), rgb(0x00695C), rgb(0x6D4C41)};

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
