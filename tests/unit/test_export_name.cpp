// Export file names: manyi-<survey id>-<kind>-<from>_<to>.<ext> in local dates (docs/scores.md).
#include <doctest/doctest.h>

#include "core/export_name.h"
#include "core/response.h"

using namespace manyi;

static int64_t Ms(const char* iso)
{
    int64_t ms = 0;
    REQUIRE(ParseIsoUtc(iso, &ms));
    return ms;
}

static void PutAt(ResponseStore& store, const char* id, const char* iso, const char* version = "1")
{
    Response r;
    r.id = id;
    r.survey_id = "kiosk/hall 1";
    r.survey_version = version;
    r.locale = "en";
    r.created_at_ms = Ms(iso);
    std::string error;
    REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
}

TEST_CASE("export name: local dates of the window, of the responses for 'all'")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    const int64_t now = Ms("2026-12-07T23:30:00Z"); // 07:30 on 12-08 in China
    ScoreQuery q;
    q.utc_offset_minutes = 480;
    // Nothing stored, both ends open: "all" and the export's local date.
    CHECK(ExportFileName("kiosk/hall 1", "scores", "csv", q, store, now) == "manyi-kiosk_hall_1-scores-all_2026-12-08.csv");

    PutAt(store, "00000000-0000-4000-8000-000000000001", "2026-11-30T17:00:00Z");             // 12-01 01:00 local
    PutAt(store, "00000000-0000-4000-8000-000000000002", "2026-12-05T15:59:59Z", "2");        // 12-05 23:59 local
    CHECK(ExportFileName("kiosk/hall 1", "responses", "json", q, store, now) == "manyi-kiosk_hall_1-responses-2026-12-01_2026-12-05.json");
    // One version: its own first and last.
    q.survey_version = "2";
    CHECK(ExportFileName("kiosk/hall 1", "responses", "csv", q, store, now) == "manyi-kiosk_hall_1-responses-2026-12-05_2026-12-05.csv");
    q.survey_version = "";
    // "Last 7 days" at +8: from local midnight of 12-02, open end = today.
    q.from_ms = Ms("2026-12-01T16:00:00Z");
    CHECK(ExportFileName("kiosk/hall 1", "scores", "json", q, store, now) == "manyi-kiosk_hall_1-scores-2026-12-02_2026-12-08.json");
    // An exclusive end at local midnight: the file covers up to the day before.
    q.to_ms = Ms("2026-12-04T16:00:00Z");
    CHECK(ExportFileName("kiosk/hall 1", "scores", "csv", q, store, now) == "manyi-kiosk_hall_1-scores-2026-12-02_2026-12-04.csv");
    // Open start with an end: the first response's day.
    q.from_ms = 0;
    CHECK(ExportFileName("kiosk/hall 1", "scores", "csv", q, store, now) == "manyi-kiosk_hall_1-scores-2026-12-01_2026-12-04.csv");
}

TEST_CASE("export name: local date before 1970 and at negative offsets")
{
    CHECK(LocalDate(0, 0) == "1970-01-01");
    CHECK(LocalDate(0, -60) == "1969-12-31");
    CHECK(LocalDate(Ms("2026-12-07T23:30:00Z"), -600) == "2026-12-07");
}

TEST_CASE("store: the time span of the stored responses of a filter")
{
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    AnswerFilter f;
    f.survey_id = "kiosk/hall 1";
    int64_t first = -1, last = -1;
    CHECK_FALSE(store.ResponseTimeSpan(f, &first, &last));
    PutAt(store, "00000000-0000-4000-8000-000000000003", "2026-12-02T00:00:00Z");
    PutAt(store, "00000000-0000-4000-8000-000000000004", "2026-12-03T00:00:00Z");
    PutAt(store, "00000000-0000-4000-8000-000000000005", "2026-12-01T00:00:00Z", "2");
    REQUIRE(store.ResponseTimeSpan(f, &first, &last));
    CHECK(first == Ms("2026-12-01T00:00:00Z"));
    CHECK(last == Ms("2026-12-03T00:00:00Z"));
    f.survey_version = "1";
    REQUIRE(store.ResponseTimeSpan(f, &first, &last));
    CHECK(first == Ms("2026-12-02T00:00:00Z"));
    f.to_ms = Ms("2026-12-02T00:00:00Z");
    CHECK_FALSE(store.ResponseTimeSpan(f, &first, &last)); // [from, to) excludes the one at 12-02 00:00
    f.survey_id = "other";
    f.to_ms = 0;
    CHECK_FALSE(store.ResponseTimeSpan(f, &first, &last));
}
