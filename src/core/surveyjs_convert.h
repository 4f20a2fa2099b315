// Import of SurveyJS survey JSON (the format SurveyJS Creator saves) into the Manyi survey format
// (docs/survey-format.md). What is converted, and how, is in docs/surveyjs-import.md.
// Never throws; the result lists every element or property that could not be converted (or was
// changed on the way) with its JSON pointer in the SurveyJS document.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

struct SurveyJsConvertOptions
{
    std::string id;     // the survey id; "" = a slug of the title ("survey" if that gives nothing)
    std::string locale; // the locale of SurveyJS "default" texts; "" = the SurveyJS `locale`, else "en"
};

struct SurveyJsNote
{
    std::string path;    // JSON pointer into the SurveyJS document; "" = the whole document
    std::string message; // "question type \"file\" has no Manyi equivalent; skipped"
};

struct SurveyJsConvertResult
{
    bool                      readable = false; // false: not JSON, or not a SurveyJS survey object (see error)
    std::string               error;            // why the input could not be read
    std::string               survey_json;      // the Manyi survey, indented, with a trailing newline
    std::vector<SurveyJsNote> notes;            // in document order
};

SurveyJsConvertResult ConvertSurveyJs(std::string_view surveyjs_json, const SurveyJsConvertOptions& options);

// "PATH: message" with "(root)" for the whole document, as `manyi convert` prints it.
std::string FormatSurveyJsNote(const SurveyJsNote& note);

} // namespace manyi
