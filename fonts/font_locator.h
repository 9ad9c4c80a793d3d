// Finds the terminal's CJK fonts through fontconfig and checks their glyph coverage with
// FreeType. Nothing here loads fonts into the UI: the screens pass path + face index to
// ImGui (FontConfig::FontNo) and use missingGlyphs() to decide what needs the fallback.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace zwgk {

struct FontFace {
    std::string path;    // font file (.ttc collections hold several faces)
    int index = 0;       // face index inside the file (ImGui FontConfig::FontNo)
    std::string family;  // family name of that face, e.g. "Noto Sans CJK SC"
    std::string style;   // e.g. "Regular", "Bold"
};

// Resolves a fontconfig pattern ("Noto Sans CJK SC:style=Regular", ":lang=zh-cn") to one
// face. Unlike fc-match, it refuses substitutes: the face must carry the requested family
// (any of its localized names, compared case- and space-insensitively), the requested style
// or weight if one was given, and full support for a requested :lang=. nullopt otherwise.
std::optional<FontFace> findFont(const std::string& pattern);

// Opens path/index with FreeType and describes it; nullopt if it is not a readable font.
std::optional<FontFace> inspectFontFile(const std::string& path, int index = 0);

struct FontChoice {
    std::optional<FontFace> primary;   // Noto Sans CJK SC Regular
    std::optional<FontFace> fallback;  // WenQuanYi Zen Hei, else Noto Serif CJK SC, else zh-cn
    std::optional<FontFace> bold;      // Noto Sans CJK SC Bold
    std::vector<std::string> problems; // one readable line per missing or rejected font
};

// Picks the UI fonts. ZWGK_FONT_PRIMARY=/path/file.ttc[:index] replaces the primary lookup;
// a bad override leaves primary empty and is reported (it is how tests simulate a machine
// without Noto), it does not silently fall back to fontconfig.
FontChoice chooseUiFonts();

// The characters of chars (deduplicated, in first-seen order) for which the face has no
// glyph. If the face cannot be opened, every character is reported missing.
std::u32string missingGlyphs(const FontFace& face, const std::u32string& chars);

// Keeps one FreeType face open for repeated coverage queries (a 19 MB .ttc is re-parsed on
// every missingGlyphs() call). Not thread-safe; use one per thread.
class GlyphCoverage {
public:
    explicit GlyphCoverage(const FontFace& face);
    ~GlyphCoverage();
    GlyphCoverage(const GlyphCoverage&) = delete;
    GlyphCoverage& operator=(const GlyphCoverage&) = delete;

    bool ok() const { return face_ != nullptr; }
    const std::string& error() const { return error_; }
    bool has(char32_t cp) const;
    std::u32string missing(const std::u32string& chars) const;

private:
    void* library_ = nullptr;  // FT_Library; kept opaque so callers need no FreeType headers
    void* face_ = nullptr;     // FT_Face
    std::string error_;
};

}  // namespace zwgk
