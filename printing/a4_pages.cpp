// The A4 layouts (see a4_pages.h): each composes its content into blocks of rows
// (page_flow.h), paginates them, checks the page limit, and only then draws.
//
// Sections: fixed wording · geometry and styles · QR codes · shared pieces · document ·
//           guide checklist · village poster · template characters · test hook

#include "a4_pages.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "page_flow.h"
#include "qr_code.h"
#include "utf8.h"

namespace zwgk {

namespace {

using flow::Block;
using flow::Composer;
using flow::LayoutMark;
using flow::LineMark;
using flow::LineSegment;
using flow::QrMark;
using flow::RectMark;
using flow::Row;
using flow::SharedLayout;

// ---------------------------------------------------------------------------------------
// Fixed wording (a4TemplateCharacters() reads every string here)
// ---------------------------------------------------------------------------------------
constexpr const char* kPrintedFrom = "打印自";
constexpr const char* kPageWords = "第页共";  // pageNumberText: 第 N 页 共 M 页

// Document
constexpr const char* kLabelIndexNo = "索引号";
constexpr const char* kLabelDocNo = "文号";
constexpr const char* kLabelAgency = "发布机构";
constexpr const char* kLabelPublished = "发布日期";
constexpr const char* kLabelTopic = "主题分类";
constexpr const char* kLabelValidity = "有效性";
constexpr const char* kLabelOriginal = "原文地址";
constexpr const char* kDocumentQrCaption = "扫码查看原文";
constexpr const char* kNoUrl = "无原文地址";
constexpr const char* kUrlTooLong = "原文地址过长，未生成二维码";
constexpr const char* kNoBody = "本文件无文字正文。";
constexpr const char* kNoBodySeeQr = "本文件无文字正文，请扫描二维码查看原文。";
constexpr const char* kRepealed = "【本文件已废止】";
constexpr const char* kExpired = "【本文件已失效】";
constexpr const char* kValidityPrefix = "【本文件效力：";
constexpr const char* kValiditySuffix = "】";
constexpr const char* kAttachmentsLabel = "附件：";

// Guide checklist
constexpr const char* kChecklistSubtitle = "办事材料清单";
constexpr const char* kLabelDepartment = "办理部门";
constexpr const char* kLabelWindow = "办理窗口";
constexpr const char* kLabelHours = "办公时间";
constexpr const char* kLabelStatutory = "法定时限";
constexpr const char* kLabelPromised = "承诺时限";
constexpr const char* kLabelFee = "收费标准";
constexpr const char* kLabelHotline = "咨询电话";
constexpr const char* kLabelServiceHotline = "便民热线";
constexpr const char* kServiceHotlineName = " 政务服务便民热线";
constexpr const char* kLabelOnline = "网上办理";
constexpr const char* kGuideQrCaption = "扫码网上办理";
constexpr const char* kOnlineTooLong = "（地址过长，未生成二维码）";
constexpr const char* kMaterialsHeading = "申请材料";
constexpr const char* kMaterialsCountPrefix = "共 ";
constexpr const char* kMaterialsCountSuffix = " 项，请逐项核对后在“核对”栏打勾";
constexpr const char* kColumnTick = "核对";
constexpr const char* kColumnNumber = "序号";
constexpr const char* kColumnName = "材料名称";
constexpr const char* kColumnForm = "材料形式";
constexpr const char* kColumnCount = "份数";
constexpr const char* kColumnNote = "备注";
constexpr const char* kNoMaterials = "本事项无需提交材料。";
constexpr const char* kStepsHeading = "办理流程";
constexpr const char* kBasisHeading = "设定依据";

// Village poster
constexpr const char* kPosterTitleSuffix = " 信息公示";
constexpr const char* kPosterContinued = "（续）";
constexpr const char* kPosterDateLabel = "公示日期：";
constexpr const char* kPosterHint = "用手机扫描二维码，查看每项公示的详细内容";
constexpr const char* kPosterQrCaption = "扫码查看详情";
constexpr const char* kPosterTextQr = "二维码内容为文字摘要";
constexpr const char* kPosterNoQr = "无二维码";

constexpr const char* kTemplateTexts[] = {
    kPrintedFrom, kPageWords, kLabelIndexNo, kLabelDocNo, kLabelAgency, kLabelPublished, kLabelTopic,
    kLabelValidity, kLabelOriginal, kDocumentQrCaption, kNoUrl, kUrlTooLong, kNoBody, kNoBodySeeQr, kRepealed,
    kExpired, kValidityPrefix, kValiditySuffix, kAttachmentsLabel, kChecklistSubtitle, kLabelDepartment,
    kLabelWindow, kLabelHours, kLabelStatutory, kLabelPromised, kLabelFee, kLabelHotline, kLabelServiceHotline,
    kServiceHotlineName, kLabelOnline, kGuideQrCaption, kOnlineTooLong, kMaterialsHeading, kMaterialsCountPrefix,
    kMaterialsCountSuffix, kColumnTick, kColumnNumber, kColumnName, kColumnForm, kColumnCount, kColumnNote,
    kNoMaterials, kStepsHeading, kBasisHeading, kPosterTitleSuffix, kPosterContinued, kPosterDateLabel,
    kPosterHint, kPosterQrCaption, kPosterTextQr, kPosterNoQr,
    // The ellipsis pango puts at the end of a cut title or summary, and the punctuation and
    // signs official documents commonly hold.
    "…—·、。，：；！？（）【】《》〈〉「」『』“”‘’〔〕％＋－＝／＊※№℃①②③④⑤⑥⑦⑧⑨⑩｜　",
};

// ---------------------------------------------------------------------------------------
// Geometry and styles (points unless named Mm)
// ---------------------------------------------------------------------------------------
constexpr double mm(double v) { return v * kPointsPerMm; }

// Documents: 25 mm at the left (binding side), 20 mm elsewhere, the footer inside the 25 mm
// bottom margin. 165 mm of text: 39 characters of 12 pt a line, 34 lines a page.
const flow::PageGeometry kDocumentPage = flow::a4Portrait(25, 20, 20, 25);
// Checklists: wider for the table.
const flow::PageGeometry kGuidePage = flow::a4Portrait(20, 20, 18, 25);
// Posters: as much of the sheet as a printer reaches comfortably, for big codes.
const flow::PageGeometry kPosterPage = flow::a4Portrait(15, 15, 15, 22);

constexpr TextStyle kFooterStyle{8.5, false};
constexpr TextStyle kLabelStyle{10, false};
constexpr TextStyle kValueStyle{10, false};
constexpr TextStyle kCaptionStyle{9, false};
constexpr TextStyle kNoteStyle{10, false};

constexpr TextStyle kDocumentTitleStyle{20, true};
constexpr double kDocumentTitlePitch = 30;
constexpr TextStyle kBodyStyle{12, false};
constexpr TextStyle kHeadingStyle{12, true};
constexpr double kBodyPitch = 21;  // 1.75 lines, as official documents space 三号 text
constexpr TextStyle kValidityStyle{11, true};

constexpr TextStyle kGuideGroupStyle{11, false};
constexpr TextStyle kGuideTitleStyle{20, true};
constexpr TextStyle kGuideSubtitleStyle{12, false};
constexpr TextStyle kSectionStyle{14, true};
constexpr TextStyle kTableHeadStyle{10.5, true};
constexpr TextStyle kTableNameStyle{11, false};
constexpr TextStyle kTableCellStyle{10.5, false};
constexpr TextStyle kTableNoteStyle{10, false};
constexpr TextStyle kStepStyle{11.5, false};
constexpr TextStyle kStepNumberStyle{11.5, true};
constexpr double kStepPitch = 19;

constexpr TextStyle kPosterTitleStyle{30, true};
constexpr TextStyle kPosterSubtitleStyle{13, false};
constexpr TextStyle kPosterHintStyle{11, false};
constexpr TextStyle kPosterRunningStyle{12, true};
constexpr TextStyle kPosterTagStyle{11, true};
constexpr TextStyle kPosterDateStyle{11, false};
constexpr TextStyle kPosterItemTitleStyle{16, true};
constexpr TextStyle kPosterSummaryStyle{12, false};
constexpr TextStyle kPosterCaptionStyle{10, false};
constexpr TextStyle kPosterTextQrStyle{10, true};

constexpr double kBoxStroke = 0.8;
constexpr double kHairline = 0.5;

// ---------------------------------------------------------------------------------------
// QR codes
// ---------------------------------------------------------------------------------------
// A4 printers are 600 dpi lasers: modules are whole printer dots, so every module prints
// the same width. Below 0.5 mm phone cameras struggle with toner on plain paper.
constexpr double kA4DotMm = 25.4 / 600;
constexpr double kQrMinModuleMm = 0.5;
constexpr double kQrMaxModuleMm = 1.5;

struct Qr {
    std::shared_ptr<const QrMatrix> matrix;  // the modules
    double module = 0;                       // module side, points
    double symbol = 0;                       // symbol side without quiet zone, points
    double quiet = 0;                        // quiet zone, points
};

enum class QrFit { Fits, Empty, TooLong };

// TEXT as a code of about TARGETMM, at least MINSYMBOLMM, with modules of at least 0.5 mm;
// TooLong when no QR version holds TEXT or the modules would not fit MAXSYMBOLMM.
QrFit planQr(const std::string& text, double targetMm, double minSymbolMm, double maxSymbolMm, Qr& out) {
    out = Qr{};
    if (text.empty()) return QrFit::Empty;
    QrMatrix matrix;
    std::string error;
    if (!encodeQr(utf8::sanitize(text), matrix, error)) return QrFit::TooLong;
    const int minDots = static_cast<int>(std::ceil(kQrMinModuleMm / kA4DotMm - 1e-9));
    const int maxDots = static_cast<int>(std::floor(kQrMaxModuleMm / kA4DotMm + 1e-9));
    const int forMinSymbol = static_cast<int>(std::ceil(minSymbolMm / matrix.size / kA4DotMm - 1e-9));
    const int wanted = static_cast<int>(std::floor(targetMm / matrix.size / kA4DotMm));
    const int dots = std::clamp(std::max(wanted, forMinSymbol), minDots, std::max(minDots, maxDots));
    const double moduleMm = dots * kA4DotMm;
    if (matrix.size * moduleMm > maxSymbolMm + 1e-9) return QrFit::TooLong;
    out.module = mm(moduleMm);
    out.symbol = matrix.size * out.module;
    out.quiet = kQrQuietZoneModules * out.module;
    out.matrix = std::make_shared<const QrMatrix>(std::move(matrix));
    return QrFit::Fits;
}

// ---------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------
std::string footerText(const std::string& zoneName, const std::string& printedAt) {
    std::string text = kPrintedFrom;
    for (const std::string& part : {zoneName, printedAt})
        if (!part.empty()) text += " " + part;
    return text;
}

// TEXT without the white space around it, the ideographic spaces CMS exports indent
// paragraphs with included (the layouts indent paragraphs themselves).
std::string trimmed(std::string_view s) {
    const auto space = [](char32_t c) {
        return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' || c == U'\u00A0' || c == U'\uFEFF';
    };
    std::u32string chars = utf8::decode(s);
    size_t begin = 0, end = chars.size();
    while (begin < end && space(chars[begin])) ++begin;
    while (end > begin && space(chars[end - 1])) --end;
    return utf8::encode(std::u32string_view(chars).substr(begin, end - begin));
}

// A block of the lines of one laid-out text.
Block textBlock(Composer& c, const std::string& text, const TextStyle& style, double pitch, double width, double x = 0,
                PangoAlignment align = PANGO_ALIGN_LEFT, bool justify = false, double indent = 0) {
    const SharedLayout layout = c.text(text, style, width, align, PANGO_WRAP_WORD_CHAR, justify, indent);
    Block b;
    b.rows = c.lineRows(layout, x, c.metrics(style, pitch));
    b.splittable = true;
    return b;
}

// A centred title: when it wraps, its lines are balanced (the narrowest width that keeps the
// line count), so a long title never ends in a lone word on its last line.
Block titleBlock(Composer& c, const std::string& text, const TextStyle& style, double pitch, double width) {
    const SharedLayout layout = c.text(text, style, width, PANGO_ALIGN_CENTER);
    const int lines = pango_layout_get_line_count(layout.get());
    double used = width;
    if (lines > 1) {
        double lo = width / lines, hi = width;
        while (hi - lo > style.sizePt / 4) {
            const double mid = (lo + hi) / 2;
            pango_layout_set_width(layout.get(), static_cast<int>(mid * PANGO_SCALE));
            (pango_layout_get_line_count(layout.get()) > lines ? lo : hi) = mid;
        }
        used = hi;
        pango_layout_set_width(layout.get(), static_cast<int>(used * PANGO_SCALE));
    }
    Block b;
    b.rows = c.lineRows(layout, (width - used) / 2, c.metrics(style, pitch));
    b.splittable = false;
    return b;
}

struct InfoRow {
    std::string label;  // left column
    std::string value;  // wrapped beside it
};

// A framed box of label/value rows across WIDTH; with QR, the code and CAPTION in a cell at
// its right (the code's quiet zone inside the cell, clear of the frame).
Block infoBox(Composer& c, double width, const std::vector<InfoRow>& rows, const Qr* qr, const std::string& caption) {
    const double pad = mm(3);
    const double labelGap = mm(4);
    const double rowGap = 3;
    Row row;

    double cellWidth = 0, cellHeight = 0;
    SharedLayout captionLayout;
    if (qr) {
        captionLayout = c.text(caption, kCaptionStyle);
        cellWidth = std::max(qr->symbol + 2 * qr->quiet, layoutWidthPt(captionLayout.get()) + 2 * pad);
        cellHeight = qr->quiet + qr->symbol + qr->quiet + layoutHeightPt(captionLayout.get()) + pad;
    }
    std::vector<SharedLayout> labels;
    double labelColumn = 0;
    for (const InfoRow& r : rows) {
        labels.push_back(c.text(r.label, kLabelStyle));
        labelColumn = std::max(labelColumn, layoutWidthPt(labels.back().get()));
    }
    labelColumn += labelGap;
    const double valueWidth = width - cellWidth - 2 * pad - labelColumn;

    double y = pad;
    for (size_t i = 0; i < rows.size(); ++i) {
        const SharedLayout& label = labels[i];
        const SharedLayout value = c.text(rows[i].value, kValueStyle, valueWidth);
        pango_layout_set_line_spacing(value.get(), 1.15f);
        row.marks.push_back(LayoutMark{label, pad, y});
        row.marks.push_back(LayoutMark{value, pad + labelColumn, y});
        y += std::max(layoutHeightPt(label.get()), layoutHeightPt(value.get())) + rowGap;
    }
    const double textHeight = y - rowGap + pad;
    row.height = std::max(textHeight, cellHeight);
    row.marks.push_back(RectMark{0, 0, width, row.height, kBoxStroke});
    if (qr) {
        const double cellX = width - cellWidth;
        const double top = (row.height - cellHeight) / 2;
        row.marks.push_back(LineSegment{cellX, 0, cellX, row.height, kHairline, false});
        row.marks.push_back(QrMark{qr->matrix, cellX + (cellWidth - qr->symbol) / 2, top + qr->quiet, qr->module});
        row.marks.push_back(LayoutMark{captionLayout, cellX + (cellWidth - layoutWidthPt(captionLayout.get())) / 2,
                                       top + qr->quiet + qr->symbol + qr->quiet});
    }
    Block b;
    b.rows.push_back(std::move(row));
    return b;
}

// Paginates FLOW, refuses more than MAXPAGES pages (WHAT names the kind of print in the
// message), then draws. Fills OUT.
bool finish(Composer& c, const flow::PageGeometry& page, const flow::Flow& flow, int maxPages, const char* what,
            const char* whatEnglish, const std::string& zoneName, const std::string& printedAt,
            const std::string& title, RenderedPdf& out, std::string& error) {
    const std::vector<flow::Page> pages = flow::paginate(flow, page);
    const int count = static_cast<int>(pages.size());
    if (maxPages > 0 && count > maxPages) {
        error = std::string(what) + "共 " + std::to_string(count) + " 页，超过单次打印上限 " + std::to_string(maxPages) +
                " 页 (" + whatEnglish + " has " + std::to_string(count) + " pages, over the limit of " +
                std::to_string(maxPages) + " pages per print)";
        return false;
    }
    flow::Footer footer;
    footer.left = footerText(zoneName, printedAt);
    footer.style = kFooterStyle;
    std::string bytes;
    if (!flow::drawPdf(c, page, pages, footer, title, bytes, error)) return false;
    out.bytes = std::move(bytes);
    out.pages = count;
    out.widthMm = page.width / kPointsPerMm;
    out.heightMm = page.height / kPointsPerMm;
    out.missingGlyphs = c.missingGlyphs();
    return true;
}

// Runs COMPOSE with the print fonts locked and a fresh composer.
template <typename Compose>
bool withComposer(std::string& error, Compose&& compose) {
    std::shared_ptr<PrintFonts> fonts = defaultPrintFonts(error);
    if (!fonts) return false;
    std::lock_guard lock(fonts->mutex);
    ContextPtr context = createPrintContext(*fonts);
    Composer composer(*fonts, context.get());
    return compose(composer);
}

// ---------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------
enum class ParagraphKind {
    Text,        // indented, justified
    Heading,     // 一、… （一）… standing alone: bold, indented, kept with what follows
    Chapter,     // 第一章… 第二节…: bold, centred, kept with what follows
    Salutation,  // 主送机关 ending in ：, first paragraph: flush left
    TableRow,    // cells separated by ｜ (annual report tables): flush left, not justified
};

bool startsWithNumbering(std::u32string_view s, std::u32string_view numerals, char32_t after) {
    size_t i = 0;
    while (i < s.size() && numerals.find(s[i]) != std::u32string_view::npos) ++i;
    return i > 0 && i < s.size() && s[i] == after;
}

ParagraphKind classify(const std::string& text, bool first) {
    const std::u32string s = utf8::decode(text);
    constexpr std::u32string_view kNumerals = U"一二三四五六七八九十百零〇";
    if (s.find(U'｜') != std::u32string::npos) return ParagraphKind::TableRow;
    const bool sentence = s.find_first_of(U"。；") != std::u32string::npos;
    if (first && !sentence && s.size() <= 80 && !s.empty() && s.back() == U'：') return ParagraphKind::Salutation;
    if (sentence || s.size() > 40 || s.empty() || s.back() == U'：' || s.back() == U'，') return ParagraphKind::Text;
    if (s[0] == U'第') {
        const std::u32string_view rest = std::u32string_view(s).substr(1);
        for (char32_t unit : std::u32string_view(U"章节编"))
            if (startsWithNumbering(rest, U"一二三四五六七八九十百零〇0123456789", unit)) return ParagraphKind::Chapter;
    }
    if (startsWithNumbering(s, kNumerals, U'、')) return ParagraphKind::Heading;
    if (s[0] == U'（' && startsWithNumbering(std::u32string_view(s).substr(1), kNumerals, U'）'))
        return ParagraphKind::Heading;
    return ParagraphKind::Text;
}

void composeDocument(Composer& c, const A4Document& d, QrFit fit, const Qr& qr, flow::Flow& flow) {
    const double width = kDocumentPage.contentWidth();
    const double em = kBodyStyle.sizePt;

    // Header box.
    // Rows without a value are left out (a blank after a label reads as a form to fill in).
    std::vector<InfoRow> rows;
    for (const auto& [label, value] : {std::pair{kLabelIndexNo, &d.indexNo}, std::pair{kLabelDocNo, &d.docNo},
                                       std::pair{kLabelAgency, &d.agency}, std::pair{kLabelPublished, &d.published},
                                       std::pair{kLabelTopic, &d.topic}, std::pair{kLabelValidity, &d.validity}})
        if (std::string v = trimmed(*value); !v.empty()) rows.push_back({label, std::move(v)});
    if (fit != QrFit::Fits) rows.push_back({kLabelOriginal, fit == QrFit::Empty ? kNoUrl : kUrlTooLong});
    flow.blocks.push_back(infoBox(c, width, rows, fit == QrFit::Fits ? &qr : nullptr, kDocumentQrCaption));

    // Title, then the validity banner for documents no longer in force.
    Block title = titleBlock(c, trimmed(d.title), kDocumentTitleStyle, kDocumentTitlePitch, width);
    title.spaceBefore = mm(8);
    title.spaceAfter = mm(5);
    title.keepWithNext = true;
    flow.blocks.push_back(std::move(title));
    if (!d.validity.empty() && d.validity != "有效") {
        std::string banner = d.validity == "废止"   ? kRepealed
                             : d.validity == "失效" ? kExpired
                                                    : std::string(kValidityPrefix) + d.validity + kValiditySuffix;
        if (!d.validNote.empty()) banner += " " + d.validNote;
        Block b = textBlock(c, banner, kValidityStyle, 18, width, 0, PANGO_ALIGN_CENTER);
        b.spaceAfter = mm(4);
        flow.blocks.push_back(std::move(b));
    }

    // Body.
    std::vector<std::string> paragraphs;
    for (const std::string& p : d.body)
        if (std::string t = trimmed(p); !t.empty()) paragraphs.push_back(std::move(t));
    if (paragraphs.empty()) paragraphs.push_back(fit == QrFit::Fits ? kNoBodySeeQr : kNoBody);
    for (size_t i = 0; i < paragraphs.size(); ++i) {
        const std::string& p = paragraphs[i];
        Block b;
        switch (classify(p, i == 0)) {
            case ParagraphKind::Text:
                b = textBlock(c, p, kBodyStyle, kBodyPitch, width, 0, PANGO_ALIGN_LEFT, true, 2 * em);
                break;
            case ParagraphKind::Heading:
                b = textBlock(c, p, kHeadingStyle, kBodyPitch, width, 0, PANGO_ALIGN_LEFT, false, 2 * em);
                b.keepWithNext = true;
                b.spaceBefore = kBodyPitch / 3;
                break;
            case ParagraphKind::Chapter:
                b = textBlock(c, p, kHeadingStyle, kBodyPitch, width, 0, PANGO_ALIGN_CENTER);
                b.keepWithNext = true;
                b.spaceBefore = kBodyPitch / 2;
                b.spaceAfter = kBodyPitch / 4;
                break;
            case ParagraphKind::Salutation:
                b = textBlock(c, p, kBodyStyle, kBodyPitch, width, 0, PANGO_ALIGN_LEFT, true);
                break;
            case ParagraphKind::TableRow:
                b = textBlock(c, p, kBodyStyle, kBodyPitch, width);
                break;
        }
        flow.blocks.push_back(std::move(b));
    }

    // 附件：1. …  (after the body, before the signature, as GB/T 9704 places it)
    std::vector<std::string> attachments;
    for (const std::string& a : d.attachments)
        if (std::string t = trimmed(a); !t.empty()) attachments.push_back(std::move(t));
    if (!attachments.empty()) {
        // One block: the list stays together, and with the end of the body (keepWithPrevious).
        const SharedLayout label = c.text(kAttachmentsLabel, kBodyStyle);
        const double x = 2 * em + layoutWidthPt(label.get());
        const flow::LineMetrics metrics = c.metrics(kBodyStyle, kBodyPitch);
        Block b;
        for (size_t i = 0; i < attachments.size(); ++i) {
            const std::string item =
                (attachments.size() > 1 ? std::to_string(i + 1) + ". " : std::string()) + attachments[i];
            for (Row& r : textBlock(c, item, kBodyStyle, kBodyPitch, width - x, x).rows) b.rows.push_back(std::move(r));
        }
        b.rows.front().marks.push_back(
            LineMark{label, pango_layout_get_line_readonly(label.get(), 0), 2 * em, metrics.baseline});
        b.splittable = true;
        b.spaceBefore = kBodyPitch;
        b.keepWithPrevious = true;
        flow.blocks.push_back(std::move(b));
    }

    // Signature: right-aligned two characters from the edge, never alone on a page.
    std::vector<std::string> signature;
    for (const std::string& s : d.signature)
        if (std::string t = trimmed(s); !t.empty()) signature.push_back(std::move(t));
    if (!signature.empty()) {
        Block b;
        const flow::LineMetrics metrics = c.metrics(kBodyStyle, kBodyPitch);
        for (const std::string& line : signature) {
            const SharedLayout l = c.text(line, kBodyStyle, width - 2 * em, PANGO_ALIGN_RIGHT);
            for (Row& r : c.lineRows(l, 0, metrics)) b.rows.push_back(std::move(r));
        }
        b.spaceBefore = 1.5 * kBodyPitch;
        b.keepWithPrevious = true;
        flow.blocks.push_back(std::move(b));
    }
}

// ---------------------------------------------------------------------------------------
// Guide checklist
// ---------------------------------------------------------------------------------------
constexpr double kCellPadX = 1.5 * kPointsPerMm;  // text to the column rules

struct Columns {
    double x[7] = {};  // left edges of the six columns, then the right edge
};

Columns materialColumns(double width) {
    const double tick = mm(13), number = mm(11), form = mm(28), count = mm(13), note = mm(42);
    Columns c;
    c.x[0] = 0;
    c.x[1] = tick;
    c.x[2] = tick + number;
    c.x[6] = width;
    c.x[5] = width - note;
    c.x[4] = c.x[5] - count;
    c.x[3] = c.x[4] - form;
    return c;
}

// One table row: each cell's layout at its column's top left plus padding, the grid lines
// (the header row also draws the top edge), and a tick box in the first column.
Row tableRow(const Columns& cols, const std::vector<SharedLayout>& cells, bool header, bool tickBox) {
    const double padY = mm(2.2);
    double content = 0;
    for (const SharedLayout& cell : cells)
        if (cell) content = std::max(content, layoutHeightPt(cell.get()));
    Row row;
    row.height = std::max(content + 2 * padY, header ? mm(9) : mm(10));
    for (size_t i = 0; i < cells.size() && i < 6; ++i) {
        if (!cells[i]) continue;
        // Short cells centred vertically; wrapped ones start at the top padding.
        const double h = layoutHeightPt(cells[i].get());
        row.marks.push_back(LayoutMark{cells[i], cols.x[i] + kCellPadX, std::max(padY, (row.height - h) / 2)});
    }
    if (tickBox) {
        const double side = mm(5);
        row.marks.push_back(RectMark{(cols.x[1] - side) / 2, (row.height - side) / 2, side, side, 0.9});
    }
    for (double x : cols.x) row.marks.push_back(LineSegment{x, 0, x, row.height, kHairline, false});
    row.marks.push_back(LineSegment{0, row.height, cols.x[6], row.height, kHairline, false});
    if (header) row.marks.push_back(LineSegment{0, 0, cols.x[6], 0, kBoxStroke, false});
    return row;
}

void composeGuide(Composer& c, const A4GuideChecklist& g, QrFit fit, const Qr& qr, flow::Flow& flow) {
    const double width = kGuidePage.contentWidth();

    if (!g.groupName.empty()) {
        Block group = textBlock(c, g.groupName, kGuideGroupStyle, 16, width, 0, PANGO_ALIGN_CENTER);
        group.splittable = false;
        flow.blocks.push_back(std::move(group));
    }
    Block title = titleBlock(c, trimmed(g.name), kGuideTitleStyle, 30, width);
    flow.blocks.push_back(std::move(title));
    Block subtitle = textBlock(c, kChecklistSubtitle, kGuideSubtitleStyle, 18, width, 0, PANGO_ALIGN_CENTER);
    subtitle.splittable = false;
    subtitle.spaceAfter = mm(4);
    flow.blocks.push_back(std::move(subtitle));

    std::vector<InfoRow> rows;
    auto add = [&rows](const char* label, const std::string& value) {
        if (!value.empty()) rows.push_back({label, value});
    };
    add(kLabelDepartment, g.department);
    add(kLabelWindow, g.window);
    add(kLabelHours, g.hours);
    add(kLabelStatutory, g.statutoryLimit);
    add(kLabelPromised, g.promisedLimit);
    add(kLabelFee, g.fee);
    add(kLabelHotline, g.hotline);
    if (!g.serviceHotline.empty()) add(kLabelServiceHotline, g.serviceHotline + kServiceHotlineName);
    if (!g.online.empty()) add(kLabelOnline, g.online + (fit == QrFit::TooLong ? kOnlineTooLong : ""));
    if (!rows.empty() || fit == QrFit::Fits)
        flow.blocks.push_back(infoBox(c, width, rows, fit == QrFit::Fits ? &qr : nullptr, kGuideQrCaption));

    // Materials.
    Block heading = textBlock(c, kMaterialsHeading, kSectionStyle, 24, width);
    heading.splittable = false;
    heading.keepWithNext = true;
    heading.spaceBefore = mm(6);
    if (!g.materials.empty()) {
        // The count beside the heading, on its baseline.
        const SharedLayout count =
            c.text(kMaterialsCountPrefix + std::to_string(g.materials.size()) + kMaterialsCountSuffix, kNoteStyle);
        const LineMark& line = std::get<LineMark>(heading.rows.front().marks.front());
        heading.rows.front().marks.push_back(LineMark{count, pango_layout_get_line_readonly(count.get(), 0),
                                                      layoutWidthPt(line.layout.get()) + mm(4), line.baseline});
    }
    flow.blocks.push_back(std::move(heading));

    if (g.materials.empty()) {
        Block none = textBlock(c, kNoMaterials, kStepStyle, kStepPitch, width);
        flow.blocks.push_back(std::move(none));
    } else {
        const Columns cols = materialColumns(width);
        auto cellWidth = [&](int i) { return cols.x[i + 1] - cols.x[i] - 2 * kCellPadX; };
        auto centred = [&](const std::string& text, const TextStyle& style, int i) {
            return c.text(text, style, cellWidth(i), PANGO_ALIGN_CENTER);
        };
        Block table;
        table.splittable = true;
        table.minRowsAtFoot = 2;  // the header and at least one material
        table.minRowsAtHead = 1;
        const Row header = tableRow(cols,
                                    {centred(kColumnTick, kTableHeadStyle, 0), centred(kColumnNumber, kTableHeadStyle, 1),
                                     centred(kColumnName, kTableHeadStyle, 2), centred(kColumnForm, kTableHeadStyle, 3),
                                     centred(kColumnCount, kTableHeadStyle, 4), centred(kColumnNote, kTableHeadStyle, 5)},
                                    true, false);
        table.rows.push_back(header);
        table.repeatRows.push_back(header);
        for (size_t i = 0; i < g.materials.size(); ++i) {
            const A4Material& m = g.materials[i];
            SharedLayout name = c.text(m.name, kTableNameStyle, cellWidth(2));
            pango_layout_set_line_spacing(name.get(), 1.15f);
            SharedLayout note = m.note.empty() ? nullptr : c.text(m.note, kTableNoteStyle, cellWidth(5));
            if (note) pango_layout_set_line_spacing(note.get(), 1.15f);
            table.rows.push_back(tableRow(cols,
                                          {nullptr, centred(std::to_string(i + 1), kTableCellStyle, 1), name,
                                           m.form.empty() ? nullptr : centred(m.form, kTableCellStyle, 3),
                                           m.count > 0 ? centred(std::to_string(m.count), kTableCellStyle, 4) : nullptr,
                                           note},
                                          false, true));
        }
        table.spaceBefore = mm(2);
        flow.blocks.push_back(std::move(table));
    }

    // Steps, numbered, the text hanging beside the number.
    std::vector<std::string> steps;
    for (const std::string& s : g.steps)
        if (std::string t = trimmed(s); !t.empty()) steps.push_back(std::move(t));
    if (!steps.empty()) {
        Block stepsHeading = textBlock(c, kStepsHeading, kSectionStyle, 24, width);
        stepsHeading.splittable = false;
        stepsHeading.keepWithNext = true;
        stepsHeading.spaceBefore = mm(6);
        flow.blocks.push_back(std::move(stepsHeading));
        const double hang = mm(8);
        const flow::LineMetrics metrics = c.metrics(kStepStyle, kStepPitch);
        for (size_t i = 0; i < steps.size(); ++i) {
            Block b = textBlock(c, steps[i], kStepStyle, kStepPitch, width - hang, hang, PANGO_ALIGN_LEFT, true);
            const SharedLayout number = c.text(std::to_string(i + 1) + ".", kStepNumberStyle);
            b.rows.front().marks.push_back(
                LineMark{number, pango_layout_get_line_readonly(number.get(), 0), mm(1), metrics.baseline});
            b.spaceBefore = 3;
            flow.blocks.push_back(std::move(b));
        }
    }

    std::vector<std::string> basis;
    for (const std::string& s : g.basis)
        if (std::string t = trimmed(s); !t.empty()) basis.push_back(std::move(t));
    if (!basis.empty()) {
        Block basisHeading = textBlock(c, kBasisHeading, kSectionStyle, 24, width);
        basisHeading.splittable = false;
        basisHeading.keepWithNext = true;
        basisHeading.spaceBefore = mm(6);
        flow.blocks.push_back(std::move(basisHeading));
        for (const std::string& s : basis) flow.blocks.push_back(textBlock(c, s, kStepStyle, kStepPitch, width));
    }
}

// ---------------------------------------------------------------------------------------
// Village poster
// ---------------------------------------------------------------------------------------
// Codes of about 30 mm, never under 25 mm (read from a step away on a board), at most 36 mm:
// with 0.5 mm modules that holds about 330 bytes, some 100 characters of summary.
constexpr double kPosterQrTargetMm = 30;
constexpr double kPosterQrMinMm = 25;
constexpr double kPosterQrMaxMm = 36;

Row posterItemRow(Composer& c, const A4PosterItem& item, double width) {
    const double pad = mm(3);
    // The code cell is as wide as the largest code with its quiet zone, so the texts of all
    // blocks line up.
    const double cellWidth = mm(kPosterQrMaxMm + 2 * kQrQuietZoneModules * kQrMinModuleMm) + mm(2);
    Row row;

    // The code: the address, or else the summary itself.
    Qr qr;
    bool textCode = false;
    QrFit fit = planQr(item.url, kPosterQrTargetMm, kPosterQrMinMm, kPosterQrMaxMm, qr);
    if (fit != QrFit::Fits) {
        fit = planQr(trimmed(item.summary), kPosterQrTargetMm, kPosterQrMinMm, kPosterQrMaxMm, qr);
        textCode = fit == QrFit::Fits;
    }
    double cellHeight = 0;
    if (fit == QrFit::Fits) {
        const double top = std::max(qr.quiet, pad);
        row.marks.push_back(QrMark{qr.matrix, (cellWidth - qr.symbol) / 2, top, qr.module});
        const SharedLayout caption = textCode ? c.text(kPosterTextQr, kPosterTextQrStyle, cellWidth - 2 * pad,
                                                       PANGO_ALIGN_CENTER)
                                              : c.text(kPosterQrCaption, kPosterCaptionStyle, cellWidth - 2 * pad,
                                                       PANGO_ALIGN_CENTER);
        const double captionTop = top + qr.symbol + qr.quiet;
        row.marks.push_back(LayoutMark{caption, pad, captionTop});
        cellHeight = captionTop + layoutHeightPt(caption.get()) + pad;
    } else {
        // Where the code would be: a dashed square saying there is none.
        const double side = mm(kPosterQrMinMm);
        const double x = (cellWidth - side) / 2, y = pad + mm(1);
        for (const auto& [x1, y1, x2, y2] : {std::array{x, y, x + side, y}, std::array{x + side, y, x + side, y + side},
                                             std::array{x + side, y + side, x, y + side}, std::array{x, y + side, x, y}})
            row.marks.push_back(LineSegment{x1, y1, x2, y2, kHairline, true});
        const SharedLayout none = c.text(kPosterNoQr, kPosterTextQrStyle);
        row.marks.push_back(LayoutMark{none, (cellWidth - layoutWidthPt(none.get())) / 2,
                                       y + (side - layoutHeightPt(none.get())) / 2});
        cellHeight = y + side + mm(1) + pad;
    }

    // The texts: the kind as a black tag with the date beside it, the title, the summary.
    const double x = cellWidth + mm(4);
    const double textWidth = width - x - mm(4);
    double y = mm(4);
    double lineHeight = 0;
    double tagRight = x;
    if (!item.kind.empty()) {
        const SharedLayout tag = c.text(item.kind, kPosterTagStyle);
        const double tagPad = 2.5;
        const double w = layoutWidthPt(tag.get()) + 2 * tagPad, h = layoutHeightPt(tag.get()) + 2;
        row.marks.push_back(RectMark{x, y, w, h, 0});
        row.marks.push_back(LayoutMark{tag, x + tagPad, y + 1, true});
        tagRight = x + w + mm(3);
        lineHeight = h;
    }
    if (!item.date.empty()) {
        const SharedLayout date = c.text(item.date, kPosterDateStyle);
        row.marks.push_back(LayoutMark{date, tagRight, y + std::max(0.0, lineHeight - layoutHeightPt(date.get())) / 2});
        lineHeight = std::max(lineHeight, layoutHeightPt(date.get()));
    }
    if (lineHeight > 0) y += lineHeight + mm(2.5);
    if (!item.title.empty()) {
        const SharedLayout title = c.ellipsized(item.title, kPosterItemTitleStyle, textWidth, 2);
        pango_layout_set_line_spacing(title.get(), 1.1f);
        row.marks.push_back(LayoutMark{title, x, y});
        y += layoutHeightPt(title.get()) + mm(2.5);
    }
    if (!trimmed(item.summary).empty()) {
        const SharedLayout summary = c.ellipsized(trimmed(item.summary), kPosterSummaryStyle, textWidth, 1);
        row.marks.push_back(LayoutMark{summary, x, y});
        y += layoutHeightPt(summary.get());
    }
    const double textHeight = y + mm(4);

    row.height = std::max(cellHeight, textHeight);
    row.marks.push_back(RectMark{0, 0, width, row.height, kBoxStroke});
    row.marks.push_back(LineSegment{cellWidth, 0, cellWidth, row.height, kHairline, false});
    return row;
}

void composePoster(Composer& c, const A4VillagePoster& p, flow::Flow& flow) {
    const double width = kPosterPage.contentWidth();
    const std::string place = trimmed(p.township.empty() ? p.village : p.township + " " + p.village);

    // Page 1: title, place and date, how to use the codes, a heavy rule.
    Block head;
    head.splittable = false;
    Row row;
    double y = 0;
    for (const auto& [text, style, gap] :
         {std::tuple{trimmed(p.village) + kPosterTitleSuffix, kPosterTitleStyle, mm(3)},
          std::tuple{place + (p.date.empty() ? "" : "　　" + std::string(kPosterDateLabel) + p.date),
                     kPosterSubtitleStyle, mm(2)},
          std::tuple{std::string(kPosterHint), kPosterHintStyle, mm(3)}}) {
        const SharedLayout l = c.text(text, style, width, PANGO_ALIGN_CENTER);
        row.marks.push_back(LayoutMark{l, 0, y});
        y += layoutHeightPt(l.get()) + gap;
    }
    row.marks.push_back(LineSegment{0, y, width, y, 1.5, false});
    row.height = y + mm(4);
    head.rows.push_back(std::move(row));
    flow.blocks.push_back(std::move(head));

    // Later pages: whose board this is, in case the pages are posted apart.
    {
        Row running;
        const SharedLayout l = c.text(trimmed(place + kPosterTitleSuffix) + kPosterContinued, kPosterRunningStyle);
        running.marks.push_back(LayoutMark{l, 0, 0});
        const double h = layoutHeightPt(l.get()) + mm(1.5);
        running.marks.push_back(LineSegment{0, h, width, h, kHairline, false});
        running.height = h + mm(4);
        flow.runningHead.push_back(std::move(running));
    }

    for (size_t i = 0; i < p.items.size(); ++i) {
        Block b;
        b.rows.push_back(posterItemRow(c, p.items[i], width));
        b.spaceAfter = mm(4);
        flow.blocks.push_back(std::move(b));
    }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------
bool renderDocumentPdf(const A4Document& document, RenderedPdf& out, std::string& error) {
    out = RenderedPdf{};
    if (trimmed(document.title).empty()) {
        error = "文档没有标题，未打印 (document without a title)";
        return false;
    }
    // A QR code of 24 mm or so in the header; an address that needs modules under 0.5 mm at
    // 32 mm (over about 250 bytes) gets the note instead.
    Qr qr;
    const QrFit fit = planQr(document.url, 24, 0, 32, qr);
    return withComposer(error, [&](Composer& c) {
        flow::Flow flow;
        composeDocument(c, document, fit, qr, flow);
        return finish(c, kDocumentPage, flow, document.maxPages, "文档", "document", document.zoneName,
                      document.printedAt, document.title, out, error);
    });
}

bool renderGuideChecklistPdf(const A4GuideChecklist& guide, RenderedPdf& out, std::string& error) {
    out = RenderedPdf{};
    if (trimmed(guide.name).empty()) {
        error = "办事指南没有名称，未打印 (guide without a name)";
        return false;
    }
    Qr qr;
    const QrFit fit = planQr(guide.online, 24, 0, 32, qr);
    return withComposer(error, [&](Composer& c) {
        flow::Flow flow;
        composeGuide(c, guide, fit, qr, flow);
        return finish(c, kGuidePage, flow, guide.maxPages, "材料清单", "checklist", guide.zoneName, guide.printedAt,
                      guide.name, out, error);
    });
}

bool renderVillagePosterPdf(const A4VillagePoster& poster, RenderedPdf& out, std::string& error) {
    out = RenderedPdf{};
    if (trimmed(poster.village).empty()) {
        error = "村务公示没有村（社区）名称，未打印 (village poster without a village name)";
        return false;
    }
    if (poster.items.empty()) {
        error = trimmed(poster.village) + "没有可公示的事项，未打印 (village poster without items)";
        return false;
    }
    return withComposer(error, [&](Composer& c) {
        flow::Flow flow;
        composePoster(c, poster, flow);
        return finish(c, kPosterPage, flow, poster.maxPages, "公示", "poster", poster.zoneName, poster.printedAt,
                      trimmed(poster.village) + kPosterTitleSuffix, out, error);
    });
}

// ---------------------------------------------------------------------------------------
// Template characters
// ---------------------------------------------------------------------------------------
std::u32string a4TemplateCharacters() {
    std::set<char32_t> chars;
    for (const char* text : kTemplateTexts)
        for (char32_t cp : utf8::decode(text)) chars.insert(cp);
    for (char32_t cp = 0x21; cp <= 0x7E; ++cp) chars.insert(cp);      // ASCII: numbers, dates, addresses
    for (char32_t cp = 0xFF01; cp <= 0xFF5E; ++cp) chars.insert(cp);  // full-width forms in documents
    chars.erase(U' ');
    chars.erase(U'\u3000');
    return std::u32string(chars.begin(), chars.end());
}

// ---------------------------------------------------------------------------------------
// Test hook
// ---------------------------------------------------------------------------------------
std::vector<std::string> a4ParagraphLines(const std::string& text, double widthMm, double fontPt, std::string& error,
                                          bool lineBreakRules) {
    std::vector<std::string> lines;
    withComposer(error, [&](Composer& c) {
        const TextStyle style{fontPt, false};
        if (lineBreakRules) {
            const SharedLayout layout = c.text(text, style, mm(widthMm), PANGO_ALIGN_LEFT, PANGO_WRAP_WORD_CHAR, true,
                                               2 * fontPt);
            lines = flow::layoutLines(layout.get());
        } else {
            LayoutPtr layout = makeLayout(c.context(), c.fonts(), text, style, mm(widthMm));
            pango_layout_set_justify(layout.get(), TRUE);
            pango_layout_set_indent(layout.get(), static_cast<int>(2 * fontPt * PANGO_SCALE));
            lines = flow::layoutLines(layout.get());
        }
        return true;
    });
    return lines;
}

}  // namespace zwgk
