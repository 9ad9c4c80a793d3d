// The working-day calendar and the statutory deadlines of a 政府信息公开申请.
//
// Working days follow the State Council's holiday notice for each year: weekends are off,
// public holidays are off, and 调休 weekend days are working days. A year whose notice is not
// in the content counts weekends only, and every date that depends on such a year is
// provisional (预计): shown as such everywhere.
//
// Periods are counted as the 民法典 (Art. 201) counts them: the day of the event is not
// counted, the first day is the next working day, and the deadline is the last working day
// of the period.
//   Art. 33: reply within 20 working days of the receipt date; one extension of at most 20
//            working days, counted on from the original deadline.
//   Art. 30: a 补正 notice within 7 working days of receipt; the reply period then restarts
//            from the day the corrected application is received.
//   Art. 31: a submission at the terminal counts as handed in that day (the receipt date).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain.h"

namespace zwgk {

inline constexpr int kReplyWorkingDays = 20;       // Art. 33 (1)
inline constexpr int kExtensionWorkingDays = 20;   // Art. 33 (2), at most
inline constexpr int kCorrectionWorkingDays = 7;   // Art. 30

// A computed date and whether it rests on a year without an official calendar.
struct DueDate {
    std::string date;          // YYYY-MM-DD
    bool provisional = false;  // some day counted lies in a year that is not loaded
};

class WorkingCalendar {
public:
    // Adds YEAR with its exceptions (CalendarException: holidays working=false, 调休 days
    // working=true). A notice may reach into the neighbouring years (the 2012 notice made
    // Saturday 2011-12-31 a working day), so those days are kept; farther ones are ignored.
    // Adding a year again replaces everything its notice said. Malformed dates throw
    // std::invalid_argument.
    void addYear(int year, const std::vector<CalendarException>& exceptions);
    bool hasYear(int year) const;
    std::vector<int> years() const;  // ascending

    // True for a working day. Dates in years that are not loaded follow the weekend rule.
    // DATE must be YYYY-MM-DD (std::invalid_argument otherwise).
    bool isWorkingDay(std::string_view date) const;
    // The holiday name of DATE ("春节"), or empty (also for a 调休 day, which is worked).
    std::string holidayName(std::string_view date) const;

    // The N-th working day after FROM (FROM itself is not counted); N >= 1 (else
    // std::invalid_argument). Provisional when any day after FROM up to the result lies in a
    // year that is not loaded.
    DueDate addWorkingDays(std::string_view from, int n) const;
    // Working days in (FROM, TO]; negative when TO is before FROM.
    int workingDaysBetween(std::string_view from, std::string_view to) const;

private:
    // One day that differs from the weekend rule.
    struct Day {
        bool working = false;  // true: a 调休 weekend day worked; false: a holiday
        std::string holiday;   // the holiday's name; empty for a worked day
        int notice = 0;        // the year whose notice set it (replaced with that year)
    };
    bool isWorking(int64_t day) const;

    std::set<int> years_;          // loaded years
    std::map<int64_t, Day> days_;  // day number → exception
};

// The deadlines of one application, from the day it was received (or the day the corrected
// application was received, after a 补正 notice).
struct ApplicationDeadlines {
    std::string received;      // YYYY-MM-DD the period starts from
    DueDate reply;             // Art. 33: 20 working days
    DueDate extended;          // Art. 33: reply + 20 more working days, if extended
    DueDate correctionNotice;  // Art. 30: last day for a 补正 notice (7 working days)
};
ApplicationDeadlines applicationDeadlines(const WorkingCalendar& calendar, std::string_view received);

// True when TEXT is a real calendar date written YYYY-MM-DD.
bool isIsoDateString(std::string_view text);

}  // namespace zwgk
