// CSV exports. Numbers this code writes are plain cells; every other cell (anything a survey author
// or respondent typed, ids included) goes through CsvTextCell.
#include "core/score_csv.h"

#include <cmath>
#include <cstdio>

#include "core/response.h"

namespace manyi {

static const char kBom[] = "\xEF\xBB\xBF";

std::string CsvTextCell(std::string_view text)
{
    std::string cell;
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' || text[0] == '\r'))
        cell += '\'';
    cell += text;
    if (cell.find_first_of(",\"\r\n") == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (char c : cell)
    {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

static std::string Number(double v)
{
    char text[32];
    snprintf(text, sizeof(text), "%.4f", std::round(v * 10000.0) / 10000.0 + 0.0);
    // Trim trailing zeros: "71.4300" → "71.43", "3.0000" → "3".
    std::string s = text;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// ---- scores ----------------------------------------------------------------------------------

struct ScoreCsv
{
    std::string out;

    void Row(const std::string& question, const std::string& part, const char* score, int64_t n, const std::string& count, const std::string& value,
             const std::string& low, const std::string& high, const char* status)
    {
        out += CsvTextCell(question) + "," + CsvTextCell(part) + "," + score + "," + std::to_string(n) + "," + count + "," + value + "," + low + "," +
               high + "," + status + "\r\n";
    }
    void Add(const std::string& question, const std::string& part, const char* score, const Score& s)
    {
        if (s.insufficient) Row(question, part, score, s.n, "", "", "", "", "insufficient");
        else if (s.has_interval) Row(question, part, score, s.n, "", Number(s.value), Number(s.low), Number(s.high), "");
        else Row(question, part, score, s.n, "", Number(s.value), "", "", "");
    }
    void Add(const std::string& question, const std::string& part, const char* score, const Proportion& p)
    {
        if (p.insufficient) Row(question, part, score, p.n, "", "", "", "", "insufficient");
        else Row(question, part, score, p.n, std::to_string(p.count), Number(p.value), Number(p.low), Number(p.high), "");
    }
    void Add(const std::string& question, const std::string& part, const RatingScores& r)
    {
        Add(question, part, "mean", r.mean);
        Add(question, part, "index", r.index);
        Add(question, part, "satisfied", r.satisfied);
        Add(question, part, "top_box", r.top_box);
    }
    void Count(const std::string& question, const std::string& part, int64_t count)
    {
        Row(question, part, "count", count, std::to_string(count), "", "", "", "");
    }
};

std::string ScoresToCsv(const ScoreReport& report)
{
    ScoreCsv csv;
    csv.out = kBom;
    csv.out += "question,part,score,n,count,value,low,high,status\r\n";
    csv.Count("", "responses", report.responses);
    for (const QuestionScores& q : report.questions)
    {
        switch (q.type)
        {
        case QuestionType::Rating: csv.Add(q.id, "", q.rating); break;
        case QuestionType::Nps:
            if (q.nps.nps.insufficient) csv.Add(q.id, "", "nps", q.nps.nps);
            else csv.Row(q.id, "", "nps", q.nps.nps.n, "", Number(q.nps.nps.value), Number(q.nps.nps.value - q.nps.margin), Number(q.nps.nps.value + q.nps.margin), "");
            csv.Add(q.id, "", "promoters", q.nps.promoter_share);
            csv.Add(q.id, "", "detractors", q.nps.detractor_share);
            break;
        case QuestionType::Ces:
            csv.Add(q.id, "", "mean", q.ces.mean);
            csv.Add(q.id, "", "easy", q.ces.easy);
            break;
        case QuestionType::Single:
        case QuestionType::Multiple:
        case QuestionType::Consent:
            for (const OptionCount& o : q.options)
                csv.Add(q.id, o.value, "share", o.share);
            break;
        case QuestionType::Matrix:
            for (const MatrixRowScores& r : q.rows)
                csv.Add(q.id, r.id, r.rating);
            break;
        case QuestionType::Servqual:
            for (const ServqualItemScores& i : q.servqual.items)
                csv.Add(q.id, i.id, "gap", i.gap);
            for (const ServqualDimensionScores& d : q.servqual.dimensions)
                csv.Add(q.id, ServqualDimensionName(d.dimension), "gap", d.gap);
            csv.Add(q.id, "overall", "gap", q.servqual.overall);
            break;
        case QuestionType::Kano:
            for (const KanoFeatureScores& f : q.kano)
            {
                if (f.category_insufficient) csv.Row(q.id, f.id, "category", f.category_n, "", "", "", "", "insufficient");
                else csv.Row(q.id, f.id, "category", f.category_n, "", KanoClassName(f.category), "", "", f.tie ? "tie" : "");
                csv.Add(q.id, f.id, "better", f.better);
                csv.Add(q.id, f.id, "worse", f.worse);
            }
            break;
        case QuestionType::Text:
        case QuestionType::Contact: csv.Count(q.id, "", q.n); break;
        }
    }
    const ComplaintScores& c = report.complaints;
    if (c.enabled)
    {
        csv.Count("complaints", "", c.n);
        for (const OptionCount& o : c.by_type) csv.Add("complaints", "type:" + o.value, "share", o.share);
        for (const OptionCount& o : c.by_cause) csv.Add("complaints", "cause:" + o.value, "share", o.share);
        csv.Add("complaints", "", "callback", c.callback);
        csv.Count("complaints", "open", c.open);
        csv.Count("complaints", "contacted", c.contacted);
        csv.Count("complaints", "resolved", c.resolved);
        csv.Add("complaints", "", "followed_up", c.followed_up);
        csv.Add("complaints", "", "resolution_index", c.resolution_index);
        csv.Add("complaints", "", "resolution_satisfied", c.resolution_satisfied);
    }
    return csv.out;
}

// ---- responses -------------------------------------------------------------------------------

// A column: its header and how to find its cell in a response.
struct ResponseColumn
{
    std::string header;
    const Question* question = nullptr;
    std::string part;   // option, row, item, feature, contact field
    std::string half;   // servqual expectation/perception, kano functional/dysfunctional
};

static std::vector<ResponseColumn> ColumnsOf(const Survey& survey)
{
    std::vector<ResponseColumn> cols;
    for (const Question& q : survey.questions)
    {
        switch (q.type)
        {
        case QuestionType::Multiple:
            for (const Choice& c : q.options) cols.push_back({ q.id + "[" + c.value + "]", &q, c.value, "" });
            break;
        case QuestionType::Matrix:
            for (const SubItem& r : q.items) cols.push_back({ q.id + "." + r.id, &q, r.id, "" });
            break;
        case QuestionType::Servqual:
            for (const SubItem& i : q.items)
                for (const char* half : { "expectation", "perception" })
                    cols.push_back({ q.id + "." + i.id + "." + half, &q, i.id, half });
            break;
        case QuestionType::Kano:
            for (const SubItem& f : q.items)
                for (const char* half : { "functional", "dysfunctional" })
                    cols.push_back({ q.id + "." + f.id + "." + half, &q, f.id, half });
            break;
        case QuestionType::Contact:
            for (const ContactFieldSpec& f : q.contact_fields)
                cols.push_back({ q.id + "." + ContactFieldName(f.field), &q, ContactFieldName(f.field), "" });
            break;
        default: cols.push_back({ q.id, &q, "", "" }); break;
        }
    }
    return cols;
}

static std::string CellOf(const ResponseColumn& col, const AnswerValue& v)
{
    switch (v.kind)
    {
    case AnswerValue::None: return "";
    case AnswerValue::Number: return std::to_string(v.number);
    case AnswerValue::Bool: return v.flag ? "1" : "0";
    case AnswerValue::Text:
    case AnswerValue::Choice: return CsvTextCell(v.text);
    case AnswerValue::Choices:
        for (const std::string& c : v.choices)
            if (c == col.part) return "1";
        return "0";
    case AnswerValue::Rows:
        for (const RowAnswer& r : v.rows)
            if (r.row == col.part) return std::to_string(r.value);
        return "";
    case AnswerValue::Gaps:
        for (const GapAnswer& g : v.gaps)
            if (g.item == col.part)
            {
                const std::optional<int>& side = col.half == "expectation" ? g.expectation : g.perception;
                return side ? std::to_string(*side) : "";
            }
        return "";
    case AnswerValue::Kano:
        for (const KanoAnswer& k : v.kano)
            if (k.feature == col.part) return CsvTextCell(col.half == "functional" ? k.functional : k.dysfunctional);
        return "";
    case AnswerValue::Fields:
        for (const FieldAnswer& f : v.fields)
            if (f.field == col.part) return CsvTextCell(f.text);
        return "";
    }
    return "";
}

std::string ResponsesToCsv(const Survey& survey, const ResponseStore& store, const ScoreQuery& query)
{
    const std::vector<ResponseColumn> cols = ColumnsOf(survey);
    std::string out = kBom;
    out += "id,submitted_at,survey_version,locale,mode,device_id,flags,complaint_reference,complaint_origin,complaint_due_at";
    for (const ResponseColumn& c : cols)
    {
        out += ','; // appended separately: "," + string trips a false GCC 12 -Wrestrict warning
        out += CsvTextCell(c.header);
    }
    out += "\r\n";

    AnswerFilter filter;
    filter.survey_id = survey.id;
    filter.survey_version = query.survey_version;
    filter.from_ms = query.from_ms;
    filter.to_ms = query.to_ms;
    for (const StoredResponse& stored : store.ListResponses(filter))
    {
        Response r;
        std::string error;
        if (!ResponseFromJson(stored.payload_json, &r, &error))
            continue; // stored by Insert from a parsed response: cannot happen short of a damaged file
        out += CsvTextCell(r.id) + "," + FormatIsoUtc(r.created_at_ms) + "," + CsvTextCell(r.survey_version) + "," + CsvTextCell(r.locale) + "," +
               CsvTextCell(r.mode) + "," + CsvTextCell(r.device_id) + ",";
        // A kiosk's flags ("burst", "partial"), ';'-separated: the operator sees which rows the
        // scores leave out or that were walked away from.
        std::string flags;
        for (const std::string& f : r.flags) flags += (flags.empty() ? "" : ";") + f;
        out += CsvTextCell(flags) + ",";
        if (r.complaint)
            out += CsvTextCell(r.complaint->reference) + "," + CsvTextCell(r.complaint->origin) + "," + FormatIsoUtc(r.complaint->due_at_ms);
        else
            out += ",,";
        for (const ResponseColumn& c : cols)
        {
            out += ",";
            for (const Answer& a : r.answers)
                if (a.question_id == c.question->id)
                    out += CellOf(c, a.value);
        }
        out += "\r\n";
    }
    return out;
}

} // namespace manyi
