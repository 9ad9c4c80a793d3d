// The application outbox and submitApplication: what is sealed, what stays in clear, what a
// content import may not touch, and the intake configuration a terminal needs.
#include <gtest/gtest.h>

#include <set>

#include "content_source.h"
#include "outbox.h"
#include "sealing.h"
#include "submission.h"
#include "test_support.h"
#include "tracking_code.h"

namespace zwgk {
namespace {

using test::TempDir;

ApplicationDraft citizenDraft() {
    ApplicationDraft d;
    d.typeChosen = true;
    d.name = "王小明";
    d.idNumber = "11010519491231002X";
    d.mobile = "13812345678";
    d.address = "临澜县城关镇东山村12号";
    d.email = "wxm@example.cn";
    d.infoTitle = "东山村2025年土地征收补偿安置方案及补偿款发放明细";
    d.infoDescription = "包括各户补偿金额";
    d.formChosen = true;
    d.form = ProvisionForm::Electronic;
    d.deliveryChosen = true;
    d.delivery = DeliveryMethod::Email;
    d.feeReduction = true;
    d.feeNote = "本人为最低生活保障对象";
    d.privacyConsent = true;
    return d;
}

class OutboxTest : public ::testing::Test {
protected:
    void SetUp() override {
        keys_ = generateSealKeys();
        store_ = Store::open(dir_.file("content.db"), Store::Mode::Create);
        store_->importContent(loadContentSource(test::demoContentDir()));
        store_->setSetting("terminal.id", "LL07");
        store_->setSetting("terminal.location", "县图书馆一楼");
        store_->setSetting("office.public_key", encodePublicKey(keys_.publicKey));
        store_->setSetting("printer.receipt", "receipt");
        config_ = loadIntakeConfig(*store_);
        calendar_ = loadWorkingCalendar(*store_);
        outbox_ = Outbox::open(Outbox::pathForStore(dir_.file("content.db")));
    }

    SubmittedApplication submit(const ApplicationDraft& d, const std::string& today = "2026-11-25") {
        return submitApplication(*outbox_, d, config_, calendar_, SubmissionTime{today, today + "T10:15:00+08:00", today + " 10:15"});
    }

    nlohmann::json open(const OutboxEntry& e) {
        std::string why;
        const auto plain = openSealed(e.sealed, keys_.secretKey, why);
        EXPECT_TRUE(plain) << why;
        return nlohmann::json::parse(plain.value_or("{}"));
    }

    TempDir dir_;
    SealKeys keys_;
    std::unique_ptr<Store> store_;
    IntakeConfig config_;
    WorkingCalendar calendar_;
    std::unique_ptr<Outbox> outbox_;
};

TEST_F(OutboxTest, TheOutboxIsItsOwnFileBesideTheStore) {
    EXPECT_EQ(Outbox::pathForStore("/data/kiosk/content.db"), "/data/kiosk/content.outbox.db");
    EXPECT_EQ(Outbox::pathForStore("demo.db"), "demo.outbox.db");
    EXPECT_TRUE(std::filesystem::exists(dir_.file("content.outbox.db")));
}

TEST_F(OutboxTest, ASubmissionIsSealedWhole) {
    const SubmittedApplication done = submit(citizenDraft());
    const auto stored = outbox_->byCode(done.entry.trackingCode);
    ASSERT_TRUE(stored);
    const nlohmann::json record = open(*stored);
    EXPECT_EQ(record["format"], "zwgk-application/1");
    EXPECT_EQ(record["id"], stored->id);
    EXPECT_EQ(record["tracking_code"], stored->trackingCode);
    EXPECT_EQ(record["terminal_id"], "LL07");
    EXPECT_EQ(record["terminal_location"], "县图书馆一楼");
    EXPECT_EQ(record["office"], "临澜县人民政府办公室");
    EXPECT_EQ(record["received_date"], "2026-11-25");
    EXPECT_EQ(record["due_date"], "2026-12-23");
    EXPECT_EQ(record["applicant"]["type"], "citizen");
    EXPECT_EQ(record["applicant"]["name"], "王小明");
    EXPECT_EQ(record["applicant"]["id_type"], "resident_id");
    EXPECT_EQ(record["applicant"]["id_number"], "11010519491231002X");
    EXPECT_EQ(record["contact"]["mobile"], "13812345678");
    EXPECT_EQ(record["contact"]["address"], "临澜县城关镇东山村12号");
    EXPECT_EQ(record["contact"]["email"], "wxm@example.cn");
    EXPECT_EQ(record["information"]["title"], "东山村2025年土地征收补偿安置方案及补偿款发放明细");
    EXPECT_EQ(record["information"]["description"], "包括各户补偿金额");
    EXPECT_EQ(record["provision"]["form"], "electronic");
    EXPECT_EQ(record["provision"]["delivery"], "email");
    EXPECT_EQ(record["fee_reduction"]["requested"], true);
    EXPECT_EQ(record["fee_reduction"]["note"], "本人为最低生活保障对象");
    EXPECT_EQ(record["privacy_consent"], true);
    EXPECT_FALSE(record.contains("purpose"));  // removed from Art. 29 in 2019
}

TEST_F(OutboxTest, OnlyWhatTheReceiptNeedsStaysInClear) {
    const SubmittedApplication done = submit(citizenDraft());
    const OutboxEntry& e = done.entry;
    EXPECT_EQ(e.applicant, "王*明");
    EXPECT_EQ(e.idDocument, "居民身份证 ****002X");
    EXPECT_EQ(e.provision, "电子 · 电子邮件");
    EXPECT_EQ(e.dueDate, "2026-12-23");
    EXPECT_FALSE(e.dueProvisional);
    EXPECT_LE(e.information.size(), 40u * 3);
    // The outbox file holds none of the personal data in clear.
    outbox_.reset();
    store_.reset();
    std::string bytes;
    for (const char* suffix : {"", "-wal"})
        if (std::filesystem::exists(dir_.file(std::string("content.outbox.db") + suffix)))
            bytes += test::readBytes(dir_.file(std::string("content.outbox.db") + suffix));
    for (const char* secret : {"王小明", "11010519491231002X", "13812345678", "东山村12号", "wxm@example.cn",
                               "最低生活保障", "各户补偿金额"})
        EXPECT_EQ(bytes.find(secret), std::string::npos) << secret;
}

TEST_F(OutboxTest, TrackingCodesCarryThePrefixAndACheckCharacter) {
    std::set<std::string> codes, ids;
    for (int i = 0; i < 50; ++i) {
        const SubmittedApplication done = submit(citizenDraft());
        std::string canonical;
        EXPECT_EQ(checkTrackingCode(done.entry.trackingCode, &canonical), TrackingCodeCheck::Ok);
        EXPECT_EQ(canonical, done.entry.trackingCode);
        EXPECT_EQ(done.entry.trackingCode.substr(0, 5), "LL07-");
        EXPECT_EQ(done.entry.id.size(), 32u);
        codes.insert(done.entry.trackingCode);
        ids.insert(done.entry.id);
        EXPECT_EQ(done.statusUrl, "https://www.linlan.gov.cn/zwgk/ysqgk/cx?code=" + done.entry.trackingCode);
    }
    EXPECT_EQ(codes.size(), 50u);
    EXPECT_EQ(ids.size(), 50u);
    EXPECT_EQ(outbox_->count(true), 50);
}

TEST_F(OutboxTest, ADuplicateIdOrCodeIsRefused) {
    const SubmittedApplication done = submit(citizenDraft());
    OutboxEntry copy = done.entry;
    EXPECT_THROW(outbox_->add(copy), OutboxDuplicate);
    copy.id = std::string(32, 'a');
    EXPECT_THROW(outbox_->add(copy), OutboxDuplicate);  // same code
    EXPECT_EQ(outbox_->count(false), 1);
}

TEST_F(OutboxTest, AnIncompleteDraftIsNeverStored) {
    ApplicationDraft d = citizenDraft();
    d.privacyConsent = false;
    EXPECT_THROW(submit(d), std::invalid_argument);
    d = citizenDraft();
    d.idNumber = "110105194912310021";  // wrong check digit
    EXPECT_THROW(submit(d), std::invalid_argument);
    EXPECT_EQ(outbox_->count(false), 0);
}

TEST_F(OutboxTest, ADueDateInAYearWithoutCalendarIsProvisional) {
    const SubmittedApplication done = submit(citizenDraft(), "2026-12-10");
    EXPECT_TRUE(done.entry.dueProvisional);
    EXPECT_TRUE(outbox_->byCode(done.entry.trackingCode)->dueProvisional);
    EXPECT_EQ(open(done.entry)["due_provisional"], true);
}

TEST_F(OutboxTest, ReceiptStatesAndUploadsAreRecorded) {
    const SubmittedApplication done = submit(citizenDraft());
    const std::string id = done.entry.id;
    EXPECT_EQ(outbox_->byId(id)->receiptState, "pending");
    outbox_->setReceiptState(id, "failed", "stopped: printer paused");
    EXPECT_EQ(outbox_->byId(id)->receiptState, "failed");
    EXPECT_EQ(outbox_->byId(id)->receiptPrints, 0);
    outbox_->setReceiptState(id, "printed", "");
    outbox_->setReceiptState(id, "printed", "");  // a staff reprint
    EXPECT_EQ(outbox_->byId(id)->receiptPrints, 2);
    outbox_->markUploaded(id, "2026-11-25T12:00:00+08:00");
    outbox_->markUploaded(id, "2026-11-26T12:00:00+08:00");  // the first confirmation stands
    EXPECT_EQ(outbox_->byId(id)->uploadedAt, "2026-11-25T12:00:00+08:00");
    EXPECT_EQ(outbox_->count(true), 0);
    EXPECT_EQ(outbox_->entries(true).size(), 0u);
    EXPECT_EQ(outbox_->entries(false).size(), 1u);
}

TEST_F(OutboxTest, WithoutAReceiptPrinterTheReceiptIsMarkedForStaff) {
    config_.receiptQueue.clear();
    const SubmittedApplication done = submit(citizenDraft());
    EXPECT_EQ(outbox_->byId(done.entry.id)->receiptState, "failed");
    EXPECT_NE(outbox_->byId(done.entry.id)->receiptDetail.find("printer.receipt"), std::string::npos);
}

TEST_F(OutboxTest, AContentImportNeverTouchesTheOutbox) {
    const SubmittedApplication done = submit(citizenDraft());
    store_->importContent(loadContentSource(test::fixtureDir()));
    const auto again = Outbox::open(Outbox::pathForStore(dir_.file("content.db")));
    ASSERT_TRUE(again->byCode(done.entry.trackingCode));
    EXPECT_EQ(again->byCode(done.entry.trackingCode)->sealed, done.entry.sealed);
}

TEST_F(OutboxTest, AnotherFileIsNotTakenForAnOutbox) {
    EXPECT_THROW(Outbox::open(dir_.file("content.db")), StoreError);
    EXPECT_THROW(Outbox::openReadOnly(dir_.file("none.outbox.db")), StoreError);
}

TEST_F(OutboxTest, TheTerminalSaysWhyItCannotTakeApplications) {
    EXPECT_TRUE(config_.ready());
    store_->removeSetting("terminal.id");
    EXPECT_EQ(loadIntakeConfig(*store_).problems, std::vector<std::string>{"apply.unavailable.no_terminal_id"});
    store_->setSetting("terminal.id", "LO01");  // O is not in the code alphabet
    EXPECT_EQ(loadIntakeConfig(*store_).problems, std::vector<std::string>{"apply.unavailable.bad_terminal_id"});
    store_->setSetting("terminal.id", "LL07");
    store_->setSetting("office.public_key", "zwgk-seal-public:not-a-key");
    EXPECT_EQ(loadIntakeConfig(*store_).problems, std::vector<std::string>{"apply.unavailable.bad_office_key"});
    // Content without a status address cannot print the receipt's QR code.
    ContentSet noStatusUrl = loadContentSource(test::demoContentDir());
    noStatusUrl.meta.statusUrl.clear();
    store_->importContent(noStatusUrl);
    store_->setSetting("office.public_key", encodePublicKey(keys_.publicKey));
    EXPECT_EQ(loadIntakeConfig(*store_).problems, std::vector<std::string>{"apply.unavailable.no_status_url"});
    store_->importContent(loadContentSource(test::demoContentDir()));
    store_->removeSetting("office.public_key");  // the content's key (the demo office) applies again
    const IntakeConfig fromContent = loadIntakeConfig(*store_);
    EXPECT_TRUE(fromContent.ready());
    EXPECT_EQ(encodePublicKey(fromContent.officePublicKey),
              "zwgk-seal-public:bCzr1HLIF5rP+1ani2QtU+L/gIz3aSOC8wjHIUsdGxA=");
}

TEST_F(OutboxTest, ARecordSealedToAnotherKeyOrDamagedDoesNotOpen) {
    const SubmittedApplication done = submit(citizenDraft());
    std::string why;
    EXPECT_FALSE(openSealed(done.entry.sealed, generateSealKeys().secretKey, why));
    EXPECT_NE(why.find("another office key"), std::string::npos) << why;
    std::string damaged = done.entry.sealed;
    damaged[damaged.size() / 2] ^= 0x40;
    EXPECT_FALSE(openSealed(damaged, keys_.secretKey, why));
    EXPECT_FALSE(openSealed("hello", keys_.secretKey, why));
    EXPECT_NE(why.find("not a sealed application"), std::string::npos) << why;
    EXPECT_FALSE(openSealed(std::string(kSealedMagic) + "short", keys_.secretKey, why));
    EXPECT_NE(why.find("truncated"), std::string::npos) << why;
}

TEST(SealKeys, TextFormsRoundTripAndRejectOthers) {
    const SealKeys keys = generateSealKeys();
    EXPECT_EQ(decodePublicKey(encodePublicKey(keys.publicKey)), keys.publicKey);
    EXPECT_EQ(decodeSecretKey("  " + encodeSecretKey(keys.secretKey) + "\n"), keys.secretKey);
    EXPECT_EQ(publicKeyOf(keys.secretKey), keys.publicKey);
    EXPECT_FALSE(decodePublicKey(encodeSecretKey(keys.secretKey)));  // a secret is not a public key
    EXPECT_FALSE(decodePublicKey("zwgk-seal-public:AAAA"));
    EXPECT_FALSE(decodePublicKey(""));
}

}  // namespace
}  // namespace zwgk
