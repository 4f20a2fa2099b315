// UTF-8 helpers shared by the parsers. Counting is in code points because that is what a person
// editing a survey file sees as a "column", and what a text question's max_length limits.
#pragma once
#include <string>
#include <string_view>

namespace manyi {

// Number of code points; each invalid byte counts as one (as it will be shown as one U+FFFD).
int Utf8Length(std::string_view s);

// Copy of `s` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string Utf8Sanitize(std::string_view s);

} // namespace manyi
