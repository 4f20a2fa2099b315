#include "core/json_text.h"

#include "core/utf8.h"

namespace manyi {

// A SAX consumer that ignores values and remembers the first error. Used only to learn where a
// document that failed to parse went wrong: parse(..., allow_exceptions=false) tells us only
// *that* it failed, and exceptions may be disabled in the wasm build.
struct JsonErrorRecorder : nlohmann::json_sax<Json>
{
    size_t      position = 0; // bytes read when the error was seen, so the culprit is at position-1
    std::string what;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override
    {
        position = pos;
        what = ex.what();
        return false;
    }
};

void LineColumnAt(std::string_view text, size_t offset, int* line, int* column)
{
    if (offset > text.size())
        offset = text.size();
    size_t line_start = 0;
    int l = 1;
    for (size_t i = 0; i < offset; i++)
        if (text[i] == '\n') { l++; line_start = i + 1; }
    *line = l;
    *column = 1 + Utf8Length(text.substr(line_start, offset - line_start));
}

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 2, column 7: syntax
// error ...". Its position counts bytes; we give our own, so keep only the part after it.
static std::string StripNlohmannPrefix(const std::string& what)
{
    const size_t column = what.find(", column ");
    if (column != std::string::npos)
    {
        const size_t colon = what.find(": ", column);
        if (colon != std::string::npos)
            return what.substr(colon + 2);
    }
    const size_t bracket = what.find("] ");
    return bracket != std::string::npos ? what.substr(bracket + 2) : what;
}

bool ParseJsonText(std::string_view text, Json* out, std::string* error)
{
    *out = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (!out->is_discarded())
        return true;
    JsonErrorRecorder recorder;
    Json::sax_parse(text.begin(), text.end(), &recorder);
    int line = 0, column = 0;
    LineColumnAt(text, recorder.position > 0 ? recorder.position - 1 : 0, &line, &column);
    if (error)
    {
        // "last read: '...'" may quote invalid bytes from the input; keep the message valid UTF-8.
        *error = "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": " +
                 Utf8Sanitize(StripNlohmannPrefix(recorder.what));
    }
    *out = Json();
    return false;
}

std::string DumpJson(const Json& j)
{
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}


// Deepest nesting of arrays and objects, outside strings; stops counting past `limit`.
int JsonNestingDepth(std::string_view text, int limit)
{
    int depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); i++)
    {
        const char c = text[i];
        if (in_string)
        {
            if (c == '\\') i++;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '[' || c == '{')
        {
            if (++depth > deepest && (deepest = depth) > limit)
                return deepest;
        }
        else if (c == ']' || c == '}')
            depth--;
    }
    return deepest;
}


// RFC 6901: '~' and '/' inside a key are escaped in a JSON pointer.
std::string JsonPointerJoin(const std::string& base, std::string_view key)
{
    std::string out = base + "/";
    for (char c : key)
    {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string JsonPointerJoin(const std::string& base, size_t index) { return base + "/" + std::to_string(index); }

} // namespace manyi
