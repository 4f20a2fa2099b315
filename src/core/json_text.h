// Parsing JSON text without exceptions escaping, with errors a person can act on.
// Internal to the core: ordered_json keeps object members in file order, which the
// survey format relies on (LocalizedText order) and the response format preserves.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace manyi {

using Json = nlohmann::ordered_json;

// On failure `error` reads "invalid JSON at line L, column C: <what nlohmann says>".
// Lines and columns start at 1; columns count code points, as editors do.
bool ParseJsonText(std::string_view text, Json* out, std::string* error);

// Line and column (1-based, column in code points) of byte `offset` in `text`.
void LineColumnAt(std::string_view text, size_t offset, int* line, int* column);

// Compact dump that never throws: invalid UTF-8 inside strings becomes U+FFFD.
std::string DumpJson(const Json& j);

// Deepest nesting of arrays and objects, outside strings; stops counting once past `limit` (so a
// hostile document is measured before nlohmann recurses into it).
int JsonNestingDepth(std::string_view text, int limit);

// RFC 6901: base + "/" + key with "~" and "/" escaped; or + "/" + index.
std::string JsonPointerJoin(const std::string& base, std::string_view key);
std::string JsonPointerJoin(const std::string& base, size_t index);

} // namespace manyi
