// The citizen's main path through the catalogue, checked against the store: home →
// 政府信息查询 → 按发布机构 → an agency → a document, with a screenshot of each step.
#include <algorithm>

#include "kiosk_fixture.h"

namespace zwgk::test {
namespace {

int64_t agencyIdByShortName(Store& store, const std::string& shortName) {
    for (const Agency& a : store.agencies())
        if (a.shortName == shortName) return a.id;
    return 0;
}

}  // namespace

TEST_F(KioskUi, HomeShowsServiceTilesAndNotices) {
    run("shot home");
    for (const char* tile : {"政府信息查询", "依申请公开", "办事指南", "政策问答", "进度查询", "村务公开"})
        EXPECT_TRUE(onScreen(tile)) << tile;
    EXPECT_TRUE(onScreen("通知公告"));
    auto store = openStore();
    const auto notices = store->announcements("2026-11-25");
    ASSERT_FALSE(notices.empty());
    EXPECT_TRUE(onScreen(notices.front().title.substr(0, 12)));
    EXPECT_TRUE(onScreen("已收录政府信息 " + std::to_string(store->countDocuments({})) + " 条"));
    EXPECT_TRUE(onScreen(store->meta().zoneName));
}

TEST_F(KioskUi, HomeToAgencyToDocument) {
    auto store = openStore();
    run("tap 政府信息查询\nshot 1-browse");
    EXPECT_EQ(top().kind, ScreenKind::Browse);
    EXPECT_EQ(top().dimension, BrowseDimension::Topic);

    run("tap 按发布机构\nshot 2-agencies");
    EXPECT_EQ(top().dimension, BrowseDimension::Agency);
    // Every agency with its document count, as the store counts them.
    const auto nodes = store->countByAgency();
    ASSERT_GE(nodes.size(), 10u);
    for (size_t i = 0; i < 9; ++i) {  // the first rows fit on the screen without scrolling
        EXPECT_TRUE(onScreen(nodes[i].name)) << nodes[i].name;
        EXPECT_TRUE(onScreen(std::to_string(nodes[i].count) + " 条"));
    }

    const int64_t civil = agencyIdByShortName(*store, "县民政局");
    ASSERT_NE(civil, 0);
    run("tap 县民政局\nshot 3-list");
    ASSERT_EQ(top().kind, ScreenKind::DocumentList);
    ASSERT_TRUE(top().filter.agencyId.has_value());
    EXPECT_EQ(*top().filter.agencyId, civil);
    DocumentFilter filter;
    filter.agencyId = civil;
    const int total = store->countDocuments(filter);
    EXPECT_GT(total, 3);
    EXPECT_TRUE(onScreen("共 " + std::to_string(total) + " 条"));
    const auto docs = store->listDocuments(filter, 0, 3);
    ASSERT_EQ(docs.size(), 3u);

    // The second row, by its own title (the row is labelled with the whole title).
    auto row = app_->trace().findTappable(docs[1].title);
    ASSERT_TRUE(row) << app_->trace().dump();
    run("tap " + docs[1].title + "\nshot 4-document");
    ASSERT_EQ(top().kind, ScreenKind::Document);
    EXPECT_EQ(top().id, docs[1].id);
    EXPECT_EQ(top().listIndex, 1);
    const auto doc = store->document(docs[1].id);
    ASSERT_TRUE(doc);
    EXPECT_TRUE(onScreen("索引号"));
    EXPECT_TRUE(onScreen(doc->indexNo));
    EXPECT_TRUE(onScreen(doc->agencyName));
    EXPECT_TRUE(onScreen(doc->published));
    EXPECT_TRUE(onScreen("第 2 篇，共 " + std::to_string(total) + " 篇"));

    run("tap 下一篇\nshot 5-next");
    EXPECT_EQ(top().id, docs[2].id);
    EXPECT_EQ(top().listIndex, 2);
    run("tap 上一篇\ntap 上一篇");
    EXPECT_EQ(top().id, docs[0].id);
    EXPECT_FALSE(app_->trace().findTappable("上一篇")) << "no 上一篇 on the first document";

    run("tap 返回");
    EXPECT_EQ(top().kind, ScreenKind::DocumentList);
    run("tap 首页");
    EXPECT_EQ(top().kind, ScreenKind::Home);
    EXPECT_EQ(app_->state().stack.size(), 1u);
}

TEST_F(KioskUi, YearAndTopicCountsMatchTheStore) {
    auto store = openStore();
    run("tap 政府信息查询\ntap 按年份\nshot years");
    for (const CountedNode& year : store->countByYear()) {
        EXPECT_TRUE(onScreen(std::to_string(year.id) + "年")) << year.id;
        EXPECT_TRUE(onScreen(std::to_string(year.count) + " 条"));
    }
    const CountedNode newest = store->countByYear().front();
    run("tap " + std::to_string(newest.id) + "年\nshot year-list");
    ASSERT_EQ(top().kind, ScreenKind::DocumentList);
    EXPECT_EQ(top().filter.year, static_cast<int>(newest.id));
    EXPECT_TRUE(onScreen("共 " + std::to_string(newest.count) + " 条"));
}

TEST_F(KioskUi, AreaShowsCatalogueEntryWithNineElements) {
    auto store = openStore();
    run("tap 政府信息查询\ntap 按领域\nshot 1-areas");
    const auto areas = store->countByArea();
    EXPECT_GE(areas.size(), 26u);
    run("tap 社会救助\nshot 2-area");
    ASSERT_EQ(top().kind, ScreenKind::Area);
    const auto entries = store->catalogueEntries(top().filter.areaId);
    ASSERT_FALSE(entries.empty());
    EXPECT_TRUE(onScreen("公开事项标准目录（" + std::to_string(entries.size()) + " 项）"));
    run("tap " + entries.front().itemL2 + "\nshot 3-entry");
    ASSERT_EQ(top().kind, ScreenKind::CatalogueEntry);
    EXPECT_EQ(top().id, entries.front().id);
    for (const char* label : {"公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体"})
        EXPECT_TRUE(onScreen(label)) << label;
    EXPECT_TRUE(onScreen(entries.front().basis.substr(0, 15)));
    EXPECT_TRUE(onScreen(entries.front().subject.substr(0, 12)));
    run("drag 960 900 960 300 600\nwait 2000\nshot 4-entry-end");
    for (const char* label : {"公开渠道和载体", "公开对象", "公开方式", "公开层级"})
        EXPECT_TRUE(onScreen(label)) << label;
    EXPECT_TRUE(onScreen(entries.front().audience));
}

TEST_F(KioskUi, RepealedDocumentIsMarkedNotHidden) {
    auto store = openStore();
    std::optional<Document> repealed;
    for (const DocumentSummary& s : store->listDocuments({}, 0, 1000))
        if (s.validity == Validity::Repealed) {
            repealed = store->document(s.id);
            break;
        }
    ASSERT_TRUE(repealed);
    run("screen doc:" + repealed->key + "\nshot repealed");
    EXPECT_TRUE(onScreen("本文件已废止"));
    EXPECT_TRUE(onScreen("废止"));
    if (!repealed->validNote.empty()) {
        EXPECT_TRUE(onScreen(repealed->validNote.substr(0, 12)));
    }
}

TEST_F(KioskUi, InterpretationLinksBothWays) {
    auto store = openStore();
    std::optional<Document> interpretation;
    for (const DocumentSummary& s : store->listDocuments({}, 0, 1000)) {
        auto d = store->document(s.id);
        if (d && d->interpretsId) {
            interpretation = d;
            break;
        }
    }
    ASSERT_TRUE(interpretation);
    const auto original = store->document(*interpretation->interpretsId);
    ASSERT_TRUE(original);
    run("screen doc:" + interpretation->key + "\ndrag 960 900 960 100 300\nwait 3000\ndrag 960 900 960 100 300\nwait 3000\nshot 1-interpretation");
    ASSERT_TRUE(app_->trace().findTappable("解读的原文件")) << app_->trace().dump();
    run("tap 解读的原文件\nshot 2-original");
    EXPECT_EQ(top().id, original->id);
    run("drag 960 900 960 100 300\nwait 3000\ndrag 960 900 960 100 300\nwait 3000\ndrag 960 900 960 100 300\nwait 3000");
    ASSERT_TRUE(app_->trace().findTappable("政策解读")) << app_->trace().dump();
}

TEST_F(KioskUi, ApplyAndProgressTilesOpenTheirScreens) {
    EXPECT_FALSE(onScreen("即将开放")) << "every service on the home screen is live";
    run("tap 依申请公开\nshot apply");
    EXPECT_EQ(top().kind, ScreenKind::Apply);
    EXPECT_TRUE(onScreen("申请须知"));
    run("tap 首页\ntap 进度查询\nshot progress");
    EXPECT_EQ(top().kind, ScreenKind::StatusLookup);
}

TEST_F(KioskUi, TraditionalToggleConvertsUiAndContent) {
    run("tap 政府信息查询\ntap 繁體\nshot traditional");
    EXPECT_TRUE(app_->state().traditional);
    EXPECT_TRUE(onScreen("政府信息查詢"));
    EXPECT_TRUE(onScreen("按發佈機構"));
    EXPECT_TRUE(app_->trace().findTappable("简体"));
    run("tap 按發佈機構\ntap 臨瀾縣民政局\nshot traditional-list");
    EXPECT_EQ(top().kind, ScreenKind::DocumentList);
    run("tap 简体");
    EXPECT_FALSE(app_->state().traditional);
    EXPECT_TRUE(onScreen("临澜县民政局"));
}

TEST_F(KioskUi, LibraryProfilePutsReadingFirst) {
    TearDown();
    start(makeDemoStore(), "library");
    run("shot library-home");
    const auto info = app_->trace().findTappable("政府信息查询");
    const auto guides = app_->trace().findTappable("办事指南");
    ASSERT_TRUE(info && guides);
    EXPECT_LT(info->min.y + info->min.x / 10000, guides->min.y + guides->min.x / 10000);
    EXPECT_LT(info->min.y, guides->min.y);
}

// 办事指南 按部门: every department with guides, with its count; a department's list holds
// exactly the store's guides of that department, each naming its 一件事.
TEST_F(KioskUi, GuidesBrowseByDepartment) {
    auto store = openStore();
    const auto departments = store->guideDepartments();
    ASSERT_GE(departments.size(), 3u);
    int total = 0;
    for (const CountedNode& d : departments) total += d.count;
    EXPECT_EQ(total, static_cast<int>(store->guides(std::nullopt).size())) << "every guide under one department";
    run("screen guides\nexpect 按一件事\ntap 按部门\nshot 01-departments");
    for (const CountedNode& d : departments) {
        if (!onScreen(d.name)) continue;  // further down the list
        EXPECT_TRUE(onScreen(std::to_string(d.count) + " 项指南"));
    }
    const CountedNode& first = departments.front();
    run("tap " + first.name + "\nshot 02-department-guides");
    EXPECT_EQ(top().kind, ScreenKind::GuideList);
    const auto guides = store->guidesOfDepartment(first.id);
    ASSERT_EQ(static_cast<int>(guides.size()), first.count);
    for (const Guide& g : guides) {
        EXPECT_EQ(g.department, first.name);
        EXPECT_TRUE(onScreen(g.name) || onScreen(g.name.substr(0, 12))) << g.name;
    }
    EXPECT_TRUE(onScreen(guides.front().groupName));
    // 返回 keeps the department view.
    run("key Back\nexpect 按办理部门查找");
}

}  // namespace zwgk::test
