// Import of the fixture content source and every query of store.h against known answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "utf8.h"
#include "content_source.h"
#include "glyphs.h"
#include "store.h"
#include "test_support.h"

namespace zwgk {
namespace {

using test::TempDir;

class FixtureStore : public ::testing::Test {
protected:
    void SetUp() override {
        set_ = loadContentSource(test::fixtureDir().string());
        store_ = Store::open(dir_.file("store.db"), Store::Mode::Create);
        store_->importContent(set_);
    }

    int64_t docId(const std::string& key) const {
        auto d = store_->documentByKey(key);
        EXPECT_TRUE(d.has_value()) << key;
        return d ? d->id : -1;
    }
    int64_t nodeId(const std::vector<CountedNode>& nodes, const std::string& name) const {
        for (const CountedNode& n : nodes)
            if (n.name == name) return n.id;
        ADD_FAILURE() << "no node " << name;
        return -1;
    }
    static std::vector<std::string> keys(const std::vector<DocumentSummary>& list) {
        std::vector<std::string> result;
        for (const auto& s : list) result.push_back(s.key);
        return result;
    }

    TempDir dir_;
    ContentSet set_;
    std::unique_ptr<Store> store_;
};

TEST_F(FixtureStore, Meta) {
    ASSERT_TRUE(store_->hasContent());
    const ContentMeta m = store_->meta();
    EXPECT_EQ(m.contentId, "test-county");
    EXPECT_EQ(m.county, "青溪县");
    EXPECT_EQ(m.city, "云州市");
    EXPECT_EQ(m.publisher, "青溪县人民政府办公室");
    EXPECT_EQ(m.zoneName, "青溪县政务公开专区");
    EXPECT_EQ(m.version, 3);
    EXPECT_EQ(m.generated, "2026-06-30");
    EXPECT_EQ(m.hotline, "12345");
    EXPECT_EQ(m.website, "https://www.qingxi.example.cn");
}

TEST_F(FixtureStore, AgenciesInDisplayOrder) {
    const auto agencies = store_->agencies();
    ASSERT_EQ(agencies.size(), 3u);
    EXPECT_EQ(agencies[0].key, "xzf");
    EXPECT_EQ(agencies[0].shortName, "县政府办");
    EXPECT_EQ(agencies[0].code, "100000001");
    EXPECT_EQ(agencies[0].kind, "政府办公室");
    EXPECT_EQ(agencies[0].address, "青溪县府前路1号");
    EXPECT_EQ(agencies[0].phone, "0000-1000001");
    EXPECT_EQ(agencies[1].name, "青溪县民政局");
    EXPECT_EQ(agencies[2].key, "town-a");
}

TEST_F(FixtureStore, CountsPerNodeAddUp) {
    const auto byAgency = store_->countByAgency();
    ASSERT_EQ(byAgency.size(), 3u);  // every agency, even one without documents
    EXPECT_EQ(byAgency[0].name, "青溪县人民政府办公室");
    EXPECT_EQ(byAgency[0].count, 2);
    EXPECT_EQ(byAgency[1].count, 4);
    EXPECT_EQ(byAgency[2].count, 0);

    const auto byTopic = store_->countByTopic();
    ASSERT_EQ(byTopic.size(), 3u);
    EXPECT_EQ(byTopic[0].name, "综合政务");
    EXPECT_EQ(byTopic[0].count, 2);
    EXPECT_EQ(byTopic[1].count, 4);
    EXPECT_EQ(byTopic[2].count, 0);

    const auto byArea = store_->countByArea();  // documents + catalogue entries
    ASSERT_EQ(byArea.size(), 3u);
    EXPECT_EQ(byArea[0].name, "社会救助");
    EXPECT_EQ(byArea[0].count, 4 + 1);
    EXPECT_EQ(byArea[1].count, 1);
    EXPECT_EQ(byArea[2].count, 0 + 1);

    const auto byYear = store_->countByYear();
    ASSERT_EQ(byYear.size(), 2u);
    EXPECT_EQ(byYear[0].id, 2025);  // newest first
    EXPECT_EQ(byYear[0].name, "2025");
    EXPECT_EQ(byYear[0].count, 3);
    EXPECT_EQ(byYear[1].id, 2024);
    EXPECT_EQ(byYear[1].count, 3);

    const int total = store_->countDocuments({});
    EXPECT_EQ(total, 6);
    auto sum = [](const std::vector<CountedNode>& nodes) {
        return std::accumulate(nodes.begin(), nodes.end(), 0,
                               [](int s, const CountedNode& n) { return s + n.count; });
    };
    EXPECT_EQ(sum(byAgency), total);
    EXPECT_EQ(sum(byTopic), total);
    EXPECT_EQ(sum(byYear), total);
    for (const auto& node : byAgency) {
        DocumentFilter f;
        f.agencyId = node.id;
        EXPECT_EQ(store_->countDocuments(f), node.count) << node.name;
    }
    for (const auto& node : byYear) {
        DocumentFilter f;
        f.year = static_cast<int>(node.id);
        EXPECT_EQ(store_->countDocuments(f), node.count) << node.name;
    }
}

TEST_F(FixtureStore, ListDocumentsNewestFirstWithPaging) {
    const auto all = store_->listDocuments({}, 0, 50);
    EXPECT_EQ(keys(all), (std::vector<std::string>{"doc-2025-0003", "doc-2025-0002", "doc-2025-0001",
                                                   "doc-2024-0003", "doc-2024-0002", "doc-2024-0001"}));
    EXPECT_EQ(all[0].agencyName, "县政府办");  // short form for lists
    EXPECT_EQ(all[0].published, "2025-05-08");
    EXPECT_EQ(all[0].docNo, "青政办发〔2025〕8号");
    EXPECT_EQ(all[0].title, "青溪县人民政府办公室关于做好2025年义务教育招生工作的通知");
    EXPECT_EQ(all[5].validity, Validity::Repealed);
    EXPECT_EQ(all[4].validity, Validity::Expired);
    EXPECT_EQ(all[3].docNo, "");

    EXPECT_EQ(keys(store_->listDocuments({}, 2, 2)),
              (std::vector<std::string>{"doc-2025-0001", "doc-2024-0003"}));
    EXPECT_TRUE(store_->listDocuments({}, 6, 10).empty());
    EXPECT_TRUE(store_->listDocuments({}, 0, 0).empty());
}

TEST_F(FixtureStore, ListDocumentsFilters) {
    const auto agencies = store_->countByAgency();
    const auto topics = store_->countByTopic();
    const auto areas = store_->countByArea();

    DocumentFilter byAgencyAndYear;
    byAgencyAndYear.agencyId = nodeId(agencies, "青溪县民政局");
    byAgencyAndYear.year = 2024;
    EXPECT_EQ(keys(store_->listDocuments(byAgencyAndYear, 0, 10)),
              (std::vector<std::string>{"doc-2024-0003", "doc-2024-0002"}));
    EXPECT_EQ(store_->countDocuments(byAgencyAndYear), 2);

    DocumentFilter byTopicAndArea;
    byTopicAndArea.topicId = nodeId(topics, "社会保障");
    byTopicAndArea.areaId = nodeId(areas, "社会救助");
    EXPECT_EQ(store_->countDocuments(byTopicAndArea), 4);
    EXPECT_EQ(store_->listDocuments(byTopicAndArea, 0, 10).size(), 4u);

    DocumentFilter byArea;
    byArea.areaId = nodeId(areas, "义务教育");
    EXPECT_EQ(keys(store_->listDocuments(byArea, 0, 10)), (std::vector<std::string>{"doc-2025-0003"}));
    EXPECT_EQ(store_->countDocuments(byArea), 1);  // documents only, unlike countByArea

    DocumentFilter byEmptyTopic;
    byEmptyTopic.topicId = nodeId(topics, "城乡建设");
    EXPECT_TRUE(store_->listDocuments(byEmptyTopic, 0, 10).empty());
    EXPECT_EQ(store_->countDocuments(byEmptyTopic), 0);

    DocumentFilter byYear;
    byYear.year = 2023;
    EXPECT_EQ(store_->countDocuments(byYear), 0);

    DocumentFilter everything;
    everything.agencyId = nodeId(agencies, "青溪县人民政府办公室");
    everything.topicId = nodeId(topics, "综合政务");
    everything.areaId = nodeId(areas, "义务教育");
    everything.year = 2025;
    EXPECT_EQ(keys(store_->listDocuments(everything, 0, 10)), (std::vector<std::string>{"doc-2025-0003"}));
    EXPECT_EQ(store_->countDocuments(everything), 1);
}

TEST_F(FixtureStore, DocumentWithAllFieldsAndInterpretationLinks) {
    const auto rules = store_->documentByKey("doc-2025-0001");
    const auto reading = store_->documentByKey("doc-2025-0002");
    ASSERT_TRUE(rules && reading);

    EXPECT_EQ(rules->indexNo, "100000002/2025-00001");
    EXPECT_EQ(rules->docNo, "青民发〔2025〕2号");
    EXPECT_EQ(rules->title, "青溪县民政局关于印发城乡低保实施细则的通知");
    EXPECT_EQ(rules->agencyName, "青溪县民政局");
    EXPECT_EQ(rules->agencyId, store_->agencies()[1].id);
    EXPECT_EQ(rules->topicName, "社会保障");
    EXPECT_EQ(rules->areaName, "社会救助");
    EXPECT_EQ(rules->created, "2025-03-01");
    EXPECT_EQ(rules->published, "2025-03-03");
    EXPECT_EQ(rules->disclosure, "主动公开");
    EXPECT_EQ(rules->validity, Validity::Valid);
    EXPECT_EQ(rules->url, "https://www.qingxi.example.cn/art/2025/3/3/2.html");
    ASSERT_EQ(rules->body.size(), 2u);
    EXPECT_EQ(rules->body[1], "本细则自2025年4月1日起施行。");
    EXPECT_EQ(rules->signature, (std::vector<std::string>{"青溪县民政局", "2025年3月1日"}));
    ASSERT_EQ(rules->attachments.size(), 2u);
    EXPECT_EQ(rules->attachments[0].name, "一图读懂低保实施细则");
    EXPECT_EQ(rules->attachments[0].file, "images/dibao.png");
    EXPECT_EQ(rules->attachments[1].file, "images/form.png");

    // Both directions of the 解读 link.
    EXPECT_FALSE(rules->interpretsId.has_value());
    EXPECT_EQ(rules->interpretationIds, std::vector<int64_t>{reading->id});
    EXPECT_EQ(reading->interpretsId, rules->id);
    EXPECT_TRUE(reading->interpretationIds.empty());

    const auto byId = store_->document(rules->id);
    ASSERT_TRUE(byId);
    EXPECT_EQ(byId->key, "doc-2025-0001");

    const auto repealed = store_->documentByKey("doc-2024-0001");
    ASSERT_TRUE(repealed);
    EXPECT_EQ(repealed->validity, Validity::Repealed);
    EXPECT_EQ(repealed->validNote, "自2025年6月1日起废止");
    EXPECT_EQ(repealed->areaName, "");
    EXPECT_TRUE(repealed->attachments.empty());

    const auto plain = store_->documentByKey("doc-2024-0003");
    ASSERT_TRUE(plain);
    EXPECT_TRUE(plain->signature.empty());
    EXPECT_EQ(plain->url, "");

    EXPECT_FALSE(store_->documentByKey("doc-9999").has_value());
    EXPECT_FALSE(store_->document(987654).has_value());

    const auto summaries = store_->documentSummaries({reading->id, 987654, rules->id});
    EXPECT_EQ(keys(summaries), (std::vector<std::string>{"doc-2025-0002", "doc-2025-0001"}));
}

TEST_F(FixtureStore, CatalogueEntriesHaveNineElements) {
    const auto all = store_->catalogueEntries(std::nullopt);
    ASSERT_EQ(all.size(), 2u);
    const CatalogueEntry& e = all[0];  // area order: 社会救助 before 保障性住房
    EXPECT_EQ(e.key, "cat-sa-01");
    EXPECT_EQ(e.areaName, "社会救助");
    EXPECT_EQ(e.itemL1, "最低生活保障");
    EXPECT_EQ(e.itemL2, "低保审核确认");
    EXPECT_EQ(e.content, "申请条件、办理流程、保障标准、审核结果");
    EXPECT_EQ(e.basis, "《社会救助暂行办法》");
    EXPECT_EQ(e.timeLimit, "信息形成或变更之日起20个工作日内");
    EXPECT_EQ(e.subject, "县民政局、乡镇人民政府");
    EXPECT_EQ(e.channels, (std::vector<std::string>{"政府网站", "政务公开专区", "村务公开栏"}));
    EXPECT_EQ(e.audience, "全社会");
    EXPECT_EQ(e.method, "主动");
    EXPECT_EQ(e.levels, (std::vector<std::string>{"县", "乡", "村"}));
    EXPECT_EQ(all[1].key, "cat-ho-01");
    EXPECT_EQ(all[1].audience, "特定群体");
    EXPECT_EQ(all[1].method, "依申请");

    const auto areas = store_->countByArea();
    const auto housing = store_->catalogueEntries(nodeId(areas, "保障性住房"));
    ASSERT_EQ(housing.size(), 1u);
    EXPECT_EQ(housing[0].key, "cat-ho-01");
    EXPECT_TRUE(store_->catalogueEntries(nodeId(areas, "义务教育")).empty());

    const auto one = store_->catalogueEntry(e.id);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->itemL2, "低保审核确认");
    EXPECT_FALSE(store_->catalogueEntry(987654).has_value());
}

TEST_F(FixtureStore, GuidesAndGroups) {
    const auto groups = store_->guideGroups();
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(groups[0].key, "newborn");
    EXPECT_EQ(groups[0].name, "新生儿出生一件事");
    EXPECT_EQ(groups[0].description, "出生医学证明、户口登记、医保参保一次办结。");
    EXPECT_EQ(groups[0].guideCount, 2);
    EXPECT_EQ(groups[1].guideCount, 1);

    const auto newborn = store_->guides(groups[0].id);
    ASSERT_EQ(newborn.size(), 2u);
    const Guide& g = newborn[0];
    EXPECT_EQ(g.key, "guide-birth-cert");
    EXPECT_EQ(g.groupName, "新生儿出生一件事");
    EXPECT_EQ(g.name, "出生医学证明办理");
    EXPECT_EQ(g.department, "青溪县人民政府办公室");
    EXPECT_EQ(g.window, "3号窗口（一楼东侧）");
    ASSERT_EQ(g.materials.size(), 2u);
    EXPECT_EQ(g.materials[0].name, "父母身份证");
    EXPECT_EQ(g.materials[0].form, "原件");
    EXPECT_EQ(g.materials[1].count, 2);
    EXPECT_EQ(g.materials[1].note, "非婚生育的免交");
    EXPECT_EQ(g.steps, (std::vector<std::string>{"提交材料", "窗口审核", "当场发证"}));
    EXPECT_EQ(g.statutoryLimit, "20个工作日");
    EXPECT_EQ(g.promisedLimit, "即办");
    EXPECT_EQ(g.fee, "不收费");
    EXPECT_EQ(g.basis, std::vector<std::string>{"《中华人民共和国母婴保健法》"});
    EXPECT_EQ(g.hours, "工作日 9:00-17:00");
    EXPECT_EQ(g.hotline, "0000-1000010");
    EXPECT_EQ(g.online, "https://www.qingxi.example.cn/bs/1");
    EXPECT_EQ(newborn[1].materials.at(0).count, 1);  // default
    EXPECT_EQ(newborn[1].fee, "");

    const auto all = store_->guides(std::nullopt);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[2].key, "guide-pension");
    EXPECT_EQ(all[2].department, "青溪县民政局");
    EXPECT_TRUE(all[2].materials.empty());

    const auto one = store_->guide(all[2].id);
    ASSERT_TRUE(one);
    EXPECT_EQ(one->name, "养老金核定");
    EXPECT_FALSE(store_->guide(987654).has_value());
}

TEST_F(FixtureStore, QuestionsAndGazette) {
    const auto qas = store_->qas();
    ASSERT_EQ(qas.size(), 2u);
    EXPECT_EQ(qas[0].key, "qa-01");
    EXPECT_EQ(qas[0].topicName, "社会保障");
    EXPECT_EQ(qas[0].question, "低保怎么申请？");
    EXPECT_EQ(qas[0].answer.size(), 2u);
    EXPECT_EQ(qas[0].source, "县民政局");
    EXPECT_EQ(qas[0].date, "2025-04-02");
    EXPECT_EQ(qas[0].url, "https://www.qingxi.example.cn/qa/1.html");
    EXPECT_EQ(qas[1].date, "");

    const auto issues = store_->gazetteIssues();
    ASSERT_EQ(issues.size(), 2u);
    EXPECT_EQ(issues[0].key, "gazette-2025-01");  // newest first
    EXPECT_EQ(issues[0].year, 2025);
    EXPECT_EQ(issues[0].issue, 1);
    EXPECT_EQ(issues[0].title, "青溪县人民政府公报 2025年第1期");
    EXPECT_EQ(issues[0].published, "2025-03-31");
    EXPECT_EQ(keys(issues[0].contents), (std::vector<std::string>{"doc-2025-0001", "doc-2024-0003"}));
    EXPECT_EQ(issues[0].contents[0].agencyName, "县民政局");
    EXPECT_EQ(keys(issues[1].contents), (std::vector<std::string>{"doc-2024-0002"}));
}

TEST_F(FixtureStore, AnnouncementsByDate) {
    auto titlesOn = [&](const std::string& date) {
        std::vector<std::string> keys;
        for (const auto& a : store_->announcements(date)) keys.push_back(a.key);
        return keys;
    };
    EXPECT_EQ(titlesOn(""), (std::vector<std::string>{"ann-02", "ann-01"}));  // sort order
    EXPECT_EQ(titlesOn("2026-05-25"), (std::vector<std::string>{"ann-02", "ann-01"}));
    EXPECT_EQ(titlesOn("2026-05-01"), std::vector<std::string>{"ann-01"});  // first day counts
    EXPECT_EQ(titlesOn("2026-10-08"), std::vector<std::string>{"ann-02"});  // last day counts
    EXPECT_TRUE(titlesOn("2026-10-09").empty());
    EXPECT_TRUE(titlesOn("2026-04-30").empty());

    const auto all = store_->announcements("");
    EXPECT_EQ(all[0].title, "专区服务时间调整");
    EXPECT_EQ(all[0].body, (std::vector<std::string>{"国庆期间专区暂停服务。", "10月8日起恢复。"}));
    EXPECT_EQ(all[0].kind, "通知");
    EXPECT_EQ(all[0].starts, "2026-05-20");
    EXPECT_EQ(all[0].ends, "2026-10-08");
}

TEST_F(FixtureStore, TownshipsVillagesAndItems) {
    const auto townships = store_->townships();
    ASSERT_EQ(townships.size(), 1u);
    EXPECT_EQ(townships[0].name, "甲镇");
    EXPECT_EQ(townships[0].villageCount, 3);

    const auto villages = store_->villages(townships[0].id);
    ASSERT_EQ(villages.size(), 3u);
    EXPECT_EQ(villages[0].name, "东坡村");
    EXPECT_EQ(villages[0].itemCount, 2);
    EXPECT_EQ(villages[1].itemCount, 1);
    EXPECT_EQ(villages[2].itemCount, 0);

    const auto items = store_->villageItems(villages[0].id);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].key, "vi-02");  // newest first
    EXPECT_EQ(items[0].kind, "惠农补贴");
    EXPECT_EQ(items[0].url, "");
    EXPECT_EQ(items[1].title, "东坡村道路硬化工程公示");
    EXPECT_EQ(items[1].summary, "村道硬化2.3公里，预算46万元。");
    EXPECT_EQ(items[1].date, "2026-04-10");
    EXPECT_EQ(items[1].url, "https://www.qingxi.example.cn/cw/1.html");
    EXPECT_TRUE(store_->villageItems(villages[2].id).empty());
    EXPECT_TRUE(store_->villages(987654).empty());
}

TEST_F(FixtureStore, CalendarExceptions) {
    EXPECT_EQ(store_->calendarYears(), std::vector<int>{2026});
    const auto days = store_->calendarExceptions(2026);
    ASSERT_EQ(days.size(), 15u);
    EXPECT_TRUE(std::is_sorted(days.begin(), days.end(),
                               [](const auto& a, const auto& b) { return a.date < b.date; }));
    EXPECT_EQ(days[0].date, "2026-01-01");
    EXPECT_FALSE(days[0].working);
    EXPECT_EQ(days[0].holiday, "元旦");
    EXPECT_EQ(days[3].date, "2026-01-04");  // Sunday worked (调休)
    EXPECT_TRUE(days[3].working);
    EXPECT_EQ(days.back().date, "2026-02-28");
    EXPECT_TRUE(days.back().working);
    EXPECT_EQ(days.back().holiday, "春节");
    EXPECT_TRUE(store_->calendarExceptions(2025).empty());
}

TEST_F(FixtureStore, TableCounts) {
    std::map<std::string, int64_t> counts;
    for (const auto& [table, count] : store_->tableCounts()) counts[table] = count;
    EXPECT_EQ(counts["content_meta"], 1);
    EXPECT_EQ(counts["agencies"], 3);
    EXPECT_EQ(counts["topics"], 3);
    EXPECT_EQ(counts["areas"], 3);
    EXPECT_EQ(counts["documents"], 6);
    EXPECT_EQ(counts["document_texts"], 6);
    EXPECT_EQ(counts["document_attachments"], 2);
    EXPECT_EQ(counts["gazette_issues"], 2);
    EXPECT_EQ(counts["gazette_contents"], 3);
    EXPECT_EQ(counts["catalogue_entries"], 2);
    EXPECT_EQ(counts["guide_groups"], 2);
    EXPECT_EQ(counts["guides"], 3);
    EXPECT_EQ(counts["qa"], 2);
    EXPECT_EQ(counts["announcements"], 2);
    EXPECT_EQ(counts["townships"], 1);
    EXPECT_EQ(counts["villages"], 3);
    EXPECT_EQ(counts["village_items"], 3);
    EXPECT_EQ(counts["calendar_years"], 1);
    EXPECT_EQ(counts["calendar_days"], 15);
    EXPECT_EQ(counts["glyph_set"], 1);
    EXPECT_EQ(counts["application_statuses"], 4);
    EXPECT_EQ(counts["settings"], 0);
    EXPECT_TRUE(store_->integrityProblems().empty());
}

TEST_F(FixtureStore, GlyphSetHasSimplifiedAndTraditionalForms) {
    const std::u32string glyphs = store_->glyphSet();
    ASSERT_FALSE(glyphs.empty());
    EXPECT_TRUE(std::is_sorted(glyphs.begin(), glyphs.end()));
    EXPECT_EQ(std::adjacent_find(glyphs.begin(), glyphs.end()), glyphs.end());  // distinct
    auto has = [&](char32_t c) { return glyphs.find(c) != std::u32string::npos; };
    EXPECT_TRUE(has(U'发'));  // 产业发展 in a title
    EXPECT_TRUE(has(U'發'));
    EXPECT_TRUE(has(U'县'));
    EXPECT_TRUE(has(U'縣'));
    EXPECT_TRUE(has(U'〔'));
    EXPECT_TRUE(has(U'2'));
    EXPECT_FALSE(has(U'\n'));
    // Every character of every text is in the set.
    forEachText(set_, [&](const std::string& text) {
        for (char32_t c : utf8::decode(text)) EXPECT_TRUE(has(c)) << text;
    });
    // Characters that appear nowhere in the content stay out.
    EXPECT_FALSE(has(U'龘'));
}

TEST_F(FixtureStore, ImportReplacesEverythingAndKeepsSettings) {
    store_->setSetting("zone_profile", "library");
    ContentSet smaller = set_;
    smaller.meta.version = 4;
    smaller.documents.resize(3);  // the 2024 file only
    smaller.gazette.erase(smaller.gazette.begin());  // the 2025 issue listed 2025 documents
    smaller.qas.clear();
    store_->importContent(smaller);
    EXPECT_EQ(store_->meta().version, 4);
    EXPECT_EQ(store_->countDocuments({}), 3);
    EXPECT_EQ(store_->countByYear().size(), 1u);
    EXPECT_EQ(store_->countByAgency()[1].count, 2);
    EXPECT_TRUE(store_->qas().empty());
    EXPECT_EQ(store_->gazetteIssues().size(), 1u);
    EXPECT_EQ(store_->setting("zone_profile").value_or(""), "library");
    EXPECT_TRUE(store_->integrityProblems().empty());

    store_->importContent(set_);  // and back: no duplicates, keys resolve again
    EXPECT_EQ(store_->countDocuments({}), 6);
    EXPECT_EQ(store_->documentByKey("doc-2025-0002")->interpretsId,
              store_->documentByKey("doc-2025-0001")->id);
}

TEST_F(FixtureStore, FailedImportKeepsThePreviousContent) {
    ContentSet bad = set_;
    bad.meta.version = 9;
    bad.documents.back().agency = "nobody";
    try {
        store_->importContent(bad);
        FAIL() << "importing a bad set succeeded";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::BadContent);
        EXPECT_NE(std::string(e.what()).find("unknown agency 'nobody'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("doc-2025-0003"), std::string::npos) << e.what();
    }
    EXPECT_EQ(store_->meta().version, 3);
    EXPECT_EQ(store_->countDocuments({}), 6);
    EXPECT_EQ(store_->catalogueEntries(std::nullopt).size(), 2u);
    EXPECT_FALSE(store_->glyphSet().empty());

    // A failure in the middle of a transaction: the first document is fine, the second
    // reuses an existing key and fails in SQLite; the first must not stay behind.
    Document fine;
    fine.key = "bulk-fine";
    fine.indexNo = "x/1";
    fine.title = "t";
    fine.agencyId = store_->agencies()[0].id;
    fine.topicName = "综合政务";
    fine.published = "2025-02-28";
    Document clash = fine;
    clash.key = "doc-2024-0001";
    clash.indexNo = "x/2";
    try {
        store_->insertDocumentsBulk({fine, clash});
        FAIL() << "duplicate key accepted";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::BadContent) << e.what();
    }
    EXPECT_FALSE(store_->documentByKey("bulk-fine").has_value());
    EXPECT_EQ(store_->countDocuments({}), 6);
    EXPECT_TRUE(store_->integrityProblems().empty());
}

TEST_F(FixtureStore, BulkInsertUpdatesCounts) {
    const auto agencies = store_->agencies();
    std::vector<Document> docs(2);
    for (size_t i = 0; i < docs.size(); ++i) {
        Document& d = docs[i];
        d.key = "bulk-" + std::to_string(i);
        d.indexNo = "100000003/2023-0000" + std::to_string(i);
        d.title = "甲镇文件";
        d.agencyId = agencies[2].id;
        d.topicName = "城乡建设";
        d.areaName = i == 0 ? "保障性住房" : "";
        d.published = "2023-07-0" + std::to_string(i + 1);
        d.disclosure = "主动公开";
        d.body = {"第一段。", "第二段。"};
    }
    docs[1].interpretsId = store_->documentByKey("doc-2024-0001")->id;
    store_->insertDocumentsBulk(docs);
    EXPECT_EQ(store_->countDocuments({}), 8);
    EXPECT_EQ(store_->countByAgency()[2].count, 2);
    EXPECT_EQ(store_->countByTopic()[2].count, 2);
    EXPECT_EQ(store_->countByArea()[2].count, 1 + 1);
    EXPECT_EQ(store_->countByYear().back().id, 2023);
    DocumentFilter f;
    f.year = 2023;
    EXPECT_EQ(store_->countDocuments(f), 2);
    const auto d = store_->documentByKey("bulk-0");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->created, "2023-07-01");  // defaults to the published date
    EXPECT_EQ(d->body.size(), 2u);
    EXPECT_EQ(store_->documentByKey("doc-2024-0001")->interpretationIds.size(), 1u);
    EXPECT_TRUE(store_->integrityProblems().empty());

    Document unknownTopic = docs[0];
    unknownTopic.key = "bulk-9";
    unknownTopic.indexNo = "y/9";
    unknownTopic.topicName = "不存在";
    try {
        store_->insertDocumentsBulk({unknownTopic});
        FAIL() << "unknown topic accepted";
    } catch (const StoreError& e) {
        EXPECT_EQ(e.kind(), StoreErrorKind::BadContent);
    }
    Document duplicate = docs[0];  // same key as an existing row
    EXPECT_THROW(store_->insertDocumentsBulk({duplicate}), StoreError);
    EXPECT_EQ(store_->countDocuments({}), 8);
}

TEST_F(FixtureStore, Settings) {
    EXPECT_FALSE(store_->setting("idle_timeout").has_value());
    store_->setSetting("idle_timeout", "120");
    store_->setSetting("printer", "receipt-80mm");
    store_->setSetting("idle_timeout", "90");
    EXPECT_EQ(store_->setting("idle_timeout").value_or(""), "90");
    EXPECT_EQ(store_->settings(),
              (std::vector<std::pair<std::string, std::string>>{{"idle_timeout", "90"}, {"printer", "receipt-80mm"}}));
    store_->removeSetting("printer");
    EXPECT_FALSE(store_->setting("printer").has_value());
    EXPECT_EQ(store_->settings().size(), 1u);
}

}  // namespace
}  // namespace zwgk
