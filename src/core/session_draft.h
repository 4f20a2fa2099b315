// A survey left half-filled, kept on the device so that a reload or a crash resumes where the
// respondent was (docs/decisions.md D11). Plain JSON, one draft per widget journal and survey.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/survey.h"
#include "core/survey_session.h"

namespace manyi {

constexpr const char* kDraftFormat = "manyi.draft/1";

// Nothing worth keeping: no answer given yet (a draft of an untouched survey would only bring
// back the page the respondent never used).
bool SessionHasAnswers(const Session& session);

std::string SessionDraftToJson(const Survey& survey, const Session& session, int64_t saved_ms);

// Restores a draft of this survey (same id and version) saved at most max_age_ms before now_ms.
// Checked as hostile input: wrong format, another survey or version, an answer of the wrong kind
// for its question, a page out of range, or a stale draft are refused with *why set and *out
// untouched. Unknown question ids are ignored (their answers cannot be shown).
bool SessionDraftFromJson(const Survey& survey, std::string_view json, int64_t now_ms, int64_t max_age_ms, Session* out,
                          std::string* why);

} // namespace manyi
