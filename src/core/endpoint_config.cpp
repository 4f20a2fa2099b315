#include "core/endpoint_config.h"

#include <cctype>

#include "core/json_text.h"

namespace manyi {

static std::string Lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = (char)tolower((unsigned char)c);
    return out;
}

bool EndpointUrlAllowed(std::string_view url, std::string* error)
{
    std::string u = Lower(url);
    size_t scheme_end = u.find("://");
    if (scheme_end == std::string::npos)
    {
        *error = "endpoint URL must be absolute (https://…): \"" + std::string(url) + "\"";
        return false;
    }
    std::string scheme = u.substr(0, scheme_end);
    size_t host_begin = scheme_end + 3;
    size_t host_end = u.find_first_of("/?#", host_begin);
    std::string authority = u.substr(host_begin, host_end == std::string::npos ? std::string::npos : host_end - host_begin);
    size_t at = authority.rfind('@');
    if (at != std::string::npos) authority = authority.substr(at + 1);
    std::string host = authority;
    if (!host.empty() && host[0] == '[') host = host.substr(0, host.find(']') + 1);
    else host = host.substr(0, host.find(':'));
    if (host.empty())
    {
        *error = "endpoint URL has no host: \"" + std::string(url) + "\"";
        return false;
    }
    if (scheme == "https")
        return true;
    bool loopback = host == "localhost" || host == "[::1]" || host.rfind("127.", 0) == 0;
    if (scheme == "http" && loopback)
        return true;
    *error = scheme == "http" ? "endpoint must use https (plain http is allowed only for loopback hosts): \"" + std::string(url) + "\""
                              : "endpoint URL scheme must be https: \"" + std::string(url) + "\"";
    return false;
}

bool ParseEndpointConfig(std::string_view json, EndpointConfig* out, std::string* error)
{
    *out = EndpointConfig{};
    if (json.empty() || json == "null")
        return true;
    Json j;
    if (!ParseJsonText(json, &j, error))
        return false;
    if (j.is_null())
        return true;
    if (!j.is_object() || !j.contains("url") || !j["url"].is_string())
    {
        *error = "endpoint must be an object with a string \"url\"";
        return false;
    }
    EndpointConfig cfg;
    cfg.url = j["url"].get<std::string>();
    if (cfg.url.empty())
        return true;
    if (!EndpointUrlAllowed(cfg.url, error))
        return false;
    if (j.contains("headers"))
    {
        if (!j["headers"].is_object())
        {
            *error = "endpoint \"headers\" must be an object of strings";
            return false;
        }
        for (auto& [name, value] : j["headers"].items())
        {
            if (!value.is_string())
            {
                *error = "endpoint header \"" + name + "\" must be a string";
                return false;
            }
            cfg.headers.emplace_back(name, value.get<std::string>());
        }
    }
    if (j.contains("timeout_ms") && j["timeout_ms"].is_number_integer())
    {
        int t = j["timeout_ms"].get<int>();
        cfg.timeout_ms = t < 1000 ? 1000 : t > 120000 ? 120000 : t;
    }
    *out = std::move(cfg);
    return true;
}

std::string EndpointHeadersJson(const EndpointConfig& cfg, std::string_view idempotency_key)
{
    Json h = Json::object();
    h["Content-Type"] = "application/json";
    h["Idempotency-Key"] = std::string(idempotency_key);
    for (auto& [name, value] : cfg.headers)
        h[name] = value;
    return DumpJson(h);
}

} // namespace manyi
