#include "core/expression.h"

#include <cstdlib>

#include "core/utf8.h"

namespace manyi {

namespace {

enum class Tok { End, Number, String, Ref, Word, LParen, RParen, LBracket, RBracket, Comma, Eq, Ne, Lt, Le, Gt, Ge, Bad };

struct Token
{
    Tok         kind = Tok::End;
    size_t      offset = 0; // byte offset in the source
    std::string text;       // Word, String (unescaped), Ref id, Bad (what was seen)
    std::string sub;        // Ref sub-id
    double      number = 0;
};

bool IsIdChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

struct Parser
{
    std::string_view src;
    size_t           pos = 0;     // byte offset of the next unread character
    Token            tok;         // the current token
    Expression*      out = nullptr;
    ExprError*       error = nullptr;
    bool             failed = false;
    int              depth = 0;

    int CharAt(size_t offset) const { return 1 + Utf8Length(src.substr(0, offset)); }

    bool Fail(size_t offset, std::string message)
    {
        if (!failed)
        {
            failed = true;
            error->position = CharAt(offset);
            error->message = std::move(message);
        }
        return false;
    }

    std::string Describe(const Token& t) const
    {
        switch (t.kind)
        {
        case Tok::End: return "end of expression";
        case Tok::Number: return "number";
        case Tok::String: return "string";
        case Tok::Ref: return "'{" + t.text + (t.sub.empty() ? "" : "/" + t.sub) + "}'";
        case Tok::Word: return "'" + t.text + "'";
        default: return "'" + std::string(src.substr(t.offset, t.text.size() ? t.text.size() : 1)) + "'";
        }
    }

    // Reads the next token into `tok`; false (with the error set) on a lexical error.
    bool Next()
    {
        while (pos < src.size() && (src[pos] == ' ' || src[pos] == '\t' || src[pos] == '\n' || src[pos] == '\r'))
            pos++;
        tok = Token{};
        tok.offset = pos;
        if (pos >= src.size())
            return true;
        const char c = src[pos];
        auto single = [&](Tok k, size_t len) { tok.kind = k; tok.text = std::string(src.substr(pos, len)); pos += len; return true; };
        switch (c)
        {
        case '(': return single(Tok::LParen, 1);
        case ')': return single(Tok::RParen, 1);
        case '[': return single(Tok::LBracket, 1);
        case ']': return single(Tok::RBracket, 1);
        case ',': return single(Tok::Comma, 1);
        case '=': return single(Tok::Eq, pos + 1 < src.size() && src[pos + 1] == '=' ? 2 : 1);
        case '!':
            if (pos + 1 < src.size() && src[pos + 1] == '=')
                return single(Tok::Ne, 2);
            return Fail(pos, "unexpected '!' (write 'not' or '!=')");
        case '<': return single(pos + 1 < src.size() && src[pos + 1] == '=' ? Tok::Le : Tok::Lt, pos + 1 < src.size() && src[pos + 1] == '=' ? 2 : 1);
        case '>': return single(pos + 1 < src.size() && src[pos + 1] == '=' ? Tok::Ge : Tok::Gt, pos + 1 < src.size() && src[pos + 1] == '=' ? 2 : 1);
        default: break;
        }
        if (c == '{')
        {
            size_t i = pos + 1;
            while (i < src.size() && IsIdChar(src[i]))
                i++;
            if (i == pos + 1)
                return Fail(i, "expected a question id after '{'");
            tok.kind = Tok::Ref;
            tok.text = std::string(src.substr(pos + 1, i - pos - 1));
            if (i < src.size() && src[i] == '/')
            {
                const size_t s = ++i;
                while (i < src.size() && IsIdChar(src[i]))
                    i++;
                if (i == s)
                    return Fail(i, "expected a row or field id after '/'");
                tok.sub = std::string(src.substr(s, i - s));
            }
            if (i >= src.size() || src[i] != '}')
                return Fail(i, "expected '}' to close the question reference");
            pos = i + 1;
            return true;
        }
        if (c == '\'' || c == '"')
        {
            size_t i = pos + 1;
            std::string text;
            while (i < src.size() && src[i] != c)
            {
                if (src[i] == '\\')
                {
                    if (i + 1 >= src.size())
                        break;
                    const char e = src[i + 1];
                    if (e != '\\' && e != '\'' && e != '"')
                        return Fail(i, "unknown escape '\\" + std::string(1, e) + "' (only \\' \\\" \\\\)");
                    text += e;
                    i += 2;
                    continue;
                }
                text += src[i++];
            }
            if (i >= src.size())
                return Fail(pos, "unterminated string");
            tok.kind = Tok::String;
            tok.text = std::move(text);
            pos = i + 1;
            return true;
        }
        if (IsDigit(c) || (c == '-' && pos + 1 < src.size() && IsDigit(src[pos + 1])) || (c == '.' && pos + 1 < src.size() && IsDigit(src[pos + 1])))
        {
            size_t i = pos + (c == '-' ? 1 : 0);
            while (i < src.size() && IsDigit(src[i]))
                i++;
            if (i < src.size() && src[i] == '.')
            {
                i++;
                if (i >= src.size() || !IsDigit(src[i]))
                    return Fail(i, "expected a digit after '.'");
                while (i < src.size() && IsDigit(src[i]))
                    i++;
            }
            if (i < src.size() && (IsWordChar(src[i]) || src[i] == '.'))
                return Fail(i, "unexpected character after a number");
            if (i - pos > 30)
                return Fail(pos, "number too long");
            tok.kind = Tok::Number;
            tok.text = std::string(src.substr(pos, i - pos));
            tok.number = strtod(tok.text.c_str(), nullptr);
            pos = i;
            return true;
        }
        if (IsWordChar(c))
        {
            size_t i = pos;
            while (i < src.size() && (IsWordChar(src[i]) || IsDigit(src[i])))
                i++;
            tok.kind = Tok::Word;
            tok.text = std::string(src.substr(pos, i - pos));
            static const char* kWords[] = { "and", "or", "not", "in", "true", "false", "answered", "empty" };
            for (const char* w : kWords)
                if (tok.text == w)
                {
                    pos = i;
                    return true;
                }
            return Fail(pos, "unknown word '" + tok.text + "' (question ids go in braces: {" + tok.text + "})");
        }
        // One whole UTF-8 character, so the message stays valid text.
        size_t len = 1;
        while (pos + len < src.size() && ((unsigned char)src[pos + len] & 0xC0) == 0x80 && len < 4)
            len++;
        return Fail(pos, "unexpected character '" + Utf8Sanitize(src.substr(pos, len)) + "'");
    }

    bool IsWord(const char* w) const { return tok.kind == Tok::Word && tok.text == w; }

    int Add(ExprNode n)
    {
        out->nodes.push_back(std::move(n));
        return (int)out->nodes.size() - 1;
    }

    int Node(ExprOp op, size_t offset, int a = -1, int b = -1)
    {
        ExprNode n;
        n.op = op;
        n.a = a;
        n.b = b;
        n.position = CharAt(offset);
        return Add(std::move(n));
    }

    bool Enter(size_t offset)
    {
        if (++depth > kExpressionMaxDepth)
            return Fail(offset, "nested too deeply (more than " + std::to_string(kExpressionMaxDepth) + " levels)");
        return true;
    }

    int ParseOr()
    {
        int left = ParseAnd();
        while (left >= 0 && IsWord("or"))
        {
            const size_t at = tok.offset;
            if (!Next())
                return -1;
            const int right = ParseAnd();
            if (right < 0)
                return -1;
            left = Node(ExprOp::Or, at, left, right);
        }
        return left;
    }

    int ParseAnd()
    {
        int left = ParseNot();
        while (left >= 0 && IsWord("and"))
        {
            const size_t at = tok.offset;
            if (!Next())
                return -1;
            const int right = ParseNot();
            if (right < 0)
                return -1;
            left = Node(ExprOp::And, at, left, right);
        }
        return left;
    }

    int ParseNot()
    {
        if (!IsWord("not"))
            return ParseComparison();
        const size_t at = tok.offset;
        if (!Enter(at) || !Next())
            return -1;
        const int a = ParseNot();
        depth--;
        return a < 0 ? -1 : Node(ExprOp::Not, at, a);
    }

    int ParseLiteral()
    {
        if (tok.kind == Tok::Number || tok.kind == Tok::String || IsWord("true") || IsWord("false"))
        {
            ExprNode n;
            n.position = CharAt(tok.offset);
            if (tok.kind == Tok::Number) { n.op = ExprOp::Number; n.number = tok.number; }
            else if (tok.kind == Tok::String) { n.op = ExprOp::String; n.text = tok.text; }
            else { n.op = ExprOp::Bool; n.flag = tok.text == "true"; }
            const int id = Add(std::move(n));
            return Next() ? id : -1;
        }
        Fail(tok.offset, "expected a number, string, true or false, not " + Describe(tok));
        return -1;
    }

    int ParseRef()
    {
        if (tok.kind != Tok::Ref)
        {
            Fail(tok.offset, "expected a question like {q}, not " + Describe(tok));
            return -1;
        }
        ExprNode n;
        n.op = ExprOp::Ref;
        n.text = tok.text;
        n.sub = tok.sub;
        n.position = CharAt(tok.offset);
        const int id = Add(std::move(n));
        return Next() ? id : -1;
    }

    // After 'in': a literal list in ( ) or [ ], or a question (a multiple-choice answer).
    int ParseInTarget()
    {
        if (tok.kind == Tok::Ref)
            return ParseRef();
        if (tok.kind != Tok::LParen && tok.kind != Tok::LBracket)
        {
            Fail(tok.offset, "expected a list like ('a', 'b') or a question like {q} after 'in', not " + Describe(tok));
            return -1;
        }
        const Tok close = tok.kind == Tok::LParen ? Tok::RParen : Tok::RBracket;
        const size_t at = tok.offset;
        if (!Enter(at) || !Next())
            return -1;
        ExprNode list;
        list.op = ExprOp::List;
        list.position = CharAt(at);
        for (;;)
        {
            const int item = ParseLiteral();
            if (item < 0)
                return -1;
            list.items.push_back(item);
            if (tok.kind == Tok::Comma)
            {
                if (!Next())
                    return -1;
                continue;
            }
            if (tok.kind == close)
                break;
            Fail(tok.offset, std::string("expected ',' or '") + (close == Tok::RParen ? ")" : "]") + "', not " + Describe(tok));
            return -1;
        }
        depth--;
        const int id = Add(std::move(list));
        return Next() ? id : -1;
    }

    int ParseComparison()
    {
        const int left = ParsePrimary();
        if (left < 0)
            return -1;
        ExprOp op;
        switch (tok.kind)
        {
        case Tok::Eq: op = ExprOp::Eq; break;
        case Tok::Ne: op = ExprOp::Ne; break;
        case Tok::Lt: op = ExprOp::Lt; break;
        case Tok::Le: op = ExprOp::Le; break;
        case Tok::Gt: op = ExprOp::Gt; break;
        case Tok::Ge: op = ExprOp::Ge; break;
        default:
            if (IsWord("in") || IsWord("not"))
            {
                const size_t at = tok.offset;
                const bool negated = IsWord("not");
                if (!Next())
                    return -1;
                if (negated && !IsWord("in"))
                {
                    Fail(tok.offset, "expected 'in' after 'not' here, not " + Describe(tok));
                    return -1;
                }
                if (negated && !Next())
                    return -1;
                const int target = ParseInTarget();
                if (target < 0)
                    return -1;
                const int in = Node(ExprOp::In, at, left, target);
                return negated ? Node(ExprOp::Not, at, in) : in;
            }
            return left;
        }
        const size_t at = tok.offset;
        if (!Next())
            return -1;
        const int right = ParsePrimary();
        if (right < 0)
            return -1;
        if (tok.kind == Tok::Eq || tok.kind == Tok::Ne || tok.kind == Tok::Lt || tok.kind == Tok::Le || tok.kind == Tok::Gt || tok.kind == Tok::Ge)
        {
            Fail(tok.offset, "comparisons cannot be chained; use 'and'");
            return -1;
        }
        return Node(op, at, left, right);
    }

    int ParsePrimary()
    {
        if (tok.kind == Tok::Ref)
            return ParseRef();
        if (IsWord("answered") || IsWord("empty"))
        {
            const ExprOp op = IsWord("answered") ? ExprOp::Answered : ExprOp::IsEmpty;
            const std::string name = tok.text;
            const size_t at = tok.offset;
            if (!Next())
                return -1;
            if (tok.kind != Tok::LParen)
            {
                Fail(tok.offset, "expected '(' after '" + name + "'");
                return -1;
            }
            if (!Next())
                return -1;
            const int ref = ParseRef();
            if (ref < 0)
                return -1;
            if (tok.kind != Tok::RParen)
            {
                Fail(tok.offset, "expected ')' after the question, not " + Describe(tok));
                return -1;
            }
            if (!Next())
                return -1;
            return Node(op, at, ref);
        }
        if (tok.kind == Tok::LParen)
        {
            const size_t at = tok.offset;
            if (!Enter(at) || !Next())
                return -1;
            const int inner = ParseOr();
            if (inner < 0)
                return -1;
            if (tok.kind != Tok::RParen)
            {
                Fail(tok.offset, "expected ')', not " + Describe(tok));
                return -1;
            }
            depth--;
            return Next() ? inner : -1;
        }
        if (tok.kind == Tok::Number || tok.kind == Tok::String || IsWord("true") || IsWord("false"))
            return ParseLiteral();
        Fail(tok.offset, "expected a value, a question like {q} or '(', not " + Describe(tok));
        return -1;
    }
};

// The source on one line (control characters as spaces), clipped to ~60 characters around the
// position, and a caret line.
std::string MakeExcerpt(std::string_view src, int position)
{
    std::vector<std::string> chars;
    for (size_t i = 0; i < src.size();)
    {
        size_t len = 1;
        const unsigned char c = (unsigned char)src[i];
        if (c >= 0xF0) len = 4;
        else if (c >= 0xE0) len = 3;
        else if (c >= 0xC0) len = 2;
        if (i + len > src.size()) len = 1;
        std::string ch = Utf8Sanitize(src.substr(i, len));
        if (ch.size() == 1 && (unsigned char)ch[0] < 0x20) ch = " ";
        chars.push_back(ch);
        i += len;
    }
    const int n = (int)chars.size();
    int p = position - 1; // 0-based; may be n (end of text)
    if (p < 0) p = 0;
    if (p > n) p = n;
    int from = 0, to = n;
    const int kWindow = 30;
    if (p - from > kWindow) from = p - kWindow;
    if (to - p > kWindow) to = p + kWindow;
    std::string line = "  ";
    int caret = 2 + p - from;
    if (from > 0) { line += "..."; caret += 3; }
    for (int i = from; i < to; i++) line += chars[i];
    if (to < n) line += "...";
    return line + "\n" + std::string(caret, ' ') + "^";
}

size_t FirstInvalidUtf8(std::string_view s)
{
    for (size_t i = 0; i < s.size();)
    {
        const unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (len == 0 || i + len > s.size() || Utf8Sanitize(s.substr(i, len)) != s.substr(i, len))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

bool Truthy(const ExprValue& v) { return v.kind == ExprValue::Bool && v.flag; }

bool SameScalar(const ExprValue& a, const ExprValue& b)
{
    if (a.kind != b.kind) return false;
    if (a.kind == ExprValue::Number) return a.number == b.number;
    if (a.kind == ExprValue::String) return a.text == b.text;
    if (a.kind == ExprValue::Bool) return a.flag == b.flag;
    return false;
}

struct Evaluator
{
    const Expression& e;
    const ExprLookup& lookup;

    ExprValue Value(int id) const
    {
        const ExprNode& n = e.nodes[id];
        switch (n.op)
        {
        case ExprOp::Number: return ExprValue::MakeNumber(n.number);
        case ExprOp::String: return ExprValue::MakeString(n.text);
        case ExprOp::Bool: return ExprValue::MakeBool(n.flag);
        case ExprOp::Ref: return lookup ? lookup(n.text, n.sub) : ExprValue{};
        case ExprOp::List: return ExprValue{}; // only meaningful as the target of 'in'
        default: return ExprValue::MakeBool(Condition(id));
        }
    }

    bool Compare(ExprOp op, const ExprValue& a, const ExprValue& b) const
    {
        if (a.kind == ExprValue::Empty || b.kind == ExprValue::Empty || a.kind != b.kind)
            return false;
        if (a.kind == ExprValue::Number || a.kind == ExprValue::String)
        {
            const int c = a.kind == ExprValue::Number ? (a.number < b.number ? -1 : a.number > b.number ? 1 : 0)
                                                      : a.text.compare(b.text);
            switch (op)
            {
            case ExprOp::Eq: return c == 0;
            case ExprOp::Ne: return c != 0;
            case ExprOp::Lt: return c < 0;
            case ExprOp::Le: return c <= 0;
            case ExprOp::Gt: return c > 0;
            case ExprOp::Ge: return c >= 0;
            default: return false;
            }
        }
        if (a.kind == ExprValue::Bool)
            return op == ExprOp::Eq ? a.flag == b.flag : op == ExprOp::Ne ? a.flag != b.flag : false;
        return false;
    }

    bool In(const ExprNode& n) const
    {
        const ExprValue left = Value(n.a);
        if (left.kind == ExprValue::Empty)
            return false;
        const ExprNode& target = e.nodes[n.b];
        if (target.op == ExprOp::List)
        {
            for (int item : target.items)
            {
                const ExprValue v = Value(item);
                if (left.kind == ExprValue::List)
                {
                    for (const std::string& s : left.list)
                        if (v.kind == ExprValue::String && v.text == s)
                            return true;
                }
                else if (SameScalar(left, v))
                    return true;
            }
            return false;
        }
        const ExprValue right = Value(n.b);
        if (right.kind != ExprValue::List || left.kind != ExprValue::String)
            return false;
        for (const std::string& s : right.list)
            if (s == left.text)
                return true;
        return false;
    }

    bool Condition(int id) const
    {
        const ExprNode& n = e.nodes[id];
        switch (n.op)
        {
        case ExprOp::Or: return Condition(n.a) || Condition(n.b);
        case ExprOp::And: return Condition(n.a) && Condition(n.b);
        case ExprOp::Not: return !Condition(n.a);
        case ExprOp::Eq: case ExprOp::Ne: case ExprOp::Lt: case ExprOp::Le: case ExprOp::Gt: case ExprOp::Ge:
            return Compare(n.op, Value(n.a), Value(n.b));
        case ExprOp::In: return In(n);
        case ExprOp::Answered: return Value(n.a).kind != ExprValue::Empty;
        case ExprOp::IsEmpty: return Value(n.a).kind == ExprValue::Empty;
        default: return Truthy(Value(id));
        }
    }
};

} // namespace

std::string ExprError::Format() const
{
    return message + " at character " + std::to_string(position) + (excerpt.empty() ? "" : "\n" + excerpt);
}

bool ParseExpression(std::string_view text, Expression* out, ExprError* error)
{
    *out = Expression{};
    ExprError local;
    ExprError* err = error ? error : &local;
    *err = ExprError{};
    Parser p;
    p.src = text;
    p.out = out;
    p.error = err;
    const int length = Utf8Length(text);
    if (length > kExpressionMaxLength)
    {
        err->position = kExpressionMaxLength + 1;
        err->message = "expression longer than " + std::to_string(kExpressionMaxLength) + " characters";
        *out = Expression{};
        return false;
    }
    const size_t bad = FirstInvalidUtf8(text);
    if (bad != std::string_view::npos)
        p.Fail(bad, "invalid UTF-8");
    int root = -1;
    if (!p.failed && p.Next())
    {
        if (p.tok.kind == Tok::End)
            p.Fail(0, "empty expression");
        else
        {
            root = p.ParseOr();
            if (root >= 0 && p.tok.kind != Tok::End)
                p.Fail(p.tok.offset, "unexpected " + p.Describe(p.tok) + (p.tok.kind == Tok::Word || p.tok.kind == Tok::Ref || p.tok.kind == Tok::Number || p.tok.kind == Tok::String ? " (missing 'and' or 'or'?)" : ""));
        }
    }
    if (p.failed || root < 0)
    {
        if (!p.failed)
            p.Fail(p.tok.offset, "invalid expression");
        err->excerpt = MakeExcerpt(text, err->position);
        *out = Expression{};
        return false;
    }
    out->source = std::string(text);
    out->root = root;
    return true;
}

std::vector<ExprRef> ExpressionRefs(const Expression& e)
{
    std::vector<ExprRef> refs;
    for (const ExprNode& n : e.nodes)
        if (n.op == ExprOp::Ref)
            refs.push_back({ n.text, n.sub, n.position });
    std::vector<ExprRef> sorted;
    // Nodes are appended as parsed, which is not always source order: sort by position.
    for (const ExprRef& r : refs)
    {
        size_t i = sorted.size();
        while (i > 0 && sorted[i - 1].position > r.position)
            i--;
        sorted.insert(sorted.begin() + (long)i, r);
    }
    return sorted;
}

bool ExpressionIsConstant(const Expression& e)
{
    for (const ExprNode& n : e.nodes)
        if (n.op == ExprOp::Ref)
            return false;
    return true;
}

bool EvaluateCondition(const Expression& e, const ExprLookup& lookup)
{
    if (e.Empty() || e.root >= (int)e.nodes.size())
        return true;
    Evaluator ev{ e, lookup };
    return ev.Condition(e.root);
}

} // namespace manyi
