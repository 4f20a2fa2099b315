#include "core/delivery_batch.h"

#include <cstdio>

#include "core/json_text.h"

namespace manyi {

std::string BatchIdempotencyKey(const std::vector<std::string>& ids)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < ids.size(); i++)
    {
        if (i > 0) { h ^= (unsigned char)'\n'; h *= 1099511628211ull; }
        for (unsigned char c : ids[i]) { h ^= c; h *= 1099511628211ull; }
    }
    char out[32];
    snprintf(out, sizeof out, "batch-%016llx", (unsigned long long)h);
    return out;
}

DeliveryBatch BuildBatch(const EndpointConfig& cfg, const std::vector<StoredResponse>& due, int max_items)
{
    DeliveryBatch b;
    b.content_type = BodyShapeContentType(cfg.body);
    int limit = cfg.body == BodyShape::Object ? 1 : max_items < 1 ? 1 : max_items;
    size_t bytes = cfg.body == BodyShape::Array ? 2 : 0;
    for (const StoredResponse& r : due)
    {
        if ((int)b.ids.size() >= limit)
            break;
        size_t add = r.payload_json.size() + 1; // a comma or a newline
        if (!b.ids.empty() && bytes + add > (size_t)cfg.batch_bytes)
            break;
        if (cfg.body == BodyShape::Array)
            b.body += b.ids.empty() ? "[" : ",";
        b.body += r.payload_json;
        if (cfg.body == BodyShape::Ndjson)
            b.body += "\n";
        bytes += add;
        b.ids.push_back(r.id);
    }
    if (cfg.body == BodyShape::Array && !b.ids.empty())
        b.body += "]";
    b.idempotency_key = b.ids.size() == 1 && cfg.body == BodyShape::Object ? b.ids[0] : BatchIdempotencyKey(b.ids);
    return b;
}

std::vector<ItemResult> ParseBatchReply(std::string_view reply_body, const std::vector<std::string>& ids, int request_status)
{
    std::vector<ItemResult> out;
    for (const std::string& id : ids)
        out.push_back({ id, request_status });
    Json j;
    std::string error;
    if (reply_body.empty() || !ParseJsonText(reply_body, &j, &error))
        return out;
    const Json* list = nullptr;
    if (j.is_array()) list = &j;
    else if (j.is_object() && j.contains("results") && j["results"].is_array()) list = &j["results"];
    if (!list)
        return out;
    for (const Json& item : *list)
    {
        if (!item.is_object() || !item.contains("id") || !item["id"].is_string() || !item.contains("status") ||
            !item["status"].is_number_integer())
            continue;
        std::string id = item["id"].get<std::string>();
        int64_t status = item["status"].get<int64_t>();
        if (status < 100 || status > 599)
            continue;
        for (ItemResult& r : out)
            if (r.id == id) r.status = (int)status;
    }
    return out;
}

} // namespace manyi
