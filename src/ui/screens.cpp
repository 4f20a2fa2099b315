// The widget's screens: loading, error, survey, thank-you.
#include <array>
#include <cctype>
#include <cstdio>

#include "imgui.h"
#include "imgui_internal.h" // ClearActiveID: a drag that became a scroll is not a tap
#include "ui/choice_widgets.h"
#include "ui/page_layout.h"
#include "ui/theme.h"
#include "ui/ui_strings.h"
#include "ui/widget_view.h"
#include "ui/widgets.h"
#include "ui/wrapped_text.h"

namespace manyi {

// A full-size window with a centred column no wider than kMaxContentWidth.
bool BeginPage(const char* name, float max_width)
{
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // No background: the frame starts by clearing to the paper colour, and a software rasterizer
    // (SwiftShader on a GPU-less kiosk) pays for every full-screen blended quad.
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    bool open = ImGui::Begin(name, nullptr, flags & ~ImGuiWindowFlags_NoScrollbar);
    // Touch: ImGui scrolls only on the wheel, so a finger dragging a long page (the complaint form
    // on a kiosk, any page on a phone) scrolls it here. Past the drag threshold it is a scroll, not
    // a tap: the item under the finger lets go, so lifting the finger does not press it.
    if (io.MouseSource == ImGuiMouseSource_TouchScreen && ImGui::IsMouseDragging(ImGuiMouseButton_Left) && ImGui::GetScrollMaxY() > 0)
    {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
    }
    float avail = ImGui::GetContentRegionAvail().x;
    float width = avail < max_width ? avail : max_width;
    float indent = (avail - width) * 0.5f;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
    ImGui::BeginGroup();
    ImGui::PushItemWidth(width);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    return open;
}

void EndPage(WidgetView* v)
{
    ImGui::PopTextWrapPos();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, theme::kPadding));
    v->scroll_max_y = ImGui::GetScrollMaxY();
    v->scroll_y = ImGui::GetScrollY();
    ImGui::End();
}

float PageWidth() { return ImGui::CalcItemWidth(); }

void Paragraph(Semantics* sem, const char* id, std::string_view text, ImFont* font, ImU32 color)
{
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    WrappedText(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    sem->Add(id, "text", std::string(text), "", ItemSemanticsRect());
}

// "1.2 MB", "10 GB", "?" when unknown.
static void FormatBytes(double bytes, char* out, size_t size)
{
    if (bytes < 0) { snprintf(out, size, "?"); return; }
    const char* units[] = { "B", "KB", "MB", "GB", "TB" };
    int u = 0;
    while (bytes >= 1000 && u < 4) { bytes /= 1000; u++; }
    snprintf(out, size, bytes < 10 && u > 0 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

void DeviceFooter(WidgetView* v, Semantics* sem)
{
    char line[240];
    if (v->stored_count == 1) snprintf(line, sizeof line, "%s", Tr(UiString::StoredOnDeviceOne, v->locale));
    else snprintf(line, sizeof line, Tr(UiString::StoredOnDevice, v->locale), (long long)v->stored_count);
    std::string text = line;
    if (v->pending_count > 0)
    {
        snprintf(line, sizeof line, Tr(UiString::WaitingToSend, v->locale), (long long)v->pending_count);
        text += " · ";
        text += line;
    }
    ImGui::PushFont(v->fonts.small);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kInkMuted);
    WrappedText(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    sem->Add("stored-count", "text", text, std::to_string(v->stored_count), ItemSemanticsRect());
    if (v->show_storage_state && v->storage_persisted >= 0)
    {
        char usage[32], quota[32];
        FormatBytes(v->storage_usage, usage, sizeof usage);
        FormatBytes(v->storage_quota, quota, sizeof quota);
        snprintf(line, sizeof line, Tr(v->storage_persisted ? UiString::StoragePersistent : UiString::StorageNotPersistent, v->locale), usage, quota);
        ImGui::PushFont(v->fonts.small);
        ImGui::PushStyleColor(ImGuiCol_Text, v->storage_persisted ? theme::kInkMuted : theme::kDanger);
        WrappedText(line);
        ImGui::PopStyleColor();
        ImGui::PopFont();
        sem->Add("storage-state", "text", line, v->storage_persisted ? "persistent" : "not-persistent", ItemSemanticsRect());
    }
}

static const char* LocaleName(const std::string& tag) { return LanguageDisplayName(LocaleLanguage(tag)); }

// A small switch between the survey's languages, right-aligned above the title.
void LanguageSwitch(WidgetView* v, Semantics* sem)
{
    const Survey& s = *v->survey;
    if (s.locales.size() < 2) return;
    // On a kiosk a finger is the pointer: buttons of at least 48 px, as every other kiosk target.
    const float min_side = v->kiosk ? 48.0f : 32.0f;
    const float pad = v->kiosk ? 40.0f : 24.0f;
    ImGui::PushFont(v->kiosk ? v->fonts.body : v->fonts.small);
    float x_end = ImGui::GetCursorPosX() + PageWidth();
    float total = 0;
    for (const std::string& tag : s.locales)
        total += ImMax(ImGui::CalcTextSize(LocaleName(tag) ? LocaleName(tag) : tag.c_str()).x + pad, min_side) + 4.0f;
    ImGui::SetCursorPosX(x_end - total);
    for (size_t i = 0; i < s.locales.size(); i++)
    {
        const std::string& tag = s.locales[i];
        const char* name = LocaleName(tag) ? LocaleName(tag) : tag.c_str();
        bool current = LocaleEquals(tag, v->locale);
        if (i > 0) ImGui::SameLine(0, 4);
        ImVec2 size(ImMax(ImGui::CalcTextSize(name).x + pad, min_side), ImMax(ImGui::GetFontSize() + 12.0f, min_side)); // large text grows it
        std::string id = "locale/" + tag;
        if (ImGui::InvisibleButton(id.c_str(), size) && !current)
        {
            v->locale = tag;
            v->session.locale = tag;
            v->session.errors = v->session.errors.empty() ? v->session.errors : ValidatePage(s, v->session);
        }
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (current) dl->AddRectFilled(a, b, theme::kPanel, 6.0f);
        dl->AddRect(a, b, current ? theme::kAccent : theme::kLine, 6.0f);
        if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
            dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme::kAccent, 9.0f, 0, 3.0f);
        dl->AddText(ImVec2(a.x + (size.x - ImGui::CalcTextSize(name).x) * 0.5f, a.y + (size.y - ImGui::GetFontSize()) * 0.5f),
                    current ? theme::kAccentDark : theme::kInkMuted, name);
        sem->Add(id, "radio", name, current ? "true" : "false", ItemSemanticsRect());
    }
    ImGui::PopFont();
}

static void SurveyScreen(WidgetView* v, Semantics* sem, WidgetActions* actions)
{
    const Survey& s = *v->survey;
    Session& session = v->session;
    if (v->scroll_to_top)
    {
        ImGui::SetNextWindowScroll(ImVec2(0, 0));
        v->scroll_to_top = false;
    }
    else if (v->scroll_to_y >= 0)
        ImGui::SetNextWindowScroll(ImVec2(0, v->scroll_to_y));
    v->scroll_to_y = -1;
    BeginPage("survey");
    LanguageSwitch(v, sem);
    bool complaint = OnComplaintPage(s, session);
    const Page& page = s.pages[session.page];
    bool first_page = !CanGoBack(session);
    if (complaint)
    {
        TextBlock(sem, "title", "heading", s.complaint.title.Get(v->locale), v->fonts.heading, theme::kInk);
        if (first_page || !s.complaint.intro.Empty())
            Paragraph(sem, "intro", s.complaint.intro.Get(v->locale), v->fonts.body, theme::kInkMuted);
    }
    else
    {
        TextBlock(sem, "title", "heading", s.title.Get(v->locale), v->fonts.heading, theme::kInk);
        if (first_page && !s.intro.Empty())
            Paragraph(sem, "intro", s.intro.Get(v->locale), v->fonts.body, theme::kInkMuted);
    }
    if (v->draft_restored)
    {
        TextBlock(sem, "draft-restored", "status", Tr(UiString::DraftRestored, v->locale), v->fonts.small, theme::kInkMuted);
        if (SecondaryButton("start-over", Tr(UiString::StartOver, v->locale), PageWidth() * 0.4f))
            actions->new_response = true;
        sem->Add("start-over", "button", Tr(UiString::StartOver, v->locale), "", ItemSemanticsRect());
    }
    Progress progress = GetProgress(s, session);
    ProgressBar(sem, progress.page_number - 1, progress.page_count, PageWidth());
    if (!page.title.Empty())
        TextBlock(sem, "page-title", "heading", page.title.Get(v->locale), v->fonts.body, theme::kInk);
    if (!page.intro.Empty() && !complaint)
        Paragraph(sem, "page-intro", page.intro.Get(v->locale), v->fonts.small, theme::kInkMuted);

    bool focus_first = v->focus_first_control;
    v->focus_first_control = false;
    for (int qi : VisibleQuestions(s, session))
    {
        const Question& q = s.questions[qi];
        // After Next/Back from the keyboard, focus goes to the new page's first answer: the old
        // page's button it pointed at is gone.
        if (focus_first && ImGui::GetIO().NavVisible)
        {
            ImGui::SetKeyboardFocusHere(0);
            focus_first = false;
        }
        ImGui::Dummy(ImVec2(0, 8));
        std::string title = q.title.Get(v->locale);
        bool required = IsQuestionRequired(s, session, qi);
        sem->BeginGroup(q.id, title, required, q.help.Get(v->locale)); // the mirror's fieldset
        if (required) title += " *";
        TextBlock(sem, (q.id + "/title").c_str(), "heading", title, v->fonts.body, theme::kInk);
        if (!q.help.Empty())
            Paragraph(sem, (q.id + "/help").c_str(), q.help.Get(v->locale), v->fonts.small, theme::kInkMuted);
        ImGui::PushID(qi);
        DrawQuestionInput(v, sem, qi, actions);
        ImGui::PopID();
        sem->EndGroup();
    }
    ImGui::Dummy(ImVec2(0, 8));
    // After a refused Next, messages follow the answers: a fixed field loses its message at once.
    if (!session.errors.empty())
        session.errors = ValidatePage(s, session);
    if (!session.errors.empty())
        TextBlock(sem, "missing", "alert", Tr(UiString::RequiredMissing, v->locale), v->fonts.body, theme::kDanger);
    if (!v->save_error.empty())
        TextBlock(sem, "save-error", "alert", v->save_error, v->fonts.body, theme::kDanger);
    if (!v->storage_ok)
        TextBlock(sem, "storage", "alert", v->storage_message, v->fonts.small, theme::kDanger);

    // Back and Next (Submit on the last page), side by side.
    float width = PageWidth();
    bool last = IsLastPage(s, session);
    float back_w = CanGoBack(session) ? (width - 10.0f) * 0.35f : 0.0f;
    if (back_w > 0)
    {
        if (SecondaryButton("back", Tr(UiString::Back, v->locale), back_w))
        {
            Back(s, &session);
            v->scroll_to_top = true;
            v->focus_first_control = true;
        }
        sem->Add("back", "button", Tr(UiString::Back, v->locale), "", ItemSemanticsRect());
        ImGui::SameLine(0, 10.0f);
    }
    const char* label = v->saving ? Tr(UiString::Saving, v->locale) : last ? Tr(UiString::Submit, v->locale) : Tr(UiString::Next, v->locale);
    const char* id = last ? "submit" : "next";
    if (PrimaryButton(id, label, width - (back_w > 0 ? back_w + 10.0f : 0.0f), !v->saving))
    {
        NextResult r = Next(s, &session);
        if (r == NextResult::Finished) actions->submit = true;
        if (r == NextResult::Moved) v->scroll_to_top = v->focus_first_control = true;
    }
    sem->Add(id, "button", label, "", ItemSemanticsRect());
    ImGui::Dummy(ImVec2(0, 4));
    if (!complaint && ComplaintEntryAvailable(s))
    {
        // A real (focusable) button, so keyboard users reach the complaint form too.
        std::string entry = s.complaint.entry_label.Get(v->locale);
        if (SecondaryButton("complaint-entry", entry, width))
            actions->enter_complaint = true;
        sem->Add("complaint-entry", "button", entry, "", ItemSemanticsRect());
    }
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
    bool complaint = !v->complaint_reference.empty();
    TextBlock(sem, "thanks", "heading", (complaint ? s.complaint.thanks : s.thanks).Get(v->locale), v->fonts.heading, theme::kInk);
    if (complaint)
    {
        // Expectation management: the promise, and a reference the customer can keep.
        Paragraph(sem, "promise", ComplaintPromise(s, v->locale), v->fonts.body, theme::kInk);
        ImGui::Dummy(ImVec2(0, 4));
        TextBlock(sem, "complaint-reference-label", "text", Tr(UiString::ComplaintReference, v->locale), v->fonts.small, theme::kInkMuted);
        TextBlock(sem, "complaint-reference", "text", v->complaint_reference, v->fonts.heading, theme::kAccentDark);
        sem->nodes.back().value = v->complaint_reference;
        if (!s.complaint.next_steps.Empty())
            Paragraph(sem, "next-steps", s.complaint.next_steps.Get(v->locale), v->fonts.body, theme::kInk);
    }
    else if (!s.next_steps.Empty())
        Paragraph(sem, "next-steps", s.next_steps.Get(v->locale), v->fonts.body, theme::kInk);
    ImGui::Dummy(ImVec2(0, 4));
    // The short form is what a person reads out on the phone; the full id is in the payload.
    std::string short_ref = v->reference.substr(0, 8);
    for (char& ch : short_ref) ch = (char)toupper((unsigned char)ch);
    std::string line = std::string(Tr(UiString::Reference, v->locale)) + ": " + short_ref;
    ImGui::PushFont(v->fonts.small);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kInkMuted);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    sem->Add("reference", "text", line, v->reference, ItemSemanticsRect());
    ImGui::Dummy(ImVec2(0, 8));
    if (PrimaryButton("new-response", Tr(UiString::NewResponse, v->locale), PageWidth(), true))
        actions->new_response = true;
    sem->Add("new-response", "button", Tr(UiString::NewResponse, v->locale), "", ItemSemanticsRect());
    if (v->kiosk && v->kiosk_reset_in > 0)
    {
        char back[120];
        snprintf(back, sizeof back, Tr(UiString::KioskBackToStart, v->locale), v->kiosk_reset_in);
        TextBlock(sem, "kiosk-reset", "status", back, v->fonts.small, theme::kInkMuted);
        sem->nodes.back().value = std::to_string(v->kiosk_reset_in);
    }
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
    WrappedText(v->error_message);
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
    // The panel opens without a survey too (one that failed to load): the operator chooses another
    // in its settings; its Scores tab, the only part that reads the survey, is not offered then.
    static const Survey kNoSurvey;
    if (v->op.stage != OperatorStage::Closed)
    {
        v->op_text.boxes.clear();
        DrawOperatorPanel(&v->op, &v->op_text, &v->dashboard, v->survey ? *v->survey : kNoSurvey, v->locale, v->fonts,
                          { v->storage_persisted, v->storage_usage, v->storage_quota }, sem, &actions->op, &actions->dashboard, &v->scroll_max_y);
        ImGui::PopFont();
        return;
    }
    // The dashboard replaces the survey and thank-you screens; the survey's state stays as it is.
    if (v->dashboard.shown && v->survey && v->screen != Screen::Loading && v->screen != Screen::Error)
    {
        DrawDashboard(v->dashboard, *v->survey, v->locale, v->fonts, sem, &actions->dashboard, &v->scroll_max_y);
        ImGui::PopFont();
        return;
    }
    switch (v->screen)
    {
    case Screen::Loading: LoadingScreen(v, sem); break;
    case Screen::Error: ErrorScreen(v, sem); break;
    case Screen::Survey: SurveyScreen(v, sem, actions); break;
    case Screen::Thanks: ThanksScreen(v, sem, actions); break;
    case Screen::FirstTap: FirstTapScreen(v, sem, actions); break;
    case Screen::Attract: AttractScreen(v, sem, actions); break;
    }
    if (v->screen == Screen::Survey && v->kiosk_countdown > 0)
        KioskCountdownOverlay(v, sem, actions);
    ImGui::PopFont();
}

} // namespace manyi
