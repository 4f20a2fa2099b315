#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/line_break.h"

using manyi::BreakLines;
using manyi::DecodeUtf8;
using manyi::TextLine;

// Joiners and marks that attach to the code point before them.
static bool IsMark(uint32_t c)
{
    return c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0x300 && c <= 0x36F);
}

// Fixed advances: 1 for Latin, 2 for CJK and emoji, 0 for marks.
static float Advance(void*, uint32_t c)
{
    if (IsMark(c)) return 0.0f;
    return c < 0x1100 ? 1.0f : 2.0f;
}

static std::vector<std::string> Lines(std::string_view text, float width)
{
    std::vector<std::string> out;
    for (const TextLine& l : BreakLines(text, width, Advance, nullptr))
        out.push_back(std::string(text.substr(l.start, l.end - l.start)));
    return out;
}

// The lines joined with "|", so a failed check prints both sides.
static std::string L(std::string_view text, float width)
{
    std::string out;
    std::vector<std::string> lines = Lines(text, width);
    for (size_t i = 0; i < lines.size(); i++) out += (i ? "|" : "") + lines[i];
    return out;
}

// The code points of `s` as the breaker reads them (each bad byte is one).
static std::vector<std::string> Units(std::string_view s)
{
    std::vector<std::string> out;
    for (size_t at = 0; at < s.size();)
    {
        int n = DecodeUtf8(s, at).length;
        out.push_back(std::string(s.substr(at, n)));
        at += n;
    }
    return out;
}

static bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
static bool EndsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

// The kinsoku sets of the specification, written out independently of the implementation.
static const char* const kClosing[] = { "，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "】", "》", "〉", "〕",
                                        "”", "’", "…", "—", ",", ".", ";", ":", "!", "?", ")", "]", "}", "．", "］", "｝" };
static const char* const kOpening[] = { "（", "「", "『", "【", "《", "〈", "〔", "“", "‘", "(", "[", "{", "［", "｛" };

static bool StartsClosing(std::string_view s)
{
    for (const char* p : kClosing) if (StartsWith(s, p)) return true;
    return false;
}
static bool EndsOpening(std::string_view s)
{
    for (const char* p : kOpening) if (EndsWith(s, p)) return true;
    return false;
}

TEST_CASE("BreakLines: empty text, newlines")
{
    CHECK(Lines("", 10).empty());
    CHECK(L("\n", 10) == "");
    CHECK(L("abc\n", 10) == "abc"); // a final newline starts no line, as in ImGui
    CHECK(L("abc\n\n", 10) == "abc|");
    CHECK(L("a\nb", 10) == "a|b");
    CHECK(L("a\r\nb\r\n\r\nc", 10) == "a|b||c");
    CHECK(L("a\rb", 10) == "a|b");
    CHECK(L("ab   \ncd", 10) == "ab|cd"); // trailing blanks are not drawn
    CHECK(L("   \nx", 10) == "|x");
    CHECK(L("  indented", 20) == "  indented");

    auto lines = BreakLines("ab cd\nef", 3, Advance, nullptr);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].wrapped);
    CHECK_FALSE(lines[1].wrapped);
    CHECK_FALSE(lines[2].wrapped);
    CHECK(lines[0].width == 2.0f);
    CHECK(lines[1].start == 3);
    CHECK(lines[1].end == 5);
}

TEST_CASE("BreakLines: no line starts with ， in 服务态度很差，等了四十分钟")
{
    const std::string text = "服务态度很差，等了四十分钟";
    // At 6 glyphs a greedy cut would start the second line with ，: 差 goes down with it.
    CHECK(L(text, 12) == "服务态度很|差，等了四十|分钟");
    CHECK(L(text, 13) == "服务态度很|差，等了四十|分钟");
    CHECK(L(text, 14) == "服务态度很差，|等了四十分钟");
    CHECK(L(text, 100) == text);
    for (float w = 2; w <= 30; w += 0.5f)
    {
        CAPTURE(w);
        std::string joined;
        for (const std::string& l : Lines(text, w))
        {
            if (l != "，") CHECK_FALSE(StartsWith(l, "，")); // alone only below two glyphs' width
            CHECK_FALSE(l.empty());
            joined += l;
        }
        CHECK(joined == text);
    }
    // A width of one glyph: the comma gets a line of its own rather than overflowing one.
    CHECK(L(text, 2) == "服|务|态|度|很|差|，|等|了|四|十|分|钟");
}

TEST_CASE("BreakLines: opening punctuation never ends a line, closing never starts one")
{
    const std::string text = "他说「好的」然后走了。（完）";
    for (float w = 2; w <= 30; w += 1)
    {
        CAPTURE(w);
        for (const std::string& l : Lines(text, w))
        {
            if (Units(l).size() == 1) continue;
            CHECK_FALSE(EndsOpening(l));
            CHECK_FALSE(StartsClosing(l));
        }
    }
    CHECK(L(text, 6) == "他说|「好|的」然|后走|了。|（完）");
    CHECK(L("see (the note) here", 9) == "see (the|note)|here");
    CHECK(L("她问：“你好吗？”我说：“好。”", 10) == "她问：“你|好吗？”我|说：|“好。”");
}

TEST_CASE("BreakLines: Latin words stay whole; breaks at blanks and after hyphens")
{
    CHECK(L("the quick brown fox", 10) == "the quick|brown fox");
    CHECK(L("the quick brown fox", 9) == "the quick|brown fox");
    CHECK(L("the quick brown fox", 8) == "the|quick|brown|fox");
    CHECK(L("a well-known fact", 8) == "a well-|known|fact");
    CHECK(L("don't stop, please.", 11) == "don't stop,|please.");
    CHECK(L("don’t stop", 4) == "do|n’t|stop"); // cut only because "don’t" is wider than 4
    CHECK(L("-5 degrees", 3) == "-5|deg|ree|s");
    CHECK(L("3.14159", 5) == "3.141|59");
}

TEST_CASE("BreakLines: mixed Chinese and Latin")
{
    CHECK(L("我用iPhone拍了照片", 8) == "我用|iPhone拍|了照片");
    CHECK(L("等了40分钟，还没上菜", 8) == "等了40分|钟，还没|上菜");
    CHECK(L("服务 good, 但是 price 太高", 9) == "服务|good, 但|是 price|太高");
}

TEST_CASE("BreakLines: a word longer than the line is cut at the last code point that fits")
{
    // A hyphen-free URL is one word: cut only because it is wider than the line, at the last code
    // point that fits, except that "?" may not start a line, so "h" goes down with it.
    const std::string url = "https://example.com/complaints/2024/verylongpath?id=12345";
    CHECK(L("见 " + url + " 谢谢", 16) == "见|https://example.|com/complaints/2|024/verylongpat|h?id=12345 谢谢");
    CHECK(L("mail me: someone.else@example.com", 12) == "mail me:|someone.else|@example.com");
    CHECK(L("abcdefghij", 4) == "abcd|efgh|ij");
    // The cut avoids putting the "." of a domain at a line start.
    CHECK(L("abc.def", 3) == "ab|c.d|ef");
}

TEST_CASE("BreakLines: width 0 or below puts one code point on a line, never zero")
{
    CHECK(L("ab 中", 0) == "a|b|中");
    CHECK(L("ab", -5) == "a|b");
    CHECK(L("中文", std::nanf("")) == "中|文");
    CHECK(L("，，，", 0) == "，|，|，");
    CHECK(L("（（（", 3) == "（|（|（");
    CHECK(L("好，，，，", 4) == "好|，|，|，|，");
    CHECK(L("    x", 2) == "x"); // an indent wider than the line is dropped
    // A null advance counts code points.
    CHECK(BreakLines("中文ab", 2, nullptr, nullptr).size() == 2);
}

TEST_CASE("BreakLines: invalid UTF-8 is read byte by byte, an encoded surrogate stays whole")
{
    const std::string text = "\xff\xfe" "ab" "\xed\xa0\x80" "c" "\xe4\xb8";
    CHECK(L(text, 0) == "\xff|\xfe|a|b|\xed\xa0\x80|c|\xe4|\xb8");
    CHECK(L(text, 100) == text);
    CHECK(Lines("\xc0\x80\xe0\x80\x80", 0).size() == 5); // overlong forms: five bad bytes
}

TEST_CASE("BreakLines: emoji and characters above U+FFFF stay whole")
{
    const std::string family = "👨‍👩‍👧"; // joined by ZWJ
    const std::string thumbs = "👍🏽";      // with a skin tone
    const std::string text = "好" + family + thumbs + "😀𠮷野家";
    CHECK(L(text, 6) == "好|" + family + "|" + thumbs + "😀𠮷|野家");
    // Narrower than the family: cut after a joiner, never before one.
    CHECK(L(text, 4) == "好|👨‍|👩‍👧|" + thumbs + "😀|𠮷野|家");
    CHECK(L(thumbs + thumbs, 1) == thumbs + "|" + thumbs); // a glyph wider than the line keeps its mark
    for (float w = 0; w < 12; w += 1)
        for (const std::string& l : Lines(text, w))
            for (const std::string& u : Units(l))
                CHECK(DecodeUtf8(u, 0).valid);
}

TEST_CASE("DecodeUtf8")
{
    auto d = DecodeUtf8("中", 0);
    CHECK(d.codepoint == 0x4E2D);
    CHECK(d.length == 3);
    CHECK(d.valid);
    d = DecodeUtf8("😀", 0);
    CHECK(d.codepoint == 0x1F600);
    CHECK(d.length == 4);
    d = DecodeUtf8("\xed\xb0\x80", 0); // low surrogate
    CHECK(d.codepoint == 0xFFFD);
    CHECK(d.length == 3);
    CHECK_FALSE(d.valid);
    d = DecodeUtf8("\xf0\x9f\x98", 0); // truncated
    CHECK(d.length == 1);
    CHECK_FALSE(d.valid);
    d = DecodeUtf8("\xf4\x90\x80\x80", 0); // above U+10FFFF
    CHECK(d.length == 1);
    CHECK_FALSE(d.valid);
}

// ---------------------------------------------------------------------------------------------

static bool IsBlankByte(char c) { return c == ' ' || c == '\t'; }

TEST_CASE("BreakLines: properties over random text and widths")
{
    static const char* const pieces[] = {
        "a", "b", "Z", "1", "7", "'", "-", " ", " ", "  ", "\t", "\n", "\r\n", "\r",
        ",", ".", "?", "!", "(", ")", "[", "]", "服", "务", "态", "，", "。", "、", "？", "！",
        "「", "」", "（", "）", "《", "》", "“", "”", "‘", "’", "…", "—", "😀", "👍🏽", "👨‍👩‍👧",
        "𠮷", "e\xcc\x81", "\xff", "\xed\xa0\x80", "\xe4\xb8", "ー", "っ", "　",
    };
    const int piece_count = (int)(sizeof pieces / sizeof pieces[0]);
    std::mt19937 rng(20240605);
    int checked_lines = 0;
    for (int iter = 0; iter < 20000; iter++)
    {
        std::string text;
        int n = (int)(rng() % 40);
        // Runs of one kind make the hard cases (long words, punctuation runs) common.
        int bias = (int)(rng() % piece_count);
        for (int k = 0; k < n; k++)
            text += pieces[rng() % 3 == 0 ? bias : (int)(rng() % piece_count)];
        float width = (float)(rng() % 41) * 0.5f;
        CAPTURE(text);
        CAPTURE(width);

        std::vector<std::string> units = Units(text);
        std::vector<int> boundary(text.size() + 1, 0);
        for (size_t at = 0; at < text.size(); at += DecodeUtf8(text, at).length) boundary[at] = 1;
        boundary[text.size()] = 1;

        std::vector<TextLine> lines = BreakLines(text, width, Advance, nullptr);
        int prev_end = 0;
        bool prev_wrapped = false;
        for (size_t i = 0; i < lines.size(); i++)
        {
            const TextLine& l = lines[i];
            REQUIRE(l.start >= prev_end);
            REQUIRE(l.end >= l.start);
            REQUIRE(l.end <= (int)text.size());
            // Never inside a UTF-8 sequence.
            CHECK(boundary[l.start]);
            CHECK(boundary[l.end]);
            // Between lines: only blanks and, at a hard break, exactly one newline.
            std::string gap = text.substr(prev_end, l.start - prev_end);
            int newlines = 0;
            for (size_t k = 0; k < gap.size(); k++)
            {
                CHECK((IsBlankByte(gap[k]) || gap[k] == '\n' || gap[k] == '\r'));
                if (gap[k] == '\n' || (gap[k] == '\r' && (k + 1 == gap.size() || gap[k + 1] != '\n'))) newlines++;
            }
            if (i > 0) CHECK(newlines == (prev_wrapped ? 0 : 1));
            else CHECK(newlines == 0);

            std::string s = text.substr(l.start, l.end - l.start);
            CHECK(s.find('\n') == std::string::npos);
            CHECK(s.find('\r') == std::string::npos);
            // Width: the sum of the advances, within the line unless the line is one code point
            // with its marks (blanks of a paragraph's indent aside).
            float w = 0;
            int ink = 0;
            for (const std::string& u : Units(s))
            {
                uint32_t c = DecodeUtf8(u, 0).codepoint;
                w += Advance(nullptr, c);
                if (u != " " && u != "\t" && !IsMark(c)) ink++;
            }
            CHECK(l.width == doctest::Approx(w));
            if (ink > 1) CHECK(l.width <= width);
            // No empty line, except an empty or blank paragraph.
            if (s.empty()) CHECK((!l.wrapped && !prev_wrapped));
            CHECK_FALSE((!s.empty() && IsBlankByte(s.back())));
            // Kinsoku at wrapped breaks.
            if (ink > 1 && prev_wrapped) CHECK_FALSE(StartsClosing(s));
            if (ink > 1 && l.wrapped) CHECK_FALSE(EndsOpening(s));
            prev_end = l.end;
            prev_wrapped = l.wrapped;
            checked_lines++;
        }
        // After the last line: only blanks and newlines, and a newline only at the very end.
        std::string tail = text.substr(prev_end);
        for (char c : tail) CHECK((IsBlankByte(c) || c == '\n' || c == '\r'));
        // Everything but blanks and newlines is on some line.
        std::string all_ink, lines_ink;
        for (char c : text) if (!IsBlankByte(c) && c != '\n' && c != '\r') all_ink += c;
        for (const TextLine& l : lines)
            for (int k = l.start; k < l.end; k++)
                if (!IsBlankByte(text[k])) lines_ink += text[k];
        CHECK(lines_ink == all_ink);
        if (lines.empty()) CHECK(all_ink.empty());
    }
    CHECK(checked_lines > 50000);
}
