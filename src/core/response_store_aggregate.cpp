// ResponseStore: follow-up records and the aggregate queries scores are computed from. Each
// aggregate splits its window into whole time buckets, read from the score counters, and the
// parts of slots at its edges, read from the answer_parts rows (response_store_pieces.h), and
// adds the pieces up into what one scan of the window's rows gives.
#include <algorithm>
#include <climits>

#include "core/response_store.h"
#include "core/response_store_pieces.h"
#include "core/sqlite_util.h"
#include "core/survey.h"

namespace manyi {

// The WHERE terms of an AnswerFilter on a table alias ("" = none).
static std::string FilterSql(const char* alias)
{
    const std::string a = alias[0] ? std::string(alias) + "." : "";
    return a + "survey_id = ?1 AND " + a + "created_ms >= ?2 AND " + a + "created_ms < ?3 AND (?4 = '' OR " + a + "survey_version = ?4)";
}

static TimeRange WindowOf(const AnswerFilter& f)
{
    return { f.from_ms ? f.from_ms : INT64_MIN, f.to_ms ? f.to_ms : INT64_MAX };
}

static void BindFilter(sqlite3_stmt* stmt, const AnswerFilter& f)
{
    const TimeRange w = WindowOf(f);
    BindText(stmt, 1, f.survey_id);
    sqlite3_bind_int64(stmt, 2, w.from);
    sqlite3_bind_int64(stmt, 3, w.to);
    BindText(stmt, 4, f.survey_version);
}

static bool PrepareOnce(sqlite3* db, const std::string& sql, OwnedStatement* q)
{
    return db && sqlite3_prepare_v2(db, sql.c_str(), -1, &q->stmt, nullptr) == SQLITE_OK;
}

// The window as counted buckets and raw edges; all raw without the counters, or if the counters
// of a bulk load could not be written.
WindowPlan ResponseStore::PlanFor(const AnswerFilter& f) const
{
    if (!f.use_counters || !FlushPendingCounts(nullptr))
        return { { WindowOf(f) }, {} };
    return PlanWindow(WindowOf(f));
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
    // The record and the counters of callbacks by follow-up (D16) change together.
    if (!Exec("SAVEPOINT set_followup", error))
        return false;
    if (StoreFollowUp(f, error) && Exec("RELEASE set_followup", error))
        return true;
    Exec("ROLLBACK TO set_followup", nullptr);
    Exec("RELEASE set_followup", nullptr);
    return false;
}

bool ResponseStore::StoreFollowUp(const FollowUp& f, std::string* error)
{
    auto fail = [&](const std::string& message) {
        if (error) *error = message;
        return false;
    };
    // The response's bucket, whether it asked for a callback, and the record it had.
    OwnedStatement before;
    if (!PrepareOnce(db_, "SELECT r.survey_id, r.survey_version, r.created_ms, EXISTS (SELECT 1 FROM answer_parts a WHERE a.survey_id = r.survey_id"
                          " AND a.question_id = 'complaint.callback' AND a.role = '' AND a.created_ms = r.created_ms AND a.response_id = r.id AND a.part = ''"
                          " AND a.number_value = 1), f.state, f.satisfaction, f.satisfaction_points FROM responses r LEFT JOIN followups f ON f.response_id = r.id"
                          " WHERE r.id = ?1", &before))
        return fail(std::string("cannot prepare follow-up: ") + sqlite3_errmsg(db_));
    BindText(before.stmt, 1, f.response_id);
    if (sqlite3_step(before.stmt) != SQLITE_ROW)
        return fail("no stored response " + f.response_id);
    const std::string survey_id = ColumnText(before.stmt, 0), version = ColumnText(before.stmt, 1);
    const int64_t created_ms = sqlite3_column_int64(before.stmt, 2);
    const bool callback = sqlite3_column_int(before.stmt, 3) != 0;
    const bool had_record = sqlite3_column_type(before.stmt, 4) != SQLITE_NULL;
    const CountDelta old_record = FollowUpCountDelta(sqlite3_column_int(before.stmt, 4), sqlite3_column_int(before.stmt, 5), sqlite3_column_int(before.stmt, 6));
    sqlite3_reset(before.stmt);
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
    if (!callback)
        return true; // only callbacks are scored by follow-up
    return (!had_record || ApplyCounts(survey_id, version, created_ms, { old_record }, -1, error)) &&
           ApplyCounts(survey_id, version, created_ms, { FollowUpCountDelta((int)f.state, f.satisfaction, f.satisfaction_points) }, 1, error);
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
    AnsweredTally tally;
    const WindowPlan plan = PlanFor(filter);
    RawAnswered(db_, filter, plan.raw, question_ids, &tally);
    CountedAnswered(db_, filter, plan.counted, question_ids, &tally);
    std::vector<QuestionCount> out;
    for (const auto& [question, answered] : tally)
        out.push_back({ question, answered });
    return out;
}

static std::vector<PartCount> PartCountsOf(const PartTally& tally)
{
    std::vector<PartCount> out;
    for (const auto& [key, count] : tally)
    {
        if (count == 0)
            continue;
        PartCount c;
        std::tie(c.question_id, c.role, c.part, c.has_number, c.number, c.text) = key;
        c.count = count;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<PartCount> ResponseStore::CountParts(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const
{
    PartTally tally;
    const WindowPlan plan = PlanFor(filter);
    RawParts(db_, filter, plan.raw, question_ids, &tally);
    CountedParts(db_, filter, plan.counted, question_ids, &tally);
    return PartCountsOf(tally);
}

// The first and last time of the survey's responses in the window, every version (a day without
// the version's responses adds nothing), purged ones too: the slots of kept_counts, cut to the
// window (D20). false if there are none.
static bool TimeSpan(sqlite3* db, const AnswerFilter& f, int64_t* first, int64_t* last)
{
    AnswerFilter every = f;
    every.survey_version.clear();
    // Two one-row index reads: MIN and MAX in one query would scan the range.
    OwnedStatement oldest, newest, kept_oldest, kept_newest;
    const std::string kept = "SELECT slot FROM kept_counts WHERE survey_id = ?1 AND question_id = '' AND role = 'response' AND slot >= ?2 AND slot < ?3 ORDER BY slot";
    if (!PrepareOnce(db, "SELECT created_ms FROM responses WHERE " + FilterSql("") + " ORDER BY created_ms LIMIT 1", &oldest) ||
        !PrepareOnce(db, "SELECT created_ms FROM responses WHERE " + FilterSql("") + " ORDER BY created_ms DESC LIMIT 1", &newest) ||
        !PrepareOnce(db, kept + " LIMIT 1", &kept_oldest) || !PrepareOnce(db, kept + " DESC LIMIT 1", &kept_newest))
        return false;
    BindFilter(oldest.stmt, every);
    BindFilter(newest.stmt, every);
    bool any = false;
    if (sqlite3_step(oldest.stmt) == SQLITE_ROW && sqlite3_step(newest.stmt) == SQLITE_ROW)
    {
        *first = sqlite3_column_int64(oldest.stmt, 0);
        *last = sqlite3_column_int64(newest.stmt, 0);
        any = true;
    }
    // The slots that hold some of the window (PlanDays cuts them to it).
    const TimeRange w = WindowOf(f);
    const int64_t slot = kCountLevelMs[0];
    const int64_t from_slot = w.from == INT64_MIN ? INT64_MIN : FloorDiv(w.from, slot);
    const int64_t to_slot = w.to == INT64_MAX ? INT64_MAX : FloorDiv(w.to - 1, slot) + 1;
    for (sqlite3_stmt* q : { kept_oldest.stmt, kept_newest.stmt })
    {
        BindText(q, 1, f.survey_id);
        sqlite3_bind_int64(q, 2, from_slot);
        sqlite3_bind_int64(q, 3, to_slot);
    }
    if (sqlite3_step(kept_oldest.stmt) == SQLITE_ROW && sqlite3_step(kept_newest.stmt) == SQLITE_ROW)
    {
        const int64_t kept_first = sqlite3_column_int64(kept_oldest.stmt, 0) * slot;
        const int64_t kept_last = sqlite3_column_int64(kept_newest.stmt, 0) * slot + slot - 1;
        *first = any ? std::min(*first, kept_first) : kept_first;
        *last = any ? std::max(*last, kept_last) : kept_last;
        any = true;
    }
    return any;
}

std::vector<PartCount> ResponseStore::CountPartsByDay(const AnswerFilter& filter, const std::vector<std::string>& question_ids, int utc_offset_minutes) const
{
    DayTally tally;
    WindowPlan plan = PlanFor(filter);
    int64_t first = 0, last = 0;
    if (!plan.counted.empty()) // counted: each local day of the responses on its own
        plan = TimeSpan(db_, filter, &first, &last) ? PlanDays(WindowOf(filter), first, last, utc_offset_minutes) : WindowPlan{};
    RawByDay(db_, filter, plan.raw, question_ids, utc_offset_minutes, &tally);
    CountedByDay(db_, filter, plan.counted, question_ids, utc_offset_minutes, &tally);
    std::vector<PartCount> out;
    for (const auto& [key, count] : tally)
    {
        PartCount c;
        std::tie(c.question_id, c.day, c.number) = key;
        c.has_number = true;
        c.count = count;
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<KanoPairCount> ResponseStore::CountKanoPairs(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const
{
    KanoTally tally;
    const WindowPlan plan = PlanFor(filter);
    RawKano(db_, filter, plan.raw, question_ids, &tally);
    CountedKano(db_, filter, plan.counted, question_ids, &tally);
    std::vector<KanoPairCount> out;
    for (const auto& [key, count] : tally)
    {
        KanoPairCount c;
        std::tie(c.question_id, c.feature, c.functional, c.dysfunctional) = key;
        c.count = count;
        out.push_back(std::move(c));
    }
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
    const ServqualAsk ask{ question_id, &items, &item_group };
    const WindowPlan plan = PlanFor(filter);
    RawServqual(db_, filter, plan.raw, ask, &out);
    CountedServqual(db_, filter, plan.counted, ask, &out);
    return out;
}

std::vector<VersionCount> ResponseStore::CountVersions(const AnswerFilter& filter) const
{
    VersionTally tally;
    const WindowPlan plan = PlanFor(filter);
    RawVersions(db_, filter, plan.raw, &tally);
    CountedVersions(db_, filter, plan.counted, &tally);
    std::vector<VersionCount> out; // by version, as SQLite orders text (bytes)
    for (const auto& [version, responses] : tally)
        if (responses > 0)
            out.push_back({ version, responses });
    return out;
}

FollowUpCounts ResponseStore::CountFollowUps(const AnswerFilter& filter) const
{
    FollowUpTally tally;
    const WindowPlan plan = PlanFor(filter);
    RawFollowUps(db_, filter, plan.raw, &tally);
    CountedFollowUps(db_, filter, plan.counted, &tally);
    // By (state, satisfaction, points), the order of the raw GROUP BY: ratings are added up in it.
    FollowUpCounts c;
    for (const auto& [key, n] : tally)
    {
        const auto [state, satisfaction, points] = key;
        c.callbacks += n;
        (state == 2 ? c.resolved : state == 1 ? c.contacted : c.open) += n;
        if (satisfaction > 0 && n > 0)
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
