// Calendar arithmetic for UTC timestamps (proleptic Gregorian, no time zones, no leap seconds).
// Internal to the core; used by the ISO-8601 and HTTP-date code.
#pragma once
#include <cstdint>

namespace manyi {

// Days since 1970-01-01 of a civil date (month 1..12, day 1..31), and back.
// Howard Hinnant's algorithms: exact for every year representable here.
int64_t DaysFromCivil(int64_t year, int month, int day);
void    CivilFromDays(int64_t days, int64_t* year, int* month, int* day);
int     DaysInMonth(int64_t year, int month);

// Unix milliseconds of a UTC date and time; the caller validates the fields.
int64_t UnixMsFromUtc(int64_t year, int month, int day, int hour, int minute, int second, int millis);

} // namespace manyi
