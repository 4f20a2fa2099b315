#include "core/uuid.h"

namespace manyi {

std::string UuidV4FromBytes(const uint8_t random16[16])
{
    uint8_t b[16];
    for (int i = 0; i < 16; i++)
        b[i] = random16[i];
    b[6] = (uint8_t)((b[6] & 0x0F) | 0x40); // version 4
    b[8] = (uint8_t)((b[8] & 0x3F) | 0x80); // variant 10xx (RFC 9562)

    static const char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; i++)
    {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out += '-';
        out += kHex[b[i] >> 4];
        out += kHex[b[i] & 0x0F];
    }
    return out;
}

bool IsUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (size_t i = 0; i < s.size(); i++)
    {
        const char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23)
        {
            if (c != '-')
                return false;
        }
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
        {
            return false;
        }
    }
    return true;
}

} // namespace manyi
