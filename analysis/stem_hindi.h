#pragma once
// A light Hindi stemmer after Ramanathan & Rao (2003), the rules that Lucene's
// HindiStemmer and Snowball's Hindi stemmer also start from: the longest
// matching inflectional suffix is removed if enough of the word remains.
#include <string>
#include <string_view>

namespace talash::analysis {

// `word` must already be normalize_hindi()ed. Non-Devanagari words come back
// unchanged (Latin words are stemmed by the English stemmer in schema/).
std::string stem_hindi(std::string_view word);

}  // namespace talash::analysis
