// manyi: the native command line tool. Checks survey files and response payloads with the same
// core code the widget runs, so what passes here loads in the browser.
#include <cstdio>
#include <cstring>
#include <string>

#include "core/json_text.h"
#include "core/response.h"
#include "core/response_lines.h"
#include "core/response_store.h"
#include "core/score_csv.h"
#include "core/scores.h"
#include "core/survey.h"
#include "core/surveyjs_convert.h"
#include "core/version.h"
#include "pin_hash.h"
#include "read_input.h"

static const char* kUsage =
    "usage: manyi <command> [arguments]\n"
    "\n"
    "commands:\n"
    "  validate SURVEY.json   check a survey definition; prints each problem as 'PATH: message'\n"
    "                         (warnings as 'PATH: warning: message'; any problem exits 1)\n"
    "  response-json          read one response payload on stdin, check it, print it normalised\n"
    "  convert --from surveyjs [--id ID] [--locale TAG] IN.json\n"
    "                         convert a SurveyJS survey to a Manyi survey on stdout; lists on\n"
    "                         stderr, as 'PATH: message', what was not converted or was changed\n"
    "                         (PATH points into IN.json); exits 1 if the result does not pass\n"
    "                         validate (printing its problems), 0 otherwise\n"
    "  score --survey S.json --responses R.jsonl [--from T] [--to T] [--version V]\n"
    "        [--utc-offset MIN] [--min-n N] [--csv | --responses-csv]\n"
    "                         compute every score of survey S over the response payloads in\n"
    "                         R.jsonl (one per line) and print the report as JSON\n"
    "                         (docs/scores.md), or the scores (--csv) or the responses\n"
    "                         (--responses-csv) as CSV. T is YYYY-MM-DD (local midnight at\n"
    "                         --utc-offset) or an RFC 3339 time; --from is inclusive, --to\n"
    "                         exclusive. MIN: minutes east of UTC for the daily trend (480 for\n"
    "                         China). Bad lines are reported on stderr with their line number\n"
    "                         and skipped (counted in the report's \"input\")\n"
    "  pin-hash [--iterations N]\n"
    "                         read an operator PIN (4 to 8 digits) on stdin and print its record\n"
    "                         pbkdf2-sha256$N$salt$hash for the kiosk mount option operatorPin\n"
    "                         (docs/operator-guide.md); N defaults to 150000\n"
    "  --help                 show this help\n"
    "  --version              show the version\n"
    "\n"
    "exit status: 0 ok, 1 problems found, 2 usage or input error\n";

static int CommandValidate(const char* path)
{
    std::string text, error;
    if (!manyi::ReadFile(path, &text, &error))
    {
        fprintf(stderr, "manyi: %s\n", error.c_str());
        return 2;
    }
    const manyi::SurveyParseResult result = manyi::ParseSurvey(text);
    for (const manyi::SurveyProblem& problem : result.problems)
        printf("%s: %s%s\n", problem.path.empty() ? "(root)" : problem.path.c_str(), problem.warning ? "warning: " : "", problem.message.c_str());
    if (!result.problems.empty())
        return 1; // warnings too: the survey runs, but the author should look
    const manyi::Survey& s = result.survey;
    int survey_questions = 0, survey_pages = 0;
    for (const manyi::Page& page : s.pages)
        if (!page.complaint)
        {
            survey_pages++;
            survey_questions += (int)page.questions.size();
        }
    printf("ok: %s %s, %d question%s on %d page%s%s\n", s.id.c_str(), s.version.c_str(), survey_questions, survey_questions == 1 ? "" : "s",
           survey_pages, survey_pages == 1 ? "" : "s", s.complaint.enabled ? ", with the complaint form" : "");
    return 0;
}

static int CommandResponseJson()
{
    std::string text, error;
    if (!manyi::ReadStream(stdin, &text, &error))
    {
        fprintf(stderr, "manyi: cannot read stdin: %s\n", error.c_str());
        return 2;
    }
    manyi::Response response;
    if (!manyi::ResponseFromJson(text, &response, &error))
    {
        fprintf(stderr, "manyi: invalid response: %s\n", error.c_str());
        return 1;
    }
    printf("%s\n", manyi::ResponseToJson(response).c_str());
    return 0;
}

// convert --from surveyjs [--id ID] [--locale TAG] IN.json (options in any order before IN.json).
static int CommandConvert(int argc, char** argv)
{
    const char* from = nullptr;
    const char* path = nullptr;
    manyi::SurveyJsConvertOptions options;
    for (int i = 2; i < argc; i++)
    {
        const bool has_value = i + 1 < argc;
        if (strcmp(argv[i], "--from") == 0 && has_value)
            from = argv[++i];
        else if (strcmp(argv[i], "--id") == 0 && has_value)
            options.id = argv[++i];
        else if (strcmp(argv[i], "--locale") == 0 && has_value)
            options.locale = argv[++i];
        else if (argv[i][0] != '-' && !path)
            path = argv[i];
        else
        {
            fprintf(stderr, "manyi: convert: unexpected argument '%s'\n\n%s", argv[i], kUsage);
            return 2;
        }
    }
    if (!from || strcmp(from, "surveyjs") != 0 || !path)
    {
        fprintf(stderr, "manyi: convert needs --from surveyjs and an input file\n\n%s", kUsage);
        return 2;
    }
    std::string text, error;
    if (!manyi::ReadFile(path, &text, &error))
    {
        fprintf(stderr, "manyi: %s\n", error.c_str());
        return 2;
    }
    const manyi::SurveyJsConvertResult converted = manyi::ConvertSurveyJs(text, options);
    if (!converted.readable)
    {
        fprintf(stderr, "manyi: %s: %s\n", path, converted.error.c_str());
        return 2;
    }
    for (const manyi::SurveyJsNote& note : converted.notes)
        fprintf(stderr, "%s\n", manyi::FormatSurveyJsNote(note).c_str());
    fputs(converted.survey_json.c_str(), stdout);
    // The output must load: check it with the same parser as `validate` and the widget.
    const manyi::SurveyParseResult result = manyi::ParseSurvey(converted.survey_json);
    for (const manyi::SurveyProblem& problem : result.problems)
        fprintf(stderr, "manyi: converted survey %s: %s%s\n", problem.path.empty() ? "(root)" : problem.path.c_str(), problem.warning ? "warning: " : "",
                problem.message.c_str());
    if (!result.ok())
    {
        fprintf(stderr, "manyi: the converted survey does not pass validation (paths above point into the output)\n");
        return 1;
    }
    return 0;
}

// "2026-11-23" is local midnight at utc_offset_minutes; anything else must be an RFC 3339 time.
static bool ParseTimeArgument(const char* text, int utc_offset_minutes, int64_t* unix_ms)
{
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (strlen(text) == 10 && sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    {
        char iso[40];
        snprintf(iso, sizeof(iso), "%04d-%02d-%02dT00:00:00Z", y, m, d);
        if (!manyi::ParseIsoUtc(iso, unix_ms))
            return false;
        *unix_ms -= (int64_t)utc_offset_minutes * 60000;
        return true;
    }
    return manyi::ParseIsoUtc(text, unix_ms);
}

static bool ParseIntArgument(const char* text, int low, int high, int* out)
{
    char* end = nullptr;
    const long v = strtol(text, &end, 10);
    if (!*text || *end || v < low || v > high)
        return false;
    *out = (int)v;
    return true;
}

// score --survey S.json --responses R.jsonl [options]
static int CommandScore(int argc, char** argv)
{
    const char *survey_path = nullptr, *responses_path = nullptr, *from = nullptr, *to = nullptr;
    manyi::ScoreQuery query;
    enum { Json, ScoresCsv, ResponsesCsv } output = Json;
    for (int i = 2; i < argc; i++)
    {
        const bool has_value = i + 1 < argc;
        const char* arg = argv[i];
        if (strcmp(arg, "--survey") == 0 && has_value) survey_path = argv[++i];
        else if (strcmp(arg, "--responses") == 0 && has_value) responses_path = argv[++i];
        else if (strcmp(arg, "--from") == 0 && has_value) from = argv[++i];
        else if (strcmp(arg, "--to") == 0 && has_value) to = argv[++i];
        else if (strcmp(arg, "--version") == 0 && has_value) query.survey_version = argv[++i];
        else if (strcmp(arg, "--utc-offset") == 0 && has_value)
        {
            if (!ParseIntArgument(argv[++i], -1440, 1440, &query.utc_offset_minutes))
            {
                fprintf(stderr, "manyi: score: --utc-offset must be minutes from -1440 to 1440, not '%s'\n", argv[i]);
                return 2;
            }
        }
        else if (strcmp(arg, "--min-n") == 0 && has_value)
        {
            if (!ParseIntArgument(argv[++i], 1, 1000000, &query.min_n))
            {
                fprintf(stderr, "manyi: score: --min-n must be from 1 to 1000000, not '%s'\n", argv[i]);
                return 2;
            }
        }
        else if (strcmp(arg, "--csv") == 0) output = ScoresCsv;
        else if (strcmp(arg, "--responses-csv") == 0) output = ResponsesCsv;
        else
        {
            fprintf(stderr, "manyi: score: unexpected argument '%s'\n\n%s", arg, kUsage);
            return 2;
        }
    }
    if (!survey_path || !responses_path)
    {
        fprintf(stderr, "manyi: score needs --survey and --responses\n\n%s", kUsage);
        return 2;
    }
    // Times after the options: a date means midnight at --utc-offset, wherever that was given.
    if ((from && !ParseTimeArgument(from, query.utc_offset_minutes, &query.from_ms)) || (to && !ParseTimeArgument(to, query.utc_offset_minutes, &query.to_ms)))
    {
        fprintf(stderr, "manyi: score: --from/--to must be YYYY-MM-DD or an RFC 3339 time like 2026-11-23T09:00:00Z, not '%s'\n",
                from && !ParseTimeArgument(from, query.utc_offset_minutes, &query.from_ms) ? from : to);
        return 2;
    }

    std::string text, error;
    if (!manyi::ReadFile(survey_path, &text, &error))
    {
        fprintf(stderr, "manyi: %s\n", error.c_str());
        return 2;
    }
    const manyi::SurveyParseResult parsed = manyi::ParseSurvey(text);
    if (!parsed.ok())
    {
        for (const manyi::SurveyProblem& problem : parsed.problems)
            if (!problem.warning)
                fprintf(stderr, "%s: %s: %s\n", survey_path, problem.path.empty() ? "(root)" : problem.path.c_str(), problem.message.c_str());
        return 1;
    }
    if (!manyi::ReadFile(responses_path, &text, &error))
    {
        fprintf(stderr, "manyi: %s\n", error.c_str());
        return 2;
    }

    manyi::ResponseStore store;
    if (!store.Open(":memory:", &error))
    {
        fprintf(stderr, "manyi: %s\n", error.c_str());
        return 2;
    }
    const manyi::ResponseLinesResult loaded = manyi::InsertResponseLines(text, parsed.survey.id, &store);
    for (const manyi::LineProblem& problem : loaded.problems)
        fprintf(stderr, "%s:%lld: skipped: %s\n", responses_path, (long long)problem.line, problem.message.c_str());
    const int64_t skipped = loaded.skipped;
    if (skipped)
        fprintf(stderr, "manyi: %lld bad line%s skipped\n", (long long)skipped, skipped == 1 ? "" : "s");

    if (output == ResponsesCsv)
    {
        fputs(manyi::ResponsesToCsv(parsed.survey, store, query).c_str(), stdout);
        return 0;
    }
    const manyi::ScoreReport report = manyi::ComputeScores(parsed.survey, store, query);
    if (output == ScoresCsv)
    {
        fputs(manyi::ScoresToCsv(report).c_str(), stdout);
        return 0;
    }
    manyi::Json json;
    manyi::ParseJsonText(manyi::ScoreReportToJson(report), &json, &error);
    json["input"] = manyi::Json{ { "lines", loaded.lines }, { "responses", loaded.stored }, { "skipped", loaded.skipped }, { "duplicates", loaded.duplicates },
                                 { "other_survey", loaded.other_survey } };
    printf("%s\n", manyi::DumpJson(json).c_str()); // compact, as stats() returns it; pipe through jq to read
    return 0;
}

int main(int argc, char** argv)
{
    if (argc < 2)
    {
        fputs(kUsage, stderr);
        return 2;
    }
    const char* command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 || strcmp(command, "help") == 0)
    {
        fputs(kUsage, stdout);
        return 0;
    }
    if (strcmp(command, "--version") == 0)
    {
        printf("manyi %s\n", manyi::kVersion);
        return 0;
    }
    if (strcmp(command, "validate") == 0 && argc == 3)
        return CommandValidate(argv[2]);
    if (strcmp(command, "response-json") == 0 && argc == 2)
        return CommandResponseJson();
    if (strcmp(command, "convert") == 0)
        return CommandConvert(argc, argv);
    if (strcmp(command, "score") == 0)
        return CommandScore(argc, argv);
    if (strcmp(command, "pin-hash") == 0)
        return CommandPinHash(argc, argv);
    fprintf(stderr, "manyi: unknown command or wrong arguments: %s\n\n%s", command, kUsage);
    return 2;
}
