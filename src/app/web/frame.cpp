// One frame: fonts if they changed, ImGui, GL. Frames run only when something asked for them.
#include <GLES3/gl3.h>

#include "app/web/widget_app.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/browser.h"
#include "platform/webgl_renderer.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace manyi {

static void RebuildFontsIfNeeded()
{
    WidgetApp& app = g_app;
    if (!app.fonts_dirty)
        return;
    app.fonts_dirty = false;
    FallbackGlyphSource fallback;
    fallback.advance = [](uint32_t c, float em) { return manyi_js_glyph_advance(c, em); };
    fallback.raster = [](uint32_t c, float em, float baseline, unsigned char* alpha, int w, int h) {
        manyi_js_glyph_raster(c, em, baseline, alpha, w, h);
    };
    BuildFonts(app.font_data, app.font_texts, app.pixel_ratio, app.max_texture_size, fallback, &app.view.fonts);
    if (app.headless) return; // layout needs the metrics only
    WebglRendererUploadFonts();
    // The texture keeps the pixels on the GPU; the CPU copies are no longer needed.
    ImGui::GetIO().Fonts->ClearTexData();
}

// When an on-screen keyboard takes half the screen (the widget shrinks, or the visual viewport
// does), the box being edited must stay in sight: scroll the page just enough.
static void KeepEditedBoxVisible(const SemanticsRect& box)
{
    WidgetApp& app = g_app;
    const float margin = 12.0f;
    const float visible_h = app.visible_css_height > 0 && app.visible_css_height < app.css_height ? app.visible_css_height : app.css_height;
    float delta = 0;
    if (box.y + box.height > visible_h - margin)
        delta = box.y + box.height - (visible_h - margin);
    if (box.y - delta < margin) // taller than the visible part: show its top
        delta = box.y - margin;
    if (delta > -0.5f && delta < 0.5f)
        return;
    float target = app.view.scroll_y + delta;
    target = target < 0 ? 0 : target > app.view.scroll_max_y ? app.view.scroll_max_y : target;
    if (target == app.view.scroll_y)
        return;
    app.view.scroll_to_y = target;
    RequestFrames(2);
}

// Keeps the DOM text field over its text box when the page scrolls or the widget resizes.
static void PlaceTextField()
{
    WidgetApp& app = g_app;
    if (app.view.editing_text < 0)
        return;
    if (app.view.editing_text == kOperatorTextBox)
    {
        for (const OperatorTextBox& b : app.view.op_text.boxes)
            if (b.field == app.view.op_text.editing)
            {
                manyi_js_text_field_move(b.rect.x, b.rect.y, b.rect.width, b.rect.height);
                return;
            }
        OperatorTextBlur(); // its box is gone (tab changed, panel closed)
        return;
    }
    for (const TextBoxPlacement& t : app.view.text_boxes)
    {
        if (t.question_index != app.view.editing_text || t.field != app.view.editing_field)
            continue;
        manyi_js_text_field_move(t.rect.x, t.rect.y, t.rect.width, t.rect.height);
        if (app.reveal_edited_frames > 0)
        {
            app.reveal_edited_frames--;
            KeepEditedBoxVisible(t.rect);
        }
        return;
    }
    // The box is gone (screen changed): stop editing.
    app.view.editing_text = -1;
    manyi_js_text_field_hide();
}

// FNV-1a over what the screens show from the model: screen, page, every answer, the errors.
static uint64_t ViewStateHash(const WidgetView& v)
{
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](std::string_view s) { for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; } h ^= 0xff; h *= 1099511628211ull; };
    mix(std::to_string((int)v.screen) + "/" + std::to_string(v.session.page) + "/" + v.locale + "/" + std::to_string(v.session.errors.size()));
    for (const AnswerValue& a : v.session.answers)
        mix(AnswerValueJson(a));
    return h;
}

static bool InputPending()
{
    ImGuiContext& g = *GImGui;
    if (g.InputEventsQueue.Size > 0)
        return true;
    for (bool down : g.IO.MouseDown)
        if (down) return true;
    return false;
}

static void HandleActions(const WidgetActions& actions)
{
    WidgetApp& app = g_app;
    if (actions.submit)
    {
        // No frame now: a frame would hold the main thread the IndexedDB commit's completion
        // needs. The thank-you frame runs as soon as the commit completes (platform frameNow), and
        // a slow commit shows "saving" (manyi_js_journal_put).
        SubmitResponse();
    }
    if (KioskHandleActions(actions))
        return;
    if (actions.new_response && app.view.kiosk)
    {
        KioskStartOver();
        return;
    }
    if (actions.new_response)
    {
        ClearDraft();
        app.view.screen = Screen::Survey;
        app.view.session = StartSession(app.survey, app.view.locale, NowMs());
        app.view.reference.clear();
        app.view.complaint_reference.clear();
        app.view.scroll_to_top = true;
        RequestFrames(3);
    }
    if (actions.enter_complaint)
    {
        EnterComplaint(app.survey, &app.view.session);
        if (app.view.screen == Screen::FirstTap)
        {
            app.view.screen = Screen::Survey;
            KioskEnter(&app.view.kiosk_flow, KioskPhase::Survey, NowMs());
        }
        app.view.scroll_to_top = true;
        RequestFrames(3);
    }
    if (actions.open_text_question >= 0)
        for (const TextBoxPlacement& t : app.view.text_boxes)
            if (t.question_index == actions.open_text_question && t.field == actions.open_text_field)
                OpenTextField(t);
    if (!actions.open_url.empty())
        manyi_js_open_url(actions.open_url.c_str());
    HandleDashboardActions(actions.dashboard);
    HandleOperatorActions(actions.op);
    if (!actions.op.open_text_field.empty()) OperatorOpenTextField(actions.op.open_text_field);
}

void RenderFrame(double now_ms)
{
    WidgetApp& app = g_app;
    if (!(app.gl_ready || app.headless) || app.css_width <= 0 || app.css_height <= 0)
        return;
    app.frames_drawn++;
    RebuildFontsIfNeeded();
    DashboardBeforeFrame();
    OperatorBeforeFrame();
    if (app.view.op.stage == OperatorStage::Closed) KioskBeforeFrame(); // the kiosk loop waits while the panel is open
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(app.css_width, app.css_height);
    io.DisplayFramebufferScale = ImVec2(app.fb_width / app.css_width, app.fb_height / app.css_height);
    // After an idle gap the real delta can be minutes; hover and repeat timers want a frame's worth.
    float dt = app.last_frame_ms > 0 ? (float)((now_ms - app.last_frame_ms) / 1000.0) : 1.0f / 60.0f;
    io.DeltaTime = dt < 1e-4f ? 1e-4f : dt > 1.0f / 30.0f ? 1.0f / 30.0f : dt;
    app.last_frame_ms = now_ms;

    // A widget draws its state before it handles its own press, so the frame that takes a click
    // would show the old answer and the change would wait a whole frame (a software-rendered one on
    // a GPU-less kiosk). When the answers or the page changed during layout, lay out once more at
    // once and draw only that: the change is on screen in the frame that took the input.
    ApplyMirrorActivation();
    WidgetActions actions;
    uint64_t before = ViewStateHash(app.view);
    for (int pass = 0; pass < 2; pass++)
    {
        ImGui::NewFrame();
        actions = WidgetActions{};
        DrawWidget(&app.view, &app.semantics, &actions);
        ImGui::Render();
        if (ViewStateHash(app.view) == before || actions.submit || actions.new_response || actions.enter_complaint ||
            !actions.open_url.empty() || actions.open_text_question >= 0 || actions.first_tap || actions.leave_attract || actions.keep_going ||
            app.view.op.stage != OperatorStage::Closed)
            break;
        io.DeltaTime = 1e-4f;
    }

    if (!app.headless)
    {
        glViewport(0, 0, app.fb_width, app.fb_height);
        const ImVec4 paper = ImGui::ColorConvertU32ToFloat4(theme::kPaper); // the pages draw no background of their own
        glClearColor(paper.x, paper.y, paper.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        WebglRendererDraw(ImGui::GetDrawData(), app.fb_width, app.fb_height);
    }

    static int last_cursor = -2;
    int cursor = ImGui::GetMouseCursor();
    if (cursor != last_cursor) manyi_js_set_cursor(cursor);
    last_cursor = cursor;

    // The load figure of the bench and of host pages: the first frame that shows the survey.
    static bool survey_shown = false;
    if (!survey_shown && (app.view.screen == Screen::Survey || app.view.screen == Screen::FirstTap || app.view.screen == Screen::Attract))
    {
        survey_shown = true;
        Emit("visible", "{}");
    }

    PlaceTextField();
    HandleActions(actions);
    SyncMirror();
    SaveDraftIfChanged();
    if (--app.frames_to_render > 0 || InputPending())
        manyi_js_request_frame();
}

} // namespace manyi
