#include <doctest/doctest.h>

#include <map>

#include "core/expression.h"

using manyi::ExprValue;
using manyi::Expression;

namespace {

struct Answers
{
    std::map<std::string, ExprValue> values;
    manyi::ExprLookup Lookup() const
    {
        return [this](std::string_view id, std::string_view sub) {
            auto it = values.find(std::string(id) + (sub.empty() ? "" : "/" + std::string(sub)));
            return it == values.end() ? ExprValue{} : it->second;
        };
    }
};

bool Eval(const char* text, const Answers& a)
{
    Expression e;
    manyi::ExprError error;
    REQUIRE_MESSAGE(manyi::ParseExpression(text, &e, &error), error.Format());
    return manyi::EvaluateCondition(e, a.Lookup());
}

manyi::ExprError Error(const char* text)
{
    Expression e;
    manyi::ExprError error;
    CHECK_FALSE(manyi::ParseExpression(text, &e, &error));
    CHECK(e.Empty());
    return error;
}

} // namespace

TEST_CASE("Expressions: comparisons, literals, answered/empty")
{
    Answers a;
    a.values["sat"] = ExprValue::MakeNumber(3);
    a.values["kind"] = ExprValue::MakeString("fault");
    a.values["ok"] = ExprValue::MakeBool(true);
    ExprValue topics;
    topics.kind = ExprValue::List;
    topics.list = { "repair", "billing" };
    a.values["topics"] = topics;
    a.values["m/r1"] = ExprValue::MakeNumber(5);

    CHECK(Eval("{sat} = 3", a));
    CHECK(Eval("{sat} == 3", a));
    CHECK(Eval("{sat} <= 3", a));
    CHECK_FALSE(Eval("{sat} < 3", a));
    CHECK(Eval("{sat} > 2.5", a));
    CHECK(Eval("{sat} >= -1", a));
    CHECK(Eval("{sat} != 4", a));
    CHECK(Eval("{kind} = 'fault'", a));
    CHECK(Eval("{kind} = \"fault\"", a));
    CHECK(Eval("{kind} < 'g'", a));
    CHECK(Eval("{ok} = true", a));
    CHECK(Eval("{ok}", a));
    CHECK(Eval("{m/r1} = 5", a));
    CHECK(Eval("{kind} in ('praise', 'fault')", a));
    CHECK(Eval("{sat} in [1, 2, 3]", a));
    CHECK(Eval("{sat} not in (4, 5)", a));
    CHECK(Eval("'repair' in {topics}", a));
    CHECK_FALSE(Eval("'other' in {topics}", a));
    CHECK(Eval("{topics} in ('billing', 'x')", a));
    CHECK(Eval("answered({sat}) and empty({missing})", a));
    // Empty values and mismatched kinds compare false, != included.
    CHECK_FALSE(Eval("{missing} = 1", a));
    CHECK_FALSE(Eval("{missing} != 1", a));
    CHECK(Eval("not ({missing} = 1)", a));
    CHECK_FALSE(Eval("{sat} = '3'", a));
    CHECK_FALSE(Eval("{missing} in (1, 2)", a));
    CHECK(Eval("'a\\'b' = \"a'b\"", a));
    CHECK(Eval("'\\\\' = \"\\\\\"", a));
}

TEST_CASE("Expressions: precedence and parentheses")
{
    Answers a;
    a.values["x"] = ExprValue::MakeNumber(1);
    // and binds tighter than or
    CHECK(Eval("{x} = 1 or {x} = 2 and {x} = 3", a));
    CHECK_FALSE(Eval("({x} = 1 or {x} = 2) and {x} = 3", a));
    // comparison binds tighter than not; not tighter than and
    CHECK_FALSE(Eval("not {x} = 1", a));
    CHECK(Eval("not {x} = 2 and {x} = 1", a));
    CHECK(Eval("not not {x} = 1", a));
    CHECK(Eval("((({x} = 1)))", a));
    CHECK(Eval("true", a));
    CHECK_FALSE(Eval("false or false", a));
    Expression empty;
    CHECK(manyi::EvaluateCondition(empty, nullptr)); // no condition: true
}

TEST_CASE("Expressions: refs, constants")
{
    Expression e;
    REQUIRE(manyi::ParseExpression("answered({b}) and {a} in ('x') or {c/r1} > 2", &e, nullptr));
    const auto refs = manyi::ExpressionRefs(e);
    REQUIRE(refs.size() == 3);
    CHECK(refs[0].id == "b");
    CHECK(refs[0].position == 10);
    CHECK(refs[1].id == "a");
    CHECK(refs[2].id == "c");
    CHECK(refs[2].sub == "r1");
    CHECK_FALSE(manyi::ExpressionIsConstant(e));
    REQUIRE(manyi::ParseExpression("1 = 1 and 'a' != 'b'", &e, nullptr));
    CHECK(manyi::ExpressionIsConstant(e));
    CHECK(manyi::EvaluateCondition(e, nullptr));
    REQUIRE(manyi::ParseExpression("{complaint.type} = 'x-y'", &e, nullptr));
    CHECK(manyi::ExpressionRefs(e)[0].id == "complaint.type");
}

TEST_CASE("Expression errors say where, with a caret")
{
    manyi::ExprError e = Error("{a} = ");
    CHECK(e.position == 7);
    CHECK(e.message == "expected a value, a question like {q} or '(', not end of expression");
    CHECK(e.Format() == "expected a value, a question like {q} or '(', not end of expression at character 7\n  {a} = \n        ^");

    CHECK(Error("{a} = 1 {b} = 2").message.find("unexpected '{b}' (missing 'and' or 'or'?)") == 0);
    CHECK(Error("{a} = 1 {b} = 2").position == 9);
    CHECK(Error("a = 1").message.find("unknown word 'a' (question ids go in braces: {a})") == 0);
    CHECK(Error("{a} = 'open").message == "unterminated string");
    CHECK(Error("{a} = 'open").position == 7);
    CHECK(Error("{a = 1").message == "expected '}' to close the question reference");
    CHECK(Error("{} = 1").message == "expected a question id after '{'");
    CHECK(Error("{a} ! 1").message.find("unexpected '!'") == 0);
    CHECK(Error("1 < {a} < 3").message == "comparisons cannot be chained; use 'and'");
    CHECK(Error("{a} in 3").message.find("expected a list") == 0);
    CHECK(Error("{a} in (1, 2").message.find("expected ',' or ')'") == 0);
    CHECK(Error("answered {a}").message == "expected '(' after 'answered'");
    CHECK(Error("").message == "empty expression");
    CHECK(Error("   ").message == "empty expression");
    CHECK(Error("{a} = 1 and").position == 12);
    // Characters are counted in code points: the Chinese string is 2 characters.
    manyi::ExprError zh = Error("'满意' = {a} @");
    CHECK(zh.position == 12);
    CHECK(zh.message == "unexpected character '@'");
    CHECK(Error("{a} = 1 \xC3").message == "invalid UTF-8");
    CHECK(Error("{a} = 1.").message == "expected a digit after '.'");
    CHECK(Error("{a} = 12abc").message == "unexpected character after a number");
}

TEST_CASE("Expressions: limits")
{
    std::string deep = std::string(40, '(') + "{a} = 1" + std::string(40, ')');
    manyi::ExprError e = Error(deep.c_str());
    CHECK(e.message.find("nested too deeply") == 0);
    CHECK(e.position == 33);
    std::string nots;
    for (int i = 0; i < 40; i++) nots += "not ";
    CHECK(Error((nots + "true").c_str()).message.find("nested too deeply") == 0);
    std::string long_text = "{a} = 1";
    while (long_text.size() < 2100) long_text += " or {a} = 1";
    CHECK(Error(long_text.c_str()).message == "expression longer than 2000 characters");
    // A long flat chain within the limit parses and evaluates.
    std::string chain = "{a} = 1";
    while (chain.size() < 1900) chain += " and {a} = 1";
    Answers a;
    a.values["a"] = ExprValue::MakeNumber(1);
    CHECK(Eval(chain.c_str(), a));
    // Excerpts of long expressions are clipped around the position.
    std::string tail = std::string(100, ' ') + "{a} = = 1";
    manyi::ExprError clipped = Error(tail.c_str());
    CHECK(clipped.excerpt.find("...") != std::string::npos);
    CHECK(clipped.excerpt.size() < 150);
}
