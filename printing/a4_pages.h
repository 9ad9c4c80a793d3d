// A4 pages for the hall's A4 printer: a government document (政府信息) as it is printed for a
// citizen, a service guide's materials checklist (办事指南材料清单), and a village bulletin
// board poster of QR codes (村务信息公示). Laid out with pango on A4 portrait PDF pages, as
// many as the content needs, each with its page number and a footer saying where and when it
// was printed. The caller fills in what the pages say; this module decides how they look.
//
// Like the receipt (receipt.h): Simplified Chinese, the print fonts (print_fonts.h), plain
// text (never markup), QR codes as vector rectangles, the PDF in memory. UI-free.
#pragma once

#include <string>
#include <vector>

#include "receipt.h"  // RenderedPdf

namespace zwgk {

// ---- 政府信息: a document ---------------------------------------------------------------------
struct A4Document {
    std::string zoneName;                  // 临澜县政务公开专区, in the footer
    std::string printedAt;                 // 2026-11-30 14:05, in the footer
    std::string indexNo;                   // 索引号
    std::string docNo;                     // 文号; the row is left out when empty
    std::string agency;                    // 发布机构
    std::string published;                 // 发布日期
    std::string topic;                     // 主题分类; left out when empty
    std::string validity;                  // 有效 / 失效 / 废止; left out when empty
    std::string validNote;                 // why and since when no longer valid, printed under the title
    std::string title;                     // required; large and centred, wrapped when long
    std::vector<std::string> body;         // paragraphs; headings (一、… （一）… 第一章…) are recognised
    std::vector<std::string> attachments;  // 附件 names, listed after the body; may be empty
    std::vector<std::string> signature;    // closing lines (issuing office, date), right-aligned
    std::string url;                       // original address: the QR code on page 1; may be empty
    int maxPages = 0;                      // refuse documents longer than this (0: no limit)
};

// The document on A4 pages: a header box with its metadata and the QR code to the original
// (扫码查看原文; without an address, or with one too long for a QR code of 0.5 mm modules,
// the box says so instead), the title, the body (first lines indented two characters,
// justified, 避头尾 line breaking, paragraphs split across pages line by line, headings never
// last on a page), attachments, signature. False with ERROR (Chinese, then English) for a
// document without a title, one longer than maxPages (nothing is drawn then), or when the
// print fonts cannot be loaded.
bool renderDocumentPdf(const A4Document& document, RenderedPdf& out, std::string& error);

// ---- 办事指南: a materials checklist ----------------------------------------------------------
struct A4Material {
    std::string name;   // 材料名称
    std::string form;   // 原件 / 复印件 / 原件及复印件
    int count = 1;      // 份数; 0 or less prints as empty
    std::string note;   // 备注; may be empty
};

struct A4GuideChecklist {
    std::string zoneName;                  // 临澜县政务公开专区, in the footer
    std::string printedAt;                 // 2026-11-30 14:05, in the footer
    std::string groupName;                 // 一件事 the guide belongs to, above the title; may be empty
    std::string name;                      // the service item, the title; required
    std::string department;                // 办理部门
    std::string window;                    // 办理窗口: where in the hall
    std::string hours;                     // 办公时间
    std::string statutoryLimit;            // 法定时限
    std::string promisedLimit;             // 承诺时限
    std::string fee;                       // 收费标准
    std::string hotline;                   // 咨询电话 (the department's number)
    std::string serviceHotline = "12345";  // 政务服务便民热线; empty leaves the row out
    std::string online;                    // 网上办理 address: printed, and the QR code; may be empty
    std::vector<A4Material> materials;     // one checklist row each, with an empty tick box
    std::vector<std::string> steps;        // 办理流程, numbered
    std::vector<std::string> basis;        // 设定依据; may be empty
    int maxPages = 0;                      // refuse checklists longer than this (0: no limit)
};

// The checklist on A4 pages: title, the guide's facts in a box (QR code to the online address
// when there is one), the materials table (a drawn tick box per row; the header row repeated
// on every page the table continues on), the numbered steps. False with ERROR for a guide
// without a name, one longer than maxPages, or when the fonts cannot be loaded.
bool renderGuideChecklistPdf(const A4GuideChecklist& guide, RenderedPdf& out, std::string& error);

// ---- 村务信息公示: a village poster ------------------------------------------------------------
struct A4PosterItem {
    std::string kind;     // 村务公开 / 财务公开 / 惠农补贴 / 征地补偿 / 低保名单公示 / 其他: the tag
    std::string title;    // headline, up to two lines
    std::string date;     // YYYY-MM-DD
    std::string summary;  // one or two sentences: one printed line (…), all of it in a text QR code
    std::string url;      // address for the QR code; empty: the code holds the summary itself
};

struct A4VillagePoster {
    std::string zoneName;              // 临澜县政务公开专区, in the footer
    std::string printedAt;             // 2026-11-30 14:05, in the footer
    std::string township;              // 城关镇
    std::string village;               // 东山村: the title is "<village> 信息公示"; required
    std::string date;                  // the poster's date, e.g. 2026-11-30
    std::vector<A4PosterItem> items;   // one block each, in this order; at least one
    int maxPages = 0;                  // refuse posters longer than this (0: no limit)
};

// The poster on A4 pages: title, township and village, date; then one block per item — a QR
// code at least 25 mm wide on the left, the kind tag, title, date and a one-line summary.
// An item without an address carries its summary in the code (UTF-8, byte mode), marked
// 二维码内容为文字摘要; when even that is too long for a code of 0.5 mm modules the block says
// 无二维码. Blocks are never cut across pages; continuation pages repeat the village's name.
// False with ERROR for a poster without items or village, one longer than maxPages, or when
// the fonts cannot be loaded.
bool renderVillagePosterPdf(const A4VillagePoster& poster, RenderedPdf& out, std::string& error);

// ---- for the glyph check and tests ------------------------------------------------------------

// Every character the A4 layouts print besides what the caller passes in: their fixed labels
// and notes, page numbers, digits, Latin letters and punctuation.
std::u32string a4TemplateCharacters();

// How a document body paragraph of TEXT breaks into lines WIDTHMM wide at FONTPT (first line
// indented two characters), with the document's line breaking: what the 避头尾 tests inspect.
// LINEBREAKRULES false leaves the breaking to pango alone (to show what the rules fix).
// Empty with ERROR when the fonts cannot be loaded.
std::vector<std::string> a4ParagraphLines(const std::string& text, double widthMm, double fontPt,
                                          std::string& error, bool lineBreakRules = true);

}  // namespace zwgk
