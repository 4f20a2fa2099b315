#include "ui/semantics.h"

#include <nlohmann/json.hpp>

namespace manyi {

void Semantics::Add(std::string id, std::string role, std::string label, std::string value, SemanticsRect rect)
{
    nodes.push_back({ std::move(id), std::move(role), std::move(label), std::move(value), rect });
}

std::string Semantics::ToJson() const
{
    nlohmann::json out = nlohmann::json::array();
    for (const SemanticsNode& n : nodes)
    {
        out.push_back({ { "id", n.id }, { "role", n.role }, { "label", n.label }, { "value", n.value },
                        { "rect", { { "x", n.rect.x }, { "y", n.rect.y }, { "width", n.rect.width }, { "height", n.rect.height } } } });
    }
    // Respondent text may hold invalid UTF-8 only if the core let it through; never throw here.
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace manyi
