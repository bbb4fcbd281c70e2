#pragma once
// Entity-level precision, recall and F1 as conlleval computes them: a
// predicted mention counts when its span and type equal a gold mention's;
// I-X without B-X starts a mention (entities/ner_tag.h, ner_spans()).
#include <array>
#include <cstddef>
#include <span>
#include <string>

#include "entities/entity.h"
#include "entities/ner_tag.h"

namespace talash::entities {

struct NerCounts {
  std::size_t correct = 0;  // predicted mentions that match a gold one
  std::size_t predicted = 0;
  std::size_t gold = 0;
  double precision() const { return predicted ? 100.0 * correct / predicted : 0.0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

class NerScorer {
 public:
  // One sentence; `gold` and `predicted` have the same length.
  void add(std::span<const NerTag> gold, std::span<const NerTag> predicted);

  const NerCounts& overall() const { return overall_; }
  const NerCounts& of(EntityType type) const { return by_type_[static_cast<std::size_t>(type)]; }

  // A small table: one line per type (PER, LOC, ORG) and "all":
  // "PER  P 85.10  R 80.00  F1 82.47  (gold 129, predicted 120)".
  std::string report() const;

 private:
  NerCounts overall_;
  std::array<NerCounts, 3> by_type_{};
};

}  // namespace talash::entities
