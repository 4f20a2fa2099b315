// Generic answer widgets, independent of the survey model: they take labels and the current
// value, draw, record semantics, and report the respondent's change. Every target is at least
// kMinTouchTarget CSS pixels tall.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"
#include "ui/semantics.h"

namespace manyi {

constexpr float kMinTouchTarget = 48.0f;

// A vertical list of radio buttons (multi=false) or checkboxes (multi=true). `checked` has one
// entry per label. Returns the index that was toggled, or -1.
// Semantics ids are id_prefix + "/" + value.
int ChoiceList(Semantics* sem, const std::string& id_prefix, const std::vector<std::string>& labels,
               const std::vector<std::string>& values, const std::vector<bool>& checked, bool multi, float width);

// A single checkbox with a wrapped label (consent). Returns true when toggled.
bool CheckBox(Semantics* sem, const std::string& id, std::string_view label, bool checked, float width);

// Stars 1..points; returns the star pressed (1-based) or 0.
int StarRow(Semantics* sem, const std::string& id_prefix, int points, int value, const std::vector<std::string>& labels, float width);

// Faces from sad to happy, one per point; returns the pressed point (1-based) or 0.
int SmileyRow(Semantics* sem, const std::string& id_prefix, int points, int value, const std::vector<std::string>& labels,
              float width);

// A row of numbered buttons first..last (NPS 0–10, CES 1–7) with the end labels under the row.
// Narrow layouts wrap the buttons onto two rows. Returns the value pressed, or INT_MIN.
// The kiosk's first screen: big faces, one tap each; returns the grade tapped (1..points) or 0.
int BigFaceRow(Semantics* sem, const std::string& id_prefix, int points, const std::vector<std::string>& labels, float width);

int NumberScale(Semantics* sem, const std::string& id_prefix, int first, int last, int value, std::string_view low_label,
                std::string_view high_label, float width);

// Progress through pages: a thin bar and "2 / 4".
void ProgressBar(Semantics* sem, int page_index, int page_count, float width);

// A secondary (outlined) button; returns true when pressed.
bool SecondaryButton(const char* id, std::string_view label, float width);

} // namespace manyi
