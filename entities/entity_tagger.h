#pragma once
// Finds gazetteer entities in analyzed text: longest match over sequences of
// normalized tokens, so spelling variants listed as aliases and every
// normalization (nukta, chandrabindu, case) match alike.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "analysis/token.h"
#include "entities/gazetteer.h"

namespace talash::entities {

struct EntityMention {
  const Entity* entity = nullptr;
  std::size_t first_token = 0;  // index into the token span
  std::size_t last_token = 0;   // inclusive
  std::size_t begin = 0;        // byte offsets in the original text
  std::size_t end = 0;
};

class EntityTagger {
 public:
  explicit EntityTagger(const Gazetteer& gazetteer);
  ~EntityTagger();
  EntityTagger(EntityTagger&&) noexcept;
  EntityTagger& operator=(EntityTagger&&) noexcept;

  // Mentions in text order, never overlapping (the longest alias wins).
  // An alias matches consecutive tokens; the punctuation between them is not
  // seen, so "Kim Jong-un" matches "Kim Jong Un" and "सी. पी. राधाकृष्णन"
  // matches "सी पी राधाकृष्णन". first_token/last_token index `tokens`.
  std::vector<EntityMention> tag(std::span<const analysis::Token> tokens) const;

 private:
  struct Index;
  const Gazetteer* gazetteer_;
  std::unique_ptr<Index> index_;
};

}  // namespace talash::entities
