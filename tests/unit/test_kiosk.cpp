#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/kiosk_flow.h"
#include "core/kiosk_settings.h"
#include "core/response.h"
#include "core/response_store.h"

using namespace manyi;

static Survey LoadDefault()
{
    std::ifstream file(std::string(MANYI_SOURCE_DIR "/assets/surveys/default.json"), std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    SurveyParseResult r = ParseSurvey(text.str());
    REQUIRE(r.ok());
    return r.survey;
}

TEST_CASE("kiosk settings: defaults round-trip, ranges and types are checked")
{
    KioskSettings s;
    KioskSettings back;
    std::string error;
    REQUIRE(KioskSettingsFromJson(KioskSettingsToJson(s), &back, &error));
    CHECK(KioskSettingsToJson(back) == KioskSettingsToJson(s));

    s.device_name = "大厅 3 号";
    s.abandoned = AbandonedPolicy::SavePartial;
    s.idle_timeout_s = 90;
    REQUIRE(KioskSettingsFromJson(KioskSettingsToJson(s), &back, &error));
    CHECK(back.device_name == "大厅 3 号");
    CHECK(back.abandoned == AbandonedPolicy::SavePartial);
    CHECK(back.idle_timeout_s == 90);

    KioskSettings keep = back;
    CHECK_FALSE(KioskSettingsFromJson(R"({"idle_timeout_s": 1})", &back, &error));
    CHECK(error.find("idle_timeout_s") != std::string::npos);
    CHECK_FALSE(KioskSettingsFromJson(R"({"countdown_s": "10"})", &back, &error));
    CHECK_FALSE(KioskSettingsFromJson(R"({"abandoned": "keep"})", &back, &error));
    CHECK_FALSE(KioskSettingsFromJson(R"({"format": "other/1"})", &back, &error));
    CHECK_FALSE(KioskSettingsFromJson("[1,2]", &back, &error));
    CHECK_FALSE(KioskSettingsFromJson("{", &back, &error));
    CHECK(KioskSettingsToJson(back) == KioskSettingsToJson(keep)); // untouched on failure

    REQUIRE(KioskSettingsFromJson(R"({"thanks_reset_s": 5})", &back, &error));
    CHECK(back.thanks_reset_s == 5);
    CHECK(back.countdown_s == KioskSettings{}.countdown_s); // absent keys keep their defaults
}

TEST_CASE("kiosk timer: thank-you resets after its time whatever the input")
{
    KioskSettings s;
    s.thanks_reset_s = 8;
    KioskFlow f;
    KioskEnter(&f, KioskPhase::Thanks, 1000);
    KioskOnInput(&f, 5000);
    KioskTimer t = KioskTick(s, f, 8999);
    CHECK(t.action == KioskTimerAction::None);
    CHECK(t.next_check_ms == 9000);
    CHECK(KioskTick(s, f, 9000).action == KioskTimerAction::Reset);

    // After a complaint the reference stays longer: time to write it down.
    s.complaint_thanks_reset_s = 30;
    KioskEnter(&f, KioskPhase::Thanks, 1000);
    f.complaint_thanks = true;
    CHECK(KioskTick(s, f, 9000).action == KioskTimerAction::None);
    CHECK(KioskTick(s, f, 31'000).action == KioskTimerAction::Reset);
    KioskEnter(&f, KioskPhase::FirstTap, 40'000);
    CHECK_FALSE(f.complaint_thanks);
}

TEST_CASE("kiosk timer: idle survey warns with a countdown, input cancels it, then resets")
{
    KioskSettings s;
    s.idle_timeout_s = 30;
    s.countdown_s = 10;
    KioskFlow f;
    KioskEnter(&f, KioskPhase::Survey, 0);
    CHECK(KioskTick(s, f, 29'999).action == KioskTimerAction::None);
    CHECK(KioskTick(s, f, 29'999).next_check_ms == 30'000);
    KioskTimer t = KioskTick(s, f, 30'000);
    CHECK(t.action == KioskTimerAction::Countdown);
    CHECK(t.seconds_left == 10);
    CHECK(t.next_check_ms == 31'000);
    t = KioskTick(s, f, 38'500);
    CHECK(t.seconds_left == 2);
    CHECK(t.next_check_ms == 39'000);
    KioskOnInput(&f, 38'600); // a touch during the warning keeps the survey
    CHECK(KioskTick(s, f, 39'000).action == KioskTimerAction::None);
    CHECK(KioskTick(s, f, 78'600).action == KioskTimerAction::Reset);
    KioskOnInput(&f, 10); // an older event never moves the clock back
    CHECK(f.last_input_ms == 38'600);
}

TEST_CASE("kiosk timer: the first screen turns into the attract screen when untouched")
{
    KioskSettings s;
    s.attract_after_s = 60;
    KioskFlow f;
    KioskEnter(&f, KioskPhase::FirstTap, 0);
    CHECK(KioskTick(s, f, 59'999).action == KioskTimerAction::None);
    CHECK(KioskTick(s, f, 60'000).action == KioskTimerAction::Attract);
    s.attract = false;
    CHECK(KioskTick(s, f, 600'000).action == KioskTimerAction::None);
    CHECK(KioskTick(s, f, 600'000).next_check_ms == -1);
}

TEST_CASE("kiosk first tap: the default survey's seven grades")
{
    const Survey survey = LoadDefault();
    const int qi = KioskFirstTapQuestion(survey);
    REQUIRE(qi >= 0);
    CHECK(survey.questions[qi].id == "satisfaction");
    KioskSettings s;

    SUBCASE("dissatisfied (at or below the trigger) goes to the complaint form, keeping the grade")
    {
        for (int grade = 1; grade <= 3; grade++)
        {
            KioskFlow f;
            Session session = StartSession(survey, "zh-CN", 0);
            CHECK(KioskFirstTap(survey, s, &f, &session, grade, 1000) == FirstTapOutcome::Complaint);
            CHECK(OnComplaintPage(survey, session));
            CHECK(ComplaintRoute(survey, session) == ComplaintOrigin::Trigger);
            CHECK(session.answers[qi].number == grade);
            CHECK(f.phase == KioskPhase::Survey);
        }
    }
    SUBCASE("satisfied (较满意 and up) ends at once; neutral continues the survey")
    {
        for (int grade = 4; grade <= 7; grade++)
        {
            KioskFlow f;
            Session session = StartSession(survey, "zh-CN", 0);
            FirstTapOutcome o = KioskFirstTap(survey, s, &f, &session, grade, 1000);
            CHECK(o == (grade >= 5 ? FirstTapOutcome::Finish : FirstTapOutcome::Continue));
            CHECK(session.finished == (grade >= 5));
            CHECK_FALSE(OnComplaintPage(survey, session));
        }
    }
    SUBCASE("without instant thanks a satisfied tap continues")
    {
        s.instant_thanks = false;
        KioskFlow f;
        Session session = StartSession(survey, "zh-CN", 0);
        CHECK(KioskFirstTap(survey, s, &f, &session, 7, 1000) == FirstTapOutcome::Continue);
        CHECK_FALSE(session.finished);
    }
}

TEST_CASE("kiosk burst: a first tap within the window of the last response is flagged, not dropped")
{
    const Survey survey = LoadDefault();
    KioskSettings s;
    s.burst_window_s = 4;
    KioskFlow f;
    Session session = StartSession(survey, "zh-CN", 0);
    KioskFirstTap(survey, s, &f, &session, 7, 10'000);
    CHECK_FALSE(f.burst); // no response before it
    KioskOnResponseStored(&f, 10'050);
    KioskEnter(&f, KioskPhase::FirstTap, 12'000);
    session = StartSession(survey, "zh-CN", 12'000);
    KioskFirstTap(survey, s, &f, &session, 7, 14'049);
    CHECK(f.burst);
    CHECK(KioskResponseFlags(f, false) == std::vector<std::string>{ "burst" });
    CHECK(KioskResponseFlags(f, true) == std::vector<std::string>{ "burst", "partial" });
    KioskOnResponseStored(&f, 14'100);
    KioskEnter(&f, KioskPhase::FirstTap, 15'000);
    CHECK_FALSE(f.burst);
    session = StartSession(survey, "zh-CN", 15'000);
    KioskFirstTap(survey, s, &f, &session, 7, 18'100); // exactly the window after: not a burst
    CHECK_FALSE(f.burst);
    s.burst_window_s = 0;
    KioskOnResponseStored(&f, 18'200);
    KioskFirstTap(survey, s, &f, &session, 7, 18'200);
    CHECK_FALSE(f.burst); // window 0 turns flags off
}

TEST_CASE("response flags: written when present, read back sorted, checked")
{
    Response r;
    r.id = "0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e";
    r.survey_id = "s";
    r.survey_version = "1";
    r.locale = "zh-CN";
    r.created_at_ms = 1'700'000'000'000;
    std::string json = ResponseToJson(r);
    CHECK(json.find("\"flags\"") == std::string::npos);
    r.flags = { "burst", "partial" };
    json = ResponseToJson(r);
    CHECK(json.find("\"flags\":[\"burst\",\"partial\"]") != std::string::npos);
    Response back;
    std::string error;
    REQUIRE(ResponseFromJson(json, &back, &error));
    CHECK(back.flags == r.flags);
    CHECK(HasFlag(back, kFlagBurst));
    CHECK_FALSE(HasFlag(Response{}, kFlagBurst));

    std::string hostile = json;
    hostile.replace(hostile.find("[\"burst\",\"partial\"]"), 19, "[\"Burst<script>\"]");
    CHECK_FALSE(ResponseFromJson(hostile, &back, &error));
    CHECK(error.find("/flags") == 0);
    std::string twice = json;
    twice.replace(twice.find("[\"burst\",\"partial\"]"), 19, "[\"partial\",\"burst\",\"partial\"]");
    REQUIRE(ResponseFromJson(twice, &back, &error));
    CHECK(back.flags == std::vector<std::string>{ "burst", "partial" });
}

TEST_CASE("kiosk burst: a burst-flagged response is stored but left out of every score")
{
    const Survey survey = LoadDefault();
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    auto put = [&](const char* id, int grade, std::vector<std::string> flags) {
        Response r;
        r.id = id;
        r.survey_id = survey.id;
        r.survey_version = survey.version;
        r.locale = "zh-CN";
        r.created_at_ms = 1'800'000'000'000;
        Answer a;
        a.question_id = "satisfaction";
        a.type = "rating";
        a.value = AnswerValue::MakeNumber(grade);
        r.answers = { a };
        r.flags = std::move(flags);
        REQUIRE(store.Insert(r, ResponseToJson(r), DeliveryState::Pending, &error));
    };
    put("0b7e4c1e-5a3f-4d2b-9c8e-1f2a3b4c5d6e", 7, {});
    put("1c8f5d2f-6b4a-4e3c-8d9f-2a3b4c5d6e7f", 1, { "burst" });
    put("2d9a6e3a-7c5b-4f4d-9eaf-3b4c5d6e7f80", 2, { "partial" });
    CHECK(store.Counts().total == 3); // all kept
    AnswerFilter f;
    f.survey_id = survey.id;
    int64_t answered = 0, ones = 0;
    for (const PartCount& c : store.CountParts(f, { "satisfaction" }))
    {
        answered += c.count;
        if (c.has_number && c.number == 1) ones += c.count;
    }
    CHECK(answered == 2); // the partial one counts for what it answered; the burst one does not
    CHECK(ones == 0);
}
