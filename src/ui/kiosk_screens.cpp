// The kiosk's own screens (docs/operator-guide.md, "Kiosk"): the one-tap first screen, the attract
// screen, and the idle warning drawn over a survey. Their timing is the core's (kiosk_flow.h).
#include <cstdio>

#include "imgui.h"
#include "ui/choice_widgets.h"
#include "ui/page_layout.h"
#include "ui/theme.h"
#include "ui/ui_strings.h"
#include "ui/widgets.h"
#include "ui/wrapped_text.h"

namespace manyi {

static std::vector<std::string> GradeLabels(const Question& q, const std::string& locale)
{
    std::vector<std::string> out;
    for (const LocalizedText& t : q.point_labels) out.push_back(t.Get(locale));
    return out;
}

// Text centred in the column, scaled (the first screen is read from a step away).
static void CenteredBlock(Semantics* sem, const char* id, const char* role, std::string_view text, ImFont* font, float scale, ImU32 color)
{
    float size = font->FontSize * scale;
    float width = PageWidth();
    float h = MeasureWrapped(font, size, text, width).y;
    ImVec2 at = ImGui::GetCursorScreenPos();
    DrawWrapped(ImGui::GetWindowDrawList(), font, size, at, color, text, width, 0.5f);
    ImGui::Dummy(ImVec2(width, h));
    sem->Add(id, role, std::string(text), "", ItemSemanticsRect());
}

void FirstTapScreen(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    const Survey& s = *v->survey;
    const Question& q = s.questions[v->first_tap_question];
    BeginPage("first-tap", 1160.0f);
    LanguageSwitch(v, sem);
    // A big screen seen from a step away: space above, the question large, the faces larger.
    float spare = ImGui::GetContentRegionAvail().y - 520.0f;
    if (spare > 0) ImGui::Dummy(ImVec2(0, spare * 0.35f));
    CenteredBlock(sem, "title", "heading", s.title.Get(v->locale), v->fonts.body, 1.0f, theme::kInkMuted);
    ImGui::Dummy(ImVec2(0, 8));
    CenteredBlock(sem, (q.id + "/title").c_str(), "heading", q.title.Get(v->locale), v->fonts.heading, 1.35f, theme::kInk);
    ImGui::Dummy(ImVec2(0, 4));
    CenteredBlock(sem, "one-tap", "text", Tr(UiString::KioskOneTap, v->locale), v->fonts.body, 1.0f, theme::kInkMuted);
    ImGui::Dummy(ImVec2(0, 24));
    int tapped = BigFaceRow(sem, "first-tap", q.points, GradeLabels(q, v->locale), PageWidth());
    if (tapped) actions->first_tap = q.first_value + tapped - 1;
    ImGui::Dummy(ImVec2(0, 32));
    if (ComplaintEntryAvailable(s))
    {
        std::string entry = s.complaint.entry_label.Get(v->locale);
        float w = PageWidth() < 480 ? PageWidth() : 480;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (PageWidth() - w) * 0.5f);
        if (SecondaryButton("complaint-entry", entry, w))
            actions->enter_complaint = true;
        sem->Add("complaint-entry", "button", entry, "", ItemSemanticsRect());
    }
    DeviceFooter(v, sem);
    EndPage(v);
}

void AttractScreen(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    const Survey& s = *v->survey;
    ImGuiIO& io = ImGui::GetIO();
    BeginPage("attract");
    LanguageSwitch(v, sem);
    // The whole screen below the language switch is one button: any tap starts.
    ImVec2 at = ImGui::GetCursorScreenPos();
    float width = PageWidth();
    // Stops short of the bottom padding EndPage adds, so the page never needs a scrollbar.
    float height = io.DisplaySize.y - at.y - theme::kPadding * 2 - ImGui::GetStyle().ItemSpacing.y * 2 - 2;
    if (height < 200) height = 200;
    if (ImGui::InvisibleButton("attract", ImVec2(width, height)))
        actions->leave_attract = true;
    sem->Add("attract", "button", Tr(UiString::KioskTapToStart, v->locale), "", ItemSemanticsRect());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Five faces from frown to smile across the middle, the invitation under them.
    const int n = 5;
    float r = width / (n * 2.8f);
    if (r > 44) r = 44;
    float cy = at.y + height * 0.38f;
    for (int i = 0; i < n; i++)
    {
        float cx = at.x + width * 0.5f + (i - (n - 1) * 0.5f) * r * 2.6f;
        ImU32 c = GradeColor(i, n);
        float mood = -1.0f + 2.0f * i / (n - 1);
        dl->AddCircle(ImVec2(cx, cy), r, c, 40, 3.0f);
        dl->AddCircleFilled(ImVec2(cx - r * 0.35f, cy - r * 0.25f), r * 0.1f, c);
        dl->AddCircleFilled(ImVec2(cx + r * 0.35f, cy - r * 0.25f), r * 0.1f, c);
        dl->AddBezierQuadratic(ImVec2(cx - r * 0.45f, cy + r * 0.35f), ImVec2(cx, cy + r * 0.35f + mood * r * 0.45f),
                               ImVec2(cx + r * 0.45f, cy + r * 0.35f), c, 3.0f, 16);
    }
    ImFont* big = v->fonts.heading;
    float fs = big->FontSize * 1.3f;
    CenteredWrappedText(dl, big, fs, ImVec2(at.x, cy + r + 40), ImVec2(at.x + width, cy + r + 40 + fs * 3), theme::kInk,
                        Tr(UiString::KioskTapToStart, v->locale));
    CenteredWrappedText(dl, v->fonts.body, v->fonts.body->FontSize, ImVec2(at.x, cy + r + 48 + fs * 2.6f),
                        ImVec2(at.x + width, cy + r + 48 + fs * 5), theme::kInkMuted, s.title.Get(v->locale));
    EndPage(v);
}

// Drawn over the survey while the idle countdown runs: a calm bar, not an alarm. Sized here, not
// auto-sized: an auto-sized window is measured in a hidden first frame, and a tap in the frame
// after would land on its old (wrong) place, on the survey's own Submit under it.
void KioskCountdownOverlay(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 pad(20, 16);
    const float width = io.DisplaySize.x < 560 ? io.DisplaySize.x - 24 : 536;
    const float inner = width - pad.x * 2;
    char line[200];
    snprintf(line, sizeof line, Tr(UiString::KioskStillThere, v->locale), v->kiosk_countdown);
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    const float text_h = MeasureWrapped(font, fs, line, inner).y;
    const float gap = 10;
    const float height = pad.y * 2 + text_h + gap + (fs + 28.0f);
    ImGui::SetNextWindowPos(ImVec2((io.DisplaySize.x - width) * 0.5f, io.DisplaySize.y - 16 - height));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kInk);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 14.0f);
    ImGui::Begin("kiosk-countdown", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                                ImGuiWindowFlags_NoFocusOnAppearing);
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(at.x + pad.x, at.y + pad.y));
    DrawWrapped(ImGui::GetWindowDrawList(), font, fs, ImGui::GetCursorScreenPos(), theme::kPaper, line, inner);
    ImGui::Dummy(ImVec2(inner, text_h));
    sem->Add("kiosk-countdown", "alert", line, std::to_string(v->kiosk_countdown), ItemSemanticsRect());
    ImGui::SetCursorScreenPos(ImVec2(at.x + pad.x, at.y + pad.y + text_h + gap));
    if (PrimaryButton("keep-going", Tr(UiString::KioskContinue, v->locale), inner, true))
        actions->keep_going = true;
    sem->Add("keep-going", "button", Tr(UiString::KioskContinue, v->locale), "", ItemSemanticsRect());
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

} // namespace manyi
