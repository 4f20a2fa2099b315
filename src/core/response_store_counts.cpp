// score_counts (schema 3, docs/decisions.md D16): the scoring aggregates counted per time bucket
// when a response is stored, kept in the same transaction as its rows, so that a report reads
// counters for the whole buckets of its window and raw rows only for the slots cut by its edges.
// This file keeps the table (add, rebuild) and reads it (the counted readers of
// response_store_pieces.h).
#include <cstdlib>
#include <set>
#include <unordered_map>

#include "core/response_store_pieces.h"
#include "core/sqlite_util.h"
#include "core/survey.h"

namespace manyi {

// One row per survey, question, role, bucket (level and index), version and counted value; rows
// at zero are deleted, so the table always equals a count of the rows it stands for. The key
// starts with question and role so that a reader's IN lists pick its rows by key range, as in
// answer_parts. `value` and `value2` have no type: they hold a number or a text as given.
const char* kScoreCountsSql =
    "CREATE TABLE score_counts("
    "  survey_id      TEXT NOT NULL,"
    "  question_id    TEXT NOT NULL,"
    "  role           TEXT NOT NULL,"     // score_counts.h: '', 'choice', 'row', 'kano', 'gap', ...
    "  level          INTEGER NOT NULL,"  // 0 15-minute slot, 1 hour, 2 day (UTC)
    "  bucket         INTEGER NOT NULL,"  // floor(created_ms / the level's width)
    "  survey_version TEXT NOT NULL,"
    "  part           TEXT NOT NULL,"
    "  value          NOT NULL,"
    "  value2         NOT NULL,"
    "  count          INTEGER NOT NULL,"
    "  sum1           INTEGER NOT NULL,"
    "  sum2           INTEGER NOT NULL,"
    "  PRIMARY KEY(survey_id, question_id, role, level, bucket, survey_version, part, value, value2)"
    ") WITHOUT ROWID;"
    "PRAGMA user_version = 3;"; // schema 4 (kKeptCountsSql) sets its own

const char* kUpsertCountSql =
    "INSERT INTO score_counts(survey_id, question_id, role, level, bucket, survey_version, part, value, value2, count, sum1, sum2)"
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    " ON CONFLICT DO UPDATE SET count = count + excluded.count, sum1 = sum1 + excluded.sum1, sum2 = sum2 + excluded.sum2";

const char* kDeleteZeroCountSql =
    "DELETE FROM score_counts WHERE survey_id = ?1 AND question_id = ?2 AND role = ?3 AND level = ?4 AND bucket = ?5 AND survey_version = ?6"
    " AND part = ?7 AND value = ?8 AND value2 = ?9 AND count = 0 AND sum1 = 0 AND sum2 = 0";

static void BindValue(sqlite3_stmt* stmt, int index, const CountValue& v)
{
    if (v.is_text)
        BindText(stmt, index, v.text);
    else
        sqlite3_bind_int64(stmt, index, v.number);
}

// A stored response's answer_parts rows: of one question, by key (?1 id, ?2 survey, ?3 question,
// ?4 created_ms), or all of them by a scan (?1 id); and its follow-up record's counted fields.
const char* kStoredPartsSql = "SELECT question_id, role, part, number_value, text_value FROM answer_parts WHERE survey_id = ?2 AND question_id = ?3"
                              " AND role IN ('', 'choice', 'row', 'expectation', 'perception', 'functional', 'dysfunctional') AND created_ms = ?4 AND response_id = ?1";
const char* kStoredPartsScanSql = "SELECT question_id, role, part, number_value, text_value FROM answer_parts WHERE response_id = ?1";
const char* kStoredFollowUpSql = "SELECT state, satisfaction, satisfaction_points FROM followups WHERE response_id = ?1";

CountDelta ResponseCountDelta()
{
    CountDelta d;
    d.role = kCountResponse;
    d.value = d.value2 = CountValue::Number(0);
    d.count = 1;
    return d;
}

CountDelta FollowUpCountDelta(int state, int satisfaction, int points)
{
    CountDelta d;
    d.question_id = kComplaintCallback;
    d.role = kCountFollowUp;
    d.part = std::to_string(points);
    d.value = CountValue::Number(state);
    d.value2 = CountValue::Number(satisfaction);
    d.count = 1;
    return d;
}

// A bulk load writes its pending counters when this many slots' rows wait: about 20 MB at most
// (a year of sparse data would otherwise keep every slot's rows), at the cost of writing some
// rows more than once. Measured on 100,000 responses of December 2025 replayed in one bulk load,
// natively: 16,384 slots pending at most: +50-80% of the load's time, +16 MB; 65,536: +35-40%,
// +36 MB; no bound: +20%, +62 MB.
static constexpr size_t kMaxPendingSlots = 65536;

// A response's counter changes: written now, or in a bulk load kept with the pending ones.
bool ResponseStore::ApplyCounts(const std::string& survey_id, const std::string& survey_version, int64_t created_ms, const std::vector<CountDelta>& deltas,
                                int sign, std::string* error)
{
    if (bulk_)
    {
        AddToBuffer(&pending_counts_, survey_id, survey_version, created_ms, deltas, sign);
        if (pending_counts_.slots.size() >= kMaxPendingSlots)
            FlushPendingCounts(nullptr); // a failure marks the counters stale: EndBulk counts them again
        return true;
    }
    CountBuffer now;
    AddToBuffer(&now, survey_id, survey_version, created_ms, deltas, sign);
    return WriteCounts(now, error);
}

// In key order, so that a large buffer walks the table once. A row that a change takes to zero
// is deleted: the table holds exactly the counts of the rows there are.
bool ResponseStore::WriteCounts(const CountBuffer& buffer, std::string* error) const
{
    std::vector<CountBuffer> coarser;
    for (const CountRow* row : BufferRows(buffer, &coarser))
    {
        const CountKey& key = row->first;
        const CountSums& sums = row->second;
        if (sums.count == 0 && sums.sum1 == 0 && sums.sum2 == 0)
            continue;
        const bool takes = sums.count < 0 || sums.sum1 < 0 || sums.sum2 < 0;
        for (sqlite3_stmt* stmt : { upsert_count_, takes ? delete_zero_count_ : nullptr })
        {
            if (!stmt)
                continue;
            StatementScope scope(stmt);
            BindText(stmt, 1, key.survey_id);
            BindText(stmt, 2, key.question_id);
            BindText(stmt, 3, key.role);
            sqlite3_bind_int(stmt, 4, key.level);
            sqlite3_bind_int64(stmt, 5, key.bucket);
            BindText(stmt, 6, key.survey_version);
            BindText(stmt, 7, key.part);
            BindValue(stmt, 8, key.value);
            BindValue(stmt, 9, key.value2);
            if (stmt == upsert_count_)
            {
                sqlite3_bind_int64(stmt, 10, sums.count);
                sqlite3_bind_int64(stmt, 11, sums.sum1);
                sqlite3_bind_int64(stmt, 12, sums.sum2);
            }
            if (sqlite3_step(stmt) != SQLITE_DONE)
            {
                if (error)
                    *error = std::string("cannot update score counters: ") + sqlite3_errmsg(db_);
                return false;
            }
        }
    }
    return true;
}

bool ResponseStore::FlushPendingCounts(std::string* error) const
{
    if (counts_stale_)
        return false;
    if (pending_counts_.slots.empty())
        return true;
    counts_stale_ = !WriteCounts(pending_counts_, error); // then EndBulk counts them again from the rows
    pending_counts_.slots.clear();
    return !counts_stale_;
}

// One answer_parts row read back, owning its text (PartRowView points into it).
struct StoredPart
{
    std::string question_id, role, part, text;
    bool        has_number = false, has_text = false;
    int         number = 0;
};

// Columns question_id, role, part, number_value, text_value from `col` on.
static StoredPart ReadStoredPart(sqlite3_stmt* stmt, int col)
{
    StoredPart p;
    p.question_id = ColumnText(stmt, col);
    p.role = ColumnText(stmt, col + 1);
    p.part = ColumnText(stmt, col + 2);
    p.has_number = sqlite3_column_type(stmt, col + 3) != SQLITE_NULL;
    p.number = sqlite3_column_int(stmt, col + 3);
    p.has_text = sqlite3_column_type(stmt, col + 4) != SQLITE_NULL;
    p.text = ColumnText(stmt, col + 4);
    return p;
}

static std::vector<CountDelta> CountsOfStored(const std::vector<StoredPart>& rows)
{
    std::vector<PartRowView> views;
    for (const StoredPart& p : rows)
        views.push_back({ p.question_id, p.role, p.part, p.has_number, p.number, p.has_text, p.text });
    return CountsOfParts(views);
}

// What a stored response added to score_counts, read back from its rows (Remove takes it out
// again): its answer_parts rows (those of `questions`, by key; without them, by a scan), its
// response row, and its follow-up record if it asked for a callback.
bool ResponseStore::CountStoredResponse(const std::string& id, const std::string& survey_id, const std::string& survey_version, int64_t created_ms,
                                        const std::set<std::string>* questions, CountBuffer* into, int sign)
{
    // Prepared once per store (PrepareStatements): a purge counts thousands of responses.
    sqlite3_stmt* parts = questions ? stored_parts_ : stored_parts_scan_;
    StatementScope parts_scope(parts), followup_scope(stored_followup_);
    std::vector<StoredPart> rows;
    auto read = [&] {
        BindText(parts, 1, id);
        while (sqlite3_step(parts) == SQLITE_ROW)
            rows.push_back(ReadStoredPart(parts, 0));
        sqlite3_reset(parts);
    };
    if (!questions)
        read();
    for (const std::string& q : questions ? *questions : std::set<std::string>{})
    {
        BindText(parts, 2, survey_id);
        BindText(parts, 3, q);
        sqlite3_bind_int64(parts, 4, created_ms);
        read();
    }
    std::vector<CountDelta> deltas = CountsOfStored(rows);
    deltas.push_back(ResponseCountDelta());
    bool callback = false;
    for (const StoredPart& p : rows)
        callback = callback || (p.question_id == kComplaintCallback && p.role.empty() && p.has_number && p.number == 1);
    BindText(stored_followup_, 1, id);
    if (callback && sqlite3_step(stored_followup_) == SQLITE_ROW)
        deltas.push_back(FollowUpCountDelta(sqlite3_column_int(stored_followup_, 0), sqlite3_column_int(stored_followup_, 1), sqlite3_column_int(stored_followup_, 2)));
    AddToBuffer(into, survey_id, survey_version, created_ms, deltas, sign);
    return true;
}

// Counters from the rows, as if every response were inserted again, plus kept_counts: for a file
// written by an older schema, and for tests that check the counters kept on insert and purge
// against a fresh count.
bool ResponseStore::RebuildScoreCounts(std::string* error)
{
    if (!Exec("SAVEPOINT rebuild_counts", error))
        return false;
    pending_counts_.slots.clear(); // the rows are counted whole below
    CountBuffer all; // a whole store's counters: written once, in key order
    bool ok = Exec("DELETE FROM score_counts", error);
    OwnedStatement responses, parts, followups;
    ok = ok && Prepare(&responses.stmt, "SELECT survey_id, survey_version, created_ms FROM responses", error);
    while (ok && sqlite3_step(responses.stmt) == SQLITE_ROW)
        AddToBuffer(&all, ColumnText(responses.stmt, 0), ColumnText(responses.stmt, 1), sqlite3_column_int64(responses.stmt, 2), { ResponseCountDelta() }, 1);

    // One response's rows at a time (a sort of the whole table: this runs once per file).
    ok = ok && Prepare(&parts.stmt, "SELECT response_id, survey_id, survey_version, created_ms, question_id, role, part, number_value, text_value"
                                     " FROM answer_parts ORDER BY response_id", error);
    std::string response, survey_id, version;
    int64_t created_ms = 0;
    std::vector<StoredPart> rows;
    auto flush = [&] {
        if (rows.empty())
            return;
        AddToBuffer(&all, survey_id, version, created_ms, CountsOfStored(rows), 1);
        rows.clear();
    };
    while (ok && sqlite3_step(parts.stmt) == SQLITE_ROW)
    {
        const std::string id = ColumnText(parts.stmt, 0);
        if (id != response)
        {
            flush();
            response = id;
            survey_id = ColumnText(parts.stmt, 1);
            version = ColumnText(parts.stmt, 2);
            created_ms = sqlite3_column_int64(parts.stmt, 3);
        }
        rows.push_back(ReadStoredPart(parts.stmt, 4));
    }
    flush();

    ok = ok && Prepare(&followups.stmt, "SELECT r.survey_id, r.survey_version, r.created_ms, f.state, f.satisfaction, f.satisfaction_points"
                                         " FROM followups f JOIN responses r ON r.id = f.response_id WHERE EXISTS (SELECT 1 FROM answer_parts a"
                                         " WHERE a.survey_id = r.survey_id AND a.question_id = 'complaint.callback' AND a.role = '' AND a.created_ms = r.created_ms"
                                         " AND a.response_id = r.id AND a.part = '' AND a.number_value = 1)", error);
    while (ok && sqlite3_step(followups.stmt) == SQLITE_ROW)
        AddToBuffer(&all, ColumnText(followups.stmt, 0), ColumnText(followups.stmt, 1), sqlite3_column_int64(followups.stmt, 2),
                    { FollowUpCountDelta(sqlite3_column_int(followups.stmt, 3), sqlite3_column_int(followups.stmt, 4), sqlite3_column_int(followups.stmt, 5)) }, 1);
    // And what purged responses counted: their rows are gone, their counts are kept (D20).
    ok = ok && AddKeptCounts(&all, error);
    ok = ok && WriteCounts(all, error);
    if (ok && Exec("RELEASE rebuild_counts", error))
    {
        counts_stale_ = false;
        return true;
    }
    Exec("ROLLBACK TO rebuild_counts", nullptr);
    Exec("RELEASE rebuild_counts", nullptr);
    return false;
}

// ---- the counted readers ------------------------------------------------------------------------

// A reader's query: its columns and terms, then the piece (?2 level, ?3..?4 buckets) and the
// version (?5); ?6 on are the reader's own.
static bool PrepareCounted(sqlite3* db, const std::string& columns, const std::string& terms, OwnedStatement* q)
{
    const std::string sql = "SELECT " + columns + " FROM score_counts WHERE survey_id = ?1 AND " + terms +
                            " AND level = ?2 AND bucket >= ?3 AND bucket < ?4 AND (?5 = '' OR survey_version = ?5)";
    return db && sqlite3_prepare_v2(db, sql.c_str(), -1, &q->stmt, nullptr) == SQLITE_OK;
}

static void BindPiece(sqlite3_stmt* stmt, const AnswerFilter& f, const CountPiece& p, const std::string& version)
{
    sqlite3_reset(stmt);
    BindText(stmt, 1, f.survey_id);
    sqlite3_bind_int(stmt, 2, p.level);
    sqlite3_bind_int64(stmt, 3, p.first);
    sqlite3_bind_int64(stmt, 4, p.end);
    BindText(stmt, 5, version);
}

static bool Same(const std::string& s, sqlite3_stmt* stmt, int col)
{
    const unsigned char* text = sqlite3_column_text(stmt, col);
    const size_t bytes = (size_t)sqlite3_column_bytes(stmt, col);
    return s.size() == bytes && (bytes == 0 || s.compare(0, std::string::npos, (const char*)text, bytes) == 0);
}

void CountedAnswered(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, AnsweredTally* out)
{
    OwnedStatement q;
    if (pieces.empty() || ids.empty() || !PrepareCounted(db, "question_id, count", "question_id IN (" + ListSql(ids.size(), 6) + ") AND role = ''", &q))
        return;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, f.survey_version);
        BindList(q.stmt, ids, 6);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[ColumnText(q.stmt, 0)] += sqlite3_column_int64(q.stmt, 1);
    }
}

void CountedParts(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, PartTally* out)
{
    OwnedStatement q;
    if (pieces.empty() || ids.empty() ||
        !PrepareCounted(db, "question_id, role, part, value, value2, count", "question_id IN (" + ListSql(ids.size(), 6) + ") AND role IN ('', 'choice', 'row')", &q))
        return;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, f.survey_version);
        BindList(q.stmt, ids, 6);
        // Rows come by question and role, then bucket: each (question, role) run has a few
        // values, counted in a short list as in RawParts.
        std::vector<PartCount> counts;
        size_t run_start = 0;
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
        {
            if (counts.size() == run_start || !Same(counts[run_start].question_id, q.stmt, 0) || !Same(counts[run_start].role, q.stmt, 1))
                run_start = counts.size();
            const int kind = sqlite3_column_int(q.stmt, 4);
            const bool has_number = kind == kValueKindNumber;
            const int number = has_number ? sqlite3_column_int(q.stmt, 3) : 0;
            PartCount* found = nullptr;
            for (size_t i = run_start; i < counts.size() && !found; i++)
            {
                PartCount& c = counts[i];
                if (c.has_number == has_number && c.number == number && Same(c.part, q.stmt, 2) && (kind != kValueKindText ? c.text.empty() : Same(c.text, q.stmt, 3)))
                    found = &c;
            }
            if (!found)
            {
                PartCount c;
                c.question_id = ColumnText(q.stmt, 0);
                c.role = ColumnText(q.stmt, 1);
                c.part = ColumnText(q.stmt, 2);
                c.has_number = has_number;
                c.number = number;
                if (kind == kValueKindText) c.text = ColumnText(q.stmt, 3);
                counts.push_back(std::move(c));
                found = &counts.back();
            }
            found->count += sqlite3_column_int64(q.stmt, 5);
        }
        for (const PartCount& c : counts)
            (*out)[{ c.question_id, c.role, c.part, c.has_number, c.number, c.text }] += c.count;
    }
}

void CountedByDay(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, int utc_offset_minutes,
                  DayTally* out)
{
    OwnedStatement q;
    if (pieces.empty() || ids.empty() ||
        !PrepareCounted(db, "question_id, bucket, value, count", "question_id IN (" + ListSql(ids.size(), 6) + ") AND role = '' AND value2 = 1", &q))
        return;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, f.survey_version);
        BindList(q.stmt, ids, 6);
        // A question's rows come by bucket, so its local days come one after another.
        std::vector<PartCount> counts;
        size_t run_start = 0;
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
        {
            const int64_t day = LocalDay(sqlite3_column_int64(q.stmt, 1) * kCountLevelMs[p.level], utc_offset_minutes);
            if (counts.size() == run_start || counts[run_start].day != day || !Same(counts[run_start].question_id, q.stmt, 0))
                run_start = counts.size();
            const int number = sqlite3_column_int(q.stmt, 2);
            PartCount* found = nullptr;
            for (size_t i = run_start; i < counts.size() && !found; i++)
                if (counts[i].number == number)
                    found = &counts[i];
            if (!found)
            {
                PartCount c;
                c.question_id = ColumnText(q.stmt, 0);
                c.day = day;
                c.number = number;
                counts.push_back(std::move(c));
                found = &counts.back();
            }
            found->count += sqlite3_column_int64(q.stmt, 3);
        }
        for (const PartCount& c : counts)
            (*out)[{ c.question_id, c.day, c.number }] += c.count;
    }
}

void CountedKano(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, KanoTally* out)
{
    OwnedStatement q;
    if (pieces.empty() || ids.empty() ||
        !PrepareCounted(db, "question_id, part, value, value2, count", "question_id IN (" + ListSql(ids.size(), 6) + ") AND role = 'kano'", &q))
        return;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, f.survey_version);
        BindList(q.stmt, ids, 6);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[{ ColumnText(q.stmt, 0), ColumnText(q.stmt, 1), ColumnText(q.stmt, 2), ColumnText(q.stmt, 3) }] += sqlite3_column_int64(q.stmt, 4);
    }
}

void CountedServqual(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const ServqualAsk& ask, ServqualSums* out)
{
    OwnedStatement q;
    if (pieces.empty() || !PrepareCounted(db, "role, part, count, sum1, sum2", "question_id = ?6 AND role IN ('gap', 'gap-lone', 'gap-set')", &q))
        return;
    std::unordered_map<std::string, size_t> item_index;
    for (size_t i = 0; i < ask.items->size(); i++) item_index[(*ask.items)[i]] = i;
    std::unordered_map<std::string, uint64_t> set_groups; // item set → bit per group of its items asked for
    std::vector<std::string> set_items;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, f.survey_version);
        BindText(q.stmt, 6, ask.question_id);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
        {
            const std::string role = ColumnText(q.stmt, 0), part = ColumnText(q.stmt, 1);
            const int64_t count = sqlite3_column_int64(q.stmt, 2);
            if (role == kCountGapSet)
            {
                auto known = set_groups.find(part);
                if (known == set_groups.end())
                {
                    uint64_t groups = 0;
                    if (DecodeItemSet(part, &set_items))
                        for (const std::string& item : set_items)
                            if (auto it = item_index.find(item); it != item_index.end())
                                groups |= 1ull << (*ask.item_group)[it->second];
                    known = set_groups.emplace(part, groups).first;
                }
                for (size_t g = 0; g < out->group_respondents.size(); g++)
                    if (known->second & (1ull << g)) out->group_respondents[g] += count;
                if (known->second) out->respondents += count;
                continue;
            }
            auto it = item_index.find(part);
            if (it == item_index.end())
                continue; // an item the survey does not ask
            GapSums& g = out->items[it->second];
            if (role == kCountGapLone)
                g.incomplete += count;
            else
            {
                g.pairs += count;
                g.sum_expectation += sqlite3_column_int64(q.stmt, 3);
                g.sum_perception += sqlite3_column_int64(q.stmt, 4);
            }
        }
    }
}

void CountedVersions(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, VersionTally* out)
{
    OwnedStatement q;
    if (pieces.empty() || !PrepareCounted(db, "survey_version, count", "question_id = '' AND role = 'response'", &q))
        return;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, "");
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[ColumnText(q.stmt, 0)] += sqlite3_column_int64(q.stmt, 1);
    }
}

void CountedFollowUps(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, FollowUpTally* out)
{
    // Callbacks are the complaint.callback answers of 1; those with a follow-up record are
    // counted by its state and rating, the others are (0, 0, 0) as the raw join makes them.
    OwnedStatement q;
    if (pieces.empty() || !PrepareCounted(db, "role, part, value, value2, count", "question_id = 'complaint.callback' AND role IN ('', 'followup')", &q))
        return;
    int64_t callbacks = 0, recorded = 0;
    for (const CountPiece& p : pieces)
    {
        BindPiece(q.stmt, f, p, f.survey_version);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
        {
            const int64_t count = sqlite3_column_int64(q.stmt, 4);
            const bool number = sqlite3_column_type(q.stmt, 2) == SQLITE_INTEGER;
            if (sqlite3_column_bytes(q.stmt, 0) == 0) // role '': the answers, by value
            {
                if (number && sqlite3_column_int64(q.stmt, 2) == 1 && sqlite3_column_int(q.stmt, 3) == kValueKindNumber)
                    callbacks += count;
                continue;
            }
            (*out)[{ sqlite3_column_int(q.stmt, 2), sqlite3_column_int(q.stmt, 3), atoi(ColumnText(q.stmt, 1).c_str()) }] += count;
            recorded += count;
        }
    }
    if (callbacks > recorded)
        (*out)[{ 0, 0, 0 }] += callbacks - recorded;
}

} // namespace manyi
