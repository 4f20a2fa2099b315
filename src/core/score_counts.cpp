// Buckets, window plans and the counts of one response (score_counts.h).
#include "core/score_counts.h"

#include <algorithm>

namespace manyi {

int64_t FloorDiv(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

// Whole units of `unit` at or after v / ending at or before v, keeping an open end open.
static int64_t UnitsUp(int64_t v, int64_t unit) { return v == INT64_MIN ? v : -FloorDiv(-v, unit); }
static int64_t UnitsDown(int64_t v, int64_t unit) { return v == INT64_MAX ? v : FloorDiv(v, unit); }

// Times this far out are taken as open ends, so that no bucket arithmetic can overflow
// (2^60 ms is 36 million years).
static constexpr int64_t kFar = int64_t(1) << 60;

static int64_t ClampTime(int64_t v)
{
    if (v == INT64_MIN || v == INT64_MAX) return v;
    return std::clamp(v, -kFar, kFar);
}

WindowPlan PlanWindow(const TimeRange& window)
{
    WindowPlan plan;
    const TimeRange w{ ClampTime(window.from), ClampTime(window.to) };
    if (w.from >= w.to)
        return plan;
    // Whole slots; the parts of slots at either edge are raw.
    const int64_t slot = kCountLevelMs[0];
    int64_t lo = UnitsUp(w.from, slot), hi = UnitsDown(w.to, slot);
    if (lo >= hi)
    {
        plan.raw.push_back(w); // inside one slot, or across one slot boundary
        return plan;
    }
    if (w.from != INT64_MIN && lo * slot > w.from) plan.raw.push_back({ w.from, lo * slot });
    if (w.to != INT64_MAX && hi * slot < w.to) plan.raw.push_back({ hi * slot, w.to });
    // Then each level keeps what the next cannot take whole: its buckets before the next
    // level's first whole bucket and after its last.
    for (int level = 0; level + 1 < kCountLevels; level++)
    {
        const int64_t ratio = kCountLevelMs[level + 1] / kCountLevelMs[level];
        const int64_t next_lo = UnitsUp(lo, ratio), next_hi = UnitsDown(hi, ratio);
        if (next_lo >= next_hi)
        {
            plan.counted.push_back({ level, lo, hi });
            return plan;
        }
        if (lo != INT64_MIN && next_lo * ratio > lo) plan.counted.push_back({ level, lo, next_lo * ratio });
        if (hi != INT64_MAX && next_hi * ratio < hi) plan.counted.push_back({ level, next_hi * ratio, hi });
        lo = next_lo;
        hi = next_hi;
    }
    plan.counted.push_back({ kCountLevels - 1, lo, hi });
    return plan;
}

WindowPlan PlanDays(const TimeRange& window, int64_t first_ms, int64_t last_ms, int utc_offset_minutes)
{
    WindowPlan plan;
    const TimeRange w{ ClampTime(window.from), ClampTime(window.to) };
    first_ms = std::max(ClampTime(first_ms), w.from);
    last_ms = std::min(ClampTime(last_ms), w.to == INT64_MIN ? w.to : w.to - 1);
    if (first_ms > last_ms)
        return plan;
    const int64_t day = kCountLevelMs[kCountLevels - 1];
    const int64_t offset = (int64_t)utc_offset_minutes * 60000;
    for (int64_t d = FloorDiv(first_ms + offset, day), last = FloorDiv(last_ms + offset, day); d <= last; d++)
    {
        const TimeRange local{ std::max(w.from, d * day - offset), std::min(w.to, (d + 1) * day - offset) };
        WindowPlan p = PlanWindow(local);
        plan.raw.insert(plan.raw.end(), p.raw.begin(), p.raw.end());
        plan.counted.insert(plan.counted.end(), p.counted.begin(), p.counted.end());
    }
    // Join touching pieces of one level: fewer, longer scans.
    std::sort(plan.counted.begin(), plan.counted.end(), [](const CountPiece& a, const CountPiece& b) {
        return a.level != b.level ? a.level < b.level : a.first < b.first;
    });
    std::vector<CountPiece> joined;
    for (const CountPiece& p : plan.counted)
    {
        if (!joined.empty() && joined.back().level == p.level && joined.back().end == p.first)
            joined.back().end = p.end;
        else
            joined.push_back(p);
    }
    plan.counted = std::move(joined);
    return plan;
}

static const PartRowView* FindPart(const std::vector<PartRowView>& rows, std::string_view question, std::string_view role, std::string_view part)
{
    for (const PartRowView& r : rows)
        if (r.question_id == question && r.role == role && r.part == part)
            return &r;
    return nullptr;
}

static CountDelta Delta(std::string_view question, const char* role, std::string_view part, CountValue value, CountValue value2)
{
    CountDelta d;
    d.question_id = std::string(question);
    d.role = role;
    d.part = std::string(part);
    d.value = std::move(value);
    d.value2 = std::move(value2);
    d.count = 1;
    return d;
}

// Complete expectation/perception pairs, lone halves and the set of completed items of one
// servqual question, as SumServqual's joins find them in the raw rows.
static void CountServqual(const std::vector<PartRowView>& rows, std::string_view question, std::vector<CountDelta>* out)
{
    std::vector<std::string_view> completed;
    for (const PartRowView& p : rows)
    {
        if (p.question_id != question || p.role != "perception")
            continue;
        const PartRowView* e = FindPart(rows, question, "expectation", p.part);
        if (!e)
        {
            out->push_back(Delta(question, kCountGapLone, p.part, CountValue::Number(0), CountValue::Number(0)));
            continue;
        }
        CountDelta d = Delta(question, kCountGap, p.part, CountValue::Number(0), CountValue::Number(0));
        d.sum1 = e->number;
        d.sum2 = p.number;
        out->push_back(std::move(d));
        completed.push_back(p.part);
    }
    for (const PartRowView& e : rows)
        if (e.question_id == question && e.role == "expectation" && !FindPart(rows, question, "perception", e.part))
            out->push_back(Delta(question, kCountGapLone, e.part, CountValue::Number(0), CountValue::Number(0)));
    if (!completed.empty())
        out->push_back(Delta(question, kCountGapSet, EncodeItemSet(completed), CountValue::Number(0), CountValue::Number(0)));
}

std::vector<CountDelta> CountsOfParts(const std::vector<PartRowView>& rows)
{
    std::vector<CountDelta> out;
    std::vector<std::string_view> servqual_questions;
    for (const PartRowView& r : rows)
    {
        if (r.role.empty() || r.role == "choice" || r.role == "row")
        {
            const CountValue value = r.has_number ? CountValue::Number(r.number) : r.has_text ? CountValue::Text(r.text) : CountValue::Number(0);
            const int kind = r.has_number ? kValueKindNumber : r.has_text ? kValueKindText : kValueKindNone;
            out.push_back(Delta(r.question_id, r.role.empty() ? "" : r.role == "choice" ? "choice" : "row", r.part, value, CountValue::Number(kind)));
        }
        else if (r.role == "functional")
        {
            if (const PartRowView* d = FindPart(rows, r.question_id, "dysfunctional", r.part))
                out.push_back(Delta(r.question_id, kCountKano, r.part, CountValue::Text(r.text), CountValue::Text(d->text)));
        }
        else if ((r.role == "expectation" || r.role == "perception") &&
                 std::find(servqual_questions.begin(), servqual_questions.end(), r.question_id) == servqual_questions.end())
            servqual_questions.push_back(r.question_id);
    }
    for (std::string_view q : servqual_questions)
        CountServqual(rows, q, &out);
    return out;
}

// SQLite's order of the value columns: numbers before texts, texts as bytes (BINARY).
static int CompareValues(const CountValue& a, const CountValue& b)
{
    if (a.is_text != b.is_text) return a.is_text ? 1 : -1;
    if (!a.is_text) return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
    return a.text.compare(b.text); // char_traits<char> compares as unsigned bytes, like memcmp
}

bool CountKey::operator<(const CountKey& o) const
{
    if (int c = survey_id.compare(o.survey_id)) return c < 0;
    if (int c = question_id.compare(o.question_id)) return c < 0;
    if (int c = role.compare(o.role)) return c < 0;
    if (level != o.level) return level < o.level;
    if (bucket != o.bucket) return bucket < o.bucket;
    if (int c = survey_version.compare(o.survey_version)) return c < 0;
    if (int c = part.compare(o.part)) return c < 0;
    if (int c = CompareValues(value, o.value)) return c < 0;
    return CompareValues(value2, o.value2) < 0;
}

bool CountKey::operator==(const CountKey& o) const
{
    return level == o.level && bucket == o.bucket && survey_id == o.survey_id && question_id == o.question_id && role == o.role &&
           survey_version == o.survey_version && part == o.part && value == o.value && value2 == o.value2;
}

size_t CountKeyHash::operator()(const CountKey& k) const
{
    std::hash<std::string> text;
    size_t h = text(k.question_id);
    auto mix = [&](size_t v) { h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2); };
    mix(text(k.survey_id));
    mix(text(k.role));
    mix(std::hash<int64_t>()(k.bucket * kCountLevels + k.level));
    mix(text(k.survey_version));
    mix(text(k.part));
    for (const CountValue* v : { &k.value, &k.value2 })
        mix(v->is_text ? text(v->text) : std::hash<int64_t>()(v->number));
    return h;
}

void AddToBuffer(CountBuffer* buffer, const std::string& survey_id, const std::string& survey_version, int64_t created_ms,
                 const std::vector<CountDelta>& deltas, int sign)
{
    const int64_t slot = BucketOf(0, created_ms);
    for (const CountDelta& d : deltas)
    {
        CountSums& sums = buffer->slots[{ survey_id, d.question_id, d.role, 0, slot, survey_version, d.part, d.value, d.value2 }];
        sums.count += sign * d.count;
        sums.sum1 += sign * d.sum1;
        sums.sum2 += sign * d.sum2;
    }
}

std::vector<std::pair<CountKey, CountSums>> BufferRows(const CountBuffer& buffer)
{
    std::vector<std::pair<CountKey, CountSums>> rows(buffer.slots.begin(), buffer.slots.end());
    for (int level = 1; level < kCountLevels; level++)
    {
        std::unordered_map<CountKey, CountSums, CountKeyHash> coarser;
        const int64_t slots_per_bucket = kCountLevelMs[level] / kCountLevelMs[0];
        for (const auto& [key, sums] : buffer.slots)
        {
            CountKey k = key;
            k.level = level;
            k.bucket = FloorDiv(key.bucket, slots_per_bucket);
            CountSums& into = coarser[k];
            into.count += sums.count;
            into.sum1 += sums.sum1;
            into.sum2 += sums.sum2;
        }
        rows.insert(rows.end(), coarser.begin(), coarser.end());
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return rows;
}

std::string EncodeItemSet(std::vector<std::string_view> items)
{
    std::sort(items.begin(), items.end());
    std::string out;
    for (std::string_view id : items)
    {
        out += std::to_string(id.size());
        out += ':';
        out += id;
    }
    return out;
}

bool DecodeItemSet(std::string_view text, std::vector<std::string>* items)
{
    items->clear();
    size_t at = 0;
    while (at < text.size())
    {
        size_t bytes = 0, digits = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9' && digits < 9)
        {
            bytes = bytes * 10 + (size_t)(text[at++] - '0');
            digits++;
        }
        if (digits == 0 || at >= text.size() || text[at] != ':' || text.size() - at - 1 < bytes)
            return false;
        items->emplace_back(text.substr(at + 1, bytes));
        at += 1 + bytes;
    }
    return true;
}

} // namespace manyi
