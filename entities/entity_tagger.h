#pragma once
// Finds gazetteer entities in analyzed text: longest match over sequences of
// normalized tokens, so spelling variants listed as aliases and every
// normalization (nukta, chandrabindu, case) match alike.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
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

  // The same matching over words already looked up, for callers that look
  // each word up once for several purposes (the tagger's features): `words`
  // holds word_id() of each token's normalized form. Mentions get token
  // indexes only (begin = end = 0); `out` is replaced.
  static constexpr std::uint32_t kNoWord = 0xFFFFFFFF;  // a word no alias has
  void tag_words(std::span<const std::uint32_t> words, std::vector<EntityMention>& out) const;
  // The id of a normalized word (kNoWord when no alias has it); `hash` is
  // analysis::fnv1a(norm). Ids are dense: 0 .. words().size() - 1.
  std::uint32_t word_id(std::string_view norm, std::uint64_t hash) const;
  std::uint32_t word_id(std::string_view norm) const;
  // Every normalized word of the aliases, by id.
  const std::vector<std::string>& words() const;

 private:
  struct Index;
  const Gazetteer* gazetteer_;
  std::unique_ptr<Index> index_;
};

}  // namespace talash::entities
