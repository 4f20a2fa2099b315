#include "ui/widgets.h"

#include "ui/theme.h"
#include "ui/wrapped_text.h"

namespace manyi {

SemanticsRect ItemSemanticsRect()
{
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    return { a.x, a.y, b.x - a.x, b.y - a.y };
}

void TextBlock(Semantics* sem, const char* id, const char* role, std::string_view text, ImFont* font, ImU32 color)
{
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    WrappedText(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    sem->Add(id, role, std::string(text), "", ItemSemanticsRect());
}

void CenteredWrappedText(ImDrawList* dl, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 color, std::string_view text)
{
    // Measure first so the block can be centred vertically too.
    float wrap = max.x - min.x;
    float h = text.empty() ? 0.0f : MeasureWrapped(font, size, text, wrap).y;
    DrawWrapped(dl, font, size, ImVec2(min.x, min.y + ((max.y - min.y) - h) * 0.5f), color, text, wrap, 0.5f);
}

// List layout: the number at the left (one or two digits), the label wrapped in the rest.
static float GradeListLabelX(int value)
{
    char number[8];
    snprintf(number, sizeof number, "%d", value);
    float x = 16.0f + ImGui::CalcTextSize(number).x + 14.0f;
    return x < 48.0f ? 48.0f : x;
}

float GradeListLabelHeight(int value, std::string_view label, float width)
{
    if (label.empty()) return 0;
    return MeasureWrapped(ImGui::GetFont(), ImGui::GetFontSize(), label, width - GradeListLabelX(value) - 12.0f).y;
}

bool GradeButton(const char* id, int value, std::string_view label, bool selected, ImU32 color, ImVec2 size, bool compact)
{
    bool pressed = ImGui::InvisibleButton(id, size);
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fill = selected ? color : (hovered ? theme::kPanel : theme::kPaper);
    ImU32 ink = selected ? theme::kPaper : theme::kInk;
    dl->AddRectFilled(a, b, fill, theme::kRounding);
    dl->AddRect(a, b, color, theme::kRounding, 0, selected ? 3.0f : 1.5f);
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme::kAccent, theme::kRounding + 3, 0, 3.0f);

    ImFont* font = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    char number[8];
    snprintf(number, sizeof number, "%d", value);
    if (compact)
    {
        // List layout (narrow screens): the number on the left, the label beside it.
        dl->AddText(font, fs, ImVec2(a.x + 16, a.y + (size.y - fs) * 0.5f), selected ? ink : color, number);
        float lx = GradeListLabelX(value), lh = GradeListLabelHeight(value, label, size.x);
        DrawWrapped(dl, font, fs, ImVec2(a.x + lx, a.y + (size.y - lh) * 0.5f), ink, label, size.x - lx - 12.0f);
    }
    else
    {
        float nw = font->CalcTextSizeA(fs, FLT_MAX, 0, number).x;
        dl->AddText(font, fs, ImVec2(a.x + (size.x - nw) * 0.5f, a.y + 8), selected ? ink : color, number);
        CenteredWrappedText(dl, font, fs * 0.85f, ImVec2(a.x + 4, a.y + 8 + fs), ImVec2(b.x - 4, b.y - 4), ink, label);
    }
    return pressed;
}

bool TextBoxFrame(const char* id, std::string_view value, std::string_view placeholder, ImVec2 size, bool editing)
{
    bool pressed = ImGui::InvisibleButton(id, size);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, theme::kPaper, 6.0f);
    dl->AddRect(a, b, editing ? theme::kAccent : theme::kControlLine, 6.0f, 0, editing ? 2.0f : 1.0f);
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme::kAccent, 9.0f, 0, 3.0f);
    if (editing) return pressed; // the DOM field sits exactly here and shows the text
    bool empty = value.empty();
    std::string_view shown = empty ? placeholder : value;
    ImVec2 pad(10, 8);
    dl->PushClipRect(ImVec2(a.x + 2, a.y + 2), ImVec2(b.x - 2, b.y - 2), true);
    DrawWrapped(dl, ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(a.x + pad.x, a.y + pad.y),
                empty ? theme::kInkMuted : theme::kInk, shown, size.x - pad.x * 2);
    dl->PopClipRect();
    return pressed;
}

bool PrimaryButton(const char* id, std::string_view label, float width, bool enabled)
{
    ImFont* font = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    ImVec2 size(width, fs + 28.0f);
    bool pressed = ImGui::InvisibleButton(id, size) && enabled;
    bool hovered = ImGui::IsItemHovered() && enabled;
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fill = !enabled ? theme::kLine : hovered || ImGui::IsItemActive() ? theme::kAccentDark : theme::kAccent;
    dl->AddRectFilled(a, b, fill, theme::kRounding);
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme::kAccent, theme::kRounding + 3, 0, 3.0f);
    float tw = font->CalcTextSizeA(fs, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
    dl->AddText(font, fs, ImVec2(a.x + (size.x - tw) * 0.5f, a.y + 14.0f), enabled ? theme::kPaper : theme::kInkMuted,
                label.data(), label.data() + label.size());
    return pressed;
}

} // namespace manyi
