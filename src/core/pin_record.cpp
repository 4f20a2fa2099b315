#include "core/pin_record.h"

#include <cmath>

#include "core/sha256.h"

namespace manyi {

static constexpr std::string_view kPrefix = "pbkdf2-sha256$";
static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

bool IsValidPin(std::string_view pin)
{
    if (pin.size() < 4 || pin.size() > 8) return false;
    for (char c : pin)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string Base64Encode(const uint8_t* data, size_t size)
{
    std::string out;
    for (size_t i = 0; i < size; i += 3)
    {
        uint32_t n = (uint32_t)data[i] << 16 | (i + 1 < size ? (uint32_t)data[i + 1] << 8 : 0) | (i + 2 < size ? data[i + 2] : 0);
        out += kAlphabet[n >> 18 & 63];
        out += kAlphabet[n >> 12 & 63];
        out += i + 1 < size ? kAlphabet[n >> 6 & 63] : '=';
        out += i + 2 < size ? kAlphabet[n & 63] : '=';
    }
    return out;
}

static int Base64Value(char c)
{
    for (int i = 0; i < 64; i++)
        if (kAlphabet[i] == c) return i;
    return -1;
}

bool Base64Decode(std::string_view text, std::vector<uint8_t>* out)
{
    if (text.size() % 4 != 0) return false;
    std::vector<uint8_t> bytes;
    for (size_t i = 0; i < text.size(); i += 4)
    {
        const bool last = i + 4 == text.size();
        int pad = 0;
        uint32_t n = 0;
        for (size_t j = 0; j < 4; j++)
        {
            char c = text[i + j];
            int v = 0;
            if (c == '=' && last && j >= 2) pad++;
            else if (pad > 0 || (v = Base64Value(c)) < 0) return false; // '=' only at the end
            n = n << 6 | (uint32_t)v;
        }
        bytes.push_back((uint8_t)(n >> 16));
        if (pad < 2) bytes.push_back((uint8_t)(n >> 8));
        if (pad < 1) bytes.push_back((uint8_t)n);
        // Canonical: the bits under the padding are zero (one text per byte string).
        if ((pad == 1 && (n & 0xff) != 0) || (pad == 2 && (n & 0xffff) != 0)) return false;
    }
    *out = std::move(bytes);
    return true;
}

bool ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t size)
{
    volatile uint8_t diff = 0;
    for (size_t i = 0; i < size; i++) diff = diff | (uint8_t)(a[i] ^ b[i]);
    return diff == 0;
}

PinRecord MakePinRecord(std::string_view pin, const uint8_t salt[kPinSaltBytes], uint32_t iterations)
{
    PinRecord r;
    r.iterations = iterations;
    r.salt.assign(salt, salt + kPinSaltBytes);
    r.hash = Pbkdf2HmacSha256(pin, std::string_view((const char*)salt, kPinSaltBytes), iterations, kPinHashBytes);
    return r;
}

std::string FormatPinRecord(const PinRecord& r)
{
    return std::string(kPrefix) + std::to_string(r.iterations) + "$" + Base64Encode(r.salt.data(), r.salt.size()) + "$" +
           Base64Encode(r.hash.data(), r.hash.size());
}

static bool Fail(std::string* error, const char* message)
{
    if (error) *error = message;
    return false;
}

bool ParsePinRecord(std::string_view text, PinRecord* out, std::string* error)
{
    if (text.size() > 200) return Fail(error, "PIN record: too long");
    if (text.substr(0, kPrefix.size()) != kPrefix) return Fail(error, "PIN record: must start with pbkdf2-sha256$");
    text.remove_prefix(kPrefix.size());
    size_t d1 = text.find('$');
    if (d1 == std::string_view::npos) return Fail(error, "PIN record: missing salt");
    size_t d2 = text.find('$', d1 + 1);
    if (d2 == std::string_view::npos) return Fail(error, "PIN record: missing hash");
    std::string_view count = text.substr(0, d1), salt = text.substr(d1 + 1, d2 - d1 - 1), hash = text.substr(d2 + 1);
    if (count.empty() || count.size() > 9 || count[0] == '0') return Fail(error, "PIN record: bad iteration count");
    uint64_t n = 0;
    for (char c : count)
    {
        if (c < '0' || c > '9') return Fail(error, "PIN record: bad iteration count");
        n = n * 10 + (uint64_t)(c - '0');
    }
    if (n < kPinMinIterations || n > kPinMaxIterations) return Fail(error, "PIN record: iteration count out of range");
    PinRecord r;
    r.iterations = (uint32_t)n;
    if (!Base64Decode(salt, &r.salt) || r.salt.size() != kPinSaltBytes) return Fail(error, "PIN record: the salt must be 16 bytes of base64");
    if (!Base64Decode(hash, &r.hash) || r.hash.size() != kPinHashBytes) return Fail(error, "PIN record: the hash must be 32 bytes of base64");
    *out = std::move(r);
    return true;
}

bool VerifyPin(const PinRecord& r, std::string_view pin)
{
    if (r.salt.size() != kPinSaltBytes || r.hash.size() != kPinHashBytes || r.iterations < 1) return false;
    std::vector<uint8_t> h = Pbkdf2HmacSha256(pin, std::string_view((const char*)r.salt.data(), r.salt.size()), r.iterations, kPinHashBytes);
    const bool same = ConstantTimeEqual(h.data(), r.hash.data(), kPinHashBytes);
    return same && IsValidPin(pin);
}

uint32_t PinIterationsFor(double target_ms, uint32_t sample_iterations, double sample_ms)
{
    if (!(sample_ms > 0) || sample_iterations == 0) return kPinDefaultIterations;
    double n = target_ms / sample_ms * sample_iterations;
    if (!(n < kPinMaxIterations)) n = kPinMaxIterations;
    if (n < kPinMinIterations) n = kPinMinIterations;
    return (uint32_t)(std::floor(n / 1000.0) * 1000.0);
}

} // namespace manyi
