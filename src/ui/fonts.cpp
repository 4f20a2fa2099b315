#include "ui/fonts.h"

#include <cstring>

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

// Characters of `texts` (and the extras every atlas holds) that the built faces do not have.
static std::vector<ImWchar> MissingGlyphs(const FontSet& set)
{
    std::vector<ImWchar> missing;
    for (int i = 0; i + 1 < g_glyph_ranges.Size; i += 2)
        for (unsigned c = g_glyph_ranges[i]; c <= g_glyph_ranges[i + 1] && c != 0; c++)
            if (c > 0x20 && !set.body->FindGlyphNoFallback((ImWchar)c))
                missing.push_back((ImWchar)c);
    return missing;
}

struct FallbackRect { int rect; ImFont* font; ImWchar c; float em_px; float density; };

// Registers a custom atlas rect per missing character and face; the pixels are drawn after Build.
static std::vector<FallbackRect> AddFallbackRects(const FontSet& set, const std::vector<ImWchar>& missing, float density,
                                                  const FallbackGlyphSource& fallback)
{
    std::vector<FallbackRect> rects;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    // FontSize is only set by Build: the sizes are the ones AddFace asked for.
    const struct { ImFont* font; float em; } faces[] = {
        { set.body, kBodyFontPx * theme::kFontScale }, { set.heading, kHeadingFontPx * theme::kFontScale }, { set.small, kSmallFontPx * theme::kFontScale } };
    for (const auto& face : faces)
    {
        ImFont* font = face.font;
        const float em = face.em;
        for (ImWchar c : missing)
        {
            const float advance = fallback.advance(c, em);
            const int w = (int)(advance * density + 0.99f), h = (int)(em * kFontLineHeightPerEm * density + 0.99f);
            if (w <= 0 || h <= 0) continue;
            rects.push_back({ atlas->AddCustomRectFontGlyph(font, c, w, h, advance), font, c, em, density });
        }
    }
    return rects;
}

// Draws each fallback glyph into the atlas, and shrinks its quad from atlas pixels to font
// units (ImGui 1.90 places custom-rect glyphs unscaled by the rasterizer density).
static void RasterFallbackRects(const std::vector<FallbackRect>& rects, const FallbackGlyphSource& fallback)
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int tex_w = 0, tex_h = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &tex_w, &tex_h);
    std::vector<unsigned char> glyph;
    for (const FallbackRect& f : rects)
    {
        const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(f.rect);
        if (!r->IsPacked()) continue;
        glyph.assign((size_t)r->Width * r->Height, 0);
        fallback.raster(f.c, f.em_px * f.density, f.font->Ascent * f.density, glyph.data(), r->Width, r->Height);
        for (int y = 0; y < r->Height; y++)
            memcpy(pixels + (size_t)(r->Y + y) * tex_w + r->X, glyph.data() + (size_t)y * r->Width, r->Width);
        if (ImFontGlyph* g = (ImFontGlyph*)f.font->FindGlyphNoFallback(f.c))
        {
            g->X1 = g->X0 + r->Width / f.density;
            g->Y1 = g->Y0 + r->Height / f.density;
        }
    }
}

static void AddFaces(const std::vector<unsigned char>& font_data, float density, int oversample, FontSet* out)
{
    out->body = AddFace(font_data, kBodyFontPx, density, oversample);
    out->heading = AddFace(font_data, kHeadingFontPx, density, oversample);
    out->small = AddFace(font_data, kSmallFontPx, density, oversample);
}

void BuildFonts(const std::vector<unsigned char>& font_data, const std::vector<std::string>& texts,
                float pixel_density, int max_texture_size, const FallbackGlyphSource& fallback, FontSet* out)
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
    std::vector<ImWchar> missing;
    bool probed = !(fallback.advance && fallback.raster);
    for (float density = pixel_density; density >= 1.0f; density -= 0.5f)
    {
        atlas->Clear();
        atlas->TexDesiredWidth = max_texture_size >= 2048 ? 2048 : 0;
        AddFaces(font_data, density, oversample, out);
        atlas->Build();
        if (!probed)
        {
            // The first build tells which characters the subset lacks; only if some are missing
            // is the atlas built again with them (the common case, a bundled survey, builds once).
            missing = MissingGlyphs(*out);
            probed = true;
        }
        if (!missing.empty())
        {
            atlas->Clear();
            atlas->TexDesiredWidth = max_texture_size >= 2048 ? 2048 : 0;
            AddFaces(font_data, density, oversample, out);
            std::vector<FallbackRect> rects = AddFallbackRects(*out, missing, density, fallback);
            atlas->Build();
            RasterFallbackRects(rects, fallback);
        }
        // A texture the GPU cannot hold would draw nothing at all: trade sharpness for it.
        if (atlas->TexHeight <= max_texture_size && atlas->TexWidth <= max_texture_size)
            return;
        oversample = 1;
    }
}

} // namespace manyi
