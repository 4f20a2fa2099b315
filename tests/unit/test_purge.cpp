// The retention purge keeps the scores (D20): a purged response's rows go, what it counted stays
// in kept_counts, so every report whose window is whole slots (whole days, "all", the dashboard's
// windows) is the same before and after; a store rebuilt from the remaining records and the
// aggregates records equals the store that purged; the counters equal a recount of rows + kept.
#include <doctest/doctest.h>

#include <cstring>
#include <set>

#include "core/aggregate_record.h"
#include "count_fixture.h"

// Schema 5's endpoint keys (response_store_endpoint.cpp), dropped first to write an older schema.
#define kDropSchema5 "DROP INDEX responses_due_endpoint; ALTER TABLE responses DROP COLUMN endpoint_key; "
using namespace manyi;
using namespace manyi::count_fixture;

// A copy of the store's database, to read its tables (the caller closes it).
static sqlite3* CopyOf(const ResponseStore& store)
{
    std::string image, error;
    REQUIRE(store.SerializeImage(&image, &error));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    unsigned char* copy = (unsigned char*)sqlite3_malloc64(image.size());
    memcpy(copy, image.data(), image.size());
    REQUIRE(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)image.size(), (sqlite3_int64)image.size(),
                                SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK);
    return db;
}

static std::string Query(sqlite3* db, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
    std::string out;
    while (sqlite3_step(stmt) == SQLITE_ROW)
    {
        for (int c = 0; c < sqlite3_column_count(stmt); c++)
            out += std::string(c ? "|" : "") + std::string((const char*)sqlite3_column_text(stmt, c), (size_t)sqlite3_column_bytes(stmt, c));
        out += "\n";
    }
    sqlite3_finalize(stmt);
    return out;
}

// score_counts and kept_counts as text.
struct Tables
{
    std::string counts, kept;
    int64_t     responses = 0;
};

static Tables TablesOf(const ResponseStore& store)
{
    sqlite3* db = CopyOf(store);
    Tables t;
    t.counts = CountsDump(db);
    t.kept = Query(db, "SELECT survey_id, question_id, role, slot, survey_version, part, quote(value), quote(value2), count, sum1, sum2 FROM kept_counts"
                       " ORDER BY 1, 2, 3, 4, 5, 6, 7, 8");
    sqlite3_close(db);
    t.responses = store.Counts().total;
    return t;
}

// A window of whole slots (or open), at a whole-quarter-hour UTC offset: answered by the counters
// alone, so purged responses count in it.
static ScoreQuery SlotWindow(Random& r)
{
    static const int kOffsets[] = { 0, 480, 330, 570, -210, 345, -600, 840, -720 };
    ScoreQuery q;
    auto bound = [&]() -> int64_t {
        if (r.Chance(6)) return 0;
        const int64_t t = kDec1 - kDay + (int64_t)r.Pick(14 * 86400) * 1000;
        switch (r.Pick(3))
        {
        case 0: return FloorDiv(t, kDay) * kDay - 8 * kHour; // a China midnight
        case 1: return FloorDiv(t, kHour) * kHour;
        default: return FloorDiv(t, kSlot) * kSlot;
        }
    };
    q.from_ms = bound();
    q.to_ms = bound();
    if (q.from_ms && q.to_ms && q.from_ms > q.to_ms) std::swap(q.from_ms, q.to_ms);
    q.utc_offset_minutes = kOffsets[r.Pick(9)];
    q.survey_version = r.Chance(3) ? (r.Pick(2) ? "1" : "2") : "";
    q.min_n = r.Pick(3);
    return q;
}

// Most responses delivered (those a purge may take), the rest pending.
static void DeliverMost(ResponseStore& store, Random& r, const std::vector<Response>& all)
{
    for (const Response& resp : all)
        if (r.Pick(4)) REQUIRE(store.MarkDelivered(resp.id, kDec1 + 20 * kDay));
}

// A random subset of the ids (pending ones too: the purge must leave them).
static std::vector<std::string> Some(Random& r, const std::vector<Response>& all, int one_in)
{
    std::vector<std::string> ids;
    for (const Response& resp : all)
        if (r.Chance(one_in)) ids.push_back(resp.id);
    return ids;
}

static AggregateRecord PurgeSome(ResponseStore& store, const std::vector<std::string>& candidates, const std::string& id, int64_t* removed)
{
    AggregateRecord a;
    a.id = id;
    a.purged_ms = kDec1 + 40 * kDay;
    std::vector<std::string> purgeable;
    std::string error;
    REQUIRE(store.CollectPurge(candidates, &purgeable, &a, &error));
    CHECK(a.responses == (int64_t)purgeable.size());
    *removed = store.Purge(a, purgeable, &error);
    INFO(error);
    REQUIRE(*removed == (int64_t)purgeable.size());
    return a;
}

TEST_CASE("purge property: reports over whole slots, whole days and all are the same after a purge of random delivered responses")
{
    const Survey s = CountSurvey();
    Random r(20260109);
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    const std::vector<Response> all = FillRandom(store, r, 1500);
    DeliverMost(store, r, all);
    std::vector<ScoreQuery> windows;
    for (int i = 0; i < 200; i++)
        windows.push_back(SlotWindow(r));
    ScoreQuery whole;
    whole.utc_offset_minutes = 480;
    windows.push_back(whole);
    std::vector<std::string> before;
    for (const ScoreQuery& q : windows)
        before.push_back(Report(s, store, q, true));
    const Tables was = TablesOf(store);
    const std::string raw_before = Report(s, store, whole, false);

    const std::vector<std::string> candidates = Some(r, all, 2);
    int64_t removed = 0;
    PurgeSome(store, candidates, "batch-1", &removed);
    CHECK(removed > 400);
    CHECK(removed < (int64_t)candidates.size()); // the pending candidates stay

    const Tables now = TablesOf(store);
    CHECK(now.responses == was.responses - removed);
    CHECK(now.counts == was.counts); // what the rows counted moved to kept_counts: the counters did not change
    CHECK(!now.kept.empty());
    for (size_t i = 0; i < windows.size(); i++)
    {
        INFO("window " << i << ": from " << windows[i].from_ms << " to " << windows[i].to_ms << " offset " << windows[i].utc_offset_minutes);
        CHECK(Report(s, store, windows[i], true) == before[i]);
    }
    // The rows are gone: the raw reference path no longer sees them, and exports list none of them.
    CHECK(Report(s, store, whole, false) != raw_before);
    AnswerFilter f;
    f.survey_id = "s";
    const std::set<std::string> purged(candidates.begin(), candidates.end());
    for (const StoredResponse& listed : store.ListResponses(f))
        CHECK(!(purged.count(listed.id) && listed.state == DeliveryState::Delivered));
    // The counters are what a recount of the remaining rows plus kept_counts gives.
    REQUIRE(store.RebuildScoreCounts(&error));
    CHECK(TablesOf(store).counts == was.counts);
}

TEST_CASE("purge: a store rebuilt from the remaining records and the aggregates records equals the purged store")
{
    const Survey s = CountSurvey();
    Random r(4711);
    ResponseStore purged;
    std::string error;
    REQUIRE(purged.Open(":memory:", &error));
    const std::vector<Response> all = FillRandom(purged, r, 900);
    DeliverMost(purged, r, all);
    int64_t removed = 0;
    const AggregateRecord a1 = PurgeSome(purged, Some(r, all, 3), "batch-1", &removed);
    const AggregateRecord a2 = PurgeSome(purged, Some(r, all, 3), "batch-2", &removed); // some of these went with the first
    // The journal keeps them as JSON.
    std::vector<std::string> records = { AggregateRecordToJson(a1), AggregateRecordToJson(a2) };

    // The journal replay: records (with their states) and aggregates records in one bulk load, in
    // any order, then the follow-ups (the operator's database is replayed after the journal).
    ResponseStore rebuilt;
    REQUIRE(rebuilt.Open(":memory:", &error));
    REQUIRE(rebuilt.BeginBulk(&error));
    AggregateRecord back;
    REQUIRE(AggregateRecordFromJson(records[1], &back, &error));
    REQUIRE(rebuilt.ApplyAggregate(back, &error));
    for (const Response& resp : all)
    {
        StoredResponse stored;
        if (purged.Get(resp.id, &stored))
            REQUIRE(rebuilt.Insert(resp, stored.payload_json, stored.state, &error));
    }
    REQUIRE(AggregateRecordFromJson(records[0], &back, &error));
    REQUIRE(rebuilt.ApplyAggregate(back, &error));
    REQUIRE(rebuilt.EndBulk(&error));
    for (const Response& resp : all)
    {
        FollowUp f;
        if (purged.GetFollowUp(resp.id, &f)) REQUIRE(rebuilt.SetFollowUp(f, &error));
    }
    const Tables want = TablesOf(purged);
    CHECK(TablesOf(rebuilt).counts == want.counts);
    CHECK(TablesOf(rebuilt).kept == want.kept);
    CHECK(TablesOf(rebuilt).responses == want.responses);
    // Every report, any window (both stores have the same rows and the same kept counts).
    for (int i = 0; i < 60; i++)
    {
        ScoreQuery q;
        q.from_ms = RandomBound(r);
        q.to_ms = RandomBound(r);
        if (q.from_ms && q.to_ms && q.from_ms > q.to_ms) std::swap(q.from_ms, q.to_ms);
        q.utc_offset_minutes = r.Pick(2) ? 480 : 7;
        CHECK(Report(s, rebuilt, q, true) == Report(s, purged, q, true));
    }

    // A record seen again (a catch-up reading back this tab's own purge) is counted once; a purge
    // applied again removes nothing.
    REQUIRE(rebuilt.ApplyAggregate(back, &error));
    CHECK(TablesOf(rebuilt).counts == want.counts);
    // The purge applied again (its completion after a catch-up already applied it): its ids are
    // gone and its record is held, so nothing changes.
    std::vector<std::string> gone;
    for (const Response& resp : all)
        if (!purged.Contains(resp.id)) gone.push_back(resp.id);
    CHECK(purged.Purge(a1, gone, &error) == 0);
    CHECK(TablesOf(purged).counts == want.counts);
    CHECK(TablesOf(purged).kept == want.kept);
}

TEST_CASE("purge: purging nothing, purging twice, and later responses in the purged slots")
{
    const Survey s = CountSurvey();
    // Two stores with the same responses: one purges, the reference never does.
    ResponseStore store, reference;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    REQUIRE(reference.Open(":memory:", &error));
    Random r1(99), r2(99);
    const std::vector<Response> all = FillRandom(store, r1, 600);
    FillRandom(reference, r2, 600);
    Random pick(5);
    DeliverMost(store, pick, all);

    // Nothing to purge: pending responses and unknown ids are no purge's.
    std::vector<std::string> pending_only = { "no-such-response" };
    for (const Response& resp : all)
    {
        StoredResponse st;
        REQUIRE(store.Get(resp.id, &st));
        if (st.state == DeliveryState::Pending) pending_only.push_back(resp.id);
    }
    AggregateRecord none;
    none.id = "empty";
    std::vector<std::string> purgeable;
    REQUIRE(store.CollectPurge(pending_only, &purgeable, &none, &error));
    CHECK(purgeable.empty());
    CHECK(none.counts.slots.empty());
    CHECK(store.Purge(none, purgeable, &error) == 0);
    CHECK(TablesOf(store).counts == TablesOf(reference).counts);

    // Two purges, the second over ids the first took too.
    int64_t removed = 0, total = 0;
    const std::vector<std::string> first = Some(pick, all, 3);
    PurgeSome(store, first, "batch-1", &removed);
    total += removed;
    std::vector<std::string> second = Some(pick, all, 3);
    second.insert(second.end(), first.begin(), first.end());
    PurgeSome(store, second, "batch-2", &removed);
    total += removed;
    CHECK(total > 200);
    CHECK(TablesOf(store).counts == TablesOf(reference).counts);
    CHECK(TablesOf(store).responses == TablesOf(reference).responses - total);

    // Later responses in the same slots as purged ones (and a follow-up), in both stores: the
    // counters still add up to the reference's, and reports of whole slots agree.
    int i = 0;
    for (const Response& resp : all)
    {
        if (i++ % 3) continue;
        Response later = RandomResponse(pick, 100000 + i);
        later.survey_id = resp.survey_id;
        later.created_at_ms = resp.created_at_ms;
        REQUIRE(store.Insert(later, ResponseToJson(later), DeliveryState::Pending, &error));
        REQUIRE(reference.Insert(later, ResponseToJson(later), DeliveryState::Pending, &error));
    }
    CHECK(TablesOf(store).counts == TablesOf(reference).counts);
    Random windows(8);
    for (int n = 0; n < 80; n++)
    {
        const ScoreQuery q = SlotWindow(windows);
        CHECK(Report(s, store, q, true) == Report(s, reference, q, true));
    }
    REQUIRE(store.RebuildScoreCounts(&error));
    CHECK(TablesOf(store).counts == TablesOf(reference).counts);
}

TEST_CASE("purge: a schema 3 file and image are upgraded to schema 4 with nothing kept, and purge after it")
{
    const Survey s = CountSurvey();
    const std::string path = TempPath();
    ScoreQuery all;
    all.utc_offset_minutes = 480;
    std::string report, error, image;
    std::vector<Response> stored;
    {
        ResponseStore store;
        REQUIRE(store.Open(path, &error));
        Random r(3);
        stored = FillRandom(store, r, 300);
        DeliverMost(store, r, stored);
        report = Report(s, store, all, true);
    }
    // Back to schema 3 as that build wrote it: no kept tables.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kDropSchema5 "DROP TABLE kept_counts; DROP TABLE kept_batches; PRAGMA user_version = 3;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    {
        ResponseStore store;
        REQUIRE(store.Open(path, &error));
        CHECK(Report(s, store, all, true) == report);
        REQUIRE(store.SerializeImage(&image, &error));
        Random r(4);
        int64_t removed = 0;
        PurgeSome(store, Some(r, stored, 2), "after-upgrade", &removed);
        CHECK(removed > 50);
        CHECK(Report(s, store, all, true) == report);
    }
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    CHECK(Query(db, "PRAGMA user_version") == std::to_string(ResponseStore::kSchemaVersion) + "\n");
    CHECK(Query(db, "SELECT COUNT(*) > 0 FROM kept_counts") == "1\n");
    sqlite3_close(db);
    std::remove(path.c_str());
    std::remove((path + "-journal").c_str());

    // The image of a schema 3 build (D18) goes through the same open.
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    unsigned char* copy = (unsigned char*)sqlite3_malloc64(image.size());
    memcpy(copy, image.data(), image.size());
    REQUIRE(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)image.size(), (sqlite3_int64)image.size(),
                                SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, kDropSchema5 "DROP TABLE kept_counts; DROP TABLE kept_batches; PRAGMA user_version = 3;", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    REQUIRE(bytes);
    const std::string old_image((const char*)bytes, (size_t)size);
    sqlite3_free(bytes);
    sqlite3_close(db);
    ResponseStore from_image;
    REQUIRE(from_image.OpenImage((const unsigned char*)old_image.data(), old_image.size(), &error));
    CHECK(Report(s, from_image, all, true) == report);
    Random r(4);
    int64_t removed = 0;
    PurgeSome(from_image, Some(r, stored, 2), "after-upgrade", &removed);
    CHECK(Report(s, from_image, all, true) == report);
}

TEST_CASE("aggregates record: its JSON reads back the same; anything else is refused whole")
{
    AggregateRecord a;
    a.id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    a.purged_ms = kDec1;
    a.responses = 2;
    a.counts.slots[{ "s", "sat", "", 0, 1000, "2", "", CountValue::Number(6), CountValue::Number(kValueKindNumber) }] = { 2, 0, 0 };
    a.counts.slots[{ "s", "channel", "", 0, 1000, "2", "", CountValue::Text("phone"), CountValue::Number(kValueKindText) }] = { 1, 0, 0 };
    a.counts.slots[{ "s", "sq", kCountGap, 0, -3, "1", "a", CountValue::Number(0), CountValue::Number(0) }] = { 1, 6, 4 };
    const std::string json = AggregateRecordToJson(a);
    CHECK(json.find("\"rows\":[[\"s\",\"channel\",\"\",1000,\"2\",\"\",\"phone\",2,1,0,0]") != std::string::npos);
    AggregateRecord back;
    std::string error;
    REQUIRE(AggregateRecordFromJson(json, &back, &error));
    CHECK(back.id == a.id);
    CHECK(back.purged_ms == a.purged_ms);
    CHECK(back.responses == 2);
    CHECK(AggregateRecordToJson(back) == json);
    for (const char* bad : { "{}", "[]", "{\"format\":\"manyi.aggregates/1\",\"rows\":[]}",
                             "{\"format\":\"manyi.aggregates/1\",\"id\":\"x\",\"rows\":[[\"s\",\"q\",\"\",1,\"1\",\"\",1.5,1,1,0,0]]}",
                             "{\"format\":\"manyi.aggregates/1\",\"id\":\"x\",\"rows\":[[\"s\",\"q\",\"\",1,\"1\",\"\",1,1,1,0]]}",
                             "{\"format\":\"manyi.aggregates/2\",\"id\":\"x\",\"rows\":[]}" })
    {
        INFO(bad);
        CHECK_FALSE(AggregateRecordFromJson(bad, &back, &error));
    }
}
