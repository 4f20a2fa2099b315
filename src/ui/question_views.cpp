// The answer widgets of each question type, reading and writing the session's answers.
#include <algorithm>
#include <climits>
#include <cstdio>

#include "imgui.h"
#include "ui/choice_widgets.h"
#include "ui/theme.h"
#include "ui/ui_strings.h"
#include "ui/widget_view.h"
#include "ui/widgets.h"
#include "ui/wrapped_text.h"

namespace manyi {

static float Width() { return ImGui::CalcItemWidth(); }

static std::vector<std::string> Labels(const std::vector<LocalizedText>& texts, const std::string& locale)
{
    std::vector<std::string> out;
    for (const LocalizedText& t : texts) out.push_back(t.Get(locale));
    return out;
}

static void Note(std::string_view text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kInkMuted);
    WrappedText(text);
    ImGui::PopStyleColor();
}

static void FieldError(WidgetView* v, Semantics* sem, int qi, const char* field)
{
    const QuestionError* e = ErrorFor(v->session, qi, field);
    if (!e || (field[0] == 0 && !e->field.empty())) return;
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
    WrappedText(e->message);
    ImGui::PopStyleColor();
    std::string id = e->question_id + (e->field.empty() ? "" : "/" + e->field) + "/error";
    sem->Add(id, "alert", e->message, "", ItemSemanticsRect());
}

// Grades as big labelled buttons in a row, or a list on narrow screens.
static void GradeRow(WidgetView* v, Semantics* sem, const std::string& id_prefix, int first, int points,
                     const std::vector<std::string>& labels, int value, int* chosen)
{
    float width = Width();
    const float gap = 8.0f, min_w = 84.0f;
    bool row = width >= points * min_w + (points - 1) * gap;
    bool has_labels = !labels.empty();
    ImVec2 size = row ? ImVec2((width - (points - 1) * gap) / points, has_labels ? 92.0f : kMinTouchTarget + 8)
                      : ImVec2(width, kMinTouchTarget + 4);
    for (int p = 0; p < points; p++)
    {
        int val = first + p;
        std::string label = has_labels ? labels[p] : std::to_string(val);
        std::string id = id_prefix + "/" + std::to_string(val);
        // The list layout grows a button to its wrapped label (large text on a phone).
        if (!row) size.y = std::max(kMinTouchTarget + 4, GradeListLabelHeight(val, has_labels ? label : "", width) + 16.0f);
        if (row && p > 0) ImGui::SameLine(0.0f, gap);
        if (GradeButton(id.c_str(), val, has_labels ? std::string_view(label) : std::string_view(), value == val,
                        GradeColor(p, points), size, !row))
            *chosen = val;
        sem->Add(id, "radio", label, value == val ? "true" : "false", ItemSemanticsRect());
    }
    (void)v;
}

static void RatingInput(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    AnswerValue& a = v->session.answers[qi];
    int value = a.kind == AnswerValue::Number ? a.number : INT_MIN;
    std::vector<std::string> labels = Labels(q.point_labels, v->locale);
    int chosen = INT_MIN;
    if (q.type == QuestionType::Nps)
    {
        chosen = NumberScale(sem, q.id, 0, 10, value, q.low_label.Get(v->locale), q.high_label.Get(v->locale), Width());
    }
    else if (q.display == RatingDisplay::Stars)
    {
        int s = StarRow(sem, q.id, q.points, value - q.first_value + 1, labels, Width());
        if (s) chosen = q.first_value + s - 1;
    }
    else if (q.display == RatingDisplay::Smileys)
    {
        int s = SmileyRow(sem, q.id, q.points, value - q.first_value + 1, labels, Width());
        if (s) chosen = q.first_value + s - 1;
    }
    else
    {
        GradeRow(v, sem, q.id, q.first_value, q.points, labels, value, &chosen);
    }
    if (chosen != INT_MIN) a = AnswerValue::MakeNumber(chosen);
}

static void ChoiceInput(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    AnswerValue& a = v->session.answers[qi];
    bool multi = q.type == QuestionType::Multiple;
    std::vector<std::string> labels, values;
    std::vector<bool> checked;
    for (const Choice& c : q.options)
    {
        labels.push_back(c.label.Get(v->locale));
        values.push_back(c.value);
        checked.push_back(multi ? HasChoice(a, c.value) : (a.kind == AnswerValue::Choice && a.text == c.value));
    }
    int t = ChoiceList(sem, q.id, labels, values, checked, multi, Width());
    if (t < 0) return;
    if (multi) ToggleChoice(q, &a, values[t]);
    else a = AnswerValue::MakeChoice(values[t]);
}

static const char* InputMode(TextInput in)
{
    switch (in)
    {
    case TextInput::Number: return "decimal";
    case TextInput::Phone: return "tel";
    case TextInput::Email: return "email";
    case TextInput::Text: break;
    }
    return "text";
}

static WidgetActions* g_actions = nullptr; // the frame's actions, for keyboard-activated text boxes

static void TextBox(WidgetView* v, Semantics* sem, int qi, const std::string& field, const std::string& id,
                    const std::string& label, const std::string& value, const std::string& placeholder, bool multiline)
{
    float height = multiline ? 120.0f : ImGui::GetFontSize() + 20.0f;
    if (height < kMinTouchTarget) height = kMinTouchTarget;
    bool editing = v->editing_text == qi && v->editing_field == field;
    bool activated = TextBoxFrame(id.c_str(), value, placeholder, ImVec2(Width(), height), editing);
    SemanticsRect r = ItemSemanticsRect();
    if (activated && g_actions)
    {
        g_actions->open_text_question = qi;
        g_actions->open_text_field = field;
    }
    v->text_boxes.push_back({ qi, field, r });
    sem->Add(id, "textbox", label, value, r);
    const Question& q = v->survey->questions[qi];
    SemanticsNode& n = sem->nodes.back();
    n.input = multiline ? "multiline" : field == "phone" ? "tel" : field == "email" ? "email" : field.empty() ? InputMode(q.input) : "text";
    n.max_length = field.empty() ? q.max_length : 200;
    n.required = field.empty() && IsQuestionRequired(*v->survey, v->session, qi);
}

static void TextInputView(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    const AnswerValue& a = v->session.answers[qi];
    TextBox(v, sem, qi, "", q.id, q.title.Get(v->locale), a.text, q.placeholder.Get(v->locale), q.multiline);
    if (q.max_length > 0 && q.multiline)
    {
        int used = 0;
        for (unsigned char c : a.text) used += (c & 0xC0) != 0x80; // code points
        char left[64];
        snprintf(left, sizeof left, Tr(UiString::CharactersLeft, v->locale), q.max_length - used);
        ImGui::PushFont(v->fonts.small);
        ImGui::TextDisabled("%s", left);
        ImGui::PopFont();
    }
    if (v->truncated_text == qi)
    {
        char note[160];
        snprintf(note, sizeof note, Tr(UiString::PasteTruncated, v->locale), v->truncated_max);
        ImGui::PushFont(v->fonts.small);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kDanger);
        WrappedText(note);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        sem->Add((q.id + "/truncated").c_str(), "alert", note, std::to_string(v->truncated_max), ItemSemanticsRect());
    }
}

static void ContactInput(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    for (const ContactFieldSpec& f : q.contact_fields)
    {
        const char* name = ContactFieldName(f.field);
        std::string label = f.label.Get(v->locale) + (f.required ? " *" : "");
        ImGui::TextUnformatted(label.c_str());
        TextBox(v, sem, qi, name, q.id + "/" + name, label, FieldValue(v->session.answers[qi], name), "", false);
        sem->nodes.back().required = f.required;
        FieldError(v, sem, qi, name);
    }
    ImGui::PushFont(v->fonts.small);
    Note(Tr(UiString::ContactPrivacy, v->locale));
    ImGui::PopFont();
}

static void ConsentInput(WidgetView* v, Semantics* sem, int qi, WidgetActions* actions)
{
    const Question& q = v->survey->questions[qi];
    AnswerValue& a = v->session.answers[qi];
    bool on = a.kind == AnswerValue::Bool && a.flag;
    if (CheckBox(sem, q.id, q.consent_text.Get(v->locale), on, Width()))
        a = AnswerValue::MakeBool(!on);
    if (!q.link_url.empty())
    {
        std::string text = q.link_text.Empty() ? q.link_url : q.link_text.Get(v->locale);
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
        ImVec2 a0 = ImGui::GetItemRectMin(), b0 = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddLine(ImVec2(a0.x, b0.y), b0, theme::kAccent);
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemClicked()) actions->open_url = q.link_url;
        sem->Add(q.id + "/link", "link", text, q.link_url, ItemSemanticsRect());
    }
}

// A compact numbered scale for one row of a matrix or one half of a SERVQUAL item.
static int ScaleRow(Semantics* sem, const std::string& id, const Question& q, const std::string& locale, std::optional<int> value)
{
    std::vector<std::string> labels = Labels(q.point_labels, locale);
    std::string low = labels.empty() ? "" : labels.front(), high = labels.empty() ? "" : labels.back();
    int v = NumberScale(sem, id, q.first_value, q.first_value + q.points - 1, value ? *value : INT_MIN, low, high, Width());
    return v;
}

static void MatrixInput(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    for (const SubItem& row : q.items)
    {
        WrappedText(row.label.Get(v->locale));
        sem->BeginGroup(q.id + "/" + row.id, row.label.Get(v->locale), false);
        int got = ScaleRow(sem, q.id + "/" + row.id, q, v->locale, RowValue(v->session.answers[qi], row.id));
        sem->EndGroup();
        if (got != INT_MIN) SetRow(&v->session.answers[qi], row.id, got);
        ImGui::Dummy(ImVec2(0, 4));
    }
}

static void ServqualInput(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    for (const SubItem& item : q.items)
    {
        std::string head = item.label.Get(v->locale) + "  ·  " + ServqualDimensionLabel(item.dimension).Get(v->locale);
        WrappedText(head);
        for (int half = 0; half < 2; half++)
        {
            bool expectation = half == 0;
            std::string half_label = (expectation ? q.expectation_label : q.perception_label).Get(v->locale);
            Note(half_label);
            std::string id = q.id + "/" + item.id + (expectation ? "/expectation" : "/perception");
            sem->BeginGroup(id, item.label.Get(v->locale) + " · " + half_label, false);
            int got = ScaleRow(sem, id, q, v->locale, GapValue(v->session.answers[qi], item.id, expectation));
            sem->EndGroup();
            if (got != INT_MIN) SetGap(&v->session.answers[qi], item.id, expectation, got);
        }
        ImGui::Dummy(ImVec2(0, 6));
    }
}

static void KanoInput(WidgetView* v, Semantics* sem, int qi)
{
    const Question& q = v->survey->questions[qi];
    std::vector<Choice> answers = q.options.empty() ? KanoAnswers() : q.options;
    std::vector<std::string> labels, values;
    for (const Choice& c : answers)
    {
        labels.push_back(c.label.Get(v->locale));
        values.push_back(c.value);
    }
    for (const SubItem& f : q.items)
    {
        for (int half = 0; half < 2; half++)
        {
            bool functional = half == 0;
            std::string prompt = (functional ? f.functional : f.dysfunctional).Get(v->locale);
            WrappedText(prompt);
            std::string current = KanoValue(v->session.answers[qi], f.id, functional);
            std::vector<bool> checked;
            for (const std::string& val : values) checked.push_back(val == current);
            std::string id = q.id + "/" + f.id + (functional ? "/functional" : "/dysfunctional");
            sem->BeginGroup(id, prompt, false);
            int t = ChoiceList(sem, id, labels, values, checked, false, Width());
            sem->EndGroup();
            if (t >= 0) SetKano(&v->session.answers[qi], f.id, functional, values[t]);
        }
        ImGui::Dummy(ImVec2(0, 6));
    }
}

void DrawQuestionInput(WidgetView* v, Semantics* sem, int qi, WidgetActions* actions)
{
    const Question& q = v->survey->questions[qi];
    g_actions = actions;
    switch (q.type)
    {
    case QuestionType::Rating:
    case QuestionType::Nps:
    case QuestionType::Ces: RatingInput(v, sem, qi); break;
    case QuestionType::Single:
    case QuestionType::Multiple: ChoiceInput(v, sem, qi); break;
    case QuestionType::Text: TextInputView(v, sem, qi); break;
    case QuestionType::Contact: ContactInput(v, sem, qi); break;
    case QuestionType::Consent: ConsentInput(v, sem, qi, actions); break;
    case QuestionType::Matrix: MatrixInput(v, sem, qi); break;
    case QuestionType::Servqual: ServqualInput(v, sem, qi); break;
    case QuestionType::Kano: KanoInput(v, sem, qi); break;
    }
    if (q.type == QuestionType::Multiple && (q.min_choices > 0 || q.max_choices > 0))
    {
        char hint[96];
        if (q.min_choices > 0 && q.max_choices > 0) snprintf(hint, sizeof hint, Tr(UiString::ChooseRange, v->locale), q.min_choices, q.max_choices);
        else if (q.max_choices > 0) snprintf(hint, sizeof hint, Tr(UiString::ChooseAtMost, v->locale), q.max_choices);
        else snprintf(hint, sizeof hint, Tr(UiString::ChooseAtLeast, v->locale), q.min_choices);
        ImGui::PushFont(v->fonts.small);
        Note(hint);
        ImGui::PopFont();
    }
    FieldError(v, sem, qi, "");
}

const char* TextInputMode(const Question& q) { return InputMode(q.input); }

} // namespace manyi
