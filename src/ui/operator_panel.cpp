// The kiosk operator panel (docs/operator-guide.md): the PIN pad, and the tabs Scores (the live
// dashboard), Delivery, Export, Follow-ups (回访) and Settings. Sized for a 10-inch tablet held
// at arm's length: 17 px body text, 56 px buttons, 84 px PIN keys. Every control is a semantics
// node (the accessible mirror and the tests read them).
#include "ui/operator_panel.h"

#include <algorithm>
#include <cstdio>

#include "core/response.h"
#include "core/survey.h"
#include "imgui.h"
#include "imgui_internal.h"
#include "ui/choice_widgets.h"
#include "ui/dashboard.h"
#include "ui/theme.h"
#include "ui/ui_strings.h"
#include "ui/widgets.h"
#include "ui/wrapped_text.h"

namespace manyi {

// ---- the panel's words ------------------------------------------------------------------------------

enum class S
{
    Title, SetPin, ConfirmPin, EnterPin, PinHint, SetPinHint, Locked, Checking, Cancel, Ok, Delete,
    TabScores, TabDelivery, TabExport, TabFollowUps, TabSettings, Close, IdleClose,
    Counts, LastSuccess, Never, LastError, PausedAuth, NoEndpoint, NotSender, SyncNow, RetryFailed, ParkedHeading, NoneParked,
    StorageHeading, FlagsHeading, FlagsLine, DeliveryHeading,
    ExportHeading, ExportNote, ScoresCsv, ScoresJson, ResponsesCsv, ResponsesJson,
    FollowUpsHeading, FollowUpsNote, NoCallbacks, StateOpen, StateContacted, StateResolved, ResolutionSatisfaction, Note, SaveNote,
    FollowUpCounts,
    DeviceName, SurveyUrl, SurveyUrlNote, Language, SurveyDefault, FirstTap, InstantThanks, Attract, ThanksReset, IdleTimeout, Countdown,
    AttractAfter, BurstWindow, ComplaintThanksReset, Range, ScreensHeading, Abandoned, Discard, SavePartial, Save, ResetDefaults, ChangePin, Unsaved, DeviceNow, PinStored,
    BurstInScores,
    KnownSurveys, CurrentSurvey, OtherSurvey,
    Count_
};

struct Pair { const char* zh; const char* en; };
static const Pair kWords[] = {
    { "运营面板", "Operator panel" },
    { "设置运营 PIN", "Set the operator PIN" },
    { "再次输入 PIN 以确认", "Enter the PIN again to confirm" },
    { "输入运营 PIN", "Enter the operator PIN" },
    { "仅供工作人员使用", "For staff only" },
    { "4 至 8 位数字；连续输错 5 次将锁定", "4 to 8 digits; five wrong tries lock the pad" },
    { "输错次数过多，已锁定。请 %d 秒后再试。", "Too many wrong tries: locked. Try again in %d s." },
    { "正在核对…", "Checking…" },
    { "取消", "Cancel" },
    { "确定", "OK" },
    { "删除", "Delete" },
    { "评分", "Scores" },
    { "发送", "Delivery" },
    { "导出", "Export" },
    { "回访", "Follow-ups" },
    { "设置", "Settings" },
    { "关闭", "Close" },
    { "%d 秒无操作后自动关闭", "Closes by itself after %d s without input" },
    { "待发送 %lld · 已送达 %lld · 被拒收 %lld · 共 %lld", "Pending %lld · delivered %lld · refused %lld · total %lld" },
    { "上次成功发送：%s", "Last successful delivery: %s" },
    { "从未", "never" },
    { "上次错误：%s", "Last error: %s" },
    { "接收端拒绝了凭据（401/403），已暂停发送；检查后点“立即同步”。", "The endpoint refused the credentials (401/403): delivery paused; fix it, then tap \"Sync now\"." },
    { "未设置接收端：回答只保存在本设备。", "No endpoint set: responses stay on this device." },
    { "另一个标签页正在负责发送。", "Another tab of this browser is doing the sending." },
    { "立即同步", "Sync now" },
    { "重试被拒收的回答", "Retry refused responses" },
    { "被接收端拒收的回答（保留在本设备）", "Refused by the endpoint (kept on this device)" },
    { "没有被拒收的回答。", "No refused responses." },
    { "设备存储", "Device storage" },
    { "回答标记", "Response flags" },
    { "快速连续作答（burst）%lld 份 · 未完成即离开（partial）%lld 份", "Rapid repeats (burst): %lld · walked away (partial): %lld" },
    { "发送状态", "Delivery" },
    { "导出数据", "Export" },
    { "本设备保存的全部数据，下载为文件。", "Everything stored on this device, downloaded as a file." },
    { "评分（CSV）", "Scores (CSV)" },
    { "评分（JSON）", "Scores (JSON)" },
    { "回答（CSV）", "Responses (CSV)" },
    { "回答（JSON）", "Responses (JSON)" },
    { "投诉回访", "Complaint follow-ups" },
    { "含个人信息，仅限工作人员查看。", "Personal data: for staff only." },
    { "还没有要求回电的投诉。", "No complaint has asked for a callback yet." },
    { "待联系", "Open" },
    { "已联系", "Contacted" },
    { "已解决", "Resolved" },
    { "客户对处理结果的满意度", "Customer's satisfaction with the resolution" },
    { "备注", "Note" },
    { "保存备注", "Save note" },
    { "要求回电 %lld · 待联系 %lld · 已联系 %lld · 已解决 %lld", "Callbacks %lld · open %lld · contacted %lld · resolved %lld" },
    { "设备名称", "Device name" },
    { "问卷地址", "Survey URL" },
    { "留空则使用页面的问卷；更改后保存会重新启动。", "Empty: the page's survey. Saving a change restarts the kiosk." },
    { "语言", "Language" },
    { "问卷默认", "Survey default" },
    { "首屏一键评价", "One-tap first screen" },
    { "满意时一键结束并致谢", "A satisfied tap ends with a thank-you" },
    { "无人使用时显示待机画面", "Attract screen while idle" },
    { "致谢页停留", "Thank-you shown for" },
    { "无操作提醒前等待", "Idle time before the warning" },
    { "提醒倒计时", "Warning countdown" },
    { "首屏无人使用转待机", "First screen idle before attract" },
    { "连续作答判定窗口", "Burst window" },
    { "投诉致谢页停留（便于记下编号）", "Complaint thank-you shown for (to note the reference)" },
    { "%d 秒（%d–%d）", "%d s (%d–%d)" },
    { "首屏与计时", "Screens and timing" },
    { "离开未完成的问卷", "Abandoned surveys" },
    { "丢弃", "Discard" },
    { "保存为未完成（partial）", "Save as partial" },
    { "保存设置", "Save settings" },
    { "恢复页面默认设置", "Back to the page's settings" },
    { "更改 PIN", "Change PIN" },
    { "有未保存的更改", "Unsaved changes" },
    { "回答中的设备标识：%s", "Device id in responses: %s" },
    { "PIN 以加盐哈希保存（PBKDF2-SHA-256）", "The PIN is stored salted and hashed (PBKDF2-SHA-256)" },
    { "快速连续作答（burst）计入评分（对之后的回答生效）", "Count rapid repeats (burst) in the scores (for responses from now on)" },
    { "选择问卷", "Choose the survey" },
    { "本机问卷：%s", "This kiosk's survey: %s" },
    { "或输入问卷地址（保存前会先检查）", "Or type a survey URL (checked before it is saved)" },
};
static_assert(sizeof(kWords) / sizeof(kWords[0]) == (size_t)S::Count_, "one pair per string");

static const char* W(S s, const std::string& locale)
{
    const bool zh = locale.size() >= 2 && (locale[0] == 'z' || locale[0] == 'Z') && (locale[1] == 'h' || locale[1] == 'H');
    return zh ? kWords[(int)s].zh : kWords[(int)s].en;
}

std::vector<std::string> OperatorUiStrings()
{
    std::vector<std::string> out;
    for (const Pair& p : kWords)
    {
        out.push_back(p.zh);
        out.push_back(p.en);
    }
    for (const char* s : { "PIN 不正确，还可再试", "PIN 为 4 至 8 位数字", "两次输入的 PIN 不一致，请重新设置", "PIN 已设置", "已将份退回的回答重新排队发送",
                           "正在发送…", "正在保存，随后重新启动以加载新问卷…", "正在保存…", "设置已保存", "未能保存（）", "0123456789",
                           "正在检查问卷…", "问卷未保存，无法使用 " })
        out.push_back(s);
    return out;
}

// ---- small drawing helpers -------------------------------------------------------------------------

struct Ctx
{
    OperatorView*      v;
    OperatorTextState* text;
    const std::string& locale;
    const FontSet&     fonts;
    Semantics*         sem;
    OperatorActions*   a;
};

enum class Look { Primary, Secondary, Selected, Muted };

static bool Button(Ctx& c, const std::string& id, std::string_view label, ImVec2 size, Look look, bool enabled = true,
                   const char* value = "")
{
    ImGui::PushID(id.c_str());
    bool pressed = ImGui::InvisibleButton("b", size) && enabled;
    ImGui::PopID();
    const bool hovered = ImGui::IsItemHovered() && enabled;
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    ImVec2 p0 = ImGui::GetItemRectMin(), p1 = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 fill = theme::kPaper, ink = theme::kAccent, edge = theme::kAccent;
    if (!enabled) fill = theme::kPanel, ink = theme::kInkMuted, edge = theme::kLine;
    else if (look == Look::Primary || look == Look::Selected) fill = hovered ? theme::kAccentDark : theme::kAccent, ink = theme::kPaper;
    else if (hovered) fill = theme::kPanel;
    if (look == Look::Muted && enabled) ink = theme::kInk, edge = theme::kLine;
    dl->AddRectFilled(p0, p1, fill, theme::kRounding);
    dl->AddRect(p0, p1, edge, theme::kRounding, 0, 1.5f);
    if (ImGui::IsItemFocused() && ImGui::GetIO().NavVisible)
        dl->AddRect(ImVec2(p0.x - 3, p0.y - 3), ImVec2(p1.x + 3, p1.y + 3), theme::kAccent, theme::kRounding + 3, 0, 2.0f);
    CenteredWrappedText(dl, ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p0.x + 6, p0.y), ImVec2(p1.x - 6, p1.y), ink, label);
    c.sem->Add(id, "button", std::string(label), value, ItemSemanticsRect());
    return pressed;
}

static void Line(Ctx& c, const std::string& id, std::string_view text, ImU32 color = theme::kInk, const char* role = "text",
                 ImFont* font = nullptr)
{
    TextBlock(c.sem, id.c_str(), role, text, font ? font : c.fonts.body, color);
}

static void Heading(Ctx& c, const std::string& id, std::string_view text)
{
    ImGui::Dummy(ImVec2(0, 8));
    Line(c, id, text, theme::kInk, "heading", c.fonts.heading);
    ImGui::Dummy(ImVec2(0, 2));
}

template <typename... Args>
static std::string Fmt(const char* format, Args... args)
{
    char buf[512];
    snprintf(buf, sizeof buf, format, args...);
    return buf;
}

// "2026-11-23 09:05" in the browser's time zone.
static std::string LocalTime(int64_t ms, int utc_offset_minutes)
{
    std::string iso = FormatIsoUtc(ms + (int64_t)utc_offset_minutes * 60000);
    return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

static std::string Bytes(double bytes)
{
    if (bytes < 0) return "?";
    const char* units[] = { "B", "KB", "MB", "GB", "TB" };
    int u = 0;
    while (bytes >= 1000 && u < 4) { bytes /= 1000; u++; }
    return Fmt(bytes < 10 && u > 0 ? "%.1f %s" : "%.0f %s", bytes, units[u]);
}

// A text box the DOM field edits (D7): its resting look here, its rect for the tap.
static void TextField(Ctx& c, const std::string& field, const std::string& label, const std::string& value, float width, float height)
{
    Line(c, field + "/label", label, theme::kInkMuted, "text", c.fonts.small);
    const bool editing = c.text->editing == field;
    if (TextBoxFrame(("tf-" + field).c_str(), editing ? "" : value, "", ImVec2(width, height), editing)) c.a->open_text_field = field;
    SemanticsRect r = ItemSemanticsRect();
    c.sem->Add(field, "textbox", label, value, r);
    c.text->boxes.push_back({ field, value, r });
}

// The page under the tab bar: a window of its own, scrolled by a finger as the dashboard is.
static void BeginBody(const char* name, float top)
{
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, top));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, io.DisplaySize.y - top));
    ImGui::Begin(name, nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (io.MouseSource == ImGuiMouseSource_TouchScreen && ImGui::IsMouseDragging(ImGuiMouseButton_Left))
    {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        if (ImGui::GetActiveID() != 0) ImGui::ClearActiveID();
    }
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::min(avail, 900.0f);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::PushItemWidth(width);
}

static float BodyWidth() { return ImGui::CalcItemWidth(); }

static void EndBody(float* scroll_max_y)
{
    ImGui::PopItemWidth();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, theme::kPadding * 2));
    *scroll_max_y = ImGui::GetScrollMaxY();
    ImGui::End();
}

// ---- the PIN pad -----------------------------------------------------------------------------------

static void PinPad(Ctx& c)
{
    OperatorView& v = *c.v;
    ImGuiIO& io = ImGui::GetIO();
    BeginBody("operator-pin", 0);
    const float width = std::min(BodyWidth(), 420.0f);
    const float indent = (BodyWidth() - width) * 0.5f;
    const float x0 = ImGui::GetCursorPosX() + indent;
    auto row = [&]() { ImGui::SetCursorPosX(x0); };
    const float spare = io.DisplaySize.y - 720;
    if (spare > 0) ImGui::Dummy(ImVec2(0, spare * 0.3f));
    const S title = v.stage == OperatorStage::SetPin ? S::SetPin : v.stage == OperatorStage::ConfirmPin ? S::ConfirmPin : S::EnterPin;
    row();
    ImGui::PushTextWrapPos(x0 + width);
    Line(c, "pin-title", W(title, c.locale), theme::kInk, "heading", c.fonts.heading);
    row();
    Line(c, "pin-hint", W(v.stage == OperatorStage::EnterPin ? S::PinHint : S::SetPinHint, c.locale), theme::kInkMuted, "text", c.fonts.small);
    ImGui::Dummy(ImVec2(0, 10));

    // The entry: one dot per digit typed, never the digits.
    row();
    ImVec2 at = ImGui::GetCursorScreenPos();
    const float box_h = 64;
    ImGui::Dummy(ImVec2(width, box_h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(at, ImVec2(at.x + width, at.y + box_h), theme::kPanel, theme::kRounding);
    dl->AddRect(at, ImVec2(at.x + width, at.y + box_h), theme::kLine, theme::kRounding, 0, 1.5f);
    const float gap = 34, dots_w = gap * (float)(std::max(v.pin_length, 1) - 1);
    for (int i = 0; i < v.pin_length; i++)
        dl->AddCircleFilled(ImVec2(at.x + width * 0.5f - dots_w * 0.5f + gap * (float)i, at.y + box_h * 0.5f), 9, theme::kInk, 20);
    c.sem->Add("pin-entry", "textbox", W(title, c.locale), std::string((size_t)v.pin_length, '*'), { at.x, at.y, width, box_h });

    ImGui::Dummy(ImVec2(0, 4));
    // One line's room, whatever is in it, so the keys never move under a finger.
    const float message_top = ImGui::GetCursorPosY(), message_h = ImGui::GetFontSize() + 16;
    if (v.locked_ms > 0)
    {
        row();
        Line(c, "pin-locked", Fmt(W(S::Locked, c.locale), (int)((v.locked_ms + 999) / 1000)), theme::kDanger, "alert");
    }
    else if (v.checking)
    {
        row();
        Line(c, "pin-checking", W(S::Checking, c.locale), theme::kInkMuted, "status");
    }
    else if (!v.pin_message.empty())
    {
        row();
        Line(c, "pin-message", v.pin_message, v.pin_message_is_error ? theme::kDanger : theme::kSuccess, v.pin_message_is_error ? "alert" : "status");
    }
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), message_top + message_h));
    ImGui::Dummy(ImVec2(0, 6));

    // 1 2 3 / 4 5 6 / 7 8 9 / delete 0 OK: the telephone layout every staff member knows.
    const bool keys = v.locked_ms <= 0 && !v.checking;
    const float kgap = 12, kw = (width - kgap * 2) / 3, kh = 84;
    const char* order = "123456789";
    ImGui::PushFont(c.fonts.heading);
    for (int r = 0; r < 3; r++)
    {
        row();
        for (int k = 0; k < 3; k++)
        {
            if (k) ImGui::SameLine(0, kgap);
            const char d = order[r * 3 + k];
            const std::string label(1, d);
            if (Button(c, std::string("pin/") + d, label, ImVec2(kw, kh), Look::Muted, keys)) c.a->digits += d;
        }
    }
    row();
    ImGui::PopFont();
    if (Button(c, "pin/back", W(S::Delete, c.locale), ImVec2(kw, kh), Look::Secondary, keys && v.pin_length > 0)) c.a->backspace = true;
    ImGui::SameLine(0, kgap);
    ImGui::PushFont(c.fonts.heading);
    if (Button(c, "pin/0", "0", ImVec2(kw, kh), Look::Muted, keys)) c.a->digits += '0';
    ImGui::PopFont();
    ImGui::SameLine(0, kgap);
    if (Button(c, "pin/ok", W(S::Ok, c.locale), ImVec2(kw, kh), Look::Primary, keys && v.pin_length >= 4)) c.a->enter = true;
    ImGui::Dummy(ImVec2(0, 10));
    row();
    if (Button(c, "pin/cancel", W(S::Cancel, c.locale), ImVec2(width, 56), Look::Secondary)) c.a->cancel_pin = true;
    ImGui::PopTextWrapPos();

    // A keyboard works too: digits, Backspace, Enter (Escape leaves the widget, D4).
    if (keys)
    {
        for (ImWchar ch : io.InputQueueCharacters)
            if (ch >= '0' && ch <= '9') c.a->digits += (char)ch;
        if (ImGui::IsKeyPressed(ImGuiKey_Backspace)) c.a->backspace = true;
        if (ImGui::IsKeyPressed(ImGuiKey_Enter) && v.pin_length >= 4) c.a->enter = true;
    }
    float ignored = 0;
    EndBody(&ignored);
}

// ---- the tab bar -----------------------------------------------------------------------------------

static float TabBar(Ctx& c)
{
    OperatorView& v = *c.v;
    ImGuiIO& io = ImGui::GetIO();
    const float height = 140;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, theme::kPaper);
    ImGui::Begin("operator-bar", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                              ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float close_w = 120;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string title = std::string(W(S::Title, c.locale)) + " · " + v.device_id;
    dl->AddText(c.fonts.heading, c.fonts.heading->FontSize, p, theme::kInk, title.c_str());
    c.sem->Add("operator-title", "heading", title, "", { p.x, p.y, avail - close_w, c.fonts.heading->FontSize });
    const std::string idle = Fmt(W(S::IdleClose, c.locale), v.idle_left_s);
    dl->AddText(c.fonts.small, c.fonts.small->FontSize, ImVec2(p.x, p.y + c.fonts.heading->FontSize + 2), theme::kInkMuted, idle.c_str());
    ImGui::SetCursorScreenPos(ImVec2(p.x + avail - close_w, p.y));
    if (Button(c, "operator/close", W(S::Close, c.locale), ImVec2(close_w, 48), Look::Secondary)) c.a->close = true;
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + 64));
    static const S kTabNames[kOperatorTabCount] = { S::TabScores, S::TabDelivery, S::TabExport, S::TabFollowUps, S::TabSettings };
    static const char* kTabIds[kOperatorTabCount] = { "tab/scores", "tab/delivery", "tab/export", "tab/followups", "tab/settings" };
    const float gap = 8, tw = (avail - gap * (kOperatorTabCount - 1)) / kOperatorTabCount;
    for (int i = 0; i < kOperatorTabCount; i++)
    {
        if (i) ImGui::SameLine(0, gap);
        const bool selected = (int)v.tab == i;
        if (Button(c, kTabIds[i], W(kTabNames[i], c.locale), ImVec2(tw, 52), selected ? Look::Selected : Look::Secondary, true,
                   selected ? "selected" : ""))
        {
            c.a->tab_changed = true;
            c.a->tab = (OperatorTab)i;
        }
    }
    ImGui::GetWindowDrawList()->AddLine(ImVec2(0, height - 1), ImVec2(io.DisplaySize.x, height - 1), theme::kLine, 1.0f);
    ImGui::End();
    return height;
}

// ---- tabs ------------------------------------------------------------------------------------------

static void StorageError(Ctx& c)
{
    if (!c.v->storage_error.empty()) Line(c, "operator-storage-error", c.v->storage_error, theme::kDanger, "alert");
}

static void DeliveryTab(Ctx& c, const WidgetStorage& storage)
{
    OperatorView& v = *c.v;
    const float width = BodyWidth();
    StorageError(c);
    Heading(c, "delivery-heading", W(S::DeliveryHeading, c.locale));
    Line(c, "delivery-counts", Fmt(W(S::Counts, c.locale), (long long)v.pending, (long long)v.delivered, (long long)v.parked, (long long)v.total));
    Line(c, "delivery-last-success", Fmt(W(S::LastSuccess, c.locale), v.last_success_ms ? LocalTime(v.last_success_ms, v.utc_offset_minutes).c_str() : W(S::Never, c.locale)));
    if (!v.last_error.empty()) Line(c, "delivery-last-error", Fmt(W(S::LastError, c.locale), v.last_error.c_str()), theme::kDanger);
    if (v.paused_auth) Line(c, "delivery-paused", W(S::PausedAuth, c.locale), theme::kDanger, "alert");
    if (!v.endpoint_set) Line(c, "delivery-no-endpoint", W(S::NoEndpoint, c.locale), theme::kDanger);
    else if (!v.sender) Line(c, "delivery-not-sender", W(S::NotSender, c.locale), theme::kInkMuted);
    ImGui::Dummy(ImVec2(0, 8));
    const float bw = (width - 12) / 2;
    if (Button(c, "delivery/sync", W(S::SyncNow, c.locale), ImVec2(bw, 56), Look::Primary, v.endpoint_set)) c.a->sync_now = true;
    ImGui::SameLine(0, 12);
    if (Button(c, "delivery/retry", W(S::RetryFailed, c.locale), ImVec2(bw, 56), Look::Secondary, v.parked > 0)) c.a->retry_failed = true;
    if (!v.delivery_message.empty()) Line(c, "delivery-message", v.delivery_message, theme::kSuccess, "status");

    Heading(c, "parked-heading", W(S::ParkedHeading, c.locale));
    if (v.parked_items.empty()) Line(c, "parked-none", W(S::NoneParked, c.locale), theme::kInkMuted);
    for (const ParkedItem& p : v.parked_items)
        Line(c, "parked/" + p.id, LocalTime(p.created_ms, v.utc_offset_minutes) + "  " + p.id.substr(0, 8) + "  " + p.reason, theme::kInk);

    Heading(c, "storage-heading", W(S::StorageHeading, c.locale));
    const UiString which = storage.persisted == 1 ? UiString::StoragePersistent : UiString::StorageNotPersistent;
    Line(c, "storage-state", Fmt(Tr(which, c.locale), Bytes(storage.usage).c_str(), Bytes(storage.quota).c_str()),
         storage.persisted == 1 ? theme::kInk : theme::kDanger, "text");

    Heading(c, "flags-heading", W(S::FlagsHeading, c.locale));
    Line(c, "flags-counts", Fmt(W(S::FlagsLine, c.locale), (long long)v.overview.burst, (long long)v.overview.partial));
}

static void ExportTab(Ctx& c)
{
    const float width = BodyWidth();
    StorageError(c);
    Heading(c, "export-heading", W(S::ExportHeading, c.locale));
    Line(c, "export-note", W(S::ExportNote, c.locale), theme::kInkMuted);
    ImGui::Dummy(ImVec2(0, 8));
    const float bw = (width - 12) / 2;
    if (Button(c, "export/scores-csv", W(S::ScoresCsv, c.locale), ImVec2(bw, 64), Look::Primary)) c.a->export_kind = OperatorExport::ScoresCsv;
    ImGui::SameLine(0, 12);
    if (Button(c, "export/scores-json", W(S::ScoresJson, c.locale), ImVec2(bw, 64), Look::Secondary)) c.a->export_kind = OperatorExport::ScoresJson;
    ImGui::Dummy(ImVec2(0, 4));
    if (Button(c, "export/responses-csv", W(S::ResponsesCsv, c.locale), ImVec2(bw, 64), Look::Primary)) c.a->export_kind = OperatorExport::ResponsesCsv;
    ImGui::SameLine(0, 12);
    if (Button(c, "export/responses-json", W(S::ResponsesJson, c.locale), ImVec2(bw, 64), Look::Secondary)) c.a->export_kind = OperatorExport::ResponsesJson;
}

static const std::string* NoteBeingTyped(const OperatorTextState& t, const std::string& id)
{
    for (const auto& n : t.notes)
        if (n.first == id) return &n.second;
    return nullptr;
}

static void FollowUpCard(Ctx& c, const CallbackComplaint& item)
{
    OperatorView& v = *c.v;
    const float width = BodyWidth();
    const std::string key = "fu/" + (item.reference.empty() ? item.response_id.substr(0, 8) : item.reference);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 top = ImGui::GetCursorScreenPos();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::Indent(14);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 28);
    ImGui::Dummy(ImVec2(0, 6));
    Line(c, key + "/title", item.reference + " · " + LocalTime(item.created_ms, v.utc_offset_minutes) + (item.type.empty() ? "" : " · " + item.type),
         theme::kInk, "heading", c.fonts.heading);
    if (!item.text.empty()) Line(c, key + "/text", item.text);
    if (!item.contact.empty()) Line(c, key + "/contact", item.contact, theme::kAccent);
    if (!item.when.empty()) Line(c, key + "/when", item.when, theme::kInkMuted, "text", c.fonts.small);
    ImGui::Dummy(ImVec2(0, 4));
    const float inner = width - 28, bw = (inner - 16) / 3;
    const FollowUpState st = item.has_followup ? item.followup.state : FollowUpState::Open;
    const S names[3] = { S::StateOpen, S::StateContacted, S::StateResolved };
    const char* ids[3] = { "open", "contacted", "resolved" };
    for (int i = 0; i < 3; i++)
    {
        if (i) ImGui::SameLine(0, 8);
        const bool on = (int)st == i;
        if (Button(c, key + "/" + ids[i], W(names[i], c.locale), ImVec2(bw, 52), on ? Look::Selected : Look::Secondary, true, on ? "selected" : ""))
        {
            c.a->followup_id = item.response_id;
            c.a->followup_state = i;
        }
    }
    Line(c, key + "/sat-label", W(S::ResolutionSatisfaction, c.locale), theme::kInkMuted, "text", c.fonts.small);
    const int sat = item.followup.satisfaction_points == 5 ? item.followup.satisfaction : 0;
    int pressed = SmileyRow(c.sem, key + "/sat", 5, sat, {}, std::min(inner, 420.0f));
    if (pressed > 0)
    {
        c.a->followup_id = item.response_id;
        c.a->followup_satisfaction = pressed;
    }
    const std::string* typed = NoteBeingTyped(*c.text, item.response_id);
    TextField(c, "note:" + item.response_id, W(S::Note, c.locale), typed ? *typed : item.followup.note, inner, 72);
    c.sem->nodes.back().id = key + "/note"; // stable, readable id; the box is found by its field name
    if (Button(c, key + "/save-note", W(S::SaveNote, c.locale), ImVec2(std::min(inner, 240.0f), 48), Look::Secondary,
               typed && *typed != item.followup.note))
        c.a->followup_id = item.response_id;
    ImGui::Dummy(ImVec2(0, 6));
    ImGui::PopTextWrapPos();
    ImGui::Unindent(14);
    ImVec2 bottom = ImGui::GetCursorScreenPos();
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(top, ImVec2(top.x + width, bottom.y), theme::kPaper, theme::kRounding);
    dl->AddRect(top, ImVec2(top.x + width, bottom.y), theme::kLine, theme::kRounding, 0, 1.0f);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(0, 10));
}

static void FollowUpsTab(Ctx& c)
{
    OperatorView& v = *c.v;
    StorageError(c);
    Heading(c, "followups-heading", W(S::FollowUpsHeading, c.locale));
    Line(c, "followups-note", W(S::FollowUpsNote, c.locale), theme::kDanger, "text", c.fonts.small);
    long long open = 0, contacted = 0, resolved = 0;
    for (const CallbackComplaint& i : v.overview.callbacks)
    {
        const FollowUpState s = i.has_followup ? i.followup.state : FollowUpState::Open;
        (s == FollowUpState::Resolved ? resolved : s == FollowUpState::Contacted ? contacted : open)++;
    }
    Line(c, "followups-counts", Fmt(W(S::FollowUpCounts, c.locale), (long long)v.overview.callbacks.size(), open, contacted, resolved));
    if (!v.followup_message.empty()) Line(c, "followups-message", v.followup_message, theme::kDanger, "alert");
    ImGui::Dummy(ImVec2(0, 6));
    if (v.overview.callbacks.empty()) Line(c, "followups-none", W(S::NoCallbacks, c.locale), theme::kInkMuted);
    for (const CallbackComplaint& item : v.overview.callbacks) FollowUpCard(c, item);
}

struct Stepper { const char* key; S label; int* value; KioskSettingRange range; int step; };

static void SettingStepper(Ctx& c, const Stepper& s)
{
    const float width = BodyWidth();
    Line(c, std::string("settings/") + s.key + "/label", W(s.label, c.locale), theme::kInk);
    const std::string value = Fmt(W(S::Range, c.locale), *s.value, s.range.min, s.range.max);
    const float bw = 72;
    const std::string id = std::string("settings/") + s.key;
    ImGui::PushFont(c.fonts.heading);
    if (Button(c, id + "/minus", "-", ImVec2(bw, 52), Look::Secondary, *s.value > s.range.min))
    {
        *s.value = std::max(s.range.min, *s.value - s.step);
        c.a->settings_changed = true;
    }
    ImGui::PopFont();
    ImGui::SameLine(0, 12);
    ImVec2 p = ImGui::GetCursorScreenPos();
    const float vw = std::min(width - 2 * bw - 24, 260.0f);
    ImGui::Dummy(ImVec2(vw, 52));
    CenteredWrappedText(ImGui::GetWindowDrawList(), c.fonts.body, c.fonts.body->FontSize, p, ImVec2(p.x + vw, p.y + 52), theme::kInk, value);
    c.sem->Add(id, "spinbutton", W(s.label, c.locale), std::to_string(*s.value), { p.x, p.y, vw, 52 });
    ImGui::SameLine(0, 12);
    ImGui::PushFont(c.fonts.heading);
    if (Button(c, id + "/plus", "+", ImVec2(bw, 52), Look::Secondary, *s.value < s.range.max))
    {
        *s.value = std::min(s.range.max, *s.value + s.step);
        c.a->settings_changed = true;
    }
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 4));
}

// The surveys the kiosk's build ships and the one running now, as a choice; any other URL typed
// below. A new URL is fetched and parsed before it is saved (src/app/web/operator_app.cpp).
static void SurveyChoice(Ctx& c, float width)
{
    OperatorView& v = *c.v;
    KioskSettings& d = v.draft;
    Heading(c, "settings/survey-heading", W(S::KnownSurveys, c.locale));
    const bool zh = c.locale.rfind("zh", 0) == 0;
    std::vector<std::string> labels, values;
    std::vector<bool> checked;
    bool running_listed = false;
    for (const KnownSurvey& k : v.known_surveys)
    {
        labels.push_back(zh ? k.title_zh : k.title_en);
        values.push_back(k.url);
        running_listed = running_listed || k.url == v.running_survey_url;
    }
    if (!running_listed && !v.running_survey_url.empty())
    {
        labels.push_back(Fmt(W(S::CurrentSurvey, c.locale), v.running_survey_url.c_str()));
        values.push_back(v.running_survey_url);
    }
    const std::string& chosen_url = d.survey_url.empty() ? v.running_survey_url : d.survey_url;
    for (const std::string& url : values) checked.push_back(url == chosen_url);
    const int chosen = ChoiceList(c.sem, "settings/survey", labels, values, checked, false, width);
    if (chosen >= 0)
    {
        d.survey_url = values[(size_t)chosen];
        c.a->settings_changed = true;
    }
    ImGui::Dummy(ImVec2(0, 6));
    TextField(c, "survey_url", W(S::OtherSurvey, c.locale), d.survey_url, width, 52);
    Line(c, "settings/survey-note", W(S::SurveyUrlNote, c.locale), theme::kInkMuted, "text", c.fonts.small);
}

static void SettingsTab(Ctx& c)
{
    OperatorView& v = *c.v;
    KioskSettings& d = v.draft;
    const float width = BodyWidth();
    StorageError(c);
    Heading(c, "settings-heading", W(S::TabSettings, c.locale));
    TextField(c, "device_name", W(S::DeviceName, c.locale), d.device_name, width, 52);
    Line(c, "settings/device-now", Fmt(W(S::DeviceNow, c.locale), v.device_id.c_str()), theme::kInkMuted, "text", c.fonts.small);
    SurveyChoice(c, width);

    Heading(c, "settings/language-heading", W(S::Language, c.locale));
    std::vector<std::string> labels{ W(S::SurveyDefault, c.locale) }, values{ "default" };
    for (const std::string& l : v.locales)
    {
        const char* name = LanguageDisplayName(l.substr(0, 2));
        labels.push_back(name ? std::string(name) + " (" + l + ")" : l);
        values.push_back(l);
    }
    std::vector<bool> checked;
    for (size_t i = 0; i < values.size(); i++) checked.push_back(i == 0 ? d.locale.empty() : d.locale == values[i]);
    int chosen = ChoiceList(c.sem, "settings/locale", labels, values, checked, false, width);
    if (chosen >= 0)
    {
        d.locale = chosen == 0 ? "" : values[(size_t)chosen];
        c.a->settings_changed = true;
    }

    Heading(c, "settings/screens-heading", W(S::ScreensHeading, c.locale));
    struct Flag { const char* id; S label; bool* value; };
    for (const Flag& f : { Flag{ "settings/first_tap", S::FirstTap, &d.first_tap }, Flag{ "settings/instant_thanks", S::InstantThanks, &d.instant_thanks },
                           Flag{ "settings/attract", S::Attract, &d.attract } })
        if (CheckBox(c.sem, f.id, W(f.label, c.locale), *f.value, width))
        {
            *f.value = !*f.value;
            c.a->settings_changed = true;
        }
    ImGui::Dummy(ImVec2(0, 6));
    for (const Stepper& s : { Stepper{ "thanks_reset_s", S::ThanksReset, &d.thanks_reset_s, kThanksResetRange, 1 },
                              Stepper{ "complaint_thanks_reset_s", S::ComplaintThanksReset, &d.complaint_thanks_reset_s, kComplaintThanksResetRange, 5 },
                              Stepper{ "idle_timeout_s", S::IdleTimeout, &d.idle_timeout_s, kIdleTimeoutRange, 5 },
                              Stepper{ "countdown_s", S::Countdown, &d.countdown_s, kCountdownRange, 1 },
                              Stepper{ "attract_after_s", S::AttractAfter, &d.attract_after_s, kAttractAfterRange, 10 },
                              Stepper{ "burst_window_s", S::BurstWindow, &d.burst_window_s, kBurstWindowRange, 1 } })
        SettingStepper(c, s);
    // Bursts are left out of the scores unless the operator counts them (docs/operator-guide.md).
    if (CheckBox(c.sem, "settings/burst_in_scores", W(S::BurstInScores, c.locale), d.burst_in_scores, width))
    {
        d.burst_in_scores = !d.burst_in_scores;
        c.a->settings_changed = true;
    }

    Heading(c, "settings/abandoned-heading", W(S::Abandoned, c.locale));
    int ab = ChoiceList(c.sem, "settings/abandoned", { W(S::Discard, c.locale), W(S::SavePartial, c.locale) }, { "discard", "save-partial" },
                        { d.abandoned == AbandonedPolicy::Discard, d.abandoned == AbandonedPolicy::SavePartial }, false, width);
    if (ab >= 0)
    {
        d.abandoned = ab == 0 ? AbandonedPolicy::Discard : AbandonedPolicy::SavePartial;
        c.a->settings_changed = true;
    }

    ImGui::Dummy(ImVec2(0, 10));
    if (v.draft_dirty) Line(c, "settings/unsaved", W(S::Unsaved, c.locale), theme::kDanger);
    if (!v.settings_message.empty())
        Line(c, "settings/message", v.settings_message, v.settings_message_is_error ? theme::kDanger : theme::kSuccess,
             v.settings_message_is_error ? "alert" : "status");
    if (Button(c, "settings/save", W(S::Save, c.locale), ImVec2(width, 56), Look::Primary, v.draft_dirty)) c.a->save_settings = true;
    ImGui::Dummy(ImVec2(0, 4));
    const float bw = (width - 12) / 2;
    if (Button(c, "settings/reset", W(S::ResetDefaults, c.locale), ImVec2(bw, 56), Look::Secondary)) c.a->reset_settings = true;
    ImGui::SameLine(0, 12);
    if (Button(c, "settings/change-pin", W(S::ChangePin, c.locale), ImVec2(bw, 56), Look::Secondary)) c.a->change_pin = true;
    Line(c, "settings/pin-note", W(S::PinStored, c.locale), theme::kInkMuted, "text", c.fonts.small);
}

// ---- the whole panel -------------------------------------------------------------------------------

void DrawOperatorPanel(OperatorView* v, OperatorTextState* text, DashboardView* dashboard, const Survey& survey, const std::string& locale,
                       const FontSet& fonts, const WidgetStorage& storage, Semantics* sem, OperatorActions* actions,
                       DashboardActions* dashboard_actions, float* scroll_max_y)
{
    Ctx c{ v, text, locale, fonts, sem, actions };
    if (v->stage != OperatorStage::Panel)
    {
        PinPad(c);
        return;
    }
    const float top = TabBar(c);
    if (v->tab == OperatorTab::Scores)
    {
        dashboard->top = top;
        DrawDashboard(*dashboard, survey, locale, fonts, sem, dashboard_actions, scroll_max_y);
        return;
    }
    BeginBody("operator-body", top);
    switch (v->tab)
    {
    case OperatorTab::Delivery: DeliveryTab(c, storage); break;
    case OperatorTab::Export: ExportTab(c); break;
    case OperatorTab::FollowUps: FollowUpsTab(c); break;
    case OperatorTab::Settings: SettingsTab(c); break;
    default: break;
    }
    EndBody(scroll_max_y);
}

} // namespace manyi
