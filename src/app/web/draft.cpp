// Drafts: the respondent's unfinished answers, written after every change (to the journal
// database's "drafts" store) so that a reload or a crash resumes where they were (docs/decisions.md D11). Cleared when the response is submitted
// or the respondent starts over.
#include "app/web/widget_app.h"
#include "core/session_draft.h"
#include "platform/browser.h"

namespace manyi {

std::string DraftKey()
{
    return g_app.survey_ok ? g_app.survey.id : std::string();
}

void RestoreDraft(const std::string& text)
{
    WidgetApp& app = g_app;
    if (!app.survey_ok || app.draft_max_age_ms <= 0)
        return;
    // The respondent already started on a fresh survey (the journal was slow to open): theirs wins.
    if (app.view.screen != Screen::Survey && app.view.screen != Screen::Loading && app.view.screen != Screen::FirstTap)
        return;
    if (SessionHasAnswers(app.view.session))
        return;
    Session restored;
    std::string why;
    if (!SessionDraftFromJson(app.survey, text, NowMs(), app.draft_max_age_ms, &restored, &why))
    {
        ClearDraft(); // stale or unreadable: never shown, never kept
        return;
    }
    app.view.session = std::move(restored);
    if (!app.view.session.locale.empty())
        app.view.locale = app.view.session.locale;
    app.view.draft_restored = true;
    if (app.view.screen == Screen::FirstTap) app.view.screen = Screen::Survey;
    if (app.view.kiosk) KioskEnter(&app.view.kiosk_flow, KioskPhase::Survey, NowMs());
    // The restored text is drawn by ImGui at once: its characters must be in the atlas.
    for (const AnswerValue& a : app.view.session.answers)
    {
        if (a.kind == AnswerValue::Text && !a.text.empty()) app.font_texts.push_back(a.text);
        for (const FieldAnswer& f : a.fields)
            if (!f.text.empty()) app.font_texts.push_back(f.text);
    }
    app.fonts_dirty = true;
    app.draft_json = SessionDraftToJson(app.survey, app.view.session, 0);
    app.view.scroll_to_top = true;
    RequestFrames(2);
    Emit("draft", "{\"restored\":true}");
}

void SaveDraftIfChanged()
{
    WidgetApp& app = g_app;
    if (!app.survey_ok || app.draft_max_age_ms <= 0 || app.view.screen != Screen::Survey || app.saving.request_id != 0)
        return;
    const Session& s = app.view.session;
    // saved_ms is left out of the comparison: an unchanged session is not written again.
    std::string json = SessionHasAnswers(s) ? SessionDraftToJson(app.survey, s, 0) : std::string();
    if (json == app.draft_json)
        return;
    app.draft_json = json;
    std::string stamped = json.empty() ? json : SessionDraftToJson(app.survey, s, NowMs());
    manyi_js_draft_save(DraftKey().c_str(), stamped.c_str());
}

void ForgetDraft()
{
    g_app.draft_json.clear();
    g_app.view.draft_restored = false;
}

void ClearDraft()
{
    ForgetDraft();
    if (g_app.survey_ok)
        manyi_js_draft_save(DraftKey().c_str(), "");
}

} // namespace manyi
