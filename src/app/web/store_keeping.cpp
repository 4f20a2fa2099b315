// The SQLite store between page loads (docs/decisions.md D18). At start the image kept in
// IndexedDB is checked and opened, then the journal records changed after its mark are applied;
// a missing, damaged, unreadable or inconsistent image is dropped and the store rebuilt from the
// whole journal. While the page runs, an image is written when the store has been quiet for a
// while and nobody has touched the widget for a few seconds, in an idle period, never while a
// response is being committed, and when the page is hidden. The journal stays the truth: an image only saves the replay.
#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "core/store_snapshot.h"
#include "platform/browser.h"

namespace manyi {

// Quiet time after the last change before an image is written, and the longest a change waits
// while changes keep coming (a backlog draining changes the store with every reply).
static const double kSaveQuietMs = 2000;
static const double kSaveMaxWaitMs = 30000;
// Nor while someone is answering: an image of 20,000 responses holds the main thread ~40 ms and
// IndexedDB ~100 ms, which a Submit in that moment would wait behind (measured in the bench).
static const double kInputQuietMs = 5000;

void NoteInput() { g_app.keeping.last_input_ms = NowMs(); }

// A fresh empty store, in one transaction for the replay of the whole journal.
static void StartRebuild(const std::string& reason)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    k.source = "rebuilt";
    k.reason = reason;
    k.replayed = 0;
    k.mark = 0;
    k.unreadable.clear();
    std::string error;
    if (!app.store.Open(":memory:", &error))
    {
        app.view.storage_ok = false;
        app.view.storage_message = error;
        return;
    }
    app.store.BeginBulk(nullptr);
}

bool AcceptStoreImage(const std::string& meta_json, const unsigned char* data, size_t size)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    if (meta_json.empty())
    {
        StartRebuild("missing");
        return false;
    }
    StoreSnapshotMeta meta;
    std::string error;
    if (!StoreSnapshotMetaFromJson(meta_json, &meta, &error))
    {
        manyi_js_log_error(("store image description unreadable, rebuilding from the journal: " + error).c_str());
        StartRebuild("damaged");
        return false;
    }
    std::string mismatch = CheckStoreImage(meta, data, size);
    if (!mismatch.empty())
    {
        manyi_js_log_error(("store image damaged (" + mismatch + "), rebuilding from the journal").c_str());
        StartRebuild("damaged");
        return false;
    }
    // The open path checks the schema version: an older one is upgraded, a newer one refused.
    if (!app.store.OpenImage(data, size, &error))
    {
        manyi_js_log_error(("store image not usable, rebuilding from the journal: " + error).c_str());
        StartRebuild(error.find("schema version") != std::string::npos ? "schema" : "damaged");
        return false;
    }
    k.source = "snapshot";
    k.reason.clear();
    k.replayed = 0;
    k.mark = meta.mark;
    k.unreadable = std::set<std::string>(meta.unreadable.begin(), meta.unreadable.end());
    // An image of an older schema was upgraded as it opened (e.g. schema 3 counts its scores from
    // its rows, D16): write the upgraded one, or every start would upgrade it again.
    if (meta.schema < ResponseStore::kSchemaVersion)
        k.dirty = true;
    return true;
}

void OnJournalRemoved(const std::string& ids_json)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    nlohmann::json ids = nlohmann::json::parse(ids_json, nullptr, false);
    std::vector<std::string> list;
    if (ids.is_array())
        for (const nlohmann::json& id : ids)
            if (id.is_string())
                list.push_back(id.get<std::string>());
    if (!app.journal_ready)
        k.replayed += (int64_t)list.size();
    std::string error;
    int removed = list.empty() ? 0 : app.store.Remove(list, &error);
    if (removed < 0)
        manyi_js_log_error(("purged responses not removed from the query store: " + error).c_str());
    for (const std::string& id : list)
        k.unreadable.erase(id);
    if (removed > 0)
    {
        k.dirty = true;
        MarkDashboardStale();
    }
    // The records that follow (in the same task) go in as one transaction.
    app.store.BeginBulk(nullptr);
}

bool FinishStoreLoad(int64_t max_key, int64_t journal_count)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    std::string error;
    if (!app.store.EndBulk(&error))
        manyi_js_log_error(("the journal replay could not be committed to the query store: " + error).c_str());
    if (k.source == "snapshot")
    {
        // A delivery schedule is per page, as a rebuilt store's is: every pending response is
        // tried at once.
        app.store.ResetDeliverySchedule(nullptr);
        // Every readable record is a response in the store. A write that bypassed the change log
        // (an older build, a hand edit) shows up here and costs a rebuild, not a wrong store.
        const int64_t have = app.store.Counts().total + (int64_t)k.unreadable.size();
        if (have != journal_count)
        {
            manyi_js_log_error(("store image does not add up to the journal (" + std::to_string(have) + " vs " +
                                std::to_string(journal_count) + " records), rebuilding").c_str());
            StartRebuild("count");
            return false;
        }
        if (max_key > k.mark) k.mark = max_key;
        if (k.replayed > 0) k.dirty = true;
    }
    else
    {
        k.mark = max_key;
        k.dirty = true; // the next start should not replay it all again
    }
    return true;
}

static void ScheduleSave()
{
    StoreKeeping& k = g_app.keeping;
    if (!k.dirty || k.busy)
        return;
    const double now = (double)NowMs();
    if (k.dirty_since_ms == 0) k.dirty_since_ms = (int64_t)now;
    const double deadline = (double)k.dirty_since_ms + kSaveMaxWaitMs;
    manyi_js_store_save_after(now + kSaveQuietMs > deadline ? (deadline > now ? deadline - now : 0) : kSaveQuietMs);
}

void NoteStoreChanged()
{
    StoreKeeping& k = g_app.keeping;
    if (!k.dirty) k.dirty_since_ms = NowMs();
    k.dirty = true;
    if (g_app.journal_ready)
        ScheduleSave();
}

// Serializes the store and hands the image to the platform, which copies it at once.
static void WriteImage()
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    const double t0 = manyi_js_now_ms();
    StoreSnapshotMeta meta;
    std::string image, error;
    if (!app.store.SerializeImage(&image, &error))
    {
        k.busy = false;
        manyi_js_log_error(("store image not written: " + error).c_str());
        ScheduleSave();
        return;
    }
    const unsigned char* bytes = (const unsigned char*)image.data();
    meta.schema = ResponseStore::kSchemaVersion;
    meta.mark = k.mark;
    meta.bytes = (int64_t)image.size();
    meta.checksum = ImageChecksumHex(bytes, image.size());
    meta.responses = app.store.Counts().total;
    meta.unreadable.assign(k.unreadable.begin(), k.unreadable.end());
    meta.written_ms = NowMs();
    k.serialize_ms = manyi_js_now_ms() - t0;
    k.image_bytes = meta.bytes;
    k.dirty = false;
    k.dirty_since_ms = 0;
    k.busy = true;
    manyi_js_store_save(StoreSnapshotMetaToJson(meta).c_str(), bytes, (int)image.size());
}

void OnStoreSaveDue()
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    // One tab of an origin writes images: the sender (D9); the others' changes reach it through
    // the journal's change log.
    if (!k.dirty || k.busy || !app.journal_ready || !app.delivery.is_keeper || !k.mark_valid || !app.store.IsOpen())
        return;
    if (app.saving.request_id != 0)
    {
        manyi_js_store_save_after(500); // a response is being committed: its thank-you comes first
        return;
    }
    const double since_input = (double)(NowMs() - k.last_input_ms);
    if (since_input < kInputQuietMs)
    {
        manyi_js_store_save_after(kInputQuietMs - since_input);
        return;
    }
    k.busy = true;
    manyi_js_store_catch_up((double)k.mark);
}

void OnStoreCaughtUp(bool ok, int64_t max_key)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    app.store.EndBulk(nullptr);
    if (!ok)
    {
        // Changes this tab may not have seen were dropped from the log: its image could claim
        // what it lacks. It writes none; the next page load starts from the other tab's image.
        k.busy = false;
        k.mark_valid = false;
        manyi_js_log_error("another tab compacted the journal's change log past this tab's store: this tab writes no store image");
        return;
    }
    if (max_key > k.mark) k.mark = max_key;
    RefreshCounts();
    WriteImage();
}

void OnStoreSaved(bool ok, const std::string& result, double write_ms)
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    k.busy = false;
    if (!ok)
    {
        manyi_js_log_error(("store image not written: " + result).c_str());
        NoteStoreChanged(); // tried again after the next quiet period
    }
    Emit("snapshot", nlohmann::json({ { "ok", ok }, { "result", result }, { "bytes", k.image_bytes }, { "mark", k.mark },
                                      { "responses", app.store.Counts().total }, { "serializeMs", k.serialize_ms }, { "writeMs", write_ms } })
                         .dump());
    ScheduleSave(); // changes that came in while it was written
}

void OnPageHidden()
{
    WidgetApp& app = g_app;
    StoreKeeping& k = app.keeping;
    // No catch-up read first: the page may be frozen before it answers. The store's own mark is
    // valid as it is; the next start replays a few more changes.
    if (k.dirty && !k.busy && app.journal_ready && app.delivery.is_keeper && k.mark_valid && app.store.IsOpen())
        WriteImage();
}

} // namespace manyi
