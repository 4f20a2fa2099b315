#include <doctest/doctest.h>

#include "core/json_text.h"
#include "core/response.h"

using manyi::Answer;
using manyi::AnswerValue;
using manyi::Response;

static Response SampleResponse()
{
    Response r;
    r.id = "0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e";
    r.survey_id = "manyi-default";
    r.survey_version = "1";
    r.locale = "zh-CN";
    r.created_at_ms = 1795424400123; // 2026-11-23T09:00:00.123Z
    Answer rating{ "satisfaction", {} };
    rating.value.kind = AnswerValue::Number;
    rating.value.number = 6;
    Answer comment{ "comment", {} };
    comment.value.kind = AnswerValue::Text;
    comment.value.text = "服务很好";
    Answer skipped{ "extra", {} }; // unanswered: not sent
    r.answers = { rating, comment, skipped };
    return r;
}

TEST_CASE("FormatIsoUtc and ParseIsoUtc")
{
    CHECK(manyi::FormatIsoUtc(0) == "1970-01-01T00:00:00.000Z");
    CHECK(manyi::FormatIsoUtc(1795424400123) == "2026-11-23T09:00:00.123Z");
    CHECK(manyi::FormatIsoUtc(-1) == "1969-12-31T23:59:59.999Z");
    CHECK(manyi::FormatIsoUtc(951782400000) == "2000-02-29T00:00:00.000Z");
    CHECK(manyi::FormatIsoUtc(INT64_MAX) == "9999-12-31T23:59:59.999Z");
    CHECK(manyi::FormatIsoUtc(INT64_MIN) == "0000-01-01T00:00:00.000Z");

    int64_t ms = 0;
    CHECK(manyi::ParseIsoUtc("2026-11-23T09:00:00.123Z", &ms));
    CHECK(ms == 1795424400123);
    CHECK(manyi::ParseIsoUtc("2026-11-23T17:00:00.123+08:00", &ms));
    CHECK(ms == 1795424400123);
    CHECK(manyi::ParseIsoUtc("2026-11-23T09:00:00Z", &ms));
    CHECK(ms == 1795424400000);
    CHECK(manyi::ParseIsoUtc("2026-11-23t09:00:00.1234567z", &ms));
    CHECK(ms == 1795424400123);
    CHECK(manyi::ParseIsoUtc("1969-12-31T23:59:59.999Z", &ms));
    CHECK(ms == -1);
    CHECK(manyi::ParseIsoUtc("2024-02-29T00:00:00Z", &ms));

    const char* bad[] = { "", "2026-11-23", "2026-11-23T09:00:00", "2026-11-23 09:00:00Z", "2026-13-01T00:00:00Z",
                          "2023-02-29T00:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T09:00:00.Z", "2026-11-23T09:00:00Zx",
                          "2026-11-23T09:00:00+0800", "26-11-23T09:00:00Z" };
    for (const char* s : bad)
    {
        CAPTURE(s);
        CHECK_FALSE(manyi::ParseIsoUtc(s, &ms));
    }
}

TEST_CASE("ResponseToJson writes the documented payload")
{
    CHECK(manyi::ResponseToJson(SampleResponse()) ==
          R"({"format":"manyi.response/1","id":"0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e",)"
          R"("survey":{"id":"manyi-default","version":"1"},"locale":"zh-CN","created_at":"2026-11-23T09:00:00.123Z",)"
          R"("answers":{"satisfaction":6,"comment":"服务很好"}})");
}

TEST_CASE("Response JSON round-trips")
{
    const Response r = SampleResponse();
    const std::string json = manyi::ResponseToJson(r);
    Response back;
    std::string error;
    REQUIRE(manyi::ResponseFromJson(json, &back, &error));
    CHECK(back.id == r.id);
    CHECK(back.survey_id == r.survey_id);
    CHECK(back.survey_version == r.survey_version);
    CHECK(back.locale == r.locale);
    CHECK(back.created_at_ms == r.created_at_ms);
    REQUIRE(back.answers.size() == 2); // the unanswered one is not in the payload
    CHECK(back.answers[0].question_id == "satisfaction");
    CHECK(back.answers[0].value.kind == AnswerValue::Number);
    CHECK(back.answers[0].value.number == 6);
    CHECK(back.answers[1].question_id == "comment");
    CHECK(back.answers[1].value.kind == AnswerValue::Text);
    CHECK(back.answers[1].value.text == "服务很好");
    CHECK(manyi::ResponseToJson(back) == json);
}

TEST_CASE("Hostile strings survive or are replaced, never crash")
{
    Response r = SampleResponse();
    const std::string hostile = std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' + " bell \x07 del \x7f emoji 😀 end";
    r.answers[1].value.text = hostile;
    r.answers[1].question_id = "we\"ird\\key";
    r.locale = "</script><script>alert(1)</script>";

    std::string json = manyi::ResponseToJson(r);
    CHECK(json.find('\0') == std::string::npos); // U+0000 is escaped
    CHECK(json.find("\\u0000") != std::string::npos);
    Response back;
    std::string error;
    REQUIRE(manyi::ResponseFromJson(json, &back, &error));
    CHECK(back.answers[1].question_id == "we\"ird\\key");
    CHECK(back.answers[1].value.text == hostile);
    CHECK(back.locale == r.locale);

    // Invalid UTF-8 becomes U+FFFD rather than failing or producing invalid JSON.
    r.answers[1].value.text = "bad \xff\xfe bytes \xE4\xB8";
    r.survey_id = "\xC0\xAF";
    json = manyi::ResponseToJson(r);
    REQUIRE(manyi::ResponseFromJson(json, &back, &error));
    CHECK(back.answers[1].value.text == "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD");
    CHECK(back.survey_id == "\xEF\xBF\xBD\xEF\xBF\xBD");

    // A surrogate pair escape decodes to the astral character.
    REQUIRE(manyi::ResponseFromJson(
        R"({"format":"manyi.response/1","id":"0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e","survey":{"id":"s","version":"1"},)"
        R"("locale":"en","created_at":"2026-11-23T09:00:00.123Z","answers":{"c":"\ud83d\ude00"}})", &back, &error));
    CHECK(back.answers[0].value.text == "😀");
}

TEST_CASE("ResponseFromJson rejects malformed payloads with a precise error")
{
    const std::string good = manyi::ResponseToJson(SampleResponse());
    Response out = SampleResponse();
    out.locale = "untouched";
    std::string error;

    CHECK_FALSE(manyi::ResponseFromJson("{\"format\":", &out, &error));
    CHECK(error.find("invalid JSON at line 1, column 11") == 0);
    CHECK(out.locale == "untouched");

    struct Case { const char* pointer; manyi::Json value; const char* expect; };
    const Case cases[] = {
        { "/format", "manyi.response/2", "/format: unsupported format" },
        { "/id", "not-a-uuid", "/id: must be a UUID" },
        { "/id", 42, "/id: must be a string" },
        { "/survey", "s", "/survey: must be an object" },
        { "/survey/id", "", "/survey/id: must not be empty" },
        { "/survey/extra", 1, "/survey/extra: unknown key" },
        { "/created_at", "yesterday", "/created_at: must be an ISO-8601" },
        { "/answers", manyi::Json::array(), "/answers: must be an object" },
        { "/answers/satisfaction", 6.5, "/answers/satisfaction: must be an integer or a string" },
        { "/answers/satisfaction", nullptr, "/answers/satisfaction: must be an integer or a string" },
        { "/answers/satisfaction", 4294967296LL, "/answers/satisfaction: number out of range" },
        { "/extra", true, "/extra: unknown key" },
    };
    for (const Case& c : cases)
    {
        manyi::Json j = manyi::Json::parse(good);
        j[manyi::Json::json_pointer(c.pointer)] = c.value;
        CAPTURE(c.pointer);
        CHECK_FALSE(manyi::ResponseFromJson(j.dump(), &out, &error));
        CHECK(error.find(c.expect) == 0);
    }

    manyi::Json j = manyi::Json::parse(good);
    j.erase("locale");
    CHECK_FALSE(manyi::ResponseFromJson(j.dump(), &out, &error));
    CHECK(error == "/locale: missing");
    CHECK_FALSE(manyi::ResponseFromJson("[]", &out, &error));
    CHECK(error == "a response must be a JSON object");
    CHECK(out.locale == "untouched");

    // Negative numbers and offsets in created_at are fine.
    j = manyi::Json::parse(good);
    j["answers"]["satisfaction"] = -3;
    j["created_at"] = "2026-11-23T17:00:00.123+08:00";
    REQUIRE(manyi::ResponseFromJson(j.dump(), &out, &error));
    CHECK(out.answers[0].value.number == -3);
    CHECK(out.created_at_ms == 1795424400123);
}
