// The working-day calendar and the deadlines of 《政府信息公开条例》 Art. 30 and 33, on the
// project's official calendar (assets/content/calendar.json: the State Council notices for
// 2025 and 2026).
//
// Section index
//   1. Loading the official calendar
//   2. The official calendar itself
//   3. Counting working days
//   4. Deadlines by article
//   5. Provisional dates
//   6. Dates as text

#include "working_calendar.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "civil_date.h"

using namespace zwgk;

namespace {

// ---------------------------------------------------------------------------------------
// 1. Loading the official calendar
// ---------------------------------------------------------------------------------------
std::filesystem::path sourceDir() {
    if (const char* env = std::getenv("ZWGK_SOURCE_DIR"); env && *env) return env;
    return ZWGK_SOURCE_DIR;
}

std::filesystem::path sharedDir() {
    if (const char* env = std::getenv("ZWGK_SHARED_DIR"); env && *env) return env;
    return sourceDir().parent_path() / "shared";
}

// calendar.json as the store would hand it over: year → exceptions.
std::map<int, std::vector<CalendarException>> officialExceptions() {
    std::ifstream in(sourceDir() / "assets/content/calendar.json");
    EXPECT_TRUE(in) << "assets/content/calendar.json is missing";
    const nlohmann::json doc = nlohmann::json::parse(in);
    std::map<int, std::vector<CalendarException>> years;
    for (const auto& y : doc.at("years")) {
        auto& list = years[y.at("year").get<int>()];
        for (const auto& h : y.at("holidays")) {
            const std::string name = h.at("name").get<std::string>();
            for (const auto& d : h.at("days_off")) list.push_back({d.get<std::string>(), false, name});
            for (const auto& d : h.at("workdays")) list.push_back({d.get<std::string>(), true, name});
        }
    }
    return years;
}

const WorkingCalendar& official() {
    static const WorkingCalendar calendar = [] {
        WorkingCalendar c;
        for (const auto& [year, exceptions] : officialExceptions()) c.addYear(year, exceptions);
        return c;
    }();
    return calendar;
}

std::string isoOfDay(int64_t day) {
    int y = 0, m = 0, d = 0;
    civilFromDays(day, y, m, d);
    return isoDate(y, m, d);
}

// The days off and the weekend days worked, for comparing sources.
struct DaySets {
    std::set<std::string> off;     // holidays
    std::set<std::string> worked;  // 调休 weekend days
};

DaySets setsOf(const std::vector<CalendarException>& exceptions) {
    DaySets s;
    for (const CalendarException& e : exceptions) (e.working ? s.worked : s.off).insert(e.date);
    return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// 2. The official calendar itself
// ---------------------------------------------------------------------------------------
TEST(WorkingCalendar, OfficialCalendarHas2025And2026) {
    EXPECT_EQ(official().years(), (std::vector<int>{2025, 2026}));
    EXPECT_TRUE(official().hasYear(2025));
    EXPECT_FALSE(official().hasYear(2027));
}

// A compact copy of the two notices, so that a slip in calendar.json (a day dropped, a
// 调休 Saturday typed as a holiday) shows up here rather than in a citizen's deadline.
TEST(WorkingCalendar, OfficialCalendarMatchesTheNotices) {
    struct Holiday {
        const char* first;  // first day off
        int days;           // consecutive days off
        std::vector<const char*> worked;  // 调休 weekend days
    };
    const std::map<int, std::vector<Holiday>> notices = {
        {2025,
         {{"2025-01-01", 1, {}},
          {"2025-01-28", 8, {"2025-01-26", "2025-02-08"}},  // 春节
          {"2025-04-04", 3, {}},
          {"2025-05-01", 5, {"2025-04-27"}},
          {"2025-05-31", 3, {}},
          {"2025-10-01", 8, {"2025-09-28", "2025-10-11"}}}},  // 国庆节、中秋节
        {2026,
         {{"2026-01-01", 3, {"2026-01-04"}},
          {"2026-02-15", 9, {"2026-02-14", "2026-02-28"}},  // 春节
          {"2026-04-04", 3, {}},
          {"2026-05-01", 5, {"2026-05-09"}},
          {"2026-06-19", 3, {}},
          {"2026-09-25", 3, {}},                             // 中秋节
          {"2026-10-01", 7, {"2026-09-20", "2026-10-10"}}}},  // 国庆节
    };
    const auto exceptions = officialExceptions();
    ASSERT_EQ(exceptions.size(), notices.size());
    for (const auto& [year, holidays] : notices) {
        DaySets expected;
        for (const Holiday& h : holidays) {
            const std::string first = h.first;
            const int64_t start = daysFromCivil(std::stoi(first.substr(0, 4)), std::stoul(first.substr(5, 2)),
                                                std::stoul(first.substr(8, 2)));
            for (int i = 0; i < h.days; ++i) expected.off.insert(isoOfDay(start + i));
            expected.worked.insert(h.worked.begin(), h.worked.end());
        }
        const DaySets actual = setsOf(exceptions.at(year));
        EXPECT_EQ(actual.off, expected.off) << year;
        EXPECT_EQ(actual.worked, expected.worked) << year;
    }
}

// ../shared/calendar/working-days-2025-2026.md restates the notices in prose tables; when it
// is there (it is not part of the project), calendar.json must say the same, and its
// weekday names must agree with the dates.
TEST(WorkingCalendar, OfficialCalendarMatchesSharedSummary) {
    const std::filesystem::path file = sharedDir() / "calendar/working-days-2025-2026.md";
    if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " does not exist";
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();

    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    auto dayOf = [](int year, const std::string& month, int day) {
        for (int m = 0; m < 12; ++m)
            if (month == kMonths[m]) return daysFromCivil(year, m + 1, day);
        ADD_FAILURE() << "month " << month;
        return int64_t{0};
    };

    const std::regex dayRe(R"((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d+) \((\w+)\))");
    std::map<int, DaySets> summary;
    int year = 0;
    std::string line;
    while (std::getline(text, line)) {
        if (line.starts_with("## ")) year = std::atoi(line.c_str() + 3);
        if (year == 0 || !line.starts_with("| ") || line.starts_with("| holiday") || line.starts_with("| ---"))
            continue;
        // | name | days off | weekend days worked |
        std::vector<std::string> cells;
        std::stringstream row(line);
        std::string cell;
        while (std::getline(row, cell, '|')) cells.push_back(cell);
        ASSERT_GE(cells.size(), 4u) << line;
        for (int column : {2, 3}) {
            std::vector<int64_t> days;
            for (std::sregex_iterator it(cells[column].begin(), cells[column].end(), dayRe), end; it != end; ++it) {
                const int64_t day = dayOf(year, (*it)[1], std::stoi((*it)[2]));
                EXPECT_EQ((*it)[3].str(), kWeekdays[((day % 7) + 11) % 7]) << line;
                days.push_back(day);
            }
            DaySets& sets = summary[year];
            if (column == 3) {
                for (int64_t day : days) sets.worked.insert(isoOfDay(day));
            } else if (cells[column].find("–") != std::string::npos) {
                ASSERT_EQ(days.size(), 2u) << line;
                for (int64_t day = days[0]; day <= days[1]; ++day) sets.off.insert(isoOfDay(day));
            } else {
                for (int64_t day : days) sets.off.insert(isoOfDay(day));
            }
        }
    }
    const auto exceptions = officialExceptions();
    for (int y : {2025, 2026}) {
        const DaySets actual = setsOf(exceptions.at(y));
        EXPECT_EQ(actual.off, summary[y].off) << y;
        EXPECT_EQ(actual.worked, summary[y].worked) << y;
    }
}

TEST(WorkingCalendar, WorkingDaysFollowExceptionsThenWeekends) {
    const WorkingCalendar& c = official();
    struct Case {
        const char* date;
        bool working;
        const char* holiday;
    };
    const Case cases[] = {
        {"2025-01-01", false, "元旦"},            // Wednesday, holiday
        {"2025-01-02", true, ""},                 // Thursday
        {"2025-01-04", false, ""},                // Saturday
        {"2025-01-26", true, ""},                 // Sunday worked (春节 调休)
        {"2025-01-28", false, "春节"},            // Tuesday, 除夕
        {"2025-02-04", false, "春节"},            // Tuesday, last day off
        {"2025-02-08", true, ""},                 // Saturday worked
        {"2025-09-28", true, ""},                 // Sunday worked before 国庆
        {"2025-10-08", false, "国庆节、中秋节"},  // Wednesday, last day off
        {"2025-10-11", true, ""},                 // Saturday worked
        {"2026-01-04", true, ""},                 // Sunday worked after 元旦
        {"2026-02-14", true, ""},                 // Saturday worked
        {"2026-02-23", false, "春节"},            // Monday, last day off
        {"2026-02-28", true, ""},                 // Saturday worked
        {"2026-09-20", true, ""},                 // Sunday worked
        {"2026-09-25", false, "中秋节"},          // Friday
        {"2026-10-10", true, ""},                 // Saturday worked
        {"2027-01-01", true, ""},                 // Friday: 2027 is not loaded, weekend rule only
        {"2027-01-02", false, ""},                // Saturday
    };
    for (const Case& k : cases) {
        EXPECT_EQ(c.isWorkingDay(k.date), k.working) << k.date;
        EXPECT_EQ(c.holidayName(k.date), k.holiday) << k.date;
    }
}

// 248 working days in each year, as the notices give them:
//   2025: 261 weekdays − 18 weekdays off (元旦 1, 春节 6, 清明 1, 劳动节 3, 端午 1, 国庆 6)
//         + 5 weekend days worked (Jan 26, Feb 8, Apr 27, Sep 28, Oct 11) = 248;
//   2026: 261 weekdays − 19 weekdays off (元旦 2, 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1,
//         国庆 5) + 6 weekend days worked (Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10) = 248.
TEST(WorkingCalendar, EachOfficialYearHas248WorkingDays) {
    EXPECT_EQ(official().workingDaysBetween("2024-12-31", "2025-12-31"), 248);
    EXPECT_EQ(official().workingDaysBetween("2025-12-31", "2026-12-31"), 248);
}

// ---------------------------------------------------------------------------------------
// 3. Counting working days
// ---------------------------------------------------------------------------------------
TEST(WorkingCalendar, WorkingDaysBetweenCountsTheHalfOpenRange) {
    const WorkingCalendar& c = official();
    EXPECT_EQ(c.workingDaysBetween("2025-01-24", "2025-01-24"), 0);
    EXPECT_EQ(c.workingDaysBetween("2025-01-24", "2025-01-25"), 0);  // Saturday
    EXPECT_EQ(c.workingDaysBetween("2025-01-24", "2025-01-26"), 1);  // Sunday worked
    EXPECT_EQ(c.workingDaysBetween("2025-01-24", "2025-02-27"), 20);
    EXPECT_EQ(c.workingDaysBetween("2025-02-27", "2025-01-24"), -20);
    // January 2025: 2–3, 6–10, 13–17, 20–24, 26 (Sunday), 27; 1 and 28–31 are off.
    EXPECT_EQ(c.workingDaysBetween("2025-01-01", "2025-01-31"), 19);
    // 国庆 2026: of (Sep 30, Oct 8] only Thursday Oct 8 is worked.
    EXPECT_EQ(c.workingDaysBetween("2026-09-30", "2026-10-08"), 1);
    // Counting forward and measuring back agree.
    EXPECT_EQ(c.workingDaysBetween("2026-02-13", c.addWorkingDays("2026-02-13", 20).date), 20);
}

TEST(WorkingCalendar, BadDatesAndCountsThrow) {
    const WorkingCalendar& c = official();
    EXPECT_THROW(c.isWorkingDay("2025-02-29"), std::invalid_argument);
    EXPECT_THROW(c.isWorkingDay("2025/01/02"), std::invalid_argument);
    EXPECT_THROW(c.holidayName(""), std::invalid_argument);
    EXPECT_THROW(c.addWorkingDays("2025-01-02", 0), std::invalid_argument);
    EXPECT_THROW(c.workingDaysBetween("2025-01-02", "2025-1-3"), std::invalid_argument);
    WorkingCalendar fresh;
    EXPECT_THROW(fresh.addYear(2025, {{"2025-13-01", false, "x"}}), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------
// 4. Deadlines by article
// ---------------------------------------------------------------------------------------
namespace {

struct DeadlineCase {
    const char* received;    // Art. 31: the day handed in at the terminal
    const char* correction;  // Art. 30: last day for the 补正 notice (7 working days)
    const char* reply;       // Art. 33: 20 working days
    const char* extended;    // Art. 33: 20 more after the reply deadline
    const char* why;         // what the case is about
};

void expectDeadlines(const WorkingCalendar& c, const DeadlineCase& k) {
    const ApplicationDeadlines d = applicationDeadlines(c, k.received);
    EXPECT_EQ(d.received, k.received) << k.why;
    EXPECT_EQ(d.correctionNotice.date, k.correction) << k.why;
    EXPECT_EQ(d.reply.date, k.reply) << k.why;
    EXPECT_EQ(d.extended.date, k.extended) << k.why;
    EXPECT_FALSE(d.correctionNotice.provisional || d.reply.provisional || d.extended.provisional) << k.why;
}

}  // namespace

// 春节 2025: Jan 28 – Feb 4 off; Sunday Jan 26 and Saturday Feb 8 worked.
//   Received Fri 2025-01-24. Counting starts Jan 25 (Sat, off):
//     Jan 26 Sun 1, Jan 27 Mon 2, Jan 28 – Feb 4 off, Feb 5–7 3–5, Feb 8 Sat 6, Feb 10 Mon 7
//     → 补正 notice by 2025-02-10;
//     Feb 11–14 8–11, Feb 17–21 12–16, Feb 24–27 17–20 → reply by Thu 2025-02-27;
//     Feb 28 1, Mar 3–7 2–6, Mar 10–14 7–11, Mar 17–21 12–16, Mar 24–27 17–20
//     → extended to 2025-03-27.
// 春节 2026: Feb 15–23 off; Saturdays Feb 14 and Feb 28 worked.
//   Received Fri 2026-02-13: Feb 14 Sat 1, Feb 15–23 off, Feb 24–27 2–5, Feb 28 Sat 6,
//     Mar 2 Mon 7 → 补正 by 2026-03-02; Mar 3–6 8–11, Mar 9–13 12–16, Mar 16–19 17–20
//     → reply by Thu 2026-03-19.
TEST(WorkingCalendar, DeadlinesAcrossSpringFestival) {
    const DeadlineCase cases[] = {
        {"2025-01-20", "2025-02-05", "2025-02-21", "2025-03-21", "a week before 春节 2025"},
        {"2025-01-24", "2025-02-10", "2025-02-27", "2025-03-27", "the Friday before the worked Sunday"},
        {"2025-01-27", "2025-02-12", "2025-03-03", "2025-03-31", "the last working day before 春节 2025"},
        {"2026-02-06", "2026-02-24", "2026-03-12", "2026-04-10", "a week before 春节 2026"},
        {"2026-02-13", "2026-03-02", "2026-03-19", "2026-04-17", "the Friday before the worked Saturday"},
    };
    for (const DeadlineCase& k : cases) expectDeadlines(official(), k);
}

// 国庆 2025: Oct 1–8 off (with 中秋); Sunday Sep 28 and Saturday Oct 11 worked.
//   Received Fri 2025-09-26: Sep 28 Sun 1, Sep 29–30 2–3, Oct 1–8 off, Oct 9–10 4–5, Oct 11
//     Sat 6, Oct 13 Mon 7 → 补正 by 2025-10-13; Oct 14–17 8–11, Oct 20–24 12–16, Oct 27–30
//     17–20 → reply by Thu 2025-10-30.
// 国庆 2026: Oct 1–7 off, 中秋 Sep 25–27 off; Sunday Sep 20 and Saturday Oct 10 worked.
//   Received Fri 2026-09-18: Sep 20 Sun 1, Sep 21–24 2–5, Sep 25–27 off, Sep 28 6, Sep 29 7
//     → 补正 by 2026-09-29; Sep 30 8, Oct 1–7 off, Oct 8–9 9–10, Oct 10 Sat 11, Oct 12–16
//     12–16, Oct 19–22 17–20 → reply by Thu 2026-10-22.
TEST(WorkingCalendar, DeadlinesAcrossNationalDay) {
    const DeadlineCase cases[] = {
        {"2025-09-26", "2025-10-13", "2025-10-30", "2025-11-27", "the Friday before 国庆 2025"},
        {"2025-09-30", "2025-10-16", "2025-11-04", "2025-12-02", "the last working day before 国庆 2025"},
        {"2026-09-18", "2026-09-29", "2026-10-22", "2026-11-19", "the Friday before 国庆 2026"},
        {"2026-09-24", "2026-10-12", "2026-10-29", "2026-11-26", "the day before 中秋 2026"},
        {"2026-09-30", "2026-10-15", "2026-11-03", "2026-12-01", "the last working day before 国庆 2026"},
    };
    for (const DeadlineCase& k : cases) expectDeadlines(official(), k);
}

// Received on a day that is not worked, the period still starts the next day, and the
// first day counted is the next working day (民法典 Art. 201): a Saturday before a Monday
// counts like the Friday before it, and every day of a holiday like its eve.
//   2025-10-01 (holiday): Oct 9 Thu 1, Oct 10 2, Oct 11 Sat 3, Oct 13–16 4–7 → 补正 by
//   2025-10-16, the same as for Tuesday Sep 30.
TEST(WorkingCalendar, DeadlinesWhenReceivedOnADayOff) {
    const DeadlineCase cases[] = {
        {"2025-01-25", "2025-02-10", "2025-02-27", "2025-03-27", "Saturday before the worked Sunday"},
        {"2025-01-29", "2025-02-12", "2025-03-03", "2025-03-31", "大年初一 2025"},
        {"2025-10-01", "2025-10-16", "2025-11-04", "2025-12-02", "国庆节 2025"},
        {"2025-10-04", "2025-10-16", "2025-11-04", "2025-12-02", "a Saturday inside 国庆 2025"},
        {"2026-02-15", "2026-03-03", "2026-03-20", "2026-04-20", "the first day of 春节 2026"},
        {"2026-02-21", "2026-03-03", "2026-03-20", "2026-04-20", "a Saturday inside 春节 2026"},
        {"2026-10-03", "2026-10-15", "2026-11-03", "2026-12-01", "国庆节 2026"},
    };
    for (const DeadlineCase& k : cases) expectDeadlines(official(), k);
}

// A 调休 Saturday is an ordinary working day: the hall is open, and the day handed in is
// the receipt date like any other.
//   Received Sat 2025-02-08: Feb 10–14 1–5, Feb 17–18 6–7 → 补正 by 2025-02-18; Feb 19–21
//   8–10, Feb 24–28 11–15, Mar 3–7 16–20 → reply by Fri 2025-03-07.
TEST(WorkingCalendar, DeadlinesWhenReceivedOnAWorkedWeekendDay) {
    const DeadlineCase cases[] = {
        {"2025-01-26", "2025-02-11", "2025-02-28", "2025-03-28", "Sunday worked before 春节 2025"},
        {"2025-02-08", "2025-02-18", "2025-03-07", "2025-04-07", "Saturday worked after 春节 2025"},
        {"2025-09-28", "2025-10-14", "2025-10-31", "2025-11-28", "Sunday worked before 国庆 2025"},
        {"2026-02-14", "2026-03-03", "2026-03-20", "2026-04-20", "Saturday worked before 春节 2026"},
        {"2026-09-20", "2026-09-30", "2026-10-23", "2026-11-20", "Sunday worked before 国庆 2026"},
    };
    for (const DeadlineCase& k : cases) expectDeadlines(official(), k);
}

// Art. 33: one extension of at most 20 working days, counted on from the original deadline.
//   Reply due Mon 2025-03-03: Mar 4–7 1–4, Mar 10–14 5–9, Mar 17–21 10–14, Mar 24–28 15–19,
//   Mar 31 20 → extended to 2025-03-31.
TEST(WorkingCalendar, ExtensionAddsTwentyWorkingDaysToTheReplyDeadline) {
    const WorkingCalendar& c = official();
    const ApplicationDeadlines d = applicationDeadlines(c, "2025-01-27");
    EXPECT_EQ(d.reply.date, "2025-03-03");
    EXPECT_EQ(d.extended.date, "2025-03-31");
    EXPECT_EQ(c.workingDaysBetween(d.reply.date, d.extended.date), kExtensionWorkingDays);
    EXPECT_EQ(c.workingDaysBetween(d.received, d.extended.date), kReplyWorkingDays + kExtensionWorkingDays);
    // 清明 inside the reply period, 劳动节 inside the extension. From Thu 2025-03-20: Mar 21 1,
    // Mar 24–28 2–6, Mar 31 – Apr 3 7–10, Apr 4 清明 off, Apr 7–11 11–15, Apr 14–18 16–20
    // → reply by 2025-04-18; Apr 21–25 1–5, Apr 27 Sun worked 6, Apr 28–30 7–9, May 1–5
    // off, May 6–9 10–13, May 12–16 14–18, May 19–20 19–20 → extended to 2025-05-20.
    const ApplicationDeadlines may = applicationDeadlines(c, "2025-03-20");
    EXPECT_EQ(may.reply.date, "2025-04-18");
    EXPECT_EQ(may.extended.date, "2025-05-20");
}

// Art. 30: after a 补正 notice the reply period starts again from the day the corrected
// application is received, not from the first receipt.
//   First received Mon 2026-03-02 (reply would be due 2026-03-30); corrected application
//   received Mon 2026-03-16: Mar 17–20 1–4, Mar 23–27 5–9, Mar 30 – Apr 3 10–14, Apr 4–6
//   清明 off, Apr 7–10 15–18, Apr 13–14 19–20 → reply by Tue 2026-04-14.
TEST(WorkingCalendar, CorrectionRestartsTheReplyPeriod) {
    const WorkingCalendar& c = official();
    const ApplicationDeadlines first = applicationDeadlines(c, "2026-03-02");
    EXPECT_EQ(first.correctionNotice.date, "2026-03-11");
    EXPECT_EQ(first.reply.date, "2026-03-30");
    const ApplicationDeadlines corrected = applicationDeadlines(c, "2026-03-16");
    EXPECT_EQ(corrected.received, "2026-03-16");
    EXPECT_EQ(corrected.reply.date, "2026-04-14");
    EXPECT_EQ(corrected.extended.date, "2026-05-14");  // across 劳动节 2026, Saturday May 9 worked
    EXPECT_EQ(c.workingDaysBetween("2026-03-16", corrected.reply.date), 20);
}

// ---------------------------------------------------------------------------------------
// 5. Provisional dates
// ---------------------------------------------------------------------------------------
// Received Thu 2026-12-10 with no 2027 notice: Dec 11 1, Dec 14–18 2–6, Dec 21–25 7–11,
// Dec 28–31 12–15, Fri 2027-01-01 16 (a weekday, and nobody has said it is 元旦 yet),
// Jan 4–7 17–20 → 2027-01-07, provisional. The 补正 deadline stays in 2026 and is firm.
// With a (made-up) 2027 notice that gives Jan 1 off: Jan 4–8 16–20 → 2027-01-08, firm.
TEST(WorkingCalendar, DatesInAYearWithoutANoticeAreProvisional) {
    WorkingCalendar c = official();
    ApplicationDeadlines d = applicationDeadlines(c, "2026-12-10");
    EXPECT_EQ(d.correctionNotice.date, "2026-12-21");
    EXPECT_FALSE(d.correctionNotice.provisional);
    EXPECT_EQ(d.reply.date, "2027-01-07");
    EXPECT_TRUE(d.reply.provisional);
    EXPECT_EQ(d.extended.date, "2027-02-04");
    EXPECT_TRUE(d.extended.provisional);

    c.addYear(2027, {{"2027-01-01", false, "元旦"}, {"2027-02-06", false, "春节"}, {"2027-02-07", true, "春节"}});
    d = applicationDeadlines(c, "2026-12-10");
    EXPECT_EQ(d.reply.date, "2027-01-08");
    EXPECT_FALSE(d.reply.provisional);
    EXPECT_FALSE(d.extended.provisional);
    EXPECT_EQ(c.holidayName("2027-01-01"), "元旦");
    EXPECT_TRUE(c.isWorkingDay("2027-02-07"));  // a Sunday worked in the made-up notice
}

// The reply is firm but the extension runs into an unknown year: only the extension is
// provisional. And an extension counted from a provisional reply stays provisional even
// when its own days are all known.
TEST(WorkingCalendar, ProvisionalPassesFromReplyToExtension) {
    const ApplicationDeadlines late = applicationDeadlines(official(), "2026-11-12");
    EXPECT_EQ(late.reply.date, "2026-12-10");
    EXPECT_FALSE(late.reply.provisional);
    EXPECT_EQ(late.extended.date, "2027-01-07");
    EXPECT_TRUE(late.extended.provisional);

    WorkingCalendar only2026;
    only2026.addYear(2026, officialExceptions().at(2026));
    const ApplicationDeadlines early = applicationDeadlines(only2026, "2025-12-15");
    EXPECT_TRUE(early.reply.provisional);  // counts Dec 16–31 2025, a year not loaded
    EXPECT_EQ(early.reply.date, "2026-01-13");
    EXPECT_FALSE(only2026.addWorkingDays(early.reply.date, 20).provisional);
    EXPECT_EQ(early.extended.date, "2026-02-10");
    EXPECT_TRUE(early.extended.provisional);
}

// A notice may reach into the neighbouring year: the 2012 notice made Saturday 2011-12-31 a
// working day. Replacing the year removes what its notice said, also outside the year.
TEST(WorkingCalendar, NoticesReachIntoNeighbouringYearsAndAreReplacedWhole) {
    WorkingCalendar c;
    c.addYear(2012, {{"2011-12-31", true, "元旦"},
                     {"2012-01-02", false, "元旦"},
                     {"2012-01-03", false, "元旦"},
                     {"2014-01-01", false, "far away"}});
    EXPECT_TRUE(c.isWorkingDay("2011-12-31"));
    EXPECT_FALSE(c.isWorkingDay("2012-01-03"));
    EXPECT_TRUE(c.isWorkingDay("2014-01-01"));  // ignored: not part of the 2012 notice
    EXPECT_FALSE(c.hasYear(2011));
    EXPECT_TRUE(c.addWorkingDays("2011-12-30", 1).provisional);  // 2011 itself is not loaded

    c.addYear(2012, {{"2012-01-02", false, "元旦"}});
    EXPECT_FALSE(c.isWorkingDay("2011-12-31"));
    EXPECT_TRUE(c.isWorkingDay("2012-01-03"));
    EXPECT_FALSE(c.isWorkingDay("2012-01-02"));
    EXPECT_EQ(c.years(), (std::vector<int>{2012}));
}

// ---------------------------------------------------------------------------------------
// 6. Dates as text
// ---------------------------------------------------------------------------------------
TEST(WorkingCalendar, IsoDateStringsAreStrict) {
    for (const char* good : {"2025-01-01", "2024-02-29", "2000-02-29", "1900-02-28", "9999-12-31"})
        EXPECT_TRUE(isIsoDateString(good)) << good;
    for (const char* bad : {"", "2025-1-01", "2025-01-1", "20250101", "2025/01/01", "2025-01-01 ", " 2025-01-01",
                            "2025-00-10", "2025-13-01", "2025-04-31", "2023-02-29", "1900-02-29", "2025-02-30",
                            "0000-01-01", "２０２５-01-01", "2025-01-0x", "+025-01-01"})
        EXPECT_FALSE(isIsoDateString(bad)) << bad;
}
