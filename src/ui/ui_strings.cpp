#include "ui/ui_strings.h"

namespace manyi {

struct UiStringPair { const char* zh; const char* en; };

static const UiStringPair kStrings[] = {
    { "提交", "Submit" },
    { "正在保存…", "Saving…" },
    { "无法保存您的回答，请重试。", "Your answers could not be saved. Please try again." },
    { "请先回答标有 * 的问题。", "Please answer the questions marked *." },
    { "参考编号", "Reference" },
    { "本设备已保存 %lld 份回答", "%lld responses stored on this device" },
    { "%lld 份待发送", "%lld waiting to be sent" },
    { "再填一份", "New response" },
    { "问卷无法显示", "The survey cannot be shown" },
    { "正在加载…", "Loading…" },
    { "此设备无法保存回答", "This device cannot store responses" },
    { "必答", "required" },
    { "选填", "optional" },
    { "还可输入 %d 字", "%d characters left" },
    { "下一步", "Next" },
    { "上一步", "Back" },
    { "您的受理编号（请保留）", "Your reference number (please keep it)" },
    { "您的联系方式仅用于回复您，我们会妥善保护。", "Your contact details are used only to reply to you, and are kept safe." },
    { "请选择 %d 至 %d 项", "Choose %d to %d" },
    { "最多选择 %d 项", "Choose up to %d" },
    { "至少选择 %d 项", "Choose at least %d" },
    { "已恢复您上次未填完的回答。", "Your unfinished answers were restored." },
    { "重新开始", "Start over" },
    { "存储：已持久化 · 已用 %s / %s", "Storage: persistent · %s of %s used" },
    { "存储：未获持久化，空间不足时可能被浏览器清除 · 已用 %s / %s", "Storage: not persistent, the browser may clear it when space runs low · %s of %s used" },
    { "粘贴的内容超过 %d 字，超出部分未保留。", "The pasted text was longer than %d characters; the rest was not kept." },
    { "轻触屏幕，评价本次服务", "Tap the screen to rate our service" },
    { "还在吗？%d 秒后将清空并返回首页。", "Still there? Your answers will be cleared in %d s." },
    { "继续作答", "Continue" },
    { "%d 秒后返回首页", "Back to the start in %d s" },
    { "轻触一个表情即可", "One tap is all it takes" },
    { "本设备已保存 1 份回答", "1 response stored on this device" },
};
static_assert(sizeof(kStrings) / sizeof(kStrings[0]) == (size_t)UiString::Count_, "one pair per UiString");

const char* Tr(UiString s, std::string_view locale)
{
    const UiStringPair& p = kStrings[(int)s];
    bool zh = locale.size() >= 2 && (locale[0] == 'z' || locale[0] == 'Z') && (locale[1] == 'h' || locale[1] == 'H');
    return zh ? p.zh : p.en;
}

} // namespace manyi

namespace manyi {

// Each language's own name for itself, for the language switch.
static const UiStringPair kLanguageNames[] = { { "zh", "中文" }, { "en", "English" } };

const char* LanguageDisplayName(std::string_view language)
{
    for (const UiStringPair& p : kLanguageNames)
        if (language == p.zh) return p.en;
    return nullptr;
}

std::vector<std::string> AllUiStrings()
{
    std::vector<std::string> out;
    for (const UiStringPair& p : kLanguageNames) out.push_back(p.en);
    for (const UiStringPair& p : kStrings)
    {
        out.push_back(p.zh);
        out.push_back(p.en);
    }
    return out;
}

} // namespace manyi
