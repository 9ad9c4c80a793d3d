// The 政府信息公开申请回执: an 80 mm receipt laid out with pango on a cairo PDF surface, as
// tall as its content, with the status-lookup QR code (libqrencode). The caller fills in
// what the receipt says (personal data already masked); this module decides how it looks.
//
// Receipts are always printed in Simplified Chinese, in the print font (print_fonts.h),
// which survives cairo's font subsetting (see the glyph check in tests/print).
#pragma once

#include <string>

namespace zwgk {

struct ReceiptContent {
    std::string trackingCode;      // LL01-7KX4-M9QH, printed large
    std::string submittedAt;       // 2026-11-30 14:05, local time
    std::string receivedDate;      // 2026-11-30: the Art. 31 receipt date
    std::string office;            // receiving office, e.g. 临澜县人民政府办公室
    std::string zoneName;          // 临澜县政务公开专区
    std::string terminalLocation;  // where the terminal stands, e.g. 县政务服务中心一楼东侧
    std::string applicant;         // masked person name (王*明) or the organisation's name
    std::string idDocument;        // 居民身份证 ****002X / 统一社会信用代码 ****0001; may be empty
    std::string infoWanted;        // the information wanted, abridged by the caller (≤ 60 chars)
    std::string provision;         // 纸质 · 现场领取 / 电子 · 电子邮件 …
    std::string dueDate;           // YYYY-MM-DD statutory reply date (Art. 33)
    bool dueProvisional = false;   // the date rests on a year without an official calendar
    std::string statusUrl;         // what the QR code holds: the status address with the code
    std::string hotline;           // 12345 or the office's number
    bool reprint = false;          // a copy printed later: marked 补打 with printedAt
    std::string printedAt;         // 2026-12-01 09:30, for reprints
};

struct RenderedPdf {
    std::string bytes;      // the PDF file
    int pages = 0;          // 1 for a receipt
    double widthMm = 0;     // page width
    double heightMm = 0;    // page height (fits the content)
    std::u32string missingGlyphs;  // characters no print font has (drawn as boxes); for the log
};

// Lays the receipt out. False with ERROR set when the print font or the QR code cannot be
// made (the URL too long for a QR code is an error, not a receipt without one).
bool renderReceiptPdf(const ReceiptContent& receipt, RenderedPdf& out, std::string& error);

// Every character a receipt can print besides what the caller passes in: its fixed labels
// and sentences, digits, Latin letters and punctuation. The glyph check tests these plus
// the repertoire a citizen can type (GB 2312 and the content's characters).
std::u32string receiptTemplateCharacters();

}  // namespace zwgk
