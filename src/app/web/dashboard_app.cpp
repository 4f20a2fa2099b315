// Scores for JavaScript (stats(), exportCsv(), exportJson()) and the dashboard's data: the app runs
// ComputeScores over its store and hands the screen a ScoreReport. The report is recomputed when
// the dashboard opens, when its window changes and, at most once a second, after new responses
// arrive while it is shown: never per frame (100,000 responses take a large part of a second).
#include <emscripten/emscripten.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/web/widget_app.h"
#include "core/export_name.h"
#include "core/score_csv.h"
#include "core/scores.h"
#include "platform/browser.h"

namespace manyi {

static constexpr double kDashboardRefreshGapMs = 1000;

// {from, to, version, utcOffsetMinutes, minN}: times in Unix ms (the loader converts ISO strings),
// null or absent = open; utcOffsetMinutes defaults to the browser's (given at mount).
static ScoreQuery QueryFromJson(const char* json)
{
    ScoreQuery q;
    q.utc_offset_minutes = g_app.utc_offset_minutes;
    nlohmann::json j = nlohmann::json::parse(json ? json : "{}", nullptr, false);
    if (!j.is_object()) return q;
    auto ms = [&](const char* key) -> int64_t {
        return j.contains(key) && j[key].is_number() ? (int64_t)j[key].get<double>() : 0;
    };
    q.from_ms = ms("from");
    q.to_ms = ms("to");
    if (j.contains("version") && j["version"].is_string()) q.survey_version = j["version"].get<std::string>();
    if (j.contains("utcOffsetMinutes") && j["utcOffsetMinutes"].is_number())
        q.utc_offset_minutes = std::clamp(j["utcOffsetMinutes"].get<int>(), -14 * 60, 14 * 60);
    if (j.contains("minN") && j["minN"].is_number()) q.min_n = std::max(0, j["minN"].get<int>());
    return q;
}

// The window's query: local days at the browser's UTC offset; "7 days" is today and the 6 before;
// the version chosen ("" = every version).
static ScoreQuery WindowQuery(DashboardWindow w, const std::string& version)
{
    ScoreQuery q;
    q.utc_offset_minutes = g_app.utc_offset_minutes;
    q.survey_version = version;
    if (w == DashboardWindow::All) return q;
    const int64_t day = 86400000, offset = (int64_t)q.utc_offset_minutes * 60000;
    int64_t local = NowMs() + offset;
    int64_t today_start = (local >= 0 ? local / day : (local - day + 1) / day) * day - offset;
    int days_back = w == DashboardWindow::Today ? 0 : w == DashboardWindow::Days7 ? 6 : 29;
    q.from_ms = today_start - days_back * day;
    return q;
}

static void RecomputeDashboard()
{
    WidgetApp& app = g_app;
    DashboardView& d = app.view.dashboard;
    double t0 = emscripten_get_now();
    d.report = ComputeScores(app.survey, app.store, WindowQuery(d.window, d.version));
    d.compute_ms = emscripten_get_now() - t0;
    d.has_report = true;
    app.dashboard_stale = false;
    app.dashboard_computed_ms = (double)NowMs();
    RequestFrames(3);
}

void MarkDashboardStale()
{
    WidgetApp& app = g_app;
    app.dashboard_stale = true;
    if (!app.view.dashboard.shown) return;
    double wait = app.dashboard_computed_ms + kDashboardRefreshGapMs - (double)NowMs();
    if (wait <= 0) RequestFrames(1);
    else manyi_js_request_frame_after(wait);
}

void DashboardBeforeFrame()
{
    WidgetApp& app = g_app;
    if (!app.view.dashboard.shown || !app.survey_ok || !app.dashboard_stale) return;
    double wait = app.dashboard_computed_ms + kDashboardRefreshGapMs - (double)NowMs();
    if (wait <= 0) RecomputeDashboard();
    else manyi_js_request_frame_after(wait);
}

void ShowDashboard(bool shown)
{
    WidgetApp& app = g_app;
    DashboardView& d = app.view.dashboard;
    if (d.shown == shown) return;
    d.shown = shown;
    if (shown)
    {
        if (app.view.editing_text >= 0)
        {
            app.view.editing_text = -1;
            manyi_js_text_field_hide();
        }
        // Opened: always fresh, at once (the throttle is for responses arriving while it is shown).
        app.dashboard_stale = true;
        app.dashboard_computed_ms = 0;
    }
    RequestFrames(3);
}

static std::string ExportText(const std::string& kind, const std::string& format, const ScoreQuery& q, const char** mime)
{
    WidgetApp& app = g_app;
    if (format == "csv")
    {
        *mime = "text/csv;charset=utf-8";
        if (kind == "responses") return ResponsesToCsv(app.survey, app.store, q);
        return ScoresToCsv(ComputeScores(app.survey, app.store, q));
    }
    *mime = "application/json";
    if (kind == "responses")
    {
        // The stored payloads as they were sent (docs/response-format.md), oldest first.
        AnswerFilter f;
        f.survey_id = app.survey.id;
        f.survey_version = q.survey_version;
        f.from_ms = q.from_ms;
        f.to_ms = q.to_ms;
        std::string out = "[";
        for (const StoredResponse& r : app.store.ListResponses(f))
        {
            if (out.size() > 1) out += ",\n";
            out += r.payload_json;
        }
        return out + "]\n";
    }
    return ScoreReportToJson(ComputeScores(app.survey, app.store, q));
}

void HandleDashboardActions(const DashboardActions& a)
{
    WidgetApp& app = g_app;
    DashboardView& d = app.view.dashboard;
    if (a.window_changed || a.version_changed)
    {
        if (a.window_changed) d.window = a.window;
        if (a.version_changed) d.version = a.version;
        RecomputeDashboard();
    }
    if (a.export_kind != DashboardExport::None)
    {
        const DashboardExport k = a.export_kind;
        std::string kind = k == DashboardExport::ResponsesCsv || k == DashboardExport::ResponsesJson ? "responses" : "scores";
        std::string format = k == DashboardExport::ScoresJson || k == DashboardExport::ResponsesJson ? "json" : "csv";
        const char* mime = "";
        const ScoreQuery q = WindowQuery(d.window, d.version);
        std::string text = ExportText(kind, format, q, &mime);
        std::string name = ExportFileName(app.survey.id, kind, format, q, app.store, NowMs());
        manyi_js_download(name.c_str(), mime, text.data(), (int)text.size());
    }
}

} // namespace manyi

using namespace manyi;

extern "C" {

// The report (docs/scores.md, "manyi.scores/1") of the widget's survey over its store.
EMSCRIPTEN_KEEPALIVE const char* manyi_stats_json(const char* query_json)
{
    WidgetApp& app = g_app;
    if (!app.survey_ok) return "null";
    app.json_out = ScoreReportToJson(ComputeScores(app.survey, app.store, QueryFromJson(query_json)));
    return app.json_out.c_str();
}

// kind "scores" | "responses", format "csv" | "json".
EMSCRIPTEN_KEEPALIVE const char* manyi_export(const char* kind, const char* format, const char* query_json)
{
    WidgetApp& app = g_app;
    if (!app.survey_ok) return "";
    const char* mime = "";
    app.json_out = ExportText(kind ? kind : "", format ? format : "", QueryFromJson(query_json), &mime);
    return app.json_out.c_str();
}

// The file name of that export (docs/scores.md, "Export files"): w.download() and the operator
// panel name their files as the dashboard does.
EMSCRIPTEN_KEEPALIVE const char* manyi_export_name(const char* kind, const char* format, const char* query_json)
{
    static std::string name;
    WidgetApp& app = g_app;
    if (!app.survey_ok) return "";
    name = ExportFileName(app.survey.id, kind ? kind : "", format ? format : "", QueryFromJson(query_json), app.store, NowMs());
    return name.c_str();
}

// w.showDashboard(true|false), and the mount option view: 'dashboard'.
EMSCRIPTEN_KEEPALIVE void manyi_show_dashboard(int shown) { ShowDashboard(shown != 0); }

} // extern "C"
