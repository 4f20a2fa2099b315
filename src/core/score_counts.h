// Score counters (docs/decisions.md D16): what every score needs, counted per time bucket when a
// response is stored, so a report reads a few thousand counter rows instead of every answer.
// This file is the plain part, no SQLite: the buckets, how a time window splits into whole
// buckets and raw edges, and which counts one response adds. The store keeps the counters in
// its score_counts table (response_store_counts.cpp).
#pragma once
#include <climits>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

// Buckets are UTC-aligned 15-minute slots, hours and days: every bucket of one level is a whole
// number of buckets of the level below. Every whole-quarter-hour UTC offset puts local midnight
// on a slot boundary, so a local day is whole buckets too.
constexpr int     kCountLevels = 3;
constexpr int64_t kCountLevelMs[kCountLevels] = { 15 * 60000LL, 60 * 60000LL, 24 * 60 * 60000LL };

int64_t FloorDiv(int64_t a, int64_t b); // rounds towards minus infinity (times before 1970 too)
inline int64_t BucketOf(int level, int64_t ms) { return FloorDiv(ms, kCountLevelMs[level]); }

// [from, to) in Unix ms; INT64_MIN / INT64_MAX are open ends.
struct TimeRange
{
    int64_t from = INT64_MIN;
    int64_t to = INT64_MAX;
};

// Buckets [first, end) of one level (INT64_MIN / INT64_MAX where the window is open).
struct CountPiece
{
    int     level = 0;
    int64_t first = 0, end = 0;
};

// A window as whole buckets, coarsest first where they fit, and the parts of slots at its edges,
// which only the raw rows can answer.
struct WindowPlan
{
    std::vector<TimeRange>  raw;
    std::vector<CountPiece> counted;
};

WindowPlan PlanWindow(const TimeRange& window);
// The same for a daily trend: each local day (UTC + utc_offset_minutes) of the days holding
// [first_ms, last_ms], cut to the window, so that no piece crosses a local midnight. Touching
// pieces of one level are joined (each of their buckets still lies in one local day).
WindowPlan PlanDays(const TimeRange& window, int64_t first_ms, int64_t last_ms, int utc_offset_minutes);

// One answer_parts row of a response (response_store.cpp): question, role, sub-item, value.
struct PartRowView
{
    std::string_view question_id, role, part;
    bool             has_number = false;
    int              number = 0;
    bool             has_text = false;
    std::string_view text;
};

// A counter value: a number or a text (SQLite keeps either in one column).
struct CountValue
{
    bool        is_text = false;
    int64_t     number = 0;
    std::string text;
    static CountValue Number(int64_t n) { return { false, n, {} }; }
    static CountValue Text(std::string_view t) { return { true, 0, std::string(t) }; }
    bool operator==(const CountValue& o) const { return is_text == o.is_text && number == o.number && text == o.text; }
};

// The roles of score_counts rows besides those of answer_parts ('', 'choice', 'row', counted by
// value; value2 = kValueKind*):
inline constexpr const char* kCountKano = "kano";          // part feature, value functional, value2 dysfunctional
inline constexpr const char* kCountGap = "gap";            // part item: complete pairs, sum1 Σ expectation, sum2 Σ perception
inline constexpr const char* kCountGapLone = "gap-lone";   // part item: halves without their other half
inline constexpr const char* kCountGapSet = "gap-set";     // part: the items a respondent completed (EncodeItemSet)
inline constexpr const char* kCountResponse = "response";  // question "": responses
inline constexpr const char* kCountFollowUp = "followup";  // question complaint.callback: callbacks with a follow-up
                                                           // record; part points, value state, value2 satisfaction
// value2 of the value roles: what the answer_parts row held.
constexpr int kValueKindNone = 0, kValueKindNumber = 1, kValueKindText = 2;

struct CountDelta
{
    std::string question_id, role, part;
    CountValue  value, value2;
    int64_t     count = 0, sum1 = 0, sum2 = 0;
};

// One score_counts row's key, ordered as the table's primary key (numbers before texts, texts by
// bytes), and what is added to it.
struct CountKey
{
    std::string survey_id, question_id, role;
    int         level = 0;
    int64_t     bucket = 0;
    std::string survey_version, part;
    CountValue  value, value2;
    bool operator<(const CountKey& o) const;
    bool operator==(const CountKey& o) const;
};

struct CountKeyHash
{
    size_t operator()(const CountKey& k) const;
};

struct CountSums
{
    int64_t count = 0, sum1 = 0, sum2 = 0;
};

// Counter changes added up before they are written: a bulk load writes each row once, in key
// order, instead of one upsert per counted value of every response. Kept per slot; the hours
// and days are added up from the slots when the rows are taken (BufferRows).
struct CountBuffer
{
    std::unordered_map<CountKey, CountSums, CountKeyHash> slots; // level 0 keys
};

// Adds the deltas of one response created at created_ms; sign -1 takes them out.
void AddToBuffer(CountBuffer* buffer, const std::string& survey_id, const std::string& survey_version, int64_t created_ms,
                 const std::vector<CountDelta>& deltas, int sign);
// The rows of every level the buffer changes, in key order.
std::vector<std::pair<CountKey, CountSums>> BufferRows(const CountBuffer& buffer);

// The counters one response adds, from its answer_parts rows (each (question, role, part) once,
// as the table's key makes them). The response's own row ('response') is not included: it is
// counted from the responses table, which also holds responses whose payload has no parts.
std::vector<CountDelta> CountsOfParts(const std::vector<PartRowView>& rows);

// A set of servqual items as one text: each id as "<bytes>:<id>", sorted. Unambiguous whatever
// the ids hold; DecodeItemSet reverses it (false on text it did not write).
std::string EncodeItemSet(std::vector<std::string_view> items);
bool        DecodeItemSet(std::string_view text, std::vector<std::string>* items);

} // namespace manyi
