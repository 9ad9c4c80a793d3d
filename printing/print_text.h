// Internal to printing/*.cpp: the pango and cairo side of the print fonts, and the few
// helpers every layout in this module shares, so that the receipt and the glyph check draw
// text through one path. Not for use outside printing/ (it names pango and cairo types).
#pragma once

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include <memory>
#include <mutex>
#include <string>

#include "print_fonts.h"

namespace zwgk {

class PrintFonts {
public:
    PrintFonts() = default;
    ~PrintFonts();
    PrintFonts(const PrintFonts&) = delete;
    PrintFonts& operator=(const PrintFonts&) = delete;

    PrintFontSpec spec;               // the faces, main first
    std::string family;               // the main face's family, as font descriptions ask for it
    FcConfig* config = nullptr;       // private fontconfig configuration: spec.faces only
    PangoFontMap* fontMap = nullptr;  // pango-cairo font map bound to config
    std::mutex mutex;                 // pango objects are not thread-safe: one layout at a time
};

// ---- owning pointers for the C objects --------------------------------------------------
struct GObjectUnref {
    void operator()(void* p) const { if (p) g_object_unref(p); }
};
struct FontDescriptionFree {
    void operator()(PangoFontDescription* p) const { if (p) pango_font_description_free(p); }
};
struct CairoDestroy {
    void operator()(cairo_t* p) const { if (p) cairo_destroy(p); }
};
struct CairoSurfaceDestroy {
    void operator()(cairo_surface_t* p) const { if (p) cairo_surface_destroy(p); }
};
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy>;

// ---- layout --------------------------------------------------------------------------
inline constexpr double kPointsPerMm = 72.0 / 25.4;

struct TextStyle {
    double sizePt = 9;   // font size in points
    bool bold = false;   // bold weight (synthesised for faces without one)
};

// A pango context measuring in points, unhinted (PDF output is device-independent, and a
// hinted layout would not match what the printer draws), language zh-cn (Chinese forms of
// shared punctuation, Chinese line breaking). Call with FONTS.mutex held.
ContextPtr createPrintContext(PrintFonts& fonts);

// TEXT (UTF-8; ill-formed bytes are replaced) as plain text, never markup. WIDTHPT > 0 wraps
// at that width (WRAP: word-or-char for prose, char for URLs); ALIGN within that width.
LayoutPtr makeLayout(PangoContext* context, const PrintFonts& fonts, const std::string& text,
                     const TextStyle& style, double widthPt = -1,
                     PangoAlignment align = PANGO_ALIGN_LEFT,
                     PangoWrapMode wrap = PANGO_WRAP_WORD_CHAR);

// Logical size of LAYOUT in points.
double layoutWidthPt(PangoLayout* layout);
double layoutHeightPt(PangoLayout* layout);

// What LAYOUT's glyphs came from: UNKNOWN when some character has no glyph in any print face
// (pango draws a hex box), FALLBACK when some glyph comes from a face other than the main one.
void inspectGlyphs(PangoLayout* layout, const PrintFonts& fonts, bool& unknown, bool& fallback);

// cairo_write_func_t appending to the std::string passed as CLOSURE: PDFs stay in memory.
cairo_status_t appendToString(void* closure, const unsigned char* data, unsigned int length);

// ---- shared by the layouts (print_marks.cpp) ----------------------------------------------
struct QrMatrix;

// MATRIX's dark modules in the current source colour, the first module's top left at (X, Y),
// modules MODULE units wide: one path, each row's dark runs as one rectangle, filled as a
// union, so no hairline seams appear between neighbouring modules when rasterised.
void drawQrModules(cairo_t* cr, const QrMatrix& matrix, double x, double y, double module);

// Adds to MISSING, once each, the characters of LAYOUT that no print face has (pango draws
// them as hex boxes). Cheap when there are none: characters are named only for a layout
// inspectGlyphs reports as having unknown glyphs.
void collectMissingGlyphs(PangoContext* context, const PrintFonts& fonts, PangoLayout* layout,
                          std::u32string& missing);

}  // namespace zwgk
