#include "core/sha256.h"

#include <cstring>
#include <string>

namespace manyi {

static constexpr uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t Rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// One 64-byte block into the state (FIPS 180-4 §6.2.2).
static void Compress(uint32_t state[8], const uint8_t block[64])
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[i * 4] << 24 | (uint32_t)block[i * 4 + 1] << 16 | (uint32_t)block[i * 4 + 2] << 8 | block[i * 4 + 3];
    for (int i = 16; i < 64; i++)
    {
        uint32_t s0 = Rotr(w[i - 15], 7) ^ Rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = Rotr(w[i - 2], 17) ^ Rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++)
    {
        uint32_t t1 = h + (Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRoundConstants[i] + w[i];
        uint32_t t2 = (Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    state[0] += a; state[1] += b; state[2] += c; state[3] += d;
    state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

Sha256::Sha256()
{
    static constexpr uint32_t kInit[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(state, kInit, sizeof state);
}

void Sha256::Update(const uint8_t* data, size_t size)
{
    total_bytes += size;
    while (size > 0)
    {
        size_t take = 64 - block_used < size ? 64 - block_used : size;
        memcpy(block + block_used, data, take);
        block_used += take;
        data += take;
        size -= take;
        if (block_used == 64)
        {
            Compress(state, block);
            block_used = 0;
        }
    }
}

Sha256Digest Sha256::Final()
{
    const uint64_t bits = total_bytes * 8;
    const uint8_t one = 0x80, zero = 0;
    Update(&one, 1);
    while (block_used != 56) Update(&zero, 1);
    uint8_t length[8];
    for (int i = 0; i < 8; i++) length[i] = (uint8_t)(bits >> (56 - 8 * i));
    Update(length, 8);
    Sha256Digest out;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) out[i * 4 + j] = (uint8_t)(state[i] >> (24 - 8 * j));
    return out;
}

Sha256Digest Sha256Of(std::string_view bytes)
{
    Sha256 h;
    h.Update(bytes);
    return h.Final();
}

// The inner and outer hashes with the key's pads already absorbed: PBKDF2 reuses them for every
// iteration, so each iteration costs two compressions instead of four.
struct HmacKey
{
    Sha256 inner, outer;
    explicit HmacKey(std::string_view key)
    {
        uint8_t k[64] = {};
        if (key.size() > 64)
        {
            Sha256Digest d = Sha256Of(key);
            memcpy(k, d.data(), d.size());
        }
        else
            memcpy(k, key.data(), key.size());
        uint8_t pad[64];
        for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x36;
        inner.Update(pad, 64);
        for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x5c;
        outer.Update(pad, 64);
    }
    Sha256Digest Mac(const uint8_t* message, size_t size) const
    {
        Sha256 i = inner;
        i.Update(message, size);
        Sha256Digest inner_digest = i.Final();
        Sha256 o = outer;
        o.Update(inner_digest.data(), inner_digest.size());
        return o.Final();
    }
};

Sha256Digest HmacSha256(std::string_view key, std::string_view message)
{
    return HmacKey(key).Mac((const uint8_t*)message.data(), message.size());
}

std::vector<uint8_t> Pbkdf2HmacSha256(std::string_view password, std::string_view salt, uint32_t iterations, size_t length)
{
    std::vector<uint8_t> out;
    if (iterations < 1) iterations = 1;
    const HmacKey key(password);
    std::string first(salt);
    first.resize(salt.size() + 4);
    for (uint32_t block = 1; out.size() < length; block++)
    {
        // U1 = HMAC(P, S || INT(i)); T = U1 ^ U2 ^ ... ^ Uc (RFC 8018 §5.2).
        for (int b = 0; b < 4; b++) first[salt.size() + b] = (char)(block >> (24 - 8 * b));
        Sha256Digest u = key.Mac((const uint8_t*)first.data(), first.size());
        Sha256Digest t = u;
        for (uint32_t i = 1; i < iterations; i++)
        {
            u = key.Mac(u.data(), u.size());
            for (size_t j = 0; j < t.size(); j++) t[j] ^= u[j];
        }
        size_t take = length - out.size() < t.size() ? length - out.size() : t.size();
        out.insert(out.end(), t.begin(), t.begin() + (long)take);
    }
    return out;
}

std::string HexOf(const uint8_t* data, size_t size)
{
    static const char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (size_t i = 0; i < size; i++)
    {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 15];
    }
    return out;
}

} // namespace manyi
