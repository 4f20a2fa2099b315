#include "ui/theme.h"

namespace manyi {

static ImU32 Col(Rgb c) { return IM_COL32(c.r, c.g, c.b, 0xff); }

void ApplyPalette(const Palette& p)
{
    using namespace theme;
    kPalette = &p;
    kInk = Col(p.ink);
    kInkMuted = Col(p.ink_muted);
    kPaper = Col(p.paper);
    kPanel = Col(p.panel);
    kLine = Col(p.line);
    kControlLine = Col(p.control_line);
    kAccent = Col(p.accent);
    kAccentDark = Col(p.accent_dark);
    kDanger = Col(p.danger);
    kDangerBg = Col(p.danger_bg);
    kSuccess = Col(p.success);
    kSelectedBg = Col(p.selected_bg);
    kStarFill = Col(p.star_fill);
    kStarLine = Col(p.star_line);
}

// The default palette before anything is applied (the loading screen, tests of the UI code).
static const bool kPaletteSet = (ApplyPalette(kDefaultPalette), true);

void ApplyTheme(ImGuiStyle* style)
{
    ImGui::StyleColorsLight(style);
    style->WindowPadding = ImVec2(theme::kPadding, theme::kPadding);
    style->FramePadding = ImVec2(14, 10);
    style->ItemSpacing = ImVec2(10, 12);
    style->ItemInnerSpacing = ImVec2(8, 6);
    style->FrameRounding = theme::kRounding;
    style->GrabRounding = theme::kRounding;
    style->ScrollbarSize = 12;
    style->ScrollbarRounding = 6;
    style->WindowBorderSize = 0;
    style->FrameBorderSize = 1;
    ImVec4* c = style->Colors;
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(theme::kPaper);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(theme::kInk);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(theme::kInkMuted);
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(theme::kLine);
    c[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(theme::kAccent);
    c[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(theme::kAccentDark);
    c[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(theme::kAccentDark);
    c[ImGuiCol_NavHighlight] = ImGui::ColorConvertU32ToFloat4(theme::kAccent);
}

void ApplyThemeOverrides(bool has_accent, uint32_t rgb, float corner_radius, float font_scale)
{
    if (has_accent)
    {
        Rgb c = DarkenToContrast(RgbFromHex(rgb), theme::kPalette->paper, 4.5);
        theme::kAccent = Col(c);
        theme::kAccentDark = IM_COL32(c.r * 4 / 5, c.g * 4 / 5, c.b * 4 / 5, 0xff);
    }
    if (corner_radius >= 0) theme::kRounding = corner_radius;
    if (font_scale > 0) theme::kFontScale = font_scale;
}

ImU32 GradeColor(int index, int points) { return Col(GradeRgb(*theme::kPalette, index, points)); }

} // namespace manyi
