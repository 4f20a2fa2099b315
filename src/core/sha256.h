// SHA-256 (FIPS 180-4), HMAC-SHA-256 (RFC 2104) and PBKDF2-HMAC-SHA-256 (RFC 8018): our own code,
// so the operator PIN is hashed the same way natively (the `manyi pin-hash` CLI, the unit tests)
// and in wasm, synchronously (WebCrypto's PBKDF2 is asynchronous and absent on plain http).
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace manyi {

using Sha256Digest = std::array<uint8_t, 32>;

// Incremental hashing: Update any number of times, then Final once.
struct Sha256
{
    uint32_t state[8];
    uint8_t  block[64];
    size_t   block_used = 0;
    uint64_t total_bytes = 0;

    Sha256();
    void Update(const uint8_t* data, size_t size);
    void Update(std::string_view bytes) { Update((const uint8_t*)bytes.data(), bytes.size()); }
    Sha256Digest Final();
};

Sha256Digest Sha256Of(std::string_view bytes);
Sha256Digest HmacSha256(std::string_view key, std::string_view message);

// Derives `length` bytes. `iterations` >= 1; the caller bounds it (a record read from storage is
// hostile input: ParsePinRecord caps the count).
std::vector<uint8_t> Pbkdf2HmacSha256(std::string_view password, std::string_view salt, uint32_t iterations, size_t length);

std::string HexOf(const uint8_t* data, size_t size);

} // namespace manyi
