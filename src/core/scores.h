// Satisfaction scores computed on the device from the stored responses (docs/scores.md has every
// formula and its source). Plain data in, plain data out: the dashboard draws a ScoreReport, the
// widget's stats() and `manyi score` print ScoreReportToJson.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/response_store.h"
#include "core/survey.h"

namespace manyi {

struct ScoreQuery
{
    int64_t     from_ms = 0;            // responses created at or after this (Unix ms); 0 = open
    int64_t     to_ms = 0;              // ... and before this; 0 = open
    std::string survey_version;         // "" = every version
    int         utc_offset_minutes = 0; // local days of the trend are UTC + this (480 for China)
    int         min_n = 0;              // 0 = the survey's scores.min_n (default kScoreDefaultMinN)
    bool        use_counters = true;    // false: every count from the raw rows (AnswerFilter::use_counters)
};

// A mean, index or gap. When insufficient (n == 0 or n < min n) `value` must not be shown.
// Means of grades (rating mean and index, CES mean) also carry their 95% confidence interval
// [low, high] (MeanInterval); `has_interval` is false for other scores and when n < 2.
struct Score
{
    int64_t n = 0;
    bool    insufficient = true;
    double  value = 0;
    bool    has_interval = false;
    double  low = 0, high = 0;
};

// count / n in 0..1 with its 95% Wilson interval [low, high]. Same rule for insufficient.
struct Proportion
{
    int64_t n = 0, count = 0;
    bool    insufficient = true;
    double  value = 0, low = 0, high = 0;
};

struct Interval
{
    double low = 0, high = 0;
};

// The Wilson score interval (Wilson 1927) for count successes out of n, at z (95%: 1.959964).
// n == 0 gives [0, 1]. Always 0 <= low <= count/n <= high <= 1.
Interval WilsonInterval(int64_t count, int64_t n, double z = 1.959963984540054);

// Student's t quantile t(0.975, df): the 95% two-sided critical value (df >= 1).
double StudentT975(int64_t df);

// The 95% t interval of a mean (Student 1908): mean ± t(0.975, n − 1) · s / √n, with s the sample
// standard deviation (n − 1 in the denominator), clamped to [lo, hi], the scale's ends. n < 2
// gives {mean, mean}.
Interval MeanInterval(double mean, double sample_sd, int64_t n, double lo, double hi);

Score      MakeScore(double value, int64_t n, int min_n);
Proportion MakeProportion(int64_t count, int64_t n, int min_n);

// Rating questions and matrix rows: `counts` per grade, worst first (counts[i] = grade first_value + i).
struct RatingScores
{
    int                  first_value = 1;
    std::vector<int64_t> counts;
    Score                mean;    // in grades
    Score                index;   // 0..100, linear over the grades: worst 0, best 100
    Proportion           satisfied;
    std::vector<int>     satisfied_values;
    Proportion           top_box;  // CSAT
    std::vector<int>     top_box_values;
};

// Default grade sets (docs/scores.md): satisfied = top 3 of 7 (较满意 满意 很满意), top 2 of 5
// (满意 很满意), otherwise the grades above the middle; top box = the top 2 grades.
std::vector<int> DefaultSatisfiedValues(int first_value, int points);
std::vector<int> DefaultTopBoxValues(int first_value, int points);

RatingScores RatingScoresFromCounts(const std::vector<int64_t>& counts, int first_value, const std::vector<int>& satisfied_values,
                                    const std::vector<int>& top_box_values, int min_n);

// NPS (Reichheld 2003): counts[0..10]. Promoters 9–10, passives 7–8, detractors 0–6.
struct NpsScores
{
    std::vector<int64_t> counts;      // 11
    int64_t              promoters = 0, passives = 0, detractors = 0;
    Score                nps;         // −100..100
    double               margin = 0;  // 95% margin of error in NPS points (when nps is sufficient)
    Proportion           promoter_share, detractor_share;
};
NpsScores NpsFromCounts(const std::vector<int64_t>& counts, int min_n);

// CES: counts[0..6] for 1..7.
struct CesScores
{
    std::vector<int64_t> counts;   // 7
    Score                mean;     // 1..7
    Proportion           easy;     // share of 5..7
};
CesScores CesFromCounts(const std::vector<int64_t>& counts, int min_n);

// A choice (single, multiple, consent "true"/"false", complaint type/cause) and its share of the
// question's respondents.
struct OptionCount
{
    std::string value;
    int64_t     count = 0;
    Proportion  share;
};

struct MatrixRowScores
{
    std::string  id;
    int64_t      n = 0;
    RatingScores rating;
};

// SERVQUAL (Parasuraman, Zeithaml & Berry 1988): gap = perception − expectation. Only complete
// pairs count; an item answered on one side only is excluded and counted in `incomplete`.
struct ServqualItemScores
{
    std::string       id;
    ServqualDimension dimension = ServqualDimension::Reliability;
    Score             expectation, perception, gap; // n = complete pairs
    int64_t           incomplete = 0;
};
struct ServqualDimensionScores
{
    ServqualDimension dimension = ServqualDimension::Reliability;
    double            weight = 1;  // as configured (relative)
    int               items = 0;   // items of the survey in this dimension
    Score             gap;         // mean of its items' gaps; n = respondents with a complete pair in it
};
struct ServqualScores
{
    std::vector<ServqualItemScores>      items;
    std::vector<ServqualDimensionScores> dimensions; // those the survey uses, in dimension order
    Score                                overall;    // weighted mean of the dimension gaps
    int64_t                              incomplete = 0;
};

// KANO (Kano et al. 1984): each complete functional/dysfunctional pair classified by the standard
// evaluation table (KanoCategory in survey.h).
enum class KanoClass { Attractive, OneDimensional, MustBe, Indifferent, Reverse, Questionable };
constexpr int kKanoClassCount = 6;
const char* KanoClassName(KanoClass c); // "attractive", "one-dimensional", ... as in the payload

struct KanoFeatureScores
{
    std::string id;
    int64_t     counts[kKanoClassCount] = {}; // by KanoClass
    int64_t     n = 0;              // complete pairs, questionable included
    // Majority over A, O, M, I, R (questionable pairs are not a category of the feature); ties go
    // to the first of M > O > A > I > R (Berger et al. 1993) and set `tie`. Insufficient below min n
    // of those pairs.
    bool        category_insufficient = true;
    KanoClass   category = KanoClass::Indifferent;
    int64_t     category_n = 0;
    bool        tie = false;
    // Berger et al. 1993: better = (A+O)/(A+O+M+I), worse = −(O+M)/(A+O+M+I). `worse` is stored
    // negative, with its interval negated (low = −Wilson high); its count is O+M.
    Proportion  better, worse;
};
KanoFeatureScores KanoFeatureFromCounts(const std::string& id, const int64_t counts[kKanoClassCount], int min_n);

struct QuestionScores
{
    std::string  id;
    QuestionType type = QuestionType::Rating;
    bool         complaint_form = false;
    int64_t      n = 0;            // respondents who answered it
    int64_t      out_of_scale = 0; // answers outside the question's scale or options (left out of scores)
    RatingScores rating;           // Rating
    NpsScores    nps;              // Nps
    CesScores    ces;              // Ces
    std::vector<OptionCount>       options; // Single, Multiple (in option order), Consent ("true", "false")
    std::vector<MatrixRowScores>   rows;    // Matrix
    ServqualScores                 servqual;
    std::vector<KanoFeatureScores> kano;
};

// Complaints (the complaint form's answers and the follow-up records).
struct ComplaintScores
{
    bool                     enabled = false; // the survey has a complaint form
    int64_t                  n = 0;           // complaints: responses with a complaint.type
    std::vector<OptionCount> by_type, by_cause; // shares of complaints / of those that gave a cause
    Proportion               callback;        // asked for a callback, of n
    int64_t                  open = 0, contacted = 0, resolved = 0; // callbacks by follow-up state
    Proportion               followed_up;     // (contacted + resolved) / callbacks: the 回访 rate
    Score                    resolution_index;     // 0..100 over the rated resolutions
    Proportion               resolution_satisfied; // rated satisfied with the resolution
};

// One local day of a headline question: which member is filled depends on the question's type.
struct TrendDay
{
    std::string  date;  // "2026-11-23" (local)
    int64_t      n = 0;
    RatingScores rating;
    NpsScores    nps;
    CesScores    ces;
};
struct TrendSeries
{
    std::string           question_id;
    QuestionType          type = QuestionType::Rating;
    std::vector<TrendDay> days; // days with answers only, oldest first
};

struct ScoreReport
{
    std::string               survey_id;
    ScoreQuery                query;        // as given
    int                       min_n = 0;    // in effect
    int64_t                   responses = 0;
    std::vector<VersionCount> versions;     // every version in the time window, whatever the filter
    std::vector<QuestionScores> questions;  // survey order, complaint form included
    ComplaintScores           complaints;
    std::vector<TrendSeries>  trend;        // rating, nps and ces questions outside the complaint form
};

// Scores of the survey's questions over the responses to survey.id in the query's window.
// Answers to ids the survey does not have are ignored.
ScoreReport ComputeScores(const Survey& survey, const ResponseStore& store, const ScoreQuery& query);

// Stable JSON ("format": "manyi.scores/1"), documented in docs/scores.md.
std::string ScoreReportToJson(const ScoreReport& report);

} // namespace manyi
