// The queryable store of responses and their delivery state, on SQLite.
// In the browser the database lives in memory (or IDBFS) and is rebuilt from the IndexedDB
// journal; natively it is a file, or ":memory:" in tests.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/response.h"

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

    // Idempotent on id: inserting an existing id changes nothing and returns true. A new response
    // is due for delivery at its created_at_ms. Response and answers go in one transaction.
    bool Insert(const Response& r, const std::string& payload_json, DeliveryState state, std::string* error);
    bool Contains(const std::string& id) const;
    StoreCounts Counts() const;

    // Pending responses whose next_attempt_ms <= now_ms, oldest (created) first, at most `limit`.
    std::vector<StoredResponse> DueForDelivery(int64_t now_ms, int limit) const;
    int64_t NextDueMs() const; // earliest next_attempt_ms among pending, or -1

    // Each returns false if no response was changed: unknown id, or a state the move is not from.
    bool MarkDelivered(const std::string& id, int64_t now_ms);                                  // from Pending or Parked
    bool MarkRetry(const std::string& id, int64_t next_attempt_ms, const std::string& reason);  // Pending only; attempts += 1
    bool MarkParked(const std::string& id, const std::string& reason);                          // from Pending
    bool Get(const std::string& id, StoredResponse* out) const;

    static constexpr int kSchemaVersion = 1;

private:
    bool Exec(const char* sql, std::string* error);
    bool Prepare(sqlite3_stmt** stmt, const char* sql, std::string* error);
    bool CreateSchema(std::string* error);
    bool PrepareStatements(std::string* error);
    bool InsertRows(const Response& r, const std::string& payload_json, DeliveryState state, std::string* error);

    sqlite3*      db_ = nullptr;
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
};

} // namespace manyi
