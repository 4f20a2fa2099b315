// The file name of every download (dashboard, w.download(), the operator panel's Export tab):
// manyi-<survey id>-<kind>-<from>_<to>.<ext>, with the local dates the file covers.
#pragma once
#include <cstdint>
#include <string>

#include "core/response_store.h"
#include "core/scores.h"

namespace manyi {

// `kind` "scores" | "responses", `ext` "csv" | "json". The dates are local days at
// query.utc_offset_minutes: `from` is the window's first day, `to` its last (the day before an
// exclusive end at midnight). An open start is the first stored response's day, an open end
// today's (now_ms). With both ends open, the first and last responses' days, or "all_<today>"
// when there is none. Characters of the survey id that are not [A-Za-z0-9._-] become '_'.
std::string ExportFileName(const std::string& survey_id, const std::string& kind, const std::string& ext, const ScoreQuery& query,
                           const ResponseStore& store, int64_t now_ms);

// "2026-11-23": the local date of a Unix ms time at UTC + utc_offset_minutes.
std::string LocalDate(int64_t unix_ms, int utc_offset_minutes);

} // namespace manyi
