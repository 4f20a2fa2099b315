// A click on Submit taken in the pointer handlers themselves, not in the frames after them.
//
// The release: ImGui sees a press in one frame and its release in the next, and the button acts
// only then: on a software-rendered screen that is two frames (~30 ms each) before the save even
// starts. When the press and the release both land on the Submit button drawn in the last frame,
// the widget runs what the button runs (Next() on the session, then the save) in the pointerup
// handler, and drops the queued press so that the click cannot act a second time on whatever the
// next frame shows there.
//
// The press: when a release on the same spot would submit, the response is written to the journal
// at once (strict, with the end of its draft), so the commit's fsync (1 ms typically, tens of ms
// in its tail) runs while the finger is down (a tap is held 50-100 ms), and a release on Submit
// finds the response durable and shows the thank-you in the same task. The release decides: on
// Submit it keeps the record; anywhere else, or a cancel, takes it back (a strict delete). A crash
// while the button is held leaves the response submitted, as a crash right after the release
// would (docs/decisions.md D21).
//
// Anything else (a drag out of the button, a frame in between that ImGui did not take as a press
// on Submit, a survey the button would refuse) goes the normal way, through the frames.
#include "app/web/widget_app.h"
#include "core/session_draft.h"
#include "core/survey_session.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/browser.h"

namespace manyi {

static bool Inside(const SemanticsRect& r, float x, float y)
{
    return x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
}

// Removes the left-button press still waiting in ImGui's input queue; false if there is none.
static bool DropQueuedPress()
{
    ImVector<ImGuiInputEvent>& q = GImGui->InputEventsQueue;
    for (int i = q.Size - 1; i >= 0; i--)
    {
        if (q[i].Type == ImGuiInputEventType_MouseButton && q[i].MouseButton.Button == 0)
        {
            if (!q[i].MouseButton.Down)
                return false; // a release is queued after it: not one press, leave it to ImGui
            q.erase(q.Data + i);
            return true;
        }
    }
    return false;
}

// The Submit button of the last frame when both points are on it, nothing is drawn over it there,
// and a save could start now; null otherwise.
static const SemanticsNode* SubmitUnder(float x0, float y0, float x1, float y1)
{
    WidgetApp& app = g_app;
    if (!app.survey_ok || !app.journal_ready || !app.view.storage_ok || app.view.saving || app.saving.request_id != 0 ||
        app.view.screen != Screen::Survey || app.view.editing_text >= 0 || app.view.kiosk_countdown > 0)
        return nullptr;
    const SemanticsNode* submit = nullptr;
    for (const SemanticsNode& n : app.semantics.nodes)
    {
        if (n.id == "submit") submit = &n;
        else if (submit && (Inside(n.rect, x0, y0) || Inside(n.rect, x1, y1)))
            return nullptr; // something drawn after Submit (the kiosk's idle warning) is on top there
    }
    if (!submit || !Inside(submit->rect, x0, y0) || !Inside(submit->rect, x1, y1))
        return nullptr;
    return submit;
}

// What the button runs, tried on a copy: a survey it would refuse (required answers missing) or
// move on (another page) is left to the frames, which show why.
static bool SubmitFinishes(Session* next)
{
    *next = g_app.view.session;
    return Next(g_app.survey, next) == NextResult::Finished;
}

static std::string AnswersKey(const Session& s) { return SessionDraftToJson(g_app.survey, s, 0); }

void WithdrawPressedSave()
{
    WidgetApp& app = g_app;
    if (app.pressed.save.request_id == 0)
        return;
    manyi_js_journal_withdraw(app.pressed.save.response.id.c_str());
    if (!app.pressed.written) app.withdrawn_request_id = app.pressed.save.request_id; // its completion is not news
    app.pressed = PressedSave{};
    app.draft_json.clear(); // the write ended the draft: the next frame keeps it again
}

void NotePointerDown(float x, float y)
{
    WidgetApp& app = g_app;
    WithdrawPressedSave(); // a second finger: the first press's save is not this one's
    app.press = PointerPress{ true, x, y, app.frames_drawn };
    Session next;
    if (!SubmitUnder(x, y, x, y) || !SubmitFinishes(&next))
        return;
    app.pressed.answers_key = AnswersKey(app.view.session);
    app.pressed.save = BuildPendingSave(next, /*partial=*/false);
    manyi_js_journal_put(app.pressed.save.request_id, app.pressed.save.record_json.c_str(), /*strict=*/1, DraftKey().c_str());
}

// The release on Submit keeps the save begun at its press: the thank-you now when it is durable
// already (true), or when its commit completes.
static bool KeepPressedSave()
{
    WidgetApp& app = g_app;
    PressedSave p = std::move(app.pressed);
    app.pressed = PressedSave{};
    app.saving = std::move(p.save);
    app.view.saving = true;
    if (!p.written)
        return false;
    OnJournalWritten(app.saving.request_id, p.ok, p.error);
    return true;
}

bool TakeSubmitClick(float x, float y, bool* release_to_imgui, bool* draw_now)
{
    WidgetApp& app = g_app;
    const PointerPress press = app.press;
    app.press = PointerPress{};
    *release_to_imgui = false;
    *draw_now = false;
    // A person's tap is held 50-100 ms, so frames usually run between press and release: then
    // ImGui holds the pressed item, and the click is Submit's only if that item is Submit's.
    const bool held = press.frame != app.frames_drawn;
    const SemanticsNode* submit = press.down ? SubmitUnder(press.x, press.y, x, y) : nullptr;
    Session next;
    if (!submit || (held && (submit->imgui_id == 0 || GImGui->ActiveId != submit->imgui_id)) || !SubmitFinishes(&next) ||
        (!held && !DropQueuedPress()))
    {
        WithdrawPressedSave();
        return false;
    }
    // Held: ImGui must still see the release (or it would think the button is down for good).
    // It sees it in the frame after the commit, where Submit is drawn disabled ("saving") or not at
    // all (the thank-you), so it cannot click a second time.
    *release_to_imgui = held;
    // The save of the press is this click's if nothing was answered in between.
    const bool keep = app.pressed.save.request_id != 0 && app.pressed.answers_key == AnswersKey(app.view.session);
    app.view.session = std::move(next);
    if (keep)
    {
        *draw_now = KeepPressedSave();
        if (*draw_now) return true;
    }
    else
    {
        WithdrawPressedSave();
        SubmitResponse();
    }
    // No frame until the commit completes: a frame would hold the main thread its completion
    // event needs (a slow commit still shows "saving", manyi_js_journal_put).
    app.frames_to_render = 0;
    manyi_js_cancel_frame();
    return true;
}

} // namespace manyi
