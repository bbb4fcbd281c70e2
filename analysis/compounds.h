#pragma once
// Extra keys for words that are written in pieces, so both the pieces and the
// whole are findable: hyphenated compounds (रूस-यूक्रेन, सुक-योल, COVID-19)
// and dotted abbreviations (उ.प्र., U.S.).
#include <string>
#include <string_view>
#include <vector>

#include "analysis/token.h"

namespace talash::analysis {

struct Compound {
  std::size_t first_token = 0;  // index into the token list
  std::size_t last_token = 0;   // inclusive
  std::string joined;           // the parts' normalized forms, concatenated
};

// Runs of two or more tokens joined by a single hyphen (- or U+2010/U+2011)
// with no space around it. `tokens` must be split_words(text).
std::vector<Compound> hyphen_compounds(std::string_view text, const std::vector<Token>& tokens);

// The dotless form of an abbreviation ("u.s" -> "us", "उ.प्र" -> "उप्र"); empty
// when the word has no dot or is a number (3.5 is not 35).
std::string abbreviation_key(const Token& token);

}  // namespace talash::analysis
