// A survey definition: what to ask, in which languages, in which order, with which logic, and the
// complaint form. Loaded from JSON (docs/survey-format.md).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/expression.h"
#include "core/localized_text.h"

namespace manyi {

enum class QuestionType { Rating, Text, Nps, Ces, Single, Multiple, Contact, Consent, Matrix, Servqual, Kano };

enum class RatingDisplay { Numbers, Stars, Smileys };
enum class TextInput { Text, Number, Phone, Email };
enum class ServqualDimension { Reliability, Responsiveness, Assurance, Empathy, Tangibles };
enum class ContactField { Name, Phone, Email };

// An option of a single/multiple choice question, or one of the five Kano answers.
struct Choice
{
    std::string   value;
    LocalizedText label;
};

// A matrix row, servqual item or kano feature.
struct SubItem
{
    std::string       id;
    LocalizedText     label;
    ServqualDimension dimension = ServqualDimension::Reliability; // servqual
    LocalizedText     functional;    // kano: "If it had {feature}, how would you feel?" (filled in)
    LocalizedText     dysfunctional; // kano: "If it did not have {feature}, ..."
};

struct ContactFieldSpec
{
    ContactField  field = ContactField::Name;
    bool          required = false;
    LocalizedText label;
    bool          personal_data = true; // always, today: the payload marks the answer
};

struct Question
{
    std::string   id;
    QuestionType  type = QuestionType::Rating;
    LocalizedText title;
    LocalizedText help;
    bool          required = false;
    int           page = 0;            // index into Survey::pages

    // Logic (docs/survey-format.md "Logic"); empty = always visible / only `required`.
    Expression visible_if;
    Expression required_if;

    // Rating, Nps, Ces, Matrix, Servqual: the scale. `points` grades answered with the numbers
    // first_value .. first_value+points-1, worst first. Nps: 11 points from 0; Ces: 7 from 1.
    int                        points = 0;
    std::vector<LocalizedText> point_labels; // empty (numbers only) or exactly `points` labels
    std::string                preset;       // "satisfaction7" | "satisfaction5" | "" (explicit labels)
    int                        first_value = 1; // 1, or 0 for 0..10 scales such as recommend intent
    RatingDisplay              display = RatingDisplay::Numbers;
    LocalizedText              low_label;    // Nps: under 0; Servqual: unused
    LocalizedText              high_label;   // Nps: under 10

    // Text: max_length counts code points.
    bool          multiline = false;
    int           max_length = 0;
    LocalizedText placeholder;
    TextInput     input = TextInput::Text;
    bool          has_min = false, has_max = false; // Text with input Number
    double        min = 0, max = 0;

    // Single, Multiple: options. Kano: the five standard answers (like … dislike).
    std::vector<Choice> options;
    int                 min_choices = 0;  // Multiple; 0 = no minimum
    int                 max_choices = 0;  // Multiple; 0 = no maximum

    // Matrix rows, Servqual items, Kano features.
    std::vector<SubItem> items;
    LocalizedText        expectation_label; // Servqual
    LocalizedText        perception_label;  // Servqual

    // Contact.
    std::vector<ContactFieldSpec> contact_fields;

    // Consent: the checkbox label and an optional link after it.
    LocalizedText consent_text;
    LocalizedText link_text;
    std::string   link_url;
};

struct Page
{
    std::string      id;
    LocalizedText    title;
    LocalizedText    intro;
    Expression       visible_if;
    std::vector<int> questions;      // indices into Survey::questions, in order
    bool             complaint = false; // one of the complaint form's pages
};

enum class EndAction { End, Complaint };

struct EndRule
{
    Expression condition;
    EndAction  action = EndAction::End;
    int        after_page = 0; // checked when leaving this page or a later one (last page it refers to)
};

// The complaint form's questions are ordinary questions with these ids.
constexpr const char* kComplaintType = "complaint.type";
constexpr const char* kComplaintCause = "complaint.cause";
constexpr const char* kComplaintDescription = "complaint.description";
constexpr const char* kComplaintWish = "complaint.wish";
constexpr const char* kComplaintUrgency = "complaint.urgency";
constexpr const char* kComplaintOrder = "complaint.order";
constexpr const char* kComplaintCallback = "complaint.callback";
constexpr const char* kComplaintContact = "complaint.contact";
constexpr const char* kComplaintChannel = "complaint.channel";
constexpr const char* kComplaintTime = "complaint.time";

struct ComplaintConfig
{
    bool          enabled = false;     // the survey has a `complaint` section
    std::string   trigger_question;    // "" = no trigger
    int           trigger_at_or_below = 0;
    bool          entry = true;        // offer "make a complaint / suggestion"
    LocalizedText entry_label;
    LocalizedText title;
    LocalizedText intro;
    int           response_window_hours = 24;
    LocalizedText promise;             // with "{hours}"; see ComplaintPromise()
    LocalizedText thanks;
    LocalizedText next_steps;
    std::vector<int> pages;            // indices into Survey::pages (after the survey's own)
};

// Look of the widget for this survey; the mount option `theme` overrides it field by field.
struct SurveyTheme
{
    bool  has_accent = false;
    uint32_t accent_rgb = 0;    // from "#rrggbb"
    float corner_radius = -1;   // CSS px, 0..32; < 0 = the widget's default
    float font_scale = 0;       // 0.75..2; 0 = the widget's default (1)
};

// How scores are computed for this survey (the optional `scores` object; docs/scores.md).
constexpr int kScoreDefaultMinN = 10;
constexpr int kServqualDimensionCount = 5;

struct ScoreValueSet
{
    std::string      question_id; // a rating or matrix question
    std::vector<int> values;      // grades on that question's scale, ascending, no duplicates
};

struct ScoreConfig
{
    int                        min_n = kScoreDefaultMinN; // below this many answers a score is not shown
    std::vector<ScoreValueSet> satisfied;  // overrides the default "satisfied" grades per question
    std::vector<ScoreValueSet> top_box;    // overrides the default CSAT top-2-box per question
    bool   has_weights = false;            // servqual_weights given
    double dimension_weights[kServqualDimensionCount] = { 1, 1, 1, 1, 1 }; // by ServqualDimension; relative
};

// "#1d64d8" → 0x1d64d8; false for anything else.
bool ParseHexColor(std::string_view text, uint32_t* rgb);

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
    // Every question of every page, survey pages first, then the complaint form's, in page order.
    std::vector<Question>    questions;
    // The survey's pages, then the complaint form's (Page::complaint). Never empty once parsed.
    std::vector<Page>        pages;
    std::vector<EndRule>     end_rules;
    ComplaintConfig          complaint;
    SurveyTheme              theme;
    ScoreConfig              scores;
};

struct SurveyProblem
{
    std::string path;    // JSON pointer to the offending value, e.g. "/questions/0/type"; "" = whole document
    std::string message;
    bool        warning = false; // the survey still runs; `manyi validate` still exits 1
};

struct SurveyParseResult
{
    Survey                     survey;
    std::vector<SurveyProblem> problems;
    // No errors (warnings allowed): the survey may be shown.
    bool ok() const
    {
        for (const SurveyProblem& p : problems)
            if (!p.warning)
                return false;
        return true;
    }
};

constexpr int kSurveyFormatVersion = 1;
constexpr int kRatingMinPoints = 2;
constexpr int kRatingMaxPoints = 11;
constexpr int kTextDefaultMaxLength = 1000;
constexpr int kTextMaxMaxLength = 10000;
constexpr size_t kSurveyMaxBytes = 5 * 1024 * 1024;
constexpr int kSurveyMaxDepth = 64;
constexpr int kSurveyMaxStringLength = 10000; // code points, any string
constexpr int kSurveyMaxQuestions = 500;
constexpr int kSurveyMaxPages = 100;
constexpr int kSurveyMaxListItems = 100;      // options, rows, items, features, fields
constexpr int kComplaintMaxWindowHours = 720;

// Collects every problem in the document, not just the first. `survey` is filled as far as the
// document allows, but is only meant to be used when ok().
SurveyParseResult ParseSurvey(std::string_view json_text);

// Every string shown to a respondent by this survey, in all locales, each once, in survey order
// (for building the font's glyph set); includes built-in labels and validation messages.
std::vector<std::string> SurveyStrings(const Survey& survey);

// nullptr if the survey has no question with that id.
const Question* FindQuestion(const Survey& survey, std::string_view question_id);
int FindQuestionIndex(const Survey& survey, std::string_view question_id); // -1 if none

// Labels of a rating preset ("satisfaction7", "satisfaction5") with zh-CN and en text, worst first;
// false for an unknown preset name.
bool RatingPresetLabels(std::string_view preset, std::vector<LocalizedText>* labels);

// Names used in the format and the payload.
const char* QuestionTypeName(QuestionType t);          // "rating", "nps", ...
const char* ServqualDimensionName(ServqualDimension d); // "reliability", ...
const char* ContactFieldName(ContactField f);          // "name", "phone", "email"
LocalizedText ServqualDimensionLabel(ServqualDimension d); // 可靠性 / reliability, ...

// The five Kano answers, in the standard order: like, must-be, neutral, live-with, dislike.
std::vector<Choice> KanoAnswers();

// The Kano category of a functional/dysfunctional answer pair (standard evaluation table):
// "attractive", "one-dimensional", "must-be", "indifferent", "reverse", "questionable";
// "" if either answer is not one of the five.
const char* KanoCategory(std::string_view functional, std::string_view dysfunctional);

// The complaint promise in `locale` with {hours} filled in: "我们将在 24 小时内与您联系。"
std::string ComplaintPromise(const Survey& survey, std::string_view locale);

// True if the survey offers the standalone "make a complaint / suggestion" entry.
bool ComplaintEntryAvailable(const Survey& survey);

} // namespace manyi
