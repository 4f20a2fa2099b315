// The scores' aggregates a retention purge keeps (docs/decisions.md D20): what the purged
// responses had added to score_counts, per 15-minute slot, with no response id, text or contact
// field. The journal keeps one such record per purge (IndexedDB store "aggregates", written in the
// transaction that deletes the responses); the store keeps their sum (table kept_counts). This file
// is the record and its JSON form; no SQLite.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/score_counts.h"

namespace manyi {

struct AggregateRecord
{
    std::string id;            // a UUID: the record's key, and how a store knows it holds it already
    int64_t     purged_ms = 0; // when the purge ran
    int64_t     responses = 0; // how many responses it stands for
    CountBuffer counts;        // slot rows (level 0) keyed exactly as score_counts keys them
};

// {"format":"manyi.aggregates/1","id":…,"purged_ms":…,"responses":N,"rows":[[survey_id,
// question_id, role, slot, survey_version, part, value, value2, count, sum1, sum2], …]} with the
// rows in key order; value and value2 are a number or a string, as score_counts holds them.
std::string AggregateRecordToJson(const AggregateRecord& a);
// Refuses (false, with a reason) anything it did not write: a record it cannot read whole is not
// applied at all, rather than counted in part.
bool AggregateRecordFromJson(std::string_view json, AggregateRecord* out, std::string* error);

} // namespace manyi
