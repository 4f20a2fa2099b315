#include "core/pin_lockout.h"

#include <nlohmann/json.hpp>

namespace manyi {

// Large enough that the delay is long capped, small enough that no shift overflows.
constexpr int kMaxCountedFailures = 1000;

int64_t PinLockDelayMs(int failures)
{
    if (failures < kPinFreeTries) return 0;
    int doublings = failures - kPinFreeTries;
    int64_t delay = kPinFirstLockMs;
    for (int i = 0; i < doublings && delay < kPinMaxLockMs; i++) delay *= 2;
    return delay < kPinMaxLockMs ? delay : kPinMaxLockMs;
}

int64_t PinLockRemainingMs(const PinLockout& s, int64_t now_ms)
{
    if (s.locked_until_ms <= now_ms) return 0;
    const int64_t left = s.locked_until_ms - now_ms;
    const int64_t earned = PinLockDelayMs(s.failures);
    return left < earned ? left : earned;
}

void PinLockoutOnFailure(PinLockout* s, int64_t now_ms)
{
    if (s->failures < kMaxCountedFailures) s->failures++;
    const int64_t delay = PinLockDelayMs(s->failures);
    if (delay > 0) s->locked_until_ms = now_ms + delay;
}

void PinLockoutOnSuccess(PinLockout* s) { *s = PinLockout{}; }

std::string PinLockoutToJson(const PinLockout& s)
{
    return nlohmann::json({ { "failures", s.failures }, { "locked_until_ms", s.locked_until_ms } }).dump();
}

PinLockout PinLockoutFromJson(std::string_view json, int64_t now_ms)
{
    nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
    PinLockout s;
    const bool ok = j.is_object() && j.contains("failures") && j["failures"].is_number_integer() && j.contains("locked_until_ms") &&
                    j["locked_until_ms"].is_number_integer();
    if (ok)
    {
        long long f = j["failures"].get<long long>();
        long long until = j["locked_until_ms"].get<long long>();
        if (f >= 0 && until >= 0)
        {
            s.failures = f > kMaxCountedFailures ? kMaxCountedFailures : (int)f;
            s.locked_until_ms = until;
            return s;
        }
    }
    s.failures = kPinFreeTries;
    s.locked_until_ms = now_ms + PinLockDelayMs(kPinFreeTries);
    return s;
}

} // namespace manyi
