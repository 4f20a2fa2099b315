// The operator dashboard (docs/scores.md for what every number means). Everything is laid out from
// the available width so one code path serves a 1280 px tablet and a 360 px phone: tiles flow in
// as many columns as fit, cards take two columns from 880 px. Every tile, bar, chart and button is
// a semantics node whose value is the number it shows, at the report's own precision, so tests
// (and later the accessible DOM mirror) read what is drawn.
#include "ui/dashboard.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "core/civil_time.h"
#include "imgui.h"
#include "imgui_internal.h" // ClearActiveID: a drag that became a scroll is not a tap
#include "ui/theme.h"
#include "ui/widgets.h"

namespace manyi {

// ---- words ----------------------------------------------------------------------------------------

enum class D
{
    Title, Today, Days7, Days30, All, ExportScoresCsv, ExportScoresJson, ExportResponsesCsv, ExportResponsesJson,
    Responses, Index, Rate, Nps, Ces, Csat, NotEnough, Interval, Margin, Detractors, Passives, Promoters,
    CesEasy, Mean, Distribution, Trend, Servqual, Overall, Kano, Feature, Category, Better, Worse,
    Attractive, OneDimensional, MustBe, Indifferent, Reverse, Questionable, Complaints, ByType, ByCause,
    Callback, Open, FollowedUp, FollowUpRate, NoResponses, ComputedIn, OfHundred, ResponsesInWindow,
    NoData, AllVersions, Version, MinN, IntervalPlain, IntervalMean, CesEasyCi, MeanRating, Tie, Yes, No, ShareHidden,
    IntervalPctShort, IntervalShort, Count_
};

struct DashPair { const char* zh; const char* en; };

static const DashPair kDash[] = {
    { "满意度看板", "Satisfaction dashboard" },
    { "今天", "Today" },
    { "近 7 天", "Last 7 days" },
    { "近 30 天", "Last 30 days" },
    { "全部", "All" },
    { "导出 CSV（评分）", "Export CSV (scores)" },
    { "导出 JSON（评分）", "Export JSON (scores)" },
    { "导出 CSV（回答）", "Export CSV (responses)" },
    { "导出 JSON（回答）", "Export JSON (responses)" },
    { "回答数", "Responses" },
    { "满意度指数", "Satisfaction index" },
    { "满意率", "Satisfaction rate" },
    { "净推荐值 NPS", "Net Promoter Score" },
    { "客户费力度 CES", "Customer effort (CES)" },
    { "CSAT 前两项", "CSAT top-2-box" },
    { "样本不足", "Not enough answers" },
    { "95%% 区间 %.1f–%.1f%%", "95%% CI %.1f–%.1f%%" },
    { "误差 ±%.1f", "margin ±%.1f" },
    { "贬损者", "Detractors" },
    { "被动者", "Passives" },
    { "推荐者", "Promoters" },
    { "容易 %.1f%%（5–7 分）", "easy %.1f%% (5–7)" },
    { "平均", "mean" },
    { "分布", "Distribution" },
    { "每日趋势", "Daily trend" },
    { "SERVQUAL 差距（感知 − 期望）", "SERVQUAL gap (perception − expectation)" },
    { "总体", "Overall" },
    { "KANO 分类", "KANO categories" },
    { "功能", "Feature" },
    { "类别", "Category" },
    { "Better", "Better" },
    { "Worse", "Worse" },
    { "魅力", "Attractive" },
    { "期望", "One-dimensional" },
    { "必备", "Must-be" },
    { "无差异", "Indifferent" },
    { "反向", "Reverse" },
    { "可疑", "Questionable" },
    { "投诉", "Complaints" },
    { "按类型", "By type" },
    { "按原因", "By cause" },
    { "要求回访", "Asked for a callback" },
    { "待回访", "Open" },
    { "已回访", "Followed up" },
    { "回访率", "Follow-up rate" },
    { "此时段没有回答", "No responses in this period" },
    { "计算用时 %.0f ms", "computed in %.0f ms" },
    { "/ 100", "/ 100" },
    { "此时段 %lld 份回答", "%lld responses in this period" },
    { "无数据", "no data" },
    { "全部版本", "All versions" },
    { "版本 %s", "Version %s" },
    { "评分至少需要 %d 份回答，不足时不显示数值", "scores need at least %d answers; below that no number is shown" },
    { "95%% 区间 %.1f–%.1f", "95%% CI %.1f–%.1f" },
    { "95%% 区间 %.2f–%.2f", "95%% CI %.2f–%.2f" },
    { "容易 %.0f%%（%.0f–%.0f%%）", "easy %.0f%% (%.0f–%.0f%%)" },
    { "平均分", "Mean rating" },
    { "* 并列：按 M > O > A > I > R 取", "* tie, decided M > O > A > I > R" },
    { "是", "Yes" },
    { "否", "No" },
    { "（样本不足，不显示比例）", "(too few answers for shares)" },
    { "95%% 区间 %.0f–%.0f%%", "95%% CI %.0f–%.0f%%" },
    { "95%% 区间 %.0f–%.0f", "95%% CI %.0f–%.0f" },
};
static_assert(sizeof(kDash) / sizeof(kDash[0]) == (size_t)D::Count_, "one pair per dashboard string");

static bool IsZh(const std::string& locale)
{
    return locale.size() >= 2 && (locale[0] == 'z' || locale[0] == 'Z') && (locale[1] == 'h' || locale[1] == 'H');
}

static const char* T(D s, const std::string& locale) { return IsZh(locale) ? kDash[(int)s].zh : kDash[(int)s].en; }

static std::string Fmt(const char* fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

// A number as the report JSON rounds it (4 decimals), without trailing zeros: the semantics value.
static std::string Num(double v)
{
    std::string s = Fmt("%.4f", std::round(v * 10000.0) / 10000.0 + 0.0);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.'))
    {
        bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s == "-0" ? "0" : s;
}

const char* DashboardWindowName(DashboardWindow w)
{
    switch (w)
    {
    case DashboardWindow::Today: return "today";
    case DashboardWindow::Days7: return "7d";
    case DashboardWindow::Days30: return "30d";
    case DashboardWindow::All: return "all";
    }
    return "all";
}

std::vector<std::string> DashboardUiStrings(const Survey& survey)
{
    std::vector<std::string> out;
    for (const DashPair& p : kDash)
    {
        out.push_back(p.zh);
        out.push_back(p.en);
    }
    out.push_back("±−–·%▲▼"); // symbols drawn between numbers
    for (int d = 0; d < kServqualDimensionCount; d++)
    {
        LocalizedText t = ServqualDimensionLabel((ServqualDimension)d);
        for (const std::string& loc : survey.locales) out.push_back(t.Get(loc));
        out.push_back(t.Get("zh-CN"));
        out.push_back(t.Get("en"));
    }
    return out;
}

// ---- drawing helpers --------------------------------------------------------------------------------

struct Ctx
{
    const Survey&      survey;
    const std::string& locale;
    const FontSet&     fonts;
    Semantics*         sem;
    int                min_n = 0; // the report's: below it a share is withheld like any score
};

static ImVec2 TextSize(ImFont* f, float size, const std::string& s) { return f->CalcTextSizeA(size, FLT_MAX, 0, s.c_str()); }

static void Text(ImFont* f, float size, ImVec2 pos, ImU32 col, const std::string& s)
{
    ImGui::GetWindowDrawList()->AddText(f, size, pos, col, s.c_str());
}

// Text cut with "…" to `width`, so a long label never runs into the bar beside it.
static std::string Fit(ImFont* f, float size, const std::string& s, float width)
{
    if (TextSize(f, size, s).x <= width) return s;
    std::string out = s;
    while (!out.empty() && TextSize(f, size, out + "…").x > width)
    {
        // Whole code points: the continuation bytes, then the lead byte.
        while (!out.empty() && ((unsigned char)out.back() & 0xC0) == 0x80) out.pop_back();
        if (!out.empty()) out.pop_back();
    }
    return out + "…";
}

static SemanticsRect Rect(ImVec2 a, ImVec2 b) { return { a.x, a.y, b.x - a.x, b.y - a.y }; }

static float SmallPx(const Ctx& c) { return c.fonts.small->FontSize; }
static float BodyPx(const Ctx& c) { return c.fonts.body->FontSize; }
static float HeadPx(const Ctx& c) { return c.fonts.heading->FontSize; }

static std::string QuestionTitle(const Ctx& c, const std::string& id)
{
    const Question* q = FindQuestion(c.survey, id);
    std::string t = q ? q->title.Get(c.locale) : id;
    return t.empty() ? id : t;
}

static std::string OptionLabel(const Ctx& c, const std::string& question_id, const std::string& value)
{
    if (const Question* q = FindQuestion(c.survey, question_id))
        for (const Choice& o : q->options)
            if (o.value == value) return o.label.Get(c.locale);
    return value;
}

// A button in the dashboard's style: outlined, filled with the accent when `selected`.
static bool DashButton(const char* id, const std::string& label, float width, float height, bool selected, ImFont* font)
{
    bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
    bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, selected ? theme::kAccent : hovered ? theme::kPanel : theme::kPaper, 8.0f);
    dl->AddRect(a, b, selected ? theme::kAccent : theme::kLine, 8.0f, 0, 1.5f);
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), theme::kAccent, 11.0f, 0, 2.0f);
    float fs = font->FontSize;
    std::string shown = Fit(font, fs, label, width - 12);
    ImVec2 ts = TextSize(font, fs, shown);
    Text(font, fs, ImVec2(a.x + (width - ts.x) * 0.5f, a.y + (height - ts.y) * 0.5f), selected ? theme::kPaper : theme::kInk, shown);
    return pressed;
}

// Buttons side by side while they fit, each as wide as the widest label; otherwise one per row
// pair (two columns) or full width: a row of tappable targets at any width.
static int FlowColumns(const Ctx& c, const std::vector<std::string>& labels, float avail, float gap)
{
    float w = 0;
    for (const std::string& l : labels) w = std::max(w, TextSize(c.fonts.small, SmallPx(c), l).x + 28.0f);
    int n = (int)labels.size();
    for (int cols = n; cols > 1; cols--)
        if (cols * w + (cols - 1) * gap <= avail && n % cols == 0) return cols;
    return (2 * w + gap <= avail) ? 2 : 1;
}

// ---- cards ----------------------------------------------------------------------------------------

// A card: a titled panel whose background is drawn after its content (channel 0), so its height
// follows what is in it.
struct Card
{
    ImVec2 start;
    float  width = 0;
};

static Card BeginCard(const Ctx& c, const std::string& title, float width)
{
    Card card;
    card.start = ImGui::GetCursorScreenPos();
    card.width = width;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(width, 6));
    ImGui::Indent(14);
    Text(c.fonts.body, BodyPx(c), ImGui::GetCursorScreenPos(), theme::kInk, Fit(c.fonts.body, BodyPx(c), title, width - 28));
    ImGui::Dummy(ImVec2(width - 28, BodyPx(c) + 2));
    return card;
}

static void EndCard(const Card& card)
{
    ImGui::Dummy(ImVec2(card.width - 28, 4));
    ImGui::Unindent(14);
    ImGui::EndGroup();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float bottom = ImGui::GetItemRectMax().y;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(card.start, ImVec2(card.start.x + card.width, bottom), theme::kPaper, theme::kRounding);
    dl->AddRect(card.start, ImVec2(card.start.x + card.width, bottom), theme::kLine, theme::kRounding);
    dl->ChannelsMerge();
}

// The inner width of a card and where its content starts.
static float Inner(const Card& card) { return card.width - 28; }

// Places cards in `columns` columns: call before each card.
struct Grid
{
    int   columns = 1, index = 0;
    float gap = 12, width = 0, x0 = 0;
    float CardWidth() const { return (width - gap * (columns - 1)) / columns; }
    void  Next()
    {
        if (index % columns != 0) ImGui::SameLine(0, gap);
        else if (index > 0) ImGui::Dummy(ImVec2(0, gap - ImGui::GetStyle().ItemSpacing.y));
        index++;
    }
};

// One horizontal bar: label, bar scaled to `max_count`, the count, and its share of `total` only
// when `show_share` (the share is a proportion: below min n it is not shown as a number).
static void BarRow(const Ctx& c, const std::string& id, const std::string& label, int64_t count, int64_t total, int64_t max_count,
                   ImU32 color, float width, bool show_share)
{
    float fs = SmallPx(c), h = fs + 10;
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    float label_w = std::min(width * 0.36f, 190.0f);
    float value_w = TextSize(c.fonts.small, fs, "9999 · 100%").x + 8;
    float bar_w = std::max(20.0f, width - label_w - value_w - 8);
    Text(c.fonts.small, fs, ImVec2(a.x, a.y + 5), theme::kInk, Fit(c.fonts.small, fs, label, label_w - 6));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 b0(a.x + label_w, a.y + 4), b1(b0.x + bar_w, a.y + h - 4);
    dl->AddRectFilled(b0, b1, theme::kPanel, 3.0f);
    float f = max_count > 0 ? (float)count / (float)max_count : 0.0f;
    if (count > 0) dl->AddRectFilled(b0, ImVec2(b0.x + std::max(2.0f, bar_w * f), b1.y), color, 3.0f);
    show_share = show_share && total > 0;
    std::string v = show_share ? Fmt("%lld · %.0f%%", (long long)count, 100.0 * count / total) : Fmt("%lld", (long long)count);
    Text(c.fonts.small, fs, ImVec2(b1.x + 8, a.y + 5), theme::kInkMuted, v);
    c.sem->Add(id, "bar", label, std::to_string(count), Rect(a, ImVec2(a.x + width, a.y + h)));
    if (show_share) c.sem->Add(id + "/share", "text", label, Num((double)count / (double)total), Rect(a, ImVec2(a.x + width, a.y + h)));
}

// ---- tiles ----------------------------------------------------------------------------------------

struct Tile
{
    std::string id, label, sub;                // sub: the question the score is of
    bool        insufficient = true;
    int64_t     n = 0;
    std::string big, big_suffix, line1, line2; // as drawn
    std::string line1_short;                   // line1 rounded further, for a tile too narrow for it
    std::string value;                         // semantics value ("insufficient" when withheld)
    std::vector<std::pair<std::string, std::string>> extra; // more semantics values: id suffix, value
    const NpsScores* nps = nullptr;            // draws the stacked bar and its legend
};

// The NPS legend's entries: a swatch, the group's name and its count.
struct LegendEntry
{
    std::string text;
    ImU32       color;
};

static std::vector<LegendEntry> NpsLegend(const Ctx& c, const NpsScores& s)
{
    return { { Fmt("%s %lld", T(D::Detractors, c.locale), (long long)s.detractors), GradeColor(0, 3) },
             { Fmt("%s %lld", T(D::Passives, c.locale), (long long)s.passives), GradeColor(1, 3) },
             { Fmt("%s %lld", T(D::Promoters, c.locale), (long long)s.promoters), GradeColor(2, 3) } };
}

// Entries flowed into lines of `width`: the line index of each entry.
static std::vector<int> LegendLines(const Ctx& c, const std::vector<LegendEntry>& entries, float width)
{
    std::vector<int> line_of;
    float x = 0;
    int line = 0;
    for (const LegendEntry& e : entries)
    {
        float w = 18 + TextSize(c.fonts.small, SmallPx(c), e.text).x + 12;
        if (x > 0 && x + w > width) { line++; x = 0; }
        line_of.push_back(line);
        x += w;
    }
    return line_of;
}

static float TileHeight(const Ctx& c, const Tile& t, float width)
{
    float sp = SmallPx(c), h = 10 + sp + 4 + HeadPx(c) * 1.35f + 2 + (sp + 3) * 2 + 6 + sp + 10;
    if (!t.sub.empty()) h += sp + 2;
    if (t.nps)
    {
        std::vector<int> lines = LegendLines(c, NpsLegend(c, *t.nps), width - 24);
        h += 12 + 6 + (lines.back() + 1) * (sp + 4);
    }
    return h;
}

static void DrawTile(const Ctx& c, const Tile& t, float width, float height)
{
    ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + width, a.y + height);
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, theme::kPaper, theme::kRounding);
    dl->AddRect(a, b, theme::kLine, theme::kRounding);
    float x = a.x + 12, w = width - 24, sp = SmallPx(c);
    Text(c.fonts.small, sp, ImVec2(x, a.y + 10), theme::kInkMuted, Fit(c.fonts.small, sp, t.label, w));
    float y = a.y + 14 + sp;
    if (!t.sub.empty())
    {
        Text(c.fonts.small, sp, ImVec2(x, y - 2), theme::kInk, Fit(c.fonts.small, sp, t.sub, w));
        y += sp + 2;
    }
    if (t.insufficient)
    {
        Text(c.fonts.body, BodyPx(c), ImVec2(x, y + 8), theme::kInkMuted, Fit(c.fonts.body, BodyPx(c), T(D::NotEnough, c.locale), w));
        y += HeadPx(c) * 1.35f + 2 + (sp + 3) * 2;
    }
    else
    {
        float big = HeadPx(c) * 1.35f;
        Text(c.fonts.heading, big, ImVec2(x, y), theme::kInk, t.big);
        if (!t.big_suffix.empty())
            Text(c.fonts.small, sp, ImVec2(x + TextSize(c.fonts.heading, big, t.big).x + 6, y + big - sp - 6), theme::kInkMuted, t.big_suffix);
        y += big + 2;
        const std::string& l1 = !t.line1_short.empty() && TextSize(c.fonts.small, sp, t.line1).x > w ? t.line1_short : t.line1;
        if (!l1.empty()) Text(c.fonts.small, sp, ImVec2(x, y), theme::kInk, Fit(c.fonts.small, sp, l1, w));
        y += sp + 3;
        if (!t.line2.empty()) Text(c.fonts.small, sp, ImVec2(x, y), theme::kInkMuted, Fit(c.fonts.small, sp, t.line2, w));
        y += sp + 3;
    }
    // n at the bottom, always: a withheld score still says how many answers it had.
    Text(c.fonts.small, sp, ImVec2(x, b.y - sp - 10), theme::kInkMuted, Fmt("n = %lld", (long long)t.n));
    SemanticsRect r = Rect(a, b);
    c.sem->Add("dash/tile/" + t.id, "status", t.sub.empty() ? t.label : t.label + " · " + t.sub, t.insufficient ? "insufficient" : t.value, r);
    c.sem->Add("dash/tile/" + t.id + "/n", "text", "n", std::to_string(t.n), r);
    for (const auto& [suffix, value] : t.extra)
        c.sem->Add("dash/tile/" + t.id + "/" + suffix, "text", suffix, value, r);

    if (t.nps)
    {
        // Detractors / passives / promoters as one stacked bar with a drawn legend (name and count
        // beside its colour), drawn even when the score is withheld: the counts are data, not a score.
        const NpsScores& s = *t.nps;
        int64_t total = s.detractors + s.passives + s.promoters;
        float by = y + 6, bh = 12;
        dl->AddRectFilled(ImVec2(x, by), ImVec2(x + w, by + bh), theme::kPanel, 3.0f);
        const int64_t parts[3] = { s.detractors, s.passives, s.promoters };
        const char* ids[3] = { "detractors", "passives", "promoters" };
        const D names[3] = { D::Detractors, D::Passives, D::Promoters };
        std::vector<LegendEntry> legend = NpsLegend(c, s);
        float px = x;
        for (int i = 0; i < 3; i++)
        {
            float pw = total > 0 ? w * (float)parts[i] / (float)total : 0.0f;
            if (pw > 0) dl->AddRectFilled(ImVec2(px, by), ImVec2(px + pw, by + bh), legend[i].color);
            c.sem->Add(std::string("dash/nps-bar/") + ids[i], "bar", T(names[i], c.locale), std::to_string(parts[i]), { px, by, pw, bh });
            px += pw;
        }
        std::vector<int> line_of = LegendLines(c, legend, w);
        float lx = x, ly = by + bh + 6;
        for (size_t i = 0; i < legend.size(); i++)
        {
            if (i > 0 && line_of[i] != line_of[i - 1]) { lx = x; ly += sp + 4; }
            dl->AddRectFilled(ImVec2(lx, ly + sp * 0.5f - 5), ImVec2(lx + 12, ly + sp * 0.5f + 5), legend[i].color, 2.0f);
            Text(c.fonts.small, sp, ImVec2(lx + 16, ly), theme::kInk, legend[i].text);
            lx += 18 + TextSize(c.fonts.small, sp, legend[i].text).x + 12;
        }
    }
}

static std::string Pct(double v) { return Fmt("%.1f%%", v * 100.0); }

static void ProportionTile(const Ctx& c, Tile* t, const Proportion& p)
{
    t->n = p.n;
    t->insufficient = p.insufficient;
    if (p.insufficient) return;
    t->big = Pct(p.value);
    t->line1 = Fmt(T(D::Interval, c.locale), p.low * 100.0, p.high * 100.0);
    t->line1_short = Fmt(T(D::IntervalPctShort, c.locale), p.low * 100.0, p.high * 100.0);
    t->line2 = Fmt("%lld / %lld", (long long)p.count, (long long)p.n);
    t->value = Num(p.value);
    t->extra = { { "low", Num(p.low) }, { "high", Num(p.high) }, { "count", std::to_string(p.count) } };
}

// A mean with its t interval (docs/scores.md): `decimals` 1 for the 0–100 index, 2 for grades.
static void MeanTile(const Ctx& c, Tile* t, const Score& s, int decimals, const std::string& suffix)
{
    t->n = s.n;
    t->insufficient = s.insufficient;
    if (s.insufficient) return;
    t->big = decimals == 1 ? Fmt("%.1f", s.value) : Fmt("%.2f", s.value);
    t->big_suffix = suffix;
    t->value = Num(s.value);
    if (s.has_interval)
    {
        t->line1 = Fmt(T(decimals == 1 ? D::IntervalPlain : D::IntervalMean, c.locale), s.low, s.high);
        t->line1_short = Fmt(T(decimals == 1 ? D::IntervalShort : D::IntervalPlain, c.locale), s.low, s.high);
        t->extra = { { "low", Num(s.low) }, { "high", Num(s.high) } };
    }
}

static bool SameValues(std::vector<int> a, std::vector<int> b)
{
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

// "CSAT (4–5)": the top-box grades the CSAT counts, so a configured set is named as it is.
static std::string CsatLabel(const Ctx& c, const RatingScores& s)
{
    std::vector<int> v = s.top_box_values;
    std::sort(v.begin(), v.end());
    if (v.empty()) return T(D::Csat, c.locale);
    bool run = v.back() - v.front() + 1 == (int)v.size();
    std::string grades = run ? (v.size() == 1 ? std::to_string(v[0]) : Fmt("%d–%d", v.front(), v.back())) : "";
    for (size_t i = 0; !run && i < v.size(); i++) grades += (i ? "," : "") + std::to_string(v[i]);
    return v.size() == 2 && run ? Fmt("%s (%s)", T(D::Csat, c.locale), grades.c_str()) : Fmt("CSAT (%s)", grades.c_str());
}

// A rating question's tiles, by its scale: a 5-point scale gets CSAT top-2-box and the mean
// rating; other scales (the seven grades) the satisfaction index and rate, and CSAT. A rate whose
// grades are the top box's (the five-point default) is not shown twice.
static void RatingTiles(const Ctx& c, const QuestionScores& q, std::vector<Tile>* tiles)
{
    const RatingScores& s = q.rating;
    const std::string title = QuestionTitle(c, q.id);
    const bool five = s.counts.size() == 5;
    if (five)
    {
        Tile mean;
        mean.id = q.id + "/mean";
        mean.label = T(D::MeanRating, c.locale);
        mean.sub = title;
        MeanTile(c, &mean, s.mean, 2, "/ 5");
        tiles->push_back(mean);
    }
    else
    {
        Tile idx;
        idx.id = q.id + "/index";
        idx.label = T(D::Index, c.locale);
        idx.sub = title;
        MeanTile(c, &idx, s.index, 1, T(D::OfHundred, c.locale));
        if (!idx.insufficient)
        {
            idx.line2 = Fmt("%s %.2f", T(D::Mean, c.locale), s.mean.value);
            idx.extra.push_back({ "mean", Num(s.mean.value) });
        }
        tiles->push_back(idx);
    }
    if (!SameValues(s.satisfied_values, s.top_box_values))
    {
        Tile rate;
        rate.id = q.id + "/rate";
        rate.label = T(D::Rate, c.locale);
        rate.sub = title;
        ProportionTile(c, &rate, s.satisfied);
        tiles->push_back(rate);
    }
    Tile csat;
    csat.id = q.id + "/csat";
    csat.label = CsatLabel(c, s);
    csat.sub = title;
    ProportionTile(c, &csat, s.top_box);
    tiles->push_back(csat);
}

static Tile NpsTile(const Ctx& c, const QuestionScores& q)
{
    const NpsScores& s = q.nps;
    Tile t;
    t.id = q.id + "/nps";
    t.label = T(D::Nps, c.locale);
    t.sub = QuestionTitle(c, q.id);
    t.n = s.nps.n;
    t.insufficient = s.nps.insufficient;
    t.nps = &q.nps;
    if (!t.insufficient)
    {
        t.big = Fmt("%+.0f", s.nps.value);
        t.line1 = Fmt(T(D::Margin, c.locale), s.margin);
        t.value = Num(s.nps.value);
        t.extra = { { "margin", Num(s.margin) }, { "promoters", std::to_string(s.promoters) },
                    { "passives", std::to_string(s.passives) }, { "detractors", std::to_string(s.detractors) } };
    }
    return t;
}

static Tile CesTile(const Ctx& c, const QuestionScores& q)
{
    const CesScores& s = q.ces;
    Tile t;
    t.id = q.id + "/ces";
    t.label = T(D::Ces, c.locale);
    t.sub = QuestionTitle(c, q.id);
    MeanTile(c, &t, s.mean, 2, "/ 7");
    if (!t.insufficient && !s.easy.insufficient)
    {
        // The easy share with its Wilson interval, in whole percent to fit a tile.
        t.line2 = Fmt(T(D::CesEasyCi, c.locale), s.easy.value * 100.0, s.easy.low * 100.0, s.easy.high * 100.0);
        t.extra.push_back({ "easy", Num(s.easy.value) });
        t.extra.push_back({ "easy/low", Num(s.easy.low) });
        t.extra.push_back({ "easy/high", Num(s.easy.high) });
    }
    return t;
}

// The responses, then every rating, NPS and CES question outside the complaint form in survey
// order, each with the tiles its scale calls for.
static std::vector<Tile> HeadlineTiles(const Ctx& c, const ScoreReport& r)
{
    std::vector<Tile> tiles;
    Tile resp;
    resp.id = "responses";
    resp.label = T(D::Responses, c.locale);
    resp.n = r.responses;
    resp.insufficient = false;
    resp.big = std::to_string(r.responses);
    resp.value = std::to_string(r.responses);
    tiles.push_back(resp);
    for (const QuestionScores& q : r.questions)
    {
        if (q.complaint_form) continue;
        if (q.type == QuestionType::Rating) RatingTiles(c, q, &tiles);
        else if (q.type == QuestionType::Nps) tiles.push_back(NpsTile(c, q));
        else if (q.type == QuestionType::Ces) tiles.push_back(CesTile(c, q));
    }
    return tiles;
}

// ---- distributions ----------------------------------------------------------------------------------

static void CountBars(const Ctx& c, const std::string& id, const Question* q, const std::vector<int64_t>& counts, int first_value,
                      QuestionType type, int64_t n, float width)
{
    int64_t max_count = 0;
    for (int64_t v : counts) max_count = std::max(max_count, v);
    int points = (int)counts.size();
    for (int i = 0; i < points; i++)
    {
        int value = first_value + i;
        std::string label = std::to_string(value);
        if (q && (int)q->point_labels.size() == points && type != QuestionType::Nps)
            label += " " + q->point_labels[i].Get(c.locale);
        ImU32 color = type == QuestionType::Nps ? GradeColor(value <= 6 ? 0 : value <= 8 ? 1 : 2, 3) : GradeColor(i, points);
        BarRow(c, id + "/" + std::to_string(value), label, counts[i], n, max_count, color, width, n >= c.min_n);
    }
}

static void Legend(const Ctx& c, const std::vector<std::pair<std::string, ImU32>>& items);

// A matrix row: its grades as one stacked bar (worst left), then its index and satisfaction rate.
static void MatrixRow(const Ctx& c, const std::string& id, const std::string& label, const RatingScores& s, int64_t n, float width)
{
    float fs = SmallPx(c), h = fs * 2 + 14;
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::string scores = s.index.insufficient
        ? Fmt("%s (n=%lld)", T(D::NotEnough, c.locale), (long long)n)
        : Fmt("%.1f / 100 · %.1f%% (n=%lld)", s.index.value, s.satisfied.value * 100.0, (long long)n); // index · rate, as the legend says
    Text(c.fonts.small, fs, ImVec2(a.x, a.y + 2), theme::kInk, Fit(c.fonts.small, fs, label, width * 0.4f));
    float sw = TextSize(c.fonts.small, fs, scores).x;
    std::string shown = Fit(c.fonts.small, fs, scores, width * 0.6f - 8);
    Text(c.fonts.small, fs, ImVec2(a.x + width - std::min(sw, TextSize(c.fonts.small, fs, shown).x), a.y + 2), theme::kInkMuted, shown);
    float by = a.y + fs + 6, bh = fs - 4, x = a.x;
    int64_t total = 0;
    for (int64_t v : s.counts) total += v;
    dl->AddRectFilled(ImVec2(a.x, by), ImVec2(a.x + width, by + bh), theme::kPanel, 3.0f);
    for (size_t i = 0; i < s.counts.size() && total > 0; i++)
    {
        float w = width * (float)s.counts[i] / (float)total;
        if (w > 0) dl->AddRectFilled(ImVec2(x, by), ImVec2(x + w, by + bh), GradeColor((int)i, (int)s.counts.size()));
        x += w;
    }
    std::string counts;
    for (size_t i = 0; i < s.counts.size(); i++) counts += (i ? "," : "") + std::to_string(s.counts[i]);
    c.sem->Add(id, "bar", label, s.index.insufficient ? "insufficient" : Num(s.index.value), Rect(a, ImVec2(a.x + width, a.y + h)));
    c.sem->Add(id + "/counts", "text", label, counts, Rect(a, ImVec2(a.x + width, a.y + h)));
}

static std::string RowLabel(const Ctx& c, const std::string& question_id, const std::string& row)
{
    if (const Question* q = FindQuestion(c.survey, question_id))
        for (const SubItem& it : q->items)
            if (it.id == row) return it.label.Get(c.locale);
    return row;
}

static void DistributionCard(const Ctx& c, const QuestionScores& q, float width)
{
    const Question* sq = FindQuestion(c.survey, q.id);
    Card card = BeginCard(c, QuestionTitle(c, q.id), width);
    std::string id = "dash/dist/" + q.id;
    // Below min n the bars give counts only, and say why there are no percentages.
    std::string n_line = Fmt("n = %lld", (long long)q.n);
    if (q.n > 0 && q.n < c.min_n && q.type != QuestionType::Matrix) n_line += " " + std::string(T(D::ShareHidden, c.locale));
    Text(c.fonts.small, SmallPx(c), ImGui::GetCursorScreenPos(), theme::kInkMuted, Fit(c.fonts.small, SmallPx(c), n_line, Inner(card)));
    ImGui::Dummy(ImVec2(Inner(card), SmallPx(c) + 4));
    switch (q.type)
    {
    case QuestionType::Rating:
        CountBars(c, id, sq, q.rating.counts, q.rating.first_value, q.type, q.n, Inner(card));
        break;
    case QuestionType::Nps: CountBars(c, id, sq, q.nps.counts, 0, q.type, q.n, Inner(card)); break;
    case QuestionType::Ces: CountBars(c, id, sq, q.ces.counts, 1, q.type, q.n, Inner(card)); break;
    case QuestionType::Matrix:
        Legend(c, { { std::string(T(D::Index, c.locale)) + " / 100 · " + T(D::Rate, c.locale), theme::kInkMuted } });
        for (const MatrixRowScores& row : q.rows)
            MatrixRow(c, id + "/" + row.id, RowLabel(c, q.id, row.id), row.rating, row.n, Inner(card));
        break;
    default:
    {
        int64_t max_count = 0;
        for (const OptionCount& o : q.options) max_count = std::max(max_count, o.count);
        for (const OptionCount& o : q.options)
        {
            // A consent question's options are "true" / "false": drawn as yes / no.
            std::string label = q.type != QuestionType::Consent ? OptionLabel(c, q.id, o.value)
                                                                 : T(o.value == "true" ? D::Yes : D::No, c.locale);
            BarRow(c, id + "/" + o.value, label, o.count, q.n, max_count, q.type == QuestionType::Consent && o.value == "false" ? theme::kInkMuted : theme::kAccent,
                   Inner(card), !o.share.insufficient);
        }
    }
    }
    EndCard(card);
}

static bool HasDistribution(const QuestionScores& q)
{
    if (q.complaint_form) return false; // the complaints card shows type and cause
    return q.type == QuestionType::Rating || q.type == QuestionType::Nps || q.type == QuestionType::Ces ||
           q.type == QuestionType::Single || q.type == QuestionType::Multiple || q.type == QuestionType::Matrix ||
           q.type == QuestionType::Consent;
}

// ---- daily trend ------------------------------------------------------------------------------------

static int64_t DayNumber(const std::string& date)
{
    int y = 0, m = 0, d = 0;
    if (sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return 0;
    return DaysFromCivil(y, m, d);
}

struct TrendLine
{
    std::string          name;
    ImU32                color;
    std::vector<int64_t> days;
    std::vector<double>  values; // NAN when withheld
    std::vector<int64_t> ns;     // each day's n
};

// One chart: y from lo to hi with three labelled grid lines; x from the first to the last day.
static void TrendChart(const Ctx& c, const std::string& id, const std::vector<TrendLine>& lines, double lo, double hi,
                       const char* y_format, float width)
{
    float sp = SmallPx(c), axis_w = TextSize(c.fonts.small, sp, "-100").x + 8, h = 150;
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h + 2 * sp + 12)); // the chart, its dates, and the row of each day's n
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 p0(a.x + axis_w, a.y + sp * 0.5f), p1(a.x + width - 8, a.y + h);
    for (int i = 0; i <= 2; i++)
    {
        double v = lo + (hi - lo) * i / 2.0;
        float y = p1.y - (p1.y - p0.y) * i / 2.0f;
        dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), theme::kLine);
        std::string l = Fmt(y_format, v);
        Text(c.fonts.small, sp, ImVec2(p0.x - 6 - TextSize(c.fonts.small, sp, l).x, y - sp * 0.5f), theme::kInkMuted, l);
    }
    int64_t first = INT64_MAX, last = INT64_MIN;
    for (const TrendLine& l : lines)
        for (int64_t d : l.days) { first = std::min(first, d); last = std::max(last, d); }
    if (first > last) return;
    auto X = [&](int64_t d) { return last == first ? (p0.x + p1.x) * 0.5f : p0.x + (p1.x - p0.x) * (float)(d - first) / (float)(last - first); };
    auto Y = [&](double v) { return p1.y - (p1.y - p0.y) * (float)((std::clamp(v, lo, hi) - lo) / (hi - lo)); };
    auto DateLabel = [](int64_t d) { int64_t y; int m, dd; CivilFromDays(d, &y, &m, &dd); return Fmt("%02d-%02d", m, dd); };
    std::string l0 = DateLabel(first), l1 = DateLabel(last);
    float l0_x = last == first ? X(first) - TextSize(c.fonts.small, sp, l0).x * 0.5f : p0.x; // one day: under its point
    Text(c.fonts.small, sp, ImVec2(l0_x, p1.y + 4), theme::kInkMuted, l0);
    if (last != first) Text(c.fonts.small, sp, ImVec2(p1.x - TextSize(c.fonts.small, sp, l1).x, p1.y + 4), theme::kInkMuted, l1);
    // Every score shows its n: each day's under its point, when the days are far enough apart to
    // be read (otherwise in the semantics value only); "n" at the start of the row.
    if (!lines.empty())
    {
        const TrendLine& l = lines[0];
        float min_gap = FLT_MAX;
        for (size_t i = 1; i < l.days.size(); i++) min_gap = std::min(min_gap, X(l.days[i]) - X(l.days[i - 1]));
        float ny = p1.y + sp + 8;
        if (min_gap >= TextSize(c.fonts.small, sp, "9999").x + 6)
        {
            Text(c.fonts.small, sp, ImVec2(a.x, ny), theme::kInkMuted, "n");
            for (size_t i = 0; i < l.days.size(); i++)
            {
                std::string t = std::to_string(l.ns[i]);
                float tx = std::clamp(X(l.days[i]) - TextSize(c.fonts.small, sp, t).x * 0.5f, p0.x, p1.x - TextSize(c.fonts.small, sp, t).x);
                Text(c.fonts.small, sp, ImVec2(tx, ny), theme::kInkMuted, t);
            }
        }
        std::string ns;
        for (size_t i = 0; i < l.days.size(); i++)
        {
            int64_t y; int m, dd;
            CivilFromDays(l.days[i], &y, &m, &dd);
            ns += Fmt("%s%04lld-%02d-%02d=%lld", i ? ";" : "", (long long)y, m, dd, (long long)l.ns[i]);
        }
        c.sem->Add(id + "/n", "text", "n", ns, Rect(a, ImVec2(a.x + width, a.y + h)));
    }
    for (const TrendLine& l : lines)
    {
        std::string value;
        ImVec2 prev;
        bool have_prev = false;
        for (size_t i = 0; i < l.days.size(); i++)
        {
            int64_t y; int m, dd;
            CivilFromDays(l.days[i], &y, &m, &dd);
            if (!value.empty()) value += ";";
            value += Fmt("%04lld-%02d-%02d=", (long long)y, m, dd) + (std::isnan(l.values[i]) ? std::string("-") : Num(l.values[i]));
            if (std::isnan(l.values[i]))
            {
                // A day below min n: a tick on the axis says "answers, but too few to show".
                dl->AddLine(ImVec2(X(l.days[i]), p1.y - 4), ImVec2(X(l.days[i]), p1.y), theme::kInkMuted, 2.0f);
                have_prev = false;
                continue;
            }
            ImVec2 p(X(l.days[i]), Y(l.values[i]));
            if (have_prev) dl->AddLine(prev, p, l.color, 2.5f);
            dl->AddCircleFilled(p, 3.5f, l.color);
            prev = p;
            have_prev = true;
        }
        c.sem->Add(id + "/" + l.name, "chart", l.name, value, Rect(a, ImVec2(a.x + width, a.y + h)));
    }
}

static void Legend(const Ctx& c, const std::vector<std::pair<std::string, ImU32>>& items)
{
    float sp = SmallPx(c);
    ImVec2 a = ImGui::GetCursorScreenPos();
    float x = a.x;
    for (const auto& [name, color] : items)
    {
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(x, a.y + sp * 0.5f - 2), ImVec2(x + 14, a.y + sp * 0.5f + 2), color);
        Text(c.fonts.small, sp, ImVec2(x + 18, a.y), theme::kInk, name);
        x += 30 + TextSize(c.fonts.small, sp, name).x;
    }
    ImGui::Dummy(ImVec2(1, sp + 6));
}

static void TrendCard(const Ctx& c, const TrendSeries& t, float width)
{
    Card card = BeginCard(c, std::string(T(D::Trend, c.locale)) + " · " + QuestionTitle(c, t.question_id), width);
    std::string id = "dash/trend/" + t.question_id;
    std::vector<TrendLine> lines;
    if (t.type == QuestionType::Rating)
    {
        TrendLine index{ "index", theme::kAccent, {}, {}, {} }, rate{ "rate", theme::kSuccess, {}, {}, {} };
        for (const TrendDay& d : t.days)
        {
            int64_t dn = DayNumber(d.date);
            index.ns.push_back(d.n);
            rate.ns.push_back(d.n);
            index.days.push_back(dn);
            index.values.push_back(d.rating.index.insufficient ? NAN : d.rating.index.value);
            rate.days.push_back(dn);
            rate.values.push_back(d.rating.satisfied.insufficient ? NAN : d.rating.satisfied.value * 100.0);
        }
        Legend(c, { { T(D::Index, c.locale), theme::kAccent }, { std::string(T(D::Rate, c.locale)) + " %", theme::kSuccess } });
        lines = { index, rate };
        TrendChart(c, id, lines, 0, 100, "%.0f", Inner(card));
    }
    else if (t.type == QuestionType::Nps)
    {
        TrendLine nps{ "nps", theme::kAccent, {}, {}, {} };
        for (const TrendDay& d : t.days)
        {
            nps.ns.push_back(d.n);
            nps.days.push_back(DayNumber(d.date));
            nps.values.push_back(d.nps.nps.insufficient ? NAN : d.nps.nps.value);
        }
        Legend(c, { { "NPS", theme::kAccent } });
        TrendChart(c, id, { nps }, -100, 100, "%.0f", Inner(card));
    }
    else
    {
        TrendLine ces{ "ces", theme::kAccent, {}, {}, {} };
        for (const TrendDay& d : t.days)
        {
            ces.ns.push_back(d.n);
            ces.days.push_back(DayNumber(d.date));
            ces.values.push_back(d.ces.mean.insufficient ? NAN : d.ces.mean.value);
        }
        Legend(c, { { "CES", theme::kAccent } });
        TrendChart(c, id, { ces }, 1, 7, "%.0f", Inner(card));
    }
    EndCard(card);
}

// ---- SERVQUAL ---------------------------------------------------------------------------------------

static void GapRow(const Ctx& c, const std::string& id, const std::string& label, const Score& gap, double scale, float width)
{
    float fs = SmallPx(c), h = fs + 12;
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    float label_w = std::min(width * 0.3f, 150.0f), value_w = TextSize(c.fonts.small, fs, "-0.00 (n=9999)").x + 8;
    float bar_w = std::max(40.0f, width - label_w - value_w);
    Text(c.fonts.small, fs, ImVec2(a.x, a.y + 6), theme::kInk, Fit(c.fonts.small, fs, label, label_w - 6));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float mid = a.x + label_w + bar_w * 0.5f;
    dl->AddLine(ImVec2(mid, a.y + 2), ImVec2(mid, a.y + h - 2), theme::kInkMuted);
    std::string v;
    if (gap.insufficient)
        v = T(D::NotEnough, c.locale);
    else
    {
        float len = (float)(gap.value / scale) * (bar_w * 0.5f - 4);
        ImU32 col = gap.value < 0 ? theme::kDanger : theme::kSuccess;
        if (len < 0) dl->AddRectFilled(ImVec2(mid + len, a.y + 5), ImVec2(mid, a.y + h - 5), col, 2.0f);
        else dl->AddRectFilled(ImVec2(mid, a.y + 5), ImVec2(mid + std::max(1.0f, len), a.y + h - 5), col, 2.0f);
        v = Fmt("%+.2f", gap.value);
    }
    v += Fmt(" (n=%lld)", (long long)gap.n);
    Text(c.fonts.small, fs, ImVec2(a.x + label_w + bar_w + 8, a.y + 6), gap.insufficient ? theme::kInkMuted : theme::kInk,
         Fit(c.fonts.small, fs, v, value_w));
    c.sem->Add(id, "bar", label, gap.insufficient ? "insufficient" : Num(gap.value), Rect(a, ImVec2(a.x + width, a.y + h)));
}

static void ServqualCard(const Ctx& c, const QuestionScores& q, float width)
{
    Card card = BeginCard(c, std::string(T(D::Servqual, c.locale)) + " · " + QuestionTitle(c, q.id), width);
    double scale = 0.5; // at least half a grade, so tiny gaps do not fill the bar
    for (const ServqualDimensionScores& d : q.servqual.dimensions)
        if (!d.gap.insufficient) scale = std::max(scale, std::fabs(d.gap.value));
    if (!q.servqual.overall.insufficient) scale = std::max(scale, std::fabs(q.servqual.overall.value));
    std::string id = "dash/servqual/" + q.id;
    for (const ServqualDimensionScores& d : q.servqual.dimensions)
    {
        std::string label = ServqualDimensionLabel(d.dimension).Get(c.locale);
        if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = (char)(label[0] - 'a' + 'A'); // a row label, not a term mid-sentence
        GapRow(c, id + "/" + ServqualDimensionName(d.dimension), label, d.gap, scale, Inner(card));
    }
    GapRow(c, id + "/overall", T(D::Overall, c.locale), q.servqual.overall, scale, Inner(card));
    EndCard(card);
}

// ---- KANO -------------------------------------------------------------------------------------------

static const char* KanoLabel(KanoClass k, const std::string& locale)
{
    static const D names[kKanoClassCount] = { D::Attractive, D::OneDimensional, D::MustBe, D::Indifferent, D::Reverse, D::Questionable };
    return T(names[(int)k], locale);
}

static std::string FeatureLabel(const Ctx& c, const std::string& question_id, const std::string& feature)
{
    if (const Question* q = FindQuestion(c.survey, question_id))
        for (const SubItem& it : q->items)
            if (it.id == feature) return it.label.Get(c.locale);
    return feature;
}

static std::string Coefficient(const Proportion& p)
{
    if (p.insufficient) return "–";
    return Fmt("%.2f [%.2f, %.2f]", p.value, p.low, p.high); // brackets: worse's bounds are negative
}

// The KANO table: per feature the six counts, n, the category (a tie marked "*") and better /
// worse with their Wilson intervals; a legend for the letters and the tie marker under it.
static void KanoCard(const Ctx& c, const QuestionScores& q, float width)
{
    Card card = BeginCard(c, std::string(T(D::Kano, c.locale)) + " · " + QuestionTitle(c, q.id), width);
    float fs = SmallPx(c), inner = Inner(card), row_h = fs + 10;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const char* letters[kKanoClassCount] = { "A", "O", "M", "I", "R", "Q" };
    // Columns: feature, six counts, n, category, better, worse. Narrow (a phone, a tablet held
    // upright): five lines per feature, its name on the first (names must not be cut short).
    float count_w = 34, n_w = 48, cat_w = 110, bw = TextSize(c.fonts.small, fs, "-0.00 [-0.00, -0.00]").x + 14;
    float fixed = 6 * count_w + n_w + cat_w + 2 * bw;
    bool wide = inner - fixed >= 160;
    float feat_w = wide ? inner - fixed : 0;
    int lines = wide ? 1 : 5;
    if (wide)
    {
        ImVec2 a = ImGui::GetCursorScreenPos();
        float x = a.x;
        Text(c.fonts.small, fs, ImVec2(x, a.y), theme::kInkMuted, T(D::Feature, c.locale));
        x += feat_w;
        for (int k = 0; k < kKanoClassCount; k++, x += count_w) Text(c.fonts.small, fs, ImVec2(x, a.y), theme::kInkMuted, letters[k]);
        Text(c.fonts.small, fs, ImVec2(x, a.y), theme::kInkMuted, "n");
        x += n_w;
        Text(c.fonts.small, fs, ImVec2(x, a.y), theme::kInkMuted, T(D::Category, c.locale));
        x += cat_w;
        Text(c.fonts.small, fs, ImVec2(x, a.y), theme::kInkMuted, "Better");
        Text(c.fonts.small, fs, ImVec2(x + bw, a.y), theme::kInkMuted, "Worse");
        ImGui::Dummy(ImVec2(inner, row_h));
    }
    for (const KanoFeatureScores& f : q.kano)
    {
        ImVec2 a = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(inner, row_h * lines));
        dl->AddLine(ImVec2(a.x, a.y - 2), ImVec2(a.x + inner, a.y - 2), theme::kLine);
        float x = a.x, y = a.y + 4;
        std::string name = FeatureLabel(c, q.id, f.id);
        std::string counts;
        for (int k = 0; k < kKanoClassCount; k++)
            counts += Fmt("%s%s %lld", k ? " · " : "", letters[k], (long long)f.counts[k]);
        std::string cat = f.category_insufficient ? T(D::NotEnough, c.locale) : KanoLabel(f.category, c.locale);
        if (!f.category_insufficient && f.tie) cat += "*";
        ImU32 cat_col = f.category_insufficient ? theme::kInkMuted : theme::kAccentDark;
        if (wide)
        {
            Text(c.fonts.small, fs, ImVec2(x, y), theme::kInk, Fit(c.fonts.small, fs, name, feat_w - 6));
            x += feat_w;
            for (int k = 0; k < kKanoClassCount; k++, x += count_w)
                Text(c.fonts.small, fs, ImVec2(x, y), theme::kInk, std::to_string(f.counts[k]));
            Text(c.fonts.small, fs, ImVec2(x, y), theme::kInkMuted, std::to_string(f.n));
            x += n_w;
            Text(c.fonts.small, fs, ImVec2(x, y), cat_col, Fit(c.fonts.small, fs, cat, cat_w - 4));
            x += cat_w;
            Text(c.fonts.small, fs, ImVec2(x, y), theme::kInk, Coefficient(f.better));
            Text(c.fonts.small, fs, ImVec2(x + bw, y), theme::kInk, Coefficient(f.worse));
        }
        else
        {
            Text(c.fonts.small, fs, ImVec2(x, y), theme::kInk, Fit(c.fonts.small, fs, name, inner));
            Text(c.fonts.small, fs, ImVec2(x, y + row_h), theme::kInkMuted, Fit(c.fonts.small, fs, counts + Fmt(" · n %lld", (long long)f.n), inner));
            Text(c.fonts.small, fs, ImVec2(x, y + row_h * 2), cat_col, Fit(c.fonts.small, fs, std::string(T(D::Category, c.locale)) + ": " + cat, inner));
            Text(c.fonts.small, fs, ImVec2(x, y + row_h * 3), theme::kInk, Fit(c.fonts.small, fs, "Better " + Coefficient(f.better), inner));
            Text(c.fonts.small, fs, ImVec2(x, y + row_h * 4), theme::kInk, Fit(c.fonts.small, fs, "Worse " + Coefficient(f.worse), inner));
        }
        SemanticsRect r = Rect(a, ImVec2(a.x + inner, a.y + row_h * lines));
        std::string id = "dash/kano/" + q.id + "/" + f.id;
        c.sem->Add(id, "row", name, f.category_insufficient ? "insufficient" : KanoClassName(f.category), r);
        c.sem->Add(id + "/counts", "text", counts, counts, r);
        c.sem->Add(id + "/n", "text", "n", std::to_string(f.n), r);
        c.sem->Add(id + "/category-n", "text", "n", std::to_string(f.category_n), r);
        c.sem->Add(id + "/better", "text", "better", f.better.insufficient ? "insufficient" : Num(f.better.value), r);
        c.sem->Add(id + "/worse", "text", "worse", f.worse.insufficient ? "insufficient" : Num(f.worse.value), r);
        if (!f.better.insufficient)
        {
            c.sem->Add(id + "/better/low", "text", "better low", Num(f.better.low), r);
            c.sem->Add(id + "/better/high", "text", "better high", Num(f.better.high), r);
            c.sem->Add(id + "/worse/low", "text", "worse low", Num(f.worse.low), r);
            c.sem->Add(id + "/worse/high", "text", "worse high", Num(f.worse.high), r);
        }
    }
    // The legend: each letter with its category, then the tie rule, flowed into lines.
    ImGui::Dummy(ImVec2(inner, 4));
    std::vector<std::string> items;
    for (int k = 0; k < kKanoClassCount; k++) items.push_back(Fmt("%s %s", letters[k], KanoLabel((KanoClass)k, c.locale)));
    items.push_back(T(D::Tie, c.locale));
    std::string line, legend;
    auto flush = [&]() {
        if (line.empty()) return;
        Text(c.fonts.small, fs, ImGui::GetCursorScreenPos(), theme::kInkMuted, line);
        ImGui::Dummy(ImVec2(inner, fs + 4));
        line.clear();
    };
    for (const std::string& it : items)
    {
        std::string next = line.empty() ? it : line + " · " + it;
        if (!line.empty() && TextSize(c.fonts.small, fs, next).x > inner) { flush(); next = it; }
        line = next;
        legend += (legend.empty() ? "" : " · ") + it;
    }
    flush();
    c.sem->Add("dash/kano/" + q.id + "/legend", "text", "legend", legend, Rect(card.start, ImVec2(card.start.x + width, ImGui::GetCursorScreenPos().y)));
    EndCard(card);
}

// ---- complaints -------------------------------------------------------------------------------------

static void KeyValue(const Ctx& c, const std::string& id, const std::string& key, const std::string& shown, const std::string& value,
                     float width)
{
    // The value right-aligned beside its key, or under it when both do not fit on one line.
    float fs = SmallPx(c), key_w = TextSize(c.fonts.small, fs, key).x, shown_w = TextSize(c.fonts.small, fs, shown).x;
    bool two_lines = key_w + 16 + shown_w > width;
    float h = two_lines ? 2 * fs + 12 : fs + 8;
    ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, h));
    Text(c.fonts.small, fs, ImVec2(a.x, a.y + 4), theme::kInkMuted, Fit(c.fonts.small, fs, key, width));
    std::string v = Fit(c.fonts.small, fs, shown, width);
    Text(c.fonts.small, fs, ImVec2(a.x + width - TextSize(c.fonts.small, fs, v).x, a.y + 4 + (two_lines ? fs + 4 : 0)), theme::kInk, v);
    c.sem->Add(id, "text", key, value, Rect(a, ImVec2(a.x + width, a.y + h)));
}

static std::string ProportionText(const Ctx& c, const Proportion& p)
{
    if (p.insufficient) return Fmt("%s (n=%lld)", T(D::NotEnough, c.locale), (long long)p.n);
    return Fmt("%lld / %lld · %.1f%% (%.1f–%.1f%%)", (long long)p.count, (long long)p.n, p.value * 100.0, p.low * 100.0, p.high * 100.0);
}

// A proportion's interval as semantics nodes beside its value.
static void ProportionNodes(const Ctx& c, const std::string& id, const Proportion& p)
{
    if (p.insufficient) return;
    SemanticsRect r = ItemSemanticsRect();
    c.sem->Add(id + "/low", "text", "low", Num(p.low), r);
    c.sem->Add(id + "/high", "text", "high", Num(p.high), r);
}

static void ComplaintsCard(const Ctx& c, const ComplaintScores& s, float width)
{
    Card card = BeginCard(c, T(D::Complaints, c.locale), width);
    float inner = Inner(card), sp = SmallPx(c);
    KeyValue(c, "dash/complaints/n", T(D::Complaints, c.locale), std::to_string(s.n), std::to_string(s.n), inner);
    auto bars = [&](const char* kind, D title, const std::vector<OptionCount>& opts, const char* question) {
        Text(c.fonts.small, sp, ImGui::GetCursorScreenPos(), theme::kInkMuted, T(title, c.locale));
        ImGui::Dummy(ImVec2(inner, sp + 4));
        int64_t max_count = 0, total = 0;
        for (const OptionCount& o : opts) { max_count = std::max(max_count, o.count); total = std::max(total, o.share.n); }
        for (const OptionCount& o : opts)
            BarRow(c, std::string("dash/complaints/") + kind + "/" + o.value, OptionLabel(c, question, o.value), o.count, total, max_count,
                   theme::kDanger, inner, !o.share.insufficient);
    };
    bars("type", D::ByType, s.by_type, kComplaintType);
    bars("cause", D::ByCause, s.by_cause, kComplaintCause);
    ImGui::Dummy(ImVec2(1, 4));
    KeyValue(c, "dash/complaints/callback", T(D::Callback, c.locale), ProportionText(c, s.callback),
             s.callback.insufficient ? "insufficient" : Num(s.callback.value), inner);
    ProportionNodes(c, "dash/complaints/callback", s.callback);
    KeyValue(c, "dash/complaints/open", T(D::Open, c.locale), std::to_string(s.open), std::to_string(s.open), inner);
    KeyValue(c, "dash/complaints/followed-up", T(D::FollowedUp, c.locale), std::to_string(s.contacted + s.resolved),
             std::to_string(s.contacted + s.resolved), inner);
    KeyValue(c, "dash/complaints/follow-up-rate", T(D::FollowUpRate, c.locale), ProportionText(c, s.followed_up),
             s.followed_up.insufficient ? "insufficient" : Num(s.followed_up.value), inner);
    ProportionNodes(c, "dash/complaints/follow-up-rate", s.followed_up);
    EndCard(card);
}

// ---- the page ---------------------------------------------------------------------------------------

// The survey versions of the window's responses: "all versions" or one of them. Shown when there
// is a choice (two or more versions), or while one is selected (it may have no responses in a
// newly chosen window, and must stay visible to be deselected).
static void VersionButtons(const Ctx& c, const DashboardView& d, DashboardActions* actions, float width, float gap, float h)
{
    std::vector<std::string> versions;
    if (d.has_report)
        for (const VersionCount& v : d.report.versions) versions.push_back(v.version);
    if (!d.version.empty() && std::find(versions.begin(), versions.end(), d.version) == versions.end()) versions.push_back(d.version);
    if (versions.size() < 2 && d.version.empty()) return;
    std::vector<std::string> labels = { T(D::AllVersions, c.locale) }, values = { "" };
    for (const std::string& v : versions)
    {
        labels.push_back(Fmt(T(D::Version, c.locale), v.c_str()));
        values.push_back(v);
    }
    // As many per row as fit at the widest label (a few versions in one row on a tablet).
    float w = 0;
    for (const std::string& l : labels) w = std::max(w, TextSize(c.fonts.small, SmallPx(c), l).x + 28.0f);
    int cols = std::max(1, std::min((int)labels.size(), (int)((width + gap) / (w + gap))));
    float bw = std::min(w * 1.4f, (width - gap * (cols - 1)) / cols);
    for (size_t i = 0; i < labels.size(); i++)
    {
        if (i % cols != 0) ImGui::SameLine(0, gap);
        std::string id = values[i].empty() ? "dash/version/all" : "dash/version/" + values[i];
        bool selected = d.version == values[i];
        if (DashButton(id.c_str(), labels[i], bw, h, selected, c.fonts.small) && !selected)
        {
            actions->version_changed = true;
            actions->version = values[i];
        }
        c.sem->Add(id, "radio", labels[i], selected ? "true" : "false", ItemSemanticsRect());
    }
    ImGui::Dummy(ImVec2(1, 2));
}

static void Header(const Ctx& c, const DashboardView& d, DashboardActions* actions, float width)
{
    ImGui::PushFont(c.fonts.heading);
    ImGui::TextUnformatted(T(D::Title, c.locale));
    ImGui::PopFont();
    c.sem->Add("dash/title", "heading", T(D::Title, c.locale), "", ItemSemanticsRect());
    std::string sub = c.survey.title.Get(c.locale);
    Text(c.fonts.small, SmallPx(c), ImGui::GetCursorScreenPos(), theme::kInkMuted, Fit(c.fonts.small, SmallPx(c), sub, width));
    ImGui::Dummy(ImVec2(width, SmallPx(c) + 6));

    const float gap = 8, h = std::max(44.0f, SmallPx(c) + 26); // 44 px: a finger-sized target
    const D names[kDashboardWindowCount] = { D::Today, D::Days7, D::Days30, D::All };
    std::vector<std::string> labels;
    for (D n : names) labels.push_back(T(n, c.locale));
    int cols = FlowColumns(c, labels, width, gap);
    float bw = (width - gap * (cols - 1)) / cols;
    ImGui::PushFont(c.fonts.small);
    for (int i = 0; i < kDashboardWindowCount; i++)
    {
        if (i % cols != 0) ImGui::SameLine(0, gap);
        DashboardWindow w = (DashboardWindow)i;
        std::string id = std::string("dash/window/") + DashboardWindowName(w);
        if (DashButton(id.c_str(), labels[i], bw, h, d.window == w, c.fonts.small) && d.window != w)
        {
            actions->window_changed = true;
            actions->window = w;
        }
        c.sem->Add(id, "radio", labels[i], d.window == w ? "true" : "false", ItemSemanticsRect());
    }
    ImGui::Dummy(ImVec2(1, 2));
    VersionButtons(c, d, actions, width, gap, h);
    const D exports[4] = { D::ExportScoresCsv, D::ExportScoresJson, D::ExportResponsesCsv, D::ExportResponsesJson };
    const char* ids[4] = { "dash/export/scores-csv", "dash/export/scores-json", "dash/export/responses-csv", "dash/export/responses-json" };
    const DashboardExport kinds[4] = { DashboardExport::ScoresCsv, DashboardExport::ScoresJson, DashboardExport::ResponsesCsv,
                                       DashboardExport::ResponsesJson };
    labels.clear();
    for (D e : exports) labels.push_back(T(e, c.locale));
    cols = FlowColumns(c, labels, width, gap);
    bw = (width - gap * (cols - 1)) / cols;
    for (int i = 0; i < 4; i++)
    {
        if (i % cols != 0) ImGui::SameLine(0, gap);
        if (DashButton(ids[i], labels[i], bw, h, false, c.fonts.small)) actions->export_kind = kinds[i];
        c.sem->Add(ids[i], "button", labels[i], "", ItemSemanticsRect());
    }
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(1, 4));
}

void DrawDashboard(const DashboardView& d, const Survey& survey, const std::string& locale, const FontSet& fonts,
                   Semantics* sem, DashboardActions* actions, float* scroll_max_y)
{
    Ctx c{ survey, locale, fonts, sem, d.has_report ? d.report.min_n : 0 };
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, d.top));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, io.DisplaySize.y - d.top));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kPanel);
    ImGui::Begin("dashboard", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                           ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleColor();
    // Touch: ImGui scrolls only on the wheel, so a finger dragging the page scrolls it here. Past
    // the drag threshold it is a scroll, not a tap: the button under the finger lets go, so lifting
    // the finger does not press it.
    if (io.MouseSource == ImGuiMouseSource_TouchScreen && ImGui::IsMouseDragging(ImGuiMouseButton_Left))
    {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
    }
    // Rows of bars and tiles are spaced by their own heights; ImGui's default spacing is for forms.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 4));
    // Wider than the survey's reading column: a tablet in landscape shows six tiles in a row.
    float avail = ImGui::GetContentRegionAvail().x;
    float width = std::min(avail, 1240.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
    ImGui::BeginGroup();

    Header(c, d, actions, width);
    const ScoreReport& r = d.report;
    if (!d.has_report)
    {
        ImGui::EndGroup();
        ImGui::PopStyleVar();
        *scroll_max_y = ImGui::GetScrollMaxY();
        ImGui::End();
        return;
    }
    std::string count_line = Fmt(T(D::ResponsesInWindow, locale), (long long)r.responses);
    Text(fonts.small, SmallPx(c), ImGui::GetCursorScreenPos(), theme::kInkMuted, count_line);
    ImGui::Dummy(ImVec2(width, SmallPx(c) + 4));
    // The threshold behind every "not enough answers" (docs/scores.md).
    std::string min_n_line = Fmt(T(D::MinN, locale), r.min_n);
    Text(fonts.small, SmallPx(c), ImGui::GetCursorScreenPos(), theme::kInkMuted, Fit(fonts.small, SmallPx(c), min_n_line, width));
    c.sem->Add("dash/min-n", "text", min_n_line, std::to_string(r.min_n), { ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().y, width, SmallPx(c) });
    ImGui::Dummy(ImVec2(width, SmallPx(c) + 6));

    // Tiles: as many columns as fit at 150 px or more (two on a 360 px phone).
    std::vector<Tile> tiles = HeadlineTiles(c, r);
    const float gap = 12;
    int cols = std::clamp((int)((width + gap) / (150 + gap)), 1, (int)tiles.size());
    int rows = ((int)tiles.size() + cols - 1) / cols;
    cols = ((int)tiles.size() + rows - 1) / rows; // balanced rows: 3 + 3 rather than 4 + 2
    float tw = (width - gap * (cols - 1)) / cols;
    for (size_t i = 0; i < tiles.size(); i++)
    {
        if (i % cols != 0) ImGui::SameLine(0, gap);
        else if (i > 0) ImGui::Dummy(ImVec2(0, gap - ImGui::GetStyle().ItemSpacing.y * 2 > 0 ? gap - ImGui::GetStyle().ItemSpacing.y * 2 : 0));
        // A row is as tall as its tallest tile (the NPS legend may take more lines when narrow).
        size_t row = i / cols * cols;
        float th = 0;
        for (size_t j = row; j < std::min(tiles.size(), row + cols); j++) th = std::max(th, TileHeight(c, tiles[j], tw));
        DrawTile(c, tiles[i], tw, th);
    }
    ImGui::Dummy(ImVec2(0, gap));

    if (r.responses == 0)
    {
        Text(fonts.body, BodyPx(c), ImGui::GetCursorScreenPos(), theme::kInkMuted, T(D::NoResponses, locale));
        ImGui::Dummy(ImVec2(width, BodyPx(c) + 8));
    }

    Grid grid;
    grid.columns = width >= 880 ? 2 : 1;
    grid.width = width;
    for (const QuestionScores& q : r.questions)
        if (HasDistribution(q)) { grid.Next(); DistributionCard(c, q, grid.CardWidth()); }
    for (const TrendSeries& t : r.trend)
        if (!t.days.empty()) { grid.Next(); TrendCard(c, t, grid.CardWidth()); }
    for (const QuestionScores& q : r.questions)
        if (q.type == QuestionType::Servqual) { grid.Next(); ServqualCard(c, q, grid.CardWidth()); }
    if (r.complaints.enabled) { grid.Next(); ComplaintsCard(c, r.complaints, grid.CardWidth()); }
    // The KANO table wants the whole width.
    for (const QuestionScores& q : r.questions)
        if (q.type == QuestionType::Kano)
        {
            ImGui::Dummy(ImVec2(0, gap));
            KanoCard(c, q, width);
        }

    ImGui::Dummy(ImVec2(0, 8));
    Text(fonts.small, SmallPx(c), ImGui::GetCursorScreenPos(), theme::kInkMuted, Fmt(T(D::ComputedIn, locale), d.compute_ms));
    ImGui::Dummy(ImVec2(width, SmallPx(c) + 16));
    ImGui::EndGroup();
    ImGui::PopStyleVar();
    *scroll_max_y = ImGui::GetScrollMaxY();
    ImGui::End();
}

} // namespace manyi
