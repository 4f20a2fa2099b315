#include <doctest/doctest.h>

#include "core/localized_text.h"

using manyi::LocalizedText;

TEST_CASE("LocalizedText: exact locale wins, case-insensitively")
{
    LocalizedText t;
    t.by_locale = { { "zh-CN", "你好" }, { "en", "hello" }, { "en-GB", "hello, mate" } };
    CHECK(t.Get("zh-CN") == "你好");
    CHECK(t.Get("zh-cn") == "你好");
    CHECK(t.Get("zh_CN") == "你好");
    CHECK(t.Get("en") == "hello");
    CHECK(t.Get("en-GB") == "hello, mate");
}

TEST_CASE("LocalizedText: same language falls back, bare language first")
{
    LocalizedText t;
    t.by_locale = { { "en-US", "color" }, { "en", "colour" }, { "zh-CN", "颜色" } };
    CHECK(t.Get("en-GB") == "colour"); // the bare "en" beats the sibling "en-US"
    CHECK(t.Get("zh") == "颜色");       // "zh" finds "zh-CN"
    CHECK(t.Get("zh-TW") == "颜色");

    LocalizedText only_region;
    only_region.by_locale = { { "zh-CN", "颜色" }, { "en-US", "color" } };
    CHECK(only_region.Get("en-AU") == "color");
}

TEST_CASE("LocalizedText: unlisted locale uses the plain entry, else the first")
{
    LocalizedText with_plain;
    with_plain.by_locale = { { "zh-CN", "你好" }, { "", "hello" } };
    CHECK(with_plain.Get("fr") == "hello");
    CHECK(with_plain.Get("") == "hello");

    LocalizedText without_plain;
    without_plain.by_locale = { { "zh-CN", "你好" }, { "en", "hello" } };
    CHECK(without_plain.Get("fr") == "你好");
    CHECK(without_plain.Get("") == "你好");
}

TEST_CASE("LocalizedText: empty")
{
    LocalizedText none;
    CHECK(none.Empty());
    CHECK(none.Get("en").empty());

    LocalizedText blank;
    blank.by_locale = { { "en", "" } };
    CHECK(blank.Empty());

    LocalizedText some;
    some.by_locale = { { "en", "" }, { "zh-CN", "是" } };
    CHECK_FALSE(some.Empty());
}

TEST_CASE("LocaleLanguage")
{
    CHECK(manyi::LocaleLanguage("zh-CN") == "zh");
    CHECK(manyi::LocaleLanguage("EN_gb") == "en");
    CHECK(manyi::LocaleLanguage("en") == "en");
    CHECK(manyi::LocaleLanguage("") == "");
}
