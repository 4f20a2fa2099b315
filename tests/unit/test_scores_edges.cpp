// Scores: confidence intervals of means, the whole KANO table, n = 0 for every scored type, and
// a callback answer without its complaint (docs/scores.md). Hand-computed values throughout.
#include <doctest/doctest.h>

#include <string>

#include "core/response_store.h"
#include "core/score_csv.h"
#include "core/scores.h"
#include "core/survey.h"

using namespace manyi;

namespace {

const char* kEdgeSurvey = R"({
  "format_version": 1, "id": "e", "version": "1", "locales": ["en"], "default_locale": "en", "title": "E",
  "questions": [
    {"id": "sat", "type": "rating", "preset": "satisfaction7", "title": "Sat"},
    {"id": "effort", "type": "ces", "title": "Effort"},
    {"id": "staff", "type": "matrix", "preset": "satisfaction5", "title": "Staff", "rows": [{"id": "polite", "label": "P"}]},
    {"id": "kano", "type": "kano", "title": "K", "features": [{"id": "f1", "label": "F1"}]}
  ],
  "complaint": {"trigger": {"question": "sat", "at_or_below": 3}}
})";

Survey EdgeSurvey()
{
    SurveyParseResult r = ParseSurvey(kEdgeSurvey);
    REQUIRE(r.ok());
    return r.survey;
}

int g_edge_id = 0;

Response EdgeResponse()
{
    Response r;
    char id[40];
    snprintf(id, sizeof(id), "00000000-0000-4000-8000-%012d", 500000 + ++g_edge_id);
    r.id = id;
    r.survey_id = "e";
    r.survey_version = "1";
    r.locale = "en";
    r.created_at_ms = 1000;
    return r;
}

void Add(Response& r, const std::string& q, AnswerValue v)
{
    Answer a;
    a.question_id = q;
    a.value = std::move(v);
    r.answers.push_back(std::move(a));
}

void Put(ResponseStore& store, const Response& r)
{
    std::string error;
    REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
}

ScoreReport Report(const ResponseStore& store, int min_n = 1)
{
    ScoreQuery q;
    q.min_n = min_n;
    return ComputeScores(EdgeSurvey(), store, q);
}

const QuestionScores& Find(const ScoreReport& r, const std::string& id)
{
    for (const QuestionScores& q : r.questions)
        if (q.id == id) return q;
    FAIL("no question " << id);
    return r.questions[0];
}

} // namespace

TEST_CASE("mean interval: Student's t quantiles, table and expansion")
{
    CHECK(StudentT975(1) == doctest::Approx(12.7062).epsilon(1e-5));
    CHECK(StudentT975(11) == doctest::Approx(2.2010).epsilon(1e-5));
    CHECK(StudentT975(30) == doctest::Approx(2.0423).epsilon(1e-5));
    // Published table values past the table here: t(40) 2.0211, t(60) 2.0003, t(120) 1.9799.
    CHECK(StudentT975(40) == doctest::Approx(2.0211).epsilon(5e-5));
    CHECK(StudentT975(60) == doctest::Approx(2.0003).epsilon(5e-5));
    CHECK(StudentT975(120) == doctest::Approx(1.9799).epsilon(5e-5));
    CHECK(StudentT975(1000000) == doctest::Approx(1.96).epsilon(1e-4));
    for (int64_t df = 1; df < 200; df++) CHECK(StudentT975(df) > StudentT975(df + 1)); // falls towards z
}

TEST_CASE("mean interval: rating mean and index, CES mean, hand-computed")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    // Grades 7×3, 6×4, 5×3, 4×2 (the dashboard e2e's 12): mean 68/12 = 5.6667,
    // s² = (398 − 68²/12) / 11 = 1.151515, s = 1.073087; t(11) = 2.2010;
    // half = 2.2010 · 1.073087 / √12 = 0.681811 → [4.984855, 6.348478];
    // index (g − 1)/6 × 100 → [66.4143, 89.1413].
    for (int g : { 7, 7, 7, 6, 6, 6, 6, 5, 5, 5, 4, 4 })
    {
        Response r = EdgeResponse();
        Add(r, "sat", AnswerValue::MakeNumber(g));
        Put(store, r);
    }
    // CES 7, 6, 5, 4, 1: mean 4.6, s² = (127 − 4.6² · 5) / 4 = 5.3, s = 2.302173; t(4) = 2.7764;
    // half = 2.858479 → [1.741521, 7.458479], the top clamped to the scale's 7.
    for (int v : { 7, 6, 5, 4, 1 })
    {
        Response r = EdgeResponse();
        Add(r, "effort", AnswerValue::MakeNumber(v));
        Put(store, r);
    }
    const ScoreReport report = Report(store);
    const RatingScores& sat = Find(report, "sat").rating;
    REQUIRE(sat.mean.has_interval);
    CHECK(sat.mean.value == doctest::Approx(68.0 / 12));
    CHECK(sat.mean.low == doctest::Approx(4.984855).epsilon(1e-6));
    CHECK(sat.mean.high == doctest::Approx(6.348478).epsilon(1e-6));
    REQUIRE(sat.index.has_interval);
    CHECK(sat.index.low == doctest::Approx(66.414255).epsilon(1e-6));
    CHECK(sat.index.high == doctest::Approx(89.141301).epsilon(1e-6));
    CHECK(sat.index.low <= sat.index.value);
    CHECK(sat.index.value <= sat.index.high);
    const CesScores& ces = Find(report, "effort").ces;
    REQUIRE(ces.mean.has_interval);
    CHECK(ces.mean.low == doctest::Approx(1.741521).epsilon(1e-6));
    CHECK(ces.mean.high == 7.0);

    // In the JSON (added keys: manyi.scores/1 stays readable by older readers) and the CSV.
    const std::string json = ScoreReportToJson(report);
    CHECK(json.find(R"("mean":{"n":12,"value":5.6667,"low":4.9849,"high":6.3485})") != std::string::npos);
    CHECK(json.find(R"("index":{"n":12,"value":77.7778,"low":66.4143,"high":89.1413})") != std::string::npos);
    CHECK(json.find(R"("mean":{"n":5,"value":4.6,"low":1.7415,"high":7.0})") != std::string::npos);
    const std::string csv = ScoresToCsv(report);
    CHECK(csv.find("sat,,index,12,,77.7778,66.4143,89.1413,\r\n") != std::string::npos);

    // All answers the same: no spread, a zero-width interval (like the NPS margin at the extremes).
    ResponseStore same;
    REQUIRE(same.Open(":memory:", &error));
    for (int i = 0; i < 3; i++)
    {
        Response r = EdgeResponse();
        Add(r, "sat", AnswerValue::MakeNumber(6));
        Put(same, r);
    }
    const RatingScores flat = Find(Report(same), "sat").rating;
    CHECK(flat.mean.has_interval);
    CHECK(flat.mean.low == 6.0);
    CHECK(flat.mean.high == 6.0);
}

TEST_CASE("mean interval: none for n = 1 or below min n")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Response r = EdgeResponse();
    Add(r, "sat", AnswerValue::MakeNumber(5));
    Put(store, r);
    const RatingScores one = Find(Report(store), "sat").rating;
    CHECK_FALSE(one.mean.insufficient);
    CHECK_FALSE(one.mean.has_interval); // one answer has no sample standard deviation
    CHECK(ScoreReportToJson(Report(store)).find(R"("mean":{"n":1,"value":5.0},)") != std::string::npos);
    const RatingScores withheld = Find(Report(store, 10), "sat").rating;
    CHECK(withheld.index.insufficient);
    CHECK_FALSE(withheld.index.has_interval);
}

TEST_CASE("KANO: all 25 cells of the evaluation table")
{
    // Kano et al. 1984 / Berger et al. 1993, rows functional, columns dysfunctional, in the order
    // like, must-be, neutral, live-with, dislike (written out here, not copied from the code).
    const char* answers[5] = { "like", "must-be", "neutral", "live-with", "dislike" };
    const char* expected[5][5] = {
        { "questionable", "attractive", "attractive", "attractive", "one-dimensional" },
        { "reverse", "indifferent", "indifferent", "indifferent", "must-be" },
        { "reverse", "indifferent", "indifferent", "indifferent", "must-be" },
        { "reverse", "indifferent", "indifferent", "indifferent", "must-be" },
        { "reverse", "reverse", "reverse", "reverse", "questionable" },
    };
    for (int f = 0; f < 5; f++)
        for (int d = 0; d < 5; d++)
            CHECK_MESSAGE(std::string(KanoCategory(answers[f], answers[d])) == expected[f][d], answers[f] << " / " << answers[d]);
    CHECK(std::string(KanoCategory("like", "")) == "");
    CHECK(std::string(KanoCategory("maybe", "like")) == "");

    // The same 25 pairs through the store: Q 2, A 3, O 1, M 3, I 9, R 7.
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    for (int f = 0; f < 5; f++)
        for (int d = 0; d < 5; d++)
        {
            Response r = EdgeResponse();
            AnswerValue v;
            v.kind = AnswerValue::Kano;
            v.kano.push_back({ "f1", answers[f], answers[d] });
            Add(r, "kano", v);
            Put(store, r);
        }
    const KanoFeatureScores& k = Find(Report(store), "kano").kano.at(0);
    CHECK(k.n == 25);
    CHECK(k.counts[(int)KanoClass::Questionable] == 2);
    CHECK(k.counts[(int)KanoClass::Attractive] == 3);
    CHECK(k.counts[(int)KanoClass::OneDimensional] == 1);
    CHECK(k.counts[(int)KanoClass::MustBe] == 3);
    CHECK(k.counts[(int)KanoClass::Indifferent] == 9);
    CHECK(k.counts[(int)KanoClass::Reverse] == 7);
    CHECK(k.category == KanoClass::Indifferent);
    CHECK(k.category_n == 23);
    CHECK(k.better.value == doctest::Approx(4.0 / 16)); // (A + O) / (A + O + M + I)
    CHECK(k.worse.value == doctest::Approx(-4.0 / 16)); // −(O + M) / (A + O + M + I)
}

TEST_CASE("scores: n = 0 for CES, KANO, matrix and complaints")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    const ScoreReport report = Report(store);
    const QuestionScores& ces = Find(report, "effort");
    CHECK(ces.n == 0);
    CHECK(ces.ces.mean.insufficient);
    CHECK(ces.ces.easy.insufficient);
    CHECK(ces.ces.counts == std::vector<int64_t>(7, 0));
    const QuestionScores& kano = Find(report, "kano");
    REQUIRE(kano.kano.size() == 1);
    CHECK(kano.kano[0].n == 0);
    CHECK(kano.kano[0].category_insufficient);
    CHECK(kano.kano[0].better.insufficient);
    CHECK(kano.kano[0].worse.insufficient);
    const QuestionScores& staff = Find(report, "staff");
    REQUIRE(staff.rows.size() == 1);
    CHECK(staff.rows[0].n == 0);
    CHECK(staff.rows[0].rating.index.insufficient);
    CHECK(staff.rows[0].rating.satisfied.insufficient);
    const ComplaintScores& c = report.complaints;
    CHECK(c.enabled);
    CHECK(c.n == 0);
    CHECK(c.callback.insufficient);
    CHECK(c.followed_up.insufficient);
    CHECK(c.resolution_index.insufficient);
    for (const OptionCount& o : c.by_type)
    {
        CHECK(o.count == 0);
        CHECK(o.share.insufficient);
    }
    const std::string json = ScoreReportToJson(report);
    CHECK(json.find(R"("callback":{"n":0,"value":null,"insufficient":true})") != std::string::npos);
    CHECK(json.find("NaN") == std::string::npos);
}

TEST_CASE("complaints: a callback without a complaint type is not a callback (share never above 1)")
{
    // Before the fix: 1 complaint with a callback + 2 callbacks without a type gave callback
    // 3 of n = 1, a share of 3 and a NaN Wilson interval (null in the JSON).
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Response with_type = EdgeResponse();
    Add(with_type, "sat", AnswerValue::MakeNumber(2));
    Add(with_type, kComplaintType, AnswerValue::MakeChoice("complaint"));
    Add(with_type, kComplaintCallback, AnswerValue::MakeBool(true));
    Put(store, with_type);
    for (int i = 0; i < 2; i++)
    {
        Response orphan = EdgeResponse();
        Add(orphan, "sat", AnswerValue::MakeNumber(2));
        Add(orphan, kComplaintCallback, AnswerValue::MakeBool(true));
        Put(store, orphan);
    }
    for (bool counters : { true, false })
    {
        ScoreQuery q;
        q.min_n = 1;
        q.use_counters = counters;
        const ScoreReport report = ComputeScores(EdgeSurvey(), store, q);
        const ComplaintScores& c = report.complaints;
        CHECK(c.n == 1);
        CHECK(c.callback.count == 1);
        CHECK(c.callback.value == doctest::Approx(1.0));
        CHECK(c.callback.high == 1.0);
        CHECK(c.open == 1);
        CHECK(Find(report, kComplaintCallback).n == 1);
        CHECK(ScoreReportToJson(report).find(R"("callback":{"n":1,"count":1,"value":1.0,"low":0.2065,"high":1.0})") != std::string::npos);
    }
}
