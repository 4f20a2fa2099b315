#include "core/corner_hold.h"

namespace manyi {

CornerVerdict CornerHoldDown(CornerHold* h, float x, float y, int64_t now_ms)
{
    h->fired = false;
    if (x < 0 || y < 0 || x >= kCornerSizePx || y >= kCornerSizePx)
    {
        h->timing = false;
        return CornerVerdict::Pass;
    }
    h->timing = true;
    h->x = x;
    h->y = y;
    h->down_ms = now_ms;
    return CornerVerdict::Hold;
}

CornerVerdict CornerHoldMove(CornerHold* h, float x, float y)
{
    if (h->fired) return CornerVerdict::Hold;
    if (!h->timing) return CornerVerdict::Pass;
    const float dx = x - h->x, dy = y - h->y;
    if (dx * dx + dy * dy <= kCornerSlopPx * kCornerSlopPx) return CornerVerdict::Hold;
    h->timing = false; // a drag: the widget gets it from its start
    return CornerVerdict::ReplayThenPass;
}

CornerVerdict CornerHoldUp(CornerHold* h)
{
    if (h->fired)
    {
        h->fired = false;
        return CornerVerdict::Hold;
    }
    if (!h->timing) return CornerVerdict::Pass;
    h->timing = false; // lifted early: an ordinary tap
    return CornerVerdict::ReplayThenPass;
}

bool CornerHoldDue(CornerHold* h, int64_t now_ms)
{
    if (!h->timing) return false;
    if (now_ms < h->down_ms) h->down_ms = now_ms; // the clock went back: time the hold from here
    if (now_ms - h->down_ms < kCornerHoldMs) return false;
    h->timing = false;
    h->fired = true;
    return true;
}

int64_t CornerHoldWaitMs(const CornerHold& h, int64_t now_ms)
{
    if (!h.timing) return -1;
    const int64_t left = h.down_ms + kCornerHoldMs - now_ms;
    if (left > kCornerHoldMs) return kCornerHoldMs; // the clock went back: wait a full hold, not longer
    return left < 0 ? 0 : left;
}

} // namespace manyi
