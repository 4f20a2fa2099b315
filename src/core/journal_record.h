// The device journal: one record per response in the browser's IndexedDB, the durable copy from
// which the SQLite store is rebuilt (docs/decisions.md). This is its record format.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace manyi {

enum class JournalState { Pending, Delivered, Parked };

struct JournalRecord
{
    std::string  id;          // the response id, the record's key
    std::string  payload;     // the response payload JSON, exactly as POSTed
    JournalState state = JournalState::Pending;
    int64_t      created_ms = 0;
    int64_t      updated_ms = 0;
    std::string  last_error;  // why a parked response was parked
    std::string  endpoint;    // EndpointKey of where it goes; "" in records written before D22
};

// {"id":…,"payload":"<payload JSON as a string>","state":"pending","created_ms":…,"updated_ms":…,
//  "endpoint":"ep-…"} (endpoint and last_error only when set)
std::string JournalRecordToJson(const JournalRecord& r);
bool JournalRecordFromJson(std::string_view json, JournalRecord* out, std::string* error);

const char* JournalStateName(JournalState s);

} // namespace manyi
