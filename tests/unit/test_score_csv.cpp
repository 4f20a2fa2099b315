// CSV exports: RFC 4180 quoting, the byte-order mark, formula-injection guard, columns.
#include <doctest/doctest.h>

#include <string>

#include "core/response_store.h"
#include "core/response_lines.h"
#include "core/score_csv.h"
#include "core/survey.h"

using namespace manyi;

static const std::string kBom = "\xEF\xBB\xBF";

TEST_CASE("csv: text cells are quoted per RFC 4180")
{
    CHECK(CsvTextCell("plain") == "plain");
    CHECK(CsvTextCell("") == "");
    CHECK(CsvTextCell("很满意") == "很满意");
    CHECK(CsvTextCell("a,b") == "\"a,b\"");
    CHECK(CsvTextCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(CsvTextCell("two\nlines") == "\"two\nlines\"");
    CHECK(CsvTextCell("cr\rinside") == "\"cr\rinside\"");
}

TEST_CASE("csv: cells that a spreadsheet would run as a formula are prefixed with '")
{
    CHECK(CsvTextCell("=SUM(A1:A9)") == "'=SUM(A1:A9)");
    CHECK(CsvTextCell("+86 138") == "'+86 138");
    CHECK(CsvTextCell("-1") == "'-1");
    CHECK(CsvTextCell("@cmd") == "'@cmd");
    CHECK(CsvTextCell("\tTAB") == "'\tTAB");
    CHECK(CsvTextCell("\r=1") == "\"'\r=1\""); // guarded, then quoted for the CR
    CHECK(CsvTextCell("=HYPERLINK(\"http://x\",\"y\")") == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    CHECK(CsvTextCell("a=b") == "a=b"); // only a leading character matters
}

static const char* kCsvSurvey = R"({
  "format_version": 1, "id": "csv", "version": "1", "locales": ["zh-CN"], "default_locale": "zh-CN", "title": "导出",
  "questions": [
    {"id": "sat", "type": "rating", "preset": "satisfaction7", "title": "满意度"},
    {"id": "topics", "type": "multiple", "title": "T", "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
    {"id": "sq", "type": "servqual", "title": "S", "items": [{"id": "i", "label": "I", "dimension": "empathy"}]},
    {"id": "kano", "type": "kano", "title": "K", "features": [{"id": "f", "label": "F"}]},
    {"id": "who", "type": "contact", "fields": ["name", "phone"], "title": "C"},
    {"id": "note", "type": "text", "title": "N"}
  ]
})";

TEST_CASE("csv: responses, one row each, one column per question or sub-answer")
{
    SurveyParseResult parsed = ParseSurvey(kCsvSurvey);
    REQUIRE(parsed.ok());
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Response r;
    r.id = "00000000-0000-4000-8000-00000000000a";
    r.survey_id = "csv";
    r.survey_version = "1";
    r.locale = "zh-CN";
    r.mode = "kiosk";
    r.device_id = "hall-1";
    r.flags = { "burst", "partial" }; // a kiosk's marks: their own column
    r.created_at_ms = 1764547200000LL; // 2025-12-01T00:00:00Z
    auto add = [&](const char* id, AnswerValue v) {
        Answer a;
        a.question_id = id;
        a.value = std::move(v);
        r.answers.push_back(a);
    };
    add("sat", AnswerValue::MakeNumber(6));
    add("topics", AnswerValue::MakeChoices({ "b" }));
    AnswerValue gaps;
    gaps.kind = AnswerValue::Gaps;
    gaps.gaps = { { "i", std::nullopt, 5, "empathy" } };
    add("sq", gaps);
    AnswerValue kano;
    kano.kind = AnswerValue::Kano;
    kano.kano = { { "f", "like", "dislike" } };
    add("kano", kano);
    AnswerValue who;
    who.kind = AnswerValue::Fields;
    who.fields = { { "name", "张三, \"经理\"" }, { "phone", "+8613812345678" } };
    add("who", who);
    add("note", AnswerValue::MakeText("=1+1\n第二行"));
    REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));

    const std::string csv = ResponsesToCsv(parsed.survey, store, ScoreQuery());
    const std::string expected =
        kBom +
        "id,submitted_at,survey_version,locale,mode,device_id,flags,complaint_reference,complaint_origin,complaint_due_at,"
        "sat,topics[a],topics[b],sq.i.expectation,sq.i.perception,kano.f.functional,kano.f.dysfunctional,who.name,who.phone,note\r\n"
        "00000000-0000-4000-8000-00000000000a,2025-12-01T00:00:00.000Z,1,zh-CN,kiosk,hall-1,burst;partial,,,,"
        "6,0,1,,5,like,dislike,\"张三, \"\"经理\"\"\",'+8613812345678,\"'=1+1\n第二行\"\r\n";
    CHECK(csv == expected);

    ScoreQuery later;
    later.from_ms = r.created_at_ms + 1;
    CHECK(ResponsesToCsv(parsed.survey, store, later).find("\r\n") == csv.find("\r\n")); // header only
}

TEST_CASE("csv: scores, one per row; insufficient scores have no number")
{
    SurveyParseResult parsed = ParseSurvey(kCsvSurvey);
    REQUIRE(parsed.ok());
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    for (int i = 0; i < 4; i++)
    {
        Response r;
        r.id = "00000000-0000-4000-8000-00000000000" + std::to_string(i);
        r.survey_id = "csv";
        r.survey_version = "1";
        r.locale = "zh-CN";
        r.created_at_ms = 1000 + i;
        Answer a;
        a.question_id = "sat";
        a.value = AnswerValue::MakeNumber(4 + i); // 4 5 6 7
        r.answers.push_back(a);
        REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
    }
    ScoreQuery q;
    q.min_n = 4;
    std::string csv = ScoresToCsv(ComputeScores(parsed.survey, store, q));
    CHECK(csv.rfind(kBom + "question,part,score,n,count,value,low,high,status\r\n,responses,count,4,4,,,,\r\n", 0) == 0);
    // Means with their t interval: s = √(5/3), t(0.975, 3) = 3.1824, half = 2.0542 → [3.4458, 7]
    // (clamped to the scale), index (g − 1)/6 × 100 → [40.7628, 100].
    CHECK(csv.find("sat,,mean,4,,5.5,3.4458,7,\r\n") != std::string::npos);
    CHECK(csv.find("sat,,index,4,,75,40.7628,100,\r\n") != std::string::npos);
    CHECK(csv.find("sat,,satisfied,4,3,0.75,0.3006,0.9544,\r\n") != std::string::npos);
    CHECK(csv.find("note,,count,0,0,,,,\r\n") != std::string::npos);

    q.min_n = 5;
    csv = ScoresToCsv(ComputeScores(parsed.survey, store, q));
    CHECK(csv.find("sat,,mean,4,,,,,insufficient\r\n") != std::string::npos);
    CHECK(csv.find("sat,,satisfied,4,,,,,insufficient\r\n") != std::string::npos);
}

TEST_CASE("response lines: bad lines are skipped with their number, duplicates counted once")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Response r;
    r.id = "00000000-0000-4000-8000-0000000000b1";
    r.survey_id = "csv";
    r.survey_version = "1";
    r.locale = "zh-CN";
    r.created_at_ms = 1000;
    Answer a;
    a.question_id = "sat";
    a.value = AnswerValue::MakeNumber(5);
    r.answers.push_back(a);
    Response other = r;
    other.id = "00000000-0000-4000-8000-0000000000b2";
    other.survey_id = "elsewhere";
    const std::string text = ResponseToJson(r) + "\n" + "{\"format\":\"manyi.response/2\"\n" + "\r\n" + ResponseToJson(r) + "\r\n" + "[]\n" +
                             ResponseToJson(other);
    const ResponseLinesResult result = InsertResponseLines(text, "csv", &store);
    CHECK(result.lines == 6);
    CHECK(result.stored == 2);
    CHECK(result.duplicates == 1);
    CHECK(result.other_survey == 1);
    CHECK(result.skipped == 2);
    REQUIRE(result.problems.size() == 2);
    CHECK(result.problems[0].line == 2);
    CHECK(result.problems[0].message.find("invalid JSON") == 0);
    CHECK(result.problems[1].line == 5);
    CHECK(store.Counts().total == 2);
    StoredResponse got;
    REQUIRE(store.Get(r.id, &got));
    CHECK(got.state == DeliveryState::Delivered);
}
