// Sends stored responses to the operator's endpoint, one at a time, oldest first, with the
// retry policy of src/core/sync_policy.h. Nothing is ever dropped: a response leaves the queue
// only as delivered (2xx) or parked (rejected by the endpoint, kept and exportable).
#include <climits>

#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "core/sync_policy.h"
#include "platform/browser.h"

namespace manyi {

static void ScheduleNext(int64_t now)
{
    int64_t next = g_app.store.NextDueMs();
    manyi_js_set_timer(next < 0 ? -1.0 : (double)(next > now ? next - now : 0));
}

void DeliveryKick()
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    if (app.endpoint.url.empty() || d.inflight_request != 0 || !app.store.IsOpen() || !app.journal_ready)
        return;
    int64_t now = NowMs();
    std::vector<StoredResponse> due = app.store.DueForDelivery(d.force ? INT64_MAX : now, 1);
    if (due.empty())
    {
        d.force = false;
        ScheduleNext(now);
        return;
    }
    d.inflight_request = app.next_request_id++;
    d.inflight_id = due[0].id;
    std::string headers = EndpointHeadersJson(app.endpoint, due[0].id);
    manyi_js_http_post(d.inflight_request, app.endpoint.url.c_str(), headers.c_str(), due[0].payload_json.c_str(),
                       app.endpoint.timeout_ms);
}

void DeliverySyncNow()
{
    g_app.delivery.force = true;
    g_app.delivery.paused_auth = false;
    DeliveryKick();
}

void OnHttpDone(int request_id, int status, const std::string& retry_after, const std::string& error)
{
    WidgetApp& app = g_app;
    DeliveryProgress& d = app.delivery;
    if (request_id != d.inflight_request)
        return;
    std::string id = std::move(d.inflight_id);
    d.inflight_request = 0;
    StoredResponse r;
    if (!app.store.Get(id, &r))
        return;
    int64_t now = NowMs();
    switch (ClassifyHttpStatus(status))
    {
    case DeliveryVerdict::Delivered:
        app.store.MarkDelivered(id, now);
        WriteJournalState(id, r.payload_json, r.created_ms, /*Delivered*/ 1, "");
        d.last_success_ms = now;
        d.last_error.clear();
        Emit("delivered", nlohmann::json({ { "id", id }, { "status", status } }).dump());
        break;
    case DeliveryVerdict::Retry:
    {
        int64_t delay = BackoffDelayMs(r.attempts, Random01(), ParseRetryAfterMs(retry_after, now));
        app.store.MarkRetry(id, now + delay, error);
        d.force = false; // the endpoint is failing: back off even after a "sync now"
        d.last_error = error;
        break;
    }
    case DeliveryVerdict::PauseAuth:
        // Wrong credentials will not fix themselves; wait for the operator (sync now) or the cap.
        app.store.MarkRetry(id, now + kBackoffCapMs, error);
        d.force = false;
        d.paused_auth = true;
        d.last_error = error;
        Emit("error", nlohmann::json({ { "kind", "auth" }, { "status", status }, { "message", error } }).dump());
        break;
    case DeliveryVerdict::Park:
    case DeliveryVerdict::SplitBatch: // a single response cannot be split: the endpoint refuses it
        app.store.MarkParked(id, error);
        WriteJournalState(id, r.payload_json, r.created_ms, /*Parked*/ 2, error);
        d.last_error = error;
        Emit("error", nlohmann::json({ { "kind", "rejected" }, { "id", id }, { "status", status }, { "message", error } }).dump());
        break;
    }
    RefreshCounts();
    RequestFrames(2);
    if (!d.paused_auth) DeliveryKick();
    else ScheduleNext(now);
}

} // namespace manyi
