// ScoreReportToJson: the stable report format of docs/scores.md ("manyi.scores/1").
// Numbers are rounded to 4 decimals so the text does not depend on the last bits of a double; a
// score that is insufficient is written "value": null, "insufficient": true and nothing else that
// would let a reader compute it.
#include <cmath>

#include "core/json_text.h"
#include "core/response.h"
#include "core/scores.h"

namespace manyi {

static double Round4(double v)
{
    return std::round(v * 10000.0) / 10000.0 + 0.0; // + 0.0: no "-0.0"
}

static Json ScoreJson(const Score& s)
{
    Json j = Json::object();
    j["n"] = s.n;
    if (s.insufficient)
    {
        j["value"] = nullptr;
        j["insufficient"] = true;
    }
    else
    {
        j["value"] = Round4(s.value);
        if (s.has_interval)
        {
            j["low"] = Round4(s.low);
            j["high"] = Round4(s.high);
        }
    }
    return j;
}

static Json ProportionJson(const Proportion& p)
{
    Json j = Json::object();
    j["n"] = p.n;
    if (p.insufficient)
    {
        j["value"] = nullptr;
        j["insufficient"] = true;
        return j;
    }
    j["count"] = p.count;
    j["value"] = Round4(p.value);
    j["low"] = Round4(p.low);
    j["high"] = Round4(p.high);
    return j;
}

static Json GradesJson(const std::vector<int64_t>& counts, int first_value)
{
    Json a = Json::array();
    for (size_t i = 0; i < counts.size(); i++)
        a.push_back(Json{ { "value", first_value + (int)i }, { "count", counts[i] } });
    return a;
}

static Json RatingJson(const RatingScores& r)
{
    Json j = Json::object();
    j["mean"] = ScoreJson(r.mean);
    j["index"] = ScoreJson(r.index);
    j["satisfied"] = ProportionJson(r.satisfied);
    j["satisfied"]["values"] = r.satisfied_values;
    j["top_box"] = ProportionJson(r.top_box);
    j["top_box"]["values"] = r.top_box_values;
    return j;
}

static Json NpsJson(const NpsScores& s)
{
    Json j = Json::object();
    j["nps"] = ScoreJson(s.nps);
    j["nps"]["margin"] = s.nps.insufficient ? Json(nullptr) : Json(Round4(s.margin));
    j["promoters"] = ProportionJson(s.promoter_share);
    j["detractors"] = ProportionJson(s.detractor_share);
    if (!s.nps.insufficient)
        j["passives"] = s.passives;
    return j;
}

static Json CesJson(const CesScores& s)
{
    return Json{ { "mean", ScoreJson(s.mean) }, { "easy", ProportionJson(s.easy) } };
}

static Json OptionsJson(const std::vector<OptionCount>& options)
{
    Json a = Json::array();
    for (const OptionCount& o : options)
        a.push_back(Json{ { "value", o.value }, { "count", o.count }, { "share", ProportionJson(o.share) } });
    return a;
}

static Json KanoJson(const KanoFeatureScores& f)
{
    Json j = Json::object();
    j["id"] = f.id;
    j["n"] = f.n;
    Json counts = Json::object();
    for (int c = 0; c < kKanoClassCount; c++)
        counts[KanoClassName((KanoClass)c)] = f.counts[c];
    j["counts"] = counts;
    Json category = Json::object();
    category["n"] = f.category_n;
    if (f.category_insufficient)
    {
        category["value"] = nullptr;
        category["insufficient"] = true;
    }
    else
    {
        category["value"] = KanoClassName(f.category);
        category["tie"] = f.tie;
    }
    j["category"] = category;
    j["better"] = ProportionJson(f.better);
    j["worse"] = ProportionJson(f.worse);
    return j;
}

static Json ServqualJson(const ServqualScores& s)
{
    Json items = Json::array();
    for (const ServqualItemScores& i : s.items)
        items.push_back(Json{ { "id", i.id }, { "dimension", ServqualDimensionName(i.dimension) }, { "expectation", ScoreJson(i.expectation) },
                              { "perception", ScoreJson(i.perception) }, { "gap", ScoreJson(i.gap) }, { "incomplete", i.incomplete } });
    Json dims = Json::array();
    for (const ServqualDimensionScores& d : s.dimensions)
        dims.push_back(Json{ { "dimension", ServqualDimensionName(d.dimension) }, { "weight", Round4(d.weight) }, { "items", d.items }, { "gap", ScoreJson(d.gap) } });
    return Json{ { "items", items }, { "dimensions", dims }, { "overall", ScoreJson(s.overall) }, { "incomplete", s.incomplete } };
}

static Json QuestionJson(const QuestionScores& q)
{
    Json j = Json::object();
    j["id"] = q.id;
    j["type"] = QuestionTypeName(q.type);
    if (q.complaint_form)
        j["complaint_form"] = true;
    j["n"] = q.n;
    if (q.out_of_scale)
        j["out_of_scale"] = q.out_of_scale;
    switch (q.type)
    {
    case QuestionType::Rating:
        j["distribution"] = GradesJson(q.rating.counts, q.rating.first_value);
        j["scores"] = RatingJson(q.rating);
        break;
    case QuestionType::Nps:
        j["distribution"] = GradesJson(q.nps.counts, 0);
        j["scores"] = NpsJson(q.nps);
        break;
    case QuestionType::Ces:
        j["distribution"] = GradesJson(q.ces.counts, 1);
        j["scores"] = CesJson(q.ces);
        break;
    case QuestionType::Single:
    case QuestionType::Multiple:
    case QuestionType::Consent: j["distribution"] = OptionsJson(q.options); break;
    case QuestionType::Matrix:
    {
        Json rows = Json::array();
        for (const MatrixRowScores& r : q.rows)
            rows.push_back(Json{ { "id", r.id }, { "n", r.n }, { "distribution", GradesJson(r.rating.counts, r.rating.first_value) }, { "scores", RatingJson(r.rating) } });
        j["rows"] = rows;
        break;
    }
    case QuestionType::Servqual: j["servqual"] = ServqualJson(q.servqual); break;
    case QuestionType::Kano:
    {
        Json features = Json::array();
        for (const KanoFeatureScores& f : q.kano)
            features.push_back(KanoJson(f));
        j["features"] = features;
        break;
    }
    case QuestionType::Text:
    case QuestionType::Contact: break;
    }
    return j;
}

static Json ComplaintsJson(const ComplaintScores& c)
{
    if (!c.enabled)
        return nullptr;
    Json j = Json::object();
    j["n"] = c.n;
    j["by_type"] = OptionsJson(c.by_type);
    j["by_cause"] = OptionsJson(c.by_cause);
    j["callback"] = ProportionJson(c.callback);
    j["follow_up"] = Json{ { "open", c.open }, { "contacted", c.contacted }, { "resolved", c.resolved } };
    j["followed_up"] = ProportionJson(c.followed_up);
    j["resolution_index"] = ScoreJson(c.resolution_index);
    j["resolution_satisfied"] = ProportionJson(c.resolution_satisfied);
    return j;
}

static Json TrendJson(const TrendSeries& s)
{
    Json days = Json::array();
    for (const TrendDay& d : s.days)
    {
        Json j = Json{ { "date", d.date }, { "n", d.n } };
        if (s.type == QuestionType::Nps)
            j.update(NpsJson(d.nps));
        else if (s.type == QuestionType::Ces)
            j.update(CesJson(d.ces));
        else
            j.update(RatingJson(d.rating));
        days.push_back(j);
    }
    return Json{ { "question", s.question_id }, { "type", QuestionTypeName(s.type) }, { "days", days } };
}

std::string ScoreReportToJson(const ScoreReport& r)
{
    Json j = Json::object();
    j["format"] = "manyi.scores/1";
    j["survey"] = r.survey_id;
    Json query = Json::object();
    query["from"] = r.query.from_ms ? Json(FormatIsoUtc(r.query.from_ms)) : Json(nullptr);
    query["to"] = r.query.to_ms ? Json(FormatIsoUtc(r.query.to_ms)) : Json(nullptr);
    query["version"] = r.query.survey_version.empty() ? Json(nullptr) : Json(r.query.survey_version);
    query["utc_offset_minutes"] = r.query.utc_offset_minutes;
    query["min_n"] = r.min_n;
    j["query"] = query;
    j["responses"] = r.responses;
    Json versions = Json::array();
    for (const VersionCount& v : r.versions)
        versions.push_back(Json{ { "version", v.version }, { "responses", v.responses } });
    j["versions"] = versions;
    Json questions = Json::array();
    for (const QuestionScores& q : r.questions)
        questions.push_back(QuestionJson(q));
    j["questions"] = questions;
    j["complaints"] = ComplaintsJson(r.complaints);
    Json trend = Json::array();
    for (const TrendSeries& s : r.trend)
        trend.push_back(TrendJson(s));
    j["trend"] = trend;
    return DumpJson(j);
}

} // namespace manyi
