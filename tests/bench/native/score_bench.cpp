// Native timing of ComputeScores (not run by tests): generates N random responses to a survey,
// stores them in a ":memory:" ResponseStore and times the insert and the scoring, from the score
// counters and from the raw rows alone (docs/decisions.md D16), side by side.
//   build/native/manyi_score_bench assets/surveys/all-types.json [N=100000] [--jsonl]
// With --jsonl it prints the generated payloads instead (one per line), for `manyi score`.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "core/response.h"
#include "core/response_store.h"
#include "core/scores.h"
#include "core/survey.h"

using namespace manyi;

static std::string ReadAll(const char* path)
{
    std::string text;
    FILE* f = fopen(path, "rb");
    if (!f) return text;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) text.append(buf, n);
    fclose(f);
    return text;
}

// A plausible answer to every question (skewed towards satisfied, some left out).
static Response Generate(const Survey& s, int i, std::mt19937& rng)
{
    auto pick = [&](int n) { return (int)(rng() % (uint32_t)n); };
    auto grade = [&](int first, int points) { return first + std::min(points - 1, pick(points) + pick(3)); };
    static const char* kKano[] = { "like", "must-be", "neutral", "live-with", "dislike" };
    Response r;
    char id[40];
    snprintf(id, sizeof(id), "%08x-0000-4000-8000-%012x", (unsigned)rng(), (unsigned)i);
    r.id = id;
    r.survey_id = s.id;
    r.survey_version = s.version;
    r.locale = s.default_locale;
    r.created_at_ms = 1764547200000LL + (int64_t)pick(30 * 86400) * 1000; // December 2025
    bool complained = pick(5) == 0;
    for (const Question& q : s.questions)
    {
        if (s.pages[q.page].complaint && !complained) continue;
        if (!q.required && pick(10) == 0) continue;
        Answer a;
        a.question_id = q.id;
        switch (q.type)
        {
        case QuestionType::Rating: a.value = AnswerValue::MakeNumber(grade(q.first_value, q.points)); break;
        case QuestionType::Nps: a.value = AnswerValue::MakeNumber(grade(0, 11)); break;
        case QuestionType::Ces: a.value = AnswerValue::MakeNumber(grade(1, 7)); break;
        case QuestionType::Text: a.value = AnswerValue::MakeText("text " + std::to_string(i)); break;
        case QuestionType::Single: a.value = AnswerValue::MakeChoice(q.options[pick((int)q.options.size())].value); break;
        case QuestionType::Multiple: a.value = AnswerValue::MakeChoices({ q.options[pick((int)q.options.size())].value }); break;
        case QuestionType::Consent: a.value = AnswerValue::MakeBool(pick(2) == 0); break;
        case QuestionType::Contact: a.value.kind = AnswerValue::Fields; a.value.fields = { { "phone", "13812345678" } }; break;
        case QuestionType::Matrix:
            a.value.kind = AnswerValue::Rows;
            for (const SubItem& row : q.items) a.value.rows.push_back({ row.id, grade(q.first_value, q.points) });
            break;
        case QuestionType::Servqual:
            a.value.kind = AnswerValue::Gaps;
            for (const SubItem& item : q.items)
                a.value.gaps.push_back({ item.id, grade(1, q.points), grade(1, q.points), ServqualDimensionName(item.dimension) });
            break;
        case QuestionType::Kano:
            a.value.kind = AnswerValue::Kano;
            for (const SubItem& f : q.items) a.value.kano.push_back({ f.id, kKano[pick(5)], kKano[pick(5)] });
            break;
        }
        r.answers.push_back(std::move(a));
    }
    return r;
}

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        fprintf(stderr, "usage: manyi_score_bench SURVEY.json [N] [--jsonl]\n");
        return 2;
    }
    const int n = argc > 2 && argv[2][0] != '-' ? atoi(argv[2]) : 100000;
    const bool jsonl = strcmp(argv[argc - 1], "--jsonl") == 0;
    const SurveyParseResult parsed = ParseSurvey(ReadAll(argv[1]));
    if (!parsed.ok())
    {
        fprintf(stderr, "cannot load %s\n", argv[1]);
        return 1;
    }
    std::mt19937 rng(42);
    if (jsonl)
    {
        for (int i = 0; i < n; i++) printf("%s\n", ResponseToJson(Generate(parsed.survey, i, rng)).c_str());
        return 0;
    }
    ResponseStore store;
    std::string error;
    if (!store.Open(":memory:", &error)) return 1;
    using Clock = std::chrono::steady_clock;
    auto since = [](Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); };
    const auto t0 = Clock::now();
    for (int i = 0; i < n; i++)
    {
        const Response r = Generate(parsed.survey, i, rng);
        store.Insert(r, ResponseToJson(r), DeliveryState::Delivered, &error);
    }
    const double insert_ms = since(t0);
    // The same responses generated and encoded again without storing them: what of insert_ms is
    // not the store's.
    std::mt19937 again(42);
    const auto g0 = Clock::now();
    size_t bytes = 0;
    for (int i = 0; i < n; i++) bytes += ResponseToJson(Generate(parsed.survey, i, again)).size();
    const double generate_ms = since(g0);

    // The queries of the wasm bench (tests/bench/lib/scoring.mjs): everything, and the week of
    // 2025-12-24 to 12-31 at UTC+8; each from the counters (as ComputeScores runs) and from the
    // raw rows alone (the reference path, as before the counters), best of 5 after a warm-up.
    ScoreQuery all;
    all.utc_offset_minutes = 480;
    ScoreQuery week = all;
    week.from_ms = 1766505600000LL; // 2025-12-24T00:00:00+08:00
    week.to_ms = week.from_ms + 7 * 86400000LL;
    ScoreReport report;
    auto best = [&](ScoreQuery q, bool counters, std::string* json) {
        q.use_counters = counters;
        report = ComputeScores(parsed.survey, store, q); // the first run warms the page cache
        *json = ScoreReportToJson(report);
        double ms = 1e9;
        for (int run = 0; run < 5; run++)
        {
            const auto a = Clock::now();
            report = ComputeScores(parsed.survey, store, q);
            ms = std::min(ms, since(a));
        }
        return ms;
    };
    std::string json_raw, json_counted, week_raw, week_counted;
    const double all_raw_ms = best(all, false, &json_raw), week_raw_ms = best(week, false, &week_raw);
    const double week_ms = best(week, true, &week_counted);
    const int64_t week_responses = report.responses;
    const double all_ms = best(all, true, &json_counted);
    printf("  reports from the counters and from the raw rows: %s\n", json_raw == json_counted && week_raw == week_counted ? "identical" : "DIFFERENT");
    printf("  %-26s %10s %10s\n", "aggregate (all, UTC+8)", "counters", "raw rows");
    // Each aggregate on its own, to see where the time goes.
    AnswerFilter filter;
    filter.survey_id = parsed.survey.id;
    auto time = [&](const char* name, auto&& fn) {
        double ms[2];
        for (int counters = 1; counters >= 0; counters--)
        {
            filter.use_counters = counters;
            const auto a = Clock::now();
            fn();
            ms[counters] = since(a);
        }
        printf("  %-26s %7.1f ms %7.1f ms\n", name, ms[1], ms[0]);
    };
    std::vector<std::string> all_ids, headline_ids, kano_ids;
    for (const Question& q : parsed.survey.questions)
    {
        all_ids.push_back(q.id);
        if (q.type == QuestionType::Rating || q.type == QuestionType::Nps || q.type == QuestionType::Ces) headline_ids.push_back(q.id);
        if (q.type == QuestionType::Kano) kano_ids.push_back(q.id);
    }
    time("CountParts", [&] { store.CountParts(filter, all_ids); });
    time("CountPartsByDay", [&] { store.CountPartsByDay(filter, headline_ids, 480); });
    time("CountKanoPairs", [&] { store.CountKanoPairs(filter, kano_ids); });
    time("SumServqual", [&] {
        for (const Question& q : parsed.survey.questions)
            if (q.type == QuestionType::Servqual)
            {
                std::vector<std::string> items;
                std::vector<int> groups;
                for (const SubItem& i : q.items) { items.push_back(i.id); groups.push_back((int)i.dimension); }
                store.SumServqual(filter, q.id, items, groups);
            }
    });
    time("CountFollowUps", [&] { store.CountFollowUps(filter); });
    time("CountVersions", [&] { store.CountVersions(filter); });
    time("Counts (the footer's states)", [&] { store.Counts(); });
    const auto b = Clock::now();
    const std::string json = ScoreReportToJson(report);
    const double json_ms = since(b);
    printf("  generating and encoding the responses alone: %.0f ms (%zu bytes of payloads)\n", generate_ms, bytes);
    printf("%s: %d responses (%lld stored), insert %.0f ms, ComputeScores best of 5 %.1f ms (raw rows %.1f ms), one week (%lld) %.1f ms (raw rows %.1f ms),"
           " ScoreReportToJson %.1f ms (%zu bytes)\n",
           argv[1], n, (long long)report.responses, insert_ms, all_ms, all_raw_ms, (long long)week_responses, week_ms, week_raw_ms, json_ms, json.size());
    return 0;
}
