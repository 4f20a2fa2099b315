// Score counters (D16): window plans, the counters kept on insert and follow-up, and the main
// property: every report computed from the counters equals, byte for byte, the report computed
// from the raw answer_parts rows alone (the reference path), on random data and random windows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <unistd.h>

#include "core/response_store.h"
#include "core/score_counts.h"
#include "core/scores.h"
#include "core/survey.h"
#include "count_fixture.h"
#include "sqlite3.h"

// Schema 5's endpoint keys (response_store_endpoint.cpp), dropped first to write an older schema.
#define kDropSchema5 "DROP INDEX responses_due_endpoint; ALTER TABLE responses DROP COLUMN endpoint_key; "
using namespace manyi;
using namespace manyi::count_fixture;

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
    // Back to schema 2 as that build wrote it: the same tables without score_counts (nor schema 4's kept tables).
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    kept = CountsDump(db);
    REQUIRE(sqlite3_exec(db, kDropSchema5 "DROP TABLE score_counts; DROP TABLE kept_counts; DROP TABLE kept_batches; PRAGMA user_version = 2;", nullptr, nullptr, nullptr) == SQLITE_OK);
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
    CHECK(sqlite3_column_int(stmt, 0) == ResponseStore::kSchemaVersion);
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
        for (int i = 0; i < 7000; i++)
        {
            const Response resp = RandomResponse(r, 10000 + i);
            REQUIRE(store.Insert(resp, ResponseToJson(resp), DeliveryState::Delivered, &error));
            if (r.Chance(4)) RandomFollowUp(store, r, resp.id);
            if (i % 2500 == 2499) // a read in the middle of the bulk load sees every insert so far
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
    // More slot rows than a bulk load keeps pending (65,536): some were written on the way.
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM score_counts WHERE level = 0", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) > 65536);
    sqlite3_finalize(stmt);
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

TEST_CASE("score counts: removed responses take their counters with them, outside and inside a bulk load")
{
    const Survey s = CountSurvey();
    const std::string path = TempPath();
    Random r(31);
    ScoreQuery q;
    q.utc_offset_minutes = 330;
    q.from_ms = kDec1 + kDay + 5 * 60000;
    ScoreQuery all;
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(path, &error));
        std::vector<Response> stored = FillRandom(store, r, 600);
        // Two whose payload no longer parses (Remove finds their rows by a scan).
        for (int i = 0; i < 2; i++)
        {
            Response odd = RandomResponse(r, 900 + i);
            REQUIRE(store.Insert(odd, "{}", DeliveryState::Delivered, &error));
            stored.push_back(odd);
        }
        std::vector<std::string> first, second;
        for (const Response& resp : stored)
            if (r.Chance(3)) (r.Pick(2) ? first : second).push_back(resp.id);
        first.push_back(stored[600].id);
        CHECK(store.Remove(first, &error) == (int)first.size());
        CHECK(Report(s, store, q, true) == Report(s, store, q, false));

        REQUIRE(store.BeginBulk(&error));
        for (int i = 0; i < 200; i++)
        {
            const Response resp = RandomResponse(r, 2000 + i);
            REQUIRE(store.Insert(resp, ResponseToJson(resp), DeliveryState::Delivered, &error));
            if (r.Chance(4)) second.push_back(resp.id); // inserted and removed in one bulk load
        }
        second.push_back(stored[601].id);
        CHECK(store.Remove(second, &error) == (int)second.size());
        CHECK(Report(s, store, all, true) == Report(s, store, all, false));
        REQUIRE(store.EndBulk(&error));
        CHECK(Report(s, store, q, true) == Report(s, store, q, false));
        CHECK(Report(s, store, all, true) == Report(s, store, all, false));
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

TEST_CASE("score counts: a store image of schema 2 (a snapshot from before them) is upgraded as it opens")
{
    const Survey s = CountSurvey();
    ScoreQuery q;
    q.utc_offset_minutes = 480;
    q.to_ms = kDec1 + 9 * kDay + 45 * 60000 + 1;
    std::string image, report, error;
    {
        ResponseStore store;
        REQUIRE(store.Open(":memory:", &error));
        Random r(7);
        FillRandom(store, r, 300);
        report = Report(s, store, q, false);
        REQUIRE(store.SerializeImage(&image, &error));
    }
    // The same image as a schema 2 build wrote it.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    unsigned char* copy = (unsigned char*)sqlite3_malloc64(image.size());
    memcpy(copy, image.data(), image.size());
    REQUIRE(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)image.size(), (sqlite3_int64)image.size(),
                                SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK);
    const std::string kept = CountsDump(db);
    REQUIRE(sqlite3_exec(db, kDropSchema5 "DROP TABLE score_counts; DROP TABLE kept_counts; DROP TABLE kept_batches; PRAGMA user_version = 2;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    REQUIRE(bytes);
    const std::string old_image((const char*)bytes, (size_t)size);
    sqlite3_free(bytes);
    sqlite3_close(db);

    ResponseStore store;
    REQUIRE(store.OpenImage((const unsigned char*)old_image.data(), old_image.size(), &error));
    CHECK(Report(s, store, q, true) == report);
    std::string upgraded;
    REQUIRE(store.SerializeImage(&upgraded, &error));
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    copy = (unsigned char*)sqlite3_malloc64(upgraded.size());
    memcpy(copy, upgraded.data(), upgraded.size());
    REQUIRE(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)upgraded.size(), (sqlite3_int64)upgraded.size(),
                                SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK);
    CHECK(CountsDump(db) == kept);
    sqlite3_close(db);
}
