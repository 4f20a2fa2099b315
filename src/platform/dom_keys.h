// DOM KeyboardEvent.key names to ImGui keys.
#pragma once
#include "imgui.h"

namespace manyi {

// ImGuiKey_None for keys the widget does not use (they are then left to the browser).
ImGuiKey ImGuiKeyFromDomKey(const char* key);

} // namespace manyi
