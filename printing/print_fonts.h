// The fonts printed pages are drawn with. cairo 1.16 damages some glyphs of Noto Sans CJK SC
// when it subsets the font into a PDF (如 and 瘃 in Regular, 忉 and 烪 in Bold: blank or
// broken in every viewer), so printing never uses the UI's font: it draws with WenQuanYi
// Zen Hei, and with Noto Serif CJK SC only for characters Zen Hei lacks (both survive
// subsetting; measurements in printing/README.md, proof in tests/print/glyph_check_test.cpp).
//
// The faces live in a private fontconfig configuration that holds nothing else, so pango's
// fallback can never reach a face outside the list, however the machine is configured:
// a character none of them has is drawn as a visible box, never silently in another font.
// Bold is synthesised (fontconfig's embolden) for faces without a bold weight; cairo then
// embeds the emboldened outlines.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "font_locator.h"

namespace zwgk {

struct PrintFontSpec {
    std::vector<FontFace> faces;  // first: the main face (its family is asked for); then fallbacks in order
    bool synthesizeBold = true;   // embolden faces that have no bold weight of their own
};

// Opaque: layout code in printing/*.cpp reaches the pango font map through print_text.h.
class PrintFonts;

// The spec the receipt uses: WenQuanYi Zen Hei, then Noto Serif CJK SC Regular, each found
// through fontconfig without substitutes (findFont). False with ERROR naming what is missing.
// ZWGK_PRINT_FONT=/path/file.ttc[:index] replaces the main face (for trying other fonts).
bool choosePrintFonts(PrintFontSpec& spec, std::string& error);

// The receipt's fonts, built once per process from choosePrintFonts() and shared; nullptr
// with ERROR when they cannot be loaded. Thread-safe.
std::shared_ptr<PrintFonts> defaultPrintFonts(std::string& error);

// Exactly SPEC's faces in a private configuration (the glyph check uses it to compare fonts).
std::shared_ptr<PrintFonts> makePrintFonts(const PrintFontSpec& spec, std::string& error);

const PrintFontSpec& printFontSpec(const PrintFonts& fonts);

// "WenQuanYi Zen Hei (/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc:0), then …", for logs.
std::string describePrintFonts(const PrintFonts& fonts);

}  // namespace zwgk
