// The scoring side of the store: answer_parts, the upgrade from schema 1, follow-up records, and
// the survey's `scores` configuration.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>

#include "core/response_store.h"
#include "core/scores.h"
#include "core/survey.h"
#include "sqlite3.h"

using namespace manyi;

static std::string TempPath()
{
    char tmpl[] = "/tmp/manyi-scores-test-XXXXXX";
    const int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    std::remove(tmpl);
    return tmpl;
}

static Response Sample(const std::string& id, int64_t created_ms)
{
    Response r;
    r.id = id;
    r.survey_id = "s";
    r.survey_version = "1";
    r.locale = "en";
    r.created_at_ms = created_ms;
    Answer sat;
    sat.question_id = "sat";
    sat.value = AnswerValue::MakeNumber(6);
    Answer topics;
    topics.question_id = "topics";
    topics.value = AnswerValue::MakeChoices({ "a", "c" });
    Answer kano;
    kano.question_id = "kano";
    kano.value.kind = AnswerValue::Kano;
    kano.value.kano = { { "f1", "like", "dislike" } };
    Answer gaps;
    gaps.question_id = "sq";
    gaps.value.kind = AnswerValue::Gaps;
    gaps.value.gaps = { { "a", 5, std::nullopt, "reliability" } };
    Answer contact;
    contact.question_id = "contact";
    contact.value.kind = AnswerValue::Fields;
    contact.value.fields = { { "phone", "13812345678" } };
    r.answers = { sat, topics, kano, gaps, contact };
    return r;
}

static std::string PartsDump(const std::string& path)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT response_id, question_id, role, part, quote(number_value), quote(text_value) FROM answer_parts"
                                   " ORDER BY response_id, question_id, role, part", -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(stmt) == SQLITE_ROW)
    {
        for (int c = 0; c < 6; c++)
            out += std::string(c ? " " : "") + (const char*)sqlite3_column_text(stmt, c);
        out += "\n";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

// Columns: response, question, role, part, number, text (NULL shown as NULL, text quoted).
static const char* kExpectedParts =
    "r1 contact   1 NULL\n"              // answered; the phone number stays in the payload
    "r1 kano   1 NULL\n"
    "r1 kano dysfunctional f1 NULL 'dislike'\n"
    "r1 kano functional f1 NULL 'like'\n"
    "r1 sat   6 NULL\n"
    "r1 sq   1 NULL\n"
    "r1 sq expectation a 5 NULL\n"         // its perception is missing: a lone half
    "r1 topics   2 NULL\n"
    "r1 topics choice a NULL 'a'\n"
    "r1 topics choice c NULL 'c'\n";

TEST_CASE("ResponseStore: answer_parts holds one row per answer and sub-answer, no personal data")
{
    const std::string path = TempPath();
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        const Response r = Sample("r1", 1000);
        REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
    }
    const std::string dump = PartsDump(path);
    CHECK(dump == kExpectedParts);
    CHECK(dump.find("13812345678") == std::string::npos);
    std::remove(path.c_str());
}

// Schema 1 exactly as the previous build wrote it.
static const char* kSchemaV1 =
    "CREATE TABLE responses(id TEXT PRIMARY KEY NOT NULL, survey_id TEXT NOT NULL, survey_version TEXT NOT NULL, locale TEXT NOT NULL,"
    " created_ms INTEGER NOT NULL, payload TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
    " next_attempt_ms INTEGER NOT NULL, delivered_ms INTEGER, last_error TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE answers(response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE, question_id TEXT NOT NULL,"
    " number_value INTEGER, text_value TEXT, PRIMARY KEY(response_id, question_id));"
    "CREATE INDEX responses_due ON responses(state, next_attempt_ms);"
    "CREATE INDEX answers_question ON answers(question_id);"
    "PRAGMA user_version = 1;";

// Payloads must carry UUIDs to parse (ResponseFromJson is strict), and the upgrade parses them.
static const char* kUuid1 = "00000000-0000-4000-8000-000000000001";
static const char* kUuid2 = "00000000-0000-4000-8000-000000000002";

TEST_CASE("ResponseStore: a schema 1 database is upgraded, answer_parts rebuilt from the payloads")
{
    const std::string path = TempPath();
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, kSchemaV1, nullptr, nullptr, nullptr) == SQLITE_OK);
        const Response r = Sample(kUuid1, 1000);
        const std::string payload = ResponseToJson(r);
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO responses(id, survey_id, survey_version, locale, created_ms, payload, state, next_attempt_ms)"
                                       " VALUES(?1, 's', '1', 'en', 1000, ?2, 1, 1000)", -1, &stmt, nullptr) == SQLITE_OK);
        sqlite3_bind_text(stmt, 1, kUuid1, -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, payload.c_str(), -1, SQLITE_STATIC);
        REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
        sqlite3_reset(stmt);
        // A payload that does not parse (schema 1 accepted any text): kept, but scores nothing.
        sqlite3_bind_text(stmt, 1, "broken", -1, SQLITE_STATIC);
        sqlite3_bind_text(stmt, 2, "{not a payload", -1, SQLITE_STATIC);
        REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
        sqlite3_finalize(stmt);
        sqlite3_close(db);
    }
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        CHECK(store.Counts().total == 2);
        StoredResponse got;
        REQUIRE(store.Get(kUuid1, &got));
        CHECK(got.state == DeliveryState::Delivered);
        AnswerFilter f;
        f.survey_id = "s";
        int64_t sat = 0;
        for (const PartCount& c : store.CountParts(f, { "sat" }))
            if (c.question_id == "sat") sat += c.count;
        CHECK(sat == 1);
        // Follow-ups work on an upgraded file.
        FollowUp fu;
        fu.response_id = kUuid1;
        fu.state = FollowUpState::Contacted;
        CHECK(store.SetFollowUp(fu, &error));
        // New responses go on as usual.
        const Response r2 = Sample(kUuid2, 2000);
        REQUIRE(store.Insert(r2, ResponseToJson(r2), DeliveryState::Pending, &error));
    }
    std::string dump = PartsDump(path);
    for (auto [uuid, name] : { std::pair{ kUuid1, "r1" }, std::pair{ kUuid2, "r2" } })
        for (size_t at = dump.find(uuid); at != std::string::npos; at = dump.find(uuid))
            dump.replace(at, strlen(uuid), name);
    CHECK(dump.find(kExpectedParts) == 0); // r1 rebuilt from its payload exactly as an insert writes it
    CHECK(dump.find("r2 topics choice c NULL 'c'") != std::string::npos);
    CHECK(dump.find("broken") == std::string::npos);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == ResponseStore::kSchemaVersion);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    // Opening again does not upgrade twice.
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        AnswerFilter f;
        f.survey_id = "s";
        int64_t sat = 0;
        for (const PartCount& c : store.CountParts(f, { "sat" }))
            if (c.question_id == "sat") sat += c.count;
        CHECK(sat == 2);
    }
    std::remove(path.c_str());
    std::remove((path + "-journal").c_str());
}

TEST_CASE("ResponseStore: follow-up records set, replaced, listed, checked")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    const Response a = Sample("a", 1000), b = Sample("b", 2000);
    REQUIRE(store.Insert(a, ResponseToJson(a), DeliveryState::Pending, &error));
    REQUIRE(store.Insert(b, ResponseToJson(b), DeliveryState::Pending, &error));

    FollowUp f;
    f.response_id = "b";
    f.state = FollowUpState::Contacted;
    f.updated_ms = f.contacted_ms = 5000;
    f.note = "回访：已致电";
    REQUIRE(store.SetFollowUp(f, &error));
    f.response_id = "a";
    f.state = FollowUpState::Resolved;
    f.resolved_ms = f.updated_ms = 6000;
    f.satisfaction = 4;
    f.satisfaction_points = 5;
    REQUIRE(store.SetFollowUp(f, &error));

    FollowUp got;
    REQUIRE(store.GetFollowUp("b", &got));
    CHECK(got.state == FollowUpState::Contacted);
    CHECK(got.contacted_ms == 5000);
    CHECK(got.note == "回访：已致电");
    CHECK(got.satisfaction == 0);
    CHECK_FALSE(store.GetFollowUp("nobody", &got));

    AnswerFilter filter;
    filter.survey_id = "s";
    std::vector<FollowUp> all = store.ListFollowUps(filter);
    REQUIRE(all.size() == 2);
    CHECK(all[0].response_id == "a"); // by the response's time
    CHECK(all[0].satisfaction == 4);
    CHECK(all[0].satisfaction_points == 5);
    filter.from_ms = 1500;
    CHECK(store.ListFollowUps(filter).size() == 1);

    // Replacing keeps one record per response.
    f.response_id = "b";
    f.state = FollowUpState::Resolved;
    f.satisfaction = 7;
    f.satisfaction_points = 7;
    REQUIRE(store.SetFollowUp(f, &error));
    filter.from_ms = 0;
    all = store.ListFollowUps(filter);
    REQUIRE(all.size() == 2);
    CHECK(all[1].state == FollowUpState::Resolved);

    f.response_id = "nobody";
    CHECK_FALSE(store.SetFollowUp(f, &error));
    CHECK(error == "no stored response nobody");
    f.response_id = "a";
    f.satisfaction = 6;
    f.satisfaction_points = 5;
    CHECK_FALSE(store.SetFollowUp(f, &error));
    f.satisfaction_points = 10;
    CHECK_FALSE(store.SetFollowUp(f, &error));
    f.satisfaction = 0;
    f.satisfaction_points = 7;
    CHECK_FALSE(store.SetFollowUp(f, &error));
}

static std::string WithScores(const std::string& scores)
{
    return R"({"format_version":1,"id":"t","version":"1","locales":["en"],"default_locale":"en","title":"T",
              "questions":[{"id":"q","type":"rating","points":5,"title":"Q"},{"id":"n","type":"nps","title":"N"},
                           {"id":"m","type":"matrix","preset":"satisfaction7","title":"M","rows":[{"id":"r","label":"R"}]},
                           {"id":"sq","type":"servqual","title":"S","items":[{"id":"i","label":"I","dimension":"empathy"},{"id":"j","label":"J","dimension":"tangibles"}]}],
              "scores":)" + scores + "}";
}

TEST_CASE("survey scores: min_n, grade sets and dimension weights are read")
{
    SurveyParseResult r = ParseSurvey(WithScores(R"({"min_n": 25, "satisfied": {"q": [5, 4], "m": [6, 7]}, "top_box": {"q": [5]},
                                                    "servqual_weights": {"empathy": 0.6, "tangibles": 0.4, "reliability": 0}})"));
    for (const SurveyProblem& p : r.problems) INFO(p.path << ": " << p.message);
    REQUIRE(r.ok());
    const ScoreConfig& c = r.survey.scores;
    CHECK(c.min_n == 25);
    REQUIRE(c.satisfied.size() == 2);
    CHECK(c.satisfied[0].question_id == "q");
    CHECK(c.satisfied[0].values == std::vector<int>{ 4, 5 }); // sorted
    CHECK(c.top_box[0].values == std::vector<int>{ 5 });
    CHECK(c.has_weights);
    CHECK(c.dimension_weights[(int)ServqualDimension::Empathy] == 0.6);
    CHECK(c.dimension_weights[(int)ServqualDimension::Reliability] == 0.0);

    SurveyParseResult none = ParseSurvey(WithScores("{}"));
    REQUIRE(none.ok());
    CHECK(none.survey.scores.min_n == kScoreDefaultMinN);
    CHECK_FALSE(none.survey.scores.has_weights);
}

TEST_CASE("survey scores: bad configuration is reported at its path")
{
    auto problems = [](const std::string& scores) {
        std::string all;
        for (const SurveyProblem& p : ParseSurvey(WithScores(scores)).problems) all += p.path + ": " + p.message + "\n";
        return all;
    };
    CHECK(problems("[]") == "/scores: must be an object with \"min_n\", \"satisfied\", \"top_box\" and/or \"servqual_weights\", not an array\n");
    CHECK(problems(R"({"min": 3})") == "/scores/min: unknown key 'min'\n");
    CHECK(problems(R"({"min_n": 0})") == "/scores/min_n: must be from 1 to 1000000\n");
    CHECK(problems(R"({"min_n": 2.5})") == "/scores/min_n: must be an integer, not a fraction\n");
    CHECK(problems(R"({"satisfied": {"x": [1]}})") == "/scores/satisfied/x: no question 'x' in this survey\n");
    CHECK(problems(R"({"satisfied": {"n": [9, 10]}})") == "/scores/satisfied/n: question 'n' is a nps question; grade sets apply to rating and matrix questions\n");
    CHECK(problems(R"({"top_box": {"q": []}})") == "/scores/top_box/q: must be a non-empty array of grades\n");
    CHECK(problems(R"({"top_box": {"q": [6, "5", 4, 4]}})") ==
          "/scores/top_box/q/0: grade 6 is outside the question's scale 1..5\n"
          "/scores/top_box/q/1: must be an integer grade, not a string\n"
          "/scores/top_box/q/3: duplicate grade 4\n");
    CHECK(problems(R"({"servqual_weights": {"empathy": 1}})") ==
          "/scores/servqual_weights: missing weight for dimension \"tangibles\" (used by item 'j' of question 'sq')\n");
    CHECK(problems(R"({"servqual_weights": {"empathy": -1, "tangibles": 1, "kindness": 2}})") ==
          "/scores/servqual_weights/empathy: must be a number from 0 to 1000\n"
          "/scores/servqual_weights/kindness: unknown dimension 'kindness' (expected \"reliability\", \"responsiveness\", \"assurance\", \"empathy\" or \"tangibles\")\n"
          "/scores/servqual_weights: missing weight for dimension \"empathy\" (used by item 'i' of question 'sq')\n");
    CHECK(problems(R"({"servqual_weights": {"empathy": 0, "tangibles": 0}})") == "/scores/servqual_weights: at least one weight must be greater than 0\n");
}
