#include "working_calendar.h"

#include <algorithm>
#include <stdexcept>

#include "civil_date.h"

// Section index
//   1. Dates as day numbers
//   2. WorkingCalendar
//   3. Application deadlines

namespace zwgk {

// ---------------------------------------------------------------------------------------
// 1. Dates as day numbers
// ---------------------------------------------------------------------------------------
namespace {

int daysInMonth(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// The day number of a strict YYYY-MM-DD date, or nothing.
std::optional<int64_t> parseDay(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p)
        for (size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (text[i] < '0' || text[i] > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (text[i] - '0');
        }
    const auto [year, month, day] = parts;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return std::nullopt;
    return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

int64_t requireDay(std::string_view text) {
    if (auto day = parseDay(text)) return *day;
    throw std::invalid_argument("not a YYYY-MM-DD date: " + std::string(text));
}

int yearOf(int64_t day) {
    int y = 0, m = 0, d = 0;
    civilFromDays(day, y, m, d);
    return y;
}

std::string isoOf(int64_t day) {
    int y = 0, m = 0, d = 0;
    civilFromDays(day, y, m, d);
    return isoDate(y, m, d);
}

// Monday to Friday. 1970-01-01 (day 0) was a Thursday.
bool isWeekday(int64_t day) {
    const int64_t sundayBased = ((day % 7) + 7 + 4) % 7;  // 0 Sunday … 6 Saturday
    return sundayBased >= 1 && sundayBased <= 5;
}

}  // namespace

bool isIsoDateString(std::string_view text) { return parseDay(text).has_value(); }

// ---------------------------------------------------------------------------------------
// 2. WorkingCalendar
// ---------------------------------------------------------------------------------------
void WorkingCalendar::addYear(int year, const std::vector<CalendarException>& exceptions) {
    // Replacing a year drops everything its previous notice said, also just outside the year.
    std::erase_if(days_, [year](const auto& entry) { return entry.second.notice == year; });
    for (const CalendarException& e : exceptions) {
        const int64_t day = requireDay(e.date);
        const int dayYear = yearOf(day);
        // A notice may reach into a neighbouring year (the 2012 notice made Saturday
        // 2011-12-31 a working day); anything farther is not part of this notice.
        if (dayYear < year - 1 || dayYear > year + 1) continue;
        days_[day] = Day{e.working, e.working ? std::string() : e.holiday, year};
    }
    years_.insert(year);
}

bool WorkingCalendar::hasYear(int year) const { return years_.contains(year); }

std::vector<int> WorkingCalendar::years() const { return {years_.begin(), years_.end()}; }

bool WorkingCalendar::isWorking(int64_t day) const {
    if (auto it = days_.find(day); it != days_.end()) return it->second.working;
    return isWeekday(day);
}

bool WorkingCalendar::isWorkingDay(std::string_view date) const { return isWorking(requireDay(date)); }

std::string WorkingCalendar::holidayName(std::string_view date) const {
    auto it = days_.find(requireDay(date));
    return it == days_.end() ? std::string() : it->second.holiday;
}

DueDate WorkingCalendar::addWorkingDays(std::string_view from, int n) const {
    if (n < 1) throw std::invalid_argument("addWorkingDays needs n >= 1");
    int64_t day = requireDay(from);
    bool provisional = false;
    for (int counted = 0; counted < n;) {
        ++day;
        if (!hasYear(yearOf(day))) provisional = true;
        if (isWorking(day)) ++counted;
    }
    return DueDate{isoOf(day), provisional};
}

int WorkingCalendar::workingDaysBetween(std::string_view from, std::string_view to) const {
    const int64_t a = requireDay(from), b = requireDay(to);
    const int64_t lo = std::min(a, b), hi = std::max(a, b);
    int count = 0;
    for (int64_t day = lo + 1; day <= hi; ++day) count += isWorking(day) ? 1 : 0;
    return b < a ? -count : count;
}

// ---------------------------------------------------------------------------------------
// 3. Application deadlines
// ---------------------------------------------------------------------------------------
ApplicationDeadlines applicationDeadlines(const WorkingCalendar& calendar, std::string_view received) {
    ApplicationDeadlines d;
    d.received = std::string(received);
    d.reply = calendar.addWorkingDays(received, kReplyWorkingDays);
    // The extension counts on from the original deadline, so it inherits its uncertainty.
    d.extended = calendar.addWorkingDays(d.reply.date, kExtensionWorkingDays);
    d.extended.provisional = d.extended.provisional || d.reply.provisional;
    d.correctionNotice = calendar.addWorkingDays(received, kCorrectionWorkingDays);
    return d;
}

}  // namespace zwgk
