#include "ui/fonts.h"

#include "imgui.h"
#include "ui/theme.h"

namespace manyi {

// ImGui keeps a pointer to the ranges until the next build, so they live here.
static ImVector<ImWchar> g_glyph_ranges;

static void CollectGlyphRanges(const std::vector<std::string>& texts)
{
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    for (const std::string& t : texts)
        builder.AddText(t.c_str(), t.c_str() + t.size());
    builder.AddText("…—“”‘’·、，。！？：；（）《》【】％＊");
    builder.AddChar(0xFFFD);
    g_glyph_ranges.clear();
    builder.BuildRanges(&g_glyph_ranges);
}

static ImFont* AddFace(const std::vector<unsigned char>& data, float px, float density, int oversample)
{
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false; // the app owns the bytes and keeps them for rebuilds
    cfg.OversampleH = oversample;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    cfg.RasterizerDensity = density;
    // AddFontFromMemoryTTF takes a non-const pointer but does not write to it when it does not own it.
    void* bytes = const_cast<unsigned char*>(data.data());
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(bytes, (int)data.size(), px * theme::kFontScale * kFontLineHeightPerEm, &cfg,
                                                      g_glyph_ranges.Data);
}

void BuildFonts(const std::vector<unsigned char>& font_data, const std::vector<std::string>& texts,
                float pixel_density, int max_texture_size, FontSet* out)
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    atlas->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
    if (font_data.empty())
    {
        ImFontConfig cfg;
        cfg.SizePixels = 13.0f * 1.4f;
        out->body = out->heading = out->small = atlas->AddFontDefault(&cfg);
        atlas->Build();
        return;
    }
    CollectGlyphRanges(texts);
    // Oversampling is what keeps Latin crisp at density 1; at density 2+ the pixels do that.
    int oversample = pixel_density >= 2.0f ? 1 : 2;
    for (float density = pixel_density; density >= 1.0f; density -= 0.5f)
    {
        atlas->Clear();
        atlas->TexDesiredWidth = max_texture_size >= 2048 ? 2048 : 0;
        out->body = AddFace(font_data, kBodyFontPx, density, oversample);
        out->heading = AddFace(font_data, kHeadingFontPx, density, oversample);
        out->small = AddFace(font_data, kSmallFontPx, density, oversample);
        atlas->Build();
        // A texture the GPU cannot hold would draw nothing at all: trade sharpness for it.
        if (atlas->TexHeight <= max_texture_size && atlas->TexWidth <= max_texture_size)
            return;
        oversample = 1;
    }
}

} // namespace manyi
