// A survey definition: what to ask, in which languages. Loaded from JSON (docs/survey-format.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/localized_text.h"

namespace manyi {

enum class QuestionType { Rating, Text };

struct Question
{
    std::string   id;
    QuestionType  type = QuestionType::Rating;
    LocalizedText title;
    LocalizedText help;
    bool          required = false;

    // Rating: `points` grades, answered with the numbers first_value .. first_value+points-1.
    int                        points = 0;
    std::vector<LocalizedText> point_labels; // empty (numbers only) or exactly `points` labels
    std::string                preset;       // "satisfaction7" | "satisfaction5" | "" (explicit labels)
    int                        first_value = 1; // 1, or 0 for 0..10 scales such as recommend intent

    // Text: max_length counts code points.
    bool          multiline = false;
    int           max_length = 0;
    LocalizedText placeholder;
};

struct Survey
{
    int                      format_version = 1;
    std::string              id;
    std::string              version;
    std::string              default_locale;
    std::vector<std::string> locales;
    LocalizedText            title;
    LocalizedText            intro;
    LocalizedText            thanks;
    LocalizedText            next_steps;
    std::vector<Question>    questions;
};

struct SurveyProblem
{
    std::string path;    // JSON pointer to the offending value, e.g. "/questions/0/type"; "" = whole document
    std::string message;
};

struct SurveyParseResult
{
    Survey                     survey;
    std::vector<SurveyProblem> problems;
    bool ok() const { return problems.empty(); }
};

constexpr int kSurveyFormatVersion = 1;
constexpr int kRatingMinPoints = 2;
constexpr int kRatingMaxPoints = 11;
constexpr int kTextDefaultMaxLength = 1000;
constexpr int kTextMaxMaxLength = 10000;

// Collects every problem in the document, not just the first. `survey` is filled as far as the
// document allows, but is only meant to be used when ok().
SurveyParseResult ParseSurvey(std::string_view json_text);

// Every string shown to a respondent by this survey, in all locales, each once, in survey order
// (for building the font's glyph set).
std::vector<std::string> SurveyStrings(const Survey& survey);

// nullptr if the survey has no question with that id.
const Question* FindQuestion(const Survey& survey, std::string_view question_id);

// Labels of a rating preset ("satisfaction7", "satisfaction5") with zh-CN and en text, worst first;
// false for an unknown preset name.
bool RatingPresetLabels(std::string_view preset, std::vector<LocalizedText>* labels);

} // namespace manyi
