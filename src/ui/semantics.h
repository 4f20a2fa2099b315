// What the current frame shows, as a flat list of WAI-ARIA-like nodes. It is the contract the
// tests click against (w.semantics()) and the seed of the accessible DOM mirror.
#pragma once
#include <string>
#include <vector>

namespace manyi {

struct SemanticsRect { float x = 0, y = 0, width = 0, height = 0; }; // canvas CSS pixels

struct SemanticsNode
{
    std::string   id;
    std::string   role;  // radio, checkbox, textbox, button, heading, text, alert
    std::string   label;
    std::string   value;
    SemanticsRect rect;
};

struct Semantics
{
    std::vector<SemanticsNode> nodes;

    void Clear() { nodes.clear(); }
    void Add(std::string id, std::string role, std::string label, std::string value, SemanticsRect rect);
    // [{id, role, label, value, rect:{x,y,width,height}}], rect in canvas CSS pixels.
    std::string ToJson() const;
};

} // namespace manyi
