// ResponseStore: follow-up records and the aggregate queries scores are computed from.
// Every aggregate is a GROUP BY over answer_parts (see response_store.cpp), filtered by survey,
// version and time with the same four parameters ?1..?4 (FilterSql / BindFilter).
#include <climits>

#include "core/response_store.h"
#include "core/sqlite_util.h"

namespace manyi {

// The WHERE terms of an AnswerFilter on a table alias ("" = none).
static std::string FilterSql(const char* alias)
{
    const std::string a = alias[0] ? std::string(alias) + "." : "";
    return a + "survey_id = ?1 AND " + a + "created_ms >= ?2 AND " + a + "created_ms < ?3 AND (?4 = '' OR " + a + "survey_version = ?4)";
}

static void BindFilter(sqlite3_stmt* stmt, const AnswerFilter& f)
{
    BindText(stmt, 1, f.survey_id);
    sqlite3_bind_int64(stmt, 2, f.from_ms ? f.from_ms : INT64_MIN);
    sqlite3_bind_int64(stmt, 3, f.to_ms ? f.to_ms : INT64_MAX);
    BindText(stmt, 4, f.survey_version);
}

// "?first, ?first+1, ..." for an IN list bound by BindList.
static std::string ListSql(size_t count, int first)
{
    std::string sql;
    for (size_t i = 0; i < count; i++)
    {
        if (i) sql += ", ";
        sql += '?';
        sql += std::to_string(first + (int)i);
    }
    return sql;
}

static void BindList(sqlite3_stmt* stmt, const std::vector<std::string>& values, int first)
{
    for (size_t i = 0; i < values.size(); i++)
        BindText(stmt, first + (int)i, values[i]);
}

static bool PrepareOnce(sqlite3* db, const std::string& sql, OwnedStatement* q)
{
    return db && sqlite3_prepare_v2(db, sql.c_str(), -1, &q->stmt, nullptr) == SQLITE_OK;
}

// ---- follow-ups -------------------------------------------------------------------------------

static const char* kFollowUpColumns = "f.response_id, f.state, f.updated_ms, f.contacted_ms, f.resolved_ms, f.satisfaction, f.satisfaction_points, f.note";

static void ReadFollowUp(sqlite3_stmt* stmt, FollowUp* out)
{
    out->response_id = ColumnText(stmt, 0);
    const int state = sqlite3_column_int(stmt, 1);
    out->state = state == 2 ? FollowUpState::Resolved : state == 1 ? FollowUpState::Contacted : FollowUpState::Open;
    out->updated_ms = sqlite3_column_int64(stmt, 2);
    out->contacted_ms = sqlite3_column_int64(stmt, 3);
    out->resolved_ms = sqlite3_column_int64(stmt, 4);
    out->satisfaction = sqlite3_column_int(stmt, 5);
    out->satisfaction_points = sqlite3_column_int(stmt, 6);
    out->note = ColumnText(stmt, 7);
}

bool ResponseStore::SetFollowUp(const FollowUp& f, std::string* error)
{
    auto fail = [&](const std::string& message) {
        if (error) *error = message;
        return false;
    };
    if (!db_)
        return fail("store is not open");
    if (f.satisfaction != 0 && ((f.satisfaction_points != 5 && f.satisfaction_points != 7) || f.satisfaction < 1 || f.satisfaction > f.satisfaction_points))
        return fail("satisfaction must be 1..5 or 1..7 with satisfaction_points 5 or 7");
    if (f.satisfaction == 0 && f.satisfaction_points != 0)
        return fail("satisfaction_points without a satisfaction");
    if (!Contains(f.response_id))
        return fail("no stored response " + f.response_id);
    OwnedStatement q;
    if (!PrepareOnce(db_, "INSERT OR REPLACE INTO followups(response_id, state, updated_ms, contacted_ms, resolved_ms, satisfaction, satisfaction_points, note)"
                          " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &q))
        return fail(std::string("cannot prepare follow-up: ") + sqlite3_errmsg(db_));
    BindText(q.stmt, 1, f.response_id);
    sqlite3_bind_int(q.stmt, 2, (int)f.state);
    sqlite3_bind_int64(q.stmt, 3, f.updated_ms);
    sqlite3_bind_int64(q.stmt, 4, f.contacted_ms);
    sqlite3_bind_int64(q.stmt, 5, f.resolved_ms);
    sqlite3_bind_int(q.stmt, 6, f.satisfaction);
    sqlite3_bind_int(q.stmt, 7, f.satisfaction_points);
    BindText(q.stmt, 8, f.note);
    if (sqlite3_step(q.stmt) != SQLITE_DONE)
        return fail(std::string("cannot store follow-up: ") + sqlite3_errmsg(db_));
    return true;
}

bool ResponseStore::GetFollowUp(const std::string& response_id, FollowUp* out) const
{
    OwnedStatement q;
    if (!PrepareOnce(db_, std::string("SELECT ") + kFollowUpColumns + " FROM followups f WHERE f.response_id = ?1", &q))
        return false;
    BindText(q.stmt, 1, response_id);
    if (sqlite3_step(q.stmt) != SQLITE_ROW)
        return false;
    ReadFollowUp(q.stmt, out);
    return true;
}

std::vector<FollowUp> ResponseStore::ListFollowUps(const AnswerFilter& filter) const
{
    std::vector<FollowUp> out;
    OwnedStatement q;
    if (!PrepareOnce(db_, std::string("SELECT ") + kFollowUpColumns + " FROM followups f JOIN responses r ON r.id = f.response_id WHERE " +
                              FilterSql("r") + " ORDER BY r.created_ms, r.id", &q))
        return out;
    BindFilter(q.stmt, filter);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        FollowUp f;
        ReadFollowUp(q.stmt, &f);
        out.push_back(std::move(f));
    }
    return out;
}

// ---- aggregates -------------------------------------------------------------------------------

std::vector<PartCount> ResponseStore::CountParts(const AnswerFilter& filter) const
{
    std::vector<PartCount> out;
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT question_id, role, part, number_value, text_value, COUNT(*) FROM answer_parts WHERE " + FilterSql("") +
                              " AND role IN ('', 'choice', 'row') GROUP BY question_id, role, part, number_value, text_value", &q))
        return out;
    BindFilter(q.stmt, filter);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        PartCount c;
        c.question_id = ColumnText(q.stmt, 0);
        c.role = ColumnText(q.stmt, 1);
        c.part = ColumnText(q.stmt, 2);
        c.has_number = sqlite3_column_type(q.stmt, 3) != SQLITE_NULL;
        c.number = sqlite3_column_int(q.stmt, 3);
        c.text = ColumnText(q.stmt, 4);
        c.count = sqlite3_column_int64(q.stmt, 5);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<PartCount> ResponseStore::CountPartsByDay(const AnswerFilter& filter, const std::vector<std::string>& question_ids, int utc_offset_minutes) const
{
    std::vector<PartCount> out;
    if (question_ids.empty())
        return out;
    const std::string in_list = ListSql(question_ids.size(), 6);
    // Floor division, so times before 1970 (or negative offsets near it) land on the right day.
    const char* day = "((created_ms + ?5) - (((created_ms + ?5) % 86400000) + 86400000) % 86400000) / 86400000";
    OwnedStatement q;
    if (!PrepareOnce(db_, std::string("SELECT question_id, ") + day + " AS day, number_value, COUNT(*) FROM answer_parts WHERE " + FilterSql("") +
                              " AND role = '' AND number_value IS NOT NULL AND question_id IN (" + in_list + ") GROUP BY question_id, day, number_value", &q))
        return out;
    BindFilter(q.stmt, filter);
    sqlite3_bind_int64(q.stmt, 5, (int64_t)utc_offset_minutes * 60000);
    BindList(q.stmt, question_ids, 6);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        PartCount c;
        c.question_id = ColumnText(q.stmt, 0);
        c.day = sqlite3_column_int64(q.stmt, 1);
        c.has_number = true;
        c.number = sqlite3_column_int(q.stmt, 2);
        c.count = sqlite3_column_int64(q.stmt, 3);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<KanoPairCount> ResponseStore::CountKanoPairs(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const
{
    std::vector<KanoPairCount> out;
    if (question_ids.empty())
        return out;
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT f.question_id, f.part, f.text_value, d.text_value, COUNT(*) FROM answer_parts f"
                          " JOIN answer_parts d ON d.survey_id = f.survey_id AND d.created_ms = f.created_ms AND d.response_id = f.response_id AND d.question_id = f.question_id AND d.role = 'dysfunctional' AND d.part = f.part"
                          " WHERE f.question_id IN (" + ListSql(question_ids.size(), 5) + ") AND f.role = 'functional' AND " + FilterSql("f") +
                          " GROUP BY f.question_id, f.part, f.text_value, d.text_value", &q))
        return out;
    BindFilter(q.stmt, filter);
    BindList(q.stmt, question_ids, 5);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
        out.push_back({ ColumnText(q.stmt, 0), ColumnText(q.stmt, 1), ColumnText(q.stmt, 2), ColumnText(q.stmt, 3), sqlite3_column_int64(q.stmt, 4) });
    return out;
}

std::vector<GapSums> ResponseStore::SumServqualGaps(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const
{
    std::vector<GapSums> out;
    if (question_ids.empty())
        return out;
    // Every half, with its partner if any: complete pairs are summed, lone halves counted.
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT h.question_id, h.part,"
                          " SUM(o.number_value IS NOT NULL AND h.role = 'perception'),"
                          " SUM(CASE WHEN h.role = 'perception' THEN o.number_value END),"
                          " SUM(CASE WHEN h.role = 'perception' AND o.number_value IS NOT NULL THEN h.number_value END),"
                          " SUM(o.number_value IS NULL)"
                          " FROM answer_parts h LEFT JOIN answer_parts o ON o.survey_id = h.survey_id AND o.created_ms = h.created_ms AND o.response_id = h.response_id AND o.question_id = h.question_id"
                          " AND o.part = h.part AND o.role = CASE h.role WHEN 'perception' THEN 'expectation' ELSE 'perception' END"
                          " WHERE h.question_id IN (" + ListSql(question_ids.size(), 5) + ") AND h.role IN ('expectation', 'perception') AND " + FilterSql("h") +
                          " GROUP BY h.question_id, h.part", &q))
        return out;
    BindFilter(q.stmt, filter);
    BindList(q.stmt, question_ids, 5);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        GapSums g;
        g.question_id = ColumnText(q.stmt, 0);
        g.item = ColumnText(q.stmt, 1);
        g.pairs = sqlite3_column_int64(q.stmt, 2);
        g.sum_expectation = sqlite3_column_int64(q.stmt, 3);
        g.sum_perception = sqlite3_column_int64(q.stmt, 4);
        g.incomplete = sqlite3_column_int64(q.stmt, 5);
        out.push_back(std::move(g));
    }
    return out;
}

int64_t ResponseStore::CountServqualRespondents(const AnswerFilter& filter, const std::string& question_id, const std::vector<std::string>& items) const
{
    if (items.empty())
        return 0;
    const std::string in_list = ListSql(items.size(), 6);
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT COUNT(DISTINCT p.response_id) FROM answer_parts p"
                          " JOIN answer_parts e ON e.survey_id = p.survey_id AND e.created_ms = p.created_ms AND e.response_id = p.response_id AND e.question_id = p.question_id AND e.role = 'expectation' AND e.part = p.part"
                          " WHERE p.role = 'perception' AND p.question_id = ?5 AND p.part IN (" + in_list + ") AND " + FilterSql("p"), &q))
        return 0;
    BindFilter(q.stmt, filter);
    BindText(q.stmt, 5, question_id);
    BindList(q.stmt, items, 6);
    return sqlite3_step(q.stmt) == SQLITE_ROW ? sqlite3_column_int64(q.stmt, 0) : 0;
}

int64_t ResponseStore::CountResponses(const AnswerFilter& filter) const
{
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT COUNT(*) FROM responses WHERE " + FilterSql(""), &q))
        return 0;
    BindFilter(q.stmt, filter);
    return sqlite3_step(q.stmt) == SQLITE_ROW ? sqlite3_column_int64(q.stmt, 0) : 0;
}

std::vector<VersionCount> ResponseStore::CountVersions(const AnswerFilter& filter) const
{
    std::vector<VersionCount> out;
    AnswerFilter every = filter;
    every.survey_version.clear();
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT survey_version, COUNT(*) FROM responses WHERE " + FilterSql("") + " GROUP BY survey_version ORDER BY survey_version", &q))
        return out;
    BindFilter(q.stmt, every);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
        out.push_back({ ColumnText(q.stmt, 0), sqlite3_column_int64(q.stmt, 1) });
    return out;
}

FollowUpCounts ResponseStore::CountFollowUps(const AnswerFilter& filter) const
{
    FollowUpCounts c;
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT COALESCE(f.state, 0), f.satisfaction, f.satisfaction_points, COUNT(*) FROM answer_parts a"
                          " LEFT JOIN followups f ON f.response_id = a.response_id"
                          " WHERE a.question_id = 'complaint.callback' AND a.role = '' AND a.number_value = 1 AND " + FilterSql("a") +
                          " GROUP BY 1, 2, 3", &q))
        return c;
    BindFilter(q.stmt, filter);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        const int state = sqlite3_column_int(q.stmt, 0);
        const int satisfaction = sqlite3_column_int(q.stmt, 1);
        const int points = sqlite3_column_int(q.stmt, 2);
        const int64_t n = sqlite3_column_int64(q.stmt, 3);
        c.callbacks += n;
        (state == 2 ? c.resolved : state == 1 ? c.contacted : c.open) += n;
        if (satisfaction > 0)
        {
            PartCount s;
            s.has_number = true;
            s.number = satisfaction;
            s.part = std::to_string(points);
            s.count = n;
            c.satisfaction.push_back(std::move(s));
        }
    }
    return c;
}

} // namespace manyi
