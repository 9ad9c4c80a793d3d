// The office's status table (a CSV kept in Excel) → statuses.json: both header languages,
// Excel's dates and BOM, codes as staff type them, every problem with its CSV line and field,
// and a written file that the content loader accepts as it is.
#include <gtest/gtest.h>

#include "office_test_support.h"
#include "office_tools.h"
#include "tracking_code.h"

namespace zwgk {
namespace {

using test::BuildTempDir;
using nlohmann::json;

std::string code(uint64_t random) { return makeTrackingCode("LL01", random); }

// CODE typed carelessly: lower case, no hyphens.
std::string typedSloppily(std::string c) {
    std::string out;
    for (char ch : c)
        if (ch != '-') out += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    return out;
}

// CODE with its check character replaced by another one.
std::string withWrongCheck(std::string c) {
    c.back() = c.back() == '2' ? '3' : '2';
    return c;
}

std::string problemsText(const StatusTable& t) {
    std::string out;
    for (const StatusProblem& p : t.problems) out += p.text() + "\n";
    return out;
}

class StatusTableTest : public ::testing::Test {
protected:
    std::string write(const std::string& name, const std::string& bytes) {
        const std::string path = dir_.file(name);
        test::writeBytes(path, bytes);
        return path;
    }

    BuildTempDir dir_;
    const std::string c1_ = code(1), c2_ = code(2), c3_ = code(3), c4_ = code(4);
};

TEST_F(StatusTableTest, EnglishHeaderWithBomExcelDatesAndSloppyCodes) {
    const std::string path =
        write("statuses.csv", "\xEF\xBB\xBF"
                              "code,status,received,due,extended_due,updated,note\r\n" +
                                  typedSloppily(c1_) + ",办理中,2026/11/3,2026/12/1,,2026/11/5,\r\n" + c2_ +
                                  ",已延期,2026-10-12,2026-11-09,2026-12-07,2026-11-03,\"经负责人同意, 延长答复期限\"\r\n");
    const StatusTable t = readStatusTable(path);
    ASSERT_TRUE(t.ok()) << problemsText(t);
    ASSERT_EQ(t.statuses.size(), 2u);
    EXPECT_EQ(t.lines, (std::vector<int>{2, 3}));
    const ApplicationStatus& s = t.statuses[0];
    EXPECT_EQ(s.code, c1_);  // the printed form
    EXPECT_EQ(s.status, "办理中");
    EXPECT_EQ(s.received, "2026-11-03");
    EXPECT_EQ(s.due, "2026-12-01");
    EXPECT_EQ(s.extendedDue, "");
    EXPECT_EQ(s.updated, "2026-11-05");
    EXPECT_EQ(t.statuses[1].extendedDue, "2026-12-07");
    EXPECT_EQ(t.statuses[1].note, "经负责人同意, 延长答复期限");
    EXPECT_TRUE(t.ignoredColumns.empty());
}

TEST_F(StatusTableTest, ChineseHeaderWithoutBomOtherColumnsIgnoredBlankRowsSkipped) {
    const std::string path = write("状态表.csv", "序号,跟踪码,申请人,状态,收到日期,答复期限,延期后期限,更新日期,说明\n"
                                                "1, " + c1_ + " ,王小明,已答复,2026年10月12日,2026-11-09,,2026-11-03,已邮寄答复书\n"
                                                ",,,,,,,,\n"
                                                "2,"  + c3_ + ",李红,已接收,2026-11-20,2026-12-18,,2026-11-20,\n"
                                                "\n");
    const StatusTable t = readStatusTable(path);
    ASSERT_TRUE(t.ok()) << problemsText(t);
    ASSERT_EQ(t.statuses.size(), 2u);
    EXPECT_EQ(t.lines, (std::vector<int>{2, 4}));
    EXPECT_EQ(t.statuses[0].code, c1_);
    EXPECT_EQ(t.statuses[0].received, "2026-10-12");
    EXPECT_EQ(t.statuses[0].note, "已邮寄答复书");
    EXPECT_EQ(t.statuses[1].code, c3_);
    EXPECT_EQ(t.ignoredColumns, (std::vector<std::string>{"序号", "申请人"}));
}

TEST_F(StatusTableTest, ATitleRowAboveTheHeaderIsPassedOver) {
    const std::string path = write("titled.csv", "临澜县依申请公开办理情况,,,,\r\n"
                                                 ",,,,\r\n"
                                                 "跟踪码,状态,收到日期,答复期限,更新日期\r\n" +
                                                     c1_ + ",办理中,2026/11/3,2026/12/1,2026/11/5\r\n");
    const StatusTable t = readStatusTable(path);
    ASSERT_TRUE(t.ok()) << problemsText(t);
    ASSERT_EQ(t.statuses.size(), 1u);
    EXPECT_EQ(t.lines, std::vector<int>{4});
    EXPECT_TRUE(t.ignoredColumns.empty());
}

TEST_F(StatusTableTest, EveryProblemNamesItsLineAndField) {
    const std::string path = write(
        "statuses.csv",
        "code,status,received,due,extended_due,updated,note\n"                                      // 1
            + c1_ + ",办理中,2026-11-03,2026-12-01,,2026-11-05,\n"                                   // 2
            + withWrongCheck(c2_) + ",办理中,2026-11-03,2026-12-01,,2026-11-05,\n"                   // 3
            + c3_ + ",办理中,2026/2/30,2026-12-01,,2026-11-05,\n"                                    // 4
            + c4_ + ",办理中,2026-11-03,2026-12-01,,2026-11-05,请联系申请人13812345678\n"              // 5
            + code(5) + ",处理中,2026-11-03,2026-12-01,,2026-11-05,\n"                               // 6
            + code(6) + ",已延期,2026-11-03,2026-12-01,,2026-11-05,\n"                               // 7
            + typedSloppily(c1_) + ",已答复,2026-11-03,2026-12-01,,2026-11-05,\n"                    // 8
            + code(7) + ",办理中,2026-11-03,2026-12-01,,2026-11-05,\"第一行\n第二行\"\n"               // 9-10
            + code(8) + ",已接收,2026-11-20,2026-12-18,,2026-11-20,\n"                               // 11
            + code(9) + ",办理中,2026-11-03,2026-10-01,,2026-11-05,\n"                               // 12
            + code(10) + ",办理中,2026-11-03,2026-12-01,,2026-11-05,已受理,另有说明,多余\n"              // 13
            + "LL01-ABC,办理中,2026-11-03,2026-12-01,,2026-11-05,\n"                                 // 14
            + code(11) + ",,2026-11-03,,,2026-11-05,\n");                                            // 15
    const StatusTable t = readStatusTable(path);
    EXPECT_EQ(t.lines, (std::vector<int>{2, 11}));
    std::vector<std::pair<int, std::string>> where;
    for (const StatusProblem& p : t.problems) where.emplace_back(p.line, p.field);
    EXPECT_EQ(where, (std::vector<std::pair<int, std::string>>{{3, "code"},
                                                               {4, "received"},
                                                               {5, "note"},
                                                               {6, "status"},
                                                               {7, "extended_due"},
                                                               {8, "code"},
                                                               {9, "note"},
                                                               {12, "due"},
                                                               {13, ""},
                                                               {14, "code"},
                                                               {15, "status"},
                                                               {15, "due"}}))
        << problemsText(t);
    const std::string text = problemsText(t);
    EXPECT_NE(text.find("line 3, field 'code': '" + withWrongCheck(c2_) + "' has a wrong check character"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("line 4, field 'received': bad date '2026/2/30'"), std::string::npos) << text;
    EXPECT_NE(text.find("line 5, field 'note': field 'note' seems to contain a mobile phone number"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("line 6, field 'status': field 'status': '处理中' is not one of"), std::string::npos) << text;
    EXPECT_NE(text.find("line 8, field 'code': duplicate code " + c1_ + " (also on line 2)"), std::string::npos)
        << text;
    EXPECT_NE(text.find("line 9, field 'note': field 'note' contains a line break"), std::string::npos) << text;
    EXPECT_NE(text.find("line 13: the row has more cells than the header row"), std::string::npos) << text;

    // Nothing is written from a table with problems.
    const std::string out = dir_.file("statuses.json");
    try {
        writeStatusesJson(t, "2026-11-30", out);
        ADD_FAILURE() << "a table with problems was written";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("line 3, field 'code'"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(StatusTableTest, TheWrittenFileIsWhatTheContentLoaderReads) {
    const std::string path = write("statuses.csv",
                                   "code,status,received,due,extended_due,updated,note\r\n" + typedSloppily(c1_) +
                                       ",已延期,2026/10/12,2026/11/9,2026/12/7,2026/11/3,经负责人同意延长答复期限\r\n" +
                                       c2_ + ",办理中,2026-11-20,2026-12-18,,2026-11-20,\r\n");
    const StatusTable t = readStatusTable(path);
    ASSERT_TRUE(t.ok()) << problemsText(t);
    // Dropped into a content source (the directory form of the output path).
    const std::filesystem::path source = dir_.path() / "source";
    std::filesystem::copy(test::fixtureDir(), source, std::filesystem::copy_options::recursive);
    writeStatusesJson(t, "2026/11/30", source.string());
    const ContentSet set = loadContentSource(source.string());
    EXPECT_EQ(set.statusesUpdated, "2026-11-30");
    ASSERT_EQ(set.statuses.size(), 2u);
    EXPECT_EQ(set.statuses[0].code, c1_);
    EXPECT_EQ(set.statuses[0].status, "已延期");
    EXPECT_EQ(set.statuses[0].received, "2026-10-12");
    EXPECT_EQ(set.statuses[0].due, "2026-11-09");
    EXPECT_EQ(set.statuses[0].extendedDue, "2026-12-07");
    EXPECT_EQ(set.statuses[0].updated, "2026-11-03");
    EXPECT_EQ(set.statuses[0].note, "经负责人同意延长答复期限");
    EXPECT_EQ(set.statuses[1].code, c2_);
    EXPECT_EQ(set.statuses[1].extendedDue, "");
    // Exactly the content format: fields in the documented order, optional ones left out.
    const json written = json::parse(test::readBytes(source / "statuses.json"));
    EXPECT_EQ(written.size(), 2u);
    EXPECT_FALSE(written["statuses"][1].contains("extended_due"));
    EXPECT_FALSE(written["statuses"][1].contains("note"));
    const std::string bytes = test::readBytes(source / "statuses.json");
    EXPECT_LT(bytes.find("\"code\""), bytes.find("\"status\""));
    EXPECT_LT(bytes.find("\"received\""), bytes.find("\"due\""));
    EXPECT_NE(bytes.find("经负责人同意"), std::string::npos);  // UTF-8, not \u escapes
    // No temporary file is left in the content source.
    for (const auto& entry : std::filesystem::directory_iterator(source))
        EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST_F(StatusTableTest, AStatusUpdatedAfterTheFilesDateIsRefusedWithItsLine) {
    const std::string path = write("statuses.csv", "code,status,received,due,updated\n" + c1_ +
                                                       ",办理中,2026-11-03,2026-12-01,2026-11-03\n" + c2_ +
                                                       ",办理中,2026-11-03,2026-12-01,2026-11-10\n");
    const StatusTable t = readStatusTable(path);
    ASSERT_TRUE(t.ok()) << problemsText(t);
    const std::string out = dir_.file("statuses.json");
    try {
        writeStatusesJson(t, "2026-11-05", out);
        ADD_FAILURE() << "written";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("line 3, field 'updated': field 'updated' (2026-11-10) is after", 0), 0u)
            << e.what();
    }
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_THROW(writeStatusesJson(t, "2026-13-01", out), std::runtime_error);
    writeStatusesJson(t, "2026-11-10", out);
    EXPECT_EQ(json::parse(test::readBytes(out))["updated"], "2026-11-10");
    // An empty table is a valid file: no application has a status yet.
    const StatusTable empty = readStatusTable(write("empty.csv", "code,status,received,due,updated\n"));
    ASSERT_TRUE(empty.ok()) << problemsText(empty);
    writeStatusesJson(empty, "2026-11-10", out);
    EXPECT_EQ(json::parse(test::readBytes(out))["statuses"], json::array());
}

TEST_F(StatusTableTest, ATableExcelSavedInTheLocalCodePageIsRefusedWithAHint) {
    // 跟踪码,状态 in GBK, as Excel's plain "CSV (逗号分隔)" writes it on a Chinese PC.
    const StatusTable t = readStatusTable(write("gbk.csv", "\xB8\xFA\xD7\xD9\xC2\xEB,\xD7\xB4\xCC\xAC\r\n"));
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_EQ(t.problems[0].line, 1);
    EXPECT_NE(t.problems[0].message.find("not UTF-8"), std::string::npos);
    EXPECT_NE(t.problems[0].message.find("CSV UTF-8"), std::string::npos);
    EXPECT_THROW(readStatusTable(dir_.file("missing.csv")), std::runtime_error);
}

TEST_F(StatusTableTest, AHeaderWithoutARequiredColumnIsAProblemOfLineOne) {
    StatusTable t = readStatusTable(write("a.csv", "code,status,received,updated\n" + c1_ + ",办理中,2026-11-03,2026-11-03\n"));
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_EQ(t.problems[0].line, 1);
    EXPECT_EQ(t.problems[0].field, "due");
    EXPECT_NE(t.problems[0].text().find("line 1, field 'due': the header row has no column 'due' (答复期限)"),
              std::string::npos)
        << t.problems[0].text();
    EXPECT_TRUE(t.statuses.empty());
    t = readStatusTable(write("b.csv", "code,状态,收到日期,due,状态,updated\n"));
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_NE(t.problems[0].message.find("twice"), std::string::npos);
    t = readStatusTable(write("c.csv", "\n\n"));
    ASSERT_EQ(t.problems.size(), 1u);
    EXPECT_NE(t.problems[0].message.find("empty"), std::string::npos);
    t = readStatusTable(write("d.csv", "code,status,received,due,updated\n\"" + c1_ + ",办理中\n"));
    EXPECT_FALSE(t.ok());
    EXPECT_EQ(t.problems[0].line, 2);
    EXPECT_NE(t.problems[0].message.find("never closed"), std::string::npos) << problemsText(t);
}

TEST(TableDates, ExcelsFormsBecomeIsoDates) {
    EXPECT_EQ(normalizeTableDate("2026-01-05"), "2026-01-05");
    EXPECT_EQ(normalizeTableDate("2026/1/5"), "2026-01-05");
    EXPECT_EQ(normalizeTableDate("2026/12/31"), "2026-12-31");
    EXPECT_EQ(normalizeTableDate("2026-1-5"), "2026-01-05");
    EXPECT_EQ(normalizeTableDate("2026.1.5"), "2026-01-05");
    EXPECT_EQ(normalizeTableDate("2026年1月5日"), "2026-01-05");
    EXPECT_EQ(normalizeTableDate(" 2026/1/5 "), "2026-01-05");
    EXPECT_EQ(normalizeTableDate("2028/2/29"), "2028-02-29");
    for (const char* bad : {"", "2026/2/30", "2027/2/29", "26/1/5", "1/5/2026", "2026/1-5", "2026-01-05 00:00",
                            "2026/13/1", "2026/001/05", "20260105", "明天"})
        EXPECT_EQ(normalizeTableDate(bad), std::nullopt) << bad;
}

}  // namespace
}  // namespace zwgk
