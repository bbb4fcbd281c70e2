#include "entities/ner_tag.h"

namespace talash::entities {

namespace {
constexpr std::array<std::string_view, kNerTagCount> kNames = {"O",     "B-PER", "I-PER", "B-LOC",
                                                               "I-LOC", "B-ORG", "I-ORG"};
}  // namespace

std::string_view to_string(NerTag tag) { return kNames[static_cast<std::size_t>(tag)]; }

std::optional<NerTag> ner_tag_from_string(std::string_view name) {
  for (std::size_t i = 0; i < kNerTagCount; ++i)
    if (kNames[i] == name) return static_cast<NerTag>(i);
  return std::nullopt;
}

std::optional<EntityType> ner_type(NerTag tag) {
  switch (tag) {
    case NerTag::BPer:
    case NerTag::IPer:
      return EntityType::Person;
    case NerTag::BLoc:
    case NerTag::ILoc:
      return EntityType::Place;
    case NerTag::BOrg:
    case NerTag::IOrg:
      return EntityType::Org;
    case NerTag::O:
      break;
  }
  return std::nullopt;
}

NerTag ner_begin(EntityType type) {
  switch (type) {
    case EntityType::Person:
      return NerTag::BPer;
    case EntityType::Place:
      return NerTag::BLoc;
    case EntityType::Org:
      return NerTag::BOrg;
  }
  return NerTag::O;
}

NerTag ner_inside(EntityType type) { return static_cast<NerTag>(static_cast<int>(ner_begin(type)) + 1); }

std::vector<NerSpan> ner_spans(std::span<const NerTag> tags) {
  std::vector<NerSpan> spans;
  std::optional<NerTag> prev;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const NerTag t = tags[i];
    if (t == NerTag::O) {
      prev = t;
      continue;
    }
    if (is_begin(t) || !ner_transition_allowed(prev, t)) {
      spans.push_back(NerSpan{.type = *ner_type(t), .first_token = i, .last_token = i});
    } else {
      spans.back().last_token = i;
    }
    prev = t;
  }
  return spans;
}

std::vector<NerTag> ner_repair(std::span<const NerTag> tags) {
  std::vector<NerTag> out(tags.begin(), tags.end());
  std::optional<NerTag> prev;
  for (NerTag& t : out) {
    if (is_inside(t) && !ner_transition_allowed(prev, t)) t = static_cast<NerTag>(static_cast<int>(t) - 1);
    prev = t;
  }
  return out;
}

std::vector<NerTag> ner_reverse(std::span<const NerTag> tags) {
  const std::size_t n = tags.size();
  std::vector<NerTag> out(n, NerTag::O);
  for (const NerSpan& m : ner_spans(tags)) {
    out[n - 1 - m.last_token] = ner_begin(m.type);
    for (std::size_t i = n - m.last_token; i <= n - 1 - m.first_token; ++i) out[i] = ner_inside(m.type);
  }
  return out;
}

}  // namespace talash::entities
