#pragma once
// The trained named-entity tagger: an averaged perceptron over hashed
// features (entities/ner_features.h), decoded with Viterbi under the BIO
// constraint (entities/ner_viterbi.h). It finds people, places and
// organisations the gazetteer does not list.
//
// Weights are 16-bit integers, so scores are exact and a saved model loads
// back bit for bit. The shipped model is entities/data/ner_model.bin,
// compiled into the binary (provenance in entities/data/ner_model.md).
#include <array>
#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/token.h"
#include "entities/ner_features.h"
#include "entities/ner_tag.h"
#include "entities/ner_viterbi.h"

namespace talash::entities {

class NerModel {
 public:
  // The weights of one feature, one per tag (in NerTag order).
  struct FeatureWeights {
    std::uint64_t id = 0;
    std::array<std::int16_t, kNerTagCount> weights{};
  };
  using Transitions = std::array<std::int16_t, kNerTransitionCount>;
  using Transitions2 = std::array<std::int16_t, kNerTransition2Count>;

  // Everything a model is made of.
  struct Parts {
    NerFeatureOptions features;
    double scale = 1.0;                        // float value of one weight unit (decoding does not need it)
    Transitions transitions{};                 // previous tag -> tag
    std::optional<Transitions2> transitions2;  // two previous tags -> tag (second-order model)
    std::vector<FeatureWeights> weights;       // any order; ids unique and nonzero
    std::string info;                          // free-text provenance, stored in the file
    std::vector<NerLexicon> lexicons;          // word lists the features read
    // Right to left: Viterbi runs over the sentence from its last token, so
    // the model learns where mentions end (B) rather than where they begin.
    bool reversed = false;
  };

  // A model without features: tags everything O.
  NerModel();
  explicit NerModel(Parts parts);
  Parts parts() const;

  // Several models that vote: a mention is kept when more than half of the
  // members find exactly it (same span and type); overlapping winners are
  // resolved by votes, then by position. All members must read the same
  // features (options and lexicons); throws std::invalid_argument otherwise.
  static NerModel ensemble(std::vector<NerModel> members, std::string info = {});
  // The members of an ensemble (empty for a single model).
  const std::vector<NerModel>& members() const { return members_; }

  // The model that ships with Talash, loaded once.
  static const NerModel& builtin();
  // The binary format written by save(). An error says what is wrong.
  static std::expected<NerModel, std::string> load(std::string_view bytes);
  std::string save() const;

  // The best tag sequence for one sentence. Thread-safe.
  std::vector<NerTag> tag(std::span<const NerToken> tokens) const;
  void tag(std::span<const NerToken> tokens, std::vector<NerTag>& out) const;

  // Mentions in `text`, which `tokens` = analysis::split_words(text) split.
  // The tagger also sees the punctuation between the tokens (as the training
  // data has it) and works sentence by sentence. NerSpan token indexes point
  // into `tokens`. Thread-safe.
  std::vector<NerSpan> find(std::string_view text, std::span<const analysis::Token> tokens) const;

  const NerFeatureOptions& feature_options() const { return extractor_.options(); }
  const NerFeatureExtractor& extractor() const { return extractor_; }
  bool second_order() const { return second_order_; }
  bool reversed() const { return reversed_; }
  const std::string& info() const { return info_; }
  // Features with weights (summed over the members of an ensemble).
  std::size_t feature_count() const;
  // The weights of a feature id (kNerTagCount of them), nullptr when the
  // model does not have it.
  const std::int16_t* weights(std::uint64_t id) const;

  friend bool operator==(const NerModel& a, const NerModel& b);

 private:
  using Row = std::array<std::int16_t, 8>;  // 7 tags + padding
  void build_table(std::vector<FeatureWeights> features);
  // Viterbi over this model's weights for features already extracted.
  void decode(const NerFeatures& features, std::size_t n, std::vector<NerTag>& out) const;
  // Viterbi over `emissions` (n * kNerTagCount, in token order) with this
  // model's transitions and direction; `emissions` is reordered.
  void viterbi(std::vector<std::int32_t>& emissions, std::vector<NerTag>& out) const;
  void build_ensemble_table();

  std::vector<NerModel> members_;  // an ensemble's voters; then the fields below are the first member's
  // An ensemble's weights in one table: feature id -> one row per member
  // (rows ens_rows_[r * members .. r * members + members)), so a feature is looked up once.
  std::vector<std::uint64_t> ens_keys_;
  std::vector<std::uint32_t> ens_slot_row_;
  std::vector<std::array<std::int16_t, 8>> ens_rows_;
  std::uint64_t ens_mask_ = 0;

  NerFeatureExtractor extractor_;
  double scale_ = 1.0;
  Transitions transitions_{};
  Transitions2 transitions2_{};
  bool second_order_ = false;
  bool reversed_ = false;
  std::string info_;
  // Open addressing, linear probing; key 0 = empty slot.
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> slot_row_;
  std::vector<Row> rows_;  // sorted by id
  std::vector<std::uint64_t> row_ids_;
  std::array<std::int32_t, kNerTransitionCount> transitions32_{};
  std::array<std::int32_t, kNerTransition2Count> transitions2_32_{};
  std::uint64_t mask_ = 0;
};

}  // namespace talash::entities
