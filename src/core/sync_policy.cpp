#include "core/sync_policy.h"

#include "core/civil_time.h"

namespace manyi {

DeliveryVerdict ClassifyHttpStatus(int status)
{
    if (status >= 200 && status <= 299)
        return DeliveryVerdict::Delivered;
    if (status == 401 || status == 403)
        return DeliveryVerdict::PauseAuth;
    if (status == 413)
        return DeliveryVerdict::SplitBatch;
    if (status == 408 || status == 425 || status == 429)
        return DeliveryVerdict::Retry;
    if (status >= 400 && status <= 499)
        return DeliveryVerdict::Park;
    return DeliveryVerdict::Retry; // 0, 1xx, 3xx, 5xx, nonsense
}

int64_t BackoffDelayMs(int attempt, double random01, int64_t retry_after_ms)
{
    if (attempt < 0)
        attempt = 0;
    // 2^9 s already exceeds the cap; stop doubling before the shift can overflow.
    int64_t ceiling = kBackoffCapMs;
    if (attempt < 20)
    {
        const int64_t exp = kBackoffBaseMs << attempt;
        if (exp < ceiling)
            ceiling = exp;
    }
    if (!(random01 >= 0.0)) random01 = 0.0; // also catches NaN
    if (random01 > 1.0) random01 = 1.0;
    int64_t delay = (int64_t)(random01 * (double)ceiling);
    if (retry_after_ms > 0 && delay < retry_after_ms)
        delay = retry_after_ms;
    return delay < kBackoffCapMs ? delay : kBackoffCapMs;
}

static std::string_view Trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n'))
        s.remove_suffix(1);
    return s;
}

static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Cursor over an HTTP-date; each Read* consumes on success.
struct DateReader
{
    std::string_view s;
    size_t           pos = 0;

    bool Literal(std::string_view lit)
    {
        if (s.substr(pos, lit.size()) != lit)
            return false;
        pos += lit.size();
        return true;
    }
    bool Number(int min_digits, int max_digits, int* out)
    {
        int v = 0, n = 0;
        while (pos < s.size() && IsDigit(s[pos]) && n < max_digits)
        {
            v = v * 10 + (s[pos++] - '0');
            n++;
        }
        *out = v;
        return n >= min_digits;
    }
    bool Month(int* out)
    {
        static const char* kMonths[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        for (int m = 0; m < 12; m++)
            if (Literal(kMonths[m])) { *out = m + 1; return true; }
        return false;
    }
    // Day names are informative only; RFC 9110 has recipients accept any that is spelled right.
    bool DayName(bool long_form)
    {
        static const char* kShort[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
        static const char* kLong[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        for (int d = 0; d < 7; d++)
            if (Literal(long_form ? kLong[d] : kShort[d]))
                return true;
        return false;
    }
    bool Time(int* h, int* m, int* sec)
    {
        return Number(2, 2, h) && Literal(":") && Number(2, 2, m) && Literal(":") && Number(2, 2, sec);
    }
    bool AtEnd() const { return pos == s.size(); }
};

// "Sun, 06 Nov 1994 08:49:37 GMT" | "Sunday, 06-Nov-94 08:49:37 GMT" | "Sun Nov  6 08:49:37 1994"
static bool ParseHttpDate(std::string_view s, int64_t* unix_ms)
{
    int year = 0, month = 0, day = 0, h = 0, m = 0, sec = 0;
    bool ok = false;
    {
        DateReader r{ s };
        ok = r.DayName(false) && r.Literal(", ") && r.Number(2, 2, &day) && r.Literal(" ") && r.Month(&month) && r.Literal(" ") &&
             r.Number(4, 4, &year) && r.Literal(" ") && r.Time(&h, &m, &sec) && r.Literal(" GMT") && r.AtEnd();
    }
    if (!ok)
    {
        DateReader r{ s };
        ok = r.DayName(true) && r.Literal(", ") && r.Number(2, 2, &day) && r.Literal("-") && r.Month(&month) && r.Literal("-") &&
             r.Number(2, 2, &year) && r.Literal(" ") && r.Time(&h, &m, &sec) && r.Literal(" GMT") && r.AtEnd();
        // RFC 9110: a two-digit year more than 50 years in the future means the previous century.
        // Pinned to 1970..2069 rather than "now" so parsing stays a pure function of the text.
        if (ok)
            year += year < 70 ? 2000 : 1900;
    }
    if (!ok)
    {
        DateReader r{ s };
        ok = r.DayName(false) && r.Literal(" ") && r.Month(&month) && r.Literal(" ") && (r.Literal(" ") || true) &&
             r.Number(1, 2, &day) && r.Literal(" ") && r.Time(&h, &m, &sec) && r.Literal(" ") && r.Number(4, 4, &year) && r.AtEnd();
    }
    if (!ok || day < 1 || day > DaysInMonth(year, month) || h > 23 || m > 59 || sec > 60)
        return false;
    if (sec == 60) // a leap second: the next instant is what matters for a retry time
        sec = 59;
    *unix_ms = UnixMsFromUtc(year, month, day, h, m, sec, 0);
    return true;
}

int64_t ParseRetryAfterMs(std::string_view header_value, int64_t now_ms)
{
    const std::string_view v = Trim(header_value);
    if (v.empty())
        return -1;
    if (IsDigit(v[0]))
    {
        int64_t seconds = 0;
        for (char c : v)
        {
            if (!IsDigit(c))
                return -1;
            // Anything beyond a year is as good as "much later"; saturate instead of overflowing.
            if (seconds < 365LL * 86400)
                seconds = seconds * 10 + (c - '0');
        }
        if (seconds > 365LL * 86400)
            seconds = 365LL * 86400;
        return seconds * 1000;
    }
    int64_t date_ms = 0;
    if (!ParseHttpDate(v, &date_ms))
        return -1;
    return date_ms > now_ms ? date_ms - now_ms : 0;
}

} // namespace manyi
