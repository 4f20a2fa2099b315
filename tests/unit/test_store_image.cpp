// The store between page loads: images (serialize, open, check), removal of purged responses,
// and the description kept beside an image (docs/decisions.md D18).
#include <doctest/doctest.h>

#include <string>

#include "core/response_store.h"
#include "core/store_snapshot.h"
#include "sqlite3.h"

using namespace manyi;

static Response Rated(const std::string& id, int64_t created_ms, int grade)
{
    Response r;
    r.id = id;
    r.survey_id = "s";
    r.survey_version = "1";
    r.locale = "zh-CN";
    r.created_at_ms = created_ms;
    Answer sat;
    sat.question_id = "sat";
    sat.value = AnswerValue::MakeNumber(grade);
    Answer topics;
    topics.question_id = "topics";
    topics.value = AnswerValue::MakeChoices({ "a", "c" });
    Answer comment;
    comment.question_id = "comment";
    comment.value = AnswerValue::MakeText("等候时间有点长");
    r.answers = { sat, topics, comment };
    return r;
}

static void Put(ResponseStore& store, const Response& r, DeliveryState state = DeliveryState::Pending)
{
    std::string error;
    INFO(error);
    REQUIRE(store.Insert(r, ResponseToJson(r), state, &error));
}

// Sum of the counts of one question's whole answers and of its chosen options.
static int64_t Parts(const ResponseStore& store, const std::string& question, const std::string& role = "")
{
    AnswerFilter f;
    f.survey_id = "s";
    int64_t n = 0;
    for (const PartCount& c : store.CountParts(f, { question }))
        if (c.question_id == question && c.role == role)
            n += c.count;
    return n;
}

static std::string Image(const ResponseStore& store)
{
    std::string image, error;
    REQUIRE(store.SerializeImage(&image, &error));
    return image;
}

static const unsigned char* Bytes(const std::string& s) { return (const unsigned char*)s.data(); }

TEST_CASE("Store image: what is serialized opens again with every response, state and part")
{
    ResponseStore a;
    std::string error;
    REQUIRE(a.Open(":memory:", &error));
    Put(a, Rated("r1", 1000, 6));
    Put(a, Rated("r2", 2000, 2), DeliveryState::Delivered);
    Put(a, Rated("r3", 3000, 7));
    REQUIRE(a.MarkParked("r3", "HTTP 422"));
    const std::string image = Image(a);
    CHECK(image.size() > 4096);

    ResponseStore b;
    REQUIRE(b.OpenImage(Bytes(image), image.size(), &error));
    StoreCounts c = b.Counts();
    CHECK(c.total == 3);
    CHECK(c.pending == 1);
    CHECK(c.delivered == 1);
    CHECK(c.parked == 1);
    StoredResponse got;
    REQUIRE(b.Get("r1", &got));
    CHECK(got.payload_json == ResponseToJson(Rated("r1", 1000, 6)));
    CHECK(Parts(b, "sat") == 3);
    CHECK(Parts(b, "topics", "choice") == 6);
    // It takes new responses (the image grows past the bytes it was opened from).
    for (int i = 0; i < 200; i++)
        Put(b, Rated("n" + std::to_string(i), 10000 + i, 5));
    CHECK(b.Counts().total == 203);
    CHECK(Image(b).size() > image.size());
    // Opening an image leaves the bytes it came from alone.
    CHECK(Image(a) == image);
}

TEST_CASE("Store image: refused inside a bulk load, whose changes it must not half hold")
{
    ResponseStore store;
    std::string error, image;
    REQUIRE(store.Open(":memory:", &error));
    REQUIRE(store.BeginBulk(&error));
    Put(store, Rated("r1", 1000, 6));
    CHECK_FALSE(store.SerializeImage(&image, &error));
    CHECK(error.find("transaction") != std::string::npos);
    REQUIRE(store.EndBulk(&error));
    CHECK(store.SerializeImage(&image, &error));
}

TEST_CASE("Store image: bytes that are not a Manyi store, or a newer schema, are refused")
{
    std::string error;
    ResponseStore store;
    const std::string junk(8192, 'x');
    CHECK_FALSE(store.OpenImage(Bytes(junk), junk.size(), &error));
    CHECK_FALSE(store.IsOpen());
    CHECK_FALSE(error.empty());

    // An empty SQLite database: schema version 0 is not a store.
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    REQUIRE(bytes);
    error.clear();
    CHECK_FALSE(store.OpenImage(bytes, (size_t)size, &error));
    CHECK(error.find("schema version 0") != std::string::npos);
    sqlite3_free(bytes);

    // A newer schema than this build reads.
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    bytes = sqlite3_serialize(db, "main", &size, 0);
    error.clear();
    CHECK_FALSE(store.OpenImage(bytes, (size_t)size, &error));
    CHECK(error.find("schema version 99") != std::string::npos);
    sqlite3_free(bytes);
    sqlite3_close(db);
}

TEST_CASE("Store image: an image of schema 1 is upgraded by the open path")
{
    // Schema 1 as the first build wrote it (tests/unit/test_scores_store.cpp has the same).
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db,
                         "CREATE TABLE responses(id TEXT PRIMARY KEY NOT NULL, survey_id TEXT NOT NULL, survey_version TEXT NOT NULL, locale TEXT NOT NULL,"
                         " created_ms INTEGER NOT NULL, payload TEXT NOT NULL, state INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
                         " next_attempt_ms INTEGER NOT NULL, delivered_ms INTEGER, last_error TEXT NOT NULL DEFAULT '');"
                         "CREATE TABLE answers(response_id TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE, question_id TEXT NOT NULL,"
                         " number_value INTEGER, text_value TEXT, PRIMARY KEY(response_id, question_id));"
                         "CREATE INDEX responses_due ON responses(state, next_attempt_ms);"
                         "CREATE INDEX answers_question ON answers(question_id);"
                         "PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    const char* id = "00000000-0000-4000-8000-000000000001";
    Response r = Rated(id, 1000, 4);
    const std::string payload = ResponseToJson(r);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO responses(id, survey_id, survey_version, locale, created_ms, payload, state, next_attempt_ms)"
                                   " VALUES(?1, 's', '1', 'zh-CN', 1000, ?2, 0, 1000)", -1, &stmt, nullptr) == SQLITE_OK);
    sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, payload.c_str(), -1, SQLITE_STATIC);
    REQUIRE(sqlite3_step(stmt) == SQLITE_DONE);
    sqlite3_finalize(stmt);
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    sqlite3_close(db);

    ResponseStore store;
    std::string error;
    REQUIRE(store.OpenImage(bytes, (size_t)size, &error));
    sqlite3_free(bytes);
    CHECK(store.Counts().total == 1);
    CHECK(Parts(store, "sat") == 1);
}

TEST_CASE("Store image: the description round-trips; a damaged or truncated image does not match it")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(store, Rated("r1", 1000, 6));
    std::string image = Image(store);

    StoreSnapshotMeta meta;
    meta.schema = ResponseStore::kSchemaVersion;
    meta.mark = 4503599627370495; // 2^52 - 1: IndexedDB keys are doubles
    meta.bytes = (int64_t)image.size();
    meta.checksum = ImageChecksumHex(Bytes(image), image.size());
    meta.responses = 1;
    meta.unreadable = { "bad-1" };
    meta.written_ms = 1764000000000;
    StoreSnapshotMeta back;
    REQUIRE(StoreSnapshotMetaFromJson(StoreSnapshotMetaToJson(meta), &back, &error));
    CHECK(back.schema == meta.schema);
    CHECK(back.mark == meta.mark);
    CHECK(back.bytes == meta.bytes);
    CHECK(back.checksum == meta.checksum);
    CHECK(back.responses == 1);
    CHECK(back.unreadable == meta.unreadable);
    CHECK(back.written_ms == meta.written_ms);
    CHECK(CheckStoreImage(back, Bytes(image), image.size()) == "");

    // One flipped bit anywhere, a truncation, or the same length of other bytes: all caught.
    for (size_t at : { (size_t)0, image.size() / 2, image.size() - 1 })
    {
        std::string damaged = image;
        damaged[at] ^= 0x10;
        CHECK(CheckStoreImage(back, Bytes(damaged), damaged.size()) == "checksum");
    }
    CHECK(CheckStoreImage(back, Bytes(image), image.size() - 1) == "size");
    CHECK(ImageChecksum(Bytes(image), image.size()) != ImageChecksum(Bytes(image), image.size() - 1));

    // Descriptions that are not ours, or lack a member, are refused.
    CHECK_FALSE(StoreSnapshotMetaFromJson("{\"format\":\"other\"}", &back, &error));
    CHECK_FALSE(StoreSnapshotMetaFromJson("{\"format\":\"manyi.store-image/1\",\"schema\":2,\"mark\":-1,\"bytes\":1,\"responses\":0,\"checksum\":\"\"}", &back, &error));
    CHECK_FALSE(StoreSnapshotMetaFromJson("not json", &back, &error));
}

TEST_CASE("Store: Remove deletes a response with its answers, parts and follow-up, and nothing else")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(store, Rated("r1", 1000, 6), DeliveryState::Delivered);
    Put(store, Rated("r2", 1000, 3), DeliveryState::Delivered); // same time: only the id tells the parts apart
    Put(store, Rated("r3", 3000, 7));
    FollowUp fu;
    fu.response_id = "r1";
    REQUIRE(store.SetFollowUp(fu, &error));

    CHECK(store.Remove({ "r1", "unknown" }, &error) == 1);
    CHECK_FALSE(store.Contains("r1"));
    FollowUp got;
    CHECK_FALSE(store.GetFollowUp("r1", &got));
    CHECK(store.Counts().total == 2);
    CHECK(Parts(store, "sat") == 2);
    CHECK(Parts(store, "topics", "choice") == 4);
    CHECK(Parts(store, "comment") == 2);
    // No row of r1 is left in any table.
    const std::string image = Image(store);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
    REQUIRE(sqlite3_deserialize(db, "main", (unsigned char*)image.data(), (sqlite3_int64)image.size(), (sqlite3_int64)image.size(),
                                SQLITE_DESERIALIZE_READONLY) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT (SELECT COUNT(*) FROM answer_parts WHERE response_id = 'r1') + (SELECT COUNT(*) FROM answers WHERE response_id = 'r1'),"
                                   " (SELECT COUNT(*) FROM answer_parts WHERE response_id = 'r2')", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == 0);
    CHECK(sqlite3_column_int(stmt, 1) == 5); // sat, topics, two choices, comment
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    // The id can be stored again (the journal is the truth: a record that comes back is inserted).
    Put(store, Rated("r1", 1000, 6));
    CHECK(store.Counts().total == 3);
    CHECK(Parts(store, "sat") == 3);
    CHECK(store.Remove({}, &error) == 0);
}

TEST_CASE("Store: ResetDeliverySchedule makes every pending response due at once with no attempts")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(store, Rated("r1", 1000, 6));
    Put(store, Rated("r2", 2000, 6), DeliveryState::Delivered);
    REQUIRE(store.MarkRetry("r1", 999999, "HTTP 503"));
    CHECK(store.DueForDelivery(5000, 10).empty());
    REQUIRE(store.ResetDeliverySchedule(&error));
    std::vector<StoredResponse> due = store.DueForDelivery(5000, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].id == "r1");
    CHECK(due[0].attempts == 0);
    CHECK(due[0].last_error.empty());
}

TEST_CASE("Store: Remove takes a parsed response's rows out of the score counters too")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Response keep = Rated("0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e", 900'000'000, 6);
    Response gone = Rated("1c8f5d2f-6b4a-4e3c-8d9f-2a3b4c5d6e7f", 900'000'000, 2);
    Put(store, keep);
    Put(store, gone);
    CHECK(Parts(store, "sat") == 2);
    CHECK(store.Remove({ gone.id }, &error) == 1);
    CHECK(Parts(store, "sat") == 1);
    CHECK(Parts(store, "topics", "choice") == 2);
    // The counters kept through insert and remove are the counters a fresh count gives.
    const int64_t kept = Parts(store, "topics", "choice");
    REQUIRE(store.RebuildScoreCounts(&error));
    CHECK(Parts(store, "topics", "choice") == kept);
    CHECK(Parts(store, "sat") == 1);
}
