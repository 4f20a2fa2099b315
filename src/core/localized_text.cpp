#include "core/localized_text.h"

namespace manyi {

static char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

bool LocaleEquals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); i++)
    {
        // "zh_CN" (POSIX style) and "zh-CN" name the same locale.
        const char ca = a[i] == '_' ? '-' : AsciiLower(a[i]);
        const char cb = b[i] == '_' ? '-' : AsciiLower(b[i]);
        if (ca != cb)
            return false;
    }
    return true;
}

std::string LocaleLanguage(std::string_view locale)
{
    std::string lang;
    for (char c : locale)
    {
        if (c == '-' || c == '_')
            break;
        lang += AsciiLower(c);
    }
    return lang;
}

std::string LocalizedText::Get(std::string_view locale) const
{
    if (by_locale.empty())
        return std::string();
    for (const auto& [loc, text] : by_locale)
        if (LocaleEquals(loc, locale))
            return text;

    // A bare language entry ("en") is the intended fallback for any region; prefer it over a
    // sibling region ("en-US" for "en-GB").
    const std::string lang = LocaleLanguage(locale);
    if (!lang.empty())
    {
        for (const auto& [loc, text] : by_locale)
            if (LocaleEquals(loc, lang))
                return text;
        for (const auto& [loc, text] : by_locale)
            if (LocaleLanguage(loc) == lang)
                return text;
    }
    for (const auto& [loc, text] : by_locale)
        if (loc.empty())
            return text;
    return by_locale.front().second;
}

bool LocalizedText::Empty() const
{
    for (const auto& entry : by_locale)
        if (!entry.second.empty())
            return false;
    return true;
}

} // namespace manyi
