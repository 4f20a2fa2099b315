// manyi: the native command line tool. Checks survey files and response payloads with the same
// core code the widget runs, so what passes here loads in the browser.
#include <cstdio>
#include <cstring>
#include <string>

#include "core/response.h"
#include "core/survey.h"
#include "core/surveyjs_convert.h"
#include "core/version.h"
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
    fprintf(stderr, "manyi: unknown command or wrong arguments: %s\n\n%s", command, kUsage);
    return 2;
}
