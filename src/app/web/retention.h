// The retention purge (src/app/web/retention.cpp, docs/decisions.md D20).
#pragma once

namespace manyi {

// Once the store is loaded: delivered responses past the endpoint's retention_days leave the
// journal and the store, their scores' aggregates kept in both. Asynchronous; emits "purge".
void StartRetentionPurge();

} // namespace manyi
