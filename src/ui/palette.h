// The widget's colours as plain data (no ImGui), so the unit tests measure the contrast of every
// text/background and control/background pair the screens draw (tests/unit/test_contrast.cpp).
// theme.cpp turns the chosen palette into ImGui colours.
#pragma once
#include "core/contrast.h"

namespace manyi {

struct Palette
{
    Rgb ink, ink_muted;          // text, secondary text (notes, placeholders, footer)
    Rgb paper, panel;            // page, hovered control
    Rgb line;                    // decorative separators and card edges
    Rgb control_line;            // the edge of a text box: its only outline, so 3:1 (WCAG 1.4.11)
    Rgb accent, accent_dark;     // buttons, links, selected marks, the focus ring
    Rgb danger, danger_bg;       // errors
    Rgb success;                 // the thank-you check mark
    Rgb selected_bg;             // a chosen row of a choice list
    Rgb star_fill, star_line;    // chosen stars
    Rgb grade_low, grade_mid, grade_high; // rating scales: red, amber, green
};

// Light and calm; every text pair >= 4.5:1 and every control edge >= 3:1 (WCAG 2.1 AA).
constexpr Palette kDefaultPalette = {
    RgbFromHex(0x1f2937), RgbFromHex(0x5b6573), RgbFromHex(0xffffff), RgbFromHex(0xf5f7fa), RgbFromHex(0xc9d1db),
    RgbFromHex(0x6b7685), RgbFromHex(0x1d64d8), RgbFromHex(0x154ca8), RgbFromHex(0xb42318), RgbFromHex(0xfdecea),
    RgbFromHex(0x1e7b48), RgbFromHex(0xe8f0fd), RgbFromHex(0xf2b11b), RgbFromHex(0x9a6700),
    RgbFromHex(0xb3291f), RgbFromHex(0x9e6605), RgbFromHex(0x1f7a47),
};

// High contrast: black on white, dark accents; text pairs >= 7:1 (WCAG AAA), edges black.
constexpr Palette kHighContrastPalette = {
    RgbFromHex(0x000000), RgbFromHex(0x2b2b2b), RgbFromHex(0xffffff), RgbFromHex(0xeeeeee), RgbFromHex(0x000000),
    RgbFromHex(0x000000), RgbFromHex(0x0033a0), RgbFromHex(0x001d5c), RgbFromHex(0x8a0000), RgbFromHex(0xfff0f0),
    RgbFromHex(0x005a2b), RgbFromHex(0xdde7ff), RgbFromHex(0xf2b11b), RgbFromHex(0x000000),
    RgbFromHex(0x8a1a10), RgbFromHex(0x5e3d00), RgbFromHex(0x0b5a2e),
};

// Grade `index` (0 = worst) of `points`: low through mid to high, mixed linearly.
inline Rgb GradeRgb(const Palette& p, int index, int points)
{
    float t = points > 1 ? (float)index / (float)(points - 1) : 1.0f;
    Rgb a = t < 0.5f ? p.grade_low : p.grade_mid, b = t < 0.5f ? p.grade_mid : p.grade_high;
    float u = t < 0.5f ? t * 2.0f : (t - 0.5f) * 2.0f;
    auto mix = [u](uint8_t x, uint8_t y) { return (uint8_t)(x + (y - x) * u + 0.5f); };
    return { mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b) };
}

} // namespace manyi
