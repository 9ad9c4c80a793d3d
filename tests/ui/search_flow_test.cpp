// Finding something as a citizen does: tap the search bar, spell 低保 on the on-screen
// keyboard, tap the candidate, read the results, open one. Screenshots of every step.
#include "kiosk_fixture.h"

namespace zwgk::test {

TEST_F(KioskUi, SearchByPinyinOnTheOnScreenKeyboard) {
    run("tap 搜索政府信息\nshot 1-search");
    ASSERT_EQ(top().kind, ScreenKind::Search);
    ASSERT_TRUE(app_->keyboard().visible()) << "the keyboard comes up with the search screen";
    run("tap d\ntap i\ntap b\ntap a\ntap o\nshot 2-spelling");
    EXPECT_EQ(app_->keyboard().composition(), "di bao");
    const auto candidates = app_->keyboard().visibleCandidates();
    ASSERT_FALSE(candidates.empty());
    EXPECT_EQ(candidates.front(), "低保");
    run("tap 低保\nshot 3-results");
    EXPECT_EQ(app_->state().search.field.text, "低保");
    auto store = openStore();
    SearchQuery q;
    q.text = "低保";
    const int total = store->countSearch(q);
    EXPECT_GT(total, 5);
    EXPECT_TRUE(onScreen("找到 " + std::to_string(total) + " 条结果"));
    const auto hits = store->search(q);
    ASSERT_FALSE(hits.empty());
    run("tap 完成\nshot 4-keyboard-hidden");
    EXPECT_FALSE(app_->keyboard().visible());
    run("tap " + hits.front().title + "\nshot 5-opened");
    const ScreenKind expected = hits.front().kind == SearchHit::Kind::Document ? ScreenKind::Document
                                : hits.front().kind == SearchHit::Kind::Guide  ? ScreenKind::Guide
                                                                               : ScreenKind::QA;
    EXPECT_EQ(top().kind, expected);
    EXPECT_EQ(top().id, hits.front().id);
}

TEST_F(KioskUi, BackspaceWalksBackThroughTheSpellingThenTheText) {
    run("screen search\ntype zwgk");
    EXPECT_EQ(app_->keyboard().composition(), "z w g k");
    ASSERT_FALSE(app_->keyboard().visibleCandidates().empty());
    EXPECT_EQ(app_->keyboard().visibleCandidates().front(), "政务公开");
    run("tap 删除\ntap 删除");
    EXPECT_EQ(app_->keyboard().composition(), "z w");
    run("tap 空格");  // space commits the first candidate
    EXPECT_FALSE(app_->state().search.field.text.empty());
    const std::string committed = app_->state().search.field.text;
    run("tap 删除");
    EXPECT_LT(app_->state().search.field.text.size(), committed.size()) << "with no spelling left, 删除 edits the text";
}

TEST_F(KioskUi, NoResultsExplainsAndOffersWhatToTry) {
    run("screen search\ntype 量子计算机\ntap 完成\nshot no-results");
    EXPECT_TRUE(onScreen("没有找到与“量子计算机”有关的内容"));
    EXPECT_TRUE(app_->trace().findTappable("少一个字再试"));
    EXPECT_TRUE(app_->trace().findTappable("按分类查看"));
    EXPECT_TRUE(app_->trace().findTappable("依申请公开"));
    run("tap 少一个字再试");
    EXPECT_EQ(app_->state().search.field.text, "量子计算");
}

TEST_F(KioskUi, SearchFindsTraditionalInputAndWenhao) {
    auto store = openStore();
    std::string docNo;
    for (const auto& d : store->listDocuments({}, 0, 200))
        if (!d.docNo.empty()) {
            docNo = d.docNo;
            break;
        }
    ASSERT_FALSE(docNo.empty());
    run("screen search\ntype " + docNo + "\ntap 完成\nshot 1-wenhao");
    ASSERT_FALSE(app_->state().search.hits.empty());
    EXPECT_EQ(app_->state().search.hits.front().docNo, docNo) << "an exact 文号 ranks first";

    run("screen search\ntype 政务公开\ntap 完成");
    const int simplified = app_->state().search.total;
    EXPECT_GT(simplified, 0);
    run("screen search\ntype 政務公開\ntap 完成\nshot 2-traditional-query");
    EXPECT_EQ(app_->state().search.total, simplified) << "traditional input finds the same content";
}

}  // namespace zwgk::test

namespace zwgk::test {

// Writing with a finger: the pad keeps the strokes (it does not scroll), and the candidates
// come up in the bar. 十 is two strokes: across, then down.
TEST_F(KioskUi, HandwritingPadRecognisesStrokes) {
    run("screen search\ntap 手写\nshot 1-pad");
    ASSERT_EQ(app_->keyboard().mode(), OnScreenKeyboard::Mode::Handwriting);
    run("drag 620 890 900 890 500\ndrag 760 745 760 1040 500\nshot 2-written");
    const auto candidates = app_->keyboard().visibleCandidates();
    ASSERT_FALSE(candidates.empty()) << app_->keyboard().engineError();
    EXPECT_EQ(candidates.front(), "十");
    run("tap 十\nshot 3-committed");
    EXPECT_EQ(app_->state().search.field.text, "十");
    EXPECT_TRUE(app_->keyboard().visibleCandidates().empty()) << "the pad is cleared for the next character";
}

}  // namespace zwgk::test

namespace zwgk::test {

TEST_F(KioskUi, SearchFiltersValidityAndYear) {
    run("screen search\ntype 低保\ntap 完成");
    const int all = app_->state().search.total;
    run("tap 只看有效文件\nshot 1-valid-only");
    auto store = openStore();
    SearchQuery q;
    q.text = "低保";
    q.validity = Validity::Valid;
    EXPECT_EQ(app_->state().search.total, store->countSearch(q));
    EXPECT_LT(app_->state().search.total, all) << "the demo has expired 低保 documents";
    for (const SearchHit& hit : app_->state().search.hits) {
        EXPECT_EQ(hit.kind, SearchHit::Kind::Document);
        EXPECT_EQ(hit.validity, Validity::Valid) << hit.title;
    }
    run("tap 2025年\nshot 2-valid-2025");
    q.year = 2025;
    EXPECT_EQ(app_->state().search.total, store->countSearch(q));
    for (const SearchHit& hit : app_->state().search.hits) EXPECT_EQ(hit.date.substr(0, 4), "2025") << hit.title;
    run("tap 只看有效文件\ntap 不限年份");
    EXPECT_EQ(app_->state().search.total, all);
}

}  // namespace zwgk::test
