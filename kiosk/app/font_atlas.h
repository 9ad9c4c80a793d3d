// Builds the UI fonts into ImGui's atlas from the characters the content and the UI use
// (not ChineseFull: 21,000 glyphs at several sizes cost a second and hundreds of MB), with a
// second font merged in for characters the first lacks, and reports characters that neither
// font has so they never vanish silently.
#pragma once

#include <string>
#include <vector>

#include "font_locator.h"
#include "imgui.h"
#include "ui_context.h"

namespace zwgk {

struct AtlasReport {
    int glyphs = 0;                   // characters requested for the body font
    std::u32string missing;           // in neither font (drawn as the fallback box)
    int textureWidth = 0;             // atlas texture size in px
    int textureHeight = 0;
    double buildMs = 0;               // time spent in ImFontAtlas::Build
    std::vector<std::string> notes;   // readable lines for the log (fallback in use …)
};

// Clears ATLAS and builds the UI fonts for SCALE (window px per reference px), their text
// sizes multiplied by TEXTSCALE (theme::kTextScales). CONTENT holds the characters of the
// content (the store's glyph set); UI holds those of the UI strings; INPUT the characters the
// input methods may offer, which the heading size (text fields, candidate bar) and the body
// size (what was typed, shown again on the review page and the receipt screen) need.
// Returns false with ERROR when no CJK font can be opened at all.
bool buildUiFonts(ImFontAtlas& atlas, const FontChoice& choice, const std::u32string& content,
                  const std::u32string& ui, const std::u32string& input, float scale, float textScale,
                  UiFonts& fonts, AtlasReport& report, std::string& error);

}  // namespace zwgk
