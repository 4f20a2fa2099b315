#include "core/response_lines.h"

#include "core/response.h"

namespace manyi {

ResponseLinesResult InsertResponseLines(std::string_view text, const std::string& expected_survey_id, ResponseStore* store)
{
    ResponseLinesResult result;
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
    return result;
}

} // namespace manyi
