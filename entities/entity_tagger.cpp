#include "entities/entity_tagger.h"

#include <bit>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>

#include "analysis/fnv.h"
#include "analysis/split_words.h"

namespace talash::entities {
namespace {

inline std::uint64_t mix(std::uint64_t x) { return (x ^ (x >> 31)) * 0x9E3779B97F4A7C15ULL; }

// Open addressing with linear probing: 64-bit key -> 32-bit value. A key may
// occur more than once (the vocabulary is keyed by a hash of the word).
class FlatTable {
 public:
  void build(const std::vector<std::pair<std::uint64_t, std::uint32_t>>& items) {
    std::size_t capacity = 16;
    while (capacity < items.size() * 2) capacity *= 2;  // load factor <= 0.5
    shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
    keys_.assign(capacity, 0);
    values_.assign(capacity, 0);
    for (const auto& [key, value] : items) {
      std::size_t slot = mix(key) >> shift_;
      while (values_[slot] != 0) slot = (slot + 1) & (capacity - 1);
      keys_[slot] = key;
      values_[slot] = value + 1;
    }
  }
  // Calls accept(value) for each value stored under `key` until it returns true;
  // returns that value, or kNone.
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  template <class Accept>
  std::uint32_t find(std::uint64_t key, Accept&& accept) const {
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t slot = mix(key) >> shift_;; slot = (slot + 1) & mask) {
      const std::uint32_t v = values_[slot];
      if (v == 0) return kNone;
      if (keys_[slot] == key && accept(v - 1)) return v - 1;
    }
  }

 private:
  std::vector<std::uint64_t> keys_ = std::vector<std::uint64_t>(2, 0);
  std::vector<std::uint32_t> values_ = std::vector<std::uint32_t>(2, 0);  // value + 1; 0 = empty
  unsigned shift_ = 63;  // slot = mix(key) >> shift_
};

}  // namespace

// A token trie over normalized words. Words are interned once (words) so the
// trie's edges are keyed by two integers; tagging does one string lookup per
// token and allocates nothing but the result.
struct EntityTagger::Index {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::uint32_t kRoot = 0;

  std::vector<std::string> words;                     // by id
  FlatTable vocab;                                    // fnv1a(word) -> id
  FlatTable edges;                                    // (node << 32 | word) -> node
  std::vector<const Entity*> node_entity = {nullptr};  // entity an alias ends in, by node

  std::uint32_t word(std::string_view norm, std::uint64_t hash) const {
    return vocab.find(hash, [&](std::uint32_t id) { return words[id] == norm; });
  }
  std::uint32_t child(std::uint32_t node, std::uint32_t w) const {
    return edges.find(std::uint64_t{node} << 32 | w, [](std::uint32_t) { return true; });
  }
};

EntityTagger::EntityTagger(const Gazetteer& gazetteer)
    : gazetteer_(&gazetteer), index_(std::make_unique<Index>()) {
  Index& index = *index_;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::unordered_map<std::uint64_t, std::uint32_t> edges;
  for (const Entity& entity : gazetteer.entities()) {
    for (const std::string& alias : entity.aliases) {
      // Same words as detail::alias_key(), the key Gazetteer checks for duplicates.
      std::uint32_t node = Index::kRoot;
      for (const analysis::Token& token : analysis::split_words(alias)) {
        if (token.norm.empty()) continue;
        const auto [it, new_word] = ids.try_emplace(token.norm, static_cast<std::uint32_t>(index.words.size()));
        if (new_word) index.words.push_back(token.norm);
        const std::uint32_t w = it->second;
        const auto [edge, new_edge] =
            edges.try_emplace(std::uint64_t{node} << 32 | w, static_cast<std::uint32_t>(index.node_entity.size()));
        if (new_edge) index.node_entity.push_back(nullptr);
        node = edge->second;
      }
      // Gazetteer::from_tsv guarantees one owner per alias; keep the first anyway.
      if (node != Index::kRoot && index.node_entity[node] == nullptr) index.node_entity[node] = &entity;
    }
  }
  std::vector<std::pair<std::uint64_t, std::uint32_t>> items;
  items.reserve(index.words.size());
  for (std::uint32_t w = 0; w < index.words.size(); ++w) items.emplace_back(analysis::fnv1a(index.words[w]), w);
  index.vocab.build(items);
  items.assign(edges.begin(), edges.end());
  index.edges.build(items);
}

EntityTagger::~EntityTagger() = default;
EntityTagger::EntityTagger(EntityTagger&&) noexcept = default;
EntityTagger& EntityTagger::operator=(EntityTagger&&) noexcept = default;

std::uint32_t EntityTagger::word_id(std::string_view norm, std::uint64_t hash) const {
  const std::uint32_t w = index_->word(norm, hash);
  return w == Index::kNone ? kNoWord : w;
}

std::uint32_t EntityTagger::word_id(std::string_view norm) const { return word_id(norm, analysis::fnv1a(norm)); }

const std::vector<std::string>& EntityTagger::words() const { return index_->words; }

void EntityTagger::tag_words(std::span<const std::uint32_t> words, std::vector<EntityMention>& out) const {
  out.clear();
  const Index& index = *index_;
  const std::size_t n = words.size();
  std::size_t i = 0;
  while (i < n) {
    std::uint32_t node = Index::kRoot;
    const Entity* best = nullptr;
    std::size_t best_last = 0;
    for (std::size_t j = i; j < n; ++j) {
      const std::uint32_t w = words[j];
      if (w == kNoWord) break;
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
    out.push_back(EntityMention{.entity = best, .first_token = i, .last_token = best_last});
    i = best_last + 1;
  }
}

std::vector<EntityMention> EntityTagger::tag(std::span<const analysis::Token> tokens) const {
  thread_local std::vector<std::uint32_t> words;
  words.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) words[i] = word_id(tokens[i].norm);
  std::vector<EntityMention> mentions;
  tag_words(words, mentions);
  for (EntityMention& m : mentions) {
    m.begin = tokens[m.first_token].begin;
    m.end = tokens[m.last_token].end;
  }
  return mentions;
}

}  // namespace talash::entities
