// ParseSurvey: JSON text -> Survey, with every problem reported at its JSON pointer.
#include "core/survey.h"

#include <algorithm>
#include <climits>
#include <initializer_list>

#include "core/json_text.h"
#include "core/localized_text.h"
#include "core/survey_builtin.h"
#include "core/utf8.h"

namespace manyi {

// Parsing state: the problems so far and what later checks need from earlier ones.
struct SurveyParser
{
    std::vector<SurveyProblem>* problems = nullptr;
    std::vector<std::string>    locales;       // empty until /locales is known to be valid
    bool                        locales_valid = false;
    std::vector<std::string>    question_paths; // parallel to Survey::questions
    std::vector<std::string>    page_paths;     // parallel to Survey::pages
    bool                        too_many_questions = false;

    void Problem(const std::string& path, std::string message) { problems->push_back({ path, std::move(message), false }); }
    void Warning(const std::string& path, std::string message) { problems->push_back({ path, std::move(message), true }); }
    // True when every survey locale is Chinese or English, so built-in texts cover them.
    bool BuiltinsCoverLocales() const
    {
        for (const std::string& l : locales)
        {
            const std::string lang = LocaleLanguage(l);
            if (lang != "zh" && lang != "en")
                return false;
        }
        return true;
    }
    std::string FirstUncoveredLocale() const
    {
        for (const std::string& l : locales)
        {
            const std::string lang = LocaleLanguage(l);
            if (lang != "zh" && lang != "en")
                return l;
        }
        return "";
    }
};

// Built by appending: GCC 12 gives a false -Wrestrict for "'" + std::string(s) + "'" once inlined.
static std::string Quoted(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

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
            p->Problem(JsonPointerJoin(path, key), "unknown key " + Quoted(key));
}

static const Json* Member(const Json& obj, const char* key)
{
    auto it = obj.find(key);
    return it != obj.end() ? &*it : nullptr;
}

static bool ReadString(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required, std::string* out);
static bool ReadNumber(SurveyParser* p, const Json& obj, const std::string& path, const char* key, double* out);
static bool ReadInt(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required, int* out);

bool ParseHexColor(std::string_view text, uint32_t* rgb)
{
    if (text.size() != 7 || text[0] != '#')
        return false;
    uint32_t v = 0;
    for (size_t i = 1; i < 7; i++)
    {
        char c = text[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return false;
        v = v * 16 + (uint32_t)d;
    }
    *rgb = v;
    return true;
}

static void ParseTheme(SurveyParser* p, const Json& root, SurveyTheme* theme)
{
    const Json* t = Member(root, "theme");
    if (!t) return;
    if (!t->is_object())
    {
        p->Problem("/theme", "must be an object with \"accent\", \"corner_radius\" and/or \"font_scale\"");
        return;
    }
    CheckKeys(p, *t, "/theme", { "accent", "corner_radius", "font_scale" });
    std::string accent;
    if (ReadString(p, *t, "/theme", "accent", false, &accent))
    {
        theme->has_accent = ParseHexColor(accent, &theme->accent_rgb);
        if (!theme->has_accent) p->Problem("/theme/accent", "must be a colour like \"#1d64d8\"");
    }
    double v = 0;
    if (Member(*t, "corner_radius") && ReadNumber(p, *t, "/theme", "corner_radius", &v))
    {
        if (v < 0 || v > 32) p->Problem("/theme/corner_radius", "must be from 0 to 32 (CSS pixels)");
        else theme->corner_radius = (float)v;
    }
    if (Member(*t, "font_scale") && ReadNumber(p, *t, "/theme", "font_scale", &v))
    {
        if (v < 0.75 || v > 2) p->Problem("/theme/font_scale", "must be from 0.75 to 2");
        else theme->font_scale = (float)v;
    }
}

// `scores.satisfied` / `scores.top_box`: {question id: [grades]} for rating and matrix questions.
static void ParseScoreValueSets(SurveyParser* p, const Json& scores, const Survey& s, const char* key, std::vector<ScoreValueSet>* out)
{
    const Json* sets = Member(scores, key);
    if (!sets) return;
    const std::string path = JsonPointerJoin("/scores", key);
    if (!sets->is_object())
    {
        p->Problem(path, std::string("must be an object of question id to an array of grades, not ") + TypeName(*sets));
        return;
    }
    for (const auto& [id, values] : sets->items())
    {
        const std::string qpath = JsonPointerJoin(path, id);
        const Question* q = FindQuestion(s, id);
        if (!q)
        {
            p->Problem(qpath, "no question " + Quoted(id) + " in this survey");
            continue;
        }
        if (q->type != QuestionType::Rating && q->type != QuestionType::Matrix)
        {
            p->Problem(qpath, "question " + Quoted(id) + " is a " + QuestionTypeName(q->type) + " question; grade sets apply to rating and matrix questions");
            continue;
        }
        if (!values.is_array() || values.empty())
        {
            p->Problem(qpath, "must be a non-empty array of grades");
            continue;
        }
        ScoreValueSet set;
        set.question_id = id;
        const int low = q->first_value, high = q->first_value + q->points - 1;
        for (size_t i = 0; i < values.size(); i++)
        {
            const std::string vpath = JsonPointerJoin(qpath, i);
            if (!values[i].is_number_integer())
            {
                p->Problem(vpath, std::string("must be an integer grade, not ") + (values[i].is_number() ? "a fraction" : TypeName(values[i])));
                continue;
            }
            const int64_t v = values[i].get<int64_t>();
            if (v < low || v > high)
                p->Problem(vpath, "grade " + std::to_string(v) + " is outside the question's scale " + std::to_string(low) + ".." + std::to_string(high));
            else if (std::find(set.values.begin(), set.values.end(), (int)v) != set.values.end())
                p->Problem(vpath, "duplicate grade " + std::to_string(v));
            else
                set.values.push_back((int)v);
        }
        std::sort(set.values.begin(), set.values.end());
        out->push_back(std::move(set));
    }
}

// The optional `scores` object (docs/scores.md): needs the questions, so it is read after them.
static void ParseScores(SurveyParser* p, const Json& root, Survey* s)
{
    const Json* scores = Member(root, "scores");
    if (!scores) return;
    if (!scores->is_object())
    {
        p->Problem("/scores", std::string("must be an object with \"min_n\", \"satisfied\", \"top_box\" and/or \"servqual_weights\", not ") + TypeName(*scores));
        return;
    }
    CheckKeys(p, *scores, "/scores", { "min_n", "satisfied", "top_box", "servqual_weights" });
    int min_n = 0;
    if (ReadInt(p, *scores, "/scores", "min_n", false, &min_n))
    {
        if (min_n < 1 || min_n > 1000000) p->Problem("/scores/min_n", "must be from 1 to 1000000");
        else s->scores.min_n = min_n;
    }
    ParseScoreValueSets(p, *scores, *s, "satisfied", &s->scores.satisfied);
    ParseScoreValueSets(p, *scores, *s, "top_box", &s->scores.top_box);

    const Json* weights = Member(*scores, "servqual_weights");
    if (!weights) return;
    if (!weights->is_object())
    {
        p->Problem("/scores/servqual_weights", std::string("must be an object of dimension to weight, not ") + TypeName(*weights));
        return;
    }
    bool given[kServqualDimensionCount] = {};
    double total = 0;
    for (const auto& [name, w] : weights->items())
    {
        const std::string wpath = JsonPointerJoin("/scores/servqual_weights", name);
        int dim = -1;
        for (int d = 0; d < kServqualDimensionCount; d++)
            if (name == ServqualDimensionName((ServqualDimension)d)) dim = d;
        if (dim < 0)
            p->Problem(wpath, "unknown dimension " + Quoted(name) + " (expected \"reliability\", \"responsiveness\", \"assurance\", \"empathy\" or \"tangibles\")");
        else if (!w.is_number() || w.get<double>() < 0 || w.get<double>() > 1000)
            p->Problem(wpath, "must be a number from 0 to 1000");
        else
        {
            given[dim] = true;
            s->scores.dimension_weights[dim] = w.get<double>();
            total += w.get<double>();
        }
    }
    s->scores.has_weights = true;
    // A dimension the survey asks about but the weights forget would silently drop out of the
    // overall gap: make the author say 0 if that is meant.
    for (const Question& q : s->questions)
        if (q.type == QuestionType::Servqual)
            for (const SubItem& item : q.items)
                if (!given[(int)item.dimension])
                {
                    p->Problem("/scores/servqual_weights", std::string("missing weight for dimension \"") + ServqualDimensionName(item.dimension) +
                                                               "\" (used by item " + Quoted(item.id) + " of question " + Quoted(q.id) + ")");
                    given[(int)item.dimension] = true; // once per dimension
                }
    if (total <= 0 && !weights->empty())
        p->Problem("/scores/servqual_weights", "at least one weight must be greater than 0");
}

static bool ReadString(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required, std::string* out)
{
    const Json* v = Member(obj, key);
    if (!v)
    {
        if (required)
            p->Problem(JsonPointerJoin(path, key), std::string("missing ") + key);
        return false;
    }
    if (!v->is_string())
    {
        p->Problem(JsonPointerJoin(path, key), std::string("must be a string, not ") + TypeName(*v));
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
        p->Problem(JsonPointerJoin(path, key), std::string("must be true or false, not ") + TypeName(*v));
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
            p->Problem(JsonPointerJoin(path, key), std::string("missing ") + key);
        return false;
    }
    if (!v->is_number_integer())
    {
        p->Problem(JsonPointerJoin(path, key), std::string("must be an integer, not ") + (v->is_number() ? "a fraction" : TypeName(*v)));
        return false;
    }
    if (v->is_number_unsigned() ? v->get<uint64_t>() > (uint64_t)INT_MAX : (v->get<int64_t>() < INT_MIN || v->get<int64_t>() > INT_MAX))
    {
        p->Problem(JsonPointerJoin(path, key), "integer out of range");
        return false;
    }
    *out = v->get<int>();
    return true;
}

// A text is a plain string (all locales) or an object {locale: string}. When the survey lists its
// locales, an object must give each of them and no others: a missing translation would silently
// show another language to the respondent.
static bool ReadTextValue(SurveyParser* p, const Json& v, const std::string& path, bool required, LocalizedText* out)
{
    out->by_locale.clear();
    if (v.is_string())
    {
        out->by_locale.push_back({ "", v.get<std::string>() });
        if (required && out->Empty())
            p->Problem(path, "must not be empty");
        return true;
    }
    if (!v.is_object())
    {
        p->Problem(path, std::string("must be a string or an object of locale to string, not ") + TypeName(v));
        return false;
    }
    for (const auto& [locale, text] : v.items())
    {
        const std::string text_path = JsonPointerJoin(path, locale);
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
    else if (v.empty())
    {
        p->Problem(path, "must give text for at least one locale");
    }
    return true;
}

static bool ReadText(SurveyParser* p, const Json& obj, const std::string& parent, const char* key, bool required, LocalizedText* out)
{
    const std::string path = JsonPointerJoin(parent, key);
    const Json* v = Member(obj, key);
    if (!v)
    {
        if (required)
            p->Problem(path, std::string("missing ") + key);
        return false;
    }
    return ReadTextValue(p, *v, path, required, out);
}

// An optional text that must not be empty when given (it replaces a built-in default).
static bool ReadOverrideText(SurveyParser* p, const Json& obj, const std::string& parent, const char* key, LocalizedText* out)
{
    const Json* v = Member(obj, key);
    if (!v)
        return false;
    return ReadTextValue(p, *v, JsonPointerJoin(parent, key), true, out);
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
            const std::string path = JsonPointerJoin("/locales", i);
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

static bool ReadNumber(SurveyParser* p, const Json& obj, const std::string& path, const char* key, double* out)
{
    const Json* v = Member(obj, key);
    if (!v)
        return false;
    if (!v->is_number())
    {
        p->Problem(JsonPointerJoin(path, key), std::string("must be a number, not ") + TypeName(*v));
        return false;
    }
    *out = v->get<double>();
    return true;
}

// An array member with 1..kSurveyMaxListItems elements; nullptr (with a problem) otherwise.
static const Json* ReadList(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required)
{
    const Json* v = Member(obj, key);
    const std::string list_path = JsonPointerJoin(path, key);
    if (!v)
    {
        if (required)
            p->Problem(list_path, std::string("missing ") + key);
        return nullptr;
    }
    if (!v->is_array() || v->empty())
    {
        p->Problem(list_path, "must be a non-empty array");
        return nullptr;
    }
    if (v->size() > (size_t)kSurveyMaxListItems)
    {
        p->Problem(list_path, "more than " + std::to_string(kSurveyMaxListItems) + " entries");
        return nullptr;
    }
    return v;
}

// A built-in default text is available only in zh and en: other survey locales must give it.
static void NeedOwnText(SurveyParser* p, const Json& obj, const std::string& path, const char* key, LocalizedText* out, LocalizedText builtin)
{
    if (ReadOverrideText(p, obj, path, key, out))
        return;
    *out = std::move(builtin);
    if (!p->BuiltinsCoverLocales())
        p->Problem(JsonPointerJoin(path, key), std::string("missing ") + key + ": the built-in text has no " + Quoted(p->FirstUncoveredLocale()) + " version");
}

// The scale of rating and matrix questions: a preset or points/labels/first_value.
static void ParseScale(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    const bool has_points = ReadInt(p, j, path, "points", false, &q->points);
    const Json* labels = Member(j, "labels");
    if (ReadString(p, j, path, "preset", false, &q->preset))
    {
        std::vector<LocalizedText> preset_labels;
        if (q->preset == "ces7" || !RatingPresetLabels(q->preset, &preset_labels))
        {
            p->Problem(JsonPointerJoin(path, "preset"), "unknown preset " + Quoted(q->preset) + " (expected \"satisfaction7\" or \"satisfaction5\")");
            return;
        }
        if (has_points && q->points != (int)preset_labels.size())
            p->Problem(JsonPointerJoin(path, "points"), "preset " + Quoted(q->preset) + " has " + std::to_string(preset_labels.size()) + " points, not " + std::to_string(q->points));
        if (labels)
            p->Problem(JsonPointerJoin(path, "labels"), "labels come from the preset; give either 'preset' or 'labels'");
        if (Member(j, "first_value"))
            p->Problem(JsonPointerJoin(path, "first_value"), "a preset starts at 1; give either 'preset' or 'first_value'");
        for (const std::string& l : p->locales)
        {
            const std::string lang = LocaleLanguage(l);
            if (lang != "zh" && lang != "en")
                p->Problem(JsonPointerJoin(path, "preset"), "preset " + Quoted(q->preset) + " has no labels for locale " + Quoted(l) + "; use 'points' and 'labels' instead");
        }
        q->points = (int)preset_labels.size();
        q->first_value = 1;
        q->point_labels = std::move(preset_labels);
        return;
    }

    if (!has_points && !Member(j, "points"))
        p->Problem(JsonPointerJoin(path, "points"), "missing points (or a preset)");
    else if (has_points && (q->points < kRatingMinPoints || q->points > kRatingMaxPoints))
        p->Problem(JsonPointerJoin(path, "points"), "points must be between " + std::to_string(kRatingMinPoints) + " and " + std::to_string(kRatingMaxPoints) + ", not " + std::to_string(q->points));
    if (ReadInt(p, j, path, "first_value", false, &q->first_value) && q->first_value != 0 && q->first_value != 1)
        p->Problem(JsonPointerJoin(path, "first_value"), "first_value must be 0 or 1");
    if (!labels)
        return; // a numbers-only scale
    const std::string labels_path = JsonPointerJoin(path, "labels");
    if (!labels->is_array())
    {
        p->Problem(labels_path, std::string("must be an array of texts, not ") + TypeName(*labels));
        return;
    }
    if (labels->size() > (size_t)kRatingMaxPoints)
    {
        p->Problem(labels_path, "more than " + std::to_string(kRatingMaxPoints) + " labels");
        return;
    }
    for (size_t i = 0; i < labels->size(); i++)
    {
        LocalizedText label;
        ReadTextValue(p, (*labels)[i], JsonPointerJoin(labels_path, i), true, &label);
        q->point_labels.push_back(std::move(label));
    }
    if (has_points && (int)labels->size() != q->points)
        p->Problem(labels_path, std::to_string(labels->size()) + " labels for " + std::to_string(q->points) + " points");
}

static void ParseRating(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    ParseScale(p, j, path, q);
    std::string display;
    if (ReadString(p, j, path, "display", false, &display))
    {
        if (display == "numbers") q->display = RatingDisplay::Numbers;
        else if (display == "stars") q->display = RatingDisplay::Stars;
        else if (display == "smileys") q->display = RatingDisplay::Smileys;
        else p->Problem(JsonPointerJoin(path, "display"), "unknown display " + Quoted(display) + " (expected \"numbers\", \"stars\" or \"smileys\")");
    }
}

static void ParseNps(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    q->points = 11;
    q->first_value = 0;
    NeedOwnText(p, j, path, "low_label", &q->low_label, ZhEn("完全不可能", "not at all likely"));
    NeedOwnText(p, j, path, "high_label", &q->high_label, ZhEn("非常可能", "extremely likely"));
}

static void ParseCes(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    q->points = 7;
    q->first_value = 1;
    const Json* labels = Member(j, "labels");
    if (!labels)
    {
        RatingPresetLabels("ces7", &q->point_labels);
        if (!p->BuiltinsCoverLocales())
            p->Problem(JsonPointerJoin(path, "labels"), "missing labels: the built-in agreement labels have no " + Quoted(p->FirstUncoveredLocale()) + " version");
        return;
    }
    const std::string labels_path = JsonPointerJoin(path, "labels");
    if (!labels->is_array() || labels->size() != 7)
    {
        p->Problem(labels_path, "must be an array of 7 texts, strongly disagree first");
        return;
    }
    for (size_t i = 0; i < 7; i++)
    {
        LocalizedText label;
        ReadTextValue(p, (*labels)[i], JsonPointerJoin(labels_path, i), true, &label);
        q->point_labels.push_back(std::move(label));
    }
}

static void ParseOptions(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    const Json* options = ReadList(p, j, path, "options", true);
    if (!options)
        return;
    const std::string options_path = JsonPointerJoin(path, "options");
    for (size_t i = 0; i < options->size(); i++)
    {
        const Json& o = (*options)[i];
        const std::string opath = JsonPointerJoin(options_path, i);
        if (!o.is_object())
        {
            p->Problem(opath, std::string("an option must be an object {\"value\", \"label\"}, not ") + TypeName(o));
            continue;
        }
        CheckKeys(p, o, opath, { "value", "label" });
        Choice c;
        if (ReadString(p, o, opath, "value", true, &c.value))
        {
            if (!IsValidId(c.value))
                p->Problem(JsonPointerJoin(opath, "value"), "value " + Quoted(c.value) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
            for (const Choice& seen : q->options)
                if (seen.value == c.value)
                    p->Problem(JsonPointerJoin(opath, "value"), "duplicate option value " + Quoted(c.value));
        }
        ReadText(p, o, opath, "label", true, &c.label);
        q->options.push_back(std::move(c));
    }
    if (q->type != QuestionType::Multiple)
        return;
    const bool has_min = ReadInt(p, j, path, "min_choices", false, &q->min_choices);
    const bool has_max = ReadInt(p, j, path, "max_choices", false, &q->max_choices);
    const int n = (int)q->options.size();
    if (has_min && (q->min_choices < 0 || q->min_choices > n))
        p->Problem(JsonPointerJoin(path, "min_choices"), "min_choices must be between 0 and the number of options (" + std::to_string(n) + ")");
    if (has_max && (q->max_choices < 1 || q->max_choices > n))
        p->Problem(JsonPointerJoin(path, "max_choices"), "max_choices must be between 1 and the number of options (" + std::to_string(n) + ")");
    if (has_min && has_max && q->min_choices > q->max_choices)
        p->Problem(JsonPointerJoin(path, "min_choices"), "min_choices is greater than max_choices");
}

static void ParseText(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    ReadBool(p, j, path, "multiline", &q->multiline);
    q->max_length = kTextDefaultMaxLength;
    if (ReadInt(p, j, path, "max_length", false, &q->max_length) && (q->max_length < 1 || q->max_length > kTextMaxMaxLength))
        p->Problem(JsonPointerJoin(path, "max_length"), "max_length must be between 1 and " + std::to_string(kTextMaxMaxLength) + ", not " + std::to_string(q->max_length));
    ReadText(p, j, path, "placeholder", false, &q->placeholder);
    std::string input;
    if (ReadString(p, j, path, "input", false, &input))
    {
        if (input == "text") q->input = TextInput::Text;
        else if (input == "number") q->input = TextInput::Number;
        else if (input == "phone") q->input = TextInput::Phone;
        else if (input == "email") q->input = TextInput::Email;
        else p->Problem(JsonPointerJoin(path, "input"), "unknown input " + Quoted(input) + " (expected \"text\", \"number\", \"phone\" or \"email\")");
    }
    if (q->multiline && q->input != TextInput::Text)
        p->Problem(JsonPointerJoin(path, "multiline"), "multiline is only for input \"text\"");
    for (const char* key : { "min", "max" })
        if (Member(j, key) && q->input != TextInput::Number)
            p->Problem(JsonPointerJoin(path, key), Quoted(key) + " applies only to input \"number\"");
    q->has_min = ReadNumber(p, j, path, "min", &q->min);
    q->has_max = ReadNumber(p, j, path, "max", &q->max);
    if (q->has_min && q->has_max && q->min > q->max)
        p->Problem(JsonPointerJoin(path, "min"), "min is greater than max");
}

static LocalizedText ContactFieldDefaultLabel(ContactField f)
{
    switch (f)
    {
    case ContactField::Name: return ZhEn("姓名", "Name");
    case ContactField::Phone: return ZhEn("电话", "Phone");
    case ContactField::Email: return ZhEn("电子邮箱", "Email");
    }
    return {};
}

static bool ContactFieldFromName(std::string_view name, ContactField* out)
{
    if (name == "name") *out = ContactField::Name;
    else if (name == "phone") *out = ContactField::Phone;
    else if (name == "email") *out = ContactField::Email;
    else return false;
    return true;
}

static void ParseContact(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    const Json* fields = Member(j, "fields");
    if (!fields)
    {
        for (ContactField f : { ContactField::Name, ContactField::Phone, ContactField::Email })
            q->contact_fields.push_back({ f, false, ContactFieldDefaultLabel(f), true });
        if (!p->BuiltinsCoverLocales())
            p->Problem(JsonPointerJoin(path, "fields"), "missing fields: the built-in field labels have no " + Quoted(p->FirstUncoveredLocale()) + " version");
        return;
    }
    fields = ReadList(p, j, path, "fields", true);
    if (!fields)
        return;
    const std::string fields_path = JsonPointerJoin(path, "fields");
    for (size_t i = 0; i < fields->size(); i++)
    {
        const Json& f = (*fields)[i];
        const std::string fpath = JsonPointerJoin(fields_path, i);
        ContactFieldSpec spec;
        std::string name;
        bool has_label = false;
        if (f.is_string())
            name = f.get<std::string>();
        else if (f.is_object())
        {
            CheckKeys(p, f, fpath, { "field", "required", "label" });
            ReadString(p, f, fpath, "field", true, &name);
            ReadBool(p, f, fpath, "required", &spec.required);
            has_label = ReadOverrideText(p, f, fpath, "label", &spec.label);
        }
        else
        {
            p->Problem(fpath, std::string("must be \"name\", \"phone\", \"email\" or an object {\"field\", \"required\", \"label\"}, not ") + TypeName(f));
            continue;
        }
        if (!ContactFieldFromName(name, &spec.field))
        {
            p->Problem(f.is_string() ? fpath : JsonPointerJoin(fpath, "field"), "unknown contact field " + Quoted(name) + " (expected \"name\", \"phone\" or \"email\")");
            continue;
        }
        for (const ContactFieldSpec& seen : q->contact_fields)
            if (seen.field == spec.field)
                p->Problem(fpath, "duplicate contact field " + Quoted(name));
        if (!has_label)
        {
            spec.label = ContactFieldDefaultLabel(spec.field);
            if (!p->BuiltinsCoverLocales())
                p->Problem(fpath, "give a label: the built-in label has no " + Quoted(p->FirstUncoveredLocale()) + " version");
        }
        q->contact_fields.push_back(std::move(spec));
    }
}

static bool IsHttpUrl(std::string_view url)
{
    if (!(url.starts_with("https://") || url.starts_with("http://")) || url.size() > 2000)
        return false;
    const size_t host = url.find("//") + 2;
    if (host >= url.size() || url[host] == '/')
        return false;
    for (char c : url)
        if ((unsigned char)c <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\' || (unsigned char)c >= 0x7f)
            return false;
    return true;
}

static void ParseConsent(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    ReadText(p, j, path, "text", true, &q->consent_text);
    const Json* link = Member(j, "link");
    if (!link)
        return;
    const std::string lpath = JsonPointerJoin(path, "link");
    if (!link->is_object())
    {
        p->Problem(lpath, std::string("must be an object {\"text\", \"url\"}, not ") + TypeName(*link));
        return;
    }
    CheckKeys(p, *link, lpath, { "text", "url" });
    ReadText(p, *link, lpath, "text", true, &q->link_text);
    if (ReadString(p, *link, lpath, "url", true, &q->link_url) && !IsHttpUrl(q->link_url))
        p->Problem(JsonPointerJoin(lpath, "url"), "must be an http:// or https:// URL without spaces");
}

// Matrix rows, servqual items, kano features: objects with a unique id and a label.
static void ParseSubItems(SurveyParser* p, const Json& j, const std::string& path, const char* key, Question* q)
{
    const Json* list = ReadList(p, j, path, key, true);
    if (!list)
        return;
    const std::string lpath = JsonPointerJoin(path, key);
    for (size_t i = 0; i < list->size(); i++)
    {
        const Json& o = (*list)[i];
        const std::string opath = JsonPointerJoin(lpath, i);
        if (!o.is_object())
        {
            p->Problem(opath, std::string("must be an object with id and label, not ") + TypeName(o));
            continue;
        }
        SubItem item;
        if (q->type == QuestionType::Servqual)
            CheckKeys(p, o, opath, { "id", "label", "dimension" });
        else if (q->type == QuestionType::Kano)
            CheckKeys(p, o, opath, { "id", "label", "functional", "dysfunctional" });
        else
            CheckKeys(p, o, opath, { "id", "label" });
        if (ReadString(p, o, opath, "id", true, &item.id))
        {
            if (!IsValidId(item.id))
                p->Problem(JsonPointerJoin(opath, "id"), "id " + Quoted(item.id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
            for (const SubItem& seen : q->items)
                if (seen.id == item.id)
                    p->Problem(JsonPointerJoin(opath, "id"), "duplicate id " + Quoted(item.id));
        }
        ReadText(p, o, opath, "label", true, &item.label);
        if (q->type == QuestionType::Servqual)
        {
            std::string d;
            if (ReadString(p, o, opath, "dimension", true, &d))
            {
                bool found = false;
                for (ServqualDimension dim : { ServqualDimension::Reliability, ServqualDimension::Responsiveness, ServqualDimension::Assurance,
                                               ServqualDimension::Empathy, ServqualDimension::Tangibles })
                    if (d == ServqualDimensionName(dim)) { item.dimension = dim; found = true; }
                if (!found)
                    p->Problem(JsonPointerJoin(opath, "dimension"), "unknown dimension " + Quoted(d) + " (expected \"reliability\", \"responsiveness\", \"assurance\", \"empathy\" or \"tangibles\")");
            }
        }
        if (q->type == QuestionType::Kano)
        {
            // Defaults: the standard pair, with the feature's label in each locale.
            auto fill = [&](const char* zh, const char* en) {
                LocalizedText t;
                for (const std::string& l : p->locales.empty() ? std::vector<std::string>{ "zh-CN", "en" } : p->locales)
                {
                    std::string tmpl = LocaleLanguage(l) == "zh" ? zh : en;
                    const size_t at = tmpl.find("{feature}");
                    tmpl.replace(at, 9, item.label.Get(l));
                    t.by_locale.push_back({ l, tmpl });
                }
                return t;
            };
            if (!ReadOverrideText(p, o, opath, "functional", &item.functional))
            {
                item.functional = fill("如果提供「{feature}」，您感觉如何？", "If it had {feature}, how would you feel?");
                if (!p->BuiltinsCoverLocales())
                    p->Problem(JsonPointerJoin(opath, "functional"), "missing functional: the built-in question has no " + Quoted(p->FirstUncoveredLocale()) + " version");
            }
            if (!ReadOverrideText(p, o, opath, "dysfunctional", &item.dysfunctional))
            {
                item.dysfunctional = fill("如果不提供「{feature}」，您感觉如何？", "If it did not have {feature}, how would you feel?");
                if (!p->BuiltinsCoverLocales())
                    p->Problem(JsonPointerJoin(opath, "dysfunctional"), "missing dysfunctional: the built-in question has no " + Quoted(p->FirstUncoveredLocale()) + " version");
            }
        }
        q->items.push_back(std::move(item));
    }
}

static void ParseServqual(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    ParseSubItems(p, j, path, "items", q);
    q->points = 7;
    q->first_value = 1;
    if (ReadInt(p, j, path, "points", false, &q->points) && (q->points < kRatingMinPoints || q->points > kRatingMaxPoints))
        p->Problem(JsonPointerJoin(path, "points"), "points must be between " + std::to_string(kRatingMinPoints) + " and " + std::to_string(kRatingMaxPoints) + ", not " + std::to_string(q->points));
    if (const Json* labels = Member(j, "labels"))
    {
        const std::string lpath = JsonPointerJoin(path, "labels");
        if (!labels->is_array() || (int)labels->size() != q->points)
            p->Problem(lpath, "must be an array of " + std::to_string(q->points) + " texts (one per point)");
        else
            for (size_t i = 0; i < labels->size(); i++)
            {
                LocalizedText label;
                ReadTextValue(p, (*labels)[i], JsonPointerJoin(lpath, i), true, &label);
                q->point_labels.push_back(std::move(label));
            }
    }
    NeedOwnText(p, j, path, "expectation_label", &q->expectation_label, ZhEn("期望", "Expectation"));
    NeedOwnText(p, j, path, "perception_label", &q->perception_label, ZhEn("实际感受", "Perception"));
}

static void ParseKano(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    ParseSubItems(p, j, path, "features", q);
    q->options = KanoAnswers();
}

struct TypeKeys
{
    QuestionType                       type;
    const char*                        name;
    std::initializer_list<const char*> keys;
};

static const TypeKeys kTypeKeys[] = {
    { QuestionType::Rating, "rating", { "points", "labels", "preset", "first_value", "display" } },
    { QuestionType::Nps, "nps", { "low_label", "high_label" } },
    { QuestionType::Ces, "ces", { "labels" } },
    { QuestionType::Single, "single", { "options" } },
    { QuestionType::Multiple, "multiple", { "options", "min_choices", "max_choices" } },
    { QuestionType::Text, "text", { "multiline", "max_length", "placeholder", "input", "min", "max" } },
    { QuestionType::Contact, "contact", { "fields" } },
    { QuestionType::Consent, "consent", { "text", "link" } },
    { QuestionType::Matrix, "matrix", { "rows", "points", "labels", "preset", "first_value" } },
    { QuestionType::Servqual, "servqual", { "items", "points", "labels", "expectation_label", "perception_label" } },
    { QuestionType::Kano, "kano", { "features" } },
};

static const std::initializer_list<const char*> kCommonQuestionKeys = { "id", "type", "title", "help", "required", "visibleIf", "requiredIf" };

// Unknown keys, and keys of other types ("'points' applies only to rating, matrix, servqual questions").
static void CheckQuestionKeys(SurveyParser* p, const Json& j, const std::string& path, const TypeKeys* own)
{
    for (const auto& [key, value] : j.items())
    {
        if (IsKeyIn(key, kCommonQuestionKeys) || IsExtensionKey(key) || (own && IsKeyIn(key, own->keys)))
            continue;
        std::string types;
        for (const TypeKeys& t : kTypeKeys)
            if (IsKeyIn(key, t.keys))
                types += (types.empty() ? "" : ", ") + std::string(t.name);
        if (types.empty())
            p->Problem(JsonPointerJoin(path, key), "unknown key " + Quoted(key));
        else if (own)
            p->Problem(JsonPointerJoin(path, key), Quoted(key) + " applies only to " + types + " questions");
    }
}

static void ReadExpression(SurveyParser* p, const Json& obj, const std::string& path, const char* key, bool required, Expression* out)
{
    std::string text;
    if (!ReadString(p, obj, path, key, required, &text))
        return;
    ExprError error;
    if (!ParseExpression(text, out, &error))
        p->Problem(JsonPointerJoin(path, key), error.Format());
}

static void ParseQuestion(SurveyParser* p, const Json& j, const std::string& path, Question* q)
{
    if (!j.is_object())
    {
        p->Problem(path, std::string("a question must be an object, not ") + TypeName(j));
        return;
    }
    if (ReadString(p, j, path, "id", true, &q->id))
    {
        if (!IsValidId(q->id))
            p->Problem(JsonPointerJoin(path, "id"), "id " + Quoted(q->id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
        else if (q->id.starts_with("complaint."))
            p->Problem(JsonPointerJoin(path, "id"), "ids starting with 'complaint.' are reserved for the complaint form");
    }
    ReadText(p, j, path, "title", true, &q->title);
    ReadText(p, j, path, "help", false, &q->help);
    ReadBool(p, j, path, "required", &q->required);
    ReadExpression(p, j, path, "visibleIf", false, &q->visible_if);
    ReadExpression(p, j, path, "requiredIf", false, &q->required_if);

    std::string type;
    if (!ReadString(p, j, path, "type", true, &type))
    {
        CheckQuestionKeys(p, j, path, nullptr);
        return;
    }
    const TypeKeys* own = nullptr;
    for (const TypeKeys& t : kTypeKeys)
        if (type == t.name)
            own = &t;
    if (!own)
    {
        p->Problem(JsonPointerJoin(path, "type"), "unknown question type " + Quoted(type) +
                   " (expected one of rating, nps, ces, single, multiple, text, contact, consent, matrix, servqual, kano)");
        CheckQuestionKeys(p, j, path, nullptr);
        return;
    }
    q->type = own->type;
    CheckQuestionKeys(p, j, path, own);
    switch (q->type)
    {
    case QuestionType::Rating: ParseRating(p, j, path, q); break;
    case QuestionType::Nps: ParseNps(p, j, path, q); break;
    case QuestionType::Ces: ParseCes(p, j, path, q); break;
    case QuestionType::Single:
    case QuestionType::Multiple: ParseOptions(p, j, path, q); break;
    case QuestionType::Text: ParseText(p, j, path, q); break;
    case QuestionType::Contact: ParseContact(p, j, path, q); break;
    case QuestionType::Consent: ParseConsent(p, j, path, q); break;
    case QuestionType::Matrix: ParseSubItems(p, j, path, "rows", q); ParseScale(p, j, path, q); break;
    case QuestionType::Servqual: ParseServqual(p, j, path, q); break;
    case QuestionType::Kano: ParseKano(p, j, path, q); break;
    }
}

// Adds the questions of one page (a JSON array at `path`) to the survey.
static void ParsePageQuestions(SurveyParser* p, const Json* v, const std::string& path, int page_index, Survey* s)
{
    if (!v->is_array() || v->empty())
    {
        p->Problem(path, "must be a non-empty array of questions");
        return;
    }
    for (size_t i = 0; i < v->size(); i++)
    {
        if (s->questions.size() >= (size_t)kSurveyMaxQuestions)
        {
            if (!p->too_many_questions)
                p->Problem(path, "more than " + std::to_string(kSurveyMaxQuestions) + " questions in the survey");
            p->too_many_questions = true;
            return;
        }
        const std::string qpath = JsonPointerJoin(path, i);
        Question q;
        q.page = page_index;
        ParseQuestion(p, (*v)[i], qpath, &q);
        for (size_t k = 0; k < s->questions.size(); k++)
            if (!q.id.empty() && s->questions[k].id == q.id)
            {
                p->Problem(JsonPointerJoin(qpath, "id"), "duplicate question id " + Quoted(q.id) + " (also at " + p->question_paths[k] + ")");
                break;
            }
        s->pages[page_index].questions.push_back((int)s->questions.size());
        s->questions.push_back(std::move(q));
        p->question_paths.push_back(qpath);
    }
}

static void ParsePages(SurveyParser* p, const Json& root, Survey* s)
{
    const Json* questions = Member(root, "questions");
    const Json* pages = Member(root, "pages");
    if (questions && pages)
    {
        p->Problem("/pages", "give either 'questions' (one page) or 'pages', not both");
        return;
    }
    if (!questions && !pages)
    {
        p->Problem("/questions", "missing questions (or pages)");
        return;
    }
    if (questions)
    {
        Page page;
        page.id = "main";
        s->pages.push_back(std::move(page));
        p->page_paths.push_back("");
        ParsePageQuestions(p, questions, "/questions", 0, s);
        return;
    }
    if (!pages->is_array() || pages->empty())
    {
        p->Problem("/pages", "must be a non-empty array of pages");
        return;
    }
    if (pages->size() > (size_t)kSurveyMaxPages)
    {
        p->Problem("/pages", "more than " + std::to_string(kSurveyMaxPages) + " pages");
        return;
    }
    for (size_t i = 0; i < pages->size() && !p->too_many_questions; i++)
    {
        const Json& pj = (*pages)[i];
        const std::string path = JsonPointerJoin("/pages", i);
        Page page;
        const int index = (int)s->pages.size();
        if (!pj.is_object())
        {
            p->Problem(path, std::string("a page must be an object, not ") + TypeName(pj));
            continue;
        }
        CheckKeys(p, pj, path, { "id", "title", "intro", "visibleIf", "questions" });
        if (ReadString(p, pj, path, "id", true, &page.id))
        {
            if (!IsValidId(page.id))
                p->Problem(JsonPointerJoin(path, "id"), "id " + Quoted(page.id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
            else if (page.id.starts_with("complaint."))
                p->Problem(JsonPointerJoin(path, "id"), "ids starting with 'complaint.' are reserved for the complaint form");
            for (const Page& seen : s->pages)
                if (seen.id == page.id)
                    p->Problem(JsonPointerJoin(path, "id"), "duplicate page id " + Quoted(page.id));
        }
        ReadText(p, pj, path, "title", false, &page.title);
        ReadText(p, pj, path, "intro", false, &page.intro);
        ReadExpression(p, pj, path, "visibleIf", false, &page.visible_if);
        s->pages.push_back(std::move(page));
        p->page_paths.push_back(path);
        const Json* qs = Member(pj, "questions");
        if (!qs)
            p->Problem(JsonPointerJoin(path, "questions"), "missing questions");
        else
            ParsePageQuestions(p, qs, JsonPointerJoin(path, "questions"), index, s);
    }
}

// ---- the complaint form -------------------------------------------------------------------------

struct StandardOption { const char* value; const char* zh; const char* en; };

static const StandardOption kComplaintTypes[] = {
    { "fault", "故障报修", "Fault report" },     { "service", "服务请求", "Service request" },
    { "suggestion", "建议", "Suggestion" },       { "opinion", "意见", "Opinion" },
    { "enquiry", "咨询", "Enquiry" },             { "complaint", "投诉", "Complaint" },
    { "report", "举报", "Report (whistle-blowing)" }, { "praise", "表扬", "Praise" },
};
static const StandardOption kComplaintCauses[] = {
    { "technical", "技术", "Technical" }, { "quality", "质量", "Quality" }, { "product", "产品", "Product" },
    { "attitude", "服务态度", "Service attitude" }, { "other", "其他", "Other" },
};
static const StandardOption kUrgencies[] = {
    { "low", "不急", "Not urgent" }, { "normal", "一般", "Normal" }, { "high", "紧急", "Urgent" },
};
static const StandardOption kChannels[] = {
    { "phone", "电话", "Phone call" }, { "sms", "短信", "Text message" }, { "email", "电子邮件", "Email" }, { "wechat", "微信", "WeChat" },
};
static const StandardOption kTimes[] = {
    { "any", "任何时间", "Any time" }, { "morning", "上午", "Morning" }, { "afternoon", "下午", "Afternoon" }, { "evening", "晚上", "Evening" },
};

struct ComplaintFieldDef
{
    const char*           name;      // key in /complaint/fields; question id is "complaint." + name
    QuestionType          type;
    const char*           zh;
    const char*           en;
    bool                  required;
    const StandardOption* options;
    size_t                option_count;
    bool                  can_disable;
    int                   page;      // 0 = what happened, 1 = contact
};

static const ComplaintFieldDef kComplaintFields[] = {
    { "type", QuestionType::Single, "这是关于什么的？", "What is this about?", true, kComplaintTypes, std::size(kComplaintTypes), false, 0 },
    { "cause", QuestionType::Single, "您认为问题出在哪方面？", "What do you think caused it?", false, kComplaintCauses, std::size(kComplaintCauses), true, 0 },
    { "description", QuestionType::Text, "请告诉我们发生了什么", "What happened?", true, nullptr, 0, false, 0 },
    { "wish", QuestionType::Text, "您希望我们怎么做？", "What would you like us to do?", false, nullptr, 0, true, 0 },
    { "urgency", QuestionType::Single, "紧急程度", "How urgent is it?", false, kUrgencies, std::size(kUrgencies), true, 0 },
    { "order", QuestionType::Text, "订单号或工单号（选填）", "Order or case number (optional)", false, nullptr, 0, true, 0 },
    { "callback", QuestionType::Consent, "我们可以联系您吗？", "May we contact you?", false, nullptr, 0, true, 1 },
    { "contact", QuestionType::Contact, "您的联系方式", "How can we reach you?", true, nullptr, 0, true, 1 },
    { "channel", QuestionType::Single, "希望我们通过什么方式联系您？", "How should we contact you?", false, kChannels, std::size(kChannels), true, 1 },
    { "time", QuestionType::Single, "什么时间方便联系您？", "When is a good time to call?", false, kTimes, std::size(kTimes), true, 1 },
};

static Expression BuiltinExpression(const char* text)
{
    Expression e;
    ParseExpression(text, &e, nullptr);
    return e;
}

static void ParseComplaintField(SurveyParser* p, const Json* overrides, const std::string& fpath, const ComplaintFieldDef& def, Question* q, bool* enabled)
{
    q->id = std::string("complaint.") + def.name;
    q->type = def.type;
    q->title = ZhEn(def.zh, def.en);
    q->required = def.required;
    *enabled = true;
    if (def.type == QuestionType::Single)
        for (size_t i = 0; i < def.option_count; i++)
            q->options.push_back({ def.options[i].value, ZhEn(def.options[i].zh, def.options[i].en) });
    if (def.type == QuestionType::Text)
    {
        const bool long_text = std::string_view(def.name) != "order";
        q->multiline = long_text;
        q->max_length = std::string_view(def.name) == "description" ? 2000 : long_text ? 1000 : 200;
        if (std::string_view(def.name) == "description")
            q->placeholder = ZhEn("时间、地点、经过……", "When, where, what happened…");
    }
    if (def.type == QuestionType::Consent)
        q->consent_text = ZhEn("同意我们就此事与您联系", "I agree to be contacted about this");
    if (def.type == QuestionType::Contact)
        for (ContactField f : { ContactField::Name, ContactField::Phone, ContactField::Email })
            q->contact_fields.push_back({ f, false, ContactFieldDefaultLabel(f), true });

    const bool uncovered = !p->BuiltinsCoverLocales();
    if (!overrides || !overrides->is_object())
    {
        if (overrides)
            p->Problem(fpath, std::string("must be an object, not ") + TypeName(*overrides));
        if (uncovered)
            p->Problem(fpath, "give 'title'" + std::string(def.type == QuestionType::Single ? " and 'options'" : "") +
                       ": the built-in texts have no " + Quoted(p->FirstUncoveredLocale()) + " version");
        return;
    }
    CheckKeys(p, *overrides, fpath, { "enabled", "title", "help", "placeholder", "required", "options", "text" });
    if (ReadBool(p, *overrides, fpath, "enabled", enabled) && !*enabled && !def.can_disable)
    {
        p->Problem(JsonPointerJoin(fpath, "enabled"), std::string("the complaint form always has the '") + def.name + "' field");
        *enabled = true;
    }
    if (!ReadOverrideText(p, *overrides, fpath, "title", &q->title) && uncovered)
        p->Problem(JsonPointerJoin(fpath, "title"), "missing title: the built-in text has no " + Quoted(p->FirstUncoveredLocale()) + " version");
    ReadText(p, *overrides, fpath, "help", false, &q->help);
    ReadBool(p, *overrides, fpath, "required", &q->required);
    if (Member(*overrides, "placeholder") && def.type != QuestionType::Text)
        p->Problem(JsonPointerJoin(fpath, "placeholder"), "'placeholder' applies only to text fields");
    else
        ReadText(p, *overrides, fpath, "placeholder", false, &q->placeholder);
    if (Member(*overrides, "text") && def.type != QuestionType::Consent)
        p->Problem(JsonPointerJoin(fpath, "text"), "'text' applies only to the callback field");
    else
        ReadOverrideText(p, *overrides, fpath, "text", &q->consent_text);
    const Json* options = Member(*overrides, "options");
    if (options && def.type != QuestionType::Single)
        p->Problem(JsonPointerJoin(fpath, "options"), "'options' applies only to choice fields");
    else if (options)
    {
        const std::string opath = JsonPointerJoin(fpath, "options");
        if (!options->is_array() || options->empty() || options->size() > def.option_count)
        {
            p->Problem(opath, "must be a non-empty array of the standard values");
            return;
        }
        std::string expected;
        for (size_t i = 0; i < def.option_count; i++)
            expected += (i ? ", " : "") + std::string(def.options[i].value);
        std::vector<Choice> chosen;
        for (size_t i = 0; i < options->size(); i++)
        {
            const Json& o = (*options)[i];
            const std::string path = JsonPointerJoin(opath, i);
            std::string value;
            LocalizedText label;
            bool has_label = false;
            if (o.is_string())
                value = o.get<std::string>();
            else if (o.is_object())
            {
                CheckKeys(p, o, path, { "value", "label" });
                ReadString(p, o, path, "value", true, &value);
                has_label = ReadOverrideText(p, o, path, "label", &label);
            }
            else
            {
                p->Problem(path, std::string("must be a value or {\"value\", \"label\"}, not ") + TypeName(o));
                continue;
            }
            const StandardOption* standard = nullptr;
            for (size_t k = 0; k < def.option_count; k++)
                if (value == def.options[k].value)
                    standard = &def.options[k];
            if (!standard)
            {
                p->Problem(o.is_string() ? path : JsonPointerJoin(path, "value"), "unknown option " + Quoted(value) + " for complaint field '" + def.name + "' (expected " + expected + ")");
                continue;
            }
            for (const Choice& c : chosen)
                if (c.value == value)
                    p->Problem(path, "duplicate option " + Quoted(value));
            if (!has_label)
            {
                label = ZhEn(standard->zh, standard->en);
                if (uncovered)
                    p->Problem(path, "give a label: the built-in label has no " + Quoted(p->FirstUncoveredLocale()) + " version");
            }
            chosen.push_back({ value, std::move(label) });
        }
        q->options = std::move(chosen);
    }
    else if (uncovered && def.type == QuestionType::Single)
        p->Problem(JsonPointerJoin(fpath, "options"), "give options with labels: the built-in labels have no " + Quoted(p->FirstUncoveredLocale()) + " version");
}

static void ParseComplaint(SurveyParser* p, const Json& root, Survey* s)
{
    const Json* c = Member(root, "complaint");
    if (!c)
        return;
    if (!c->is_object())
    {
        p->Problem("/complaint", std::string("must be an object, not ") + TypeName(*c));
        return;
    }
    ComplaintConfig& cfg = s->complaint;
    cfg.enabled = true;
    CheckKeys(p, *c, "/complaint", { "trigger", "entry", "entry_label", "title", "intro", "response_window_hours", "promise", "thanks", "next_steps", "fields" });
    if (const Json* t = Member(*c, "trigger"))
    {
        if (!t->is_object())
            p->Problem("/complaint/trigger", "must be an object {\"question\", \"at_or_below\"}");
        else
        {
            CheckKeys(p, *t, "/complaint/trigger", { "question", "at_or_below" });
            ReadString(p, *t, "/complaint/trigger", "question", true, &cfg.trigger_question);
            ReadInt(p, *t, "/complaint/trigger", "at_or_below", true, &cfg.trigger_at_or_below);
        }
    }
    ReadBool(p, *c, "/complaint", "entry", &cfg.entry);
    NeedOwnText(p, *c, "/complaint", "entry_label", &cfg.entry_label, ZhEn("我要投诉 / 建议", "Make a complaint or suggestion"));
    NeedOwnText(p, *c, "/complaint", "title", &cfg.title, ZhEn("投诉与建议", "Complaint or suggestion"));
    NeedOwnText(p, *c, "/complaint", "intro", &cfg.intro,
                ZhEn("很抱歉给您带来不便。请告诉我们发生了什么，我们会尽快处理并给您答复。",
                     "We are sorry for the trouble. Tell us what happened; we will look into it and get back to you."));
    if (ReadInt(p, *c, "/complaint", "response_window_hours", false, &cfg.response_window_hours) &&
        (cfg.response_window_hours < 1 || cfg.response_window_hours > kComplaintMaxWindowHours))
        p->Problem("/complaint/response_window_hours", "must be between 1 and " + std::to_string(kComplaintMaxWindowHours) + " hours");
    NeedOwnText(p, *c, "/complaint", "promise", &cfg.promise, ZhEn("我们将在 {hours} 小时内与您联系。", "We will contact you within {hours} hours."));
    NeedOwnText(p, *c, "/complaint", "thanks", &cfg.thanks, ZhEn("我们已收到您的反馈", "We have received your feedback"));
    NeedOwnText(p, *c, "/complaint", "next_steps", &cfg.next_steps,
                ZhEn("专人会核实情况、与您确认并跟进处理，直到问题解决。请保留您的受理编号。",
                     "A member of staff will check the facts, confirm them with you and follow up until it is resolved. Please keep your reference number."));

    const Json* fields = Member(*c, "fields");
    if (fields && !fields->is_object())
    {
        p->Problem("/complaint/fields", std::string("must be an object keyed by field name, not ") + TypeName(*fields));
        fields = nullptr;
    }
    if (fields)
        for (const auto& [key, value] : fields->items())
        {
            bool known = IsExtensionKey(key);
            for (const ComplaintFieldDef& def : kComplaintFields)
                known = known || key == def.name;
            if (!known)
                p->Problem(JsonPointerJoin("/complaint/fields", key), "unknown complaint field " + Quoted(key) +
                           " (expected type, cause, description, wish, urgency, order, callback, contact, channel, time)");
        }

    Page what, contact;
    what.id = "complaint.what";
    what.title = cfg.title;
    what.intro = cfg.intro;
    what.complaint = true;
    contact.id = "complaint.contact";
    contact.title = ZhEn("联系方式", "How to reach you");
    contact.intro = ZhEn("您的联系方式只用于处理此事，我们会妥善保护。", "We use your details only to follow up on this, and we keep them safe.");
    contact.complaint = true;
    const int first_page = (int)s->pages.size();
    s->pages.push_back(std::move(what));
    s->pages.push_back(std::move(contact));
    p->page_paths.push_back("/complaint");
    p->page_paths.push_back("/complaint");
    cfg.pages = { first_page, first_page + 1 };

    bool callback_enabled = false;
    for (const ComplaintFieldDef& def : kComplaintFields)
    {
        const std::string fpath = JsonPointerJoin("/complaint/fields", def.name);
        Question q;
        bool enabled = true;
        ParseComplaintField(p, fields ? Member(*fields, def.name) : nullptr, fpath, def, &q, &enabled);
        if (!enabled)
            continue;
        const std::string_view name = def.name;
        if (name == "callback")
            callback_enabled = true;
        if (name == "cause")
            q.visible_if = BuiltinExpression("not ({complaint.type} in ('suggestion', 'enquiry', 'praise'))");
        if ((name == "contact" || name == "channel" || name == "time") && callback_enabled)
            q.visible_if = BuiltinExpression("{complaint.callback} = true");
        if (name == "contact" && !callback_enabled)
            q.required = false;
        if (s->questions.size() >= (size_t)kSurveyMaxQuestions)
        {
            if (!p->too_many_questions)
                p->Problem("/complaint", "more than " + std::to_string(kSurveyMaxQuestions) + " questions in the survey (with the complaint form)");
            p->too_many_questions = true;
            return;
        }
        q.page = first_page + def.page;
        s->pages[q.page].questions.push_back((int)s->questions.size());
        s->questions.push_back(std::move(q));
        p->question_paths.push_back(fpath);
    }
}

// ---- logic checks -------------------------------------------------------------------------------

// Checks the references of an expression: each must name a question before `limit` (an index into
// Survey::questions), with a valid sub-id. `what` names the owner in messages.
static void CheckRefs(SurveyParser* p, const Survey& s, const Expression& e, const std::string& path, int limit, int self, bool allow_complaint)
{
    for (const ExprRef& r : ExpressionRefs(e))
    {
        const int qi = FindQuestionIndex(s, r.id);
        const std::string at = " (at character " + std::to_string(r.position) + ")";
        if (qi < 0)
        {
            p->Problem(path, "refers to a missing question " + Quoted(r.id) + at);
            continue;
        }
        if (qi == self)
        {
            p->Problem(path, "refers to its own question " + Quoted(r.id) + at + ": logic may only use earlier answers");
            continue;
        }
        if (qi >= limit)
        {
            p->Problem(path, "refers to " + Quoted(r.id) + at + ", which comes later (" + p->question_paths[qi] + "): logic may only use earlier answers, so there can be no cycles");
            continue;
        }
        const Question& q = s.questions[qi];
        if (!allow_complaint && s.pages[q.page].complaint)
        {
            p->Problem(path, "refers to the complaint form's " + Quoted(r.id) + at + ", which comes after the survey");
            continue;
        }
        if (r.sub.empty())
            continue;
        bool found = false;
        if (q.type == QuestionType::Matrix)
            for (const SubItem& row : q.items)
                found = found || row.id == r.sub;
        else if (q.type == QuestionType::Contact)
            for (const ContactFieldSpec& f : q.contact_fields)
                found = found || r.sub == ContactFieldName(f.field);
        else
        {
            p->Problem(path, "{" + r.id + "/" + r.sub + "}" + at + ": only matrix rows and contact fields have sub-ids");
            continue;
        }
        if (!found)
            p->Problem(path, Quoted(r.id) + " has no row or field " + Quoted(r.sub) + at);
    }
}

static void CheckLogic(SurveyParser* p, Survey* s, const Json& root)
{
    const int nq = (int)s->questions.size();
    // Pages: refer only to questions on earlier pages.
    for (size_t pi = 0; pi < s->pages.size(); pi++)
    {
        const Page& page = s->pages[pi];
        if (page.visible_if.Empty())
            continue;
        int first = nq;
        for (int qi = 0; qi < nq; qi++)
            if (s->questions[qi].page == (int)pi) { first = qi; break; }
        const std::string path = p->page_paths[pi] + "/visibleIf";
        CheckRefs(p, *s, page.visible_if, path, first, -1, page.complaint);
        if (ExpressionIsConstant(page.visible_if) && !EvaluateCondition(page.visible_if, nullptr))
            p->Problem(path, "is always false: the page can never be shown");
    }
    for (int qi = 0; qi < nq; qi++)
    {
        const Question& q = s->questions[qi];
        const bool complaint = s->pages[q.page].complaint;
        if (!q.visible_if.Empty())
        {
            const std::string path = p->question_paths[qi] + "/visibleIf";
            CheckRefs(p, *s, q.visible_if, path, qi, qi, complaint);
            if (ExpressionIsConstant(q.visible_if) && !EvaluateCondition(q.visible_if, nullptr))
                p->Problem(path, "is always false: the question can never be shown");
        }
        if (!q.required_if.Empty())
        {
            const std::string path = p->question_paths[qi] + "/requiredIf";
            CheckRefs(p, *s, q.required_if, path, qi, qi, complaint);
            if (q.required)
                p->Warning(path, "the question is already required: requiredIf has no effect");
        }
    }

    // End rules.
    const Json* rules = Member(root, "end_rules");
    if (!rules)
        return;
    if (!rules->is_array())
    {
        p->Problem("/end_rules", "must be an array of {\"if\", \"action\"}");
        return;
    }
    if (rules->size() > (size_t)kSurveyMaxListItems)
    {
        p->Problem("/end_rules", "more than " + std::to_string(kSurveyMaxListItems) + " end rules");
        return;
    }
    int survey_pages = 0;
    for (const Page& page : s->pages)
        survey_pages += page.complaint ? 0 : 1;
    int unconditional_after = survey_pages; // first page index after which an always-true rule ends the survey
    for (size_t i = 0; i < rules->size(); i++)
    {
        const Json& r = (*rules)[i];
        const std::string path = JsonPointerJoin("/end_rules", i);
        if (!r.is_object())
        {
            p->Problem(path, std::string("an end rule must be an object {\"if\", \"action\"}, not ") + TypeName(r));
            continue;
        }
        CheckKeys(p, r, path, { "if", "action" });
        EndRule rule;
        std::string action;
        if (ReadString(p, r, path, "action", true, &action))
        {
            if (action == "end") rule.action = EndAction::End;
            else if (action == "complaint")
            {
                rule.action = EndAction::Complaint;
                if (!s->complaint.enabled)
                    p->Problem(JsonPointerJoin(path, "action"), "action \"complaint\" needs a /complaint section");
            }
            else
                p->Problem(JsonPointerJoin(path, "action"), "unknown action " + Quoted(action) + " (expected \"end\" or \"complaint\")");
        }
        const size_t before = p->problems->size();
        ReadExpression(p, r, path, "if", true, &rule.condition);
        if (p->problems->size() != before || rule.condition.Empty())
            continue;
        CheckRefs(p, *s, rule.condition, JsonPointerJoin(path, "if"), nq, -1, false);
        for (const ExprRef& ref : ExpressionRefs(rule.condition))
            if (const Question* q = FindQuestion(*s, ref.id))
                rule.after_page = std::max(rule.after_page, q->page);
        if (ExpressionIsConstant(rule.condition))
        {
            if (!EvaluateCondition(rule.condition, nullptr))
                p->Problem(JsonPointerJoin(path, "if"), "is always false: the rule never acts");
            else if (rule.after_page + 1 < survey_pages)
                unconditional_after = std::min(unconditional_after, rule.after_page + 1);
        }
        s->end_rules.push_back(std::move(rule));
    }
    for (int qi = 0; qi < nq; qi++)
    {
        const Question& q = s->questions[qi];
        if (s->pages[q.page].complaint)
            continue;
        if (q.page >= unconditional_after)
        {
            p->Problem(p->question_paths[qi], "is never reached: an end rule that always holds ends the survey before it");
            continue;
        }
        if (!q.required)
            continue;
        for (size_t i = 0; i < s->end_rules.size(); i++)
            if (q.page > s->end_rules[i].after_page)
            {
                p->Warning(p->question_paths[qi] + "/required", "required, but end rule /end_rules/" + std::to_string(i) + " can end the survey before it");
                break;
            }
    }
}

static void CheckTrigger(SurveyParser* p, const Survey& s)
{
    const ComplaintConfig& cfg = s.complaint;
    if (!cfg.enabled || cfg.trigger_question.empty())
        return;
    const int qi = FindQuestionIndex(s, cfg.trigger_question);
    if (qi < 0 || s.pages[s.questions[qi].page].complaint)
    {
        p->Problem("/complaint/trigger/question", "refers to a missing question " + Quoted(cfg.trigger_question));
        return;
    }
    const Question& q = s.questions[qi];
    if (q.type != QuestionType::Rating && q.type != QuestionType::Nps && q.type != QuestionType::Ces)
    {
        p->Problem("/complaint/trigger/question", Quoted(q.id) + " is a " + QuestionTypeName(q.type) + " question; the trigger needs a rating, nps or ces question");
        return;
    }
    if (q.points > 0 && (cfg.trigger_at_or_below < q.first_value || cfg.trigger_at_or_below >= q.first_value + q.points - 1))
        p->Problem("/complaint/trigger/at_or_below", "must be between " + std::to_string(q.first_value) + " and " +
                   std::to_string(q.first_value + q.points - 2) + " for " + Quoted(q.id) + " (a grade at which only some answers trigger)");
}

// ---- hostile input ------------------------------------------------------------------------------

// Every string (and key) longer than the limit, by path. Depth is already bounded.
static void CheckStringLengths(SurveyParser* p, const Json& j, const std::string& path)
{
    if (j.is_string())
    {
        const std::string& s = j.get_ref<const std::string&>();
        if (s.size() > (size_t)kSurveyMaxStringLength && Utf8Length(s) > kSurveyMaxStringLength)
            p->Problem(path, "text longer than " + std::to_string(kSurveyMaxStringLength) + " characters (" + std::to_string(Utf8Length(s)) + ")");
    }
    else if (j.is_object())
    {
        for (const auto& [key, value] : j.items())
        {
            if (key.size() > (size_t)kSurveyMaxStringLength)
            {
                p->Problem(path, "a key longer than " + std::to_string(kSurveyMaxStringLength) + " characters");
                continue;
            }
            CheckStringLengths(p, value, JsonPointerJoin(path, key));
        }
    }
    else if (j.is_array())
        for (size_t i = 0; i < j.size(); i++)
            CheckStringLengths(p, j[i], JsonPointerJoin(path, i));
}

SurveyParseResult ParseSurvey(std::string_view json_text)
{
    SurveyParseResult result;
    SurveyParser parser;
    parser.problems = &result.problems;
    SurveyParser* p = &parser;
    Survey* s = &result.survey;

    if (json_text.size() > kSurveyMaxBytes)
    {
        p->Problem("", "the survey is " + std::to_string(json_text.size()) + " bytes; the limit is " + std::to_string(kSurveyMaxBytes) + " (5 MB)");
        return result;
    }
    if (JsonNestingDepth(json_text, kSurveyMaxDepth) > kSurveyMaxDepth)
    {
        p->Problem("", "arrays and objects nested more than " + std::to_string(kSurveyMaxDepth) + " levels deep");
        return result;
    }
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
    const size_t before_lengths = result.problems.size();
    CheckStringLengths(p, root, "");
    if (result.problems.size() != before_lengths)
        return result; // what else is wrong matters less than the oversized text

    // A newer format may mean anything; checking it against these rules would only produce noise.
    if (!ReadInt(p, root, "", "format_version", true, &s->format_version))
        return result;
    if (s->format_version != kSurveyFormatVersion)
    {
        p->Problem("/format_version", "unsupported format_version " + std::to_string(s->format_version) + " (this build reads " + std::to_string(kSurveyFormatVersion) + ")");
        return result;
    }

    CheckKeys(p, root, "", { "format_version", "id", "version", "default_locale", "locales", "title", "intro", "thanks", "next_steps",
                             "questions", "pages", "end_rules", "complaint", "theme", "scores" });
    if (ReadString(p, root, "", "id", true, &s->id) && !IsValidId(s->id))
        p->Problem("/id", "id " + Quoted(s->id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
    if (ReadString(p, root, "", "version", true, &s->version) && s->version.empty())
        p->Problem("/version", "must not be empty");
    ParseLocales(p, root, s);
    ReadText(p, root, "", "title", true, &s->title);
    ReadText(p, root, "", "intro", false, &s->intro);
    ParsePages(p, root, s);
    if (s->pages.empty())
    {
        Page page;
        page.id = "main";
        s->pages.push_back(std::move(page));
        p->page_paths.push_back("");
    }
    ParseComplaint(p, root, s);
    ParseTheme(p, root, &s->theme);
    if (!p->too_many_questions)
        ParseScores(p, root, s);
    ReadText(p, root, "", "thanks", false, &s->thanks);
    ReadText(p, root, "", "next_steps", false, &s->next_steps);
    if (!p->too_many_questions)
    {
        CheckLogic(p, s, root);
        CheckTrigger(p, *s);
    }
    return result;
}

} // namespace manyi
