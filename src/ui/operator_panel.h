// The kiosk's operator panel (docs/operator-guide.md): the PIN pad, then tabs for scores (the
// dashboard), delivery, export, follow-ups and settings. Plain data the app fills and the
// screen draws; what the operator does comes back in OperatorActions.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/kiosk_settings.h"
#include "core/operator_data.h"
#include "ui/fonts.h"
#include "ui/semantics.h"

namespace manyi {

enum class OperatorStage { Closed, SetPin, ConfirmPin, EnterPin, Panel };
enum class OperatorTab { Scores, Delivery, Export, FollowUps, Settings };
constexpr int kOperatorTabCount = 5;

// The DOM text field edits operator text too: this stands in WidgetView::editing_text for it
// (a value no question index can take, and >= 0 so "is something being edited" stays one test).
constexpr int kOperatorTextBox = 1 << 20;

struct ParkedItem
{
    std::string id;
    int64_t     created_ms = 0;
    std::string reason;
};

// A survey the kiosk's build ships (dist/assets/surveys/index.json), offered in the settings.
struct KnownSurvey
{
    std::string url;                 // absolute
    std::string title_zh, title_en;
};

struct OperatorView
{
    OperatorStage stage = OperatorStage::Closed;
    OperatorTab   tab = OperatorTab::Scores;
    bool          changing_pin = false;   // SetPin reached from Settings (the panel was open)
    int           pin_length = 0;         // digits typed; the digits themselves stay in the app
    std::string   pin_message;            // "wrong PIN", "the two PINs differ", …
    bool          pin_message_is_error = false;
    int64_t       locked_ms = 0;          // > 0: the pad is locked this much longer
    bool          checking = false;       // the hash is being computed

    // Delivery
    int64_t pending = 0, delivered = 0, parked = 0, total = 0;
    int64_t last_success_ms = 0;
    std::string last_error;
    bool    paused_auth = false, sender = false, endpoint_set = false;
    std::vector<ParkedItem> parked_items;  // the oldest few, with their reasons
    std::string delivery_message;         // after "sync now" / "retry failed"

    // Operator database: what failed, in plain words ("" = all saved)
    std::string storage_error;

    // Follow-ups and flags
    OperatorOverview overview;
    std::string followup_message;

    // Settings: a draft edited in place, saved with "save"
    KioskSettings draft;
    bool          draft_dirty = false;
    std::string   settings_message;
    bool          settings_message_is_error = false;
    std::vector<std::string> locales;     // the survey's
    std::vector<KnownSurvey> known_surveys;
    std::string   running_survey_url;     // what this page loaded (absolute), "" = a survey object
    std::string   device_id;              // what responses carry now

    int64_t now_ms = 0;
    int     utc_offset_minutes = 0;
    int     idle_left_s = 0;              // the panel closes itself after 2 min without input
};

enum class OperatorExport { None, ScoresCsv, ScoresJson, ResponsesCsv, ResponsesJson };

struct OperatorActions
{
    bool        close = false;
    std::string digits;                   // '0'..'9' typed this frame (a fast keyboard gives several)
    bool        backspace = false, enter = false, cancel_pin = false;
    bool        tab_changed = false;
    OperatorTab tab = OperatorTab::Scores;
    bool        sync_now = false, retry_failed = false;
    OperatorExport export_kind = OperatorExport::None;
    // Follow-ups: one change per frame is plenty for a finger
    std::string followup_id;
    int         followup_state = -1;      // FollowUpState to set, or -1
    int         followup_satisfaction = 0; // 1..5, or 0
    // Settings
    bool        settings_changed = false; // the draft was edited (steppers, switches)
    bool        save_settings = false, reset_settings = false, change_pin = false;
    // A text box tapped by keyboard (a tap opens the DOM field directly)
    std::string open_text_field;
};

// A text box drawn this frame, by name: "device_name", "survey_url", "note:<response id>".
struct OperatorTextBox
{
    std::string   field;
    std::string   value;
    SemanticsRect rect;
};

struct OperatorTextState
{
    std::string editing;   // the field being edited in the DOM field, or ""
    std::vector<OperatorTextBox> boxes;
    std::vector<std::pair<std::string, std::string>> notes; // response id -> the note being typed
};

// The browser's storage state (navigator.storage), as the footer shows it: -1 = unknown.
struct WidgetStorage
{
    int    persisted = -1;
    double usage = -1, quota = -1;
};

struct DashboardView;
struct DashboardActions;
struct Survey;

// The whole panel for the stage (PIN pad or tabs), full-size. The Scores tab draws the dashboard.
void DrawOperatorPanel(OperatorView* v, OperatorTextState* text, DashboardView* dashboard, const Survey& survey,
                       const std::string& locale, const FontSet& fonts, const WidgetStorage& storage, Semantics* sem, OperatorActions* actions,
                       DashboardActions* dashboard_actions, float* scroll_max_y);

// Every label the panel may draw, in both languages (for the font atlas).
std::vector<std::string> OperatorUiStrings();

} // namespace manyi
