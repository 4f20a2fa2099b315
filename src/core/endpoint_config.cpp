#include "core/endpoint_config.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

#include "core/json_text.h"

namespace manyi {

static std::string Lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out) c = (char)tolower((unsigned char)c);
    return out;
}

// A dotted-decimal IPv4 literal in 127.0.0.0/8. Only the strict four-part form counts: a host such
// as "127.0.0.1.example.com" or "127.evil.net" is a DNS name that can resolve anywhere.
static bool IsLoopbackIpv4(std::string_view host)
{
    int parts = 0;
    size_t i = 0;
    while (true)
    {
        size_t start = i;
        int value = 0;
        while (i < host.size() && host[i] >= '0' && host[i] <= '9' && i - start < 3)
            value = value * 10 + (host[i++] - '0');
        if (i == start || value > 255 || (parts == 0 && value != 127))
            return false;
        parts++;
        if (i == host.size())
            return parts == 4;
        if (host[i] != '.' || parts == 4)
            return false;
        i++;
    }
}

bool EndpointUrlAllowed(std::string_view url, std::string* error)
{
    for (char c : url)
    {
        // Browsers strip or encode these before parsing, so the host they contact could differ
        // from the one checked here.
        if ((unsigned char)c <= 0x20 || c == 0x7f)
        {
            *error = "endpoint URL must not contain spaces or control characters: \"" + std::string(url) + "\"";
            return false;
        }
    }
    std::string u = Lower(url);
    size_t scheme_end = u.find("://");
    // A "://" after a character that cannot be in a scheme ("/proxy?to=https://…") is not one.
    if (scheme_end != std::string::npos &&
        (scheme_end == 0 || !isalpha((unsigned char)u[0]) ||
         u.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789+-.") < scheme_end))
        scheme_end = std::string::npos;
    if (scheme_end == std::string::npos)
    {
        *error = "endpoint URL must be absolute (https://…): \"" + std::string(url) + "\"";
        return false;
    }
    std::string scheme = u.substr(0, scheme_end);
    size_t host_begin = scheme_end + 3;
    // Browsers treat a backslash like '/' in http(s) URLs: http://evil.com\@127.0.0.1/ goes to evil.com.
    size_t host_end = u.find_first_of("/?#\\", host_begin);
    std::string authority = u.substr(host_begin, host_end == std::string::npos ? std::string::npos : host_end - host_begin);
    size_t at = authority.rfind('@');
    if (at != std::string::npos) authority = authority.substr(at + 1);
    std::string host, port;
    if (!authority.empty() && authority[0] == '[')
    {
        size_t close = authority.find(']');
        host = authority.substr(0, close == std::string::npos ? std::string::npos : close + 1);
        port = close == std::string::npos ? "" : authority.substr(close + 1);
    }
    else
    {
        size_t colon = authority.find(':');
        host = authority.substr(0, colon);
        port = colon == std::string::npos ? "" : authority.substr(colon);
    }
    if (host.empty())
    {
        *error = "endpoint URL has no host: \"" + std::string(url) + "\"";
        return false;
    }
    // The port, if any: ":" then up to 5 digits, at most 65535 (":" alone means the default port).
    bool port_ok = port.empty() || (port[0] == ':' && port.size() <= 6);
    long port_value = 0;
    for (size_t i = 1; port_ok && i < port.size(); i++)
    {
        port_ok = port[i] >= '0' && port[i] <= '9';
        port_value = port_value * 10 + (port[i] - '0');
    }
    port_ok = port_ok && port_value <= 65535;
    if (!port_ok || (host[0] == '[' && host.back() != ']'))
    {
        *error = "endpoint URL has an invalid host or port: \"" + std::string(url) + "\"";
        return false;
    }
    if (scheme == "https")
        return true;
    bool loopback = host == "localhost" || host == "[::1]" || IsLoopbackIpv4(host);
    if (scheme == "http" && loopback)
        return true;
    *error = scheme == "http" ? "endpoint must use https (plain http is allowed only for loopback hosts): \"" + std::string(url) + "\""
                              : "endpoint URL scheme must be https: \"" + std::string(url) + "\"";
    return false;
}

// fetch() rejects a request whose header name is not an HTTP token or whose value holds CR, LF or
// NUL; catch that here, where the operator sees the message, instead of at every delivery.
static bool HeaderNameValid(std::string_view name)
{
    if (name.empty())
        return false;
    for (char c : name)
    {
        bool token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
        if (!token)
            return false;
    }
    return true;
}

static bool HeaderValueValid(std::string_view value)
{
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

static bool IntInRange(const Json& j, const char* key, int lo, int hi, int* out, std::string* error)
{
    if (!j.contains(key))
        return true;
    const Json& v = j[key];
    // nlohmann stores every non-negative integer as unsigned: check both ends in that case too.
    bool in_range = !v.is_number_integer() ? false : v.is_number_unsigned() ? (v.get<uint64_t>() <= (uint64_t)hi && (lo <= 0 || v.get<uint64_t>() >= (uint64_t)lo))
                                           : (v.get<int64_t>() >= lo && v.get<int64_t>() <= hi);
    if (!v.is_number_integer() || !in_range)
    {
        *error = std::string("endpoint \"") + key + "\" must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        return false;
    }
    *out = (int)v.get<int64_t>();
    return true;
}

static bool ParseDeliveryOptions(const Json& j, EndpointConfig* cfg, std::string* error)
{
    static const char* kKeys[] = { "url", "method", "headers", "timeout_ms", "body", "batch_size", "batch_bytes",
                                   "simple", "signing_secret", "retention_days" };
    for (auto& [key, value] : j.items())
    {
        bool known = false;
        for (const char* k : kKeys) known = known || key == k;
        if (!known)
        {
            *error = "endpoint has an unknown option \"" + key + "\"";
            return false;
        }
    }
    if (j.contains("method"))
    {
        std::string m = j["method"].is_string() ? j["method"].get<std::string>() : "";
        if (m != "POST" && m != "PUT")
        {
            *error = "endpoint \"method\" must be \"POST\" or \"PUT\"";
            return false;
        }
        cfg->method = m;
    }
    if (j.contains("body"))
    {
        std::string b = j["body"].is_string() ? j["body"].get<std::string>() : "";
        if (b == "object") cfg->body = BodyShape::Object;
        else if (b == "array") cfg->body = BodyShape::Array;
        else if (b == "ndjson") cfg->body = BodyShape::Ndjson;
        else
        {
            *error = "endpoint \"body\" must be \"object\", \"array\" or \"ndjson\"";
            return false;
        }
        if (cfg->body != BodyShape::Object) cfg->batch_size = 50;
    }
    if (!IntInRange(j, "batch_size", 1, kMaxBatchSize, &cfg->batch_size, error) ||
        !IntInRange(j, "batch_bytes", kMinBatchBytes, kMaxBatchBytes, &cfg->batch_bytes, error) ||
        !IntInRange(j, "retention_days", 0, 3650, &cfg->retention_days, error))
        return false;
    if (cfg->body == BodyShape::Object && cfg->batch_size != 1)
    {
        *error = "endpoint \"batch_size\" above 1 needs \"body\": \"array\" or \"ndjson\"";
        return false;
    }
    if (j.contains("simple"))
    {
        if (!j["simple"].is_boolean())
        {
            *error = "endpoint \"simple\" must be true or false";
            return false;
        }
        cfg->simple = j["simple"].get<bool>();
    }
    if (j.contains("signing_secret"))
    {
        std::string secret = j["signing_secret"].is_string() ? j["signing_secret"].get<std::string>() : "";
        if (secret.rfind("whsec_", 0) != 0 || secret.size() < 6 + 24)
        {
            *error = "endpoint \"signing_secret\" must be a Standard Webhooks secret: \"whsec_\" followed by base64 of at least 18 bytes";
            return false;
        }
        cfg->signing_secret = secret;
    }
    if (cfg->simple && (!cfg->headers.empty() || !cfg->signing_secret.empty()))
    {
        *error = "endpoint \"simple\" mode sends no custom headers: remove \"headers\" and \"signing_secret\"";
        return false;
    }
    return true;
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
            if (!HeaderNameValid(name))
            {
                *error = "endpoint header name \"" + name + "\" is not a valid HTTP header name";
                return false;
            }
            if (!HeaderValueValid(value.get<std::string>()))
            {
                *error = "endpoint header \"" + name + "\" must not contain line breaks or NUL characters";
                return false;
            }
            cfg.headers.emplace_back(name, value.get<std::string>());
        }
    }
    if (!ParseDeliveryOptions(j, &cfg, error))
        return false;
    if (j.contains("timeout_ms") && j["timeout_ms"].is_number_integer())
    {
        // get<int>() would wrap a value beyond int's range (10^12 became negative, so 1000 ms).
        const Json& tj = j["timeout_ms"];
        int64_t t = tj.is_number_unsigned() ? (tj.get<uint64_t>() > 120000 ? 120000 : (int64_t)tj.get<uint64_t>())
                                            : tj.get<int64_t>();
        cfg.timeout_ms = t < 1000 ? 1000 : t > 120000 ? 120000 : (int)t;
    }
    *out = std::move(cfg);
    return true;
}

const char* BodyShapeContentType(BodyShape shape)
{
    return shape == BodyShape::Ndjson ? "application/x-ndjson" : "application/json";
}

std::string EndpointHeadersJson(const EndpointConfig& cfg, std::string_view idempotency_key, std::string_view content_type)
{
    Json h = Json::object();
    if (cfg.simple)
    {
        h["Content-Type"] = "text/plain;charset=UTF-8";
        return DumpJson(h);
    }
    h["Content-Type"] = std::string(content_type);
    h["Idempotency-Key"] = std::string(idempotency_key);
    for (auto& [name, value] : cfg.headers)
    {
        // Ours win: fetch() would merge a differently-cased duplicate ("application/json, text/plain"),
        // and a fixed Idempotency-Key would make the endpoint drop every response after the first.
        std::string lower = Lower(name);
        if (lower == "content-type" || lower == "idempotency-key")
            continue;
        h[name] = value;
    }
    return DumpJson(h);
}

std::string EndpointKey(const EndpointConfig& cfg)
{
    if (cfg.url.empty()) return kLocalEndpointKey;
    const std::string text = cfg.method + "\n" + cfg.url + "\n" + BodyShapeContentType(cfg.body);
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) { h ^= c; h *= 1099511628211ull; }
    char out[24];
    snprintf(out, sizeof out, "ep-%016llx", (unsigned long long)h);
    return out;
}

} // namespace manyi
