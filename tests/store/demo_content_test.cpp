// The demo content in assets/content: it must load, import, meet the product minimums, follow
// the official holiday calendar, and not copy the seed texts.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string_view>
#include <unordered_set>

#include "civil_date.h"
#include "utf8.h"
#include "content_source.h"
#include "glyphs.h"
#include "store.h"
#include "test_support.h"

namespace zwgk {
namespace {

class DemoContent : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!test::fs::exists(test::demoContentDir() / "documents")) return;
        set_ = new ContentSet(loadContentSource(test::demoContentDir().string()));
    }
    static void TearDownTestSuite() {
        delete set_;
        set_ = nullptr;
    }
    void SetUp() override {
        if (!test::fs::exists(test::demoContentDir() / "documents"))
            GTEST_SKIP() << "assets/content/documents is not there yet";
        ASSERT_NE(set_, nullptr);
    }
    static ContentSet* set_;  // loaded once for the suite: the loader is the slow part
};

ContentSet* DemoContent::set_ = nullptr;

TEST_F(DemoContent, MeetsTheMinimums) {
    const ContentSet& s = *set_;
    EXPECT_GE(s.documents.size(), 60u);

    std::set<std::string> agenciesWithDocuments;
    std::map<Validity, int> byValidity;
    for (const DocumentRecord& d : s.documents) {
        agenciesWithDocuments.insert(d.agency);
        ++byValidity[d.validity];
    }
    EXPECT_GE(agenciesWithDocuments.size(), 10u);
    EXPECT_GT(byValidity[Validity::Expired], 0);
    EXPECT_GT(byValidity[Validity::Repealed], 0);

    EXPECT_GE(s.areas.size(), 26u);
    EXPECT_GE(s.catalogue.size(), 40u);
    for (const CatalogueRecord& e : s.catalogue) {
        for (const std::string* element : {&e.itemL1, &e.itemL2, &e.content, &e.basis, &e.timeLimit,
                                           &e.subject, &e.audience, &e.method})
            EXPECT_FALSE(element->empty()) << e.key;
        EXPECT_FALSE(e.channels.empty()) << e.key;
        EXPECT_FALSE(e.levels.empty()) << e.key;
    }

    std::set<std::string> groupsUsed;
    for (const GuideRecord& g : s.guides) groupsUsed.insert(g.group);
    EXPECT_GE(s.guides.size(), 20u);
    EXPECT_GE(groupsUsed.size(), 5u);
    EXPECT_GE(s.qas.size(), 20u);

    EXPECT_EQ(s.townships.size(), 3u);
    for (const TownshipRecord& t : s.townships) {
        EXPECT_FALSE(t.villages.empty()) << t.key;
        size_t items = 0;
        for (const VillageRecord& v : t.villages) items += v.items.size();
        EXPECT_GT(items, 0u) << t.key;
    }

    EXPECT_FALSE(s.announcements.empty());
    bool openDay = false;
    for (const AnnouncementRecord& a : s.announcements) openDay = openDay || a.kind == "开放日";
    EXPECT_TRUE(openDay) << "no 政府开放日 announcement";
    EXPECT_FALSE(s.gazette.empty());

    std::set<int> years;
    for (const CalendarYearRecord& y : s.calendar) years.insert(y.year);
    EXPECT_TRUE(years.count(2025));
    EXPECT_TRUE(years.count(2026));
}

TEST_F(DemoContent, CalendarFollowsTheStateCouncilNotices) {
    // Spot checks from shared/calendar/working-days-2025-2026.md.
    std::map<std::string, bool> days;  // date → working
    for (const CalendarYearRecord& y : set_->calendar)
        for (const HolidayRecord& h : y.holidays) {
            for (const std::string& d : h.daysOff) days[d] = false;
            for (const std::string& d : h.workdays) days[d] = true;
        }
    const std::map<std::string, bool> expected = {
        {"2025-01-01", false}, {"2025-01-26", true},  {"2025-01-28", false}, {"2025-02-04", false},
        {"2025-02-08", true},  {"2025-04-27", true},  {"2025-05-05", false}, {"2025-06-02", false},
        {"2025-09-28", true},  {"2025-10-08", false}, {"2025-10-11", true},  {"2026-01-02", false},
        {"2026-01-04", true},  {"2026-02-14", true},  {"2026-02-23", false}, {"2026-02-28", true},
        {"2026-05-05", false}, {"2026-05-09", true},  {"2026-06-19", false}, {"2026-09-20", true},
        {"2026-09-25", false}, {"2026-10-07", false}, {"2026-10-10", true},
    };
    for (const auto& [date, working] : expected) {
        auto it = days.find(date);
        ASSERT_NE(it, days.end()) << date << " missing from calendar.json";
        EXPECT_EQ(it->second, working) << date;
    }
    EXPECT_EQ(days.count("2025-10-09"), 0u);  // an ordinary Thursday
}

TEST_F(DemoContent, ImportsIntoAStore) {
    test::TempDir dir;
    auto store = Store::open(dir.file("demo.db"), Store::Mode::Create);
    store->importContent(*set_);
    EXPECT_EQ(store->countDocuments({}), static_cast<int>(set_->documents.size()));
    EXPECT_EQ(store->catalogueEntries(std::nullopt).size(), set_->catalogue.size());
    EXPECT_TRUE(store->integrityProblems().empty());
    const std::u32string glyphs = store->glyphSet();
    EXPECT_GT(glyphs.size(), 1000u);
    EXPECT_NE(glyphs.find(U'發'), std::u32string::npos);
    for (const GuideGroup& g : store->guideGroups()) EXPECT_GT(g.guideCount, 0) << g.name;
    EXPECT_EQ(store->countApplicationStatuses(), static_cast<int64_t>(set_->statuses.size()));
    ASSERT_FALSE(set_->statuses.empty());
    const std::string& code = set_->statuses.front().code;
    std::string typed;  // as a citizen might type it: lower case, spaces for hyphens
    for (char c : code) typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(store->applicationStatus(typed).value_or(ApplicationStatus{}).code, code) << typed;
}

TEST_F(DemoContent, StatusesShowEveryStateWithStatutoryDeadlines) {
    const ContentSet& s = *set_;
    EXPECT_GE(s.statuses.size(), 8u);
    std::set<std::string> states;
    for (const ApplicationStatus& a : s.statuses) states.insert(a.status);
    EXPECT_EQ(states.size(), 7u) << "every status a citizen may meet should be in the demo";
    EXPECT_LE(s.statusesUpdated, s.meta.generated);

    // 政府信息公开条例 第三十三条: 20 working days from the day after receipt, and at most
    // 20 more when extended; working days follow the demo calendar.
    std::map<std::string, bool> exceptions;  // date → working
    for (const CalendarYearRecord& y : s.calendar)
        for (const HolidayRecord& h : y.holidays) {
            for (const std::string& d : h.daysOff) exceptions[d] = false;
            for (const std::string& d : h.workdays) exceptions[d] = true;
        }
    auto addWorkingDays = [&](const std::string& from, int n) {
        int64_t day = daysFromCivil(std::stoi(from.substr(0, 4)), std::stoi(from.substr(5, 2)),
                                    std::stoi(from.substr(8, 2)));
        std::string date;
        while (n > 0) {
            ++day;
            int y, m, d;
            civilFromDays(day, y, m, d);
            date = isoDate(y, m, d);
            const int weekday = static_cast<int>(((day % 7) + 10) % 7);  // 0 = Monday
            auto it = exceptions.find(date);
            if (it != exceptions.end() ? it->second : weekday < 5) --n;
        }
        return date;
    };
    for (const ApplicationStatus& a : s.statuses) {
        EXPECT_EQ(a.due, addWorkingDays(a.received, 20)) << a.code;
        if (!a.extendedDue.empty()) {
            EXPECT_LE(a.extendedDue, addWorkingDays(a.due, 20)) << a.code;
        }
    }
}

// Whitespace removed and ASCII punctuation mapped to its full-width form, so that a copy
// re-punctuated or re-wrapped still matches.
std::u32string normalised(const std::string& text) {
    std::u32string out;
    for (char32_t c : utf8::decode(text)) {
        if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000') continue;
        switch (c) {
        case U',': c = U'，'; break;
        case U';': c = U'；'; break;
        case U':': c = U'：'; break;
        case U'(': c = U'（'; break;
        case U')': c = U'）'; break;
        case U'!': c = U'！'; break;
        case U'?': c = U'？'; break;
        default: break;
        }
        out.push_back(c);
    }
    return out;
}

TEST_F(DemoContent, DoesNotCopyTheSeedTexts) {
    const test::fs::path seeds = test::sharedDir() / "seeds";
    if (!test::fs::is_directory(seeds)) GTEST_SKIP() << "no " << seeds << " (ZWGK_SHARED_DIR/seeds)";

    constexpr size_t kRun = 20;
    std::vector<std::u32string> texts;
    forEachText(*set_, [&](const std::string& t) { texts.push_back(normalised(t)); });
    std::unordered_set<std::u32string_view> windows;
    for (const std::u32string& t : texts)
        for (size_t i = 0; i + kRun <= t.size(); ++i) windows.insert(std::u32string_view(t).substr(i, kRun));

    int seedFiles = 0;
    for (const auto& entry : test::fs::directory_iterator(seeds)) {
        if (!entry.is_regular_file()) continue;
        ++seedFiles;
        const std::u32string seed = normalised(test::readBytes(entry.path()));
        int reported = 0;
        for (size_t i = 0; i + kRun <= seed.size(); ++i) {
            const std::u32string_view run = std::u32string_view(seed).substr(i, kRun);
            if (windows.count(run) && reported++ < 5)
                ADD_FAILURE() << "demo content copies " << entry.path().filename() << ": "
                              << utf8::encode(run);
        }
    }
    EXPECT_GT(seedFiles, 0);
}

}  // namespace
}  // namespace zwgk
