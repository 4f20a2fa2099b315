// A respondent's way through a survey, as plain data plus free functions: the UI keeps a Session,
// writes answers into it, asks what to show, and calls Next/Back; the core decides visibility,
// required-ness, validation (messages in the respondent's locale), page skips, end rules, the
// complaint route, progress, and finally builds the Response. See docs/survey-format.md.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/response.h"
#include "core/survey.h"

namespace manyi {

enum class ValidationCode { Required, TooLong, NotANumber, OutOfRange, Phone, Email, TooFewChoices, TooManyChoices, Incomplete };

struct QuestionError
{
    int            question = -1;  // index into Survey::questions
    std::string    question_id;
    std::string    field;          // contact field ("phone"), or "" for the whole question
    ValidationCode code = ValidationCode::Required;
    std::string    message;        // in the session's locale (zh or en; other locales get en)
};

enum class ComplaintOrigin { None, Trigger, Rule, Entry };

struct Session
{
    std::string              locale;
    std::vector<AnswerValue> answers;          // one per Survey::questions; the UI writes these
    int                      page = 0;         // current page, index into Survey::pages
    std::vector<int>         history;          // pages left with Next, for Back
    bool                     complaint_only = false; // started from the complaint entry
    bool                     finished = false; // Next on the last page passed: build the response
    int64_t                  started_at_ms = 0;
    std::vector<QuestionError> errors;         // of the current page, from the last Next
};

// A new session on the first visible page.
Session StartSession(const Survey& survey, std::string_view locale, int64_t now_ms);
// The standalone "make a complaint / suggestion" flow: only the complaint form's pages.
// Requires ComplaintEntryAvailable(survey); otherwise the session is finished at once.
Session StartComplaint(const Survey& survey, std::string_view locale, int64_t now_ms);
// From the middle of a survey to the complaint entry: the survey's answers are then not sent.
void EnterComplaint(const Survey& survey, Session* session);

// Visibility and required-ness with the current answers. Answers of hidden questions count as
// empty for logic and are not sent.
bool IsQuestionVisible(const Survey& survey, const Session& session, int question);
bool IsQuestionRequired(const Survey& survey, const Session& session, int question);
// The current page's visible questions, in order: what the UI draws.
std::vector<int> VisibleQuestions(const Survey& survey, const Session& session);

// Problems of one question (empty if fine or hidden), and of every visible question of the page.
std::vector<QuestionError> ValidateQuestion(const Survey& survey, const Session& session, int question);
std::vector<QuestionError> ValidatePage(const Survey& survey, const Session& session);
// The first error of `question` in session.errors, or nullptr: what the UI shows under the field.
const QuestionError* ErrorFor(const Session& session, int question, std::string_view field = "");

enum class NextResult { Invalid, Moved, Finished };
// Validates the page: Invalid (session.errors filled, page unchanged), Moved (to the next page on
// the path, errors cleared), or Finished (last page passed: session.finished, build the response).
NextResult Next(const Survey& survey, Session* session);
// To the previous page; false on the first page. Answers are kept.
bool Back(const Survey& survey, Session* session);
bool CanGoBack(const Session& session);
// True when Next would finish: the button reads Submit.
bool IsLastPage(const Survey& survey, const Session& session);

// The pages the current answers lead through, in order: visible survey pages up to an end rule,
// then the complaint pages if routed there.
std::vector<int> PagePath(const Survey& survey, const Session& session);
struct Progress { int page_number = 1; int page_count = 1; };   // "page 2 of 3"
Progress GetProgress(const Survey& survey, const Session& session);
// Whether (and why) the current answers lead to the complaint form.
ComplaintOrigin ComplaintRoute(const Survey& survey, const Session& session);
bool OnComplaintPage(const Survey& survey, const Session& session);

struct ResponseContext
{
    std::string            id;              // UUID v4
    int64_t                now_ms = 0;      // submitted_at
    std::string            mode;            // "embed" | "kiosk" | ...
    std::string            device_id;
    std::optional<int64_t> clock_offset_ms;
    uint8_t                reference_random[8] = {}; // for the complaint reference number
};

// The response of a finished (or any) session: answers of the visible questions on the path, in
// question order, with labels in the session's locale; the complaint block when routed there.
Response BuildResponse(const Survey& survey, const Session& session, const ResponseContext& context);

// ---- editing answers (helpers for the UI) ---------------------------------------------------------
void SetRow(AnswerValue* v, std::string_view row, int value);                          // matrix
void SetGap(AnswerValue* v, std::string_view item, bool expectation, int value);       // servqual
void SetKano(AnswerValue* v, std::string_view feature, bool functional, std::string_view answer);
void SetField(AnswerValue* v, std::string_view field, std::string_view text);         // contact
// Multiple choice: adds or removes `value`, keeping the question's option order.
void ToggleChoice(const Question& q, AnswerValue* v, std::string_view value);
// Lookups in an answer ("" / nullopt when unanswered).
std::optional<int> RowValue(const AnswerValue& v, std::string_view row);
std::optional<int> GapValue(const AnswerValue& v, std::string_view item, bool expectation);
std::string KanoValue(const AnswerValue& v, std::string_view feature, bool functional);
std::string FieldValue(const AnswerValue& v, std::string_view field);
bool HasChoice(const AnswerValue& v, std::string_view value);

// ---- shapes -------------------------------------------------------------------------------------
// CN mobile 1[3-9] + 9 digits, or "+" and 8-15 digits; spaces and '-' ignored.
bool IsValidPhone(std::string_view s);
bool IsValidEmail(std::string_view s);
// "-12", "3.5": optional sign, digits, optional fraction; surrounding spaces allowed.
bool ParseDecimal(std::string_view s, double* out);

// The validation message templates of a locale (for the font's glyph set).
std::vector<std::string> ValidationMessageTemplates(std::string_view locale);

} // namespace manyi
