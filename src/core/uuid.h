// UUIDs for response ids. The caller supplies the randomness (crypto.getRandomValues in the
// browser, the OS natively) so this stays pure and testable.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace manyi {

// RFC 9562 version 4: the 16 bytes with the version and variant bits set; lowercase, 36 chars.
std::string UuidV4FromBytes(const uint8_t random16[16]);

// 8-4-4-4-12 hex digits (either case), any version.
bool IsUuid(std::string_view s);

} // namespace manyi
