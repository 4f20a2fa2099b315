// Colours and spacing: a light, calm theme with large touch targets (kiosk tablets, phones), and a
// high-contrast one. The colours come from a Palette (src/ui/palette.h), whose contrast the unit
// tests measure; these are its ImGui form for the frame's drawing.
#pragma once
#include <cstdint>

#include "imgui.h"
#include "ui/palette.h"

namespace manyi {

namespace theme {
inline ImU32 kInk, kInkMuted, kPaper, kPanel, kLine, kControlLine, kDanger, kDangerBg, kSuccess, kSelectedBg, kStarFill, kStarLine;
// The survey's theme or the mount options may change these two (ApplyThemeOverrides).
inline ImU32 kAccent, kAccentDark;
inline const Palette* kPalette = &kDefaultPalette;
constexpr float kMaxContentWidth = 760.0f;
constexpr float kPadding = 20.0f;
inline float kRounding = 10.0f;
inline float kFontScale = 1.0f;
} // namespace theme

// Selects the palette (default or high contrast); call before ApplyThemeOverrides.
void ApplyPalette(const Palette& palette);

void ApplyTheme(ImGuiStyle* style);

// Accent colour ("#rrggbb" as 0xRRGGBB; its pressed shade is derived), corner radius and font
// scale; a negative or zero value leaves that one as it is. Call before ApplyTheme. An accent
// with less than 4.5:1 against the page (white text on buttons, links, the focus ring) is
// darkened until it has it: an operator's brand colour cannot make the survey unreadable.
void ApplyThemeOverrides(bool has_accent, uint32_t accent_rgb, float corner_radius, float font_scale);

// Colour of grade `index` (0 = worst) on a scale of `points`: red through amber to green.
ImU32 GradeColor(int index, int points);

} // namespace manyi
