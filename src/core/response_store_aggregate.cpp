// ResponseStore: follow-up records and the aggregate queries scores are computed from.
// Every aggregate is a GROUP BY over answer_parts (see response_store.cpp), filtered by survey,
// version and time with the same four parameters ?1..?4 (FilterSql / BindFilter).
#include <algorithm>
#include <climits>
#include <unordered_map>

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

std::vector<QuestionCount> ResponseStore::CountAnswered(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const
{
    std::vector<QuestionCount> out;
    if (question_ids.empty())
        return out;
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT question_id, COUNT(*) FROM answer_parts WHERE question_id IN (" + ListSql(question_ids.size(), 5) + ") AND role = '' AND " +
                              FilterSql("") + " GROUP BY survey_id, question_id", &q))
        return out;
    BindFilter(q.stmt, filter);
    BindList(q.stmt, question_ids, 5);
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
        out.push_back({ ColumnText(q.stmt, 0), sqlite3_column_int64(q.stmt, 1) });
    return out;
}

std::vector<PartCount> ResponseStore::CountParts(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const
{
    std::vector<PartCount> out;
    if (question_ids.empty())
        return out;
    // The IN lists turn the scan into one key range per question and role (halves and questions
    // the survey does not have are never read); rows arrive in key order, so each (question, role)
    // is one run and its values are counted here in a short list. Measured on 10,000 all-types
    // responses: 150 ms for GROUP BY over the five columns (SQLite sorts every row), 40-55 ms
    // this way. Were a run ever split, a value would get two entries: ComputeScores adds them up.
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT question_id, role, part, number_value, text_value FROM answer_parts WHERE question_id IN (" +
                              ListSql(question_ids.size(), 5) + ") AND role IN ('', 'choice', 'row') AND " + FilterSql("") +
                              " ORDER BY survey_id, question_id, role", &q))
        return out;
    BindFilter(q.stmt, filter);
    BindList(q.stmt, question_ids, 5);
    std::string question, role;
    size_t run_start = 0; // first PartCount of the current (question, role) run
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        const unsigned char* qid = sqlite3_column_text(q.stmt, 0);
        const int qid_bytes = sqlite3_column_bytes(q.stmt, 0);
        const unsigned char* rl = sqlite3_column_text(q.stmt, 1);
        const int rl_bytes = sqlite3_column_bytes(q.stmt, 1);
        if (question.compare(0, std::string::npos, (const char*)qid, (size_t)qid_bytes) != 0 || role.compare(0, std::string::npos, (const char*)rl, (size_t)rl_bytes) != 0)
        {
            question.assign((const char*)qid, (size_t)qid_bytes);
            role.assign((const char*)rl, (size_t)rl_bytes);
            run_start = out.size();
        }
        const bool has_number = sqlite3_column_type(q.stmt, 3) != SQLITE_NULL;
        const int number = sqlite3_column_int(q.stmt, 3);
        const unsigned char* part = sqlite3_column_text(q.stmt, 2);
        const size_t part_bytes = (size_t)sqlite3_column_bytes(q.stmt, 2);
        const unsigned char* text = sqlite3_column_text(q.stmt, 4);
        const size_t text_bytes = text ? (size_t)sqlite3_column_bytes(q.stmt, 4) : 0;
        // A run has as many distinct values as the question has grades, options or rows × grades.
        PartCount* found = nullptr;
        for (size_t i = run_start; i < out.size() && !found; i++)
        {
            PartCount& c = out[i];
            if (c.has_number == has_number && c.number == number && c.part.size() == part_bytes && c.text.size() == text_bytes &&
                c.part.compare(0, std::string::npos, (const char*)part, part_bytes) == 0 && (!text || c.text.compare(0, std::string::npos, (const char*)text, text_bytes) == 0))
                found = &c;
        }
        if (!found)
        {
            PartCount c;
            c.question_id = question;
            c.role = role;
            c.part.assign((const char*)part, part_bytes);
            c.has_number = has_number;
            c.number = has_number ? number : 0;
            if (text) c.text.assign((const char*)text, text_bytes);
            out.push_back(std::move(c));
            found = &out.back();
        }
        found->count++;
    }
    return out;
}

std::vector<PartCount> ResponseStore::CountPartsByDay(const AnswerFilter& filter, const std::vector<std::string>& question_ids, int utc_offset_minutes) const
{
    std::vector<PartCount> out;
    if (question_ids.empty())
        return out;
    // Key order gives each question's answers by time, so local days come one after another and
    // each day's values are counted in a short list, with no sort (see CountParts).
    OwnedStatement q;
    if (!PrepareOnce(db_, "SELECT question_id, created_ms, number_value FROM answer_parts WHERE question_id IN (" + ListSql(question_ids.size(), 5) +
                              ") AND role = '' AND " + FilterSql("") + " AND number_value IS NOT NULL ORDER BY survey_id, question_id, role, created_ms", &q))
        return out;
    BindFilter(q.stmt, filter);
    BindList(q.stmt, question_ids, 5);
    const int64_t offset_ms = (int64_t)utc_offset_minutes * 60000;
    std::string question;
    int64_t day = INT64_MIN;
    size_t run_start = 0;
    while (sqlite3_step(q.stmt) == SQLITE_ROW)
    {
        const char* qid = (const char*)sqlite3_column_text(q.stmt, 0);
        const size_t qid_bytes = (size_t)sqlite3_column_bytes(q.stmt, 0);
        const int64_t local_ms = sqlite3_column_int64(q.stmt, 1) + offset_ms;
        const int64_t row_day = local_ms / 86400000 - (local_ms % 86400000 < 0 ? 1 : 0); // floor, also before 1970
        const int number = sqlite3_column_int(q.stmt, 2);
        if (row_day != day || question.compare(0, std::string::npos, qid, qid_bytes) != 0)
        {
            question.assign(qid, qid_bytes);
            day = row_day;
            run_start = out.size();
        }
        PartCount* found = nullptr;
        for (size_t i = run_start; i < out.size() && !found; i++)
            if (out[i].number == number)
                found = &out[i];
        if (!found)
        {
            PartCount c;
            c.question_id = question;
            c.day = day;
            c.has_number = true;
            c.number = number;
            out.push_back(std::move(c));
            found = &out.back();
        }
        found->count++;
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

ServqualSums ResponseStore::SumServqual(const AnswerFilter& filter, const std::string& question_id, const std::vector<std::string>& items,
                                       const std::vector<int>& item_group) const
{
    ServqualSums out;
    out.items.resize(items.size());
    int groups = 0;
    for (int g : item_group) groups = std::max(groups, g + 1);
    out.group_respondents.assign((size_t)groups, 0);
    std::unordered_map<std::string, size_t> item_index;
    for (size_t i = 0; i < items.size(); i++) item_index[items[i]] = i;

    // Every perception with its expectation if any, one response after another (key order), so
    // the groups a respondent completed are known when the next response starts.
    OwnedStatement pairs;
    if (!PrepareOnce(db_, "SELECT p.response_id, p.part, p.number_value, e.number_value FROM answer_parts p"
                          " LEFT JOIN answer_parts e ON e.survey_id = p.survey_id AND e.question_id = p.question_id AND e.role = 'expectation'"
                          " AND e.created_ms = p.created_ms AND e.response_id = p.response_id AND e.part = p.part"
                          " WHERE p.question_id = ?5 AND p.role = 'perception' AND " + FilterSql("p") + " ORDER BY p.created_ms, p.response_id", &pairs))
        return out;
    BindFilter(pairs.stmt, filter);
    BindText(pairs.stmt, 5, question_id);
    std::string response;
    uint64_t completed = 0; // bit per group, for the current response
    auto flush = [&] {
        for (int g = 0; g < groups; g++)
            if (completed & (1ull << g)) out.group_respondents[(size_t)g]++;
        if (completed) out.respondents++;
        completed = 0;
    };
    while (sqlite3_step(pairs.stmt) == SQLITE_ROW)
    {
        const char* id = (const char*)sqlite3_column_text(pairs.stmt, 0);
        const size_t id_bytes = (size_t)sqlite3_column_bytes(pairs.stmt, 0);
        if (response.compare(0, std::string::npos, id, id_bytes) != 0)
        {
            flush();
            response.assign(id, id_bytes);
        }
        auto it = item_index.find(ColumnText(pairs.stmt, 1));
        if (it == item_index.end())
            continue;
        GapSums& g = out.items[it->second];
        if (sqlite3_column_type(pairs.stmt, 3) == SQLITE_NULL)
        {
            g.incomplete++; // perception without expectation
            continue;
        }
        g.pairs++;
        g.sum_perception += sqlite3_column_int(pairs.stmt, 2);
        g.sum_expectation += sqlite3_column_int(pairs.stmt, 3);
        completed |= 1ull << item_group[it->second];
    }
    flush();

    // Expectations without a perception (few): counted per item.
    OwnedStatement lone;
    if (!PrepareOnce(db_, "SELECT e.part, COUNT(*) FROM answer_parts e WHERE e.question_id = ?5 AND e.role = 'expectation' AND " + FilterSql("e") +
                          " AND NOT EXISTS (SELECT 1 FROM answer_parts p WHERE p.survey_id = e.survey_id AND p.question_id = e.question_id"
                          " AND p.role = 'perception' AND p.created_ms = e.created_ms AND p.response_id = e.response_id AND p.part = e.part) GROUP BY e.part", &lone))
        return out;
    BindFilter(lone.stmt, filter);
    BindText(lone.stmt, 5, question_id);
    while (sqlite3_step(lone.stmt) == SQLITE_ROW)
    {
        auto it = item_index.find(ColumnText(lone.stmt, 0));
        if (it != item_index.end())
            out.items[it->second].incomplete += sqlite3_column_int64(lone.stmt, 1);
    }
    return out;
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
