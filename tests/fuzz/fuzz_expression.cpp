// libFuzzer target: the logic expression parser and evaluator on arbitrary bytes.
// Build and run: see tests/fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    manyi::Expression e;
    manyi::ExprError error;
    if (!manyi::ParseExpression(text, &e, &error))
    {
        if (error.position < 1 || error.message.empty())
            __builtin_trap(); // every failure says what and where
        (void)error.Format();
        return 0;
    }
    const uint8_t seed = size ? data[0] : 0;
    const manyi::ExprLookup lookup = [seed](std::string_view id, std::string_view) {
        switch ((seed + id.size()) % 5)
        {
        case 0: return manyi::ExprValue{};
        case 1: return manyi::ExprValue::MakeNumber((double)(seed % 11));
        case 2: return manyi::ExprValue::MakeString(std::string(id));
        case 3: return manyi::ExprValue::MakeBool(seed & 1);
        default: { manyi::ExprValue v; v.kind = manyi::ExprValue::List; v.list = { std::string(id), "a" }; return v; }
        }
    };
    (void)manyi::EvaluateCondition(e, lookup);
    (void)manyi::ExpressionRefs(e);
    (void)manyi::ExpressionIsConstant(e);
    return 0;
}
