// Packing stored responses into requests, and reading what an endpoint said about each one
// (docs/delivery.md).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/endpoint_config.h"
#include "core/response_store.h"

namespace manyi {

struct DeliveryBatch
{
    std::vector<std::string> ids;             // oldest first
    std::string              body;
    std::string              content_type;
    std::string              idempotency_key; // the response id, or a stable hash of the batch's ids
};

// Takes responses from `due` (oldest first) while the batch stays within `max_items` and the
// config's byte cap. The first response always goes, even alone over the cap: the endpoint's
// 413 then parks it rather than the queue stalling behind it.
DeliveryBatch BuildBatch(const EndpointConfig& cfg, const std::vector<StoredResponse>& due, int max_items);

// "batch-" + 16 hex digits of FNV-1a 64 over the ids joined by newlines: the same set of
// responses always gets the same key, so a resent batch is recognised.
std::string BatchIdempotencyKey(const std::vector<std::string>& ids);

struct ItemResult
{
    std::string id;
    int         status = 0;
};

// Per-item results from a 2xx reply, when the endpoint gives them:
// {"results":[{"id":"…","status":201},…]} or a bare array of such objects. Items missing from the
// reply (or an empty or non-JSON reply) count as delivered with the request's status.
std::vector<ItemResult> ParseBatchReply(std::string_view reply_body, const std::vector<std::string>& ids, int request_status);

} // namespace manyi
