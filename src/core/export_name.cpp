#include "core/export_name.h"

#include <cstdio>

#include "core/civil_time.h"

namespace manyi {

std::string LocalDate(int64_t unix_ms, int utc_offset_minutes)
{
    const int64_t day = 86400000, local = unix_ms + (int64_t)utc_offset_minutes * 60000;
    const int64_t days = local >= 0 ? local / day : (local - day + 1) / day; // floor, before 1970 too
    int64_t year = 0;
    int month = 0, mday = 0;
    CivilFromDays(days, &year, &month, &mday);
    char text[24];
    snprintf(text, sizeof text, "%04lld-%02d-%02d", (long long)year, month, mday);
    return text;
}

static std::string SafeName(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out += ok ? c : '_';
    }
    return out.empty() ? "survey" : out;
}

std::string ExportFileName(const std::string& survey_id, const std::string& kind, const std::string& ext, const ScoreQuery& query,
                           const ResponseStore& store, int64_t now_ms)
{
    const int offset = query.utc_offset_minutes;
    AnswerFilter f;
    f.survey_id = survey_id;
    f.survey_version = query.survey_version;
    f.from_ms = query.from_ms;
    f.to_ms = query.to_ms;
    int64_t first = 0, last = 0;
    const bool any = store.ResponseTimeSpan(f, &first, &last);
    std::string span;
    if (!query.from_ms && !query.to_ms)
        span = any ? LocalDate(first, offset) + "_" + LocalDate(last, offset) : "all_" + LocalDate(now_ms, offset);
    else
    {
        const std::string from = query.from_ms ? LocalDate(query.from_ms, offset) : any ? LocalDate(first, offset) : "start";
        const std::string to = query.to_ms ? LocalDate(query.to_ms - 1, offset) : LocalDate(now_ms, offset);
        span = from + "_" + to;
    }
    return "manyi-" + SafeName(survey_id) + "-" + kind + "-" + span + "." + ext;
}

} // namespace manyi
