// Colours and spacing: a light, calm theme with large touch targets (kiosk tablets, phones).
#pragma once
#include <cstdint>

#include "imgui.h"

namespace manyi {

namespace theme {
constexpr ImU32 kInk        = IM_COL32(0x1f, 0x29, 0x37, 0xff);
constexpr ImU32 kInkMuted   = IM_COL32(0x5b, 0x65, 0x73, 0xff);
constexpr ImU32 kPaper      = IM_COL32(0xff, 0xff, 0xff, 0xff);
constexpr ImU32 kPanel      = IM_COL32(0xf5, 0xf7, 0xfa, 0xff);
constexpr ImU32 kLine       = IM_COL32(0xc9, 0xd1, 0xdb, 0xff);
// The survey's theme or the mount options may change these three (ApplyThemeOverrides).
inline ImU32 kAccent        = IM_COL32(0x1d, 0x64, 0xd8, 0xff);
inline ImU32 kAccentDark    = IM_COL32(0x15, 0x4c, 0xa8, 0xff);
constexpr ImU32 kDanger     = IM_COL32(0xb4, 0x23, 0x18, 0xff);
constexpr ImU32 kDangerBg   = IM_COL32(0xfd, 0xec, 0xea, 0xff);
constexpr ImU32 kSuccess    = IM_COL32(0x1e, 0x7b, 0x48, 0xff);
constexpr float kMaxContentWidth = 760.0f;
constexpr float kPadding = 20.0f;
inline float kRounding = 10.0f;
inline float kFontScale = 1.0f;
} // namespace theme

void ApplyTheme(ImGuiStyle* style);

// Accent colour ("#rrggbb" as 0xRRGGBB; its pressed shade is derived), corner radius and font
// scale; a negative or zero value leaves that one as it is. Call before ApplyTheme.
void ApplyThemeOverrides(bool has_accent, uint32_t accent_rgb, float corner_radius, float font_scale);

// Colour of grade `index` (0 = worst) on a scale of `points`: red through amber to green.
ImU32 GradeColor(int index, int points);

} // namespace manyi
