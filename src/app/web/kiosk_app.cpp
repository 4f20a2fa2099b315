// The kiosk loop in the widget (mode "kiosk"): which screen a new respondent starts on, the
// clock's resets (src/core/kiosk_flow.h), and an abandoned survey discarded or saved as partial.
#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "imgui.h"
#include "imgui_internal.h" // the input queue: is a touch still being handled?
#include "core/session_draft.h"
#include "platform/browser.h"

namespace manyi {

static bool FirstTapOn()
{
    const WidgetView& v = g_app.view;
    return v.kiosk && v.kiosk_settings.first_tap && v.first_tap_question >= 0;
}

void KioskConfigure(const std::string& mode, const nlohmann::json& config)
{
    WidgetApp& app = g_app;
    WidgetView& v = app.view;
    v.kiosk = mode == "kiosk";
    if (!v.kiosk) return;
    if (config.contains("kiosk"))
    {
        std::string error;
        if (!KioskSettingsFromJson(config["kiosk"].dump(), &v.kiosk_settings, &error))
            manyi_js_log_error(("kiosk settings ignored: " + error).c_str());
    }
    app.store.SetScoreBurst(v.kiosk_settings.burst_in_scores);
    v.first_tap_question = app.survey_ok ? KioskFirstTapQuestion(app.survey) : -1;
    KioskEnter(&v.kiosk_flow, FirstTapOn() ? KioskPhase::FirstTap : KioskPhase::Survey, NowMs());
}

Screen KioskStartScreen() { return FirstTapOn() ? Screen::FirstTap : Screen::Survey; }

void KioskNoteInput()
{
    if (g_app.view.kiosk) KioskOnInput(&g_app.view.kiosk_flow, NowMs());
}

// A new respondent: nothing of the last one stays on screen, in the fields or in the draft.
void KioskStartOver()
{
    WidgetApp& app = g_app;
    WidgetView& v = app.view;
    const int64_t now = NowMs();
    ClearDraft();
    if (!v.kiosk_settings.locale.empty()) v.locale = v.kiosk_settings.locale;
    else if (!app.survey.default_locale.empty()) v.locale = app.survey.default_locale;
    v.session = StartSession(app.survey, v.locale, now);
    v.screen = KioskStartScreen();
    v.reference.clear();
    v.complaint_reference.clear();
    v.save_error.clear();
    v.editing_text = -1;
    v.kiosk_countdown = 0;
    v.kiosk_reset_in = 0;
    v.scroll_to_top = true;
    v.dashboard.shown = false;
    manyi_js_text_field_hide();
    KioskEnter(&v.kiosk_flow, FirstTapOn() ? KioskPhase::FirstTap : KioskPhase::Survey, now);
    RequestFrames(3);
}

// The idle reset of a survey nobody finished.
static void Abandon()
{
    WidgetApp& app = g_app;
    const bool keep = app.view.kiosk_settings.abandoned == AbandonedPolicy::SavePartial && SessionHasAnswers(app.view.session) &&
                      app.saving.request_id == 0;
    if (keep) SavePartialResponse();
    Emit("reset", nlohmann::json({ { "reason", "idle" }, { "saved_partial", keep } }).dump());
    KioskStartOver();
}

static bool InputInFlight()
{
    ImGuiContext& g = *GImGui;
    if (g.InputEventsQueue.Size > 0) return true;
    for (bool down : g.IO.MouseDown)
        if (down) return true;
    return false;
}

void KioskBeforeFrame()
{
    WidgetApp& app = g_app;
    WidgetView& v = app.view;
    if (!v.kiosk || !app.survey_ok) return;
    if (v.screen == Screen::Loading || v.screen == Screen::Error) return;
    const int64_t now = NowMs();
    KioskTimer t = KioskTick(v.kiosk_settings, v.kiosk_flow, now);
    int countdown = t.action == KioskTimerAction::Countdown ? t.seconds_left : 0;
    // A touch that ends the warning is taken by the frames after it: the warning stays on screen
    // until that input is handled, or the tap would land on what was under it (Submit).
    if (countdown == 0 && v.kiosk_countdown > 0 && InputInFlight())
    {
        countdown = v.kiosk_countdown;
        RequestFrames(2);
    }
    if (countdown != v.kiosk_countdown)
    {
        // Two frames: the warning's window measures itself in the first.
        if (v.kiosk_countdown == 0 || countdown == 0) RequestFrames(2);
        v.kiosk_countdown = countdown;
        if (countdown > 0 && v.editing_text >= 0)
        {
            // The warning must be seen: an open on-screen keyboard would hide it.
            v.editing_text = -1;
            manyi_js_text_field_hide();
        }
    }
    if (v.kiosk_flow.phase == KioskPhase::Thanks)
        v.kiosk_reset_in = (int)((KioskThanksResetAt(v.kiosk_settings, v.kiosk_flow) - now + 999) / 1000);
    switch (t.action)
    {
    case KioskTimerAction::Reset:
        if (v.kiosk_flow.phase == KioskPhase::Survey) Abandon();
        else
        {
            Emit("reset", "{\"reason\":\"thanks\"}");
            KioskStartOver();
        }
        return;
    case KioskTimerAction::Attract:
        v.screen = Screen::Attract;
        KioskEnter(&v.kiosk_flow, KioskPhase::Attract, now);
        RequestFrames(2);
        return;
    default: break;
    }
    // The next time the screen must change by itself (the countdown's next second, a reset).
    const int64_t next = t.next_check_ms;
    if (v.kiosk_flow.phase == KioskPhase::Thanks)
        manyi_js_request_frame_after(1000.0 - (double)((now - v.kiosk_flow.phase_since_ms) % 1000));
    else if (next > now)
        manyi_js_request_frame_after((double)(next - now));
}

// What the respondent did on a kiosk screen. Returns true when it changed the screen.
bool KioskHandleActions(const WidgetActions& actions)
{
    WidgetApp& app = g_app;
    WidgetView& v = app.view;
    if (!v.kiosk) return false;
    const int64_t now = NowMs();
    if (actions.keep_going)
    {
        KioskOnInput(&v.kiosk_flow, now);
        v.kiosk_countdown = 0;
        RequestFrames(2);
    }
    if (actions.leave_attract)
    {
        v.screen = KioskStartScreen();
        KioskEnter(&v.kiosk_flow, FirstTapOn() ? KioskPhase::FirstTap : KioskPhase::Survey, now);
        RequestFrames(3);
        return true;
    }
    if (actions.first_tap != 0 && v.screen == Screen::FirstTap)
    {
        FirstTapOutcome o = KioskFirstTap(app.survey, v.kiosk_settings, &v.kiosk_flow, &v.session, actions.first_tap, now);
        // A finished one-tap response stays on the first screen until the thank-you replaces it.
        if (o != FirstTapOutcome::Finish) v.screen = Screen::Survey;
        v.scroll_to_top = true;
        Emit("first-tap", nlohmann::json({ { "value", actions.first_tap },
                                           { "outcome", o == FirstTapOutcome::Complaint ? "complaint" : o == FirstTapOutcome::Finish ? "thanks" : "survey" },
                                           { "burst", v.kiosk_flow.burst } }).dump());
        if (o == FirstTapOutcome::Finish) SubmitResponse();
        RequestFrames(3);
        return true;
    }
    return false;
}

void KioskOnThanks()
{
    WidgetView& v = g_app.view;
    if (!v.kiosk) return;
    const int64_t now = NowMs();
    KioskOnResponseStored(&v.kiosk_flow, now);
    KioskEnter(&v.kiosk_flow, KioskPhase::Thanks, now);
    v.kiosk_flow.complaint_thanks = !v.complaint_reference.empty();
    v.kiosk_reset_in = (int)((KioskThanksResetAt(v.kiosk_settings, v.kiosk_flow) - now + 999) / 1000);
    v.kiosk_countdown = 0;
}

} // namespace manyi
