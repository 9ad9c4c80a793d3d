// The A4 layouts (a4_pages.h) as PDFs: every page's text read back with pdftotext, page
// numbers and footers on every page, QR codes decoded with zbarimg from pdftoppm
// rasterisations at 150 and 300 dpi, tick boxes and page fill measured on greyscale
// rasterisations, line breaking (避头尾) checked on the library's own lines and on the PDF.
// No CUPS: these tests only lay pages out. PDFs and PNGs stay in
// build/print-out/<Suite>.<Test>/ for looking at.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "a4_pages.h"
#include "content_source.h"
#include "cups_test_support.h"
#include "print_out_support.h"
#include "utf8.h"

namespace zwgk {
namespace {

namespace fs = std::filesystem;
using cupstest::runChecked;
using cupstest::shellQuote;
using printtest::isSpace;
using printtest::outDir;
using printtest::pageSizeMm;
using printtest::withoutSpace;
using printtest::writePdf;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fs::path sourceDir() {
    const char* env = std::getenv("ZWGK_SOURCE_DIR");
    return env && *env ? fs::path(env) : fs::path(ZWGK_SOURCE_DIR);
}

const ContentSet& demoContent() {
    static const ContentSet content = loadContentSource((sourceDir() / "assets/content").string());
    return content;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

int pdfPages(const fs::path& pdf) {
    const std::string info = runChecked("pdfinfo " + shellQuote(pdf.string()));
    std::smatch m;
    if (!std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) throw std::runtime_error("no page count:\n" + info);
    return std::stoi(m[1]);
}

// Every page's text as `pdftotext -layout` extracts it (one run; pages end with a form feed).
// RAW: in drawing order instead (`-raw`), so that a wrapped table cell reads as one piece.
std::vector<std::string> pageTexts(const fs::path& pdf, bool raw = false) {
    const std::string all =
        runChecked(std::string("pdftotext ") + (raw ? "-raw " : "-layout ") + shellQuote(pdf.string()) + " -");
    std::vector<std::string> pages;
    size_t start = 0;
    for (size_t ff; (ff = all.find('\f', start)) != std::string::npos; start = ff + 1)
        pages.push_back(all.substr(start, ff - start));
    return pages;
}

std::string pageNumber(int page, int pages) {
    return "第" + std::to_string(page) + "页共" + std::to_string(pages) + "页";
}

// The page without its footer lines (打印自 … and 第 N 页 共 M 页).
std::string withoutFooter(const std::string& page) {
    std::string out;
    static const std::regex number(R"(第\s*\d+\s*页\s*共\s*\d+\s*页)");
    for (const std::string& line : splitLines(page)) {
        if (line.find("打印自") != std::string::npos || std::regex_search(line, number)) continue;
        out += line + "\n";
    }
    return out;
}

// Every page carries its number and the footer.
void expectFooters(const std::vector<std::string>& pages, const std::string& footer) {
    const int n = static_cast<int>(pages.size());
    for (int i = 0; i < n; ++i) {
        const std::string flat = withoutSpace(pages[static_cast<size_t>(i)]);
        EXPECT_NE(flat.find(pageNumber(i + 1, n)), std::string::npos) << "page " << i + 1 << ":\n" << pages[i];
        EXPECT_NE(flat.find(withoutSpace(footer)), std::string::npos) << "page " << i + 1 << ":\n" << pages[i];
    }
}

// Page PAGE (1-based) rasterised at DPI to NAME.png (or .pgm with GRAY) beside the PDF; CROP
// (x, y, w, h in millimetres) limits it to a part of the page.
fs::path rasterise(const fs::path& pdf, int page, int dpi, const std::string& name, bool gray = false,
                   std::array<double, 4> crop = {0, 0, 0, 0}) {
    const fs::path root = pdf.parent_path() / name;
    std::string cmd = "pdftoppm -r " + std::to_string(dpi) + (gray ? " -gray" : " -png") + " -f " +
                      std::to_string(page) + " -l " + std::to_string(page) + " -singlefile";
    if (crop[2] > 0) {
        auto px = [dpi](double v) { return std::to_string(static_cast<int>(v / 25.4 * dpi)); };
        cmd += " -x " + px(crop[0]) + " -y " + px(crop[1]) + " -W " + px(crop[2]) + " -H " + px(crop[3]);
    }
    runChecked(cmd + " " + shellQuote(pdf.string()) + " " + shellQuote(root.string()));
    return root.string() + (gray ? ".pgm" : ".png");
}

// Every QR code zbarimg finds in IMAGE, as the text it holds, one per output line (no test
// puts a line break into a code; zbarimg's XML output is no better: it base64-encodes some
// UTF-8 texts with sign-extended bytes).
std::vector<std::string> decodeQrCodes(const fs::path& image) {
    const cupstest::CommandResult r = cupstest::runCommand("zbarimg -q --raw " + shellQuote(image.string()), false);
    std::vector<std::string> codes;
    for (const std::string& line : splitLines(r.output))
        if (!line.empty()) codes.push_back(line);
    return codes;
}

struct Gray {
    int width = 0, height = 0;
    std::string pixels;  // 0 black … 255 white
    bool dark(int x, int y) const {
        return x >= 0 && y >= 0 && x < width && y < height &&
               static_cast<unsigned char>(pixels[static_cast<size_t>(y) * width + x]) < 128;
    }
};

Gray readPgm(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int maxval = 0;
    Gray g;
    in >> magic >> g.width >> g.height >> maxval;
    in.get();
    g.pixels.resize(static_cast<size_t>(g.width) * g.height);
    in.read(g.pixels.data(), static_cast<std::streamsize>(g.pixels.size()));
    if (magic != "P5" || !in) throw std::runtime_error("not a PGM: " + path.string());
    return g;
}

RenderedPdf renderDocument(const A4Document& d) {
    RenderedPdf pdf;
    std::string error;
    EXPECT_TRUE(renderDocumentPdf(d, pdf, error)) << error;
    return pdf;
}

// ---------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------
const char* kZone = "临澜县政务公开专区";
const char* kPrintedAt = "2026-11-30 14:05";
const std::string kFooter = std::string("打印自 ") + kZone + " " + kPrintedAt;

// A document of the demo content, as the kiosk would pass it.
A4Document demoDocument(const std::string& key) {
    const ContentSet& content = demoContent();
    const auto doc = std::find_if(content.documents.begin(), content.documents.end(),
                                  [&](const DocumentRecord& d) { return d.key == key; });
    if (doc == content.documents.end()) throw std::runtime_error("no document " + key);
    A4Document d;
    d.zoneName = kZone;
    d.printedAt = kPrintedAt;
    d.indexNo = doc->indexNo;
    d.docNo = doc->docNo;
    for (const Agency& a : content.agencies)
        if (a.key == doc->agency) d.agency = a.name;
    d.published = doc->published;
    for (const Category& t : content.topics)
        if (t.key == doc->topic) d.topic = t.name;
    d.validity = validityName(doc->validity);
    d.validNote = doc->validNote;
    d.title = doc->title;
    d.body = doc->body;
    d.signature = doc->signature;
    for (const Attachment& a : doc->attachments) d.attachments.push_back(a.name);
    d.url = doc->url;
    return d;
}

// Filler prose with the punctuation official documents use, deterministic for SEED.
std::string prose(int seed, int sentences) {
    static const char* parts[] = {
        "各乡镇人民政府要按照《临澜县政务公开工作要点》的要求，",
        "切实做好政府信息主动公开工作；",
        "对涉及群众切身利益的事项（如低保、特困供养、临时救助等），",
        "应当在村（社区）公示栏公示不少于7日。",
        "县政府办公室将会同县民政局、县财政局开展“回头看”检查，",
        "发现问题的——限期整改……",
        "全年主动公开政府信息4752条，比上年增长8.6%。",
        "申请人可通过“临澜发布”微信公众号、12345热线等渠道反映问题！",
        "是否需要延长答复期限？",
        "经负责人同意并告知申请人，延长期限最长不超过20个工作日。",
        "「政务公开专区」『触摸查询终端』〔2025〕12号【重要】。",
        "维吾尔族干部阿依古丽·买买提参加了培训。",
    };
    std::string s;
    unsigned state = static_cast<unsigned>(seed) * 2654435761u + 12345u;
    for (int i = 0; i < sentences; ++i) {
        state = state * 1664525u + 1013904223u;
        s += parts[(state >> 16) % (sizeof parts / sizeof *parts)];
    }
    return s;
}

// A generated document of about PARAGRAPHS paragraphs with a heading every few paragraphs.
A4Document longDocument(int paragraphs, int seed = 1) {
    A4Document d;
    d.zoneName = kZone;
    d.printedAt = kPrintedAt;
    d.indexNo = "361199001/2025-00099";
    d.docNo = "临政办发〔2025〕99号";
    d.agency = "临澜县人民政府办公室";
    d.published = "2025-06-30";
    d.topic = "政务公开";
    d.validity = "有效";
    d.title = "临澜县人民政府办公室关于进一步做好基层政务公开标准化规范化工作的通知";
    const char* numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (int i = 0; i < paragraphs; ++i) {
        if (i % 6 == 0) d.body.push_back(std::string(numerals[(i / 6) % 10]) + "、工作要求第" + std::to_string(i / 6 + 1) + "部分");
        d.body.push_back(prose(seed * 1000 + i, 2 + (i * 7 + seed) % 9));
    }
    d.signature = {"临澜县人民政府办公室", "2025年6月30日"};
    d.url = "https://www.linlan.gov.cn/art/2025/6/30/art_1229_4099001.html";
    return d;
}

// The first N characters of TEXT (not bytes: a cut character would print as U+FFFD).
std::string firstChars(const std::string& text, size_t n) {
    const std::u32string chars = utf8::decode(text);
    return utf8::encode(std::u32string_view(chars).substr(0, n));
}

std::string joined(const std::vector<std::string>& parts) {
    std::string s;
    for (const std::string& p : parts) s += p;
    return s;
}

// ---------------------------------------------------------------------------------------
// Document
// ---------------------------------------------------------------------------------------

TEST(A4Document, EveryFieldReadsBackAndTheCodeDecodes) {
    A4Document d = demoDocument("doc-2025-0006");
    ASSERT_FALSE(d.docNo.empty());
    const RenderedPdf pdf = renderDocument(d);
    const fs::path file = writePdf(pdf, "document");
    EXPECT_TRUE(pdf.missingGlyphs.empty()) << utf8::encode(pdf.missingGlyphs);
    EXPECT_EQ(pdf.pages, pdfPages(file));
    EXPECT_GE(pdf.pages, 2);
    const auto [w, h] = pageSizeMm(file);
    EXPECT_NEAR(w, 210, 0.2);
    EXPECT_NEAR(h, 297, 0.2);
    EXPECT_NEAR(pdf.widthMm, 210, 0.01);
    EXPECT_NEAR(pdf.heightMm, 297, 0.01);

    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
    expectFooters(pages, kFooter);
    const std::string first = withoutSpace(pages[0]);
    for (const std::string& expected :
         {"索引号" + d.indexNo, "文号" + d.docNo, "发布机构" + d.agency, "发布日期" + d.published,
          "主题分类" + d.topic, "有效性" + d.validity, std::string("扫码查看原文"), withoutSpace(d.title)})
        EXPECT_NE(first.find(withoutSpace(expected)), std::string::npos) << "missing " << expected << "\n" << pages[0];
    EXPECT_EQ(first.find("无原文地址"), std::string::npos);

    // Body and signature, in order and whole, across the page breaks.
    std::string text;
    for (const std::string& p : pages) text += withoutFooter(p);
    const std::string flat = withoutSpace(text);
    const size_t body = flat.find(withoutSpace(joined(d.body)));
    EXPECT_NE(body, std::string::npos) << "body lost or reordered:\n" << text;
    const size_t signature = flat.find(withoutSpace(joined(d.signature)));
    EXPECT_NE(signature, std::string::npos) << text;
    EXPECT_GT(signature, body);

    // The code on page 1 holds the address, read from a 150 and a 300 dpi rasterisation.
    for (int dpi : {150, 300}) {
        const std::vector<std::string> codes =
            decodeQrCodes(rasterise(file, 1, dpi, "page1-" + std::to_string(dpi) + "dpi"));
        ASSERT_EQ(codes.size(), 1u) << dpi << " dpi";
        EXPECT_EQ(codes[0], d.url) << dpi << " dpi";
    }
    // Only page 1 has a code.
    EXPECT_TRUE(decodeQrCodes(rasterise(file, 2, 150, "page2-150dpi")).empty());
    rasterise(file, 1, 60, "look-page1");
}

TEST(A4Document, ParagraphsSplitLineByLineAndNothingIsLost) {
    // Paragraphs of 4 to 20 lines: most page breaks have to fall inside one.
    A4Document d = longDocument(0);
    for (int i = 0; i < 40; ++i) d.body.push_back(prose(i, 6 + (i * 5) % 23));
    const RenderedPdf pdf = renderDocument(d);
    const fs::path file = writePdf(pdf, "long");
    rasterise(file, 2, 60, "look-page2");
    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
    ASSERT_GE(pdf.pages, 5);
    expectFooters(pages, kFooter);

    std::string flat;
    std::vector<size_t> pageEnds;  // where each page's text ends in FLAT
    for (const std::string& p : pages) {
        flat += withoutSpace(withoutFooter(p));
        pageEnds.push_back(flat.size());
    }
    const std::string body = withoutSpace(joined(d.body));
    const size_t at = flat.find(body);
    ASSERT_NE(at, std::string::npos) << "the concatenated body does not read back whole";

    // Where the paragraphs start and end in FLAT: some page breaks fall inside a paragraph
    // (split line by line), and every page but the last is filled (no early breaks).
    std::set<size_t> boundaries;
    size_t offset = at;
    for (const std::string& p : d.body) {
        boundaries.insert(offset);
        offset += withoutSpace(p).size();
    }
    boundaries.insert(offset);
    int inside = 0;
    for (size_t i = 0; i + 1 < pageEnds.size(); ++i) inside += !boundaries.count(pageEnds[i]);
    EXPECT_GE(inside, pdf.pages / 3) << "page breaks fall only between paragraphs";
    for (size_t i = 1; i + 1 < pages.size(); ++i) {
        const std::vector<std::string> lines = splitLines(withoutFooter(pages[i]));
        int textLines = 0;
        for (const std::string& line : lines) textLines += !withoutSpace(line).empty();
        EXPECT_GE(textLines, 30) << "page " << i + 1 << " is not filled:\n" << pages[i];
    }
}

TEST(A4Document, HeadingsAreNeverLastOnAPage) {
    // Paragraph lengths vary with the seed, so the headings fall at every position of a page
    // over the variants, the foot of the page included.
    int checkedPages = 0, headingsNearFoot = 0;
    for (int seed = 1; seed <= 14; ++seed) {
        const A4Document d = longDocument(36, seed);
        RenderedPdf pdf;
        std::string error;
        ASSERT_TRUE(renderDocumentPdf(d, pdf, error)) << error;
        const fs::path file = writePdf(pdf, "seed-" + std::to_string(seed));
        const std::vector<std::string> pages = pageTexts(file);
        for (size_t i = 0; i + 1 < pages.size(); ++i) {
            std::vector<std::string> lines;
            for (const std::string& line : splitLines(withoutFooter(pages[i])))
                if (!withoutSpace(line).empty()) lines.push_back(withoutSpace(line));
            ASSERT_FALSE(lines.empty());
            ++checkedPages;
            EXPECT_EQ(lines.back().find("、工作要求第"), std::string::npos)
                << "seed " << seed << ": heading last on page " << i + 1 << ":\n" << pages[i];
            // A heading followed by at most two lines at the page's foot: the case the rule is about.
            for (size_t k = lines.size() >= 3 ? lines.size() - 3 : 0; k + 1 < lines.size(); ++k)
                headingsNearFoot += lines[k].find("、工作要求第") != std::string::npos;
        }
    }
    EXPECT_GT(checkedPages, 40);
    EXPECT_GT(headingsNearFoot, 0) << "no variant put a heading near a page's foot: the test proves nothing";
}

TEST(A4Document, SignatureIsNeverAloneOnItsPage) {
    // One-line paragraphs added one by one walk the end of the body through every line of the
    // last page, the lines where the signature no longer fits below it included.
    int carried = 0;
    for (int extra = 0; extra < 36; ++extra) {
        A4Document d = longDocument(8, 3);
        for (int k = 0; k < extra; ++k) d.body.push_back("第" + std::to_string(k + 1) + "项补充说明。");
        RenderedPdf pdf;
        std::string error;
        ASSERT_TRUE(renderDocumentPdf(d, pdf, error)) << error;
        const std::vector<std::string> pages = pageTexts(writePdf(pdf, "extra-" + std::to_string(extra)));
        std::vector<std::string> lines;
        for (const std::string& line : splitLines(withoutFooter(pages.back())))
            if (!withoutSpace(line).empty()) lines.push_back(withoutSpace(line));
        ASSERT_GE(lines.size(), 2u);
        EXPECT_EQ(lines[lines.size() - 2] + lines.back(), "临澜县人民政府办公室2025年6月30日") << pages.back();
        EXPECT_GE(lines.size(), 3u) << extra << " extra paragraphs: the signature is alone on page " << pdf.pages;
        carried += pages.size() > 1 && lines.size() <= 4;  // the page holds only what came with the signature
    }
    EXPECT_GT(carried, 0) << "no variant pushed the signature to a new page: the test proves nothing";
}

// The 避头尾 rules the layouts keep (page_flow.cpp has the lists).
const std::u32string kNoLineStart = U"，。、；：？！）》」』”’〕】…·%％℃";
const std::u32string kNoLineEnd = U"（《「『“‘〔【";

std::string lineRuleViolation(const std::vector<std::string>& lines) {
    for (size_t i = 0; i < lines.size(); ++i) {
        const std::u32string line = utf8::decode(lines[i]);
        if (line.empty()) continue;
        if (i > 0 && kNoLineStart.find(line.front()) != std::u32string::npos)
            return "line " + std::to_string(i + 1) + " starts with " + utf8::encode(line.front()) + ": " + lines[i];
        if (i + 1 < lines.size() && kNoLineEnd.find(line.back()) != std::u32string::npos)
            return "line " + std::to_string(i + 1) + " ends with " + utf8::encode(line.back()) + ": " + lines[i];
        if (i + 1 < lines.size() && !lines[i + 1].empty()) {
            const char32_t next = utf8::decode(lines[i + 1]).front();
            if (line.back() == next && (next == U'—' || next == U'…'))
                return "line " + std::to_string(i + 1) + " splits " + utf8::encode(next) + utf8::encode(next);
        }
    }
    return {};
}

TEST(A4Document, LineBreakingKeepsPunctuationInPlace) {
    // Punctuation everywhere, in runs, beside Latin words and numbers, at every width from
    // 8 characters to the full line, in the body size and larger.
    std::string text;
    for (int i = 0; i < 6; ++i) text += prose(77 + i, 6);
    text += "参见“https://www.linlan.gov.cn/zwgk”。（一）本年度未收取费用；3.5℃、100%。张三·李四说：“好！”";
    std::string error;
    int layouts = 0, lines = 0;
    for (double fontPt : {12.0, 16.0}) {
        for (double widthMm = fontPt * 8 * 25.4 / 72; widthMm <= 165; widthMm += 0.7) {
            const std::vector<std::string> broken = a4ParagraphLines(text, widthMm, fontPt, error);
            ASSERT_FALSE(broken.empty()) << error;
            ++layouts;
            lines += static_cast<int>(broken.size());
            EXPECT_EQ(joined(broken), text) << "characters lost at " << widthMm << " mm";
            const std::string violation = lineRuleViolation(broken);
            EXPECT_TRUE(violation.empty()) << fontPt << " pt, " << widthMm << " mm: " << violation;
            if (!violation.empty()) return;
        }
    }
    std::printf("[ measure  ] 避头尾: %d layouts, %d lines, no line starts or ends with forbidden punctuation\n",
                layouts, lines);

    // A run the rules cannot break that is wider than a line (a separator drawn with dashes)
    // is broken anyway rather than run off the page.
    std::string dashes;
    for (int i = 0; i < 80; ++i) dashes += "—";
    const std::vector<std::string> dashLines = a4ParagraphLines(dashes, 100, 12, error);
    EXPECT_GE(dashLines.size(), 3u);
    for (const std::string& line : dashLines) EXPECT_LE(utf8::countChars(line), 30u) << line;
    EXPECT_EQ(joined(dashLines), dashes);

    // The check can fail: pango alone, on the same text, breaks before · (UAX #14 treats it as
    // a letter) and, where a run without break opportunities is wider than the line, between
    // any two characters.
    int pangoViolations = 0;
    std::string example;
    for (double widthMm = 12 * 8 * 25.4 / 72; widthMm <= 165; widthMm += 0.7) {
        const std::string violation = lineRuleViolation(a4ParagraphLines(text, widthMm, 12, error, false));
        if (!violation.empty() && example.empty()) example = violation;
        pangoViolations += !violation.empty();
    }
    std::printf("[ measure  ] pango without the rules: %d of %d widths break a rule (e.g. %s)\n", pangoViolations,
                layouts / 2, example.c_str());
    EXPECT_GT(pangoViolations, 0) << "pango keeps every rule by itself now: the rules may be redundant";

    // And in the PDF: each line pdftotext reads from the body.
    A4Document d = longDocument(0);
    d.body = {text, firstChars(text, utf8::countChars(text) / 2), prose(5, 30)};
    const fs::path file = writePdf(renderDocument(d), "punctuation");
    for (const std::string& page : pageTexts(file)) {
        std::vector<std::string> pageLines;
        for (const std::string& line : splitLines(withoutFooter(page))) pageLines.push_back(withoutSpace(line));
        const std::string violation = lineRuleViolation(pageLines);
        EXPECT_TRUE(violation.empty()) << violation << "\n" << page;
    }
}

TEST(A4Document, WithoutAddressOrWithOneTooLongTheNoteReplacesTheCode) {
    A4Document d = demoDocument("doc-2024-0005");
    d.url = "https://www.linlan.gov.cn/art/2024/5/1/art_1229_4090001.html?from=kiosk&terminal=LL01&track=" +
            std::string(400, 'x');
    RenderedPdf pdf = renderDocument(d);
    fs::path file = writePdf(pdf, "long-url");
    rasterise(file, 1, 60, "look-long-url");
    std::vector<std::string> pages = pageTexts(file);
    ASSERT_FALSE(pages.empty());
    EXPECT_NE(withoutSpace(pages[0]).find("原文地址原文地址过长，未生成二维码"), std::string::npos) << pages[0];
    EXPECT_NE(withoutSpace(pages[0]).find(withoutSpace(d.title)), std::string::npos);
    EXPECT_TRUE(decodeQrCodes(rasterise(file, 1, 150, "long-url-150dpi")).empty());
    expectFooters(pages, kFooter);

    d.url.clear();
    pdf = renderDocument(d);
    file = writePdf(pdf, "no-url");
    pages = pageTexts(file);
    EXPECT_NE(withoutSpace(pages[0]).find("原文地址无原文地址"), std::string::npos) << pages[0];
    EXPECT_EQ(withoutSpace(pages[0]).find("扫码查看原文"), std::string::npos);
    EXPECT_TRUE(decodeQrCodes(rasterise(file, 1, 150, "no-url-150dpi")).empty());

    // The longest address that still gets a code (about 250 bytes: 0.5 mm modules in 32 mm).
    d.url = "https://www.linlan.gov.cn/art/2024/5/1/a?" + std::string(180, 'q');
    file = writePdf(renderDocument(d), "longest-url");
    EXPECT_EQ(decodeQrCodes(rasterise(file, 1, 300, "longest-url-300dpi")), std::vector<std::string>{d.url});
    EXPECT_EQ(decodeQrCodes(rasterise(file, 1, 150, "longest-url-150dpi")), std::vector<std::string>{d.url});
}

TEST(A4Document, ThreeHundredPagesRenderAndTheLimitRefusesThem) {
    A4Document d = longDocument(2300);
    const auto start = std::chrono::steady_clock::now();
    const RenderedPdf pdf = renderDocument(d);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("[ measure  ] %zu-paragraph document (%zu characters): %d pages in %.0f ms (%.1f ms/page), %zu KB\n",
                d.body.size(), utf8::countChars(joined(d.body)), pdf.pages, ms, ms / std::max(1, pdf.pages),
                pdf.bytes.size() / 1024);
    ASSERT_GE(pdf.pages, 280);
    ASSERT_LE(pdf.pages, 340);
    const fs::path file = writePdf(pdf, "300-pages");
    EXPECT_EQ(pdfPages(file), pdf.pages);
    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
    expectFooters(pages, kFooter);
    std::string flat;
    for (const std::string& p : pages) flat += withoutSpace(withoutFooter(p));
    EXPECT_NE(flat.find(withoutSpace(joined(d.body))), std::string::npos) << "body lost across 300 pages";
    rasterise(file, pdf.pages / 2, 60, "look-middle");

    // Above the limit: refused before drawing, with the page count.
    d.maxPages = 100;
    RenderedPdf refused;
    std::string error;
    const auto refuseStart = std::chrono::steady_clock::now();
    EXPECT_FALSE(renderDocumentPdf(d, refused, error));
    const double refuseMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - refuseStart).count();
    std::printf("[ measure  ] refusing it (maxPages 100): %.0f ms\n", refuseMs);
    EXPECT_NE(error.find("文档共 " + std::to_string(pdf.pages) + " 页，超过单次打印上限 100 页"), std::string::npos) << error;
    EXPECT_NE(error.find("over the limit"), std::string::npos) << error;
    EXPECT_TRUE(refused.bytes.empty());
    EXPECT_EQ(refused.pages, 0);

    d.maxPages = pdf.pages;  // exactly at the limit: printed
    EXPECT_TRUE(renderDocumentPdf(d, refused, error)) << error;
    EXPECT_EQ(refused.pages, pdf.pages);
}

TEST(A4Document, MissingFieldsGiveAnErrorOrASensiblePage) {
    A4Document d = longDocument(3);
    d.title = "  ";
    RenderedPdf pdf;
    std::string error;
    EXPECT_FALSE(renderDocumentPdf(d, pdf, error));
    EXPECT_NE(error.find("标题"), std::string::npos) << error;
    EXPECT_TRUE(pdf.bytes.empty());

    // No body: one page with the header, the title and a note, not a blank page.
    d = longDocument(0);
    d.body = {"", "   "};
    d.signature.clear();
    pdf = renderDocument(d);
    fs::path file = writePdf(pdf, "no-body");
    EXPECT_EQ(pdf.pages, 1);
    std::string flat = withoutSpace(pageTexts(file).at(0));
    EXPECT_NE(flat.find(withoutSpace(d.title)), std::string::npos) << flat;
    EXPECT_NE(flat.find("本文件无文字正文，请扫描二维码查看原文。"), std::string::npos) << flat;

    // Nothing but a title: every other field empty.
    A4Document bare;
    bare.title = "临澜县人民政府关于公布2025年第一批县级非物质文化遗产代表性项目名录的通知";
    pdf = renderDocument(bare);
    file = writePdf(pdf, "bare");
    rasterise(file, 1, 60, "look-bare");
    EXPECT_EQ(pdf.pages, 1);
    flat = withoutSpace(pageTexts(file).at(0));
    EXPECT_NE(flat.find(withoutSpace(bare.title)), std::string::npos) << flat;
    EXPECT_NE(flat.find("本文件无文字正文。"), std::string::npos) << flat;
    EXPECT_NE(flat.find("无原文地址"), std::string::npos) << flat;
    EXPECT_NE(flat.find("打印自"), std::string::npos) << flat;
    EXPECT_EQ(flat.find("文号"), std::string::npos) << flat;  // empty 文号: no row
    EXPECT_NE(flat.find(pageNumber(1, 1)), std::string::npos) << flat;

    // Markup and ill-formed bytes are printed as text; a character no print font has is
    // reported (and drawn as a box).
    d = longDocument(0);
    d.body = {"<b>加粗</b> & \xff\xfe 半个字", "私用区字符\uF8FF。"};
    pdf = renderDocument(d);
    file = writePdf(pdf, "hostile");
    EXPECT_NE(withoutSpace(pageTexts(file).at(0)).find("<b>加粗</b>&"), std::string::npos);
    EXPECT_NE(pdf.missingGlyphs.find(U'\uF8FF'), std::u32string::npos) << utf8::encode(pdf.missingGlyphs);
}

TEST(A4Document, ExpiredDocumentsAreMarkedAndAttachmentsListed) {
    A4Document d = longDocument(4);
    d.validity = "失效";
    d.validNote = "自2026年1月1日起失效";
    d.attachments = {"临澜县基层政务公开标准目录（2025年版）", "一图读懂"};
    const fs::path file = writePdf(renderDocument(d), "expired");
    rasterise(file, 1, 60, "look-expired");
    std::string flat;
    for (const std::string& p : pageTexts(file)) flat += withoutSpace(withoutFooter(p));
    EXPECT_NE(flat.find("有效性失效"), std::string::npos) << flat;
    EXPECT_NE(flat.find("【本文件已失效】自2026年1月1日起失效"), std::string::npos) << flat;
    const size_t attachments = flat.find("附件：1.临澜县基层政务公开标准目录（2025年版）2.一图读懂");
    EXPECT_NE(attachments, std::string::npos) << flat;
    EXPECT_LT(attachments, flat.find("临澜县人民政府办公室2025年6月30日"));
}

// ---------------------------------------------------------------------------------------
// Guide checklist
// ---------------------------------------------------------------------------------------
A4GuideChecklist demoGuide(const std::string& key) {
    const ContentSet& content = demoContent();
    const auto g = std::find_if(content.guides.begin(), content.guides.end(),
                                [&](const GuideRecord& r) { return r.key == key; });
    if (g == content.guides.end()) throw std::runtime_error("no guide " + key);
    A4GuideChecklist c;
    c.zoneName = kZone;
    c.printedAt = kPrintedAt;
    for (const GuideGroupRecord& group : content.guideGroups)
        if (group.key == g->group) c.groupName = group.name;
    c.name = g->name;
    for (const Agency& a : content.agencies)
        if (a.key == g->department) c.department = a.name;
    c.window = g->window;
    c.hours = g->hours;
    c.statutoryLimit = g->statutoryLimit;
    c.promisedLimit = g->promisedLimit;
    c.fee = g->fee;
    c.hotline = g->hotline;
    c.online = g->online;
    for (const GuideMaterial& m : g->materials) c.materials.push_back({m.name, m.form, m.count, m.note});
    c.steps = g->steps;
    c.basis = g->basis;
    return c;
}

// Tick boxes on a 100 dpi greyscale page: hollow squares of 5 mm in the first table column.
int countTickBoxes(const Gray& g, double leftMm, double columnMm) {
    const double pxPerMm = 100 / 25.4;
    const int side = static_cast<int>(5 * pxPerMm + 0.5);  // ≈ 20 px
    const int x0 = static_cast<int>(leftMm * pxPerMm), x1 = static_cast<int>((leftMm + columnMm) * pxPerMm);
    int boxes = 0;
    for (int y = 0; y + side < g.height; ++y) {
        for (int x = x0 + 2; x + side < x1; ++x) {
            // A top edge: a dark run of about SIDE pixels …
            int run = 0;
            while (x + run < x1 && g.dark(x + run, y)) ++run;
            if (run < side - 3 || run > side + 3) {
                x += std::max(run, 0);
                continue;
            }
            // … a bottom edge SIDE below, dark left and right sides, a white inside.
            bool box = false;
            for (int dy = side - 2; dy <= side + 2 && !box; ++dy) {
                int bottom = 0;
                for (int k = 0; k < run; ++k) bottom += g.dark(x + k, y + dy);
                int sides = 0, inside = 0;
                for (int k = 2; k < dy - 1; ++k) {
                    sides += g.dark(x, y + k) || g.dark(x + 1, y + k);
                    sides += g.dark(x + run - 1, y + k) || g.dark(x + run - 2, y + k);
                    for (int j = 3; j < run - 3; ++j) inside += g.dark(x + j, y + k);
                }
                box = bottom >= run - 2 && sides >= 2 * (dy - 3) - 2 && inside == 0;
            }
            if (box) {
                ++boxes;
                y += side + 2;  // past this box
                break;
            }
            x += run;
        }
    }
    return boxes;
}

TEST(A4Guide, ChecklistReadsBackWithTickBoxesAndCode) {
    const A4GuideChecklist g = demoGuide("guide-birth-cert");
    RenderedPdf pdf;
    std::string error;
    ASSERT_TRUE(renderGuideChecklistPdf(g, pdf, error)) << error;
    EXPECT_TRUE(pdf.missingGlyphs.empty()) << utf8::encode(pdf.missingGlyphs);
    const fs::path file = writePdf(pdf, "checklist");
    rasterise(file, 1, 60, "look-page1");
    EXPECT_EQ(pdf.pages, 1);
    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(pages.size(), 1u);
    expectFooters(pages, kFooter);
    const std::string flat = withoutSpace(pages[0]);
    for (const std::string& expected :
         {g.groupName, g.name, std::string("办事材料清单"), "办理部门" + g.department, "办理窗口" + g.window,
          "办公时间" + g.hours, "法定时限" + g.statutoryLimit, "承诺时限" + g.promisedLimit, "收费标准" + g.fee,
          "咨询电话" + g.hotline, std::string("便民热线12345政务服务便民热线"), "网上办理" + g.online,
          std::string("扫码网上办理"), std::string("申请材料"), std::string("共4项，请逐项核对后在“核对”栏打勾"),
          std::string("核对序号材料名称材料形式份数备注"), std::string("办理流程"), std::string("设定依据")})
        EXPECT_NE(flat.find(withoutSpace(expected)), std::string::npos) << "missing " << expected << "\n" << pages[0];
    // Each material's row: number, name, form, count, note, in order (cells in drawing order:
    // -layout interleaves the lines of wrapped cells).
    const std::string cells = withoutSpace(pageTexts(file, true).at(0));
    size_t at = 0;
    for (size_t i = 0; i < g.materials.size(); ++i) {
        const A4Material& m = g.materials[i];
        const std::string row = std::to_string(i + 1) + withoutSpace(m.name) + withoutSpace(m.form) +
                                std::to_string(m.count) + withoutSpace(m.note);
        const size_t found = cells.find(row, at);
        ASSERT_NE(found, std::string::npos) << row << "\n" << cells;
        at = found + row.size();
    }
    for (size_t i = 0; i < g.steps.size(); ++i)
        EXPECT_NE(flat.find(std::to_string(i + 1) + "." + firstChars(withoutSpace(g.steps[i]), 6)), std::string::npos)
            << g.steps[i] << "\n" << pages[0];
    // The tick boxes are drawn squares, one per material, no glyph.
    EXPECT_EQ(flat.find("□"), std::string::npos);
    EXPECT_EQ(countTickBoxes(readPgm(rasterise(file, 1, 100, "gray", true)), 20, 13),
              static_cast<int>(g.materials.size()));
    for (int dpi : {150, 300})
        EXPECT_EQ(decodeQrCodes(rasterise(file, 1, dpi, "page1-" + std::to_string(dpi) + "dpi")),
                  std::vector<std::string>{g.online})
            << dpi << " dpi";
}

TEST(A4Guide, LongTableContinuesWithItsHeaderOnEveryPage) {
    A4GuideChecklist g = demoGuide("guide-property-first");
    g.materials.clear();
    for (int i = 1; i <= 45; ++i)
        g.materials.push_back({"第" + std::to_string(i) + "号材料：" + prose(i, 1 + i % 3), i % 2 ? "原件" : "原件及复印件",
                               1 + i % 3, i % 4 ? "" : "涉及的提供；" + prose(i + 100, 1)});
    RenderedPdf pdf;
    std::string error;
    ASSERT_TRUE(renderGuideChecklistPdf(g, pdf, error)) << error;
    const fs::path file = writePdf(pdf, "long-checklist");
    rasterise(file, 2, 60, "look-page2");
    ASSERT_GE(pdf.pages, 3);
    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
    expectFooters(pages, kFooter);
    const std::vector<std::string> rawPages = pageTexts(file, true);
    ASSERT_EQ(rawPages.size(), pages.size());
    int next = 1, boxes = 0;
    for (size_t p = 0; p < pages.size(); ++p) {
        const std::string flat = withoutSpace(rawPages[p]);
        const bool hasRows = flat.find("号材料：") != std::string::npos;
        if (hasRows) {
            EXPECT_NE(flat.find("核对序号材料名称材料形式份数备注"), std::string::npos)
                << "no table header on page " << p + 1 << "\n" << pages[p];
        }
        for (size_t at = 0; (at = flat.find("号材料：", at)) != std::string::npos; at += 1) {
            const size_t start = flat.rfind("第", at);
            ASSERT_NE(start, std::string::npos);
            EXPECT_EQ(flat.substr(start, at - start), "第" + std::to_string(next)) << "page " << p + 1;
            ++next;
        }
        const fs::path gray = rasterise(file, static_cast<int>(p) + 1, 100, "gray-" + std::to_string(p + 1), true);
        boxes += countTickBoxes(readPgm(gray), 20, 13);
    }
    EXPECT_EQ(next, 46);
    EXPECT_EQ(boxes, 45);
    EXPECT_NE(withoutSpace(pages.back()).find("办理流程"), std::string::npos);
}

TEST(A4Guide, MissingNameIsAnErrorAndNoMaterialsIsSaid) {
    A4GuideChecklist g = demoGuide("guide-birth-cert");
    g.name.clear();
    RenderedPdf pdf;
    std::string error;
    EXPECT_FALSE(renderGuideChecklistPdf(g, pdf, error));
    EXPECT_NE(error.find("名称"), std::string::npos) << error;

    A4GuideChecklist bare;
    bare.name = "临时救助申请";
    bare.online = "";
    ASSERT_TRUE(renderGuideChecklistPdf(bare, pdf, error)) << error;
    const fs::path file = writePdf(pdf, "bare");
    EXPECT_EQ(pdf.pages, 1);
    const std::string flat = withoutSpace(pageTexts(file).at(0));
    EXPECT_NE(flat.find("临时救助申请"), std::string::npos) << flat;
    EXPECT_NE(flat.find("本事项无需提交材料。"), std::string::npos) << flat;
    EXPECT_EQ(flat.find("网上办理"), std::string::npos) << flat;
    EXPECT_TRUE(decodeQrCodes(rasterise(file, 1, 150, "bare-150dpi")).empty());
}

// ---------------------------------------------------------------------------------------
// Village poster
// ---------------------------------------------------------------------------------------
A4VillagePoster demoPoster(const std::string& villageKey) {
    for (const TownshipRecord& t : demoContent().townships)
        for (const VillageRecord& v : t.villages)
            if (v.key == villageKey) {
                A4VillagePoster p;
                p.zoneName = kZone;
                p.printedAt = kPrintedAt;
                p.township = t.name;
                p.village = v.name;
                p.date = "2026-11-30";
                for (const VillageItemRecord& i : v.items) p.items.push_back({i.kind, i.title, i.date, i.summary, i.url});
                return p;
            }
    throw std::runtime_error("no village " + villageKey);
}

// What item I's code should hold: its address, or its summary when it has none.
std::string expectedCode(const A4PosterItem& item) { return item.url.empty() ? item.summary : item.url; }

// The codes of page PAGE, decoded from the left column (where the codes are) at DPI.
std::multiset<std::string> posterCodes(const fs::path& file, int page, int dpi) {
    const std::vector<std::string> codes =
        decodeQrCodes(rasterise(file, page, dpi, "codes-p" + std::to_string(page) + "-" + std::to_string(dpi), false,
                                {10, 0, 55, 297}));
    return {codes.begin(), codes.end()};
}

TEST(A4Poster, ItemsReadBackAndEveryCodeDecodes) {
    const A4VillagePoster p = demoPoster("chengguan-dongshan");
    ASSERT_GE(p.items.size(), 5u);
    const auto textItem = std::find_if(p.items.begin(), p.items.end(), [](const A4PosterItem& i) { return i.url.empty(); });
    ASSERT_NE(textItem, p.items.end()) << "the demo village should have an item without an address";
    RenderedPdf pdf;
    std::string error;
    ASSERT_TRUE(renderVillagePosterPdf(p, pdf, error)) << error;
    EXPECT_TRUE(pdf.missingGlyphs.empty()) << utf8::encode(pdf.missingGlyphs);
    const fs::path file = writePdf(pdf, "poster");
    rasterise(file, 1, 60, "look-page1");
    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
    expectFooters(pages, kFooter);
    std::string flat;
    for (const std::string& page : pages) flat += withoutSpace(page);
    for (const std::string& expected : {std::string("东山村信息公示"), std::string("城关镇东山村"),
                                        std::string("公示日期：2026-11-30"), std::string("用手机扫描二维码")})
        EXPECT_NE(flat.find(expected), std::string::npos) << expected << "\n" << flat;
    size_t at = 0;
    for (const A4PosterItem& item : p.items) {
        const size_t title = flat.find(withoutSpace(item.title), at);
        ASSERT_NE(title, std::string::npos) << item.title;
        EXPECT_NE(flat.rfind(item.kind + item.date, title), std::string::npos) << item.kind;
        // The summary's first characters on one line after the title.
        EXPECT_NE(flat.find(firstChars(withoutSpace(item.summary), 12), title), std::string::npos) << item.summary;
        at = title;
    }
    EXPECT_NE(flat.find("二维码内容为文字摘要"), std::string::npos);

    for (int dpi : {150, 300}) {
        std::multiset<std::string> found, expected;
        for (int page = 1; page <= pdf.pages; ++page)
            for (const std::string& code : posterCodes(file, page, dpi)) found.insert(code);
        for (const A4PosterItem& item : p.items) expected.insert(expectedCode(item));
        EXPECT_EQ(found, expected) << dpi << " dpi";
    }
}

A4VillagePoster fortyItems() {
    A4VillagePoster p;
    p.zoneName = kZone;
    p.printedAt = kPrintedAt;
    p.township = "城关镇";
    p.village = "东山村";
    p.date = "2026-11-30";
    const char* kinds[] = {"村务公开", "财务公开", "惠农补贴", "征地补偿", "低保名单公示", "其他"};
    for (int i = 1; i <= 40; ++i) {
        char number[8];
        std::snprintf(number, sizeof number, "%02d", i);
        A4PosterItem item;
        item.kind = kinds[i % 6];
        item.title = "东山村第" + std::string(number) + "号公示：" + firstChars(prose(i, 1), 24);
        item.date = "2026-" + std::string(i % 12 < 9 ? "0" : "") + std::to_string(i % 12 + 1) + "-15";
        item.summary = "第" + std::string(number) + "项摘要：" + prose(i + 50, 2);
        if (i % 5 != 0) item.url = "https://www.linlan.gov.cn/cwgk/chengguan-dongshan/" + std::to_string(i) + ".html";
        p.items.push_back(item);
    }
    return p;
}

TEST(A4Poster, FortyItemsPaginateWholeAndInOrder) {
    const A4VillagePoster p = fortyItems();
    RenderedPdf pdf;
    std::string error;
    ASSERT_TRUE(renderVillagePosterPdf(p, pdf, error)) << error;
    const fs::path file = writePdf(pdf, "forty");
    rasterise(file, 2, 60, "look-page2");
    EXPECT_EQ(pdfPages(file), pdf.pages);
    const std::vector<std::string> pages = pageTexts(file);
    ASSERT_EQ(static_cast<int>(pages.size()), pdf.pages);
    expectFooters(pages, kFooter);

    // Items per page, by the number in each title: each exactly once, in order, none cut.
    std::vector<int> perPage;
    int next = 1;
    const std::regex title("东山村第(\\d\\d)号公示");
    for (size_t i = 0; i < pages.size(); ++i) {
        const std::string flat = withoutSpace(pages[i]);
        int count = 0;
        for (std::sregex_iterator m(flat.begin(), flat.end(), title), end; m != end; ++m, ++count)
            EXPECT_EQ(std::stoi((*m)[1]), next++) << "page " << i + 1;
        perPage.push_back(count);
        EXPECT_GT(count, 0) << "page " << i + 1 << " has no item";
        if (i > 0) {
            EXPECT_NE(flat.find("城关镇东山村信息公示（续）"), std::string::npos) << pages[i];
        }
        // A block is whole on its page: its summary is there too.
        EXPECT_EQ(static_cast<int>(std::count_if(p.items.begin(), p.items.end(), [&](const A4PosterItem& item) {
                      return flat.find(firstChars(withoutSpace(item.summary), 10)) != std::string::npos;
                  })),
                  count)
            << pages[i];
    }
    EXPECT_EQ(next, 41);
    // The same number of blocks on every full page, the first page fewer (it has the title),
    // and exactly as many pages as that makes.
    ASSERT_GE(perPage.size(), 3u);
    const int full = perPage[1];
    for (size_t i = 1; i + 1 < perPage.size(); ++i) EXPECT_EQ(perPage[i], full) << "page " << i + 1;
    EXPECT_LE(perPage[0], full);
    EXPECT_EQ(static_cast<int>(perPage.size()), 1 + (40 - perPage[0] + full - 1) / full);
    std::printf("[ measure  ] 40-item poster: %d pages, items per page:", pdf.pages);
    for (int n : perPage) std::printf(" %d", n);
    std::printf(", %zu KB\n", pdf.bytes.size() / 1024);

    // Full pages are full: the space left under the last block is less than a block.
    for (int page = 2; page < pdf.pages; ++page) {
        const Gray g = readPgm(rasterise(file, page, 50, "fill-" + std::to_string(page), true));
        const double pxPerMm = 50 / 25.4;
        std::vector<int> inkRows;
        for (int y = 0; y < g.height; ++y) {
            bool ink = false;
            for (int x = static_cast<int>(16 * pxPerMm); x < static_cast<int>(16.5 * pxPerMm) && !ink; ++x)
                ink = g.dark(x, y);
            if (ink && y < static_cast<int>(275 * pxPerMm)) inkRows.push_back(y);  // left frame edge above the footer
        }
        ASSERT_FALSE(inkRows.empty());
        const double lastBlockBottomMm = inkRows.back() / pxPerMm;
        const double blockMm = (275.0 - 15 - 12) / full;  // a generous upper bound of block + gap
        EXPECT_LT(275.0 - lastBlockBottomMm, blockMm) << "page " << page << " could hold another block";
    }

    // Every code decodes, on the page of its item.
    size_t first = 0;
    for (int page = 1; page <= pdf.pages; ++page) {
        const size_t count = static_cast<size_t>(perPage[static_cast<size_t>(page - 1)]);
        std::multiset<std::string> expected;
        for (size_t k = 0; k < count; ++k) expected.insert(expectedCode(p.items[first + k]));
        first += count;
        for (int dpi : {150, 300})
            EXPECT_EQ(posterCodes(file, page, dpi), expected) << "page " << page << ", " << dpi << " dpi";
    }
}

TEST(A4Poster, WithoutItemsOrVillageItIsAnError) {
    A4VillagePoster p = demoPoster("chengguan-dongshan");
    p.items.clear();
    RenderedPdf pdf;
    std::string error;
    EXPECT_FALSE(renderVillagePosterPdf(p, pdf, error));
    EXPECT_NE(error.find("东山村没有可公示的事项"), std::string::npos) << error;
    EXPECT_TRUE(pdf.bytes.empty());
    EXPECT_EQ(pdf.pages, 0);

    p = demoPoster("chengguan-dongshan");
    p.village.clear();
    error.clear();
    EXPECT_FALSE(renderVillagePosterPdf(p, pdf, error));
    EXPECT_NE(error.find("村（社区）名称"), std::string::npos) << error;
}

TEST(A4Poster, SummaryTooLongForACodeSaysNoCode) {
    A4VillagePoster p = demoPoster("chengguan-dongshan");
    p.items.resize(2);
    p.items[0].url.clear();
    p.items[0].summary = prose(3, 40);  // some 1,500 characters: no QR version holds it at 0.5 mm in 36 mm
    p.items[1].url.clear();
    p.items[1].summary = "本月拟新增农村低保对象2户3人，公示期为11月18日至24日。";
    RenderedPdf pdf;
    std::string error;
    ASSERT_TRUE(renderVillagePosterPdf(p, pdf, error)) << error;
    const fs::path file = writePdf(pdf, "no-code");
    rasterise(file, 1, 60, "look");
    const std::string page = pageTexts(file).at(0);
    const std::string flat = withoutSpace(page);
    EXPECT_NE(flat.find("无二维码"), std::string::npos) << page;
    EXPECT_NE(flat.find("二维码内容为文字摘要"), std::string::npos) << page;
    // The long summary is one line, cut with an ellipsis.
    const std::string start = firstChars(withoutSpace(p.items[0].summary), 10);
    ASSERT_NE(flat.find(start), std::string::npos) << page;
    for (const std::string& line : splitLines(page))
        if (withoutSpace(line).find(start) != std::string::npos) {
            EXPECT_NE(line.find("…"), std::string::npos) << line;
        }
    EXPECT_EQ(posterCodes(file, 1, 300), std::multiset<std::string>{p.items[1].summary});
}

// ---------------------------------------------------------------------------------------
// Template characters and timing
// ---------------------------------------------------------------------------------------
TEST(A4Pages, TemplateCharactersCoverTheFixedWording) {
    const std::u32string chars = a4TemplateCharacters();
    for (char32_t cp : utf8::decode("打印自第页共索引号文号发布机构发布日期主题分类有效性原文地址扫码查看原文无原文地址"
                                    "过长，未生成二维码本文件无文字正文请扫描已废止失效附件：办事材料清单办理部门窗口"
                                    "办公时间法定时限承诺收费标准咨询电话便民热线政务服务网上申请共项逐核对后在“”栏打勾"
                                    "序号名称形式份数备注流程设定依据信息公示（续）日期：用手机每详细内容文字摘要…"
                                    "0123456789ABCxyz-:/?&=."))
        EXPECT_NE(chars.find(cp), std::u32string::npos) << utf8::encode(cp);
    EXPECT_EQ(chars.find(U' '), std::u32string::npos);
    EXPECT_TRUE(std::is_sorted(chars.begin(), chars.end()));
}

TEST(A4Pages, RenderTimesAreReported) {
    // A measurement, not an assertion: printed for the README.
    auto median = [](auto&& render) {
        render();  // warm
        std::vector<double> ms;
        for (int i = 0; i < 5; ++i) {
            const auto start = std::chrono::steady_clock::now();
            render();
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::sort(ms.begin(), ms.end());
        return ms[ms.size() / 2];
    };
    RenderedPdf pdf;
    std::string error;
    const A4Document document = demoDocument("doc-2025-0006");
    const A4GuideChecklist guide = demoGuide("guide-property-first");
    const A4VillagePoster poster = demoPoster("chengguan-dongshan");
    const double documentMs = median([&] { renderDocumentPdf(document, pdf, error); });
    const size_t documentBytes = pdf.bytes.size();
    const int documentPages = pdf.pages;
    const double guideMs = median([&] { renderGuideChecklistPdf(guide, pdf, error); });
    const size_t guideBytes = pdf.bytes.size();
    const double posterMs = median([&] { renderVillagePosterPdf(poster, pdf, error); });
    std::printf("[ measure  ] warm medians: document %d pages %.0f ms (%zu KB), checklist %.0f ms (%zu KB), "
                "poster of %zu items %.0f ms (%zu KB)\n",
                documentPages, documentMs, documentBytes / 1024, guideMs, guideBytes / 1024, poster.items.size(),
                posterMs, pdf.bytes.size() / 1024);
    EXPECT_GT(documentBytes, 0u);
}

}  // namespace
}  // namespace zwgk
