// CSV exports of scores and raw responses (docs/scores.md "CSV"): RFC 4180 (comma, CRLF, fields
// with a comma, quote, CR or LF quoted and quotes doubled), UTF-8 with a byte-order mark so Excel
// reads Chinese correctly, and text cells guarded against formula injection.
#pragma once
#include <string>
#include <string_view>

#include "core/response_store.h"
#include "core/scores.h"
#include "core/survey.h"

namespace manyi {

// One text cell: quoted when needed; a cell starting with = + - @ TAB or CR gets a leading '
// so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").
std::string CsvTextCell(std::string_view text);

// Every score of the report, one per row: question, part, score, n, count, value, low, high, status.
std::string ScoresToCsv(const ScoreReport& report);

// One row per response of the query (oldest first), one column per question or sub-answer of the
// survey. Answers to questions the survey does not have are not exported.
std::string ResponsesToCsv(const Survey& survey, const ResponseStore& store, const ScoreQuery& query);

} // namespace manyi
