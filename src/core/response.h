// One respondent's answers to one survey, and its JSON payload (docs/response-format.md).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

struct RowAnswer   { std::string row; int value = 0; };                        // matrix
struct GapAnswer   { std::string item; std::optional<int> expectation, perception; std::string dimension; }; // servqual; dimension filled by BuildResponse
struct KanoAnswer  { std::string feature; std::string functional, dysfunctional; };  // kano ("" = not yet)
struct FieldAnswer { std::string field; std::string text; };                   // contact ("name", "phone", "email")

// The natural value of each question type:
//   rating, nps, ces   Number  (number)
//   text               Text    (text)
//   single             Choice  (text = the option's value)
//   multiple           Choices (choices, in option order)
//   consent            Bool    (flag)
//   matrix             Rows    (rows answered so far)
//   servqual           Gaps    (gaps, possibly partial)
//   kano               Kano    (kano, possibly partial)
//   contact            Fields  (fields, possibly empty strings)
struct AnswerValue
{
    enum Kind { None, Number, Text, Choice, Choices, Bool, Rows, Gaps, Kano, Fields } kind = None;
    int                      number = 0;
    std::string              text;
    std::vector<std::string> choices;
    bool                     flag = false;
    std::vector<RowAnswer>   rows;
    std::vector<GapAnswer>   gaps;
    std::vector<KanoAnswer>  kano;
    std::vector<FieldAnswer> fields;

    static AnswerValue MakeNumber(int n) { AnswerValue v; v.kind = Number; v.number = n; return v; }
    static AnswerValue MakeText(std::string s) { AnswerValue v; v.kind = Text; v.text = std::move(s); return v; }
    static AnswerValue MakeChoice(std::string s) { AnswerValue v; v.kind = Choice; v.text = std::move(s); return v; }
    static AnswerValue MakeChoices(std::vector<std::string> c) { AnswerValue v; v.kind = Choices; v.choices = std::move(c); return v; }
    static AnswerValue MakeBool(bool b) { AnswerValue v; v.kind = Bool; v.flag = b; return v; }
};

// True if the value carries an answer: not None, non-empty text, at least one choice/row/filled
// field, any servqual or kano value; a consent counts once touched (true or false).
bool AnswerIsGiven(const AnswerValue& v);

struct Answer
{
    std::string question_id;
    AnswerValue value;
    // Payload extras, filled by BuildResponse (docs/response-format.md). `type` "" = inferred from
    // the kind ("rating" for Number, "text" for Text, ...).
    std::string              type;
    std::string              label;     // rating/nps/ces/single: the chosen label in the response locale
    std::vector<std::string> labels;    // multiple: per choice; matrix: per row (parallel to rows)
    bool                     personal_data = false; // contact
};

struct ComplaintBlock
{
    std::string reference;       // "ABCD-EFGH2" (see MakeReference)
    std::string origin;          // "trigger" | "rule" | "entry"
    int         window_hours = 0;
    int64_t     due_at_ms = 0;   // submitted + window
};

struct Response
{
    std::string         id;             // UUID v4
    std::string         survey_id;
    std::string         survey_version;
    std::string         locale;         // the locale the respondent saw
    int64_t             created_at_ms = 0; // submitted_at: Unix ms, UTC
    int64_t             started_at_ms = 0; // 0 = unknown (then written as submitted_at)
    std::optional<int64_t> clock_offset_ms; // server time - device time, when known
    std::string         mode;           // "embed" | "kiosk" | ... ("" is written as "embed")
    std::string         device_id;
    std::string         client_version; // "" is written as this build's version
    std::vector<Answer> answers;        // in question order; None values are not sent
    std::optional<ComplaintBlock> complaint;
    // Marks a kiosk puts on a response: "burst" (started within the burst window of the previous
    // response on this device: kept and shown to the operator, left out of the scores), "partial"
    // (abandoned before submitting and saved by the idle reset). Sorted, no repeats.
    std::vector<std::string> flags;
    int                 format = 2;     // the payload format read (1 or 2); always written as 2
};

constexpr const char* kResponseFormat = "manyi.response/2";
constexpr const char* kResponseFormatV1 = "manyi.response/1";

constexpr const char* kFlagBurst = "burst";
constexpr const char* kFlagPartial = "partial";
bool HasFlag(const Response& r, std::string_view flag);

// The payload POSTed to endpoints. Never throws; invalid UTF-8 in strings becomes U+FFFD.
std::string ResponseToJson(const Response& r);

// Strict: the payload must be what ResponseToJson writes (any key order, any time with a UTC
// offset), or a manyi.response/1 payload (bare answers, created_at). On failure *out is untouched
// and *error says what and where.
bool ResponseFromJson(std::string_view json, Response* out, std::string* error);

// The value alone as compact JSON: 6, "text", ["a","b"], true, {"r1":5}, ... ("null" for None).
std::string AnswerValueJson(const AnswerValue& v);
// The reverse, for a value of a known kind (as AnswerValueJson wrote it); false with a message on
// a value of the wrong shape. Used by drafts, whose answers carry no payload type.
bool AnswerValueFromJson(std::string_view json, AnswerValue::Kind kind, AnswerValue* out, std::string* error);
// The answer kind a question type takes (see the table above AnswerValue).
AnswerValue::Kind AnswerKindOf(std::string_view payload_type);

// "2026-11-23T09:00:00.123Z". Clamped to years 0000..9999 so the result always parses back.
std::string FormatIsoUtc(int64_t unix_ms);

// RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS", optional fraction (kept to ms), then "Z" or "+hh:mm".
bool ParseIsoUtc(std::string_view text, int64_t* unix_ms);

// Complaint reference numbers: 8 characters from "23456789ABCDEFGHJKMNPQRSTUVWXYZ" (no 0 O 1 I L)
// made from 8 random bytes, plus a check character; written "XXXX-XXXXX".
std::string MakeReference(const uint8_t random8[8]);
// Accepts either case, with or without the '-'; false on a wrong character or check character.
bool IsValidReference(std::string_view reference);

} // namespace manyi
