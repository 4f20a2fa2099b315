// FormatIsoUtc / ParseIsoUtc (declared in response.h, where timestamps are used).
#include "core/response.h"

#include <cstdio>

#include "core/civil_time.h"

namespace manyi {

static const int64_t kMinIsoMs = -62167219200000;  // 0000-01-01T00:00:00.000Z
static const int64_t kMaxIsoMs = 253402300799999;  // 9999-12-31T23:59:59.999Z

std::string FormatIsoUtc(int64_t unix_ms)
{
    if (unix_ms < kMinIsoMs) unix_ms = kMinIsoMs;
    if (unix_ms > kMaxIsoMs) unix_ms = kMaxIsoMs;
    // Floor division: -1 ms is 1969-12-31T23:59:59.999, not 1970-01-01T00:00:00.-01.
    int64_t days = unix_ms / 86400000;
    int64_t ms_of_day = unix_ms % 86400000;
    if (ms_of_day < 0) { ms_of_day += 86400000; days -= 1; }
    int64_t year = 0;
    int month = 0, day = 0;
    CivilFromDays(days, &year, &month, &day);
    char buf[32];
    snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int)year, month, day,
             (int)(ms_of_day / 3600000), (int)(ms_of_day / 60000 % 60), (int)(ms_of_day / 1000 % 60), (int)(ms_of_day % 1000));
    return buf;
}

// Reads exactly `count` digits at *pos.
static bool ReadDigits(std::string_view s, size_t* pos, int count, int* out)
{
    if (*pos + count > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < count; i++)
    {
        const char c = s[*pos + i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *pos += count;
    *out = v;
    return true;
}

static bool Expect(std::string_view s, size_t* pos, char c)
{
    if (*pos >= s.size() || s[*pos] != c)
        return false;
    *pos += 1;
    return true;
}

bool ParseIsoUtc(std::string_view s, int64_t* unix_ms)
{
    size_t pos = 0;
    int year, month, day, hour, minute, second;
    if (!ReadDigits(s, &pos, 4, &year) || !Expect(s, &pos, '-') || !ReadDigits(s, &pos, 2, &month) || !Expect(s, &pos, '-') ||
        !ReadDigits(s, &pos, 2, &day))
        return false;
    if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't'))
        return false;
    pos++;
    if (!ReadDigits(s, &pos, 2, &hour) || !Expect(s, &pos, ':') || !ReadDigits(s, &pos, 2, &minute) || !Expect(s, &pos, ':') ||
        !ReadDigits(s, &pos, 2, &second))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        return false;

    int millis = 0;
    if (pos < s.size() && s[pos] == '.')
    {
        pos++;
        int digits = 0;
        for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; pos++, digits++)
            if (digits < 3)
                millis = millis * 10 + (s[pos] - '0');
        if (digits == 0 || digits > 9)
            return false;
        for (int i = digits; i < 3; i++)
            millis *= 10;
    }

    int offset_minutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z'))
        pos++;
    else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-'))
    {
        const int sign = s[pos] == '-' ? -1 : 1;
        pos++;
        int oh, om;
        if (!ReadDigits(s, &pos, 2, &oh) || !Expect(s, &pos, ':') || !ReadDigits(s, &pos, 2, &om) || oh > 23 || om > 59)
            return false;
        offset_minutes = sign * (oh * 60 + om);
    }
    else
        return false;
    if (pos != s.size())
        return false;

    *unix_ms = UnixMsFromUtc(year, month, day, hour, minute, second, millis) - (int64_t)offset_minutes * 60000;
    return true;
}

} // namespace manyi
