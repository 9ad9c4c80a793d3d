// Print fonts: a private fontconfig configuration holding exactly the chosen faces, and a
// pango-cairo font map bound to it (see print_fonts.h for why).
//
// Sections: configuration · choosing the faces · shared layout helpers

#include "print_fonts.h"

#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "print_text.h"
#include "utf8.h"

namespace zwgk {

namespace {

// Bold for faces that have no bold weight (WenQuanYi Zen Hei has one weight): the same rule
// as the system's synthetic-emboldening configuration, which the private configuration
// would otherwise lack. cairo reads "embolden" from the pattern and emboldens the outlines.
constexpr const char* kEmboldenRule = R"(<?xml version="1.0"?>
<fontconfig>
  <match target="font">
    <test name="weight" compare="less_eq"><const>medium</const></test>
    <test target="pattern" name="weight" compare="more_eq"><const>bold</const></test>
    <edit name="embolden" mode="assign"><bool>true</bool></edit>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
</fontconfig>
)";

std::string normalizeFamily(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' || c == '-' || c == '_') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string faceString(const FontFace& face) {
    return face.family + (face.style.empty() ? "" : " " + face.style) + " (" + face.path + ":" +
           std::to_string(face.index) + ")";
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

PrintFonts::~PrintFonts() {
    if (fontMap) g_object_unref(fontMap);
    if (config) FcConfigDestroy(config);
}

std::shared_ptr<PrintFonts> makePrintFonts(const PrintFontSpec& spec, std::string& error) {
    if (spec.faces.empty()) {
        error = "no print font given";
        return nullptr;
    }
    auto fonts = std::make_shared<PrintFonts>();
    fonts->spec = spec;
    fonts->family = spec.faces.front().family;

    fonts->config = FcConfigCreate();
    if (!fonts->config) {
        error = "fontconfig: cannot create a configuration";
        return nullptr;
    }
    if (spec.synthesizeBold &&
        !FcConfigParseAndLoadFromMemory(fonts->config,
                                        reinterpret_cast<const FcChar8*>(kEmboldenRule), FcTrue)) {
        error = "fontconfig: the embolden rule was not accepted";
        return nullptr;
    }
    // An empty system set: nothing from the machine's font directories.
    FcConfigBuildFonts(fonts->config);
    for (const FontFace& face : spec.faces) {
        if (!FcConfigAppFontAddFile(fonts->config, reinterpret_cast<const FcChar8*>(face.path.c_str()))) {
            error = "fontconfig cannot load print font " + faceString(face);
            return nullptr;
        }
    }
    // A .ttc file brings every face it holds (Noto's JP/KR/SC/TC/HK, Zen Hei's Mono and
    // Sharp); keep only the faces asked for, so the fallback order is exactly the spec's.
    FcFontSet* set = FcConfigGetFonts(fonts->config, FcSetApplication);
    if (!set) {
        error = "fontconfig: the print fonts did not load";
        return nullptr;
    }
    int kept = 0;
    for (int i = 0; i < set->nfont; ++i) {
        FcPattern* p = set->fonts[i];
        FcChar8* file = nullptr;
        int index = 0;
        FcPatternGetString(p, FC_FILE, 0, &file);
        FcPatternGetInteger(p, FC_INDEX, 0, &index);
        bool wanted = file && std::any_of(spec.faces.begin(), spec.faces.end(), [&](const FontFace& f) {
            return f.path == reinterpret_cast<const char*>(file) && f.index == index;
        });
        if (wanted)
            set->fonts[kept++] = p;
        else
            FcPatternDestroy(p);
    }
    set->nfont = kept;
    if (kept != static_cast<int>(spec.faces.size())) {
        error = "fontconfig found " + std::to_string(kept) + " of the " +
                std::to_string(spec.faces.size()) + " print faces (a wrong face index?)";
        return nullptr;
    }

    fonts->fontMap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fonts->fontMap || !PANGO_IS_FC_FONT_MAP(fonts->fontMap)) {
        error = "pango: no fontconfig font map";
        return nullptr;
    }
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fonts->fontMap), fonts->config);
    return fonts;
}

const PrintFontSpec& printFontSpec(const PrintFonts& fonts) { return fonts.spec; }

std::string describePrintFonts(const PrintFonts& fonts) {
    std::string out;
    for (const FontFace& face : fonts.spec.faces) {
        if (!out.empty()) out += ", then ";
        out += faceString(face);
    }
    if (fonts.spec.synthesizeBold) out += "; synthetic bold where a face has none";
    return out;
}

// ---------------------------------------------------------------------------------------
// Choosing the faces
// ---------------------------------------------------------------------------------------

bool choosePrintFonts(PrintFontSpec& spec, std::string& error) {
    spec = PrintFontSpec{};
    if (const char* env = std::getenv("ZWGK_PRINT_FONT"); env && *env) {
        std::string path = env;
        int index = 0;
        if (auto colon = path.rfind(':'); colon != std::string::npos && colon + 1 < path.size() &&
                                          std::all_of(path.begin() + colon + 1, path.end(),
                                                      [](unsigned char c) { return std::isdigit(c); })) {
            index = std::atoi(path.c_str() + colon + 1);
            path.resize(colon);
        }
        auto face = inspectFontFile(path, index);
        if (!face) {
            error = "ZWGK_PRINT_FONT=" + std::string(env) + " is not a readable font";
            return false;
        }
        spec.faces.push_back(*face);
    } else {
        auto main = findFont("WenQuanYi Zen Hei:style=Regular");
        if (!main) {
            error = "print font WenQuanYi Zen Hei not found (install fonts-wqy-zenhei)";
            return false;
        }
        spec.faces.push_back(*main);
    }
    // Characters the main face lacks (rare hanzi, some symbols). Noto Serif CJK SC survives
    // cairo's subsetting; Noto Sans CJK SC does not and must never be reached.
    if (auto serif = findFont("Noto Serif CJK SC:style=Regular")) {
        if (normalizeFamily(serif->family) != normalizeFamily(spec.faces.front().family))
            spec.faces.push_back(*serif);
    }
    return true;
}

std::shared_ptr<PrintFonts> defaultPrintFonts(std::string& error) {
    static std::mutex mutex;
    static std::shared_ptr<PrintFonts> fonts;  // built once, kept for the process
    std::lock_guard lock(mutex);
    if (fonts) return fonts;
    PrintFontSpec spec;
    if (!choosePrintFonts(spec, error)) return nullptr;
    fonts = makePrintFonts(spec, error);
    return fonts;
}

// ---------------------------------------------------------------------------------------
// Shared layout helpers (print_text.h)
// ---------------------------------------------------------------------------------------

ContextPtr createPrintContext(PrintFonts& fonts) {
    ContextPtr context(pango_font_map_create_context(fonts.fontMap));
    pango_cairo_context_set_resolution(context.get(), 72.0);  // 1 pango point = 1 PDF unit
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(context.get(), options);
    cairo_font_options_destroy(options);
    pango_context_set_language(context.get(), pango_language_from_string("zh-cn"));
    pango_context_set_round_glyph_positions(context.get(), FALSE);
    return context;
}

LayoutPtr makeLayout(PangoContext* context, const PrintFonts& fonts, const std::string& text,
                     const TextStyle& style, double widthPt, PangoAlignment align, PangoWrapMode wrap) {
    LayoutPtr layout(pango_layout_new(context));
    FontDescriptionPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), fonts.family.c_str());
    pango_font_description_set_absolute_size(desc.get(), style.sizePt * PANGO_SCALE);
    pango_font_description_set_weight(desc.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout.get(), desc.get());
    if (widthPt > 0) {
        pango_layout_set_width(layout.get(), static_cast<int>(widthPt * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), wrap);
    }
    pango_layout_set_alignment(layout.get(), align);
    const std::string clean = utf8::sanitize(text);
    pango_layout_set_text(layout.get(), clean.data(), static_cast<int>(clean.size()));
    return layout;
}

double layoutWidthPt(PangoLayout* layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.x + logical.width) / PANGO_SCALE;
}

double layoutHeightPt(PangoLayout* layout) {
    PangoRectangle logical{};
    pango_layout_get_extents(layout, nullptr, &logical);
    return static_cast<double>(logical.height) / PANGO_SCALE;
}

void inspectGlyphs(PangoLayout* layout, const PrintFonts& fonts, bool& unknown, bool& fallback) {
    unknown = false;
    fallback = false;
    const std::string main = normalizeFamily(fonts.family);
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
        PangoLayoutRun* run = pango_layout_iter_get_run_readonly(iter);
        if (!run) continue;
        for (int i = 0; i < run->glyphs->num_glyphs; ++i)
            if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) unknown = true;
        if (PangoFont* font = run->item->analysis.font) {
            FontDescriptionPtr desc(pango_font_describe(font));
            const char* family = pango_font_description_get_family(desc.get());
            if (!family || normalizeFamily(family) != main) fallback = true;
        }
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
}

cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace zwgk
