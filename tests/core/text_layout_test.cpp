#include "text_layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "utf8.h"

using namespace zwgk;

namespace {

constexpr float kEm = 20.0f;  // one full-width character

// gtest prints char32_t as a number only after a cast.
unsigned long u32(char32_t c) { return static_cast<unsigned long>(c); }

// Deterministic metrics close to a CJK UI font: full-width 1 em, ASCII half, spaces a quarter,
// combining marks and variation selectors nothing.
float advance(char32_t c) {
    if (c == U' ') return kEm / 4;
    if ((c >= 0x300 && c <= 0x36F) || (c >= 0xFE00 && c <= 0xFE0F) ||
        (c >= 0xE0100 && c <= 0xE01EF))
        return 0;
    if (c < 0x80 || (c >= 0xC0 && c <= 0x24F)) return kEm / 2;
    return kEm;
}

bool isDroppableSpace(char32_t c) {
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0x3000 || c == 0x200B;
}

// Paragraphs in the style of 政务公开 documents, dense with the punctuation the rules cover.
const std::vector<std::string>& samples() {
    static const std::vector<std::string> s = {
        "为深入贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》），进一步规范"
        "政府信息公开工作，根据国务院办公厅《关于全面推进基层政务公开标准化规范化工作的指导"
        "意见》（国办发〔2019〕54号）要求，结合我县实际，制定本方案。",
        "申请人可以通过以下方式提出申请：（一）当面提交；（二）邮寄：临澜县人民政府办公室，"
        "邮编：330500；（三）网上申请：https://www.linlan.gov.cn/zwgk/ysqgk/index.html?from=kiosk"
        "&step=1；（四）传真：0798-6210137。咨询电话：12345或0798-6210138。",
        "2024年全县GDP增长12.5%，城镇居民人均可支配收入达到38,650元，同比增长6.8%；"
        "全年平均气温17.3℃，较常年偏高0.6℃……降水量1,523.4毫米，为常年的108‰。",
        "他说：“政务公开不是‘选择题’，而是‘必答题’！”会议强调——要坚持“以公开为常态、"
        "不公开为例外”原则，做到“应公开、尽公开”。",
        "《临澜县2024年政务公开工作要点》指出：一要抓好政策解读；二要回应社会关切；三要"
        "加强平台建设……具体见附件1、附件2（略）。",
        "阿卜杜拉·买买提同志、努尔·艾力同志当选为村委会委员。选举结果：赞成票312票，"
        "反对票0票，弃权票3票；投票率98.7%。",
        "  首行以半角空格缩进的段落，句末有问号吗？有！还有叹号！！以及英文 Open Government "
        "Data Initiative 的名称、版本 v2.3.1 与文件名 report_2024-final.pdf 。",
        "第一条　为了保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，"
        "建设法治政府，充分发挥政府信息对人民群众生产、生活和经济社会活动的服务作用，"
        "制定本条例。",
        "附件：1.临澜县政务公开事项标准目录（2024年版）；2.临澜县依申请公开办理流程图；"
        "3.联系人：张三，电话：(0798)6210137，邮箱：zwgk@linlan.gov.cn。",
        "【通知】〖重要〗「注意」『提醒』〈说明〉：本期《政府公报》共收录文件12件、"
        "政策解读5篇（其中图解3篇），欢迎查阅；如有疑问，请拨打“12345”热线……",
    };
    return s;
}

struct Unit {
    char32_t cp;
    size_t begin, end;
};

std::vector<Unit> units(std::string_view text) {
    std::vector<Unit> out;
    for (const utf8::Decoded& d : utf8::Codepoints(text))
        out.push_back({d.cp, d.offset, d.offset + d.length});
    return out;
}

double measure(std::string_view text, size_t begin, size_t end) {
    double w = 0;
    for (const Unit& u : units(text.substr(begin, end - begin))) w += advance(u.cp);
    return w;
}

// Checks everything breakLines promises for one paragraph and one width. kinsoku: whether
// 避头尾 must hold (widths of a few ems upward; a 1-em box cannot honour it).
void checkLayout(const std::string& text, float maxWidth, const BreakOptions& opt,
                 bool kinsoku, const std::string& label) {
    SCOPED_TRACE(label + " width=" + std::to_string(maxWidth / kEm) + "em");
    const std::vector<LineSpan> lines = breakLines(text, maxWidth, advance, opt);
    ASSERT_FALSE(lines.empty());

    // Spans are in order, non-empty, and what lies between them is only dropped space.
    const std::vector<Unit> all = units(text);
    size_t pos = 0;
    for (size_t k = 0; k <= lines.size(); ++k) {
        const size_t gapEnd = k < lines.size() ? lines[k].begin : text.size();
        ASSERT_LE(pos, gapEnd);
        for (const Unit& u : units(std::string_view(text).substr(pos, gapEnd - pos))) {
            // NBSP indentation may be dropped too, but only in front of the first line (or
            // all of it in a blank paragraph).
            const bool blank = lines.size() == 1 && lines[0].end == 0;
            const bool indent = (k == 0 || blank) && (u.cp == 0xA0 || u.cp == 0x202F);
            ASSERT_TRUE(isDroppableSpace(u.cp) || indent) << "dropped U+" << std::hex << u32(u.cp);
        }
        if (k == lines.size()) break;
        const LineSpan& l = lines[k];
        if (!(lines.size() == 1 && l.begin == 0 && l.end == 0)) {
            ASSERT_LT(l.begin, l.end);
        }
        ASSERT_LE(l.end, text.size());
        pos = l.end;
    }

    for (size_t k = 0; k < lines.size(); ++k) {
        const LineSpan& l = lines[k];
        if (l.begin == l.end) continue;
        const std::u32string line = utf8::decode(std::string_view(text).substr(l.begin, l.end - l.begin));
        EXPECT_NEAR(l.width, measure(text, l.begin, l.end), 0.01);
        EXPECT_FALSE(isDroppableSpace(line.back())) << "line " << k << " ends with a space";
        if (k > 0) {
            EXPECT_FALSE(isDroppableSpace(line.front())) << "line " << k;
        }

        // Width: within the box, or over by one hanging closing mark at most one em wide.
        const double avail = maxWidth - (k == 0 ? opt.firstLineIndent : 0.0f);
        if (l.width > avail + 0.01) {
            const char32_t last = line.back();
            EXPECT_TRUE(isForbiddenLineStart(last))
                << "line " << k << " too wide without hanging: " << utf8::encode(line);
            EXPECT_LE(advance(last), kEm);
            EXPECT_LE(l.width - advance(last), avail + 0.01) << utf8::encode(line);
        }

        if (kinsoku) {
            if (k > 0) {
                EXPECT_FALSE(isForbiddenLineStart(line.front()))
                    << "line " << k << " starts with a closing mark: " << utf8::encode(line);
            }
            if (k + 1 < lines.size()) {
                EXPECT_FALSE(isForbiddenLineEnd(line.back()))
                    << "line " << k << " ends with an opening mark: " << utf8::encode(line);
            }
        }
    }
}

}  // namespace

TEST(TextLayout, ClassifiesThePunctuationOfGbT15834) {
    for (char32_t c : std::u32string(U"，。、；：？！）》」』】〕〗〉”’…—·％‰℃,.;:?!)]}%"))
        EXPECT_TRUE(isForbiddenLineStart(c)) << "U+" << std::hex << u32(c);
    for (char32_t c : std::u32string(U"（《「『【〔〖〈“‘([{"))
        EXPECT_TRUE(isForbiddenLineEnd(c)) << "U+" << std::hex << u32(c);
    for (char32_t c : std::u32string(U"政务a1 “（《"))
        EXPECT_FALSE(isForbiddenLineStart(c)) << "U+" << std::hex << u32(c);
    for (char32_t c : std::u32string(U"政务a1 ”）》，"))
        EXPECT_FALSE(isForbiddenLineEnd(c)) << "U+" << std::hex << u32(c);
}

TEST(TextLayout, KinsokuHoldsAtRandomWidths) {
    std::mt19937 rng(15834);
    std::uniform_real_distribution<float> ems(4.0f, 40.0f);
    for (size_t s = 0; s < samples().size(); ++s) {
        for (int iter = 0; iter < 150; ++iter) {
            const float w = ems(rng) * kEm;
            checkLayout(samples()[s], w, {}, true, "sample " + std::to_string(s));
            BreakOptions indented;
            indented.firstLineIndent = 2 * kEm;
            checkLayout(samples()[s], w, indented, true, "indented sample " + std::to_string(s));
        }
    }
}

TEST(TextLayout, KinsokuHoldsOnSeedDocuments) {
    const char* shared = std::getenv("ZWGK_SHARED_DIR");
    if (!shared) GTEST_SKIP() << "ZWGK_SHARED_DIR not set";
    const std::filesystem::path dir = std::filesystem::path(shared) / "seeds";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) GTEST_SKIP() << dir << " does not exist";
    size_t paragraphs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty()) continue;
            ++paragraphs;
            for (int ems = 5; ems <= 40; ++ems)
                checkLayout(line, ems * kEm, {}, true, entry.path().filename().string());
        }
    }
    if (paragraphs == 0) GTEST_SKIP() << "no seed paragraphs in " << dir;
}

TEST(TextLayout, PullsThePreviousCharacterDown) {
    const auto lines = breakLines("发展。", 2 * kEm, advance);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(std::string("发展。").substr(lines[1].begin, lines[1].end - lines[1].begin), "展。");

    // An opening quote that would end the line goes down with what it opens.
    const std::string t = "一二三四“五六”";
    for (float w : {4 * kEm, 5 * kEm}) {
        const auto l = breakLines(t, w, advance);
        ASSERT_EQ(l.size(), 2u);
        EXPECT_EQ(t.substr(l[0].begin, l[0].end - l[0].begin), "一二三四");
    }
}

TEST(TextLayout, DashesAndEllipsesStayWhole) {
    const std::string t = "会议强调——要坚持原则……具体见附件。";
    for (int ems = 2; ems <= 18; ++ems) {
        for (const LineSpan& l : breakLines(t, ems * kEm, advance)) {
            const std::u32string line = utf8::decode(t.substr(l.begin, l.end - l.begin));
            EXPECT_NE(line.front(), U'—');
            EXPECT_NE(line.front(), U'…');
        }
    }
}

TEST(TextLayout, HangsWhenPullingDownIsImpossible) {
    // One character per line: each closing mark hangs instead of starting a line.
    const std::string t = "政务，公开。";
    const auto lines = breakLines(t, kEm, advance);
    std::vector<std::string> got;
    for (const LineSpan& l : lines) got.push_back(t.substr(l.begin, l.end - l.begin));
    EXPECT_EQ(got, (std::vector<std::string>{"政", "务，", "公", "开。"}));
    EXPECT_FLOAT_EQ(lines[1].width, 2 * kEm);

    BreakOptions noHang;
    noHang.allowHanging = false;
    for (const LineSpan& l : breakLines(t, kEm, advance, noHang)) EXPECT_LE(l.width, kEm);
}

TEST(TextLayout, TinyBoxesTerminateWithoutEmptyLines) {
    for (const std::string& s : samples()) {
        for (float w : {0.0f, 1.0f, kEm / 2, kEm, 1.5f * kEm, 2 * kEm, -5.0f, NAN}) {
            const auto lines = breakLines(s, w, advance);
            size_t chars = 0;
            for (const LineSpan& l : lines) {
                ASSERT_LT(l.begin, l.end);
                chars += utf8::countChars(std::string_view(s).substr(l.begin, l.end - l.begin));
            }
            EXPECT_LE(lines.size(), utf8::countChars(s));
            EXPECT_GT(chars, 0u);
        }
        // A one-em box breaks wherever it must but still only overhangs by one mark.
        checkLayout(s, kEm, {}, false, "1em");
    }
}

TEST(TextLayout, NumbersAndUrlsStayWhole) {
    const std::string url = "https://www.linlan.gov.cn/zwgk/ysqgk/index.html?from=kiosk&step=1";
    const std::string t = "请致电0798-6210137咨询，增长率为12.5%，详见" + url +
                          "，或访问 www.gov.cn 查询2024年数据，金额38,650元。";
    const std::vector<std::string> tokens = {"0798-6210137", "12.5%", url, "www.gov.cn", "2024",
                                             "38,650"};
    const float urlWidth = static_cast<float>(measure(url, 0, url.size()));
    for (float w = urlWidth; w < urlWidth + 20 * kEm; w += kEm / 3) {
        const auto lines = breakLines(t, w, advance);
        for (const std::string& tok : tokens) {
            const size_t at = t.find(tok);
            ASSERT_NE(at, std::string::npos);
            for (size_t k = 0; k + 1 < lines.size(); ++k)
                EXPECT_FALSE(lines[k].end > at && lines[k].end < at + tok.size())
                    << tok << " broken at width " << w / kEm << "em";
        }
        checkLayout(t, w, {}, true, "tokens");
    }
}

TEST(TextLayout, LongUrlBreaksInsideOnlyWhenItMust) {
    const std::string url = "https://www.linlan.gov.cn/zwgk/ysqgk/index.html?from=kiosk&step=1";
    const std::string t = "网址：" + url + "。";
    const float w = 10 * kEm;
    const auto lines = breakLines(t, w, advance);
    ASSERT_GE(lines.size(), 4u);
    EXPECT_EQ(t.substr(lines[0].begin, lines[0].end - lines[0].begin), "网址：");
    for (size_t k = 1; k + 1 < lines.size(); ++k) EXPECT_GT(lines[k].width, w - kEm);
    checkLayout(t, w, {}, true, "long url");
}

TEST(TextLayout, SpacesAtBreaksAreDropped) {
    const std::string t = "hello world foo  bar";
    const auto lines = breakLines(t, 105.0f, advance);  // "hello world" is 5.25 ems
    std::vector<std::string> got;
    for (const LineSpan& l : lines) got.push_back(t.substr(l.begin, l.end - l.begin));
    EXPECT_EQ(got, (std::vector<std::string>{"hello world", "foo  bar"}));
    EXPECT_FLOAT_EQ(lines[0].width, 105.0f);

    // Paragraph-initial spaces are indentation and stay; trailing ones go.
    const std::string ind = "    政务公开   ";
    const auto one = breakLines(ind, 20 * kEm, advance);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].begin, 0u);
    EXPECT_EQ(ind.substr(one[0].begin, one[0].end - one[0].begin), "    政务公开");
}

TEST(TextLayout, IndentationThatLeavesNoRoomIsDropped) {
    // Web-sourced paragraphs indent with NBSP; at 5 ems keeping the indentation would force
    // 《 to end the first line.
    const std::string t = "\u00A0\u00A0\u00A0\u00A0《利通区2020年政务公开工作要点》已经区政府同意。";
    const auto lines = breakLines(t, 5 * kEm, advance);
    EXPECT_EQ(t.substr(lines[0].begin, lines[0].end - lines[0].begin), "《利通区");
    const auto wide = breakLines(t, 20 * kEm, advance);
    EXPECT_EQ(wide[0].begin, 0u);  // kept when there is room
    checkLayout(t, 5 * kEm, {}, true, "nbsp indent");
}

TEST(TextLayout, FirstLineIndent) {
    BreakOptions opt;
    opt.firstLineIndent = 2 * kEm;
    const std::string t = "一二三四五六七八九十一二三四五六";
    const auto lines = breakLines(t, 10 * kEm, advance, opt);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_FLOAT_EQ(lines[0].width, 8 * kEm);
    EXPECT_FLOAT_EQ(lines[1].width, 8 * kEm);
}

TEST(TextLayout, EmptyAndBlankParagraphsGiveOneEmptyLine) {
    for (const std::string& t : {std::string(), std::string("   "), std::string("\u3000\u3000")}) {
        const auto lines = breakLines(t, 10 * kEm, advance);
        ASSERT_EQ(lines.size(), 1u);
        EXPECT_EQ(lines[0].begin, 0u);
        EXPECT_EQ(lines[0].end, 0u);
        EXPECT_EQ(lines[0].width, 0.0f);
    }
}

TEST(TextLayout, HardBreaksEndLinesAndNeverAppearInSpans) {
    const std::string t = "第一行\n第二行很长很长很长\r\n\n  第四行\u2028末行\n";
    const auto lines = breakLines(t, 4 * kEm, advance);
    std::vector<std::string> got;
    for (const LineSpan& l : lines) got.push_back(t.substr(l.begin, l.end - l.begin));
    EXPECT_EQ(got, (std::vector<std::string>{"第一行", "第二行很", "长很长很", "长", "", "第四行",
                                             "末行"}));
    for (const std::string& g : got) {
        EXPECT_EQ(g.find('\n'), std::string::npos);
        EXPECT_EQ(g.find('\r'), std::string::npos);
    }
    const auto only = breakLines("\n", 4 * kEm, advance);
    ASSERT_EQ(only.size(), 1u);
    EXPECT_EQ(only[0].end, 0u);
}

TEST(TextLayout, CombiningMarksAndVariationSelectorsStayWithTheirBase) {
    const std::string t = "葛\U000E0100葛\U000E0101葛\U000E0100";  // ideographic variation sequences
    const auto lines = breakLines(t, kEm, advance);
    ASSERT_EQ(lines.size(), 3u);
    for (const LineSpan& l : lines) EXPECT_EQ(utf8::countChars(t.substr(l.begin, l.end - l.begin)), 2u);
}

TEST(TextLayout, IllFormedUtf8DoesNotCrash) {
    const std::string t = "\xff\xfe政务\xe6\x94公开\xc3，\x80\x80（\xed\xa0\x80）。\xf4";
    for (int ems = 0; ems <= 12; ++ems) {
        const auto lines = breakLines(t, ems * kEm, advance);
        ASSERT_FALSE(lines.empty());
        EXPECT_EQ(lines.front().begin, 0u);
        EXPECT_EQ(lines.back().end, t.size());
    }
    checkLayout(t, 4 * kEm, {}, true, "ill-formed");
}

TEST(TextLayout, RandomTextRandomWidths) {
    // Every class the breaker knows, including runs it cannot satisfy (（（（ ，，，) and bytes
    // that are not UTF-8.
    const std::vector<std::string> pool = {"政", "务", "公", "开", "，", "。", "、", "（", "）", "“",
                                           "”", "《", "》", "…", "—", "·", "％", "a", "Z", "1",
                                           "9", ".", "-", "/", "%", "(", ")", " ", "\u3000",
                                           "\u00A0", "\u0301", "\xff", "\xe6\x94", "\t"};
    std::mt19937 rng(2011);
    std::uniform_int_distribution<size_t> len(0, 60), pick(0, pool.size() - 1);
    std::uniform_real_distribution<float> ems(1.0f, 12.0f);
    for (int iter = 0; iter < 3000; ++iter) {
        std::string t;
        for (size_t k = len(rng); k > 0; --k) t += pool[pick(rng)];
        const float w = ems(rng) * kEm;
        checkLayout(t, w, {}, false, "random");
        if (HasFatalFailure()) {
            ADD_FAILURE() << "text: " << testing::PrintToString(t);
            return;
        }
    }
}

TEST(TextLayout, LinearInTheParagraphLength) {
    // 100 KB in one paragraph: one advance() call per code point (plus one for the hang
    // limit) shows the breaker does no re-measuring; the timing itself is left to benchmarks.
    std::string big;
    while (big.size() < 100 * 1024)
        for (const std::string& s : samples()) big += s;
    size_t calls = 0;
    const auto counting = [&](char32_t c) {
        ++calls;
        return advance(c);
    };
    const auto lines = breakLines(big, 30 * kEm, counting);
    EXPECT_LE(calls, utf8::countChars(big) + 1);
    EXPECT_GT(lines.size(), 1000u);
    EXPECT_EQ(lines.back().end, big.size());
}

TEST(TextLayout, LineHeight) {
    EXPECT_FLOAT_EQ(lineHeight(20.0f), 30.0f);
    EXPECT_FLOAT_EQ(lineHeight(20.0f, 1.0f), 26.0f);  // clamped to 1.3
    EXPECT_FLOAT_EQ(lineHeight(20.0f, 2.0f), 40.0f);
    EXPECT_FLOAT_EQ(lineHeight(20.0f, NAN), 30.0f);
}
