// The application receipt as a PDF: every field read back with pdftotext, the page size with
// pdfinfo, the QR code decoded with zbarimg from a poppler rasterisation. The PDFs and PNGs
// of each test stay in build/print-out/<Suite>.<Test>/ for looking at.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "cups_test_support.h"
#include "print_out_support.h"
#include "print_test_support.h"
#include "receipt.h"
#include "utf8.h"

namespace zwgk {
namespace {

namespace fs = std::filesystem;
using cupstest::runChecked;
using cupstest::shellQuote;

using printtest::outDir;
using printtest::pageSizeMm;
using printtest::sampleReceipt;
using printtest::withoutSpace;
using printtest::writePdf;

// Rasterises page 1 at DPI to NAME.png beside the PDF and returns the PNG's path.
fs::path rasterise(const fs::path& pdf, int dpi, const std::string& name) {
    const fs::path root = pdf.parent_path() / name;
    runChecked("pdftoppm -r " + std::to_string(dpi) + " -png -singlefile " + shellQuote(pdf.string()) + " " +
               shellQuote(root.string()));
    return root.string() + ".png";
}

std::string decodeQr(const fs::path& png) {
    std::string text = runChecked("zbarimg --raw -q " + shellQuote(png.string()), false);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

RenderedPdf render(const ReceiptContent& r) {
    RenderedPdf pdf;
    std::string error;
    EXPECT_TRUE(renderReceiptPdf(r, pdf, error)) << error;
    return pdf;
}

TEST(Receipt, EveryFieldReadsBack) {
    const ReceiptContent r = sampleReceipt();
    const RenderedPdf pdf = render(r);
    ASSERT_FALSE(pdf.bytes.empty());
    EXPECT_EQ(pdf.pages, 1);
    EXPECT_TRUE(pdf.missingGlyphs.empty());
    const fs::path file = writePdf(pdf, "receipt");
    rasterise(file, 203, "receipt-203dpi");  // what a receipt printer's head would make of it

    const std::string text = cupstest::pdfText(file);
    const std::string flat = withoutSpace(text);
    for (const std::string& expected :
         {std::string("政府信息公开申请回执"), std::string("查询码"), r.trackingCode, r.zoneName,
          std::string("提交时间"), r.submittedAt, std::string("收到申请日期"), r.receivedDate,
          std::string("以提交当日为收到申请之日（《政府信息公开条例》第三十一条）"), std::string("受理机关"), r.office,
          std::string("提交地点"), r.terminalLocation, std::string("申请人"), r.applicant, std::string("身份证件"),
          r.idDocument, std::string("所需信息"), r.infoWanted, std::string("提供方式"), r.provision,
          std::string("答复期限"), r.dueDate + "前", std::string("自收到申请之日起20个工作日内答复"),
          std::string("扫码查询办理进度"), r.statusUrl, std::string("接下来会怎样"),
          std::string("将在7个工作日内一次性告知补正（第三十条）"), std::string("“进度查询”"),
          std::string("咨询电话") + r.hotline, std::string("请妥善保管本回执")}) {
        EXPECT_NE(flat.find(withoutSpace(expected)), std::string::npos) << "missing: " << expected << "\n" << text;
    }
    // The code is printed whole, on one line.
    EXPECT_NE(text.find(r.trackingCode), std::string::npos) << text;
    // Not provisional, not a reprint.
    EXPECT_EQ(flat.find("预计"), std::string::npos);
    EXPECT_EQ(flat.find("补打"), std::string::npos);
    EXPECT_EQ(flat.find("节假日安排尚未公布"), std::string::npos);
}

TEST(Receipt, ProvisionalDueDateSaysWhy) {
    ReceiptContent r = sampleReceipt();
    r.dueProvisional = true;
    const fs::path file = writePdf(render(r), "provisional");
    const std::string flat = withoutSpace(cupstest::pdfText(file));
    EXPECT_NE(flat.find("预计" + r.dueDate + "前"), std::string::npos) << flat;
    EXPECT_NE(flat.find(withoutSpace("下一年度节假日安排尚未公布，日期按双休日推算，以行政机关告知为准")), std::string::npos)
        << flat;
}

TEST(Receipt, ReprintIsMarkedWithItsTime) {
    ReceiptContent r = sampleReceipt();
    r.reprint = true;
    r.printedAt = "2026-12-01 09:30";
    const fs::path file = writePdf(render(r), "reprint");
    rasterise(file, 150, "reprint");
    const std::string flat = withoutSpace(cupstest::pdfText(file));
    EXPECT_NE(flat.find("补打"), std::string::npos) << flat;
    EXPECT_NE(flat.find(withoutSpace("补打时间 2026-12-01 09:30")), std::string::npos) << flat;
    EXPECT_NE(flat.find(r.trackingCode), std::string::npos) << flat;

    ReceiptContent missing = r;
    missing.printedAt.clear();
    RenderedPdf pdf;
    std::string error;
    EXPECT_FALSE(renderReceiptPdf(missing, pdf, error));
    EXPECT_NE(error.find("printedAt"), std::string::npos) << error;
}

TEST(Receipt, PageIs80mmWideAndAsTallAsItsContent) {
    const ReceiptContent r = sampleReceipt();
    const RenderedPdf pdf = render(r);
    const fs::path file = writePdf(pdf, "receipt");
    const auto [w, h] = pageSizeMm(file);
    EXPECT_NEAR(w, 80.0, 0.1);
    EXPECT_NEAR(pdf.widthMm, 80.0, 0.01);
    EXPECT_NEAR(h, pdf.heightMm, 0.2);
    // A real receipt: between 12 and 30 cm for this content.
    EXPECT_GT(h, 120);
    EXPECT_LT(h, 300);

    // The content fills the page: ink within a few millimetres of the bottom edge and never
    // closer than the margin. Read from a 1-dot-per-0.25 mm greyscale rasterisation.
    const fs::path root = file.parent_path() / "gray";
    runChecked("pdftoppm -r 101.6 -gray -singlefile " + shellQuote(file.string()) + " " + shellQuote(root.string()));
    std::ifstream in(root.string() + ".pgm", std::ios::binary);
    std::string magic;
    int width = 0, height = 0, maxval = 0;
    in >> magic >> width >> height >> maxval;
    in.get();
    std::string pixels(static_cast<size_t>(width) * height, '\0');
    in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
    ASSERT_EQ(magic, "P5");
    int lastInkRow = -1, firstInkRow = -1, minX = width, maxX = -1;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (static_cast<unsigned char>(pixels[static_cast<size_t>(y) * width + x]) < 128) {
                if (firstInkRow < 0) firstInkRow = y;
                lastInkRow = y;
                minX = std::min(minX, x);
                maxX = std::max(maxX, x);
            }
    const double pxPerMm = 101.6 / 25.4;
    EXPECT_GE(firstInkRow / pxPerMm, 3.0);
    EXPECT_LE(firstInkRow / pxPerMm, 6.0);
    EXPECT_GE((height - 1 - lastInkRow) / pxPerMm, 3.0);
    EXPECT_LE((height - 1 - lastInkRow) / pxPerMm, 6.0);
    EXPECT_GE(minX / pxPerMm, 3.5);
    EXPECT_GE((width - 1 - maxX) / pxPerMm, 3.5);
}

TEST(Receipt, QrCodeDecodesToTheStatusUrl) {
    const ReceiptContent r = sampleReceipt();
    const fs::path file = writePdf(render(r), "receipt");
    // 203 dpi: what a thermal head prints; 300 dpi: a finer rasterisation.
    EXPECT_EQ(decodeQr(rasterise(file, 203, "203dpi")), r.statusUrl);
    EXPECT_EQ(decodeQr(rasterise(file, 300, "300dpi")), r.statusUrl);
}

TEST(Receipt, LongUrlStillDecodes) {
    ReceiptContent r = sampleReceipt();
    r.statusUrl = "https://zwgk.linlan.gov.cn/yisqgk/status?code=LL017KX4M9QH&terminal=LL01&lang=zh-Hans&src=receipt"
                  "&v=2026.11&check=0123456789abcdef0123456789abcdef";
    const fs::path file = writePdf(render(r), "long-url");
    EXPECT_EQ(decodeQr(rasterise(file, 203, "203dpi")), r.statusUrl);
    // The URL is printed too (wrapped anywhere: it has no spaces).
    EXPECT_NE(withoutSpace(cupstest::pdfText(file)).find(r.statusUrl), std::string::npos);
}

TEST(Receipt, LongInformationWrapsAndThePageGrows) {
    ReceiptContent r = sampleReceipt();
    const RenderedPdf shortPdf = render(r);
    r.infoWanted = "临澜县2021年至2025年城乡居民最低生活保障、特困人员救助供养和临时救助资金的年度预算、实际发放总额及…";
    const RenderedPdf longPdf = render(r);
    const fs::path file = writePdf(longPdf, "long-info");
    rasterise(file, 150, "long-info");
    EXPECT_GT(longPdf.heightMm, shortPdf.heightMm + 4);  // at least one more line
    const std::string text = cupstest::pdfText(file);
    // The value spans several lines, none wider than the page allows, and reads back whole.
    EXPECT_NE(withoutSpace(text).find(withoutSpace(r.infoWanted)), std::string::npos) << text;
    const size_t first = text.find("临澜县2021年");
    ASSERT_NE(first, std::string::npos) << text;
    const size_t lineEnd = text.find('\n', first);
    EXPECT_EQ(text.substr(first, lineEnd - first).find("…"), std::string::npos) << "no wrap:\n" << text;
    // Line breaking keeps closing punctuation off the start of a line (避头尾).
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const std::string trimmed = withoutSpace(line);
        for (const char* closing : {"，", "、", "。", "）", "；", "："})
            EXPECT_NE(trimmed.rfind(closing, 0), 0u) << "line starts with " << closing << ":\n" << text;
    }
}

TEST(Receipt, UrlTooLongForAQrCodeIsAnError) {
    ReceiptContent r = sampleReceipt();
    r.statusUrl = "https://zwgk.linlan.gov.cn/s/" + std::string(3000, 'x');  // beyond QR version 40
    RenderedPdf pdf;
    std::string error;
    EXPECT_FALSE(renderReceiptPdf(r, pdf, error));
    EXPECT_FALSE(error.empty());
    EXPECT_TRUE(pdf.bytes.empty());

    r.statusUrl = "https://zwgk.linlan.gov.cn/s/" + std::string(1400, 'x');  // a QR code, but not 0.5 mm modules in 72 mm
    error.clear();
    EXPECT_FALSE(renderReceiptPdf(r, pdf, error));
    EXPECT_NE(error.find("too large"), std::string::npos) << error;

    r.statusUrl.clear();
    error.clear();
    EXPECT_FALSE(renderReceiptPdf(r, pdf, error));
    EXPECT_NE(error.find("statusUrl"), std::string::npos) << error;
}

TEST(Receipt, WithoutIdDocumentOrLocation) {
    ReceiptContent r = sampleReceipt();
    r.idDocument.clear();
    r.terminalLocation.clear();
    r.applicant = "临澜县某某农业专业合作社";  // an organisation applies by name
    const fs::path file = writePdf(render(r), "organisation");
    const std::string flat = withoutSpace(cupstest::pdfText(file));
    EXPECT_EQ(flat.find("身份证件"), std::string::npos);
    EXPECT_NE(flat.find(r.applicant), std::string::npos);
    EXPECT_NE(flat.find("提交地点" + r.zoneName), std::string::npos) << flat;
}

TEST(Receipt, HostileTextIsPrintedAsText) {
    ReceiptContent r = sampleReceipt();
    r.infoWanted = "<b>加粗</b> & \xff\xfe 半个字";  // markup characters and ill-formed UTF-8
    const fs::path file = writePdf(render(r), "hostile");
    const std::string flat = withoutSpace(cupstest::pdfText(file));
    EXPECT_NE(flat.find("<b>加粗</b>&"), std::string::npos) << flat;
}

TEST(Receipt, TemplateCharactersCoverTheFixedWording) {
    const std::u32string chars = receiptTemplateCharacters();
    for (char32_t cp : utf8::decode("政府信息公开申请回执查询码提交时间收到申请日期《政府信息公开条例》第三十一条"
                                    "受理机关答复期限预计补打扫码查询办理进度接下来会怎样咨询电话请妥善保管本回执"
                                    "下一年度节假日安排尚未公布，日期按双休日推算，以行政机关告知为准“进度查询”…·"
                                    "0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcxyz-:/?&=*"))
        EXPECT_NE(chars.find(cp), std::u32string::npos) << utf8::encode(cp);
    EXPECT_EQ(chars.find(U' '), std::u32string::npos);
    EXPECT_TRUE(std::is_sorted(chars.begin(), chars.end()));
}

TEST(Receipt, RenderTimeIsReported) {
    // A measurement, not an assertion: printed for the README and the report.
    const ReceiptContent r = sampleReceipt();
    render(r);  // warm: fonts loaded, caches filled
    constexpr int kRuns = 20;
    std::vector<double> ms;
    for (int i = 0; i < kRuns; ++i) {
        const auto start = std::chrono::steady_clock::now();
        render(r);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("[ measure  ] receipt render (warm, %d runs): median %.1f ms, max %.1f ms, %zu bytes\n", kRuns,
                ms[kRuns / 2], ms.back(), render(r).bytes.size());
}

}  // namespace
}  // namespace zwgk
