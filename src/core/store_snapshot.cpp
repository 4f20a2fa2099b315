#include "core/store_snapshot.h"

#include <cstdio>
#include <cstring>

#include "core/json_text.h"

namespace manyi {

std::string StoreSnapshotMetaToJson(const StoreSnapshotMeta& m)
{
    Json j = { { "format", kStoreSnapshotFormat }, { "schema", m.schema }, { "mark", m.mark }, { "bytes", m.bytes },
               { "checksum", m.checksum }, { "responses", m.responses }, { "unreadable", m.unreadable }, { "written_ms", m.written_ms } };
    return DumpJson(j);
}

// A non-negative integer member (JSON numbers from JS arrive as doubles), or false.
static bool Count(const Json& j, const char* key, int64_t* out)
{
    if (!j.contains(key) || !j[key].is_number())
        return false;
    const double d = j[key].get<double>();
    if (!(d >= 0 && d < 9.0e15) || d != (double)(int64_t)d)
        return false;
    *out = (int64_t)d;
    return true;
}

bool StoreSnapshotMetaFromJson(std::string_view json, StoreSnapshotMeta* out, std::string* error)
{
    Json j;
    if (!ParseJsonText(json, &j, error))
        return false;
    if (!j.is_object() || !j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kStoreSnapshotFormat)
    {
        *error = std::string("not a ") + kStoreSnapshotFormat + " description";
        return false;
    }
    StoreSnapshotMeta m;
    int64_t schema = 0;
    if (!Count(j, "schema", &schema) || !Count(j, "mark", &m.mark) || !Count(j, "bytes", &m.bytes) || !Count(j, "responses", &m.responses) ||
        !j.contains("checksum") || !j["checksum"].is_string())
    {
        *error = "store image description lacks schema, mark, bytes, responses or checksum";
        return false;
    }
    m.schema = (int)schema;
    m.checksum = j["checksum"].get<std::string>();
    Count(j, "written_ms", &m.written_ms);
    if (j.contains("unreadable") && j["unreadable"].is_array())
        for (const Json& id : j["unreadable"])
            if (id.is_string())
                m.unreadable.push_back(id.get<std::string>());
    *out = std::move(m);
    return true;
}

uint64_t ImageChecksum(const unsigned char* data, size_t size)
{
    // Multiply-xorshift over 64-bit words, then the tail and the length: every bit of the input
    // reaches the result, a few times faster than a byte-wise FNV over megabytes in wasm.
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = 0x243F6A8885A308D3ull ^ (uint64_t)size;
    size_t i = 0;
    for (; i + 8 <= size; i += 8)
    {
        uint64_t w;
        std::memcpy(&w, data + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    for (size_t s = 0; i < size; i++, s += 8)
        tail |= (uint64_t)data[i] << s;
    h = (h ^ tail) * k;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    return h;
}

std::string ImageChecksumHex(const unsigned char* data, size_t size)
{
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", (unsigned long long)ImageChecksum(data, size));
    return hex;
}

std::string CheckStoreImage(const StoreSnapshotMeta& meta, const unsigned char* data, size_t size)
{
    if ((int64_t)size != meta.bytes)
        return "size";
    if (ImageChecksumHex(data, size) != meta.checksum)
        return "checksum";
    return "";
}

} // namespace manyi
