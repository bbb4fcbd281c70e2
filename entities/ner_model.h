#pragma once
// The trained named-entity tagger: an averaged perceptron over hashed
// features (entities/ner_features.h), decoded with Viterbi under the BIO
// constraint (entities/ner_viterbi.h). It finds people, places and
// organisations the gazetteer does not list.
//
// Weights are 16-bit integers, so scores are exact and a saved model loads
// back bit for bit. The shipped model is entities/data/ner_model.bin,
// compiled into the binary (provenance in entities/data/ner_model.md).
#include <algorithm>
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
  // Feature id -> weights, for one model or for every member of an ensemble.
  // Entries are in ascending id order, each an id and one row of 8 int16 per
  // member (7 tags + a zero lane), padded to 32 or 64 bytes so that an entry
  // is one cache line (3 members: 56 bytes in 64); one more entry, id 0 and
  // zero weights, stands for every feature the model does not have. Two
  // 4-byte slots per entry (linear probing, no wrap-around) hold a
  // fingerprint of the id and the entry number, so a lookup reads the slots
  // and then one line, and rarely an entry that is not the one.
  class WeightTable {
   public:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // Entries for `ids` (ascending, unique, nonzero), every row zero.
    void build(std::span<const std::uint64_t> ids, std::size_t members);
    std::size_t size() const { return size_; }
    std::size_t members() const { return members_; }
    std::uint64_t id(std::size_t entry) const;
    std::int16_t* row(std::size_t entry, std::size_t member) {
      return reinterpret_cast<std::int16_t*>(bytes() + entry * stride_ + 8) + member * 8;
    }
    const std::int16_t* row(std::size_t entry, std::size_t member) const {
      return reinterpret_cast<const std::int16_t*>(bytes() + entry * stride_ + 8) + member * 8;
    }
    // The entry of `id`, or kNone.
    std::size_t find(std::uint64_t id) const;
    // emissions[(member * n + i) * 8 + t] += the weights of token i's features
    // (n = features.offsets.size() - 1), looking the whole sentence up at once
    // so that the memory reads overlap.
    void accumulate(const NerFeatures& features, std::int32_t* emissions) const;
    friend bool operator==(const WeightTable& a, const WeightTable& b) {
      if (a.size_ != b.size_ || a.members_ != b.members_) return false;
      for (std::size_t r = 0; r < a.size_; ++r)
        if (a.id(r) != b.id(r) || !std::equal(a.row(r, 0), a.row(r, 0) + a.members_ * 8, b.row(r, 0))) return false;
      return true;
    }

   private:
    static constexpr unsigned kProbeWidth = 4;  // slots a lookup reads at once
    struct alignas(64) Line {
      unsigned char bytes[64];
    };
    static std::uint64_t mix(std::uint64_t id) { return (id ^ (id >> 31)) * 0x9E3779B97F4A7C15ULL; }
    unsigned char* bytes() { return reinterpret_cast<unsigned char*>(lines_.data()); }
    const unsigned char* bytes() const { return reinterpret_cast<const unsigned char*>(lines_.data()); }
    std::size_t size_ = 0;
    std::size_t members_ = 1;
    std::size_t stride_ = 32;  // bytes per entry: 8 (id) + 16 per member, rounded up to a power of two
    std::vector<Line> lines_;
    std::vector<std::uint32_t> slots_;  // 0 = empty; else fingerprint << entry_bits_ | (entry + 1)
    unsigned slot_shift_ = 60;          // slot = mix(id) >> slot_shift_
    unsigned entry_bits_ = 1;
    unsigned fingerprint_shift_ = 0;  // fingerprint = mix(id) >> fingerprint_shift_ & fingerprint_mask_
    std::uint32_t fingerprint_mask_ = 0;
  };

  void build_table(std::vector<FeatureWeights> features);
  void build_ensemble_table();
  // Viterbi with this model's transitions and direction over `emissions`
  // (n tokens in order, 8 lanes each; reordered for a right-to-left model).
  void decode(std::int32_t* emissions, std::size_t n, std::vector<NerTag>& out) const;

  std::vector<NerModel> members_;  // an ensemble's voters; then the fields below are the first member's
  // An ensemble's weights: every member's in one table, so a feature is looked up once.
  WeightTable ensemble_table_;

  NerFeatureExtractor extractor_;
  double scale_ = 1.0;
  Transitions transitions_{};
  Transitions2 transitions2_{};
  bool second_order_ = false;
  bool reversed_ = false;
  std::string info_;
  WeightTable table_;  // this model's own weights (one member)
  std::array<std::int32_t, kNerTransitionCount> transitions32_{};
  NerViterbi2Tables<std::int32_t> viterbi2_tables_;
};

}  // namespace talash::entities
