#include "platform/dom_keys.h"

#include <cstring>

namespace manyi {

struct DomKeyName { const char* name; ImGuiKey key; };

// Printable keys arrive lower-cased (see domKeyName in manyi_platform.js), so "a" covers "A".
static const DomKeyName kKeys[] = {
    { "Tab", ImGuiKey_Tab }, { "ArrowLeft", ImGuiKey_LeftArrow }, { "ArrowRight", ImGuiKey_RightArrow },
    { "ArrowUp", ImGuiKey_UpArrow }, { "ArrowDown", ImGuiKey_DownArrow }, { "PageUp", ImGuiKey_PageUp },
    { "PageDown", ImGuiKey_PageDown }, { "Home", ImGuiKey_Home }, { "End", ImGuiKey_End },
    { "Insert", ImGuiKey_Insert }, { "Delete", ImGuiKey_Delete }, { "Backspace", ImGuiKey_Backspace },
    { " ", ImGuiKey_Space }, { "Enter", ImGuiKey_Enter }, { "Escape", ImGuiKey_Escape },
    { "Control", ImGuiKey_LeftCtrl }, { "Shift", ImGuiKey_LeftShift }, { "Alt", ImGuiKey_LeftAlt },
    { "Meta", ImGuiKey_LeftSuper }, { "a", ImGuiKey_A }, { "c", ImGuiKey_C }, { "v", ImGuiKey_V },
    { "x", ImGuiKey_X }, { "y", ImGuiKey_Y }, { "z", ImGuiKey_Z },
};

ImGuiKey ImGuiKeyFromDomKey(const char* key)
{
    for (const DomKeyName& k : kKeys)
        if (strcmp(k.name, key) == 0)
            return k.key;
    return ImGuiKey_None;
}

} // namespace manyi
