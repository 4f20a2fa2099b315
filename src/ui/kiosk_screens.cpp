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

void FirstTapScreen(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    const Survey& s = *v->survey;
    const Question& q = s.questions[v->first_tap_question];
    BeginPage("first-tap");
    LanguageSwitch(v, sem);
    // A big screen seen from a step away: space above, the question large, the faces larger.
    float spare = ImGui::GetContentRegionAvail().y - 420.0f;
    if (spare > 0) ImGui::Dummy(ImVec2(0, spare * 0.3f));
    TextBlock(sem, "title", "heading", s.title.Get(v->locale), v->fonts.heading, theme::kInk);
    ImGui::Dummy(ImVec2(0, 8));
    TextBlock(sem, (q.id + "/title").c_str(), "heading", q.title.Get(v->locale), v->fonts.heading, theme::kInk);
    TextBlock(sem, "one-tap", "text", Tr(UiString::KioskOneTap, v->locale), v->fonts.body, theme::kInkMuted);
    ImGui::Dummy(ImVec2(0, 16));
    int tapped = BigFaceRow(sem, "first-tap", q.points, GradeLabels(q, v->locale), PageWidth());
    if (tapped) actions->first_tap = q.first_value + tapped - 1;
    ImGui::Dummy(ImVec2(0, 24));
    if (ComplaintEntryAvailable(s))
    {
        std::string entry = s.complaint.entry_label.Get(v->locale);
        if (SecondaryButton("complaint-entry", entry, PageWidth()))
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
    float height = io.DisplaySize.y - at.y - theme::kPadding;
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

// Drawn over the survey while the idle countdown runs: a calm bar, not an alarm.
void KioskCountdownOverlay(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    ImGuiIO& io = ImGui::GetIO();
    float width = io.DisplaySize.x < 560 ? io.DisplaySize.x - 24 : 536;
    ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y - 16), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kInk);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(20, 16));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 14.0f);
    ImGui::Begin("kiosk-countdown", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    char line[200];
    snprintf(line, sizeof line, Tr(UiString::KioskStillThere, v->locale), v->kiosk_countdown);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 40);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kPaper);
    WrappedText(line);
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    sem->Add("kiosk-countdown", "alert", line, std::to_string(v->kiosk_countdown), ItemSemanticsRect());
    ImGui::Dummy(ImVec2(0, 6));
    if (PrimaryButton("keep-going", Tr(UiString::KioskContinue, v->locale), width - 40, true))
        actions->keep_going = true;
    sem->Add("keep-going", "button", Tr(UiString::KioskContinue, v->locale), "", ItemSemanticsRect());
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

} // namespace manyi
