// The real `manyi score` binary (build/native/manyi), run as a user runs it: arguments, exit
// codes, stderr for bad lines, and its JSON against docs/examples/scores-example.json.
#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MANYI_CLI_PATH
#error "MANYI_CLI_PATH must name the manyi binary (CMakeLists.txt)"
#endif

namespace {

struct Run
{
    int         exit_code = -1;
    std::string out, err;
};

std::string ReadAll(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

// Runs the binary with `args` (already shell-quoted), from the source tree; stderr to a file.
Run RunCli(const std::string& args)
{
    const std::string err_path = "/tmp/manyi-cli-test-" + std::to_string(getpid()) + ".err";
    const std::string cmd = std::string("cd '") + MANYI_SOURCE_DIR + "' && '" + MANYI_CLI_PATH + "' " + args + " 2>'" + err_path + "'";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[65536];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, got);
    const int status = pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = ReadAll(err_path);
    std::remove(err_path.c_str());
    return r;
}

} // namespace

TEST_CASE("cli: manyi score prints the documented example, reports the bad line by number")
{
    const Run r = RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --utc-offset 480 --min-n 5");
    CHECK(r.exit_code == 0); // bad lines are skipped and reported, not fatal
    CHECK(r.err.find("docs/examples/scores-example.jsonl:28: skipped: /id: must be a UUID") != std::string::npos);
    CHECK(r.err.find("manyi: 1 bad line skipped") != std::string::npos);
    const nlohmann::json got = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE(got.is_object());
    const nlohmann::json want = nlohmann::json::parse(ReadAll(std::string(MANYI_SOURCE_DIR) + "/docs/examples/scores-example.json"), nullptr, false);
    REQUIRE(want.is_object());
    CHECK(got == want); // the example in docs/scores.md is this program's real output
    CHECK(got["input"]["lines"] == 28);
    CHECK(got["input"]["skipped"] == 1);
    CHECK(got["responses"] == 27);
}

TEST_CASE("cli: manyi score --from/--to as local dates, --version, CSV")
{
    // 2025-12-02 at +8:00 begins 2025-12-01T16:00Z: the window holds some of the 27, not all.
    const Run all = RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --utc-offset 480");
    const Run day = RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --utc-offset 480 "
                           "--from 2025-12-02 --to 2025-12-03");
    REQUIRE(all.exit_code == 0);
    REQUIRE(day.exit_code == 0);
    const nlohmann::json a = nlohmann::json::parse(all.out), d = nlohmann::json::parse(day.out);
    CHECK(d["query"]["from"] == "2025-12-01T16:00:00.000Z");
    CHECK(d["query"]["to"] == "2025-12-02T16:00:00.000Z");
    CHECK(d["responses"].get<int>() > 0);
    CHECK(d["responses"].get<int>() < a["responses"].get<int>());
    const Run other = RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --version 99");
    CHECK(nlohmann::json::parse(other.out)["responses"] == 0);
    const Run csv = RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --csv --min-n 5");
    CHECK(csv.exit_code == 0);
    CHECK(csv.out.rfind("\xEF\xBB\xBFquestion,part,score,n,count,value,low,high,status\r\n", 0) == 0);
    CHECK(csv.out.find(",responses,count,27,27,") != std::string::npos);
}

TEST_CASE("cli: manyi score exit codes for bad arguments and bad files")
{
    CHECK(RunCli("score --survey assets/surveys/default.json").exit_code == 2); // no --responses
    const Run bad_date = RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --from 2025-13-45x");
    CHECK(bad_date.exit_code == 2);
    CHECK(bad_date.err.find("--from/--to must be") != std::string::npos);
    CHECK(RunCli("score --survey assets/surveys/default.json --responses docs/examples/scores-example.jsonl --min-n 0").exit_code == 2);
    CHECK(RunCli("score --survey nowhere.json --responses docs/examples/scores-example.jsonl").exit_code == 2);
    // A survey that does not validate: exit 1 with its problems.
    const Run bad_survey = RunCli("score --survey docs/examples/scores-example.jsonl --responses docs/examples/scores-example.jsonl");
    CHECK(bad_survey.exit_code == 1);
    CHECK_FALSE(bad_survey.err.empty());
}
