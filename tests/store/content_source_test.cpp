// The content source loader: the fixture loads, and each kind of mistake is reported with
// the file, the record key and the field.
#include <gtest/gtest.h>

#include <functional>

#include "content_source.h"
#include "test_support.h"

namespace zwgk {
namespace {

using nlohmann::json;
using test::TempDir;

TEST(ContentSource, LoadsTheFixture) {
    const ContentSet set = loadContentSource(test::fixtureDir().string());
    EXPECT_EQ(set.meta.contentId, "test-county");
    EXPECT_EQ(set.meta.version, 3);
    EXPECT_EQ(set.agencies.size(), 3u);
    EXPECT_EQ(set.topics.size(), 3u);
    EXPECT_EQ(set.areas.size(), 3u);
    ASSERT_EQ(set.documents.size(), 6u);
    EXPECT_EQ(set.documents[0].file, "documents/2024.json");  // files in name order
    EXPECT_EQ(set.documents[3].file, "documents/2025.json");
    EXPECT_EQ(set.documents[4].interprets, "doc-2025-0001");
    EXPECT_EQ(set.documents[0].validity, Validity::Repealed);
    EXPECT_EQ(set.documents[2].validity, Validity::Valid);  // default
    EXPECT_EQ(set.catalogue.size(), 2u);
    EXPECT_EQ(set.guideGroups.size(), 2u);
    EXPECT_EQ(set.guides.size(), 3u);
    EXPECT_EQ(set.guides[1].materials[0].count, 1);
    EXPECT_EQ(set.qas.size(), 2u);
    EXPECT_EQ(set.gazette.size(), 2u);
    EXPECT_EQ(set.announcements.size(), 2u);
    ASSERT_EQ(set.townships.size(), 1u);
    EXPECT_EQ(set.townships[0].villages.size(), 3u);
    ASSERT_EQ(set.calendar.size(), 1u);
    EXPECT_EQ(set.calendar[0].holidays[1].workdays.size(), 2u);
    EXPECT_EQ(set.statusesUpdated, "2026-06-30");
    ASSERT_EQ(set.statuses.size(), 4u);
    EXPECT_EQ(set.statuses[0].code, "QX01-4D7K-P2MB");
    EXPECT_EQ(set.statuses[0].status, "办理中");
    EXPECT_EQ(set.statuses[0].extendedDue, "");  // optional fields default to empty
    EXPECT_EQ(set.statuses[0].note, "");
    EXPECT_EQ(set.statuses[1].status, "已延期");
    EXPECT_EQ(set.statuses[1].received, "2026-05-11");
    EXPECT_EQ(set.statuses[1].due, "2026-06-08");
    EXPECT_EQ(set.statuses[1].extendedDue, "2026-07-06");
    EXPECT_EQ(set.statuses[1].updated, "2026-06-05");
    EXPECT_EQ(set.statuses[1].note, "经负责人同意延长答复期限");
}

TEST(ContentSource, OptionalFilesMayBeAbsent) {
    TempDir dir;
    const auto source = test::copyFixture(dir);
    for (const char* name : {"qa.json", "villages.json", "calendar.json", "gazette.json",
                             "announcements.json", "guides.json", "catalogue.json", "statuses.json"})
        test::fs::remove(source / name);
    test::fs::remove_all(source / "documents");
    const ContentSet set = loadContentSource(source.string());
    EXPECT_TRUE(set.documents.empty());
    EXPECT_TRUE(set.qas.empty());
    EXPECT_TRUE(set.townships.empty());
    EXPECT_TRUE(set.statuses.empty());
    EXPECT_EQ(set.statusesUpdated, "");
    EXPECT_EQ(set.agencies.size(), 3u);
}

TEST(ContentSource, MissingDirectoryAndRequiredFile) {
    try {
        loadContentSource("/nonexistent/zwgk-content");
        FAIL();
    } catch (const ContentError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/zwgk-content"), std::string::npos) << e.what();
    }
    TempDir dir;
    const auto source = test::copyFixture(dir);
    test::fs::remove(source / "agencies.json");
    try {
        loadContentSource(source.string());
        FAIL();
    } catch (const ContentError& e) {
        EXPECT_EQ(e.file(), "agencies.json");
        EXPECT_NE(std::string(e.what()).find("missing"), std::string::npos) << e.what();
    }
}

TEST(ContentSource, BrokenJsonNamesTheFileAndPosition) {
    TempDir dir;
    const auto source = test::copyFixture(dir);
    std::string text = test::readBytes(source / "documents/2025.json");
    text.insert(text.rfind(']'), 1, ',');  // trailing comma: not JSON
    test::writeBytes(source / "documents/2025.json", text);
    try {
        loadContentSource(source.string());
        FAIL();
    } catch (const ContentError& e) {
        const std::string message = e.what();
        EXPECT_EQ(e.file(), "documents/2025.json");
        EXPECT_EQ(message.rfind("documents/2025.json: not valid JSON", 0), 0u) << message;
        EXPECT_NE(message.find("line"), std::string::npos) << message;
        EXPECT_EQ(message.find("[json.exception"), std::string::npos) << message;
    }
}

// One broken copy of the fixture per case: FILE is edited by EDIT, and the error must name
// FILE, KEY and FIELD and contain TEXT.
struct BrokenCase {
    const char* name;                       // test label
    const char* file;                       // file to edit, relative to the source
    std::function<void(json&)> edit;        // the mistake
    const char* key;                        // record key the message must name
    const char* field;                      // field the error must carry
    const char* text;                       // substring of the message
};

// Test names and ctest output show the case's label, not the struct's bytes.
void PrintTo(const BrokenCase& c, std::ostream* os) { *os << c.name; }

class BrokenSource : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenSource, IsReportedPrecisely) {
    const BrokenCase& c = GetParam();
    TempDir dir;
    const auto source = test::copyFixture(dir);
    json value = test::readJson(source / c.file);
    c.edit(value);
    test::writeJson(source / c.file, value);
    try {
        loadContentSource(source.string());
        FAIL() << c.name << " was accepted";
    } catch (const ContentError& e) {
        const std::string message = e.what();
        EXPECT_EQ(e.file(), c.file) << message;
        EXPECT_EQ(e.key(), c.key) << message;
        EXPECT_EQ(e.field(), c.field) << message;
        const std::string prefix = std::string(c.file) + ": " + (*c.key ? std::string(c.key) + ": " : "");
        EXPECT_EQ(message.rfind(prefix, 0), 0u) << message;
        EXPECT_NE(message.find(c.text), std::string::npos) << message;
    }
}

json& doc(json& file, size_t i) { return file.at(i); }
json& status(json& file, size_t i) { return file.at("statuses").at(i); }

INSTANTIATE_TEST_SUITE_P(
    Mistakes, BrokenSource,
    ::testing::Values(
        BrokenCase{"UnknownAgency", "documents/2024.json",
                   [](json& f) { doc(f, 1)["agency"] = "xyz"; }, "doc-2024-0002", "agency",
                   "unknown agency 'xyz'"},
        BrokenCase{"UnknownTopic", "documents/2024.json",
                   [](json& f) { doc(f, 0)["topic"] = "nope"; }, "doc-2024-0001", "topic",
                   "unknown topic 'nope'"},
        BrokenCase{"UnknownArea", "documents/2025.json",
                   [](json& f) { doc(f, 2)["area"] = "space"; }, "doc-2025-0003", "area",
                   "unknown area 'space'"},
        BrokenCase{"UnknownInterprets", "documents/2025.json",
                   [](json& f) { doc(f, 1)["interprets"] = "doc-1999-0001"; }, "doc-2025-0002",
                   "interprets", "unknown document 'doc-1999-0001'"},
        BrokenCase{"SelfInterpretation", "documents/2025.json",
                   [](json& f) { doc(f, 1)["interprets"] = "doc-2025-0002"; }, "doc-2025-0002",
                   "interprets", "itself"},
        BrokenCase{"DuplicateKeyAcrossFiles", "documents/2025.json",
                   [](json& f) { doc(f, 0)["key"] = "doc-2024-0001"; }, "doc-2024-0001", "key",
                   "duplicate document key 'doc-2024-0001' (also in documents/2024.json)"},
        BrokenCase{"DuplicateIndexNo", "documents/2025.json",
                   [](json& f) { doc(f, 1)["index_no"] = "100000002/2025-00001"; }, "doc-2025-0002",
                   "index_no", "already used by doc-2025-0001"},
        BrokenCase{"BadMonth", "documents/2024.json",
                   [](json& f) { doc(f, 2)["published"] = "2024-13-01"; }, "doc-2024-0003",
                   "published", "field 'published': bad date '2024-13-01'"},
        BrokenCase{"NoSuchDay", "documents/2024.json",
                   [](json& f) { doc(f, 2)["created"] = "2023-02-29"; }, "doc-2024-0003", "created",
                   "bad date '2023-02-29'"},
        BrokenCase{"SlashDate", "qa.json", [](json& f) { f[0]["date"] = "2025/04/02"; }, "qa-01",
                   "date", "bad date '2025/04/02' (expected YYYY-MM-DD)"},
        BrokenCase{"BadValidity", "documents/2024.json",
                   [](json& f) { doc(f, 1)["validity"] = "过期"; }, "doc-2024-0002", "validity",
                   "'过期' is not one of 有效, 失效, 废止"},
        BrokenCase{"MissingTitle", "documents/2024.json",
                   [](json& f) { doc(f, 0).erase("title"); }, "doc-2024-0001", "title",
                   "missing required field 'title'"},
        BrokenCase{"EmptyBody", "documents/2024.json",
                   [](json& f) { doc(f, 0)["body"] = json::array(); }, "doc-2024-0001", "body",
                   "field 'body' must not be empty"},
        BrokenCase{"LineBreakInParagraph", "documents/2024.json",
                   [](json& f) { doc(f, 0)["body"][1] = "一行\n两行"; }, "doc-2024-0001", "body",
                   "line break"},
        BrokenCase{"WrongType", "agencies.json", [](json& f) { f[1]["sort"] = "2"; }, "mzj", "sort",
                   "field 'sort' must be an integer, found a string"},
        BrokenCase{"BadKey", "topics.json", [](json& f) { f[0]["key"] = "General_Affairs"; }, "#1",
                   "key", "field 'key' must be a string of a-z, 0-9 and '-'"},
        BrokenCase{"MissingKey", "areas.json", [](json& f) { f[2].erase("key"); }, "#3", "key",
                   "missing required field 'key'"},
        BrokenCase{"DuplicateAgency", "agencies.json", [](json& f) { f[2]["key"] = "xzf"; }, "xzf",
                   "key", "duplicate agency key 'xzf'"},
        BrokenCase{"CatalogueUnknownArea", "catalogue.json", [](json& f) { f[1]["area"] = "mars"; },
                   "cat-ho-01", "area", "unknown area 'mars'"},
        BrokenCase{"CatalogueEmptyElement", "catalogue.json", [](json& f) { f[0]["basis"] = ""; },
                   "cat-sa-01", "basis", "field 'basis' must not be empty"},
        BrokenCase{"CatalogueBadMethod", "catalogue.json",
                   [](json& f) { f[0]["method"] = "主动公开"; }, "cat-sa-01", "method",
                   "'主动公开' is not one of 主动, 依申请"},
        BrokenCase{"CatalogueBadLevel", "catalogue.json",
                   [](json& f) { f[0]["levels"] = json::array({"县", "省"}); }, "cat-sa-01", "levels",
                   "'省' is not one of 县, 乡, 村"},
        BrokenCase{"GuideUnknownGroup", "guides.json",
                   [](json& f) { f["guides"][2]["group"] = "wedding"; }, "guide-pension", "group",
                   "unknown group 'wedding'"},
        BrokenCase{"GuideUnknownDepartment", "guides.json",
                   [](json& f) { f["guides"][0]["department"] = "county-health"; }, "guide-birth-cert",
                   "department", "unknown agency 'county-health'"},
        BrokenCase{"GuideBadMaterialForm", "guides.json",
                   [](json& f) { f["guides"][0]["materials"][0]["form"] = "扫描件"; }, "guide-birth-cert",
                   "materials", "'扫描件' is not one of"},
        BrokenCase{"QaUnknownTopic", "qa.json", [](json& f) { f[1]["topic"] = "weather"; }, "qa-02",
                   "topic", "unknown topic 'weather'"},
        BrokenCase{"GazetteUnknownDocument", "gazette.json",
                   [](json& f) { f[0]["contents"][1] = "doc-2030-0001"; }, "gazette-2025-01", "contents",
                   "unknown document 'doc-2030-0001' in contents"},
        BrokenCase{"AnnouncementEndsBeforeStart", "announcements.json",
                   [](json& f) { f[0]["ends"] = "2026-04-01"; }, "ann-01", "ends", "before 'starts'"},
        BrokenCase{"AnnouncementBadKind", "announcements.json",
                   [](json& f) { f[1]["kind"] = "广告"; }, "ann-02", "kind", "'广告' is not one of"},
        BrokenCase{"TownshipUnknownAgency", "villages.json",
                   [](json& f) { f["townships"][0]["agency"] = "town-z"; }, "town-a", "agency",
                   "unknown agency 'town-z'"},
        BrokenCase{"DuplicateVillageItem", "villages.json",
                   [](json& f) { f["townships"][0]["villages"][1]["items"][0]["key"] = "vi-01"; }, "vi-01",
                   "key", "duplicate village item key 'vi-01'"},
        BrokenCase{"VillageItemBadDate", "villages.json",
                   [](json& f) { f["townships"][0]["villages"][0]["items"][1]["date"] = "2026-5-12"; },
                   "vi-02", "date", "bad date '2026-5-12'"},
        BrokenCase{"WorkdayOnAWeekday", "calendar.json",
                   [](json& f) { f["years"][0]["holidays"][0]["workdays"][0] = "2026-01-05"; },
                   "2026 元旦", "workdays", "2026-01-05 is not a Saturday or Sunday"},
        BrokenCase{"DayListedTwice", "calendar.json",
                   [](json& f) { f["years"][0]["holidays"][1]["days_off"][0] = "2026-01-02"; },
                   "2026 春节", "days_off", "2026-01-02 is listed twice (also under 元旦)"},
        BrokenCase{"MetaBadGenerated", "meta.json", [](json& f) { f["generated"] = "yesterday"; }, "",
                   "generated", "bad date 'yesterday'"},
        // statuses.json: problems name the tracking code, or nothing for the file's own fields.
        BrokenCase{"StatusesNotAnObject", "statuses.json", [](json& f) { f = f["statuses"]; }, "", "",
                   "expected an object with 'updated' and 'statuses', found an array"},
        BrokenCase{"StatusesNotAnArray", "statuses.json", [](json& f) { f["statuses"] = "none"; }, "",
                   "statuses", "field 'statuses' must be an array, found a string"},
        BrokenCase{"StatusesMissingUpdated", "statuses.json", [](json& f) { f.erase("updated"); }, "",
                   "updated", "missing required field 'updated'"},
        BrokenCase{"StatusesBadUpdated", "statuses.json", [](json& f) { f["updated"] = "2026-06-31"; }, "",
                   "updated", "field 'updated': bad date '2026-06-31'"},
        BrokenCase{"StatusMissingCode", "statuses.json", [](json& f) { status(f, 2).erase("code"); }, "#3",
                   "code", "missing required field 'code'"},
        BrokenCase{"StatusLowerCaseCode", "statuses.json",
                   [](json& f) { status(f, 0)["code"] = "qx01-4d7k-p2mb"; }, "qx01-4d7k-p2mb", "code",
                   "field 'code': 'qx01-4d7k-p2mb' is not a tracking code"},
        BrokenCase{"StatusCodeWithWrongCheckCharacter", "statuses.json",
                   [](json& f) { status(f, 0)["code"] = "QX01-4D7K-P2M8"; }, "QX01-4D7K-P2M8", "code",
                   "field 'code': 'QX01-4D7K-P2M8' is not a tracking code"},
        BrokenCase{"StatusCodeWithDoubleHyphen", "statuses.json",
                   [](json& f) { status(f, 0)["code"] = "QX01--4D7K"; }, "QX01--4D7K", "code",
                   "is not a tracking code"},
        BrokenCase{"StatusCodeWithSpace", "statuses.json",
                   [](json& f) { status(f, 0)["code"] = "QX01 4D7K"; }, "QX01 4D7K", "code",
                   "is not a tracking code"},
        BrokenCase{"StatusCodeTooLong", "statuses.json",
                   [](json& f) { status(f, 0)["code"] = std::string(33, 'A'); }, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                   "code", "is not a tracking code"},
        BrokenCase{"StatusDuplicateCode", "statuses.json",
                   [](json& f) { status(f, 3)["code"] = "QX01-8B3N-T6WE"; }, "QX01-8B3N-T6WE", "code",
                   "duplicate code 'QX01-8B3N-T6WE'"},
        BrokenCase{"StatusCodesDifferOnlyInHyphens", "statuses.json",
                   [](json& f) { status(f, 3)["code"] = "QX018B3N-T6WE"; }, "QX018B3N-T6WE", "code",
                   "is not a tracking code"},
        BrokenCase{"StatusUnknownState", "statuses.json",
                   [](json& f) { status(f, 0)["status"] = "处理中"; }, "QX01-4D7K-P2MB", "status",
                   "'处理中' is not one of 已接收, 办理中, 需补正, 已延期, 已答复, 已办结, 不予受理"},
        BrokenCase{"StatusMissingDue", "statuses.json", [](json& f) { status(f, 2).erase("due"); },
                   "QX02-2H9R-C4YZ", "due", "missing required field 'due'"},
        BrokenCase{"StatusBadReceived", "statuses.json",
                   [](json& f) { status(f, 2)["received"] = "2026-02-30"; }, "QX02-2H9R-C4YZ", "received",
                   "field 'received': bad date '2026-02-30'"},
        BrokenCase{"StatusBadExtendedDue", "statuses.json",
                   [](json& f) { status(f, 1)["extended_due"] = "2026-7-6"; }, "QX01-8B3N-T6WE",
                   "extended_due", "field 'extended_due': bad date '2026-7-6'"},
        BrokenCase{"StatusDueBeforeReceived", "statuses.json",
                   [](json& f) { status(f, 0)["due"] = "2026-06-19"; }, "QX01-4D7K-P2MB", "due",
                   "field 'due' (2026-06-19) is before 'received' (2026-06-22)"},
        BrokenCase{"StatusExtendedDueNotAfterDue", "statuses.json",
                   [](json& f) { status(f, 1)["extended_due"] = "2026-06-08"; }, "QX01-8B3N-T6WE",
                   "extended_due", "field 'extended_due' (2026-06-08) is not after 'due' (2026-06-08)"},
        BrokenCase{"StatusExtendedDueWithoutExtension", "statuses.json",
                   [](json& f) { status(f, 0)["extended_due"] = "2026-08-17"; }, "QX01-4D7K-P2MB",
                   "extended_due", "only allowed with status 已延期, 已答复 or 已办结, not 办理中"},
        BrokenCase{"StatusExtendedDueOnRejection", "statuses.json",
                   [](json& f) { status(f, 3)["extended_due"] = "2026-04-28"; }, "QX02-6F5V-J3AW",
                   "extended_due", "not 不予受理"},
        BrokenCase{"StatusExtendedWithoutNewDeadline", "statuses.json",
                   [](json& f) { status(f, 1).erase("extended_due"); }, "QX01-8B3N-T6WE", "extended_due",
                   "status 已延期 needs field 'extended_due'"},
        BrokenCase{"StatusUpdatedBeforeReceived", "statuses.json",
                   [](json& f) { status(f, 3)["updated"] = "2026-02-27"; }, "QX02-6F5V-J3AW", "updated",
                   "field 'updated' (2026-02-27) is before 'received' (2026-03-02)"},
        BrokenCase{"StatusUpdatedAfterTheFile", "statuses.json",
                   [](json& f) { status(f, 0)["updated"] = "2026-07-01"; }, "QX01-4D7K-P2MB", "updated",
                   "field 'updated' (2026-07-01) is after the file's 'updated' (2026-06-30)"},
        BrokenCase{"StatusNoteNotAString", "statuses.json", [](json& f) { status(f, 2)["note"] = 5; },
                   "QX02-2H9R-C4YZ", "note", "field 'note' must be a string, found a number"},
        BrokenCase{"StatusNoteLineBreak", "statuses.json",
                   [](json& f) { status(f, 2)["note"] = "已作出答复\n请领取"; }, "QX02-2H9R-C4YZ", "note",
                   "field 'note' contains a line break"},
        BrokenCase{"StatusNoteTooLong", "statuses.json",
                   [](json& f) {
                       std::string note;
                       for (int i = 0; i < 201; ++i) note += "答";
                       status(f, 2)["note"] = note;
                   },
                   "QX02-2H9R-C4YZ", "note", "field 'note' is longer than 200 characters"},
        BrokenCase{"StatusNoteMobileNumber", "statuses.json",
                   [](json& f) { status(f, 2)["note"] = "答复书已寄出，如未收到请拨打13800138000"; },
                   "QX02-2H9R-C4YZ", "note", "field 'note' seems to contain a mobile phone number"},
        BrokenCase{"StatusNoteIdNumber", "statuses.json",
                   [](json& f) { status(f, 1)["note"] = "申请人身份证号33010219900101123X"; }, "QX01-8B3N-T6WE",
                   "note", "field 'note' seems to contain an ID card number"}),
    [](const ::testing::TestParamInfo<BrokenCase>& info) { return std::string(info.param.name); });

TEST(ContentSource, PersonalDataGuard) {
    EXPECT_EQ(personalDataIn("13800138000"), "a mobile phone number");
    EXPECT_EQ(personalDataIn("请联系+8613912345678"), "a mobile phone number");  // inside a longer run
    EXPECT_EQ(personalDataIn("电话１３９１２３４５６７８"), "a mobile phone number");  // full-width digits
    EXPECT_EQ(personalDataIn("330102199001011234"), "an ID card number");
    EXPECT_EQ(personalDataIn("身份证33010219900101123x号"), "an ID card number");
    EXPECT_EQ(personalDataIn("３３０１０２１９９００１０１１２３Ｘ"), "an ID card number");
    // Numbers a public note may well hold.
    for (const char* fine : {"", "请拨打12345热线", "请致电0578-6012345", "05786012345",
                             "于2026年11月3日答复", "2026-11-03", "索引号331126001/2024-00012",
                             "1380013800", "20261103001", "临政办发〔2024〕12号"})
        EXPECT_EQ(personalDataIn(fine), "") << fine;
}

TEST(ContentSource, IsoDates) {
    EXPECT_TRUE(isIsoDate("2024-02-29"));
    EXPECT_FALSE(isIsoDate("2023-02-29"));
    EXPECT_FALSE(isIsoDate("2100-02-29"));
    EXPECT_TRUE(isIsoDate("2000-02-29"));
    EXPECT_TRUE(isIsoDate("2026-12-31"));
    EXPECT_FALSE(isIsoDate("2026-12-32"));
    EXPECT_FALSE(isIsoDate("2026-00-10"));
    EXPECT_FALSE(isIsoDate("２０２６-01-01"));
    EXPECT_FALSE(isIsoDate("2026-1-01"));
    EXPECT_FALSE(isIsoDate(""));
}

TEST(ContentSource, ValidityWords) {
    EXPECT_STREQ(validityName(Validity::Valid), "有效");
    EXPECT_STREQ(validityName(Validity::Expired), "失效");
    EXPECT_STREQ(validityName(Validity::Repealed), "废止");
    for (Validity v : {Validity::Valid, Validity::Expired, Validity::Repealed})
        EXPECT_EQ(parseValidity(validityName(v)), v);
    EXPECT_FALSE(parseValidity("有效 ").has_value());
    EXPECT_FALSE(parseValidity("").has_value());
}

}  // namespace
}  // namespace zwgk
