#include "core/survey.h"

#include <algorithm>
#include <iterator>

namespace manyi {

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

bool RatingPresetLabels(std::string_view preset, std::vector<LocalizedText>* labels)
{
    const PresetLabel* table = nullptr;
    size_t count = 0;
    if (preset == "satisfaction7") { table = kSatisfaction7; count = std::size(kSatisfaction7); }
    else if (preset == "satisfaction5") { table = kSatisfaction5; count = std::size(kSatisfaction5); }
    else return false;
    labels->clear();
    for (size_t i = 0; i < count; i++)
    {
        LocalizedText text;
        text.by_locale = { { "zh-CN", table[i].zh }, { "en", table[i].en } };
        labels->push_back(std::move(text));
    }
    return true;
}

static void AddStrings(const LocalizedText& text, std::vector<std::string>* out)
{
    for (const auto& entry : text.by_locale)
        if (!entry.second.empty() && std::find(out->begin(), out->end(), entry.second) == out->end())
            out->push_back(entry.second);
}

std::vector<std::string> SurveyStrings(const Survey& survey)
{
    std::vector<std::string> out;
    AddStrings(survey.title, &out);
    AddStrings(survey.intro, &out);
    for (const Question& q : survey.questions)
    {
        AddStrings(q.title, &out);
        AddStrings(q.help, &out);
        for (const LocalizedText& label : q.point_labels)
            AddStrings(label, &out);
        AddStrings(q.placeholder, &out);
    }
    AddStrings(survey.thanks, &out);
    AddStrings(survey.next_steps, &out);
    return out;
}

const Question* FindQuestion(const Survey& survey, std::string_view question_id)
{
    for (const Question& q : survey.questions)
        if (q.id == question_id)
            return &q;
    return nullptr;
}

} // namespace manyi
