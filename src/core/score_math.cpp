// The formulas of docs/scores.md, from counts to scores. No storage, no survey: every function
// here is a pure function of its counts so it can be checked against hand-computed values.
#include <algorithm>
#include <cmath>

#include "core/scores.h"

namespace manyi {

Interval WilsonInterval(int64_t count, int64_t n, double z)
{
    if (n <= 0)
        return { 0, 1 };
    const double nn = (double)n;
    const double p = (double)count / nn;
    const double z2 = z * z;
    const double denominator = 1 + z2 / nn;
    const double center = (p + z2 / (2 * nn)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
    // Clamped so rounding never puts the estimate outside its own interval (p = 0 or 1 exactly).
    return { std::clamp(std::min(center - half, p), 0.0, 1.0), std::clamp(std::max(center + half, p), 0.0, 1.0) };
}

double StudentT975(int64_t df)
{
    // Exact to 4 decimals from the standard table up to 30 degrees of freedom; beyond, the
    // Cornish–Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5), within 1e-4 of the table there.
    static const double kTable[31] = { 0,       12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                                       2.2010, 2.1788,  2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860, 2.0796,
                                       2.0739, 2.0687,  2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423 };
    if (df < 1)
        df = 1;
    if (df <= 30)
        return kTable[df];
    const double z = 1.959963984540054, z2 = z * z, d = (double)df;
    const double g1 = (z2 * z + z) / 4;
    const double g2 = (5 * z2 * z2 * z + 16 * z2 * z + 3 * z) / 96;
    const double g3 = (3 * z2 * z2 * z2 * z + 19 * z2 * z2 * z + 17 * z2 * z - 15 * z) / 384;
    return z + g1 / d + g2 / (d * d) + g3 / (d * d * d);
}

Interval MeanInterval(double mean, double sample_sd, int64_t n, double lo, double hi)
{
    if (n < 2)
        return { mean, mean };
    const double half = StudentT975(n - 1) * sample_sd / std::sqrt((double)n);
    return { std::clamp(mean - half, lo, hi), std::clamp(mean + half, lo, hi) };
}

// A mean score with its t interval, from the sums of the values and of their squares.
static Score MakeMeanScore(double sum, double sum_squares, int64_t n, int min_n, double lo, double hi)
{
    Score s = MakeScore(n ? sum / (double)n : 0, n, min_n);
    if (s.insufficient || n < 2)
        return s;
    const double variance = std::max(0.0, (sum_squares - sum * sum / (double)n) / (double)(n - 1));
    const Interval ci = MeanInterval(s.value, std::sqrt(variance), n, lo, hi);
    s.has_interval = true;
    s.low = ci.low;
    s.high = ci.high;
    return s;
}

static bool Insufficient(int64_t n, int min_n) { return n <= 0 || n < (int64_t)min_n; }

Score MakeScore(double value, int64_t n, int min_n)
{
    Score s;
    s.n = n;
    s.insufficient = Insufficient(n, min_n);
    s.value = s.insufficient ? 0 : value;
    return s;
}

Proportion MakeProportion(int64_t count, int64_t n, int min_n)
{
    Proportion p;
    p.n = n;
    p.count = count;
    p.insufficient = Insufficient(n, min_n);
    if (!p.insufficient)
    {
        p.value = (double)count / (double)n;
        const Interval ci = WilsonInterval(count, n);
        p.low = ci.low;
        p.high = ci.high;
    }
    return p;
}

std::vector<int> DefaultSatisfiedValues(int first_value, int points)
{
    // 7 grades: 较满意 满意 很满意; 5 grades: 满意 很满意 (DOMAIN.md, seeds 000/001). Otherwise every
    // grade strictly above the middle of the scale.
    int count = points == 7 ? 3 : points == 5 ? 2 : points / 2;
    std::vector<int> values;
    for (int g = first_value + points - count; g < first_value + points; g++)
        values.push_back(g);
    return values;
}

std::vector<int> DefaultTopBoxValues(int first_value, int points)
{
    std::vector<int> values;
    for (int g = first_value + std::max(0, points - 2); g < first_value + points; g++)
        values.push_back(g);
    return values;
}

static int64_t CountOf(const std::vector<int64_t>& counts, int first_value, const std::vector<int>& grades)
{
    int64_t sum = 0;
    for (int g : grades)
        if (g - first_value >= 0 && g - first_value < (int)counts.size())
            sum += counts[g - first_value];
    return sum;
}

RatingScores RatingScoresFromCounts(const std::vector<int64_t>& counts, int first_value, const std::vector<int>& satisfied_values,
                                    const std::vector<int>& top_box_values, int min_n)
{
    RatingScores r;
    r.first_value = first_value;
    r.counts = counts;
    r.satisfied_values = satisfied_values;
    r.top_box_values = top_box_values;
    int64_t n = 0;
    double grade_sum = 0, grade_squares = 0;
    for (size_t i = 0; i < counts.size(); i++)
    {
        const double g = first_value + (int)i;
        n += counts[i];
        grade_sum += (double)counts[i] * g;
        grade_squares += (double)counts[i] * g * g;
    }
    const int points = (int)counts.size();
    const double last_value = first_value + std::max(0, points - 1);
    r.mean = MakeMeanScore(grade_sum, grade_squares, n, min_n, first_value, last_value);
    // The index is the mean moved linearly onto 0..100, and so is its interval.
    auto to_index = [&](double grade) { return points > 1 ? (grade - first_value) / (points - 1) * 100 : 0.0; };
    r.index = MakeScore(n && points > 1 ? to_index(grade_sum / (double)n) : 0, n, min_n);
    if (r.mean.has_interval && points > 1)
    {
        r.index.has_interval = true;
        r.index.low = to_index(r.mean.low);
        r.index.high = to_index(r.mean.high);
    }
    r.satisfied = MakeProportion(CountOf(counts, first_value, satisfied_values), n, min_n);
    r.top_box = MakeProportion(CountOf(counts, first_value, top_box_values), n, min_n);
    return r;
}

NpsScores NpsFromCounts(const std::vector<int64_t>& counts, int min_n)
{
    NpsScores s;
    s.counts = counts;
    s.counts.resize(11, 0);
    int64_t n = 0;
    for (int v = 0; v <= 10; v++)
    {
        n += s.counts[v];
        (v >= 9 ? s.promoters : v >= 7 ? s.passives : s.detractors) += s.counts[v];
    }
    const double p = n ? (double)s.promoters / (double)n : 0;
    const double d = n ? (double)s.detractors / (double)n : 0;
    s.nps = MakeScore((p - d) * 100, n, min_n);
    if (!s.nps.insufficient)
    {
        // Variance of (promoter − detractor) for one respondent scored +1 / 0 / −1.
        const double variance = p + d - (p - d) * (p - d);
        s.margin = 1.96 * std::sqrt(std::max(0.0, variance) / (double)n) * 100;
    }
    s.promoter_share = MakeProportion(s.promoters, n, min_n);
    s.detractor_share = MakeProportion(s.detractors, n, min_n);
    return s;
}

CesScores CesFromCounts(const std::vector<int64_t>& counts, int min_n)
{
    CesScores s;
    s.counts = counts;
    s.counts.resize(7, 0);
    int64_t n = 0, easy = 0;
    double sum = 0, squares = 0;
    for (int i = 0; i < 7; i++)
    {
        n += s.counts[i];
        sum += (double)s.counts[i] * (i + 1);
        squares += (double)s.counts[i] * (i + 1) * (i + 1);
        if (i + 1 >= 5)
            easy += s.counts[i];
    }
    s.mean = MakeMeanScore(sum, squares, n, min_n, 1, 7);
    s.easy = MakeProportion(easy, n, min_n);
    return s;
}

const char* KanoClassName(KanoClass c)
{
    switch (c)
    {
    case KanoClass::Attractive: return "attractive";
    case KanoClass::OneDimensional: return "one-dimensional";
    case KanoClass::MustBe: return "must-be";
    case KanoClass::Indifferent: return "indifferent";
    case KanoClass::Reverse: return "reverse";
    case KanoClass::Questionable: return "questionable";
    }
    return "";
}

KanoFeatureScores KanoFeatureFromCounts(const std::string& id, const int64_t counts[kKanoClassCount], int min_n)
{
    KanoFeatureScores f;
    f.id = id;
    for (int c = 0; c < kKanoClassCount; c++)
    {
        f.counts[c] = counts[c];
        f.n += counts[c];
    }
    auto at = [&](KanoClass c) { return f.counts[(int)c]; };

    // Majority with the tie rule M > O > A > I > R: scan in that order, keep the first maximum.
    static const KanoClass kPriority[] = { KanoClass::MustBe, KanoClass::OneDimensional, KanoClass::Attractive, KanoClass::Indifferent, KanoClass::Reverse };
    int64_t best = -1;
    for (KanoClass c : kPriority)
    {
        f.category_n += at(c);
        if (at(c) > best)
        {
            best = at(c);
            f.category = c;
            f.tie = false;
        }
        else if (at(c) == best)
            f.tie = true;
    }
    f.category_insufficient = Insufficient(f.category_n, min_n);
    if (f.category_insufficient)
        f.tie = false;

    const int64_t aomi = at(KanoClass::Attractive) + at(KanoClass::OneDimensional) + at(KanoClass::MustBe) + at(KanoClass::Indifferent);
    f.better = MakeProportion(at(KanoClass::Attractive) + at(KanoClass::OneDimensional), aomi, min_n);
    f.worse = MakeProportion(at(KanoClass::OneDimensional) + at(KanoClass::MustBe), aomi, min_n);
    if (!f.worse.insufficient)
    {
        const double low = f.worse.low;
        f.worse.value = -f.worse.value;
        f.worse.low = -f.worse.high;
        f.worse.high = -low;
    }
    return f;
}

} // namespace manyi
