// libFuzzer target: ParseSurvey on arbitrary bytes, then, for a survey that parses, a session
// driven by the input's bytes (answers, Next, Back) and the response built and read back.
// Build and run: see tests/fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/survey_session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    manyi::SurveyParseResult r = manyi::ParseSurvey(text);
    (void)manyi::SurveyStrings(r.survey);
    if (!r.ok())
        return 0;
    const manyi::Survey& s = r.survey;
    manyi::Session ss = manyi::StartSession(s, size % 2 ? "en" : "zh-CN", 0);
    for (size_t i = 0; i < size && i < 64 && !ss.finished; i++)
    {
        const uint8_t b = data[i];
        const int qi = s.questions.empty() ? 0 : b % (int)s.questions.size();
        if (!s.questions.empty())
        {
            const manyi::Question& q = s.questions[qi];
            manyi::AnswerValue& v = ss.answers[qi];
            switch (q.type)
            {
            case manyi::QuestionType::Text: v = manyi::AnswerValue::MakeText(std::string(b % 7, '1')); break;
            case manyi::QuestionType::Single: if (!q.options.empty()) v = manyi::AnswerValue::MakeChoice(q.options[b % q.options.size()].value); break;
            case manyi::QuestionType::Multiple: if (!q.options.empty()) manyi::ToggleChoice(q, &v, q.options[b % q.options.size()].value); break;
            case manyi::QuestionType::Consent: v = manyi::AnswerValue::MakeBool(b & 1); break;
            case manyi::QuestionType::Contact: manyi::SetField(&v, "phone", "13812345678"); break;
            case manyi::QuestionType::Matrix: if (!q.items.empty()) manyi::SetRow(&v, q.items[b % q.items.size()].id, q.first_value + b % (q.points ? q.points : 1)); break;
            case manyi::QuestionType::Servqual: if (!q.items.empty()) manyi::SetGap(&v, q.items[b % q.items.size()].id, b & 1, 1 + b % 7); break;
            case manyi::QuestionType::Kano: if (!q.items.empty()) manyi::SetKano(&v, q.items[b % q.items.size()].id, b & 1, "like"); break;
            default: v = manyi::AnswerValue::MakeNumber(q.first_value + b % (q.points ? q.points : 1)); break;
            }
        }
        if (b & 0x80) manyi::Back(s, &ss);
        else if (b & 0x40) manyi::Next(s, &ss);
        (void)manyi::GetProgress(s, ss);
        (void)manyi::VisibleQuestions(s, ss);
    }
    manyi::ResponseContext ctx;
    ctx.id = "0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e";
    const manyi::Response resp = manyi::BuildResponse(s, ss, ctx);
    const std::string json = manyi::ResponseToJson(resp);
    manyi::Response back;
    std::string error;
    if (!manyi::ResponseFromJson(json, &back, &error) || manyi::ResponseToJson(back) != json)
        __builtin_trap(); // a payload we write must read back identically
    return 0;
}
