#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "core/survey.h"

using manyi::Json;
using manyi::ParseSurvey;
using manyi::SurveyParseResult;

// A small valid survey that each test breaks in one way.
static Json ValidSurvey()
{
    return Json::parse(R"({
        "format_version": 1,
        "id": "t",
        "version": "3",
        "default_locale": "zh-CN",
        "locales": ["zh-CN", "en"],
        "title": {"zh-CN": "标题", "en": "Title"},
        "questions": [
            {"id": "q1", "type": "rating", "preset": "satisfaction5", "title": {"zh-CN": "满意吗", "en": "Satisfied?"}},
            {"id": "q2", "type": "text", "title": "Comment"}
        ]
    })");
}

static SurveyParseResult Parse(const Json& j) { return ParseSurvey(j.dump()); }

// True if some problem has exactly this path and a message containing `words`.
static bool HasProblem(const SurveyParseResult& r, const std::string& path, const std::string& words)
{
    for (const auto& p : r.problems)
        if (p.path == path && p.message.find(words) != std::string::npos)
            return true;
    return false;
}

static std::string Dump(const SurveyParseResult& r)
{
    std::string out;
    for (const auto& p : r.problems)
        out += p.path + ": " + p.message + "\n";
    return out;
}

TEST_CASE("The default survey parses with 2 questions and the 7 preset labels")
{
    std::ifstream file(MANYI_SOURCE_DIR "/assets/surveys/default.json", std::ios::binary);
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    const SurveyParseResult r = ParseSurvey(text.str());
    INFO(Dump(r));
    REQUIRE(r.ok());

    const manyi::Survey& s = r.survey;
    CHECK(s.id == "manyi-default");
    CHECK(s.version == "1");
    CHECK(s.default_locale == "zh-CN");
    CHECK(s.locales == std::vector<std::string>{ "zh-CN", "en" });
    CHECK(s.title.Get("zh-CN") == "服务满意度");
    CHECK(s.title.Get("en") == "Service satisfaction");
    CHECK(s.thanks.Get("zh-CN") == "感谢您的评价！");
    CHECK_FALSE(s.next_steps.Empty());
    REQUIRE(s.questions.size() == 2);

    const manyi::Question& rating = s.questions[0];
    CHECK(rating.id == "satisfaction");
    CHECK(rating.type == manyi::QuestionType::Rating);
    CHECK(rating.required);
    CHECK(rating.preset == "satisfaction7");
    CHECK(rating.points == 7);
    CHECK(rating.first_value == 1);
    REQUIRE(rating.point_labels.size() == 7);
    const char* zh[7] = { "很不满意", "不满意", "不太满意", "一般", "较满意", "满意", "很满意" };
    const char* en[7] = { "very dissatisfied", "dissatisfied", "somewhat dissatisfied", "neutral", "somewhat satisfied", "satisfied", "very satisfied" };
    for (int i = 0; i < 7; i++)
    {
        CHECK(rating.point_labels[i].Get("zh-CN") == zh[i]);
        CHECK(rating.point_labels[i].Get("en") == en[i]);
    }

    const manyi::Question& comment = s.questions[1];
    CHECK(comment.id == "comment");
    CHECK(comment.type == manyi::QuestionType::Text);
    CHECK_FALSE(comment.required);
    CHECK(comment.multiline);
    CHECK(comment.max_length == 500);
    CHECK(comment.title.Get("en") == "Anything else you would like to tell us? (optional)");
    CHECK_FALSE(comment.placeholder.Empty());
}

TEST_CASE("A valid survey: fields, file order of locales, defaults")
{
    const SurveyParseResult r = Parse(ValidSurvey());
    INFO(Dump(r));
    REQUIRE(r.ok());
    CHECK(r.survey.title.by_locale[0].first == "zh-CN");
    CHECK(r.survey.title.by_locale[1].first == "en");
    CHECK(r.survey.questions[0].points == 5);
    CHECK(r.survey.questions[0].point_labels[2].Get("zh-CN") == "一般");
    CHECK(r.survey.questions[0].point_labels[4].Get("en") == "very satisfied");
    CHECK(r.survey.questions[1].title.by_locale[0].first == ""); // a plain string
    CHECK(r.survey.questions[1].title.Get("zh-CN") == "Comment");
    CHECK(r.survey.questions[1].max_length == manyi::kTextDefaultMaxLength);
    CHECK_FALSE(r.survey.questions[1].multiline);
    CHECK(manyi::FindQuestion(r.survey, "q2") == &r.survey.questions[1]);
    CHECK(manyi::FindQuestion(r.survey, "nope") == nullptr);
}

TEST_CASE("Invalid JSON gives line and column at the document root")
{
    const SurveyParseResult r = ParseSurvey("{\n  \"id\": \"x\",\n  \"version\" \"1\"\n}");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "");
    // The position is the last character of the offending token: the closing quote of "1".
    CHECK(r.problems[0].message.find("invalid JSON at line 3, column 15: ") == 0);
    CHECK(r.problems[0].message.find("expected ':'") != std::string::npos);

    const SurveyParseResult not_object = ParseSurvey("[1]");
    CHECK(HasProblem(not_object, "", "must be a JSON object"));
}

TEST_CASE("format_version: missing, wrong type, unsupported")
{
    Json j = ValidSurvey();
    j.erase("format_version");
    CHECK(HasProblem(Parse(j), "/format_version", "missing format_version"));

    j["format_version"] = "1";
    CHECK(HasProblem(Parse(j), "/format_version", "must be an integer"));

    // A newer format stops the check: its other rules are unknown.
    j = ValidSurvey();
    j["format_version"] = 2;
    j["questions"] = 7;
    const SurveyParseResult r = Parse(j);
    REQUIRE(r.problems.size() == 1);
    CHECK(HasProblem(r, "/format_version", "unsupported format_version 2"));
}

TEST_CASE("Survey-level problems each at their path, all collected")
{
    Json j = ValidSurvey();
    j.erase("id");
    j["version"] = 3;
    j["colour"] = "red";
    j["$schema"] = "https://example.com/survey.schema.json"; // editors' keys are allowed
    j["x-note"] = "internal";
    j["title"] = Json::object({ { "zh-CN", "标题" }, { "fr", "Titre" } });
    const SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    CHECK(HasProblem(r, "/id", "missing id"));
    CHECK(HasProblem(r, "/version", "must be a string"));
    CHECK(HasProblem(r, "/colour", "unknown key 'colour'"));
    CHECK(HasProblem(r, "/title/fr", "locale 'fr' is not listed in /locales"));
    CHECK(HasProblem(r, "/title", "missing text for locale 'en'"));
    CHECK(r.problems.size() == 5);
}

TEST_CASE("Bad ids")
{
    Json j = ValidSurvey();
    j["id"] = "has space";
    j["questions"][0]["id"] = "";
    const SurveyParseResult r = Parse(j);
    CHECK(HasProblem(r, "/id", "must be 1-64 letters"));
    CHECK(HasProblem(r, "/questions/0/id", "must be 1-64 letters"));
}

TEST_CASE("Locales: default must be listed, tags valid, no duplicates")
{
    Json j = ValidSurvey();
    j["default_locale"] = "fr";
    CHECK(HasProblem(Parse(j), "/default_locale", "'fr' is not listed in /locales"));

    j = ValidSurvey();
    j["locales"] = Json::array({ "zh-CN", "english", "zh-cn" });
    SurveyParseResult r = Parse(j);
    CHECK(HasProblem(r, "/locales/1", "must be a locale tag"));
    CHECK(HasProblem(r, "/locales/2", "duplicate locale 'zh-cn'"));

    j = ValidSurvey();
    j["locales"] = Json::array();
    CHECK(HasProblem(Parse(j), "/locales", "non-empty array"));
}

TEST_CASE("Questions: missing, empty, not objects")
{
    Json j = ValidSurvey();
    j.erase("questions");
    CHECK(HasProblem(Parse(j), "/questions", "missing questions"));
    j["questions"] = Json::array();
    CHECK(HasProblem(Parse(j), "/questions", "non-empty array"));
    j["questions"] = Json::array({ 5 });
    CHECK(HasProblem(Parse(j), "/questions/0", "must be an object, not a number"));
}

TEST_CASE("Unknown question type, missing id and type, duplicate id")
{
    Json j = ValidSurvey();
    j["questions"][0]["type"] = "slider";
    j["questions"][1].erase("id");
    j["questions"].push_back(Json::parse(R"({"id": "q1", "type": "text", "title": "again"})"));
    j["questions"].push_back(Json::parse(R"({"id": "q4", "title": "no type"})"));
    const SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    CHECK(HasProblem(r, "/questions/0/type", "unknown question type 'slider'"));
    CHECK(HasProblem(r, "/questions/1/id", "missing id"));
    CHECK(HasProblem(r, "/questions/2/id", "duplicate question id 'q1' (also at /questions/0)"));
    CHECK(HasProblem(r, "/questions/3/type", "missing type"));
    CHECK(r.problems.size() == 4);
}

TEST_CASE("Question title is required and must be translated")
{
    Json j = ValidSurvey();
    j["questions"][0].erase("title");
    j["questions"][1]["title"] = "";
    j["questions"][1]["help"] = Json::object({ { "en", "only English" } });
    j["questions"][1]["placeholder"] = 12;
    const SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    CHECK(HasProblem(r, "/questions/0/title", "missing title"));
    CHECK(HasProblem(r, "/questions/1/title", "must not be empty"));
    CHECK(HasProblem(r, "/questions/1/help", "missing text for locale 'zh-CN'"));
    CHECK(HasProblem(r, "/questions/1/placeholder", "must be a string or an object"));
    CHECK(r.problems.size() == 4);
}

TEST_CASE("Rating: points range, label count, preset rules")
{
    const Json labels3 = Json::array({ "bad", "ok", "good" });
    Json j = ValidSurvey();
    Json& q = j["questions"][0];
    q.erase("preset");
    q["points"] = 12;
    CHECK(HasProblem(Parse(j), "/questions/0/points", "between 2 and 11, not 12"));
    q["points"] = 1;
    CHECK(HasProblem(Parse(j), "/questions/0/points", "between 2 and 11, not 1"));
    q["points"] = 3.5;
    CHECK(HasProblem(Parse(j), "/questions/0/points", "must be an integer, not a fraction"));

    q["points"] = 4;
    q["labels"] = labels3;
    CHECK(HasProblem(Parse(j), "/questions/0/labels", "3 labels for 4 points"));

    q["points"] = 3;
    q["labels"] = Json::array({ "bad", 2, Json::object({ { "zh-CN", "好" } }) });
    SurveyParseResult r = Parse(j);
    CHECK(HasProblem(r, "/questions/0/labels/1", "must be a string or an object"));
    CHECK(HasProblem(r, "/questions/0/labels/2", "missing text for locale 'en'"));

    q.erase("points");
    q["labels"] = labels3;
    CHECK(HasProblem(Parse(j), "/questions/0/points", "missing points (or a preset)"));

    j = ValidSurvey();
    j["questions"][0]["preset"] = "stars";
    CHECK(HasProblem(Parse(j), "/questions/0/preset", "unknown preset 'stars'"));

    j = ValidSurvey();
    j["questions"][0]["points"] = 7;
    j["questions"][0]["labels"] = labels3;
    r = Parse(j);
    CHECK(HasProblem(r, "/questions/0/points", "preset 'satisfaction5' has 5 points, not 7"));
    CHECK(HasProblem(r, "/questions/0/labels", "give either 'preset' or 'labels'"));

    j = ValidSurvey();
    j["locales"] = Json::array({ "zh-CN", "en", "ja" });
    j["title"]["ja"] = "タイトル";
    j["questions"][0]["title"]["ja"] = "満足？";
    CHECK(HasProblem(Parse(j), "/questions/0/preset", "no labels for locale 'ja'"));
}

TEST_CASE("Rating: an explicit 0..10 scale without labels")
{
    Json j = ValidSurvey();
    j["questions"][0] = Json::parse(R"({"id": "nps", "type": "rating", "points": 11, "first_value": 0, "title": "Recommend?"})");
    SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    REQUIRE(r.ok());
    CHECK(r.survey.questions[0].points == 11);
    CHECK(r.survey.questions[0].first_value == 0);
    CHECK(r.survey.questions[0].point_labels.empty());

    j["questions"][0]["first_value"] = 5;
    CHECK(HasProblem(Parse(j), "/questions/0/first_value", "must be 0 or 1"));
}

TEST_CASE("Type-specific keys on the wrong type, bad text limits")
{
    Json j = ValidSurvey();
    j["questions"][0]["multiline"] = true;
    j["questions"][1]["points"] = 5;
    j["questions"][1]["max_length"] = 0;
    j["questions"][1]["required"] = "yes";
    j["questions"][1]["colour"] = "red";
    const SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    CHECK(HasProblem(r, "/questions/0/multiline", "applies only to text questions"));
    CHECK(HasProblem(r, "/questions/1/points", "applies only to rating questions"));
    CHECK(HasProblem(r, "/questions/1/max_length", "between 1 and 10000, not 0"));
    CHECK(HasProblem(r, "/questions/1/required", "must be true or false"));
    CHECK(HasProblem(r, "/questions/1/colour", "unknown key 'colour'"));
    CHECK(r.problems.size() == 5);
}

TEST_CASE("JSON pointer escapes '~' and '/' in keys")
{
    Json j = ValidSurvey();
    j["a/b~c"] = 1;
    CHECK(HasProblem(Parse(j), "/a~1b~0c", "unknown key 'a/b~c'"));
}

TEST_CASE("SurveyStrings lists every shown string once, in all locales")
{
    Json j = ValidSurvey();
    j["questions"][1]["placeholder"] = Json::object({ { "zh-CN", "请输入" }, { "en", "Type here" } });
    j["thanks"] = "Thanks";
    const SurveyParseResult r = Parse(j);
    REQUIRE(r.ok());
    const std::vector<std::string> strings = manyi::SurveyStrings(r.survey);
    auto has = [&](const char* s) { return std::find(strings.begin(), strings.end(), s) != strings.end(); };
    CHECK(has("标题"));
    CHECK(has("Title"));
    CHECK(has("满意吗"));
    CHECK(has("很不满意"));
    CHECK(has("very satisfied"));
    CHECK(has("Comment"));
    CHECK(has("请输入"));
    CHECK(has("Thanks"));
    for (size_t i = 0; i < strings.size(); i++)
        for (size_t k = i + 1; k < strings.size(); k++)
            CHECK(strings[i] != strings[k]);
    CHECK(strings.size() == 2 + 2 + 10 + 1 + 2 + 1);
}
