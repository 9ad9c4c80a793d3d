// Read-aloud text conversion (kiosk/speech/speech_text.h): the real terra_pinyin dictionary
// and OpenCC, tables of polyphones, numbers, dates and codes as the pinyin voice gets them.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "speech_text.h"

namespace zwgk::speech {
namespace {

const PinyinReader& reader() {
    static const PinyinReader r;  // loading takes a few hundred ms: once for the whole suite
    return r;
}

struct Row {
    const char* text;      // as a document has it
    const char* expected;  // what espeak's cmn-latn-pinyin voice is given
};

TEST(SpeechText, DictionaryLoads) {
    const auto t0 = std::chrono::steady_clock::now();
    PinyinReader fresh;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_TRUE(fresh.available()) << fresh.error();
    EXPECT_GT(fresh.wordCount(), 40000u);
    EXPECT_GT(fresh.charCount(), 8000u);
    std::printf("terra_pinyin: %zu words, %zu characters, loaded in %.0f ms\n", fresh.wordCount(),
                fresh.charCount(), ms);
}

TEST(SpeechText, MissingDictionaryIsReported) {
    PinyinReader missing("/nonexistent/terra_pinyin.dict.yaml");
    EXPECT_FALSE(missing.available());
    EXPECT_NE(missing.error().find("rime-data-terra-pinyin"), std::string::npos);
    EXPECT_EQ(missing.toSpeechInput("银行"), "");
}

TEST(SpeechText, PolyphonesTakeTheReadingOfTheirWord) {
    ASSERT_TRUE(reader().available()) << reader().error();
    const Row rows[] = {
        {"银行", "yin2 hang2"},
        {"行长", "hang2 zhang3"},
        {"重庆", "chong2 qing4"},
        {"重要", "zhong4 yao4"},
        {"长度", "chang2 du4"},
        {"音乐", "yin1 yue4"},
        {"快乐", "kuai4 le4"},
        {"一个", "yi2 ge4"},
        {"不是", "bu2 shi4"},
        {"朝阳", "chao2 yang2"},
        {"还款", "huan2 kuan3"},
        {"还有", "hai2 you3"},
        {"银行行长", "yin2 hang2 hang2 zhang3"},
        {"发展", "fa1 zhan3"},
        {"头发", "tou2 fa4"},
        {"我的", "wo3 de5"},
        {"銀行", "yin2 hang2"},
        // terra_pinyin's Taiwan readings become the mainland ones
        {"企业", "qi3 ye4"},
        {"星期", "xing1 qi1"},
        {"危险", "wei1 xian3"},
        {"研究", "yan2 jiu1"},
        {"综合", "zong1 he2"},
        {"质量", "zhi4 liang4"},
        {"孩子", "hai2 zi5"},
        {"应该", "ying1 gai1"},
        {"应用", "ying4 yong4"},  // Traditional text reads the same
    };
    for (const Row& row : rows) EXPECT_EQ(reader().toSpeechInput(row.text), row.expected) << row.text;
}

TEST(SpeechText, NumbersDatesAndCodesAreSpelledInChinese) {
    const Row rows[] = {
        {"2020年", "二〇二〇年"},
        {"2026年3月5日", "二〇二六年三月五日"},
        {"2026-03-05", "二〇二六年三月五日"},
        {"123", "一百二十三"},
        {"10000", "一万"},
        {"10005", "一万零五"},
        {"15", "十五"},
        {"115", "一百一十五"},
        {"1,234,567元", "一百二十三万四千五百六十七元"},
        {"300000000元", "三亿元"},
        {"3.5", "三点五"},
        {"12%", "百分之十二"},
        {"12.5％", "百分之十二点五"},
        {"第3条", "第三条"},
        {"第12条第2款", "第十二条第二款"},
        {"0571-12345", "〇五七一，一二三四五"},
        {"拨打12345热线", "拨打一二三四五热线"},
        {"12345热线", "一二三四五热线"},
        {"县政发〔2024〕5号", "县政发〔二〇二四年〕五号"},
        {"13800138000", "一三八〇〇一三八〇〇〇"},
        {"9:30", "九点三十分"},
        {"8:00", "八点整"},
        {"8:30-12:00", "八点三十分至十二点整"},
        {"4.8263公顷", "四点八二六三公顷"},
        {"6.2万元", "六点二万元"},
        {"30个工作日", "三十个工作日"},
        {"3年", "三年"},
        {"１２３", "一百二十三"},
        {"GB2312", "GB二三一二"},
    };
    for (const Row& row : rows) EXPECT_EQ(spellNumbers(row.text), row.expected) << row.text;
}

TEST(SpeechText, SpeechInputOfMixedText) {
    const Row rows[] = {
        {"2020年", "er4 ling2 er4 ling2 nian2"},
        {"第3条", "di4 san1 tiao2"},
        {"12%", "bai3 fen1 zhi1 shi2 er4"},
        {"重庆，银行。", "chong2 qing4, yin2 hang2"},
        {"请拨打12345。", "qing3 bo1 da3 yi1 er4 san1 si4 wu3"},
        {"办理APP", "ban4 li3 ei1 pi4 pi4"},
        {"政务公开、依申请公开：", "zheng4 wu4 gong1 kai1, yi1 shen1 qing3 gong1 kai1"},
        {"😀银行", "yin2 hang2"},  // unknown characters are skipped
        {"", ""},
    };
    for (const Row& row : rows) EXPECT_EQ(reader().toSpeechInput(row.text), row.expected) << row.text;
}

TEST(SpeechText, SentencesKeepTheirByteRanges) {
    const std::vector<std::string> paragraphs = {
        "　　第一句。第二句！“第三句？”",
        "没有句号的段落",
        "。。。",
        "  前后有空格；  ",
    };
    const auto sentences = splitSentences(paragraphs);
    std::vector<std::string> texts;
    for (const Sentence& s : sentences)
        texts.push_back(paragraphs[s.paragraph].substr(s.begin, s.end - s.begin));
    const std::vector<std::string> expected = {"第一句。", "第二句！", "“第三句？”", "没有句号的段落", "前后有空格；"};
    EXPECT_EQ(texts, expected);
    EXPECT_EQ(sentences[3].paragraph, 1u);
    EXPECT_EQ(sentences[4].paragraph, 3u);
}

TEST(SpeechText, LongClausesAreCutAtCommas) {
    const std::string text =
        "为深入贯彻落实党中央国务院关于全面推进政务公开工作的决策部署，进一步提升政务公开标准化规范化水平，"
        "切实保障人民群众的知情权参与权表达权和监督权，结合本县实际制定本要点。";
    const auto sentences = splitSentences({text}, 30);
    ASSERT_GE(sentences.size(), 3u);
    size_t covered = 0;
    for (const Sentence& s : sentences) {
        EXPECT_EQ(s.begin, covered);  // no gaps, no overlaps
        const std::string part = text.substr(s.begin, s.end - s.begin);
        EXPECT_TRUE(part.size() >= 3 && (part.substr(part.size() - 3) == "，" || part.substr(part.size() - 3) == "。"))
            << part;
        covered = s.end;
    }
    EXPECT_EQ(covered, text.size());
}

}  // namespace
}  // namespace zwgk::speech
