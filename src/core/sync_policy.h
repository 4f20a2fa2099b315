// What to do after an attempt to deliver responses to an endpoint, and when to try again.
// Pure functions: the sync loop owns the clock, the randomness and the store.
#pragma once
#include <cstdint>
#include <string_view>

namespace manyi {

enum class DeliveryVerdict
{
    Delivered,  // 2xx: the endpoint has it
    Retry,      // transient: try again after a backoff
    PauseAuth,  // 401/403: credentials are wrong; stop until the operator fixes the configuration
    Park,       // other 4xx: the endpoint will never accept this payload; keep it, stop sending it
    SplitBatch, // 413: the batch is too large; send fewer at a time
};

// 0 = network error/timeout -> Retry; 2xx Delivered; 408, 425, 429, 5xx Retry; 401, 403 PauseAuth;
// 413 SplitBatch; other 4xx Park; 1xx, 3xx and anything else Retry (never lose data on a surprise).
DeliveryVerdict ClassifyHttpStatus(int status);

constexpr int64_t kBackoffBaseMs = 1000;
constexpr int64_t kBackoffCapMs = 300000;

// Full-jitter exponential backoff: random01 * min(cap, base * 2^attempt), attempt counting from 0.
// A server's Retry-After (retry_after_ms > 0) is a lower bound, still capped at the cap.
int64_t BackoffDelayMs(int attempt, double random01, int64_t retry_after_ms = 0);

// Retry-After header value: delta-seconds ("120") or an HTTP-date (IMF-fixdate, RFC 850 or asctime,
// RFC 9110 section 10.2.3), as a delay from now_ms; a date in the past is 0. -1 if unparsable.
int64_t ParseRetryAfterMs(std::string_view header_value, int64_t now_ms);

} // namespace manyi
