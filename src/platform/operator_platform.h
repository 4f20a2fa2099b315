// The operator panel's browser functions (src/platform/operator_platform.js).
#pragma once

extern "C" {
// Writes `value` under `key` in the operator database's `store` ("settings" or "followups"),
// durability "strict"; "" deletes. Answered by manyi_on_operator_written(request_id, ok, error).
void manyi_js_operator_put(int request_id, const char* store, const char* key, const char* value);
void manyi_js_operator_timer(double ms); // one frame after ms; a new call replaces it, < 0 cancels
// Fetches a survey URL (relative to the page) as the loader would; answered by
// manyi_on_survey_checked(fetched, the absolute URL, text or the reason it could not be fetched).
void manyi_js_operator_check_survey(const char* url);
}
