#include "ui/wrapped_text.h"

#include <cmath>
#include <string>

#include "core/utf8.h"
#include "imgui_internal.h"

namespace manyi {

struct ScaledFont
{
    ImFont* font;
    float scale;
};

// The advance ImGui itself uses when it lays out and renders a glyph (fallback glyph included).
static float GlyphAdvance(void* user, uint32_t c)
{
    const ScaledFont* f = (const ScaledFont*)user;
    return f->font->GetCharAdvance((ImWchar)c) * f->scale;
}

std::string_view ValidUtf8(std::string_view text, std::string* storage)
{
    for (size_t at = 0; at < text.size();)
    {
        Utf8Unit u = DecodeUtf8(text, at);
        if (!u.valid)
        {
            *storage = Utf8Sanitize(text);
            return *storage;
        }
        at += u.length;
    }
    return text;
}

void WrapLines(ImFont* font, float size, std::string_view text, float width, std::vector<TextLine>* out)
{
    ScaledFont f = { font, size / font->FontSize };
    BreakLines(text, width, GlyphAdvance, &f, out);
}

static ImVec2 SizeOf(const std::vector<TextLine>& lines, float size)
{
    float w = 0;
    for (const TextLine& l : lines) w = l.width > w ? l.width : w;
    int n = lines.empty() ? 1 : (int)lines.size();
    return ImVec2(std::floor(w + 0.99999f), n * size);
}

ImVec2 MeasureWrapped(ImFont* font, float size, std::string_view text, float width)
{
    std::string storage;
    std::vector<TextLine> lines;
    WrapLines(font, size, ValidUtf8(text, &storage), width, &lines);
    return SizeOf(lines, size);
}

static void DrawLines(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text,
                      const std::vector<TextLine>& lines, float width, float align)
{
    float y = pos.y;
    for (const TextLine& l : lines)
    {
        float x = pos.x + (width - l.width) * align;
        if (l.end > l.start) dl->AddText(font, size, ImVec2(x, y), color, text.data() + l.start, text.data() + l.end);
        y += size;
    }
}

ImVec2 DrawWrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text,
                   float width, float align)
{
    std::string storage;
    std::vector<TextLine> lines;
    text = ValidUtf8(text, &storage);
    WrapLines(font, size, text, width, &lines);
    DrawLines(dl, font, size, pos, color, text, lines, width, align);
    return SizeOf(lines, size);
}

void WrappedText(std::string_view text)
{
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    // As ImGui::TextWrapped: wrap at the pushed position, or at the window's edge if none.
    float wrap_pos = window->DC.TextWrapPos < 0.0f ? 0.0f : window->DC.TextWrapPos;
    float width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos);
    ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);

    ImFont* font = ImGui::GetFont();
    float size = ImGui::GetFontSize();
    std::string storage;
    std::vector<TextLine> lines;
    text = ValidUtf8(text, &storage);
    WrapLines(font, size, text, width, &lines);
    ImVec2 box = SizeOf(lines, size);
    ImRect bb(pos, ImVec2(pos.x + box.x, pos.y + box.y));
    ImGui::ItemSize(box, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return; // scrolled out of view: laid out, not drawn
    DrawLines(window->DrawList, font, size, pos, ImGui::GetColorU32(ImGuiCol_Text), text, lines, width, 0.0f);
}

} // namespace manyi
