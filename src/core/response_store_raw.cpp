// The raw readers (response_store_pieces.h): aggregates straight from the answer_parts rows of a
// time range. They answer the parts of slots at a window's edges, and a whole window when the
// filter asks for no counters (the reference the counters are tested against). Each query's
// parameters ?1..?4 are the survey, the range and the version (RangeSql / BindRange).
#include <algorithm>
#include <unordered_map>

#include "core/response_store_pieces.h"
#include "core/sqlite_util.h"

namespace manyi {

// The WHERE terms of a survey, version and time range on a table alias ("" = none).
static std::string RangeSql(const char* alias)
{
    const std::string a = alias[0] ? std::string(alias) + "." : "";
    return a + "survey_id = ?1 AND " + a + "created_ms >= ?2 AND " + a + "created_ms < ?3 AND (?4 = '' OR " + a + "survey_version = ?4)";
}

static void BindRange(sqlite3_stmt* stmt, const AnswerFilter& f, const TimeRange& r, const std::string& version)
{
    sqlite3_reset(stmt);
    BindText(stmt, 1, f.survey_id);
    sqlite3_bind_int64(stmt, 2, r.from);
    sqlite3_bind_int64(stmt, 3, r.to);
    BindText(stmt, 4, version);
}

static bool Prepare(sqlite3* db, const std::string& sql, OwnedStatement* q)
{
    return db && sqlite3_prepare_v2(db, sql.c_str(), -1, &q->stmt, nullptr) == SQLITE_OK;
}

std::string ListSql(size_t count, int first)
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

void BindList(sqlite3_stmt* stmt, const std::vector<std::string>& values, int first)
{
    for (size_t i = 0; i < values.size(); i++)
        BindText(stmt, first + (int)i, values[i]);
}

int64_t LocalDay(int64_t ms, int utc_offset_minutes) { return FloorDiv(ms + (int64_t)utc_offset_minutes * 60000, kCountLevelMs[kCountLevels - 1]); }

void RawAnswered(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, AnsweredTally* out)
{
    OwnedStatement q;
    if (ranges.empty() || ids.empty() ||
        !Prepare(db, "SELECT question_id, COUNT(*) FROM answer_parts WHERE question_id IN (" + ListSql(ids.size(), 5) + ") AND role = '' AND " + RangeSql("") +
                         " GROUP BY survey_id, question_id", &q))
        return;
    for (const TimeRange& r : ranges)
    {
        BindRange(q.stmt, f, r, f.survey_version);
        BindList(q.stmt, ids, 5);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[ColumnText(q.stmt, 0)] += sqlite3_column_int64(q.stmt, 1);
    }
}

// Adds a run's short list (see RawParts) into the tally.
static void AddParts(const std::vector<PartCount>& counts, PartTally* out)
{
    for (const PartCount& c : counts)
        (*out)[{ c.question_id, c.role, c.part, c.has_number, c.number, c.text }] += c.count;
}

void RawParts(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, PartTally* out)
{
    // The IN lists turn the scan into one key range per question and role (halves and questions
    // the survey does not have are never read); rows arrive in key order, so each (question, role)
    // is one run and its values are counted here in a short list. Measured on 10,000 all-types
    // responses: 150 ms for GROUP BY over the five columns (SQLite sorts every row), 40-55 ms
    // this way.
    OwnedStatement q;
    if (ranges.empty() || ids.empty() ||
        !Prepare(db, "SELECT question_id, role, part, number_value, text_value FROM answer_parts WHERE question_id IN (" + ListSql(ids.size(), 5) +
                         ") AND role IN ('', 'choice', 'row') AND " + RangeSql("") + " ORDER BY survey_id, question_id, role", &q))
        return;
    for (const TimeRange& r : ranges)
    {
        BindRange(q.stmt, f, r, f.survey_version);
        BindList(q.stmt, ids, 5);
        std::vector<PartCount> counts;
        std::string question, role;
        size_t run_start = 0; // first PartCount of the current (question, role) run
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
        {
            const unsigned char* qid = sqlite3_column_text(q.stmt, 0);
            const int qid_bytes = sqlite3_column_bytes(q.stmt, 0);
            const unsigned char* rl = sqlite3_column_text(q.stmt, 1);
            const int rl_bytes = sqlite3_column_bytes(q.stmt, 1);
            if (question.compare(0, std::string::npos, (const char*)qid, (size_t)qid_bytes) != 0 ||
                role.compare(0, std::string::npos, (const char*)rl, (size_t)rl_bytes) != 0)
            {
                question.assign((const char*)qid, (size_t)qid_bytes);
                role.assign((const char*)rl, (size_t)rl_bytes);
                run_start = counts.size();
            }
            const bool has_number = sqlite3_column_type(q.stmt, 3) != SQLITE_NULL;
            const int number = sqlite3_column_int(q.stmt, 3);
            const unsigned char* part = sqlite3_column_text(q.stmt, 2);
            const size_t part_bytes = (size_t)sqlite3_column_bytes(q.stmt, 2);
            const unsigned char* text = sqlite3_column_text(q.stmt, 4);
            const size_t text_bytes = text ? (size_t)sqlite3_column_bytes(q.stmt, 4) : 0;
            // A run has as many distinct values as the question has grades, options or rows x grades.
            PartCount* found = nullptr;
            for (size_t i = run_start; i < counts.size() && !found; i++)
            {
                PartCount& c = counts[i];
                if (c.has_number == has_number && c.number == number && c.part.size() == part_bytes && c.text.size() == text_bytes &&
                    c.part.compare(0, std::string::npos, (const char*)part, part_bytes) == 0 &&
                    (!text || c.text.compare(0, std::string::npos, (const char*)text, text_bytes) == 0))
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
                counts.push_back(std::move(c));
                found = &counts.back();
            }
            found->count++;
        }
        AddParts(counts, out);
    }
}

void RawByDay(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, int utc_offset_minutes, DayTally* out)
{
    // Key order gives each question's answers by time, so local days come one after another and
    // each day's values are counted in a short list, with no sort (see RawParts).
    OwnedStatement q;
    if (ranges.empty() || ids.empty() ||
        !Prepare(db, "SELECT question_id, created_ms, number_value FROM answer_parts WHERE question_id IN (" + ListSql(ids.size(), 5) + ") AND role = '' AND " +
                         RangeSql("") + " AND number_value IS NOT NULL ORDER BY survey_id, question_id, role, created_ms", &q))
        return;
    for (const TimeRange& r : ranges)
    {
        BindRange(q.stmt, f, r, f.survey_version);
        BindList(q.stmt, ids, 5);
        std::vector<PartCount> counts;
        std::string question;
        int64_t day = INT64_MIN;
        size_t run_start = 0;
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
        {
            const char* qid = (const char*)sqlite3_column_text(q.stmt, 0);
            const size_t qid_bytes = (size_t)sqlite3_column_bytes(q.stmt, 0);
            const int64_t row_day = LocalDay(sqlite3_column_int64(q.stmt, 1), utc_offset_minutes);
            const int number = sqlite3_column_int(q.stmt, 2);
            if (row_day != day || question.compare(0, std::string::npos, qid, qid_bytes) != 0)
            {
                question.assign(qid, qid_bytes);
                day = row_day;
                run_start = counts.size();
            }
            PartCount* found = nullptr;
            for (size_t i = run_start; i < counts.size() && !found; i++)
                if (counts[i].number == number)
                    found = &counts[i];
            if (!found)
            {
                PartCount c;
                c.question_id = question;
                c.day = day;
                c.has_number = true;
                c.number = number;
                counts.push_back(std::move(c));
                found = &counts.back();
            }
            found->count++;
        }
        for (const PartCount& c : counts)
            (*out)[{ c.question_id, c.day, c.number }] += c.count;
    }
}

void RawKano(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, KanoTally* out)
{
    OwnedStatement q;
    if (ranges.empty() || ids.empty() ||
        !Prepare(db, "SELECT f.question_id, f.part, f.text_value, d.text_value, COUNT(*) FROM answer_parts f"
                     " JOIN answer_parts d ON d.survey_id = f.survey_id AND d.created_ms = f.created_ms AND d.response_id = f.response_id AND d.question_id = f.question_id AND d.role = 'dysfunctional' AND d.part = f.part"
                     " WHERE f.question_id IN (" + ListSql(ids.size(), 5) + ") AND f.role = 'functional' AND " + RangeSql("f") +
                         " GROUP BY f.question_id, f.part, f.text_value, d.text_value", &q))
        return;
    for (const TimeRange& r : ranges)
    {
        BindRange(q.stmt, f, r, f.survey_version);
        BindList(q.stmt, ids, 5);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[{ ColumnText(q.stmt, 0), ColumnText(q.stmt, 1), ColumnText(q.stmt, 2), ColumnText(q.stmt, 3) }] += sqlite3_column_int64(q.stmt, 4);
    }
}

// One range of SumServqual: every perception with its expectation if any, one response after
// another (key order), so the groups a respondent completed are known when the next one starts;
// then the expectations without a perception (few), per item.
static void RawServqualRange(sqlite3_stmt* pairs, sqlite3_stmt* lone, const AnswerFilter& f, const TimeRange& r, const ServqualAsk& ask,
                             const std::unordered_map<std::string, size_t>& item_index, ServqualSums* out)
{
    const int groups = (int)out->group_respondents.size();
    BindRange(pairs, f, r, f.survey_version);
    BindText(pairs, 5, ask.question_id);
    std::string response;
    uint64_t completed = 0; // bit per group, for the current response
    auto flush = [&] {
        for (int g = 0; g < groups; g++)
            if (completed & (1ull << g)) out->group_respondents[(size_t)g]++;
        if (completed) out->respondents++;
        completed = 0;
    };
    while (sqlite3_step(pairs) == SQLITE_ROW)
    {
        const char* id = (const char*)sqlite3_column_text(pairs, 0);
        const size_t id_bytes = (size_t)sqlite3_column_bytes(pairs, 0);
        if (response.compare(0, std::string::npos, id, id_bytes) != 0)
        {
            flush();
            response.assign(id, id_bytes);
        }
        auto it = item_index.find(ColumnText(pairs, 1));
        if (it == item_index.end())
            continue;
        GapSums& g = out->items[it->second];
        if (sqlite3_column_type(pairs, 3) == SQLITE_NULL)
        {
            g.incomplete++; // perception without expectation
            continue;
        }
        g.pairs++;
        g.sum_perception += sqlite3_column_int(pairs, 2);
        g.sum_expectation += sqlite3_column_int(pairs, 3);
        completed |= 1ull << (*ask.item_group)[it->second];
    }
    flush();

    BindRange(lone, f, r, f.survey_version);
    BindText(lone, 5, ask.question_id);
    while (sqlite3_step(lone) == SQLITE_ROW)
    {
        auto it = item_index.find(ColumnText(lone, 0));
        if (it != item_index.end())
            out->items[it->second].incomplete += sqlite3_column_int64(lone, 1);
    }
}

void RawServqual(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const ServqualAsk& ask, ServqualSums* out)
{
    std::unordered_map<std::string, size_t> item_index;
    for (size_t i = 0; i < ask.items->size(); i++) item_index[(*ask.items)[i]] = i;
    OwnedStatement pairs, lone;
    if (ranges.empty() ||
        !Prepare(db, "SELECT p.response_id, p.part, p.number_value, e.number_value FROM answer_parts p"
                     " LEFT JOIN answer_parts e ON e.survey_id = p.survey_id AND e.question_id = p.question_id AND e.role = 'expectation'"
                     " AND e.created_ms = p.created_ms AND e.response_id = p.response_id AND e.part = p.part"
                     " WHERE p.question_id = ?5 AND p.role = 'perception' AND " + RangeSql("p") + " ORDER BY p.created_ms, p.response_id", &pairs) ||
        !Prepare(db, "SELECT e.part, COUNT(*) FROM answer_parts e WHERE e.question_id = ?5 AND e.role = 'expectation' AND " + RangeSql("e") +
                     " AND NOT EXISTS (SELECT 1 FROM answer_parts p WHERE p.survey_id = e.survey_id AND p.question_id = e.question_id"
                     " AND p.role = 'perception' AND p.created_ms = e.created_ms AND p.response_id = e.response_id AND p.part = e.part) GROUP BY e.part", &lone))
        return;
    for (const TimeRange& r : ranges)
        RawServqualRange(pairs.stmt, lone.stmt, f, r, ask, item_index, out);
}

void RawVersions(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, VersionTally* out)
{
    OwnedStatement q;
    if (ranges.empty() || !Prepare(db, "SELECT survey_version, COUNT(*) FROM responses WHERE " + RangeSql("") + " GROUP BY survey_version", &q))
        return;
    for (const TimeRange& r : ranges)
    {
        BindRange(q.stmt, f, r, "");
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[ColumnText(q.stmt, 0)] += sqlite3_column_int64(q.stmt, 1);
    }
}

void RawFollowUps(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, FollowUpTally* out)
{
    OwnedStatement q;
    if (ranges.empty() ||
        !Prepare(db, "SELECT COALESCE(f.state, 0), f.satisfaction, f.satisfaction_points, COUNT(*) FROM answer_parts a"
                     " LEFT JOIN followups f ON f.response_id = a.response_id"
                     " WHERE a.question_id = 'complaint.callback' AND a.role = '' AND a.number_value = 1 AND " + RangeSql("a") +
                         " GROUP BY 1, 2, 3", &q))
        return;
    for (const TimeRange& r : ranges)
    {
        BindRange(q.stmt, f, r, f.survey_version);
        while (sqlite3_step(q.stmt) == SQLITE_ROW)
            (*out)[{ sqlite3_column_int(q.stmt, 0), sqlite3_column_int(q.stmt, 1), sqlite3_column_int(q.stmt, 2) }] += sqlite3_column_int64(q.stmt, 3);
    }
}

void AddServqual(ServqualSums* into, const ServqualSums& add)
{
    for (size_t i = 0; i < into->items.size() && i < add.items.size(); i++)
    {
        into->items[i].pairs += add.items[i].pairs;
        into->items[i].sum_expectation += add.items[i].sum_expectation;
        into->items[i].sum_perception += add.items[i].sum_perception;
        into->items[i].incomplete += add.items[i].incomplete;
    }
    for (size_t g = 0; g < into->group_respondents.size() && g < add.group_respondents.size(); g++)
        into->group_respondents[g] += add.group_respondents[g];
    into->respondents += add.respondents;
}

} // namespace manyi
