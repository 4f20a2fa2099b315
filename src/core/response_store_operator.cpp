// What the kiosk's operator panel asks of the store besides scores: the parked responses with
// their reasons, putting them back in the delivery queue ("retry failed"), and the time span an
// export covers.
#include "core/response_store.h"
#include "core/sqlite_util.h"

namespace manyi {

bool ResponseStore::Unpark(const std::string& id, int64_t now_ms)
{
    if (!db_) return false;
    OwnedStatement q;
    if (sqlite3_prepare_v2(db_, "UPDATE responses SET state = 0, attempts = 0, next_attempt_ms = ?2, last_error = '' WHERE id = ?1 AND state = 2",
                           -1, &q.stmt, nullptr) != SQLITE_OK)
        return false;
    BindText(q.stmt, 1, id);
    sqlite3_bind_int64(q.stmt, 2, now_ms);
    return sqlite3_step(q.stmt) == SQLITE_DONE && sqlite3_changes(db_) > 0;
}

std::vector<StoredResponse> ResponseStore::ListByState(DeliveryState state, int limit) const
{
    std::vector<StoredResponse> out;
    if (!db_ || limit <= 0) return out;
    OwnedStatement q;
    if (sqlite3_prepare_v2(db_,
                           "SELECT id, payload, state, attempts, next_attempt_ms, created_ms, last_error, endpoint_key FROM responses"
                           " WHERE state = ?1 ORDER BY created_ms, id LIMIT ?2",
                           -1, &q.stmt, nullptr) != SQLITE_OK)
        return out;
    sqlite3_bind_int(q.stmt, 1, (int)state);
    sqlite3_bind_int(q.stmt, 2, limit);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        StoredResponse r;
        r.id = ColumnText(q.stmt, 0);
        r.payload_json = ColumnText(q.stmt, 1);
        r.state = state;
        r.attempts = sqlite3_column_int(q.stmt, 3);
        r.next_attempt_ms = sqlite3_column_int64(q.stmt, 4);
        r.created_ms = sqlite3_column_int64(q.stmt, 5);
        r.last_error = ColumnText(q.stmt, 6);
        r.endpoint_key = ColumnText(q.stmt, 7);
        out.push_back(std::move(r));
    }
    return out;
}

bool ResponseStore::ResponseTimeSpan(const AnswerFilter& filter, int64_t* first_ms, int64_t* last_ms) const
{
    if (!db_) return false;
    OwnedStatement q;
    // MIN and MAX over the responses_survey index (survey_id, created_ms, survey_version).
    if (sqlite3_prepare_v2(db_,
                           "SELECT MIN(created_ms), MAX(created_ms) FROM responses WHERE survey_id = ?1"
                           " AND (?2 = '' OR survey_version = ?2) AND (?3 = 0 OR created_ms >= ?3) AND (?4 = 0 OR created_ms < ?4)",
                           -1, &q.stmt, nullptr) != SQLITE_OK)
        return false;
    BindText(q.stmt, 1, filter.survey_id);
    BindText(q.stmt, 2, filter.survey_version);
    sqlite3_bind_int64(q.stmt, 3, filter.from_ms);
    sqlite3_bind_int64(q.stmt, 4, filter.to_ms);
    if (sqlite3_step(q.stmt) != SQLITE_ROW || sqlite3_column_type(q.stmt, 0) == SQLITE_NULL) return false;
    *first_ms = sqlite3_column_int64(q.stmt, 0);
    *last_ms = sqlite3_column_int64(q.stmt, 1);
    return true;
}

} // namespace manyi
