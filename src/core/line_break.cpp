#include "core/line_break.h"

namespace manyi {

// ---------------------------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------------------------

Utf8Unit DecodeUtf8(std::string_view s, size_t at)
{
    const Utf8Unit bad = { 0xFFFD, 1, false };
    const uint8_t c = (uint8_t)s[at];
    if (c < 0x80) return { c, 1, true };
    int len = 0;
    uint32_t cp = 0;
    uint8_t lo = 0x80, hi = 0xBF; // allowed range of the second byte (rules out overlong forms)
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; lo = c == 0xE0 ? 0xA0 : 0x80; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; lo = c == 0xF0 ? 0x90 : 0x80; hi = c == 0xF4 ? 0x8F : 0xBF; }
    else return bad;
    if (at + len > s.size()) return bad;
    const uint8_t c1 = (uint8_t)s[at + 1];
    if (c1 < lo || c1 > hi) return bad;
    for (int k = 1; k < len; k++)
    {
        const uint8_t ck = (uint8_t)s[at + k];
        if ((ck & 0xC0) != 0x80) return bad;
        cp = (cp << 6) | (ck & 0x3F);
    }
    // A surrogate is invalid, but its three bytes stay one unit: cutting them apart would turn
    // one lost character into three, and ImGui's decoder also takes them as one.
    if (cp >= 0xD800 && cp <= 0xDFFF) return { 0xFFFD, 3, false };
    return { cp, len, true };
}

// This file stays ASCII: build.sh puts every non-ASCII character of src/core/*.cpp into the font
// subset, and punctuation named in comments would cost glyphs. The sets are listed in line_break.h.
// ---------------------------------------------------------------------------------------------
// Break classes: a small subset of UAX #14 with the kinsoku sets of GB/T 15834 and JIS X 4051.
// ---------------------------------------------------------------------------------------------

enum BreakClass : uint8_t
{
    kAL,  // letters, digits, and everything not listed: no break inside a run of them (a "word")
    kID,  // ideographs, kana, hangul, fullwidth forms, emoji: a break on either side
    kSP,  // blanks: a break after them; dropped at a wrap
    kBK,  // newline
    kOP,  // ASCII / narrow opening ( [ { and curly quotes: no break after; before only after a blank or ID
    kOPW, // fullwidth opening brackets and corner brackets: no break after; a break before
    kCL,  // ASCII / narrow closing , . ; : ! ? ) ] } and curly quotes: no break before; after only before ID
    kCLW, // fullwidth closing punctuation, ellipsis, dash, small kana: no break before; a break after
    kHY,  // a hyphen after a word: a break after it when a word follows
    kCM,  // combining marks, variation selectors, skin tones: stay on their base
    kZWJ, // zero width joiner: no break on either side (emoji sequences)
};

static bool In(uint32_t c, uint32_t lo, uint32_t hi) { return c >= lo && c <= hi; }

static bool IsNarrowOpening(uint32_t c) { return c == '(' || c == '[' || c == '{' || c == 0x201C || c == 0x2018; }

static bool IsNarrowClosing(uint32_t c)
{
    switch (c)
    {
    case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']': case '}':
    case 0x201D: case 0x2019: // right quotes; U+2019 is also an apostrophe: narrow keeps "don't" whole
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: // double ! and ?
        return true;
    }
    return false;
}

static bool IsWideOpening(uint32_t c)
{
    switch (c)
    {
    case 0xFF08: case 0xFF3B: case 0xFF5B: case 0xFF5F: case 0xFF62:                  // fullwidth ( [ { and white parens, halfwidth corner
    case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014:     // angle, double angle, corner, white corner, lenticular, tortoise shell
    case 0x3016: case 0x3018: case 0x301A: case 0x301D:                               // white lenticular, white tortoise, white square, double prime quote
    case 0xFE59: case 0xFE5B: case 0xFE5D:                                            // small ( { and tortoise shell
        return true;
    }
    return false;
}

// Closing punctuation, and the characters JIS X 4051 also keeps off a line start (small kana,
// iteration marks, the prolonged sound mark), since they read as part of the previous character.
static bool IsWideClosing(uint32_t c)
{
    switch (c)
    {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF1A: case 0xFF1B:     // ideographic comma and full stop; fullwidth , . : ;
    case 0xFF01: case 0xFF1F: case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF60:     // fullwidth ! ? ) ] } and white paren
    case 0xFF61: case 0xFF63: case 0xFF64:                                            // halfwidth full stop, corner, comma
    case 0x3009: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015:     // the closing forms of the brackets above
    case 0x3017: case 0x3019: case 0x301B: case 0x301E: case 0x301F:                  // ... and of the white ones and the double prime quotes
    case 0xFE5A: case 0xFE5C: case 0xFE5E: case 0xFE50: case 0xFE51: case 0xFE52:     // small forms
    case 0xFE54: case 0xFE55: case 0xFE56: case 0xFE57:
    case 0x2026: case 0x2025: case 0x2014: case 0x2E3A:                               // ellipses, em dash, two-em dash
    case 0x00B7: case 0x30FB: case 0xFF65:                                            // middle dots (the separator in names)
    case 0x3005: case 0x303B: case 0x30FC: case 0xFF70:                               // iteration marks, prolonged sound marks
    case 0x309D: case 0x309E: case 0x30FD: case 0x30FE:                               // kana iteration marks
    case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063:     // small hiragana
    case 0x3083: case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096:
    case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3:     // small katakana
    case 0x30E3: case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:
        return true;
    }
    return In(c, 0x31F0, 0x31FF) || In(c, 0xFF67, 0xFF6F);
}

static bool IsBlank(uint32_t c)
{
    // NO-BREAK SPACE (U+00A0) and the ideographic space (U+3000) are not here on purpose: the first
    // must not break, the second is a full-width character of Chinese text (an indent).
    return c == ' ' || c == '\t' || c == 0x1680 || In(c, 0x2000, 0x2006) || In(c, 0x2008, 0x200B) || c == 0x205F;
}

static bool IsCombining(uint32_t c)
{
    return In(c, 0x0300, 0x036F) || In(c, 0x1AB0, 0x1AFF) || In(c, 0x1DC0, 0x1DFF) || In(c, 0x20D0, 0x20FF) ||
           In(c, 0xFE00, 0xFE0F) || In(c, 0xFE20, 0xFE2F) || In(c, 0x3099, 0x309A) || In(c, 0x1F3FB, 0x1F3FF) ||
           In(c, 0xE0020, 0xE007F) || In(c, 0xE0100, 0xE01EF);
}

static bool IsIdeographic(uint32_t c)
{
    return In(c, 0x1100, 0x115F) ||   // Hangul leading jamo
           In(c, 0x2600, 0x27BF) ||   // symbols and dingbats drawn as emoji
           In(c, 0x2E80, 0x2FFF) ||   // CJK radicals, Kangxi radicals
           In(c, 0x3000, 0x303F) ||   // CJK symbols (the punctuation among them is classed first)
           In(c, 0x3040, 0x31FF) ||   // kana, bopomofo, hangul compatibility jamo
           In(c, 0x3200, 0x4DBF) ||   // enclosed CJK, compatibility, extension A
           In(c, 0x4E00, 0x9FFF) ||   // unified ideographs
           In(c, 0xA000, 0xA4CF) ||   // Yi
           In(c, 0xAC00, 0xD7AF) ||   // Hangul syllables
           In(c, 0xF900, 0xFAFF) ||   // compatibility ideographs
           In(c, 0xFE30, 0xFE4F) ||   // CJK compatibility forms
           In(c, 0xFF00, 0xFFEF) ||   // fullwidth and halfwidth forms
           In(c, 0x1F000, 0x1FAFF) || // emoji, mahjong, playing cards
           In(c, 0x20000, 0x3FFFF);   // ideographs, extensions B and later
}

static BreakClass Classify(uint32_t c)
{
    if (c == '\n' || c == '\r') return kBK;
    if (IsBlank(c)) return kSP;
    if (c == 0x200D) return kZWJ;
    if (IsCombining(c)) return kCM;
    if (IsNarrowOpening(c)) return kOP;
    if (IsNarrowClosing(c)) return kCL;
    if (IsWideOpening(c)) return kOPW;
    if (IsWideClosing(c)) return kCLW;
    if (c == '-' || c == 0x2010) return kHY;
    if (IsIdeographic(c)) return kID;
    return kAL;
}

// May a line end after a character of class `a` (the last non-blank one) and the next start
// with `b`? `blanks` says whether blanks stand between them.
static bool CanBreak(BreakClass a, BreakClass b, bool blanks)
{
    if (b == kCL || b == kCLW || b == kCM || b == kZWJ) return false; // kinsoku: no closing at a line start
    if (a == kOP || a == kOPW || a == kZWJ) return false;             // kinsoku: no opening at a line end
    if (blanks) return true;
    if (a == kID || a == kCLW || b == kID || b == kOPW) return true;
    return a == kHY && b == kAL; // "well-|known"
}

static bool NoStart(BreakClass b) { return b == kCL || b == kCLW || b == kCM || b == kZWJ; }
static bool NoEnd(BreakClass a) { return a == kOP || a == kOPW || a == kZWJ; }

// ---------------------------------------------------------------------------------------------
// The breaker: greedy, one line at a time, over the decoded code points.
// ---------------------------------------------------------------------------------------------

struct Unit
{
    int at;            // byte offset
    uint8_t len;       // byte length
    BreakClass before; // its class as the first character after a break
    BreakClass after;  // its class as the last character before a break (a mark takes its base's)
    float adv;
};

struct Breaker
{
    const std::vector<Unit>& u;
    float max_width;
    std::vector<TextLine>* out;

    void Emit(int first, int last_ink, bool wrapped) // units [first, last_ink] are the line
    {
        float w = 0;
        for (int k = first; k <= last_ink; k++) w += u[k].adv;
        out->push_back({ u[first].at, u[last_ink].at + u[last_ink].len, w, wrapped });
    }

    // One code point and the marks and joiners that hang on it: what a one-code-point line holds,
    // so an emoji never loses its skin tone or a line starts with a lone joiner.
    int ClusterLast(int i, int end) const
    {
        while (i + 1 < end && (u[i + 1].before == kCM || u[i + 1].before == kZWJ)) i++;
        return i;
    }

    int SkipBlanks(int i, int end) const
    {
        while (i < end && u[i].before == kSP) i++;
        return i;
    }

    // No allowed break fits in [start, j): cut before the last unit k in (start, j] that leaves
    // no closing character at the next line's start and no opening one at this line's end. Every
    // prefix up to j fits, so this is "the last code point that fits". Returns 0 if there is none.
    int ForcedCut(int start, int j) const
    {
        for (int k = j; k > start; k--)
        {
            int next = k;
            while (u[next].before == kSP) next++; // j is not a blank, so this stops
            int prev = k - 1;
            while (prev >= start && u[prev].before == kSP) prev--;
            if (prev < start) return 0; // only leading blanks before k
            if (!NoEnd(u[prev].after) && !NoStart(u[next].before)) return k;
        }
        return 0;
    }

    // Lines of one paragraph: units [begin, end), no newline among them.
    void Paragraph(int begin, int end, int byte_at)
    {
        int i = begin;
        // Leading blanks are an indent, kept unless they leave no room for the first glyph.
        int first_ink = SkipBlanks(i, end);
        if (first_ink == end)
        {
            out->push_back({ byte_at, byte_at, 0.0f, false }); // empty or blank: one empty line
            return;
        }
        float indent = 0;
        for (int k = i; k < first_ink; k++) indent += u[k].adv;
        if (indent + u[first_ink].adv > max_width) i = first_ink;

        bool soft = false; // this line continues a wrapped one
        while (i < end)
        {
            if (soft) i = SkipBlanks(i, end);
            if (i == end) break;
            // Only after a one-code-point cut (below) can a wrapped line start with a closing
            // character; it then stays alone, so no longer line ever starts with one.
            if (soft && NoStart(u[i].before))
            {
                int last = ClusterLast(i, end);
                Emit(i, last, SkipBlanks(last + 1, end) < end);
                i = last + 1;
                continue;
            }
            int start = i, last_ink = -1, cand = -1, cand_ink = -1;
            float w = 0;
            int j = start;
            for (; j < end; j++)
            {
                const Unit& c = u[j];
                if (c.before == kSP) { w += c.adv; continue; } // blanks may hang past the edge
                if (last_ink >= 0 && CanBreak(u[last_ink].after, c.before, last_ink + 1 < j))
                {
                    cand = j;
                    cand_ink = last_ink;
                }
                if (last_ink >= 0 && w + c.adv > max_width) break;
                w += c.adv;
                last_ink = j;
            }
            if (j == end)
            {
                Emit(start, last_ink, false);
                return;
            }
            // The next glyph does not fit. Break at the last allowed break; else cut the word
            // at the last code point that fits (oidashi: the character before a closing mark
            // goes down with it); else put one code point on the line.
            int next = cand, line_last = cand_ink;
            if (next < 0)
            {
                next = ForcedCut(start, j);
                if (next > 0)
                {
                    line_last = next - 1;
                    while (u[line_last].before == kSP) line_last--;
                }
                else
                {
                    line_last = ClusterLast(SkipBlanks(start, end), end);
                    next = line_last + 1;
                    if (SkipBlanks(next, end) == end) { Emit(start, line_last, false); return; }
                }
            }
            Emit(start, line_last, true);
            i = next;
            soft = true;
        }
    }
};

static float UnitAdvance(void*, uint32_t) { return 1.0f; }

void BreakLines(std::string_view text, float max_width, GlyphAdvanceFn advance, void* user, std::vector<TextLine>* out)
{
    out->clear();
    if (!advance) advance = UnitAdvance;
    if (!(max_width >= 0)) max_width = 0; // NaN or negative: one code point per line

    std::vector<Unit> units;
    units.reserve(text.size());
    for (size_t at = 0; at < text.size();)
    {
        Utf8Unit d = DecodeUtf8(text, at);
        BreakClass cls = Classify(d.codepoint);
        BreakClass after = cls;
        // A mark takes the class of what it is attached to; a hyphen breaks only after a word.
        if (cls == kCM) after = units.empty() || units.back().before == kSP || units.back().before == kBK ? kAL : units.back().after;
        if (cls == kHY)
        {
            bool word = !units.empty() && (units.back().after == kAL || units.back().after == kHY);
            cls = kAL;
            after = word ? kHY : kAL;
        }
        float a = cls == kBK ? 0.0f : advance(user, d.codepoint);
        units.push_back({ (int)at, (uint8_t)d.length, cls, after, a > 0 ? a : 0.0f });
        at += d.length;
    }

    Breaker b = { units, max_width, out };
    int n = (int)units.size();
    for (int i = 0; i < n;)
    {
        int e = i;
        while (e < n && units[e].before != kBK) e++;
        b.Paragraph(i, e, e > i ? units[i].at : (e < n ? units[e].at : (int)text.size()));
        if (e == n) break;
        // "\r\n" is one newline
        if (text[units[e].at] == '\r' && e + 1 < n && text[units[e + 1].at] == '\n') e++;
        i = e + 1;
    }
}

std::vector<TextLine> BreakLines(std::string_view text, float max_width, GlyphAdvanceFn advance, void* user)
{
    std::vector<TextLine> lines;
    BreakLines(text, max_width, advance, user, &lines);
    return lines;
}

} // namespace manyi
