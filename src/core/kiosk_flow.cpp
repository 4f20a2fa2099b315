#include "core/kiosk_flow.h"

#include <algorithm>

#include "core/scores.h"
#include "core/session_draft.h"

namespace manyi {

static int64_t Seconds(int s) { return (int64_t)s * 1000; }

KioskTimer KioskTick(const KioskSettings& s, const KioskFlow& f, int64_t now)
{
    KioskTimer t;
    switch (f.phase)
    {
    case KioskPhase::Thanks:
    {
        // Input does not hold the thank-you: the next person must never see it.
        const int64_t at = KioskThanksResetAt(s, f);
        if (now >= at) t.action = KioskTimerAction::Reset;
        else t.next_check_ms = at;
        break;
    }
    case KioskPhase::Survey:
    {
        const int64_t warn_at = f.last_input_ms + Seconds(s.idle_timeout_s);
        const int64_t reset_at = warn_at + Seconds(s.countdown_s);
        if (now >= reset_at)
            t.action = KioskTimerAction::Reset;
        else if (now >= warn_at)
        {
            t.action = KioskTimerAction::Countdown;
            const int64_t left = reset_at - now;
            t.seconds_left = (int)((left + 999) / 1000);
            // The next whole-second change of the number shown.
            t.next_check_ms = now + (left - (int64_t)(t.seconds_left - 1) * 1000);
        }
        else
            t.next_check_ms = warn_at;
        break;
    }
    case KioskPhase::FirstTap:
    {
        if (!s.attract) break;
        const int64_t at = std::max(f.phase_since_ms, f.last_input_ms) + Seconds(s.attract_after_s);
        if (now >= at) t.action = KioskTimerAction::Attract;
        else t.next_check_ms = at;
        break;
    }
    case KioskPhase::Attract: break;
    }
    return t;
}

int64_t KioskThanksResetAt(const KioskSettings& s, const KioskFlow& f)
{
    return f.phase_since_ms + Seconds(f.complaint_thanks ? s.complaint_thanks_reset_s : s.thanks_reset_s);
}

void KioskEnter(KioskFlow* f, KioskPhase phase, int64_t now)
{
    f->phase = phase;
    f->phase_since_ms = now;
    f->last_input_ms = now;
    if (phase == KioskPhase::FirstTap || phase == KioskPhase::Attract)
        f->burst = false;
    f->complaint_thanks = false;
}

void KioskOnInput(KioskFlow* f, int64_t now) { f->last_input_ms = std::max(f->last_input_ms, now); }

static bool IsRating(const Question& q) { return q.type == QuestionType::Rating && q.points > 1; }

int KioskFirstTapQuestion(const Survey& survey)
{
    const std::string& trigger = survey.complaint.trigger_question;
    if (!trigger.empty())
    {
        int qi = FindQuestionIndex(survey, trigger);
        if (qi >= 0 && IsRating(survey.questions[qi]))
            return qi;
    }
    if (survey.pages.empty()) return -1;
    for (int qi : survey.pages[0].questions)
        if (IsRating(survey.questions[qi]))
            return qi;
    return -1;
}

static std::vector<int> SatisfiedValues(const Survey& survey, const Question& q)
{
    for (const ScoreValueSet& set : survey.scores.satisfied)
        if (set.question_id == q.id)
            return set.values;
    return DefaultSatisfiedValues(q.first_value, q.points);
}

static int FirstComplaintPageOnPath(const Survey& survey, const Session& session)
{
    for (int p : PagePath(survey, session))
        if (survey.pages[p].complaint)
            return p;
    return -1;
}

FirstTapOutcome KioskFirstTap(const Survey& survey, const KioskSettings& s, KioskFlow* f, Session* session, int value,
                              int64_t now)
{
    const int qi = KioskFirstTapQuestion(survey);
    KioskEnter(f, KioskPhase::Survey, now);
    f->burst = f->last_response_ms >= 0 && now - f->last_response_ms < Seconds(s.burst_window_s);
    if (qi < 0)
        return FirstTapOutcome::Continue;
    session->answers[qi] = AnswerValue::MakeNumber(value);
    session->started_at_ms = now;
    if (ComplaintRoute(survey, *session) == ComplaintOrigin::Trigger)
    {
        const int page = FirstComplaintPageOnPath(survey, *session);
        if (page >= 0 && page != session->page)
        {
            session->history.push_back(session->page);
            session->page = page;
            session->errors.clear();
            return FirstTapOutcome::Complaint;
        }
    }
    const Question& q = survey.questions[qi];
    const std::vector<int> satisfied = SatisfiedValues(survey, q);
    if (s.instant_thanks && std::find(satisfied.begin(), satisfied.end(), value) != satisfied.end())
    {
        session->finished = true;
        return FirstTapOutcome::Finish;
    }
    return FirstTapOutcome::Continue;
}

std::vector<std::string> KioskResponseFlags(const KioskFlow& f, bool partial)
{
    std::vector<std::string> flags;
    if (f.burst) flags.push_back(kFlagBurst);
    if (partial) flags.push_back(kFlagPartial);
    return flags; // already sorted: "burst" < "partial"
}

void KioskOnResponseStored(KioskFlow* f, int64_t now) { f->last_response_ms = now; }

} // namespace manyi
