// Responses leaving the store: a delete seen in the journal (Remove), and the retention purge,
// which deletes a response's rows but keeps what it counted (docs/decisions.md D20). The purged
// counts live in kept_counts, one row per slot and counter key as score_counts keys them, and
// score_counts stays the count of the remaining rows plus kept_counts: the readers of whole
// buckets see purged responses, the raw rows (a window's cut edge slots) do not.
#include <algorithm>
#include <set>

#include "core/response_store.h"
#include "core/response_store_pieces.h"
#include "core/sqlite_util.h"

namespace manyi {

// kept_batches: the aggregates records the store holds (by the record's id), so that a record
// seen twice (a catch-up reads back this tab's own purge) is counted once.
const char* kKeptCountsSql =
    "CREATE TABLE kept_counts("
    "  survey_id      TEXT NOT NULL,"
    "  question_id    TEXT NOT NULL,"
    "  role           TEXT NOT NULL,"
    "  slot           INTEGER NOT NULL,"  // floor(created_ms / 15 min): kept per slot, the finest bucket
    "  survey_version TEXT NOT NULL,"
    "  part           TEXT NOT NULL,"
    "  value          NOT NULL,"
    "  value2         NOT NULL,"
    "  count          INTEGER NOT NULL,"
    "  sum1           INTEGER NOT NULL,"
    "  sum2           INTEGER NOT NULL,"
    "  PRIMARY KEY(survey_id, question_id, role, slot, survey_version, part, value, value2)"
    ") WITHOUT ROWID;"
    "CREATE TABLE kept_batches("
    "  id         TEXT PRIMARY KEY NOT NULL,"
    "  purged_ms  INTEGER NOT NULL,"
    "  responses  INTEGER NOT NULL"
    ") WITHOUT ROWID;"
    "PRAGMA user_version = 4;"; // schema 5 (kEndpointKeySql) sets its own

// The roles a sub-answer row can have (response_store.cpp, PartRowsOf); "" is the whole answer.
static const char* kPartRoles = "('', 'choice', 'row', 'expectation', 'perception', 'functional', 'dysfunctional')";

static void BindValue(sqlite3_stmt* stmt, int index, const CountValue& v)
{
    if (v.is_text)
        BindText(stmt, index, v.text);
    else
        sqlite3_bind_int64(stmt, index, v.number);
}

static CountValue ColumnValue(sqlite3_stmt* stmt, int col)
{
    if (sqlite3_column_type(stmt, col) == SQLITE_TEXT)
        return CountValue::Text(ColumnText(stmt, col));
    return CountValue::Number(sqlite3_column_int64(stmt, col));
}

// The questions a stored response has parts of: those of the answers table (a payload can read
// back without an answer it was stored with, e.g. an empty multiple choice) and of the payload.
// false when the payload no longer parses (then its parts are found by a scan).
static bool QuestionsOf(sqlite3_stmt* questions_of, const std::string& id, const std::string& payload, std::set<std::string>* questions)
{
    {
        StatementScope scope(questions_of);
        BindText(questions_of, 1, id);
        while (sqlite3_step(questions_of) == SQLITE_ROW)
            questions->insert(ColumnText(questions_of, 0));
    }
    Response r;
    std::string parse_error;
    const bool parsed = ResponseFromJson(payload, &r, &parse_error);
    for (const Answer& a : r.answers)
        questions->insert(a.question_id);
    return parsed;
}

int ResponseStore::Remove(const std::vector<std::string>& ids, std::string* error) { return RemoveKeeping(nullptr, ids, error); }

bool ResponseStore::ApplyAggregate(const AggregateRecord& a, std::string* error) { return RemoveKeeping(&a, {}, error) >= 0; }

int ResponseStore::Purge(const AggregateRecord& a, const std::vector<std::string>& ids, std::string* error) { return RemoveKeeping(&a, ids, error); }

int ResponseStore::RemoveKeeping(const AggregateRecord* kept, const std::vector<std::string>& ids, std::string* error)
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
    const bool outside = !ids.empty() && sqlite3_get_autocommit(db_) != 0;
    if (outside && !Exec("PRAGMA foreign_keys = OFF", error))
        return -1;
    int removed = 0;
    // The change to score_counts (D16): what the removed responses had added, taken out, and the
    // kept record's counts, added. For a purge the two are the same counts: nothing is written.
    CountBuffer change;
    bool ok = Exec("SAVEPOINT remove_responses", error);
    bool fresh = false;
    if (ok && kept)
        ok = KeepAggregate(*kept, &fresh, error);
    if (ok && fresh)
        AddBuffer(&change, kept->counts);
    OwnedStatement find, questions_of, parts, parts_scan, answers, followups, response;
    const std::string parts_sql = std::string("DELETE FROM answer_parts WHERE survey_id = ?1 AND question_id = ?2 AND role IN ") + kPartRoles +
                                  " AND created_ms = ?3 AND response_id = ?4";
    ok = ok && (ids.empty() ||
                (sqlite3_prepare_v2(db_, "SELECT payload, survey_id, created_ms, survey_version FROM responses WHERE id = ?1", -1, &find.stmt, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(db_, "SELECT question_id FROM answers WHERE response_id = ?1", -1, &questions_of.stmt, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(db_, parts_sql.c_str(), -1, &parts.stmt, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(db_, "DELETE FROM answer_parts WHERE response_id = ?1", -1, &parts_scan.stmt, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(db_, "DELETE FROM answers WHERE response_id = ?1", -1, &answers.stmt, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(db_, "DELETE FROM followups WHERE response_id = ?1", -1, &followups.stmt, nullptr) == SQLITE_OK &&
                 sqlite3_prepare_v2(db_, "DELETE FROM responses WHERE id = ?1", -1, &response.stmt, nullptr) == SQLITE_OK));
    for (size_t i = 0; ok && i < ids.size(); i++)
    {
        const std::string& id = ids[i];
        std::string payload, survey_id, survey_version;
        int64_t created_ms = 0;
        {
            StatementScope scope(find.stmt);
            BindText(find.stmt, 1, id);
            if (sqlite3_step(find.stmt) != SQLITE_ROW)
                continue; // not stored: nothing to remove
            payload = ColumnText(find.stmt, 0);
            survey_id = ColumnText(find.stmt, 1);
            created_ms = sqlite3_column_int64(find.stmt, 2);
            survey_version = ColumnText(find.stmt, 3);
        }
        std::set<std::string> questions;
        const bool parsed = QuestionsOf(questions_of.stmt, id, payload, &questions);
        // Its counters go with its rows: read them before they are deleted.
        ok = ok && CountStoredResponse(id, survey_id, survey_version, created_ms, parsed ? &questions : nullptr, &change, -1);
        if (parsed)
        {
            for (const std::string& q : questions)
            {
                StatementScope scope(parts.stmt);
                BindText(parts.stmt, 1, survey_id);
                BindText(parts.stmt, 2, q);
                sqlite3_bind_int64(parts.stmt, 3, created_ms);
                BindText(parts.stmt, 4, id);
                ok = ok && sqlite3_step(parts.stmt) == SQLITE_DONE;
            }
        }
        else
        {
            // A payload that no longer parses added no parts; scan to be sure.
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
    // The counters change in the same transaction: written here, or in a bulk load added to the
    // pending ones once the rows are gone (as Insert does).
    if (ok && !bulk_)
        ok = WriteCounts(change, error);
    if (ok)
        ok = Exec("RELEASE remove_responses", error);
    if (!ok)
    {
        Exec("ROLLBACK TO remove_responses", nullptr);
        Exec("RELEASE remove_responses", nullptr);
    }
    if (ok && bulk_)
        AddBuffer(&pending_counts_, change);
    if (outside)
        Exec("PRAGMA foreign_keys = ON", nullptr);
    return ok ? removed : -1;
}

bool ResponseStore::KeepAggregate(const AggregateRecord& a, bool* fresh, std::string* error)
{
    *fresh = false;
    auto fail = [&](const char* what) {
        if (error) *error = std::string(what) + sqlite3_errmsg(db_);
        return false;
    };
    OwnedStatement batch, row;
    if (sqlite3_prepare_v2(db_, "INSERT INTO kept_batches(id, purged_ms, responses) VALUES(?1, ?2, ?3) ON CONFLICT(id) DO NOTHING", -1, &batch.stmt, nullptr) != SQLITE_OK)
        return fail("cannot keep an aggregates record: ");
    BindText(batch.stmt, 1, a.id);
    sqlite3_bind_int64(batch.stmt, 2, a.purged_ms);
    sqlite3_bind_int64(batch.stmt, 3, a.responses);
    if (sqlite3_step(batch.stmt) != SQLITE_DONE)
        return fail("cannot keep an aggregates record: ");
    if (sqlite3_changes(db_) == 0)
        return true; // held already: counted once
    if (sqlite3_prepare_v2(db_, "INSERT INTO kept_counts(survey_id, question_id, role, slot, survey_version, part, value, value2, count, sum1, sum2)"
                                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO UPDATE SET"
                                " count = count + excluded.count, sum1 = sum1 + excluded.sum1, sum2 = sum2 + excluded.sum2", -1, &row.stmt, nullptr) != SQLITE_OK)
        return fail("cannot keep purged counts: ");
    std::vector<const CountRow*> rows;
    for (const CountRow& r : a.counts.slots)
        rows.push_back(&r);
    std::sort(rows.begin(), rows.end(), [](const CountRow* x, const CountRow* y) { return x->first < y->first; }); // one walk of the key
    for (const CountRow* r : rows)
    {
        const CountKey& k = r->first;
        if (k.level != 0)
        {
            if (error) *error = "an aggregates record holds a row that is not a slot's";
            return false;
        }
        StatementScope scope(row.stmt);
        BindText(row.stmt, 1, k.survey_id);
        BindText(row.stmt, 2, k.question_id);
        BindText(row.stmt, 3, k.role);
        sqlite3_bind_int64(row.stmt, 4, k.bucket);
        BindText(row.stmt, 5, k.survey_version);
        BindText(row.stmt, 6, k.part);
        BindValue(row.stmt, 7, k.value);
        BindValue(row.stmt, 8, k.value2);
        sqlite3_bind_int64(row.stmt, 9, r->second.count);
        sqlite3_bind_int64(row.stmt, 10, r->second.sum1);
        sqlite3_bind_int64(row.stmt, 11, r->second.sum2);
        if (sqlite3_step(row.stmt) != SQLITE_DONE)
            return fail("cannot keep purged counts: ");
    }
    *fresh = true;
    return true;
}

bool ResponseStore::CollectPurge(const std::vector<std::string>& ids, std::vector<std::string>* purgeable, AggregateRecord* out, std::string* error)
{
    purgeable->clear();
    if (!db_)
    {
        if (error) *error = "store is not open";
        return false;
    }
    OwnedStatement find, questions_of;
    if (sqlite3_prepare_v2(db_, "SELECT payload, survey_id, created_ms, survey_version FROM responses WHERE id = ?1 AND state = 1", -1, &find.stmt, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(db_, "SELECT question_id FROM answers WHERE response_id = ?1", -1, &questions_of.stmt, nullptr) != SQLITE_OK)
    {
        if (error) *error = std::string("cannot read responses to purge: ") + sqlite3_errmsg(db_);
        return false;
    }
    std::set<std::string> seen;
    for (const std::string& id : ids)
    {
        if (!seen.insert(id).second)
            continue;
        std::string payload, survey_id, survey_version;
        int64_t created_ms = 0;
        {
            StatementScope scope(find.stmt);
            BindText(find.stmt, 1, id);
            if (sqlite3_step(find.stmt) != SQLITE_ROW)
                continue; // not stored, or not delivered: not this purge's
            payload = ColumnText(find.stmt, 0);
            survey_id = ColumnText(find.stmt, 1);
            created_ms = sqlite3_column_int64(find.stmt, 2);
            survey_version = ColumnText(find.stmt, 3);
        }
        std::set<std::string> questions;
        const bool parsed = QuestionsOf(questions_of.stmt, id, payload, &questions);
        if (!CountStoredResponse(id, survey_id, survey_version, created_ms, parsed ? &questions : nullptr, &out->counts, 1))
        {
            if (error) *error = std::string("cannot count a response to purge: ") + sqlite3_errmsg(db_);
            return false;
        }
        purgeable->push_back(id);
    }
    out->responses += (int64_t)purgeable->size();
    return true;
}

bool ResponseStore::AddKeptCounts(CountBuffer* into, std::string* error)
{
    OwnedStatement q;
    if (!Prepare(&q.stmt, "SELECT survey_id, question_id, role, slot, survey_version, part, value, value2, count, sum1, sum2 FROM kept_counts", error))
        return false;
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        CountKey k;
        k.survey_id = ColumnText(q.stmt, 0);
        k.question_id = ColumnText(q.stmt, 1);
        k.role = ColumnText(q.stmt, 2);
        k.level = 0;
        k.bucket = sqlite3_column_int64(q.stmt, 3);
        k.survey_version = ColumnText(q.stmt, 4);
        k.part = ColumnText(q.stmt, 5);
        k.value = ColumnValue(q.stmt, 6);
        k.value2 = ColumnValue(q.stmt, 7);
        CountSums& sums = into->slots[k];
        sums.count += sqlite3_column_int64(q.stmt, 8);
        sums.sum1 += sqlite3_column_int64(q.stmt, 9);
        sums.sum2 += sqlite3_column_int64(q.stmt, 10);
    }
    return true;
}

} // namespace manyi
