// Internal to printing/*.cpp: the flow engine behind the A4 layouts (a4_pages.h). Content is
// composed once into blocks of rows (a row is one line of a paragraph, one table row or one
// unbreakable box), the blocks are cut into pages, and only then is anything drawn: the page
// count ("共 M 页", the print limit) is known before the first page is drawn, and nothing is
// laid out twice.
//
// Coordinates are points. A mark's x is measured from the left edge of the content area, its
// y from the top of its row; pagination gives every row its y on its page.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "print_text.h"
#include "qr_code.h"

namespace zwgk::flow {

using SharedLayout = std::shared_ptr<PangoLayout>;

// ---- page ----------------------------------------------------------------------------------
struct PageGeometry {
    double width = 0;   // page width
    double height = 0;  // page height
    double left = 0;    // margins around the area the blocks flow through
    double right = 0;
    double top = 0;
    double bottom = 0;  // the footer sits inside the bottom margin
    double contentWidth() const { return width - left - right; }
    double contentBottom() const { return height - bottom; }
};

// A4 portrait (210 × 297 mm) with the given margins in millimetres.
PageGeometry a4Portrait(double leftMm, double rightMm, double topMm, double bottomMm);

// ---- marks: what a row draws ----------------------------------------------------------------
struct LineMark {                   // one line of a laid-out paragraph
    SharedLayout layout;            // keeps LINE alive
    PangoLayoutLine* line = nullptr;
    double x = 0;                   // the line's origin (alignment and indent included)
    double baseline = 0;            // from the row's top
};
struct LayoutMark {                 // a whole layout, its top left at (x, y)
    SharedLayout layout;
    double x = 0;
    double y = 0;
    bool white = false;             // white text (on a black tag)
};
struct RectMark {                   // a rectangle
    double x = 0, y = 0, w = 0, h = 0;
    double stroke = 0;              // outline width; 0 fills it
};
struct LineSegment {                // a rule
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;             // line width
    bool dashed = false;            // 2 pt on, 1.5 pt off
};
struct QrMark {                     // a QR symbol, its first module's top left at (x, y)
    std::shared_ptr<const QrMatrix> matrix;
    double x = 0, y = 0;
    double module = 0;              // module side
};
using Mark = std::variant<LineMark, LayoutMark, RectMark, LineSegment, QrMark>;

struct Row {
    double height = 0;              // what the row takes of the page
    std::vector<Mark> marks;        // relative to the row's top left
};

// ---- blocks: how rows may be cut into pages -------------------------------------------------
struct Block {
    std::vector<Row> rows;          // top to bottom
    double spaceBefore = 0;         // above the block, dropped at the top of a page
    double spaceAfter = 0;          // below the block
    bool splittable = false;        // may break between rows (paragraphs, tables); else moved whole
    int minRowsAtFoot = 2;          // a split leaves at least this many rows before the break…
    int minRowsAtHead = 2;          // …and at least this many after it
    bool keepWithNext = false;      // headings: never the last thing on a page
    bool keepWithPrevious = false;  // signatures: never alone at the top of a page (rows of the
                                    // previous block come along)
    std::vector<Row> repeatRows;    // drawn again at the top of each page the block continues on
                                    // (a table's header row)
};

struct Flow {
    std::vector<Block> blocks;      // in reading order
    std::vector<Row> runningHead;   // at the top of every page after the first
};

struct PlacedRow {
    const Row* row = nullptr;       // into the Flow, which must outlive the pages
    double y = 0;                   // top of the row on its page
    int block = -1;                 // index of its block, -1 for running heads and repeats
};
struct Page {
    std::vector<PlacedRow> rows;    // in drawing order
};

// Cuts FLOW into pages of GEOMETRY. Never returns an empty page: a block taller than a page
// is cut between rows wherever it must be; a row taller than a page overflows its page.
std::vector<Page> paginate(const Flow& flow, const PageGeometry& geometry);

// ---- composing ---------------------------------------------------------------------------------

// Line breaking rules for Chinese (避头尾): characters that may not start a line, characters
// that may not end one, and pairs never split (—— ……).
bool mayNotStartLine(char32_t cp);
bool mayNotEndLine(char32_t cp);
bool inseparable(char32_t before, char32_t after);

// Where a line of some style sits in a row of a fixed pitch: the same baseline offset for
// every line, whatever face a line's characters come from, so lines keep an even rhythm.
struct LineMetrics {
    double baseline = 0;  // from the top of a row PITCH high
    double pitch = 0;     // row height
};

class Composer {
public:
    Composer(PrintFonts& fonts, PangoContext* context) : fonts_(fonts), context_(context) {}

    PangoContext* context() const { return context_; }
    const PrintFonts& fonts() const { return fonts_; }

    // TEXT laid out (makeLayout). Wrapped layouts (WIDTH > 0) get the 避头尾 rules as
    // no-break attributes, JUSTIFY both edges but the last line, INDENT the first line.
    // Every layout is remembered for missingGlyphs().
    SharedLayout text(const std::string& text, const TextStyle& style, double width = -1,
                      PangoAlignment align = PANGO_ALIGN_LEFT, PangoWrapMode wrap = PANGO_WRAP_WORD_CHAR,
                      bool justify = false, double indent = 0);

    // One line, cut with an ellipsis (…) at the end when wider than WIDTH.
    SharedLayout ellipsized(const std::string& text, const TextStyle& style, double width, int maxLines = 1);

    // Baseline offset for lines of STYLE in rows PITCH high.
    LineMetrics metrics(const TextStyle& style, double pitch);

    // LAYOUT's lines as rows of METRICS.pitch, their origins offset by X.
    std::vector<Row> lineRows(const SharedLayout& layout, double x, const LineMetrics& metrics);

    // Characters no print face has, over every layout made so far.
    std::u32string missingGlyphs();

private:
    PrintFonts& fonts_;
    PangoContext* context_;
    std::vector<SharedLayout> layouts_;  // for the glyph report
    std::vector<std::pair<TextStyle, LineMetrics>> metrics_;  // measured so far
};

// Logical lines of LAYOUT as UTF-8 (for tests of the line breaking).
std::vector<std::string> layoutLines(PangoLayout* layout);

// ---- drawing -----------------------------------------------------------------------------------
struct Footer {
    std::string left;               // 打印自 <zone> <time>, at the left of every page
    TextStyle style{8.5, false};    // footer text
};

// "第 N 页 共 M 页"
std::string pageNumberText(int page, int pages);

// The pages as a PDF of GEOMETRY, each with FOOTER (a rule, the left text, and the page
// number at the right). TITLE goes into the PDF's metadata.
bool drawPdf(Composer& composer, const PageGeometry& geometry, const std::vector<Page>& pages, const Footer& footer,
             const std::string& title, std::string& bytes, std::string& error);

}  // namespace zwgk::flow
