// Scores against hand-computed fixtures (docs/scores.md), edge cases and properties.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>

#include "core/response_store.h"
#include "core/score_csv.h"
#include "core/scores.h"
#include "core/survey.h"

using namespace manyi;

// One of every scored question type, a complaint form, and ids short enough to read in fixtures.
static const char* kScoreSurvey = R"({
  "format_version": 1, "id": "s", "version": "1", "locales": ["en"], "default_locale": "en", "title": "S",
  "questions": [
    {"id": "sat", "type": "rating", "preset": "satisfaction7", "title": "Sat"},
    {"id": "stars", "type": "rating", "points": 5, "title": "Stars"},
    {"id": "rec", "type": "nps", "title": "Rec"},
    {"id": "effort", "type": "ces", "title": "Effort"},
    {"id": "channel", "type": "single", "title": "Channel", "options": [{"value": "counter", "label": "C"}, {"value": "phone", "label": "P"}]},
    {"id": "topics", "type": "multiple", "title": "Topics", "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}, {"value": "c", "label": "C"}]},
    {"id": "staff", "type": "matrix", "preset": "satisfaction5", "title": "Staff", "rows": [{"id": "polite", "label": "P"}, {"id": "fast", "label": "F"}]},
    {"id": "sq", "type": "servqual", "title": "SQ", "items": [
      {"id": "a", "label": "A", "dimension": "reliability"},
      {"id": "b", "label": "B", "dimension": "reliability"},
      {"id": "c", "label": "C", "dimension": "empathy"}]},
    {"id": "kano", "type": "kano", "title": "K", "features": [{"id": "f1", "label": "F1"}, {"id": "f2", "label": "F2"}, {"id": "f3", "label": "F3"}]},
    {"id": "note", "type": "text", "title": "Note"}
  ],
  "complaint": {"trigger": {"question": "sat", "at_or_below": 3}}
})";

static Survey LoadSurvey(const std::string& text = kScoreSurvey)
{
    SurveyParseResult r = ParseSurvey(text);
    for (const SurveyProblem& p : r.problems)
        INFO(p.path << ": " << p.message);
    REQUIRE(r.ok());
    return r.survey;
}

static int g_next_id = 0;

static Response NewResponse(int64_t created_ms = 1000, const std::string& version = "1")
{
    Response r;
    char id[40];
    snprintf(id, sizeof(id), "00000000-0000-4000-8000-%012d", ++g_next_id);
    r.id = id;
    r.survey_id = "s";
    r.survey_version = version;
    r.locale = "en";
    r.created_at_ms = created_ms;
    return r;
}

static Response& Num(Response& r, const std::string& q, int v)
{
    Answer a;
    a.question_id = q;
    a.value = AnswerValue::MakeNumber(v);
    r.answers.push_back(a);
    return r;
}

static Response& Value(Response& r, const std::string& q, AnswerValue v)
{
    Answer a;
    a.question_id = q;
    a.value = std::move(v);
    r.answers.push_back(a);
    return r;
}

static void Store(ResponseStore& store, const Response& r)
{
    std::string error;
    REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
}

static void OpenStore(ResponseStore& store)
{
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
}

static ScoreReport Compute(const Survey& s, const ResponseStore& store, int min_n = 1)
{
    ScoreQuery q;
    q.min_n = min_n;
    return ComputeScores(s, store, q);
}

static const QuestionScores& Q(const ScoreReport& r, const std::string& id)
{
    for (const QuestionScores& q : r.questions)
        if (q.id == id)
            return q;
    FAIL("no question " << id);
    return r.questions[0];
}

TEST_CASE("scores: Wilson interval against published values")
{
    // 7 of 10: [0.3968, 0.8922] (Newcombe 1998, table I style; checked by hand in docs/scores.md).
    Interval ci = WilsonInterval(7, 10);
    CHECK(ci.low == doctest::Approx(0.3968).epsilon(0.0005));
    CHECK(ci.high == doctest::Approx(0.8922).epsilon(0.0005));
    // 0 of 10: [0, 0.2775]; 10 of 10: [0.7225, 1].
    ci = WilsonInterval(0, 10);
    CHECK(ci.low == 0.0);
    CHECK(ci.high == doctest::Approx(0.2775).epsilon(0.0005));
    ci = WilsonInterval(10, 10);
    CHECK(ci.low == doctest::Approx(0.7225).epsilon(0.0005));
    CHECK(ci.high == 1.0);
    ci = WilsonInterval(0, 0);
    CHECK(ci.low == 0.0);
    CHECK(ci.high == 1.0);
}

TEST_CASE("scores: seven-grade satisfaction index, rate, CSAT top-2-box, mean")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    for (int g : { 7, 7, 6, 5, 4, 3, 1, 7, 6, 5 })
    {
        Response r = NewResponse();
        Store(store, Num(r, "sat", g));
    }
    const ScoreReport report = Compute(s, store);
    CHECK(report.responses == 10);
    const QuestionScores& q = Q(report, "sat");
    CHECK(q.n == 10);
    CHECK(q.rating.counts == std::vector<int64_t>{ 1, 0, 1, 1, 2, 2, 3 });
    CHECK(q.rating.mean.value == doctest::Approx(5.1));
    CHECK(q.rating.index.value == doctest::Approx(68.3333).epsilon(1e-4)); // (5.1 − 1) / 6 × 100
    CHECK(q.rating.satisfied_values == std::vector<int>{ 5, 6, 7 });      // 较满意 满意 很满意
    CHECK(q.rating.satisfied.count == 7);
    CHECK(q.rating.satisfied.value == doctest::Approx(0.7));
    CHECK(q.rating.satisfied.low == doctest::Approx(0.3968).epsilon(0.0005));
    CHECK(q.rating.top_box_values == std::vector<int>{ 6, 7 });
    CHECK(q.rating.top_box.count == 5);
    CHECK(q.rating.top_box.value == doctest::Approx(0.5));
}

TEST_CASE("scores: five-grade defaults and configured satisfied / top-box sets")
{
    CHECK(DefaultSatisfiedValues(1, 5) == std::vector<int>{ 4, 5 });
    CHECK(DefaultTopBoxValues(1, 5) == std::vector<int>{ 4, 5 });
    CHECK(DefaultSatisfiedValues(1, 4) == std::vector<int>{ 3, 4 });
    CHECK(DefaultSatisfiedValues(0, 11) == std::vector<int>{ 6, 7, 8, 9, 10 });

    std::string text = kScoreSurvey;
    text.insert(text.rfind('}'), R"(, "scores": {"min_n": 1, "satisfied": {"stars": [5]}, "top_box": {"stars": [3, 4, 5]}})");
    const Survey s = LoadSurvey(text);
    ResponseStore store;
    OpenStore(store);
    for (int g : { 5, 4, 3, 2 })
    {
        Response r = NewResponse();
        Store(store, Num(r, "stars", g));
    }
    const ScoreReport q_report = Compute(s, store, 0);
    const QuestionScores& q = Q(q_report, "stars"); // 0: the survey's min_n (1)
    CHECK(q.rating.satisfied.count == 1);
    CHECK(q.rating.top_box.count == 3);
    CHECK(q.rating.top_box.value == doctest::Approx(0.75));
    CHECK(q.rating.index.value == doctest::Approx(62.5)); // steps 4,3,2,1 of 4 → 10/16
}

TEST_CASE("scores: NPS, margin of error, all promoters, no answers")
{
    const Survey s = LoadSurvey();
    {
        ResponseStore store;
        OpenStore(store);
        for (int v : { 10, 9, 9, 8, 7, 6, 0, 10 })
        {
            Response r = NewResponse();
            Store(store, Num(r, "rec", v));
        }
        const ScoreReport nps_report = Compute(s, store);
    const NpsScores& nps = Q(nps_report, "rec").nps;
        CHECK(nps.promoters == 4);
        CHECK(nps.passives == 2);
        CHECK(nps.detractors == 2);
        CHECK(nps.nps.value == doctest::Approx(25.0));
        // p = .5, d = .25: 1.96 × sqrt((.75 − .0625) / 8) × 100
        CHECK(nps.margin == doctest::Approx(57.4576).epsilon(1e-4));
        CHECK(nps.promoter_share.value == doctest::Approx(0.5));
    }
    {
        ResponseStore store;
        OpenStore(store);
        for (int v : { 9, 10, 10 })
        {
            Response r = NewResponse();
            Store(store, Num(r, "rec", v));
        }
        const ScoreReport nps_report = Compute(s, store);
    const NpsScores& nps = Q(nps_report, "rec").nps;
        CHECK(nps.nps.value == doctest::Approx(100.0));
        CHECK(nps.margin == 0.0); // the normal approximation has no spread at the extremes
        CHECK(nps.promoter_share.high == 1.0);
        CHECK(nps.promoter_share.low < 1.0); // ... the Wilson interval does
    }
    {
        ResponseStore store;
        OpenStore(store);
        const ScoreReport report = Compute(s, store);
        CHECK(report.responses == 0);
        const QuestionScores& q = Q(report, "rec");
        CHECK(q.n == 0);
        CHECK(q.nps.nps.insufficient);
        CHECK(q.nps.promoter_share.insufficient);
        CHECK(Q(report, "sat").rating.index.insufficient);
        CHECK(Q(report, "sq").servqual.overall.insufficient);
        const std::string json = ScoreReportToJson(report);
        CHECK(json.find("\"nps\":{\"n\":0,\"value\":null,\"insufficient\":true,\"margin\":null}") != std::string::npos);
    }
}

TEST_CASE("scores: CES mean and share 5-7")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    for (int v : { 7, 6, 5, 4, 1 })
    {
        Response r = NewResponse();
        Store(store, Num(r, "effort", v));
    }
    const ScoreReport ces_report = Compute(s, store);
    const CesScores& ces = Q(ces_report, "effort").ces;
    CHECK(ces.mean.value == doctest::Approx(4.6));
    CHECK(ces.easy.count == 3);
    CHECK(ces.easy.value == doctest::Approx(0.6));
}

TEST_CASE("scores: choice distributions, matrix rows, answers off the scale")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    Response r1 = NewResponse();
    Value(r1, "channel", AnswerValue::MakeChoice("phone"));
    Value(r1, "topics", AnswerValue::MakeChoices({ "a", "c" }));
    AnswerValue rows;
    rows.kind = AnswerValue::Rows;
    rows.rows = { { "polite", 5 }, { "fast", 2 } };
    Value(r1, "staff", rows);
    Store(store, r1);
    Response r2 = NewResponse();
    Value(r2, "channel", AnswerValue::MakeChoice("counter"));
    Value(r2, "topics", AnswerValue::MakeChoices({ "c" }));
    rows.rows = { { "polite", 4 } };
    Value(r2, "staff", rows);
    Num(r2, "sat", 9); // off the 1..7 scale: counted as answered, left out of the scores
    Store(store, r2);

    const ScoreReport report = Compute(s, store);
    const QuestionScores& topics = Q(report, "topics");
    CHECK(topics.n == 2);
    REQUIRE(topics.options.size() == 3);
    CHECK(topics.options[0].count == 1);
    CHECK(topics.options[1].count == 0);
    CHECK(topics.options[2].count == 2);
    CHECK(topics.options[2].share.value == doctest::Approx(1.0)); // of respondents, so shares may add up past 1
    const QuestionScores& channel = Q(report, "channel");
    CHECK(channel.options[0].value == "counter");
    CHECK(channel.options[0].count == 1);
    CHECK(channel.options[1].share.value == doctest::Approx(0.5));
    const QuestionScores& staff = Q(report, "staff");
    REQUIRE(staff.rows.size() == 2);
    CHECK(staff.rows[0].n == 2);
    CHECK(staff.rows[0].rating.mean.value == doctest::Approx(4.5));
    CHECK(staff.rows[0].rating.satisfied.count == 2); // 满意 很满意 on five grades
    CHECK(staff.rows[1].n == 1);
    CHECK(staff.rows[1].rating.index.value == doctest::Approx(25.0));
    const QuestionScores& sat = Q(report, "sat");
    CHECK(sat.n == 1);
    CHECK(sat.out_of_scale == 1);
    CHECK(sat.rating.mean.insufficient); // n of the score is 0
}

static AnswerValue Gaps(std::vector<GapAnswer> gaps)
{
    AnswerValue v;
    v.kind = AnswerValue::Gaps;
    v.gaps = std::move(gaps);
    return v;
}

TEST_CASE("scores: SERVQUAL gaps per item, dimension and overall; missing expectation half")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    Response r1 = NewResponse(), r2 = NewResponse(), r3 = NewResponse();
    Value(r1, "sq", Gaps({ { "a", 5, 6, "" }, { "b", 7, 4, "" }, { "c", 4, 4, "" } }));
    Value(r2, "sq", Gaps({ { "a", 6, 6, "" }, { "b", 5, std::nullopt, "" }, { "c", 3, 5, "" } }));
    Value(r3, "sq", Gaps({ { "a", 7, 5, "" }, { "c", std::nullopt, 6, "" } }));
    Store(store, r1);
    Store(store, r2);
    Store(store, r3);

    const ScoreReport sq_report = Compute(s, store);
    const ServqualScores& sq = Q(sq_report, "sq").servqual;
    REQUIRE(sq.items.size() == 3);
    CHECK(sq.items[0].gap.n == 3);
    CHECK(sq.items[0].gap.value == doctest::Approx(-1.0 / 3));
    CHECK(sq.items[0].expectation.value == doctest::Approx(6.0));
    CHECK(sq.items[0].perception.value == doctest::Approx(17.0 / 3));
    CHECK(sq.items[1].gap.n == 1);
    CHECK(sq.items[1].gap.value == doctest::Approx(-3.0));
    CHECK(sq.items[1].incomplete == 1);
    CHECK(sq.items[2].gap.n == 2); // r3's perception without expectation is left out
    CHECK(sq.items[2].gap.value == doctest::Approx(1.0));
    CHECK(sq.items[2].incomplete == 1);
    CHECK(sq.incomplete == 2);
    REQUIRE(sq.dimensions.size() == 2);
    CHECK(sq.dimensions[0].dimension == ServqualDimension::Reliability);
    CHECK(sq.dimensions[0].items == 2);
    CHECK(sq.dimensions[0].gap.n == 3);
    CHECK(sq.dimensions[0].gap.value == doctest::Approx((-1.0 / 3 - 3.0) / 2));
    CHECK(sq.dimensions[1].dimension == ServqualDimension::Empathy);
    CHECK(sq.dimensions[1].gap.n == 2);
    CHECK(sq.dimensions[1].gap.value == doctest::Approx(1.0));
    CHECK(sq.overall.n == 3);
    CHECK(sq.overall.value == doctest::Approx(((-1.0 / 3 - 3.0) / 2 + 1.0) / 2));

    // Weights 3 : 1 (tangibles etc. unused by this survey may be left out).
    std::string text = kScoreSurvey;
    text.insert(text.rfind('}'), R"(, "scores": {"servqual_weights": {"reliability": 3, "empathy": 1}})");
    const ScoreReport weighted_report = Compute(LoadSurvey(text), store);
    const ServqualScores& weighted = Q(weighted_report, "sq").servqual;
    CHECK(weighted.dimensions[0].weight == 3.0);
    CHECK(weighted.overall.value == doctest::Approx((3 * (-5.0 / 3) + 1.0) / 4));
}

static AnswerValue Kano(std::vector<KanoAnswer> pairs)
{
    AnswerValue v;
    v.kind = AnswerValue::Kano;
    v.kano = std::move(pairs);
    return v;
}

TEST_CASE("scores: KANO classification, majority, tie rule, better/worse, all questionable")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    // f1: O, A, A, M, I, Q (+ one half-answered pair, ignored); f2: O, M (tie → M);
    // f3: Q, Q (nothing to classify).
    const std::vector<std::vector<KanoAnswer>> respondents = {
        { { "f1", "like", "dislike" }, { "f2", "like", "dislike" }, { "f3", "like", "like" } },
        { { "f1", "like", "neutral" }, { "f2", "must-be", "dislike" }, { "f3", "dislike", "dislike" } },
        { { "f1", "like", "live-with" } },
        { { "f1", "must-be", "dislike" } },
        { { "f1", "neutral", "neutral" } },
        { { "f1", "like", "like" } },
        { { "f1", "like", "" } },
    };
    for (const auto& pairs : respondents)
    {
        Response r = NewResponse();
        Store(store, Value(r, "kano", Kano(pairs)));
    }
    const ScoreReport q_report = Compute(s, store);
    const QuestionScores& q = Q(q_report, "kano");
    REQUIRE(q.kano.size() == 3);
    const KanoFeatureScores& f1 = q.kano[0];
    CHECK(f1.n == 6);
    CHECK(f1.counts[(int)KanoClass::Attractive] == 2);
    CHECK(f1.counts[(int)KanoClass::OneDimensional] == 1);
    CHECK(f1.counts[(int)KanoClass::MustBe] == 1);
    CHECK(f1.counts[(int)KanoClass::Indifferent] == 1);
    CHECK(f1.counts[(int)KanoClass::Questionable] == 1);
    CHECK_FALSE(f1.category_insufficient);
    CHECK(f1.category == KanoClass::Attractive);
    CHECK(f1.category_n == 5);
    CHECK_FALSE(f1.tie);
    CHECK(f1.better.value == doctest::Approx(0.6));  // (2 + 1) / 5
    CHECK(f1.worse.value == doctest::Approx(-0.4));  // −(1 + 1) / 5
    CHECK(f1.worse.low <= f1.worse.value);
    CHECK(f1.worse.high >= f1.worse.value);
    CHECK(f1.worse.high < 0);

    const KanoFeatureScores& f2 = q.kano[1];
    CHECK(f2.category == KanoClass::MustBe);
    CHECK(f2.tie);
    CHECK(f2.better.value == doctest::Approx(0.5));
    CHECK(f2.worse.value == doctest::Approx(-1.0));

    const KanoFeatureScores& f3 = q.kano[2];
    CHECK(f3.n == 2);
    CHECK(f3.counts[(int)KanoClass::Questionable] == 2);
    CHECK(f3.category_insufficient);
    CHECK(f3.better.insufficient);
    CHECK(f3.worse.insufficient);
    // In the CSV: numbers the exporter writes are never guarded, so worse stays negative.
    const std::string csv = ScoresToCsv(Compute(s, store));
    CHECK(csv.find("kano,f1,category,5,,attractive,,,\r\n") != std::string::npos);
    CHECK(csv.find("kano,f1,worse,5,2,-0.4,-0.7693,-0.1176,\r\n") != std::string::npos);
    CHECK(csv.find("kano,f2,category,2,,must-be,,,tie\r\n") != std::string::npos);
    CHECK(csv.find("kano,f3,category,0,,,,,insufficient\r\n") != std::string::npos);
    const std::string json = ScoreReportToJson(Compute(s, store));
    CHECK(json.find(R"({"id":"f3","n":2,"counts":{"attractive":0,"one-dimensional":0,"must-be":0,"indifferent":0,"reverse":0,"questionable":2},)"
                    R"("category":{"n":0,"value":null,"insufficient":true},"better":{"n":0,"value":null,"insufficient":true})") != std::string::npos);
}

TEST_CASE("scores: complaints by type and cause, callbacks, follow-ups")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    struct C { const char* type; const char* cause; bool callback; };
    std::vector<std::string> ids;
    for (C c : { C{ "complaint", "attitude", true }, C{ "complaint", "quality", true }, C{ "suggestion", "", false } })
    {
        Response r = NewResponse();
        Num(r, "sat", 2);
        Value(r, kComplaintType, AnswerValue::MakeChoice(c.type));
        if (c.cause[0]) Value(r, kComplaintCause, AnswerValue::MakeChoice(c.cause));
        Value(r, kComplaintCallback, AnswerValue::MakeBool(c.callback));
        Store(store, r);
        ids.push_back(r.id);
    }
    Response plain = NewResponse();
    Store(store, Num(plain, "sat", 7));

    FollowUp f;
    f.response_id = ids[0];
    f.state = FollowUpState::Resolved;
    f.updated_ms = 5000;
    f.contacted_ms = 3000;
    f.resolved_ms = 5000;
    f.satisfaction = 6;
    f.satisfaction_points = 7;
    f.note = "refunded";
    std::string error;
    REQUIRE(store.SetFollowUp(f, &error));

    const ScoreReport report = Compute(s, store);
    const ComplaintScores& c = report.complaints;
    CHECK(c.enabled);
    CHECK(c.n == 3);
    REQUIRE(c.by_type.size() == 8);
    CHECK(c.by_type[5].value == "complaint");
    CHECK(c.by_type[5].count == 2);
    CHECK(c.by_type[5].share.value == doctest::Approx(2.0 / 3));
    CHECK(c.by_type[2].value == "suggestion");
    CHECK(c.by_type[2].count == 1);
    int64_t causes = 0;
    for (const OptionCount& o : c.by_cause) causes += o.count;
    CHECK(causes == 2);
    CHECK(c.by_cause[0].share.n == 2);
    CHECK(c.callback.count == 2);
    CHECK(c.callback.value == doctest::Approx(2.0 / 3));
    CHECK(c.open == 1);
    CHECK(c.contacted == 0);
    CHECK(c.resolved == 1);
    CHECK(c.followed_up.value == doctest::Approx(0.5));
    CHECK(c.resolution_index.n == 1);
    CHECK(c.resolution_index.value == doctest::Approx(500.0 / 6)); // (6 − 1) / 6 × 100
    CHECK(c.resolution_satisfied.value == doctest::Approx(1.0));

    // Contacting the other one moves it from open to followed up.
    f.response_id = ids[1];
    f.state = FollowUpState::Contacted;
    f.satisfaction = 0;
    f.satisfaction_points = 0;
    REQUIRE(store.SetFollowUp(f, &error));
    const ScoreReport report2 = Compute(s, store);
    const ComplaintScores& c2 = report2.complaints;
    CHECK(c2.open == 0);
    CHECK(c2.contacted == 1);
    CHECK(c2.followed_up.value == doctest::Approx(1.0));

    Survey no_form = s;
    no_form.complaint.enabled = false;
    const ScoreReport without = Compute(no_form, store);
    CHECK_FALSE(without.complaints.enabled);
    CHECK(ScoreReportToJson(without).find("\"complaints\":null") != std::string::npos);
}

TEST_CASE("scores: below min n a score is not a number, in the struct and the JSON")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    for (int g : { 7, 6, 2 })
    {
        Response r = NewResponse();
        Store(store, Num(r, "sat", g));
    }
    const ScoreReport low = Compute(s, store, 4);
    const QuestionScores& q = Q(low, "sat");
    CHECK(q.n == 3);
    CHECK(q.rating.index.insufficient);
    CHECK(q.rating.index.value == 0.0);
    CHECK(q.rating.satisfied.insufficient);
    CHECK(q.rating.satisfied.value == 0.0);
    const std::string json = ScoreReportToJson(low);
    CHECK(json.find(R"("index":{"n":3,"value":null,"insufficient":true})") != std::string::npos);
    CHECK(json.find(R"("satisfied":{"n":3,"value":null,"insufficient":true,"values":[5,6,7]})") != std::string::npos);
    CHECK(json.find(R"("min_n":4)") != std::string::npos);

    const ScoreReport enough = Compute(s, store, 3);
    CHECK_FALSE(Q(enough, "sat").rating.index.insufficient);
    CHECK(ScoreReportToJson(enough).find(R"("satisfied":{"n":3,"count":2,"value":0.6667,"low":0.2077,"high":0.9385,"values":[5,6,7]})") !=
          std::string::npos);

    // The survey's default when the query does not say.
    CHECK(Compute(s, store, 0).min_n == kScoreDefaultMinN);
}

TEST_CASE("scores: time window, survey version, other surveys")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    Response a = NewResponse(1000, "1"), b = NewResponse(2000, "2"), c = NewResponse(3000, "2");
    Store(store, Num(a, "sat", 1));
    Store(store, Num(b, "sat", 4));
    Store(store, Num(c, "sat", 7));
    Response other = NewResponse(1500);
    other.survey_id = "another";
    Store(store, Num(other, "sat", 7));

    ScoreQuery q;
    q.min_n = 1;
    q.from_ms = 2000;
    q.to_ms = 3000; // exclusive
    ScoreReport r = ComputeScores(s, store, q);
    CHECK(r.responses == 1);
    CHECK(Q(r, "sat").rating.mean.value == doctest::Approx(4.0));
    REQUIRE(r.versions.size() == 1);
    CHECK(r.versions[0].version == "2");

    q = ScoreQuery();
    q.min_n = 1;
    q.survey_version = "2";
    r = ComputeScores(s, store, q);
    CHECK(r.responses == 2);
    CHECK(Q(r, "sat").rating.mean.value == doctest::Approx(5.5));
    REQUIRE(r.versions.size() == 2); // every version, so the UI can offer them
    CHECK(r.versions[0].responses == 1);
    CHECK(r.versions[1].responses == 2);

    q.survey_version.clear();
    CHECK(ComputeScores(s, store, q).responses == 3); // "another" is not this survey
}

TEST_CASE("scores: daily trend by local day")
{
    const Survey s = LoadSurvey();
    ResponseStore store;
    OpenStore(store);
    int64_t t = 0;
    REQUIRE(ParseIsoUtc("2026-11-22T17:00:00Z", &t)); // 01:00 on the 23rd in China
    Response a = NewResponse(t), b = NewResponse(t - 3600 * 1000 * 10), c = NewResponse(t + 3600 * 1000 * 2);
    Store(store, Num(Num(a, "sat", 7), "rec", 10));
    Store(store, Num(b, "sat", 1));
    Store(store, Num(c, "sat", 4));

    ScoreQuery q;
    q.min_n = 1;
    q.utc_offset_minutes = 480;
    ScoreReport r = ComputeScores(s, store, q);
    REQUIRE(r.trend.size() == 4); // sat, stars, rec, effort
    CHECK(r.trend[0].question_id == "sat");
    REQUIRE(r.trend[0].days.size() == 2);
    CHECK(r.trend[0].days[0].date == "2026-11-22"); // b: 07:00Z → 15:00 local
    CHECK(r.trend[0].days[0].n == 1);
    CHECK(r.trend[0].days[1].date == "2026-11-23");
    CHECK(r.trend[0].days[1].n == 2);
    CHECK(r.trend[0].days[1].rating.mean.value == doctest::Approx(5.5));
    CHECK(r.trend[1].days.empty());
    CHECK(r.trend[2].question_id == "rec");
    REQUIRE(r.trend[2].days.size() == 1);
    CHECK(r.trend[2].days[0].nps.nps.value == doctest::Approx(100.0));

    q.utc_offset_minutes = 0; // 07:00, 17:00 and 19:00 UTC: one day
    r = ComputeScores(s, store, q);
    REQUIRE(r.trend[0].days.size() == 1);
    CHECK(r.trend[0].days[0].date == "2026-11-22");
    CHECK(r.trend[0].days[0].n == 3);

    q.utc_offset_minutes = -600; // Hawaii: b at 21:00 on the 21st, a and c on the 22nd
    r = ComputeScores(s, store, q);
    REQUIRE(r.trend[0].days.size() == 2);
    CHECK(r.trend[0].days[0].date == "2026-11-21");
    CHECK(r.trend[0].days[0].n == 1);
    CHECK(r.trend[0].days[1].n == 2);
}

// ---- properties -----------------------------------------------------------------------------

static std::vector<Response> RandomResponses(int count, std::mt19937& rng)
{
    static const char* kKano[] = { "like", "must-be", "neutral", "live-with", "dislike" };
    auto pick = [&](int n) { return (int)(rng() % (uint32_t)n); };
    std::vector<Response> out;
    for (int i = 0; i < count; i++)
    {
        Response r = NewResponse(1764547200000LL + pick(5 * 86400) * 1000LL, pick(3) ? "1" : "2");
        Num(r, "sat", 1 + pick(7));
        if (pick(4)) Num(r, "rec", pick(11));
        if (pick(4)) Num(r, "effort", 1 + pick(7));
        if (pick(2)) Value(r, "topics", AnswerValue::MakeChoices({ pick(2) ? "a" : "b" }));
        Value(r, "sq", Gaps({ { "a", 1 + pick(7), 1 + pick(7), "" }, { "c", pick(3) ? std::optional<int>(1 + pick(7)) : std::nullopt, 1 + pick(7), "" } }));
        Value(r, "kano", Kano({ { "f1", kKano[pick(5)], kKano[pick(5)] }, { "f2", kKano[pick(5)], kKano[pick(5)] } }));
        if (pick(5) == 0)
        {
            Value(r, kComplaintType, AnswerValue::MakeChoice(pick(2) ? "complaint" : "fault"));
            Value(r, kComplaintCallback, AnswerValue::MakeBool(pick(2)));
        }
        out.push_back(std::move(r));
    }
    return out;
}

TEST_CASE("scores property: the order responses are stored in does not change the report")
{
    const Survey s = LoadSurvey();
    std::mt19937 rng(7);
    std::vector<Response> responses = RandomResponses(300, rng);
    ScoreQuery q;
    q.min_n = 5;
    q.utc_offset_minutes = 480;
    std::string first;
    for (int round = 0; round < 3; round++)
    {
        ResponseStore store;
        OpenStore(store);
        for (const Response& r : responses)
            Store(store, r);
        const std::string json = ScoreReportToJson(ComputeScores(s, store, q));
        if (round == 0)
            first = json;
        else
            CHECK(json == first);
        std::shuffle(responses.begin(), responses.end(), rng);
    }
    CHECK(first.find("\"responses\":300") != std::string::npos);
}

TEST_CASE("scores property: NPS within -100..100 and its margin sane for random sets")
{
    std::mt19937 rng(11);
    for (int round = 0; round < 2000; round++)
    {
        std::vector<int64_t> counts(11);
        const int spread = 1 + (int)(rng() % 50);
        for (int64_t& c : counts)
            c = rng() % 3 == 0 ? 0 : (int64_t)(rng() % (uint32_t)spread);
        const NpsScores nps = NpsFromCounts(counts, 1);
        if (nps.nps.insufficient)
            continue;
        CHECK(nps.nps.value >= -100.0);
        CHECK(nps.nps.value <= 100.0);
        CHECK(nps.margin >= 0.0);
        CHECK(nps.margin <= 196.0);
        CHECK(nps.promoters + nps.passives + nps.detractors == nps.nps.n);
    }
}

TEST_CASE("scores property: every Wilson interval contains its point estimate")
{
    for (int64_t n = 1; n <= 300; n++)
        for (int64_t k = 0; k <= n; k++)
        {
            const Proportion p = MakeProportion(k, n, 1);
            REQUIRE_FALSE(p.insufficient);
            if (!(p.low <= p.value && p.value <= p.high && p.low >= 0 && p.high <= 1))
                FAIL("interval of " << k << "/" << n << " is [" << p.low << ", " << p.high << "]");
        }
    // And every interval in a real report, worse (negated) included.
    const Survey s = LoadSurvey();
    std::mt19937 rng(3);
    ResponseStore store;
    OpenStore(store);
    for (const Response& r : RandomResponses(120, rng))
        Store(store, r);
    const ScoreReport report = Compute(s, store);
    int checked = 0;
    auto check = [&](const Proportion& p) {
        if (p.insufficient) return;
        checked++;
        CHECK(p.low <= p.value);
        CHECK(p.value <= p.high);
    };
    for (const QuestionScores& q : report.questions)
    {
        check(q.rating.satisfied);
        check(q.rating.top_box);
        check(q.nps.promoter_share);
        check(q.nps.detractor_share);
        check(q.ces.easy);
        for (const OptionCount& o : q.options) check(o.share);
        for (const KanoFeatureScores& f : q.kano)
        {
            check(f.better);
            check(f.worse);
        }
    }
    check(report.complaints.callback);
    CHECK(checked > 15);
}

TEST_CASE("scores property: min n suppresses exactly the scores with fewer answers")
{
    std::mt19937 rng(5);
    for (int round = 0; round < 500; round++)
    {
        const int64_t n = rng() % 40;
        const int min_n = 1 + (int)(rng() % 40);
        const int64_t k = n ? (int64_t)(rng() % (uint32_t)(n + 1)) : 0;
        const Proportion p = MakeProportion(k, n, min_n);
        const Score sc = MakeScore(1.5, n, min_n);
        CHECK(p.insufficient == (n < min_n || n == 0));
        CHECK(sc.insufficient == (n < min_n || n == 0));
        if (p.insufficient)
        {
            CHECK(p.value == 0.0);
            CHECK(sc.value == 0.0);
        }
    }
}

TEST_CASE("scores: the report JSON of a small survey, whole (manyi.scores/1 is a stable format)")
{
    const Survey s = LoadSurvey(R"({"format_version":1,"id":"j","version":"1","locales":["en"],"default_locale":"en","title":"J",
                                    "questions":[{"id":"q","type":"rating","points":5,"title":"Q"}]})");
    ResponseStore store;
    OpenStore(store);
    for (int i = 0; i < 2; i++)
    {
        Response r = NewResponse(1764547200000LL + i * 3600000LL); // 2025-12-01 00:00 and 01:00 UTC
        r.survey_id = "j";
        Store(store, Num(r, "q", i ? 3 : 5));
    }
    const std::string rating =
        R"({"mean":{"n":2,"value":4.0,"low":1.0,"high":5.0},"index":{"n":2,"value":75.0,"low":0.0,"high":100.0},)"
        R"("satisfied":{"n":2,"count":1,"value":0.5,"low":0.0945,"high":0.9055,"values":[4,5]},)"
        R"("top_box":{"n":2,"count":1,"value":0.5,"low":0.0945,"high":0.9055,"values":[4,5]}})";
    const std::string expected =
        R"({"format":"manyi.scores/1","survey":"j",)"
        R"("query":{"from":null,"to":null,"version":null,"utc_offset_minutes":0,"min_n":1},)"
        R"("responses":2,"versions":[{"version":"1","responses":2}],)"
        R"("questions":[{"id":"q","type":"rating","n":2,)"
        R"("distribution":[{"value":1,"count":0},{"value":2,"count":0},{"value":3,"count":1},{"value":4,"count":0},{"value":5,"count":1}],)"
        R"("scores":)" + rating + "}]," +
        R"("complaints":null,)"
        R"("trend":[{"question":"q","type":"rating","days":[{"date":"2025-12-01","n":2,)" + rating.substr(1) + "]}]}";
    CHECK(ScoreReportToJson(Compute(s, store)) == expected);
}
