#include <doctest/doctest.h>

#include "core/json_text.h"
#include "core/response.h"
#include "core/version.h"

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
          R"({"format":"manyi.response/2","id":"0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e",)"
          R"("survey":{"id":"manyi-default","version":"1"},"started_at":"2026-11-23T09:00:00.123Z",)"
          R"("submitted_at":"2026-11-23T09:00:00.123Z","locale":"zh-CN","mode":"embed","device_id":"","client_version":")" +
              std::string(manyi::kVersion) + R"(",)"
          R"("answers":{"satisfaction":{"type":"rating","value":6},"comment":{"type":"text","value":"服务很好"}}})");
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
        { "/format", "manyi.response/3", "/format: unsupported format" },
        { "/id", "not-a-uuid", "/id: must be a UUID" },
        { "/id", 42, "/id: must be a string" },
        { "/survey", "s", "/survey: must be an object" },
        { "/survey/id", "", "/survey/id: must not be empty" },
        { "/survey/extra", 1, "/survey/extra: unknown key" },
        { "/submitted_at", "yesterday", "/submitted_at: must be an ISO-8601" },
        { "/started_at", "soon", "/started_at: must be an ISO-8601" },
        { "/clock_offset_ms", "12", "/clock_offset_ms: must be an integer" },
        { "/answers", manyi::Json::array(), "/answers: must be an object" },
        { "/answers/satisfaction", 6, "/answers/satisfaction: must be an object" },
        { "/answers/satisfaction/value", 6.5, "/answers/satisfaction/value: must be an integer" },
        { "/answers/satisfaction/value", nullptr, "/answers/satisfaction/value: must be an integer" },
        { "/answers/satisfaction/value", 4294967296LL, "/answers/satisfaction/value: number out of range" },
        { "/answers/satisfaction/type", "slider", "/answers/satisfaction/type: unknown type 'slider'" },
        { "/answers/comment/label", "x", "/answers/comment/label: only rating" },
        { "/answers/satisfaction/extra", 1, "/answers/satisfaction/extra: unknown key" },
        { "/complaint", manyi::Json::object({ { "reference", "AAAA-AAAAA" }, { "origin", "entry" }, { "window_hours", 24 }, { "due_at", "2026-11-24T09:00:00.123Z" } }),
          "/complaint/reference: must be a reference number" },
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
    j["answers"]["satisfaction"]["value"] = -3;
    j["submitted_at"] = "2026-11-23T17:00:00.123+08:00";
    REQUIRE(manyi::ResponseFromJson(j.dump(), &out, &error));
    CHECK(out.answers[0].value.number == -3);
    CHECK(out.created_at_ms == 1795424400123);
}

TEST_CASE("Every answer kind, labels and the complaint block round-trip")
{
    Response r = SampleResponse();
    r.answers.clear();
    r.started_at_ms = 1795424300000;
    r.clock_offset_ms = -1500;
    r.mode = "kiosk";
    r.device_id = "dev-1";
    r.client_version = "9.9.9";
    Answer a;
    a = { "sat", AnswerValue::MakeNumber(6) }; a.type = "rating"; a.label = "满意"; r.answers.push_back(a);
    a = { "nps", AnswerValue::MakeNumber(0) }; a.type = "nps"; r.answers.push_back(a);
    a = { "kind", AnswerValue::MakeChoice("fault") }; a.type = "single"; a.label = "故障报修"; r.answers.push_back(a);
    a = { "topics", AnswerValue::MakeChoices({ "a", "b" }) }; a.type = "multiple"; a.labels = { "A", "B" }; r.answers.push_back(a);
    a = { "ok", AnswerValue::MakeBool(false) }; a.type = "consent"; r.answers.push_back(a);
    AnswerValue rows; rows.kind = AnswerValue::Rows; rows.rows = { { "r1", 5 }, { "r2", 1 } };
    a = { "m", rows }; a.type = "matrix"; a.labels = { "很满意", "很不满意" }; r.answers.push_back(a);
    AnswerValue gaps; gaps.kind = AnswerValue::Gaps; gaps.gaps = { { "i1", 6, 4, "reliability" }, { "i2", 3, std::nullopt, "" } };
    a = { "sq", gaps }; a.type = "servqual"; r.answers.push_back(a);
    AnswerValue kano; kano.kind = AnswerValue::Kano; kano.kano = { { "f1", "like", "dislike" }, { "f2", "neutral", "" } };
    a = { "k", kano }; a.type = "kano"; r.answers.push_back(a);
    AnswerValue fields; fields.kind = AnswerValue::Fields; fields.fields = { { "name", "张三" }, { "phone", "13812345678" } };
    a = { "c", fields }; a.type = "contact"; a.personal_data = true; r.answers.push_back(a);
    r.complaint = manyi::ComplaintBlock{ "", "trigger", 24, 1795424400123 + 24 * 3600000LL };
    const uint8_t bytes[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    r.complaint->reference = manyi::MakeReference(bytes);

    const std::string json = manyi::ResponseToJson(r);
    const manyi::Json j = manyi::Json::parse(json);
    CHECK(j["answers"]["sat"] == manyi::Json::parse(R"({"type":"rating","value":6,"label":"满意"})"));
    CHECK(j["answers"]["topics"]["labels"] == manyi::Json::parse(R"(["A","B"])"));
    CHECK(j["answers"]["m"]["labels"]["r2"] == "很不满意");
    CHECK(j["answers"]["sq"]["value"]["i1"] == manyi::Json::parse(R"({"expectation":6,"perception":4,"gap":-2,"dimension":"reliability"})"));
    CHECK(j["answers"]["k"]["value"]["f1"]["category"] == "one-dimensional");
    CHECK(j["answers"]["c"]["personal_data"] == true);
    CHECK(j["clock_offset_ms"] == -1500);
    CHECK(j["complaint"]["due_at"] == "2026-11-24T09:00:00.123Z");
    CHECK(j["started_at"] == "2026-11-23T08:58:20.000Z");

    Response back;
    std::string error;
    REQUIRE_MESSAGE(manyi::ResponseFromJson(json, &back, &error), error);
    CHECK(manyi::ResponseToJson(back) == json);
    CHECK(back.answers.size() == 9);
    CHECK(back.answers[7].value.kano[1].dysfunctional.empty());
    CHECK(back.answers[6].value.gaps[1].perception == std::nullopt);
    REQUIRE(back.complaint.has_value());
    CHECK(back.complaint->reference == r.complaint->reference);
    CHECK(back.clock_offset_ms == -1500);
    CHECK(back.mode == "kiosk");
}

TEST_CASE("A manyi.response/1 payload is still read (journal records from older builds)")
{
    Response back;
    std::string error;
    REQUIRE(manyi::ResponseFromJson(
        R"({"format":"manyi.response/1","id":"0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e","survey":{"id":"s","version":"1"},)"
        R"("locale":"en","created_at":"2026-11-23T09:00:00.123Z","answers":{"satisfaction":6,"comment":"ok"}})", &back, &error));
    CHECK(back.format == 1);
    CHECK(back.created_at_ms == 1795424400123);
    CHECK(back.answers[0].value.kind == AnswerValue::Number);
    CHECK(back.answers[1].value.kind == AnswerValue::Text);
    CHECK(manyi::ResponseToJson(back).find("\"format\":\"manyi.response/2\"") != std::string::npos);
}

TEST_CASE("Reference numbers: alphabet, shape, check character")
{
    uint8_t bytes[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    CHECK(manyi::MakeReference(bytes) == "2222-22222");
    for (int seed = 0; seed < 200; seed++)
    {
        for (int i = 0; i < 8; i++) bytes[i] = (uint8_t)(seed * 37 + i * 101 + seed * i);
        const std::string ref = manyi::MakeReference(bytes);
        CAPTURE(ref);
        REQUIRE(ref.size() == 10);
        CHECK(ref[4] == '-');
        CHECK(ref.find_first_of("01OIL") == std::string::npos);
        CHECK(manyi::IsValidReference(ref));
        std::string lower = ref;
        for (char& c : lower) c = (char)tolower((unsigned char)c);
        CHECK(manyi::IsValidReference(lower));
        CHECK(manyi::IsValidReference(ref.substr(0, 4) + ref.substr(5)));
        // Any single substitution and any adjacent swap is caught.
        for (size_t i = 0; i < ref.size(); i++)
        {
            if (i == 4) continue;
            std::string typo = ref;
            typo[i] = typo[i] == 'X' ? 'Y' : 'X';
            CHECK_FALSE(manyi::IsValidReference(typo));
            const size_t j = i + 1 == 4 ? 5 : i + 1;
            if (j < ref.size() && ref[i] != ref[j])
            {
                std::string swapped = ref;
                std::swap(swapped[i], swapped[j]);
                CHECK_FALSE(manyi::IsValidReference(swapped));
            }
        }
    }
    CHECK_FALSE(manyi::IsValidReference(""));
    CHECK_FALSE(manyi::IsValidReference("2222-2222"));
    CHECK_FALSE(manyi::IsValidReference("2222-222222"));
    CHECK_FALSE(manyi::IsValidReference("O222-22222"));
}
