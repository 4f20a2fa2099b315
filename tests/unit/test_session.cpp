#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/json_text.h"
#include "core/survey_session.h"

using namespace manyi;

static Survey Load(const char* name)
{
    std::ifstream file(std::string(MANYI_SOURCE_DIR "/assets/surveys/") + name, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    SurveyParseResult r = ParseSurvey(text.str());
    REQUIRE(r.ok());
    return r.survey;
}

static Survey FromJson(const char* json)
{
    SurveyParseResult r = ParseSurvey(json);
    std::string problems;
    for (const auto& p : r.problems) problems += p.path + ": " + p.message + "\n";
    INFO(problems);
    REQUIRE(r.ok());
    return r.survey;
}

static int Q(const Survey& s, const char* id)
{
    const int i = FindQuestionIndex(s, id);
    REQUIRE(i >= 0);
    return i;
}

static ResponseContext Context()
{
    ResponseContext c;
    c.id = "0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e";
    c.now_ms = 1795424400123;
    c.mode = "kiosk";
    c.device_id = "dev";
    for (int i = 0; i < 8; i++) c.reference_random[i] = (uint8_t)(i * 29 + 3);
    return c;
}

TEST_CASE("Default survey: the satisfied path is one page and submits")
{
    const Survey s = Load("default.json");
    Session ss = StartSession(s, "zh-CN", 1000);
    CHECK(ss.page == 0);
    CHECK(VisibleQuestions(s, ss) == std::vector<int>{ 0, 1, 2 });
    CHECK(IsLastPage(s, ss));
    CHECK(GetProgress(s, ss).page_count == 1);
    CHECK_FALSE(CanGoBack(ss));

    // Required satisfaction missing: Invalid with a Chinese message.
    CHECK(Next(s, &ss) == NextResult::Invalid);
    REQUIRE(ss.errors.size() == 1);
    CHECK(ss.errors[0].question_id == "satisfaction");
    CHECK(ss.errors[0].message == "此题为必答题");
    CHECK(ErrorFor(ss, 0) != nullptr);

    ss.answers[0] = AnswerValue::MakeNumber(6);
    ss.answers[2] = AnswerValue::MakeText("服务很好");
    CHECK(IsLastPage(s, ss));
    CHECK(Next(s, &ss) == NextResult::Finished);
    CHECK(ss.finished);
    const Response r = BuildResponse(s, ss, Context());
    REQUIRE(r.answers.size() == 2);
    CHECK(r.answers[0].label == "满意");
    CHECK(r.answers[1].value.text == "服务很好");
    CHECK_FALSE(r.complaint.has_value());
    CHECK(r.started_at_ms == 1000);
    CHECK(r.mode == "kiosk");
}

TEST_CASE("Default survey: a low grade routes to the complaint form and back")
{
    const Survey s = Load("default.json");
    Session ss = StartSession(s, "en", 0);
    ss.answers[0] = AnswerValue::MakeNumber(3); // 不太满意: at the trigger
    CHECK(ComplaintRoute(s, ss) == ComplaintOrigin::Trigger);
    CHECK_FALSE(IsLastPage(s, ss));
    CHECK(GetProgress(s, ss).page_count == 3);
    REQUIRE(Next(s, &ss) == NextResult::Moved);
    CHECK(OnComplaintPage(s, ss));
    CHECK(GetProgress(s, ss).page_number == 2);

    // The complaint page: type and description are required.
    CHECK(Next(s, &ss) == NextResult::Invalid);
    CHECK(ss.errors.size() == 2);
    CHECK(ss.errors[0].message == "This question is required.");
    const int type = Q(s, kComplaintType), cause = Q(s, kComplaintCause);
    ss.answers[type] = AnswerValue::MakeChoice("praise");
    CHECK_FALSE(IsQuestionVisible(s, ss, cause)); // no cause for praise
    ss.answers[type] = AnswerValue::MakeChoice("complaint");
    CHECK(IsQuestionVisible(s, ss, cause));
    ss.answers[Q(s, kComplaintDescription)] = AnswerValue::MakeText("排队一小时");
    REQUIRE(Next(s, &ss) == NextResult::Moved);

    // Contact page: contact/channel/time only after ticking the callback consent.
    const int contact = Q(s, kComplaintContact), callback = Q(s, kComplaintCallback);
    CHECK(VisibleQuestions(s, ss) == std::vector<int>{ callback });
    ss.answers[callback] = AnswerValue::MakeBool(true);
    CHECK(VisibleQuestions(s, ss).size() == 4);
    CHECK(IsQuestionRequired(s, ss, contact));
    SetField(&ss.answers[contact], "phone", "12345");
    CHECK(Next(s, &ss) == NextResult::Invalid);
    REQUIRE(ss.errors.size() == 1);
    CHECK(ss.errors[0].field == "phone");
    CHECK(ss.errors[0].code == ValidationCode::Phone);
    SetField(&ss.answers[contact], "phone", "138 1234 5678");
    CHECK(IsLastPage(s, ss));
    CHECK(Next(s, &ss) == NextResult::Finished);

    const Response r = BuildResponse(s, ss, Context());
    REQUIRE(r.complaint.has_value());
    CHECK(r.complaint->origin == "trigger");
    CHECK(r.complaint->window_hours == 24);
    CHECK(r.complaint->due_at_ms == Context().now_ms + 24 * 3600000LL);
    CHECK(IsValidReference(r.complaint->reference));
    CHECK(r.answers[0].question_id == "satisfaction");
    CHECK(r.answers[0].label == "somewhat dissatisfied");
    bool has_contact = false;
    for (const Answer& a : r.answers)
        if (a.question_id == kComplaintContact)
        {
            has_contact = true;
            CHECK(a.personal_data);
            CHECK(FieldValue(a.value, "phone") == "138 1234 5678");
        }
    CHECK(has_contact);

    // Back to the first page and a better grade: the complaint pages drop out of the path.
    CHECK(Back(s, &ss));
    CHECK(Back(s, &ss));
    CHECK_FALSE(Back(s, &ss));
    CHECK(ss.page == 0);
    ss.answers[0] = AnswerValue::MakeNumber(7);
    CHECK(IsLastPage(s, ss));
    const Response happy = BuildResponse(s, ss, Context());
    CHECK_FALSE(happy.complaint.has_value());
    CHECK(happy.answers.size() == 1); // complaint answers are not sent
}

TEST_CASE("Standalone complaint entry")
{
    const Survey s = Load("default.json");
    REQUIRE(ComplaintEntryAvailable(s));
    Session ss = StartSession(s, "zh-CN", 5);
    ss.answers[0] = AnswerValue::MakeNumber(7);
    EnterComplaint(s, &ss);
    CHECK(ss.complaint_only);
    CHECK(OnComplaintPage(s, ss));
    CHECK(ss.started_at_ms == 5);
    CHECK(GetProgress(s, ss).page_count == 2);
    ss.answers[Q(s, kComplaintType)] = AnswerValue::MakeChoice("suggestion");
    ss.answers[Q(s, kComplaintDescription)] = AnswerValue::MakeText("希望增加自助机");
    CHECK(Next(s, &ss) == NextResult::Moved);
    CHECK(Next(s, &ss) == NextResult::Finished);
    const Response r = BuildResponse(s, ss, Context());
    REQUIRE(r.complaint.has_value());
    CHECK(r.complaint->origin == "entry");
    CHECK(r.answers.size() == 2);
    CHECK(r.answers[0].label == "建议");
}

TEST_CASE("Page skip, end rules, progress")
{
    const Survey s = FromJson(R"J({
      "format_version": 1, "id": "t", "version": "1", "default_locale": "en", "locales": ["en"], "title": "T",
      "pages": [
        {"id": "p1", "questions": [{"id": "nps", "type": "nps", "title": "N", "required": true}]},
        {"id": "p2", "visibleIf": "{nps} <= 6", "questions": [{"id": "why", "type": "text", "title": "Why?"}]},
        {"id": "p3", "questions": [{"id": "more", "type": "text", "title": "More"}]}
      ],
      "end_rules": [{"if": "{nps} = 10", "action": "end"}, {"if": "{nps} = 0", "action": "complaint"}],
      "complaint": {"entry": false}
    })J");
    Session ss = StartSession(s, "en", 0);
    CHECK(GetProgress(s, ss).page_count == 2); // unanswered: p2 hidden ({nps} <= 6 is false)
    ss.answers[0] = AnswerValue::MakeNumber(5);
    CHECK(PagePath(s, ss) == std::vector<int>{ 0, 1, 2 });
    REQUIRE(Next(s, &ss) == NextResult::Moved);
    CHECK(ss.page == 1);
    CHECK(GetProgress(s, ss).page_number == 2);
    CHECK(Back(s, &ss));
    ss.answers[0] = AnswerValue::MakeNumber(8);
    REQUIRE(Next(s, &ss) == NextResult::Moved);
    CHECK(ss.page == 2); // p2 skipped
    CHECK(Back(s, &ss));
    ss.answers[0] = AnswerValue::MakeNumber(10);
    CHECK(IsLastPage(s, ss)); // the end rule
    CHECK(Next(s, &ss) == NextResult::Finished);
    CHECK(Back(s, &ss) == false); // finished on the first page: nothing to go back to
    ss.finished = false;
    ss.answers[0] = AnswerValue::MakeNumber(0);
    CHECK(ComplaintRoute(s, ss) == ComplaintOrigin::Rule);
    CHECK(PagePath(s, ss) == std::vector<int>{ 0, 3, 4 });
    CHECK_FALSE(ComplaintEntryAvailable(s));
    CHECK(StartComplaint(s, "en", 0).finished);
}

TEST_CASE("Validation: every rule, messages in zh and en")
{
    const Survey s = FromJson(R"J({
      "format_version": 1, "id": "t", "version": "1", "default_locale": "zh-CN", "locales": ["zh-CN", "en"], "title": "T",
      "questions": [
        {"id": "num", "type": "text", "title": "N", "input": "number", "min": 1, "max": 10},
        {"id": "len", "type": "text", "title": "L", "max_length": 3},
        {"id": "mail", "type": "text", "title": "E", "input": "email"},
        {"id": "multi", "type": "multiple", "title": "M", "min_choices": 2, "max_choices": 2,
         "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}, {"value": "c", "label": "C"}]},
        {"id": "agree", "type": "consent", "title": "C", "text": "OK", "required": true},
        {"id": "grid", "type": "matrix", "title": "G", "points": 3, "required": true, "rows": [{"id": "r1", "label": "1"}, {"id": "r2", "label": "2"}]},
        {"id": "sq", "type": "servqual", "title": "S", "required": true, "items": [{"id": "i", "label": "I", "dimension": "tangibles"}]},
        {"id": "kano", "type": "kano", "title": "K", "required": true, "features": [{"id": "f", "label": "F"}]},
        {"id": "who", "type": "contact", "title": "W", "requiredIf": "{agree} = true", "fields": [{"field": "name", "required": true}, "email"]},
        {"id": "why", "type": "text", "title": "Y", "requiredIf": "'c' in {multi}"}
      ]})J");
    Session ss = StartSession(s, "zh-CN", 0);
    auto codes = [&](int qi) {
        std::vector<ValidationCode> out;
        for (const QuestionError& e : ValidateQuestion(s, ss, qi)) out.push_back(e.code);
        return out;
    };
    ss.answers[0] = AnswerValue::MakeText("abc");
    CHECK(codes(0) == std::vector<ValidationCode>{ ValidationCode::NotANumber });
    ss.answers[0] = AnswerValue::MakeText(" 11 ");
    CHECK(ValidateQuestion(s, ss, 0)[0].message == "请输入 1 到 10 之间的数字");
    ss.answers[0] = AnswerValue::MakeText("2.5");
    CHECK(codes(0).empty());
    ss.answers[1] = AnswerValue::MakeText("满意吗");
    CHECK(codes(1).empty()); // 3 characters, not 9 bytes
    ss.answers[1] = AnswerValue::MakeText("很满意吗");
    CHECK(ValidateQuestion(s, ss, 1)[0].message == "最多 3 个字（现在 4 个）");
    ss.answers[2] = AnswerValue::MakeText("name@example");
    CHECK(codes(2) == std::vector<ValidationCode>{ ValidationCode::Email });
    ss.answers[2] = AnswerValue::MakeText("name@example.com");
    CHECK(codes(2).empty());
    ToggleChoice(s.questions[3], &ss.answers[3], "c");
    CHECK(codes(3) == std::vector<ValidationCode>{ ValidationCode::TooFewChoices });
    CHECK(IsQuestionRequired(s, ss, 9)); // requiredIf 'c' in {multi}
    ToggleChoice(s.questions[3], &ss.answers[3], "a");
    CHECK(ss.answers[3].choices == std::vector<std::string>{ "a", "c" }); // option order
    CHECK(codes(3).empty());
    ToggleChoice(s.questions[3], &ss.answers[3], "b");
    CHECK(codes(3) == std::vector<ValidationCode>{ ValidationCode::TooManyChoices });
    CHECK(codes(4) == std::vector<ValidationCode>{ ValidationCode::Required });
    CHECK(ValidateQuestion(s, ss, 4)[0].message == "请勾选后继续");
    ss.answers[4] = AnswerValue::MakeBool(true);
    CHECK(codes(4).empty());
    CHECK(codes(5) == std::vector<ValidationCode>{ ValidationCode::Required });
    SetRow(&ss.answers[5], "r1", 2);
    CHECK(codes(5) == std::vector<ValidationCode>{ ValidationCode::Incomplete });
    SetRow(&ss.answers[5], "r2", 3);
    CHECK(codes(5).empty());
    SetGap(&ss.answers[6], "i", true, 7);
    CHECK(codes(6) == std::vector<ValidationCode>{ ValidationCode::Incomplete });
    SetGap(&ss.answers[6], "i", false, 5);
    CHECK(codes(6).empty());
    SetKano(&ss.answers[7], "f", true, "like");
    CHECK(codes(7) == std::vector<ValidationCode>{ ValidationCode::Incomplete });
    SetKano(&ss.answers[7], "f", false, "must-be");
    CHECK(codes(7).empty());
    // contact: requiredIf holds now; the name field is required itself.
    CHECK(IsQuestionRequired(s, ss, 8));
    SetField(&ss.answers[8], "email", "bad");
    std::vector<QuestionError> e = ValidateQuestion(s, ss, 8);
    REQUIRE(e.size() == 2);
    CHECK(e[0].field == "name");
    CHECK(e[0].message == "请填写姓名");
    CHECK(e[1].field == "email");
    ss.locale = "en";
    CHECK(ValidateQuestion(s, ss, 8)[0].message == "Please enter your Name.");
    CHECK(ValidatePage(s, ss).size() == 5); // len (too long), multi (too many), who (2), why (required)
    ss.answers[1] = AnswerValue::MakeText("好");

    // Response: values in question order with labels and derived payload fields.
    ToggleChoice(s.questions[3], &ss.answers[3], "b");
    SetField(&ss.answers[8], "name", "Li");
    SetField(&ss.answers[8], "email", "li@example.com");
    ss.answers[9] = AnswerValue::MakeText("because");
    CHECK(ValidatePage(s, ss).empty());
    CHECK(Next(s, &ss) == NextResult::Finished);
    const Response r = BuildResponse(s, ss, Context());
    REQUIRE(r.answers.size() == 10);
    CHECK(r.answers[3].labels == std::vector<std::string>{ "A", "C" });
    CHECK(r.answers[6].value.gaps[0].dimension == "tangibles");
    const std::string json = ResponseToJson(r);
    Response back;
    std::string error;
    REQUIRE_MESSAGE(ResponseFromJson(json, &back, &error), error);
    CHECK(ResponseToJson(back) == json);
    CHECK(Json::parse(json)["answers"]["kano"]["value"]["f"]["category"] == "attractive");
}

TEST_CASE("Shapes: phone, email, decimal")
{
    CHECK(IsValidPhone("13812345678"));
    CHECK(IsValidPhone("138-1234-5678"));
    CHECK(IsValidPhone("+85223456789"));
    CHECK(IsValidPhone("+44 20 7946 0958"));
    CHECK_FALSE(IsValidPhone("12812345678"));
    CHECK_FALSE(IsValidPhone("1381234567"));
    CHECK_FALSE(IsValidPhone("+1234567"));
    CHECK_FALSE(IsValidPhone("+1234567890123456"));
    CHECK_FALSE(IsValidPhone("1381234567a"));
    CHECK_FALSE(IsValidPhone("++8613812345678"));
    CHECK(IsValidEmail("a@b.cn"));
    CHECK(IsValidEmail("first.last+tag@mail.example.com"));
    CHECK_FALSE(IsValidEmail("a@b"));
    CHECK_FALSE(IsValidEmail("a b@c.com"));
    CHECK_FALSE(IsValidEmail("@c.com"));
    CHECK_FALSE(IsValidEmail("a@@c.com"));
    CHECK_FALSE(IsValidEmail("a@c..com"));
    double d = 0;
    CHECK(ParseDecimal("-12", &d));
    CHECK(d == -12);
    CHECK(ParseDecimal(" 3.5 ", &d));
    CHECK(d == 3.5);
    CHECK_FALSE(ParseDecimal("1e5", &d));
    CHECK_FALSE(ParseDecimal("", &d));
    CHECK_FALSE(ParseDecimal(".", &d));
    CHECK_FALSE(ParseDecimal("1.", &d));
}

TEST_CASE("Kano categories follow the standard table")
{
    CHECK(std::string(KanoCategory("like", "dislike")) == "one-dimensional");
    CHECK(std::string(KanoCategory("like", "neutral")) == "attractive");
    CHECK(std::string(KanoCategory("neutral", "dislike")) == "must-be");
    CHECK(std::string(KanoCategory("neutral", "neutral")) == "indifferent");
    CHECK(std::string(KanoCategory("dislike", "like")) == "reverse");
    CHECK(std::string(KanoCategory("like", "like")) == "questionable");
    CHECK(std::string(KanoCategory("", "like")).empty());
}

TEST_CASE("all-types.json: hidden answers are dropped, end rule to the complaint form")
{
    const Survey s = Load("all-types.json");
    Session ss = StartSession(s, "en", 0);
    ss.answers[Q(s, "satisfaction")] = AnswerValue::MakeNumber(1);
    CHECK(ComplaintRoute(s, ss) == ComplaintOrigin::Rule);
    CHECK(PagePath(s, ss).front() == 0);
    CHECK(s.pages[PagePath(s, ss)[1]].complaint);
    ss.answers[Q(s, "satisfaction")] = AnswerValue::MakeNumber(6);
    ss.answers[Q(s, "channel")] = AnswerValue::MakeChoice("online");
    ss.answers[Q(s, "wait")] = AnswerValue::MakeText("20"); // hidden for online
    CHECK_FALSE(IsQuestionVisible(s, ss, Q(s, "wait")));
    const Response r = BuildResponse(s, ss, Context());
    for (const Answer& a : r.answers)
        CHECK(a.question_id != "wait");
    CHECK(r.answers.size() == 2);
}
