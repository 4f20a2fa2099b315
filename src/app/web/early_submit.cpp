// A click on Submit taken in the pointerup handler itself. ImGui sees a press in one frame and its
// release in the next, and the button acts only then: on a software-rendered screen that is two
// frames (~30 ms each) before the save even starts. When the press and the release both land on
// the Submit button drawn in the last frame, with no frame in between (so ImGui has not seen the
// press yet), the widget runs what the button runs (Next() on the session, then the save) at
// once, and drops the queued press so that the click cannot act a second time on whatever the
// next frame shows there. Anything else (a drag out of the button, a cancel, a frame in between,
// a survey the button would refuse) goes the normal way, through the frames.
#include "app/web/widget_app.h"
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

void NotePointerDown(float x, float y)
{
    g_app.press = PointerPress{ true, x, y, g_app.frames_drawn };
}

bool TakeSubmitClick(float x, float y, bool* release_to_imgui)
{
    WidgetApp& app = g_app;
    const PointerPress press = app.press;
    app.press = PointerPress{};
    *release_to_imgui = false;
    if (!press.down)
        return false;
    // A person's tap is held 50-100 ms, so frames usually run between press and release: then
    // ImGui holds the pressed item, and the click is Submit's only if that item is Submit's.
    const bool held = press.frame != app.frames_drawn;
    if (!app.survey_ok || !app.journal_ready || !app.view.storage_ok || app.view.saving || app.saving.request_id != 0 ||
        app.view.screen != Screen::Survey || app.view.editing_text >= 0)
        return false;
    const SemanticsNode* submit = nullptr;
    bool covered = false; // something drawn after Submit (the kiosk's idle warning) is on top there
    for (const SemanticsNode& n : app.semantics.nodes)
    {
        if (n.id == "submit") submit = &n;
        else if (submit && (Inside(n.rect, press.x, press.y) || Inside(n.rect, x, y))) covered = true;
    }
    if (!submit || covered || app.view.kiosk_countdown > 0 || !Inside(submit->rect, press.x, press.y) || !Inside(submit->rect, x, y))
        return false;
    if (held && (submit->imgui_id == 0 || GImGui->ActiveId != submit->imgui_id))
        return false;
    // Exactly what the button runs, tried on a copy: a survey it would refuse (required answers
    // missing) or move on (another page) is left to the frames, which show why.
    Session next = app.view.session;
    if (Next(app.survey, &next) != NextResult::Finished)
        return false;
    if (!held && !DropQueuedPress())
        return false;
    // Held: ImGui must still see the release (or it would think the button is down for good).
    // It sees it in the frame after the commit, where Submit is drawn disabled ("saving") or not at
    // all (the thank-you), so it cannot click a second time.
    *release_to_imgui = held;
    app.view.session = std::move(next);
    SubmitResponse();
    // No frame until the commit completes: a frame would hold the main thread its completion
    // event needs (a slow commit still shows "saving", manyi_js_journal_put).
    app.frames_to_render = 0;
    manyi_js_cancel_frame();
    return true;
}

} // namespace manyi
