// Sends stored responses to the operator's endpoint, oldest first, in batches shaped by the
// endpoint config, with the retry policy of src/core/sync_policy.h. Nothing is ever dropped: a
// response leaves the queue only as delivered (2xx) or parked (refused by the endpoint, kept and
// exportable). Each response goes to the endpoint of the widget that collected it: only the
// widget holding that endpoint's sender lock (one per origin and endpoint) sends it (D22).
#include <climits>

#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "core/delivery_batch.h"
#include "core/journal_record.h"
#include "core/sync_policy.h"
#include "platform/browser.h"

namespace manyi {

// Records written before endpoint keys (a kiosk updated with responses queued) go to the endpoint
// of the widget that holds the origin's keeper lock, as every response did then. The key is
// written to the journal first (strict) and only then set in the store, so a crash can never
// leave one sent to this endpoint and adopted by another widget after a reload.
static void AdoptUnkeyed()
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    if (!d.is_keeper || d.adopt_request != 0 || app.endpoint.url.empty() || !app.store.IsOpen() || !app.journal_ready) return;
    const int kAdoptBatch = 500; // one IndexedDB transaction each
    std::vector<StoredResponse> unkeyed = app.store.ListUnkeyed(kAdoptBatch);
    if (unkeyed.empty()) return;
    std::string records = "[";
    const int64_t now = NowMs();
    for (const StoredResponse& r : unkeyed)
    {
        JournalRecord rec;
        rec.id = r.id;
        rec.payload = r.payload_json;
        rec.state = r.state == DeliveryState::Parked ? JournalState::Parked : JournalState::Pending;
        rec.created_ms = r.created_ms;
        rec.updated_ms = now;
        rec.last_error = r.last_error;
        rec.endpoint = app.endpoint_key;
        if (records.size() > 1) records += ",";
        records += JournalRecordToJson(rec);
        d.adopt_ids.push_back(r.id);
    }
    records += "]";
    d.adopt_request = app.next_request_id++;
    manyi_js_journal_put(d.adopt_request, records.c_str(), /*strict=*/1, "");
}

bool OnAdoptWritten(int request_id, bool ok, const std::string& error)
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    if (request_id == 0 || request_id != d.adopt_request) return false;
    d.adopt_request = 0;
    std::vector<std::string> ids = std::move(d.adopt_ids);
    d.adopt_ids.clear();
    if (!ok)
    {
        manyi_js_log_error(("responses stored before endpoint keys not adopted (tried again later): " + error).c_str());
        manyi_js_set_timer(30000);
        return true;
    }
    int adopted = 0;
    for (const std::string& id : ids) adopted += app.store.SetEndpointKey(id, app.endpoint_key) ? 1 : 0;
    if (adopted > 0) NoteStoreChanged();
    manyi_js_broadcast(nlohmann::json({ { "type", "adopted" }, { "endpoint", app.endpoint_key }, { "ids", ids } }).dump().c_str());
    DeliveryKick(); // the next batch, then delivery
    return true;
}

static void ScheduleNext(int64_t now)
{
    int64_t next = g_app.store.NextDueMs(g_app.endpoint_key);
    manyi_js_set_timer(next < 0 ? -1.0 : (double)(next > now ? next - now : 0));
}

void DeliveryKick()
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    AdoptUnkeyed();
    if (app.endpoint.url.empty() || !d.is_sender || d.inflight_request != 0 || !app.store.IsOpen() || !app.journal_ready)
        return;
    int64_t now = NowMs();
    int want = d.batch_limit < 1 ? 1 : d.batch_limit;
    std::vector<StoredResponse> due = app.store.DueForDelivery(d.force ? INT64_MAX : now, want, app.endpoint_key);
    if (due.empty())
    {
        d.force = false;
        ScheduleNext(now);
        return;
    }
    DeliveryBatch batch = BuildBatch(app.endpoint, due, want);
    d.inflight_request = app.next_request_id++;
    d.inflight_ids = batch.ids;
    std::string headers = EndpointHeadersJson(app.endpoint, batch.idempotency_key, batch.content_type);
    manyi_js_http_send(d.inflight_request, app.endpoint.url.c_str(), app.endpoint.method.c_str(), headers.c_str(),
                       batch.body.c_str(), app.endpoint.timeout_ms, app.endpoint.signing_secret.c_str(),
                       batch.idempotency_key.c_str());
}

void DeliverySyncNow()
{
    g_app.delivery.force = true;
    g_app.delivery.paused_auth = false;
    DeliveryKick();
}

// Tells the other tabs of this origin what happened to a response.
static void BroadcastState(const std::string& id, JournalState state)
{
    std::string msg = nlohmann::json({ { "type", "state" }, { "id", id }, { "state", JournalStateName(state) } }).dump();
    manyi_js_broadcast(msg.c_str());
}

static void Delivered(const StoredResponse& r, int status, int64_t now)
{
    g_app.store.MarkDelivered(r.id, now);
    WriteJournalState(r, (int)JournalState::Delivered, "");
    BroadcastState(r.id, JournalState::Delivered);
    Emit("delivered", nlohmann::json({ { "id", r.id }, { "status", status } }).dump());
}

static void Parked(const StoredResponse& r, int status, const std::string& reason)
{
    g_app.store.MarkParked(r.id, reason);
    WriteJournalState(r, (int)JournalState::Parked, reason);
    BroadcastState(r.id, JournalState::Parked);
    Emit("error", nlohmann::json({ { "kind", "rejected" }, { "id", r.id }, { "status", status }, { "message", reason } }).dump());
}

// One response's verdict. Returns false when the whole queue should stop (auth).
static void ApplyVerdict(const StoredResponse& r, int status, int64_t retry_after_ms, const std::string& error, int batch_size, int64_t now)
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    std::string reason = error.empty() ? "HTTP " + std::to_string(status) : error;
    switch (ClassifyHttpStatus(status))
    {
    case DeliveryVerdict::Delivered:
        Delivered(r, status, now);
        break;
    case DeliveryVerdict::Retry:
        app.store.MarkRetry(r.id, now + BackoffDelayMs(r.attempts, Random01(), retry_after_ms), reason);
        d.force = false; // the endpoint is failing: back off even after a "sync now"
        d.last_error = reason;
        break;
    case DeliveryVerdict::PauseAuth:
        // Wrong credentials will not fix themselves: wait for the operator ("sync now") or the cap.
        app.store.MarkRetry(r.id, now + kBackoffCapMs, reason);
        d.force = false;
        d.paused_auth = true;
        d.last_error = reason;
        break;
    case DeliveryVerdict::SplitBatch:
        if (batch_size > 1)
        {
            // Too large together: send fewer at a time, at once, without counting an attempt.
            d.batch_limit = batch_size / 2;
            break;
        }
        Parked(r, status, reason);
        break;
    case DeliveryVerdict::Park:
        Parked(r, status, reason);
        d.last_error = reason;
        break;
    }
}

void OnHttpDone(int request_id, int status, const std::string& retry_after, const std::string& error, const std::string& reply)
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    if (request_id != d.inflight_request)
        return;
    std::vector<std::string> ids = std::move(d.inflight_ids);
    d.inflight_request = 0;
    int64_t now = NowMs();
    int64_t retry_after_ms = ParseRetryAfterMs(retry_after, now);
    bool ok = ClassifyHttpStatus(status) == DeliveryVerdict::Delivered;
    std::vector<ItemResult> results = ok ? ParseBatchReply(reply, ids, status) : std::vector<ItemResult>{};
    if (!ok)
        for (const std::string& id : ids) results.push_back({ id, status });
    bool any_delivered = false;
    for (const ItemResult& item : results)
    {
        StoredResponse r;
        if (!app.store.Get(item.id, &r) || r.state != DeliveryState::Pending)
            continue;
        ApplyVerdict(r, item.status, retry_after_ms, item.status == status ? error : "", (int)ids.size(), now);
        any_delivered = any_delivered || ClassifyHttpStatus(item.status) == DeliveryVerdict::Delivered;
    }
    if (any_delivered)
    {
        d.last_success_ms = now;
        if (d.last_error.rfind("HTTP 4", 0) != 0) d.last_error.clear();
        if (d.batch_limit < app.endpoint.batch_size) d.batch_limit *= 2;
        if (d.batch_limit > app.endpoint.batch_size) d.batch_limit = app.endpoint.batch_size;
    }
    if (d.paused_auth)
        Emit("error", nlohmann::json({ { "kind", "auth" }, { "status", status }, { "message", error } }).dump());
    RefreshCounts(); // draws the footer when the counts changed (throttled)
    if (d.paused_auth) RequestFrames(1);
    if (!d.paused_auth) DeliveryKick();
    else ScheduleNext(now);
}

void BroadcastStored(const std::string& journal_record_json)
{
    std::string msg = "{\"type\":\"stored\",\"record\":" + journal_record_json + "}";
    manyi_js_broadcast(msg.c_str());
}

// News from another tab of this origin: a response it stored, or what happened to one.
void OnBroadcast(const std::string& json)
{
    WidgetApp& app = g_app;
    nlohmann::json msg = nlohmann::json::parse(json, nullptr, false);
    if (!msg.is_object() || !msg.contains("type") || !msg["type"].is_string())
        return;
    std::string type = msg["type"];
    if (type == "stored" && msg.contains("record"))
    {
        LoadJournalRecord(msg["record"].dump());
        DeliveryKick();
    }
    else if (type == "adopted" && msg.contains("ids") && msg["ids"].is_array() && msg.contains("endpoint") && msg["endpoint"].is_string())
    {
        // Another widget gave old records its endpoint (the journal has it already).
        bool changed = false;
        for (const nlohmann::json& id : msg["ids"])
            if (id.is_string()) changed = app.store.SetEndpointKey(id.get<std::string>(), msg["endpoint"].get<std::string>()) || changed;
        if (changed) NoteStoreChanged();
        DeliveryKick();
    }
    else if (type == "state" && msg.contains("id") && msg["id"].is_string() && msg.contains("state"))
    {
        std::string id = msg["id"], state = msg.value("state", std::string());
        bool changed = false;
        if (state == "delivered") changed = app.store.MarkDelivered(id, NowMs());
        else if (state == "parked") changed = app.store.MarkParked(id, "refused by the endpoint (seen by another tab)");
        if (changed) NoteStoreChanged();
    }
    RefreshCounts();
}

} // namespace manyi
