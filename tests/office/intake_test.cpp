// The office's intake: applications taken by the terminal's own code (submitApplication,
// sealed to the demo office key), exported as terminals do, collected back exactly; copies
// collapsed; every kind of bad file one clear problem; the CSV and JSON writers.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <map>
#include <set>

#include "office_test_support.h"
#include "office_tools.h"
#include "validation.h"

namespace zwgk {
namespace {

using test::BuildTempDir;
using nlohmann::json;

// An 18-digit resident ID whose check character is a digit (Excel would mangle it).
std::string allDigitResidentId() {
    for (int serial = 100; serial < 200; ++serial) {
        const std::string first17 = "11010519800101" + std::to_string(serial);
        const char check = residentIdCheckChar(first17);
        if (check >= '0' && check <= '9') return first17 + check;
    }
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The problem reported for FILE, or "" when none.
std::string problemFor(const IntakeReport& report, const std::filesystem::path& file) {
    for (const IntakeIssue& p : report.problems)
        if (p.file == file.string()) return p.reason;
    return {};
}

class IntakeTest : public ::testing::Test {
protected:
    void SetUp() override {
        terminals_ = std::make_unique<test::DemoTerminals>(dir_.path());
        online_ = dir_.path() / "intake";
        usb_ = dir_.path() / "stick/zwgk/export";
        // Submitted out of time order on purpose; the third is another terminal.
        a_ = terminals_->submit("LL01", "县政务服务中心一楼东侧",
                                test::citizenDraft("王小明", "11010519491231002X", "东山村2025年土地征收补偿安置方案"),
                                "2026-11-25", "10:15:00");
        b_ = terminals_->submit("LL01", "县政务服务中心一楼东侧", test::organisationDraft(), "2026-11-24", "16:40:10");
        c_ = terminals_->submit("LL02", "柳湾乡便民服务中心",
                                test::citizenDraft("欧阳娜娜", allDigitResidentId(), "柳湾村道路硬化工程招标文件"),
                                "2026-11-25", "09:05:30");
        for (const auto& [terminal, e] : {std::pair{"LL01", &a_}, {"LL01", &b_}, {"LL02", &c_}})
            test::exportSealed(online_, terminal, *e);
    }

    BuildTempDir dir_;
    std::unique_ptr<test::DemoTerminals> terminals_;
    std::filesystem::path online_, usb_;
    OutboxEntry a_, b_, c_;
};

TEST_F(IntakeTest, RecoversExactlyTheSubmittedApplications) {
    const IntakeReport report = collectApplications(online_.string(), test::demoSecretKeyText());
    EXPECT_TRUE(report.problems.empty()) << report.problems.front().file << ": " << report.problems.front().reason;
    EXPECT_TRUE(report.notes.empty());
    ASSERT_EQ(report.records.size(), 3u);
    // Sorted by submission time: b (24th), c (25th 09:05), a (25th 10:15).
    EXPECT_EQ(report.records[0].trackingCode, b_.trackingCode);
    EXPECT_EQ(report.records[1].trackingCode, c_.trackingCode);
    EXPECT_EQ(report.records[2].trackingCode, a_.trackingCode);
    EXPECT_EQ(report.records[0].applicantName, "临澜县东山农业专业合作社");
    EXPECT_EQ(report.records[1].applicantName, "欧阳娜娜");
    EXPECT_EQ(report.records[2].applicantName, "王小明");
    EXPECT_EQ(report.records[1].terminalId, "LL02");
    EXPECT_EQ(report.records[2].id, a_.id);
    EXPECT_EQ(report.records[2].submittedAt, "2026-11-25T10:15:00+08:00");
    EXPECT_EQ(report.records[2].file, (online_ / "LL01" / (a_.id + ".sealed")).string());
    // The record is the whole application as sealed.
    std::string why;
    const auto plain = openSealed(a_.sealed, *decodeSecretKey(test::demoSecretKeyText()), why);
    ASSERT_TRUE(plain) << why;
    EXPECT_EQ(report.records[2].record, json::parse(*plain));
    EXPECT_EQ(report.records[2].record["applicant"]["id_number"], "11010519491231002X");
    EXPECT_EQ(report.counts.terminals, 2);
    EXPECT_EQ(report.counts.sealedFiles, 3);
    EXPECT_EQ(report.counts.opened, 3);
    EXPECT_EQ(report.counts.applications, 3);
    EXPECT_EQ(report.counts.duplicates, 0);
    EXPECT_EQ(report.counts.problems, 0);
    EXPECT_FALSE(report.likelyWrongKey);
}

TEST_F(IntakeTest, AnApplicationThatArrivedOnlineAndByUsbIsOneRecord) {
    test::exportSealed(usb_, "LL01", a_);  // the same sealed file from the terminal's outbox
    test::exportSealed(usb_, "LL01", b_);
    const IntakeReport report = collectApplications(std::vector<std::string>{online_.string(), usb_.string()},
                                                    test::demoSecretKeyText());
    EXPECT_TRUE(report.problems.empty());
    ASSERT_EQ(report.records.size(), 3u);
    EXPECT_EQ(report.counts.sealedFiles, 5);
    EXPECT_EQ(report.counts.opened, 5);
    EXPECT_EQ(report.counts.duplicates, 2);
    const ApplicationRecord& a = report.records[2];
    EXPECT_EQ(a.id, a_.id);
    EXPECT_EQ(a.file, (online_ / "LL01" / (a_.id + ".sealed")).string());
    EXPECT_EQ(a.alsoIn, std::vector<std::string>{(usb_ / "LL01" / (a_.id + ".sealed")).string()});

    // The same application sealed again (another ephemeral key: other bytes, same content).
    BuildTempDir other;
    const std::string plain = report.records[1].record.dump();
    std::filesystem::create_directories(other.path() / "LL02");
    test::writeBytes(other.path() / "LL02" / (c_.id + ".sealed"), sealForOffice(plain, test::demoPublicKey()));
    const IntakeReport again = collectApplications(std::vector<std::string>{online_.string(), other.path().string()},
                                                   test::demoSecretKeyText());
    EXPECT_TRUE(again.problems.empty());
    EXPECT_EQ(again.records.size(), 3u);
    EXPECT_EQ(again.counts.duplicates, 1);
}

TEST_F(IntakeTest, TheSameIdWithOtherContentIsAProblemAndTheFirstIsKept) {
    std::string why;
    json forged = json::parse(*openSealed(a_.sealed, *decodeSecretKey(test::demoSecretKeyText()), why));
    forged["applicant"]["name"] = "王大明";
    std::filesystem::create_directories(usb_ / "LL01");
    const auto file = usb_ / "LL01" / (a_.id + ".sealed");
    test::writeBytes(file, sealForOffice(forged.dump(), test::demoPublicKey()));
    const IntakeReport report = collectApplications(std::vector<std::string>{online_.string(), usb_.string()},
                                                    test::demoSecretKeyText());
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0].file, file.string());
    EXPECT_TRUE(contains(report.problems[0].reason, "same application id " + a_.id)) << report.problems[0].reason;
    EXPECT_TRUE(contains(report.problems[0].reason, "different content")) << report.problems[0].reason;
    ASSERT_EQ(report.records.size(), 3u);
    EXPECT_EQ(report.records[2].applicantName, "王小明");
    EXPECT_TRUE(report.records[2].alsoIn.empty());
}

TEST_F(IntakeTest, AWrongKeyIsReportedForEveryFile) {
    const SealKeys other = generateSealKeys();
    const IntakeReport report = collectApplications(online_.string(), encodeSecretKey(other.secretKey));
    EXPECT_TRUE(report.records.empty());
    ASSERT_EQ(report.problems.size(), 3u);
    for (const IntakeIssue& p : report.problems)
        EXPECT_TRUE(contains(p.reason, "sealed to another office key")) << p.reason;
    EXPECT_TRUE(report.likelyWrongKey);
    EXPECT_EQ(report.counts.opened, 0);

    // Not a secret key at all: refused before anything is read.
    try {
        collectApplications(online_.string(), test::readBytes(test::sourceDir() / "assets/demo-keys/office-demo.pub"));
        ADD_FAILURE() << "a public key was accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_TRUE(contains(e.what(), "public key")) << e.what();
    }
    EXPECT_THROW(collectApplications(online_.string(), "hello"), std::invalid_argument);
    EXPECT_THROW(collectApplications((dir_.path() / "missing").string(), test::demoSecretKeyText()), std::runtime_error);
}

TEST_F(IntakeTest, EveryBadFileIsOneClearProblemAndTheRestIsCollected) {
    const auto ll01 = online_ / "LL01";
    const std::string key = test::demoPublicKey();
    const auto truncated = ll01 / "0000000000000000000000000000000a.sealed";
    test::writeBytes(truncated, a_.sealed.substr(0, std::string(kSealedMagic).size() + 20));
    const auto cut = ll01 / "0000000000000000000000000000000b.sealed";
    test::writeBytes(cut, a_.sealed.substr(0, a_.sealed.size() - 10));
    std::string flipped = b_.sealed;
    flipped[flipped.size() / 2] ^= 0x01;
    const auto damaged = ll01 / "0000000000000000000000000000000c.sealed";
    test::writeBytes(damaged, flipped);
    const auto plainJson = ll01 / "0000000000000000000000000000000d.sealed";
    test::writeBytes(plainJson, R"({"format":"zwgk-application/1"})");
    const auto empty = ll01 / "0000000000000000000000000000000e.sealed";
    test::writeBytes(empty, "");
    const auto heartbeat = ll01 / "0000000000000000000000000000000f.sealed";
    test::writeBytes(heartbeat, sealForOffice(R"({"format":"zwgk-heartbeat/1","terminal_id":"LL01"})", key));
    const auto notJson = ll01 / "00000000000000000000000000000010.sealed";
    test::writeBytes(notJson, sealForOffice("申请 hello", key));
    const auto noId = ll01 / "00000000000000000000000000000011.sealed";
    test::writeBytes(noId, sealForOffice(R"({"format":"zwgk-application/1","tracking_code":"LL01-7KX4-M9QH"})", key));
    // Things that are not applications at all.
    test::writeBytes(ll01 / "heartbeat.json", "{}");
    test::writeBytes(ll01 / "statistics.json", "{}");
    test::writeBytes(ll01 / "notes.txt", "hello");
    std::filesystem::create_directories(online_ / "lost+found");
    test::writeBytes(online_ / "README.txt", "intake");
    test::writeBytes(online_ / (c_.id + ".sealed"), c_.sealed);

    const IntakeReport report = collectApplications(online_.string(), test::demoSecretKeyText());
    ASSERT_EQ(report.records.size(), 3u);  // a, b and c: all still collected
    EXPECT_EQ(problemFor(report, truncated), "the sealed data is truncated");
    EXPECT_TRUE(contains(problemFor(report, cut), "damaged")) << problemFor(report, cut);
    EXPECT_TRUE(contains(problemFor(report, damaged), "damaged")) << problemFor(report, damaged);
    EXPECT_TRUE(contains(problemFor(report, plainJson), "not a sealed application")) << problemFor(report, plainJson);
    EXPECT_TRUE(contains(problemFor(report, empty), "empty file")) << problemFor(report, empty);
    EXPECT_EQ(problemFor(report, heartbeat),
              "opened, but it is not an application of format zwgk-application/1 (format 'zwgk-heartbeat/1')");
    EXPECT_EQ(problemFor(report, notJson), "opened, but the content is not JSON");
    EXPECT_TRUE(contains(problemFor(report, noId), "no valid id")) << problemFor(report, noId);
    EXPECT_TRUE(contains(problemFor(report, online_ / (c_.id + ".sealed")), "directly in the root folder"));
    EXPECT_EQ(report.problems.size(), 9u);
    EXPECT_EQ(report.counts.problems, 9);
    EXPECT_FALSE(report.likelyWrongKey);  // some files opened: the key is right

    std::set<std::string> noted;
    for (const IntakeIssue& n : report.notes) noted.insert(std::filesystem::path(n.file).filename().string());
    EXPECT_EQ(noted, (std::set<std::string>{"notes.txt", "lost+found", "README.txt"}));
}

TEST_F(IntakeTest, TheCsvOpensInExcelWithChineseColumns) {
    const IntakeReport report = collectApplications(online_.string(), test::demoSecretKeyText());
    const std::string path = dir_.file("applications.csv");
    writeApplicationsCsv(report.records, path);
    const std::string bytes = test::readBytes(path);
    ASSERT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(bytes.find("\r\n"), std::string::npos);
    const auto rows = test::parseCsvText(bytes.substr(3));
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0], applicationCsvColumns());
    EXPECT_EQ(rows[0].front(), "跟踪码");
    EXPECT_EQ(rows[0].back(), "申请编号");
    ASSERT_EQ(rows[0].size(), 23u);
    for (const auto& row : rows) ASSERT_EQ(row.size(), 23u);
    std::map<std::string, std::string> org, wang, ouyang;
    for (size_t i = 0; i < 23; ++i) {
        org[rows[0][i]] = rows[1][i];
        ouyang[rows[0][i]] = rows[2][i];
        wang[rows[0][i]] = rows[3][i];
    }
    EXPECT_EQ(wang["跟踪码"], a_.trackingCode);
    EXPECT_EQ(wang["终端"], "LL01");
    EXPECT_EQ(wang["终端位置"], "县政务服务中心一楼东侧");
    EXPECT_EQ(wang["提交时间"], "2026-11-25 10:15:00");
    EXPECT_EQ(wang["收到日期"], "2026-11-25");
    EXPECT_EQ(wang["答复期限"], a_.dueDate);
    EXPECT_EQ(wang["申请人类型"], "公民");
    EXPECT_EQ(wang["申请人/单位名称"], "王小明");
    EXPECT_EQ(wang["证件类型"], "居民身份证");
    EXPECT_EQ(wang["证件号码"], "11010519491231002X");  // ends in X: Excel keeps it as text anyway
    EXPECT_EQ(wang["统一社会信用代码"], "");
    EXPECT_EQ(wang["手机"], "13812345678");
    EXPECT_EQ(wang["通信地址"], "临澜县城关镇东山村12号");
    EXPECT_EQ(wang["所需信息名称"], "东山村2025年土地征收补偿安置方案");
    EXPECT_EQ(wang["提供形式"], "纸质");
    EXPECT_EQ(wang["获取方式"], "现场领取");
    EXPECT_EQ(wang["申请减免费用"], "否");
    EXPECT_EQ(wang["申请编号"], a_.id);
    EXPECT_EQ(ouyang["证件号码"], "\t" + allDigitResidentId());  // kept as text by Excel
    EXPECT_EQ(org["申请人类型"], "法人或者其他组织");
    EXPECT_EQ(org["申请人/单位名称"], "临澜县东山农业专业合作社");
    EXPECT_EQ(org["证件类型"], "");
    EXPECT_EQ(org["统一社会信用代码"], "\t914403001922038216");
    EXPECT_EQ(org["联系人"], "李红");
    EXPECT_EQ(org["电子邮箱"], "coop@example.cn");
    EXPECT_EQ(org["文号"], "临政办发〔2021〕9号");
    EXPECT_EQ(org["所需信息描述"], "关于\"合作社补贴\"的文件,含附件");  // quotes and comma survive
    EXPECT_EQ(org["提供形式"], "电子");
    EXPECT_EQ(org["获取方式"], "电子邮件");
    EXPECT_EQ(org["申请减免费用"], "是");
    EXPECT_EQ(org["减免说明"], "合作社经营困难");
    // RFC 4180: the description is quoted and its quotes doubled.
    EXPECT_NE(bytes.find("\"关于\"\"合作社补贴\"\"的文件,含附件\""), std::string::npos);
    // Personal data: only the owner may read the file.
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(IntakeTest, CellsThatExcelWouldRunAsFormulasAreDefused) {
    IntakeReport report = collectApplications(online_.string(), test::demoSecretKeyText());
    report.records[0].record["information"]["description"] = "=HYPERLINK(\"http://x\",\"点击\")";
    report.records[0].record["contact"]["address"] = "@SUM(1+1)";
    const std::string path = dir_.file("applications.csv");
    writeApplicationsCsv(report.records, path);
    const auto rows = test::parseCsvText(test::readBytes(path).substr(3));
    EXPECT_EQ(rows[1][17], "'=HYPERLINK(\"http://x\",\"点击\")");
    EXPECT_EQ(rows[1][13], "'@SUM(1+1)");
}

TEST_F(IntakeTest, TheJsonHoldsTheApplicationsAndWhereTheyCameFrom) {
    test::exportSealed(usb_, "LL02", c_);
    const IntakeReport report = collectApplications(std::vector<std::string>{online_.string(), usb_.string()},
                                                    test::demoSecretKeyText());
    const std::string path = dir_.file("out/applications.json");
    std::filesystem::create_directories(dir_.path() / "out");
    writeApplicationsJson(report.records, path);
    const json written = json::parse(test::readBytes(path));
    ASSERT_TRUE(written.is_array());
    ASSERT_EQ(written.size(), 3u);
    EXPECT_EQ(written[0]["tracking_code"], b_.trackingCode);
    EXPECT_EQ(written[0]["format"], "zwgk-application/1");
    EXPECT_EQ(written[0]["source_file"], (online_ / "LL01" / (b_.id + ".sealed")).string());
    EXPECT_FALSE(written[0].contains("also_in"));
    EXPECT_EQ(written[1]["applicant"]["name"], "欧阳娜娜");
    EXPECT_EQ(written[1]["also_in"], json::array({(usb_ / "LL02" / (c_.id + ".sealed")).string()}));
    json original = written[2];
    original.erase("source_file");
    EXPECT_EQ(original, report.records[2].record);
    // Written atomically: no temporary file is left beside it.
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_.path() / "out")) ++files;
    EXPECT_EQ(files, 1);
}

TEST_F(IntakeTest, AnEmptyRootIsNotAnError) {
    std::filesystem::create_directories(usb_);
    const IntakeReport report = collectApplications(usb_.string(), test::demoSecretKeyText());
    EXPECT_TRUE(report.records.empty());
    EXPECT_TRUE(report.problems.empty());
    EXPECT_FALSE(report.likelyWrongKey);
    writeApplicationsCsv(report.records, dir_.file("empty.csv"));
    const auto rows = test::parseCsvText(test::readBytes(dir_.file("empty.csv")).substr(3));
    ASSERT_EQ(rows.size(), 1u);  // the header row only
    EXPECT_EQ(rows[0], applicationCsvColumns());
}

}  // namespace
}  // namespace zwgk
