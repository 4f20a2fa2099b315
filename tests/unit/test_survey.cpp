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

TEST_CASE("The default survey parses: satisfaction, recommend, comment, then the complaint form")
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
    CHECK(s.version == "2");
    CHECK(s.default_locale == "zh-CN");
    CHECK(s.locales == std::vector<std::string>{ "zh-CN", "en" });
    CHECK(s.title.Get("zh-CN") == "服务满意度");
    CHECK(s.title.Get("en") == "Service satisfaction");
    CHECK(s.thanks.Get("zh-CN") == "感谢您的评价！");
    CHECK_FALSE(s.next_steps.Empty());
    REQUIRE(s.pages.size() == 3); // the survey's one page, then the complaint form's two
    REQUIRE(s.pages[0].questions == std::vector<int>{ 0, 1, 2 });
    CHECK(s.pages[1].complaint);
    CHECK(s.complaint.trigger_question == "satisfaction");
    CHECK(s.complaint.trigger_at_or_below == 3);
    CHECK(s.complaint.response_window_hours == 24);
    CHECK(manyi::ComplaintPromise(s, "zh-CN") == "我们将在 24 小时内与您联系。");
    CHECK(manyi::ComplaintPromise(s, "en") == "We will contact you within 24 hours.");
    CHECK(s.questions[1].type == manyi::QuestionType::Nps);
    CHECK(s.questions[1].points == 11);
    CHECK(s.questions[1].first_value == 0);

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

    const manyi::Question& comment = s.questions[2];
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
    CHECK(HasProblem(r, "/questions/1/points", "applies only to rating, matrix, servqual questions"));
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
    CHECK(has("此题为必答题"));              // built-in validation messages
    CHECK(has("This question is required."));
}

// ---- every type, pages, logic, complaint, hostile input ------------------------------------------

static Json Q(const char* text) { return Json::parse(text); }

static SurveyParseResult WithQuestions(std::initializer_list<const char*> questions)
{
    Json j = ValidSurvey();
    j["questions"] = Json::array();
    for (const char* q : questions)
        j["questions"].push_back(Q(q));
    return Parse(j);
}

TEST_CASE("all-types.json parses: every type once, in zh-CN and en")
{
    std::ifstream file(MANYI_SOURCE_DIR "/assets/surveys/all-types.json", std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    const SurveyParseResult r = ParseSurvey(text.str());
    INFO(Dump(r));
    REQUIRE(r.problems.empty());
    std::vector<bool> seen(11, false);
    for (const manyi::Question& q : r.survey.questions)
        seen[(int)q.type] = true;
    for (int t = 0; t < 11; t++)
        CHECK_MESSAGE(seen[t], manyi::QuestionTypeName((manyi::QuestionType)t));
    CHECK(r.survey.end_rules.size() == 1);
    CHECK(r.survey.complaint.response_window_hours == 48);
    const manyi::Question* urgency = manyi::FindQuestion(r.survey, "complaint.urgency");
    REQUIRE(urgency);
    CHECK(urgency->options.size() == 2);
}

TEST_CASE("Each type parses its own keys")
{
    SurveyParseResult r = WithQuestions({
        R"J({"id":"r","type":"rating","points":5,"display":"stars","title":"R"})J",
        R"J({"id":"n","type":"nps","title":"N"})J",
        R"J({"id":"c","type":"ces","title":"C"})J",
        R"J({"id":"s","type":"single","title":"S","options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]})J",
        R"J({"id":"m","type":"multiple","title":"M","min_choices":1,"max_choices":2,"options":[{"value":"a","label":"A"},{"value":"b","label":"B"},{"value":"c","label":"C"}]})J",
        R"J({"id":"t","type":"text","title":"T","input":"number","min":0,"max":10})J",
        R"J({"id":"ct","type":"contact","title":"CT","fields":["phone",{"field":"email","required":true,"label":"Mail"}]})J",
        R"J({"id":"ok","type":"consent","title":"OK","text":"I agree","link":{"text":"notice","url":"https://example.com/p"}})J",
        R"J({"id":"mx","type":"matrix","title":"MX","preset":"satisfaction5","rows":[{"id":"r1","label":"Row 1"}]})J",
        R"J({"id":"sq","type":"servqual","title":"SQ","items":[{"id":"i1","label":"I1","dimension":"empathy"}]})J",
        R"J({"id":"k","type":"kano","title":"K","features":[{"id":"f1","label":"dark mode"}]})J",
    });
    INFO(Dump(r));
    REQUIRE(r.ok());
    const auto& q = r.survey.questions;
    CHECK(q[0].display == manyi::RatingDisplay::Stars);
    CHECK(q[1].points == 11);
    CHECK(q[1].low_label.Get("en") == "not at all likely");
    CHECK(q[2].point_labels.size() == 7);
    CHECK(q[2].point_labels[6].Get("zh-CN") == "非常同意");
    CHECK(q[3].options[1].label.Get("en") == "B");
    CHECK(q[4].min_choices == 1);
    CHECK(q[4].max_choices == 2);
    CHECK(q[5].input == manyi::TextInput::Number);
    CHECK(q[5].has_max);
    CHECK(q[5].max == 10);
    REQUIRE(q[6].contact_fields.size() == 2);
    CHECK(q[6].contact_fields[0].label.Get("zh-CN") == "电话");
    CHECK(q[6].contact_fields[1].required);
    CHECK(q[6].contact_fields[1].personal_data);
    CHECK(q[7].link_url == "https://example.com/p");
    CHECK(q[8].points == 5);
    CHECK(q[8].items[0].id == "r1");
    CHECK(q[9].items[0].dimension == manyi::ServqualDimension::Empathy);
    CHECK(q[9].points == 7);
    CHECK(q[10].options.size() == 5);
    CHECK(q[10].items[0].functional.Get("zh-CN") == "如果提供「dark mode」，您感觉如何？");
    CHECK(q[10].items[0].dysfunctional.Get("en") == "If it did not have dark mode, how would you feel?");
}

TEST_CASE("Type problems: each at its path")
{
    SurveyParseResult r = WithQuestions({
        R"J({"id":"r","type":"rating","points":5,"display":"hearts","title":"R"})J",
        R"J({"id":"s","type":"single","title":"S","options":[{"value":"a","label":"A"},{"value":"a","label":"B"}]})J",
        R"J({"id":"m","type":"multiple","title":"M","min_choices":3,"max_choices":1,"options":[{"value":"a","label":"A"},{"value":"b","label":"B"}]})J",
        R"J({"id":"t","type":"text","title":"T","input":"phone","multiline":true,"min":1})J",
        R"J({"id":"ct","type":"contact","title":"CT","fields":["fax"]})J",
        R"J({"id":"ok","type":"consent","title":"OK","link":{"text":"x","url":"javascript:alert(1)"}})J",
        R"J({"id":"sq","type":"servqual","title":"SQ","items":[{"id":"i1","label":"I1","dimension":"speed"}]})J",
        R"J({"id":"k","type":"kano","title":"K","features":[]})J",
        R"J({"id":"x","type":"slider","title":"X"})J",
    });
    INFO(Dump(r));
    CHECK(HasProblem(r, "/questions/0/display", "unknown display 'hearts'"));
    CHECK(HasProblem(r, "/questions/1/options/1/value", "duplicate option value 'a'"));
    CHECK(HasProblem(r, "/questions/2/min_choices", "between 0 and the number of options"));
    CHECK(HasProblem(r, "/questions/3/multiline", "only for input \"text\""));
    CHECK(HasProblem(r, "/questions/3/min", "applies only to input \"number\""));
    CHECK(HasProblem(r, "/questions/4/fields/0", "unknown contact field 'fax'"));
    CHECK(HasProblem(r, "/questions/5/text", "missing text"));
    CHECK(HasProblem(r, "/questions/5/link/url", "http:// or https://"));
    CHECK(HasProblem(r, "/questions/6/items/0/dimension", "unknown dimension 'speed'"));
    CHECK(HasProblem(r, "/questions/7/features", "non-empty array"));
    CHECK(HasProblem(r, "/questions/8/type", "unknown question type 'slider'"));
}

TEST_CASE("Pages: ids, visibleIf, questions or pages but not both")
{
    Json j = ValidSurvey();
    j.erase("questions");
    j["pages"] = Json::parse(R"J([
        {"id":"p1","questions":[{"id":"a","type":"nps","title":"A"}]},
        {"id":"p2","visibleIf":"{a} <= 6","questions":[{"id":"b","type":"text","title":"B"}]}
    ])J");
    SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    REQUIRE(r.ok());
    CHECK(r.survey.pages.size() == 2);
    CHECK(r.survey.questions[1].page == 1);

    j["pages"][1]["visibleIf"] = "{b} = 'x'";
    CHECK(HasProblem(Parse(j), "/pages/1/visibleIf", "refers to 'b' (at character 1), which comes later"));
    j["pages"][1]["id"] = "p1";
    CHECK(HasProblem(Parse(j), "/pages/1/id", "duplicate page id 'p1'"));
    j = ValidSurvey();
    j["pages"] = Json::array();
    CHECK(HasProblem(Parse(j), "/pages", "either 'questions' (one page) or 'pages'"));
    j.erase("questions");
    j.erase("pages");
    CHECK(HasProblem(Parse(j), "/questions", "missing questions (or pages)"));
}

TEST_CASE("Logic problems: syntax with position, missing, later, self, constant false, reserved ids")
{
    SurveyParseResult r = WithQuestions({
        R"J({"id":"a","type":"nps","title":"A","visibleIf":"{a} > 1"})J",
        R"J({"id":"b","type":"text","title":"B","visibleIf":"{a} >= 9 and ({a} < 3"})J",
        R"J({"id":"c","type":"text","title":"C","visibleIf":"{zzz} = 1"})J",
        R"J({"id":"d","type":"text","title":"D","requiredIf":"{e} = 1"})J",
        R"J({"id":"e","type":"text","title":"E","visibleIf":"1 = 2"})J",
        R"J({"id":"f","type":"text","title":"F","required":true,"requiredIf":"answered({a})"})J",
        R"J({"id":"complaint.x","type":"text","title":"G"})J",
        R"J({"id":"h","type":"text","title":"H","visibleIf":"{a/row} = 1"})J",
    });
    INFO(Dump(r));
    CHECK(HasProblem(r, "/questions/0/visibleIf", "refers to its own question 'a'"));
    CHECK(HasProblem(r, "/questions/1/visibleIf", "expected ')', not end of expression at character 22"));
    CHECK(HasProblem(r, "/questions/1/visibleIf", "\n  {a} >= 9 and ({a} < 3\n" + std::string(23, ' ') + "^"));
    CHECK(HasProblem(r, "/questions/2/visibleIf", "refers to a missing question 'zzz'"));
    CHECK(HasProblem(r, "/questions/3/requiredIf", "refers to 'e' (at character 1), which comes later"));
    CHECK(HasProblem(r, "/questions/4/visibleIf", "always false"));
    CHECK(HasProblem(r, "/questions/5/requiredIf", "already required"));
    CHECK(HasProblem(r, "/questions/6/id", "reserved for the complaint form"));
    CHECK(HasProblem(r, "/questions/7/visibleIf", "only matrix rows and contact fields have sub-ids"));
    for (const auto& p : r.problems)
        if (p.path == "/questions/5/requiredIf")
            CHECK(p.warning);
}

TEST_CASE("End rules: unreachable questions, skippable required questions, bad actions")
{
    Json j = ValidSurvey();
    j.erase("questions");
    j["pages"] = Json::parse(R"J([
        {"id":"p1","questions":[{"id":"a","type":"nps","title":"A"}]},
        {"id":"p2","questions":[{"id":"b","type":"text","title":"B","required":true}]}
    ])J");
    j["end_rules"] = Json::parse(R"J([{"if":"{a} >= 9","action":"end"}])J");
    SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    CHECK(r.ok()); // warnings only
    CHECK(HasProblem(r, "/pages/1/questions/0/required", "end rule /end_rules/0 can end the survey before it"));

    j["end_rules"] = Json::parse(R"J([{"if":"true","action":"end"}])J");
    CHECK(HasProblem(Parse(j), "/pages/1/questions/0", "never reached"));
    j["end_rules"] = Json::parse(R"J([{"if":"false","action":"end"}])J");
    CHECK(HasProblem(Parse(j), "/end_rules/0/if", "always false"));
    j["end_rules"] = Json::parse(R"J([{"if":"{a} = 1","action":"complaint"}, {"if":"{a} = ","action":"stop"}])J");
    r = Parse(j);
    CHECK(HasProblem(r, "/end_rules/0/action", "needs a /complaint section"));
    CHECK(HasProblem(r, "/end_rules/1/action", "unknown action 'stop'"));
    CHECK(HasProblem(r, "/end_rules/1/if", "at character 7"));
}

TEST_CASE("Complaint section: defaults, overrides, trigger checks")
{
    Json j = ValidSurvey();
    j["complaint"] = Json::parse(R"J({"trigger":{"question":"q1","at_or_below":2},
        "fields":{"order":{"enabled":false},"wish":{"title":{"zh-CN":"您的诉求","en":"What you want"}},
                  "type":{"options":["complaint",{"value":"suggestion","label":{"zh-CN":"提个建议","en":"A suggestion"}}]}}})J");
    SurveyParseResult r = Parse(j);
    INFO(Dump(r));
    REQUIRE(r.ok());
    const manyi::Survey& s = r.survey;
    CHECK(manyi::FindQuestion(s, "complaint.order") == nullptr);
    CHECK(manyi::FindQuestion(s, "complaint.wish")->title.Get("en") == "What you want");
    const manyi::Question* type = manyi::FindQuestion(s, "complaint.type");
    REQUIRE(type->options.size() == 2);
    CHECK(type->options[0].label.Get("zh-CN") == "投诉");
    CHECK(type->options[1].label.Get("zh-CN") == "提个建议");
    CHECK(manyi::FindQuestion(s, "complaint.contact")->required);
    CHECK_FALSE(manyi::FindQuestion(s, "complaint.contact")->visible_if.Empty());
    CHECK(manyi::ComplaintEntryAvailable(s));

    j["complaint"] = Json::parse(R"J({"trigger":{"question":"q2","at_or_below":9},"response_window_hours":0,
        "fields":{"type":{"enabled":false,"options":["nope"]},"colour":{}}})J");
    r = Parse(j);
    INFO(Dump(r));
    CHECK(HasProblem(r, "/complaint/trigger/question", "is a text question"));
    CHECK(HasProblem(r, "/complaint/response_window_hours", "between 1 and 720"));
    CHECK(HasProblem(r, "/complaint/fields/type/enabled", "always has the 'type' field"));
    CHECK(HasProblem(r, "/complaint/fields/type/options/0", "unknown option 'nope'"));
    CHECK(HasProblem(r, "/complaint/fields/colour", "unknown complaint field"));
    j["complaint"] = Json::parse(R"J({"trigger":{"question":"q1","at_or_below":5}})J");
    CHECK(HasProblem(Parse(j), "/complaint/trigger/at_or_below", "between 1 and 4"));
}

TEST_CASE("Built-in texts need zh or en locales")
{
    Json j = ValidSurvey();
    j["locales"] = Json::array({ "zh-CN", "ja" });
    j["title"] = Json::object({ { "zh-CN", "标题" }, { "ja", "タイトル" } });
    j["questions"] = Json::parse(R"J([{"id":"n","type":"nps","title":"N"}])J");
    SurveyParseResult r = Parse(j);
    CHECK(HasProblem(r, "/questions/0/low_label", "no 'ja' version"));
}

TEST_CASE("Hostile input: size, depth, long strings, many questions, invalid UTF-8")
{
    CHECK(HasProblem(ParseSurvey(std::string(6 * 1024 * 1024, ' ')), "", "the limit is 5242880"));
    CHECK(HasProblem(ParseSurvey(std::string(100000, '[') + std::string(100000, ']')), "", "nested more than 64"));
    // Brackets inside strings do not count.
    Json j = ValidSurvey();
    j["x-note"] = std::string(200, '[');
    CHECK(Parse(j).ok());

    j = ValidSurvey();
    j["questions"][1]["title"] = std::string(10001, 'a');
    CHECK(HasProblem(Parse(j), "/questions/1/title", "longer than 10000 characters"));
    j["questions"][1]["title"] = std::string(10 * 1024 * 1024 / 3, 'a');
    CHECK(HasProblem(Parse(j), "/questions/1/title", "longer than 10000"));

    j = ValidSurvey();
    j["questions"] = Json::array();
    for (int i = 0; i < 2000; i++)
        j["questions"].push_back(Json::object({ { "id", "q" + std::to_string(i) }, { "type", "text" }, { "title", "T" } }));
    SurveyParseResult r = Parse(j);
    CHECK(HasProblem(r, "/questions", "more than 500 questions"));
    CHECK(r.problems.size() == 1);

    r = ParseSurvey("{\"format_version\": 1, \"id\": \"bad\xff\"}");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.find("invalid JSON at line 1") == 0);
    CHECK(r.problems[0].message.find("UTF-8") != std::string::npos);
}
