// Which endpoint each stored response is delivered to (schema 5, docs/decisions.md D22). Several
// widgets of one origin share the journal and the store; each sends only the responses collected
// for its own endpoint. A response stored before endpoint keys existed has the key "", and the
// first widget that may adopt it (web: the holder of the origin's old sender lock) gives it its own.
#include "core/response_store.h"
#include "core/response_store_pieces.h"
#include "core/sqlite_util.h"

namespace manyi {

// The index serves DueForDelivery and NextDueMs: one endpoint's pending rows by due time.
const char* kEndpointKeySql =
    "ALTER TABLE responses ADD COLUMN endpoint_key TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX responses_due_endpoint ON responses(state, endpoint_key, next_attempt_ms);"
    "PRAGMA user_version = 5;"; // = ResponseStore::kSchemaVersion

// A database written by schema 4: every response it holds has no endpoint key yet ("").
bool ResponseStore::UpgradeFromVersion4(std::string* error)
{
    if (!Exec("BEGIN IMMEDIATE", error))
        return false;
    if (Exec(kEndpointKeySql, error) && Exec("COMMIT", error))
        return true;
    Exec("ROLLBACK", nullptr);
    return false;
}

std::vector<StoredResponse> ResponseStore::ListUnkeyed(int limit) const
{
    std::vector<StoredResponse> out;
    if (!db_ || limit <= 0) return out;
    OwnedStatement q;
    if (sqlite3_prepare_v2(db_,
                           "SELECT id, payload, state, attempts, next_attempt_ms, created_ms, last_error FROM responses"
                           " WHERE endpoint_key = '' AND state IN (0, 2) ORDER BY created_ms, id LIMIT ?1",
                           -1, &q.stmt, nullptr) != SQLITE_OK)
        return out;
    sqlite3_bind_int(q.stmt, 1, limit);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        StoredResponse r;
        r.id = ColumnText(q.stmt, 0);
        r.payload_json = ColumnText(q.stmt, 1);
        r.state = sqlite3_column_int(q.stmt, 2) == (int)DeliveryState::Parked ? DeliveryState::Parked : DeliveryState::Pending;
        r.attempts = sqlite3_column_int(q.stmt, 3);
        r.next_attempt_ms = sqlite3_column_int64(q.stmt, 4);
        r.created_ms = sqlite3_column_int64(q.stmt, 5);
        r.last_error = ColumnText(q.stmt, 6);
        out.push_back(std::move(r));
    }
    return out;
}

bool ResponseStore::SetEndpointKey(const std::string& id, const std::string& endpoint_key)
{
    if (!db_ || endpoint_key.empty()) return false;
    OwnedStatement q;
    if (sqlite3_prepare_v2(db_, "UPDATE responses SET endpoint_key = ?2 WHERE id = ?1 AND endpoint_key = ''", -1, &q.stmt, nullptr) != SQLITE_OK)
        return false;
    BindText(q.stmt, 1, id);
    BindText(q.stmt, 2, endpoint_key);
    return sqlite3_step(q.stmt) == SQLITE_DONE && sqlite3_changes(db_) > 0;
}

} // namespace manyi
