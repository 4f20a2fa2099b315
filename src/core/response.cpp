#include "core/response.h"

#include <algorithm>
#include <climits>

#include "core/json_text.h"
#include "core/survey.h"
#include "core/uuid.h"
#include "core/version.h"

namespace manyi {

bool AnswerIsGiven(const AnswerValue& v)
{
    switch (v.kind)
    {
    case AnswerValue::None: return false;
    case AnswerValue::Number: return true;
    case AnswerValue::Text:
    case AnswerValue::Choice: return !v.text.empty();
    case AnswerValue::Choices: return !v.choices.empty();
    case AnswerValue::Bool: return true;
    case AnswerValue::Rows: return !v.rows.empty();
    case AnswerValue::Gaps:
        for (const GapAnswer& g : v.gaps)
            if (g.expectation || g.perception) return true;
        return false;
    case AnswerValue::Kano:
        for (const KanoAnswer& k : v.kano)
            if (!k.functional.empty() || !k.dysfunctional.empty()) return true;
        return false;
    case AnswerValue::Fields:
        for (const FieldAnswer& f : v.fields)
            if (!f.text.empty()) return true;
        return false;
    }
    return false;
}

static const char* DefaultType(AnswerValue::Kind k)
{
    switch (k)
    {
    case AnswerValue::Number: return "rating";
    case AnswerValue::Text: return "text";
    case AnswerValue::Choice: return "single";
    case AnswerValue::Choices: return "multiple";
    case AnswerValue::Bool: return "consent";
    case AnswerValue::Rows: return "matrix";
    case AnswerValue::Gaps: return "servqual";
    case AnswerValue::Kano: return "kano";
    case AnswerValue::Fields: return "contact";
    default: return "";
    }
}

// The kind a payload type name carries; None for an unknown name.
static AnswerValue::Kind KindOfType(std::string_view type)
{
    if (type == "rating" || type == "nps" || type == "ces") return AnswerValue::Number;
    if (type == "text") return AnswerValue::Text;
    if (type == "single") return AnswerValue::Choice;
    if (type == "multiple") return AnswerValue::Choices;
    if (type == "consent") return AnswerValue::Bool;
    if (type == "matrix") return AnswerValue::Rows;
    if (type == "servqual") return AnswerValue::Gaps;
    if (type == "kano") return AnswerValue::Kano;
    if (type == "contact") return AnswerValue::Fields;
    return AnswerValue::None;
}

static Json ValueJson(const AnswerValue& v)
{
    switch (v.kind)
    {
    case AnswerValue::Number: return v.number;
    case AnswerValue::Text:
    case AnswerValue::Choice: return v.text;
    case AnswerValue::Choices: return v.choices;
    case AnswerValue::Bool: return v.flag;
    case AnswerValue::Rows:
    {
        Json o = Json::object();
        for (const RowAnswer& r : v.rows) o[r.row] = r.value;
        return o;
    }
    case AnswerValue::Gaps:
    {
        Json o = Json::object();
        for (const GapAnswer& g : v.gaps)
        {
            Json item = Json::object();
            if (g.expectation) item["expectation"] = *g.expectation;
            if (g.perception) item["perception"] = *g.perception;
            if (g.expectation && g.perception) item["gap"] = *g.perception - *g.expectation;
            if (!g.dimension.empty()) item["dimension"] = g.dimension;
            o[g.item] = std::move(item);
        }
        return o;
    }
    case AnswerValue::Kano:
    {
        Json o = Json::object();
        for (const KanoAnswer& k : v.kano)
        {
            Json item = Json::object();
            if (!k.functional.empty()) item["functional"] = k.functional;
            if (!k.dysfunctional.empty()) item["dysfunctional"] = k.dysfunctional;
            const char* category = KanoCategory(k.functional, k.dysfunctional);
            if (*category) item["category"] = category;
            o[k.feature] = std::move(item);
        }
        return o;
    }
    case AnswerValue::Fields:
    {
        Json o = Json::object();
        for (const FieldAnswer& f : v.fields)
            if (!f.text.empty()) o[f.field] = f.text;
        return o;
    }
    default: return nullptr;
    }
}

std::string AnswerValueJson(const AnswerValue& v) { return DumpJson(ValueJson(v)); }

bool HasFlag(const Response& r, std::string_view flag)
{
    for (const std::string& f : r.flags)
        if (f == flag) return true;
    return false;
}

std::string ResponseToJson(const Response& r)
{
    // ordered_json: the documented key order, and answers in question order.
    Json j = Json::object();
    j["format"] = kResponseFormat;
    j["id"] = r.id;
    j["survey"] = Json::object();
    j["survey"]["id"] = r.survey_id;
    j["survey"]["version"] = r.survey_version;
    j["started_at"] = FormatIsoUtc(r.started_at_ms != 0 ? r.started_at_ms : r.created_at_ms);
    j["submitted_at"] = FormatIsoUtc(r.created_at_ms);
    if (r.clock_offset_ms)
        j["clock_offset_ms"] = *r.clock_offset_ms;
    j["locale"] = r.locale;
    j["mode"] = r.mode.empty() ? "embed" : r.mode;
    j["device_id"] = r.device_id;
    j["client_version"] = r.client_version.empty() ? std::string(kVersion) : r.client_version;
    if (!r.flags.empty())
        j["flags"] = r.flags;
    Json answers = Json::object();
    for (const Answer& a : r.answers)
    {
        if (!AnswerIsGiven(a.value))
            continue;
        Json item = Json::object();
        item["type"] = a.type.empty() || KindOfType(a.type) != a.value.kind ? DefaultType(a.value.kind) : a.type;
        item["value"] = ValueJson(a.value);
        if (!a.label.empty() && (a.value.kind == AnswerValue::Number || a.value.kind == AnswerValue::Choice))
            item["label"] = a.label;
        if (a.value.kind == AnswerValue::Choices && a.labels.size() == a.value.choices.size())
            item["labels"] = a.labels;
        if (a.value.kind == AnswerValue::Rows && a.labels.size() == a.value.rows.size())
        {
            Json labels = Json::object();
            for (size_t i = 0; i < a.labels.size(); i++)
                labels[a.value.rows[i].row] = a.labels[i];
            item["labels"] = std::move(labels);
        }
        if (a.value.kind == AnswerValue::Fields || a.personal_data)
            item["personal_data"] = true;
        answers[a.question_id] = std::move(item);
    }
    j["answers"] = std::move(answers);
    if (r.complaint)
    {
        Json c = Json::object();
        c["reference"] = r.complaint->reference;
        c["origin"] = r.complaint->origin;
        c["window_hours"] = r.complaint->window_hours;
        c["due_at"] = FormatIsoUtc(r.complaint->due_at_ms);
        j["complaint"] = std::move(c);
    }
    return DumpJson(j);
}

static bool Fail(std::string* error, std::string message)
{
    if (error)
        *error = std::move(message);
    return false;
}

// Flags are short lowercase words; unknown words are kept (a newer client may add some).
static bool GetFlags(const Json& j, std::vector<std::string>* out, std::string* error)
{
    if (!j.is_array() || j.size() > 16)
        return Fail(error, "/flags: must be an array of at most 16 words");
    std::vector<std::string> flags;
    for (const Json& f : j)
    {
        if (!f.is_string() || f.get_ref<const std::string&>().empty() || f.get_ref<const std::string&>().size() > 32)
            return Fail(error, "/flags: each flag must be a word of 1 to 32 characters");
        for (char c : f.get_ref<const std::string&>())
            if (!((c >= 'a' && c <= 'z') || c == '-'))
                return Fail(error, "/flags: a flag is lowercase letters and '-'");
        flags.push_back(f.get<std::string>());
    }
    std::sort(flags.begin(), flags.end());
    flags.erase(std::unique(flags.begin(), flags.end()), flags.end());
    *out = std::move(flags);
    return true;
}

// A required member that must be a string.
static bool GetString(const Json& obj, const char* key, const std::string& path, std::string* out, std::string* error)
{
    auto it = obj.find(key);
    if (it == obj.end())
        return Fail(error, path + ": missing");
    if (!it->is_string())
        return Fail(error, path + ": must be a string");
    *out = it->get<std::string>();
    return true;
}

static bool CheckOnlyKeys(const Json& obj, std::initializer_list<const char*> keys, const std::string& path, std::string* error)
{
    for (const auto& [key, value] : obj.items())
    {
        bool known = false;
        for (const char* k : keys)
            known = known || key == k;
        if (!known)
            return Fail(error, path + "/" + key + ": unknown key");
    }
    return true;
}

static bool GetInt(const Json& value, const std::string& path, int* out, std::string* error)
{
    if (!value.is_number_integer())
        return Fail(error, path + ": must be an integer");
    const bool in_range = value.is_number_unsigned() ? value.get<uint64_t>() <= (uint64_t)INT_MAX
                                                     : (value.get<int64_t>() >= INT_MIN && value.get<int64_t>() <= INT_MAX);
    if (!in_range)
        return Fail(error, path + ": number out of range");
    *out = value.get<int>();
    return true;
}

static bool GetTime(const Json& obj, const char* key, const std::string& path, int64_t* out, std::string* error)
{
    std::string text;
    if (!GetString(obj, key, path, &text, error))
        return false;
    if (!ParseIsoUtc(text, out))
        return Fail(error, path + ": must be an ISO-8601 UTC time like 2026-11-23T09:00:00.123Z");
    return true;
}

static bool IsKanoAnswerValue(const std::string& s)
{
    return s == "like" || s == "must-be" || s == "neutral" || s == "live-with" || s == "dislike";
}

static bool ReadAnswerV2(const std::string& path, const Json& item, Answer* a, std::string* error)
{
    if (!item.is_object())
        return Fail(error, path + ": must be an object {\"type\", \"value\", ...}");
    if (!CheckOnlyKeys(item, { "type", "value", "label", "labels", "personal_data" }, path, error) ||
        !GetString(item, "type", path + "/type", &a->type, error))
        return false;
    const AnswerValue::Kind kind = KindOfType(a->type);
    if (kind == AnswerValue::None)
        return Fail(error, path + "/type: unknown type '" + a->type + "'");
    auto vit = item.find("value");
    if (vit == item.end())
        return Fail(error, path + "/value: missing");
    const Json& v = *vit;
    const std::string vpath = path + "/value";
    AnswerValue& out = a->value;
    out.kind = kind;
    switch (kind)
    {
    case AnswerValue::Number:
        if (!GetInt(v, vpath, &out.number, error)) return false;
        break;
    case AnswerValue::Text:
    case AnswerValue::Choice:
        if (!v.is_string()) return Fail(error, vpath + ": must be a string");
        out.text = v.get<std::string>();
        break;
    case AnswerValue::Choices:
        if (!v.is_array()) return Fail(error, vpath + ": must be an array of strings");
        for (size_t i = 0; i < v.size(); i++)
        {
            if (!v[i].is_string()) return Fail(error, vpath + "/" + std::to_string(i) + ": must be a string");
            out.choices.push_back(v[i].get<std::string>());
        }
        break;
    case AnswerValue::Bool:
        if (!v.is_boolean()) return Fail(error, vpath + ": must be true or false");
        out.flag = v.get<bool>();
        break;
    case AnswerValue::Rows:
        if (!v.is_object()) return Fail(error, vpath + ": must be an object of row id to integer");
        for (const auto& [row, n] : v.items())
        {
            RowAnswer r{ row, 0 };
            if (!GetInt(n, vpath + "/" + row, &r.value, error)) return false;
            out.rows.push_back(std::move(r));
        }
        break;
    case AnswerValue::Gaps:
        if (!v.is_object()) return Fail(error, vpath + ": must be an object of item id to {expectation, perception}");
        for (const auto& [id, g] : v.items())
        {
            const std::string gpath = vpath + "/" + id;
            if (!g.is_object()) return Fail(error, gpath + ": must be an object");
            if (!CheckOnlyKeys(g, { "expectation", "perception", "gap", "dimension" }, gpath, error)) return false;
            GapAnswer gap;
            gap.item = id;
            int n = 0;
            if (g.contains("expectation")) { if (!GetInt(g["expectation"], gpath + "/expectation", &n, error)) return false; gap.expectation = n; }
            if (g.contains("perception")) { if (!GetInt(g["perception"], gpath + "/perception", &n, error)) return false; gap.perception = n; }
            if (g.contains("gap") && !GetInt(g["gap"], gpath + "/gap", &n, error)) return false;
            if (g.contains("dimension") && !GetString(g, "dimension", gpath + "/dimension", &gap.dimension, error)) return false;
            out.gaps.push_back(std::move(gap));
        }
        break;
    case AnswerValue::Kano:
        if (!v.is_object()) return Fail(error, vpath + ": must be an object of feature id to {functional, dysfunctional}");
        for (const auto& [id, k] : v.items())
        {
            const std::string kpath = vpath + "/" + id;
            if (!k.is_object()) return Fail(error, kpath + ": must be an object");
            if (!CheckOnlyKeys(k, { "functional", "dysfunctional", "category" }, kpath, error)) return false;
            KanoAnswer ka;
            ka.feature = id;
            std::string category;
            if (k.contains("functional") && !GetString(k, "functional", kpath + "/functional", &ka.functional, error)) return false;
            if (k.contains("dysfunctional") && !GetString(k, "dysfunctional", kpath + "/dysfunctional", &ka.dysfunctional, error)) return false;
            if (k.contains("category") && !GetString(k, "category", kpath + "/category", &category, error)) return false;
            if (!ka.functional.empty() && !IsKanoAnswerValue(ka.functional))
                return Fail(error, kpath + "/functional: must be like, must-be, neutral, live-with or dislike");
            if (!ka.dysfunctional.empty() && !IsKanoAnswerValue(ka.dysfunctional))
                return Fail(error, kpath + "/dysfunctional: must be like, must-be, neutral, live-with or dislike");
            out.kano.push_back(std::move(ka));
        }
        break;
    case AnswerValue::Fields:
        if (!v.is_object()) return Fail(error, vpath + ": must be an object of field to string");
        for (const auto& [field, text] : v.items())
        {
            if (field != "name" && field != "phone" && field != "email")
                return Fail(error, vpath + "/" + field + ": unknown contact field");
            if (!text.is_string()) return Fail(error, vpath + "/" + field + ": must be a string");
            out.fields.push_back({ field, text.get<std::string>() });
        }
        break;
    default: break;
    }
    if (item.contains("label"))
    {
        if (kind != AnswerValue::Number && kind != AnswerValue::Choice)
            return Fail(error, path + "/label: only rating, nps, ces and single answers have a label");
        if (!GetString(item, "label", path + "/label", &a->label, error)) return false;
    }
    if (item.contains("labels"))
    {
        const Json& labels = item["labels"];
        if (kind == AnswerValue::Choices)
        {
            if (!labels.is_array() || labels.size() != out.choices.size())
                return Fail(error, path + "/labels: must be an array of strings, one per choice");
            for (size_t i = 0; i < labels.size(); i++)
            {
                if (!labels[i].is_string()) return Fail(error, path + "/labels/" + std::to_string(i) + ": must be a string");
                a->labels.push_back(labels[i].get<std::string>());
            }
        }
        else if (kind == AnswerValue::Rows)
        {
            if (!labels.is_object()) return Fail(error, path + "/labels: must be an object of row id to string");
            for (const RowAnswer& r : out.rows)
            {
                auto it = labels.find(r.row);
                if (it == labels.end() || !it->is_string())
                    return Fail(error, path + "/labels/" + r.row + ": must be a string");
                a->labels.push_back(it->get<std::string>());
            }
            if (labels.size() != out.rows.size())
                return Fail(error, path + "/labels: one label per answered row");
        }
        else
            return Fail(error, path + "/labels: only multiple and matrix answers have labels");
    }
    if (item.contains("personal_data"))
    {
        if (!item["personal_data"].is_boolean()) return Fail(error, path + "/personal_data: must be true or false");
        a->personal_data = item["personal_data"].get<bool>();
    }
    return true;
}

AnswerValue::Kind AnswerKindOf(std::string_view payload_type) { return KindOfType(payload_type); }

bool AnswerValueFromJson(std::string_view json, AnswerValue::Kind kind, AnswerValue* out, std::string* error)
{
    Json value;
    if (!ParseJsonText(json, &value, error))
        return false;
    Json item = Json::object();
    item["type"] = DefaultType(kind);
    item["value"] = std::move(value);
    if (kind == AnswerValue::None)
        return Fail(error, "no answer kind");
    Answer a;
    if (!ReadAnswerV2("value", item, &a, error))
        return false;
    *out = std::move(a.value);
    return true;
}

bool ResponseFromJson(std::string_view json, Response* out, std::string* error)
{
    Json j;
    std::string parse_error;
    if (!ParseJsonText(json, &j, &parse_error))
        return Fail(error, parse_error);
    if (!j.is_object())
        return Fail(error, "a response must be a JSON object");

    std::string format;
    if (!GetString(j, "format", "/format", &format, error))
        return false;
    Response r;
    if (format == kResponseFormatV1)
        r.format = 1;
    else if (format == kResponseFormat)
        r.format = 2;
    else
        return Fail(error, "/format: unsupported format '" + format + "' (expected " + kResponseFormat + ")");
    if (r.format == 1 && !CheckOnlyKeys(j, { "format", "id", "survey", "locale", "created_at", "answers" }, "", error))
        return false;
    if (r.format == 2 && !CheckOnlyKeys(j, { "format", "id", "survey", "started_at", "submitted_at", "clock_offset_ms", "locale", "mode",
                                             "device_id", "client_version", "flags", "answers", "complaint" }, "", error))
        return false;

    if (!GetString(j, "id", "/id", &r.id, error))
        return false;
    if (!IsUuid(r.id))
        return Fail(error, "/id: must be a UUID like 0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e");

    auto survey = j.find("survey");
    if (survey == j.end())
        return Fail(error, "/survey: missing");
    if (!survey->is_object())
        return Fail(error, "/survey: must be an object with id and version");
    if (!CheckOnlyKeys(*survey, { "id", "version" }, "/survey", error) ||
        !GetString(*survey, "id", "/survey/id", &r.survey_id, error) ||
        !GetString(*survey, "version", "/survey/version", &r.survey_version, error))
        return false;
    if (r.survey_id.empty())
        return Fail(error, "/survey/id: must not be empty");

    if (!GetString(j, "locale", "/locale", &r.locale, error))
        return false;

    if (r.format == 1)
    {
        if (!GetTime(j, "created_at", "/created_at", &r.created_at_ms, error))
            return false;
        r.started_at_ms = r.created_at_ms;
    }
    else
    {
        if (!GetTime(j, "submitted_at", "/submitted_at", &r.created_at_ms, error))
            return false;
        r.started_at_ms = r.created_at_ms;
        if (j.contains("started_at") && !GetTime(j, "started_at", "/started_at", &r.started_at_ms, error))
            return false;
        if (j.contains("clock_offset_ms"))
        {
            const Json& c = j["clock_offset_ms"];
            if (!c.is_number_integer() || (c.is_number_unsigned() && c.get<uint64_t>() > (uint64_t)INT64_MAX))
                return Fail(error, "/clock_offset_ms: must be an integer");
            r.clock_offset_ms = c.get<int64_t>();
        }
        if (j.contains("mode") && !GetString(j, "mode", "/mode", &r.mode, error))
            return false;
        if (j.contains("device_id") && !GetString(j, "device_id", "/device_id", &r.device_id, error))
            return false;
        if (j.contains("client_version") && !GetString(j, "client_version", "/client_version", &r.client_version, error))
            return false;
        if (j.contains("flags") && !GetFlags(j["flags"], &r.flags, error))
            return false;
    }

    auto answers = j.find("answers");
    if (answers == j.end())
        return Fail(error, "/answers: missing");
    if (!answers->is_object())
        return Fail(error, "/answers: must be an object keyed by question id");
    for (const auto& [question_id, value] : answers->items())
    {
        Answer a;
        a.question_id = question_id;
        const std::string path = "/answers/" + question_id;
        if (r.format == 2)
        {
            if (!ReadAnswerV2(path, value, &a, error))
                return false;
        }
        else if (value.is_number_integer())
        {
            if (!GetInt(value, path, &a.value.number, error))
                return false;
            a.value.kind = AnswerValue::Number;
        }
        else if (value.is_string())
        {
            a.value.kind = AnswerValue::Text;
            a.value.text = value.get<std::string>();
        }
        else
            return Fail(error, path + ": must be an integer or a string");
        r.answers.push_back(std::move(a));
    }

    if (r.format == 2 && j.contains("complaint"))
    {
        const Json& c = j["complaint"];
        if (!c.is_object())
            return Fail(error, "/complaint: must be an object");
        if (!CheckOnlyKeys(c, { "reference", "origin", "window_hours", "due_at" }, "/complaint", error))
            return false;
        ComplaintBlock block;
        if (!GetString(c, "reference", "/complaint/reference", &block.reference, error) ||
            !GetString(c, "origin", "/complaint/origin", &block.origin, error))
            return false;
        if (!IsValidReference(block.reference))
            return Fail(error, "/complaint/reference: must be a reference number like ABCD-EFGH2 (with a valid check character)");
        if (block.origin != "trigger" && block.origin != "rule" && block.origin != "entry")
            return Fail(error, "/complaint/origin: must be \"trigger\", \"rule\" or \"entry\"");
        if (!c.contains("window_hours"))
            return Fail(error, "/complaint/window_hours: missing");
        if (!GetInt(c["window_hours"], "/complaint/window_hours", &block.window_hours, error) ||
            !GetTime(c, "due_at", "/complaint/due_at", &block.due_at_ms, error))
            return false;
        r.complaint = std::move(block);
    }

    *out = std::move(r);
    return true;
}

// ---- reference numbers --------------------------------------------------------------------------

static const char kReferenceAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // 31: no 0 O 1 I L

static int ReferenceDigit(char c)
{
    if (c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    for (int i = 0; i < 31; i++)
        if (kReferenceAlphabet[i] == c)
            return i;
    return -1;
}

// Weighted sum mod 31 (a prime): any single changed character and any swap of two different
// adjacent characters changes it.
static int ReferenceCheck(const int digits[8])
{
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += digits[i] * (i + 1);
    return sum % 31;
}

std::string MakeReference(const uint8_t random8[8])
{
    uint64_t x = 0;
    for (int i = 0; i < 8; i++)
        x = (x << 8) | random8[i];
    // 31^8 < 2^40, so taking digits of a 64-bit number is uniform to within 2^-24.
    int digits[8];
    for (int i = 0; i < 8; i++)
    {
        digits[i] = (int)(x % 31);
        x /= 31;
    }
    std::string out;
    for (int i = 0; i < 8; i++)
    {
        if (i == 4) out += '-';
        out += kReferenceAlphabet[digits[i]];
    }
    out += kReferenceAlphabet[ReferenceCheck(digits)];
    return out;
}

bool IsValidReference(std::string_view reference)
{
    int digits[9];
    int n = 0;
    for (size_t i = 0; i < reference.size(); i++)
    {
        if (reference[i] == '-' && i == 4 && n == 4)
            continue;
        if (n == 9)
            return false;
        const int d = ReferenceDigit(reference[i]);
        if (d < 0)
            return false;
        digits[n++] = d;
    }
    return n == 9 && ReferenceCheck(digits) == digits[8];
}

} // namespace manyi
