// Built-in texts shared by the survey parser and model (internal to the core).
#pragma once
#include "core/localized_text.h"

namespace manyi {

// A built-in text in Chinese ("zh-CN", found for any zh-* locale) and English ("en").
LocalizedText ZhEn(const char* zh, const char* en);

} // namespace manyi
