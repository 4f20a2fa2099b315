// The operator dashboard: the scores of the responses stored on this device, drawn from a
// ScoreReport (plain data the app computes; the screen never touches the store).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/scores.h"
#include "core/survey.h"
#include "ui/fonts.h"
#include "ui/semantics.h"

namespace manyi {

// The time windows the operator can pick, in local days (the browser's UTC offset).
enum class DashboardWindow { Today, Days7, Days30, All };
constexpr int kDashboardWindowCount = 4;
const char* DashboardWindowName(DashboardWindow w); // "today", "7d", "30d", "all"

struct DashboardView
{
    bool            shown = false;
    DashboardWindow window = DashboardWindow::Days7;
    std::string     version;           // the survey version shown; "" = every version
    bool            has_report = false;
    ScoreReport     report;            // of `window`, recomputed by the app (never per frame)
    double          compute_ms = 0;    // how long the last ComputeScores took
    float           top = 0;           // CSS px left free above it (the operator panel's tab bar)
};

enum class DashboardExport { None, ScoresCsv, ScoresJson, ResponsesCsv, ResponsesJson };

struct DashboardActions
{
    bool            window_changed = false;
    DashboardWindow window = DashboardWindow::Days7;
    bool            version_changed = false;
    std::string     version;           // "" = every version
    DashboardExport export_kind = DashboardExport::None;
};

// Draws the dashboard as a full-size page; sets *scroll_max_y like the survey screens.
void DrawDashboard(const DashboardView& d, const Survey& survey, const std::string& locale, const FontSet& fonts,
                   Semantics* sem, DashboardActions* actions, float* scroll_max_y);

// Every label the dashboard may draw, in all locales (for the font atlas).
std::vector<std::string> DashboardUiStrings(const Survey& survey);

} // namespace manyi
