// The 政府信息公开申请回执 (see receipt.h): laid out with pango in points on an 80 mm page,
// measured first, then drawn onto a PDF surface exactly as tall as the content.
//
// Sections: fixed wording · page geometry · composing · drawing · renderReceiptPdf ·
//           template characters

#include "receipt.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <set>
#include <vector>

#include "print_text.h"
#include "qr_code.h"
#include "utf8.h"

namespace zwgk {

namespace {

// ---------------------------------------------------------------------------------------
// Fixed wording (receiptTemplateCharacters() reads every string here)
// ---------------------------------------------------------------------------------------
constexpr const char* kTitle = "政府信息公开申请回执";
constexpr const char* kReprintTag = "补打";
constexpr const char* kCodeLabel = "查询码";
constexpr const char* kLabelSubmitted = "提交时间";
constexpr const char* kLabelPrinted = "补打时间";
constexpr const char* kLabelReceived = "收到申请日期";
constexpr const char* kNoteReceived =
    "在本专区终端提交的申请，以提交当日为收到申请之日（《政府信息公开条例》第三十一条）";
constexpr const char* kLabelOffice = "受理机关";
constexpr const char* kLabelPlace = "提交地点";
constexpr const char* kLabelApplicant = "申请人";
constexpr const char* kLabelId = "身份证件";
constexpr const char* kLabelInfo = "所需信息";
constexpr const char* kLabelProvision = "提供方式";
constexpr const char* kLabelDue = "答复期限";
constexpr const char* kDueBefore = "前";
constexpr const char* kDueProvisional = "预计 ";
constexpr const char* kNoteDue =
    "（《条例》第三十三条：自收到申请之日起20个工作日内答复；如需延长，最长不超过20个工作日，将另行告知）";
constexpr const char* kNoteProvisional =
    "下一年度节假日安排尚未公布，日期按双休日推算，以行政机关告知为准";
constexpr const char* kQrCaption = "扫码查询办理进度";
constexpr const char* kNextHeading = "接下来会怎样";
constexpr const char* kNextCorrection = "如申请内容不明确，将在7个工作日内一次性告知补正（第三十条）";
constexpr const char* kNextLookup = "可凭查询码在本专区终端“进度查询”或扫码查询";
constexpr const char* kNextHotline = "咨询电话 ";
constexpr const char* kNextKeep = "请妥善保管本回执";

constexpr const char* kTemplateTexts[] = {
    kTitle, kReprintTag, kCodeLabel, kLabelSubmitted, kLabelPrinted, kLabelReceived,
    kNoteReceived, kLabelOffice, kLabelPlace, kLabelApplicant, kLabelId, kLabelInfo,
    kLabelProvision, kLabelDue, kDueBefore, kDueProvisional, kNoteDue, kNoteProvisional,
    kQrCaption, kNextHeading, kNextCorrection, kNextLookup, kNextHotline, kNextKeep,
    // What callers put between parts of a value (纸质 · 现场领取), the "…" of abridged text,
    // and punctuation a typed name, office or description commonly holds.
    "·…—－、。，：；！？（）【】《》〈〉「」『』“”‘’〔〕％＋－＝／＊※№℃①②③④⑤⑥⑦⑧⑨⑩",
};

// ---------------------------------------------------------------------------------------
// Page geometry (points unless named Mm)
// ---------------------------------------------------------------------------------------
constexpr double kPageWidthMm = 80;
constexpr double kMarginMm = 4;
constexpr double kPageWidth = kPageWidthMm * kPointsPerMm;
constexpr double kMargin = kMarginMm * kPointsPerMm;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;

// Receipt printers have 203 dpi heads (8 dots per mm): QR modules are whole dots, so every
// module prints the same width.
constexpr double kPrinterDotMm = 25.4 / 203;
constexpr double kQrTargetMm = 30;      // symbol width (without quiet zone) we aim for
constexpr double kQrMinModuleMm = 0.5;  // below this phone cameras struggle on thermal paper
constexpr double kQrMaxModuleMm = 1.0;  // short URLs: no need for a giant code

constexpr TextStyle kTitleStyle{13, true};
constexpr TextStyle kTagStyle{9, true};
constexpr TextStyle kZoneStyle{9.5, false};
constexpr TextStyle kCodeLabelStyle{8.5, false};
constexpr double kCodeMaxPt = 24;
constexpr double kCodeMinPt = 12;
constexpr TextStyle kRowStyle{9.5, false};
constexpr TextStyle kDueStyle{9.5, true};
constexpr TextStyle kNoteStyle{8, false};
constexpr TextStyle kCaptionStyle{9, false};
constexpr TextStyle kUrlStyle{7, false};
constexpr TextStyle kHeadingStyle{9.5, true};
constexpr TextStyle kItemStyle{8.5, false};

constexpr double kLabelGap = 5;    // between the label column and the values
constexpr double kRowGap = 3;      // between rows
constexpr double kSectionGap = 6;  // around rules
constexpr double kLineSpacing = 1.12;  // factor on the font's line height for wrapped text

// ---------------------------------------------------------------------------------------
// Composing: every element placed at its final position; the page height follows
// ---------------------------------------------------------------------------------------
struct PlacedText {
    LayoutPtr layout;    // laid out in points
    double x = 0;        // top left of the logical box
    double y = 0;
    bool white = false;  // drawn white (on the reprint tag's black box)
};

struct PlacedQr {
    QrMatrix matrix;    // the modules
    double x = 0;       // top left of the first module (inside the quiet zone)
    double y = 0;
    double module = 0;  // module side, points
};

struct Frame {
    double x = 0, y = 0, w = 0, h = 0;  // the 补打 tag's box
};

struct Dot {
    double x = 0, y = 0, r = 0;  // a list bullet: centre and radius
};

struct ReceiptLayout {
    std::vector<PlacedText> texts;  // every text block
    std::vector<double> rules;      // y of each dashed rule
    std::optional<Frame> tagFrame;  // reprints only: a black box the tag is drawn on in white
    std::vector<Dot> bullets;       // drawn, not a glyph: the fonts' • is a speck at this size
    PlacedQr qr;                    // the status QR code
    double height = 0;              // page height, points
};

class Composer {
public:
    Composer(PangoContext* context, const PrintFonts& fonts, ReceiptLayout& out)
        : context_(context), fonts_(fonts), out_(out) {}

    double y = kMargin;  // top of the next element

    LayoutPtr layout(const std::string& text, const TextStyle& style, double width = -1,
                     PangoAlignment align = PANGO_ALIGN_LEFT, PangoWrapMode wrap = PANGO_WRAP_WORD_CHAR) {
        LayoutPtr l = makeLayout(context_, fonts_, text, style, width, align, wrap);
        if (width > 0) pango_layout_set_line_spacing(l.get(), static_cast<float>(kLineSpacing));
        return l;
    }

    // A block across the content width; returns its layout's height.
    double block(const std::string& text, const TextStyle& style, PangoAlignment align,
                 double gapAfter, double indent = 0, PangoWrapMode wrap = PANGO_WRAP_WORD_CHAR) {
        LayoutPtr l = layout(text, style, kContentWidth - indent, align, wrap);
        const double h = layoutHeightPt(l.get());
        place(std::move(l), kMargin + indent, y);
        y += h + gapAfter;
        return h;
    }

    void place(LayoutPtr l, double x, double top, bool white = false) {
        out_.texts.push_back(PlacedText{std::move(l), x, top, white});
    }

    void rule() {
        y += kSectionGap / 2;
        out_.rules.push_back(y);
        y += kSectionGap;
    }

    // LABEL in the label column, VALUE wrapped beside it, first baselines aligned.
    void row(const char* label, const std::string& value, double labelColumn, const TextStyle& valueStyle = kRowStyle) {
        LayoutPtr l = layout(label, kRowStyle);
        LayoutPtr v = layout(value, valueStyle, kContentWidth - labelColumn);
        const double lb = pango_layout_get_baseline(l.get()) / double(PANGO_SCALE);
        const double vb = pango_layout_get_baseline(v.get()) / double(PANGO_SCALE);
        const double base = std::max(lb, vb);
        const double bottom = std::max(base - lb + layoutHeightPt(l.get()), base - vb + layoutHeightPt(v.get()));
        place(std::move(l), kMargin, y + base - lb);
        place(std::move(v), kMargin + labelColumn, y + base - vb);
        y += bottom + kRowGap;
    }

private:
    PangoContext* context_;   // points, unhinted, zh-cn
    const PrintFonts& fonts_; // the print fonts
    ReceiptLayout& out_;      // what is composed
};

// The module side for MATRIX: about kQrTargetMm wide, whole printer dots, at least
// kQrMinModuleMm; nullopt when even that does not fit the content width with its quiet zone.
std::optional<double> qrModuleMm(const QrMatrix& matrix) {
    const int minDots = static_cast<int>(std::ceil(kQrMinModuleMm / kPrinterDotMm - 1e-9));   // 4: 0.50 mm
    const int maxDots = static_cast<int>(std::floor(kQrMaxModuleMm / kPrinterDotMm + 1e-9));  // 7: 0.88 mm
    const int wanted = static_cast<int>(std::floor(kQrTargetMm / matrix.size / kPrinterDotMm));
    const double module = std::clamp(wanted, minDots, maxDots) * kPrinterDotMm;
    const double total = (matrix.size + 2 * kQrQuietZoneModules) * module;
    if (total > kPageWidthMm - 2 * kMarginMm) return std::nullopt;
    return module;
}

void compose(PangoContext* context, const PrintFonts& fonts, const ReceiptContent& r, const QrMatrix& qr,
             double qrModuleMmValue, ReceiptLayout& out) {
    Composer c(context, fonts, out);

    // Title, with the 补打 tag in the right margin of the title line on reprints.
    const double titleTop = c.y;
    const double titleHeight = c.block(kTitle, kTitleStyle, PANGO_ALIGN_CENTER, 2);
    if (r.reprint) {
        LayoutPtr tag = c.layout(kReprintTag, kTagStyle);
        const double pad = 2;
        const double w = layoutWidthPt(tag.get()) + 2 * pad;
        const double h = layoutHeightPt(tag.get()) + 2 * pad;
        const double x = kMargin + kContentWidth - w;
        const double top = titleTop + (titleHeight - h) / 2;
        out.tagFrame = Frame{x, top, w, h};
        c.place(std::move(tag), x + pad, top + pad, true);
    }
    if (!r.zoneName.empty()) c.block(r.zoneName, kZoneStyle, PANGO_ALIGN_CENTER, 0);
    c.rule();

    // The tracking code: as large as fits, up to kCodeMaxPt.
    c.block(kCodeLabel, kCodeLabelStyle, PANGO_ALIGN_CENTER, 1);
    double codePt = kCodeMaxPt;
    LayoutPtr code = c.layout(r.trackingCode, TextStyle{codePt, true});
    const double natural = layoutWidthPt(code.get());
    if (natural > kContentWidth) {
        codePt = std::max(kCodeMinPt, std::floor(codePt * kContentWidth / natural * 10) / 10);
    }
    c.block(r.trackingCode, TextStyle{codePt, true}, PANGO_ALIGN_CENTER, 0, 0, PANGO_WRAP_CHAR);
    c.rule();

    // Label column: as wide as the widest label used.
    std::vector<const char*> labels = {kLabelSubmitted, kLabelReceived, kLabelOffice, kLabelPlace,
                                       kLabelApplicant, kLabelInfo, kLabelProvision, kLabelDue};
    if (r.reprint) labels.push_back(kLabelPrinted);
    if (!r.idDocument.empty()) labels.push_back(kLabelId);
    double labelColumn = 0;
    for (const char* label : labels)
        labelColumn = std::max(labelColumn, layoutWidthPt(c.layout(label, kRowStyle).get()));
    labelColumn += kLabelGap;

    c.row(kLabelSubmitted, r.submittedAt, labelColumn);
    if (r.reprint) c.row(kLabelPrinted, r.printedAt, labelColumn);
    c.row(kLabelReceived, r.receivedDate, labelColumn);
    c.block(kNoteReceived, kNoteStyle, PANGO_ALIGN_LEFT, kRowGap + 1, labelColumn);
    c.row(kLabelOffice, r.office, labelColumn);
    std::string place = r.zoneName;
    if (!r.terminalLocation.empty()) place += (place.empty() ? "" : " ") + r.terminalLocation;
    if (!place.empty()) c.row(kLabelPlace, place, labelColumn);
    if (!r.applicant.empty()) c.row(kLabelApplicant, r.applicant, labelColumn);
    if (!r.idDocument.empty()) c.row(kLabelId, r.idDocument, labelColumn);
    if (!r.infoWanted.empty()) c.row(kLabelInfo, r.infoWanted, labelColumn);
    if (!r.provision.empty()) c.row(kLabelProvision, r.provision, labelColumn);
    const std::string due = (r.dueProvisional ? std::string(kDueProvisional) : "") + r.dueDate + kDueBefore;
    c.row(kLabelDue, due, labelColumn, kDueStyle);
    c.block(kNoteDue, kNoteStyle, PANGO_ALIGN_LEFT, r.dueProvisional ? 1 : 0, labelColumn);
    if (r.dueProvisional) c.block(kNoteProvisional, kNoteStyle, PANGO_ALIGN_LEFT, 0, labelColumn);
    c.rule();

    // QR code centred, its origin on the printer's dot grid, then the caption and the URL.
    const double dot = kPrinterDotMm * kPointsPerMm;
    const double module = qrModuleMmValue * kPointsPerMm;
    const double symbol = qr.size * module;
    const double quiet = kQrQuietZoneModules * module;
    out.qr.matrix = qr;
    out.qr.module = module;
    out.qr.x = std::round((kPageWidth - symbol) / 2 / dot) * dot;
    out.qr.y = std::round((c.y + quiet - kSectionGap) / dot) * dot;  // the rule's gap is part of the quiet zone
    c.y = out.qr.y + symbol + quiet;
    c.block(kQrCaption, kCaptionStyle, PANGO_ALIGN_CENTER, 1);
    c.block(r.statusUrl, kUrlStyle, PANGO_ALIGN_CENTER, 0, 0, PANGO_WRAP_CHAR);
    c.rule();

    // What happens next.
    c.block(kNextHeading, kHeadingStyle, PANGO_ALIGN_LEFT, 2);
    std::vector<std::string> items = {kNextCorrection, kNextLookup};
    if (!r.hotline.empty()) items.push_back(std::string(kNextHotline) + r.hotline);
    items.push_back(kNextKeep);
    const double bulletIndent = kItemStyle.sizePt;
    for (const std::string& item : items) {
        // The dot sits at the middle of the first line's ideographs (baseline − 0.38 em).
        LayoutPtr probe = c.layout(item, kItemStyle, kContentWidth - bulletIndent);
        const double baseline = pango_layout_get_baseline(probe.get()) / double(PANGO_SCALE);
        out.bullets.push_back(Dot{kMargin + bulletIndent * 0.35, c.y + baseline - kItemStyle.sizePt * 0.38,
                                  kItemStyle.sizePt * 0.14});
        c.block(item, kItemStyle, PANGO_ALIGN_LEFT, 2, bulletIndent);
    }
    out.height = std::ceil(c.y - 2 + kMargin);
}

// ---------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------
void draw(cairo_t* cr, const ReceiptLayout& layout) {
    cairo_set_source_rgb(cr, 0, 0, 0);
    if (layout.tagFrame) {
        cairo_rectangle(cr, layout.tagFrame->x, layout.tagFrame->y, layout.tagFrame->w, layout.tagFrame->h);
        cairo_fill(cr);
    }
    for (const PlacedText& t : layout.texts) {
        cairo_set_source_rgb(cr, t.white ? 1 : 0, t.white ? 1 : 0, t.white ? 1 : 0);
        cairo_move_to(cr, t.x, t.y);
        pango_cairo_show_layout(cr, t.layout.get());
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const Dot& d : layout.bullets) {
        cairo_new_sub_path(cr);
        cairo_arc(cr, d.x, d.y, d.r, 0, 2 * std::numbers::pi);
    }
    cairo_fill(cr);

    cairo_save(cr);
    cairo_set_line_width(cr, 0.6);
    const double dash[] = {2.0, 1.5};
    cairo_set_dash(cr, dash, 2, 0);
    for (double y : layout.rules) {
        cairo_move_to(cr, kMargin, y);
        cairo_line_to(cr, kMargin + kContentWidth, y);
    }
    cairo_stroke(cr);
    cairo_restore(cr);

    const PlacedQr& qr = layout.qr;
    drawQrModules(cr, qr.matrix, qr.x, qr.y, qr.module);
}

std::string missingField(const ReceiptContent& r) {
    if (r.trackingCode.empty()) return "trackingCode";
    if (r.receivedDate.empty()) return "receivedDate";
    if (r.office.empty()) return "office";
    if (r.dueDate.empty()) return "dueDate";
    if (r.statusUrl.empty()) return "statusUrl";
    if (r.reprint && r.printedAt.empty()) return "printedAt (a reprint)";
    return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// renderReceiptPdf
// ---------------------------------------------------------------------------------------
bool renderReceiptPdf(const ReceiptContent& receipt, RenderedPdf& out, std::string& error) {
    out = RenderedPdf{};
    if (std::string field = missingField(receipt); !field.empty()) {
        error = "receipt without " + field;
        return false;
    }
    QrMatrix qr;
    if (!encodeQr(receipt.statusUrl, qr, error)) {
        error = "status URL: " + error;
        return false;
    }
    const std::optional<double> moduleMm = qrModuleMm(qr);
    if (!moduleMm) {
        error = "status URL of " + std::to_string(receipt.statusUrl.size()) +
                " bytes needs a QR code (version " + std::to_string(qr.version) +
                ") too large for an 80 mm receipt at 0.5 mm per module";
        return false;
    }
    std::shared_ptr<PrintFonts> fonts = defaultPrintFonts(error);
    if (!fonts) return false;

    std::lock_guard lock(fonts->mutex);
    ContextPtr context = createPrintContext(*fonts);
    ReceiptLayout layout;
    compose(context.get(), *fonts, receipt, qr, *moduleMm, layout);

    std::u32string missing;
    for (const PlacedText& t : layout.texts) collectMissingGlyphs(context.get(), *fonts, t.layout.get(), missing);

    std::string bytes;
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(appendToString, &bytes, kPageWidth, layout.height));
    // The document title is fixed wording: nothing personal in the PDF's metadata.
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, kTitle);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "zwgk-kiosk");
    {
        CairoPtr cr(cairo_create(surface.get()));
        draw(cr.get(), layout);
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        error = std::string("cairo: ") + cairo_status_to_string(cairo_surface_status(surface.get()));
        return false;
    }
    out.bytes = std::move(bytes);
    out.pages = 1;
    out.widthMm = kPageWidthMm;
    out.heightMm = layout.height / kPointsPerMm;
    out.missingGlyphs = std::move(missing);
    return true;
}

// ---------------------------------------------------------------------------------------
// Template characters
// ---------------------------------------------------------------------------------------
std::u32string receiptTemplateCharacters() {
    std::set<char32_t> chars;
    for (const char* text : kTemplateTexts)
        for (char32_t cp : utf8::decode(text)) chars.insert(cp);
    for (char32_t cp = 0x21; cp <= 0x7E; ++cp) chars.insert(cp);      // ASCII: codes, dates, URLs
    for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) chars.insert(cp);  // full-width forms a citizen may type
    chars.erase(U' ');
    return std::u32string(chars.begin(), chars.end());
}

}  // namespace zwgk
