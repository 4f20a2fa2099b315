// A piece of text shown to a respondent, in one or more locales.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace manyi {

struct LocalizedText
{
    // In file order. A plain JSON string in the survey is stored under locale "".
    std::vector<std::pair<std::string, std::string>> by_locale;

    // Exact locale, else same language ("zh" for "zh-CN", "en" for "en-GB", then any "en-*"),
    // else the "" entry, else the first entry; empty if there are none. Locale tags compare
    // case-insensitively, as BCP 47 says they do.
    std::string Get(std::string_view locale) const;
    bool Empty() const;
};

// "zh" for "zh-CN", "en" for "en", lowercased.
std::string LocaleLanguage(std::string_view locale);
bool LocaleEquals(std::string_view a, std::string_view b);

} // namespace manyi
