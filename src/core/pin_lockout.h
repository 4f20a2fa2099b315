// Wrong-PIN lockout as plain data with the clock passed in (docs/operator-guide.md, "PIN"):
// five wrong tries are allowed; the fifth locks the pad for 30 s, and every further wrong try
// locks it again for twice as long as the one before, up to an hour. A right PIN clears it.
// The state is persisted (manyi-kiosk database), so a reload does not reset it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace manyi {

constexpr int     kPinFreeTries = 5;
constexpr int64_t kPinFirstLockMs = 30 * 1000;
constexpr int64_t kPinMaxLockMs = 60 * 60 * 1000;

struct PinLockout
{
    int     failures = 0;         // wrong PINs since the last right one
    int64_t locked_until_ms = 0;  // 0 = not locked
};

// The lock a count of failures earns: 0 below five, then 30 s, 60 s, 120 s, ... capped at 1 h.
int64_t PinLockDelayMs(int failures);

// How long the pad stays locked from now. Never more than the lock the failures earned, so a
// clock set back (a dead battery, a bad NTP answer) cannot lock the operator out for longer.
int64_t PinLockRemainingMs(const PinLockout& s, int64_t now_ms);

void PinLockoutOnFailure(PinLockout* s, int64_t now_ms);
void PinLockoutOnSuccess(PinLockout* s);

// {"failures":N,"locked_until_ms":T}. Lenient on damage in the safe direction: a record that
// cannot be read gives the lock of kPinFreeTries failures from now (the pad must not open up
// because its counter was corrupted).
std::string PinLockoutToJson(const PinLockout& s);
PinLockout PinLockoutFromJson(std::string_view json, int64_t now_ms);

} // namespace manyi
