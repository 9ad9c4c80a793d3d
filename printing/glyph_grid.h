// Characters drawn one per cell of a grid, through the same fonts and pango path as the
// receipt, as a PDF (what a printer gets, fonts subset by cairo) and as an image rasterised
// by cairo directly (no PDF, no subsetting: what the glyph should look like). The glyph
// check (tests/print) rasterises the PDF with poppler (pdftocairo) and compares every cell
// with the reference image: a glyph damaged by subsetting shows as a blank, thinned or
// distorted cell.
//
// Geometry: cell i is the square at x = (i % columns) * cellPt, y = (i / columns) * cellPt
// (points, origin top left); the page is exactly columns × rows cells. With cellPerPage,
// character i is alone on page i + 1, a page one cell large.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "print_fonts.h"
#include "receipt.h"

namespace zwgk {

struct GlyphGridOptions {
    double cellPt = 14;   // side of a square cell
    double fontPt = 11;   // glyph size
    int columns = 100;    // cells per row
    bool bold = false;    // the bold weight (title, tracking code)
    double snapPt = 0.5;  // glyph origins on multiples of this (a whole pixel at 144 dpi), so that
                          // rasterisations of an intact glyph agree pixel for pixel. 0: no snapping
    bool cellPerPage = false;  // PDF only: every character on a one-cell page of its own (one
                               // document, so still one font subset for all of them)
};

struct GlyphGrid {
    std::u32string chars;         // cell i holds chars[i]
    int columns = 0;              // cells per row
    int rows = 0;                 // rows of cells (per page)
    int pages = 1;                // 1, or one per character with cellPerPage
    double cellPt = 0;            // cell side
    double widthPt = 0;           // page width = columns × cellPt
    double heightPt = 0;          // page height = rows × cellPt
    std::u32string unmapped;      // no print face has these: pango draws a hex box instead
    std::u32string fromFallback;  // drawn with a face other than the main one
};

struct GrayImage {
    int width = 0;                // pixels
    int height = 0;               // pixels
    std::vector<uint8_t> pixels;  // row-major, 0 black … 255 white
};

// The grid as a one-page PDF. False with ERROR when FONTS cannot lay it out or the page would
// be taller than PDF allows (14,400 pt: use more columns).
bool renderGlyphGridPdf(PrintFonts& fonts, const std::u32string& chars, const GlyphGridOptions& options,
                        RenderedPdf& out, GlyphGrid& grid, std::string& error);

// The same grid drawn by cairo into an image at DPI (72 dpi = one pixel per point).
bool renderGlyphGridImage(PrintFonts& fonts, const std::u32string& chars, const GlyphGridOptions& options,
                          double dpi, GrayImage& out, GlyphGrid& grid, std::string& error);

}  // namespace zwgk
