#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/sync_policy.h"

using manyi::DeliveryVerdict;

TEST_CASE("ClassifyHttpStatus table")
{
    struct Row { int status; DeliveryVerdict verdict; };
    const Row rows[] = {
        { 0, DeliveryVerdict::Retry },     { 100, DeliveryVerdict::Retry },    { 200, DeliveryVerdict::Delivered },
        { 201, DeliveryVerdict::Delivered }, { 204, DeliveryVerdict::Delivered }, { 299, DeliveryVerdict::Delivered },
        { 301, DeliveryVerdict::Retry },   { 304, DeliveryVerdict::Retry },    { 400, DeliveryVerdict::Park },
        { 401, DeliveryVerdict::PauseAuth }, { 403, DeliveryVerdict::PauseAuth }, { 404, DeliveryVerdict::Park },
        { 405, DeliveryVerdict::Park },    { 408, DeliveryVerdict::Retry },    { 409, DeliveryVerdict::Park },
        { 410, DeliveryVerdict::Park },    { 413, DeliveryVerdict::SplitBatch }, { 422, DeliveryVerdict::Park },
        { 425, DeliveryVerdict::Retry },   { 429, DeliveryVerdict::Retry },    { 451, DeliveryVerdict::Park },
        { 499, DeliveryVerdict::Park },    { 500, DeliveryVerdict::Retry },    { 502, DeliveryVerdict::Retry },
        { 503, DeliveryVerdict::Retry },   { 504, DeliveryVerdict::Retry },    { 599, DeliveryVerdict::Retry },
        { 600, DeliveryVerdict::Retry },   { -1, DeliveryVerdict::Retry },
    };
    for (const Row& row : rows)
    {
        CAPTURE(row.status);
        CHECK(manyi::ClassifyHttpStatus(row.status) == row.verdict);
    }
}

TEST_CASE("BackoffDelayMs: full jitter, doubling, capped")
{
    CHECK(manyi::BackoffDelayMs(0, 0.0) == 0);
    CHECK(manyi::BackoffDelayMs(0, 0.999999) == 999);
    CHECK(manyi::BackoffDelayMs(0, 0.5) == 500);
    CHECK(manyi::BackoffDelayMs(1, 0.5) == 1000);
    CHECK(manyi::BackoffDelayMs(3, 0.5) == 4000);
    CHECK(manyi::BackoffDelayMs(8, 1.0) == 256000);
    CHECK(manyi::BackoffDelayMs(9, 1.0) == 300000); // 512 s exceeds the 300 s cap
    CHECK(manyi::BackoffDelayMs(9, 0.5) == 150000);
    CHECK(manyi::BackoffDelayMs(63, 1.0) == 300000);
    CHECK(manyi::BackoffDelayMs(1000000, 0.25) == 75000);
    CHECK(manyi::BackoffDelayMs(-5, 0.5) == 500);  // negative attempt counts as the first
    CHECK(manyi::BackoffDelayMs(2, -1.0) == 0);     // random01 outside [0, 1] is clamped
    CHECK(manyi::BackoffDelayMs(2, 7.0) == 4000);
    CHECK(manyi::BackoffDelayMs(2, std::numeric_limits<double>::quiet_NaN()) == 0);

    for (int attempt = 0; attempt < 40; attempt++)
        for (double r = 0.0; r < 1.0; r += 0.125)
        {
            const int64_t d = manyi::BackoffDelayMs(attempt, r);
            CHECK(d >= 0);
            CHECK(d <= manyi::kBackoffCapMs);
            CHECK(d <= (attempt < 20 ? (1000LL << attempt) : manyi::kBackoffCapMs));
        }
}

TEST_CASE("BackoffDelayMs: Retry-After is a lower bound, still capped")
{
    CHECK(manyi::BackoffDelayMs(0, 0.1, 5000) == 5000);
    CHECK(manyi::BackoffDelayMs(5, 0.5, 5000) == 16000);      // the jittered delay is already longer
    CHECK(manyi::BackoffDelayMs(0, 0.1, 3600000) == 300000);  // an hour is capped
    CHECK(manyi::BackoffDelayMs(0, 0.1, 0) == 100);
    CHECK(manyi::BackoffDelayMs(0, 0.1, -1) == 100);          // -1 = no header
}

TEST_CASE("ParseRetryAfterMs: delta-seconds")
{
    CHECK(manyi::ParseRetryAfterMs("0", 0) == 0);
    CHECK(manyi::ParseRetryAfterMs("120", 0) == 120000);
    CHECK(manyi::ParseRetryAfterMs("  7 \r\n", 123) == 7000);
    CHECK(manyi::ParseRetryAfterMs("99999999999999999999999", 0) == 365LL * 86400 * 1000); // saturates
    CHECK(manyi::ParseRetryAfterMs("", 0) == -1);
    CHECK(manyi::ParseRetryAfterMs("   ", 0) == -1);
    CHECK(manyi::ParseRetryAfterMs("-5", 0) == -1);
    CHECK(manyi::ParseRetryAfterMs("1.5", 0) == -1);
    CHECK(manyi::ParseRetryAfterMs("12abc", 0) == -1);
    CHECK(manyi::ParseRetryAfterMs("soon", 0) == -1);
}

TEST_CASE("ParseRetryAfterMs: HTTP-date in all three RFC 9110 forms")
{
    const int64_t date_ms = 784111777000; // Sun, 06 Nov 1994 08:49:37 GMT
    const int64_t now = date_ms - 90000;
    CHECK(manyi::ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", now) == 90000);
    CHECK(manyi::ParseRetryAfterMs("Sunday, 06-Nov-94 08:49:37 GMT", now) == 90000);
    CHECK(manyi::ParseRetryAfterMs("Sun Nov  6 08:49:37 1994", now) == 90000);
    CHECK(manyi::ParseRetryAfterMs("Mon, 23 Nov 2026 09:00:30 GMT", 1795424400000) == 30000);
    CHECK(manyi::ParseRetryAfterMs("Sunday, 06-Nov-30 08:49:37 GMT", 0) > 0); // 2030, not 1930
    CHECK(manyi::ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", date_ms + 5000) == 0); // past: now

    CHECK(manyi::ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 UTC", now) == -1);
    CHECK(manyi::ParseRetryAfterMs("Sun, 31 Nov 1994 08:49:37 GMT", now) == -1);
    CHECK(manyi::ParseRetryAfterMs("Sun, 06 Foo 1994 08:49:37 GMT", now) == -1);
    CHECK(manyi::ParseRetryAfterMs("Sun, 06 Nov 1994 25:49:37 GMT", now) == -1);
    CHECK(manyi::ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT extra", now) == -1);
    CHECK(manyi::ParseRetryAfterMs("06 Nov 1994 08:49:37 GMT", now) == -1);
}
