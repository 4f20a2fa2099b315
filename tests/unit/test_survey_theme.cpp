// The survey's `theme` section.
#include <doctest/doctest.h>

#include <string>

#include "core/survey.h"

using namespace manyi;

static std::string WithTheme(const std::string& theme)
{
    return R"({"format_version":1,"id":"t","version":"1","locales":["en"],"default_locale":"en","title":"T",
              "questions":[{"id":"q","type":"rating","title":"Q","points":5}],"theme":)" + theme + "}";
}

TEST_CASE("survey theme: accent, corner radius, font scale")
{
    SurveyParseResult r = ParseSurvey(WithTheme(R"({"accent":"#0A7F3c","corner_radius":4,"font_scale":1.25})"));
    REQUIRE(r.ok());
    CHECK(r.survey.theme.has_accent);
    CHECK(r.survey.theme.accent_rgb == 0x0a7f3c);
    CHECK(r.survey.theme.corner_radius == 4.0f);
    CHECK(r.survey.theme.font_scale == 1.25f);

    SurveyParseResult none = ParseSurvey(WithTheme("{}"));
    REQUIRE(none.ok());
    CHECK_FALSE(none.survey.theme.has_accent);
    CHECK(none.survey.theme.corner_radius < 0);
    CHECK(none.survey.theme.font_scale == 0.0f);
}

TEST_CASE("survey theme: bad values are problems with their paths")
{
    auto paths = [](const std::string& theme) {
        std::string all;
        for (const SurveyProblem& p : ParseSurvey(WithTheme(theme)).problems) all += p.path + ";";
        return all;
    };
    CHECK(paths(R"({"accent":"blue"})") == "/theme/accent;");
    CHECK(paths(R"({"accent":"#12345g"})") == "/theme/accent;");
    CHECK(paths(R"({"corner_radius":40})") == "/theme/corner_radius;");
    CHECK(paths(R"({"font_scale":3})") == "/theme/font_scale;");
    CHECK(paths(R"({"colour":"#000000"})").find("/theme") != std::string::npos);
    CHECK(paths(R"("dark")") == "/theme;");
    uint32_t rgb = 0;
    CHECK(ParseHexColor("#ffFFff", &rgb));
    CHECK(rgb == 0xffffff);
    CHECK_FALSE(ParseHexColor("ffffff", &rgb));
    CHECK_FALSE(ParseHexColor("#fff", &rgb));
}
