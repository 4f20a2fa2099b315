// The queryable store of responses and their delivery state, on SQLite.
// In the browser the database lives in memory; it is kept between page loads as a serialized image
// (response_store_image.cpp, docs/decisions.md D18) and caught up from, or rebuilt from, the
// IndexedDB journal; natively it is a file, or ":memory:" in tests.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/aggregate_record.h"
#include "core/response.h"
#include "core/score_counts.h"

struct sqlite3;
struct sqlite3_stmt;

namespace manyi {

enum class DeliveryState { Pending = 0, Delivered = 1, Parked = 2 }; // values are stored: never renumber

struct StoredResponse
{
    std::string   id;
    std::string   payload_json;
    DeliveryState state = DeliveryState::Pending;
    int           attempts = 0;        // failed delivery attempts so far
    int64_t       next_attempt_ms = 0;
    int64_t       created_ms = 0;
    std::string   last_error;
    std::string   endpoint_key;        // where it is to be delivered (EndpointKey); "" = not known (before schema 5)
};

// A complaint's follow-up (回访): one record per response that asked for a callback, kept by the
// operator. State values are stored: never renumber.
enum class FollowUpState { Open = 0, Contacted = 1, Resolved = 2 };

struct FollowUp
{
    std::string   response_id;
    FollowUpState state = FollowUpState::Open;
    int64_t       updated_ms = 0;     // when this record was last set
    int64_t       contacted_ms = 0;   // 0 = not yet
    int64_t       resolved_ms = 0;    // 0 = not yet
    int           satisfaction = 0;   // the customer's satisfaction with the resolution; 0 = not asked
    int           satisfaction_points = 0; // its scale: 5 or 7 (1..points), 0 when satisfaction is 0
    std::string   note;
};

// Which stored answers an aggregate covers: one survey, optionally one version, created in
// [from_ms, to_ms). A bound of 0 is open.
struct AnswerFilter
{
    std::string survey_id;
    std::string survey_version; // "" = every version
    int64_t     from_ms = 0;
    int64_t     to_ms = 0;
    // The aggregates read the score counters for the whole time buckets of the window and the raw
    // answer_parts rows only for the slots cut by its edges (D16). false: every count from the
    // raw rows, the reference the counters are tested and benchmarked against.
    bool        use_counters = true;
};

// One group of answer_parts rows (see response_store.cpp for what a part is).
struct PartCount
{
    std::string question_id;
    std::string role;        // "" whole answer, "choice", "row", "expectation", "perception", "functional", "dysfunctional"
    std::string part;        // sub-item id (row, item, feature, option); "" for a whole answer
    bool        has_number = false;
    int         number = 0;
    std::string text;
    int64_t     count = 0;
    int64_t     day = 0;     // CountPartsByDay only: local day number (days since 1970-01-01)
};

struct KanoPairCount
{
    std::string question_id, feature, functional, dysfunctional;
    int64_t     count = 0;
};

// Complete expectation/perception pairs of one servqual item.
struct GapSums
{
    int64_t pairs = 0;
    int64_t sum_expectation = 0, sum_perception = 0;
    int64_t incomplete = 0; // responses that gave only one half of this item
};

// One servqual question: sums per item, and respondents with at least one complete pair, per
// group of items (the caller's dimensions) and in all.
struct ServqualSums
{
    std::vector<GapSums> items;             // parallel to the items asked for
    std::vector<int64_t> group_respondents; // per group index
    int64_t              respondents = 0;
};

struct QuestionCount
{
    std::string question_id;
    int64_t     answered = 0;
};

struct VersionCount
{
    std::string version;
    int64_t     responses = 0;
};

// Complaints that asked for a callback, by follow-up state, and the resolution ratings given.
struct FollowUpCounts
{
    int64_t callbacks = 0;                  // responses with complaint.callback = true
    int64_t open = 0, contacted = 0, resolved = 0; // no record counts as open
    std::vector<PartCount> satisfaction;    // number = rating, part = std::to_string(points), count
};

struct StoreCounts
{
    int64_t total = 0, pending = 0, delivered = 0, parked = 0;
    int64_t oldest_pending_created_ms = 0; // 0 when nothing is pending
};

class ResponseStore
{
public:
    ResponseStore() = default;
    ResponseStore(const ResponseStore&) = delete;
    ResponseStore& operator=(const ResponseStore&) = delete;
    ~ResponseStore();

    // Creates the schema on a new database (versioned with PRAGMA user_version); refuses a database
    // written by a newer schema. Opening an open store closes it first.
    bool Open(const std::string& path, std::string* error);
    void Close();
    bool IsOpen() const { return db_ != nullptr; }

    // Images (response_store_image.cpp). OpenImage opens an in-memory database from a copy of
    // the bytes SerializeImage wrote, through the same schema checks as Open: an older schema is
    // upgraded, a newer one or bytes that are not a Manyi store are refused (false, store closed).
    bool OpenImage(const unsigned char* data, size_t size, std::string* error);
    // The whole database as bytes; refused inside a transaction (a bulk load), whose changes
    // an image must not half hold.
    bool SerializeImage(std::string* out, std::string* error) const;
    // Deletes responses and everything derived from them, their score counters too (a delete seen
    // in the journal without an aggregates record: an older build's purge). Unknown ids are
    // skipped. Returns how many were removed, or -1 on an error.
    int Remove(const std::vector<std::string>& ids, std::string* error);

    // The retention purge (response_store_purge.cpp, docs/decisions.md D20): the rows of purged
    // responses go, what they counted stays. CollectPurge picks, of `ids`, the stored delivered
    // responses and sums what they add to score_counts into `out` (out->id and purged_ms are the
    // caller's); it changes nothing.
    bool CollectPurge(const std::vector<std::string>& ids, std::vector<std::string>* purgeable, AggregateRecord* out, std::string* error);
    // Keeps an aggregates record: its rows are added to kept_counts and to score_counts, once (a
    // record whose id the store holds already changes nothing). A journal replay applies every
    // record; a store catching up applies those written after its image.
    bool ApplyAggregate(const AggregateRecord& a, std::string* error);
    // The purge committed to the journal: ApplyAggregate and Remove in one transaction, so that
    // what the rows counted moves into kept_counts and score_counts stays as it was. Returns how
    // many responses were removed, or -1 on an error.
    int Purge(const AggregateRecord& a, const std::vector<std::string>& ids, std::string* error);
    // Every pending response due now with no attempts counted: a new page starts its delivery
    // schedule afresh, as a store rebuilt from the journal does.
    bool ResetDeliverySchedule(std::string* error);

    // Idempotent on id: inserting an existing id changes nothing and returns true. A new response
    // is due for delivery at its created_at_ms. Response and answers go in one transaction.
    // endpoint_key names the endpoint it is to be delivered to (EndpointKey, endpoint_config.h);
    // "" = not known (a journal record written before endpoint keys, docs/decisions.md D22).
    bool Insert(const Response& r, const std::string& payload_json, DeliveryState state, std::string* error,
                const std::string& endpoint_key = "");
    bool Contains(const std::string& id) const;
    // Whether a kiosk's "burst" responses count in the scores (the kiosk setting burst_in_scores;
    // default: left out). Applied when a response is stored: a burst response stored while it is
    // off gets no answer_parts rows and no counters, so changing it affects the responses stored
    // after the change (and all of them when the store is rebuilt from the journal).
    void SetScoreBurst(bool include) { score_burst_ = include; }
    // Many inserts in one transaction (the widget's start-up replay of its journal): one commit
    // instead of one per response, and the score counters added up in memory and written once per
    // counter row. Reads and single inserts work in between (a read writes the counters first);
    // EndBulk writes them and commits.
    bool BeginBulk(std::string* error);
    bool EndBulk(std::string* error);
    StoreCounts Counts() const;

    // Pending responses of one endpoint whose next_attempt_ms <= now_ms, oldest (created) first,
    // at most `limit`. Each widget sends only its own endpoint's (docs/decisions.md D22).
    std::vector<StoredResponse> DueForDelivery(int64_t now_ms, int limit, const std::string& endpoint_key = "") const;
    int64_t NextDueMs(const std::string& endpoint_key = "") const; // earliest next_attempt_ms among its pending, or -1
    // Endpoint keys (response_store_endpoint.cpp). Responses not delivered yet whose endpoint is
    // not known (key ""), oldest first: the ones a widget adopts for its own endpoint.
    std::vector<StoredResponse> ListUnkeyed(int limit) const;
    // Sets the endpoint of a response whose endpoint is not known; false if it has one already
    // (or the id is unknown): a key, once set, never changes.
    bool SetEndpointKey(const std::string& id, const std::string& endpoint_key);

    // Each returns false if no response was changed: unknown id, or a state the move is not from.
    bool MarkDelivered(const std::string& id, int64_t now_ms);                                  // from Pending or Parked
    bool MarkRetry(const std::string& id, int64_t next_attempt_ms, const std::string& reason);  // Pending only; attempts += 1
    bool MarkParked(const std::string& id, const std::string& reason);                          // from Pending
    bool Get(const std::string& id, StoredResponse* out) const;
    // Operator (response_store_operator.cpp). Unpark: a parked response back in the queue
    // (Parked -> Pending, attempts 0, due at now_ms, reason cleared); false if it is not parked.
    bool Unpark(const std::string& id, int64_t now_ms);
    std::vector<StoredResponse> ListByState(DeliveryState state, int limit) const; // oldest first

    // Follow-ups. SetFollowUp inserts or replaces the record of a stored response (false for an
    // unknown response id, a satisfaction outside 1..points, or points other than 5 or 7).
    bool SetFollowUp(const FollowUp& f, std::string* error);
    bool GetFollowUp(const std::string& response_id, FollowUp* out) const;
    std::vector<FollowUp> ListFollowUps(const AnswerFilter& filter) const; // by the response's created time, oldest first

    // Aggregates for scoring (response_store_aggregate.cpp). Each reads the score counters of
    // the window's whole buckets and the answer_parts rows of the slots at its edges; the result
    // is what one scan of the window's rows gives (filter.use_counters = false does that scan).
    // Responses that answered each of the given questions (questions with no answer are left out).
    std::vector<QuestionCount> CountAnswered(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const;
    // Whole answers, chosen options and matrix rows of the given questions (the halves have their
    // own queries below), counted by question, role, part and value.
    std::vector<PartCount> CountParts(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const;
    // Whole answers of the given questions, grouped by local day (UTC + utc_offset_minutes) and value.
    std::vector<PartCount> CountPartsByDay(const AnswerFilter& filter, const std::vector<std::string>& question_ids, int utc_offset_minutes) const;
    // Pairs of the given kano questions (the ids make each scan a range of the key).
    std::vector<KanoPairCount> CountKanoPairs(const AnswerFilter& filter, const std::vector<std::string>& question_ids) const;
    // item_group[i] (0..63) is the group of items[i]; halves of items not listed are ignored.
    ServqualSums SumServqual(const AnswerFilter& filter, const std::string& question_id, const std::vector<std::string>& items,
                             const std::vector<int>& item_group) const;
    std::vector<VersionCount> CountVersions(const AnswerFilter& filter) const; // ignores filter.survey_version
    FollowUpCounts CountFollowUps(const AnswerFilter& filter) const;
    // Stored responses of the filter, oldest first (for exports).
    std::vector<StoredResponse> ListResponses(const AnswerFilter& filter) const;
    // The created times of the first and last stored response of the filter (export file names);
    // false when there is none.
    bool ResponseTimeSpan(const AnswerFilter& filter, int64_t* first_ms, int64_t* last_ms) const;

    // Counts everything score_counts holds again from the rows, plus the purged responses' counts
    // kept in kept_counts (response_store_counts.cpp): the upgrade of a file from before schema
    // 3, and the check of the counters kept on insert and purge.
    bool RebuildScoreCounts(std::string* error);

    static constexpr int kSchemaVersion = 5;

private:
    bool Exec(const char* sql, std::string* error);
    bool Prepare(sqlite3_stmt** stmt, const char* sql, std::string* error);
    bool CreateSchema(std::string* error);
    bool OpenSchema(const std::string& label, bool create, std::string* error);
    bool PrepareStatements(std::string* error);
    bool InsertRows(const Response& r, const std::string& payload_json, DeliveryState state, const std::string& endpoint_key,
                    std::vector<CountDelta>* counts, std::string* error);
    bool InsertParts(const Response& r, std::vector<CountDelta>* counts, std::string* error);
    bool UpgradeFromVersion1(std::string* error);
    bool UpgradeFromVersion2(std::string* error);
    bool UpgradeFromVersion3(std::string* error);
    bool UpgradeFromVersion4(std::string* error);
    // Remove, and with `kept` the aggregates record that stands for the removed responses
    // (response_store_purge.cpp); KeepAggregate writes a record's rows into kept_counts, `fresh`
    // false when the store held it already; AddKeptCounts adds kept_counts to a buffer.
    int RemoveKeeping(const AggregateRecord* kept, const std::vector<std::string>& ids, std::string* error);
    bool KeepAggregate(const AggregateRecord& a, bool* fresh, std::string* error);
    bool AddKeptCounts(CountBuffer* into, std::string* error);
    bool StoreFollowUp(const FollowUp& f, std::string* error);
    // Counter changes (response_store_counts.cpp): written at once, or kept in pending_counts_
    // during a bulk load; WriteCounts writes a buffer in key order; FlushPendingCounts writes the
    // pending ones (every reader calls it first: false if they could not be written).
    bool ApplyCounts(const std::string& survey_id, const std::string& survey_version, int64_t created_ms, const std::vector<CountDelta>& deltas,
                     int sign, std::string* error);
    bool WriteCounts(const CountBuffer& buffer, std::string* error) const;
    bool FlushPendingCounts(std::string* error) const;
    bool CountStoredResponse(const std::string& id, const std::string& survey_id, const std::string& survey_version, int64_t created_ms,
                             const std::set<std::string>* questions, CountBuffer* into, int sign);
    WindowPlan PlanFor(const AnswerFilter& filter) const;

    sqlite3*      db_ = nullptr;
    bool          bulk_ = false;
    bool          score_burst_ = false; // SetScoreBurst; kept across Open and Close
    bool          Scores(const Response& r) const;
    // Counter changes of the bulk load not yet in score_counts; mutable because a read writes
    // them first, which changes no answer the store gives. Stale: a write of them failed, so
    // score_counts is not to be read until EndBulk has counted it again from the rows.
    mutable CountBuffer pending_counts_;
    mutable bool        counts_stale_ = false;
    // Prepared once in Open; each use resets it. Pointers are not const-qualified by const methods,
    // which is what lets the read-only methods reuse them.
    sqlite3_stmt* insert_response_ = nullptr;
    sqlite3_stmt* insert_answer_ = nullptr;
    sqlite3_stmt* contains_ = nullptr;
    sqlite3_stmt* counts_ = nullptr;
    sqlite3_stmt* due_ = nullptr;
    sqlite3_stmt* next_due_ = nullptr;
    sqlite3_stmt* mark_delivered_ = nullptr;
    sqlite3_stmt* mark_retry_ = nullptr;
    sqlite3_stmt* mark_parked_ = nullptr;
    sqlite3_stmt* get_ = nullptr;
    sqlite3_stmt* insert_part_ = nullptr;
    sqlite3_stmt* upsert_count_ = nullptr;
    sqlite3_stmt* delete_zero_count_ = nullptr;
    sqlite3_stmt* stored_parts_ = nullptr;
    sqlite3_stmt* stored_parts_scan_ = nullptr;
    sqlite3_stmt* stored_followup_ = nullptr;
};

} // namespace manyi
