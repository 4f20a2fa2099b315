#include "core/response_lines.h"

#include "core/response.h"

namespace manyi {

ResponseLinesResult InsertResponseLines(std::string_view text, const std::string& expected_survey_id, ResponseStore* store)
{
    ResponseLinesResult result;
    // One transaction for the file: one commit, and the score counters written once per row at
    // the end instead of with every response (ResponseStore::BeginBulk).
    std::string bulk_error;
    store->BeginBulk(&bulk_error);
    size_t start = 0;
    while (start < text.size())
    {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        result.lines++;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue; // blank lines are allowed (a trailing newline, spacing)
        Response r;
        std::string error;
        if (!ResponseFromJson(line, &r, &error))
        {
            result.problems.push_back({ result.lines, error });
            result.skipped++;
            continue;
        }
        if (store->Contains(r.id))
        {
            result.duplicates++;
            continue;
        }
        if (!store->Insert(r, ResponseToJson(r), DeliveryState::Delivered, &error))
        {
            result.problems.push_back({ result.lines, error });
            result.skipped++;
            continue;
        }
        result.stored++;
        if (r.survey_id != expected_survey_id)
            result.other_survey++;
    }
    if (!store->EndBulk(&bulk_error))
    {
        // Nothing of the file is stored: say so rather than score an empty store.
        result.problems.push_back({ result.lines, "the responses could not be committed: " + bulk_error });
        result.skipped += result.stored;
        result.stored = result.other_survey = 0;
    }
    return result;
}

} // namespace manyi
