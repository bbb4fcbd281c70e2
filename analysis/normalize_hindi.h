#pragma once
// The one normalization function. Documents, queries and snippet text all go
// through it, so a word matches itself however it was typed.
#include <string>
#include <string_view>

namespace talash::analysis {

// Rules (docs/normalization.md has the examples):
//  - Unicode NFC; invalid UTF-8 sequences become U+FFFD (callers validate
//    input first; this only guarantees we never crash on it)
//  - drop ZWJ, ZWNJ, ZWSP, WORD JOINER, soft hyphen, BOM
//  - nukta folded: क़ ख़ ग़ ज़ फ़ य़ ड़ ढ़ -> क ख ग ज फ य ड ढ (precomposed U+0958..U+095F
//    and base + U+093C alike), stray nukta dropped
//  - chandrabindu ँ -> anusvara ं
//  - Devanagari digits ०-९ -> 0-9
//  - Latin and other cased letters case-folded (ICU full case folding)
// Pure and idempotent: normalize_hindi(normalize_hindi(x)) == normalize_hindi(x).
std::string normalize_hindi(std::string_view utf8);

// True when `utf8` is well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view utf8);

}  // namespace talash::analysis
