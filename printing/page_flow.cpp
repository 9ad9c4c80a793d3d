// The flow engine of the A4 layouts (see page_flow.h).
//
// Sections: page · line breaking rules · composing · pagination · drawing

#include "page_flow.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <string_view>

#include "utf8.h"

namespace zwgk::flow {

namespace {

constexpr double kEpsilon = 0.01;  // points: rows that fit "exactly" fit

SharedLayout share(LayoutPtr layout) {
    return SharedLayout(layout.release(), [](PangoLayout* p) {
        if (p) g_object_unref(p);
    });
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Page
// ---------------------------------------------------------------------------------------
PageGeometry a4Portrait(double leftMm, double rightMm, double topMm, double bottomMm) {
    PageGeometry g;
    g.width = 210 * kPointsPerMm;
    g.height = 297 * kPointsPerMm;
    g.left = leftMm * kPointsPerMm;
    g.right = rightMm * kPointsPerMm;
    g.top = topMm * kPointsPerMm;
    g.bottom = bottomMm * kPointsPerMm;
    return g;
}

// ---------------------------------------------------------------------------------------
// Line breaking rules (避头尾)
// ---------------------------------------------------------------------------------------
// Pango breaks lines by UAX #14, which keeps most closing punctuation off line starts, but
// not all of what Chinese typesetting forbids: it breaks before · (class AI, treated as a
// letter), and when a run without break opportunities is wider than the line it falls back
// to breaking between any two characters (，。》” ℃ % at line starts; measured with
// punctuation-heavy text at widths of 6–40 characters). The rules below are given to pango
// as no-break attributes, so it finds an earlier break itself.
//
// The lists follow the line-start and line-end prohibitions of Simplified Chinese word
// processors (GB/T 15834 标点符号用法: 句号、逗号、顿号、分号、冒号、问号、叹号、后引号、
// 后括号、后书名号、间隔号 not at a line start; 前引号、前括号、前书名号 not at a line end;
// 破折号 and 省略号 not split).
bool mayNotStartLine(char32_t cp) {
    static constexpr std::u32string_view kList =
        U"，。、；：？！．）》」』”’〕】〉〗〙〛］｝〞〃々…‥·・‧～%％‰℃℉′″"
        U",.;:?!)]}";
    return kList.find(cp) != std::u32string_view::npos;
}

bool mayNotEndLine(char32_t cp) {
    static constexpr std::u32string_view kList = U"（《「『“‘〔【〈〖〘〚［｛〝·・￥＄£$([{";
    return kList.find(cp) != std::u32string_view::npos;
}

bool inseparable(char32_t before, char32_t after) {
    return before == after && (before == U'—' || before == U'…' || before == U'⸺' || before == U'─');
}

namespace {

// No break between two characters where the rules forbid one: an allow-breaks=false
// attribute over the pair (pango clears the break opportunities strictly inside the range).
// False when the text has no such pair.
bool applyLineBreakRules(PangoLayout* layout) {
    const std::string_view text = pango_layout_get_text(layout);
    PangoAttrList* attrs = pango_attr_list_new();
    char32_t previous = 0;
    size_t previousOffset = 0;
    int rules = 0;
    for (const utf8::Decoded& d : utf8::Codepoints(text)) {
        if (previous && (mayNotStartLine(d.cp) || mayNotEndLine(previous) || inseparable(previous, d.cp))) {
            PangoAttribute* attr = pango_attr_allow_breaks_new(FALSE);
            attr->start_index = static_cast<guint>(previousOffset);
            attr->end_index = static_cast<guint>(d.offset + d.length);
            pango_attr_list_insert(attrs, attr);
            ++rules;
        }
        previous = d.cp;
        previousOffset = d.offset;
    }
    if (rules) pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    return rules > 0;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Composing
// ---------------------------------------------------------------------------------------
SharedLayout Composer::text(const std::string& text, const TextStyle& style, double width, PangoAlignment align,
                            PangoWrapMode wrap, bool justify, double indent) {
    LayoutPtr layout = makeLayout(context_, fonts_, text, style, width, align, wrap);
    if (width > 0) {
        if (justify) pango_layout_set_justify(layout.get(), TRUE);
        if (indent != 0) pango_layout_set_indent(layout.get(), static_cast<int>(indent * PANGO_SCALE));
        if (applyLineBreakRules(layout.get())) {
            // A run the rules leave unbreakable and wider than the line (a rule drawn with 30
            // dashes, a row of full stops) would run off the page: then pango breaks alone.
            PangoRectangle logical{};
            pango_layout_get_extents(layout.get(), nullptr, &logical);
            const int tolerance = PANGO_SCALE / 2;
            if (logical.x < -tolerance || logical.x + logical.width > static_cast<int>(width * PANGO_SCALE) + tolerance)
                pango_layout_set_attributes(layout.get(), nullptr);
        }
    }
    SharedLayout shared = share(std::move(layout));
    layouts_.push_back(shared);
    return shared;
}

SharedLayout Composer::ellipsized(const std::string& text, const TextStyle& style, double width, int maxLines) {
    // One paragraph: line breaks in the text would otherwise start new ones.
    std::string flat = text;
    for (char& c : flat)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    LayoutPtr layout = makeLayout(context_, fonts_, flat, style, width);
    applyLineBreakRules(layout.get());
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_height(layout.get(), -std::max(1, maxLines));  // negative: a number of lines
    SharedLayout shared = share(std::move(layout));
    layouts_.push_back(shared);
    return shared;
}

LineMetrics Composer::metrics(const TextStyle& style, double pitch) {
    for (const auto& [s, m] : metrics_)
        if (s.sizePt == style.sizePt && s.bold == style.bold && m.pitch == pitch) return m;
    LayoutPtr probe = makeLayout(context_, fonts_, "国", style);
    const double height = layoutHeightPt(probe.get());
    const double baseline = pango_layout_get_baseline(probe.get()) / double(PANGO_SCALE);
    const LineMetrics m{(pitch - height) / 2 + baseline, pitch};
    metrics_.emplace_back(style, m);
    return m;
}

std::vector<Row> Composer::lineRows(const SharedLayout& layout, double x, const LineMetrics& metrics) {
    std::vector<Row> rows;
    PangoLayoutIter* iter = pango_layout_get_iter(layout.get());
    do {
        PangoRectangle logical{};
        pango_layout_iter_get_line_extents(iter, nullptr, &logical);
        Row row;
        row.height = metrics.pitch;
        // As pango's own renderer places a line: its origin at the line's logical x.
        row.marks.push_back(LineMark{layout, pango_layout_iter_get_line_readonly(iter),
                                     x + logical.x / double(PANGO_SCALE), metrics.baseline});
        rows.push_back(std::move(row));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return rows;
}

std::u32string Composer::missingGlyphs() {
    std::u32string missing;
    for (const SharedLayout& layout : layouts_) collectMissingGlyphs(context_, fonts_, layout.get(), missing);
    std::sort(missing.begin(), missing.end());
    return missing;
}

std::vector<std::string> layoutLines(PangoLayout* layout) {
    std::vector<std::string> lines;
    const std::string_view text = pango_layout_get_text(layout);
    PangoLayoutIter* iter = pango_layout_get_iter(layout);
    do {
        const PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
        lines.emplace_back(text.substr(static_cast<size_t>(line->start_index), static_cast<size_t>(line->length)));
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    return lines;
}

// ---------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------
namespace {

double heightOf(const std::vector<Row>& rows, size_t from = 0, size_t count = SIZE_MAX) {
    double h = 0;
    for (size_t i = from; i < rows.size() && i - from < count; ++i) h += rows[i].height;
    return h;
}

class Paginator {
public:
    Paginator(const Flow& flow, const PageGeometry& g) : flow_(flow), top_(g.top), bottom_(g.contentBottom()) {
        // The space a continuation page offers (the first page has no running head: as much or more).
        fullPage_ = bottom_ - top_ - heightOf(flow.runningHead);
    }

    std::vector<Page> run() {
        newPage();
        for (size_t i = 0; i < flow_.blocks.size(); ++i) placeBlock(i);
        return std::move(pages_);
    }

private:
    const Flow& flow_;
    double top_ = 0, bottom_ = 0, fullPage_ = 0;
    std::vector<Page> pages_;
    double y_ = 0;        // top of the next row
    bool fresh_ = true;   // no block rows on this page yet (a running head does not count)

    void newPage() {
        pages_.emplace_back();
        y_ = top_;
        fresh_ = true;
        if (pages_.size() > 1)
            for (const Row& row : flow_.runningHead) place(row, -1);
    }

    void place(const Row& row, int block) {
        pages_.back().rows.push_back(PlacedRow{&row, y_, block});
        y_ += row.height;
    }

    // A block moved whole unless it may be split, or is taller than any page.
    bool splits(const Block& b) const { return b.splittable || heightOf(b.rows) > fullPage_ + kEpsilon; }
    int minFoot(const Block& b) const { return b.splittable ? std::max(1, b.minRowsAtFoot) : 1; }
    int minHead(const Block& b) const { return b.splittable ? std::max(1, b.minRowsAtHead) : 1; }

    // Height block I needs at the foot of a page to start there: its first rows (all of them
    // when it is moved whole, or too short to leave enough rows on both sides of a break),
    // plus the start of the next block when it keeps with it.
    double lead(size_t i, int depth = 0) const {
        const Block& b = flow_.blocks[i];
        const size_t foot = static_cast<size_t>(minFoot(b)), head = static_cast<size_t>(minHead(b));
        const bool breakable = splits(b) && b.rows.size() >= foot + head;
        double h = breakable ? heightOf(b.rows, 0, foot) : heightOf(b.rows);
        if (b.keepWithNext && i + 1 < flow_.blocks.size() && depth < 8) {
            const double chained = h + b.spaceAfter + flow_.blocks[i + 1].spaceBefore + lead(i + 1, depth + 1);
            if (chained <= fullPage_ + kEpsilon) h = chained;  // a chain taller than a page cannot be kept
        }
        return h;
    }

    void placeBlock(size_t i) {
        const Block& b = flow_.blocks[i];
        if (!fresh_ && y_ + b.spaceBefore + lead(i) > bottom_ + kEpsilon) {
            if (b.keepWithPrevious && i > 0)
                carryPreviousRows(i - 1);
            else
                newPage();
        }
        if (!fresh_) y_ += b.spaceBefore;

        const bool split = splits(b);
        const size_t n = b.rows.size();
        size_t r = 0;
        while (r < n) {
            size_t fit = 0;
            for (double y = y_; r + fit < n && y + b.rows[r + fit].height <= bottom_ + kEpsilon; ++fit)
                y += b.rows[r + fit].height;
            if (r + fit == n) {
                for (; r < n; ++r) place(b.rows[r], static_cast<int>(i));
                break;
            }
            if (!split) {
                if (!fresh_) {
                    newPage();
                    continue;
                }
                for (; r < n; ++r) place(b.rows[r], static_cast<int>(i));  // cannot happen: taller blocks split
                break;
            }
            // Break after K rows: leave enough rows for the next page (widows) and, for the
            // block's first part, enough on this one (orphans).
            size_t k = fit;
            const size_t remaining = n - r - k;
            const size_t head = static_cast<size_t>(minHead(b));
            if (remaining < head) k = k > head - remaining ? k - (head - remaining) : 0;
            if (r == 0 && k < static_cast<size_t>(minFoot(b))) k = 0;
            if (k == 0) {
                if (!fresh_) {
                    newPage();
                    if (r > 0) placeRepeats(b);
                    continue;
                }
                k = std::max<size_t>(fit, 1);  // a fresh page: the rules cannot be kept, progress must be made
            }
            for (size_t j = 0; j < k; ++j, ++r) place(b.rows[r], static_cast<int>(i));
            fresh_ = false;
            newPage();
            placeRepeats(b);
        }
        y_ += b.spaceAfter;
        fresh_ = false;
    }

    void placeRepeats(const Block& b) {
        for (const Row& row : b.repeatRows) place(row, -1);
    }

    // Block J's last rows on this page go to the next page with the block that follows; when
    // all of J goes and J keeps with its own previous block, that one's last rows go too
    // (附件 and signature together bring the end of the body along).
    void carryPreviousRows(size_t j) {
        std::vector<PlacedRow>& rows = pages_.back().rows;
        size_t cut = rows.size();  // rows from here on move
        bool continues = false;    // the first block moved has rows on this page before the cut
        for (size_t k = j;; --k) {
            const Block& b = flow_.blocks[k];
            size_t onPage = 0;  // K's rows just before the cut
            while (onPage < cut && rows[cut - 1 - onPage].block == static_cast<int>(k)) ++onPage;
            if (onPage == 0) break;
            const bool startsHere = rows[cut - onPage].row == &b.rows.front();
            size_t move = onPage;
            if (splits(b)) {
                move = std::min(onPage, static_cast<size_t>(minHead(b)));
                if (startsHere && onPage - move < static_cast<size_t>(minFoot(b))) move = onPage;
            }
            cut -= move;
            continues = move < onPage || !startsHere;
            if (continues || !b.keepWithPrevious || k == 0) break;
        }
        // Never empty the page: what it holds then stays, and the next block starts a new one.
        const bool leavesContent = std::any_of(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(cut),
                                               [](const PlacedRow& p) { return p.block >= 0; });
        if (!leavesContent) cut = rows.size();

        const std::vector<PlacedRow> moved(rows.begin() + static_cast<std::ptrdiff_t>(cut), rows.end());
        rows.resize(cut);
        newPage();
        if (moved.empty()) return;
        if (continues) placeRepeats(flow_.blocks[static_cast<size_t>(moved.front().block)]);
        for (size_t k = 0; k < moved.size(); ++k) {
            if (k > 0 && moved[k].block != moved[k - 1].block)
                y_ += flow_.blocks[static_cast<size_t>(moved[k - 1].block)].spaceAfter +
                      flow_.blocks[static_cast<size_t>(moved[k].block)].spaceBefore;
            place(*moved[k].row, moved[k].block);
        }
        y_ += flow_.blocks[static_cast<size_t>(moved.back().block)].spaceAfter;
        fresh_ = false;
    }
};

}  // namespace

std::vector<Page> paginate(const Flow& flow, const PageGeometry& geometry) {
    return Paginator(flow, geometry).run();
}

// ---------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------
std::string pageNumberText(int page, int pages) {
    return "第 " + std::to_string(page) + " 页 共 " + std::to_string(pages) + " 页";
}

namespace {

void drawMark(cairo_t* cr, const Mark& mark, double left, double top) {
    if (const auto* m = std::get_if<LineMark>(&mark)) {
        cairo_move_to(cr, left + m->x, top + m->baseline);
        pango_cairo_show_layout_line(cr, m->line);
    } else if (const auto* m = std::get_if<LayoutMark>(&mark)) {
        if (m->white) cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_move_to(cr, left + m->x, top + m->y);
        pango_cairo_show_layout(cr, m->layout.get());
        if (m->white) cairo_set_source_rgb(cr, 0, 0, 0);
    } else if (const auto* m = std::get_if<RectMark>(&mark)) {
        cairo_rectangle(cr, left + m->x, top + m->y, m->w, m->h);
        if (m->stroke > 0) {
            cairo_set_line_width(cr, m->stroke);
            cairo_stroke(cr);
        } else {
            cairo_fill(cr);
        }
    } else if (const auto* m = std::get_if<LineSegment>(&mark)) {
        cairo_save(cr);
        cairo_set_line_width(cr, m->width);
        if (m->dashed) {
            const double dash[] = {2.0, 1.5};
            cairo_set_dash(cr, dash, 2, 0);
        }
        cairo_move_to(cr, left + m->x1, top + m->y1);
        cairo_line_to(cr, left + m->x2, top + m->y2);
        cairo_stroke(cr);
        cairo_restore(cr);
    } else if (const auto* m = std::get_if<QrMark>(&mark)) {
        drawQrModules(cr, *m->matrix, left + m->x, top + m->y, m->module);
    }
}

}  // namespace

bool drawPdf(Composer& composer, const PageGeometry& g, const std::vector<Page>& pages, const Footer& footer,
             const std::string& title, std::string& bytes, std::string& error) {
    bytes.clear();
    std::string out;
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(appendToString, &out, g.width, g.height));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, utf8::sanitize(title).c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "zwgk-kiosk");
    {
        CairoPtr cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        const SharedLayout left = composer.text(footer.left, footer.style);
        const double ruleY = g.contentBottom() + 4 * kPointsPerMm;
        const double textY = ruleY + 1.5 * kPointsPerMm;
        const int total = static_cast<int>(pages.size());
        for (int p = 0; p < total; ++p) {
            for (const PlacedRow& placed : pages[static_cast<size_t>(p)].rows)
                for (const Mark& mark : placed.row->marks) drawMark(cr.get(), mark, g.left, placed.y);

            drawMark(cr.get(), LineSegment{0, 0, g.contentWidth(), 0, 0.5, false}, g.left, ruleY);
            drawMark(cr.get(), LayoutMark{left, 0, 0, false}, g.left, textY);
            // The page number is digits and fixed wording: drawn, not collected for the glyph report.
            LayoutPtr number =
                makeLayout(composer.context(), composer.fonts(), pageNumberText(p + 1, total), footer.style);
            cairo_move_to(cr.get(), g.left + g.contentWidth() - layoutWidthPt(number.get()), textY);
            pango_cairo_show_layout(cr.get(), number.get());
            cairo_show_page(cr.get());
        }
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        error = std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get()));
        return false;
    }
    bytes = std::move(out);
    return true;
}

}  // namespace zwgk::flow
