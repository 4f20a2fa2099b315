// WCAG 2.1 contrast of the widget's palettes (src/ui/palette.h): every pair the screens draw as
// text on a background (4.5:1, AA; 7:1 in the high-contrast palette) and every control edge or
// focus indicator against the page (3:1, WCAG 1.4.11). A palette change that breaks one fails here.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/contrast.h"
#include "ui/palette.h"

using namespace manyi;

TEST_CASE("contrast: the WCAG formula on known values")
{
    CHECK(ContrastRatio(RgbFromHex(0x000000), RgbFromHex(0xffffff)) == doctest::Approx(21.0));
    CHECK(ContrastRatio(RgbFromHex(0xffffff), RgbFromHex(0xffffff)) == doctest::Approx(1.0));
    // #767676 on white is the classic 4.54:1 grey.
    CHECK(ContrastRatio(RgbFromHex(0x767676), RgbFromHex(0xffffff)) == doctest::Approx(4.54).epsilon(0.005));
    CHECK(RelativeLuminance(RgbFromHex(0xffffff)) == doctest::Approx(1.0));
}

TEST_CASE("contrast: an accent too light is darkened until it passes, a dark one is kept")
{
    Rgb yellow = RgbFromHex(0xffd400);
    Rgb fixed = DarkenToContrast(yellow, RgbFromHex(0xffffff), 4.5);
    CHECK(ContrastRatio(fixed, RgbFromHex(0xffffff)) >= 4.5);
    Rgb navy = RgbFromHex(0x123456);
    Rgb same = DarkenToContrast(navy, RgbFromHex(0xffffff), 4.5);
    CHECK((same.r == navy.r && same.g == navy.g && same.b == navy.b));
}

struct Pair
{
    const char* what;
    Rgb         fg, bg;
    double      min;
};

static void CheckPairs(const std::vector<Pair>& pairs)
{
    for (const Pair& p : pairs)
    {
        double r = ContrastRatio(p.fg, p.bg);
        INFO(p.what << ": " << r << " < " << p.min);
        CHECK(r >= p.min);
    }
}

static std::vector<Pair> PairsOf(const Palette& p, double text)
{
    std::vector<Pair> out = {
        { "ink on paper (titles, answers)", p.ink, p.paper, text },
        { "ink on panel (hovered row)", p.ink, p.panel, text },
        { "ink on a chosen row", p.ink, p.selected_bg, text },
        { "muted ink on paper (notes, placeholders, footer)", p.ink_muted, p.paper, text },
        { "muted ink on panel (language switch)", p.ink_muted, p.panel, text },
        { "accent on paper (secondary buttons, links)", p.accent, p.paper, text },
        { "accent on panel (hovered secondary button)", p.accent, p.panel, text },
        { "dark accent on panel (current language)", p.accent_dark, p.panel, text },
        { "paper on accent (primary button)", p.paper, p.accent, text },
        { "paper on dark accent (pressed primary button)", p.paper, p.accent_dark, text },
        { "danger on paper (field errors)", p.danger, p.paper, text },
        { "danger on its background (error box)", p.danger, p.danger_bg, text },
        // Non-text (WCAG 1.4.11): what identifies a control or its state, and the focus ring.
        { "text box edge on paper", p.control_line, p.paper, 3.0 },
        { "radio/checkbox mark on paper", p.ink_muted, p.paper, 3.0 },
        { "chosen mark on a chosen row", p.accent, p.selected_bg, 3.0 },
        { "focus ring on paper", p.accent, p.paper, 3.0 },
        { "chosen star edge on paper", p.star_line, p.paper, 3.0 },
        { "check mark on success", p.paper, p.success, 3.0 },
    };
    // Every grade of every scale length: its number on paper, white text on it when chosen.
    for (int points = 2; points <= 11; points++)
        for (int i = 0; i < points; i++)
        {
            Rgb g = GradeRgb(p, i, points);
            out.push_back({ "grade number on paper", g, p.paper, text });
            out.push_back({ "paper on a chosen grade", p.paper, g, text });
        }
    return out;
}

TEST_CASE("contrast: the default palette meets WCAG 2.1 AA for text and controls")
{
    CheckPairs(PairsOf(kDefaultPalette, 4.5));
}

TEST_CASE("contrast: the high-contrast palette meets 7:1 for text (AAA) and 3:1 for controls")
{
    CheckPairs(PairsOf(kHighContrastPalette, 7.0));
    CHECK(ContrastRatio(kHighContrastPalette.line, kHighContrastPalette.paper) >= 7.0); // every edge is black
}
