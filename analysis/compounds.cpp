#include "analysis/compounds.h"

namespace talash::analysis {
namespace {

bool is_joining_hyphen(std::string_view gap) {
  return gap == "-" || gap == "\u2010" || gap == "\u2011";
}

}  // namespace

std::vector<Compound> hyphen_compounds(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<Compound> out;
  std::size_t i = 0;
  while (i + 1 < tokens.size()) {
    std::size_t j = i;
    while (j + 1 < tokens.size() &&
           is_joining_hyphen(text.substr(tokens[j].end, tokens[j + 1].begin - tokens[j].end)))
      ++j;
    if (j > i) {
      Compound c{i, j, {}};
      for (std::size_t k = i; k <= j; ++k) c.joined += tokens[k].norm;
      out.push_back(std::move(c));
    }
    i = j + 1;
  }
  return out;
}

std::string abbreviation_key(const Token& token) {
  if (token.script == Script::Number || token.norm.find('.') == std::string::npos) return {};
  std::string key;
  for (char c : token.norm)
    if (c != '.') key += c;
  return key;
}

}  // namespace talash::analysis
