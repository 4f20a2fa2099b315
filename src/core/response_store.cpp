#include "core/response_store.h"

#include <cstring>
#include <string_view>

#include "core/response_store_pieces.h"
#include "core/score_counts.h"
#include "core/sqlite_util.h"
#include "core/survey.h"

namespace manyi {

// answers is derived from the payload so scores can be computed in SQL; a response that lists a
// question twice keeps the last value, as its JSON payload does.
static const char* kSchemaSql =
    "CREATE TABLE responses("
    "  id              TEXT PRIMARY KEY NOT NULL,"
    "  survey_id       TEXT NOT NULL,"
    "  survey_version  TEXT NOT NULL,"
    "  locale          TEXT NOT NULL,"
    "  created_ms      INTEGER NOT NULL,"
    "  payload         TEXT NOT NULL,"
    "  state           INTEGER NOT NULL,"   // DeliveryState
    "  attempts        INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_ms INTEGER NOT NULL,"
    "  delivered_ms    INTEGER,"            // NULL until delivered (or unknown if inserted delivered)
    "  last_error      TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE TABLE answers("
    "  response_id  TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,"
    "  question_id  TEXT NOT NULL,"
    "  number_value INTEGER,"
    "  text_value   TEXT,"
    "  PRIMARY KEY(response_id, question_id)"
    ");"
    "CREATE INDEX responses_due ON responses(state, next_attempt_ms);"
    "CREATE INDEX answers_question ON answers(question_id);";

// Schema 2 adds what scoring needs. answer_parts has one row per whole answer (role '') and one per
// sub-answer: each chosen option of a multiple ('choice', part = option value), each matrix row
// ('row'), each servqual half ('expectation' / 'perception', part = item id) and each kano half
// ('functional' / 'dysfunctional', part = feature id). Survey, version and time are copied from
// the response so every aggregate is one scan of one table. Free text and contact fields are not
// copied (whole rows only mark them answered): scores never need them, and personal data should
// live in one place, the payload.
// The primary key clusters rows by survey, question and role, then time: the answers of one
// question in a window are one contiguous range, and the pair joins (kano, servqual) repeat
// survey_id and created_ms to hit the whole key. No index on response_id: responses are never deleted (a cascade would scan).
// Schema 3 adds score_counts (response_store_counts.cpp), the counters scores read for whole time
// buckets; schema 4 kept_counts and kept_batches (response_store_purge.cpp), the counts of purged
// responses.
static const char* kSchemaV2Sql =
    "CREATE TABLE answer_parts("
    "  survey_id      TEXT NOT NULL,"
    "  created_ms     INTEGER NOT NULL,"
    "  response_id    TEXT NOT NULL REFERENCES responses(id) ON DELETE CASCADE,"
    "  question_id    TEXT NOT NULL,"
    "  role           TEXT NOT NULL,"
    "  part           TEXT NOT NULL,"
    "  number_value   INTEGER,"
    "  text_value     TEXT,"
    "  survey_version TEXT NOT NULL,"
    "  PRIMARY KEY(survey_id, question_id, role, created_ms, response_id, part)"
    ") WITHOUT ROWID;"
    // Covers the per-survey counts of responses and versions without reading payloads.
    "CREATE INDEX responses_survey ON responses(survey_id, created_ms, survey_version);"
    "CREATE TABLE followups("
    "  response_id   TEXT PRIMARY KEY NOT NULL REFERENCES responses(id) ON DELETE CASCADE,"
    "  state         INTEGER NOT NULL,"          // FollowUpState
    "  updated_ms    INTEGER NOT NULL,"
    "  contacted_ms  INTEGER NOT NULL DEFAULT 0,"
    "  resolved_ms   INTEGER NOT NULL DEFAULT 0,"
    "  satisfaction  INTEGER NOT NULL DEFAULT 0,"
    "  satisfaction_points INTEGER NOT NULL DEFAULT 0,"
    "  note          TEXT NOT NULL DEFAULT ''"
    ");"
    "PRAGMA user_version = 2;"; // each later schema's SQL sets its own number

static const char* kResponseColumns = "id, payload, state, attempts, next_attempt_ms, created_ms, last_error, endpoint_key";

static DeliveryState StateFromInt(int v)
{
    if (v == (int)DeliveryState::Delivered) return DeliveryState::Delivered;
    if (v == (int)DeliveryState::Parked) return DeliveryState::Parked;
    return DeliveryState::Pending;
}

// Columns in kResponseColumns order.
static void ReadStoredResponse(sqlite3_stmt* stmt, StoredResponse* out)
{
    out->id = ColumnText(stmt, 0);
    out->payload_json = ColumnText(stmt, 1);
    out->state = StateFromInt(sqlite3_column_int(stmt, 2));
    out->attempts = sqlite3_column_int(stmt, 3);
    out->next_attempt_ms = sqlite3_column_int64(stmt, 4);
    out->created_ms = sqlite3_column_int64(stmt, 5);
    out->last_error = ColumnText(stmt, 6);
    out->endpoint_key = ColumnText(stmt, 7);
}

ResponseStore::~ResponseStore() { Close(); }

bool ResponseStore::Exec(const char* sql, std::string* error)
{
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    if (error)
        *error = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return false;
}

bool ResponseStore::Prepare(sqlite3_stmt** stmt, const char* sql, std::string* error)
{
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, nullptr) == SQLITE_OK)
        return true;
    if (error)
        *error = std::string("cannot prepare statement: ") + sqlite3_errmsg(db_);
    return false;
}

bool ResponseStore::CreateSchema(std::string* error)
{
    if (!Exec("BEGIN IMMEDIATE", error))
        return false;
    if (!Exec(kSchemaSql, error) || !Exec(kSchemaV2Sql, error) || !Exec(kScoreCountsSql, error) || !Exec(kKeptCountsSql, error) ||
        !Exec(kEndpointKeySql, error))
    {
        Exec("ROLLBACK", nullptr);
        return false;
    }
    return Exec("COMMIT", error);
}

bool ResponseStore::PrepareStatements(std::string* error)
{
    const std::string cols = kResponseColumns;
    const std::string due_sql = "SELECT " + cols + " FROM responses WHERE state = 0 AND endpoint_key = ?3 AND next_attempt_ms <= ?1 ORDER BY created_ms, rowid LIMIT ?2";
    const std::string get_sql = "SELECT " + cols + " FROM responses WHERE id = ?1";
    return Prepare(&insert_response_,
                   "INSERT INTO responses(id, survey_id, survey_version, locale, created_ms, payload, state, attempts, next_attempt_ms, delivered_ms, last_error, endpoint_key)"
                   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?5, NULL, '', ?8) ON CONFLICT(id) DO NOTHING", error) &&
           Prepare(&insert_answer_, "INSERT OR REPLACE INTO answers(response_id, question_id, number_value, text_value) VALUES(?1, ?2, ?3, ?4)", error) &&
           Prepare(&contains_, "SELECT 1 FROM responses WHERE id = ?1", error) &&
           Prepare(&counts_,
                   // Counted in indexes (SQLite counts a table in its smallest index, and a state
                   // in the one on state), never in the rows: a scan of the rows, payloads and all,
                   // took 7 ms at 20,000 stored, and the thank-you's footer and every delivery
                   // reply ask for these.
                   "SELECT (SELECT COUNT(*) FROM responses),"
                   " (SELECT COUNT(*) FROM responses WHERE state = 0), (SELECT COUNT(*) FROM responses WHERE state = 1),"
                   " (SELECT COUNT(*) FROM responses WHERE state = 2),"
                   " COALESCE((SELECT MIN(created_ms) FROM responses WHERE state = 0), 0)", error) &&
           Prepare(&due_, due_sql.c_str(), error) &&
           Prepare(&next_due_, "SELECT MIN(next_attempt_ms) FROM responses WHERE state = 0 AND endpoint_key = ?1", error) &&
           Prepare(&mark_delivered_, "UPDATE responses SET state = 1, delivered_ms = ?2, last_error = '' WHERE id = ?1 AND state IN (0, 2)", error) &&
           Prepare(&mark_retry_, "UPDATE responses SET attempts = attempts + 1, next_attempt_ms = ?2, last_error = ?3 WHERE id = ?1 AND state = 0", error) &&
           Prepare(&mark_parked_, "UPDATE responses SET state = 2, last_error = ?2 WHERE id = ?1 AND state = 0", error) &&
           Prepare(&get_, get_sql.c_str(), error) &&
           Prepare(&insert_part_,
                   "INSERT OR REPLACE INTO answer_parts(response_id, question_id, role, part, number_value, text_value, survey_id, survey_version, created_ms)"
                   " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error) &&
           Prepare(&upsert_count_, kUpsertCountSql, error) &&
           Prepare(&delete_zero_count_, kDeleteZeroCountSql, error) &&
           Prepare(&stored_parts_, kStoredPartsSql, error) &&
           Prepare(&stored_parts_scan_, kStoredPartsScanSql, error) &&
           Prepare(&stored_followup_, kStoredFollowUpSql, error);
}

// A database written by schema 1 has no answer_parts, followups, score_counts or kept_counts: add them, fill
// answer_parts from each stored payload and count them, in one transaction. A payload that does
// not parse keeps its response row (it is still delivered) but contributes no answers to scores.
bool ResponseStore::UpgradeFromVersion1(std::string* error)
{
    if (!Exec("BEGIN IMMEDIATE", error))
        return false;
    bool ok = Exec(kSchemaV2Sql, error) && Exec(kScoreCountsSql, error) && Exec(kKeptCountsSql, error) && Exec(kEndpointKeySql, error) &&
              PrepareStatements(error);
    sqlite3_stmt* rows = nullptr;
    ok = ok && Prepare(&rows, "SELECT payload FROM responses ORDER BY rowid", error);
    while (ok && sqlite3_step(rows) == SQLITE_ROW)
    {
        const unsigned char* text = sqlite3_column_text(rows, 0);
        const std::string_view payload(text ? (const char*)text : "", (size_t)sqlite3_column_bytes(rows, 0));
        Response r;
        std::string parse_error;
        if (ResponseFromJson(payload, &r, &parse_error) && Scores(r))
            ok = InsertParts(r, nullptr, error);
    }
    sqlite3_finalize(rows);
    ok = ok && RebuildScoreCounts(error);
    if (ok && Exec("COMMIT", error))
        return true;
    Exec("ROLLBACK", nullptr);
    return false;
}

// A database written by schema 2 has everything but the counters: add them, counted from its rows.
bool ResponseStore::UpgradeFromVersion2(std::string* error)
{
    if (!Exec("BEGIN IMMEDIATE", error))
        return false;
    if (Exec(kScoreCountsSql, error) && Exec(kKeptCountsSql, error) && Exec(kEndpointKeySql, error) && PrepareStatements(error) &&
        RebuildScoreCounts(error) && Exec("COMMIT", error))
        return true;
    Exec("ROLLBACK", nullptr);
    return false;
}

// A database written by schema 3 has purged nothing while keeping counts (a purge then took its
// counts out): the kept tables start empty, and its counters are right as they are.
bool ResponseStore::UpgradeFromVersion3(std::string* error)
{
    if (!Exec("BEGIN IMMEDIATE", error))
        return false;
    if (Exec(kKeptCountsSql, error) && Exec(kEndpointKeySql, error) && Exec("COMMIT", error))
        return true;
    Exec("ROLLBACK", nullptr);
    return false;
}

bool ResponseStore::Open(const std::string& path, std::string* error)
{
    Close();
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    {
        if (error)
            *error = "cannot open " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
        Close();
        return false;
    }
    return OpenSchema(path, /*create=*/true, error);
}

// The connection is open: check its schema version, create or upgrade the schema, prepare the
// statements. Shared by Open (a file or ":memory:") and OpenImage (a serialized database).
bool ResponseStore::OpenSchema(const std::string& label, bool create, std::string* error)
{
    // ON DELETE CASCADE from responses to answers needs this, per connection.
    bool ok = Exec("PRAGMA foreign_keys = ON", error);
    int version = -1;
    if (ok)
    {
        sqlite3_stmt* stmt = nullptr;
        ok = Prepare(&stmt, "PRAGMA user_version", error);
        if (ok && sqlite3_step(stmt) == SQLITE_ROW)
            version = sqlite3_column_int(stmt, 0);
        else if (ok)
        {
            // A file that is not a database fails here, on its first read.
            if (error)
                *error = "cannot read " + label + ": " + sqlite3_errmsg(db_);
            ok = false;
        }
        sqlite3_finalize(stmt);
    }
    if (ok && version == 0 && !create)
    {
        if (error)
            *error = label + " holds no Manyi store (schema version 0)";
        ok = false;
    }
    else if (ok && version == 0)
        ok = CreateSchema(error);
    else if (ok && version == 1)
        ok = UpgradeFromVersion1(error); // prepares the statements itself; preparing again below is harmless
    else if (ok && version == 2)
        ok = UpgradeFromVersion2(error);
    else if (ok && version == 3)
        ok = UpgradeFromVersion3(error);
    else if (ok && version == 4)
        ok = UpgradeFromVersion4(error);
    else if (ok && version > kSchemaVersion)
    {
        if (error)
            *error = label + " has schema version " + std::to_string(version) + ", newer than this build reads (" + std::to_string(kSchemaVersion) + ")";
        ok = false;
    }
    ok = ok && (insert_part_ || PrepareStatements(error));
    if (!ok)
        Close();
    return ok;
}

void ResponseStore::Close()
{
    sqlite3_stmt** statements[] = { &insert_response_, &insert_answer_, &contains_, &counts_, &due_, &next_due_,
                                    &mark_delivered_, &mark_retry_, &mark_parked_, &get_, &insert_part_, &upsert_count_, &delete_zero_count_,
                                    &stored_parts_, &stored_parts_scan_, &stored_followup_ };
    for (sqlite3_stmt** stmt : statements)
    {
        sqlite3_finalize(*stmt);
        *stmt = nullptr;
    }
    sqlite3_close(db_);
    db_ = nullptr;
    bulk_ = false;
    pending_counts_.slots.clear(); // closing rolled their rows back
    counts_stale_ = false;
}

bool ResponseStore::Scores(const Response& r) const { return score_burst_ || !HasFlag(r, kFlagBurst); }

// The rows of a new response; `counts` gets what it adds to score_counts (nothing if it was stored already).
bool ResponseStore::InsertRows(const Response& r, const std::string& payload_json, DeliveryState state, const std::string& endpoint_key,
                               std::vector<CountDelta>* counts, std::string* error)
{
    bool inserted = false;
    {
        StatementScope scope(insert_response_);
        BindText(insert_response_, 1, r.id);
        BindText(insert_response_, 2, r.survey_id);
        BindText(insert_response_, 3, r.survey_version);
        BindText(insert_response_, 4, r.locale);
        sqlite3_bind_int64(insert_response_, 5, r.created_at_ms);
        BindText(insert_response_, 6, payload_json);
        sqlite3_bind_int(insert_response_, 7, (int)state);
        BindText(insert_response_, 8, endpoint_key);
        if (sqlite3_step(insert_response_) != SQLITE_DONE)
        {
            if (error)
                *error = std::string("cannot insert response: ") + sqlite3_errmsg(db_);
            return false;
        }
        inserted = sqlite3_changes(db_) > 0;
    }
    if (!inserted)
        return true; // already stored: idempotent

    for (const Answer& a : r.answers)
    {
        if (a.value.kind == AnswerValue::None)
            continue;
        StatementScope scope(insert_answer_);
        BindText(insert_answer_, 1, r.id);
        BindText(insert_answer_, 2, a.question_id);
        if (a.value.kind == AnswerValue::Number)
            sqlite3_bind_int(insert_answer_, 3, a.value.number);
        else
            BindText(insert_answer_, 4, a.value.text);
        if (sqlite3_step(insert_answer_) != SQLITE_DONE)
        {
            if (error)
                *error = std::string("cannot insert answer: ") + sqlite3_errmsg(db_);
            return false;
        }
    }
    // A kiosk's "burst" response (repeated taps within seconds of the last one) is kept, listed
    // and delivered, but unless the kiosk counts bursts its answers give no score rows: every
    // score leaves it out.
    if (Scores(r) && !InsertParts(r, counts, error))
        return false;
    counts->push_back(ResponseCountDelta());
    return true;
}

// One answer_parts row; `number` is bound only when has_number.
struct PartRow
{
    const char*  role;
    std::string  part;
    bool         has_number;
    int          number;
    const std::string* text; // nullptr = NULL
};

static std::vector<PartRow> PartRowsOf(const AnswerValue& v)
{
    std::vector<PartRow> rows;
    auto whole = [&](bool has_number, int number, const std::string* text) { rows.push_back({ "", "", has_number, number, text }); };
    switch (v.kind)
    {
    case AnswerValue::None: break;
    case AnswerValue::Number: whole(true, v.number, nullptr); break;
    case AnswerValue::Bool: whole(true, v.flag ? 1 : 0, nullptr); break;
    case AnswerValue::Choice: whole(false, 0, &v.text); break;
    case AnswerValue::Text: whole(false, 0, nullptr); break;        // answered; the text stays in the payload
    case AnswerValue::Fields: whole(true, (int)v.fields.size(), nullptr); break; // personal data stays in the payload
    case AnswerValue::Choices:
        whole(true, (int)v.choices.size(), nullptr);
        for (const std::string& c : v.choices)
            rows.push_back({ "choice", c, false, 0, &c });
        break;
    case AnswerValue::Rows:
        whole(true, (int)v.rows.size(), nullptr);
        for (const RowAnswer& r : v.rows)
            rows.push_back({ "row", r.row, true, r.value, nullptr });
        break;
    case AnswerValue::Gaps:
        whole(true, (int)v.gaps.size(), nullptr);
        for (const GapAnswer& g : v.gaps)
        {
            if (g.expectation) rows.push_back({ "expectation", g.item, true, *g.expectation, nullptr });
            if (g.perception) rows.push_back({ "perception", g.item, true, *g.perception, nullptr });
        }
        break;
    case AnswerValue::Kano:
        whole(true, (int)v.kano.size(), nullptr);
        for (const KanoAnswer& k : v.kano)
        {
            if (!k.functional.empty()) rows.push_back({ "functional", k.feature, false, 0, &k.functional });
            if (!k.dysfunctional.empty()) rows.push_back({ "dysfunctional", k.feature, false, 0, &k.dysfunctional });
        }
        break;
    }
    return rows;
}

static bool AnsweredAgainLater(const Response& r, const Answer& a)
{
    for (const Answer* later = &a + 1; later < r.answers.data() + r.answers.size(); later++)
        if (later->question_id == a.question_id && later->value.kind != AnswerValue::None)
            return true;
    return false;
}

// The answer_parts rows of a response: each question once (its last answer), and within an
// answer each (role, part) once with its last value, as the table's key keeps them.
struct ResponsePart
{
    const std::string* question_id;
    PartRow            row;
};

// A callback answer counts only with the complaint it belongs to: the callback share is of the
// responses with a complaint.type (docs/scores.md), and a payload from `manyi score` input may
// have a callback and no type.
static bool OrphanCallback(const Response& r, const Answer& a)
{
    if (a.question_id != kComplaintCallback)
        return false;
    for (const Answer& other : r.answers)
        if (other.question_id == kComplaintType && other.value.kind != AnswerValue::None)
            return false;
    return true;
}

static std::vector<ResponsePart> PartsOf(const Response& r)
{
    std::vector<ResponsePart> parts;
    for (const Answer& a : r.answers)
    {
        if (a.value.kind == AnswerValue::None)
            continue;
        if (OrphanCallback(r, a))
            continue;
        if (AnsweredAgainLater(r, a))
            continue; // a question listed twice keeps its last value, as in `answers`
        const size_t first = parts.size();
        for (PartRow& row : PartRowsOf(a.value))
        {
            ResponsePart* same = nullptr;
            for (size_t i = first; i < parts.size() && !same; i++)
                if (strcmp(parts[i].row.role, row.role) == 0 && parts[i].row.part == row.part)
                    same = &parts[i];
            if (same)
                same->row = std::move(row);
            else
                parts.push_back({ &a.question_id, std::move(row) });
        }
    }
    return parts;
}

// Inserts the response's answer_parts rows; `counts` (if given) gets what they add to score_counts.
bool ResponseStore::InsertParts(const Response& r, std::vector<CountDelta>* counts, std::string* error)
{
    const std::vector<ResponsePart> parts = PartsOf(r);
    for (const ResponsePart& p : parts)
    {
        const PartRow& row = p.row;
        StatementScope scope(insert_part_);
        BindText(insert_part_, 1, r.id);
        BindText(insert_part_, 2, *p.question_id);
        sqlite3_bind_text(insert_part_, 3, row.role, -1, SQLITE_STATIC);
        BindText(insert_part_, 4, row.part);
        if (row.has_number)
            sqlite3_bind_int(insert_part_, 5, row.number);
        if (row.text)
            BindText(insert_part_, 6, *row.text);
        BindText(insert_part_, 7, r.survey_id);
        BindText(insert_part_, 8, r.survey_version);
        sqlite3_bind_int64(insert_part_, 9, r.created_at_ms);
        if (sqlite3_step(insert_part_) != SQLITE_DONE)
        {
            if (error)
                *error = std::string("cannot insert answer part: ") + sqlite3_errmsg(db_);
            return false;
        }
    }
    if (counts)
    {
        std::vector<PartRowView> views;
        views.reserve(parts.size());
        for (const ResponsePart& p : parts)
            views.push_back({ *p.question_id, p.row.role, p.row.part, p.row.has_number, p.row.number, p.row.text != nullptr,
                              p.row.text ? std::string_view(*p.row.text) : std::string_view() });
        *counts = CountsOfParts(views);
    }
    return true;
}

bool ResponseStore::Insert(const Response& r, const std::string& payload_json, DeliveryState state, std::string* error,
                           const std::string& endpoint_key)
{
    if (!db_)
    {
        if (error)
            *error = "store is not open";
        return false;
    }
    if (r.id.empty())
    {
        if (error)
            *error = "response has no id";
        return false;
    }
    // A savepoint, not BEGIN: it is its own transaction outside a bulk load and nests inside one.
    // The score counters change in the same transaction: written here, or (in a bulk load) added
    // to the pending ones once the rows are in, written before the bulk load commits.
    if (!Exec("SAVEPOINT insert_response", error))
        return false;
    std::vector<CountDelta> counts;
    bool ok = InsertRows(r, payload_json, state, endpoint_key, &counts, error);
    if (ok && !bulk_ && !counts.empty())
        ok = ApplyCounts(r.survey_id, r.survey_version, r.created_at_ms, counts, 1, error);
    if (!ok || !Exec("RELEASE insert_response", error))
    {
        Exec("ROLLBACK TO insert_response", nullptr);
        Exec("RELEASE insert_response", nullptr);
        return false;
    }
    if (bulk_ && !counts.empty())
        ApplyCounts(r.survey_id, r.survey_version, r.created_at_ms, counts, 1, nullptr); // only buffers: cannot fail
    return true;
}

bool ResponseStore::BeginBulk(std::string* error)
{
    if (!db_) { if (error) *error = "store is not open"; return false; }
    if (bulk_) return true;
    bulk_ = Exec("BEGIN", error);
    return bulk_;
}

bool ResponseStore::EndBulk(std::string* error)
{
    if (!db_ || !bulk_) return true;
    bulk_ = false;
    // Counters that cannot be written are counted again from the rows, so the commit never holds
    // rows without their counters.
    if (!FlushPendingCounts(nullptr) && !RebuildScoreCounts(error))
    {
        Exec("ROLLBACK", nullptr);
        return false;
    }
    return Exec("COMMIT", error);
}

bool ResponseStore::Contains(const std::string& id) const
{
    if (!db_)
        return false;
    StatementScope scope(contains_);
    BindText(contains_, 1, id);
    return sqlite3_step(contains_) == SQLITE_ROW;
}

StoreCounts ResponseStore::Counts() const
{
    StoreCounts c;
    if (!db_)
        return c;
    StatementScope scope(counts_);
    if (sqlite3_step(counts_) == SQLITE_ROW)
    {
        c.total = sqlite3_column_int64(counts_, 0);
        c.pending = sqlite3_column_int64(counts_, 1);
        c.delivered = sqlite3_column_int64(counts_, 2);
        c.parked = sqlite3_column_int64(counts_, 3);
        c.oldest_pending_created_ms = sqlite3_column_int64(counts_, 4);
    }
    return c;
}

std::vector<StoredResponse> ResponseStore::DueForDelivery(int64_t now_ms, int limit, const std::string& endpoint_key) const
{
    std::vector<StoredResponse> out;
    if (!db_ || limit <= 0)
        return out;
    StatementScope scope(due_);
    sqlite3_bind_int64(due_, 1, now_ms);
    sqlite3_bind_int(due_, 2, limit);
    BindText(due_, 3, endpoint_key);
    while (sqlite3_step(due_) == SQLITE_ROW)
    {
        StoredResponse r;
        ReadStoredResponse(due_, &r);
        out.push_back(std::move(r));
    }
    return out;
}

int64_t ResponseStore::NextDueMs(const std::string& endpoint_key) const
{
    if (!db_)
        return -1;
    StatementScope scope(next_due_);
    BindText(next_due_, 1, endpoint_key);
    if (sqlite3_step(next_due_) != SQLITE_ROW || sqlite3_column_type(next_due_, 0) == SQLITE_NULL)
        return -1;
    return sqlite3_column_int64(next_due_, 0);
}

// Steps a bound UPDATE; true if it changed a row.
static bool StepUpdate(sqlite3* db, sqlite3_stmt* stmt)
{
    return sqlite3_step(stmt) == SQLITE_DONE && sqlite3_changes(db) > 0;
}

bool ResponseStore::MarkDelivered(const std::string& id, int64_t now_ms)
{
    if (!db_)
        return false;
    StatementScope scope(mark_delivered_);
    BindText(mark_delivered_, 1, id);
    sqlite3_bind_int64(mark_delivered_, 2, now_ms);
    return StepUpdate(db_, mark_delivered_);
}

bool ResponseStore::MarkRetry(const std::string& id, int64_t next_attempt_ms, const std::string& reason)
{
    if (!db_)
        return false;
    StatementScope scope(mark_retry_);
    BindText(mark_retry_, 1, id);
    sqlite3_bind_int64(mark_retry_, 2, next_attempt_ms);
    BindText(mark_retry_, 3, reason);
    return StepUpdate(db_, mark_retry_);
}

bool ResponseStore::MarkParked(const std::string& id, const std::string& reason)
{
    if (!db_)
        return false;
    StatementScope scope(mark_parked_);
    BindText(mark_parked_, 1, id);
    BindText(mark_parked_, 2, reason);
    return StepUpdate(db_, mark_parked_);
}

bool ResponseStore::Get(const std::string& id, StoredResponse* out) const
{
    if (!db_)
        return false;
    StatementScope scope(get_);
    BindText(get_, 1, id);
    if (sqlite3_step(get_) != SQLITE_ROW)
        return false;
    ReadStoredResponse(get_, out);
    return true;
}

} // namespace manyi

namespace manyi {

std::vector<StoredResponse> ResponseStore::ListResponses(const AnswerFilter& filter) const
{
    std::vector<StoredResponse> out;
    if (!db_)
        return out;
    const std::string sql = std::string("SELECT ") + kResponseColumns +
                            " FROM responses WHERE survey_id = ?1 AND created_ms >= ?2 AND created_ms < ?3 AND (?4 = '' OR survey_version = ?4)"
                            " ORDER BY created_ms, id";
    OwnedStatement q;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &q.stmt, nullptr) != SQLITE_OK)
        return out;
    BindText(q.stmt, 1, filter.survey_id);
    sqlite3_bind_int64(q.stmt, 2, filter.from_ms ? filter.from_ms : INT64_MIN);
    sqlite3_bind_int64(q.stmt, 3, filter.to_ms ? filter.to_ms : INT64_MAX);
    BindText(q.stmt, 4, filter.survey_version);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        StoredResponse r;
        ReadStoredResponse(q.stmt, &r);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace manyi
