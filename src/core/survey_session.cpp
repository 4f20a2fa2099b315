#include "core/survey_session.h"

#include <algorithm>
#include <cstdio>

#include "core/utf8.h"

namespace manyi {

// ---- visibility -------------------------------------------------------------------------------

namespace {

struct Visibility
{
    std::vector<bool> page;     // per Survey::pages
    std::vector<bool> question; // per Survey::questions (false if its page is hidden)
};

ExprValue ValueOf(const Question& q, const AnswerValue& v, std::string_view sub)
{
    if (!AnswerIsGiven(v))
        return ExprValue{};
    if (!sub.empty())
    {
        if (v.kind == AnswerValue::Rows)
            for (const RowAnswer& r : v.rows)
                if (r.row == sub)
                    return ExprValue::MakeNumber(r.value);
        if (v.kind == AnswerValue::Fields)
            for (const FieldAnswer& f : v.fields)
                if (f.field == sub && !f.text.empty())
                    return ExprValue::MakeString(f.text);
        return ExprValue{};
    }
    (void)q;
    switch (v.kind)
    {
    case AnswerValue::Number: return ExprValue::MakeNumber(v.number);
    case AnswerValue::Text:
    case AnswerValue::Choice: return ExprValue::MakeString(v.text);
    case AnswerValue::Bool: return ExprValue::MakeBool(v.flag);
    case AnswerValue::Choices:
    {
        ExprValue e;
        e.kind = ExprValue::List;
        e.list = v.choices;
        return e;
    }
    default:
    {
        ExprValue e;
        e.kind = ExprValue::Other;
        return e;
    }
    }
}

ExprLookup MakeLookup(const Survey& survey, const Session& session, const std::vector<bool>& visible)
{
    return [&survey, &session, &visible](std::string_view id, std::string_view sub) -> ExprValue {
        const int qi = FindQuestionIndex(survey, id);
        if (qi < 0 || qi >= (int)visible.size() || !visible[qi] || qi >= (int)session.answers.size())
            return ExprValue{};
        return ValueOf(survey.questions[qi], session.answers[qi], sub);
    };
}

// One pass in question order: logic refers only to earlier questions, so their visibility is known.
Visibility ComputeVisibility(const Survey& survey, const Session& session)
{
    Visibility vis;
    vis.page.assign(survey.pages.size(), false);
    vis.question.assign(survey.questions.size(), false);
    const ExprLookup lookup = MakeLookup(survey, session, vis.question);
    for (size_t pi = 0; pi < survey.pages.size(); pi++)
    {
        const Page& page = survey.pages[pi];
        vis.page[pi] = EvaluateCondition(page.visible_if, lookup);
        if (!vis.page[pi])
            continue;
        for (int qi : page.questions)
            vis.question[qi] = EvaluateCondition(survey.questions[qi].visible_if, lookup);
    }
    return vis;
}

bool TriggerMet(const Survey& survey, const Session& session, const Visibility& vis)
{
    const ComplaintConfig& c = survey.complaint;
    if (!c.enabled || c.trigger_question.empty())
        return false;
    const int qi = FindQuestionIndex(survey, c.trigger_question);
    if (qi < 0 || !vis.question[qi] || qi >= (int)session.answers.size())
        return false;
    const AnswerValue& v = session.answers[qi];
    return v.kind == AnswerValue::Number && v.number <= c.trigger_at_or_below;
}

struct Route
{
    std::vector<int> pages;
    ComplaintOrigin  complaint = ComplaintOrigin::None;
};

Route ComputeRoute(const Survey& survey, const Session& session, const Visibility& vis)
{
    Route route;
    if (session.complaint_only)
    {
        route.complaint = ComplaintOrigin::Entry;
    }
    else
    {
        const ExprLookup lookup = MakeLookup(survey, session, vis.question);
        bool ended = false;
        for (size_t pi = 0; pi < survey.pages.size() && !ended; pi++)
        {
            if (survey.pages[pi].complaint || !vis.page[pi])
                continue;
            route.pages.push_back((int)pi);
            for (const EndRule& rule : survey.end_rules)
            {
                if (rule.after_page > (int)pi || !EvaluateCondition(rule.condition, lookup))
                    continue;
                ended = true;
                if (rule.action == EndAction::Complaint && survey.complaint.enabled)
                    route.complaint = ComplaintOrigin::Rule;
                break;
            }
        }
        if (route.complaint == ComplaintOrigin::None && TriggerMet(survey, session, vis))
            route.complaint = ComplaintOrigin::Trigger;
    }
    if (route.complaint != ComplaintOrigin::None)
        for (int pi : survey.complaint.pages)
            if (vis.page[pi])
                route.pages.push_back(pi);
    return route;
}

// ---- validation messages ------------------------------------------------------------------------

struct Messages
{
    const char* required;
    const char* required_consent;
    const char* required_field;   // {field}
    const char* too_long;         // {max} {count}
    const char* not_a_number;
    const char* range;            // {min} {max}
    const char* at_least;         // {min}
    const char* at_most;          // {max}
    const char* phone;
    const char* email;
    const char* too_few;          // {min}
    const char* too_many;         // {max}
    const char* incomplete;
};

const Messages kZh = {
    "此题为必答题",
    "请勾选后继续",
    "请填写{field}",
    "最多 {max} 个字（现在 {count} 个）",
    "请输入数字",
    "请输入 {min} 到 {max} 之间的数字",
    "请输入不小于 {min} 的数字",
    "请输入不大于 {max} 的数字",
    "请输入有效的电话号码，如 13812345678 或 +85223456789",
    "请输入有效的电子邮箱地址，如 name@example.com",
    "请至少选择 {min} 项",
    "最多选择 {max} 项",
    "请回答每一项",
};

const Messages kEn = {
    "This question is required.",
    "Please tick the box to continue.",
    "Please enter your {field}.",
    "At most {max} characters (now {count}).",
    "Please enter a number.",
    "Please enter a number from {min} to {max}.",
    "Please enter a number of at least {min}.",
    "Please enter a number of at most {max}.",
    "Please enter a valid phone number, e.g. 13812345678 or +85223456789.",
    "Please enter a valid email address, e.g. name@example.com.",
    "Please choose at least {min}.",
    "Please choose at most {max}.",
    "Please answer every row.",
};

const Messages& MessagesFor(std::string_view locale) { return LocaleLanguage(locale) == "zh" ? kZh : kEn; }

std::string Fill(std::string text, std::string_view key, const std::string& value)
{
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
        text.replace(at, key.size(), value);
    return text;
}

std::string FormatNumber(double d)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", d);
    return buf;
}

std::string Trimmed(std::string_view s)
{
    // ASCII whitespace and the ideographic space U+3000 (E3 80 80).
    auto space_at = [&](size_t i, size_t* len) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') { *len = 1; return true; }
        if (i + 3 <= s.size() && s.substr(i, 3) == "\xE3\x80\x80") { *len = 3; return true; }
        return false;
    };
    size_t b = 0, len = 0;
    while (b < s.size() && space_at(b, &len)) b += len;
    size_t e = s.size();
    while (e > b)
    {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r') { e--; continue; }
        if (e >= b + 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") { e -= 3; continue; }
        break;
    }
    return std::string(s.substr(b, e - b));
}

void AddError(std::vector<QuestionError>* out, const Question& q, int qi, std::string field, ValidationCode code, std::string message)
{
    out->push_back({ qi, q.id, std::move(field), code, std::move(message) });
}

// Shape of a text in `input` form; false with the error added.
void CheckShape(std::vector<QuestionError>* out, const Question& q, int qi, const std::string& field, TextInput input,
                const std::string& text, const Messages& m)
{
    if (input == TextInput::Phone && !IsValidPhone(text))
        AddError(out, q, qi, field, ValidationCode::Phone, m.phone);
    else if (input == TextInput::Email && !IsValidEmail(text))
        AddError(out, q, qi, field, ValidationCode::Email, m.email);
}

} // namespace

// ---- shapes -------------------------------------------------------------------------------------

bool IsValidPhone(std::string_view s)
{
    std::string digits;
    bool plus = false;
    for (size_t i = 0; i < s.size(); i++)
    {
        const char c = s[i];
        if (c == ' ' || c == '-')
            continue;
        if (c == '+' && digits.empty() && !plus)
        {
            plus = true;
            continue;
        }
        if (c < '0' || c > '9')
            return false;
        digits += c;
    }
    if (plus)
        return digits.size() >= 8 && digits.size() <= 15 && digits[0] != '0';
    return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

bool IsValidEmail(std::string_view s)
{
    if (s.size() < 5 || s.size() > 254)
        return false;
    const size_t at = s.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || s.find('@', at + 1) != std::string_view::npos)
        return false;
    for (char c : s)
        if ((unsigned char)c <= 0x20 || c == '"' || c == '(' || c == ')' || c == ',' || c == ';' || c == ':' || c == '<' || c == '>' || c == '[' || c == ']' || c == '\\')
            return false;
    const std::string_view domain = s.substr(at + 1);
    const size_t dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size() || domain.find("..") != std::string_view::npos || domain.front() == '-' || domain.front() == '.')
        return false;
    return true;
}

bool ParseDecimal(std::string_view s, double* out)
{
    const std::string t = Trimmed(s);
    size_t i = 0;
    if (i < t.size() && (t[i] == '-' || t[i] == '+'))
        i++;
    const size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
        i++;
    size_t digits = i - start;
    if (i < t.size() && t[i] == '.')
    {
        i++;
        const size_t f = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9')
            i++;
        digits += i - f;
        if (i == f)
            return false;
    }
    if (digits == 0 || i != t.size() || t.size() > 40)
        return false;
    *out = strtod(t.c_str(), nullptr);
    return true;
}

std::vector<std::string> ValidationMessageTemplates(std::string_view locale)
{
    const Messages& m = MessagesFor(locale);
    return { m.required, m.required_consent, m.required_field, m.too_long, m.not_a_number, m.range, m.at_least, m.at_most,
             m.phone, m.email, m.too_few, m.too_many, m.incomplete };
}

// ---- the session --------------------------------------------------------------------------------

static int FirstPage(const Survey& survey, const Session& session)
{
    const Visibility vis = ComputeVisibility(survey, session);
    const Route route = ComputeRoute(survey, session, vis);
    return route.pages.empty() ? -1 : route.pages.front();
}

Session StartSession(const Survey& survey, std::string_view locale, int64_t now_ms)
{
    Session s;
    s.locale = std::string(locale);
    s.answers.assign(survey.questions.size(), AnswerValue{});
    s.started_at_ms = now_ms;
    const int first = FirstPage(survey, s);
    s.page = first < 0 ? 0 : first;
    s.finished = first < 0;
    return s;
}

Session StartComplaint(const Survey& survey, std::string_view locale, int64_t now_ms)
{
    Session s;
    s.locale = std::string(locale);
    s.answers.assign(survey.questions.size(), AnswerValue{});
    s.started_at_ms = now_ms;
    s.complaint_only = true;
    if (!ComplaintEntryAvailable(survey))
    {
        s.finished = true;
        return s;
    }
    const int first = FirstPage(survey, s);
    s.page = first < 0 ? 0 : first;
    s.finished = first < 0;
    return s;
}

void EnterComplaint(const Survey& survey, Session* session)
{
    Session s = StartComplaint(survey, session->locale, session->started_at_ms);
    *session = std::move(s);
}

bool IsQuestionVisible(const Survey& survey, const Session& session, int question)
{
    if (question < 0 || question >= (int)survey.questions.size())
        return false;
    return ComputeVisibility(survey, session).question[question];
}

static bool RequiredWith(const Survey& survey, const Session& session, const Visibility& vis, int question)
{
    const Question& q = survey.questions[question];
    if (q.required)
        return true;
    if (q.required_if.Empty())
        return false;
    return EvaluateCondition(q.required_if, MakeLookup(survey, session, vis.question));
}

bool IsQuestionRequired(const Survey& survey, const Session& session, int question)
{
    if (question < 0 || question >= (int)survey.questions.size())
        return false;
    const Visibility vis = ComputeVisibility(survey, session);
    return RequiredWith(survey, session, vis, question);
}

std::vector<int> VisibleQuestions(const Survey& survey, const Session& session)
{
    std::vector<int> out;
    if (session.page < 0 || session.page >= (int)survey.pages.size())
        return out;
    const Visibility vis = ComputeVisibility(survey, session);
    for (int qi : survey.pages[session.page].questions)
        if (vis.question[qi])
            out.push_back(qi);
    return out;
}

static std::vector<QuestionError> ValidateWith(const Survey& survey, const Session& session, const Visibility& vis, int qi)
{
    std::vector<QuestionError> out;
    if (qi < 0 || qi >= (int)survey.questions.size() || !vis.question[qi])
        return out;
    const Question& q = survey.questions[qi];
    static const AnswerValue kNone;
    const AnswerValue& v = qi < (int)session.answers.size() ? session.answers[qi] : kNone;
    const Messages& m = MessagesFor(session.locale);
    const bool required = RequiredWith(survey, session, vis, qi);
    switch (q.type)
    {
    case QuestionType::Rating:
    case QuestionType::Nps:
    case QuestionType::Ces:
        if (v.kind != AnswerValue::Number)
        {
            if (required) AddError(&out, q, qi, "", ValidationCode::Required, m.required);
        }
        else if (q.points > 0 && (v.number < q.first_value || v.number >= q.first_value + q.points))
            AddError(&out, q, qi, "", ValidationCode::OutOfRange,
                     Fill(Fill(m.range, "{min}", std::to_string(q.first_value)), "{max}", std::to_string(q.first_value + q.points - 1)));
        break;
    case QuestionType::Text:
    {
        const std::string text = v.kind == AnswerValue::Text ? Trimmed(v.text) : std::string();
        if (text.empty())
        {
            if (required) AddError(&out, q, qi, "", ValidationCode::Required, m.required);
            break;
        }
        const int count = Utf8Length(v.text);
        if (q.max_length > 0 && count > q.max_length)
        {
            AddError(&out, q, qi, "", ValidationCode::TooLong,
                     Fill(Fill(m.too_long, "{max}", std::to_string(q.max_length)), "{count}", std::to_string(count)));
            break;
        }
        if (q.input == TextInput::Number)
        {
            double d = 0;
            if (!ParseDecimal(text, &d))
                AddError(&out, q, qi, "", ValidationCode::NotANumber, m.not_a_number);
            else if ((q.has_min && d < q.min) || (q.has_max && d > q.max))
            {
                std::string msg = q.has_min && q.has_max ? m.range : q.has_min ? m.at_least : m.at_most;
                AddError(&out, q, qi, "", ValidationCode::OutOfRange, Fill(Fill(msg, "{min}", FormatNumber(q.min)), "{max}", FormatNumber(q.max)));
            }
        }
        else
            CheckShape(&out, q, qi, "", q.input, text, m);
        break;
    }
    case QuestionType::Single:
        if (required && !(v.kind == AnswerValue::Choice && !v.text.empty()))
            AddError(&out, q, qi, "", ValidationCode::Required, m.required);
        break;
    case QuestionType::Multiple:
    {
        const int n = v.kind == AnswerValue::Choices ? (int)v.choices.size() : 0;
        if (n == 0)
        {
            if (required) AddError(&out, q, qi, "", ValidationCode::Required, m.required);
        }
        else if (q.min_choices > 0 && n < q.min_choices)
            AddError(&out, q, qi, "", ValidationCode::TooFewChoices, Fill(m.too_few, "{min}", std::to_string(q.min_choices)));
        else if (q.max_choices > 0 && n > q.max_choices)
            AddError(&out, q, qi, "", ValidationCode::TooManyChoices, Fill(m.too_many, "{max}", std::to_string(q.max_choices)));
        break;
    }
    case QuestionType::Consent:
        if (required && !(v.kind == AnswerValue::Bool && v.flag))
            AddError(&out, q, qi, "", ValidationCode::Required, m.required_consent);
        break;
    case QuestionType::Contact:
    {
        bool any = false;
        for (const ContactFieldSpec& f : q.contact_fields)
        {
            const char* name = ContactFieldName(f.field);
            const std::string text = v.kind == AnswerValue::Fields ? Trimmed(FieldValue(v, name)) : std::string();
            if (text.empty())
            {
                if (f.required)
                    AddError(&out, q, qi, name, ValidationCode::Required, Fill(m.required_field, "{field}", f.label.Get(session.locale)));
                continue;
            }
            any = true;
            if (Utf8Length(text) > 200)
                AddError(&out, q, qi, name, ValidationCode::TooLong, Fill(Fill(m.too_long, "{max}", "200"), "{count}", std::to_string(Utf8Length(text))));
            else if (f.field != ContactField::Name)
                CheckShape(&out, q, qi, name, f.field == ContactField::Phone ? TextInput::Phone : TextInput::Email, text, m);
        }
        if (required && !any && out.empty())
            AddError(&out, q, qi, "", ValidationCode::Required, m.required);
        break;
    }
    case QuestionType::Matrix:
    case QuestionType::Servqual:
    case QuestionType::Kano:
    {
        if (!required)
            break;
        bool complete = true;
        for (const SubItem& item : q.items)
        {
            if (q.type == QuestionType::Matrix) complete = complete && RowValue(v, item.id).has_value();
            else if (q.type == QuestionType::Servqual) complete = complete && GapValue(v, item.id, true) && GapValue(v, item.id, false);
            else complete = complete && !KanoValue(v, item.id, true).empty() && !KanoValue(v, item.id, false).empty();
        }
        if (!complete)
            AddError(&out, q, qi, "", AnswerIsGiven(v) ? ValidationCode::Incomplete : ValidationCode::Required,
                     AnswerIsGiven(v) ? m.incomplete : m.required);
        break;
    }
    }
    return out;
}

std::vector<QuestionError> ValidateQuestion(const Survey& survey, const Session& session, int question)
{
    const Visibility vis = ComputeVisibility(survey, session);
    return ValidateWith(survey, session, vis, question);
}

std::vector<QuestionError> ValidatePage(const Survey& survey, const Session& session)
{
    std::vector<QuestionError> out;
    if (session.page < 0 || session.page >= (int)survey.pages.size())
        return out;
    const Visibility vis = ComputeVisibility(survey, session);
    for (int qi : survey.pages[session.page].questions)
    {
        std::vector<QuestionError> e = ValidateWith(survey, session, vis, qi);
        out.insert(out.end(), e.begin(), e.end());
    }
    return out;
}

const QuestionError* ErrorFor(const Session& session, int question, std::string_view field)
{
    for (const QuestionError& e : session.errors)
        if (e.question == question && (field.empty() || e.field == field))
            return &e;
    return nullptr;
}

std::vector<int> PagePath(const Survey& survey, const Session& session)
{
    const Visibility vis = ComputeVisibility(survey, session);
    return ComputeRoute(survey, session, vis).pages;
}

ComplaintOrigin ComplaintRoute(const Survey& survey, const Session& session)
{
    const Visibility vis = ComputeVisibility(survey, session);
    return ComputeRoute(survey, session, vis).complaint;
}

bool OnComplaintPage(const Survey& survey, const Session& session)
{
    return session.page >= 0 && session.page < (int)survey.pages.size() && survey.pages[session.page].complaint;
}

// Pages are numbered in flow order (survey pages, then the complaint form's), so "after the
// current page" is "a higher index".
static int NextOnPath(const std::vector<int>& path, int page)
{
    for (int p : path)
        if (p > page)
            return p;
    return -1;
}

NextResult Next(const Survey& survey, Session* session)
{
    if (session->finished)
        return NextResult::Finished;
    session->errors = ValidatePage(survey, *session);
    if (!session->errors.empty())
        return NextResult::Invalid;
    const int next = NextOnPath(PagePath(survey, *session), session->page);
    if (next < 0)
    {
        session->finished = true;
        return NextResult::Finished;
    }
    session->history.push_back(session->page);
    session->page = next;
    return NextResult::Moved;
}

bool Back(const Survey& survey, Session* session)
{
    (void)survey;
    if (session->history.empty())
        return false;
    session->page = session->history.back();
    session->history.pop_back();
    session->errors.clear();
    session->finished = false;
    return true;
}

bool CanGoBack(const Session& session) { return !session.history.empty(); }

bool IsLastPage(const Survey& survey, const Session& session)
{
    return NextOnPath(PagePath(survey, session), session.page) < 0;
}

Progress GetProgress(const Survey& survey, const Session& session)
{
    const std::vector<int> path = PagePath(survey, session);
    Progress p;
    int before = 0;
    bool on_path = false;
    for (int pi : path)
    {
        if (pi < session.page) before++;
        if (pi == session.page) on_path = true;
    }
    p.page_number = before + 1;
    p.page_count = (int)path.size() + (on_path ? 0 : 1);
    if (p.page_count < 1) p.page_count = 1;
    return p;
}

// ---- the response -------------------------------------------------------------------------------

static std::string PointLabel(const Question& q, int value, std::string_view locale)
{
    const int i = value - q.first_value;
    if (i >= 0 && i < (int)q.point_labels.size())
        return q.point_labels[i].Get(locale);
    return "";
}

static std::string OptionLabel(const Question& q, std::string_view value, std::string_view locale)
{
    for (const Choice& c : q.options)
        if (c.value == value)
            return c.label.Get(locale);
    return "";
}

// The answer as sent: only values the question knows, in the question's order, with labels.
static bool MakeAnswer(const Question& q, const AnswerValue& v, std::string_view locale, Answer* a)
{
    a->question_id = q.id;
    a->type = QuestionTypeName(q.type);
    switch (q.type)
    {
    case QuestionType::Rating:
    case QuestionType::Nps:
    case QuestionType::Ces:
        if (v.kind != AnswerValue::Number) return false;
        a->value = AnswerValue::MakeNumber(v.number);
        a->label = PointLabel(q, v.number, locale);
        return true;
    case QuestionType::Text:
        if (v.kind != AnswerValue::Text || v.text.empty()) return false;
        a->value = AnswerValue::MakeText(Utf8Sanitize(v.text));
        return true;
    case QuestionType::Single:
        if ((v.kind != AnswerValue::Choice && v.kind != AnswerValue::Text) || OptionLabel(q, v.text, locale).empty()) return false;
        a->value = AnswerValue::MakeChoice(v.text);
        a->label = OptionLabel(q, v.text, locale);
        return true;
    case QuestionType::Multiple:
    {
        if (v.kind != AnswerValue::Choices) return false;
        AnswerValue out = AnswerValue::MakeChoices({});
        for (const Choice& c : q.options)
            if (HasChoice(v, c.value))
            {
                out.choices.push_back(c.value);
                a->labels.push_back(c.label.Get(locale));
            }
        if (out.choices.empty()) return false;
        a->value = std::move(out);
        return true;
    }
    case QuestionType::Consent:
        if (v.kind != AnswerValue::Bool) return false;
        a->value = AnswerValue::MakeBool(v.flag);
        return true;
    case QuestionType::Matrix:
    {
        AnswerValue out;
        out.kind = AnswerValue::Rows;
        for (const SubItem& row : q.items)
            if (std::optional<int> n = RowValue(v, row.id))
            {
                out.rows.push_back({ row.id, *n });
                a->labels.push_back(PointLabel(q, *n, locale));
            }
        if (out.rows.empty()) return false;
        bool labelled = false;
        for (const std::string& l : a->labels) labelled = labelled || !l.empty();
        if (!labelled) a->labels.clear();
        a->value = std::move(out);
        return true;
    }
    case QuestionType::Servqual:
    {
        AnswerValue out;
        out.kind = AnswerValue::Gaps;
        for (const SubItem& item : q.items)
        {
            GapAnswer g{ item.id, GapValue(v, item.id, true), GapValue(v, item.id, false), ServqualDimensionName(item.dimension) };
            if (g.expectation || g.perception) out.gaps.push_back(std::move(g));
        }
        if (out.gaps.empty()) return false;
        a->value = std::move(out);
        return true;
    }
    case QuestionType::Kano:
    {
        AnswerValue out;
        out.kind = AnswerValue::Kano;
        for (const SubItem& f : q.items)
        {
            KanoAnswer k{ f.id, KanoValue(v, f.id, true), KanoValue(v, f.id, false) };
            if (!k.functional.empty() || !k.dysfunctional.empty()) out.kano.push_back(std::move(k));
        }
        if (out.kano.empty()) return false;
        a->value = std::move(out);
        return true;
    }
    case QuestionType::Contact:
    {
        AnswerValue out;
        out.kind = AnswerValue::Fields;
        for (const ContactFieldSpec& f : q.contact_fields)
        {
            const std::string text = Trimmed(FieldValue(v, ContactFieldName(f.field)));
            if (!text.empty()) out.fields.push_back({ ContactFieldName(f.field), Utf8Sanitize(text) });
        }
        if (out.fields.empty()) return false;
        a->value = std::move(out);
        a->personal_data = true;
        return true;
    }
    }
    return false;
}

Response BuildResponse(const Survey& survey, const Session& session, const ResponseContext& context)
{
    Response r;
    r.id = context.id;
    r.survey_id = survey.id;
    r.survey_version = survey.version;
    r.locale = session.locale;
    r.created_at_ms = context.now_ms;
    r.started_at_ms = session.started_at_ms;
    r.clock_offset_ms = context.clock_offset_ms;
    r.mode = context.mode;
    r.device_id = context.device_id;
    const Visibility vis = ComputeVisibility(survey, session);
    const Route route = ComputeRoute(survey, session, vis);
    for (int pi : route.pages)
        for (int qi : survey.pages[pi].questions)
        {
            if (!vis.question[qi] || qi >= (int)session.answers.size())
                continue;
            Answer a;
            if (MakeAnswer(survey.questions[qi], session.answers[qi], session.locale, &a))
                r.answers.push_back(std::move(a));
        }
    if (route.complaint != ComplaintOrigin::None)
    {
        ComplaintBlock block;
        block.reference = MakeReference(context.reference_random);
        block.origin = route.complaint == ComplaintOrigin::Trigger ? "trigger" : route.complaint == ComplaintOrigin::Rule ? "rule" : "entry";
        block.window_hours = survey.complaint.response_window_hours;
        block.due_at_ms = context.now_ms + (int64_t)block.window_hours * 3600000;
        r.complaint = std::move(block);
    }
    return r;
}

// ---- editing answers ----------------------------------------------------------------------------

void SetRow(AnswerValue* v, std::string_view row, int value)
{
    if (v->kind != AnswerValue::Rows) { *v = AnswerValue{}; v->kind = AnswerValue::Rows; }
    for (RowAnswer& r : v->rows)
        if (r.row == row) { r.value = value; return; }
    v->rows.push_back({ std::string(row), value });
}

void SetGap(AnswerValue* v, std::string_view item, bool expectation, int value)
{
    if (v->kind != AnswerValue::Gaps) { *v = AnswerValue{}; v->kind = AnswerValue::Gaps; }
    for (GapAnswer& g : v->gaps)
        if (g.item == item)
        {
            (expectation ? g.expectation : g.perception) = value;
            return;
        }
    GapAnswer g;
    g.item = std::string(item);
    (expectation ? g.expectation : g.perception) = value;
    v->gaps.push_back(std::move(g));
}

void SetKano(AnswerValue* v, std::string_view feature, bool functional, std::string_view answer)
{
    if (v->kind != AnswerValue::Kano) { *v = AnswerValue{}; v->kind = AnswerValue::Kano; }
    for (KanoAnswer& k : v->kano)
        if (k.feature == feature)
        {
            (functional ? k.functional : k.dysfunctional) = std::string(answer);
            return;
        }
    KanoAnswer k;
    k.feature = std::string(feature);
    (functional ? k.functional : k.dysfunctional) = std::string(answer);
    v->kano.push_back(std::move(k));
}

void SetField(AnswerValue* v, std::string_view field, std::string_view text)
{
    if (v->kind != AnswerValue::Fields) { *v = AnswerValue{}; v->kind = AnswerValue::Fields; }
    for (FieldAnswer& f : v->fields)
        if (f.field == field) { f.text = std::string(text); return; }
    v->fields.push_back({ std::string(field), std::string(text) });
}

void ToggleChoice(const Question& q, AnswerValue* v, std::string_view value)
{
    if (v->kind != AnswerValue::Choices) { *v = AnswerValue{}; v->kind = AnswerValue::Choices; }
    const bool had = HasChoice(*v, value);
    std::vector<std::string> out;
    for (const Choice& c : q.options)
        if (c.value == value ? !had : HasChoice(*v, c.value))
            out.push_back(c.value);
    v->choices = std::move(out);
}

std::optional<int> RowValue(const AnswerValue& v, std::string_view row)
{
    if (v.kind == AnswerValue::Rows)
        for (const RowAnswer& r : v.rows)
            if (r.row == row) return r.value;
    return std::nullopt;
}

std::optional<int> GapValue(const AnswerValue& v, std::string_view item, bool expectation)
{
    if (v.kind == AnswerValue::Gaps)
        for (const GapAnswer& g : v.gaps)
            if (g.item == item) return expectation ? g.expectation : g.perception;
    return std::nullopt;
}

std::string KanoValue(const AnswerValue& v, std::string_view feature, bool functional)
{
    if (v.kind == AnswerValue::Kano)
        for (const KanoAnswer& k : v.kano)
            if (k.feature == feature) return functional ? k.functional : k.dysfunctional;
    return "";
}

std::string FieldValue(const AnswerValue& v, std::string_view field)
{
    if (v.kind == AnswerValue::Fields)
        for (const FieldAnswer& f : v.fields)
            if (f.field == field) return f.text;
    return "";
}

bool HasChoice(const AnswerValue& v, std::string_view value)
{
    if (v.kind != AnswerValue::Choices)
        return false;
    return std::find(v.choices.begin(), v.choices.end(), value) != v.choices.end();
}

} // namespace manyi
