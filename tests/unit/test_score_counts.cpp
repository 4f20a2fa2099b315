// Score counters (D16): window plans, the counters kept on insert and follow-up, and the main
// property: every report computed from the counters equals, byte for byte, the report computed
// from the raw answer_parts rows alone (the reference path), on random data and random windows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <unistd.h>

#include "core/response_store.h"
#include "core/score_counts.h"
#include "core/scores.h"
#include "core/survey.h"
#include "sqlite3.h"

using namespace manyi;

static constexpr int64_t kSlot = 15 * 60000LL, kHour = 3600000LL, kDay = 86400000LL;
static constexpr int64_t kDec1 = 1764547200000LL; // 2025-12-01T00:00:00Z

// ---- window plans ---------------------------------------------------------------------------

// What a plan covers, as sorted, disjoint [from, to) ranges in ms (open ends kept open).
static std::vector<TimeRange> Covered(const WindowPlan& plan)
{
    std::vector<TimeRange> all = plan.raw;
    for (const CountPiece& p : plan.counted)
    {
        const int64_t w = kCountLevelMs[p.level];
        all.push_back({ p.first == INT64_MIN ? INT64_MIN : p.first * w, p.end == INT64_MAX ? INT64_MAX : p.end * w });
    }
    std::sort(all.begin(), all.end(), [](const TimeRange& a, const TimeRange& b) { return a.from < b.from; });
    return all;
}

// True if the plan's pieces are non-empty, disjoint and cover exactly [from, to).
static bool CoversExactly(const WindowPlan& plan, TimeRange window)
{
    const std::vector<TimeRange> all = Covered(plan);
    if (window.from >= window.to)
        return all.empty();
    int64_t at = window.from;
    for (const TimeRange& r : all)
    {
        if (r.from != at || r.to <= r.from)
            return false;
        at = r.to;
    }
    return at == window.to;
}

TEST_CASE("score counts: a window is whole days, hours and slots, and raw rows only at cut slots")
{
    // Open: every day-level bucket.
    WindowPlan open = PlanWindow({});
    CHECK(open.raw.empty());
    REQUIRE(open.counted.size() == 1);
    CHECK(open.counted[0].level == 2);
    CHECK(open.counted[0].first == INT64_MIN);
    CHECK(open.counted[0].end == INT64_MAX);

    // Whole UTC days: one day piece.
    WindowPlan days = PlanWindow({ kDec1, kDec1 + 7 * kDay });
    CHECK(days.raw.empty());
    REQUIRE(days.counted.size() == 1);
    CHECK(days.counted[0].level == 2);
    CHECK(days.counted[0].end - days.counted[0].first == 7);

    // 10:07 on the 1st to 13:52 on the 2nd: raw 10:07-10:15, slots to 11:00, hours 11:00-13:00
    // the next day (no whole UTC day inside), slots to 13:45, raw to 13:52.
    const TimeRange odd{ kDec1 + 10 * kHour + 7 * 60000, kDec1 + kDay + 13 * kHour + 52 * 60000 };
    WindowPlan p = PlanWindow(odd);
    CHECK(CoversExactly(p, odd));
    REQUIRE(p.raw.size() == 2);
    CHECK(p.raw[0].to - p.raw[0].from == 8 * 60000);
    CHECK(p.raw[1].to - p.raw[1].from == 7 * 60000);
    int64_t slots = 0, hours = 0, whole_days = 0;
    for (const CountPiece& c : p.counted)
        (c.level == 0 ? slots : c.level == 1 ? hours : whole_days) += c.end - c.first;
    CHECK(slots == 3 + 3);
    CHECK(hours == 13 + 13);
    CHECK(whole_days == 0);

    // Inside one slot, or across one slot boundary: raw only.
    const TimeRange tiny{ kDec1 + 60000, kDec1 + 2 * 60000 };
    CHECK(PlanWindow(tiny).counted.empty());
    CHECK(CoversExactly(PlanWindow(tiny), tiny));
    const TimeRange across{ kDec1 - 60000, kDec1 + 60000 };
    CHECK(PlanWindow(across).counted.empty());
    CHECK(CoversExactly(PlanWindow(across), across));
    CHECK(PlanWindow({ kDec1, kDec1 }).raw.empty());
    CHECK(PlanWindow({ kDec1, kDec1 }).counted.empty());
}

TEST_CASE("score counts property: random windows are covered exactly, before 1970 too")
{
    std::mt19937_64 rng(3);
    auto time = [&]() -> int64_t {
        int64_t t = kDec1 - 400 * kDay + (int64_t)(rng() % (uint64_t)(800 * kDay));
        if (rng() % 3 == 0) t = (int64_t)(rng() % (uint64_t)(40 * kDay)) - 20 * kDay; // around 1970
        switch (rng() % 5)
        {
        case 0: return t - t % kSlot;
        case 1: return t - t % kDay + (rng() % 2 ? 1 : -1);
        default: return t;
        }
    };
    for (int round = 0; round < 20000; round++)
    {
        TimeRange w{ time(), time() };
        if (rng() % 10 == 0) w.from = INT64_MIN;
        if (rng() % 10 == 0) w.to = INT64_MAX;
        const WindowPlan plan = PlanWindow(w);
        INFO("window " << w.from << " .. " << w.to);
        REQUIRE(CoversExactly(plan, w));
        for (const TimeRange& r : plan.raw)
            CHECK(r.to - r.from < 2 * kSlot); // raw only at the cut slots
    }
}

TEST_CASE("score counts property: a trend plan covers its days and no piece crosses a local midnight")
{
    std::mt19937_64 rng(5);
    for (int offset : { 0, 480, 330, 570, -210, 345, -600, 7, 840, -720 })
    {
        for (int round = 0; round < 300; round++)
        {
            const int64_t first = kDec1 + (int64_t)(rng() % (uint64_t)(20 * kDay));
            const int64_t last = first + (int64_t)(rng() % (uint64_t)(10 * kDay));
            TimeRange w{ first - (int64_t)(rng() % (uint64_t)kDay), last + 1 + (int64_t)(rng() % (uint64_t)kDay) };
            if (rng() % 4 == 0) w.from = INT64_MIN;
            if (rng() % 4 == 0) w.to = INT64_MAX;
            const WindowPlan plan = PlanDays(w, first, last, offset);
            INFO("offset " << offset << " window " << w.from << " .. " << w.to);
            // Covered: from the first data day's local midnight (or the window's start) to the
            // last data day's end (or the window's end).
            const int64_t off = offset * 60000LL;
            const int64_t day_from = FloorDiv(first + off, kDay) * kDay - off, day_to = (FloorDiv(last + off, kDay) + 1) * kDay - off;
            REQUIRE(CoversExactly(plan, { std::max(w.from, day_from), std::min(w.to, day_to) }));
            for (const CountPiece& p : plan.counted)
                for (int64_t b = p.first; b < p.end; b++)
                {
                    const int64_t start = b * kCountLevelMs[p.level], end = start + kCountLevelMs[p.level];
                    REQUIRE(FloorDiv(start + off, kDay) == FloorDiv(end - 1 + off, kDay));
                }
            if (offset % 15 == 0)
                for (const TimeRange& r : plan.raw) // only where the window cuts a slot
                    CHECK((r.from == w.from || r.to == w.to));
        }
    }
}

TEST_CASE("score counts: servqual item sets encode any ids unambiguously")
{
    const std::vector<std::string_view> items = { "b", "a:1", "12", "", "x\x1fy" };
    const std::string text = EncodeItemSet(items);
    CHECK(text == "0:2:123:a:11:b3:x\x1fy");
    std::vector<std::string> back;
    REQUIRE(DecodeItemSet(text, &back));
    CHECK(back == std::vector<std::string>{ "", "12", "a:1", "b", "x\x1fy" });
    CHECK_FALSE(DecodeItemSet("3:ab", &back));
    CHECK_FALSE(DecodeItemSet("x", &back));
    CHECK(DecodeItemSet("", &back));
    CHECK(back.empty());
}

// ---- counters against the raw rows --------------------------------------------------------------

// Every question type, a complaint form, and ids the responses below get wrong on purpose.
static const char* kCountSurvey = R"({
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

static Survey CountSurvey()
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
static int64_t RandomTime(Random& r)
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

static void Add(Response& r, const std::string& q, AnswerValue v)
{
    Answer a;
    a.question_id = q;
    a.value = std::move(v);
    r.answers.push_back(std::move(a));
}

static std::string Kano(Random& r)
{
    static const char* kAnswers[] = { "like", "must-be", "neutral", "live-with", "dislike", "maybe", "" };
    return kAnswers[r.Pick(7)];
}

static Response RandomResponse(Random& r, int i)
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

static void RandomFollowUp(ResponseStore& store, Random& r, const std::string& id)
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
static std::vector<Response> FillRandom(ResponseStore& store, Random& r, int count)
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

static int64_t RandomBound(Random& r)
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

static std::string Report(const Survey& s, const ResponseStore& store, ScoreQuery q, bool counters)
{
    q.use_counters = counters;
    return ScoreReportToJson(ComputeScores(s, store, q));
}

TEST_CASE("score counts property: every report from the counters equals the report from the raw rows")
{
    const Survey s = CountSurvey();
    Random r(20251201);
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    FillRandom(store, r, 1500);
    const int offsets[] = { 0, 480, 330, 570, -210, 345, -600, 7, 840, -720 };
    int nonempty = 0;
    for (int round = 0; round < 300; round++)
    {
        ScoreQuery q;
        q.from_ms = RandomBound(r);
        q.to_ms = RandomBound(r);
        if (q.from_ms && q.to_ms && q.from_ms > q.to_ms) std::swap(q.from_ms, q.to_ms);
        q.utc_offset_minutes = offsets[r.Pick(10)];
        q.survey_version = r.Chance(3) ? (r.Pick(2) ? "1" : "2") : "";
        q.min_n = r.Pick(3);
        INFO("from " << q.from_ms << " to " << q.to_ms << " offset " << q.utc_offset_minutes << " version '" << q.survey_version << "'");
        const std::string raw = Report(s, store, q, false);
        REQUIRE(Report(s, store, q, true) == raw);
        if (raw.find("\"responses\":0") == std::string::npos) nonempty++;
    }
    CHECK(nonempty > 200);
    // The whole store, as the bench and the dashboard's "all" ask it.
    ScoreQuery all;
    all.utc_offset_minutes = 480;
    const std::string raw = Report(s, store, all, false);
    CHECK(Report(s, store, all, true) == raw);
    CHECK(raw.find("\"kano\"") != std::string::npos);
}

// score_counts as text, in key order.
static std::string CountsDump(sqlite3* db)
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

static std::string TempPath()
{
    char tmpl[] = "/tmp/manyi-counts-test-XXXXXX";
    const int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    std::remove(tmpl);
    return tmpl;
}

TEST_CASE("score counts: kept on insert and follow-up exactly as a count from the rows; inserting again changes nothing")
{
    const std::string path = TempPath();
    std::string kept;
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        Random r(77);
        const std::vector<Response> all = FillRandom(store, r, 400);
        for (const Response& resp : all) // idempotent inserts
            REQUIRE(store.Insert(resp, ResponseToJson(resp), DeliveryState::Delivered, &error));
        // A follow-up moved back to no rating and open: its counter rows at zero are gone.
        for (const Response& resp : all)
        {
            FollowUp f;
            f.response_id = resp.id;
            REQUIRE(store.SetFollowUp(f, &error));
            break;
        }
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    kept = CountsDump(db);
    CHECK(kept.find("|followup|") != std::string::npos);
    CHECK(kept.find("|gap-set|") != std::string::npos);
    CHECK(kept.find("|kano|") != std::string::npos);
    CHECK(kept.find("|0|0|0\n") == std::string::npos); // no row at zero
    sqlite3_close(db);
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        REQUIRE(store.RebuildScoreCounts(&error));
    }
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(CountsDump(db) == kept);
    sqlite3_close(db);
    std::remove(path.c_str());
}

TEST_CASE("score counts: a schema 2 file is upgraded, its counters counted from its rows")
{
    const std::string path = TempPath();
    const Survey s = CountSurvey();
    std::string kept, report;
    ScoreQuery q;
    q.utc_offset_minutes = 330;
    q.from_ms = kDec1 + 2 * kDay + 7 * 60000;
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        Random r(99);
        FillRandom(store, r, 300);
        report = Report(s, store, q, false);
    }
    // Back to schema 2 as that build wrote it: the same tables without score_counts.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    kept = CountsDump(db);
    REQUIRE(sqlite3_exec(db, "DROP TABLE score_counts; PRAGMA user_version = 2;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        CHECK(Report(s, store, q, true) == report);
    }
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(CountsDump(db) == kept);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == 3);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    std::remove(path.c_str());
    std::remove((path + "-journal").c_str());
}

TEST_CASE("score counts: a bulk load adds its counters up, writes them before a read and at its end")
{
    const Survey s = CountSurvey();
    const std::string path = TempPath();
    Random r(4242);
    ScoreQuery q;
    q.utc_offset_minutes = 480;
    q.from_ms = kDec1 + 3 * kDay + 17 * 60000;
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        FillRandom(store, r, 100); // stored before the bulk load: its counters are added to
        REQUIRE(store.BeginBulk(&error));
        for (int i = 0; i < 600; i++)
        {
            const Response resp = RandomResponse(r, 1000 + i);
            REQUIRE(store.Insert(resp, ResponseToJson(resp), DeliveryState::Delivered, &error));
            if (r.Chance(4)) RandomFollowUp(store, r, resp.id);
            if (i % 150 == 149) // a read in the middle of the bulk load sees every insert so far
            {
                ScoreQuery all;
                CHECK(Report(s, store, all, true) == Report(s, store, all, false));
                CHECK(Report(s, store, q, true) == Report(s, store, q, false));
            }
        }
        const Response last = RandomResponse(r, 5000); // not read before the end
        REQUIRE(store.Insert(last, ResponseToJson(last), DeliveryState::Delivered, &error));
        REQUIRE(store.EndBulk(&error));
        CHECK(Report(s, store, q, true) == Report(s, store, q, false));
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const std::string kept = CountsDump(db);
    sqlite3_close(db);
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        REQUIRE(store.RebuildScoreCounts(&error));
    }
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(CountsDump(db) == kept);
    sqlite3_close(db);
    std::remove(path.c_str());
}
