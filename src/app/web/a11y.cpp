// The accessible mirror's C++ side (docs/decisions.md D17): after each frame the semantics go to
// the DOM mirror (web/manyi-mirror.js) only when something a screen reader perceives changed;
// the mirror's focus and activations come back here and act through ImGui's own navigation, so
// a mirror "click" runs exactly the code a pointer click runs.
#include <emscripten/emscripten.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "core/survey_session.h"
#include "core/utf8.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "platform/browser.h"

namespace manyi {

static const char* ScreenName(const WidgetView& v)
{
    if (v.dashboard.shown && (v.screen == Screen::Survey || v.screen == Screen::Thanks)) return "dashboard";
    switch (v.screen)
    {
    case Screen::Loading: return "loading";
    case Screen::Error: return "error";
    case Screen::Survey: return "survey";
    case Screen::Thanks: return "thanks";
    case Screen::FirstTap: return "first-tap";
    case Screen::Attract: return "attract";
    }
    return "";
}

static uint64_t Fnv(std::string_view s)
{
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; }
    return h;
}

// Where the mirror's focus belongs after the screen changed under it: the thank-you heading, the
// new page's heading, or the first question a refused Next complained about. "" = leave it.
static std::string FocusAfterChange(const WidgetView& v, const Semantics& sem)
{
    static std::string last_place;
    static size_t last_errors = 0;
    std::string place = std::string(ScreenName(v)) + "/" + std::to_string(v.session.page) + "/" +
                        (v.survey && OnComplaintPage(*v.survey, v.session) ? "c" : "s");
    size_t errors = v.session.errors.size();
    std::string target;
    if (place != last_place && !last_place.empty())
    {
        if (v.screen == Screen::Thanks) target = "thanks";
        else if (sem.Find("page-title")) target = "page-title";
        else target = "title";
    }
    else if (errors > 0 && last_errors == 0)
    {
        for (const SemanticsNode& n : sem.nodes)
            if (n.role == "alert" && n.id.size() > 6 && n.id.compare(n.id.size() - 6, 6, "/error") == 0)
            {
                target = n.id.substr(0, n.id.size() - 6); // the field, or the question's group
                break;
            }
    }
    last_place = place;
    last_errors = errors;
    return target;
}

static bool g_force_mirror = false; // an activation: the mirror resets its native control state
static std::vector<std::string> g_activations; // mirror nodes activated and not yet pressed, oldest first

void ApplyMirrorActivation()
{
    WidgetApp& app = g_app;
    if (g_activations.empty()) return;
    std::string id = std::move(g_activations.front());
    g_activations.erase(g_activations.begin());
    if (!g_activations.empty()) RequestFrames(2);
    // Looked up in the last frame: a control that went away with its page is not pressed.
    const SemanticsNode* n = app.semantics.Find(id);
    if (!n || !n->imgui_id) return;
    ImGuiContext& g = *GImGui;
    g.NavInputSource = ImGuiInputSource_Keyboard;
    // ImGui 1.90 skips an item outside its window's view even while activating it, unless it is the
    // navigation item: a key on a mirror control before any frame had moved the navigation there
    // (Tab, then at once Enter on a Submit below the fold) was lost. It is the navigation item from
    // now on; the focus request completes the move (scope, scroll) in this frame.
    if (ImGuiWindow* w = ImGui::FindWindowByID(n->imgui_window))
    {
        if (g.NavWindow != w) ImGui::SetNavWindow(w);
        ImGui::SetNavID(n->imgui_id, ImGuiNavLayer_Main, g.NavFocusScopeId, ImRect());
    }
    ImGui::ActivateItemByID(n->imgui_id);
    g_force_mirror = true;
    app.semantics.focus_request = n->id;
}

void SyncMirror()
{
    WidgetApp& app = g_app;
    static uint64_t last_hash = 0;
    if (g_force_mirror) last_hash = 0;
    g_force_mirror = false;
    std::string tree = app.semantics.MirrorJson();
    std::string json = "{\"lang\":" + nlohmann::json(app.view.locale).dump() + ",\"screen\":\"" + ScreenName(app.view) +
                       "\",\"tree\":" + tree + "}";
    uint64_t h = Fnv(json);
    if (h != last_hash)
    {
        last_hash = h;
        manyi_js_mirror_update(json.c_str());
    }
    std::string focus = FocusAfterChange(app.view, app.semantics);
    if (!focus.empty()) manyi_js_mirror_focus(focus.c_str(), 0);

    // Keyboard navigation inside the canvas (after a click gave it focus) moves the mirror's focus
    // along, so the next key is the mirror's and a screen reader hears where the ring went.
    static ImGuiID last_nav = 0;
    ImGuiContext& g = *GImGui;
    if (!app.headless && g.NavId != last_nav && ImGui::GetIO().NavVisible && g.NavInputSource == ImGuiInputSource_Keyboard)
        for (const SemanticsNode& n : app.semantics.nodes)
            if (n.imgui_id == g.NavId)
            {
                manyi_js_mirror_focus(n.id.c_str(), 1);
                break;
            }
    last_nav = g.NavId;
}

static const TextBoxPlacement* BoxFor(const std::string& id)
{
    WidgetApp& app = g_app;
    for (const TextBoxPlacement& t : app.view.text_boxes)
    {
        const Question& q = app.survey.questions[t.question_index];
        if ((t.field.empty() ? q.id : q.id + "/" + t.field) == id) return &t;
    }
    return nullptr;
}

void SetTextAnswer(int qi, const std::string& field, const char* value)
{
    WidgetApp& app = g_app;
    if (qi < 0 || qi >= (int)app.view.session.answers.size()) return;
    AnswerValue& a = app.view.session.answers[qi];
    std::string text = Utf8Sanitize(value);
    if (field.empty()) a = AnswerValue::MakeText(std::move(text));
    else SetField(&a, field, text);
    NoteInput();      // typing: no store image write under the respondent's hands (D18)
    KioskNoteInput(); // typing keeps a kiosk survey alive
    RequestFrames(2);
}

} // namespace manyi

using namespace manyi;

extern "C" {

// The mirror's DOM focus moved to node `id` ("" = it left the widget). A text box's node opens the
// DOM text field over its box (the mirror puts that field in the node's place) unless `open` is 0.
EMSCRIPTEN_KEEPALIVE void manyi_a11y_focus(const char* id, int open)
{
    WidgetApp& app = g_app;
    std::string target = id ? id : "";
    app.semantics.focus_request = target;
    if (target.empty() && ImGui::GetCurrentContext())
        GImGui->NavDisableHighlight = true; // the ring goes with the focus
    if (open && !app.headless && app.view.editing_text < 0)
        if (const TextBoxPlacement* t = BoxFor(target)) OpenTextField(*t);
    RequestFrames(2);
}

// A mirror control was activated (click, Space, Enter, a screen reader's action): the same item
// is pressed through ImGui's navigation activation, so the survey changes exactly as on a click.
// Queued, one per frame: ImGui keeps one activation request, so two activations before a frame
// (Space on a radio, Tab, Space on the next within one software-rendered frame) lost the first.
EMSCRIPTEN_KEEPALIVE int manyi_a11y_activate(const char* id)
{
    WidgetApp& app = g_app;
    const SemanticsNode* n = app.semantics.Find(id ? id : "");
    if (!n || !n->imgui_id || !ImGui::GetCurrentContext()) return 0;
    if (n->role == "textbox")
    {
        if (const TextBoxPlacement* t = BoxFor(n->id); t && !app.headless) OpenTextField(*t);
        return 1;
    }
    g_activations.push_back(n->id);
    RequestFrames(3);
    return 1;
}

// The mirror's own text field changed (the form without a canvas edits in place).
EMSCRIPTEN_KEEPALIVE void manyi_a11y_input(const char* id, const char* value)
{
    if (const TextBoxPlacement* t = BoxFor(id ? id : "")) SetTextAnswer(t->question_index, t->field, value);
}

} // extern "C"
