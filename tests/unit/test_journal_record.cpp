#include <doctest/doctest.h>

#include <string>

#include "core/journal_record.h"
#include "core/json_text.h"

namespace {

manyi::JournalRecord Sample()
{
    manyi::JournalRecord r;
    r.id = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";
    r.payload = R"({"id":"3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b","answers":{"q1":"很满意"}})";
    r.state = manyi::JournalState::Parked;
    r.created_ms = 1732350000123;
    r.updated_ms = 1732350099456;
    r.last_error = "HTTP 422 Unprocessable Entity";
    return r;
}

manyi::JournalRecord RoundTrip(const manyi::JournalRecord& in)
{
    manyi::JournalRecord out;
    std::string error;
    std::string json = manyi::JournalRecordToJson(in);
    CAPTURE(json);
    CHECK(manyi::JournalRecordFromJson(json, &out, &error));
    CHECK(error.empty());
    return out;
}

void CheckSame(const manyi::JournalRecord& a, const manyi::JournalRecord& b)
{
    CHECK(a.id == b.id);
    CHECK(a.payload == b.payload);
    CHECK(a.state == b.state);
    CHECK(a.created_ms == b.created_ms);
    CHECK(a.updated_ms == b.updated_ms);
    CHECK(a.last_error == b.last_error);
}

manyi::JournalRecord FromJson(const std::string& json)
{
    CAPTURE(json);
    manyi::JournalRecord r;
    std::string error;
    CHECK(manyi::JournalRecordFromJson(json, &r, &error));
    return r;
}

} // namespace

TEST_CASE("JournalStateName")
{
    CHECK(std::string(manyi::JournalStateName(manyi::JournalState::Pending)) == "pending");
    CHECK(std::string(manyi::JournalStateName(manyi::JournalState::Delivered)) == "delivered");
    CHECK(std::string(manyi::JournalStateName(manyi::JournalState::Parked)) == "parked");
    CHECK(std::string(manyi::JournalStateName(static_cast<manyi::JournalState>(42))) == "pending");
}

TEST_CASE("JournalRecordToJson: the documented shape")
{
    manyi::JournalRecord r;
    r.id = "a";
    r.payload = R"({"x":1})";
    r.created_ms = 5;
    r.updated_ms = 6;
    // The payload is a JSON string holding the payload text, not a nested object; no last_error when empty.
    CHECK(manyi::JournalRecordToJson(r) ==
          R"({"id":"a","payload":"{\"x\":1}","state":"pending","created_ms":5,"updated_ms":6})");

    r.state = manyi::JournalState::Delivered;
    r.last_error = "was parked once";
    CHECK(manyi::JournalRecordToJson(r) ==
          R"({"id":"a","payload":"{\"x\":1}","state":"delivered","created_ms":5,"updated_ms":6,"last_error":"was parked once"})");
}

TEST_CASE("JournalRecord round trip")
{
    manyi::JournalRecord r = Sample();
    CheckSame(RoundTrip(r), r);

    for (manyi::JournalState s : { manyi::JournalState::Pending, manyi::JournalState::Delivered, manyi::JournalState::Parked })
    {
        r.state = s;
        CHECK(RoundTrip(r).state == s);
    }

    // Extremes of the time fields survive exactly (no detour through double).
    r.created_ms = INT64_MAX;
    r.updated_ms = INT64_MIN;
    CheckSame(RoundTrip(r), r);
    r.created_ms = 9007199254740993; // 2^53 + 1: not representable as a double
    r.updated_ms = -1;
    CheckSame(RoundTrip(r), r);

    // Empty strings.
    manyi::JournalRecord empty;
    CheckSame(RoundTrip(empty), empty);
}

TEST_CASE("JournalRecord round trip: hostile payload strings")
{
    const std::string hostile[] = {
        R"({"text":"she said \"hi\" \\ and left"})",
        "\"\"\"'''\\\\\\",
        std::string("nul\0inside\0", 11),
        std::string("\0", 1),
        "emoji 😀👍🏽👨‍👩‍👧 and 中文 and \u200b zero width",
        "\xF0\x9F\x98\x80",
        "line\nbreak\r\ntab\there\x01\x1f\x7f",
        "</script><script>alert(1)</script>",
        "\u2028\u2029",
        "{\"unterminated",
        std::string(100000, 'x'),
    };
    for (const std::string& s : hostile)
    {
        CAPTURE(s.size());
        manyi::JournalRecord r = Sample();
        r.payload = s;
        r.id = s;
        r.last_error = s;
        CheckSame(RoundTrip(r), r);
        // The record text itself is valid JSON whatever the payload holds.
        manyi::Json j;
        std::string error;
        CHECK(manyi::ParseJsonText(manyi::JournalRecordToJson(r), &j, &error));
    }
}

TEST_CASE("JournalRecord: invalid UTF-8 becomes U+FFFD, never an unreadable record")
{
    manyi::JournalRecord r = Sample();
    r.payload = "a\xff" "b\xC0\xAF" "c\xED\xA0\x80" "d\xE4\xB8";
    r.last_error = "\xfe";
    std::string json = manyi::JournalRecordToJson(r);
    manyi::JournalRecord back;
    std::string error;
    REQUIRE(manyi::JournalRecordFromJson(json, &back, &error));
    CHECK(back.payload == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                          "d\xEF\xBF\xBD"); // nlohmann's dump: one U+FFFD for a truncated sequence at the end
    CHECK(back.last_error == "\xEF\xBF\xBD");
    CHECK(back.id == r.id);
}

TEST_CASE("JournalRecordFromJson: unknown or odd state is kept as pending")
{
    // A newer version's state: keep the response and send it again rather than lose it.
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":"archived"})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":"Delivered"})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":""})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":"parked "})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}"})").state == manyi::JournalState::Pending);
    // Not a string: must not throw (exceptions abort the wasm build).
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":2})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":null})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":["delivered"]})").state == manyi::JournalState::Pending);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":{"name":"parked"}})").state == manyi::JournalState::Pending);

    CHECK(FromJson(R"({"id":"a","payload":"{}","state":"delivered"})").state == manyi::JournalState::Delivered);
    CHECK(FromJson(R"({"id":"a","payload":"{}","state":"parked"})").state == manyi::JournalState::Parked);
}

TEST_CASE("JournalRecordFromJson: optional members missing or of the wrong type")
{
    manyi::JournalRecord r = FromJson(R"({"id":"k","payload":"p"})");
    CHECK(r.id == "k");
    CHECK(r.payload == "p");
    CHECK(r.state == manyi::JournalState::Pending);
    CHECK(r.created_ms == 0);
    CHECK(r.updated_ms == 0);
    CHECK(r.last_error.empty());

    r = FromJson(R"({"id":"k","payload":"p","created_ms":"123","updated_ms":null,"last_error":42})");
    CHECK(r.created_ms == 0);
    CHECK(r.updated_ms == 0);
    CHECK(r.last_error.empty());

    r = FromJson(R"({"id":"k","payload":"p","created_ms":true,"updated_ms":[1],"last_error":{"a":1}})");
    CHECK(r.created_ms == 0);
    CHECK(r.updated_ms == 0);
    CHECK(r.last_error.empty());

    // Numbers written by JavaScript may come as doubles.
    r = FromJson(R"({"id":"k","payload":"p","created_ms":1732350000123.0,"updated_ms":1.7e12})");
    CHECK(r.created_ms == 1732350000123);
    CHECK(r.updated_ms == 1700000000000);
    // Out of int64 range: 0, not a wrapped or undefined value.
    r = FromJson(R"({"id":"k","payload":"p","created_ms":18446744073709551615,"updated_ms":1e300})");
    CHECK(r.created_ms == 0);
    CHECK(r.updated_ms == 0);
    r = FromJson(R"({"id":"k","payload":"p","created_ms":-1e300,"updated_ms":9223372036854775807})");
    CHECK(r.created_ms == 0);
    CHECK(r.updated_ms == INT64_MAX);

    // Unknown members are ignored.
    r = FromJson(R"({"id":"k","payload":"p","state":"parked","extra":{"nested":[1,2]},"version":7})");
    CHECK(r.id == "k");
    CHECK(r.state == manyi::JournalState::Parked);
}

TEST_CASE("JournalRecordFromJson: id and payload are required strings")
{
    const std::string needs = "journal record needs string members \"id\" and \"payload\"";
    for (const char* json : {
             R"({})",
             R"({"id":"a"})",
             R"({"payload":"{}"})",
             R"({"id":null,"payload":"{}"})",
             R"({"id":1,"payload":"{}"})",
             R"({"id":"a","payload":{"x":1}})", // a nested object is not the documented format
             R"({"id":"a","payload":null})",
             R"({"ID":"a","PAYLOAD":"{}"})",
             R"([{"id":"a","payload":"{}"}])",
             R"("{\"id\":\"a\",\"payload\":\"{}\"}")",
             R"(null)",
             R"(17)",
         })
    {
        CAPTURE(json);
        manyi::JournalRecord r = Sample();
        std::string error;
        CHECK_FALSE(manyi::JournalRecordFromJson(json, &r, &error));
        CHECK(error == needs);
        CHECK(r.id == Sample().id); // untouched on failure
    }
}

TEST_CASE("JournalRecordFromJson: text that is not JSON")
{
    for (const char* json : { "", "{", "{\"id\":\"a\",\"payload\":\"{}\",}", "{\"id\":\"a\" \"payload\":\"{}\"}",
                              "{\"id\":\"\xff\",\"payload\":\"{}\"}", "{\"id\":\"a\",\"payload\":\"{}\"} trailing" })
    {
        CAPTURE(json);
        manyi::JournalRecord r = Sample();
        std::string error;
        CHECK_FALSE(manyi::JournalRecordFromJson(json, &r, &error));
        CHECK(error.find("invalid JSON at line") != std::string::npos);
        CHECK(r.id == Sample().id);
    }

    // A raw control character inside a JSON string is not JSON either.
    manyi::JournalRecord r;
    std::string error;
    static const char with_nul[] = "{\"id\":\"a\0\",\"payload\":\"{}\"}";
    CHECK_FALSE(manyi::JournalRecordFromJson(std::string(with_nul, sizeof with_nul - 1), &r, &error));
    CHECK_FALSE(manyi::JournalRecordFromJson("{\"id\":\"a\nb\",\"payload\":\"{}\"}", &r, &error));
}
