// The operator panel's core parts: the corner hold gesture, un-parking a response, the follow-up
// record and the follow-up list.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "core/corner_hold.h"
#include "core/operator_data.h"
#include "core/response.h"
#include "core/response_store.h"
#include "core/survey_session.h"

using namespace manyi;

TEST_CASE("corner hold: 3 s still in the top-left corner opens; anything else is handed back")
{
    CornerHold h;
    CHECK(CornerHoldDown(&h, 200, 10, 0) == CornerVerdict::Pass);        // outside the corner
    CHECK(CornerHoldUp(&h) == CornerVerdict::Pass);

    CHECK(CornerHoldDown(&h, 30, 40, 1000) == CornerVerdict::Hold);
    CHECK(CornerHoldWaitMs(h, 1000) == 3000);
    CHECK(CornerHoldMove(&h, 40, 50) == CornerVerdict::Hold);            // a trembling finger
    CHECK_FALSE(CornerHoldDue(&h, 3999));
    CHECK(CornerHoldDue(&h, 4000));
    CHECK_FALSE(CornerHoldDue(&h, 5000));                                // once
    CHECK(CornerHoldMove(&h, 300, 300) == CornerVerdict::Hold);          // nothing of it reaches the widget
    CHECK(CornerHoldUp(&h) == CornerVerdict::Hold);                      // not even the release
    CHECK(CornerHoldUp(&h) == CornerVerdict::Pass);

    // A quick tap in the corner is an ordinary tap, given back on release.
    CHECK(CornerHoldDown(&h, 10, 10, 0) == CornerVerdict::Hold);
    CHECK(CornerHoldUp(&h) == CornerVerdict::ReplayThenPass);
    CHECK_FALSE(CornerHoldDue(&h, 10000));

    // A drag that starts in the corner is the widget's from its start.
    CHECK(CornerHoldDown(&h, 10, 10, 0) == CornerVerdict::Hold);
    CHECK(CornerHoldMove(&h, 10, 60) == CornerVerdict::ReplayThenPass);
    CHECK(CornerHoldMove(&h, 10, 90) == CornerVerdict::Pass);
    CHECK(CornerHoldWaitMs(h, 100) == -1);

    // The clock set back while holding: timed from there, never stuck.
    CHECK(CornerHoldDown(&h, 10, 10, 100000) == CornerVerdict::Hold);
    CHECK(CornerHoldWaitMs(h, 50000) == 3000);
    CHECK_FALSE(CornerHoldDue(&h, 50000));
    CHECK(CornerHoldDue(&h, 53000));
}

static Survey LoadDefault()
{
    std::ifstream file(std::string(MANYI_SOURCE_DIR "/assets/surveys/default.json"), std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    SurveyParseResult r = ParseSurvey(text.str());
    REQUIRE(r.ok());
    return r.survey;
}

static Response MakeResponse(const Survey& s, const char* id, int64_t t, int grade, bool callback, std::vector<std::string> flags = {})
{
    Response r;
    r.id = id;
    r.survey_id = s.id;
    r.survey_version = s.version;
    r.locale = "zh-CN";
    r.created_at_ms = t;
    r.answers.push_back({ "satisfaction", AnswerValue::MakeNumber(grade) });
    if (grade <= 3)
    {
        ComplaintBlock c;
        const uint8_t random8[8] = { 1, 2, 3, 4, 5, 6, 7, (uint8_t)grade };
        c.reference = MakeReference(random8);
        c.origin = "trigger";
        r.complaint = c;
        Answer type{ kComplaintType, AnswerValue::MakeChoice("service") };
        type.label = "服务态度";
        r.answers.push_back(type);
        r.answers.push_back({ kComplaintDescription, AnswerValue::MakeText("等了四十分钟") });
        r.answers.push_back({ kComplaintCallback, AnswerValue::MakeBool(callback) });
        if (callback)
        {
            AnswerValue contact;
            contact.kind = AnswerValue::Fields;
            contact.fields = { { "name", "王女士" }, { "phone", "13800000000" } };
            r.answers.push_back({ kComplaintContact, contact });
        }
    }
    r.flags = std::move(flags);
    return r;
}

static void Put(ResponseStore* store, const Response& r)
{
    std::string error;
    Response back;
    REQUIRE_MESSAGE(ResponseFromJson(ResponseToJson(r), &back, &error), error);
    REQUIRE_MESSAGE(store->Insert(r, ResponseToJson(r), DeliveryState::Pending, &error), error);
}

static const char* kR1 = "00000000-0000-4000-8000-0000000000a1";
static const char* kR2 = "00000000-0000-4000-8000-0000000000a2";

TEST_CASE("store: a parked response goes back in the queue (retry failed)")
{
    Survey s = LoadDefault();
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(&store, MakeResponse(s, kR1, 1000, 6, false));
    Put(&store, MakeResponse(s, kR2, 2000, 6, false));
    CHECK_FALSE(store.Unpark(kR1, 5000)); // pending: not parked
    REQUIRE(store.MarkRetry(kR1, 9000, "HTTP 503"));
    REQUIRE(store.MarkParked(kR1, "HTTP 422 Unprocessable"));
    REQUIRE(store.MarkParked(kR2, "HTTP 400"));
    std::vector<StoredResponse> parked = store.ListByState(DeliveryState::Parked, 10);
    REQUIRE(parked.size() == 2);
    CHECK(parked[0].id == kR1);
    CHECK(parked[0].last_error == "HTTP 422 Unprocessable");
    CHECK(store.DueForDelivery(1'000'000, 10).empty());

    CHECK(store.Unpark(kR1, 5000));
    StoredResponse r;
    REQUIRE(store.Get(kR1, &r));
    CHECK(r.state == DeliveryState::Pending);
    CHECK(r.attempts == 0);
    CHECK(r.next_attempt_ms == 5000);
    CHECK(r.last_error.empty());
    CHECK(store.DueForDelivery(4999, 10).empty());
    REQUIRE(store.DueForDelivery(5000, 10).size() == 1);
    CHECK(store.Counts().parked == 1);
    CHECK_FALSE(store.Unpark(kR1, 6000));
    CHECK_FALSE(store.Unpark("nope", 6000));
    REQUIRE(store.MarkDelivered(kR1, 7000));
    CHECK_FALSE(store.Unpark(kR1, 8000)); // delivered stays delivered
}

TEST_CASE("follow-up record: round trip and hostile records")
{
    FollowUp f;
    f.response_id = "r1";
    f.state = FollowUpState::Resolved;
    f.updated_ms = 30;
    f.contacted_ms = 10;
    f.resolved_ms = 30;
    f.satisfaction = 4;
    f.satisfaction_points = 5;
    f.note = "已回电，道歉并退款";
    FollowUp back;
    std::string error;
    REQUIRE(FollowUpFromJson(FollowUpToJson(f), &back, &error));
    CHECK(FollowUpToJson(back) == FollowUpToJson(f));
    const char* bad[] = {
        "", "[]", "{}", "{\"format\":7}",
        "{\"format\":\"manyi.followup/1\",\"response_id\":\"r1\",\"state\":\"done\",\"updated_ms\":1,\"contacted_ms\":0,\"resolved_ms\":0,\"satisfaction\":0,\"satisfaction_points\":0,\"note\":\"\"}",
        "{\"format\":\"manyi.followup/1\",\"response_id\":\"r1\",\"state\":\"open\",\"updated_ms\":-1,\"contacted_ms\":0,\"resolved_ms\":0,\"satisfaction\":0,\"satisfaction_points\":0,\"note\":\"\"}",
        "{\"format\":\"manyi.followup/1\",\"response_id\":\"r1\",\"state\":\"open\",\"updated_ms\":1,\"contacted_ms\":0,\"resolved_ms\":0,\"satisfaction\":6,\"satisfaction_points\":5,\"note\":\"\"}",
        "{\"format\":\"manyi.followup/1\",\"response_id\":\"r1\",\"state\":\"open\",\"updated_ms\":1,\"contacted_ms\":0,\"resolved_ms\":0,\"satisfaction\":0,\"satisfaction_points\":5,\"note\":\"\"}",
        "{\"format\":\"manyi.followup/1\",\"response_id\":\"\",\"state\":\"open\",\"updated_ms\":1,\"contacted_ms\":0,\"resolved_ms\":0,\"satisfaction\":0,\"satisfaction_points\":0,\"note\":\"\"}",
        "{\"format\":\"manyi.followup/1\",\"response_id\":\"r1\",\"state\":\"open\",\"updated_ms\":1,\"contacted_ms\":0,\"resolved_ms\":0,\"satisfaction\":0,\"satisfaction_points\":0,\"note\":5}",
    };
    for (const char* b : bad)
    {
        CAPTURE(b);
        CHECK_FALSE(FollowUpFromJson(b, &back, &error));
    }
}

TEST_CASE("operator overview: callback complaints newest first, flag counts, follow-ups")
{
    Survey s = LoadDefault();
    ResponseStore store;
    std::string error;
    REQUIRE(store.Open(":memory:", &error));
    Put(&store, MakeResponse(s, "00000000-0000-4000-8000-000000000001", 1000, 7, false, { "burst" }));
    Put(&store, MakeResponse(s, "00000000-0000-4000-8000-000000000002", 2000, 2, false));            // a complaint without callback consent
    Put(&store, MakeResponse(s, "00000000-0000-4000-8000-000000000003", 3000, 1, true));
    Put(&store, MakeResponse(s, "00000000-0000-4000-8000-000000000004", 4000, 3, true, { "burst", "partial" }));
    FollowUp f;
    f.response_id = "00000000-0000-4000-8000-000000000003";
    f.state = FollowUpState::Contacted;
    f.updated_ms = f.contacted_ms = 5000;
    REQUIRE(store.SetFollowUp(f, &error));

    OperatorOverview o = BuildOperatorOverview(s, store);
    CHECK(o.responses == 4);
    CHECK(o.burst == 2);
    CHECK(o.partial == 1);
    REQUIRE(o.callbacks.size() == 2);
    CHECK(o.callbacks[0].response_id == "00000000-0000-4000-8000-000000000004");
    CHECK_FALSE(o.callbacks[0].has_followup);
    CHECK(o.callbacks[0].followup.response_id == "00000000-0000-4000-8000-000000000004");
    CHECK(o.callbacks[1].response_id == "00000000-0000-4000-8000-000000000003");
    CHECK(o.callbacks[1].has_followup);
    CHECK(o.callbacks[1].followup.state == FollowUpState::Contacted);
    CHECK(IsValidReference(o.callbacks[1].reference));
    CHECK(o.callbacks[1].type == "服务态度");
    CHECK(o.callbacks[1].text == "等了四十分钟");
    CHECK(o.callbacks[1].contact == "王女士 · 13800000000");
}
