// The kiosk operator panel's data (docs/operator-guide.md): the follow-up list of complaints that
// asked for a callback, the counts of flagged responses, and the follow-up record as stored in the
// operator database ("manyi-kiosk", store "followups": one JSON record per response id).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/response_store.h"
#include "core/survey.h"

namespace manyi {

// A complaint whose respondent consented to a callback: what staff need to call back. Contact
// details are personal data, shown only in the operator panel.
struct CallbackComplaint
{
    std::string response_id;
    std::string reference;     // "ABCD-EFGH2"
    int64_t     created_ms = 0;
    std::string type;          // the chosen type's label, in the respondent's language
    std::string text;          // what happened, and what they wish for
    std::string contact;       // name, phone, e-mail (those given), joined with " · "
    std::string when;          // preferred channel and time, if given
    bool        has_followup = false;
    FollowUp    followup;      // response_id set even when has_followup is false
};

struct OperatorOverview
{
    int64_t responses = 0;
    int64_t burst = 0, partial = 0; // responses flagged so (docs/response-format.md, "flags")
    std::vector<CallbackComplaint> callbacks; // newest first
};

// One pass over the survey's stored payloads (a few ms per thousand; computed when the panel
// opens and after changes, never per frame).
OperatorOverview BuildOperatorOverview(const Survey& survey, const ResponseStore& store);

// {"format":"manyi.followup/1","response_id":…,"state":"open|contacted|resolved","updated_ms":…,
//  "contacted_ms":…,"resolved_ms":…,"satisfaction":0..7,"satisfaction_points":0|5|7,"note":…}
std::string FollowUpToJson(const FollowUp& f);
// Strict on shape and ranges (a record is hostile input); note at most 2000 bytes.
bool FollowUpFromJson(std::string_view json, FollowUp* out, std::string* error);

} // namespace manyi
