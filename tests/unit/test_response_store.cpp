#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <unistd.h>

#include "core/response_store.h"
#include "sqlite3.h"

using manyi::DeliveryState;
using manyi::Response;
using manyi::ResponseStore;
using manyi::StoredResponse;

static Response MakeResponse(const std::string& id, int64_t created_ms, int rating, const std::string& comment = "")
{
    Response r;
    r.id = id;
    r.survey_id = "manyi-default";
    r.survey_version = "1";
    r.locale = "zh-CN";
    r.created_at_ms = created_ms;
    manyi::Answer a;
    a.question_id = "satisfaction";
    a.value.kind = manyi::AnswerValue::Number;
    a.value.number = rating;
    r.answers.push_back(a);
    if (!comment.empty())
    {
        manyi::Answer c;
        c.question_id = "comment";
        c.value.kind = manyi::AnswerValue::Text;
        c.value.text = comment;
        r.answers.push_back(c);
    }
    return r;
}

static bool Insert(ResponseStore& store, const Response& r, DeliveryState state = DeliveryState::Pending)
{
    std::string error;
    const bool ok = store.Insert(r, manyi::ResponseToJson(r), state, &error);
    INFO(error);
    CHECK(error.empty());
    return ok;
}

// A path for a database file that does not exist yet, removed again by the destructor.
struct TempDbPath
{
    std::string path;
    TempDbPath()
    {
        char tmpl[] = "/tmp/manyi-store-test-XXXXXX";
        const int fd = mkstemp(tmpl);
        REQUIRE(fd >= 0);
        close(fd);
        path = tmpl;
        std::remove(path.c_str());
    }
    ~TempDbPath()
    {
        std::remove(path.c_str());
        std::remove((path + "-journal").c_str());
    }
};

TEST_CASE("ResponseStore: insert is idempotent on id; counts")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    CHECK(store.Counts().total == 0);
    CHECK(store.NextDueMs() == -1);

    const Response a = MakeResponse("a", 1000, 7, "很好");
    CHECK(Insert(store, a));
    CHECK(store.Contains("a"));
    CHECK_FALSE(store.Contains("b"));

    // Same id, different content: nothing changes.
    Response a2 = MakeResponse("a", 5000, 1);
    CHECK(store.Insert(a2, "{}", DeliveryState::Parked, &error));
    StoredResponse got;
    REQUIRE(store.Get("a", &got));
    CHECK(got.created_ms == 1000);
    CHECK(got.state == DeliveryState::Pending);
    CHECK(got.payload_json == manyi::ResponseToJson(a));
    CHECK(got.attempts == 0);
    CHECK(got.next_attempt_ms == 1000); // due as soon as it exists
    CHECK(got.last_error.empty());

    CHECK(Insert(store, MakeResponse("b", 2000, 5), DeliveryState::Delivered));
    CHECK(Insert(store, MakeResponse("c", 3000, 2), DeliveryState::Parked));
    CHECK(Insert(store, MakeResponse("d", 500, 3)));
    const manyi::StoreCounts c = store.Counts();
    CHECK(c.total == 4);
    CHECK(c.pending == 2);
    CHECK(c.delivered == 1);
    CHECK(c.parked == 1);
    CHECK(c.oldest_pending_created_ms == 500);

    CHECK_FALSE(store.Insert(MakeResponse("", 1, 1), "{}", DeliveryState::Pending, &error));
    CHECK(error == "response has no id");
}

TEST_CASE("ResponseStore: answers table is filled for SQL scoring")
{
    TempDbPath tmp;
    {
        ResponseStore store;
        std::string error;
        REQUIRE(store.Open(tmp.path, &error));
        CHECK(Insert(store, MakeResponse("a", 1, 7, std::string("nul\0inside", 10))));
        CHECK(Insert(store, MakeResponse("b", 2, 4)));
        CHECK(Insert(store, MakeResponse("b", 3, 1))); // idempotent: no second set of answers
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*), SUM(number_value), AVG(number_value) FROM answers WHERE question_id = 'satisfaction'", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == 2);
    CHECK(sqlite3_column_int(stmt, 1) == 11);
    sqlite3_finalize(stmt);
    REQUIRE(sqlite3_prepare_v2(db, "SELECT text_value, number_value IS NULL FROM answers WHERE question_id = 'comment'", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string((const char*)sqlite3_column_text(stmt, 0), sqlite3_column_bytes(stmt, 0)) == std::string("nul\0inside", 10));
    CHECK(sqlite3_column_int(stmt, 1) == 1);
    CHECK(sqlite3_step(stmt) == SQLITE_DONE);
    sqlite3_finalize(stmt);
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == ResponseStore::kSchemaVersion);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST_CASE("ResponseStore: text with U+0000 is stored whole")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Response r = MakeResponse("z", 1, 1);
    const std::string payload("{\"x\":\"a\0b\"}", 11);
    REQUIRE(store.Insert(r, payload, DeliveryState::Pending, &error));
    StoredResponse got;
    REQUIRE(store.Get("z", &got));
    CHECK(got.payload_json == payload);
}

TEST_CASE("ResponseStore: due for delivery, oldest first, limited")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    CHECK(Insert(store, MakeResponse("late", 3000, 1)));
    CHECK(Insert(store, MakeResponse("early", 1000, 1)));
    CHECK(Insert(store, MakeResponse("middle", 2000, 1)));
    CHECK(Insert(store, MakeResponse("done", 500, 1), DeliveryState::Delivered));
    CHECK(Insert(store, MakeResponse("parked", 600, 1), DeliveryState::Parked));

    CHECK(store.DueForDelivery(999, 10).empty());
    std::vector<StoredResponse> due = store.DueForDelivery(10000, 10);
    REQUIRE(due.size() == 3);
    CHECK(due[0].id == "early");
    CHECK(due[1].id == "middle");
    CHECK(due[2].id == "late");
    due = store.DueForDelivery(10000, 2);
    REQUIRE(due.size() == 2);
    CHECK(due[1].id == "middle");
    CHECK(store.DueForDelivery(10000, 0).empty());
    due = store.DueForDelivery(2000, 10);
    REQUIRE(due.size() == 2);
    CHECK(due[1].id == "middle");
    CHECK(store.NextDueMs() == 1000);

    // A retry moves "early" out of the window but keeps its place once due again.
    REQUIRE(store.MarkRetry("early", 20000, "HTTP 503"));
    due = store.DueForDelivery(10000, 10);
    REQUIRE(due.size() == 2);
    CHECK(due[0].id == "middle");
    CHECK(store.NextDueMs() == 2000);
    due = store.DueForDelivery(20000, 10);
    REQUIRE(due.size() == 3);
    CHECK(due[0].id == "early");
    CHECK(due[0].attempts == 1);
    CHECK(due[0].last_error == "HTTP 503");
}

TEST_CASE("ResponseStore: mark delivered, retry, parked")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    CHECK(Insert(store, MakeResponse("a", 1000, 1)));
    CHECK(Insert(store, MakeResponse("b", 2000, 1)));

    CHECK(store.MarkRetry("a", 5000, "network error"));
    CHECK(store.MarkRetry("a", 9000, "HTTP 502"));
    StoredResponse got;
    REQUIRE(store.Get("a", &got));
    CHECK(got.state == DeliveryState::Pending);
    CHECK(got.attempts == 2);
    CHECK(got.next_attempt_ms == 9000);
    CHECK(got.last_error == "HTTP 502");

    CHECK(store.MarkDelivered("a", 9500));
    REQUIRE(store.Get("a", &got));
    CHECK(got.state == DeliveryState::Delivered);
    CHECK(got.last_error.empty());
    CHECK(got.attempts == 2);
    CHECK_FALSE(store.MarkRetry("a", 1, "late failure"));   // delivered is final
    CHECK_FALSE(store.MarkParked("a", "late failure"));
    CHECK_FALSE(store.MarkDelivered("a", 9999));            // already delivered: nothing changes

    CHECK(store.MarkParked("b", "HTTP 422"));
    REQUIRE(store.Get("b", &got));
    CHECK(got.state == DeliveryState::Parked);
    CHECK(got.last_error == "HTTP 422");
    CHECK_FALSE(store.MarkRetry("b", 1, "x"));
    CHECK(store.DueForDelivery(INT64_MAX, 10).empty());
    CHECK(store.NextDueMs() == -1);
    CHECK(store.MarkDelivered("b", 10000)); // a parked response sent by hand later

    CHECK_FALSE(store.MarkDelivered("nope", 1));
    CHECK_FALSE(store.MarkRetry("nope", 1, ""));
    CHECK_FALSE(store.MarkParked("nope", ""));
    CHECK_FALSE(store.Get("nope", &got));

    const manyi::StoreCounts c = store.Counts();
    CHECK(c.delivered == 2);
    CHECK(c.pending == 0);
    CHECK(c.oldest_pending_created_ms == 0);
}

TEST_CASE("ResponseStore: a file database persists across reopen")
{
    TempDbPath tmp;
    std::string error;
    {
        ResponseStore store;
        REQUIRE(store.Open(tmp.path, &error));
        CHECK(Insert(store, MakeResponse("a", 1000, 6, "评论")));
        CHECK(Insert(store, MakeResponse("b", 2000, 2)));
        CHECK(store.MarkRetry("b", 7000, "HTTP 500"));
        CHECK(store.MarkDelivered("a", 1500));
    }
    ResponseStore store;
    REQUIRE(store.Open(tmp.path, &error));
    const manyi::StoreCounts c = store.Counts();
    CHECK(c.total == 2);
    CHECK(c.delivered == 1);
    CHECK(c.pending == 1);
    StoredResponse got;
    REQUIRE(store.Get("b", &got));
    CHECK(got.attempts == 1);
    CHECK(got.next_attempt_ms == 7000);
    CHECK(got.last_error == "HTTP 500");
    CHECK(store.NextDueMs() == 7000);

    // Open again on the same object: the old connection is closed first.
    REQUIRE(store.Open(tmp.path, &error));
    CHECK(store.Contains("a"));
    store.Close();
    CHECK_FALSE(store.IsOpen());
    CHECK_FALSE(store.Contains("a"));
    CHECK(store.Counts().total == 0);
    CHECK(store.NextDueMs() == -1);
    CHECK_FALSE(store.Insert(MakeResponse("c", 1, 1), "{}", DeliveryState::Pending, &error));
    CHECK(error == "store is not open");
}

TEST_CASE("ResponseStore: refuses a newer schema and a file that is not a database")
{
    TempDbPath tmp;
    std::string error;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    ResponseStore store;
    CHECK_FALSE(store.Open(tmp.path, &error));
    CHECK(error.find("schema version 99") != std::string::npos);
    CHECK_FALSE(store.IsOpen());

    FILE* f = std::fopen(tmp.path.c_str(), "wb");
    REQUIRE(f);
    std::fputs("this is not a database, just some text long enough to have a header ........", f);
    std::fclose(f);
    CHECK_FALSE(store.Open(tmp.path, &error));
    CHECK(error.find("not a database") != std::string::npos);

    CHECK_FALSE(store.Open("/nonexistent-dir/x.db", &error));
    CHECK(error.find("cannot open /nonexistent-dir/x.db") == 0);
}

TEST_CASE("ResponseStore: a bulk load commits once; reads and failed inserts inside it behave")
{
    TempDbPath tmp;
    std::string error;
    {
        ResponseStore store;
        REQUIRE(store.Open(tmp.path, &error));
        REQUIRE(store.BeginBulk(&error));
        CHECK(store.BeginBulk(&error)); // already in one: no nesting error
        for (int i = 0; i < 50; i++)
            CHECK(Insert(store, MakeResponse("r" + std::to_string(i), 1000 + i, 1 + i % 7)));
        CHECK(store.Counts().total == 50); // visible to reads before the commit
        Response bad = MakeResponse("", 5, 3);
        CHECK_FALSE(store.Insert(bad, "{}", DeliveryState::Pending, &error)); // refused, the rest kept
        CHECK(store.MarkDelivered("r3", 2000));
        REQUIRE(store.EndBulk(&error));
        CHECK(store.EndBulk(&error)); // nothing open: fine
        CHECK(Insert(store, MakeResponse("after", 9000, 5))); // single inserts commit on their own again
    }
    ResponseStore reopened;
    REQUIRE(reopened.Open(tmp.path, &error));
    CHECK(reopened.Counts().total == 51);
    CHECK(reopened.Counts().delivered == 1);
}
