// The survey logic language (docs/survey-format.md, "Logic"): `visibleIf`, `requiredIf`, page
// `visibleIf` and end rules. Parsed once into a flat AST (plain data, copyable), evaluated against
// the current answers through a lookup function.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

constexpr int kExpressionMaxLength = 2000; // characters (code points)
constexpr int kExpressionMaxDepth = 32;    // nested parentheses / not / in-lists

// A value during evaluation. Empty = unanswered (or hidden). Other = an answered composite
// (matrix, contact, servqual, kano) referred to without a sub-id: only answered()/empty() see it.
struct ExprValue
{
    enum Kind { Empty, Number, String, Bool, List, Other } kind = Empty;
    double                   number = 0;
    std::string              text;
    bool                     flag = false;
    std::vector<std::string> list;

    static ExprValue MakeNumber(double n) { ExprValue v; v.kind = Number; v.number = n; return v; }
    static ExprValue MakeString(std::string s) { ExprValue v; v.kind = String; v.text = std::move(s); return v; }
    static ExprValue MakeBool(bool b) { ExprValue v; v.kind = Bool; v.flag = b; return v; }
};

enum class ExprOp
{
    Or, And, Not,
    Eq, Ne, Lt, Le, Gt, Ge,
    In,         // a = value, b = a List node or a Ref
    Answered,   // a = Ref
    IsEmpty,    // a = Ref
    Number, String, Bool, Ref, List,
};

struct ExprNode
{
    ExprOp           op = ExprOp::Bool;
    int              a = -1, b = -1;  // children (node indices)
    std::vector<int> items;           // List: literal nodes
    double           number = 0;      // Number
    std::string      text;            // String literal; Ref: question id
    std::string      sub;             // Ref: "{id/sub}" sub-id, else ""
    bool             flag = false;    // Bool
    int              position = 0;    // 1-based character where the node starts
};

struct Expression
{
    std::string           source;
    std::vector<ExprNode> nodes;
    int                   root = -1;
    bool Empty() const { return root < 0; }
};

struct ExprError
{
    int         position = 0;   // 1-based character (code point) in the source
    std::string message;        // "expected ')'"
    std::string excerpt;        // two lines: the (clipped) source and a caret under the position
    // "expected ')' at character 14\n  {q} = (1, 2\n               ^"
    std::string Format() const;
};

// Parses `text`; on failure *out is cleared and *error filled. Never throws; bounded in time and
// stack by kExpressionMaxLength and kExpressionMaxDepth.
bool ParseExpression(std::string_view text, Expression* out, ExprError* error);

struct ExprRef
{
    std::string id;
    std::string sub;
    int         position = 0;
};

// Every question reference ({id}, {id/sub}, answered({id}), empty({id})), in source order.
std::vector<ExprRef> ExpressionRefs(const Expression& e);

// True if the expression refers to no question (its value never changes).
bool ExpressionIsConstant(const Expression& e);

// The answer of question `id` (sub-id "" for the whole answer).
using ExprLookup = std::function<ExprValue(std::string_view id, std::string_view sub)>;

// The condition's truth value. An empty expression is true. A bare value used as a condition is
// true only when it is the boolean true (a ticked consent).
bool EvaluateCondition(const Expression& e, const ExprLookup& lookup);

} // namespace manyi
