// Delivery options of the endpoint config, batch building and batch replies.
#include <doctest/doctest.h>

#include "core/delivery_batch.h"
#include "core/endpoint_config.h"

using namespace manyi;

static StoredResponse Stored(const std::string& id, const std::string& payload)
{
    StoredResponse r;
    r.id = id;
    r.payload_json = payload;
    return r;
}

TEST_CASE("ParseEndpointConfig: body shapes, batches, simple mode, signing, retention")
{
    EndpointConfig cfg;
    std::string error;
    REQUIRE(ParseEndpointConfig(R"({"url":"https://e.com/r"})", &cfg, &error));
    CHECK(cfg.body == BodyShape::Object);
    CHECK(cfg.batch_size == 1);
    CHECK(cfg.method == "POST");
    CHECK(cfg.retention_days == 30);

    REQUIRE(ParseEndpointConfig(R"({"url":"https://e.com/r","body":"array"})", &cfg, &error));
    CHECK(cfg.body == BodyShape::Array);
    CHECK(cfg.batch_size == 50); // batching bodies default to 50 per request
    REQUIRE(ParseEndpointConfig(R"({"url":"https://e.com/r","body":"ndjson","batch_size":7,"batch_bytes":2048,"method":"PUT"})", &cfg, &error));
    CHECK(cfg.body == BodyShape::Ndjson);
    CHECK(cfg.batch_size == 7);
    CHECK(cfg.batch_bytes == 2048);
    CHECK(cfg.method == "PUT");

    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","batch_size":5})", &cfg, &error));
    CHECK(error.find("needs \"body\"") != std::string::npos);
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","body":"xml"})", &cfg, &error));
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","body":"array","batch_size":0})", &cfg, &error));
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","body":"array","batch_size":501})", &cfg, &error));
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","method":"GET"})", &cfg, &error));
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","body":"array","batch_size":"10"})", &cfg, &error));
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","retention_days":-1})", &cfg, &error));

    REQUIRE(ParseEndpointConfig(R"({"url":"https://e.com/r","simple":true})", &cfg, &error));
    CHECK(cfg.simple);
    CHECK(EndpointHeadersJson(cfg, "k") == R"({"Content-Type":"text/plain;charset=UTF-8"})");
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","simple":true,"headers":{"A":"b"}})", &cfg, &error));
    CHECK(error.find("simple") != std::string::npos);
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","simple":"yes"})", &cfg, &error));

    REQUIRE(ParseEndpointConfig(R"({"url":"https://e.com/r","signing_secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})", &cfg, &error));
    CHECK(cfg.signing_secret == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    CHECK_FALSE(ParseEndpointConfig(R"({"url":"https://e.com/r","signing_secret":"hunter2"})", &cfg, &error));
}

TEST_CASE("BuildBatch: shapes, item and byte caps, idempotency keys")
{
    std::vector<StoredResponse> due = { Stored("a", R"({"id":"a"})"), Stored("b", R"({"id":"b"})"), Stored("c", R"({"id":"c"})") };
    EndpointConfig cfg;
    cfg.url = "https://e.com/r";

    DeliveryBatch one = BuildBatch(cfg, due, 10); // object bodies carry one response whatever the limit
    CHECK(one.ids == std::vector<std::string>{ "a" });
    CHECK(one.body == R"({"id":"a"})");
    CHECK(one.idempotency_key == "a");
    CHECK(one.content_type == "application/json");

    cfg.body = BodyShape::Array;
    DeliveryBatch arr = BuildBatch(cfg, due, 2);
    CHECK(arr.ids == std::vector<std::string>{ "a", "b" });
    CHECK(arr.body == R"([{"id":"a"},{"id":"b"}])");
    CHECK(arr.idempotency_key == BatchIdempotencyKey({ "a", "b" }));
    CHECK(arr.idempotency_key.rfind("batch-", 0) == 0);
    CHECK(arr.idempotency_key.size() == 6 + 16);
    CHECK(BatchIdempotencyKey({ "a", "b" }) != BatchIdempotencyKey({ "b", "a" }));
    CHECK(BatchIdempotencyKey({ "ab" }) != BatchIdempotencyKey({ "a", "b" })); // the separator counts

    cfg.body = BodyShape::Ndjson;
    DeliveryBatch nd = BuildBatch(cfg, due, 10);
    CHECK(nd.body == "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n");
    CHECK(nd.content_type == "application/x-ndjson");

    // The byte cap stops the batch, but the first response always goes, even alone over the cap.
    cfg.batch_bytes = 15;
    CHECK(BuildBatch(cfg, due, 10).ids.size() == 1);
    std::vector<StoredResponse> big = { Stored("x", std::string(100, ' ') + "{}") };
    CHECK(BuildBatch(cfg, big, 10).ids == std::vector<std::string>{ "x" });
    CHECK(BuildBatch(cfg, {}, 10).ids.empty());
}

TEST_CASE("ParseBatchReply: per-item statuses, absent items and junk replies")
{
    std::vector<std::string> ids = { "a", "b", "c" };
    auto all = ParseBatchReply("", ids, 200);
    REQUIRE(all.size() == 3);
    CHECK(all[2].status == 200);

    auto r = ParseBatchReply(R"({"results":[{"id":"b","status":422},{"id":"zz","status":500},{"id":"c","status":"x"}]})", ids, 207);
    CHECK(r[0].status == 207); // absent: the request's status
    CHECK(r[1].status == 422);
    CHECK(r[2].status == 207); // malformed item ignored
    auto bare = ParseBatchReply(R"([{"id":"a","status":409}])", ids, 200);
    CHECK(bare[0].status == 409);
    CHECK(ParseBatchReply("not json", ids, 200)[1].status == 200);
    CHECK(ParseBatchReply(R"([{"id":"a","status":99999}])", ids, 200)[0].status == 200); // out of range ignored
}
