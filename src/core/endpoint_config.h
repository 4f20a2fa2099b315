// Where responses are delivered: the operator's HTTP endpoint (docs/delivery.md).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manyi {

// How responses are put in a request body.
enum class BodyShape
{
    Object, // one response per request, the payload object itself
    Array,  // a JSON array of payloads
    Ndjson, // one payload per line (application/x-ndjson)
};

struct EndpointConfig
{
    std::string                                      url;     // empty: keep responses on the device only
    std::string                                      method = "POST"; // POST or PUT
    std::vector<std::pair<std::string, std::string>> headers; // e.g. Authorization
    int                                              timeout_ms = 15000;
    BodyShape                                        body = BodyShape::Object;
    int                                              batch_size = 1;        // responses per request
    int                                              batch_bytes = 262144;  // body size cap per request
    // "Simple" requests need no CORS preflight: text/plain body, no custom headers (so no
    // Idempotency-Key header and no signature: the endpoint dedups on the ids in the body).
    bool                                             simple = false;
    std::string                                      signing_secret; // Standard Webhooks "whsec_<base64>"
    int                                              retention_days = 30;   // delivered responses kept this long; 0 = forever
};

constexpr int kMaxBatchSize = 500;
constexpr int kMinBatchBytes = 1024;
constexpr int kMaxBatchBytes = 5 * 1024 * 1024;

// Accepts {"url", "method", "headers", "timeout_ms", "body": "object"|"array"|"ndjson",
// "batch_size", "batch_bytes", "simple", "signing_secret", "retention_days"}, or null/absent.
// Unknown keys are refused so a typo never silently changes delivery.
// The URL must be https, or http to a loopback host (127.0.0.0/8, localhost, [::1]): responses
// can carry personal data and must not cross a network in clear text.
bool ParseEndpointConfig(std::string_view json, EndpointConfig* out, std::string* error);
bool EndpointUrlAllowed(std::string_view url, std::string* error);

// The request headers: content type, the idempotency key, then the operator's. Simple mode sends
// only Content-Type: text/plain.
std::string EndpointHeadersJson(const EndpointConfig& cfg, std::string_view idempotency_key,
                                std::string_view content_type = "application/json");

const char* BodyShapeContentType(BodyShape shape);

// The stable name of where a response goes, kept with each stored response so that each widget
// of an origin delivers only what it collected (docs/decisions.md D22): "ep-" + 16 hex digits of
// FNV-1a 64 over the method, the URL and the body shape; kLocalEndpointKey when there is no
// endpoint (responses kept on the device, never sent). Headers, timeouts and batching are how to
// talk to the endpoint, not which one it is: they may change between page loads.
constexpr const char* kLocalEndpointKey = "local";
std::string EndpointKey(const EndpointConfig& cfg);

} // namespace manyi
