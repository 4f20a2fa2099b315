// Everything the screens read and write, as plain data. The app fills it from the core and the
// browser; the screens draw it with ImGui and report what the respondent did in WidgetActions.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/kiosk_flow.h"
#include "core/response.h"
#include "core/survey.h"
#include "core/survey_session.h"
#include "ui/dashboard.h"
#include "ui/fonts.h"
#include "ui/operator_panel.h"
#include "ui/semantics.h"

namespace manyi {

// FirstTap and Attract are the kiosk's (src/core/kiosk_flow.h); a website widget starts on Survey.
enum class Screen { Loading, Error, Survey, Thanks, FirstTap, Attract };

// A text box drawn this frame: where the DOM text field goes when the respondent taps it.
struct TextBoxPlacement
{
    int           question_index = -1;
    std::string   field;         // contact field ("phone"), or "" for a text question
    SemanticsRect rect;
};

struct WidgetView
{
    Screen             screen = Screen::Loading;
    const Survey*      survey = nullptr;
    std::string        locale;
    FontSet            fonts;

    // Survey screen
    Session                  session;        // answers, page, errors: the core's session model
    bool                     saving = false;
    std::string              save_error;
    int                      editing_text = -1; // question index edited in the DOM field, or -1
    std::string              editing_field;     // its contact field, or ""
    bool                     scroll_to_top = false;
    bool                     focus_first_control = false;
    int                      truncated_text = -1;  // question whose last paste was cut at its limit
    int                      truncated_max = 0;
    bool                     draft_restored = false; // answers came back from a draft: offer "start over"

    // Thanks screen
    std::string reference;                   // the response id
    std::string complaint_reference;         // "ABCD-EFGH2" when the response carried a complaint

    // Error screen
    std::string error_message;

    // Footer: what this device holds
    int64_t     stored_count = 0;
    int64_t     pending_count = 0;
    bool        storage_ok = true;
    std::string storage_message;
    // Kiosk: whether the browser granted persistent storage (-1 unknown) and its estimate, in bytes.
    bool        show_storage_state = false;
    int         storage_persisted = -1;
    double      storage_usage = -1, storage_quota = -1;

    // Kiosk (mode "kiosk"): its settings, its loop, and the idle warning shown over the survey.
    bool          kiosk = false;
    KioskSettings kiosk_settings;
    KioskFlow     kiosk_flow;
    int           kiosk_countdown = 0;    // > 0: "returning to the start in N s" is shown
    int           kiosk_reset_in = 0;     // thank-you: seconds until the first screen comes back
    int           first_tap_question = -1; // the question of the one-tap first screen

    // The operator dashboard, shown instead of the survey while dashboard.shown (src/ui/dashboard.h).
    DashboardView dashboard;

    // The kiosk operator panel, drawn over everything while op.stage is not Closed.
    OperatorView      op;
    OperatorTextState op_text;

    // Filled by the screens each frame.
    std::vector<TextBoxPlacement> text_boxes;
    float                         scroll_max_y = 0; // > 0 when the page is taller than the widget
    float                         scroll_y = 0;     // the page's scroll this frame
    float                         scroll_to_y = -1; // >= 0: scroll the page there next frame
};

struct WidgetActions
{
    bool        submit = false;        // Next on the last page passed validation
    bool        new_response = false;
    bool        enter_complaint = false;
    std::string open_url;              // a consent link the respondent tapped
    int         first_tap = 0;         // kiosk first screen: the grade tapped (on the question's scale)
    bool        leave_attract = false; // kiosk attract screen tapped
    bool        keep_going = false;    // kiosk idle warning: "continue"
    int         open_text_question = -1; // a text box activated from the keyboard
    std::string open_text_field;
    DashboardActions dashboard;
    OperatorActions  op;
};

// Draws the whole widget into the current ImGui frame.
void DrawWidget(WidgetView* view, Semantics* semantics, WidgetActions* actions);

// One question's answer widgets (src/ui/question_views.cpp).
void DrawQuestionInput(WidgetView* view, Semantics* semantics, int question_index, WidgetActions* actions);
const char* TextInputMode(const Question& q); // the DOM field's inputmode

} // namespace manyi
