// The web widget's state: one per wasm instance (each mount() instantiates its own module).
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/endpoint_config.h"
#include "core/response.h"
#include "core/response_store.h"
#include "core/survey.h"
#include "ui/semantics.h"
#include "ui/widget_view.h"

namespace manyi {

// A response waiting for its journal write to complete before the thank-you screen shows.
struct PendingSave
{
    int         request_id = 0;
    Response    response;
    std::string payload;
    std::string record_json;
};

// A response written at the press on Submit, before the release decides (early_submit.cpp).
struct PressedSave
{
    PendingSave save;          // request_id 0 when none
    std::string answers_key;   // the answers it was built from (a draft's JSON without its time)
    bool        written = false; // its journal write completed, with:
    bool        ok = false;
    std::string error;
};

struct DeliveryProgress
{
    bool        is_sender = false;    // this widget holds its endpoint's sender lock (one per origin and endpoint)
    bool        is_keeper = false;    // ... and the origin's keeper lock: the store image, adopting old records (D22)
    int         adopt_request = 0;    // the journal write that gives records without a key this endpoint's
    std::vector<std::string> adopt_ids;
    int         inflight_request = 0; // 0 = nothing in flight
    std::vector<std::string> inflight_ids;
    int         batch_limit = 1;      // halved on 413, grows back after successes
    bool        force = false;        // "sync now": ignore backoff until the queue is empty or fails
    int64_t     last_success_ms = 0;
    std::string last_error;
    bool        paused_auth = false;
};

// The store kept between page loads as an image in IndexedDB (src/app/web/store_keeping.cpp, D18).
struct StoreKeeping
{
    int64_t     mark = 0;            // the store holds every journal change with a key <= mark
    bool        mark_valid = true;   // false once another tab compacted the change log past it
    bool        dirty = false;       // changed since the last image
    int64_t     dirty_since_ms = 0;
    int64_t     last_input_ms = 0;   // pointer, key or text: someone is answering
    bool        busy = false;        // a catch-up read or an image write is under way
    std::set<std::string> unreadable; // journal records the store leaves out (damaged, or newer)
    std::string source;              // how this page's store was opened: "snapshot" | "rebuilt"
    std::string reason;              // why it was rebuilt: "missing", "damaged", "schema", "count", ...
    int64_t     replayed = 0;        // journal records read into it at start-up
    double      serialize_ms = 0;    // of the last image: serialize + checksum, in this tab
    int64_t     image_bytes = 0;
};

// The last left-button press on the canvas, for a click on Submit taken at its release.
struct PointerPress
{
    bool     down = false;
    float    x = 0, y = 0;     // canvas CSS pixels
    uint64_t frame = 0;        // frames_drawn when it came
};

struct WidgetApp
{
    // Configuration
    Survey         survey;
    bool           survey_ok = false;
    EndpointConfig endpoint;
    std::string    endpoint_key;             // EndpointKey(endpoint): the responses this widget delivers (D22)
    std::string    journal_name = "manyi";
    std::string    mode = "embed";
    std::string    device_id;
    int            utc_offset_minutes = 0;   // the browser's, at mount: local days of scores

    // Storage: the journal (IndexedDB) is durable, the store (SQLite in memory) is rebuilt from it.
    ResponseStore store;
    bool          journal_ready = false;
    PendingSave   saving;                 // request_id 0 when none
    PressedSave   pressed;                // written at a press on Submit; the release decides
    int           withdrawn_request_id = 0; // a pressed save taken back before its write completed
    std::vector<PendingSave> partial_saves; // kiosk: abandoned surveys being written (no thank-you)
    int           next_request_id = 1;
    StoreKeeping  keeping;

    DeliveryProgress delivery;

    // Drafts (src/app/web/draft.cpp)
    int64_t     draft_max_age_ms = 24 * 3600 * 1000; // 0 = drafts off
    std::string draft_json;                          // last written, without its time

    // Screen
    WidgetView view;
    Semantics  semantics;
    std::vector<unsigned char> font_data;
    std::vector<std::string>   font_texts;   // everything the atlas must hold
    bool   fonts_dirty = true;
    int    max_texture_size = 4096;
    float  css_width = 0, css_height = 0, pixel_ratio = 1;
    float  visible_css_height = 0; // of the canvas, inside the visual viewport (0 = all of it)
    // The edited box must be brought into sight: the field just opened, or the visible part of the
    // widget changed (an on-screen keyboard). Not on every frame: a wheel scroll while the field
    // has the keyboard (a Tab landed on it) must not be pulled back.
    int    reveal_edited_frames = 0;
    int    fb_width = 0, fb_height = 0;
    int    frames_to_render = 0;
    uint64_t frames_drawn = 0;
    PointerPress press;
    double last_counts_frame_ms = 0;
    double last_frame_ms = 0;
    bool   gl_ready = false;
    bool   headless = false;   // no WebGL2: ImGui lays out, nothing is drawn, the mirror is the form (D17)

    // Dashboard (src/app/web/dashboard_app.cpp): the report is stale after new responses.
    bool   dashboard_stale = true;
    double dashboard_computed_ms = 0;

    // Buffers handed to JS by the query exports (valid until the next call).
    std::string json_out;
};

extern WidgetApp g_app;

int64_t NowMs();
std::string NewUuid();
double Random01();
void RequestFrames(int n);
void Emit(const char* name, const std::string& detail_json);
void RefreshCounts();

// Submitting: journal first, then the store, then the thank-you screen, then delivery.
void SubmitResponse();
PendingSave BuildPendingSave(const Session& session, bool partial); // a response and its journal record
void SavePartialResponse(); // kiosk idle reset with "save as partial": journal + store, no thank-you
void OnJournalWritten(int request_id, bool ok, const std::string& error);
// Puts a journal record (from IndexedDB or another tab) into the store, or brings a stored one's
// delivery state up to the record's.
void LoadJournalRecord(const std::string& json);
// A response's journal record with a new delivery state; the endpoint key is kept as stored.
void WriteJournalState(const StoredResponse& r, int state, const std::string& error);

// The store between page loads (src/app/web/store_keeping.cpp).
bool AcceptStoreImage(const std::string& meta_json, const unsigned char* data, size_t size);
void OnJournalRemoved(const std::string& ids_json);
bool FinishStoreLoad(int64_t max_key, int64_t journal_count); // false: rebuild from the whole journal
void NoteStoreChanged();
void NoteInput();
void OnStoreSaveDue();
void OnStoreCaughtUp(bool ok, int64_t max_key);
void OnStoreSaved(bool ok, const std::string& result, double write_ms);
void OnPageHidden();

// Drafts of unfinished answers (src/app/web/draft.cpp).
std::string DraftKey();
void RestoreDraft(const std::string& draft_json); // from the journal database, once it is open
void SaveDraftIfChanged();
void ClearDraft();
void ForgetDraft(); // the draft was deleted with the response's journal write: only the memory of it

// Delivery to the endpoint (src/app/web/delivery.cpp).
void DeliveryKick();
void DeliverySyncNow();
void OnHttpDone(int request_id, int status, const std::string& retry_after, const std::string& error,
                const std::string& reply);
void OnBroadcast(const std::string& json);
bool OnAdoptWritten(int request_id, bool ok, const std::string& error); // false: not an adoption write
void BroadcastStored(const std::string& journal_record_json);

// Places the DOM text field over a text box and focuses it (src/app/web/exports.cpp).
void OpenTextField(const TextBoxPlacement& box);

// Dashboard data (src/app/web/dashboard_app.cpp).
void ShowDashboard(bool shown);
void MarkDashboardStale();          // a response was stored: recompute, throttled, if shown
void DashboardBeforeFrame();        // recomputes when stale and due
void HandleDashboardActions(const DashboardActions& actions);

// The kiosk loop (src/app/web/kiosk_app.cpp).
void   KioskConfigure(const std::string& mode, const nlohmann::json& config);
Screen KioskStartScreen();        // FirstTap or Survey
void   KioskNoteInput();          // any touch, key or text: the idle clock starts again
void   KioskStartOver();          // a new respondent
void   KioskBeforeFrame();        // timers: countdown, resets, attract screen
bool   KioskHandleActions(const WidgetActions& actions);
void   KioskOnThanks();

// A click on Submit taken in the pointerup handler (src/app/web/early_submit.cpp).
void NotePointerDown(float x, float y);      // may start the save when the press is on Submit
bool TakeSubmitClick(float x, float y, bool* release_to_imgui, bool* draw_now); // true: Submit took it
void WithdrawPressedSave();                  // the press's save, when its release did not submit

// The accessible DOM mirror (src/app/web/a11y.cpp): sent after a frame when it changed.
void SyncMirror();
void ApplyMirrorActivation(); // before a frame: the oldest queued mirror activation, one per frame
void SetTextAnswer(int question_index, const std::string& field, const char* value);

// The kiosk operator panel (src/app/web/operator_app.cpp).
void OperatorConfigure(const nlohmann::json& config); // after KioskConfigure
void OperatorOnJournalReady();                        // replays the stored follow-ups
bool OperatorTakesPointer(int kind, float x, float y, int button, int source); // the corner hold
bool OperatorTakesKey(const char* key, int down, int mods);                    // Ctrl+Alt+O
void OperatorBeforeFrame();
void HandleOperatorActions(const OperatorActions& actions);
bool OperatorTextFieldAt(float x, float y);           // a tap on an operator text box
void OperatorOpenTextField(const std::string& field);
bool OperatorTextInput(const std::string& value);     // false: not editing operator text
bool OperatorTextBlur();
// A pointer event into ImGui (src/app/web/exports.cpp): the operator gesture replays a held press.
bool FeedPointerEvent(int kind, float x, float y, int button, int source); // true: draw the frame now

// Frames (src/app/web/frame.cpp).
void RenderFrame(double now_ms);

} // namespace manyi
