#include "app/web/widget_app.h"

#include <nlohmann/json.hpp>

#include "core/journal_record.h"
#include "core/survey_session.h"
#include "core/uuid.h"
#include "platform/browser.h"
#include "ui/ui_strings.h"

namespace manyi {

WidgetApp g_app;

int64_t NowMs() { return (int64_t)manyi_js_now_ms(); }

std::string NewUuid()
{
    uint8_t bytes[16];
    manyi_js_random_bytes(bytes, sizeof bytes);
    return UuidV4FromBytes(bytes);
}

double Random01()
{
    uint32_t x;
    manyi_js_random_bytes((uint8_t*)&x, sizeof x);
    return x / 4294967296.0;
}

void RequestFrames(int n)
{
    // Several frames: one to take the input, one to lay out what it changed, one for popups and
    // auto-sized items that settle a frame later.
    if (g_app.frames_to_render < n) g_app.frames_to_render = n;
    manyi_js_request_frame();
}

void Emit(const char* name, const std::string& detail_json) { manyi_js_emit(name, detail_json.c_str()); }

void RefreshCounts()
{
    WidgetApp& app = g_app;
    StoreCounts c = app.store.Counts();
    if (c.total == app.view.stored_count && c.pending == app.view.pending_count)
        return;
    app.view.stored_count = c.total;
    app.view.pending_count = c.pending;
    // Only the footer shows these. While a backlog drains they change with every reply, and a
    // software-rendered frame holds the main thread ~30 ms: at most two footer frames a second.
    const double kCountsFrameGapMs = 500;
    const double now = (double)NowMs();
    const double wait = app.last_counts_frame_ms + kCountsFrameGapMs - now;
    if (wait <= 0)
    {
        app.last_counts_frame_ms = now;
        RequestFrames(1);
    }
    else
        manyi_js_request_frame_after(wait);
}

static Response ResponseFromSession(const Session& session, bool partial)
{
    WidgetApp& app = g_app;
    ResponseContext ctx;
    ctx.id = NewUuid();
    ctx.now_ms = NowMs();
    ctx.mode = app.mode;
    ctx.device_id = app.device_id;
    manyi_js_random_bytes(ctx.reference_random, sizeof ctx.reference_random);
    Response r = BuildResponse(app.survey, session, ctx);
    if (app.view.kiosk) r.flags = KioskResponseFlags(app.view.kiosk_flow, partial);
    return r;
}

static std::string RecordJson(const Response& r, const std::string& payload)
{
    JournalRecord rec;
    rec.id = r.id;
    rec.payload = payload;
    rec.created_ms = rec.updated_ms = r.created_at_ms;
    rec.endpoint = g_app.endpoint_key;
    return JournalRecordToJson(rec);
}

void SubmitResponse()
{
    WidgetApp& app = g_app;
    if (app.saving.request_id != 0)
        return; // a save is already under way; the button is disabled, this is a double tap
    if (!app.view.storage_ok)
    {
        // Without durable storage a response could be lost; keep the answers on screen instead.
        app.view.save_error = std::string(Tr(UiString::SaveFailed, app.view.locale)) + " " + app.view.storage_message;
        return;
    }
    app.saving = BuildPendingSave(app.view.session, false);
    app.view.saving = true;
    app.view.save_error.clear();
    manyi_js_journal_put(app.saving.request_id, app.saving.record_json.c_str(), /*strict=*/1, DraftKey().c_str());
}

PendingSave BuildPendingSave(const Session& session, bool partial)
{
    PendingSave p;
    p.request_id = g_app.next_request_id++;
    p.response = ResponseFromSession(session, partial);
    p.payload = ResponseToJson(p.response);
    p.record_json = RecordJson(p.response, p.payload);
    return p;
}

void SavePartialResponse()
{
    WidgetApp& app = g_app;
    if (!app.view.storage_ok) return; // nowhere durable to keep it; the operator sees the storage alert
    PendingSave p = BuildPendingSave(app.view.session, true);
    manyi_js_journal_put(p.request_id, p.record_json.c_str(), /*strict=*/1, "");
    app.partial_saves.push_back(std::move(p));
}

// A partial response's journal write completed: into the store and the queue, no screen change.
static bool OnPartialWritten(int request_id, bool ok, const std::string& error)
{
    WidgetApp& app = g_app;
    for (size_t i = 0; i < app.partial_saves.size(); i++)
    {
        if (app.partial_saves[i].request_id != request_id) continue;
        PendingSave done = std::move(app.partial_saves[i]);
        app.partial_saves.erase(app.partial_saves.begin() + (long)i);
        if (!ok)
        {
            manyi_js_log_error(("partial response not saved: " + error).c_str());
            Emit("error", nlohmann::json({ { "kind", "storage" }, { "message", error } }).dump());
            return true;
        }
        std::string store_error;
        if (!app.store.Insert(done.response, done.payload, DeliveryState::Pending, &store_error, app.endpoint_key))
            manyi_js_log_error(("response is in the journal but not in the query store: " + store_error).c_str());
        BroadcastStored(done.record_json);
        MarkDashboardStale();
        RefreshCounts();
        Emit("submit", "{\"id\":\"" + done.response.id + "\",\"partial\":true,\"response\":" + done.payload + "}");
        DeliveryKick();
        return true;
    }
    return false;
}

void OnJournalWritten(int request_id, bool ok, const std::string& error)
{
    WidgetApp& app = g_app;
    if (OnPartialWritten(request_id, ok, error) || OnAdoptWritten(request_id, ok, error))
        return;
    if (request_id == app.pressed.save.request_id)
    {
        // Written at the press; the release has not come yet (early_submit.cpp).
        app.pressed.written = true;
        app.pressed.ok = ok;
        app.pressed.error = error;
        return;
    }
    if (request_id == app.withdrawn_request_id)
    {
        app.withdrawn_request_id = 0; // its record has been taken back since
        return;
    }
    if (request_id != app.saving.request_id)
    {
        if (!ok) manyi_js_log_error(("could not record delivery state: " + error).c_str());
        else NoteStoreChanged(); // the store already has the new state; the image does not
        return;
    }
    PendingSave done = std::move(app.saving);
    app.saving = PendingSave{};
    app.view.saving = false;
    if (!ok)
    {
        app.view.save_error = std::string(Tr(UiString::SaveFailed, app.view.locale)) + " (" + error + ")";
        manyi_js_log_error(("response not saved: " + error).c_str());
        Emit("error", nlohmann::json({ { "kind", "storage" }, { "message", error } }).dump());
        if (app.view.screen == Screen::FirstTap) app.view.screen = Screen::Survey; // where the message shows
        RequestFrames(3);
        return;
    }
    std::string store_error;
    if (!app.store.Insert(done.response, done.payload, DeliveryState::Pending, &store_error, app.endpoint_key))
        manyi_js_log_error(("response is in the journal but not in the query store: " + store_error).c_str());
    BroadcastStored(done.record_json); // the sender may be another tab
    MarkDashboardStale();
    NoteStoreChanged();
    ForgetDraft(); // deleted in the journal write's transaction
    app.view.screen = Screen::Thanks;
    app.view.reference = done.response.id;
    app.view.complaint_reference = done.response.complaint ? done.response.complaint->reference : "";
    app.view.editing_text = -1;
    manyi_js_text_field_hide();
    KioskOnThanks();
    RefreshCounts();
    Emit("submit", "{\"id\":\"" + done.response.id + "\",\"response\":" + done.payload + "}");
    if (done.response.complaint)
        Emit("complaint", "{\"id\":\"" + done.response.id + "\",\"reference\":\"" + done.response.complaint->reference + "\"}");
    RequestFrames(3);
    DeliveryKick();
}

void LoadJournalRecord(const std::string& json)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    if (!app.journal_ready) k.replayed++;
    JournalRecord rec;
    Response r;
    std::string error;
    if (!JournalRecordFromJson(json, &rec, &error) || !ResponseFromJson(rec.payload, &r, &error))
    {
        // Left untouched in IndexedDB: a newer or damaged record is never deleted by this code.
        // Remembered, so that the store's count still adds up to the journal's (store_keeping.cpp).
        nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
        if (j.is_object() && j.contains("id") && j["id"].is_string()) k.unreadable.insert(j["id"].get<std::string>());
        manyi_js_log_error(("skipping an unreadable journal record: " + error).c_str());
        return;
    }
    k.unreadable.erase(rec.id);
    DeliveryState state = rec.state == JournalState::Delivered ? DeliveryState::Delivered
                        : rec.state == JournalState::Parked    ? DeliveryState::Parked
                                                               : DeliveryState::Pending;
    StoredResponse have;
    if (app.store.Get(rec.id, &have))
    {
        // Delivery states only move on (pending -> parked -> delivered): a record never takes a
        // stored response back, so an image or an old broadcast cannot undo a newer state.
        bool changed = false;
        // Adopted by a widget of another tab or page (D22): its endpoint is known now.
        if (have.endpoint_key.empty() && !rec.endpoint.empty()) changed = app.store.SetEndpointKey(rec.id, rec.endpoint);
        if (have.state != DeliveryState::Delivered && state == DeliveryState::Delivered) changed = app.store.MarkDelivered(rec.id, rec.updated_ms) || changed;
        if (have.state == DeliveryState::Pending && state == DeliveryState::Parked) changed = app.store.MarkParked(rec.id, rec.last_error) || changed;
        if (changed) NoteStoreChanged();
        return;
    }
    if (!app.store.Insert(r, rec.payload, state, &error, rec.endpoint))
        manyi_js_log_error(("journal record not loaded into the store: " + error).c_str());
    else
    {
        MarkDashboardStale();
        NoteStoreChanged();
    }
}

void WriteJournalState(const StoredResponse& r, int state, const std::string& error)
{
    JournalRecord rec;
    rec.id = r.id;
    rec.payload = r.payload_json;
    rec.state = (JournalState)state;
    rec.created_ms = r.created_ms;
    rec.updated_ms = NowMs();
    rec.last_error = error;
    rec.endpoint = r.endpoint_key; // a state write must not lose where the response goes
    std::string json = JournalRecordToJson(rec);
    // Relaxed: losing this update only means the response is sent again, and the endpoint
    // deduplicates on the id.
    manyi_js_journal_put(g_app.next_request_id++, json.c_str(), /*strict=*/0, "");
}

} // namespace manyi
