#include "core/journal_record.h"

#include "core/json_text.h"

namespace manyi {

const char* JournalStateName(JournalState s)
{
    switch (s)
    {
    case JournalState::Pending: return "pending";
    case JournalState::Delivered: return "delivered";
    case JournalState::Parked: return "parked";
    }
    return "pending";
}

std::string JournalRecordToJson(const JournalRecord& r)
{
    Json j = { { "id", r.id }, { "payload", r.payload }, { "state", JournalStateName(r.state) },
               { "created_ms", r.created_ms }, { "updated_ms", r.updated_ms } };
    if (!r.last_error.empty())
        j["last_error"] = r.last_error;
    if (!r.endpoint.empty())
        j["endpoint"] = r.endpoint;
    return DumpJson(j);
}

// A time in ms since the epoch, or 0 when it is not a number or out of int64 range: get<int64_t>()
// would wrap a huge unsigned value and a double outside the range is undefined behaviour.
static int64_t Milliseconds(const Json& v)
{
    if (v.is_number_unsigned())
        return v.get<uint64_t>() <= (uint64_t)INT64_MAX ? (int64_t)v.get<uint64_t>() : 0;
    if (v.is_number_integer())
        return v.get<int64_t>();
    if (v.is_number_float())
    {
        double d = v.get<double>();
        return d > -9.2e18 && d < 9.2e18 ? (int64_t)d : 0; // NaN fails both comparisons
    }
    return 0;
}

bool JournalRecordFromJson(std::string_view json, JournalRecord* out, std::string* error)
{
    Json j;
    if (!ParseJsonText(json, &j, error))
        return false;
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string() || !j.contains("payload") || !j["payload"].is_string())
    {
        *error = "journal record needs string members \"id\" and \"payload\"";
        return false;
    }
    JournalRecord r;
    r.id = j["id"].get<std::string>();
    r.payload = j["payload"].get<std::string>();
    // Not j.value(): it throws on a non-string "state", and exceptions abort the wasm build.
    std::string state = j.contains("state") && j["state"].is_string() ? j["state"].get<std::string>() : "pending";
    if (state == "pending") r.state = JournalState::Pending;
    else if (state == "delivered") r.state = JournalState::Delivered;
    else if (state == "parked") r.state = JournalState::Parked;
    else
    {
        // An unknown state from a newer version: keep the response and send it again; the
        // endpoint's dedup on the id absorbs a repeat, a lost response cannot be recovered.
        r.state = JournalState::Pending;
    }
    if (j.contains("created_ms")) r.created_ms = Milliseconds(j["created_ms"]);
    if (j.contains("updated_ms")) r.updated_ms = Milliseconds(j["updated_ms"]);
    if (j.contains("last_error") && j["last_error"].is_string()) r.last_error = j["last_error"].get<std::string>();
    if (j.contains("endpoint") && j["endpoint"].is_string()) r.endpoint = j["endpoint"].get<std::string>();
    *out = std::move(r);
    return true;
}

} // namespace manyi
