// Wrapped text drawn through the core line breaker (core/line_break.h) instead of ImGui's own
// wrap, which breaks only at blanks and ASCII punctuation. Measuring and drawing share the same
// lines, so an item's height always matches what is drawn in it.
#pragma once
#include <string_view>
#include <vector>

#include "core/line_break.h"
#include "imgui.h"

namespace manyi {

// The lines of `text` in `font` at `size` px wrapped to `width` px. `text` must be valid UTF-8
// (ValidUtf8 below); the byte ranges index it.
void WrapLines(ImFont* font, float size, std::string_view text, float width, std::vector<TextLine>* out);

// `text`, or a copy in *storage with bad UTF-8 replaced by U+FFFD: ImGui's decoder reads bad bytes
// in bigger pieces than the breaker does, and both must see the same characters.
std::string_view ValidUtf8(std::string_view text, std::string* storage);

// Widest line (rounded up, as ImGui::CalcTextSize) by the height of all lines; empty text is one
// line high, as in ImGui.
ImVec2 MeasureWrapped(ImFont* font, float size, std::string_view text, float width);

// Draws `text` wrapped to `width` from `pos`; `align` places each line: 0 left, 0.5 centred.
// Returns the size MeasureWrapped gives.
ImVec2 DrawWrapped(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text,
                   float width, float align = 0.0f);

// ImGui::TextWrapped through the breaker: the current font, size and text colour, wrapped at the
// current text wrap position (the window's edge when none is set), laid out as one item.
void WrappedText(std::string_view text);

} // namespace manyi
