#include "ui/choice_widgets.h"

#include <climits>
#include <cmath>
#include <cstdio>

#include "ui/theme.h"
#include "ui/widgets.h"
#include "ui/wrapped_text.h"

namespace manyi {

static constexpr float kPi = 3.14159265f;

static void FocusRing(ImVec2 a, ImVec2 b, float rounding)
{
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme::kAccent, rounding + 3, 0, 3.0f);
}

static void Mark(ImDrawList* dl, ImVec2 c, float r, bool multi, bool checked)
{
    if (multi)
    {
        dl->AddRectFilled(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), checked ? theme::kAccent : theme::kPaper, 4.0f);
        dl->AddRect(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), checked ? theme::kAccent : theme::kInkMuted, 4.0f, 0, 1.5f);
        if (checked)
        {
            ImVec2 pts[3] = { ImVec2(c.x - r * 0.55f, c.y), ImVec2(c.x - r * 0.1f, c.y + r * 0.45f), ImVec2(c.x + r * 0.6f, c.y - r * 0.5f) };
            dl->AddPolyline(pts, 3, theme::kPaper, 0, 2.5f);
        }
        return;
    }
    dl->AddCircleFilled(c, r, theme::kPaper, 32);
    dl->AddCircle(c, r, checked ? theme::kAccent : theme::kInkMuted, 32, 1.5f);
    if (checked) dl->AddCircleFilled(c, r * 0.55f, theme::kAccent, 32);
}

// One row of a choice list or a consent box: a mark and a wrapped label, the whole row clickable.
static bool MarkRow(const std::string& id, std::string_view label, bool checked, bool multi, float width)
{
    ImFont* font = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    float text_w = width - 56.0f;
    float text_h = MeasureWrapped(font, fs, label, text_w).y;
    ImVec2 size(width, text_h + 24.0f < kMinTouchTarget ? kMinTouchTarget : text_h + 24.0f);
    bool pressed = ImGui::InvisibleButton(id.c_str(), size);
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, checked ? theme::kSelectedBg : hovered ? theme::kPanel : theme::kPaper, 8.0f);
    dl->AddRect(a, b, checked ? theme::kAccent : theme::kLine, 8.0f, 0, checked ? 2.0f : 1.0f);
    Mark(dl, ImVec2(a.x + 26, a.y + size.y * 0.5f), 10.0f, multi, checked);
    DrawWrapped(dl, font, fs, ImVec2(a.x + 48, a.y + (size.y - text_h) * 0.5f), theme::kInk, label, text_w);
    FocusRing(a, b, 8.0f);
    return pressed;
}

int ChoiceList(Semantics* sem, const std::string& id_prefix, const std::vector<std::string>& labels,
               const std::vector<std::string>& values, const std::vector<bool>& checked, bool multi, float width)
{
    int toggled = -1;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 6));
    for (size_t i = 0; i < labels.size(); i++)
    {
        std::string id = id_prefix + "/" + (i < values.size() ? values[i] : std::to_string(i));
        bool on = i < checked.size() && checked[i];
        if (MarkRow(id, labels[i], on, multi, width)) toggled = (int)i;
        sem->Add(id, multi ? "checkbox" : "radio", labels[i], on ? "true" : "false", ItemSemanticsRect());
    }
    ImGui::PopStyleVar();
    return toggled;
}

bool CheckBox(Semantics* sem, const std::string& id, std::string_view label, bool checked, float width)
{
    bool pressed = MarkRow(id, label, checked, true, width);
    sem->Add(id, "checkbox", std::string(label), checked ? "true" : "false", ItemSemanticsRect());
    return pressed;
}

static void StarShape(ImDrawList* dl, ImVec2 c, float r, ImU32 fill, ImU32 line)
{
    ImVec2 pts[10];
    for (int i = 0; i < 10; i++)
    {
        float ang = -kPi / 2 + i * kPi / 5;
        float rr = (i % 2 == 0) ? r : r * 0.45f;
        pts[i] = ImVec2(c.x + cosf(ang) * rr, c.y + sinf(ang) * rr);
    }
    // Non-convex: fill as five triangles around the centre, then outline.
    for (int i = 0; i < 10; i++)
        dl->AddTriangleFilled(c, pts[i], pts[(i + 1) % 10], fill);
    dl->AddPolyline(pts, 10, line, ImDrawFlags_Closed, 1.5f);
}

int StarRow(Semantics* sem, const std::string& id_prefix, int points, int value, const std::vector<std::string>& labels, float width)
{
    int pressed = 0;
    // 52 px stars, smaller on a narrow page so the row fits (never below the 44 px touch minimum
    // of WCAG 2.5.5; below that the row wraps as ImGui lays it out).
    float fit = points > 0 ? (width - 4.0f * (points - 1)) / points : 52.0f;
    const float size = fit < 52.0f ? (fit < 44.0f ? 44.0f : fit) : 52.0f;
    int hovered_star = 0;
    for (int p = 1; p <= points; p++)
    {
        if (p > 1) ImGui::SameLine(0, 4);
        std::string id = id_prefix + "/" + std::to_string(p);
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(size, size))) pressed = p;
        if (ImGui::IsItemHovered()) { hovered_star = p; ImGui::SetMouseCursor(ImGuiMouseCursor_Hand); }
        FocusRing(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), 8.0f);
        std::string label = p - 1 < (int)labels.size() ? labels[p - 1] : std::to_string(p);
        sem->Add(id, "radio", label, value == p ? "true" : "false", ItemSemanticsRect());
    }
    // Draw after layout so hovering star k previews stars 1..k.
    int shown = hovered_star ? hovered_star : value;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int p = 1; p <= points; p++)
    {
        const SemanticsNode& n = sem->nodes[sem->nodes.size() - points + p - 1];
        ImVec2 c(n.rect.x + size * 0.5f, n.rect.y + size * 0.5f);
        bool on = p <= shown;
        StarShape(dl, c, size * 0.42f, on ? theme::kStarFill : theme::kPaper, on ? theme::kStarLine : theme::kInkMuted);
    }
    if (shown > 0 && shown - 1 < (int)labels.size())
    {
        // Beside the stars when it fits, under them otherwise (narrow page, large text).
        float row = points * size + (points - 1) * 4.0f;
        if (row + 12.0f + ImGui::CalcTextSize(labels[shown - 1].c_str()).x <= width)
        {
            ImGui::SameLine(0, 12);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (size - ImGui::GetFontSize()) * 0.5f);
        }
        ImGui::TextUnformatted(labels[shown - 1].c_str());
    }
    return pressed;
}

static void Face(ImDrawList* dl, ImVec2 c, float r, float mood, ImU32 color, bool selected)
{
    dl->AddCircleFilled(c, r, selected ? color : theme::kPaper, 40);
    dl->AddCircle(c, r, color, 40, selected ? 3.0f : 2.0f);
    ImU32 ink = selected ? theme::kPaper : color;
    dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.1f, ink);
    dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.1f, ink);
    // The mouth bends from frown (mood -1) to smile (mood +1).
    ImVec2 l(c.x - r * 0.45f, c.y + r * 0.35f), rr(c.x + r * 0.45f, c.y + r * 0.35f);
    ImVec2 ctrl(c.x, c.y + r * 0.35f + mood * r * 0.45f);
    dl->AddBezierQuadratic(l, ctrl, rr, ink, 3.0f, 16);
}

int SmileyRow(Semantics* sem, const std::string& id_prefix, int points, int value, const std::vector<std::string>& labels,
              float width)
{
    int pressed = 0;
    const float gap = 8.0f;
    float cell = (width - gap * (points - 1)) / points;
    if (cell > 110.0f) cell = 110.0f;
    float face = cell < 64.0f ? cell - 8.0f : 56.0f;
    float fs = ImGui::GetFontSize() * 0.85f;
    // Too narrow for a row of readable faces (a phone, large text): one face per line, its label
    // wrapped beside it, as the grade list does.
    if (cell < 2.2f * ImGui::GetFontSize() || face < 32.0f)
    {
        ImFont* font = ImGui::GetFont();
        float body = ImGui::GetFontSize();
        for (int p = 1; p <= points; p++)
        {
            std::string id = id_prefix + "/" + std::to_string(p);
            std::string label = p - 1 < (int)labels.size() ? labels[p - 1] : std::to_string(p);
            float text_h = MeasureWrapped(font, body, label, width - 62.0f).y;
            ImVec2 size(width, text_h + 16.0f < kMinTouchTarget + 4 ? kMinTouchTarget + 4 : text_h + 16.0f);
            if (ImGui::InvisibleButton(id.c_str(), size)) pressed = p;
            if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
            ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            float mood = points > 1 ? -1.0f + 2.0f * (p - 1) / (points - 1) : 1.0f;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRect(a, b, value == p ? GradeColor(p - 1, points) : theme::kLine, 8.0f, 0, value == p ? 2.0f : 1.0f);
            Face(dl, ImVec2(a.x + 26, a.y + size.y * 0.5f), 16.0f, mood, GradeColor(p - 1, points), value == p);
            DrawWrapped(dl, font, body, ImVec2(a.x + 52, a.y + (size.y - text_h) * 0.5f), theme::kInk, label, width - 62.0f);
            FocusRing(a, b, 8.0f);
            sem->Add(id, "radio", label, value == p ? "true" : "false", ItemSemanticsRect());
        }
        return pressed;
    }
    for (int p = 1; p <= points; p++)
    {
        if (p > 1) ImGui::SameLine(0, gap);
        std::string id = id_prefix + "/" + std::to_string(p);
        std::string label = p - 1 < (int)labels.size() ? labels[p - 1] : std::to_string(p);
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(cell, face + 8 + fs * 2.4f))) pressed = p;
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        float mood = points > 1 ? -1.0f + 2.0f * (p - 1) / (points - 1) : 1.0f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        Face(dl, ImVec2(a.x + cell * 0.5f, a.y + face * 0.5f + 2), face * 0.5f, mood, GradeColor(p - 1, points), value == p);
        CenteredWrappedText(dl, ImGui::GetFont(), fs, ImVec2(a.x, a.y + face + 6), ImVec2(b.x, b.y), theme::kInk, label);
        FocusRing(a, b, 8.0f);
        sem->Add(id, "radio", label, value == p ? "true" : "false", ItemSemanticsRect());
    }
    return pressed;
}

// The kiosk's first screen: one tap on a big face. Faces are as large as the width allows (up to
// 150 px), in one row when they fit at 96 px or more, else in rows of four.
int BigFaceRow(Semantics* sem, const std::string& id_prefix, int points, const std::vector<std::string>& labels, float width)
{
    int pressed = 0;
    const float gap = 12.0f;
    int per_row = points;
    while (per_row > 1 && (width - gap * (per_row - 1)) / per_row < 96.0f) per_row = (per_row + 1) / 2;
    float cell = (width - gap * (per_row - 1)) / per_row;
    if (cell > 190.0f) cell = 190.0f;
    float face = cell * 0.72f > 150.0f ? 150.0f : cell * 0.72f;
    float fs = ImGui::GetFontSize();
    float row_w = cell * per_row + gap * (per_row - 1);
    float x0 = ImGui::GetCursorPosX() + (width - row_w) * 0.5f;
    for (int p = 1; p <= points; p++)
    {
        if ((p - 1) % per_row != 0) ImGui::SameLine(0, gap);
        else ImGui::SetCursorPosX(x0);
        std::string id = id_prefix + "/" + std::to_string(p);
        std::string label = p - 1 < (int)labels.size() ? labels[p - 1] : std::to_string(p);
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(cell, face + 16 + fs * 2.6f))) pressed = p;
        bool hovered = ImGui::IsItemHovered() || ImGui::IsItemActive();
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        float mood = points > 1 ? -1.0f + 2.0f * (p - 1) / (points - 1) : 1.0f;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, b, hovered ? theme::kPanel : theme::kPaper, 16.0f);
        Face(dl, ImVec2(a.x + cell * 0.5f, a.y + 8 + face * 0.5f), face * 0.5f, mood, GradeColor(p - 1, points), ImGui::IsItemActive());
        CenteredWrappedText(dl, ImGui::GetFont(), fs, ImVec2(a.x + 2, a.y + face + 14), ImVec2(b.x - 2, b.y), theme::kInk, label);
        FocusRing(a, b, 16.0f);
        sem->Add(id, "button", label, std::to_string(p), ItemSemanticsRect());
    }
    return pressed;
}

int NumberScale(Semantics* sem, const std::string& id_prefix, int first, int last, int value, std::string_view low_label,
                std::string_view high_label, float width)
{
    int pressed = INT_MIN;
    int n = last - first + 1;
    const float gap = 6.0f;
    int per_row = n;
    // Below 48 px a button is too small to hit on a phone: wrap onto two rows instead.
    while (per_row > 1 && (width - gap * (per_row - 1)) / per_row < kMinTouchTarget) per_row = (per_row + 1) / 2;
    float w = (width - gap * (per_row - 1)) / per_row;
    ImFont* font = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    for (int i = 0; i < n; i++)
    {
        int v = first + i;
        if (i % per_row != 0) ImGui::SameLine(0, gap);
        std::string id = id_prefix + "/" + std::to_string(v);
        if (ImGui::InvisibleButton(id.c_str(), ImVec2(w, kMinTouchTarget))) pressed = v;
        bool hovered = ImGui::IsItemHovered();
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        ImU32 color = GradeColor(i, n);
        bool on = value == v;
        dl->AddRectFilled(a, b, on ? color : hovered ? theme::kPanel : theme::kPaper, 8.0f);
        dl->AddRect(a, b, color, 8.0f, 0, on ? 3.0f : 1.5f);
        char num[8];
        snprintf(num, sizeof num, "%d", v);
        float tw = font->CalcTextSizeA(fs, FLT_MAX, 0, num).x;
        dl->AddText(font, fs, ImVec2(a.x + (w - tw) * 0.5f, a.y + (kMinTouchTarget - fs) * 0.5f), on ? theme::kPaper : theme::kInk, num);
        FocusRing(a, b, 8.0f);
        sem->Add(id, "radio", num, on ? "true" : "false", ItemSemanticsRect());
    }
    if (!low_label.empty() || !high_label.empty())
    {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kInkMuted);
        float x0 = ImGui::GetCursorPosX();
        float lw = ImGui::CalcTextSize(low_label.data(), low_label.data() + low_label.size()).x;
        float hw = ImGui::CalcTextSize(high_label.data(), high_label.data() + high_label.size()).x;
        if (lw + hw + 16.0f <= width)
        {
            // Both on one line, at the two ends of the scale.
            ImGui::PushTextWrapPos(-1.0f);
            ImGui::TextUnformatted(low_label.data(), low_label.data() + low_label.size());
            // SetCursorPosX, not SameLine(offset): inside a group SameLine adds the group's indent again.
            ImGui::SameLine();
            ImGui::SetCursorPosX(x0 + width - hw);
            ImGui::TextUnformatted(high_label.data(), high_label.data() + high_label.size());
            ImGui::PopTextWrapPos();
        }
        else
        {
            // Too wide together (a phone, large text): one under the other, the high end right-aligned
            // when it fits on its line, wrapped when not.
            WrappedText(low_label);
            if (hw <= width) ImGui::SetCursorPosX(x0 + width - hw);
            WrappedText(high_label);
        }
        ImGui::PopStyleColor();
    }
    return pressed;
}

void ProgressBar(Semantics* sem, int page_index, int page_count, float width)
{
    if (page_count <= 1) return;
    char text[32];
    snprintf(text, sizeof text, "%d / %d", page_index + 1, page_count);
    ImVec2 a = ImGui::GetCursorScreenPos();
    float tw = ImGui::CalcTextSize(text).x;
    float bar = width - tw - 12.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float y = a.y + ImGui::GetFontSize() * 0.5f;
    dl->AddRectFilled(ImVec2(a.x, y - 3), ImVec2(a.x + bar, y + 3), theme::kLine, 3.0f);
    dl->AddRectFilled(ImVec2(a.x, y - 3), ImVec2(a.x + bar * (page_index + 1) / page_count, y + 3), theme::kAccent, 3.0f);
    ImGui::SetCursorScreenPos(ImVec2(a.x + bar + 12.0f, a.y));
    ImGui::TextDisabled("%s", text);
    sem->Add("progress", "progressbar", text, std::to_string(page_index + 1), ItemSemanticsRect());
}

bool SecondaryButton(const char* id, std::string_view label, float width)
{
    ImFont* font = ImGui::GetFont();
    float fs = ImGui::GetFontSize();
    ImVec2 size(width, fs + 28.0f);
    bool pressed = ImGui::InvisibleButton(id, size);
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, hovered ? theme::kPanel : theme::kPaper, theme::kRounding);
    dl->AddRect(a, b, theme::kAccent, theme::kRounding, 0, 1.5f);
    float tw = font->CalcTextSizeA(fs, FLT_MAX, 0, label.data(), label.data() + label.size()).x;
    dl->AddText(font, fs, ImVec2(a.x + (size.x - tw) * 0.5f, a.y + 14.0f), theme::kAccent, label.data(), label.data() + label.size());
    FocusRing(a, b, theme::kRounding);
    return pressed;
}

} // namespace manyi
