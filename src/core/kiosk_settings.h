// What an operator sets on a kiosk (docs/operator-guide.md, "Kiosk settings"): plain data, read
// from and written to JSON (format manyi.kiosk-settings/1), every number checked against a range
// so a hand-edited or damaged file cannot make a kiosk unusable.
#pragma once
#include <string>
#include <string_view>

namespace manyi {

enum class AbandonedPolicy { Discard = 0, SavePartial = 1 };

struct KioskSettings
{
    std::string     device_name;              // "" = keep the mount option / generated id
    std::string     survey_url;               // "" = the page's survey
    std::string     locale;                   // "" = the survey's default language
    bool            first_tap = true;         // the first screen is the one-tap rating
    bool            instant_thanks = true;    // a satisfied first tap ends at once with a thank-you
    bool            attract = true;           // an attract screen while nobody is using the kiosk
    int             thanks_reset_s = 8;       // thank-you -> first screen
    int             complaint_thanks_reset_s = 30; // the same after a complaint: time to note the reference
    int             idle_timeout_s = 45;      // no touch for this long in a survey -> countdown
    int             countdown_s = 10;         // the visible warning before the reset
    int             attract_after_s = 120;    // first screen untouched this long -> attract screen
    AbandonedPolicy abandoned = AbandonedPolicy::Discard;
    int             burst_window_s = 4;       // a first tap this soon after the last response is flagged "burst"
    bool            burst_in_scores = false;  // burst responses count in the scores (from the next one stored)
};

// The ranges each number is kept in (inclusive), also shown in the operator panel.
struct KioskSettingRange { int min, max; };
constexpr KioskSettingRange kThanksResetRange { 2, 120 };
constexpr KioskSettingRange kComplaintThanksResetRange { 5, 300 };
constexpr KioskSettingRange kIdleTimeoutRange { 10, 900 };
constexpr KioskSettingRange kCountdownRange { 3, 60 };
constexpr KioskSettingRange kAttractAfterRange { 10, 3600 };
constexpr KioskSettingRange kBurstWindowRange { 0, 60 };

// Strict on types, lenient on absence: a missing key keeps its default. On failure *out is
// untouched and *error names the key.
bool KioskSettingsFromJson(std::string_view json, KioskSettings* out, std::string* error);
std::string KioskSettingsToJson(const KioskSettings& s);

} // namespace manyi
