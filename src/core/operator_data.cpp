#include "core/operator_data.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/response.h"

namespace manyi {

using Json = nlohmann::json;
constexpr const char* kFollowUpFormat = "manyi.followup/1";
constexpr size_t kMaxNoteBytes = 2000;

static const Answer* FindAnswer(const Response& r, const char* id)
{
    for (const Answer& a : r.answers)
        if (a.question_id == id) return &a;
    return nullptr;
}

static void Join(std::string* out, std::string_view part)
{
    if (part.empty()) return;
    if (!out->empty()) *out += " · ";
    *out += part;
}

static CallbackComplaint FromResponse(const Response& r)
{
    CallbackComplaint c;
    c.response_id = r.id;
    c.reference = r.complaint ? r.complaint->reference : "";
    c.created_ms = r.created_at_ms;
    if (const Answer* a = FindAnswer(r, kComplaintType)) c.type = a->label.empty() ? a->value.text : a->label;
    if (const Answer* a = FindAnswer(r, kComplaintDescription)) Join(&c.text, a->value.text);
    if (const Answer* a = FindAnswer(r, kComplaintWish)) Join(&c.text, a->value.text);
    if (const Answer* a = FindAnswer(r, kComplaintContact))
        for (const char* field : { "name", "phone", "email" })
            for (const FieldAnswer& f : a->value.fields)
                if (f.field == field) Join(&c.contact, f.text);
    if (const Answer* a = FindAnswer(r, kComplaintChannel)) Join(&c.when, a->label.empty() ? a->value.text : a->label);
    if (const Answer* a = FindAnswer(r, kComplaintTime)) Join(&c.when, a->label.empty() ? a->value.text : a->label);
    c.followup.response_id = r.id;
    return c;
}

OperatorOverview BuildOperatorOverview(const Survey& survey, const ResponseStore& store)
{
    OperatorOverview o;
    AnswerFilter f;
    f.survey_id = survey.id;
    for (const StoredResponse& s : store.ListResponses(f))
    {
        Response r;
        if (!ResponseFromJson(s.payload_json, &r, nullptr)) continue; // the store only holds readable payloads
        o.responses++;
        if (HasFlag(r, kFlagBurst)) o.burst++;
        if (HasFlag(r, kFlagPartial)) o.partial++;
        const Answer* callback = FindAnswer(r, kComplaintCallback);
        if (!callback || callback->value.kind != AnswerValue::Bool || !callback->value.flag) continue;
        CallbackComplaint c = FromResponse(r);
        c.has_followup = store.GetFollowUp(r.id, &c.followup);
        o.callbacks.push_back(std::move(c));
    }
    std::reverse(o.callbacks.begin(), o.callbacks.end()); // the newest complaint on top
    return o;
}

static const char* StateName(FollowUpState s)
{
    return s == FollowUpState::Resolved ? "resolved" : s == FollowUpState::Contacted ? "contacted" : "open";
}

std::string FollowUpToJson(const FollowUp& f)
{
    nlohmann::ordered_json j;
    j["format"] = kFollowUpFormat;
    j["response_id"] = f.response_id;
    j["state"] = StateName(f.state);
    j["updated_ms"] = f.updated_ms;
    j["contacted_ms"] = f.contacted_ms;
    j["resolved_ms"] = f.resolved_ms;
    j["satisfaction"] = f.satisfaction;
    j["satisfaction_points"] = f.satisfaction_points;
    j["note"] = f.note;
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

static bool Fail(std::string* error, std::string message)
{
    if (error) *error = std::move(message);
    return false;
}

static bool ReadMs(const Json& j, const char* key, int64_t* out, std::string* error)
{
    if (!j.contains(key) || !j[key].is_number_integer() || j[key].get<long long>() < 0)
        return Fail(error, std::string(key) + ": must be a time in ms");
    *out = j[key].get<int64_t>();
    return true;
}

bool FollowUpFromJson(std::string_view json, FollowUp* out, std::string* error)
{
    Json j = Json::parse(json, nullptr, false);
    if (!j.is_object()) return Fail(error, "follow-up: not a JSON object");
    if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kFollowUpFormat) return Fail(error, std::string("format: expected ") + kFollowUpFormat);
    FollowUp f;
    if (!j.contains("response_id") || !j["response_id"].is_string() || j["response_id"].get_ref<const std::string&>().empty() ||
        j["response_id"].get_ref<const std::string&>().size() > 64)
        return Fail(error, "response_id: must be a response id");
    f.response_id = j["response_id"];
    const std::string state = j.contains("state") && j["state"].is_string() ? j["state"].get<std::string>() : "";
    if (state == "open") f.state = FollowUpState::Open;
    else if (state == "contacted") f.state = FollowUpState::Contacted;
    else if (state == "resolved") f.state = FollowUpState::Resolved;
    else return Fail(error, "state: must be open, contacted or resolved");
    if (!ReadMs(j, "updated_ms", &f.updated_ms, error) || !ReadMs(j, "contacted_ms", &f.contacted_ms, error) ||
        !ReadMs(j, "resolved_ms", &f.resolved_ms, error))
        return false;
    if (!j.contains("satisfaction") || !j["satisfaction"].is_number_integer() || !j.contains("satisfaction_points") ||
        !j["satisfaction_points"].is_number_integer())
        return Fail(error, "satisfaction: must be whole numbers");
    const long long sat = j["satisfaction"].get<long long>(), points = j["satisfaction_points"].get<long long>();
    const bool none = sat == 0 && points == 0;
    const bool rated = (points == 5 || points == 7) && sat >= 1 && sat <= points;
    if (!none && !rated) return Fail(error, "satisfaction: 1..5 or 1..7 with its scale, or 0 and 0");
    f.satisfaction = (int)sat;
    f.satisfaction_points = (int)points;
    if (!j.contains("note") || !j["note"].is_string() || j["note"].get_ref<const std::string&>().size() > kMaxNoteBytes)
        return Fail(error, "note: text of at most 2000 bytes");
    f.note = j["note"];
    *out = std::move(f);
    return true;
}

} // namespace manyi
