// The survey's own widgets, drawn with ImDrawList and recorded in the semantics tree.
#pragma once
#include <string>
#include <string_view>

#include "imgui.h"
#include "ui/semantics.h"

namespace manyi {

SemanticsRect ItemSemanticsRect(); // the last item's rect, in canvas CSS pixels

// Wrapped text (heading, paragraph, note) that is also recorded as a semantics node.
void TextBlock(Semantics* sem, const char* id, const char* role, std::string_view text, ImFont* font, ImU32 color);

// The wrapped height of a grade's label in the list layout of a button `width` wide.
float GradeListLabelHeight(int value, std::string_view label, float width);

// One grade of a rating scale; returns true when pressed.
bool GradeButton(const char* id, int value, std::string_view label, bool selected, ImU32 color, ImVec2 size, bool compact);

// The resting look of a text box (the DOM field does the editing on top of it).
// Returns true when activated from the keyboard (a tap goes straight to the DOM field).
bool TextBoxFrame(const char* id, std::string_view value, std::string_view placeholder, ImVec2 size, bool editing);

// A large primary button; disabled buttons draw muted and never return true.
bool PrimaryButton(const char* id, std::string_view label, float width, bool enabled);

// Draws `text` centred in [min,max] horizontally, wrapped to the box width.
void CenteredWrappedText(ImDrawList* dl, ImFont* font, float size, ImVec2 min, ImVec2 max, ImU32 color, std::string_view text);

} // namespace manyi
