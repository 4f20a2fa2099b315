#include "core/session_draft.h"

#include "core/json_text.h"
#include "core/response.h"

namespace manyi {

bool SessionHasAnswers(const Session& session)
{
    for (const AnswerValue& v : session.answers)
        if (AnswerIsGiven(v))
            return true;
    return false;
}

std::string SessionDraftToJson(const Survey& survey, const Session& session, int64_t saved_ms)
{
    Json answers = Json::object();
    for (size_t i = 0; i < survey.questions.size() && i < session.answers.size(); i++)
    {
        if (session.answers[i].kind == AnswerValue::None)
            continue;
        Json value;
        std::string ignored;
        if (ParseJsonText(AnswerValueJson(session.answers[i]), &value, &ignored))
            answers[survey.questions[i].id] = std::move(value);
    }
    Json j = Json::object();
    j["format"] = kDraftFormat;
    j["survey"] = { { "id", survey.id }, { "version", survey.version } };
    j["locale"] = session.locale;
    j["saved_ms"] = saved_ms;
    j["started_ms"] = session.started_at_ms;
    j["page"] = session.page;
    j["history"] = session.history;
    j["complaint_only"] = session.complaint_only;
    j["answers"] = std::move(answers);
    return DumpJson(j);
}

static bool Refuse(std::string* why, std::string message)
{
    if (why) *why = std::move(message);
    return false;
}

static bool ReadInt64(const Json& j, const char* key, int64_t* out)
{
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return false;
    *out = it->get<int64_t>();
    return true;
}

static bool ValidPage(const Survey& survey, const Json& v, int* out)
{
    if (!v.is_number_integer()) return false;
    const int64_t page = v.get<int64_t>();
    if (page < 0 || page >= (int64_t)survey.pages.size()) return false;
    *out = (int)page;
    return true;
}

bool SessionDraftFromJson(const Survey& survey, std::string_view json, int64_t now_ms, int64_t max_age_ms, Session* out,
                          std::string* why)
{
    Json j;
    std::string error;
    if (JsonNestingDepth(json, 16) > 16 || !ParseJsonText(json, &j, &error))
        return Refuse(why, "draft is not valid JSON: " + error);
    if (!j.is_object() || j.value("format", Json()) != kDraftFormat)
        return Refuse(why, "not a manyi.draft/1 document");
    const Json survey_ref = j.value("survey", Json());
    if (!survey_ref.is_object() || survey_ref.value("id", Json()) != survey.id || survey_ref.value("version", Json()) != survey.version)
        return Refuse(why, "draft of another survey or version");
    int64_t saved_ms = 0, started_ms = 0;
    if (!ReadInt64(j, "saved_ms", &saved_ms) || !ReadInt64(j, "started_ms", &started_ms))
        return Refuse(why, "draft without its times");
    if (now_ms - saved_ms > max_age_ms)
        return Refuse(why, "draft is older than the draft lifetime");

    Session s = StartSession(survey, j.value("locale", std::string()), now_ms);
    s.started_at_ms = started_ms;
    s.complaint_only = j.value("complaint_only", false);
    if (!ValidPage(survey, j.value("page", Json()), &s.page))
        return Refuse(why, "draft page out of range");
    s.history.clear();
    const Json history = j.value("history", Json::array());
    if (!history.is_array() || history.size() > survey.pages.size())
        return Refuse(why, "draft history is not a list of pages");
    for (const Json& h : history)
    {
        int page = 0;
        if (!ValidPage(survey, h, &page)) return Refuse(why, "draft history page out of range");
        s.history.push_back(page);
    }
    const Json answers = j.value("answers", Json::object());
    if (!answers.is_object())
        return Refuse(why, "draft answers are not an object");
    for (size_t i = 0; i < survey.questions.size(); i++)
    {
        auto it = answers.find(survey.questions[i].id);
        if (it == answers.end()) continue;
        const AnswerValue::Kind kind = AnswerKindOf(QuestionTypeName(survey.questions[i].type));
        AnswerValue value;
        if (!AnswerValueFromJson(DumpJson(*it), kind, &value, &error))
            return Refuse(why, "draft answer to '" + survey.questions[i].id + "': " + error);
        s.answers[i] = std::move(value);
    }
    *out = std::move(s);
    return true;
}

} // namespace manyi
