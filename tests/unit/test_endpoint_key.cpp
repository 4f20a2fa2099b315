// Several widgets of one origin share the journal and the store; each delivers only what it
// collected (docs/decisions.md D22). These are the pieces of that in the core: the key, the
// journal record that keeps it, and the store's choice of what one endpoint sends.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "core/endpoint_config.h"
#include "core/journal_record.h"
#include "core/response_store.h"
#include "sqlite3.h"

using namespace manyi;

namespace {

EndpointConfig Endpoint(const std::string& json)
{
    EndpointConfig cfg;
    std::string error;
    REQUIRE_MESSAGE(ParseEndpointConfig(json, &cfg, &error), error);
    return cfg;
}

Response Made(const std::string& id, int64_t created_ms)
{
    Response r;
    r.id = id;
    r.survey_id = "s";
    r.survey_version = "1";
    r.locale = "en";
    r.created_at_ms = created_ms;
    return r;
}

void Put(ResponseStore& store, const std::string& id, int64_t created_ms, const std::string& key, DeliveryState state = DeliveryState::Pending)
{
    std::string error;
    Response r = Made(id, created_ms);
    REQUIRE_MESSAGE(store.Insert(r, ResponseToJson(r), state, &error, key), error);
}

std::string Ids(const std::vector<StoredResponse>& rs)
{
    std::string out;
    for (const StoredResponse& r : rs) out += (out.empty() ? "" : ",") + r.id;
    return out;
}

} // namespace

TEST_CASE("EndpointKey: names the destination, not how to talk to it")
{
    const std::string a = EndpointKey(Endpoint(R"({"url":"https://a.example/r"})"));
    CHECK(a.rfind("ep-", 0) == 0);
    CHECK(a.size() == 19);
    CHECK(a == EndpointKey(Endpoint(R"({"url":"https://a.example/r"})"))); // stable
    // Headers, timeouts, batch sizes may change between page loads: the same endpoint.
    CHECK(a == EndpointKey(Endpoint(R"({"url":"https://a.example/r","headers":{"Authorization":"Bearer x"},"timeout_ms":3000})")));
    // Another URL, method or body shape is another destination.
    CHECK(a != EndpointKey(Endpoint(R"({"url":"https://b.example/r"})")));
    CHECK(a != EndpointKey(Endpoint(R"({"url":"https://a.example/r2"})")));
    CHECK(a != EndpointKey(Endpoint(R"({"url":"https://a.example/r","method":"PUT"})")));
    CHECK(a != EndpointKey(Endpoint(R"({"url":"https://a.example/r","body":"ndjson","batch_size":10})")));
    // No endpoint: kept on the device, a key no sender ever has.
    CHECK(EndpointKey(EndpointConfig{}) == kLocalEndpointKey);
}

TEST_CASE("JournalRecord keeps the endpoint key; a record from before it has none")
{
    JournalRecord rec;
    rec.id = "r1";
    rec.payload = "{}";
    rec.endpoint = "ep-0123456789abcdef";
    JournalRecord back;
    std::string error;
    REQUIRE(JournalRecordFromJson(JournalRecordToJson(rec), &back, &error));
    CHECK(back.endpoint == rec.endpoint);
    REQUIRE(JournalRecordFromJson(R"({"id":"old","payload":"{}","state":"pending"})", &back, &error));
    CHECK(back.endpoint.empty());
    CHECK(JournalRecordToJson(back).find("endpoint") == std::string::npos);
    REQUIRE(JournalRecordFromJson(R"({"id":"odd","payload":"{}","endpoint":7})", &back, &error));
    CHECK(back.endpoint.empty());
}

TEST_CASE("ResponseStore: each endpoint is due only its own responses")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(store, "a1", 1000, "ep-a");
    Put(store, "b1", 1100, "ep-b");
    Put(store, "a2", 1200, "ep-a");
    Put(store, "local1", 1300, kLocalEndpointKey);
    Put(store, "old1", 900, "");

    CHECK(Ids(store.DueForDelivery(INT64_MAX, 10, "ep-a")) == "a1,a2");
    CHECK(Ids(store.DueForDelivery(INT64_MAX, 10, "ep-b")) == "b1");
    CHECK(Ids(store.DueForDelivery(INT64_MAX, 1, "ep-a")) == "a1");
    CHECK(store.DueForDelivery(INT64_MAX, 10, "ep-c").empty());
    CHECK(store.NextDueMs("ep-b") == 1100);
    CHECK(store.NextDueMs("ep-c") == -1);
    // What was stored is counted whoever sends it: the footer and scores are the origin's.
    CHECK(store.Counts().pending == 5);

    StoredResponse got;
    REQUIRE(store.Get("b1", &got));
    CHECK(got.endpoint_key == "ep-b");

    // A retry moves a1 on; a2 is next for ep-a and ep-b is untouched.
    REQUIRE(store.MarkRetry("a1", 5000, "HTTP 503"));
    CHECK(Ids(store.DueForDelivery(2000, 10, "ep-a")) == "a2");
    CHECK(store.NextDueMs("ep-a") == 1200);
    REQUIRE(store.MarkDelivered("a2", 2000));
    CHECK(store.NextDueMs("ep-a") == 5000);
}

TEST_CASE("ResponseStore: a response without a key is adopted once, and keeps its key")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(store, "old-pending", 1000, "");
    Put(store, "old-parked", 1100, "", DeliveryState::Parked);
    Put(store, "old-delivered", 1200, "", DeliveryState::Delivered);
    Put(store, "new", 1300, "ep-a");

    // Delivered ones need no endpoint any more; pending and parked ones do.
    CHECK(Ids(store.ListUnkeyed(10)) == "old-pending,old-parked");
    CHECK(Ids(store.ListUnkeyed(1)) == "old-pending");
    // Not sent by anyone before it has a key.
    CHECK(store.DueForDelivery(INT64_MAX, 10, "ep-b").empty());

    CHECK(store.SetEndpointKey("old-pending", "ep-b"));
    CHECK_FALSE(store.SetEndpointKey("old-pending", "ep-a")); // a key, once set, never changes
    CHECK_FALSE(store.SetEndpointKey("new", "ep-b"));
    CHECK_FALSE(store.SetEndpointKey("missing", "ep-b"));
    CHECK_FALSE(store.SetEndpointKey("old-parked", ""));
    CHECK(Ids(store.DueForDelivery(INT64_MAX, 10, "ep-b")) == "old-pending");
    CHECK(Ids(store.DueForDelivery(INT64_MAX, 10, "ep-a")) == "new");
    CHECK(Ids(store.ListUnkeyed(10)) == "old-parked");

    // The operator's "retry refused" lists parked ones with their key.
    REQUIRE(store.SetEndpointKey("old-parked", "ep-b"));
    std::vector<StoredResponse> parked = store.ListByState(DeliveryState::Parked, 10);
    REQUIRE(parked.size() == 1);
    CHECK(parked[0].endpoint_key == "ep-b");
}

TEST_CASE("ResponseStore: a schema 4 database (a kiosk's image before D22) opens with every key unknown")
{
    // Made as schema 4 was: today's schema without the column and its index.
    sqlite3* db = nullptr;
    std::string error;
    {
        ResponseStore store;
        REQUIRE(store.Open(":memory:", &error));
        Put(store, "queued", 1000, "");
        std::string image;
        REQUIRE(store.SerializeImage(&image, &error));
        REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
        unsigned char* copy = (unsigned char*)sqlite3_malloc64(image.size());
        memcpy(copy, image.data(), image.size());
        REQUIRE(sqlite3_deserialize(db, "main", copy, (sqlite3_int64)image.size(), (sqlite3_int64)image.size(),
                                    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) == SQLITE_OK);
    }
    REQUIRE(sqlite3_exec(db, "DROP INDEX responses_due_endpoint; ALTER TABLE responses DROP COLUMN endpoint_key; PRAGMA user_version = 4;",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db, "main", &size, 0);
    sqlite3_close(db);

    ResponseStore store;
    REQUIRE_MESSAGE(store.OpenImage(bytes, (size_t)size, &error), error);
    sqlite3_free(bytes);
    CHECK(store.Counts().pending == 1);
    CHECK(Ids(store.ListUnkeyed(10)) == "queued");
    REQUIRE(store.SetEndpointKey("queued", "ep-a"));
    CHECK(Ids(store.DueForDelivery(INT64_MAX, 10, "ep-a")) == "queued");
    std::string again;
    REQUIRE(store.SerializeImage(&again, &error));
}
