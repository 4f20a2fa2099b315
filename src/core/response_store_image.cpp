// The store as an image between page loads, and what keeping one needs: removing purged
// responses, and a fresh delivery schedule (docs/decisions.md D18).
#include <cstring>
#include <set>

#include "core/response_store.h"
#include "core/response_store_pieces.h"
#include "core/sqlite_util.h"

namespace manyi {

bool ResponseStore::OpenImage(const unsigned char* data, size_t size, std::string* error)
{
    Close();
    if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    {
        if (error)
            *error = std::string("cannot open an in-memory database: ") + (db_ ? sqlite3_errmsg(db_) : "out of memory");
        Close();
        return false;
    }
    // SQLite owns and may grow its copy (FREEONCLOSE | RESIZEABLE): the store keeps taking inserts.
    unsigned char* copy = size ? (unsigned char*)sqlite3_malloc64(size) : nullptr;
    if (size && !copy)
    {
        if (error)
            *error = "out of memory for the store image";
        Close();
        return false;
    }
    if (size)
        std::memcpy(copy, data, size);
    // On failure sqlite3_deserialize frees the copy itself (FREEONCLOSE).
    if (sqlite3_deserialize(db_, "main", copy, (sqlite3_int64)size, (sqlite3_int64)size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
    {
        if (error)
            *error = std::string("the store image cannot be loaded: ") + sqlite3_errmsg(db_);
        Close();
        return false;
    }
    return OpenSchema("the store image", /*create=*/false, error);
}

bool ResponseStore::SerializeImage(std::string* out, std::string* error) const
{
    if (!db_ || !sqlite3_get_autocommit(db_))
    {
        if (error)
            *error = db_ ? "the store is inside a transaction" : "store is not open";
        return false;
    }
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db_, "main", &size, 0);
    if (!bytes)
    {
        if (error)
            *error = "the store could not be serialized (out of memory)";
        return false;
    }
    out->assign((const char*)bytes, (size_t)size);
    sqlite3_free(bytes);
    return true;
}

// The roles a sub-answer row can have (response_store.cpp, PartRowsOf); "" is the whole answer.
static const char* kPartRoles = "('', 'choice', 'row', 'expectation', 'perception', 'functional', 'dysfunctional')";

int ResponseStore::Remove(const std::vector<std::string>& ids, std::string* error)
{
    if (!db_)
    {
        if (error)
            *error = "store is not open";
        return -1;
    }
    // With foreign keys on, deleting a response makes SQLite look for its answer_parts rows by a
    // full scan (that table has no index on response_id). The rows are deleted here by their key
    // instead, so the check is switched off around the removal (a no-op inside a transaction: then
    // it is slow but still right).
    const bool outside = sqlite3_get_autocommit(db_) != 0;
    if (outside && !Exec("PRAGMA foreign_keys = OFF", error))
        return -1;
    int removed = 0;
    bool ok = Exec("SAVEPOINT remove_responses", error);
    OwnedStatement find, parts, parts_scan, answers, followups, response, read_parts, read_parts_scan, read_followup;
    const std::string parts_sql = std::string("DELETE FROM answer_parts WHERE survey_id = ?1 AND question_id = ?2 AND role IN ") + kPartRoles +
                                  " AND created_ms = ?3 AND response_id = ?4";
    const std::string read_parts_sql = std::string("SELECT question_id, role, part, number_value, text_value FROM answer_parts WHERE survey_id = ?1") +
                                       " AND question_id = ?2 AND role IN " + kPartRoles + " AND created_ms = ?3 AND response_id = ?4";
    ok = ok && sqlite3_prepare_v2(db_, "SELECT payload, survey_id, created_ms, survey_version FROM responses WHERE id = ?1", -1, &find.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, read_parts_sql.c_str(), -1, &read_parts.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, "SELECT question_id, role, part, number_value, text_value FROM answer_parts WHERE response_id = ?1", -1,
                            &read_parts_scan.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, "SELECT state, satisfaction, satisfaction_points FROM followups WHERE response_id = ?1", -1, &read_followup.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, parts_sql.c_str(), -1, &parts.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, "DELETE FROM answer_parts WHERE response_id = ?1", -1, &parts_scan.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, "DELETE FROM answers WHERE response_id = ?1", -1, &answers.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, "DELETE FROM followups WHERE response_id = ?1", -1, &followups.stmt, nullptr) == SQLITE_OK &&
         sqlite3_prepare_v2(db_, "DELETE FROM responses WHERE id = ?1", -1, &response.stmt, nullptr) == SQLITE_OK;
    for (size_t i = 0; ok && i < ids.size(); i++)
    {
        const std::string& id = ids[i];
        std::string payload, survey_id, version;
        int64_t created_ms = 0;
        {
            StatementScope scope(find.stmt);
            BindText(find.stmt, 1, id);
            if (sqlite3_step(find.stmt) != SQLITE_ROW)
                continue; // not stored: nothing to remove
            payload = ColumnText(find.stmt, 0);
            survey_id = ColumnText(find.stmt, 1);
            created_ms = sqlite3_column_int64(find.stmt, 2);
            version = ColumnText(find.stmt, 3);
        }
        Response r;
        std::string parse_error;
        const bool parsed = ResponseFromJson(payload, &r, &parse_error);
        std::set<std::string> questions;
        for (const Answer& a : r.answers)
            questions.insert(a.question_id);
        // The score counters lose what this response added: its rows, read before they go (by
        // key per question; a payload that no longer parses is found by a scan).
        struct Row { std::string question_id, role, part, text; bool has_number, has_text; int number; };
        std::vector<Row> rows;
        auto read_rows = [&](sqlite3_stmt* stmt) {
            while (sqlite3_step(stmt) == SQLITE_ROW)
                rows.push_back({ ColumnText(stmt, 0), ColumnText(stmt, 1), ColumnText(stmt, 2), ColumnText(stmt, 4),
                                 sqlite3_column_type(stmt, 3) != SQLITE_NULL, sqlite3_column_type(stmt, 4) != SQLITE_NULL,
                                 sqlite3_column_int(stmt, 3) });
        };
        if (parsed)
            for (const std::string& q : questions)
            {
                StatementScope scope(read_parts.stmt);
                BindText(read_parts.stmt, 1, survey_id);
                BindText(read_parts.stmt, 2, q);
                sqlite3_bind_int64(read_parts.stmt, 3, created_ms);
                BindText(read_parts.stmt, 4, id);
                read_rows(read_parts.stmt);
            }
        else
        {
            StatementScope scope(read_parts_scan.stmt);
            BindText(read_parts_scan.stmt, 1, id);
            read_rows(read_parts_scan.stmt);
        }
        std::vector<PartRowView> views;
        bool callback = false;
        for (const Row& w : rows)
        {
            views.push_back({ w.question_id, w.role, w.part, w.has_number, w.number, w.has_text, w.text });
            callback = callback || (w.question_id == "complaint.callback" && w.role.empty() && w.part.empty() && w.has_number && w.number == 1);
        }
        std::vector<CountDelta> counts = CountsOfParts(views);
        counts.push_back(ResponseCountDelta());
        if (callback)
        {
            StatementScope scope(read_followup.stmt);
            BindText(read_followup.stmt, 1, id);
            if (sqlite3_step(read_followup.stmt) == SQLITE_ROW)
                counts.push_back(FollowUpCountDelta(sqlite3_column_int(read_followup.stmt, 0), sqlite3_column_int(read_followup.stmt, 1),
                                                    sqlite3_column_int(read_followup.stmt, 2)));
        }
        ok = ok && ApplyCounts(survey_id, version, created_ms, counts, -1, error);
        if (parsed)
            for (const std::string& q : questions)
            {
                StatementScope scope(parts.stmt);
                BindText(parts.stmt, 1, survey_id);
                BindText(parts.stmt, 2, q);
                sqlite3_bind_int64(parts.stmt, 3, created_ms);
                BindText(parts.stmt, 4, id);
                ok = ok && sqlite3_step(parts.stmt) == SQLITE_DONE;
            }
        else
        {
            StatementScope scope(parts_scan.stmt);
            BindText(parts_scan.stmt, 1, id);
            ok = ok && sqlite3_step(parts_scan.stmt) == SQLITE_DONE;
        }
        for (sqlite3_stmt* stmt : { answers.stmt, followups.stmt, response.stmt })
        {
            StatementScope scope(stmt);
            BindText(stmt, 1, id);
            ok = ok && sqlite3_step(stmt) == SQLITE_DONE;
        }
        if (ok)
            removed++;
    }
    if (!ok && error && error->empty())
        *error = std::string("cannot remove responses: ") + sqlite3_errmsg(db_);
    if (ok)
        ok = Exec("RELEASE remove_responses", error);
    if (!ok)
    {
        Exec("ROLLBACK TO remove_responses", nullptr);
        Exec("RELEASE remove_responses", nullptr);
    }
    if (outside)
        Exec("PRAGMA foreign_keys = ON", nullptr);
    return ok ? removed : -1;
}

bool ResponseStore::ResetDeliverySchedule(std::string* error)
{
    if (!db_)
    {
        if (error)
            *error = "store is not open";
        return false;
    }
    return Exec("UPDATE responses SET attempts = 0, next_attempt_ms = created_ms, last_error = '' WHERE state = 0", error);
}

} // namespace manyi
