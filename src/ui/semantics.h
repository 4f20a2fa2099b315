// What the current frame shows, as a flat list of WAI-ARIA-like nodes. It is the contract the
// tests click against (w.semantics()) and the source of the accessible DOM mirror
// (web/manyi-mirror.js, docs/decisions.md D17): the mirror builds a real form from these nodes,
// so each node carries what a form control needs besides its role, label and value.
#pragma once
#include <string>
#include <vector>

namespace manyi {

struct SemanticsRect { float x = 0, y = 0, width = 0, height = 0; }; // canvas CSS pixels

struct SemanticsNode
{
    std::string   id;
    std::string   role;  // radio, checkbox, textbox, button, heading, text, alert, link, progressbar, status...
    std::string   label;
    std::string   value;
    SemanticsRect rect;
    std::string   group;          // id of the innermost group (question, matrix row) it belongs to, or ""
    bool          required = false;
    std::string   input;          // textbox: "multiline", or the inputmode of a one-line field
    int           max_length = 0; // textbox: characters allowed, 0 = no limit
    unsigned      imgui_id = 0;   // the ImGui item drawn for it (0: not an item), to focus or activate it
    unsigned      imgui_window = 0; // the ImGui window that item is in
};

// A fieldset of the mirror: a question, or one row/half of a matrix, SERVQUAL or KANO question.
struct SemanticsGroup
{
    std::string id;
    std::string parent;   // enclosing group, or ""
    std::string label;    // the legend
    std::string help;     // a description, or ""
    bool        required = false;
};

struct Semantics
{
    std::vector<SemanticsNode>  nodes;
    std::vector<SemanticsGroup> groups;
    std::vector<std::string>    open_groups; // BeginGroup stack, during the frame

    // The node the mirror's DOM focus is on ("" = none): the frame that draws its item gives that
    // item ImGui's keyboard focus (and focus ring) and scrolls it into view.
    std::string focus_request;

    void Clear() { nodes.clear(); groups.clear(); open_groups.clear(); }
    void Add(std::string id, std::string role, std::string label, std::string value, SemanticsRect rect);
    void BeginGroup(std::string id, std::string label, bool required, std::string help = "");
    void EndGroup();
    const SemanticsNode* Find(const std::string& id) const;
    // [{id, role, label, value, rect:{x,y,width,height}, ...}], rect in canvas CSS pixels.
    std::string ToJson() const;
    // {nodes:[...without rects], groups:[...]}: what the mirror needs; unchanged while only the
    // page scrolls, so the mirror is not touched then.
    std::string MirrorJson() const;
};

} // namespace manyi
