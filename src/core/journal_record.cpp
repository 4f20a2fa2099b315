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
    return DumpJson(j);
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
    std::string state = j.value("state", std::string("pending"));
    if (state == "pending") r.state = JournalState::Pending;
    else if (state == "delivered") r.state = JournalState::Delivered;
    else if (state == "parked") r.state = JournalState::Parked;
    else
    {
        // An unknown state from a newer version: keep the response and send it again; the
        // endpoint's dedup on the id absorbs a repeat, a lost response cannot be recovered.
        r.state = JournalState::Pending;
    }
    if (j.contains("created_ms") && j["created_ms"].is_number()) r.created_ms = j["created_ms"].get<int64_t>();
    if (j.contains("updated_ms") && j["updated_ms"].is_number()) r.updated_ms = j["updated_ms"].get<int64_t>();
    if (j.contains("last_error") && j["last_error"].is_string()) r.last_error = j["last_error"].get<std::string>();
    *out = std::move(r);
    return true;
}

} // namespace manyi
