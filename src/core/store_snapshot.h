// The description kept beside a store image (docs/decisions.md D18): which journal changes the
// image holds, and what its bytes must hash to. Plain data; the platform keeps both in IndexedDB.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

inline constexpr const char* kStoreSnapshotFormat = "manyi.store-image/1";

struct StoreSnapshotMeta
{
    int         schema = 0;      // ResponseStore::kSchemaVersion of the build that wrote it
    int64_t     mark = 0;        // the image holds every journal change with a sequence number <= mark
    int64_t     bytes = 0;       // image size
    std::string checksum;        // ImageChecksumHex of the image
    int64_t     responses = 0;   // responses in the image
    std::vector<std::string> unreadable; // journal records it leaves out because they could not be read
    int64_t     written_ms = 0;
};

std::string StoreSnapshotMetaToJson(const StoreSnapshotMeta& m);
bool StoreSnapshotMetaFromJson(std::string_view json, StoreSnapshotMeta* out, std::string* error);

// 64-bit hash of the image bytes, eight at a time: catches a damaged or truncated image (not an
// adversary: whoever can write the device's IndexedDB can write the journal too).
uint64_t ImageChecksum(const unsigned char* data, size_t size);
std::string ImageChecksumHex(const unsigned char* data, size_t size);

// "" when the image matches its description; otherwise why not ("size", "checksum").
std::string CheckStoreImage(const StoreSnapshotMeta& meta, const unsigned char* data, size_t size);

} // namespace manyi
