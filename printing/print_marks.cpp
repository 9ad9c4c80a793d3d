// Drawing helpers every layout of this module shares (declared in print_text.h): QR modules
// as vector rectangles and the report of characters no print face has.

#include "print_text.h"
#include "qr_code.h"
#include "utf8.h"

namespace zwgk {

void drawQrModules(cairo_t* cr, const QrMatrix& matrix, double x, double y, double module) {
    for (int row = 0; row < matrix.size; ++row) {
        for (int col = 0; col < matrix.size;) {
            if (!matrix.at(col, row)) {
                ++col;
                continue;
            }
            int end = col;
            while (end < matrix.size && matrix.at(end, row)) ++end;
            cairo_rectangle(cr, x + col * module, y + row * module, (end - col) * module, module);
            col = end;
        }
    }
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr);
}

void collectMissingGlyphs(PangoContext* context, const PrintFonts& fonts, PangoLayout* layout,
                          std::u32string& missing) {
    bool unknown = false, fallback = false;
    inspectGlyphs(layout, fonts, unknown, fallback);
    if (!unknown) return;
    // Name the characters (rare): check each one of this layout on its own.
    for (char32_t cp : utf8::decode(pango_layout_get_text(layout))) {
        if (missing.find(cp) != std::u32string::npos) continue;
        LayoutPtr one = makeLayout(context, fonts, utf8::encode(cp), TextStyle{});
        inspectGlyphs(one.get(), fonts, unknown, fallback);
        if (unknown) missing.push_back(cp);
    }
}

}  // namespace zwgk
