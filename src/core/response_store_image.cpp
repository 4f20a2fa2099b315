// The store as an image between page loads, and what keeping one needs besides removing purged
// responses (response_store_purge.cpp): a fresh delivery schedule (docs/decisions.md D18).
#include <cstring>

#include "core/response_store.h"
#include "core/sqlite_util.h"

namespace manyi {

bool ResponseStore::OpenImage(const unsigned char* data, size_t size, std::string* error)
{
    Close();
    if (sqlite3_open_v2(":memory:", &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
    {
        if (error)
            *error = std::string("cannot open an in-memory database: ") + (db_ ? sqlite3_errmsg(db_) : "out of memory");
        Close();
        return false;
    }
    // SQLite owns and may grow its copy (FREEONCLOSE | RESIZEABLE): the store keeps taking inserts.
    unsigned char* copy = size ? (unsigned char*)sqlite3_malloc64(size) : nullptr;
    if (size && !copy)
    {
        if (error)
            *error = "out of memory for the store image";
        Close();
        return false;
    }
    if (size)
        std::memcpy(copy, data, size);
    // On failure sqlite3_deserialize frees the copy itself (FREEONCLOSE).
    if (sqlite3_deserialize(db_, "main", copy, (sqlite3_int64)size, (sqlite3_int64)size,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
    {
        if (error)
            *error = std::string("the store image cannot be loaded: ") + sqlite3_errmsg(db_);
        Close();
        return false;
    }
    return OpenSchema("the store image", /*create=*/false, error);
}

bool ResponseStore::SerializeImage(std::string* out, std::string* error) const
{
    if (!db_ || !sqlite3_get_autocommit(db_))
    {
        if (error)
            *error = db_ ? "the store is inside a transaction" : "store is not open";
        return false;
    }
    sqlite3_int64 size = 0;
    unsigned char* bytes = sqlite3_serialize(db_, "main", &size, 0);
    if (!bytes)
    {
        if (error)
            *error = "the store could not be serialized (out of memory)";
        return false;
    }
    out->assign((const char*)bytes, (size_t)size);
    sqlite3_free(bytes);
    return true;
}

bool ResponseStore::ResetDeliverySchedule(std::string* error)
{
    if (!db_)
    {
        if (error)
            *error = "store is not open";
        return false;
    }
    return Exec("UPDATE responses SET attempts = 0, next_attempt_ms = created_ms, last_error = '' WHERE state = 0", error);
}

} // namespace manyi
