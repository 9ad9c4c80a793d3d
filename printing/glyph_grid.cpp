// Glyph grids for the glyph check (see glyph_grid.h).
#include "glyph_grid.h"

#include <cairo-pdf.h>

#include <cmath>

#include "print_text.h"
#include "utf8.h"

namespace zwgk {

namespace {

constexpr double kMaxPdfPagePt = 14400;  // PDF 1.x page size limit (200 inches)

// Lays out every character (one layout each, so each sits exactly in its cell) and draws
// them with CR, whose transformation maps points to the target; with cellPerPage, each on a
// page of its own (cairo_show_page after each). Fills GRID. FONTS.mutex held.
void drawGrid(cairo_t* cr, PrintFonts& fonts, const std::u32string& chars, const GlyphGridOptions& options,
              GlyphGrid& grid) {
    ContextPtr context = createPrintContext(fonts);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const TextStyle style{options.fontPt, options.bold};
    for (size_t i = 0; i < chars.size(); ++i) {
        LayoutPtr layout = makeLayout(context.get(), fonts, utf8::encode(chars[i]), style);
        bool unknown = false, fallback = false;
        inspectGlyphs(layout.get(), fonts, unknown, fallback);
        if (unknown) grid.unmapped.push_back(chars[i]);
        if (fallback) grid.fromFallback.push_back(chars[i]);
        // Centre the logical box in the cell, the glyph origin (left end of the baseline) snapped.
        const size_t cell = options.cellPerPage ? 0 : i;
        const double cellX = static_cast<double>(cell % options.columns) * options.cellPt;
        const double cellY = static_cast<double>(cell / options.columns) * options.cellPt;
        const double w = layoutWidthPt(layout.get());
        const double h = layoutHeightPt(layout.get());
        const double baseline = pango_layout_get_baseline(layout.get()) / double(PANGO_SCALE);
        auto snap = [&](double v) { return options.snapPt > 0 ? std::round(v / options.snapPt) * options.snapPt : v; };
        const double x = snap(cellX + (options.cellPt - w) / 2);
        const double y = snap(cellY + (options.cellPt - h) / 2 + baseline) - baseline;
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, layout.get());
        if (options.cellPerPage) cairo_show_page(cr);
    }
}

bool prepareGrid(const std::u32string& chars, const GlyphGridOptions& options, GlyphGrid& grid,
                 std::string& error) {
    if (options.columns <= 0 || options.cellPt <= 0 || options.fontPt <= 0) {
        error = "glyph grid: columns, cell and font size must be positive";
        return false;
    }
    grid = GlyphGrid{};
    grid.chars = chars;
    grid.columns = options.cellPerPage ? 1 : options.columns;
    grid.rows = options.cellPerPage ? 1 : static_cast<int>((chars.size() + options.columns - 1) / options.columns);
    if (grid.rows == 0) grid.rows = 1;
    grid.pages = options.cellPerPage ? static_cast<int>(chars.size()) : 1;
    grid.cellPt = options.cellPt;
    grid.widthPt = grid.columns * options.cellPt;
    grid.heightPt = grid.rows * options.cellPt;
    if (grid.widthPt > kMaxPdfPagePt || grid.heightPt > kMaxPdfPagePt) {
        error = "glyph grid: page of " + std::to_string(grid.widthPt) + " x " +
                std::to_string(grid.heightPt) + " pt exceeds the PDF limit";
        return false;
    }
    return true;
}

}  // namespace

bool renderGlyphGridPdf(PrintFonts& fonts, const std::u32string& chars, const GlyphGridOptions& options,
                        RenderedPdf& out, GlyphGrid& grid, std::string& error) {
    out = RenderedPdf{};
    if (!prepareGrid(chars, options, grid, error)) return false;
    std::lock_guard lock(fonts.mutex);
    std::string bytes;
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(appendToString, &bytes, grid.widthPt, grid.heightPt));
    {
        CairoPtr cr(cairo_create(surface.get()));
        drawGrid(cr.get(), fonts, chars, options, grid);
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        error = std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get()));
        return false;
    }
    out.bytes = std::move(bytes);
    out.pages = grid.pages;
    out.widthMm = grid.widthPt / kPointsPerMm;
    out.heightMm = grid.heightPt / kPointsPerMm;
    return true;
}

bool renderGlyphGridImage(PrintFonts& fonts, const std::u32string& chars, const GlyphGridOptions& options,
                          double dpi, GrayImage& out, GlyphGrid& grid, std::string& error) {
    out = GrayImage{};
    if (options.cellPerPage) {
        error = "glyph grid: an image has one page";
        return false;
    }
    if (!prepareGrid(chars, options, grid, error)) return false;
    const double scale = dpi / 72.0;
    const int width = static_cast<int>(std::ceil(grid.widthPt * scale));
    const int height = static_cast<int>(std::ceil(grid.heightPt * scale));
    // A8: the alpha channel is the ink coverage of black text.
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_A8, width, height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        error = "cairo: cannot allocate a " + std::to_string(width) + "x" + std::to_string(height) + " image";
        return false;
    }
    {
        std::lock_guard lock(fonts.mutex);
        CairoPtr cr(cairo_create(surface.get()));
        cairo_scale(cr.get(), scale, scale);
        drawGrid(cr.get(), fonts, chars, options, grid);
    }
    cairo_surface_flush(surface.get());
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    out.width = width;
    out.height = height;
    out.pixels.resize(static_cast<size_t>(width) * height);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            out.pixels[static_cast<size_t>(y) * width + x] = static_cast<uint8_t>(255 - data[y * stride + x]);
    return true;
}

}  // namespace zwgk
