#include <doctest/doctest.h>

#include "core/json_text.h"
#include "core/utf8.h"

TEST_CASE("LineColumnAt counts lines and code-point columns from 1")
{
    int line = 0, column = 0;
    manyi::LineColumnAt("abc", 0, &line, &column);
    CHECK(line == 1);
    CHECK(column == 1);
    manyi::LineColumnAt("ab\ncd", 4, &line, &column);
    CHECK(line == 2);
    CHECK(column == 2);
    manyi::LineColumnAt("\"中文\" x", 9, &line, &column); // byte 9 is the x
    CHECK(line == 1);
    CHECK(column == 6);
    manyi::LineColumnAt("ab", 99, &line, &column); // past the end: clamped
    CHECK(line == 1);
    CHECK(column == 3);
}

TEST_CASE("ParseJsonText reports line and column of the error")
{
    manyi::Json j;
    std::string error;
    CHECK(manyi::ParseJsonText("{\"a\": [1, 2]}", &j, &error));
    CHECK(j["a"][1] == 2);

    CHECK_FALSE(manyi::ParseJsonText("{\n  \"a\": 1,\n  \"b\": }", &j, &error));
    CHECK(error.find("line 3, column 8") != std::string::npos);
    CHECK(error.find("unexpected '}'") != std::string::npos);

    CHECK_FALSE(manyi::ParseJsonText("", &j, &error));
    CHECK(error.find("line 1, column 1") != std::string::npos);

    // Columns are characters: the 'x' is the 7th character although the 10th byte.
    CHECK_FALSE(manyi::ParseJsonText("[\"中文\" x]", &j, &error));
    CHECK(error.find("line 1, column 7") != std::string::npos);

    // Invalid UTF-8 in the input is an error, and the message itself stays valid UTF-8.
    CHECK_FALSE(manyi::ParseJsonText("[\"\xff\"]", &j, &error));
    CHECK(error.find("ill-formed UTF-8") != std::string::npos);
    CHECK(manyi::Utf8Sanitize(error) == error);
}

TEST_CASE("Utf8Length and Utf8Sanitize")
{
    CHECK(manyi::Utf8Length("") == 0);
    CHECK(manyi::Utf8Length("abc") == 3);
    CHECK(manyi::Utf8Length("很满意") == 3);
    CHECK(manyi::Utf8Length("\xF0\x9F\x98\x80") == 1); // U+1F600
    CHECK(manyi::Utf8Length("a\xff" "b") == 3);

    CHECK(manyi::Utf8Sanitize("很满意 😀") == "很满意 😀");
    CHECK(manyi::Utf8Sanitize("a\xff" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(manyi::Utf8Sanitize("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");         // overlong '/'
    CHECK(manyi::Utf8Sanitize("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"); // surrogate
    CHECK(manyi::Utf8Sanitize("\xE4\xB8") == "\xEF\xBF\xBD\xEF\xBF\xBD");         // truncated
    CHECK(manyi::Utf8Sanitize(std::string("a\0b", 3)) == std::string("a\0b", 3));
}
