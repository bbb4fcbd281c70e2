#include "entities/entity_tagger.h"

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/split_words.h"

namespace talash::entities {

// A token trie over normalized words. Words are interned once (vocab) so the
// trie's edges are keyed by two integers; tagging does one string lookup per
// token and allocates nothing but the result.
struct EntityTagger::Index {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kRoot = 0;

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> vocab;
  std::unordered_map<std::uint64_t, std::uint32_t> edges;  // (node << 32 | word) -> node
  std::vector<const Entity*> node_entity = {nullptr};      // entity an alias ends in, by node

  std::uint32_t word(std::string_view norm) const {
    const auto it = vocab.find(norm);
    return it == vocab.end() ? kNone : it->second;
  }
  std::uint32_t child(std::uint32_t node, std::uint32_t w) const {
    const auto it = edges.find(std::uint64_t{node} << 32 | w);
    return it == edges.end() ? kNone : it->second;
  }

  void add(const Entity& entity, std::string_view alias) {
    // Same words as detail::alias_key(), the key Gazetteer checks for duplicates.
    std::uint32_t node = kRoot;
    for (const analysis::Token& token : analysis::split_words(alias)) {
      if (token.norm.empty()) continue;
      const std::uint32_t w =
          vocab.try_emplace(token.norm, static_cast<std::uint32_t>(vocab.size())).first->second;
      const auto [edge, new_edge] = edges.try_emplace(
          std::uint64_t{node} << 32 | w, static_cast<std::uint32_t>(node_entity.size()));
      if (new_edge) node_entity.push_back(nullptr);
      node = edge->second;
    }
    // Gazetteer::from_tsv guarantees one owner per alias; keep the first anyway.
    if (node != kRoot && node_entity[node] == nullptr) node_entity[node] = &entity;
  }
};

EntityTagger::EntityTagger(const Gazetteer& gazetteer)
    : gazetteer_(&gazetteer), index_(std::make_unique<Index>()) {
  for (const Entity& entity : gazetteer.entities()) {
    for (const std::string& alias : entity.aliases) index_->add(entity, alias);
  }
}

EntityTagger::~EntityTagger() = default;
EntityTagger::EntityTagger(EntityTagger&&) noexcept = default;
EntityTagger& EntityTagger::operator=(EntityTagger&&) noexcept = default;

std::vector<EntityMention> EntityTagger::tag(std::span<const analysis::Token> tokens) const {
  std::vector<EntityMention> mentions;
  const Index& index = *index_;
  const std::size_t n = tokens.size();
  std::size_t i = 0;
  while (i < n) {
    std::uint32_t node = Index::kRoot;
    const Entity* best = nullptr;
    std::size_t best_last = 0;
    for (std::size_t j = i; j < n; ++j) {
      const std::uint32_t w = index.word(tokens[j].norm);
      if (w == Index::kNone) break;
      node = index.child(node, w);
      if (node == Index::kNone) break;
      if (const Entity* e = index.node_entity[node]) {
        best = e;
        best_last = j;
      }
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    mentions.push_back(EntityMention{.entity = best,
                                     .first_token = i,
                                     .last_token = best_last,
                                     .begin = tokens[i].begin,
                                     .end = tokens[best_last].end});
    i = best_last + 1;
  }
  return mentions;
}

}  // namespace talash::entities
