#pragma once
// CoNLL files for the named-entity tagger: one token per line, optionally
// followed by TAB-separated columns, a blank line between sentences.
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "entities/ner_features.h"
#include "entities/ner_tag.h"

namespace talash::entities {

struct NerSentence {
  std::vector<std::string> words;  // as written (the first column)
  std::vector<std::string> norms;  // analysis::normalize_hindi(word)
  std::vector<NerTag> tags;        // the last column; empty when read without tags

  // Views for the tagger; valid while the sentence lives and is not changed.
  std::vector<NerToken> tokens() const;
};

// `with_tags`: the last TAB-separated column of every token line must be one
// of O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG. Without it, a line is the
// token up to its first TAB (or the whole line). Lines of only spaces count
// as blank; a trailing '\r' is dropped. Errors name the line (`name`:LINE).
std::expected<std::vector<NerSentence>, std::string> read_conll(std::string_view text, bool with_tags,
                                                                std::string_view name = "<input>");

}  // namespace talash::entities
