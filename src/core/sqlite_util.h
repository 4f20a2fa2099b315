// Small helpers around the SQLite C API shared by the store's files. Internal to the core.
#pragma once
#include <string>

#include "sqlite3.h"

namespace manyi {

// Resets a statement when the scope that used it ends, whatever path it leaves by.
struct StatementScope
{
    sqlite3_stmt* stmt;
    explicit StatementScope(sqlite3_stmt* s) : stmt(s) {}
    ~StatementScope() { sqlite3_reset(stmt); sqlite3_clear_bindings(stmt); }
};

// Finalizes a statement prepared for one use.
struct OwnedStatement
{
    sqlite3_stmt* stmt = nullptr;
    OwnedStatement() = default;
    OwnedStatement(const OwnedStatement&) = delete;
    OwnedStatement& operator=(const OwnedStatement&) = delete;
    ~OwnedStatement() { sqlite3_finalize(stmt); }
};

inline void BindText(sqlite3_stmt* stmt, int index, const std::string& s)
{
    // With an explicit length, so text holding U+0000 survives.
    sqlite3_bind_text(stmt, index, s.data(), (int)s.size(), SQLITE_TRANSIENT);
}

inline std::string ColumnText(sqlite3_stmt* stmt, int col)
{
    const unsigned char* text = sqlite3_column_text(stmt, col);
    const int bytes = sqlite3_column_bytes(stmt, col);
    return text ? std::string((const char*)text, (size_t)bytes) : std::string();
}

} // namespace manyi
