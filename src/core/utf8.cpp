#include "core/utf8.h"

#include <cstdint>

namespace manyi {

// Length in bytes of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid
// (overlong forms, surrogates and values above U+10FFFF are invalid, per RFC 3629).
static int ValidSequenceLength(std::string_view s, size_t i)
{
    const uint8_t c = (uint8_t)s[i];
    if (c < 0x80)
        return 1;
    int len = 0;
    uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) { len = 2; }
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) { len = 3; }
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) { len = 3; }
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) { len = 4; }
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return 0;
    if (i + len > s.size())
        return 0;
    const uint8_t c1 = (uint8_t)s[i + 1];
    if (c1 < lo || c1 > hi)
        return 0;
    for (int k = 2; k < len; k++)
        if (((uint8_t)s[i + k] & 0xC0) != 0x80)
            return 0;
    return len;
}

int Utf8Length(std::string_view s)
{
    int n = 0;
    for (size_t i = 0; i < s.size(); n++)
    {
        const int len = ValidSequenceLength(s, i);
        i += len > 0 ? len : 1;
    }
    return n;
}

std::string Utf8Sanitize(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();)
    {
        const int len = ValidSequenceLength(s, i);
        if (len > 0) { out.append(s.substr(i, len)); i += len; }
        else { out += "\xEF\xBF\xBD"; i += 1; }
    }
    return out;
}

} // namespace manyi
