#include "ui/semantics.h"

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "imgui_internal.h"

namespace manyi {

// The item ImGui drew last, if the node is that item (same rect): text blocks and nodes added
// after other drawing get 0, so a mirror activation can never press the wrong item.
static unsigned LastItemIdFor(const SemanticsRect& r)
{
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (!g || g->LastItemData.ID == 0) return 0;
    const ImRect& b = g->LastItemData.Rect;
    auto near = [](float a, float c) { return a - c < 0.5f && c - a < 0.5f; };
    if (!near(b.Min.x, r.x) || !near(b.Min.y, r.y) || !near(b.GetWidth(), r.width) || !near(b.GetHeight(), r.height)) return 0;
    return g->LastItemData.ID;
}

void Semantics::Add(std::string id, std::string role, std::string label, std::string value, SemanticsRect rect)
{
    SemanticsNode n;
    n.id = std::move(id);
    n.role = std::move(role);
    n.label = std::move(label);
    n.value = std::move(value);
    n.rect = rect;
    n.group = open_groups.empty() ? "" : open_groups.back();
    n.imgui_id = LastItemIdFor(rect);
    if (n.imgui_id) n.imgui_window = ImGui::GetCurrentWindow()->ID;
    if (n.imgui_id && !focus_request.empty() && n.id == focus_request)
    {
        // The mirror moved the keyboard focus here: ImGui's navigation follows, so the widget
        // draws its focus ring on this item and keeps it in view.
        ImGuiContext& g = *GImGui;
        ImGui::SetFocusID(n.imgui_id, ImGui::GetCurrentWindow());
        g.NavDisableHighlight = false;
        g.NavDisableMouseHover = true;
        g.NavInputSource = ImGuiInputSource_Keyboard;
        ImGui::ScrollToItem(ImGuiScrollFlags_KeepVisibleEdgeY);
        focus_request.clear();
    }
    nodes.push_back(std::move(n));
}

void Semantics::BeginGroup(std::string id, std::string label, bool required, std::string help)
{
    groups.push_back({ id, open_groups.empty() ? "" : open_groups.back(), std::move(label), std::move(help), required });
    open_groups.push_back(std::move(id));
}

void Semantics::EndGroup()
{
    if (!open_groups.empty()) open_groups.pop_back();
}

const SemanticsNode* Semantics::Find(const std::string& id) const
{
    for (const SemanticsNode& n : nodes)
        if (n.id == id) return &n;
    return nullptr;
}

static nlohmann::json NodeJson(const SemanticsNode& n, bool with_rect)
{
    nlohmann::json j = { { "id", n.id }, { "role", n.role }, { "label", n.label }, { "value", n.value } };
    if (with_rect) j["rect"] = { { "x", n.rect.x }, { "y", n.rect.y }, { "width", n.rect.width }, { "height", n.rect.height } };
    if (!n.group.empty()) j["group"] = n.group;
    if (n.required) j["required"] = true;
    if (!n.input.empty()) j["input"] = n.input;
    if (n.max_length > 0) j["maxLength"] = n.max_length;
    return j;
}

std::string Semantics::ToJson() const
{
    nlohmann::json out = nlohmann::json::array();
    for (const SemanticsNode& n : nodes) out.push_back(NodeJson(n, true));
    // Respondent text may hold invalid UTF-8 only if the core let it through; never throw here.
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string Semantics::MirrorJson() const
{
    nlohmann::json ns = nlohmann::json::array(), gs = nlohmann::json::array();
    for (const SemanticsNode& n : nodes) ns.push_back(NodeJson(n, false));
    for (const SemanticsGroup& g : groups)
    {
        nlohmann::json j = { { "id", g.id }, { "label", g.label } };
        if (!g.parent.empty()) j["parent"] = g.parent;
        if (!g.help.empty()) j["help"] = g.help;
        if (g.required) j["required"] = true;
        gs.push_back(std::move(j));
    }
    return nlohmann::json({ { "nodes", ns }, { "groups", gs } }).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace manyi
