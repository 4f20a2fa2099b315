// ComputeScores: the store's aggregates (score counters and answer_parts rows) mapped onto the survey's
// questions, then turned into scores by score_math.cpp.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "core/civil_time.h"
#include "core/scores.h"

namespace manyi {

static const std::vector<int>* FindValueSet(const std::vector<ScoreValueSet>& sets, const std::string& question_id)
{
    for (const ScoreValueSet& s : sets)
        if (s.question_id == question_id)
            return &s.values;
    return nullptr;
}

static std::vector<int> SatisfiedValuesOf(const Survey& survey, const Question& q)
{
    const std::vector<int>* set = FindValueSet(survey.scores.satisfied, q.id);
    return set ? *set : DefaultSatisfiedValues(q.first_value, q.points);
}

static std::vector<int> TopBoxValuesOf(const Survey& survey, const Question& q)
{
    const std::vector<int>* set = FindValueSet(survey.scores.top_box, q.id);
    return set ? *set : DefaultTopBoxValues(q.first_value, q.points);
}

// The scale a question's numbers live on: Nps 0..10 and Ces 1..7 whatever the Question says.
static void ScaleOf(const Question& q, int* first, int* points)
{
    *first = q.type == QuestionType::Nps ? 0 : q.type == QuestionType::Ces ? 1 : q.first_value;
    *points = q.type == QuestionType::Nps ? 11 : q.type == QuestionType::Ces ? 7 : q.points;
}

// Adds `count` answers of grade `value` to per-grade counts; false if off the scale.
static bool AddGrade(std::vector<int64_t>* counts, int first, int value, int64_t count)
{
    const int i = value - first;
    if (i < 0 || i >= (int)counts->size())
        return false;
    (*counts)[i] += count;
    return true;
}

static std::vector<OptionCount> OptionCountsOf(const Question& q)
{
    std::vector<OptionCount> options;
    if (q.type == QuestionType::Consent)
        options = { { "true", 0, {} }, { "false", 0, {} } };
    for (const Choice& c : q.options)
        options.push_back({ c.value, 0, {} });
    return options;
}

static bool AddOption(std::vector<OptionCount>* options, const std::string& value, int64_t count)
{
    for (OptionCount& o : *options)
        if (o.value == value)
        {
            o.count += count;
            return true;
        }
    return false;
}

static void FinishShares(std::vector<OptionCount>* options, int64_t n, int min_n)
{
    for (OptionCount& o : *options)
        o.share = MakeProportion(o.count, n, min_n);
}

static int KanoClassIndex(const std::string& functional, const std::string& dysfunctional)
{
    const std::string category = KanoCategory(functional, dysfunctional);
    for (int c = 0; c < kKanoClassCount; c++)
        if (category == KanoClassName((KanoClass)c))
            return c;
    return -1;
}

// Per-grade counts of the numeric questions, filled while walking CountParts.
struct Tally
{
    std::vector<int64_t>              grades;      // Rating, Nps, Ces
    std::vector<std::vector<int64_t>> row_grades;  // Matrix, parallel to Question::items
    std::vector<int64_t>              row_n;
};

static void ScoreServqual(const Survey& survey, const Question& q, const ResponseStore& store, const AnswerFilter& filter, int min_n,
                          QuestionScores* out)
{
    std::vector<std::string> items;
    std::vector<int> dimension_of;
    for (const SubItem& item : q.items)
    {
        items.push_back(item.id);
        dimension_of.push_back((int)item.dimension);
    }
    const ServqualSums sums = store.SumServqual(filter, q.id, items, dimension_of);

    ServqualScores& s = out->servqual;
    double item_gap_sum[kServqualDimensionCount] = {};
    int items_with_pairs[kServqualDimensionCount] = {}, items_in[kServqualDimensionCount] = {};
    for (size_t i = 0; i < q.items.size(); i++)
    {
        const GapSums& g = sums.items[i];
        const int d = dimension_of[i];
        const double pairs = g.pairs ? (double)g.pairs : 1;
        ServqualItemScores is;
        is.id = q.items[i].id;
        is.dimension = q.items[i].dimension;
        is.expectation = MakeScore(g.sum_expectation / pairs, g.pairs, min_n);
        is.perception = MakeScore(g.sum_perception / pairs, g.pairs, min_n);
        is.gap = MakeScore((g.sum_perception - g.sum_expectation) / pairs, g.pairs, min_n);
        is.incomplete = g.incomplete;
        if (g.pairs > 0)
        {
            item_gap_sum[d] += (g.sum_perception - g.sum_expectation) / pairs;
            items_with_pairs[d]++;
        }
        items_in[d]++;
        s.incomplete += g.incomplete;
        s.items.push_back(std::move(is));
    }
    double weighted = 0, weight_total = 0;
    for (int d = 0; d < kServqualDimensionCount; d++)
    {
        if (!items_in[d])
            continue;
        ServqualDimensionScores ds;
        ds.dimension = (ServqualDimension)d;
        ds.weight = survey.scores.dimension_weights[d];
        ds.items = items_in[d];
        const double gap = items_with_pairs[d] ? item_gap_sum[d] / items_with_pairs[d] : 0;
        const int64_t respondents = d < (int)sums.group_respondents.size() ? sums.group_respondents[(size_t)d] : 0;
        ds.gap = MakeScore(gap, respondents, min_n);
        if (items_with_pairs[d])
        {
            weighted += ds.weight * gap;
            weight_total += ds.weight;
        }
        s.dimensions.push_back(ds);
    }
    s.overall = MakeScore(weight_total > 0 ? weighted / weight_total : 0, weight_total > 0 ? sums.respondents : 0, min_n);
}

static void ScoreKano(const Question& q, const std::vector<KanoPairCount>& pairs, int min_n, QuestionScores* out)
{
    for (const SubItem& feature : q.items)
    {
        int64_t counts[kKanoClassCount] = {};
        for (const KanoPairCount& p : pairs)
            if (p.question_id == q.id && p.feature == feature.id)
            {
                const int c = KanoClassIndex(p.functional, p.dysfunctional);
                if (c >= 0) counts[c] += p.count;
                else out->out_of_scale += p.count;
            }
        out->kano.push_back(KanoFeatureFromCounts(feature.id, counts, min_n));
    }
}

static void ScoreComplaints(const Survey& survey, const ResponseStore& store, const AnswerFilter& filter, const ScoreReport& report, int min_n,
                            ComplaintScores* c)
{
    c->enabled = survey.complaint.enabled;
    if (!c->enabled)
        return;
    for (const QuestionScores& q : report.questions)
    {
        if (q.id == kComplaintType)
        {
            c->n = q.n;
            c->by_type = q.options;
        }
        else if (q.id == kComplaintCause)
            c->by_cause = q.options;
    }
    const FollowUpCounts f = store.CountFollowUps(filter);
    c->callback = MakeProportion(f.callbacks, c->n, min_n);
    c->open = f.open;
    c->contacted = f.contacted;
    c->resolved = f.resolved;
    c->followed_up = MakeProportion(f.contacted + f.resolved, f.callbacks, min_n);
    int64_t rated = 0, satisfied = 0;
    double index_sum = 0;
    for (const PartCount& s : f.satisfaction)
    {
        const int points = atoi(s.part.c_str()); // "5" or "7": SetFollowUp allows nothing else
        if (points < 2)
            continue;
        rated += s.count;
        index_sum += (double)s.count * (s.number - 1) / (points - 1) * 100;
        const std::vector<int> ok = DefaultSatisfiedValues(1, points);
        if (std::find(ok.begin(), ok.end(), s.number) != ok.end())
            satisfied += s.count;
    }
    c->resolution_index = MakeScore(rated ? index_sum / (double)rated : 0, rated, min_n);
    c->resolution_satisfied = MakeProportion(satisfied, rated, min_n);
}

static bool IsHeadline(const Question& q, const Survey& survey)
{
    if (q.type != QuestionType::Rating && q.type != QuestionType::Nps && q.type != QuestionType::Ces)
        return false;
    return !survey.pages[q.page].complaint;
}

static std::string DateOfDay(int64_t day)
{
    int64_t year = 0;
    int month = 0, mday = 0;
    CivilFromDays(day, &year, &month, &mday);
    char text[32];
    snprintf(text, sizeof(text), "%04lld-%02d-%02d", (long long)year, month, mday);
    return text;
}

static void ScoreTrend(const Survey& survey, const ResponseStore& store, const AnswerFilter& filter, int utc_offset_minutes, int min_n,
                       std::vector<TrendSeries>* trend)
{
    std::vector<std::string> ids;
    for (const Question& q : survey.questions)
        if (IsHeadline(q, survey))
            ids.push_back(q.id);
    const std::vector<PartCount> rows = store.CountPartsByDay(filter, ids, utc_offset_minutes);
    for (const Question& q : survey.questions)
    {
        if (!IsHeadline(q, survey))
            continue;
        int first = 0, points = 0;
        ScaleOf(q, &first, &points);
        std::vector<std::pair<int64_t, std::vector<int64_t>>> days; // day → grades, kept sorted
        for (const PartCount& r : rows)
        {
            if (r.question_id != q.id)
                continue;
            auto it = std::lower_bound(days.begin(), days.end(), r.day, [](const auto& d, int64_t day) { return d.first < day; });
            if (it == days.end() || it->first != r.day)
                it = days.insert(it, { r.day, std::vector<int64_t>((size_t)points, 0) });
            AddGrade(&it->second, first, r.number, r.count);
        }
        TrendSeries series;
        series.question_id = q.id;
        series.type = q.type;
        for (const auto& [day, grades] : days)
        {
            TrendDay d;
            d.date = DateOfDay(day);
            for (int64_t c : grades) d.n += c;
            if (d.n == 0)
                continue; // only off-scale answers that day
            if (q.type == QuestionType::Nps) d.nps = NpsFromCounts(grades, min_n);
            else if (q.type == QuestionType::Ces) d.ces = CesFromCounts(grades, min_n);
            else d.rating = RatingScoresFromCounts(grades, first, SatisfiedValuesOf(survey, q), TopBoxValuesOf(survey, q), min_n);
            series.days.push_back(std::move(d));
        }
        trend->push_back(std::move(series));
    }
}

ScoreReport ComputeScores(const Survey& survey, const ResponseStore& store, const ScoreQuery& query)
{
    ScoreReport report;
    report.survey_id = survey.id;
    report.query = query;
    const int min_n = query.min_n > 0 ? query.min_n : survey.scores.min_n;
    report.min_n = min_n;

    AnswerFilter filter;
    filter.survey_id = survey.id;
    filter.survey_version = query.survey_version;
    filter.from_ms = query.from_ms;
    filter.to_ms = query.to_ms;
    filter.use_counters = query.use_counters;
    // One scan for both: the versions' counts add up to the responses of the window.
    report.versions = store.CountVersions(filter);
    for (const VersionCount& v : report.versions)
        if (query.survey_version.empty() || v.version == query.survey_version)
            report.responses += v.responses;

    // Set up every question, then pour the grouped rows into them.
    std::unordered_map<std::string, size_t> index_of;
    std::vector<Tally> tallies(survey.questions.size());
    for (size_t i = 0; i < survey.questions.size(); i++)
    {
        const Question& q = survey.questions[i];
        QuestionScores qs;
        qs.id = q.id;
        qs.type = q.type;
        qs.complaint_form = survey.pages[q.page].complaint;
        qs.options = OptionCountsOf(q);
        int first = 0, points = 0;
        ScaleOf(q, &first, &points);
        if (q.type == QuestionType::Rating || q.type == QuestionType::Nps || q.type == QuestionType::Ces)
            tallies[i].grades.assign((size_t)points, 0);
        if (q.type == QuestionType::Matrix)
        {
            tallies[i].row_grades.assign(q.items.size(), std::vector<int64_t>((size_t)points, 0));
            tallies[i].row_n.assign(q.items.size(), 0);
        }
        index_of[q.id] = i;
        report.questions.push_back(std::move(qs));
    }

    // Text and contact answers only need their n: counted without reading a value.
    std::vector<std::string> question_ids, answered_only_ids;
    for (const Question& q : survey.questions)
        (q.type == QuestionType::Text || q.type == QuestionType::Contact ? answered_only_ids : question_ids).push_back(q.id);
    for (const QuestionCount& c : store.CountAnswered(filter, answered_only_ids))
        report.questions[index_of[c.question_id]].n = c.answered;
    for (const PartCount& c : store.CountParts(filter, question_ids))
    {
        auto it = index_of.find(c.question_id);
        if (it == index_of.end())
            continue;
        const Question& q = survey.questions[it->second];
        QuestionScores& qs = report.questions[it->second];
        Tally& t = tallies[it->second];
        if (c.role.empty())
        {
            qs.n += c.count;
            bool ok = true;
            if (!t.grades.empty())
            {
                int first = 0, points = 0;
                ScaleOf(q, &first, &points);
                ok = c.has_number && AddGrade(&t.grades, first, c.number, c.count);
            }
            else if (q.type == QuestionType::Single)
                ok = AddOption(&qs.options, c.text, c.count);
            else if (q.type == QuestionType::Consent)
                ok = AddOption(&qs.options, c.number ? "true" : "false", c.count);
            if (!ok)
                qs.out_of_scale += c.count;
        }
        else if (c.role == "choice" && q.type == QuestionType::Multiple)
        {
            if (!AddOption(&qs.options, c.text, c.count))
                qs.out_of_scale += c.count;
        }
        else if (c.role == "row" && q.type == QuestionType::Matrix)
        {
            bool ok = false;
            for (size_t r = 0; r < q.items.size() && !ok; r++)
                if (q.items[r].id == c.part)
                {
                    ok = AddGrade(&t.row_grades[r], q.first_value, c.number, c.count);
                    if (ok) t.row_n[r] += c.count;
                }
            if (!ok)
                qs.out_of_scale += c.count;
        }
    }

    std::vector<std::string> kano_ids;
    for (const Question& q : survey.questions)
        if (q.type == QuestionType::Kano) kano_ids.push_back(q.id);
    const std::vector<KanoPairCount> kano_pairs = store.CountKanoPairs(filter, kano_ids);
    for (size_t i = 0; i < survey.questions.size(); i++)
    {
        const Question& q = survey.questions[i];
        QuestionScores& qs = report.questions[i];
        const Tally& t = tallies[i];
        switch (q.type)
        {
        case QuestionType::Rating:
            qs.rating = RatingScoresFromCounts(t.grades, q.first_value, SatisfiedValuesOf(survey, q), TopBoxValuesOf(survey, q), min_n);
            break;
        case QuestionType::Nps: qs.nps = NpsFromCounts(t.grades, min_n); break;
        case QuestionType::Ces: qs.ces = CesFromCounts(t.grades, min_n); break;
        case QuestionType::Single:
        case QuestionType::Multiple:
        case QuestionType::Consent: FinishShares(&qs.options, qs.n, min_n); break;
        case QuestionType::Matrix:
            for (size_t r = 0; r < q.items.size(); r++)
                qs.rows.push_back({ q.items[r].id, t.row_n[r],
                                    RatingScoresFromCounts(t.row_grades[r], q.first_value, SatisfiedValuesOf(survey, q), TopBoxValuesOf(survey, q), min_n) });
            break;
        case QuestionType::Servqual: ScoreServqual(survey, q, store, filter, min_n, &qs); break;
        case QuestionType::Kano: ScoreKano(q, kano_pairs, min_n, &qs); break;
        case QuestionType::Text:
        case QuestionType::Contact: break;
        }
    }

    ScoreComplaints(survey, store, filter, report, min_n, &report.complaints);
    ScoreTrend(survey, store, filter, query.utc_offset_minutes, min_n, &report.trend);
    return report;
}

} // namespace manyi
