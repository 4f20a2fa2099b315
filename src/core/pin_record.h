// The operator PIN as stored: "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>"
// (PBKDF2-HMAC-SHA-256, 16-byte salt, 32-byte hash; docs/decisions.md D19). The PIN itself is
// never stored. A record read from storage or a mount option is hostile input: ParsePinRecord
// accepts exactly this shape and bounds the iteration count, so a planted record cannot make
// the kiosk hash for minutes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

constexpr size_t   kPinSaltBytes = 16;
constexpr size_t   kPinHashBytes = 32;
constexpr uint32_t kPinMinIterations = 10000;
constexpr uint32_t kPinMaxIterations = 5000000;
// The default of `manyi pin-hash` and the floor of the on-device calibration's target: chosen
// from the verify time measured in wasm (docs/decisions.md D19).
constexpr uint32_t kPinDefaultIterations = 150000;

struct PinRecord
{
    uint32_t             iterations = 0;
    std::vector<uint8_t> salt;   // kPinSaltBytes
    std::vector<uint8_t> hash;   // kPinHashBytes
};

// 4 to 8 ASCII digits.
bool IsValidPin(std::string_view pin);

PinRecord MakePinRecord(std::string_view pin, const uint8_t salt[kPinSaltBytes], uint32_t iterations);
std::string FormatPinRecord(const PinRecord& r);
// Strict: the prefix, a decimal count in [kPinMinIterations, kPinMaxIterations] without sign or
// leading zero, canonical padded base64 of exactly 16 and 32 bytes, nothing else.
bool ParsePinRecord(std::string_view text, PinRecord* out, std::string* error);
// Hashes `pin` with the record's salt and count and compares in constant time (every byte is
// looked at whatever the first difference). An invalid PIN is hashed all the same, then refused.
bool VerifyPin(const PinRecord& r, std::string_view pin);

// Iterations that take about `target_ms`, from a timed run of `sample_iterations` that took
// `sample_ms`; clamped to [kPinMinIterations, kPinMaxIterations], rounded to a thousand.
uint32_t PinIterationsFor(double target_ms, uint32_t sample_iterations, double sample_ms);

bool ConstantTimeEqual(const uint8_t* a, const uint8_t* b, size_t size);
std::string Base64Encode(const uint8_t* data, size_t size);
bool Base64Decode(std::string_view text, std::vector<uint8_t>* out); // canonical, padded; false otherwise

} // namespace manyi
