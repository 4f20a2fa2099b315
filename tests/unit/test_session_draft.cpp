#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "core/session_draft.h"

using namespace manyi;

static Survey LoadSurvey(const char* name)
{
    std::ifstream file(std::string(MANYI_SOURCE_DIR "/assets/surveys/") + name, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    SurveyParseResult r = ParseSurvey(text.str());
    REQUIRE(r.ok());
    return r.survey;
}

static int Index(const Survey& s, const char* id)
{
    const int i = FindQuestionIndex(s, id);
    REQUIRE(i >= 0);
    return i;
}

static const int64_t kHour = 3600 * 1000;

TEST_CASE("draft: every answer kind survives a round trip, with page, history and times")
{
    const Survey s = LoadSurvey("all-types.json");
    Session a = StartSession(s, "en", 1000);
    a.answers[Index(s, "satisfaction")] = AnswerValue::MakeNumber(6);
    a.answers[Index(s, "channel")] = AnswerValue::MakeChoice(s.questions[Index(s, "channel")].options[0].value);
    a.answers[Index(s, "wait")] = AnswerValue::MakeText("等了四十分钟 \"quoted\" 🙂");
    const Question& topics = s.questions[Index(s, "topics")];
    ToggleChoice(topics, &a.answers[Index(s, "topics")], topics.options[1].value);
    a.answers[Index(s, "follow_up")] = AnswerValue::MakeBool(false);
    SetField(&a.answers[Index(s, "contact")], "phone", "13800138000");
    const Question& staff = s.questions[Index(s, "staff")];
    SetRow(&a.answers[Index(s, "staff")], staff.items[0].id, 4);
    SetGap(&a.answers[Index(s, "servqual")], s.questions[Index(s, "servqual")].items[0].id, true, 6);
    SetKano(&a.answers[Index(s, "kano")], s.questions[Index(s, "kano")].items[0].id, true, "like");
    a.page = 2;
    a.history = { 0, 1 };

    const std::string json = SessionDraftToJson(s, a, 5000);
    Session b;
    std::string why;
    REQUIRE_MESSAGE(SessionDraftFromJson(s, json, 6000, kHour, &b, &why), why);
    CHECK(b.page == 2);
    CHECK(b.history == std::vector<int>{ 0, 1 });
    CHECK(b.started_at_ms == 1000);
    CHECK(b.locale == "en");
    REQUIRE(b.answers.size() == a.answers.size());
    for (size_t i = 0; i < a.answers.size(); i++)
    {
        INFO("question " << s.questions[i].id);
        CHECK(AnswerValueJson(b.answers[i]) == AnswerValueJson(a.answers[i]));
        CHECK(b.answers[i].kind == a.answers[i].kind);
    }
    CHECK(SessionHasAnswers(b));
    CHECK_FALSE(SessionHasAnswers(StartSession(s, "en", 0)));
}

TEST_CASE("draft: stale, foreign and hostile drafts are refused and leave the session alone")
{
    const Survey s = LoadSurvey("all-types.json");
    Session a = StartSession(s, "zh-CN", 0);
    a.answers[Index(s, "satisfaction")] = AnswerValue::MakeNumber(2);
    const std::string good = SessionDraftToJson(s, a, 10 * kHour);

    Session out = StartSession(s, "zh-CN", 0);
    out.page = 1;
    std::string why;
    CHECK_FALSE(SessionDraftFromJson(s, good, 12 * kHour, kHour, &out, &why));
    CHECK(why.find("older") != std::string::npos);
    CHECK(out.page == 1);

    auto edited = [&](const char* pointer, Json value) {
        Json j;
        std::string e;
        REQUIRE(ParseJsonText(good, &j, &e));
        j[nlohmann::ordered_json::json_pointer(pointer)] = std::move(value);
        return DumpJson(j);
    };
    const std::string bad[] = {
        "", "[]", "{\"format\":\"manyi.draft/1\"}", std::string(100000, '['),
        edited("/survey/version", "other"),
        edited("/survey/id", "other"),
        edited("/page", 99),
        edited("/page", -1),
        edited("/page", "1"),
        edited("/history", Json::array({ 0, 77 })),
        edited("/answers/satisfaction", "six"),
        edited("/answers/topics", 3),
        edited("/answers/staff", Json::array()),
        edited("/saved_ms", "yesterday"),
    };
    for (const std::string& text : bad)
    {
        INFO(text.substr(0, 120));
        why.clear();
        CHECK_FALSE(SessionDraftFromJson(s, text, 10 * kHour, kHour, &out, &why));
        CHECK_FALSE(why.empty());
        CHECK(out.page == 1);
    }
    // An answer to a question the survey does not have is ignored, not an error.
    CHECK(SessionDraftFromJson(s, edited("/answers/gone", 5), 10 * kHour, kHour, &out, &why));
    CHECK(out.answers[Index(s, "satisfaction")].number == 2);
}
