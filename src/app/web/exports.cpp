// The functions JavaScript calls: start-up, input, async results and queries. The loader
// (web/manyi.js) and src/platform/manyi_platform.js are the only callers.
#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cfloat>
#include <nlohmann/json.hpp>

#include "app/web/retention.h"
#include "app/web/widget_app.h"
#include "core/journal_record.h"
#include "core/survey_session.h"
#include "core/utf8.h"
#include "imgui.h"
#include "platform/webgl_renderer.h"
#include "imgui_internal.h"
#include "platform/browser.h"
#include "platform/dom_keys.h"
#include "ui/theme.h"
#include "ui/ui_strings.h"

using namespace manyi;

static std::string ProblemsText(const std::vector<SurveyProblem>& problems)
{
    std::string text;
    for (const SurveyProblem& p : problems)
    {
        if (!text.empty()) text += "\n";
        text += p.path.empty() ? p.message : p.path + ": " + p.message;
    }
    return text;
}

static void ShowError(const std::string& message)
{
    g_app.view.screen = Screen::Error;
    g_app.view.error_message = message;
    g_app.font_texts.push_back(message);
    g_app.fonts_dirty = true;
    manyi_js_log_error(message.c_str());
    Emit("error", nlohmann::json({ { "kind", "survey" }, { "message", message } }).dump());
}

// The survey's theme first, then the mount option `theme` ({accent, cornerRadius, fontScale}) over it.
// highContrast (the mount option, or the browser's prefers-contrast: more / forced colours) selects
// the high-contrast palette, over any accent; largeText sets the text to 200% (docs/operator-guide.md).
static void ApplyThemes(const nlohmann::json& config)
{
    const SurveyTheme& t = g_app.survey.theme;
    const bool high_contrast = config.value("highContrast", false);
    ApplyPalette(high_contrast ? kHighContrastPalette : kDefaultPalette);
    ApplyThemeOverrides(t.has_accent && !high_contrast, t.accent_rgb, t.corner_radius, t.font_scale);
    if (config.contains("theme") && config["theme"].is_object())
    {
        const nlohmann::json& m = config["theme"];
        uint32_t rgb = 0;
        bool accent = m.contains("accent") && m["accent"].is_string() && ParseHexColor(m["accent"].get<std::string>(), &rgb);
        float radius = m.contains("cornerRadius") && m["cornerRadius"].is_number() ? m["cornerRadius"].get<float>() : -1.0f;
        float scale = m.contains("fontScale") && m["fontScale"].is_number() ? m["fontScale"].get<float>() : 0.0f;
        ApplyThemeOverrides(accent && !high_contrast, rgb, radius < 0 ? -1.0f : radius > 32 ? 32.0f : radius,
                            scale <= 0 ? 0.0f : scale < 0.75f ? 0.75f : scale > 2.0f ? 2.0f : scale);
    }
    if (config.value("largeText", false)) ApplyThemeOverrides(false, 0, -1.0f, 2.0f);
    ApplyTheme(&ImGui::GetStyle());
}

static void LoadSurvey(const char* survey_json, const char* load_error, const std::string& source)
{
    WidgetApp& app = g_app;
    if (load_error && *load_error)
    {
        ShowError(load_error);
        return;
    }
    SurveyParseResult parsed = ParseSurvey(survey_json ? survey_json : "");
    if (!parsed.ok())
    {
        ShowError("The survey " + (source.empty() ? std::string("given to the widget") : "at " + source) +
                  " is not valid:\n" + ProblemsText(parsed.problems));
        return;
    }
    app.survey = std::move(parsed.survey);
    app.survey_ok = true;
    app.view.survey = &app.survey;
    for (std::string& s : SurveyStrings(app.survey))
        app.font_texts.push_back(std::move(s));
}

extern "C" {

// Returns 0 when the widget cannot run here (no WebGL2); the loader then falls back.
EMSCRIPTEN_KEEPALIVE int manyi_start(const char* survey_json, const char* load_error, const char* config_json,
                                     unsigned char* font, int font_len)
{
    WidgetApp& app = g_app;
    if (font && font_len > 0)
        app.font_data.assign(font, font + font_len);
    free(font);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing of the layout is worth persisting
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.ConfigInputTextCursorBlink = false;
    if (manyi_js_init() && WebglRendererInit())
    {
        glGetIntegerv(GL_MAX_TEXTURE_SIZE, &app.max_texture_size);
        app.gl_ready = true;
    }
    else
    {
        // No WebGL2: the same survey logic runs and lays out, nothing is drawn, and the loader
        // shows the accessible mirror as a visible form (docs/decisions.md D17).
        manyi_js_init_headless();
        app.headless = true;
        app.css_width = 480;
        app.css_height = 900;
        app.fb_width = 480;
        app.fb_height = 900;
    }

    nlohmann::json config = nlohmann::json::parse(config_json ? config_json : "{}", nullptr, false);
    if (config.is_discarded()) config = nlohmann::json::object();
    app.view.locale = config.value("locale", std::string());
    app.journal_name = config.value("journal", std::string("manyi"));
    app.font_texts = AllUiStrings();

    LoadSurvey(survey_json, load_error, config.value("surveyUrl", std::string()));
    if (app.survey_ok && app.view.locale.empty())
        app.view.locale = app.survey.default_locale.empty() ? "zh-CN" : app.survey.default_locale;
    app.mode = config.value("mode", std::string("embed"));
    app.device_id = config.value("deviceId", std::string());
    app.utc_offset_minutes = std::clamp(config.value("utcOffsetMinutes", 0), -14 * 60, 14 * 60);
    ApplyThemes(config);
    if (app.survey_ok)
    {
        app.view.session = StartSession(app.survey, app.view.locale, NowMs());
        for (std::string& s : DashboardUiStrings(app.survey))
            app.font_texts.push_back(std::move(s));
        if (config.value("view", std::string()) == "dashboard")
            ShowDashboard(true);
    }
    // The operator panel opens even without a survey (to choose another one).
    if (app.mode == "kiosk")
        for (std::string& s : OperatorUiStrings()) app.font_texts.push_back(std::move(s));
    KioskConfigure(app.mode, config);
    OperatorConfigure(config);
    // A kiosk serves a new person every few minutes: only a draft younger than that comes back.
    const double draft_minutes = config.value("draftMinutes", app.mode == "kiosk" ? 2.0 : 24.0 * 60.0);
    app.draft_max_age_ms = draft_minutes > 0 ? (int64_t)(draft_minutes * 60000.0) : 0;

    std::string error;
    std::string endpoint_json = config.contains("endpoint") ? config["endpoint"].dump() : "null";
    if (!ParseEndpointConfig(endpoint_json, &app.endpoint, &error) && app.survey_ok)
        ShowError("The endpoint is not usable: " + error);
    app.endpoint_key = EndpointKey(app.endpoint);

    // Opened here so that a platform without SQLite memory fails early; replaced by the kept image
    // or by a fresh store for the replay (store_keeping.cpp) once the journal is open.
    if (!app.store.Open(":memory:", &error))
    {
        app.view.storage_ok = false;
        app.view.storage_message = error;
    }
    app.delivery.batch_limit = app.endpoint.batch_size;
    manyi_js_journal_open(app.journal_name.c_str(), DraftKey().c_str());
    manyi_js_sender_lock(app.journal_name.c_str(), app.endpoint_key.c_str());
    RequestFrames(3);
    return app.headless ? 2 : 1;
}

EMSCRIPTEN_KEEPALIVE void manyi_shutdown(void)
{
    if (g_app.gl_ready) WebglRendererShutdown();
    if (g_app.gl_ready || g_app.headless) ImGui::DestroyContext();
    g_app.gl_ready = false;
    g_app.headless = false;
    g_app.store.Close();
    manyi_js_shutdown();
}

EMSCRIPTEN_KEEPALIVE void manyi_frame(double now_ms) { RenderFrame(now_ms); }

// ---- input ------------------------------------------------------------------------------------

// kind: 0 move, 1 press, 2 release, 3 left the canvas, 4 cancelled (a release that is never a click)
// Returns 1 when the frame should be drawn at once (a release that submitted a durable response).
EMSCRIPTEN_KEEPALIVE int manyi_on_pointer(int kind, float x, float y, int button, int source)
{
    if (!g_app.gl_ready) return 0;
    // A hold in the kiosk's corner is the operator's (a cancel counts as a release there).
    if (OperatorTakesPointer(kind == 4 ? 2 : kind, x, y, button, source)) return 0;
    return FeedPointerEvent(kind, x, y, button, source) ? 1 : 0;
}

} // extern "C"

bool manyi::FeedPointerEvent(int kind, float x, float y, int button, int source)
{
    if (kind != 0 && kind != 3) NoteInput();
    bool release_to_imgui = false, draw_now = false;
    if (kind == 2 && button == 0 && TakeSubmitClick(x, y, &release_to_imgui, &draw_now))
    {
        ImGuiIO& io = ImGui::GetIO();
        if (release_to_imgui) io.AddMouseButtonEvent(0, false); // queued: the frame after the commit takes it
        io.AddMousePosEvent(source == 1 ? -FLT_MAX : x, source == 1 ? -FLT_MAX : y);
        return draw_now;
    }
    if (kind == 1 && button == 0) NotePointerDown(x, y);
    if (kind == 4) WithdrawPressedSave(); // a cancelled press is never a click
    if (kind >= 2) g_app.press = PointerPress{};
    if (kind == 4) kind = 2;
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(source == 1 ? ImGuiMouseSource_TouchScreen : source == 2 ? ImGuiMouseSource_Pen : ImGuiMouseSource_Mouse);
    if (kind == 3) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    else io.AddMousePosEvent(x, y);
    int b = button == 2 ? 1 : button == 1 ? 2 : button; // DOM: 0 left, 1 middle, 2 right
    if ((kind == 1 || kind == 2) && b >= 0 && b < 3) io.AddMouseButtonEvent(b, kind == 1);
    // ImGui 1.90 treats a press on the item keyboard navigation has just landed on (the first
    // button of a screen that appeared a frame ago: "New response") as a *keyboard* activation
    // when its nav input source is the keyboard, and then never reports the click. Pointer input
    // makes the pointer the navigation source until a navigation key is pressed again.
    if (kind == 1) GImGui->NavInputSource = ImGuiInputSource_Mouse;
    if (kind == 1 || kind == 2) KioskNoteInput();
    // A finger that lifted is not hovering anything any more.
    if (kind == 2 && source == 1) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    RequestFrames(kind == 0 ? 2 : 3);
    return false;
}

extern "C" {

} // extern "C"

// Whether a wheel of dy (ImGui's sign: > 0 towards the top) would move the window under the
// pointer, or the first one above it that scrolls: not at its top going up, not at its bottom going
// down. At an edge the page takes the wheel, as a scrollable element of the page would hand it on.
static bool WidgetCanScroll(float dy)
{
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g || dy == 0) return false;
    ImGuiWindow* w = g->HoveredWindow;
    while (w && w->ScrollMax.y <= 0 && w->ParentWindow) w = w->ParentWindow;
    // The pointer came in since the last frame (no window hovered yet): the frontmost page that scrolls.
    for (int i = g->Windows.Size - 1; i >= 0 && (!w || w->ScrollMax.y <= 0); i--)
    {
        ImGuiWindow* candidate = g->Windows[i];
        if (candidate->WasActive && !(candidate->Flags & ImGuiWindowFlags_ChildWindow) && candidate->ScrollMax.y > 0) w = candidate;
    }
    if (!w || w->ScrollMax.y <= 0) return false;
    return dy > 0 ? w->Scroll.y > 0.5f : w->Scroll.y < w->ScrollMax.y - 0.5f;
}

extern "C" {

// Returns 1 when the widget scrolls (the page must not), 0 to let the page scroll.
EMSCRIPTEN_KEEPALIVE int manyi_on_wheel(float dx, float dy)
{
    if (!g_app.gl_ready || g_app.view.scroll_max_y <= 0 || !WidgetCanScroll(dy)) return 0;
    ImGui::GetIO().AddMouseWheelEvent(dx, dy);
    RequestFrames(3);
    return 1;
}

EMSCRIPTEN_KEEPALIVE int manyi_on_key(const char* key, int down, int mods)
{
    if (!g_app.gl_ready) return 0;
    NoteInput();
    if (OperatorTakesKey(key, down, mods)) return 1;
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, (mods & 1) != 0);
    io.AddKeyEvent(ImGuiMod_Shift, (mods & 2) != 0);
    io.AddKeyEvent(ImGuiMod_Alt, (mods & 4) != 0);
    io.AddKeyEvent(ImGuiMod_Super, (mods & 8) != 0);
    ImGuiKey k = ImGuiKeyFromDomKey(key);
    // Tab moves between the widget's own controls; Escape leaves the widget (manyi_platform.js
    // blurs the canvas), so the keyboard is never trapped.
    if (k == ImGuiKey_None || k == ImGuiKey_Escape) return 0;
    io.AddKeyEvent(k, down != 0);
    KioskNoteInput();
    RequestFrames(3);
    return k == ImGuiKey_Tab || k == ImGuiKey_Space || k == ImGuiKey_Enter ||
           (k >= ImGuiKey_LeftArrow && k <= ImGuiKey_DownArrow) || k == ImGuiKey_PageUp || k == ImGuiKey_PageDown;
}

EMSCRIPTEN_KEEPALIVE void manyi_on_text(const char* utf8)
{
    if (!g_app.gl_ready) return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    KioskNoteInput();
    RequestFrames(2);
}

// Focus lost: release the keys held down (so Alt after Alt-Tab is not stuck), nothing else.
// ImGui's own AddFocusEvent(false) also forgets the mouse button and position, so a press whose
// focus moved away before its release (another window took focus, a notification popped up) lost
// its click (tests/e2e/widget.test.mjs): a pointer's click does not depend on keyboard focus.
EMSCRIPTEN_KEEPALIVE void manyi_on_focus(int focused)
{
    if (!g_app.gl_ready) return;
    ImGuiIO& io = ImGui::GetIO();
    if (!focused)
    {
        for (int key = ImGuiKey_NamedKey_BEGIN; key < ImGuiKey_NamedKey_END; key++)
            if (ImGui::IsKeyDown((ImGuiKey)key))
                io.AddKeyEvent((ImGuiKey)key, false);
    }
    RequestFrames(2);
}

// css < 0: only redraw (the page became visible again).
EMSCRIPTEN_KEEPALIVE void manyi_on_resize(float css_w, float css_h, int dev_w, int dev_h, float dpr)
{
    WidgetApp& app = g_app;
    if (css_w >= 0)
    {
        if (dpr != app.pixel_ratio) app.fonts_dirty = true;
        if (css_h != app.css_height) app.reveal_edited_frames = 6; // the widget shrank under a keyboard
        app.css_width = css_w;
        app.css_height = css_h;
        app.fb_width = dev_w;
        app.fb_height = dev_h;
        app.pixel_ratio = dpr;
    }
    RequestFrames(3);
}

// ---- the DOM text field -----------------------------------------------------------------------

// Called synchronously from pointerdown: if (x, y) is on a text box, the DOM field is placed over
// it and focused right away (soft keyboards open only for a focus() inside the user's gesture).
} // extern "C"

void manyi::OpenTextField(const TextBoxPlacement& t)
{
    WidgetApp& app = g_app;
    if (app.view.truncated_text != t.question_index) app.view.truncated_text = -1;
    const SemanticsRect& r = t.rect;
    {
        const Question& q = app.survey.questions[t.question_index];
        const AnswerValue& a = app.view.session.answers[t.question_index];
        app.view.editing_text = t.question_index;
        app.view.editing_field = t.field;
        app.reveal_edited_frames = 6;
        std::string placeholder = t.field.empty() ? q.placeholder.Get(app.view.locale) : "";
        std::string label = q.title.Get(app.view.locale);
        std::string value = t.field.empty() ? a.text : FieldValue(a, t.field);
        const char* mode = t.field == "phone" ? "tel" : t.field == "email" ? "email" : t.field == "name" ? "text" : TextInputMode(q);
        const char* autocomplete = t.field == "phone" ? "tel" : t.field == "email" ? "email" : t.field == "name" ? "name" : "off";
        int max_length = t.field.empty() ? q.max_length : 200;
        std::string node_id = t.field.empty() ? q.id : q.id + "/" + t.field;
        manyi_js_text_field_show(r.x, r.y, r.width, r.height, kBodyFontPx * theme::kFontScale, q.multiline && t.field.empty() ? 1 : 0, max_length,
                                 value.c_str(), placeholder.c_str(), label.c_str(), mode, autocomplete, node_id.c_str());
        RequestFrames(2);
    }
}

extern "C" {

EMSCRIPTEN_KEEPALIVE int manyi_text_field_at(float x, float y)
{
    WidgetApp& app = g_app;
    if (app.view.op.stage != OperatorStage::Closed) return OperatorTextFieldAt(x, y) ? 1 : 0;
    if (app.view.screen != Screen::Survey) return 0;
    for (const TextBoxPlacement& t : app.view.text_boxes)
    {
        const SemanticsRect& r = t.rect;
        if (x < r.x || y < r.y || x >= r.x + r.width || y >= r.y + r.height) continue;
        OpenTextField(t);
        return 1;
    }
    return 0;
}

EMSCRIPTEN_KEEPALIVE void manyi_on_text_field_input(const char* value)
{
    if (OperatorTextInput(Utf8Sanitize(value))) { NoteInput(); return; }
    SetTextAnswer(g_app.view.editing_text, g_app.view.editing_field, value);
}

// The part of the canvas inside the visual viewport (an on-screen keyboard shrinks that one, not
// the layout): from the canvas top down to the keyboard.
EMSCRIPTEN_KEEPALIVE void manyi_on_visible_height(float css_h)
{
    g_app.visible_css_height = css_h;
    g_app.reveal_edited_frames = 6;
    if (g_app.view.editing_text >= 0) RequestFrames(2);
}

EMSCRIPTEN_KEEPALIVE void manyi_on_text_truncated(int max_length)
{
    g_app.view.truncated_text = g_app.view.editing_text;
    g_app.view.truncated_max = max_length;
    RequestFrames(2);
}

EMSCRIPTEN_KEEPALIVE void manyi_on_text_field_blur(void)
{
    WidgetApp& app = g_app;
    if (OperatorTextBlur()) return;
    int qi = app.view.editing_text;
    std::string field = app.view.editing_field;
    app.view.editing_text = -1;
    app.view.editing_field.clear();
    manyi_js_text_field_hide();
    if (qi >= 0 && qi < (int)app.view.session.answers.size())
    {
        // ImGui draws the typed text again now: its characters must be in the atlas.
        const AnswerValue& a = app.view.session.answers[qi];
        std::string text = field.empty() ? a.text : FieldValue(a, field);
        if (!text.empty())
        {
            app.font_texts.push_back(text);
            app.fonts_dirty = true;
        }
    }
    RequestFrames(3);
}

// ---- asynchronous results ---------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE void manyi_on_journal_record(const char* json) { LoadJournalRecord(json); }

// From the loader: navigator.storage.persist()/persisted() and estimate() (-1 = unknown).
EMSCRIPTEN_KEEPALIVE void manyi_set_storage_state(int persisted, double usage, double quota)
{
    WidgetView& v = g_app.view;
    v.show_storage_state = g_app.mode == "kiosk";
    v.storage_persisted = persisted;
    v.storage_usage = usage;
    v.storage_quota = quota;
    RequestFrames(1);
}

EMSCRIPTEN_KEEPALIVE void manyi_on_draft(const char* json) { RestoreDraft(json ? json : ""); }

// The kept store image and its description ("" when there is none), before the records changed
// after it. Returns 1 when the store opened from it; 0 when the whole journal must be replayed
// into a fresh store (which is then ready for it).
EMSCRIPTEN_KEEPALIVE int manyi_on_store_image(const char* meta_json, const unsigned char* data, int size)
{
    return AcceptStoreImage(meta_json ? meta_json : "", data, size > 0 ? (size_t)size : 0) ? 1 : 0;
}

// Records deleted from the journal since the store's mark (an older build's purge; a purge that
// kept the scores' aggregates also hands its record to manyi_on_journal_aggregate first).
EMSCRIPTEN_KEEPALIVE void manyi_on_journal_removed(const char* ids_json) { OnJournalRemoved(ids_json ? ids_json : "[]"); }

// The journal is read: `max_key` is the highest change key that read saw, `count` its records.
// Returns 0 when the store from an image does not add up to the journal: the platform then
// replays the whole journal and calls this again.
EMSCRIPTEN_KEEPALIVE int manyi_on_journal_ready(int ok, const char* error, double max_key, double count)
{
    WidgetApp& app = g_app;
    if (ok && !FinishStoreLoad((int64_t)max_key, (int64_t)count))
        return 0;
    if (!ok)
        app.store.EndBulk(nullptr);
    app.journal_ready = ok != 0;
    if (!ok)
    {
        app.view.storage_ok = false;
        app.view.storage_message = std::string(Tr(UiString::StorageUnavailable, app.view.locale)) + ": " + error;
        app.font_texts.push_back(app.view.storage_message);
        app.fonts_dirty = true;
        manyi_js_log_error(error);
        Emit("error", nlohmann::json({ { "kind", "storage" }, { "message", error } }).dump());
    }
    if (app.survey_ok && app.view.screen == Screen::Loading)
        app.view.screen = app.view.draft_restored ? Screen::Survey : KioskStartScreen();
    OperatorOnJournalReady();
    // After the follow-ups are replayed: a purged callback keeps its follow-up state in the scores.
    if (ok) StartRetentionPurge();
    RefreshCounts();
    const StoreKeeping& k = app.keeping;
    nlohmann::json detail = { { "stored", app.view.stored_count }, { "pending", app.view.pending_count } };
    if (ok)
    {
        // How this page's store was opened: from the kept image (plus `replayed` changed records)
        // or rebuilt from the whole journal (`replayed` records), and why.
        detail["store"] = k.source;
        detail["replayed"] = k.replayed;
        if (!k.reason.empty()) detail["reason"] = k.reason;
    }
    Emit("ready", detail.dump());
    RequestFrames(3);
    DeliveryKick();
    if (ok && app.keeping.dirty) NoteStoreChanged(); // an image when the load changed the store
    return 1;
}

EMSCRIPTEN_KEEPALIVE void manyi_on_store_caught_up(int ok, double max_key) { OnStoreCaughtUp(ok != 0, (int64_t)max_key); }

EMSCRIPTEN_KEEPALIVE void manyi_on_store_saved(int ok, const char* result, double write_ms) { OnStoreSaved(ok != 0, result ? result : "", write_ms); }

EMSCRIPTEN_KEEPALIVE void manyi_on_store_save_due(void) { OnStoreSaveDue(); }

EMSCRIPTEN_KEEPALIVE void manyi_on_page_hidden(void) { OnPageHidden(); }

EMSCRIPTEN_KEEPALIVE void manyi_on_journal_written(int request_id, int ok, const char* error)
{
    OnJournalWritten(request_id, ok != 0, error);
}

EMSCRIPTEN_KEEPALIVE void manyi_on_http_done(int request_id, int status, const char* retry_after, const char* error,
                                             const char* reply)
{
    OnHttpDone(request_id, status, retry_after, error, reply);
}

// role 1: this widget now sends its endpoint's responses; 2: it keeps the store image and adopts
// records without an endpoint key (D22).
EMSCRIPTEN_KEEPALIVE void manyi_on_sender(int role)
{
    if (role == 1) g_app.delivery.is_sender = true;
    if (role == 2) g_app.delivery.is_keeper = true;
    DeliveryKick();
    if (role == 2 && g_app.keeping.dirty) NoteStoreChanged(); // the store image is this tab's to write now
}

EMSCRIPTEN_KEEPALIVE void manyi_on_broadcast(const char* json) { OnBroadcast(json); }

EMSCRIPTEN_KEEPALIVE void manyi_on_timer(void) { DeliveryKick(); }

EMSCRIPTEN_KEEPALIVE void manyi_on_sync_trigger(void) { DeliveryKick(); }

// ---- queries ------------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE const char* manyi_semantics_json(void)
{
    g_app.json_out = g_app.semantics.ToJson();
    return g_app.json_out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* manyi_pending_json(void)
{
    StoreCounts c = g_app.store.Counts();
    const DeliveryProgress& d = g_app.delivery;
    nlohmann::json j = { { "total", c.total }, { "pending", c.pending }, { "delivered", c.delivered }, { "parked", c.parked },
                         { "oldestPendingMs", c.oldest_pending_created_ms ? NowMs() - c.oldest_pending_created_ms : 0 },
                         { "lastSuccess", d.last_success_ms ? nlohmann::json(d.last_success_ms) : nlohmann::json(nullptr) },
                         { "lastError", d.last_error }, { "pausedAuth", d.paused_auth }, { "storageOk", g_app.view.storage_ok },
                         { "sender", d.is_sender } };
    g_app.json_out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return g_app.json_out.c_str();
}

EMSCRIPTEN_KEEPALIVE void manyi_sync_now(void) { DeliverySyncNow(); }

// The height in CSS pixels the current page would need to show without scrolling: its content
// plus the window padding, whatever the canvas's own height. The iframe embed (shell/embed.html)
// sizes its frame from it; the scroll range alone cannot tell when a page became shorter.
EMSCRIPTEN_KEEPALIVE float manyi_content_height(void)
{
    if (!g_app.gl_ready || !ImGui::GetCurrentContext()) return 0;
    float height = 0;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->WasActive && !(w->Flags & ImGuiWindowFlags_ChildWindow))
            height = ImMax(height, w->ContentSize.y + w->WindowPadding.y * 2);
    return height;
}

} // extern "C"

