#include "entities/ner_scorer.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace talash::entities {

void NerScorer::add(std::span<const NerTag> gold, std::span<const NerTag> predicted) {
  if (gold.size() != predicted.size()) throw std::invalid_argument("NerScorer::add: lengths differ");
  const auto g = ner_spans(gold);
  const auto p = ner_spans(predicted);
  for (const NerSpan& s : g) {
    ++overall_.gold;
    ++by_type_[static_cast<std::size_t>(s.type)].gold;
  }
  for (const NerSpan& s : p) {
    ++overall_.predicted;
    auto& counts = by_type_[static_cast<std::size_t>(s.type)];
    ++counts.predicted;
    if (std::find(g.begin(), g.end(), s) != g.end()) {
      ++overall_.correct;
      ++counts.correct;
    }
  }
}

std::string NerScorer::report() const {
  std::string out;
  char line[160];
  auto row = [&](const char* name, const NerCounts& c) {
    std::snprintf(line, sizeof line, "%-4s P %6.2f  R %6.2f  F1 %6.2f  (gold %zu, predicted %zu, correct %zu)\n", name,
                  c.precision(), c.recall(), c.f1(), c.gold, c.predicted, c.correct);
    out += line;
  };
  row("PER", of(EntityType::Person));
  row("LOC", of(EntityType::Place));
  row("ORG", of(EntityType::Org));
  row("all", overall_);
  return out;
}

}  // namespace talash::entities
