#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "core/survey.h"
#include "core/surveyjs_convert.h"

using manyi::ConvertSurveyJs;
using manyi::Json;
using manyi::SurveyJsConvertOptions;
using manyi::SurveyJsConvertResult;

namespace {

std::string ReadFixture(const char* name)
{
    std::ifstream file(std::string(MANYI_SOURCE_DIR "/tests/unit/fixtures/surveyjs/") + name, std::ios::binary);
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

std::vector<std::string> Notes(const SurveyJsConvertResult& r)
{
    std::vector<std::string> out;
    for (const auto& n : r.notes)
        out.push_back(manyi::FormatSurveyJsNote(n));
    return out;
}

std::string Joined(const std::vector<std::string>& lines)
{
    std::string out;
    for (const auto& l : lines)
        out += l + "\n";
    return out;
}

std::string Problems(const manyi::SurveyParseResult& r)
{
    std::string out;
    for (const auto& p : r.problems)
        out += p.path + ": " + p.message + "\n";
    return out;
}

struct Converted
{
    SurveyJsConvertResult     result;
    Json                      json;
    manyi::SurveyParseResult  parsed;
    std::vector<std::string>  notes;
};

// Converts and checks the output passes ParseSurvey.
Converted Convert(const std::string& surveyjs, SurveyJsConvertOptions options = {})
{
    Converted c;
    c.result = ConvertSurveyJs(surveyjs, options);
    REQUIRE_MESSAGE(c.result.readable, c.result.error);
    c.notes = Notes(c.result);
    c.json = Json::parse(c.result.survey_json);
    c.parsed = manyi::ParseSurvey(c.result.survey_json);
    INFO(Problems(c.parsed));
    INFO(c.result.survey_json);
    CHECK(c.parsed.ok());
    CHECK(c.parsed.problems.empty());
    return c;
}

// A one-page SurveyJS survey with these elements.
std::string WithElements(const std::string& elements)
{
    return R"({"title": "T", "pages": [{"name": "p1", "elements": [)" + elements + "]}]}";
}

// The converted question with this id.
Json QuestionOf(const Json& survey, const std::string& id)
{
    auto search = [&](const Json& list) -> Json {
        for (const Json& q : list)
            if (q["id"] == id)
                return q;
        return Json();
    };
    if (survey.contains("questions"))
        return search(survey["questions"]);
    for (const Json& p : survey["pages"])
    {
        Json q = search(p["questions"]);
        if (!q.is_null())
            return q;
    }
    return Json();
}

} // namespace

TEST_CASE("SurveyJS NPS example: the 0-10 rating becomes nps; follow-ups keep their logic")
{
    Converted c = Convert(ReadFixture("nps.json"));
    const Json& s = c.json;
    CHECK(s["id"] == "net-promoter-score-survey");
    CHECK(s["version"] == "1");
    CHECK(s["locales"] == Json::array({ "en" }));
    CHECK(s["title"] == "Net Promoter Score Survey");
    CHECK(s["thanks"] == "Thank you for your feedback");

    Json nps = QuestionOf(s, "nps_score");
    CHECK(nps["type"] == "nps");
    CHECK(nps["required"] == true);
    CHECK(nps["low_label"] == "(Most unlikely)");
    CHECK(nps["high_label"] == "(Most likely)");

    Json features = QuestionOf(s, "promoter_features");
    CHECK(features["type"] == "multiple");
    CHECK(features["help"] == "Please select no more than three features.");
    CHECK(features["max_choices"] == 3); // from the answercount validator
    CHECK(features["options"].size() == 6);
    CHECK(features["options"][2]["value"] == "User_Interface");
    CHECK(features["options"][2]["label"] == "User Interface");
    CHECK(features["visibleIf"] == "{nps_score} >= 9");
    CHECK(QuestionOf(s, "passive_experience")["visibleIf"] == "{nps_score} >= 7 and {nps_score} <= 8");
    CHECK(QuestionOf(s, "passive_experience")["multiline"] == true);
    CHECK(QuestionOf(s, "disappointing_experience")["visibleIf"] == "{nps_score} <= 6");

    CHECK(Joined(c.notes) == Joined({
        "/pages/0/elements/0: rating 0-10 converted to an \"nps\" question (same values)",
        "/pages/0/elements/1/choices/2: value \"User Interface\" is stored as \"User_Interface\"",
        "/pages/0/elements/1/choices/3: value \"Complete Functionality\" is stored as \"Complete_Functionality\"",
        "/pages/0/elements/1/choices/4: value \"Learning Materials (Documentation, Demos, Code Examples)\" is stored as \"Learning_Materials_Documentation_Demos_Code_Examples\"",
        "/pages/0/elements/1/choices/5: value \"Quality Support\" is stored as \"Quality_Support\"",
        "/pages/0/elements/1/showOtherItem: the \"Other\" (free text) item has no Manyi equivalent; skipped",
        "/completedHtml: HTML markup removed; plain text kept",
        "/completedHtmlOnCondition: property \"completedHtmlOnCondition\" is not converted; ignored",
    }));
}

TEST_CASE("SurveyJS CSAT example: matrix, ratings with end descriptions, renamed ids, a skipped multipletext")
{
    Converted c = Convert(ReadFixture("csat.json"));
    const Json& s = c.json;
    CHECK(s["id"] == "customer-satisfaction-survey");
    CHECK(s["intro"] == "Tell us about your experience with our product.");
    REQUIRE(s["pages"].size() == 3);
    CHECK(s["pages"][1]["questions"].size() == 2); // the multipletext is gone

    Json quality = QuestionOf(s, "Quality");
    CHECK(quality["type"] == "matrix");
    CHECK(quality["points"] == 5);
    CHECK_FALSE(quality.contains("first_value"));
    CHECK(quality["labels"] == Json::array({ "Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree" }));
    CHECK(quality["rows"][1] == Json({ { "id", "does_what_it_claims" }, { "label", "Product does what it claims" } }));

    Json satisfaction = QuestionOf(s, "satisfaction");
    CHECK(satisfaction["type"] == "rating");
    CHECK(satisfaction["points"] == 5);
    CHECK(satisfaction["labels"] == Json::array({ "Not satisfied", "2", "3", "4", "Completely satisfied" }));
    CHECK(QuestionOf(s, "recommend_friends")["visibleIf"] == "{satisfaction} > 3");

    Json price = QuestionOf(s, "price");
    CHECK(price["options"][0] == Json({ { "value", "correct" }, { "label", "Yes, the price is about right" } }));
    CHECK(QuestionOf(s, "price_to_competitors")["options"][1]["value"] == "Priced_about_the_same");
    CHECK(QuestionOf(s, "email")["input"] == "email");

    CHECK(Joined(c.notes) == Joined({
        "/pages/0/elements/0/rows/1: row \"does what it claims\" is stored as \"does_what_it_claims\"",
        "/pages/0/elements/0/rows/2: row \"better than others\" is stored as \"better_than_others\"",
        "/pages/0/elements/0/rows/3: row \"easy to use\" is stored as \"easy_to_use\"",
        "/pages/0/elements/1: minRateDescription/maxRateDescription became the labels of the first/last point; the points between are labelled with their numbers",
        "/pages/0/elements/2/name: \"recommend friends\" is stored as id \"recommend_friends\"",
        "/pages/0/elements/2: minRateDescription/maxRateDescription became the labels of the first/last point; the points between are labelled with their numbers",
        "/pages/1/elements/0/name: \"price to competitors\" is stored as id \"price_to_competitors\"",
        "/pages/1/elements/0/choices/0: value \"Less expensive\" is stored as \"Less_expensive\"",
        "/pages/1/elements/0/choices/1: value \"Priced about the same\" is stored as \"Priced_about_the_same\"",
        "/pages/1/elements/0/choices/2: value \"More expensive\" is stored as \"More_expensive\"",
        "/pages/1/elements/0/choices/3: value \"Not sure\" is stored as \"Not_sure\"",
        "/pages/1/elements/2: question type \"multipletext\" has no Manyi equivalent; skipped",
    }));
}

TEST_CASE("SurveyJS product feedback: two languages, boolean, checkbox, matrix, panel, html intro and logic")
{
    Converted c = Convert(ReadFixture("product-feedback.json"));
    const Json& s = c.json;
    CHECK(s["id"] == "product-feedback");
    CHECK(s["locales"] == Json::array({ "en", "zh-CN" }));
    CHECK(s["default_locale"] == "en");
    CHECK(s["title"] == Json({ { "en", "Product feedback" }, { "zh-CN", "产品反馈" } }));
    CHECK(s["thanks"]["en"] == "Thank you! Your feedback helps us improve.");
    CHECK(s["thanks"]["zh-CN"] == "谢谢！ 您的反馈帮助我们改进。");
    REQUIRE(s["pages"].size() == 3);
    CHECK(s["pages"][0]["intro"] == Json({ { "en", "Please answer a few questions about our app." }, { "zh-CN", "请回答几个关于我们应用的问题。" } }));

    Json features = QuestionOf(s, "features");
    CHECK(features["min_choices"] == 1);
    CHECK(features["max_choices"] == 3);
    CHECK(features["options"][3]["label"] == Json({ { "en", "Offline mode" }, { "zh-CN", "Offline mode" } }));

    Json mobile = QuestionOf(s, "uses_mobile");
    CHECK(mobile["type"] == "single");
    CHECK(mobile["options"][0] == Json({ { "value", "yes" }, { "label", { { "en", "Yes, I do" }, { "zh-CN", "是的" } } } }));
    CHECK(mobile["options"][1]["value"] == "no");

    Json rating = QuestionOf(s, "mobile_rating");
    CHECK(rating["display"] == "smileys");
    CHECK(rating["points"] == 5);
    CHECK(rating["labels"][0] == Json({ { "en", "Awful" }, { "zh-CN", "很差" } }));
    CHECK(rating["visibleIf"] == "{uses_mobile} = 'yes'");
    CHECK(QuestionOf(s, "ease")["display"] == "stars");

    Json quality = QuestionOf(s, "quality");
    CHECK(quality["required"] == true); // isAllRowRequired
    CHECK(quality["points"] == 4);

    // The panel's condition applies to its questions; its file question is gone.
    CHECK(QuestionOf(s, "problem_details")["visibleIf"] == "{quality/reliability} in (1, 2)");
    CHECK(QuestionOf(s, "problem_details")["max_length"] == 500);
    CHECK(QuestionOf(s, "screenshot").is_null());
    Json age = QuestionOf(s, "age");
    CHECK(age["input"] == "number");
    CHECK(age["min"] == 16);
    CHECK(age["max"] == 100);
    Json email = QuestionOf(s, "email");
    CHECK(email["visibleIf"] == "'sharing' in {features} or answered({frequency})");
    CHECK(email["requiredIf"] == "{features} in ('export', 'sharing')");
    CHECK_FALSE(QuestionOf(s, "other_comments").contains("visibleIf"));
    CHECK(QuestionOf(s, "contact_me")["input"] == "phone");
    // 10..50 in steps of 10 stored as 1..5: "< 30" is "at most the 2nd point".
    CHECK(s["pages"][2]["visibleIf"] == "{mobile_rating} <= 2 and {ease} <= 2");

    CHECK(Joined(c.notes) == Joined({
        "/pages/0/elements/0: html element converted to the intro (as plain text)",
        "/pages/0/elements/1/showOtherItem: the \"Other\" (free text) item has no Manyi equivalent; skipped",
        "/pages/0/elements/2/choices/3/text: no \"zh-CN\" text; the \"en\" text is used",
        "/pages/0/elements/2/showNoneItem: the \"None\" item has no Manyi equivalent; skipped",
        "/pages/0/elements/5: rating values 10, 20, 30, 40, 50 are stored as 1, 2, 3, 4, 5",
        "/pages/1/elements/0/columns: column values \"poor\", \"fair\", \"good\", \"excellent\" are stored as 1, 2, 3, 4",
        "/pages/1/elements/1: panel \"problems\" flattened: its elements are placed on the page; its title and description are not shown",
        "/pages/1/elements/1/elements/1: question type \"file\" has no Manyi equivalent; skipped",
        "/pages/1/elements/4/visibleIf: \"{age} >= 18\" cannot be converted ({age} is a text answer, which Manyi compares as text, so >= is not converted); dropped, so the question is always shown",
        "/pages/1/elements/5/name: \"contact me\" is stored as id \"contact_me\"",
        "/pages/1/elements/5/visibleIf: \"{screenshot} notempty\" cannot be converted ({screenshot} is a question that was skipped); dropped, so the question is always shown",
        "/completedHtml: HTML markup removed; plain text kept",
    }));
}

TEST_CASE("SurveyJS: the default locale comes from --locale, else the survey's locale, else en")
{
    const std::string doc = R"({"locale": "zh-cn", "title": {"default": "满意度", "en": "Satisfaction"},
        "elements": [{"type": "comment", "name": "c", "title": {"default": "意见", "en": "Comments"}}]})";
    Converted c = Convert(doc, { "sat", "" });
    CHECK(c.json["default_locale"] == "zh-CN");
    CHECK(c.json["locales"] == Json::array({ "zh-CN", "en" }));
    CHECK(c.json["title"] == Json({ { "zh-CN", "满意度" }, { "en", "Satisfaction" } }));
    CHECK(c.json["questions"][0]["title"]["zh-CN"] == "意见");
    CHECK(c.notes.empty());

    Converted d = Convert(R"({"title": {"default": "Satisfaction", "de": "Zufriedenheit"},
        "elements": [{"type": "boolean", "name": "ok", "title": "OK?"}]})", { "sat", "en-gb" });
    CHECK(d.json["default_locale"] == "en-GB");
    CHECK(d.json["locales"] == Json::array({ "en-GB", "de" }));
    CHECK(d.json["title"] == Json({ { "en-GB", "Satisfaction" }, { "de", "Zufriedenheit" } }));
    // Boolean labels built in: English for languages other than Chinese.
    CHECK(d.json["questions"][0]["options"][0]["label"] == Json({ { "en-GB", "Yes" }, { "de", "Yes" } }));

    Converted e = Convert(R"({"title": "Umfrage", "elements": [{"type": "boolean", "name": "ok", "title": "OK?"}]})", { "", "zh-CN" });
    CHECK(e.json["questions"][0]["options"][1]["label"] == "否");
    CHECK(e.json["id"] == "umfrage");
}

TEST_CASE("SurveyJS: survey ids, question ids and option values follow our id rules and stay unique")
{
    Converted c = Convert(R"({"title": "满意度调查", "questions": [
        {"type": "text", "name": "名字", "title": "Name"},
        {"type": "text", "name": "q 1", "title": "A"},
        {"type": "text", "name": "q_1", "title": "B"},
        {"type": "radiogroup", "name": "-x-", "title": "C", "choices": [1, 2, "很好", "a b", "a_b"]}
    ]})");
    CHECK(c.json["id"] == "survey");
    CHECK(c.json["title"] == "满意度调查");
    const Json& qs = c.json["questions"];
    CHECK(qs[0]["id"] == "q1");
    CHECK(qs[1]["id"] == "q_1");
    CHECK(qs[2]["id"] == "q_1_2");
    CHECK(qs[3]["id"] == "x");
    Json values = Json::array();
    for (const Json& o : qs[3]["options"])
        values.push_back(o["value"]);
    CHECK(values == Json::array({ "1", "2", "3", "a_b", "a_b_2" }));
    CHECK(qs[3]["options"][2]["label"] == "很好");
    CHECK(Joined(c.notes) == Joined({
        "/title: the title gives no id (use --id); the survey id is \"survey\"",
        "/questions/0/name: \"名字\" is stored as id \"q1\"",
        "/questions/1/name: \"q 1\" is stored as id \"q_1\"",
        "/questions/2/name: \"q_1\" is stored as id \"q_1_2\"",
        "/questions/3/name: \"-x-\" is stored as id \"x\"",
        "/questions/3/choices/2: value \"很好\" is stored as \"3\"",
        "/questions/3/choices/3: value \"a b\" is stored as \"a_b\"",
        "/questions/3/choices/4: value \"a_b\" is stored as \"a_b_2\"",
    }));
}

TEST_CASE("SurveyJS: rating scales")
{
    Converted c = Convert(WithElements(R"(
        {"type": "rating", "name": "a"},
        {"type": "rating", "name": "b", "rateMin": 0, "rateMax": 4},
        {"type": "rating", "name": "c", "rateCount": 7},
        {"type": "rating", "name": "d", "rateValues": [{"value": "lo", "text": "Low"}, {"value": "mid"}, {"value": "hi", "text": "High"}]},
        {"type": "rating", "name": "e", "rateMin": 1, "rateMax": 20},
        {"type": "rating", "name": "f", "rateMin": 0, "rateMax": 10, "rateType": "stars"},
        {"type": "rating", "name": "g", "rateValues": [1, 2, 3], "minRateDescription": "x", "rateType": "buttons"}
    )"));
    Json a = QuestionOf(c.json, "a");
    CHECK(a["points"] == 5);
    CHECK_FALSE(a.contains("labels"));
    CHECK_FALSE(a.contains("display"));
    CHECK(QuestionOf(c.json, "b")["first_value"] == 0);
    CHECK(QuestionOf(c.json, "b")["points"] == 5);
    CHECK(QuestionOf(c.json, "c")["points"] == 7);
    CHECK(QuestionOf(c.json, "d")["labels"] == Json::array({ "Low", "mid", "High" }));
    CHECK(QuestionOf(c.json, "e").is_null());
    CHECK(QuestionOf(c.json, "f")["type"] == "rating"); // stars: not nps
    CHECK(QuestionOf(c.json, "f")["points"] == 11);
    CHECK(QuestionOf(c.json, "g")["labels"] == Json::array({ "x", "2", "3" }));
    CHECK(Joined(c.notes) == Joined({
        "/pages/0/elements/3: rating values \"lo\", \"mid\", \"hi\" are stored as 1, 2, 3",
        "/pages/0/elements/4: rating has 20 points; Manyi allows 2 to 11; skipped",
        "/pages/0/elements/6/rateType: rateType \"buttons\" is not converted; shown as numbers",
        "/pages/0/elements/6: minRateDescription/maxRateDescription became the labels of the first/last point; the points between are labelled with their numbers",
    }));
}

TEST_CASE("SurveyJS: logic in its simple forms")
{
    const std::string elements = R"J(
        {"type": "radiogroup", "name": "color", "choices": [{"value": "red", "text": "Red"}, {"value": "dark blue", "text": "Blue"}]},
        {"type": "checkbox", "name": "pets", "choices": ["cat", "dog", "fish"]},
        {"type": "boolean", "name": "agree", "valueTrue": "Y", "valueFalse": "N"},
        {"type": "rating", "name": "score"},
        {"type": "text", "name": "city"},
        {"type": "matrix", "name": "m", "columns": [1, 2, 3], "rows": ["x", "y"]},
        {"type": "comment", "name": "t1", "visibleIf": "{color} = 'dark blue'"},
        {"type": "comment", "name": "t2", "visibleIf": "{color} != 'red' && {score} > 3"},
        {"type": "comment", "name": "t3", "visibleIf": "{pets} anyof ['cat', 'dog'] or {pets} allof ['cat', 'fish']"},
        {"type": "comment", "name": "t4", "visibleIf": "{pets} noneof ['fish'] and not {pets} contains 'dog'"},
        {"type": "comment", "name": "t5", "visibleIf": "{agree} = 'Y' or {agree} = false or {agree}"},
        {"type": "comment", "name": "t6", "visibleIf": "({score} >= 2 and {score} <= 4) or {city} empty"},
        {"type": "comment", "name": "t7", "visibleIf": "{M.X} greaterorequal 2 AND {city} notempty"},
        {"type": "comment", "name": "t8", "visibleIf": "3 < {score}"},
        {"type": "comment", "name": "t9", "visibleIf": "{city} = 'Paris' or {city} <> \"Rome\""},
        {"type": "comment", "name": "t10", "requiredIf": "{color} anyof ['red']", "visibleIf": "!({score} = 5)"},
        {"type": "comment", "name": "u1", "visibleIf": "age({city}) > 18"},
        {"type": "comment", "name": "u2", "visibleIf": "{score} + 1 > 3"},
        {"type": "comment", "name": "u3", "visibleIf": "{nothing} = 1"},
        {"type": "comment", "name": "u4", "visibleIf": "{color} = 'green'"},
        {"type": "comment", "name": "u5", "visibleIf": "{pets} = 'cat'"},
        {"type": "comment", "name": "u6", "visibleIf": "{city} contains 'ar'"},
        {"type": "comment", "name": "u7", "visibleIf": "{score} = 1 and ("}
    )J";
    Converted c = Convert(WithElements(elements));
    auto visible = [&](const char* id) { return QuestionOf(c.json, id).value("visibleIf", std::string("(none)")); };
    CHECK(visible("t1") == "{color} = 'dark_blue'");
    CHECK(visible("t2") == "not ({color} = 'red') and {score} > 3");
    CHECK(visible("t3") == "{pets} in ('cat', 'dog') or ('cat' in {pets} and 'fish' in {pets})");
    CHECK(visible("t4") == "not ({pets} in ('fish')) and not ('dog' in {pets})");
    CHECK(visible("t5") == "{agree} = 'yes' or {agree} = 'no' or {agree} = 'yes'");
    CHECK(visible("t6") == "({score} >= 2 and {score} <= 4) or empty({city})");
    CHECK(visible("t7") == "{m/x} >= 2 and answered({city})");
    CHECK(visible("t8") == "{score} > 3");
    CHECK(visible("t9") == "{city} = 'Paris' or not ({city} = 'Rome')");
    CHECK(visible("t10") == "not ({score} = 5)");
    CHECK(QuestionOf(c.json, "t10")["requiredIf"] == "{color} in ('red')");
    for (const char* id : { "u1", "u2", "u3", "u4", "u5", "u6", "u7" })
        CHECK(visible(id) == "(none)");
    CHECK(Joined(c.notes) == Joined({
        "/pages/0/elements/0/choices/1: value \"dark blue\" is stored as \"dark_blue\"",
        "/pages/0/elements/2: answers are stored as \"yes\"/\"no\", not valueTrue/valueFalse",
        "/pages/0/elements/16/visibleIf: \"age({city}) > 18\" cannot be converted (function age() has no Manyi equivalent); dropped, so the question is always shown",
        "/pages/0/elements/17/visibleIf: \"{score} + 1 > 3\" cannot be converted (arithmetic (+) has no Manyi equivalent); dropped, so the question is always shown",
        "/pages/0/elements/18/visibleIf: \"{nothing} = 1\" cannot be converted ({nothing} is not a question of this survey); dropped, so the question is always shown",
        "/pages/0/elements/19/visibleIf: \"{color} = 'green'\" cannot be converted ('green' is not one of the choices of {color}); dropped, so the question is always shown",
        "/pages/0/elements/20/visibleIf: \"{pets} = 'cat'\" cannot be converted (= on the multiple choice {pets} is not converted (use anyof / allof / contains)); dropped, so the question is always shown",
        "/pages/0/elements/21/visibleIf: \"{city} contains 'ar'\" cannot be converted (contains on {city} (not a multiple choice) has no Manyi equivalent); dropped, so the question is always shown",
        "/pages/0/elements/22/visibleIf: \"{score} = 1 and (\" cannot be converted (unexpected end); dropped, so the question is always shown",
    }));
}

TEST_CASE("SurveyJS: top-level elements, html, text inputs, matrix requirement and unknown properties")
{
    Converted c = Convert(R"({"title": "Visit", "description": "About your visit", "elements": [
        {"type": "html", "name": "h", "html": "<b>Hi</b>"},
        {"type": "text", "name": "n", "inputType": "number", "min": 1, "max": 9, "maxLength": 20000},
        {"type": "text", "name": "d", "inputType": "date", "defaultValue": "2024-01-01", "placeholder": "when"},
        {"type": "text", "name": "v", "validators": [{"type": "regex", "regex": "^a"}, {"type": "text", "maxLength": 40}]},
        {"type": "html", "name": "h2", "html": "<p>later</p>"},
        {"type": "matrix", "name": "m", "isRequired": true, "columns": ["a", "b"], "rows": ["r"]},
        {"type": "dropdown", "name": "dd", "choicesByUrl": {"url": "https://example.com"}},
        {"type": "tagbox", "name": "tb", "choices": ["x", "y"], "readOnly": true}
    ], "triggers": [], "showProgressBar": "top"})");
    const Json& s = c.json;
    REQUIRE(s.contains("pages")); // an html intro next to the survey description needs a page
    CHECK(s["intro"] == "About your visit");
    CHECK(s["pages"][0]["id"] == "main");
    CHECK(s["pages"][0]["intro"] == "Hi");
    Json n = QuestionOf(s, "n");
    CHECK(n["input"] == "number");
    CHECK(n["min"] == 1);
    CHECK(n["max_length"] == 10000);
    CHECK_FALSE(QuestionOf(s, "d").contains("input"));
    CHECK(QuestionOf(s, "d")["placeholder"] == "when");
    CHECK(QuestionOf(s, "v")["max_length"] == 40);
    CHECK(QuestionOf(s, "m")["labels"] == Json::array({ "a", "b" }));
    CHECK(QuestionOf(s, "dd").is_null());
    CHECK(QuestionOf(s, "tb")["type"] == "multiple");
    CHECK(Joined(c.notes) == Joined({
        "/elements/0: html element converted to the intro (as plain text)",
        "/elements/1/maxLength: maxLength 20000 is above Manyi's 10000; 10000 is used",
        "/elements/2/inputType: inputType \"date\" has no Manyi equivalent; converted as plain text",
        "/elements/2/defaultValue: default answers are not converted; ignored",
        "/elements/3/validators/0: validator \"regex\" has no Manyi equivalent; skipped",
        "/elements/4: html element has no Manyi equivalent (only an html element first on a page becomes the page intro); skipped",
        "/elements/5/columns: column values \"a\", \"b\" are stored as 1, 2",
        "/elements/5/isRequired: SurveyJS requires one row answered, Manyi requires every row",
        "/elements/6: the question loads its choices from a URL (choicesByUrl), which Manyi cannot do; skipped",
        "/elements/7/readOnly: property \"readOnly\" is not converted (Manyi questions are always editable); ignored",
        "/triggers: property \"triggers\" is not converted; ignored",
    }));

    // Without a description, a leading html element is the survey intro of a one-page survey.
    Converted d = Convert(R"({"title": "Visit", "elements": [{"type": "html", "html": "<p>Welcome &amp; thanks</p>"}, {"type": "comment", "name": "c"}]})");
    CHECK(d.json["intro"] == "Welcome & thanks");
    CHECK(d.json.contains("questions"));
    CHECK(d.json["questions"][0]["title"] == "c"); // no title: SurveyJS shows the name
}

TEST_CASE("SurveyJS: unreadable input is refused; odd but readable input still converts")
{
    CHECK_FALSE(ConvertSurveyJs("{\"title\": ", {}).readable);
    CHECK(ConvertSurveyJs("{\"title\": ", {}).error.find("invalid JSON at line 1") == 0);
    CHECK_FALSE(ConvertSurveyJs("[1, 2]", {}).readable);
    CHECK_FALSE(ConvertSurveyJs(std::string(200, '[') + std::string(200, ']'), {}).readable);
    CHECK_FALSE(ConvertSurveyJs("{}", { "bad id!", "" }).readable);
    CHECK_FALSE(ConvertSurveyJs("{}", { "", "not a locale" }).readable);

    // No questions: converted, but the result does not pass ParseSurvey (the CLI exits 1).
    SurveyJsConvertResult r = ConvertSurveyJs(R"({"pages": [{"name": "p", "elements": [{"type": "signaturepad", "name": "s"}]}]})", {});
    REQUIRE(r.readable);
    CHECK(Joined(Notes(r)) == Joined({
        "(root): no title; the survey id \"survey\" is used as the title",
        "/pages/0/elements/0: question type \"signaturepad\" has no Manyi equivalent; skipped",
        "/pages/0: page has no question Manyi can show; dropped",
    }));
    CHECK_FALSE(manyi::ParseSurvey(r.survey_json).ok());

    // Elements of the wrong shape are reported, not fatal.
    SurveyJsConvertResult w = ConvertSurveyJs(R"({"title": "!", "pages": [3, {"elements": [null, {"type": "rating", "name": "r", "rateStep": 0}, {"name": "nt"}]}]})", {});
    REQUIRE(w.readable);
    CHECK(Joined(Notes(w)) == Joined({
        "/title: the title gives no id (use --id); the survey id is \"survey\"",
        "/pages/0: a page must be an object; skipped",
        "/pages/1/elements/0: an element must be an object; skipped",
        "/pages/1/elements/1: rating scale rateMin 1, rateMax 5, rateStep 0 is not a usable scale; skipped",
        "/pages/1/elements/2: element has no type; skipped",
        "/pages/1: page has no question Manyi can show; dropped",
    }));
}
