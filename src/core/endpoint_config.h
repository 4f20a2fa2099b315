// Where responses are delivered: the operator's HTTP endpoint (docs/delivery.md).
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manyi {

struct EndpointConfig
{
    std::string                                      url;     // empty: keep responses on the device only
    std::vector<std::pair<std::string, std::string>> headers; // e.g. Authorization
    int                                              timeout_ms = 15000;
};

// Accepts {"url": "...", "headers": {"Name": "value"}, "timeout_ms": N}, or null/absent.
// The URL must be https, or http to a loopback host (127.0.0.0/8, localhost, [::1]): responses
// can carry personal data and must not cross a network in clear text.
bool ParseEndpointConfig(std::string_view json, EndpointConfig* out, std::string* error);
bool EndpointUrlAllowed(std::string_view url, std::string* error);

// The request headers for one response: JSON content type, the idempotency key, then the operator's.
std::string EndpointHeadersJson(const EndpointConfig& cfg, std::string_view idempotency_key);

} // namespace manyi
