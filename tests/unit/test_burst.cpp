// Kiosk "burst" responses in the scores: left out by default, counted when the kiosk setting
// burst_in_scores is on (applied as responses are stored), with counters and rows agreeing.
#include <doctest/doctest.h>

#include "core/kiosk_settings.h"
#include "core/response_store.h"
#include "core/scores.h"
#include "core/survey.h"

using namespace manyi;

static Survey BurstSurvey()
{
    SurveyParseResult r = ParseSurvey(R"({"format_version":1,"id":"b","version":"1","locales":["en"],"default_locale":"en","title":"B",
                                         "questions":[{"id":"sat","type":"rating","preset":"satisfaction7","title":"S"}]})");
    REQUIRE(r.ok());
    return r.survey;
}

static void PutGrade(ResponseStore& store, int n, int grade, bool burst)
{
    Response r;
    char id[40];
    snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", 700000 + n);
    r.id = id;
    r.survey_id = "b";
    r.survey_version = "1";
    r.locale = "en";
    r.mode = "kiosk";
    r.created_at_ms = 1764547200000LL + n * 1000;
    if (burst) r.flags = { kFlagBurst };
    Answer a;
    a.question_id = "sat";
    a.value = AnswerValue::MakeNumber(grade);
    r.answers.push_back(a);
    std::string error;
    REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
}

static int64_t SatN(const ResponseStore& store, bool counters)
{
    ScoreQuery q;
    q.min_n = 1;
    q.use_counters = counters;
    const ScoreReport report = ComputeScores(BurstSurvey(), store, q);
    return report.questions.at(0).n;
}

TEST_CASE("burst: left out of the scores by default, counted when the kiosk says so")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    PutGrade(store, 1, 7, false);
    PutGrade(store, 2, 7, true); // left out: the default
    CHECK(SatN(store, true) == 1);
    CHECK(SatN(store, false) == 1);
    store.SetScoreBurst(true);
    PutGrade(store, 3, 1, true); // counted: stored after the switch
    CHECK(SatN(store, true) == 2);
    CHECK(SatN(store, false) == 2); // the counters and the raw rows agree
    store.SetScoreBurst(false);
    PutGrade(store, 4, 1, true);
    CHECK(SatN(store, true) == 2);
    // All four are stored and listed (and delivered): only the scores differ.
    AnswerFilter all;
    all.survey_id = "b";
    CHECK(store.ListResponses(all).size() == 4);
    // A burst response counted in the scores leaves them again when it is removed.
    REQUIRE(store.Remove({ "00000000-0000-4000-8000-000000700003" }, &error) == 1);
    CHECK(SatN(store, true) == 1);
    CHECK(SatN(store, false) == 1);
    // A bulk load (the journal replay) follows the same setting.
    ResponseStore rebuilt;
    REQUIRE(rebuilt.Open(":memory:", &error));
    rebuilt.SetScoreBurst(true);
    REQUIRE(rebuilt.BeginBulk(&error));
    PutGrade(rebuilt, 5, 7, true);
    PutGrade(rebuilt, 6, 7, false);
    REQUIRE(rebuilt.EndBulk(&error));
    CHECK(SatN(rebuilt, true) == 2);
    CHECK(SatN(rebuilt, false) == 2);
}

TEST_CASE("kiosk settings: burst_in_scores is read, checked and written")
{
    KioskSettings s;
    std::string error;
    CHECK_FALSE(s.burst_in_scores); // default: bursts are left out
    REQUIRE(KioskSettingsFromJson(R"({"burst_in_scores": true})", &s, &error));
    CHECK(s.burst_in_scores);
    CHECK(KioskSettingsToJson(s).find("\"burst_in_scores\":true") != std::string::npos);
    KioskSettings again;
    REQUIRE(KioskSettingsFromJson(KioskSettingsToJson(s), &again, &error));
    CHECK(again.burst_in_scores);
    CHECK_FALSE(KioskSettingsFromJson(R"({"burst_in_scores": "yes"})", &again, &error));
    CHECK(error.find("burst_in_scores") != std::string::npos);
}
