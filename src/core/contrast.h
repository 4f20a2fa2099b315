// WCAG 2.1 contrast: relative luminance of an sRGB colour and the ratio between two colours
// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio). The theme tests measure every text and
// control colour pair with it, and the widget darkens an operator's accent that would fail.
#pragma once
#include <cstdint>

namespace manyi {

struct Rgb
{
    uint8_t r = 0, g = 0, b = 0;
};

constexpr Rgb RgbFromHex(uint32_t hex) { return { (uint8_t)(hex >> 16), (uint8_t)(hex >> 8), (uint8_t)hex }; }

double RelativeLuminance(Rgb c);
double ContrastRatio(Rgb a, Rgb b); // 1 .. 21, whichever is lighter

// `c` scaled towards black until it has at least `ratio` against `background` (unchanged if it has).
Rgb DarkenToContrast(Rgb c, Rgb background, double ratio);

} // namespace manyi
