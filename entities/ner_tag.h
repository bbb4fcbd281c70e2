#pragma once
// The tags of the named-entity tagger: BIO over person, place and
// organisation (CoNLL names PER, LOC, ORG), and the spans they denote.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "entities/entity.h"

namespace talash::entities {

enum class NerTag : std::uint8_t { O, BPer, IPer, BLoc, ILoc, BOrg, IOrg };

inline constexpr std::size_t kNerTagCount = 7;
inline constexpr std::array<NerTag, kNerTagCount> kNerTags = {NerTag::O,    NerTag::BPer, NerTag::IPer, NerTag::BLoc,
                                                              NerTag::ILoc, NerTag::BOrg, NerTag::IOrg};

// "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG" (the CoNLL spelling).
std::string_view to_string(NerTag tag);
std::optional<NerTag> ner_tag_from_string(std::string_view name);

constexpr bool is_begin(NerTag t) { return t == NerTag::BPer || t == NerTag::BLoc || t == NerTag::BOrg; }
constexpr bool is_inside(NerTag t) { return t == NerTag::IPer || t == NerTag::ILoc || t == NerTag::IOrg; }
// PER -> Person, LOC -> Place, ORG -> Org; nullopt for O.
std::optional<EntityType> ner_type(NerTag tag);
NerTag ner_begin(EntityType type);
NerTag ner_inside(EntityType type);

// The decoder's constraint: I-X only continues B-X or I-X. `prev` is nullopt
// at the start of a sentence.
constexpr bool ner_transition_allowed(std::optional<NerTag> prev, NerTag next) {
  if (!is_inside(next)) return true;
  if (!prev) return false;
  const auto p = static_cast<int>(*prev);
  const auto n = static_cast<int>(next);
  return p == n || p == n - 1;  // I-X itself, or B-X (B-X and I-X are adjacent)
}

// One entity mention over a tag sequence; token indexes are inclusive.
struct NerSpan {
  EntityType type = EntityType::Person;
  std::size_t first_token = 0;
  std::size_t last_token = 0;
  friend bool operator==(const NerSpan&, const NerSpan&) = default;
};

// Mentions in order, read as conlleval does: a mention starts at B-X, or at
// I-X when the previous tag is not B-X/I-X, and runs over the I-X after it.
std::vector<NerSpan> ner_spans(std::span<const NerTag> tags);

// The tags of the same mentions over the reversed token sequence: a mention
// over tokens a..b becomes B-X at n-1-b and I-X up to n-1-a. Applied twice,
// it gives back ner_repair(tags). Used by right-to-left models.
std::vector<NerTag> ner_reverse(std::span<const NerTag> tags);

// The same sequence made decodable: every I-X that conlleval would read as
// the start of a mention becomes B-X. Used on gold data before training.
std::vector<NerTag> ner_repair(std::span<const NerTag> tags);

}  // namespace talash::entities
