// The store's aggregate readers, internal to its files. A window is answered piece by piece
// (score_counts.h, PlanWindow): the raw readers (response_store_raw.cpp) count answer_parts rows
// in time ranges, the counted readers (response_store_counts.cpp) add up score_counts rows of
// whole buckets. Both add into the same tallies, keyed so that the pieces of a window sum to what
// one raw scan of the whole window gives.
#pragma once
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "core/response_store.h"
#include "core/score_counts.h"

struct sqlite3;
struct sqlite3_stmt;

namespace manyi {

using AnsweredTally = std::map<std::string, int64_t>; // question → responses that answered it
// question, role, part, has number, number, text
using PartKey = std::tuple<std::string, std::string, std::string, bool, int, std::string>;
using PartTally = std::map<PartKey, int64_t>;
using DayTally = std::map<std::tuple<std::string, int64_t, int>, int64_t>; // question, local day, number
// question, feature, functional, dysfunctional
using KanoTally = std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t>;
using VersionTally = std::map<std::string, int64_t>;
// Callbacks by (follow-up state, satisfaction, points); no record counts as (0, 0, 0).
using FollowUpTally = std::map<std::tuple<int, int, int>, int64_t>;

// The items asked for in SumServqual and their groups.
struct ServqualAsk
{
    std::string                     question_id;
    const std::vector<std::string>* items = nullptr;
    const std::vector<int>*         item_group = nullptr;
};

void AddServqual(ServqualSums* into, const ServqualSums& add);
int64_t LocalDay(int64_t ms, int utc_offset_minutes);

// Raw: answer_parts rows of the filter's survey and version created in each range.
void RawAnswered(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, AnsweredTally* out);
void RawParts(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, PartTally* out);
void RawByDay(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, int utc_offset_minutes, DayTally* out);
void RawKano(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const std::vector<std::string>& ids, KanoTally* out);
void RawServqual(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, const ServqualAsk& ask, ServqualSums* out);
void RawVersions(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, VersionTally* out); // every version
void RawFollowUps(sqlite3* db, const AnswerFilter& f, const std::vector<TimeRange>& ranges, FollowUpTally* out);

// Counted: score_counts rows of the filter's survey and version in each piece.
void CountedAnswered(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, AnsweredTally* out);
void CountedParts(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, PartTally* out);
void CountedByDay(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, int utc_offset_minutes, DayTally* out);
void CountedKano(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const std::vector<std::string>& ids, KanoTally* out);
void CountedServqual(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, const ServqualAsk& ask, ServqualSums* out);
void CountedVersions(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, VersionTally* out); // every version
void CountedFollowUps(sqlite3* db, const AnswerFilter& f, const std::vector<CountPiece>& pieces, FollowUpTally* out);

// The tables and their statements (response_store_counts.cpp; kept_counts and kept_batches:
// response_store_purge.cpp).
extern const char* kScoreCountsSql;
extern const char* kKeptCountsSql;
extern const char* kEndpointKeySql; // schema 5 (response_store_endpoint.cpp)
extern const char* kUpsertCountSql;
extern const char* kDeleteZeroCountSql;
extern const char* kStoredPartsSql;
extern const char* kStoredPartsScanSql;
extern const char* kStoredFollowUpSql;
CountDelta ResponseCountDelta();                                       // one stored response
CountDelta FollowUpCountDelta(int state, int satisfaction, int points); // one callback's follow-up record

// "?first, ?first+1, ..." for an IN list, and its binding.
std::string ListSql(size_t count, int first);
void BindList(sqlite3_stmt* stmt, const std::vector<std::string>& values, int first);

} // namespace manyi
