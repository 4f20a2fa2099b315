// Loading response payloads, one per line (JSON Lines), into a store: what `manyi score` reads.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/response_store.h"

namespace manyi {

struct LineProblem
{
    int64_t     line = 0;   // from 1
    std::string message;
};

struct ResponseLinesResult
{
    int64_t lines = 0;        // lines read, blank ones included
    int64_t stored = 0;       // responses inserted
    int64_t skipped = 0;      // lines that were not a valid payload (see problems)
    int64_t duplicates = 0;   // ids already stored: counted once (delivery is at least once)
    int64_t other_survey = 0; // stored, but of a survey id other than expected_survey_id
    std::vector<LineProblem> problems;
};

// Each non-blank line must be one payload (docs/response-format.md); a bad line is skipped and
// reported with its number, never fatal. Stored as delivered (they came from an endpoint's log).
ResponseLinesResult InsertResponseLines(std::string_view text, const std::string& expected_survey_id, ResponseStore* store);

} // namespace manyi
