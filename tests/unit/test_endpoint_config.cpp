#include <doctest/doctest.h>

#include <string>

#include "core/endpoint_config.h"
#include "core/json_text.h"

namespace {

bool Allowed(const std::string& url)
{
    std::string error;
    bool ok = manyi::EndpointUrlAllowed(url, &error);
    if (ok)
        CHECK(error.empty());
    else
        CHECK_FALSE(error.empty());
    return ok;
}

std::string RefusalOf(const std::string& url)
{
    std::string error;
    CHECK_FALSE(manyi::EndpointUrlAllowed(url, &error));
    return error;
}

bool Contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("EndpointUrlAllowed: https to any host")
{
    CHECK(Allowed("https://example.com/manyi/responses"));
    CHECK(Allowed("https://example.com"));
    CHECK(Allowed("https://example.com/"));
    CHECK(Allowed("https://example.com:8443/path?x=1#frag"));
    CHECK(Allowed("https://10.0.0.5/collect"));
    CHECK(Allowed("https://192.168.1.10:443/"));
    CHECK(Allowed("https://[2001:db8::1]:8443/r"));
    CHECK(Allowed("https://127.0.0.1/"));
    CHECK(Allowed("https://localhost:3000/"));
    CHECK(Allowed("https://user:pass@example.com/"));
    CHECK(Allowed("https://例子.测试/responses")); // IDN host, UTF-8
    CHECK(Allowed("https://xn--fsqu00a.xn--0zwm56d/"));
    CHECK(Allowed("https://example.com:/")); // empty port: the default
}

TEST_CASE("EndpointUrlAllowed: plain http only to loopback hosts")
{
    CHECK(Allowed("http://127.0.0.1/"));
    CHECK(Allowed("http://127.0.0.1"));
    CHECK(Allowed("http://127.0.0.1:8080/responses"));
    CHECK(Allowed("http://127.1.2.3:9/"));
    CHECK(Allowed("http://127.255.255.255/"));
    CHECK(Allowed("http://localhost/"));
    CHECK(Allowed("http://localhost:8787/collect?x=1"));
    CHECK(Allowed("http://[::1]/"));
    CHECK(Allowed("http://[::1]:8080/r"));
    CHECK(Allowed("http://127.0.0.1?x=1"));
    CHECK(Allowed("http://127.0.0.1#frag"));
    CHECK(Allowed("http://127.0.0.1:65535/"));

    CHECK_FALSE(Allowed("http://10.0.0.1/"));
    CHECK_FALSE(Allowed("http://10.0.0.1:8080/responses"));
    CHECK_FALSE(Allowed("http://192.168.1.1/"));
    CHECK_FALSE(Allowed("http://172.16.0.1/"));
    CHECK_FALSE(Allowed("http://example.com/"));
    CHECK_FALSE(Allowed("http://example.com:80/"));
    CHECK_FALSE(Allowed("http://0.0.0.0/"));
    CHECK_FALSE(Allowed("http://128.0.0.1/"));
    CHECK_FALSE(Allowed("http://[::2]/"));
    CHECK_FALSE(Allowed("http://[2001:db8::1]/"));

    std::string error = RefusalOf("http://example.com/r");
    CHECK(Contains(error, "must use https"));
    CHECK(Contains(error, "loopback"));
    CHECK(Contains(error, "\"http://example.com/r\""));
}

TEST_CASE("EndpointUrlAllowed: look-alike loopback hosts are DNS names and refused")
{
    // Only a dotted-decimal 127.x.y.z literal is loopback; these names can resolve anywhere.
    CHECK_FALSE(Allowed("http://127.0.0.1.evil.com/"));
    CHECK_FALSE(Allowed("http://127.0.0.1.nip.io/"));
    CHECK_FALSE(Allowed("http://127.evil.com/"));
    CHECK_FALSE(Allowed("http://127./"));
    CHECK_FALSE(Allowed("http://127.0.0.1.1/"));
    CHECK_FALSE(Allowed("http://127.0.0.256/"));
    CHECK_FALSE(Allowed("http://127.0.0.1000/"));
    CHECK_FALSE(Allowed("http://1270.0.0.1/"));
    CHECK_FALSE(Allowed("http://localhost.evil.com/"));
    CHECK_FALSE(Allowed("http://evil-localhost/"));
    CHECK_FALSE(Allowed("http://localhostt/"));
    CHECK_FALSE(Allowed("http://[::1].evil.com/"));
    CHECK_FALSE(Allowed("http://[::1]evil/"));
}

TEST_CASE("EndpointUrlAllowed: userinfo decides nothing, the host after the last @ does")
{
    CHECK_FALSE(Allowed("http://127.0.0.1@evil.com/"));
    CHECK_FALSE(Allowed("http://localhost@evil.com/"));
    CHECK_FALSE(Allowed("http://[::1]@evil.com/"));
    CHECK_FALSE(Allowed("http://127.0.0.1:8080@evil.com/"));
    CHECK_FALSE(Allowed("http://user:pw@127.0.0.1@evil.com/"));
    CHECK_FALSE(Allowed("http://127.0.0.1@example.com:80/"));

    CHECK(Allowed("http://evil.com@127.0.0.1/"));
    CHECK(Allowed("http://user:secret@localhost:8080/"));
    CHECK(Allowed("http://evil.com:@[::1]/"));
    CHECK(Allowed("http://a@b@127.0.0.1/"));

    // An '@' after the authority is in the path, query or fragment, and the host stays loopback.
    CHECK(Allowed("http://127.0.0.1/@evil.com"));
    CHECK(Allowed("http://127.0.0.1?@evil.com"));
    CHECK(Allowed("http://127.0.0.1#@evil.com"));
    CHECK_FALSE(Allowed("http://evil.com/@127.0.0.1"));
    CHECK_FALSE(Allowed("http://evil.com?@127.0.0.1"));
    CHECK_FALSE(Allowed("http://evil.com#@127.0.0.1"));

    // Browsers read a backslash as '/' in http URLs: this one goes to evil.com.
    CHECK_FALSE(Allowed("http://evil.com\\@127.0.0.1/"));
    CHECK(Allowed("http://127.0.0.1\\@evil.com/"));
}

TEST_CASE("EndpointUrlAllowed: spaces and control characters are refused")
{
    // Browsers strip tabs and newlines anywhere and spaces at the ends before parsing.
    CHECK_FALSE(Allowed(" https://example.com/"));
    CHECK_FALSE(Allowed("https://example.com/ "));
    CHECK_FALSE(Allowed("http://127.0.0.1\t.evil.com/"));
    CHECK_FALSE(Allowed("http://127.0.0.1\n/"));
    CHECK_FALSE(Allowed("http://evil.com\r@127.0.0.1/"));
    CHECK_FALSE(Allowed(std::string("http://127.0.0.1\0.evil.com/", 27)));
    CHECK_FALSE(Allowed("https://exa mple.com/"));
    CHECK(Contains(RefusalOf("https://exa mple.com/"), "spaces or control characters"));
}

TEST_CASE("EndpointUrlAllowed: schemes")
{
    CHECK_FALSE(Allowed("ftp://127.0.0.1/"));
    CHECK_FALSE(Allowed("ftp://example.com/file"));
    CHECK_FALSE(Allowed("ws://localhost/"));
    CHECK_FALSE(Allowed("wss://example.com/"));
    CHECK_FALSE(Allowed("javascript://%0aalert(1)"));
    CHECK_FALSE(Allowed("httpss://example.com/"));
    CHECK_FALSE(Allowed("xhttps://example.com/"));
    CHECK_FALSE(Allowed("https:/example.com/"));
    CHECK_FALSE(Allowed("https:example.com"));
    CHECK_FALSE(Allowed("data:application/json,{}"));
    CHECK_FALSE(Allowed("file:///etc/passwd"));

    std::string error = RefusalOf("ftp://example.com/file");
    CHECK(Contains(error, "scheme must be https"));
    CHECK(Contains(error, "\"ftp://example.com/file\""));
    CHECK_FALSE(Contains(error, "loopback"));
}

TEST_CASE("EndpointUrlAllowed: schemes and hosts are case-insensitive")
{
    CHECK(Allowed("HTTPS://EXAMPLE.COM/Responses"));
    CHECK(Allowed("Https://Example.com/"));
    CHECK(Allowed("HTTP://LOCALHOST:8080/"));
    CHECK(Allowed("http://LocalHost/"));
    CHECK(Allowed("HTTP://127.0.0.1/"));
    CHECK_FALSE(Allowed("HTTP://EXAMPLE.COM/"));
    CHECK_FALSE(Allowed("HTTP://127.0.0.1@EVIL.COM/"));
    CHECK_FALSE(Allowed("FTP://LOCALHOST/"));

    // The message quotes the URL as given, not lower-cased.
    CHECK(Contains(RefusalOf("HTTP://EXAMPLE.COM/Path"), "\"HTTP://EXAMPLE.COM/Path\""));
}

TEST_CASE("EndpointUrlAllowed: relative and host-less URLs")
{
    for (const char* url : { "", "/responses", "responses", "./r", "//example.com/r", "example.com/r",
                             "127.0.0.1:8080/r", "localhost:8080", "?x=https://example.com" })
    {
        CAPTURE(url);
        std::string error = RefusalOf(url);
        CHECK(Contains(error, "must be absolute"));
    }

    for (const char* url : { "https://", "https:///example.com", "http:///127.0.0.1/", "https://@/",
                             "https://user@/", "https://:443/", "http://?x", "http://#x" })
    {
        CAPTURE(url);
        std::string error = RefusalOf(url);
        CHECK(Contains(error, "has no host"));
    }

    // A "://" later in the string is not a scheme.
    CHECK(Contains(RefusalOf("/proxy?to=https://example.com/"), "must be absolute"));
    CHECK(Contains(RefusalOf("relative/http://127.0.0.1/"), "must be absolute"));
    CHECK(Contains(RefusalOf("://example.com/"), "must be absolute"));
    CHECK(Contains(RefusalOf("1http://127.0.0.1/"), "must be absolute"));
}

TEST_CASE("EndpointUrlAllowed: ports")
{
    CHECK(Allowed("http://127.0.0.1:1/"));
    CHECK(Allowed("https://example.com:65535/"));
    CHECK(Allowed("http://[::1]:/"));

    for (const char* url : { "http://127.0.0.1:65536/", "http://127.0.0.1:99999/", "http://127.0.0.1:123456/",
                             "http://127.0.0.1:80a/", "http://127.0.0.1:-1/", "http://127.0.0.1:8080.evil.com/",
                             "http://localhost:80:80/", "https://example.com:https/", "http://[::1]x/",
                             "http://[::1/", "https://[2001:db8::1/" })
    {
        CAPTURE(url);
        std::string error = RefusalOf(url);
        CHECK(Contains(error, "invalid host or port"));
    }
}

TEST_CASE("ParseEndpointConfig: null, absent and empty url mean device-only")
{
    manyi::EndpointConfig cfg;
    std::string error;
    for (const char* json : { "", "null", " null ", "{\"url\": \"\"}", "{\"url\": \"\", \"headers\": 5}" })
    {
        CAPTURE(json);
        cfg.url = "stale";
        cfg.headers = { { "X", "y" } };
        cfg.timeout_ms = 1;
        CHECK(manyi::ParseEndpointConfig(json, &cfg, &error));
        CHECK(cfg.url.empty());
        CHECK(cfg.headers.empty());
        CHECK(cfg.timeout_ms == 15000);
    }
}

TEST_CASE("ParseEndpointConfig: a full config")
{
    manyi::EndpointConfig cfg;
    std::string error;
    REQUIRE(manyi::ParseEndpointConfig(
        R"({"url": "https://example.com/manyi/responses",
            "headers": {"Authorization": "Bearer abc.def", "X-Survey": "中文 ✓", "X-Empty": ""},
            "timeout_ms": 5000})",
        &cfg, &error));
    CHECK(cfg.url == "https://example.com/manyi/responses");
    REQUIRE(cfg.headers.size() == 3);
    // In the order given.
    CHECK(cfg.headers[0] == std::make_pair(std::string("Authorization"), std::string("Bearer abc.def")));
    CHECK(cfg.headers[1] == std::make_pair(std::string("X-Survey"), std::string("中文 ✓")));
    CHECK(cfg.headers[2] == std::make_pair(std::string("X-Empty"), std::string()));
    CHECK(cfg.timeout_ms == 5000);

    REQUIRE(manyi::ParseEndpointConfig(R"({"url": "http://localhost:8787/r"})", &cfg, &error));
    CHECK(cfg.url == "http://localhost:8787/r");
    CHECK(cfg.headers.empty());
    CHECK(cfg.timeout_ms == 15000);

    // The URL is kept as given.
    REQUIRE(manyi::ParseEndpointConfig(R"({"url": "HTTPS://Example.COM/R", "headers": {}})", &cfg, &error));
    CHECK(cfg.url == "HTTPS://Example.COM/R");
    CHECK(cfg.headers.empty());

    // Unknown members are refused: a typo ("batchsize") must not silently change delivery.
    CHECK_FALSE(manyi::ParseEndpointConfig(R"({"url": "https://e.com/r", "retries": 3})", &cfg, &error));
    CHECK(error.find("unknown option \"retries\"") != std::string::npos);
}

TEST_CASE("ParseEndpointConfig: refused URLs and malformed configs")
{
    manyi::EndpointConfig cfg;
    std::string error;

    auto refuse = [&](const char* json) {
        CAPTURE(json);
        cfg.url = "stale";
        error.clear();
        CHECK_FALSE(manyi::ParseEndpointConfig(json, &cfg, &error));
        CHECK(cfg.url.empty()); // never left half-filled
        CHECK(cfg.headers.empty());
        return error;
    };

    CHECK(Contains(refuse(R"({"url": "http://example.com/r"})"), "must use https"));
    CHECK(Contains(refuse(R"({"url": "http://10.0.0.1/r"})"), "must use https"));
    CHECK(Contains(refuse(R"({"url": "http://192.168.0.2/r"})"), "must use https"));
    CHECK(Contains(refuse(R"({"url": "http://127.0.0.1@evil.com/"})"), "must use https"));
    CHECK(Contains(refuse(R"({"url": "ftp://example.com/r"})"), "scheme must be https"));
    CHECK(Contains(refuse(R"({"url": "/responses"})"), "must be absolute"));
    // The URL is checked before the headers.
    CHECK(Contains(refuse(R"({"url": "http://example.com/", "headers": 5})"), "must use https"));

    const std::string shape = "endpoint must be an object with a string \"url\"";
    CHECK(refuse(R"({})") == shape);
    CHECK(refuse(R"({"URL": "https://example.com/"})") == shape);
    CHECK(refuse(R"({"url": null})") == shape);
    CHECK(refuse(R"({"url": 5})") == shape);
    CHECK(refuse(R"({"url": ["https://example.com/"]})") == shape);
    CHECK(refuse(R"("https://example.com/")") == shape);
    CHECK(refuse(R"(["https://example.com/"])") == shape);
    CHECK(refuse(R"(true)") == shape);
    CHECK(refuse(R"(42)") == shape);

    // Not JSON at all: the JSON parser's message with a position.
    std::string bad = refuse(R"({"url": "https://example.com/",})");
    CHECK(Contains(bad, "invalid JSON at line 1"));
    CHECK(Contains(refuse("   "), "invalid JSON"));
    CHECK(Contains(refuse("{\"url\": \"https://\xff\"}"), "invalid JSON"));
}

TEST_CASE("ParseEndpointConfig: headers")
{
    manyi::EndpointConfig cfg;
    std::string error;

    auto refuse = [&](const std::string& headers) {
        CAPTURE(headers);
        error.clear();
        std::string json = R"({"url": "https://example.com/", "headers": )" + headers + "}";
        CHECK_FALSE(manyi::ParseEndpointConfig(json, &cfg, &error));
        CHECK(cfg.url.empty());
        CHECK(cfg.headers.empty());
        return error;
    };

    const std::string not_object = "endpoint \"headers\" must be an object of strings";
    CHECK(refuse("[]") == not_object);
    CHECK(refuse(R"([["Authorization", "x"]])") == not_object);
    CHECK(refuse(R"("Authorization: x")") == not_object);
    CHECK(refuse("null") == not_object);
    CHECK(refuse("5") == not_object);

    CHECK(refuse(R"({"X-Count": 5})") == "endpoint header \"X-Count\" must be a string");
    CHECK(refuse(R"({"A": "ok", "X-Flag": true})") == "endpoint header \"X-Flag\" must be a string");
    CHECK(refuse(R"({"X-Null": null})") == "endpoint header \"X-Null\" must be a string");
    CHECK(refuse(R"({"X-Obj": {"a": "b"}})") == "endpoint header \"X-Obj\" must be a string");

    // fetch() would reject these at every delivery; refuse them where the operator sees why.
    CHECK(refuse(R"({"": "x"})") == "endpoint header name \"\" is not a valid HTTP header name");
    CHECK(Contains(refuse(R"({"X Bad": "x"})"), "not a valid HTTP header name"));
    CHECK(Contains(refuse(R"({"X-Bad:": "x"})"), "not a valid HTTP header name"));
    CHECK(Contains(refuse(R"({"X-\r\nInjected": "x"})"), "not a valid HTTP header name"));
    CHECK(Contains(refuse(R"({"X-\u0000": "x"})"), "not a valid HTTP header name"));
    CHECK(Contains(refuse(R"({"Überschrift": "x"})"), "not a valid HTTP header name"));
    CHECK(refuse(R"({"X-Auth": "a\r\nSet-Cookie: b"})") ==
          "endpoint header \"X-Auth\" must not contain line breaks or NUL characters");
    CHECK(Contains(refuse(R"({"X-Auth": "a\nb"})"), "line breaks or NUL"));
    CHECK(Contains(refuse(R"({"X-Auth": "a\u0000b"})"), "line breaks or NUL"));

    // Token characters other than letters and digits are fine in names; values may be any text.
    REQUIRE(manyi::ParseEndpointConfig(
        R"({"url": "https://example.com/", "headers": {"X-A_b.c!#$%&'*+^`|~": "v", "X-T": "tab\tand \"quotes\""}})",
        &cfg, &error));
    REQUIRE(cfg.headers.size() == 2);
    CHECK(cfg.headers[0].first == "X-A_b.c!#$%&'*+^`|~");
    CHECK(cfg.headers[1].second == "tab\tand \"quotes\"");

    // A duplicate member: nlohmann keeps the last value.
    REQUIRE(manyi::ParseEndpointConfig(R"({"url": "https://example.com/", "headers": {"A": "1", "A": "2"}})",
                                       &cfg, &error));
    REQUIRE(cfg.headers.size() == 1);
    CHECK(cfg.headers[0].second == "2");
}

TEST_CASE("ParseEndpointConfig: timeout_ms is clamped to 1 s .. 120 s")
{
    auto timeout = [](const std::string& value) {
        CAPTURE(value);
        manyi::EndpointConfig cfg;
        std::string error;
        std::string json = R"({"url": "https://example.com/", "timeout_ms": )" + value + "}";
        CHECK(manyi::ParseEndpointConfig(json, &cfg, &error));
        return cfg.timeout_ms;
    };
    CHECK(timeout("5000") == 5000);
    CHECK(timeout("1000") == 1000);
    CHECK(timeout("120000") == 120000);
    CHECK(timeout("999") == 1000);
    CHECK(timeout("1") == 1000);
    CHECK(timeout("0") == 1000);
    CHECK(timeout("-5") == 1000);
    CHECK(timeout("-9223372036854775808") == 1000);
    CHECK(timeout("120001") == 120000);
    CHECK(timeout("2147483647") == 120000);
    CHECK(timeout("2147483648") == 120000);
    CHECK(timeout("4294967296") == 120000);     // would wrap to 0 in an int
    CHECK(timeout("1000000000000") == 120000);  // would wrap to a negative int
    CHECK(timeout("18446744073709551615") == 120000);
    // Not an integer: the default.
    CHECK(timeout("5000.5") == 15000);
    CHECK(timeout("1e4") == 15000);
    CHECK(timeout("\"5000\"") == 15000);
    CHECK(timeout("null") == 15000);
    CHECK(timeout("true") == 15000);
}

TEST_CASE("EndpointHeadersJson: content type, idempotency key, then the operator's headers")
{
    manyi::EndpointConfig cfg;
    CHECK(manyi::EndpointHeadersJson(cfg, "0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e") ==
          R"({"Content-Type":"application/json","Idempotency-Key":"0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e"})");

    cfg.headers = { { "Authorization", "Bearer x\"y\\z" }, { "X-Survey", "中文 😀" } };
    std::string json = manyi::EndpointHeadersJson(cfg, "id-1");
    CHECK(json == "{\"Content-Type\":\"application/json\",\"Idempotency-Key\":\"id-1\","
                  "\"Authorization\":\"Bearer x\\\"y\\\\z\",\"X-Survey\":\"中文 😀\"}");
    manyi::Json parsed;
    std::string error;
    REQUIRE(manyi::ParseJsonText(json, &parsed, &error));
    CHECK(parsed["Authorization"] == "Bearer x\"y\\z");
    CHECK(parsed["X-Survey"] == "中文 😀");
}

TEST_CASE("EndpointHeadersJson: the operator cannot replace Content-Type or Idempotency-Key")
{
    // A fixed Idempotency-Key would make the endpoint deduplicate every response into the first.
    manyi::EndpointConfig cfg;
    cfg.headers = { { "Idempotency-Key", "fixed" }, { "content-type", "text/plain" },
                    { "IDEMPOTENCY-KEY", "fixed2" }, { "Authorization", "a" } };
    manyi::Json parsed;
    std::string error;
    REQUIRE(manyi::ParseJsonText(manyi::EndpointHeadersJson(cfg, "the-id"), &parsed, &error));
    CHECK(parsed.size() == 3);
    CHECK(parsed["Content-Type"] == "application/json");
    CHECK(parsed["Idempotency-Key"] == "the-id");
    CHECK(parsed["Authorization"] == "a");
    CHECK_FALSE(parsed.contains("content-type"));
    CHECK_FALSE(parsed.contains("IDEMPOTENCY-KEY"));
}

TEST_CASE("EndpointHeadersJson: hostile strings stay valid JSON")
{
    manyi::EndpointConfig cfg;
    cfg.headers = { { "X-A", std::string("nul\0in", 6) }, { "X-B", "bad \xff utf8" } };
    std::string json = manyi::EndpointHeadersJson(cfg, std::string("k\"\\\x01", 4));
    manyi::Json parsed;
    std::string error;
    REQUIRE(manyi::ParseJsonText(json, &parsed, &error));
    CHECK(parsed["Idempotency-Key"] == std::string("k\"\\\x01", 4));
    CHECK(parsed["X-A"] == std::string("nul\0in", 6));
    CHECK(parsed["X-B"] == "bad \xEF\xBF\xBD utf8"); // invalid UTF-8 becomes U+FFFD
}
