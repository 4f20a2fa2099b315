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
    double grade_sum = 0, steps_sum = 0;
    for (size_t i = 0; i < counts.size(); i++)
    {
        n += counts[i];
        grade_sum += (double)counts[i] * (first_value + (int)i);
        steps_sum += (double)counts[i] * (double)i;
    }
    const int points = (int)counts.size();
    r.mean = MakeScore(n ? grade_sum / (double)n : 0, n, min_n);
    r.index = MakeScore(n && points > 1 ? steps_sum / (double)n / (points - 1) * 100 : 0, n, min_n);
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
    double sum = 0;
    for (int i = 0; i < 7; i++)
    {
        n += s.counts[i];
        sum += (double)s.counts[i] * (i + 1);
        if (i + 1 >= 5)
            easy += s.counts[i];
    }
    s.mean = MakeScore(n ? sum / (double)n : 0, n, min_n);
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
