#include "core/contrast.h"

#include <cmath>

namespace manyi {

static double Linear(uint8_t v)
{
    double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); // WCAG 2.1 uses 0.03928; same result for 8-bit values
}

double RelativeLuminance(Rgb c) { return 0.2126 * Linear(c.r) + 0.7152 * Linear(c.g) + 0.0722 * Linear(c.b); }

double ContrastRatio(Rgb a, Rgb b)
{
    double la = RelativeLuminance(a), lb = RelativeLuminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

Rgb DarkenToContrast(Rgb c, Rgb background, double ratio)
{
    for (int step = 0; step < 100 && ContrastRatio(c, background) < ratio; step++)
        c = { (uint8_t)(c.r * 0.95), (uint8_t)(c.g * 0.95), (uint8_t)(c.b * 0.95) };
    return c;
}

} // namespace manyi
