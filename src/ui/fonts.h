// The widget's fonts: one CJK+Latin face (a build-time subset of Noto Sans CJK SC) rasterised
// only for the characters the current screens can show, at the display's pixel density.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct ImFont;

namespace manyi {

struct FontSet
{
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* small = nullptr;
};

// ImGui sizes a font by its line height (hhea ascent - descent), which for Noto Sans CJK is 1.448
// em (1160 + 288 units of 1000). These are the em sizes a designer means; fonts.cpp converts.
constexpr float kFontLineHeightPerEm = 1.448f;
constexpr float kBodyFontPx = 17.0f;
constexpr float kHeadingFontPx = 24.0f;
constexpr float kSmallFontPx = 14.0f;

// Where glyphs the bundled font lacks come from (a respondent's rare name character, an emoji,
// anything outside the build-time subset): the platform rasterises them with the system's fonts.
// Sizes in pixels of the atlas; `alpha` is w*h coverage bytes, zeroed by the caller.
struct FallbackGlyphSource
{
    float (*advance)(uint32_t codepoint, float em_px) = nullptr;  // nullptr: no fallback, ImGui's '?'
    void  (*raster)(uint32_t codepoint, float em_px, float baseline_px, unsigned char* alpha, int w, int h) = nullptr;
};

// Clears and rebuilds ImGui's font atlas (call between frames, then re-upload the texture).
// With no font data it falls back to ImGui's built-in Latin font, so errors stay readable.
// `texts` are every string that may be drawn: the atlas holds only their characters plus ASCII;
// characters the font does not have are drawn by `fallback` into the same atlas.
void BuildFonts(const std::vector<unsigned char>& font_data, const std::vector<std::string>& texts,
                float pixel_density, int max_texture_size, const FallbackGlyphSource& fallback, FontSet* out);

} // namespace manyi
