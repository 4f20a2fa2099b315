// Shared by the score-counter tests (test_score_counts.cpp, test_purge.cpp): a survey with every
// question type, random responses and follow-ups over twelve days of December 2025, random
// window bounds, reports from the counters or the raw rows, and the counter tables as text.
#pragma once
#include <doctest/doctest.h>

#include <cstdio>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

#include "core/response_store.h"
#include "core/score_counts.h"
#include "core/scores.h"
#include "core/survey.h"
#include "sqlite3.h"

namespace manyi::count_fixture {

constexpr int64_t kSlot = 15 * 60000LL, kHour = 3600000LL, kDay = 86400000LL;
constexpr int64_t kDec1 = 1764547200000LL; // 2025-12-01T00:00:00Z

// Every question type, a complaint form, and ids the responses below get wrong on purpose.
inline const char* kCountSurvey = R"({
  "format_version": 1, "id": "s", "version": "2", "locales": ["en"], "default_locale": "en", "title": "S",
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
      {"id": "c", "label": "C", "dimension": "empathy"},
      {"id": "d", "label": "D", "dimension": "tangibles"}]},
    {"id": "kano", "type": "kano", "title": "K", "features": [{"id": "f1", "label": "F1"}, {"id": "f2", "label": "F2"}, {"id": "f3", "label": "F3"}]},
    {"id": "ok", "type": "consent", "title": "OK", "text": "I agree"},
    {"id": "contact", "type": "contact", "title": "Contact", "fields": ["name", "phone"]},
    {"id": "note", "type": "text", "title": "Note"}
  ],
  "complaint": {"trigger": {"question": "sat", "at_or_below": 3}},
  "scores": {"min_n": 3, "servqual_weights": {"reliability": 2, "empathy": 1, "tangibles": 0.5}}
})";

inline Survey CountSurvey()
{
    SurveyParseResult r = ParseSurvey(kCountSurvey);
    for (const SurveyProblem& p : r.problems)
        INFO(p.path << ": " << p.message);
    REQUIRE(r.ok());
    return r.survey;
}

struct Random
{
    std::mt19937 rng;
    explicit Random(uint32_t seed) : rng(seed) {}
    int  Pick(int n) { return (int)(rng() % (uint32_t)n); }
    bool Chance(int in) { return Pick(in) == 0; }
};

// A time over twelve days of December 2025, often on a bucket edge or next to one, now and then
// in 1969.
inline int64_t RandomTime(Random& r)
{
    int64_t t = kDec1 + (int64_t)r.Pick(12 * 86400) * 1000 + r.Pick(1000);
    if (r.Chance(50)) t = -3 * kDay + (int64_t)r.Pick(2 * 86400) * 1000;
    switch (r.Pick(6))
    {
    case 0: return FloorDiv(t, kSlot) * kSlot;                     // on a slot edge
    case 1: return FloorDiv(t, kHour) * kHour - 1;                 // a millisecond before an hour
    case 2: return FloorDiv(t, kDay) * kDay + (r.Pick(2) ? 1 : 0); // at or just after midnight UTC
    default: return t;
    }
}

inline void Add(Response& r, const std::string& q, AnswerValue v)
{
    Answer a;
    a.question_id = q;
    a.value = std::move(v);
    r.answers.push_back(std::move(a));
}

inline std::string Kano(Random& r)
{
    static const char* kAnswers[] = { "like", "must-be", "neutral", "live-with", "dislike", "maybe", "" };
    return kAnswers[r.Pick(7)];
}

inline Response RandomResponse(Random& r, int i)
{
    Response out;
    char id[40];
    snprintf(id, sizeof(id), "00000000-0000-4000-8000-%012d", i);
    out.id = id;
    out.survey_id = r.Chance(10) ? "other" : "s";
    out.survey_version = r.Chance(3) ? "1" : "2";
    out.locale = "en";
    out.created_at_ms = RandomTime(r);
    if (r.Pick(4)) Add(out, "sat", AnswerValue::MakeNumber(r.Chance(30) ? 9 : 1 + r.Pick(7)));
    if (r.Chance(20)) Add(out, "sat", AnswerValue::MakeNumber(1 + r.Pick(7))); // listed twice: the last counts
    if (r.Pick(2)) Add(out, "stars", AnswerValue::MakeNumber(1 + r.Pick(5)));
    if (r.Pick(3)) Add(out, "rec", AnswerValue::MakeNumber(r.Chance(40) ? 11 : r.Pick(11)));
    if (r.Pick(3)) Add(out, "effort", AnswerValue::MakeNumber(1 + r.Pick(7)));
    if (r.Pick(2)) Add(out, "channel", AnswerValue::MakeChoice(r.Chance(10) ? "bogus" : r.Pick(2) ? "counter" : "phone"));
    if (r.Pick(2))
    {
        std::vector<std::string> chosen;
        for (const char* o : { "a", "b", "c", "zzz" })
            if (r.Chance(2)) chosen.push_back(o);
        if (r.Chance(10)) chosen.push_back("a"); // twice
        Add(out, "topics", AnswerValue::MakeChoices(chosen));
    }
    if (r.Pick(2))
    {
        AnswerValue v;
        v.kind = AnswerValue::Rows;
        for (const char* row : { "polite", "fast", "ghost" })
            if (r.Pick(3)) v.rows.push_back({ row, r.Chance(20) ? 6 : 1 + r.Pick(5) });
        Add(out, "staff", v);
    }
    if (r.Pick(3))
    {
        AnswerValue v;
        v.kind = AnswerValue::Gaps;
        for (const char* item : { "a", "b", "c", "d", "x" })
        {
            if (r.Chance(3)) continue;
            GapAnswer g{ item, 1 + r.Pick(7), 1 + r.Pick(7), "" };
            if (r.Chance(5)) g.expectation.reset();
            else if (r.Chance(5)) g.perception.reset();
            v.gaps.push_back(g);
        }
        if (r.Chance(10) && !v.gaps.empty()) v.gaps.push_back({ v.gaps[0].item, std::nullopt, 1 + r.Pick(7), "" }); // an item twice
        Add(out, "sq", v);
    }
    if (r.Pick(3))
    {
        AnswerValue v;
        v.kind = AnswerValue::Kano;
        for (const char* f : { "f1", "f2", "f3", "f9" })
            if (r.Pick(4)) v.kano.push_back({ f, Kano(r), Kano(r) });
        Add(out, "kano", v);
    }
    if (r.Pick(2)) Add(out, "ok", AnswerValue::MakeBool(r.Pick(2)));
    if (r.Chance(4))
    {
        AnswerValue v;
        v.kind = AnswerValue::Fields;
        v.fields = { { "phone", "13812345678" } };
        Add(out, "contact", v);
    }
    if (r.Chance(3)) Add(out, "note", AnswerValue::MakeText("hello"));
    if (r.Chance(10)) Add(out, "ghost", AnswerValue::MakeNumber(3)); // not in the survey
    if (r.Chance(4))
    {
        Add(out, kComplaintType, AnswerValue::MakeChoice(r.Pick(2) ? "complaint" : "fault"));
        if (r.Pick(2)) Add(out, kComplaintCause, AnswerValue::MakeChoice(r.Pick(2) ? "staff" : "product"));
        Add(out, kComplaintCallback, AnswerValue::MakeBool(r.Pick(3) != 0));
    }
    return out;
}

inline void RandomFollowUp(ResponseStore& store, Random& r, const std::string& id)
{
    FollowUp f;
    f.response_id = id;
    f.state = (FollowUpState)r.Pick(3);
    f.updated_ms = 1;
    if (r.Pick(2))
    {
        f.satisfaction_points = r.Pick(2) ? 5 : 7;
        f.satisfaction = 1 + r.Pick(f.satisfaction_points);
    }
    std::string error;
    REQUIRE(store.SetFollowUp(f, &error));
}

// A random store: responses inserted in random order, some follow-ups set, some set again.
inline std::vector<Response> FillRandom(ResponseStore& store, Random& r, int count)
{
    std::vector<Response> all;
    for (int i = 0; i < count; i++)
        all.push_back(RandomResponse(r, i + 1));
    std::string error;
    for (const Response& resp : all)
        REQUIRE(store.Insert(resp, ResponseToJson(resp), DeliveryState::Pending, &error));
    for (const Response& resp : all)
        if (r.Chance(3))
        {
            RandomFollowUp(store, r, resp.id);
            if (r.Chance(3)) RandomFollowUp(store, r, resp.id);
        }
    return all;
}

inline int64_t RandomBound(Random& r)
{
    if (r.Chance(5)) return 0; // open
    int64_t t = kDec1 - kDay + (int64_t)r.Pick(14 * 86400) * 1000 + r.Pick(1000);
    switch (r.Pick(5))
    {
    case 0: return FloorDiv(t, kSlot) * kSlot;
    case 1: return FloorDiv(t, kDay) * kDay - 8 * kHour; // a China midnight
    case 2: return FloorDiv(t, kHour) * kHour + (r.Pick(2) ? 1 : -1);
    default: return t;
    }
}

inline std::string Report(const Survey& s, const ResponseStore& store, ScoreQuery q, bool counters)
{
    q.use_counters = counters;
    return ScoreReportToJson(ComputeScores(s, store, q));
}

// score_counts as text, in key order.
inline std::string CountsDump(sqlite3* db)
{
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT survey_id, question_id, role, level, bucket, survey_version, part, quote(value), quote(value2), count, sum1, sum2"
                                   " FROM score_counts ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9", -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(stmt) == SQLITE_ROW)
    {
        for (int c = 0; c < 12; c++)
        {
            const unsigned char* text = sqlite3_column_text(stmt, c);
            out += std::string(c ? "|" : "") + std::string((const char*)text, (size_t)sqlite3_column_bytes(stmt, c));
        }
        out += "\n";
    }
    sqlite3_finalize(stmt);
    return out;
}

inline std::string TempPath()
{
    char tmpl[] = "/tmp/manyi-counts-test-XXXXXX";
    const int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    std::remove(tmpl);
    return tmpl;
}

} // namespace manyi::count_fixture
