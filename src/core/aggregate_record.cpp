#include "core/aggregate_record.h"

#include <algorithm>
#include <vector>

#include "core/json_text.h"

namespace manyi {

static constexpr const char* kAggregateFormat = "manyi.aggregates/1";

static Json ValueJson(const CountValue& v) { return v.is_text ? Json(v.text) : Json(v.number); }

static bool ValueFrom(const Json& j, CountValue* out)
{
    if (j.is_string()) { *out = CountValue::Text(j.get<std::string>()); return true; }
    if (j.is_number_integer()) { *out = CountValue::Number(j.get<int64_t>()); return true; }
    return false;
}

std::string AggregateRecordToJson(const AggregateRecord& a)
{
    std::vector<const CountRow*> rows;
    for (const CountRow& row : a.counts.slots)
        if (row.second.count != 0 || row.second.sum1 != 0 || row.second.sum2 != 0)
            rows.push_back(&row);
    // Key order: the same record text for the same counts, whatever the hash map's order.
    std::sort(rows.begin(), rows.end(), [](const CountRow* x, const CountRow* y) { return x->first < y->first; });
    Json list = Json::array();
    for (const CountRow* row : rows)
    {
        const CountKey& k = row->first;
        list.push_back(Json::array({ k.survey_id, k.question_id, k.role, k.bucket, k.survey_version, k.part, ValueJson(k.value), ValueJson(k.value2),
                                     row->second.count, row->second.sum1, row->second.sum2 }));
    }
    Json j = { { "format", kAggregateFormat }, { "id", a.id }, { "purged_ms", a.purged_ms }, { "responses", a.responses }, { "rows", std::move(list) } };
    return DumpJson(j);
}

bool AggregateRecordFromJson(std::string_view json, AggregateRecord* out, std::string* error)
{
    auto fail = [&](const std::string& why) {
        if (error) *error = "aggregates record: " + why;
        return false;
    };
    Json j;
    if (!ParseJsonText(json, &j, error))
        return false;
    if (!j.is_object() || j.value("format", std::string()) != kAggregateFormat)
        return fail("not a " + std::string(kAggregateFormat) + " record");
    if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty())
        return fail("no id");
    if (!j.contains("rows") || !j["rows"].is_array())
        return fail("no rows");
    AggregateRecord a;
    a.id = j["id"].get<std::string>();
    a.purged_ms = j.contains("purged_ms") && j["purged_ms"].is_number_integer() ? j["purged_ms"].get<int64_t>() : 0;
    a.responses = j.contains("responses") && j["responses"].is_number_integer() ? j["responses"].get<int64_t>() : 0;
    size_t index = 0;
    for (const Json& row : j["rows"])
    {
        const std::string where = "row " + std::to_string(index++);
        if (!row.is_array() || row.size() != 11)
            return fail(where + " is not an array of 11");
        for (int text : { 0, 1, 2, 4, 5 })
            if (!row[(size_t)text].is_string())
                return fail(where + ": column " + std::to_string(text) + " is not a string");
        for (int number : { 3, 8, 9, 10 })
            if (!row[(size_t)number].is_number_integer())
                return fail(where + ": column " + std::to_string(number) + " is not an integer");
        CountKey k;
        k.survey_id = row[0].get<std::string>();
        k.question_id = row[1].get<std::string>();
        k.role = row[2].get<std::string>();
        k.level = 0;
        k.bucket = row[3].get<int64_t>();
        k.survey_version = row[4].get<std::string>();
        k.part = row[5].get<std::string>();
        if (!ValueFrom(row[6], &k.value) || !ValueFrom(row[7], &k.value2))
            return fail(where + ": a value is neither an integer nor a string");
        CountSums& sums = a.counts.slots[k];
        sums.count += row[8].get<int64_t>();
        sums.sum1 += row[9].get<int64_t>();
        sums.sum2 += row[10].get<int64_t>();
    }
    *out = std::move(a);
    return true;
}

} // namespace manyi
