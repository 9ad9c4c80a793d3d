// Calendar arithmetic on plain dates (proleptic Gregorian, no time zones): the content's
// YYYY-MM-DD fields, the working-day calendar and the synthetic corpus all count days.
#pragma once

#include <cstdint>
#include <string>

namespace zwgk {

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
int64_t daysFromCivil(int year, unsigned month, unsigned day);
// The date DAYS days after 1970-01-01.
void civilFromDays(int64_t days, int& year, int& month, int& day);
// "2026-11-25"
std::string isoDate(int year, int month, int day);

}  // namespace zwgk
