// ParseSurvey: JSON text -> Survey, with every problem reported at its JSON pointer.
#include "core/survey.h"

#include <climits>
#include <initializer_list>

#include "core/json_text.h"
#include "core/localized_text.h"

namespace manyi {

// Parsing state: the problems so far and what later checks need from earlier ones.
struct SurveyParser
{
    std::vector<SurveyProblem>* problems = nullptr;
    std::vector<std::string>    locales;       // empty until /locales is known to be valid
    bool                        locales_valid = false;

    void Problem(const std::string& path, std::string message) { problems->push_back({ path, std::move(message) }); }
};

// RFC 6901: '~' and '/' inside a key are escaped in a JSON pointer.
static std::string PointerJoin(const std::string& base, std::string_view key)
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

static std::string PointerJoin(const std::string& base, size_t index) { return base + "/" + std::to_string(index); }

static std::string Quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

static bool IsKeyIn(std::string_view key, std::initializer_list<const char*> keys)
{
    for (const char* k : keys)
        if (key == k)
            return true;
    return false;
}

// Keys starting with "$" or "x-" are left to editors and extensions ("$schema", "x-note").
static bool IsExtensionKey(std::string_view key) { return key.starts_with("$") || key.starts_with("x-"); }

// Letters, digits, '_', '-', '.', starting with a letter or digit: safe as a JSON key, SQL value,
// CSV column and file name.
static bool IsValidId(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (size_t i = 0; i < id.size(); i++)
    {
        const char c = id[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '_' && c != '-' && c != '.')))
            return false;
    }
    return true;
}

// A BCP 47 tag, loosely: a 2-3 letter language, then "-" subtags of 1-8 letters or digits.
static bool IsValidLocale(std::string_view tag)
{
    size_t i = 0;
    while (i < tag.size() && ((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z')))
        i++;
    if (i < 2 || i > 3)
        return false;
    while (i < tag.size())
    {
        if (tag[i] != '-')
            return false;
        size_t n = 0;
        for (i++; i < tag.size() && tag[i] != '-'; i++, n++)
        {
            const char c = tag[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                return false;
        }
        if (n < 1 || n > 8)
            return false;
    }
    return true;
}

static const char* TypeName(const Json& j)
{
    if (j.is_null()) return "null";
    if (j.is_boolean()) return "a boolean";
    if (j.is_number()) return "a number";
    if (j.is_string()) return "a string";
    if (j.is_array()) return "an array";
    return "an object";
}

static void CheckKeys(SurveyParser* p, const Json& obj, const std::string& path, std::initializer_list<const char*> allowed)
{
    for (const auto& [key, value] : obj.items())
        if (!IsKeyIn(key, allowed) && !IsExtensionKey(key))
            p->Problem(PointerJoin(path, key), "unknown key " + Quoted(key));
}

static const Json* Member(const Json& obj, const char* key)
{
    auto it = obj.find(key);
    return it != obj.end() ? &*it : nullptr;
}

static bool ReadString(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required, std::string* out)
{
    const Json* v = Member(obj, key);
    if (!v)
    {
        if (required)
            p->Problem(PointerJoin(path, key), std::string("missing ") + key);
        return false;
    }
    if (!v->is_string())
    {
        p->Problem(PointerJoin(path, key), std::string("must be a string, not ") + TypeName(*v));
        return false;
    }
    *out = v->get<std::string>();
    return true;
}

static bool ReadBool(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool* out)
{
    const Json* v = Member(obj, key);
    if (!v)
        return false;
    if (!v->is_boolean())
    {
        p->Problem(PointerJoin(path, key), std::string("must be true or false, not ") + TypeName(*v));
        return false;
    }
    *out = v->get<bool>();
    return true;
}

// Integers only: 7.0 or "7" are mistakes worth pointing out.
static bool ReadInt(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required, int* out)
{
    const Json* v = Member(obj, key);
    if (!v)
    {
        if (required)
            p->Problem(PointerJoin(path, key), std::string("missing ") + key);
        return false;
    }
    if (!v->is_number_integer())
    {
        p->Problem(PointerJoin(path, key), std::string("must be an integer, not ") + (v->is_number() ? "a fraction" : TypeName(*v)));
        return false;
    }
    if (v->is_number_unsigned() ? v->get<uint64_t>() > (uint64_t)INT_MAX : (v->get<int64_t>() < INT_MIN || v->get<int64_t>() > INT_MAX))
    {
        p->Problem(PointerJoin(path, key), "integer out of range");
        return false;
    }
    *out = v->get<int>();
    return true;
}

// A text is a plain string (all locales) or an object {locale: string}. When the survey lists its
// locales, an object must give each of them and no others: a missing translation would silently
// show another language to the respondent.
static bool ReadText(SurveyParser* p, const Json& obj, const std::string& parent, const char* key, bool required, LocalizedText* out)
{
    const std::string path = PointerJoin(parent, key);
    const Json* v = Member(obj, key);
    if (!v)
    {
        if (required)
            p->Problem(path, std::string("missing ") + key);
        return false;
    }
    out->by_locale.clear();
    if (v->is_string())
    {
        out->by_locale.push_back({ "", v->get<std::string>() });
        if (required && out->Empty())
            p->Problem(path, "must not be empty");
        return true;
    }
    if (!v->is_object())
    {
        p->Problem(path, std::string("must be a string or an object of locale to string, not ") + TypeName(*v));
        return false;
    }
    for (const auto& [locale, text] : v->items())
    {
        const std::string text_path = PointerJoin(path, locale);
        if (!text.is_string())
        {
            p->Problem(text_path, std::string("must be a string, not ") + TypeName(text));
            continue;
        }
        bool listed = !p->locales_valid;
        for (const std::string& l : p->locales)
            listed = listed || LocaleEquals(l, locale);
        if (!listed)
            p->Problem(text_path, "locale " + Quoted(locale) + " is not listed in /locales");
        else if (required && text.get<std::string>().empty())
            p->Problem(text_path, "must not be empty");
        out->by_locale.push_back({ locale, text.get<std::string>() });
    }
    if (p->locales_valid)
    {
        for (const std::string& l : p->locales)
        {
            bool found = false;
            for (const auto& entry : out->by_locale)
                found = found || LocaleEquals(entry.first, l);
            if (!found)
                p->Problem(path, "missing text for locale " + Quoted(l));
        }
    }
    else if (v->empty())
    {
        p->Problem(path, "must give text for at least one locale");
    }
    return true;
}

static void ParseLocales(SurveyParser* p, const Json& root, Survey* s)
{
    const Json* v = Member(root, "locales");
    bool valid = false;
    if (!v)
        p->Problem("/locales", "missing locales");
    else if (!v->is_array() || v->empty())
        p->Problem("/locales", "must be a non-empty array of locale tags like \"zh-CN\"");
    else
    {
        valid = true;
        for (size_t i = 0; i < v->size(); i++)
        {
            const Json& tag = (*v)[i];
            const std::string path = PointerJoin("/locales", i);
            if (!tag.is_string() || !IsValidLocale(tag.get<std::string>()))
            {
                p->Problem(path, "must be a locale tag like \"zh-CN\" or \"en\"");
                valid = false;
                continue;
            }
            const std::string t = tag.get<std::string>();
            for (const std::string& seen : s->locales)
                if (LocaleEquals(seen, t))
                {
                    p->Problem(path, "duplicate locale " + Quoted(t));
                    valid = false;
                }
            s->locales.push_back(t);
        }
    }
    if (ReadString(p, root, "", "default_locale", true, &s->default_locale) && valid)
    {
        bool listed = false;
        for (const std::string& l : s->locales)
            listed = listed || LocaleEquals(l, s->default_locale);
        if (!listed)
            p->Problem("/default_locale", "locale " + Quoted(s->default_locale) + " is not listed in /locales");
    }
    p->locales_valid = valid;
    if (valid)
        p->locales = s->locales;
}

static void ParseRating(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    const bool has_points = ReadInt(p, j, path, "points", false, &q->points);
    const Json* labels = Member(j, "labels");
    if (ReadString(p, j, path, "preset", false, &q->preset))
    {
        std::vector<LocalizedText> preset_labels;
        if (!RatingPresetLabels(q->preset, &preset_labels))
        {
            p->Problem(PointerJoin(path, "preset"), "unknown preset " + Quoted(q->preset) + " (expected \"satisfaction7\" or \"satisfaction5\")");
            return;
        }
        if (has_points && q->points != (int)preset_labels.size())
            p->Problem(PointerJoin(path, "points"), "preset " + Quoted(q->preset) + " has " + std::to_string(preset_labels.size()) + " points, not " + std::to_string(q->points));
        if (labels)
            p->Problem(PointerJoin(path, "labels"), "labels come from the preset; give either 'preset' or 'labels'");
        for (const std::string& l : p->locales)
        {
            const std::string lang = LocaleLanguage(l);
            if (lang != "zh" && lang != "en")
                p->Problem(PointerJoin(path, "preset"), "preset " + Quoted(q->preset) + " has no labels for locale " + Quoted(l) + "; use 'points' and 'labels' instead");
        }
        q->points = (int)preset_labels.size();
        q->point_labels = std::move(preset_labels);
        return;
    }

    if (!has_points && !Member(j, "points"))
        p->Problem(PointerJoin(path, "points"), "missing points (or a preset)");
    else if (has_points && (q->points < kRatingMinPoints || q->points > kRatingMaxPoints))
        p->Problem(PointerJoin(path, "points"), "points must be between " + std::to_string(kRatingMinPoints) + " and " + std::to_string(kRatingMaxPoints) + ", not " + std::to_string(q->points));
    if (ReadInt(p, j, path, "first_value", false, &q->first_value) && q->first_value != 0 && q->first_value != 1)
        p->Problem(PointerJoin(path, "first_value"), "first_value must be 0 or 1");

    if (!labels)
        return; // a numbers-only scale
    const std::string labels_path = PointerJoin(path, "labels");
    if (!labels->is_array())
    {
        p->Problem(labels_path, std::string("must be an array of texts, not ") + TypeName(*labels));
        return;
    }
    for (size_t i = 0; i < labels->size(); i++)
    {
        // ReadText reads members by key; wrap the element so it can be addressed as "labels/<i>".
        Json holder = Json::object();
        const std::string index = std::to_string(i);
        holder[index] = (*labels)[i];
        LocalizedText label;
        ReadText(p, holder, labels_path, index.c_str(), true, &label);
        q->point_labels.push_back(std::move(label));
    }
    if (has_points && (int)labels->size() != q->points)
        p->Problem(labels_path, std::to_string(labels->size()) + " labels for " + std::to_string(q->points) + " points");
}

static void ParseText(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    ReadBool(p, j, path, "multiline", &q->multiline);
    q->max_length = kTextDefaultMaxLength;
    if (ReadInt(p, j, path, "max_length", false, &q->max_length) && (q->max_length < 1 || q->max_length > kTextMaxMaxLength))
        p->Problem(PointerJoin(path, "max_length"), "max_length must be between 1 and " + std::to_string(kTextMaxMaxLength) + ", not " + std::to_string(q->max_length));
    ReadText(p, j, path, "placeholder", false, &q->placeholder);
}

#define MANYI_COMMON_QUESTION_KEYS "id", "type", "title", "help", "required"
#define MANYI_RATING_KEYS "points", "labels", "preset", "first_value"
#define MANYI_TEXT_KEYS "multiline", "max_length", "placeholder"

static void ParseQuestion(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    if (!j.is_object())
    {
        p->Problem(path, std::string("a question must be an object, not ") + TypeName(j));
        return;
    }
    if (ReadString(p, j, path, "id", true, &q->id) && !IsValidId(q->id))
        p->Problem(PointerJoin(path, "id"), "id " + Quoted(q->id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
    ReadText(p, j, path, "title", true, &q->title);
    ReadText(p, j, path, "help", false, &q->help);
    ReadBool(p, j, path, "required", &q->required);

    std::string type;
    if (!ReadString(p, j, path, "type", true, &type))
        return;
    if (type == "rating")
    {
        q->type = QuestionType::Rating;
        for (const auto& [key, value] : j.items())
            if (IsKeyIn(key, { MANYI_TEXT_KEYS }))
                p->Problem(PointerJoin(path, key), Quoted(key) + " applies only to text questions");
        CheckKeys(p, j, path, { MANYI_COMMON_QUESTION_KEYS, MANYI_RATING_KEYS, MANYI_TEXT_KEYS });
        ParseRating(p, j, path, q);
    }
    else if (type == "text")
    {
        q->type = QuestionType::Text;
        for (const auto& [key, value] : j.items())
            if (IsKeyIn(key, { MANYI_RATING_KEYS }))
                p->Problem(PointerJoin(path, key), Quoted(key) + " applies only to rating questions");
        CheckKeys(p, j, path, { MANYI_COMMON_QUESTION_KEYS, MANYI_RATING_KEYS, MANYI_TEXT_KEYS });
        ParseText(p, j, path, q);
    }
    else
    {
        p->Problem(PointerJoin(path, "type"), "unknown question type " + Quoted(type) + " (expected \"rating\" or \"text\")");
        CheckKeys(p, j, path, { MANYI_COMMON_QUESTION_KEYS, MANYI_RATING_KEYS, MANYI_TEXT_KEYS });
    }
}

static void ParseQuestions(SurveyParser* p, const Json& root, Survey* s)
{
    const Json* v = Member(root, "questions");
    if (!v)
    {
        p->Problem("/questions", "missing questions");
        return;
    }
    if (!v->is_array() || v->empty())
    {
        p->Problem("/questions", "must be a non-empty array of questions");
        return;
    }
    for (size_t i = 0; i < v->size(); i++)
    {
        const std::string path = PointerJoin("/questions", i);
        Question q;
        ParseQuestion(p, (*v)[i], path, &q);
        for (size_t k = 0; k < s->questions.size(); k++)
            if (!q.id.empty() && s->questions[k].id == q.id)
            {
                p->Problem(PointerJoin(path, "id"), "duplicate question id " + Quoted(q.id) + " (also at /questions/" + std::to_string(k) + ")");
                break;
            }
        s->questions.push_back(std::move(q));
    }
}

SurveyParseResult ParseSurvey(std::string_view json_text)
{
    SurveyParseResult result;
    SurveyParser parser;
    parser.problems = &result.problems;
    SurveyParser* p = &parser;
    Survey* s = &result.survey;

    Json root;
    std::string error;
    if (!ParseJsonText(json_text, &root, &error))
    {
        p->Problem("", error);
        return result;
    }
    if (!root.is_object())
    {
        p->Problem("", std::string("a survey must be a JSON object, not ") + TypeName(root));
        return result;
    }

    // A newer format may mean anything; checking it against these rules would only produce noise.
    if (!ReadInt(p, root, "", "format_version", true, &s->format_version))
        return result;
    if (s->format_version != kSurveyFormatVersion)
    {
        p->Problem("/format_version", "unsupported format_version " + std::to_string(s->format_version) + " (this build reads " + std::to_string(kSurveyFormatVersion) + ")");
        return result;
    }

    CheckKeys(p, root, "", { "format_version", "id", "version", "default_locale", "locales", "title", "intro", "thanks", "next_steps", "questions" });
    if (ReadString(p, root, "", "id", true, &s->id) && !IsValidId(s->id))
        p->Problem("/id", "id " + Quoted(s->id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
    if (ReadString(p, root, "", "version", true, &s->version) && s->version.empty())
        p->Problem("/version", "must not be empty");
    ParseLocales(p, root, s);
    ReadText(p, root, "", "title", true, &s->title);
    ReadText(p, root, "", "intro", false, &s->intro);
    ParseQuestions(p, root, s);
    ReadText(p, root, "", "thanks", false, &s->thanks);
    ReadText(p, root, "", "next_steps", false, &s->next_steps);
    return result;
}

} // namespace manyi
