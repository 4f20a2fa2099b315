#include "core/survey.h"

#include <algorithm>
#include <iterator>

#include "core/survey_builtin.h"
#include "core/survey_session.h"

namespace manyi {

LocalizedText ZhEn(const char* zh, const char* en)
{
    LocalizedText text;
    text.by_locale = { { "zh-CN", zh }, { "en", en } };
    return text;
}

// The satisfaction grades of the seed documents (seeds 000, 001), worst first.
struct PresetLabel { const char* zh; const char* en; };

static const PresetLabel kSatisfaction7[] = {
    { "很不满意", "very dissatisfied" },
    { "不满意",   "dissatisfied" },
    { "不太满意", "somewhat dissatisfied" },
    { "一般",     "neutral" },
    { "较满意",   "somewhat satisfied" },
    { "满意",     "satisfied" },
    { "很满意",   "very satisfied" },
};

static const PresetLabel kSatisfaction5[] = {
    { "很不满意", "very dissatisfied" },
    { "不满意",   "dissatisfied" },
    { "一般",     "neutral" },
    { "满意",     "satisfied" },
    { "很满意",   "very satisfied" },
};

static const PresetLabel kCesLabels[] = {
    { "非常不同意", "strongly disagree" },
    { "不同意",     "disagree" },
    { "有点不同意", "somewhat disagree" },
    { "一般",       "neutral" },
    { "有点同意",   "somewhat agree" },
    { "同意",       "agree" },
    { "非常同意",   "strongly agree" },
};

bool RatingPresetLabels(std::string_view preset, std::vector<LocalizedText>* labels)
{
    const PresetLabel* table = nullptr;
    size_t count = 0;
    if (preset == "satisfaction7") { table = kSatisfaction7; count = std::size(kSatisfaction7); }
    else if (preset == "satisfaction5") { table = kSatisfaction5; count = std::size(kSatisfaction5); }
    else if (preset == "ces7") { table = kCesLabels; count = std::size(kCesLabels); }
    else return false;
    labels->clear();
    for (size_t i = 0; i < count; i++)
        labels->push_back(ZhEn(table[i].zh, table[i].en));
    return true;
}

std::vector<Choice> KanoAnswers()
{
    return {
        { "like", ZhEn("我很喜欢", "I like it") },
        { "must-be", ZhEn("理应如此", "It must be that way") },
        { "neutral", ZhEn("无所谓", "I am neutral") },
        { "live-with", ZhEn("能忍受", "I can live with it") },
        { "dislike", ZhEn("我不喜欢", "I dislike it") },
    };
}

const char* KanoCategory(std::string_view functional, std::string_view dysfunctional)
{
    static const char* kAnswers[] = { "like", "must-be", "neutral", "live-with", "dislike" };
    int f = -1, d = -1;
    for (int i = 0; i < 5; i++)
    {
        if (functional == kAnswers[i]) f = i;
        if (dysfunctional == kAnswers[i]) d = i;
    }
    if (f < 0 || d < 0)
        return "";
    // The standard Kano evaluation table: rows functional, columns dysfunctional.
    static const char kTable[5][6] = { "QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ" };
    switch (kTable[f][d])
    {
    case 'A': return "attractive";
    case 'O': return "one-dimensional";
    case 'M': return "must-be";
    case 'I': return "indifferent";
    case 'R': return "reverse";
    default: return "questionable";
    }
}

const char* QuestionTypeName(QuestionType t)
{
    switch (t)
    {
    case QuestionType::Rating: return "rating";
    case QuestionType::Text: return "text";
    case QuestionType::Nps: return "nps";
    case QuestionType::Ces: return "ces";
    case QuestionType::Single: return "single";
    case QuestionType::Multiple: return "multiple";
    case QuestionType::Contact: return "contact";
    case QuestionType::Consent: return "consent";
    case QuestionType::Matrix: return "matrix";
    case QuestionType::Servqual: return "servqual";
    case QuestionType::Kano: return "kano";
    }
    return "";
}

const char* ServqualDimensionName(ServqualDimension d)
{
    switch (d)
    {
    case ServqualDimension::Reliability: return "reliability";
    case ServqualDimension::Responsiveness: return "responsiveness";
    case ServqualDimension::Assurance: return "assurance";
    case ServqualDimension::Empathy: return "empathy";
    case ServqualDimension::Tangibles: return "tangibles";
    }
    return "";
}

LocalizedText ServqualDimensionLabel(ServqualDimension d)
{
    switch (d)
    {
    case ServqualDimension::Reliability: return ZhEn("可靠性", "reliability");
    case ServqualDimension::Responsiveness: return ZhEn("回应性", "responsiveness");
    case ServqualDimension::Assurance: return ZhEn("确实性", "assurance");
    case ServqualDimension::Empathy: return ZhEn("关怀性", "empathy");
    case ServqualDimension::Tangibles: return ZhEn("有形性", "tangibles");
    }
    return {};
}

const char* ContactFieldName(ContactField f)
{
    switch (f)
    {
    case ContactField::Name: return "name";
    case ContactField::Phone: return "phone";
    case ContactField::Email: return "email";
    }
    return "";
}

static void AddStrings(const LocalizedText& text, std::vector<std::string>* out)
{
    for (const auto& entry : text.by_locale)
        if (!entry.second.empty() && std::find(out->begin(), out->end(), entry.second) == out->end())
            out->push_back(entry.second);
}

static void AddString(const std::string& s, std::vector<std::string>* out)
{
    if (!s.empty() && std::find(out->begin(), out->end(), s) == out->end())
        out->push_back(s);
}

std::vector<std::string> SurveyStrings(const Survey& survey)
{
    std::vector<std::string> out;
    AddStrings(survey.title, &out);
    AddStrings(survey.intro, &out);
    for (const Page& page : survey.pages)
    {
        AddStrings(page.title, &out);
        AddStrings(page.intro, &out);
        for (int qi : page.questions)
        {
            const Question& q = survey.questions[qi];
            AddStrings(q.title, &out);
            AddStrings(q.help, &out);
            for (const LocalizedText& label : q.point_labels)
                AddStrings(label, &out);
            AddStrings(q.low_label, &out);
            AddStrings(q.high_label, &out);
            AddStrings(q.placeholder, &out);
            for (const Choice& c : q.options)
                AddStrings(c.label, &out);
            for (const SubItem& item : q.items)
            {
                AddStrings(item.label, &out);
                AddStrings(item.functional, &out);
                AddStrings(item.dysfunctional, &out);
                if (q.type == QuestionType::Servqual)
                    AddStrings(ServqualDimensionLabel(item.dimension), &out);
            }
            AddStrings(q.expectation_label, &out);
            AddStrings(q.perception_label, &out);
            for (const ContactFieldSpec& f : q.contact_fields)
                AddStrings(f.label, &out);
            AddStrings(q.consent_text, &out);
            AddStrings(q.link_text, &out);
        }
    }
    AddStrings(survey.thanks, &out);
    AddStrings(survey.next_steps, &out);
    if (survey.complaint.enabled)
    {
        AddStrings(survey.complaint.entry_label, &out);
        AddStrings(survey.complaint.thanks, &out);
        AddStrings(survey.complaint.next_steps, &out);
        for (const std::string& locale : survey.locales)
            AddString(ComplaintPromise(survey, locale), &out);
    }
    for (const std::string& locale : survey.locales)
        for (const std::string& s : ValidationMessageTemplates(locale))
            AddString(s, &out);
    return out;
}

int FindQuestionIndex(const Survey& survey, std::string_view question_id)
{
    for (size_t i = 0; i < survey.questions.size(); i++)
        if (survey.questions[i].id == question_id)
            return (int)i;
    return -1;
}

const Question* FindQuestion(const Survey& survey, std::string_view question_id)
{
    const int i = FindQuestionIndex(survey, question_id);
    return i >= 0 ? &survey.questions[i] : nullptr;
}

std::string ComplaintPromise(const Survey& survey, std::string_view locale)
{
    std::string text = survey.complaint.promise.Get(locale);
    const std::string hours = std::to_string(survey.complaint.response_window_hours);
    for (size_t at = text.find("{hours}"); at != std::string::npos; at = text.find("{hours}", at + hours.size()))
        text.replace(at, 7, hours);
    return text;
}

bool ComplaintEntryAvailable(const Survey& survey) { return survey.complaint.enabled && survey.complaint.entry; }

} // namespace manyi
