// The retention purge (docs/decisions.md D20, issue 9): delivered responses past the endpoint's
// retention_days are deleted from the device, personal data first, while what they counted in the
// scores is kept. The store decides and counts (it knows what a response counted); the journal
// commits the aggregates record with the deletes in one IndexedDB transaction; the store then
// drops the rows and keeps their counts. A page that dies in between catches up from the journal's
// change log on its next start, as it does for any other write.
#include <emscripten/emscripten.h>

#include <nlohmann/json.hpp>

#include "app/web/retention.h"
#include "app/web/widget_app.h"
#include "platform/browser.h"

namespace manyi {

// At most this many responses a purge: counting and removing them holds the main thread about
// 0.1 s natively per thousand (measured; about 2 MB of wasm heap for the record). More wait for
// the next batch, which starts when this one is done, oldest deliveries first.
static constexpr size_t kPurgeBatch = 1000;

// One purge at a time: the candidates are read, counted, committed, then applied.
static struct
{
    bool                     running = false;
    bool                     more = false; // candidates were left for the next batch
    double                   before_ms = 0;
    std::vector<std::string> ids;
    AggregateRecord          record;
} g_purge;

static void Finish(int64_t removed, const std::string& error)
{
    g_purge.running = false;
    g_purge.ids.clear();
    nlohmann::json detail = { { "responses", removed } };
    if (removed > 0) detail["aggregates"] = g_purge.record.id;
    if (!error.empty()) detail["error"] = error;
    g_purge.record = AggregateRecord{};
    const bool next = g_purge.more && removed > 0 && error.empty();
    g_purge.more = false;
    Emit("purge", detail.dump());
    if (next)
        StartRetentionPurge();
}

void StartRetentionPurge()
{
    WidgetApp& app = g_app;
    if (g_purge.running || app.endpoint.retention_days <= 0 || !app.store.IsOpen())
        return;
    g_purge.running = true;
    g_purge.before_ms = (double)(NowMs() - (int64_t)app.endpoint.retention_days * 86400000);
    manyi_js_purge_select(g_purge.before_ms);
}

} // namespace manyi

using namespace manyi;

extern "C" {

// The journal's delivered records older than the cut-off: those the store holds as delivered are
// counted into one aggregates record and handed back to be committed with their deletes.
EMSCRIPTEN_KEEPALIVE void manyi_on_purge_candidates(const char* ids_json)
{
    nlohmann::json ids = nlohmann::json::parse(ids_json ? ids_json : "[]", nullptr, false);
    std::vector<std::string> candidates;
    if (ids.is_array())
        for (const nlohmann::json& id : ids)
            // A record the store could not read is not this code's to delete (D5): left out
            // here, so that it never holds a batch's place.
            if (id.is_string() && g_app.store.Contains(id.get<std::string>())) candidates.push_back(id.get<std::string>());
    g_purge.more = candidates.size() > kPurgeBatch;
    if (g_purge.more)
        candidates.resize(kPurgeBatch); // the index gives the oldest deliveries first
    AggregateRecord& a = g_purge.record;
    a = AggregateRecord{};
    a.id = NewUuid();
    a.purged_ms = NowMs();
    std::string error;
    if (!g_app.store.CollectPurge(candidates, &g_purge.ids, &a, &error))
    {
        manyi_js_log_error(("retention purge not counted: " + error).c_str());
        Finish(0, error);
        return;
    }
    if (g_purge.ids.empty())
    {
        Finish(0, "");
        return;
    }
    manyi_js_purge_commit(nlohmann::json(g_purge.ids).dump().c_str(), AggregateRecordToJson(a).c_str(), g_purge.before_ms);
}

// The journal committed the purge (or refused it whole: then nothing changed, and a purge by
// another tab reaches this store through the change log).
EMSCRIPTEN_KEEPALIVE void manyi_on_purge_done(int ok, const char* message)
{
    WidgetApp& app = g_app;
    if (!ok)
    {
        const std::string why = message ? message : "";
        manyi_js_log_error(("retention purge not committed: " + why).c_str());
        Finish(0, why);
        return;
    }
    std::string error;
    const int removed = app.store.Purge(g_purge.record, g_purge.ids, &error);
    if (removed < 0)
        manyi_js_log_error(("purged responses not removed from the query store: " + error).c_str());
    NoteStoreChanged();
    MarkDashboardStale();
    RefreshCounts();
    RequestFrames(1);
    Finish(removed < 0 ? 0 : removed, error);
}

// An aggregates record from the journal: every one in a replay, those written after the image
// in a catch-up. The store applies each once.
EMSCRIPTEN_KEEPALIVE void manyi_on_journal_aggregate(const char* json)
{
    AggregateRecord a;
    std::string error;
    if (!AggregateRecordFromJson(json ? json : "", &a, &error) || !g_app.store.ApplyAggregate(a, &error))
    {
        manyi_js_log_error(("aggregates record not applied: " + error).c_str());
        return;
    }
    g_app.keeping.dirty = true;
    MarkDashboardStale();
}

} // extern "C"
