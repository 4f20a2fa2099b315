// The widget's screens: loading, error, survey, thank-you.
#include <array>
#include <cctype>
#include <cstdio>

#include "imgui.h"
#include "ui/theme.h"
#include "ui/ui_strings.h"
#include "ui/widget_view.h"
#include "ui/widgets.h"

namespace manyi {

bool RequiredAnswered(const Survey& survey, const std::vector<AnswerValue>& answers, std::vector<int>* missing)
{
    missing->clear();
    for (int i = 0; i < (int)survey.questions.size(); i++)
    {
        const AnswerValue& v = answers[i];
        bool answered = v.kind == AnswerValue::Number || (v.kind == AnswerValue::Text && !v.text.empty());
        if (survey.questions[i].required && !answered)
            missing->push_back(i);
    }
    return missing->empty();
}

// A full-size window with a centred column no wider than kMaxContentWidth.
static bool BeginPage(const char* name)
{
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus;
    bool open = ImGui::Begin(name, nullptr, flags & ~ImGuiWindowFlags_NoScrollbar);
    float avail = ImGui::GetContentRegionAvail().x;
    float width = avail < theme::kMaxContentWidth ? avail : theme::kMaxContentWidth;
    float indent = (avail - width) * 0.5f;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::BeginGroup();
    ImGui::PushItemWidth(width);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    return open;
}

static void EndPage(WidgetView* v)
{
    ImGui::PopTextWrapPos();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, theme::kPadding));
    v->scroll_max_y = ImGui::GetScrollMaxY();
    ImGui::End();
}

static float PageWidth() { return ImGui::CalcItemWidth(); }

static void Paragraph(Semantics* sem, const char* id, std::string_view text, ImFont* font, ImU32 color)
{
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextWrapped("%.*s", (int)text.size(), text.data());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    sem->Add(id, "text", std::string(text), "", ItemSemanticsRect());
}

static void DeviceFooter(WidgetView* v, Semantics* sem)
{
    char line[160];
    snprintf(line, sizeof line, Tr(UiString::StoredOnDevice, v->locale), (long long)v->stored_count);
    std::string text = line;
    if (v->pending_count > 0)
    {
        snprintf(line, sizeof line, Tr(UiString::WaitingToSend, v->locale), (long long)v->pending_count);
        text += " · ";
        text += line;
    }
    ImGui::PushFont(v->fonts.small);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kInkMuted);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    sem->Add("stored-count", "text", text, std::to_string(v->stored_count), ItemSemanticsRect());
}

static void RatingQuestion(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    AnswerValue& answer = v->answers[qi];
    float width = PageWidth();
    const float gap = 8.0f, min_w = 84.0f;
    bool row = width >= q.points * min_w + (q.points - 1) * gap;
    ImVec2 size = row ? ImVec2((width - (q.points - 1) * gap) / q.points, 92.0f) : ImVec2(width, 52.0f);
    for (int p = 0; p < q.points; p++)
    {
        int value = q.first_value + p;
        std::string label = p < (int)q.point_labels.size() ? q.point_labels[p].Get(v->locale) : std::to_string(value);
        bool selected = answer.kind == AnswerValue::Number && answer.number == value;
        std::string id = q.id + "/" + std::to_string(value);
        if (row && p > 0) ImGui::SameLine(0.0f, gap);
        if (GradeButton(id.c_str(), value, label, selected, GradeColor(p, q.points), size, !row))
        {
            answer.kind = AnswerValue::Number;
            answer.number = value;
            v->show_missing = false;
        }
        sem->Add(id, "radio", label, selected ? "true" : "false", ItemSemanticsRect());
    }
}

static void TextQuestion(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    AnswerValue& answer = v->answers[qi];
    float height = q.multiline ? 120.0f : ImGui::GetFontSize() + 20.0f;
    std::string placeholder = q.placeholder.Get(v->locale);
    TextBoxFrame(q.id.c_str(), answer.text, placeholder, ImVec2(PageWidth(), height), v->editing_text == qi);
    SemanticsRect r = ItemSemanticsRect();
    v->text_boxes.push_back({ qi, r });
    sem->Add(q.id, "textbox", q.title.Get(v->locale), answer.text, r);
    if (q.max_length > 0)
    {
        int used = 0;
        for (unsigned char c : answer.text) used += (c & 0xC0) != 0x80; // code points
        char left[64];
        snprintf(left, sizeof left, Tr(UiString::CharactersLeft, v->locale), q.max_length - used);
        ImGui::PushFont(v->fonts.small);
        ImGui::TextDisabled("%s", left);
        ImGui::PopFont();
    }
}

static void SurveyScreen(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    const Survey& s = *v->survey;
    BeginPage("survey");
    TextBlock(sem, "title", "heading", s.title.Get(v->locale), v->fonts.heading, theme::kInk);
    if (!s.intro.Empty())
        Paragraph(sem, "intro", s.intro.Get(v->locale), v->fonts.body, theme::kInkMuted);
    std::vector<int> missing;
    RequiredAnswered(s, v->answers, &missing);
    for (int qi = 0; qi < (int)s.questions.size(); qi++)
    {
        const Question& q = s.questions[qi];
        ImGui::Dummy(ImVec2(0, 8));
        std::string title = q.title.Get(v->locale);
        if (q.required) title += " *";
        std::string heading_id = q.id + "/title";
        TextBlock(sem, heading_id.c_str(), "heading", title, v->fonts.body, theme::kInk);
        if (!q.help.Empty())
            Paragraph(sem, (q.id + "/help").c_str(), q.help.Get(v->locale), v->fonts.small, theme::kInkMuted);
        ImGui::PushID(qi);
        if (q.type == QuestionType::Rating) RatingQuestion(v, sem, qi);
        else TextQuestion(v, sem, qi);
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(0, 8));
    if (v->show_missing && !missing.empty())
        TextBlock(sem, "missing", "alert", Tr(UiString::RequiredMissing, v->locale), v->fonts.body, theme::kDanger);
    if (!v->save_error.empty())
        TextBlock(sem, "save-error", "alert", v->save_error, v->fonts.body, theme::kDanger);
    if (!v->storage_ok)
        TextBlock(sem, "storage", "alert", v->storage_message, v->fonts.small, theme::kDanger);

    const char* label = v->saving ? Tr(UiString::Saving, v->locale) : Tr(UiString::Submit, v->locale);
    if (PrimaryButton("submit", label, PageWidth(), !v->saving))
    {
        if (missing.empty()) actions->submit = true;
        else v->show_missing = true;
    }
    sem->Add("submit", "button", label, "", ItemSemanticsRect());
    ImGui::Dummy(ImVec2(0, 4));
    DeviceFooter(v, sem);
    EndPage(v);
}

static void ThanksScreen(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    const Survey& s = *v->survey;
    BeginPage("thanks");
    // A check mark in a circle: the moment of leaving should feel finished (peak-end rule).
    ImVec2 c = ImGui::GetCursorScreenPos();
    float r = 28.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(ImVec2(c.x + r, c.y + r), r, theme::kSuccess, 48);
    dl->AddPolyline(std::array<ImVec2, 3>{ ImVec2(c.x + r * 0.55f, c.y + r * 1.0f), ImVec2(c.x + r * 0.9f, c.y + r * 1.35f),
                                           ImVec2(c.x + r * 1.5f, c.y + r * 0.7f) }.data(), 3, theme::kPaper, 0, 5.0f);
    ImGui::Dummy(ImVec2(r * 2, r * 2 + 4));
    TextBlock(sem, "thanks", "heading", s.thanks.Get(v->locale), v->fonts.heading, theme::kInk);
    if (!s.next_steps.Empty())
        Paragraph(sem, "next-steps", s.next_steps.Get(v->locale), v->fonts.body, theme::kInk);
    ImGui::Dummy(ImVec2(0, 4));
    // The short form is what a person reads out on the phone; the full id is in the payload.
    std::string short_ref = v->reference.substr(0, 8);
    for (char& ch : short_ref) ch = (char)toupper((unsigned char)ch);
    std::string line = std::string(Tr(UiString::Reference, v->locale)) + ": " + short_ref;
    ImGui::PushFont(v->fonts.body);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopFont();
    sem->Add("reference", "text", line, v->reference, ItemSemanticsRect());
    ImGui::Dummy(ImVec2(0, 8));
    if (PrimaryButton("new-response", Tr(UiString::NewResponse, v->locale), PageWidth(), true))
        actions->new_response = true;
    sem->Add("new-response", "button", Tr(UiString::NewResponse, v->locale), "", ItemSemanticsRect());
    ImGui::Dummy(ImVec2(0, 4));
    DeviceFooter(v, sem);
    EndPage(v);
}

static void ErrorScreen(WidgetView* v, Semantics* sem)
{
    BeginPage("error");
    ImVec2 a = ImGui::GetCursorScreenPos();
    float width = PageWidth();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(a.x + 16, a.y + 16));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 32);
    TextBlock(sem, "error-title", "heading", Tr(UiString::SurveyUnavailable, v->locale), v->fonts.heading, theme::kDanger);
    ImGui::PushFont(v->fonts.body);
    ImGui::TextWrapped("%s", v->error_message.c_str());
    ImGui::PopFont();
    sem->Add("error", "alert", v->error_message, "", ItemSemanticsRect());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImVec2 b = ImGui::GetItemRectMax();
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(a, ImVec2(a.x + width, b.y + 16), theme::kDangerBg, theme::kRounding);
    dl->AddRect(a, ImVec2(a.x + width, b.y + 16), theme::kDanger, theme::kRounding, 0, 1.5f);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(width, 16));
    EndPage(v);
}

static void LoadingScreen(WidgetView* v, Semantics* sem)
{
    BeginPage("loading");
    TextBlock(sem, "loading", "text", Tr(UiString::Loading, v->locale), v->fonts.body, theme::kInkMuted);
    EndPage(v);
}

void DrawWidget(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    sem->Clear();
    v->text_boxes.clear();
    ImGui::PushFont(v->fonts.body);
    switch (v->screen)
    {
    case Screen::Loading: LoadingScreen(v, sem); break;
    case Screen::Error: ErrorScreen(v, sem); break;
    case Screen::Survey: SurveyScreen(v, sem, actions); break;
    case Screen::Thanks: ThanksScreen(v, sem, actions); break;
    }
    ImGui::PopFont();
}

} // namespace manyi
