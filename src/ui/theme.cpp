#include "ui/theme.h"

namespace manyi {

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
        ImU32 r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
        theme::kAccent = IM_COL32(r, g, b, 0xff);
        theme::kAccentDark = IM_COL32(r * 4 / 5, g * 4 / 5, b * 4 / 5, 0xff);
    }
    if (corner_radius >= 0) theme::kRounding = corner_radius;
    if (font_scale > 0) theme::kFontScale = font_scale;
}

static ImVec4 Mix(ImVec4 a, ImVec4 b, float t)
{
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}

ImU32 GradeColor(int index, int points)
{
    // Darker than the usual traffic-light hues so white text on them passes WCAG AA contrast.
    const ImVec4 red(0.70f, 0.16f, 0.12f, 1), amber(0.62f, 0.40f, 0.02f, 1), green(0.12f, 0.48f, 0.28f, 1);
    float t = points > 1 ? (float)index / (float)(points - 1) : 1.0f;
    ImVec4 c = t < 0.5f ? Mix(red, amber, t * 2.0f) : Mix(amber, green, (t - 0.5f) * 2.0f);
    return ImGui::ColorConvertFloat4ToU32(c);
}

} // namespace manyi
