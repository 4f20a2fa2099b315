#include "core/kiosk_settings.h"

#include <nlohmann/json.hpp>

namespace manyi {

using Json = nlohmann::json;
constexpr const char* kKioskSettingsFormat = "manyi.kiosk-settings/1";

static bool Fail(std::string* error, std::string message)
{
    if (error) *error = std::move(message);
    return false;
}

static bool ReadInt(const Json& j, const char* key, KioskSettingRange range, int* out, std::string* error)
{
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_number_integer())
        return Fail(error, std::string(key) + ": must be a whole number of seconds");
    long long v = it->get<long long>();
    if (v < range.min || v > range.max)
        return Fail(error, std::string(key) + ": must be between " + std::to_string(range.min) + " and " + std::to_string(range.max));
    *out = (int)v;
    return true;
}

static bool ReadBool(const Json& j, const char* key, bool* out, std::string* error)
{
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_boolean()) return Fail(error, std::string(key) + ": must be true or false");
    *out = it->get<bool>();
    return true;
}

static bool ReadString(const Json& j, const char* key, size_t max, std::string* out, std::string* error)
{
    auto it = j.find(key);
    if (it == j.end()) return true;
    if (!it->is_string()) return Fail(error, std::string(key) + ": must be text");
    if (it->get_ref<const std::string&>().size() > max)
        return Fail(error, std::string(key) + ": at most " + std::to_string(max) + " bytes");
    *out = it->get<std::string>();
    return true;
}

bool KioskSettingsFromJson(std::string_view json, KioskSettings* out, std::string* error)
{
    Json j = Json::parse(json, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        return Fail(error, "kiosk settings: not a JSON object");
    if (j.contains("format") && j["format"] != kKioskSettingsFormat)
        return Fail(error, std::string("format: expected ") + kKioskSettingsFormat);
    KioskSettings s;
    std::string abandoned = s.abandoned == AbandonedPolicy::Discard ? "discard" : "save-partial";
    bool ok = ReadString(j, "device_name", 64, &s.device_name, error) && ReadString(j, "survey_url", 2048, &s.survey_url, error) &&
              ReadString(j, "locale", 35, &s.locale, error) && ReadBool(j, "first_tap", &s.first_tap, error) &&
              ReadBool(j, "instant_thanks", &s.instant_thanks, error) && ReadBool(j, "attract", &s.attract, error) &&
              ReadInt(j, "thanks_reset_s", kThanksResetRange, &s.thanks_reset_s, error) &&
              ReadInt(j, "complaint_thanks_reset_s", kComplaintThanksResetRange, &s.complaint_thanks_reset_s, error) &&
              ReadInt(j, "idle_timeout_s", kIdleTimeoutRange, &s.idle_timeout_s, error) &&
              ReadInt(j, "countdown_s", kCountdownRange, &s.countdown_s, error) &&
              ReadInt(j, "attract_after_s", kAttractAfterRange, &s.attract_after_s, error) &&
              ReadInt(j, "burst_window_s", kBurstWindowRange, &s.burst_window_s, error) &&
              ReadBool(j, "burst_in_scores", &s.burst_in_scores, error) &&
              ReadString(j, "abandoned", 16, &abandoned, error);
    if (!ok) return false;
    if (abandoned == "discard") s.abandoned = AbandonedPolicy::Discard;
    else if (abandoned == "save-partial") s.abandoned = AbandonedPolicy::SavePartial;
    else return Fail(error, "abandoned: must be \"discard\" or \"save-partial\"");
    *out = std::move(s);
    return true;
}

std::string KioskSettingsToJson(const KioskSettings& s)
{
    nlohmann::ordered_json j;
    j["format"] = kKioskSettingsFormat;
    j["device_name"] = s.device_name;
    j["survey_url"] = s.survey_url;
    j["locale"] = s.locale;
    j["first_tap"] = s.first_tap;
    j["instant_thanks"] = s.instant_thanks;
    j["attract"] = s.attract;
    j["thanks_reset_s"] = s.thanks_reset_s;
    j["complaint_thanks_reset_s"] = s.complaint_thanks_reset_s;
    j["idle_timeout_s"] = s.idle_timeout_s;
    j["countdown_s"] = s.countdown_s;
    j["attract_after_s"] = s.attract_after_s;
    j["abandoned"] = s.abandoned == AbandonedPolicy::Discard ? "discard" : "save-partial";
    j["burst_window_s"] = s.burst_window_s;
    j["burst_in_scores"] = s.burst_in_scores;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace manyi
