// ConvertSurveyJs: SurveyJS survey JSON -> Manyi survey JSON, listing what could not be converted.
// The mapping is documented in docs/surveyjs-import.md; keep the two in step.
//
// Two passes: the first converts pages and elements and records, per SurveyJS question name, how
// its answers map to ours (ids, option values, scale values); the second converts the logic
// (visibleIf / requiredIf), which may refer to any question, with those maps.
#include "core/surveyjs_convert.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/expression.h"
#include "core/json_text.h"
#include "core/localized_text.h"
#include "core/survey.h"

namespace manyi {

namespace {

constexpr size_t kMaxInputBytes = 4 * kSurveyMaxBytes; // SurveyJS files may carry data-URL images
constexpr int kMaxInputDepth = kSurveyMaxDepth;

std::string Q(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string FormatNumber(double d)
{
    char buf[64];
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
        snprintf(buf, sizeof buf, "%lld", (long long)d);
    else
        snprintf(buf, sizeof buf, "%.15g", d);
    return buf;
}

// The comparable key of a SurveyJS value: strings as they are, numbers normalised ("1" for 1.0).
std::string ValueKey(const Json& v)
{
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return FormatNumber(v.get<double>());
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_null()) return "";
    return DumpJson(v);
}

bool ParseNumberText(std::string_view s, double* out)
{
    if (s.empty() || s.size() > 40)
        return false;
    size_t i = 0;
    if (s[i] == '-' || s[i] == '+') i++;
    bool digits = false, dot = false;
    for (; i < s.size(); i++)
    {
        if (s[i] >= '0' && s[i] <= '9') digits = true;
        else if (s[i] == '.' && !dot) dot = true;
        else return false;
    }
    if (!digits)
        return false;
    *out = strtod(std::string(s).c_str(), nullptr);
    return true;
}

bool NumberOf(const Json& v, double* out)
{
    if (v.is_number()) { *out = v.get<double>(); return std::isfinite(*out); }
    if (v.is_string()) return ParseNumberText(v.get<std::string>(), out);
    return false;
}

// A count or length for an int field: clamped so the cast is defined.
int Count(double n) { return n < 0 ? 0 : n > 1e6 ? 1000000 : (int)n; }

std::string Lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Our id rules (docs/survey-format.md): 1-64 of A-Z a-z 0-9 _ - ., starting with a letter or digit.
bool IsValidId(std::string_view id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (size_t i = 0; i < id.size(); i++)
        if (!IsAlnum(id[i]) && (i == 0 || (id[i] != '_' && id[i] != '-' && id[i] != '.')))
            return false;
    return true;
}

// Other characters (spaces, non-ASCII letters, ...) become one '_' per run; leading and trailing
// separators go; at most 64 characters. "" when nothing usable is left.
std::string SanitizeId(std::string_view name)
{
    std::string out;
    bool gap = false;
    for (char c : name)
    {
        const bool ok = IsAlnum(c) || c == '_' || c == '-' || c == '.';
        if (!ok)
        {
            gap = true;
            continue;
        }
        if (out.empty() && !IsAlnum(c))
            continue;
        if (gap && !out.empty() && out.back() != '_')
            out += '_';
        gap = false;
        out += c;
    }
    if (out.size() > 64)
        out.resize(64);
    while (!out.empty() && !IsAlnum(out.back()) && out.back() != '_')
        out.pop_back();
    while (!out.empty() && out.back() == '_')
        out.pop_back();
    if (out.starts_with("complaint."))
        out[9] = '_'; // reserved for the complaint form
    return out;
}

// Unique within `used` (which it joins): "name", else "name_2", "name_3", ...
std::string MakeUnique(std::string id, std::set<std::string>* used)
{
    if (used->insert(id).second)
        return id;
    for (int n = 2;; n++)
    {
        std::string suffix = "_" + std::to_string(n);
        std::string base = id.size() + suffix.size() > 64 ? id.substr(0, 64 - suffix.size()) : id;
        std::string candidate = base + suffix;
        if (used->insert(candidate).second)
            return candidate;
    }
}

// SurveyJS locale codes ("zh-cn", "pt-br", "en") -> BCP 47 as we write them ("zh-CN", "pt-BR").
// "" when the code is not a plausible tag.
std::string NormalizeLocale(std::string_view code)
{
    std::string out;
    size_t start = 0;
    int part = 0;
    while (start <= code.size())
    {
        size_t end = code.find_first_of("-_", start);
        if (end == std::string_view::npos) end = code.size();
        std::string sub = Lower(code.substr(start, end - start));
        if (sub.empty() || sub.size() > 8)
            return "";
        for (char c : sub)
            if (!IsAlnum(c) || (part == 0 && !(c >= 'a' && c <= 'z')))
                return "";
        if (part == 0 && (sub.size() < 2 || sub.size() > 3))
            return "";
        if (part > 0 && sub.size() == 2)
            for (char& c : sub) c = (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
        else if (part > 0 && sub.size() == 4)
            sub[0] = (sub[0] >= 'a' && sub[0] <= 'z') ? char(sub[0] - 'a' + 'A') : sub[0];
        out += (part ? "-" : "") + sub;
        part++;
        start = end + 1;
    }
    return out;
}

// Text from HTML: tags removed (block tags become spaces), common entities decoded, white space
// collapsed. Sets *had_tags when there was markup.
std::string StripHtml(std::string_view html, bool* had_tags)
{
    std::string text;
    for (size_t i = 0; i < html.size();)
    {
        if (html[i] == '<')
        {
            const size_t close = html.find('>', i);
            if (close == std::string_view::npos)
                break;
            *had_tags = true;
            // Block elements separate words; inline ones (<b>, <a>, <span>) do not.
            std::string tag = Lower(html.substr(i + 1, close - i - 1));
            if (!tag.empty() && tag[0] == '/') tag.erase(0, 1);
            tag = tag.substr(0, tag.find_first_of(" \t\n/"));
            static const char* kBlocks[] = { "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table", "hr", "section", "header", "footer" };
            for (const char* b : kBlocks)
                if (tag == b)
                    text += ' ';
            i = close + 1;
            continue;
        }
        if (html[i] == '&')
        {
            static const std::pair<const char*, const char*> kEntities[] = {
                { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" }, { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " },
            };
            bool done = false;
            for (const auto& [entity, ch] : kEntities)
                if (html.substr(i).starts_with(entity))
                {
                    text += ch;
                    i += strlen(entity);
                    done = true;
                    *had_tags = true;
                    break;
                }
            if (done)
                continue;
        }
        text += html[i++];
    }
    std::string out;
    for (char c : text)
    {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space)
        {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        }
        else
            out += c;
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

const Json* Member(const Json& obj, const char* key)
{
    if (!obj.is_object())
        return nullptr;
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

bool IsTrue(const Json& obj, const char* key)
{
    const Json* v = Member(obj, key);
    return v && v->is_boolean() && v->get<bool>();
}

std::string StringOr(const Json& obj, const char* key, std::string fallback)
{
    const Json* v = Member(obj, key);
    return v && v->is_string() ? v->get<std::string>() : fallback;
}

bool InList(std::string_view key, std::initializer_list<const char*> keys)
{
    for (const char* k : keys)
        if (key == k)
            return true;
    return false;
}

// ------------------------------------------------------------------------------------------------

enum class Kind { Single, Multiple, Boolean, Rating, Matrix, Text, TextNumber };

// A scale (rating values or matrix columns): SurveyJS values in order and how they are stored.
struct Scale
{
    std::vector<std::string> keys;      // ValueKey of each SurveyJS value
    std::vector<double>      numbers;   // when numeric
    bool                     numeric = true;
    bool                     ascending = true;
    bool                     remapped = false; // stored as 1..n instead of the SurveyJS values
    int                      first_value = 1;
};

// What pass 2 needs to know about a converted question.
struct QuestionInfo
{
    std::string name;   // SurveyJS name
    std::string id;     // ours
    Kind        kind = Kind::Text;
    std::vector<std::pair<std::string, std::string>> values; // Single/Multiple: SurveyJS key -> our value
    Scale       scale;                                        // Rating; Matrix columns
    std::vector<std::pair<std::string, std::string>> rows;   // Matrix: SurveyJS row key -> our row id
    std::string true_key = "true", false_key = "false";      // Boolean
};

struct PendingQuestion
{
    Json        out;
    size_t      slot = 0;
    std::string path;
    std::string visible_if, visible_path;
    std::string required_if, required_path;
    bool        required = false;
    std::vector<int> panels; // indices into Converter::panels whose visibleIf applies
};

struct PendingPage
{
    Json             out;
    size_t           slot = 0;
    std::string      path;
    std::string      visible_if, visible_path;
    std::vector<int> questions;
    bool             has_intro = false;
    size_t           end_slot = 0; // the slot of its last element
};

struct PanelCondition
{
    std::string source, path;
    size_t      slot = 0;
    bool        done = false, ok = false;
    std::string converted;
};

struct OrderedNote
{
    size_t       slot;
    SurveyJsNote note;
};

class Converter;

// ------------------------------------------------------------------------------------------------
// SurveyJS expressions -> ours. Supports comparisons (= == != <> < <= > >= and their word forms),
// empty / notempty, anyof / allof / noneof, contains / notcontains, and / or / not (&& || !),
// parentheses, strings, numbers, booleans and [lists]. Functions and arithmetic are refused.

struct Cond
{
    std::string text;
    int         prec = 3; // 0 or, 1 and, 2 not, 3 atom
};

std::string Paren(const Cond& c, int min_prec) { return c.prec < min_prec ? "(" + c.text + ")" : c.text; }

std::string StringLiteral(std::string_view s)
{
    std::string out = "'";
    for (char c : s)
    {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

class ExprConverter
{
public:
    ExprConverter(std::string_view src, const Converter* conv) : src_(src), conv_(conv) {}
    bool Convert(std::string* out, std::string* why);

private:
    enum class T { End, Ref, Str, Num, Word, Op, LParen, RParen, LBracket, RBracket, Comma };
    struct Token
    {
        T           kind = T::End;
        std::string text; // Ref name, Str value, Num text, Word (lower case), Op
        double      number = 0;
    };
    struct Lit
    {
        enum { Str, Num, Bool } kind = Str;
        std::string s;
        double      n = 0;
        bool        b = false;
        std::string Key() const { return kind == Num ? FormatNumber(n) : kind == Bool ? (b ? "true" : "false") : s; }
        std::string Show() const { return kind == Str ? "'" + s + "'" : Key(); }
    };
    struct Operand
    {
        enum { Ref, Literal, List, Condition } kind = Literal;
        std::string      name;
        Lit              lit;
        std::vector<Lit> list;
        Cond             cond;
    };
    struct Resolved
    {
        const QuestionInfo* q = nullptr;
        std::string         row_key; // matrix row (SurveyJS key), "" = the whole question
        std::string         row_id;
        std::string         ref;     // "{id}" or "{id/row}"
    };

    bool Fail(std::string why)
    {
        if (why_.empty()) why_ = std::move(why);
        return false;
    }
    bool Lex();
    const Token& Peek() const { return toks_[pos_]; }
    bool IsWord(const char* w) const { return Peek().kind == T::Word && Peek().text == w; }
    bool IsOp(const char* o) const { return Peek().kind == T::Op && Peek().text == o; }
    bool ParseOr(Cond* out, int depth);
    bool ParseAnd(Cond* out, int depth);
    bool ParseNot(Cond* out, int depth);
    bool ParseComparison(Cond* out, int depth);
    bool ParseOperand(Operand* out, int depth);
    bool ParseLiteral(Lit* out);
    bool AsCondition(const Operand& o, Cond* out);
    bool Resolve(const std::string& name, Resolved* r);
    bool MapLiteral(const Resolved& r, const Lit& lit, std::string* out, double* scale_number, bool* is_number);
    bool Compare(const Operand& left, const std::string& op, const Operand& right, Cond* out);

    std::string_view    src_;
    const Converter*    conv_;
    std::vector<Token>  toks_;
    size_t              pos_ = 0;
    std::string         why_;
    bool                on_scale_ = true; // the last MapLiteral found the value on the scale
};

// ------------------------------------------------------------------------------------------------

class Converter
{
public:
    Converter(const Json& root, const SurveyJsConvertOptions& options) : root_(root), options_(options) {}
    void Run(Json* out);
    std::vector<OrderedNote> notes;

    const QuestionInfo* FindQuestion(std::string_view name) const
    {
        for (const QuestionInfo& q : infos_)
            if (q.name == name)
                return &q;
        for (const QuestionInfo& q : infos_)
            if (Lower(q.name) == Lower(name))
                return &q;
        return nullptr;
    }
    bool WasSkipped(std::string_view name) const { return skipped_names_.count(Lower(name)) > 0; }

private:
    void Note(const std::string& path, std::string message) { notes.push_back({ slot_, { path, std::move(message) } }); }
    void NoteAt(size_t slot, const std::string& path, std::string message) { notes.push_back({ slot, { path, std::move(message) } }); }

    void CollectLocales(const Json& j, int depth);
    Json Text(const Json& v, const std::string& path, bool html = false, bool note_markup = true);
    std::string DefaultText(const Json& v) const;
    bool HasText(const Json& obj, const char* key) const
    {
        const Json* v = Member(obj, key);
        return v && !DefaultText(*v).empty();
    }
    Json BuiltinText(const char* en, const char* zh) const;

    void ConvertPage(const Json& page, const std::string& path, size_t index);
    void ConvertElements(const Json& list, const std::string& path, int page, std::vector<int> panels, int depth);
    void ConvertElement(const Json& e, const std::string& path, int page, const std::vector<int>& panels, int depth);
    bool ConvertQuestion(const Json& e, const std::string& path, const std::string& type, PendingQuestion* pq, QuestionInfo* info);
    bool ConvertRating(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info);
    bool ConvertChoices(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info);
    bool ConvertMatrix(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info);
    void ConvertText(const Json& e, const std::string& path, const std::string& type, PendingQuestion* pq, QuestionInfo* info);
    void ConvertBoolean(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info);
    void ConvertValidators(const Json& e, const std::string& path, const std::string& type, PendingQuestion* pq);
    bool ReadScale(const Json& list, const std::string& path, const char* what, Scale* scale, std::vector<Json>* texts);
    void NoteUnknownKeys(const Json& obj, const std::string& path, std::initializer_list<const char*> handled);

    bool ConvertCondition(const std::string& source, const std::string& path, size_t slot, const char* consequence, std::string* out);
    void ConvertLogic();

    const Json&                  root_;
    const SurveyJsConvertOptions& options_;
    size_t                       slot_ = 0;
    std::string                  default_locale_;
    std::vector<std::string>     locales_; // default first
    std::vector<PendingPage>     pages_;
    std::vector<PendingQuestion> questions_;
    std::vector<QuestionInfo>    infos_;   // parallel to questions_
    std::vector<PanelCondition>  panels_;
    std::set<std::string>        question_ids_, page_ids_;
    std::set<std::string>        skipped_names_; // lower case
    int                          question_count_ = 0;
};

// Properties that only change how SurveyJS lays things out, or messages Manyi has its own of:
// ignored without a note (docs/surveyjs-import.md lists them).
bool IsCosmeticKey(std::string_view key)
{
    static const char* kKeys[] = {
        "width", "minWidth", "maxWidth", "startWithNewLine", "titleLocation", "descriptionLocation", "hideNumber",
        "indent", "colCount", "showTitle", "state", "errorLocation", "questionTitleLocation", "questionErrorLocation",
        "renderAs", "displayMode", "scaleColorMode", "rateColorMode", "rateDescriptionLocation",
        "displayRateDescriptionsAsExtremeItems", "autoGenerate", "showClearButton", "separateSpecialChoices",
        "autoGrow", "allowResize", "size", "alternateRows", "showHeader", "columnMinWidth", "rowTitleWidth",
        "verticalAlign", "textUpdateMode", "autocomplete", "useDisplayValuesInDynamicTexts", "clearIfInvisible",
        "requiredErrorText", "minErrorText", "maxErrorText", "swapOrder", "itemComponent", "inputSize", "inputTextAlignment",
        "hideIfChoicesEmpty", "navigationTitle", "navigationDescription",
        "showQuestionNumbers", "showProgressBar", "progressBarType", "progressBarShowPageTitles", "progressBarShowPageNumbers",
        "questionDescriptionLocation", "showPageTitles", "showPageNumbers", "widthMode", "logoPosition", "logoFit",
        "logoWidth", "logoHeight", "requiredText", "focusFirstQuestionAutomatic", "focusOnFirstError", "checkErrorsMode",
        "showNavigationButtons", "showPrevButton", "showTitle", "headerView", "clearInvisibleValues", "storeOthersAsComment",
        "questionStartIndex", "showTOC", "tocLocation", "showBrandInfo", "autoFocusFirstQuestion", "autoFocusFirstError",
        "showCompletedPage",
    };
    for (const char* k : kKeys)
        if (key == k)
            return true;
    return key.starts_with("$") || key.starts_with("x-");
}

void Converter::NoteUnknownKeys(const Json& obj, const std::string& path, std::initializer_list<const char*> handled)
{
    for (const auto& [key, value] : obj.items())
    {
        if (InList(key, handled) || IsCosmeticKey(key))
            continue;
        (void)value;
        Note(JsonPointerJoin(path, key), "property " + Q(key) + " is not converted; ignored");
    }
}

// Localizable strings: objects {"default": "...", "zh-cn": "..."} under these keys.
void Converter::CollectLocales(const Json& j, int depth)
{
    if (depth > kMaxInputDepth)
        return;
    static const char* kTextKeys[] = { "title", "description", "text", "labelTrue", "labelFalse", "minRateDescription",
                                       "maxRateDescription", "mininumRateDescription", "maximumRateDescription",
                                       "completedHtml", "placeholder", "placeHolder", "html" };
    if (j.is_array())
    {
        for (const Json& item : j)
            CollectLocales(item, depth + 1);
        return;
    }
    if (!j.is_object())
        return;
    for (const auto& [key, value] : j.items())
    {
        bool text_key = false;
        for (const char* k : kTextKeys)
            text_key = text_key || key == k;
        if (text_key && value.is_object())
        {
            for (const auto& [code, text] : value.items())
            {
                if (code == "default" || !text.is_string())
                    continue;
                const std::string tag = NormalizeLocale(code);
                if (tag.empty())
                    continue;
                bool seen = false;
                for (const std::string& l : locales_)
                    seen = seen || LocaleEquals(l, tag);
                if (!seen)
                    locales_.push_back(tag);
            }
            continue;
        }
        if (value.is_object() || value.is_array())
            CollectLocales(value, depth + 1);
    }
}

// The text in the default locale (else the first non-empty one); "" if none.
std::string Converter::DefaultText(const Json& v) const
{
    if (v.is_string())
        return v.get<std::string>();
    if (!v.is_object())
        return "";
    std::string first;
    for (const auto& [code, text] : v.items())
    {
        if (!text.is_string() || text.get<std::string>().empty())
            continue;
        if (code == "default" || LocaleEquals(NormalizeLocale(code), default_locale_))
            return text.get<std::string>();
        if (first.empty())
            first = text.get<std::string>();
    }
    return first;
}

// A SurveyJS string or localizable object -> our text (a string, or an object with every survey
// locale). Null when there is no text. Missing translations take the default text, with a note.
Json Converter::Text(const Json& v, const std::string& path, bool html, bool note_markup)
{
    bool had_tags = false;
    auto clean = [&](const std::string& s) { return html ? StripHtml(s, &had_tags) : s; };
    Json result;
    if (v.is_string())
    {
        std::string s = clean(v.get<std::string>());
        if (!s.empty())
            result = s;
    }
    else if (v.is_object())
    {
        std::vector<std::pair<std::string, std::string>> by_locale; // normalised tag -> text
        for (const auto& [code, text] : v.items())
        {
            if (!text.is_string())
                continue;
            const std::string tag = code == "default" ? default_locale_ : NormalizeLocale(code);
            if (tag.empty())
            {
                Note(JsonPointerJoin(path, code), "locale code " + Q(code) + " is not a language tag; ignored");
                continue;
            }
            std::string s = clean(text.get<std::string>());
            if (s.empty())
                continue;
            bool replaced = false;
            for (auto& entry : by_locale)
                if (LocaleEquals(entry.first, tag))
                {
                    if (code != "default") entry.second = s; // an explicit tag wins over "default"
                    replaced = true;
                }
            if (!replaced)
                by_locale.push_back({ tag, s });
        }
        if (!by_locale.empty())
        {
            std::string fallback = by_locale.front().second, fallback_tag = by_locale.front().first;
            for (const auto& entry : by_locale)
                if (LocaleEquals(entry.first, default_locale_))
                {
                    fallback = entry.second;
                    fallback_tag = entry.first;
                }
            if (locales_.size() == 1)
                result = fallback;
            else
            {
                result = Json::object();
                for (const std::string& l : locales_)
                {
                    std::string s;
                    for (const auto& entry : by_locale)
                        if (LocaleEquals(entry.first, l))
                            s = entry.second;
                    if (s.empty())
                    {
                        Note(path, "no " + Q(l) + " text; the " + Q(fallback_tag) + " text is used");
                        s = fallback;
                    }
                    result[l] = s;
                }
            }
        }
    }
    if (had_tags && note_markup)
        Note(path, "HTML markup removed; plain text kept");
    return result;
}

// A built-in wording for every survey locale: Chinese for zh*, English otherwise.
Json Converter::BuiltinText(const char* en, const char* zh) const
{
    if (locales_.size() == 1)
        return LocaleLanguage(locales_[0]) == "zh" ? zh : en;
    Json t = Json::object();
    for (const std::string& l : locales_)
        t[l] = LocaleLanguage(l) == "zh" ? zh : en;
    return t;
}

void Converter::Run(Json* out)
{
    // Locales: "default" texts are in --locale, else the SurveyJS `locale`, else English.
    default_locale_ = options_.locale;
    if (default_locale_.empty())
    {
        const std::string sjs = StringOr(root_, "locale", "");
        default_locale_ = sjs.empty() ? "en" : NormalizeLocale(sjs);
        if (default_locale_.empty())
        {
            Note("/locale", "locale " + Q(sjs) + " is not a language tag; \"en\" is used");
            default_locale_ = "en";
        }
    }
    locales_.push_back(default_locale_);
    CollectLocales(root_, 0);

    // Survey texts first, so their notes come first.
    Json title, intro;
    if (const Json* t = Member(root_, "title"))
        title = Text(*t, "/title");
    if (const Json* d = Member(root_, "description"))
        intro = Text(*d, "/description");
    std::string id = options_.id;
    if (id.empty())
    {
        const std::string source = title.is_null() ? "" : DefaultText(title);
        std::string slug;
        for (char c : Lower(source))
            slug += IsAlnum(c) ? c : '-';
        std::string collapsed;
        for (char c : slug)
            if (!(c == '-' && (collapsed.empty() || collapsed.back() == '-')))
                collapsed += c;
        if (collapsed.size() > 64)
            collapsed.resize(64);
        while (!collapsed.empty() && !IsAlnum(collapsed.back()))
            collapsed.pop_back();
        id = collapsed.empty() ? "survey" : collapsed;
        if (collapsed.empty() && !title.is_null())
            Note("/title", "the title gives no id (use --id); the survey id is \"survey\"");
    }
    if (title.is_null())
    {
        Note("", "no title; the survey id " + Q(id) + " is used as the title");
        title = id;
    }

    // Pages, or top-level elements/questions as one page.
    const Json* pages = Member(root_, "pages");
    const Json* elements = Member(root_, "elements");
    const char* elements_key = "elements";
    if (!elements)
    {
        elements = Member(root_, "questions");
        elements_key = "questions";
    }
    if (pages && pages->is_array())
    {
        for (size_t i = 0; i < pages->size(); i++)
            ConvertPage((*pages)[i], JsonPointerJoin("/pages", i), i);
        if (elements)
            Note(std::string("/") + elements_key, "top-level elements next to pages are not converted; ignored");
    }
    else if (elements && elements->is_array())
    {
        slot_++;
        PendingPage page;
        page.slot = slot_;
        page.path = "";
        page.out["id"] = "main";
        page_ids_.insert("main");
        pages_.push_back(std::move(page));
        ConvertElements(*elements, std::string("/") + elements_key, 0, {}, 0);
    }
    else
        Note("", "no pages or elements: the survey has no questions");

    ConvertLogic();

    // The survey.
    slot_++;
    Json& s = *out;
    s = Json::object();
    s["format_version"] = 1;
    s["id"] = id;
    s["version"] = "1";
    s["locales"] = locales_;
    s["default_locale"] = default_locale_;
    s["title"] = title;
    // An html element first among top-level elements is the survey's intro when it has none.
    bool single = !(pages && pages->is_array()) && pages_.size() == 1;
    if (single && pages_[0].has_intro)
    {
        if (intro.is_null())
            intro = pages_[0].out["intro"];
        else
            single = false;
    }
    if (!intro.is_null())
        s["intro"] = intro;

    if (single)
    {
        Json qs = Json::array();
        for (int qi : pages_[0].questions)
            qs.push_back(questions_[qi].out);
        s["questions"] = qs;
    }
    else
    {
        Json ps = Json::array();
        for (PendingPage& page : pages_)
        {
            if (page.questions.empty())
            {
                NoteAt(page.end_slot, page.path, "page has no question Manyi can show; dropped");
                continue;
            }
            Json p = page.out;
            Json qs = Json::array();
            for (int qi : page.questions)
                qs.push_back(questions_[qi].out);
            p["questions"] = qs;
            ps.push_back(p);
        }
        s["pages"] = ps;
    }

    if (const Json* c = Member(root_, "completedHtml"))
    {
        Json thanks = Text(*c, "/completedHtml", true);
        if (!thanks.is_null())
            s["thanks"] = thanks;
    }
    NoteUnknownKeys(root_, "", { "title", "description", "locale", "pages", "elements", "questions", "completedHtml" });
}

void Converter::ConvertPage(const Json& page, const std::string& path, size_t index)
{
    slot_++;
    if (!page.is_object())
    {
        Note(path, "a page must be an object; skipped");
        return;
    }
    PendingPage p;
    p.slot = slot_;
    p.path = path;
    const std::string name = StringOr(page, "name", "");
    std::string id = SanitizeId(name);
    if (id.empty())
        id = "page" + std::to_string(index + 1);
    id = MakeUnique(id, &page_ids_);
    if (!name.empty() && id != name)
        Note(JsonPointerJoin(path, "name"), "page name " + Q(name) + " is stored as id " + Q(id));
    p.out["id"] = id;
    if (const Json* t = Member(page, "title"))
    {
        Json title = Text(*t, JsonPointerJoin(path, "title"));
        if (!title.is_null()) p.out["title"] = title;
    }
    if (const Json* d = Member(page, "description"))
    {
        Json intro = Text(*d, JsonPointerJoin(path, "description"));
        if (!intro.is_null())
        {
            p.out["intro"] = intro;
            p.has_intro = true;
        }
    }
    if (const Json* v = Member(page, "visibleIf"); v && v->is_string() && !v->get<std::string>().empty())
    {
        p.visible_if = v->get<std::string>();
        p.visible_path = JsonPointerJoin(path, "visibleIf");
    }
    if (const Json* v = Member(page, "visible"); v && v->is_boolean() && !v->get<bool>())
    {
        Note(JsonPointerJoin(path, "visible"), "the page is hidden (visible: false); skipped");
        return;
    }
    NoteUnknownKeys(page, path, { "name", "title", "description", "elements", "questions", "visibleIf", "visible" });
    pages_.push_back(std::move(p));
    const int page_index = (int)pages_.size() - 1;
    if (const Json* els = Member(page, "elements"))
        ConvertElements(*els, JsonPointerJoin(path, "elements"), page_index, {}, 0);
    else if (const Json* qs = Member(page, "questions"))
        ConvertElements(*qs, JsonPointerJoin(path, "questions"), page_index, {}, 0);
    pages_[page_index].end_slot = slot_;
}

void Converter::ConvertElements(const Json& list, const std::string& path, int page, std::vector<int> panels, int depth)
{
    if (!list.is_array())
    {
        Note(path, "must be an array of elements; skipped");
        return;
    }
    for (size_t i = 0; i < list.size(); i++)
        ConvertElement(list[i], JsonPointerJoin(path, i), page, panels, depth);
}

void Converter::ConvertElement(const Json& e, const std::string& path, int page, const std::vector<int>& panels, int depth)
{
    slot_++;
    if (!e.is_object())
    {
        Note(path, "an element must be an object; skipped");
        return;
    }
    const std::string type = Lower(StringOr(e, "type", ""));
    const std::string name = StringOr(e, "name", "");
    if (Member(e, "visible") && Member(e, "visible")->is_boolean() && !IsTrue(e, "visible"))
    {
        Note(path, "element is hidden (visible: false); skipped");
        if (!name.empty()) skipped_names_.insert(Lower(name));
        return;
    }
    if (type == "panel")
    {
        std::string what = "panel" + (name.empty() ? "" : " " + Q(name)) + " flattened: its elements are placed on the page";
        if (HasText(e, "title") || HasText(e, "description"))
            what += "; its title and description are not shown";
        Note(path, what);
        std::vector<int> inner = panels;
        if (const Json* v = Member(e, "visibleIf"); v && v->is_string() && !v->get<std::string>().empty())
        {
            PanelCondition panel;
            panel.source = v->get<std::string>();
            panel.path = JsonPointerJoin(path, "visibleIf");
            panel.slot = slot_;
            panels_.push_back(std::move(panel));
            inner.push_back((int)panels_.size() - 1);
        }
        NoteUnknownKeys(e, path, { "type", "name", "title", "description", "elements", "questions", "visibleIf" });
        if (depth >= 16)
        {
            Note(path, "panels nested too deeply; skipped");
            return;
        }
        if (const Json* els = Member(e, "elements"))
            ConvertElements(*els, JsonPointerJoin(path, "elements"), page, inner, depth + 1);
        else if (const Json* qs = Member(e, "questions"))
            ConvertElements(*qs, JsonPointerJoin(path, "questions"), page, inner, depth + 1);
        return;
    }
    if (type == "html")
    {
        PendingPage& p = pages_[page];
        if (p.questions.empty() && !p.has_intro && panels.empty())
        {
            Json intro;
            if (const Json* h = Member(e, "html"))
                intro = Text(*h, JsonPointerJoin(path, "html"), true, false);
            if (!intro.is_null())
            {
                p.out["intro"] = intro;
                p.has_intro = true;
                Note(path, "html element converted to the intro (as plain text)");
                return;
            }
        }
        Note(path, "html element has no Manyi equivalent (only an html element first on a page becomes the page intro); skipped");
        return;
    }
    if (type == "image")
    {
        Note(path, "element type \"image\" has no Manyi equivalent; skipped");
        return;
    }
    static const char* kSupported[] = { "rating", "radiogroup", "dropdown", "checkbox", "tagbox", "comment", "text", "boolean", "matrix" };
    bool supported = false;
    for (const char* t : kSupported)
        supported = supported || type == t;
    if (!supported)
    {
        Note(path, type.empty() ? std::string("element has no type; skipped") : "question type " + Q(type) + " has no Manyi equivalent; skipped");
        if (!name.empty()) skipped_names_.insert(Lower(name));
        return;
    }

    PendingQuestion pq;
    pq.slot = slot_;
    pq.path = path;
    pq.panels = panels;
    QuestionInfo info;
    info.name = name;
    question_count_++;
    std::string id = SanitizeId(name);
    if (id.empty())
        id = "q" + std::to_string(question_count_);
    id = MakeUnique(id, &question_ids_);
    if (name.empty())
        Note(JsonPointerJoin(path, "name"), "no name; the question id is " + Q(id));
    else if (id != name)
        Note(JsonPointerJoin(path, "name"), Q(name) + " is stored as id " + Q(id));
    info.id = id;
    pq.out["id"] = id;

    if (!ConvertQuestion(e, path, type, &pq, &info))
    {
        if (!name.empty()) skipped_names_.insert(Lower(name));
        question_ids_.erase(id);
        return;
    }
    questions_.push_back(std::move(pq));
    infos_.push_back(std::move(info));
    pages_[page].questions.push_back((int)questions_.size() - 1);
}

bool Converter::ConvertQuestion(const Json& e, const std::string& path, const std::string& type, PendingQuestion* pq, QuestionInfo* info)
{
    Json& q = pq->out;
    // The type first (filled in by the type's converter), then the texts, as in our examples.
    q["type"] = "";
    Json title;
    if (const Json* t = Member(e, "title"))
        title = Text(*t, JsonPointerJoin(path, "title"));
    if (title.is_null())
        title = info->name.empty() ? info->id : info->name; // SurveyJS shows the name when there is no title
    q["title"] = title;
    if (const Json* d = Member(e, "description"))
    {
        Json help = Text(*d, JsonPointerJoin(path, "description"));
        if (!help.is_null()) q["help"] = help;
    }
    pq->required = IsTrue(e, "isRequired");
    if (pq->required)
        q["required"] = true;
    if (const Json* v = Member(e, "visibleIf"); v && v->is_string() && !v->get<std::string>().empty())
    {
        pq->visible_if = v->get<std::string>();
        pq->visible_path = JsonPointerJoin(path, "visibleIf");
    }
    if (const Json* v = Member(e, "requiredIf"); v && v->is_string() && !v->get<std::string>().empty())
    {
        pq->required_if = v->get<std::string>();
        pq->required_path = JsonPointerJoin(path, "requiredIf");
    }

    std::vector<const char*> handled = { "type", "name", "title", "description", "isRequired", "visibleIf", "requiredIf", "validators", "visible" };
    bool ok = true;
    if (type == "rating")
    {
        ok = ConvertRating(e, path, pq, info);
        for (const char* k : { "rateMin", "rateMax", "rateStep", "rateCount", "rateValues", "rateType", "minRateDescription",
                               "maxRateDescription", "mininumRateDescription", "maximumRateDescription" })
            handled.push_back(k);
    }
    else if (type == "radiogroup" || type == "dropdown" || type == "checkbox" || type == "tagbox")
    {
        ok = ConvertChoices(e, path, pq, info);
        for (const char* k : { "choices", "minSelectedChoices", "maxSelectedChoices", "showOtherItem", "hasOther",
                               "showNoneItem", "hasNone", "showSelectAllItem", "hasSelectAll", "otherText", "noneText",
                               "selectAllText", "otherPlaceholder", "otherPlaceHolder", "otherErrorText", "placeholder",
                               "placeHolder", "choicesOrder", "showCommentArea", "hasComment", "commentText" })
            handled.push_back(k);
    }
    else if (type == "matrix")
    {
        ok = ConvertMatrix(e, path, pq, info);
        for (const char* k : { "rows", "columns", "isAllRowRequired", "eachRowRequired", "rowsOrder" })
            handled.push_back(k);
    }
    else if (type == "comment" || type == "text")
    {
        ConvertText(e, path, type, pq, info);
        for (const char* k : { "inputType", "min", "max", "maxLength", "placeholder", "placeHolder", "rows", "step" })
            handled.push_back(k);
    }
    else if (type == "boolean")
    {
        ConvertBoolean(e, path, pq, info);
        for (const char* k : { "labelTrue", "labelFalse", "valueTrue", "valueFalse", "label" })
            handled.push_back(k);
    }
    if (!ok)
        return false;
    if (const Json* v = Member(e, "validators"))
        ConvertValidators(*v, JsonPointerJoin(path, "validators"), type, pq);
    for (const auto& [key, value] : e.items())
    {
        (void)value;
        bool known = IsCosmeticKey(key);
        for (const char* k : handled)
            known = known || key == k;
        if (known)
            continue;
        std::string why = "property " + Q(key) + " is not converted; ignored";
        if (key == "defaultValue" || key == "defaultValueExpression")
            why = "default answers are not converted; ignored";
        else if (key == "enableIf" || key == "readOnly")
            why = "property " + Q(key) + " is not converted (Manyi questions are always editable); ignored";
        Note(JsonPointerJoin(path, key), why);
    }
    return true;
}

// Rating values or matrix columns (strings, numbers or {value, text}). Texts are null where absent.
bool Converter::ReadScale(const Json& list, const std::string& path, const char* what, Scale* scale, std::vector<Json>* texts)
{
    for (size_t i = 0; i < list.size(); i++)
    {
        const Json& item = list[i];
        const std::string ipath = JsonPointerJoin(path, i);
        Json value = item, text;
        if (item.is_object())
        {
            value = Member(item, "value") ? *Member(item, "value") : Json();
            if (const Json* t = Member(item, "text"))
                text = Text(*t, JsonPointerJoin(ipath, "text"));
            for (const auto& [key, v] : item.items())
                if (key != "value" && key != "text" && !IsCosmeticKey(key))
                {
                    (void)v;
                    Note(JsonPointerJoin(ipath, key), "property " + Q(key) + " is not converted; ignored");
                }
        }
        else if (item.is_string())
        {
            const std::string s = item.get<std::string>();
            const size_t bar = s.find('|'); // the old "value|text" shorthand
            if (bar != std::string::npos)
            {
                value = s.substr(0, bar);
                text = s.substr(bar + 1);
            }
        }
        if (value.is_null() || value.is_object() || value.is_array())
        {
            Note(ipath, std::string(what) + " has no value; skipped");
            continue;
        }
        double n = 0;
        const bool numeric = NumberOf(value, &n);
        scale->numeric = scale->numeric && numeric;
        scale->numbers.push_back(n);
        scale->keys.push_back(ValueKey(value));
        texts->push_back(text);
    }
    return true;
}

// Decides how the scale's values are stored: as they are when they count up by 1 from 0 or 1,
// else as 1..n (with a note listing both).
static void PlaceScale(Scale* scale)
{
    const size_t n = scale->keys.size();
    bool consecutive = scale->numeric && n > 0 && (scale->numbers[0] == 0 || scale->numbers[0] == 1);
    for (size_t i = 1; i < n && scale->numeric; i++)
    {
        consecutive = consecutive && scale->numbers[i] == scale->numbers[0] + double(i);
        scale->ascending = scale->ascending && scale->numbers[i] > scale->numbers[i - 1];
    }
    scale->ascending = scale->ascending && scale->numeric;
    scale->remapped = !consecutive;
    scale->first_value = consecutive ? (int)scale->numbers[0] : 1;
}

static std::string RemapMessage(const Scale& scale, const char* what)
{
    std::string from, to;
    for (size_t i = 0; i < scale.keys.size(); i++)
    {
        from += (i ? ", " : "") + (scale.numeric ? scale.keys[i] : Q(scale.keys[i]));
        to += (i ? ", " : "") + std::to_string(i + 1);
    }
    return std::string(what) + " " + from + " are stored as " + to;
}

bool Converter::ConvertRating(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info)
{
    Json& q = pq->out;
    info->kind = Kind::Rating;
    Scale& scale = info->scale;
    std::vector<Json> texts;
    const Json* values = Member(e, "rateValues");
    if (values && values->is_array() && !values->empty())
        ReadScale(*values, JsonPointerJoin(path, "rateValues"), "rate value", &scale, &texts);
    else
    {
        double min = 1, max = 5, step = 1, count = 0;
        if (const Json* v = Member(e, "rateMin")) NumberOf(*v, &min);
        if (const Json* v = Member(e, "rateStep")) NumberOf(*v, &step);
        const bool has_max = Member(e, "rateMax") && NumberOf(*Member(e, "rateMax"), &max);
        if (!has_max && Member(e, "rateCount") && NumberOf(*Member(e, "rateCount"), &count) && count >= 1)
            max = min + step * (count - 1);
        if (!(step > 0) || max < min || (max - min) / step > 1000)
        {
            Note(path, "rating scale rateMin " + FormatNumber(min) + ", rateMax " + FormatNumber(max) + ", rateStep " + FormatNumber(step) + " is not a usable scale; skipped");
            return false;
        }
        const int count_values = (int)std::floor((max - min) / step + 1e-9) + 1;
        for (int i = 0; i < count_values; i++)
        {
            const double r = std::round((min + step * i) * 1e9) / 1e9;
            scale.numbers.push_back(r);
            scale.keys.push_back(FormatNumber(r));
            texts.push_back(Json());
        }
    }
    const int points = (int)scale.keys.size();
    if (points < kRatingMinPoints || points > kRatingMaxPoints)
    {
        Note(path, "rating has " + std::to_string(points) + " points; Manyi allows " + std::to_string(kRatingMinPoints) + " to " + std::to_string(kRatingMaxPoints) + "; skipped");
        return false;
    }
    PlaceScale(&scale);

    std::string display = "numbers";
    const std::string rate_type = StringOr(e, "rateType", "labels");
    if (rate_type == "stars" || rate_type == "smileys")
        display = rate_type;
    else if (rate_type != "labels")
        Note(JsonPointerJoin(path, "rateType"), "rateType " + Q(rate_type) + " is not converted; shown as numbers");

    bool any_text = false;
    for (const Json& t : texts)
        any_text = any_text || !t.is_null();
    const Json* min_desc = Member(e, "minRateDescription");
    const char* min_key = "minRateDescription";
    if (!min_desc) { min_desc = Member(e, "mininumRateDescription"); min_key = "mininumRateDescription"; }
    const Json* max_desc = Member(e, "maxRateDescription");
    const char* max_key = "maxRateDescription";
    if (!max_desc) { max_desc = Member(e, "maximumRateDescription"); max_key = "maximumRateDescription"; }
    Json low = min_desc ? Text(*min_desc, JsonPointerJoin(path, min_key)) : Json();
    Json high = max_desc ? Text(*max_desc, JsonPointerJoin(path, max_key)) : Json();

    // 0..10 in steps of 1 without per-point texts is the recommend-intent scale: our "nps" type,
    // with the end descriptions as its low/high labels (values unchanged).
    bool builtins_cover = true;
    for (const std::string& l : locales_)
        builtins_cover = builtins_cover && (LocaleLanguage(l) == "zh" || LocaleLanguage(l) == "en");
    if (points == 11 && !scale.remapped && scale.first_value == 0 && !any_text && display == "numbers" &&
        ((!low.is_null() && !high.is_null()) || builtins_cover))
    {
        q["type"] = "nps";
        if (!low.is_null()) q["low_label"] = low;
        if (!high.is_null()) q["high_label"] = high;
        Note(path, "rating 0-10 converted to an \"nps\" question (same values)");
        return true;
    }

    q["type"] = "rating";
    q["points"] = points;
    if (scale.first_value == 0)
        q["first_value"] = 0;
    if (display != "numbers")
        q["display"] = display;
    if (any_text)
    {
        Json labels = Json::array();
        for (size_t i = 0; i < texts.size(); i++)
            labels.push_back(texts[i].is_null() ? Json(scale.keys[i]) : texts[i]);
        q["labels"] = labels;
        if (!low.is_null() || !high.is_null())
            Note(path, "minRateDescription/maxRateDescription not converted: the rate values' own texts are the labels");
    }
    else if (!low.is_null() || !high.is_null())
    {
        Json labels = Json::array();
        for (int i = 0; i < points; i++)
        {
            if (i == 0 && !low.is_null()) labels.push_back(low);
            else if (i == points - 1 && !high.is_null()) labels.push_back(high);
            else labels.push_back(scale.keys[i]);
        }
        q["labels"] = labels;
        Note(path, "minRateDescription/maxRateDescription became the labels of the first/last point; the points between are labelled with their numbers");
    }
    if (scale.remapped)
        Note(path, RemapMessage(scale, "rating values"));
    return true;
}

bool Converter::ConvertChoices(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info)
{
    Json& q = pq->out;
    const std::string type = Lower(StringOr(e, "type", ""));
    const bool multiple = type == "checkbox" || type == "tagbox";
    info->kind = multiple ? Kind::Multiple : Kind::Single;
    q["type"] = multiple ? "multiple" : "single";
    const Json* choices = Member(e, "choices");
    if (!choices || !choices->is_array() || choices->empty())
    {
        std::string why = "has no choices";
        if (Member(e, "choicesByUrl")) why = "loads its choices from a URL (choicesByUrl)";
        else if (Member(e, "choicesFromQuestion")) why = "copies its choices from another question (choicesFromQuestion)";
        Note(path, "the question " + why + ", which Manyi cannot do; skipped");
        return false;
    }
    std::set<std::string> used;
    Json options = Json::array();
    const std::string cpath = JsonPointerJoin(path, "choices");
    for (size_t i = 0; i < choices->size(); i++)
    {
        const Json& c = (*choices)[i];
        const std::string ipath = JsonPointerJoin(cpath, i);
        Json value = c, text;
        if (c.is_object())
        {
            value = Member(c, "value") ? *Member(c, "value") : Json();
            if (const Json* t = Member(c, "text"))
                text = Text(*t, JsonPointerJoin(ipath, "text"));
            for (const auto& [key, v] : c.items())
            {
                (void)v;
                if (key == "value" || key == "text" || IsCosmeticKey(key))
                    continue;
                Note(JsonPointerJoin(ipath, key), key == "visibleIf" || key == "enableIf" ? "choice conditions are not converted (the choice is always offered); ignored"
                                                                                   : "property " + Q(key) + " is not converted; ignored");
            }
        }
        else if (c.is_string())
        {
            const std::string s = c.get<std::string>();
            const size_t bar = s.find('|');
            if (bar != std::string::npos)
            {
                value = s.substr(0, bar);
                text = s.substr(bar + 1);
            }
        }
        if (value.is_null() || value.is_object() || value.is_array())
        {
            Note(ipath, "choice has no value; skipped");
            continue;
        }
        const std::string key = ValueKey(value);
        std::string v = SanitizeId(key);
        if (v.empty())
            v = std::to_string(i + 1);
        v = MakeUnique(v, &used);
        if (v != key)
            Note(ipath, "value " + (value.is_string() ? Q(key) : key) + " is stored as " + Q(v));
        info->values.push_back({ key, v });
        options.push_back({ { "value", v }, { "label", !text.is_null() ? text : Json(key.empty() ? v : key) } });
    }
    q["options"] = options;

    auto note_special = [&](const char* a, const char* b, const char* what) {
        const char* key = IsTrue(e, a) ? a : IsTrue(e, b) ? b : nullptr;
        if (key)
            Note(JsonPointerJoin(path, key), std::string("the ") + what + " item has no Manyi equivalent; skipped");
    };
    note_special("showOtherItem", "hasOther", "\"Other\" (free text)");
    note_special("showNoneItem", "hasNone", "\"None\"");
    note_special("showSelectAllItem", "hasSelectAll", "\"Select All\"");
    if (IsTrue(e, "showCommentArea") || IsTrue(e, "hasComment"))
        Note(JsonPointerJoin(path, IsTrue(e, "showCommentArea") ? "showCommentArea" : "hasComment"), "the comment box has no Manyi equivalent; skipped");
    if (const std::string order = StringOr(e, "choicesOrder", "none"); order != "none")
        Note(JsonPointerJoin(path, "choicesOrder"), "choicesOrder " + Q(order) + " is not converted; options keep their order");

    if (multiple)
    {
        double n = 0;
        if (const Json* v = Member(e, "minSelectedChoices"); v && NumberOf(*v, &n) && n > 0)
            q["min_choices"] = Count(n);
        if (const Json* v = Member(e, "maxSelectedChoices"); v && NumberOf(*v, &n) && n > 0)
            q["max_choices"] = std::min(Count(n), (int)options.size());
    }
    else
    {
        for (const char* key : { "minSelectedChoices", "maxSelectedChoices" })
            if (Member(e, key))
                Note(JsonPointerJoin(path, key), "property " + Q(key) + " is not converted; ignored");
    }
    return true;
}

bool Converter::ConvertMatrix(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info)
{
    Json& q = pq->out;
    info->kind = Kind::Matrix;
    q["type"] = "matrix";
    const Json* rows = Member(e, "rows");
    const Json* columns = Member(e, "columns");
    if (!rows || !rows->is_array() || rows->empty() || !columns || !columns->is_array())
    {
        Note(path, "matrix without rows or columns; skipped");
        return false;
    }
    std::vector<Json> texts;
    ReadScale(*columns, JsonPointerJoin(path, "columns"), "column", &info->scale, &texts);
    const int points = (int)info->scale.keys.size();
    if (points < kRatingMinPoints || points > kRatingMaxPoints)
    {
        Note(JsonPointerJoin(path, "columns"), "matrix has " + std::to_string(points) + " columns; Manyi allows " + std::to_string(kRatingMinPoints) + " to " + std::to_string(kRatingMaxPoints) + "; skipped");
        return false;
    }
    PlaceScale(&info->scale);

    Json items = Json::array();
    std::set<std::string> used;
    const std::string rpath = JsonPointerJoin(path, "rows");
    for (size_t i = 0; i < rows->size(); i++)
    {
        const Json& r = (*rows)[i];
        const std::string ipath = JsonPointerJoin(rpath, i);
        Json value = r, text;
        if (r.is_object())
        {
            value = Member(r, "value") ? *Member(r, "value") : Json();
            if (const Json* t = Member(r, "text"))
                text = Text(*t, JsonPointerJoin(ipath, "text"));
            for (const auto& [key, v] : r.items())
            {
                (void)v;
                if (key != "value" && key != "text" && !IsCosmeticKey(key))
                    Note(JsonPointerJoin(ipath, key), key == "visibleIf" ? "row conditions are not converted (the row is always shown); ignored"
                                                                  : "property " + Q(key) + " is not converted; ignored");
            }
        }
        else if (r.is_string())
        {
            const std::string s = r.get<std::string>();
            const size_t bar = s.find('|');
            if (bar != std::string::npos)
            {
                value = s.substr(0, bar);
                text = s.substr(bar + 1);
            }
        }
        if (value.is_null() || value.is_object() || value.is_array())
        {
            Note(ipath, "row has no value; skipped");
            continue;
        }
        const std::string key = ValueKey(value);
        std::string id = SanitizeId(key);
        if (id.empty())
            id = "r" + std::to_string(i + 1);
        id = MakeUnique(id, &used);
        if (id != key)
            Note(ipath, "row " + (value.is_string() ? Q(key) : key) + " is stored as " + Q(id));
        info->rows.push_back({ key, id });
        items.push_back({ { "id", id }, { "label", text.is_null() ? Json(key) : text } });
    }
    q["rows"] = items;
    q["points"] = points;
    if (info->scale.first_value == 0)
        q["first_value"] = 0;
    Json labels = Json::array();
    for (size_t i = 0; i < texts.size(); i++)
        labels.push_back(texts[i].is_null() ? Json(info->scale.keys[i]) : texts[i]);
    q["labels"] = labels;
    if (info->scale.remapped)
        Note(JsonPointerJoin(path, "columns"), RemapMessage(info->scale, "column values"));
    const bool every_row = IsTrue(e, "isAllRowRequired") || IsTrue(e, "eachRowRequired");
    if (every_row && !pq->required)
    {
        pq->required = true;
        q["required"] = true;
    }
    else if (pq->required && !every_row)
        Note(JsonPointerJoin(path, "isRequired"), "SurveyJS requires one row answered, Manyi requires every row");
    if (const std::string order = StringOr(e, "rowsOrder", "initial"); order != "initial")
        Note(JsonPointerJoin(path, "rowsOrder"), "rowsOrder " + Q(order) + " is not converted; rows keep their order");
    return true;
}

void Converter::ConvertText(const Json& e, const std::string& path, const std::string& type, PendingQuestion* pq, QuestionInfo* info)
{
    Json& q = pq->out;
    info->kind = Kind::Text;
    q["type"] = "text";
    std::string input = "text";
    if (type == "comment")
        q["multiline"] = true;
    else
    {
        const std::string it = StringOr(e, "inputType", "text");
        if (it == "number") input = "number";
        else if (it == "tel") input = "phone";
        else if (it == "email") input = "email";
        else if (it != "text")
            Note(JsonPointerJoin(path, "inputType"), "inputType " + Q(it) + " has no Manyi equivalent; converted as plain text");
        if (input != "text")
            q["input"] = input;
        if (input == "number")
            info->kind = Kind::TextNumber;
        for (const char* key : { "min", "max" })
            if (const Json* v = Member(e, key))
            {
                double n = 0;
                if (input == "number" && v->is_number() && NumberOf(*v, &n))
                    q[key] = *v;
                else
                    Note(JsonPointerJoin(path, key), std::string(key) + " is converted only for inputType \"number\" with a number; ignored");
            }
    }
    if (const Json* v = Member(e, "maxLength"))
    {
        double n = 0;
        if (NumberOf(*v, &n) && n > 0)
        {
            if (n > kTextMaxMaxLength)
            {
                Note(JsonPointerJoin(path, "maxLength"), "maxLength " + FormatNumber(n) + " is above Manyi's " + std::to_string(kTextMaxMaxLength) + "; " + std::to_string(kTextMaxMaxLength) + " is used");
                n = kTextMaxMaxLength;
            }
            q["max_length"] = Count(n);
        }
    }
    const Json* ph = Member(e, "placeholder");
    const char* ph_key = "placeholder";
    if (!ph) { ph = Member(e, "placeHolder"); ph_key = "placeHolder"; }
    if (ph)
    {
        Json t = Text(*ph, JsonPointerJoin(path, ph_key));
        if (!t.is_null()) q["placeholder"] = t;
    }
}

void Converter::ConvertBoolean(const Json& e, const std::string& path, PendingQuestion* pq, QuestionInfo* info)
{
    Json& q = pq->out;
    info->kind = Kind::Boolean;
    q["type"] = "single";
    Json yes = BuiltinText("Yes", "是"), no = BuiltinText("No", "否");
    if (const Json* t = Member(e, "labelTrue")) { Json x = Text(*t, JsonPointerJoin(path, "labelTrue")); if (!x.is_null()) yes = x; }
    if (const Json* t = Member(e, "labelFalse")) { Json x = Text(*t, JsonPointerJoin(path, "labelFalse")); if (!x.is_null()) no = x; }
    q["options"] = Json::array({ { { "value", "yes" }, { "label", yes } }, { { "value", "no" }, { "label", no } } });
    if (const Json* v = Member(e, "valueTrue"))
        info->true_key = ValueKey(*v);
    if (const Json* v = Member(e, "valueFalse"))
        info->false_key = ValueKey(*v);
    if (Member(e, "valueTrue") || Member(e, "valueFalse"))
        Note(path, "answers are stored as \"yes\"/\"no\", not valueTrue/valueFalse");
    if (const Json* l = Member(e, "label"); l && !DefaultText(*l).empty())
        Note(JsonPointerJoin(path, "label"), "the boolean's label is not converted (the title is the question); ignored");
}

void Converter::ConvertValidators(const Json& list, const std::string& path, const std::string& type, PendingQuestion* pq)
{
    if (!list.is_array())
        return;
    Json& q = pq->out;
    const bool multiple = type == "checkbox" || type == "tagbox";
    const bool text = type == "text" || type == "comment";
    for (size_t i = 0; i < list.size(); i++)
    {
        const Json& v = list[i];
        const std::string vpath = JsonPointerJoin(path, i);
        const std::string vt = StringOr(v, "type", "");
        double n = 0;
        if (vt == "answercount" && multiple)
        {
            if (const Json* x = Member(v, "minCount"); x && NumberOf(*x, &n) && n > 0) q["min_choices"] = Count(n);
            if (const Json* x = Member(v, "maxCount"); x && NumberOf(*x, &n) && n > 0) q["max_choices"] = std::min(Count(n), (int)q["options"].size());
        }
        else if (vt == "text" && text)
        {
            if (const Json* x = Member(v, "maxLength"); x && NumberOf(*x, &n) && n > 0)
                q["max_length"] = std::min(Count(n), kTextMaxMaxLength);
            if (const Json* x = Member(v, "minLength"); x && NumberOf(*x, &n) && n > 0)
                Note(JsonPointerJoin(vpath, "minLength"), "a minimum length has no Manyi equivalent; ignored");
            if (IsTrue(v, "allowDigits") == false && Member(v, "allowDigits"))
                Note(JsonPointerJoin(vpath, "allowDigits"), "allowDigits has no Manyi equivalent; ignored");
        }
        else if (vt == "numeric" && type == "text" && StringOr(q, "input", "text") == "number")
        {
            if (const Json* x = Member(v, "minValue"); x && x->is_number()) q["min"] = *x;
            if (const Json* x = Member(v, "maxValue"); x && x->is_number()) q["max"] = *x;
        }
        else if (vt == "email" && type == "text" && (StringOr(q, "input", "text") == "text" || StringOr(q, "input", "") == "email"))
        {
            q["input"] = "email";
        }
        else
            Note(vpath, "validator " + Q(vt) + (text || multiple ? "" : " on a " + Q(type) + " question") + " has no Manyi equivalent; skipped");
    }
}

// ------------------------------------------------------------------------------------------------
// Logic

bool Converter::ConvertCondition(const std::string& source, const std::string& path, size_t slot, const char* consequence, std::string* out)
{
    ExprConverter ec(source, this);
    std::string why;
    if (ec.Convert(out, &why))
    {
        Expression parsed;
        ExprError error;
        if (ParseExpression(*out, &parsed, &error))
            return true;
        why = "the converted form " + Q(*out) + " does not parse: " + error.message;
    }
    NoteAt(slot, path, Q(source) + " cannot be converted (" + why + "); dropped, so " + consequence);
    return false;
}

void Converter::ConvertLogic()
{
    for (PanelCondition& panel : panels_)
        panel.ok = ConvertCondition(panel.source, panel.path, panel.slot, "the panel's questions do not depend on it", &panel.converted);
    for (PendingQuestion& pq : questions_)
    {
        std::vector<std::string> parts;
        for (int pi : pq.panels)
            if (panels_[pi].ok)
                parts.push_back(panels_[pi].converted);
        std::string own;
        if (!pq.visible_if.empty() && ConvertCondition(pq.visible_if, pq.visible_path, pq.slot, "the question is always shown", &own))
            parts.push_back(own);
        if (parts.size() == 1)
            pq.out["visibleIf"] = parts[0];
        else if (parts.size() > 1)
        {
            std::string all;
            for (const std::string& p : parts)
                all += (all.empty() ? "" : " and ") + ("(" + p + ")");
            pq.out["visibleIf"] = all;
        }
        std::string req;
        if (!pq.required_if.empty() && !pq.required &&
            ConvertCondition(pq.required_if, pq.required_path, pq.slot, "the question is required only by isRequired", &req))
            pq.out["requiredIf"] = req;
    }
    for (PendingPage& page : pages_)
    {
        std::string v;
        if (!page.visible_if.empty() && ConvertCondition(page.visible_if, page.visible_path, page.slot, "the page is always shown", &v))
            page.out["visibleIf"] = v;
    }
}

bool ExprConverter::Lex()
{
    size_t i = 0;
    auto value_before = [&]() {
        if (toks_.empty()) return false;
        const T k = toks_.back().kind;
        return k == T::Ref || k == T::Str || k == T::Num || k == T::RParen || k == T::RBracket;
    };
    while (i < src_.size())
    {
        const char c = src_[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { i++; continue; }
        Token t;
        if (c == '{')
        {
            const size_t close = src_.find('}', i);
            if (close == std::string_view::npos)
                return Fail("'{' without '}'");
            std::string name(src_.substr(i + 1, close - i - 1));
            while (!name.empty() && name.back() == ' ') name.pop_back();
            while (!name.empty() && name.front() == ' ') name.erase(name.begin());
            t.kind = T::Ref;
            t.text = name;
            i = close + 1;
        }
        else if (c == '\'' || c == '"')
        {
            size_t j = i + 1;
            std::string s;
            for (; j < src_.size() && src_[j] != c; j++)
            {
                if (src_[j] == '\\' && j + 1 < src_.size()) j++;
                s += src_[j];
            }
            if (j >= src_.size())
                return Fail("unterminated string");
            t.kind = T::Str;
            t.text = s;
            i = j + 1;
        }
        else if ((c >= '0' && c <= '9') || (c == '-' && !value_before() && i + 1 < src_.size() && src_[i + 1] >= '0' && src_[i + 1] <= '9'))
        {
            size_t j = i + 1;
            while (j < src_.size() && ((src_[j] >= '0' && src_[j] <= '9') || src_[j] == '.'))
                j++;
            t.kind = T::Num;
            t.text = std::string(src_.substr(i, j - i));
            if (!ParseNumberText(t.text, &t.number))
                return Fail("bad number " + t.text);
            i = j;
        }
        else if (IsAlnum(c) || c == '_')
        {
            size_t j = i;
            while (j < src_.size() && (IsAlnum(src_[j]) || src_[j] == '_'))
                j++;
            t.kind = T::Word;
            t.text = Lower(src_.substr(i, j - i));
            i = j;
        }
        else if (c == '(') { t.kind = T::LParen; i++; }
        else if (c == ')') { t.kind = T::RParen; i++; }
        else if (c == '[') { t.kind = T::LBracket; i++; }
        else if (c == ']') { t.kind = T::RBracket; i++; }
        else if (c == ',') { t.kind = T::Comma; i++; }
        else
        {
            static const char* kOps[] = { "==", "!=", "<>", "<=", ">=", "&&", "||", "*=", "=", "<", ">", "!", "+", "-", "*", "/", "%", "^" };
            bool found = false;
            for (const char* op : kOps)
                if (src_.substr(i).starts_with(op))
                {
                    t.kind = T::Op;
                    t.text = op;
                    i += strlen(op);
                    found = true;
                    break;
                }
            if (!found)
                return Fail(std::string("unexpected character '") + c + "'");
            if (t.text == "+" || t.text == "-" || t.text == "*" || t.text == "/" || t.text == "%" || t.text == "^")
                return Fail("arithmetic (" + t.text + ") has no Manyi equivalent");
        }
        toks_.push_back(std::move(t));
        if (toks_.size() > 2000)
            return Fail("too long");
    }
    toks_.push_back(Token{});
    return true;
}

bool ExprConverter::Convert(std::string* out, std::string* why)
{
    Cond c;
    bool ok = Lex() && ParseOr(&c, 0);
    if (ok && Peek().kind != T::End)
        ok = Fail("unexpected " + (Peek().text.empty() ? std::string("token") : "'" + Peek().text + "'"));
    if (!ok)
    {
        *why = why_.empty() ? "not understood" : why_;
        return false;
    }
    *out = c.text;
    return true;
}

bool ExprConverter::ParseOr(Cond* out, int depth)
{
    if (depth > 30)
        return Fail("nested too deeply");
    if (!ParseAnd(out, depth))
        return false;
    while (IsWord("or") || IsOp("||"))
    {
        pos_++;
        Cond right;
        if (!ParseAnd(&right, depth))
            return false;
        // "and" inside "or" gets parentheses for the reader, though the precedence is the same.
        out->text = (out->prec == 1 ? "(" + out->text + ")" : out->text) + " or " + (right.prec == 1 ? "(" + right.text + ")" : Paren(right, 1));
        out->prec = 0;
    }
    return true;
}

bool ExprConverter::ParseAnd(Cond* out, int depth)
{
    if (!ParseNot(out, depth))
        return false;
    while (IsWord("and") || IsOp("&&"))
    {
        pos_++;
        Cond right;
        if (!ParseNot(&right, depth))
            return false;
        out->text = Paren(*out, 1) + " and " + Paren(right, 1);
        out->prec = 1;
    }
    return true;
}

bool ExprConverter::ParseNot(Cond* out, int depth)
{
    if (IsWord("not") || IsOp("!"))
    {
        pos_++;
        Cond inner;
        if (depth > 30 || !ParseNot(&inner, depth + 1))
            return Fail("nested too deeply");
        const bool bare = inner.prec == 3 && inner.text.find(' ') == std::string::npos; // answered({x})
        out->text = "not " + (bare ? inner.text : "(" + inner.text + ")");
        out->prec = 2;
        return true;
    }
    return ParseComparison(out, depth);
}

bool ExprConverter::ParseLiteral(Lit* out)
{
    const Token& t = Peek();
    if (t.kind == T::Str) { out->kind = Lit::Str; out->s = t.text; }
    else if (t.kind == T::Num) { out->kind = Lit::Num; out->n = t.number; }
    else if (t.kind == T::Word && (t.text == "true" || t.text == "false")) { out->kind = Lit::Bool; out->b = t.text == "true"; }
    else return Fail("expected a value in the list");
    pos_++;
    return true;
}

bool ExprConverter::ParseOperand(Operand* out, int depth)
{
    const Token& t = Peek();
    if (t.kind == T::LParen)
    {
        pos_++;
        out->kind = Operand::Condition;
        if (!ParseOr(&out->cond, depth + 1))
            return false;
        if (Peek().kind != T::RParen)
            return Fail("expected ')'");
        pos_++;
        return true; // parentheses are put back where precedence needs them
    }
    if (t.kind == T::Ref)
    {
        out->kind = Operand::Ref;
        out->name = t.text;
        pos_++;
        return true;
    }
    if (t.kind == T::LBracket)
    {
        pos_++;
        out->kind = Operand::List;
        while (Peek().kind != T::RBracket)
        {
            Lit lit;
            if (!ParseLiteral(&lit))
                return false;
            out->list.push_back(lit);
            if (Peek().kind == T::Comma)
                pos_++;
            else if (Peek().kind != T::RBracket)
                return Fail("expected ',' or ']'");
        }
        pos_++;
        return true;
    }
    if (t.kind == T::Word && pos_ + 1 < toks_.size() && toks_[pos_ + 1].kind == T::LParen)
        return Fail("function " + t.text + "() has no Manyi equivalent");
    if (t.kind == T::Str || t.kind == T::Num || (t.kind == T::Word && (t.text == "true" || t.text == "false")))
    {
        out->kind = Operand::Literal;
        return ParseLiteral(&out->lit);
    }
    if (t.kind == T::End)
        return Fail("unexpected end");
    return Fail("unexpected '" + t.text + "'");
}

bool ExprConverter::ParseComparison(Cond* out, int depth)
{
    Operand left;
    if (!ParseOperand(&left, depth))
        return false;
    static const std::pair<const char*, const char*> kOps[] = {
        { "=", "=" }, { "==", "=" }, { "equal", "=" }, { "!=", "!=" }, { "<>", "!=" }, { "notequal", "!=" },
        { "<", "<" }, { "less", "<" }, { "<=", "<=" }, { "lessorequal", "<=" }, { ">", ">" }, { "greater", ">" },
        { ">=", ">=" }, { "greaterorequal", ">=" }, { "anyof", "anyof" }, { "allof", "allof" }, { "noneof", "noneof" },
        { "contains", "contains" }, { "*=", "contains" }, { "notcontains", "notcontains" }, { "empty", "empty" },
        { "notempty", "notempty" },
    };
    const Token& t = Peek();
    std::string op;
    if (t.kind == T::Op || t.kind == T::Word)
        for (const auto& [word, norm] : kOps)
            if (t.text == word)
                op = norm;
    if (op.empty())
        return AsCondition(left, out);
    pos_++;
    Operand right;
    if (op == "empty" || op == "notempty")
    {
        if (left.kind != Operand::Ref)
            return Fail(op + " applies to a question");
        Resolved r;
        if (!Resolve(left.name, &r))
            return false;
        out->text = std::string(op == "empty" ? "empty(" : "answered(") + r.ref + ")";
        out->prec = 3;
        return true;
    }
    if (!ParseOperand(&right, depth))
        return false;
    return Compare(left, op, right, out);
}

bool ExprConverter::AsCondition(const Operand& o, Cond* out)
{
    switch (o.kind)
    {
    case Operand::Condition: *out = o.cond; return true;
    case Operand::Ref:
    {
        Resolved r;
        if (!Resolve(o.name, &r))
            return false;
        out->prec = 3;
        out->text = r.q->kind == Kind::Boolean && r.row_key.empty() ? r.ref + " = 'yes'" : "answered(" + r.ref + ")";
        return true;
    }
    case Operand::Literal:
        if (o.lit.kind == Lit::Bool)
        {
            out->text = o.lit.b ? "true" : "false";
            out->prec = 3;
            return true;
        }
        return Fail("a value " + o.lit.Show() + " is not a condition");
    case Operand::List: break;
    }
    return Fail("a list is not a condition");
}

bool ExprConverter::Resolve(const std::string& name, Resolved* r)
{
    if (const QuestionInfo* q = conv_->FindQuestion(name))
    {
        r->q = q;
        r->ref = "{" + q->id + "}";
        return true;
    }
    // {matrix.row}: a row of a matrix question.
    for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1))
    {
        const QuestionInfo* q = conv_->FindQuestion(name.substr(0, dot));
        if (!q || q->kind != Kind::Matrix)
            continue;
        const std::string row = name.substr(dot + 1);
        for (const auto& [key, id] : q->rows)
            if (key == row || Lower(key) == Lower(row))
            {
                r->q = q;
                r->row_key = key;
                r->row_id = id;
                r->ref = "{" + q->id + "/" + id + "}";
                return true;
            }
        return Fail("{" + name + "}: matrix " + Q(q->name) + " has no row " + Q(row));
    }
    if (conv_->WasSkipped(name))
        return Fail("{" + name + "} is a question that was skipped");
    return Fail("{" + name + "} is not a question of this survey");
}

// The literal as our value for question `r`: a quoted string or a number. For scales, *scale_number
// is the SurveyJS number (for threshold mapping) and *is_number says the result is numeric.
bool ExprConverter::MapLiteral(const Resolved& r, const Lit& lit, std::string* out, double* scale_number, bool* is_number)
{
    *is_number = false;
    on_scale_ = true;
    const QuestionInfo& q = *r.q;
    if (q.kind == Kind::Matrix && r.row_key.empty())
        return Fail("{" + q.name + "} is a whole matrix; only its rows {" + q.name + ".row} can be compared");
    switch (q.kind)
    {
    case Kind::Single:
    case Kind::Multiple:
        for (const auto& [key, value] : q.values)
            if (key == lit.Key())
            {
                *out = StringLiteral(value);
                return true;
            }
        return Fail(lit.Show() + " is not one of the choices of {" + q.name + "}");
    case Kind::Boolean:
        if ((lit.kind == Lit::Bool && lit.b) || lit.Key() == q.true_key)
            *out = "'yes'";
        else if ((lit.kind == Lit::Bool && !lit.b) || lit.Key() == q.false_key)
            *out = "'no'";
        else
            return Fail(lit.Show() + " is not a value of the boolean {" + q.name + "}");
        return true;
    case Kind::Rating:
    case Kind::Matrix:
    {
        const Scale& s = q.scale;
        double n = 0;
        const bool numeric = lit.kind == Lit::Num ? (n = lit.n, true) : lit.kind == Lit::Str && ParseNumberText(lit.s, &n);
        *scale_number = n;
        *is_number = true;
        for (size_t i = 0; i < s.keys.size(); i++)
            if (s.keys[i] == lit.Key() || (numeric && s.numeric && s.numbers[i] == n))
            {
                *out = s.remapped ? std::to_string(i + 1) : FormatNumber(s.numbers[i]);
                return true;
            }
        if (!numeric)
            return Fail(lit.Show() + " is not a value of {" + q.name + (r.row_key.empty() ? "" : "." + r.row_key) + "}");
        on_scale_ = false;
        *out = FormatNumber(n); // not on the scale: fine for <, >; = never holds
        return true;
    }
    case Kind::Text:
    case Kind::TextNumber:
        *out = StringLiteral(lit.Key());
        return true;
    }
    return false;
}

bool ExprConverter::Compare(const Operand& left_in, const std::string& op_in, const Operand& right_in, Cond* out)
{
    Operand left = left_in, right = right_in;
    std::string op = op_in;
    if (left.kind != Operand::Ref && right.kind == Operand::Ref && (op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">="))
    {
        std::swap(left, right);
        if (op == "<") op = ">";
        else if (op == ">") op = "<";
        else if (op == "<=") op = ">=";
        else if (op == ">=") op = "<=";
    }
    if (left.kind != Operand::Ref)
        return Fail("a comparison needs a question on one side");
    Resolved r;
    if (!Resolve(left.name, &r))
        return false;
    const QuestionInfo& q = *r.q;
    const std::string shown = "{" + left.name + "}";
    out->prec = 3;
    if (right.kind == Operand::Ref)
    {
        if (op == "anyof" || op == "allof" || op == "noneof" || op == "contains" || op == "notcontains")
            return Fail(op + " with a question on both sides has no Manyi equivalent");
        return Fail("comparing two questions (" + shown + " and {" + right.name + "}) is not converted");
    }
    if (right.kind == Operand::Condition)
        return Fail("cannot compare " + shown + " with a condition");

    auto one = [&](const Lit& lit, std::string* value, double* number, bool* is_number) { return MapLiteral(r, lit, value, number, is_number); };

    if (op == "anyof" || op == "noneof" || op == "allof")
    {
        std::vector<Lit> lits = right.kind == Operand::List ? right.list : std::vector<Lit>{ right.lit };
        if (lits.empty())
            return Fail(op + " with an empty list");
        std::vector<std::string> values;
        for (const Lit& lit : lits)
        {
            std::string v;
            double n;
            bool num;
            if (!one(lit, &v, &n, &num))
                return false;
            values.push_back(v);
        }
        if (op == "allof")
        {
            if (q.kind != Kind::Multiple && values.size() > 1)
                return Fail("allof on " + shown + ", which has one answer");
            std::string text;
            for (const std::string& v : values)
                text += (text.empty() ? "" : " and ") + (q.kind == Kind::Multiple ? v + " in " + r.ref : r.ref + " = " + v);
            out->text = text;
            out->prec = values.size() > 1 ? 1 : 3;
            return true;
        }
        std::string list;
        for (const std::string& v : values)
            list += (list.empty() ? "" : ", ") + v;
        const std::string in = r.ref + " in (" + list + ")";
        out->text = op == "anyof" ? in : "not (" + in + ")";
        out->prec = op == "anyof" ? 3 : 2;
        return true;
    }
    if (right.kind == Operand::List)
        return Fail(op + " with a list has no Manyi equivalent");
    const Lit& lit = right.lit;

    if (op == "contains" || op == "notcontains")
    {
        if (q.kind != Kind::Multiple)
            return Fail(op + " on " + shown + " (not a multiple choice) has no Manyi equivalent");
        std::string v;
        double n;
        bool num;
        if (!one(lit, &v, &n, &num))
            return false;
        out->text = op == "contains" ? v + " in " + r.ref : "not (" + v + " in " + r.ref + ")";
        out->prec = op == "contains" ? 3 : 2;
        return true;
    }

    if (q.kind == Kind::Multiple)
        return Fail(op + " on the multiple choice " + shown + " is not converted (use anyof / allof / contains)");
    if (op == "=" || op == "!=")
    {
        std::string v;
        double n;
        bool num;
        if (!one(lit, &v, &n, &num))
            return false;
        if ((q.kind == Kind::Rating || q.kind == Kind::Matrix) && q.scale.remapped && !on_scale_)
            return Fail(lit.Show() + " is not a value of " + shown);
        const std::string eq = r.ref + " = " + v;
        // SurveyJS's != holds for an unanswered question; ours does not: "not (x = v)" does.
        out->text = op == "=" ? eq : "not (" + eq + ")";
        out->prec = op == "=" ? 3 : 2;
        return true;
    }
    // < <= > >=
    if (q.kind == Kind::Text || q.kind == Kind::TextNumber)
        return Fail(shown + " is a text answer, which Manyi compares as text, so " + op + " is not converted");
    if (q.kind == Kind::Single || q.kind == Kind::Boolean)
        return Fail(shown + " is a choice, so " + op + " is not converted");
    std::string v;
    double n = 0;
    bool num = false;
    if (!one(lit, &v, &n, &num))
        return false;
    const Scale& s = q.scale;
    if (!s.remapped)
    {
        out->text = r.ref + " " + op + " " + v;
        return true;
    }
    if (!s.ascending || !(lit.kind == Lit::Num || num))
        return Fail(shown + "'s values are stored as 1..n and are not numbers counting up, so " + op + " is not converted");
    // Values v1 < v2 < ... stored as 1, 2, ...: translate the threshold into a position.
    int below = 0, at_or_below = 0;
    for (double x : s.numbers)
    {
        below += x < n;
        at_or_below += x <= n;
    }
    if (op == ">") out->text = r.ref + " > " + std::to_string(at_or_below);
    else if (op == ">=") out->text = r.ref + " > " + std::to_string(below);
    else if (op == "<") out->text = r.ref + " <= " + std::to_string(below);
    else out->text = r.ref + " <= " + std::to_string(at_or_below);
    return true;
}

} // namespace

std::string FormatSurveyJsNote(const SurveyJsNote& note) { return (note.path.empty() ? "(root)" : note.path) + ": " + note.message; }

SurveyJsConvertResult ConvertSurveyJs(std::string_view surveyjs_json, const SurveyJsConvertOptions& options)
{
    SurveyJsConvertResult result;
    if (surveyjs_json.size() > kMaxInputBytes)
    {
        result.error = "the file is larger than " + std::to_string(kMaxInputBytes / (1024 * 1024)) + " MB";
        return result;
    }
    if (JsonNestingDepth(surveyjs_json, kMaxInputDepth) > kMaxInputDepth)
    {
        result.error = "arrays/objects nested deeper than " + std::to_string(kMaxInputDepth) + " levels";
        return result;
    }
    Json root;
    if (!ParseJsonText(surveyjs_json, &root, &result.error))
        return result;
    if (!root.is_object())
    {
        result.error = "a SurveyJS survey is a JSON object, not " + std::string(root.type_name());
        return result;
    }
    SurveyJsConvertOptions opts = options;
    if (!opts.locale.empty())
    {
        const std::string tag = NormalizeLocale(opts.locale);
        if (tag.empty())
        {
            result.error = "--locale " + Q(opts.locale) + " is not a language tag like \"en\" or \"zh-CN\"";
            return result;
        }
        opts.locale = tag;
    }
    if (!opts.id.empty() && !IsValidId(opts.id))
    {
        result.error = "--id " + Q(opts.id) + " must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit";
        return result;
    }
    result.readable = true;
    Converter conv(root, opts);
    Json out;
    conv.Run(&out);
    std::stable_sort(conv.notes.begin(), conv.notes.end(), [](const OrderedNote& a, const OrderedNote& b) { return a.slot < b.slot; });
    for (OrderedNote& n : conv.notes)
        result.notes.push_back(std::move(n.note));
    result.survey_json = out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    return result;
}

} // namespace manyi
