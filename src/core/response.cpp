#include "core/response.h"

#include <climits>

#include "core/json_text.h"
#include "core/uuid.h"

namespace manyi {

std::string ResponseToJson(const Response& r)
{
    // ordered_json: the documented key order, and answers in question order.
    Json j = Json::object();
    j["format"] = kResponseFormat;
    j["id"] = r.id;
    j["survey"] = Json::object();
    j["survey"]["id"] = r.survey_id;
    j["survey"]["version"] = r.survey_version;
    j["locale"] = r.locale;
    j["created_at"] = FormatIsoUtc(r.created_at_ms);
    Json answers = Json::object();
    for (const Answer& a : r.answers)
    {
        if (a.value.kind == AnswerValue::Number)
            answers[a.question_id] = a.value.number;
        else if (a.value.kind == AnswerValue::Text)
            answers[a.question_id] = a.value.text;
    }
    j["answers"] = std::move(answers);
    return DumpJson(j);
}

static bool Fail(std::string* error, std::string message)
{
    if (error)
        *error = std::move(message);
    return false;
}

// A required member that must be a string.
static bool GetString(const Json& obj, const char* key, const char* path, std::string* out, std::string* error)
{
    auto it = obj.find(key);
    if (it == obj.end())
        return Fail(error, std::string(path) + ": missing");
    if (!it->is_string())
        return Fail(error, std::string(path) + ": must be a string");
    *out = it->get<std::string>();
    return true;
}

static bool CheckOnlyKeys(const Json& obj, std::initializer_list<const char*> keys, const char* path, std::string* error)
{
    for (const auto& [key, value] : obj.items())
    {
        bool known = false;
        for (const char* k : keys)
            known = known || key == k;
        if (!known)
            return Fail(error, std::string(path) + "/" + key + ": unknown key");
    }
    return true;
}

bool ResponseFromJson(std::string_view json, Response* out, std::string* error)
{
    Json j;
    std::string parse_error;
    if (!ParseJsonText(json, &j, &parse_error))
        return Fail(error, parse_error);
    if (!j.is_object())
        return Fail(error, "a response must be a JSON object");
    if (!CheckOnlyKeys(j, { "format", "id", "survey", "locale", "created_at", "answers" }, "", error))
        return false;

    std::string format;
    if (!GetString(j, "format", "/format", &format, error))
        return false;
    if (format != kResponseFormat)
        return Fail(error, "/format: unsupported format '" + format + "' (expected " + kResponseFormat + ")");

    Response r;
    if (!GetString(j, "id", "/id", &r.id, error))
        return false;
    if (!IsUuid(r.id))
        return Fail(error, "/id: must be a UUID like 0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e");

    auto survey = j.find("survey");
    if (survey == j.end())
        return Fail(error, "/survey: missing");
    if (!survey->is_object())
        return Fail(error, "/survey: must be an object with id and version");
    if (!CheckOnlyKeys(*survey, { "id", "version" }, "/survey", error) ||
        !GetString(*survey, "id", "/survey/id", &r.survey_id, error) ||
        !GetString(*survey, "version", "/survey/version", &r.survey_version, error))
        return false;
    if (r.survey_id.empty())
        return Fail(error, "/survey/id: must not be empty");

    if (!GetString(j, "locale", "/locale", &r.locale, error))
        return false;

    std::string created_at;
    if (!GetString(j, "created_at", "/created_at", &created_at, error))
        return false;
    if (!ParseIsoUtc(created_at, &r.created_at_ms))
        return Fail(error, "/created_at: must be an ISO-8601 UTC time like 2026-11-23T09:00:00.123Z");

    auto answers = j.find("answers");
    if (answers == j.end())
        return Fail(error, "/answers: missing");
    if (!answers->is_object())
        return Fail(error, "/answers: must be an object keyed by question id");
    for (const auto& [question_id, value] : answers->items())
    {
        Answer a;
        a.question_id = question_id;
        if (value.is_number_integer())
        {
            const bool in_range = value.is_number_unsigned() ? value.get<uint64_t>() <= (uint64_t)INT_MAX
                                                             : (value.get<int64_t>() >= INT_MIN && value.get<int64_t>() <= INT_MAX);
            if (!in_range)
                return Fail(error, "/answers/" + question_id + ": number out of range");
            a.value.kind = AnswerValue::Number;
            a.value.number = value.get<int>();
        }
        else if (value.is_string())
        {
            a.value.kind = AnswerValue::Text;
            a.value.text = value.get<std::string>();
        }
        else
            return Fail(error, "/answers/" + question_id + ": must be an integer or a string");
        r.answers.push_back(std::move(a));
    }

    *out = std::move(r);
    return true;
}

} // namespace manyi
