// Line breaking for mixed Chinese / Latin UTF-8 text (docs/decisions.md, "Line breaking").
//
// ImGui wraps only at blanks and ASCII punctuation: a line can start with ，。！？ and a run of
// Chinese is cut anywhere. This breaker knows the Chinese and Japanese rules (GB/T 15834,
// JIS X 4051 "kinsoku"): breaks between ideographs, none before closing punctuation, none after
// opening punctuation, Latin words kept whole. It measures through a callback, so the same code
// runs in the unit tests (fixed advances) and in the widget (ImGui font advances).
//
// The rules, greedy line by line:
// - a break is allowed after blanks, between any two ideographs / kana / hangul / fullwidth forms /
//   emoji, between those and Latin, and after a hyphen that follows a word ("well-|known");
//   never inside a run of letters, digits, apostrophes and . , : / ? (a word, a number, a URL);
// - never before closing punctuation  ，。、；：！？）」』】》〉〕〗〙〛”’…— ．］｝ and , . ; : ! ? ) ] }
//   (nor small kana, 々 ー ・ ·, nor a combining mark or an emoji joiner);
// - never after opening punctuation  （「『【《〈〔〖〘〚“‘ ［｛ and ( [ {;
// - when the next character does not fit and may not start a line, the character before it goes
//   down with it ("oidashi", push-out): "很差，" becomes "很" / "差，", never "很差" / "，";
// - a word wider than the line is cut at the last code point that fits, again keeping closing
//   punctuation off the next line's start when it can;
// - if nothing fits, the line takes one code point (and its marks), so the breaker always moves
//   on: a lone closing mark then gets a line of its own rather than starting a longer one.
// Blanks at a break are dropped (they may hang past the edge); a paragraph's leading blanks are
// kept as an indent unless they leave no room for its first glyph.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace manyi {

// Advance of one code point in the caller's units (pixels in the widget). `user` is passed through.
typedef float (*GlyphAdvanceFn)(void* user, uint32_t codepoint);

// One line as a byte range of the text. Blanks dropped at a wrap and the newline itself are outside
// [start, end); the gap up to the next line's start holds nothing else.
struct TextLine
{
    int start;    // byte offset of the line's first byte
    int end;      // one past its last byte to draw (trailing blanks excluded)
    float width;  // sum of the advances over [start, end)
    bool wrapped; // ended by wrapping; false when ended by a newline or the end of the text
};

// Fills *out (cleared first) with the lines of `text` wrapped to `max_width`.
// - "\n", "\r\n" and "\r" end a line; a newline at the very end starts no further line, so
//   "" gives no line, "a\n" one and "a\n\n" two (the second empty), as ImGui counts them.
// - A line holds at least one code point, so a glyph wider than max_width gets a line of its own.
// - A null `advance` counts every code point as 1.
void BreakLines(std::string_view text, float max_width, GlyphAdvanceFn advance, void* user, std::vector<TextLine>* out);
std::vector<TextLine> BreakLines(std::string_view text, float max_width, GlyphAdvanceFn advance, void* user);

// One UTF-8 unit as the breaker reads it: a valid sequence (RFC 3629), or an encoded surrogate
// (ED A0..BF xx: what a JS string with a lone surrogate becomes) kept whole as one U+FFFD, or any
// other bad byte as a one-byte U+FFFD.
struct Utf8Unit
{
    uint32_t codepoint;
    int length; // 1..4, never past the end of the text
    bool valid;
};
Utf8Unit DecodeUtf8(std::string_view text, size_t at);

} // namespace manyi
