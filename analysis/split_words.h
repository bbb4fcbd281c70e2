#pragma once
// Word splitting with the ICU word break iterator over UTF-8 (byte offsets).
#include <string_view>
#include <vector>

#include "analysis/token.h"

namespace talash::analysis {

struct ByteSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Words of `text` in order. Contract (as charabia's): splitting never changes
// or drops text - every token's [begin,end) is a slice of `text`, slices are
// ascending and disjoint, and everything between them is space or
// punctuation. Devanagari words stay whole (matras, virama, nukta, ZWJ/ZWNJ
// never split a word); numbers such as 10,000 or 3.5 stay whole; a run that
// glues Latin and Devanagari letters (ATACMSमिसाइल) is split where the script
// changes. Sentence numbers advance after । ॥ ? ! . and line breaks.
std::vector<Token> split_words(std::string_view text);

// Sentence spans of `text` (same boundaries as Token::sentence), trailing
// space excluded. Used by snippets.
std::vector<ByteSpan> split_sentences(std::string_view text);

// Script of a normalized word, from its first letter or digit.
Script script_of(std::string_view word);

// The sentence rules of split_words, for code that finds sentence ends in
// the original text (snippets): characters that always end a sentence (। ॥
// ? ! line breaks; '.' is decided in context: abbreviations, decimals), and
// closing punctuation that stays with the sentence it closes.
bool is_hard_sentence_end(char32_t c);
bool is_closing_punctuation(char32_t c);
// Whether a '.' right after this token (its original slice and norm) goes on
// with the sentence: initials (A.), titles (डॉ.), dotted abbreviations (U.S.).
bool dot_after_continues(std::string_view slice, std::string_view norm);

}  // namespace talash::analysis
