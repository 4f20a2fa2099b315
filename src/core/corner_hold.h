// The hidden gesture that opens the kiosk's operator panel: a press held still for 3 s in the
// top-left corner (80 x 80 CSS px) of the widget, by finger, pen or mouse. Plain data with the
// clock passed in. While a press in the corner is being timed, the widget does not see it, so
// the hold cannot also press what lies under it; a press that lifts early or moves away is
// handed back ("replayed") so a tap in the corner still works, just later.
#pragma once
#include <cstdint>

namespace manyi {

constexpr float   kCornerSizePx = 80.0f;
constexpr int64_t kCornerHoldMs = 3000;
constexpr float   kCornerSlopPx = 20.0f;   // a finger trembles; more than this is a drag

struct CornerHold
{
    bool    timing = false;   // a press in the corner is held back and timed
    float   x = 0, y = 0;     // where it went down
    int64_t down_ms = 0;
    bool    fired = false;    // the hold completed: its release is swallowed too
};

enum class CornerVerdict
{
    Pass,           // not the gesture's: hand the event to the widget as usual
    Hold,           // held back: the widget sees nothing
    ReplayThenPass, // not a hold after all: give the widget the held press, then this event
};

CornerVerdict CornerHoldDown(CornerHold* h, float x, float y, int64_t now_ms);
CornerVerdict CornerHoldMove(CornerHold* h, float x, float y);
CornerVerdict CornerHoldUp(CornerHold* h);
// True once, when the press has been held long enough: open the panel.
bool CornerHoldDue(CornerHold* h, int64_t now_ms);
// When to look again (ms from now), or -1 when no press is being timed.
int64_t CornerHoldWaitMs(const CornerHold& h, int64_t now_ms);

} // namespace manyi
