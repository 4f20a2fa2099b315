// The kiosk operator panel in the widget (docs/operator-guide.md): the corner-hold gesture and
// Ctrl+Alt+O open it; a PIN (set twice on first use, hashed with PBKDF2, locked out after five
// wrong tries) guards it; its data is persisted in the operator database (manyi-kiosk, through
// src/platform/operator_platform.js). Closing it, or two minutes without input, starts the kiosk
// over with nothing of the panel left on screen.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "core/corner_hold.h"
#include "core/journal_record.h"
#include "core/pin_lockout.h"
#include "core/pin_record.h"
#include "core/sha256.h"
#include "platform/browser.h"
#include "platform/operator_platform.h"
#include "ui/theme.h"

extern "C" const char* manyi_export(const char* kind, const char* format, const char* query_json);
extern "C" const char* manyi_export_name(const char* kind, const char* format, const char* query_json);

namespace manyi {

static constexpr int64_t kPanelIdleMs = 2 * 60 * 1000;
static constexpr double  kPinTargetMs = 150; // hashing time aimed at on this device (D19)
static constexpr int     kParkedShown = 20;

// What only the app knows: the PIN being typed, the stored record, the lockout, the gesture.
struct OperatorApp
{
    bool        enabled = false;        // kiosk mode
    bool        has_pin = false;
    PinRecord   pin;
    PinLockout  lockout;
    std::string typed, first_pin;       // the digits being typed; the first entry of a new PIN
    bool        verify_due = false;     // "checking" is on screen: hash on the next frame
    CornerHold  hold;
    float       held_x = 0, held_y = 0; // the held press, replayed if it was not the gesture
    int         held_button = 0, held_source = 0;
    int64_t     last_input_ms = 0;
    std::vector<std::string> followups_to_replay; // until the journal is in the store
    std::string mount_device_id;        // the device id before the operator's device name
    std::string loaded_survey_url;      // the survey the page runs now
    int64_t     overview_total = -1;    // store total when the overview was built
    std::map<int, std::string> writes;  // request id -> what is being written (for messages)
    std::string load_error;             // the operator database could not be opened
    std::vector<std::string> not_saved; // what could not be written (PIN, lockout, …), in order
    bool        restart_after_write = false;
    int         restart_request = 0;
    KioskSettings checking;             // settings waiting for their new survey URL to be checked
    bool        check_pending = false;
};

static OperatorApp g_op;

static WidgetView& View() { return g_app.view; }
static OperatorView& Op() { return g_app.view.op; }

static void Write(const char* store, const std::string& key, const std::string& value, const std::string& what)
{
    const int id = g_app.next_request_id++;
    g_op.writes[id] = what;
    manyi_js_operator_put(id, store, key.c_str(), value.c_str());
}

static void EmitOperator(const char* action, nlohmann::json extra = nlohmann::json::object())
{
    extra["action"] = action;
    Emit("operator", extra.dump());
}

// ---- configuration ------------------------------------------------------------------------------

static void ApplySettings(const KioskSettings& s)
{
    WidgetApp& app = g_app;
    View().kiosk_settings = s;
    app.store.SetScoreBurst(s.burst_in_scores);
    app.device_id = s.device_name.empty() ? g_op.mount_device_id : s.device_name;
    if (!s.locale.empty()) View().locale = s.locale;
}

// The surveys the build ships ({url, title: {"zh-CN", "en"}}, from the loader), for the settings.
static void ReadKnownSurveys(const nlohmann::json& config)
{
    if (!config.contains("knownSurveys") || !config["knownSurveys"].is_array()) return;
    for (const nlohmann::json& k : config["knownSurveys"])
    {
        if (!k.is_object() || !k.contains("url") || !k["url"].is_string()) continue;
        KnownSurvey s;
        s.url = k["url"].get<std::string>();
        const nlohmann::json title = k.contains("title") ? k["title"] : nlohmann::json();
        auto pick = [&](const char* locale) {
            if (title.is_string()) return title.get<std::string>();
            if (title.is_object() && title.contains(locale) && title[locale].is_string()) return title[locale].get<std::string>();
            return s.url.substr(s.url.find_last_of('/') + 1);
        };
        s.title_zh = pick("zh-CN");
        s.title_en = pick("en");
        g_app.font_texts.push_back(s.title_zh + s.title_en);
        Op().known_surveys.push_back(std::move(s));
    }
}

void OperatorConfigure(const nlohmann::json& config)
{
    WidgetApp& app = g_app;
    g_op = OperatorApp{};
    g_op.enabled = View().kiosk && config.contains("operator") && config["operator"].is_object();
    if (!g_op.enabled) return;
    const nlohmann::json& o = config["operator"];
    auto str = [&](const char* key) { return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : std::string(); };
    g_op.mount_device_id = app.device_id;
    g_op.loaded_survey_url = config.value("surveyUrl", std::string());
    Op().running_survey_url = g_op.loaded_survey_url;
    ReadKnownSurveys(config);
    g_op.load_error = str("error");
    Op().storage_error = g_op.load_error;
    std::string error;
    const std::string settings = str("settings");
    KioskSettings s = View().kiosk_settings;
    if (!settings.empty() && !KioskSettingsFromJson(settings, &s, &error))
        manyi_js_log_error(("stored kiosk settings ignored: " + error).c_str());
    ApplySettings(s);
    // The PIN the operator set on this device wins over a fleet's preset one.
    for (const std::string& record : { str("pin"), str("presetPin") })
    {
        if (record.empty()) continue;
        if (ParsePinRecord(record, &g_op.pin, &error)) { g_op.has_pin = true; break; }
        manyi_js_log_error(("operator PIN record ignored: " + error).c_str());
    }
    const std::string lockout = str("lockout");
    if (!lockout.empty()) g_op.lockout = PinLockoutFromJson(lockout, NowMs());
    if (o.contains("followups") && o["followups"].is_array())
        for (const nlohmann::json& f : o["followups"])
            if (f.is_string()) g_op.followups_to_replay.push_back(f.get<std::string>());
    app.font_texts.push_back(s.device_name + s.survey_url);
}

// After the journal: follow-ups reference stored responses.
void OperatorOnJournalReady()
{
    std::string error;
    for (const std::string& json : g_op.followups_to_replay)
    {
        FollowUp f;
        if (!FollowUpFromJson(json, &f, &error) || !g_app.store.SetFollowUp(f, &error))
            manyi_js_log_error(("follow-up record not loaded: " + error).c_str());
    }
    if (!g_op.followups_to_replay.empty()) MarkDashboardStale();
    g_op.followups_to_replay.clear();
}

// ---- opening and closing --------------------------------------------------------------------------

static void ClearPinEntry()
{
    g_op.typed.clear();
    Op().pin_length = 0;
    g_op.verify_due = false;
    Op().checking = false;
}

static void SetStage(OperatorStage stage)
{
    Op().stage = stage;
    ClearPinEntry();
    RequestFrames(3);
}

static void OperatorOpen(const char* how)
{
    WidgetView& v = View();
    // Also when the survey failed to load: the operator must be able to choose another (the saved
    // URL would otherwise keep the kiosk on its error screen until its site data were cleared).
    if (!g_op.enabled || Op().stage != OperatorStage::Closed) return;
    if (v.editing_text >= 0)
    {
        v.editing_text = -1;
        manyi_js_text_field_hide();
    }
    Op().pin_message.clear();
    Op().changing_pin = false;
    Op().tab = OperatorTab::Scores;
    g_op.last_input_ms = NowMs();
    SetStage(g_op.has_pin ? OperatorStage::EnterPin : OperatorStage::SetPin);
    EmitOperator("opened", { { "via", how } });
}

// Back to a new respondent's first screen: no digit, no score, no contact detail left anywhere.
static void OperatorClose(const char* why)
{
    WidgetView& v = View();
    if (Op().stage == OperatorStage::Closed) return;
    OperatorView fresh;
    fresh.storage_error = Op().storage_error;
    Op() = fresh;
    g_op.first_pin.clear();
    ClearPinEntry();
    v.op_text = OperatorTextState{};
    v.dashboard.top = 0;
    ShowDashboard(false);
    if (g_app.survey_ok) KioskStartOver();
    else v.screen = Screen::Error; // still no survey: its message, and the corner still opens the panel
    EmitOperator("closed", { { "reason", why } });
}

static void EnterPanel()
{
    SetStage(OperatorStage::Panel);
    Op().pin_message.clear();
    g_op.overview_total = -1;
    if (g_app.survey_ok)
        ShowDashboard(true); // the Scores tab: the live dashboard
    else
    {
        // No survey, no scores: straight to the settings, where the survey is chosen.
        Op().tab = OperatorTab::Settings;
        Op().draft = View().kiosk_settings;
        Op().draft_dirty = false;
    }
    EmitOperator("unlocked");
}

// ---- input: the gesture and the keyboard shortcut ----------------------------------------------

bool OperatorTakesPointer(int kind, float x, float y, int button, int source)
{
    if (!g_op.enabled) return false;
    const int64_t now = NowMs();
    if (Op().stage != OperatorStage::Closed)
    {
        if (kind == 1 || kind == 2) g_op.last_input_ms = now;
        return false;
    }
    CornerVerdict verdict = CornerVerdict::Pass;
    if (kind == 1 && button == 0)
    {
        verdict = CornerHoldDown(&g_op.hold, x, y, now);
        if (verdict == CornerVerdict::Hold)
        {
            g_op.held_x = x, g_op.held_y = y, g_op.held_button = button, g_op.held_source = source;
            manyi_js_operator_timer((double)kCornerHoldMs);
        }
    }
    else if (kind == 0) verdict = CornerHoldMove(&g_op.hold, x, y);
    else if (kind == 2) verdict = CornerHoldUp(&g_op.hold);
    if (verdict == CornerVerdict::Pass) return false;
    if (verdict == CornerVerdict::Hold) return true;
    manyi_js_operator_timer(-1);
    FeedPointerEvent(1, g_op.held_x, g_op.held_y, g_op.held_button, g_op.held_source);
    return false; // and now this event, as usual
}

// Ctrl+Alt+O (on a Mac keyboard Alt+O types "ø": accepted too).
bool OperatorTakesKey(const char* key, int down, int mods)
{
    if (!g_op.enabled) return false;
    if (Op().stage != OperatorStage::Closed) g_op.last_input_ms = NowMs();
    const std::string k = key ? key : "";
    if (down && (mods & 5) == 5 && (k == "o" || k == "ø"))
    {
        if (Op().stage == OperatorStage::Closed) OperatorOpen("keyboard");
        return true;
    }
    return false;
}

// ---- the PIN ----------------------------------------------------------------------------------------

static void PinMessage(const std::string& text, bool error)
{
    Op().pin_message = text;
    Op().pin_message_is_error = error;
    g_app.font_texts.push_back(text);
}

static void SaveLockout() { Write("settings", "lockout", PinLockoutToJson(g_op.lockout), "lockout"); }

static void SetNewPin(const std::string& pin)
{
    uint8_t salt[kPinSaltBytes];
    manyi_js_random_bytes(salt, sizeof salt);
    // The count is measured here, on this device: about kPinTargetMs per check.
    // Twice, keeping the faster: the first run also pays for the engine's tier-up of the code.
    const uint32_t sample = 10000;
    double sample_ms = 0;
    for (int run = 0; run < 2; run++)
    {
        const double t0 = emscripten_get_now();
        Pbkdf2HmacSha256(pin, std::string_view((const char*)salt, sizeof salt), sample, kPinHashBytes);
        const double ms = emscripten_get_now() - t0;
        if (run == 0 || ms < sample_ms) sample_ms = ms;
    }
    const uint32_t iterations = PinIterationsFor(kPinTargetMs, sample, sample_ms);
    const double t1 = emscripten_get_now();
    g_op.pin = MakePinRecord(pin, salt, iterations);
    const double hash_ms = emscripten_get_now() - t1;
    g_op.has_pin = true;
    g_op.lockout = PinLockout{};
    Write("settings", "pin", FormatPinRecord(g_op.pin), "PIN");
    SaveLockout();
    EmitOperator("pin-set", { { "iterations", iterations }, { "sampleMs", sample_ms }, { "hashMs", hash_ms } });
}

static void CheckPin()
{
    OperatorView& v = Op();
    const int64_t now = NowMs();
    const double t0 = emscripten_get_now();
    const bool ok = VerifyPin(g_op.pin, g_op.typed);
    const double ms = emscripten_get_now() - t0;
    ClearPinEntry();
    if (ok)
    {
        PinLockoutOnSuccess(&g_op.lockout);
        SaveLockout();
        EmitOperator("pin-ok", { { "verifyMs", ms }, { "iterations", g_op.pin.iterations } });
        if (v.changing_pin)
        {
            v.stage = OperatorStage::SetPin;
            PinMessage("", false);
            return;
        }
        EnterPanel();
        return;
    }
    PinLockoutOnFailure(&g_op.lockout, now);
    SaveLockout();
    const int64_t locked = PinLockRemainingMs(g_op.lockout, now);
    const int left = kPinFreeTries - g_op.lockout.failures;
    EmitOperator("pin-wrong", { { "failures", g_op.lockout.failures }, { "lockedMs", locked }, { "verifyMs", ms } });
    char line[160];
    if (locked > 0) line[0] = 0;
    else snprintf(line, sizeof line, View().locale.rfind("zh", 0) == 0 ? "PIN 不正确，还可再试 %d 次" : "Wrong PIN: %d more tries", left);
    PinMessage(line, true);
}

static void HandlePinKeys(const OperatorActions& a)
{
    OperatorView& v = Op();
    if (a.cancel_pin)
    {
        if (v.changing_pin) { v.changing_pin = false; g_op.first_pin.clear(); SetStage(OperatorStage::Panel); ShowDashboard(v.tab == OperatorTab::Scores); return; }
        OperatorClose("cancel");
        return;
    }
    if (v.locked_ms > 0 || v.checking) return;
    for (char d : a.digits)
        if (g_op.typed.size() < 8) g_op.typed += d;
    if (a.backspace && !g_op.typed.empty()) g_op.typed.pop_back();
    v.pin_length = (int)g_op.typed.size();
    if (!a.digits.empty() || a.backspace) v.pin_message.clear();
    if (!a.enter) return;
    if (!IsValidPin(g_op.typed))
    {
        PinMessage(View().locale.rfind("zh", 0) == 0 ? "PIN 为 4 至 8 位数字" : "A PIN has 4 to 8 digits", true);
        return;
    }
    switch (v.stage)
    {
    case OperatorStage::SetPin:
        g_op.first_pin = g_op.typed;
        SetStage(OperatorStage::ConfirmPin);
        break;
    case OperatorStage::ConfirmPin:
        if (g_op.typed != g_op.first_pin)
        {
            g_op.first_pin.clear();
            SetStage(OperatorStage::SetPin);
            PinMessage(View().locale.rfind("zh", 0) == 0 ? "两次输入的 PIN 不一致，请重新设置" : "The two PINs differ: set it again", true);
            break;
        }
        SetNewPin(g_op.first_pin);
        g_op.first_pin.clear();
        v.changing_pin = false;
        EnterPanel();
        PinMessage(View().locale.rfind("zh", 0) == 0 ? "PIN 已设置" : "PIN set", false);
        break;
    case OperatorStage::EnterPin:
        v.checking = true; // drawn first, hashed on the next frame
        g_op.verify_due = true;
        RequestFrames(2);
        break;
    default: break;
    }
}

// ---- the panel's data ------------------------------------------------------------------------------

static void RefreshDelivery()
{
    WidgetApp& app = g_app;
    OperatorView& v = Op();
    StoreCounts c = app.store.Counts();
    v.total = c.total, v.pending = c.pending, v.delivered = c.delivered, v.parked = c.parked;
    v.last_success_ms = app.delivery.last_success_ms;
    v.last_error = app.delivery.last_error;
    v.paused_auth = app.delivery.paused_auth;
    v.sender = app.delivery.is_sender;
    v.endpoint_set = !app.endpoint.url.empty();
    v.parked_items.clear();
    for (const StoredResponse& r : app.store.ListByState(DeliveryState::Parked, kParkedShown))
    {
        v.parked_items.push_back({ r.id, r.created_ms, r.last_error });
        app.font_texts.push_back(r.last_error);
    }
}

static void RefreshOverview()
{
    WidgetApp& app = g_app;
    Op().overview = BuildOperatorOverview(app.survey, app.store);
    g_op.overview_total = app.store.Counts().total;
    // Typed by respondents: the atlas must hold their characters.
    for (const CallbackComplaint& c : Op().overview.callbacks)
    {
        app.font_texts.push_back(c.type + c.text + c.contact + c.when + c.followup.note);
        app.fonts_dirty = true;
    }
}

void OperatorBeforeFrame()
{
    if (!g_op.enabled) return;
    WidgetApp& app = g_app;
    OperatorView& v = Op();
    const int64_t now = NowMs();
    if (CornerHoldDue(&g_op.hold, now))
    {
        OperatorOpen("corner");
        return;
    }
    if (v.stage == OperatorStage::Closed) return;
    const int64_t idle = now - g_op.last_input_ms;
    if (idle >= kPanelIdleMs || idle < -kPanelIdleMs) // or the clock jumped far back
    {
        OperatorClose("idle");
        return;
    }
    v.idle_left_s = (int)((kPanelIdleMs - idle + 999) / 1000);
    v.now_ms = now;
    v.utc_offset_minutes = app.utc_offset_minutes;
    v.device_id = app.device_id;
    v.locales = app.survey.locales;
    if (g_op.verify_due)
    {
        g_op.verify_due = false;
        CheckPin();
    }
    v.locked_ms = v.stage == OperatorStage::EnterPin ? PinLockRemainingMs(g_op.lockout, now) : 0;
    if (v.stage == OperatorStage::Panel)
    {
        RefreshDelivery();
        if (g_op.overview_total != v.total) RefreshOverview();
    }
    // Tick once a second while something on screen counts down (the lock, the idle close).
    manyi_js_operator_timer(v.locked_ms > 0 ? (double)(v.locked_ms % 1000 + 1) : 1000.0);
}

// ---- actions ---------------------------------------------------------------------------------------

static void RetryFailed()
{
    WidgetApp& app = g_app;
    const int64_t now = NowMs();
    int n = 0;
    for (const StoredResponse& r : app.store.ListByState(DeliveryState::Parked, 100000))
    {
        if (!app.store.Unpark(r.id, now)) continue;
        WriteJournalState(r, (int)JournalState::Pending, "");
        n++;
    }
    DeliverySyncNow();
    RefreshCounts();
    char line[120];
    snprintf(line, sizeof line, View().locale.rfind("zh", 0) == 0 ? "已将 %d 份退回的回答重新排队发送" : "%d refused responses queued again", n);
    Op().delivery_message = line;
    EmitOperator("retry-failed", { { "count", n } });
}

static void Export(OperatorExport kind)
{
    const bool responses = kind == OperatorExport::ResponsesCsv || kind == OperatorExport::ResponsesJson;
    const bool csv = kind == OperatorExport::ScoresCsv || kind == OperatorExport::ResponsesCsv;
    const char* k = responses ? "responses" : "scores";
    const char* f = csv ? "csv" : "json";
    const char* text = manyi_export(k, f, "{}");
    const std::string name = manyi_export_name(k, f, "{}"); // every response: their first and last days
    manyi_js_download(name.c_str(), csv ? "text/csv;charset=utf-8" : "application/json", text, (int)strlen(text));
    EmitOperator("export", { { "kind", k }, { "format", f } });
}

static std::string* NoteOf(const std::string& id)
{
    for (auto& n : View().op_text.notes)
        if (n.first == id) return &n.second;
    return nullptr;
}

static void ChangeFollowUp(const OperatorActions& a)
{
    WidgetApp& app = g_app;
    for (CallbackComplaint& c : Op().overview.callbacks)
    {
        if (c.response_id != a.followup_id) continue;
        FollowUp f = c.followup;
        const int64_t now = NowMs();
        if (a.followup_state == (int)FollowUpState::Contacted && f.contacted_ms == 0) f.contacted_ms = now;
        if (a.followup_state == (int)FollowUpState::Resolved)
        {
            if (f.contacted_ms == 0) f.contacted_ms = now;
            f.resolved_ms = now;
        }
        if (a.followup_state == (int)FollowUpState::Open) f.contacted_ms = f.resolved_ms = 0;
        if (a.followup_state >= 0) f.state = (FollowUpState)a.followup_state;
        if (a.followup_satisfaction > 0)
        {
            f.satisfaction = a.followup_satisfaction;
            f.satisfaction_points = 5;
        }
        if (std::string* note = NoteOf(c.response_id)) f.note = *note;
        f.updated_ms = now;
        std::string error;
        if (!app.store.SetFollowUp(f, &error))
        {
            Op().followup_message = error;
            return;
        }
        c.followup = f;
        c.has_followup = true;
        Write("followups", f.response_id, FollowUpToJson(f), "follow-up");
        MarkDashboardStale();
        EmitOperator("followup", nlohmann::json::parse(FollowUpToJson(f)));
        return;
    }
}

static bool Zh() { return View().locale.rfind("zh", 0) == 0; }

static void SettingsMessage(const std::string& text, bool is_error)
{
    Op().settings_message = text;
    Op().settings_message_is_error = is_error;
    g_app.font_texts.push_back(text);
    g_app.fonts_dirty = true;
    RequestFrames(2);
}

static void WriteSettings(const KioskSettings& checked);

static void SaveSettings()
{
    OperatorView& v = Op();
    std::string json = KioskSettingsToJson(v.draft), error;
    KioskSettings checked;
    if (!KioskSettingsFromJson(json, &checked, &error))
    {
        SettingsMessage(error, true);
        return;
    }
    // A new survey is fetched and parsed before it is saved: a kiosk restarted on a survey that
    // does not load would show its error screen to every customer (manyi_on_survey_checked).
    if (!checked.survey_url.empty() && checked.survey_url != View().kiosk_settings.survey_url)
    {
        if (g_op.check_pending) return;
        g_op.checking = checked;
        g_op.check_pending = true;
        SettingsMessage(Zh() ? "正在检查问卷…" : "Checking the survey…", false);
        manyi_js_operator_check_survey(checked.survey_url.c_str());
        return;
    }
    WriteSettings(checked);
}

void OperatorSurveyChecked(bool fetched, const std::string& url, const std::string& text_or_error)
{
    if (!g_op.check_pending) return;
    g_op.check_pending = false;
    if (Op().stage != OperatorStage::Panel) return; // the panel closed meanwhile: nothing saved
    std::string problem = fetched ? "" : text_or_error;
    if (fetched)
    {
        SurveyParseResult parsed = ParseSurvey(text_or_error);
        for (const SurveyProblem& p : parsed.problems)
            problem += (problem.empty() ? "" : "\n") + (p.path.empty() ? p.message : p.path + ": " + p.message);
    }
    if (!problem.empty())
    {
        SettingsMessage((Zh() ? "问卷未保存，无法使用 " : "Survey not saved: cannot use ") + url + "\n" + problem, true);
        EmitOperator("survey-refused", { { "url", url }, { "message", problem } });
        return;
    }
    g_op.checking.survey_url = url; // absolute: the same URL the choice lists, whatever page saved it
    WriteSettings(g_op.checking);
}

static void WriteSettings(const KioskSettings& checked)
{
    OperatorView& v = Op();
    const std::string json = KioskSettingsToJson(checked);
    const bool restart = checked.survey_url != View().kiosk_settings.survey_url;
    ApplySettings(checked);
    v.draft_dirty = false;
    const int id = g_app.next_request_id;
    Write("settings", "kiosk", json, "settings");
    g_op.restart_after_write = restart;
    g_op.restart_request = id;
    v.settings_message = View().locale.rfind("zh", 0) == 0 ? (restart ? "正在保存，随后重新启动以加载新问卷…" : "正在保存…")
                                                         : (restart ? "Saving, then restarting with the new survey…" : "Saving…");
    v.settings_message_is_error = false;
}

void HandleOperatorActions(const OperatorActions& a)
{
    if (!g_op.enabled) return;
    OperatorView& v = Op();
    if (a.close)
    {
        OperatorClose("closed");
        return;
    }
    if (v.stage == OperatorStage::SetPin || v.stage == OperatorStage::ConfirmPin || v.stage == OperatorStage::EnterPin)
    {
        HandlePinKeys(a);
        return;
    }
    if (v.stage != OperatorStage::Panel) return;
    if (a.tab_changed && a.tab != v.tab && (g_app.survey_ok || a.tab != OperatorTab::Scores))
    {
        v.tab = a.tab;
        ShowDashboard(a.tab == OperatorTab::Scores);
        if (a.tab == OperatorTab::Settings)
        {
            v.draft = View().kiosk_settings;
            v.draft_dirty = false;
            v.settings_message.clear();
        }
        if (a.tab == OperatorTab::FollowUps) RefreshOverview();
        View().scroll_to_top = true;
        RequestFrames(3);
    }
    if (a.sync_now)
    {
        DeliverySyncNow();
        v.delivery_message = View().locale.rfind("zh", 0) == 0 ? "正在发送…" : "Sending…";
    }
    if (a.retry_failed) RetryFailed();
    if (a.export_kind != OperatorExport::None) Export(a.export_kind);
    if (!a.followup_id.empty()) ChangeFollowUp(a);
    if (a.settings_changed) v.draft_dirty = true;
    if (a.save_settings) SaveSettings();
    if (a.reset_settings)
    {
        Write("settings", "kiosk", "", "settings");
        g_op.restart_after_write = true;
        g_op.restart_request = g_app.next_request_id - 1;
    }
    if (a.change_pin)
    {
        ShowDashboard(false);
        v.changing_pin = true;
        SetStage(g_op.has_pin ? OperatorStage::EnterPin : OperatorStage::SetPin);
        v.pin_message.clear();
    }
    RequestFrames(2);
}

void OperatorOnWritten(int request_id, bool ok, const std::string& error)
{
    auto it = g_op.writes.find(request_id);
    const std::string what = it == g_op.writes.end() ? "data" : it->second;
    if (it != g_op.writes.end()) g_op.writes.erase(it);
    OperatorView& v = Op();
    if (!ok)
    {
        // Plainly, where the operator looks: what was not kept, and why. Nothing is lost silently.
        if (std::find(g_op.not_saved.begin(), g_op.not_saved.end(), what) == g_op.not_saved.end()) g_op.not_saved.push_back(what);
        std::string list;
        for (const std::string& w : g_op.not_saved) list += (list.empty() ? "" : ", ") + w;
        v.storage_error = (g_op.load_error.empty() ? "" : g_op.load_error + "\n") +
                          (View().locale.rfind("zh", 0) == 0 ? "未能保存（" : "Not saved (") + list + "): " + error;
        g_app.font_texts.push_back(v.storage_error);
        g_app.fonts_dirty = true;
        manyi_js_log_error(("operator data not saved (" + what + "): " + error).c_str());
        Emit("error", nlohmann::json({ { "kind", "operator-storage" }, { "what", what }, { "message", error } }).dump());
        RequestFrames(2);
        return;
    }
    if (what == "settings" && request_id == g_op.restart_request)
    {
        v.settings_message = View().locale.rfind("zh", 0) == 0 ? "设置已保存" : "Settings saved";
        EmitOperator("settings-saved", { { "restart", g_op.restart_after_write } });
        RequestFrames(2);
    }
}

// ---- the DOM text field over operator text boxes -----------------------------------------------------

static std::string* OperatorTextValue(const std::string& field)
{
    OperatorView& v = Op();
    if (field == "device_name") return &v.draft.device_name;
    if (field == "survey_url") return &v.draft.survey_url;
    if (field.rfind("note:", 0) == 0)
    {
        const std::string id = field.substr(5);
        if (std::string* n = NoteOf(id)) return n;
        std::string start;
        for (const CallbackComplaint& c : v.overview.callbacks)
            if (c.response_id == id) start = c.followup.note;
        View().op_text.notes.push_back({ id, start });
        return &View().op_text.notes.back().second;
    }
    return nullptr;
}

void OperatorOpenTextField(const std::string& field)
{
    WidgetView& wv = View();
    for (const OperatorTextBox& b : wv.op_text.boxes)
    {
        if (b.field != field) continue;
        std::string* value = OperatorTextValue(field);
        if (!value) return;
        wv.editing_text = kOperatorTextBox;
        wv.editing_field = field;
        wv.op_text.editing = field;
        const bool note = field.rfind("note:", 0) == 0;
        const int max = field == "device_name" ? 64 : field == "survey_url" ? 2048 : 2000;
        manyi_js_text_field_show(b.rect.x, b.rect.y, b.rect.width, b.rect.height, kBodyFontPx * theme::kFontScale, note ? 1 : 0, max,
                                 value->c_str(), "", field.c_str(), field == "survey_url" ? "url" : "text", "off", field.c_str());
        g_op.last_input_ms = NowMs();
        RequestFrames(2);
        return;
    }
}

bool OperatorTextFieldAt(float x, float y)
{
    if (!g_op.enabled || Op().stage != OperatorStage::Panel) return false;
    for (const OperatorTextBox& b : View().op_text.boxes)
    {
        const SemanticsRect& r = b.rect;
        if (x < r.x || y < r.y || x >= r.x + r.width || y >= r.y + r.height) continue;
        OperatorOpenTextField(b.field);
        return true;
    }
    return false;
}

bool OperatorTextInput(const std::string& value)
{
    if (View().editing_text != kOperatorTextBox) return false;
    if (std::string* v = OperatorTextValue(View().op_text.editing))
    {
        *v = value;
        if (View().op_text.editing.rfind("note:", 0) != 0) Op().draft_dirty = true;
    }
    g_op.last_input_ms = NowMs();
    RequestFrames(2);
    return true;
}

bool OperatorTextBlur()
{
    WidgetView& v = View();
    if (v.editing_text != kOperatorTextBox) return false;
    if (std::string* value = OperatorTextValue(v.op_text.editing))
    {
        g_app.font_texts.push_back(*value);
        g_app.fonts_dirty = true;
    }
    v.op_text.editing.clear();
    v.editing_text = -1;
    v.editing_field.clear();
    manyi_js_text_field_hide();
    RequestFrames(3);
    return true;
}

} // namespace manyi

extern "C" {

EMSCRIPTEN_KEEPALIVE void manyi_on_operator_written(int request_id, int ok, const char* error)
{
    manyi::OperatorOnWritten(request_id, ok != 0, error ? error : "");
}

EMSCRIPTEN_KEEPALIVE void manyi_on_operator_timer(void) { manyi::RequestFrames(1); }

// The survey URL the operator chose, fetched by the platform: fetched = 0 with the reason, or 1
// with the text, which is parsed here before the settings are saved.
EMSCRIPTEN_KEEPALIVE void manyi_on_survey_checked(int fetched, const char* url, const char* text_or_error)
{
    manyi::OperatorSurveyChecked(fetched != 0, url ? url : "", text_or_error ? text_or_error : "");
}

} // extern "C"
