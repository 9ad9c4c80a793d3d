#include "font_locator.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <memory>
#include <unordered_set>

namespace zwgk {

namespace {

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using PatternPtr = std::unique_ptr<FcPattern, PatternDeleter>;

struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};
using FontSetPtr = std::unique_ptr<FcFontSet, FontSetDeleter>;

// "Noto Sans CJK SC" and "notosanscjksc" name the same family; fontconfig itself compares
// family names ignoring case and spaces.
std::string normalizeName(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '-' || c == '_') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::vector<std::string> getStrings(FcPattern* p, const char* object) {
    std::vector<std::string> out;
    FcChar8* s = nullptr;
    for (int i = 0; FcPatternGetString(p, object, i, &s) == FcResultMatch; ++i)
        out.emplace_back(reinterpret_cast<const char*>(s));
    return out;
}

std::optional<double> getNumber(FcPattern* p, const char* object) {
    int i = 0;
    if (FcPatternGetInteger(p, object, 0, &i) == FcResultMatch) return i;
    double d = 0;
    if (FcPatternGetDouble(p, object, 0, &d) == FcResultMatch) return d;
    return std::nullopt;
}

std::vector<std::string> requestedLangs(FcPattern* p) {
    std::vector<std::string> out;
    FcLangSet* ls = nullptr;
    if (FcPatternGetLangSet(p, FC_LANG, 0, &ls) != FcResultMatch || !ls) return out;
    FcStrSet* set = FcLangSetGetLangs(ls);
    if (!set) return out;
    if (FcStrList* list = FcStrListCreate(set)) {
        while (FcChar8* s = FcStrListNext(list)) out.emplace_back(reinterpret_cast<char*>(s));
        FcStrListDone(list);
    }
    FcStrSetDestroy(set);
    return out;
}

// Aliases that fontconfig resolves by configuration: any answer is the right family.
bool isGenericFamily(const std::string& family) {
    static const char* const generic[] = {"sans-serif", "sans", "serif", "monospace", "mono",
                                          "system-ui", "cursive", "fantasy", "emoji", "math"};
    return std::any_of(std::begin(generic), std::end(generic),
                       [&](const char* g) { return normalizeName(g) == normalizeName(family); });
}

bool containsName(const std::vector<std::string>& names, const std::string& wanted) {
    const std::string w = normalizeName(wanted);
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& n) { return normalizeName(n) == w; });
}

// What a pattern asked for, read before fontconfig's substitutions add defaults.
struct Request {
    std::vector<std::string> families;
    std::vector<std::string> styles;
    std::optional<double> weight;
    std::vector<std::string> langs;
};

Request readRequest(FcPattern* p) {
    return {getStrings(p, FC_FAMILY), getStrings(p, FC_STYLE), getNumber(p, FC_WEIGHT),
            requestedLangs(p)};
}

// Turns a candidate from fontconfig into a FontFace if it really is what was requested.
std::optional<FontFace> accept(FcPattern* font, const Request& req) {
    FcChar8* file = nullptr;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch || !file) return {};
    FontFace face;
    face.path = reinterpret_cast<const char*>(file);
    int index = 0;
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    face.index = index & 0xFFFF;  // high bits number named instances of variable fonts

    const std::vector<std::string> families = getStrings(font, FC_FAMILY);
    if (families.empty()) return {};
    face.family = families.front();
    if (!req.families.empty() && !isGenericFamily(req.families.front())) {
        // fontconfig substitutes freely: accept only a family the caller named ("A,B" lists
        // alternatives, all acceptable).
        auto hit = std::find_if(req.families.begin(), req.families.end(),
                                [&](const std::string& f) { return containsName(families, f); });
        if (hit == req.families.end()) return {};
        face.family = *hit;
        for (const std::string& f : families)
            if (normalizeName(f) == normalizeName(*hit)) face.family = f;
    }

    const std::vector<std::string> styles = getStrings(font, FC_STYLE);
    if (!styles.empty()) face.style = styles.front();
    if (!req.styles.empty() && !containsName(styles, req.styles.front())) return {};
    if (req.weight) {
        const std::optional<double> w = getNumber(font, FC_WEIGHT);
        if (!w || std::abs(*w - *req.weight) > 0.5) return {};
    }
    if (!req.langs.empty()) {
        FcLangSet* ls = nullptr;
        if (FcPatternGetLangSet(font, FC_LANG, 0, &ls) != FcResultMatch || !ls) return {};
        for (const std::string& lang : req.langs)
            if (FcLangSetHasLang(ls, reinterpret_cast<const FcChar8*>(lang.c_str())) !=
                FcLangEqual)
                return {};  // zh-tw is a "different territory" of zh-cn and lacks 简体 glyphs
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(face.path, ec)) return {};  // stale fontconfig cache
    return face;
}

// Faces of one collection share almost all glyphs (Noto's JP face is no fallback for its SC
// face), so exclusion is by file.
bool sameFile(const std::optional<FontFace>& a, const FontFace& b) {
    return a && a->path == b.path;
}

// The best candidate in fontconfig's order (FcFontSort; its first entry is what FcFontMatch
// would answer) that really is what was asked for and whose file is not among exclude.
std::optional<FontFace> findFontExcluding(const std::string& pattern,
                                          const std::vector<FontFace>& exclude) {
    PatternPtr req(FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str())));
    if (!req) return {};
    const Request want = readRequest(req.get());
    if (!FcConfigSubstitute(nullptr, req.get(), FcMatchPattern)) return {};
    FcDefaultSubstitute(req.get());
    FcResult result = FcResultNoMatch;
    FontSetPtr set(FcFontSort(nullptr, req.get(), FcFalse, nullptr, &result));
    if (!set) return {};
    // Judge the fonts as they are, not as FcFontMatch/FcFontRenderPrepare present them:
    // 90-synthetic.conf rewrites a Book face to weight=bold (embolden=true) when bold is asked
    // for, and ImGui cannot embolden.
    for (int i = 0; i < set->nfont; ++i) {
        std::optional<FontFace> face = accept(set->fonts[i], want);
        if (!face) continue;
        if (std::any_of(exclude.begin(), exclude.end(),
                        [&](const FontFace& e) { return sameFile(face, e); }))
            continue;
        return face;
    }
    return {};
}

// "path.ttc:2" → (path.ttc, 2); a trailing part that is not a number belongs to the path.
std::pair<std::string, int> parsePathIndex(const std::string& spec) {
    const size_t colon = spec.rfind(':');
    if (colon != std::string::npos && colon + 1 < spec.size() && spec.size() - colon <= 6 &&
        std::all_of(spec.begin() + colon + 1, spec.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))
        return {spec.substr(0, colon), std::atoi(spec.c_str() + colon + 1)};
    return {spec, 0};
}

std::string describe(const FontFace& f) {
    return f.family + " (" + f.path + " face " + std::to_string(f.index) + ")";
}

}  // namespace

std::optional<FontFace> findFont(const std::string& pattern) {
    return findFontExcluding(pattern, {});
}

std::optional<FontFace> inspectFontFile(const std::string& path, int index) {
    std::error_code ec;
    if (index < 0 || !std::filesystem::is_regular_file(path, ec)) return {};
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) return {};
    std::optional<FontFace> result;
    FT_Face ft = nullptr;
    if (FT_New_Face(lib, path.c_str(), index, &ft) == 0) {
        FontFace f{path, index, {}, {}};
        if (ft->family_name) f.family = ft->family_name;
        if (ft->style_name) f.style = ft->style_name;
        // A font the UI cannot map Unicode through is as good as no font.
        if (FT_Select_Charmap(ft, FT_ENCODING_UNICODE) == 0) result = f;
        FT_Done_Face(ft);
    }
    FT_Done_FreeType(lib);
    return result;
}

FontChoice chooseUiFonts() {
    FontChoice c;

    const char* override = std::getenv("ZWGK_FONT_PRIMARY");
    if (override && *override) {
        const auto [path, index] = parsePathIndex(override);
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            c.problems.push_back("ZWGK_FONT_PRIMARY: font file " + path + " does not exist");
        } else if (auto f = inspectFontFile(path, index)) {
            c.primary = f;
        } else {
            c.problems.push_back("ZWGK_FONT_PRIMARY: " + path + " face " +
                                 std::to_string(index) + " is not a readable font");
        }
    } else {
        c.primary = findFont("Noto Sans CJK SC:style=Regular");
        if (!c.primary)
            c.problems.push_back(
                "primary font Noto Sans CJK SC Regular not found (Debian package fonts-noto-cjk)");
    }

    std::vector<FontFace> used;
    if (c.primary) used.push_back(*c.primary);
    const char* preferred[] = {"WenQuanYi Zen Hei:style=Regular", "Noto Serif CJK SC:style=Regular"};
    for (const char* pattern : preferred) {
        if ((c.fallback = findFontExcluding(pattern, used))) break;
    }
    if (!c.fallback || normalizeName(c.fallback->family) != normalizeName("WenQuanYi Zen Hei"))
        c.problems.push_back(
            "fallback font WenQuanYi Zen Hei not found (Debian package fonts-wqy-zenhei)");
    if (!c.fallback) c.fallback = findFontExcluding(":lang=zh-cn", used);
    if (c.fallback && normalizeName(c.fallback->family) != normalizeName("WenQuanYi Zen Hei"))
        c.problems.push_back("using " + describe(*c.fallback) + " as the fallback font");
    if (!c.fallback)
        c.problems.push_back("no second font supporting zh-cn: characters missing from the "
                             "primary font will show as boxes");

    c.bold = findFont("Noto Sans CJK SC:style=Bold");
    if (!c.bold)
        c.problems.push_back("bold font Noto Sans CJK SC Bold not found: headings use the "
                             "regular face");
    return c;
}

GlyphCoverage::GlyphCoverage(const FontFace& f) {
    FT_Library lib = nullptr;
    if (FT_Init_FreeType(&lib) != 0) {
        error_ = "FreeType could not be initialised";
        return;
    }
    library_ = lib;
    FT_Face face = nullptr;
    if (FT_Error err = FT_New_Face(lib, f.path.c_str(), f.index, &face); err != 0) {
        const char* msg = FT_Error_String(err);
        error_ = "cannot open " + f.path + " face " + std::to_string(f.index) +
                 (msg ? std::string(": ") + msg : ", FreeType error " + std::to_string(err));
        return;
    }
    // Coverage questions are about Unicode; a face without a Unicode cmap answers nothing.
    if (FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0) {
        error_ = f.path + " face " + std::to_string(f.index) + " has no Unicode character map";
        FT_Done_Face(face);
        return;
    }
    face_ = face;
}

GlyphCoverage::~GlyphCoverage() {
    if (face_) FT_Done_Face(static_cast<FT_Face>(face_));
    if (library_) FT_Done_FreeType(static_cast<FT_Library>(library_));
}

bool GlyphCoverage::has(char32_t cp) const {
    return face_ && FT_Get_Char_Index(static_cast<FT_Face>(face_), cp) != 0;
}

std::u32string GlyphCoverage::missing(const std::u32string& chars) const {
    std::u32string out;
    std::unordered_set<char32_t> seen;
    for (char32_t cp : chars) {
        if (!seen.insert(cp).second) continue;
        if (!has(cp)) out.push_back(cp);
    }
    return out;
}

std::u32string missingGlyphs(const FontFace& face, const std::u32string& chars) {
    return GlyphCoverage(face).missing(chars);
}

}  // namespace zwgk
