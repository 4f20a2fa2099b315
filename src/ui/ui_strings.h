// The widget's own words (not the survey's), in the locales the widget ships.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

enum class UiString
{
    Submit, Saving, SaveFailed, RequiredMissing, Reference, StoredOnDevice, WaitingToSend,
    NewResponse, SurveyUnavailable, Loading, StorageUnavailable, Required, Optional, CharactersLeft, Next, Back, ComplaintReference, ContactPrivacy, ChooseRange, ChooseAtMost, ChooseAtLeast,
    DraftRestored, StartOver, StoragePersistent, StorageNotPersistent, PasteTruncated,
    KioskTapToStart, KioskStillThere, KioskContinue, KioskBackToStart, KioskOneTap, StoredOnDeviceOne,
    Count_
};

// zh-CN for any "zh*" locale, English otherwise.
const char* Tr(UiString s, std::string_view locale);

// "中文" for "zh", "English" for "en"; nullptr for a language without a name here.
const char* LanguageDisplayName(std::string_view language);

// Every string above in every locale (for the font atlas).
std::vector<std::string> AllUiStrings();

} // namespace manyi
