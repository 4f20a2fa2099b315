// One respondent's answers to one survey, and its JSON payload (docs/response-format.md).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

struct AnswerValue
{
    enum Kind { None, Number, Text } kind = None;
    int         number = 0;
    std::string text;
};

struct Answer
{
    std::string question_id;
    AnswerValue value;
};

struct Response
{
    std::string         id;             // UUID v4
    std::string         survey_id;
    std::string         survey_version;
    std::string         locale;         // the locale the respondent saw
    int64_t             created_at_ms = 0; // Unix ms, UTC
    std::vector<Answer> answers;        // in question order; None values are not sent
};

constexpr const char* kResponseFormat = "manyi.response/1";

// The payload POSTed to endpoints. Never throws; invalid UTF-8 in strings becomes U+FFFD.
std::string ResponseToJson(const Response& r);

// Strict: the payload must be exactly what ResponseToJson writes (any key order, any created_at
// with a UTC offset). On failure *out is untouched and *error says what and where.
bool ResponseFromJson(std::string_view json, Response* out, std::string* error);

// "2026-11-23T09:00:00.123Z". Clamped to years 0000..9999 so the result always parses back.
std::string FormatIsoUtc(int64_t unix_ms);

// RFC 3339 date-time: "YYYY-MM-DDTHH:MM:SS", optional fraction (kept to ms), then "Z" or "+hh:mm".
bool ParseIsoUtc(std::string_view text, int64_t* unix_ms);

} // namespace manyi
