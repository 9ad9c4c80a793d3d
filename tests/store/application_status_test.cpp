// 进度查询 in the store: statuses arrive with the content, are found by the tracking code as
// citizens type it from their receipt, and are replaced by the next import like the rest.
#include <gtest/gtest.h>

#include "content_source.h"
#include "store.h"
#include "test_support.h"

namespace zwgk {
namespace {

using test::TempDir;

class StatusStore : public ::testing::Test {
protected:
    void SetUp() override {
        set_ = loadContentSource(test::fixtureDir().string());
        store_ = Store::open(dir_.file("store.db"), Store::Mode::Create);
        store_->importContent(set_);
    }

    TempDir dir_;
    ContentSet set_;
    std::unique_ptr<Store> store_;
};

TEST_F(StatusStore, FindsAStatusByItsPublishedCode) {
    EXPECT_EQ(store_->countApplicationStatuses(), 4);
    EXPECT_EQ(store_->applicationStatusesUpdated(), "2026-06-30");

    const auto extended = store_->applicationStatus("QX01-8B3N-T6WE");
    ASSERT_TRUE(extended);
    EXPECT_EQ(extended->code, "QX01-8B3N-T6WE");
    EXPECT_EQ(extended->status, "已延期");
    EXPECT_EQ(extended->received, "2026-05-11");
    EXPECT_EQ(extended->due, "2026-06-08");
    EXPECT_EQ(extended->extendedDue, "2026-07-06");
    EXPECT_EQ(extended->updated, "2026-06-05");
    EXPECT_EQ(extended->note, "经负责人同意延长答复期限");

    const auto accepted = store_->applicationStatus("QX01-4D7K-P2MB");
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->status, "办理中");
    EXPECT_EQ(accepted->extendedDue, "");
    EXPECT_EQ(accepted->note, "");
}

TEST_F(StatusStore, FindsAStatusAsCitizensTypeTheCode) {
    for (const char* typed : {
             "qx01-8b3n-t6we",              // lower case
             "QX018B3NT6WE",                // without hyphens
             "qx018b3nt6we",
             "QX01 8B3N T6WE",              // spaces for hyphens
             "  QX01-8B3N-T6WE \n",         // stray whitespace
             " qx01 - 8b3n - t6we ",
             "QX-018B3-NT6WE",              // hyphens in other places
             "ＱＸ０１－８Ｂ３Ｎ－Ｔ６ＷＥ",  // full-width, as a Chinese input method types it
             "ｑｘ０１　８ｂ３ｎ　ｔ６ｗｅ",  // with ideographic spaces
             "QX01—8B3N—T6WE",              // the dash an input method makes of '-'
         }) {
        const auto found = store_->applicationStatus(typed);
        ASSERT_TRUE(found) << typed;
        EXPECT_EQ(found->code, "QX01-8B3N-T6WE") << typed;
    }
}

TEST_F(StatusStore, UnknownOrMalformedCodesFindNothing) {
    for (const char* typed : {"QX01-8B3N-T6W6", "QX01-8B3N", "QX01-8B3N-T6WE-1", "", "   ", "---",
                              "QX01_8B3N_T6WE", "QX01-8B3N-T6WE号", "' OR 1=1 --", "%", "QX01%",
                              "\xff\xfe"})
        EXPECT_FALSE(store_->applicationStatus(typed).has_value()) << typed;
}

TEST(CompactTrackingCode, KeepsLettersAndDigitsOnly) {
    EXPECT_EQ(compactTrackingCode("LL01-7KX4-M9Q2"), "LL017KX4M9Q2");
    EXPECT_EQ(compactTrackingCode(" ll01 7kx4\tm9q2 "), "LL017KX4M9Q2");
    EXPECT_EQ(compactTrackingCode("ＬＬ０１－７ＫＸ４－Ｍ９Ｑ２"), "LL017KX4M9Q2");
    EXPECT_EQ(compactTrackingCode("LL01‐7KX4−M9Q2"), "LL017KX4M9Q2");  // U+2010, U+2212
    EXPECT_EQ(compactTrackingCode(""), "");
    EXPECT_EQ(compactTrackingCode(" - "), "");
    EXPECT_EQ(compactTrackingCode("LL01/7KX4"), "");
    EXPECT_EQ(compactTrackingCode("回执LL01"), "");
    EXPECT_EQ(compactTrackingCode("LL01\xc3"), "");  // ill-formed UTF-8
}

TEST_F(StatusStore, ImportReplacesTheStatuses) {
    ContentSet next = set_;
    next.meta.version = 4;
    next.statusesUpdated = "2026-07-31";
    next.statuses.erase(next.statuses.begin());  // QX01-4D7K-P2MB is no longer published
    ApplicationStatus& answered = next.statuses[0];
    answered.status = "已答复";
    answered.updated = "2026-07-03";
    answered.note = "经延期后已作出答复";
    next.statuses.push_back({"QX03-5C2L-W8NV", "办理中", "2026-07-28", "2026-08-25", "", "2026-07-28", ""});
    store_->importContent(next);

    EXPECT_EQ(store_->countApplicationStatuses(), 4);
    EXPECT_EQ(store_->applicationStatusesUpdated(), "2026-07-31");
    EXPECT_FALSE(store_->applicationStatus("QX01-4D7K-P2MB"));
    const auto changed = store_->applicationStatus("QX01-8B3N-T6WE");
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, "已答复");
    EXPECT_EQ(changed->extendedDue, "2026-07-06");
    EXPECT_EQ(changed->note, "经延期后已作出答复");
    EXPECT_TRUE(store_->applicationStatus("qx03 5c2l w8nv"));
    EXPECT_TRUE(store_->integrityProblems().empty());

    // Content without statuses.json publishes none: the old statuses must not linger.
    ContentSet without = set_;
    without.statuses.clear();
    without.statusesUpdated.clear();
    store_->importContent(without);
    EXPECT_EQ(store_->countApplicationStatuses(), 0);
    EXPECT_EQ(store_->applicationStatusesUpdated(), "");
    EXPECT_FALSE(store_->applicationStatus("QX01-8B3N-T6WE"));
    EXPECT_EQ(store_->countDocuments({}), 6);
}

TEST_F(StatusStore, RejectedImportKeepsThePreviousStatuses) {
    ContentSet bad = set_;
    bad.meta.version = 9;
    bad.statuses.push_back({"QX03-5C2L-W8NV", "办理中", "2026-06-28", "2026-07-27", "", "2026-06-28", ""});
    bad.statuses[2].note = "请联系13800138000";
    try {
        store_->importContent(bad);
        FAIL() << "a note with a mobile number was imported";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::BadContent);
        const std::string message = e.what();
        EXPECT_NE(message.find("statuses.json: QX02-2H9R-C4YZ: field 'note'"), std::string::npos) << message;
        EXPECT_EQ(message.find("13800138000"), std::string::npos) << "the error repeats the number: " << message;
    }
    EXPECT_EQ(store_->meta().version, 3);
    EXPECT_EQ(store_->countApplicationStatuses(), 4);
    EXPECT_FALSE(store_->applicationStatus("QX03-5C2L-W8NV"));
    EXPECT_EQ(store_->applicationStatus("QX02-2H9R-C4YZ")->note, "已作出答复，答复书已邮寄");
}

TEST_F(StatusStore, StatusTextsAreInTheGlyphSet) {
    const std::u32string glyphs = store_->glyphSet();
    for (char32_t c : {U'延', U'予', U'邮', U'郵', U'Q', U'-'})
        EXPECT_NE(glyphs.find(c), std::u32string::npos) << static_cast<uint32_t>(c);
}

}  // namespace
}  // namespace zwgk
