// The service-hall kiosk's loop, as plain data and free functions with the clock passed in:
// attract screen -> one-tap first screen -> survey or complaint form -> thank-you -> first screen,
// with the idle countdown and burst flags (docs/operator-guide.md, "Kiosk"). The app calls
// KioskTick on every frame and timer, and the On* functions on what the respondent does.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/kiosk_settings.h"
#include "core/survey.h"
#include "core/survey_session.h"

namespace manyi {

enum class KioskPhase { Attract, FirstTap, Survey, Thanks };

struct KioskFlow
{
    KioskPhase phase = KioskPhase::FirstTap;
    int64_t    phase_since_ms = 0;
    int64_t    last_input_ms = 0;     // the last touch, key or text input
    int64_t    last_response_ms = -1; // when this device last stored a response (-1: none yet)
    bool       burst = false;         // the current response started within the burst window
    bool       complaint_thanks = false; // the thank-you shows a complaint reference (stays longer)
};

enum class KioskTimerAction { None, Countdown, Reset, Attract };

struct KioskTimer
{
    KioskTimerAction action = KioskTimerAction::None;
    int              seconds_left = 0;  // Countdown: whole seconds until the reset (rounded up)
    int64_t          next_check_ms = -1; // when the answer can next change (-1: only on input)
};

// What the clock says now. Pure: the caller acts on Reset/Attract (KioskEnter) itself.
KioskTimer KioskTick(const KioskSettings& s, const KioskFlow& f, int64_t now_ms);
// When the thank-you on screen goes back to the first screen.
int64_t KioskThanksResetAt(const KioskSettings& s, const KioskFlow& f);

void KioskEnter(KioskFlow* f, KioskPhase phase, int64_t now_ms);
void KioskOnInput(KioskFlow* f, int64_t now_ms);

// The question the first screen asks: the complaint trigger if it is a rating, else the first
// rating question of the first page; -1 if the survey has none (then the survey starts as is).
int KioskFirstTapQuestion(const Survey& survey);

enum class FirstTapOutcome { Continue, Complaint, Finish };

// A tap on grade `value` (on the question's own scale) of the first screen: answers it, marks a
// burst, and moves the session: dissatisfied (the complaint trigger fires) -> the complaint form;
// satisfied (in the question's "satisfied" set) with instant_thanks -> finished; otherwise the
// survey continues on its first page with the answer filled in.
FirstTapOutcome KioskFirstTap(const Survey& survey, const KioskSettings& s, KioskFlow* f, Session* session, int value,
                              int64_t now_ms);

// The flags of the response being stored now ("burst", "partial"), and the record of it.
std::vector<std::string> KioskResponseFlags(const KioskFlow& f, bool partial);
void KioskOnResponseStored(KioskFlow* f, int64_t now_ms);

} // namespace manyi
