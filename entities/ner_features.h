#pragma once
// Features of the named-entity tagger. Every feature is a string
// "template|value" (such as "w-1|मंत्री" or "gz|B-PER"), identified by the
// 64-bit FNV-1a hash of that string. The hot path hashes the bytes in place
// and allocates nothing per token: one pass over a word's bytes advances every
// hash that reads the word (the word under its five templates and the two
// bigrams around it), from hash states of the templates computed once.
// render() spells the same features out for tests and debugging, and
// ner_feature_id(rendered) == the id extract() gives.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/token.h"
#include "entities/ner_lexicon.h"

namespace talash::entities {

class EntityTagger;

// One token as the tagger sees it.
struct NerToken {
  std::string_view norm;      // analysis::normalize_hindi(original)
  std::string_view original;  // as written; only the word shape reads it
};

// Which templates are on. Stored in the model file, so a model is always
// applied with the features it was trained with.
struct NerFeatureOptions {
  bool context2 = true;      // w-2, w+2 (w-1, w+1 are always on)
  bool bigrams = true;       // w-1w (previous + current word), ww+1 (current + next)
  std::uint8_t affixes = 4;  // p1..pN, s1..sN: prefixes and suffixes of 1..N code points (0..4)
  bool shape = true;         // sh (script and case classes), len (length bucket)
  bool gazetteer = true;     // gz, gz±1, gz±2 (B-/I-TYPE of a gazetteer match), ga (the word is in an alias)
  bool acronym = true;       // acr, acr-1, acr+1, acr+2: the word spells Latin letter names (आईसीसी = I C C)
  bool stem = false;         // st: the light stem (analysis::stem_hindi) when it differs from the word
  std::uint8_t ngrams = 0;   // c: character n-grams of this length inside "^word$" (0 = none)
  friend bool operator==(const NerFeatureOptions&, const NerFeatureOptions&) = default;
};

// Training only: hide a seeded share of the gazetteer's entities from the
// gz features, so the model also learns names from their context and does
// not lean on the gazetteer for every kind of name it lists (a bank the list
// lacks is still a bank). At run time the whole gazetteer is seen. Not
// stored in the model.
struct NerGazetteerHoldout {
  double share = 0;         // 0..1: about this share of the entities is hidden
  std::uint64_t seed = 0;   // which ones
  bool hides(std::string_view entity_id) const;
};

// Feature ids of a sentence: token i has ids[offsets[i] .. offsets[i+1]).
// Reuse one across calls to keep its capacity.
struct NerFeatures {
  std::vector<std::uint64_t> ids;
  std::vector<std::uint32_t> offsets;
};

// The id of a rendered feature "template|value" (FNV-1a, 64 bits).
std::uint64_t ner_feature_id(std::string_view rendered);

class NerFeatureExtractor {
 public:
  // Gazetteer features come from the shipped gazetteer (Gazetteer::builtin());
  // lexicon features (after all others) from `lexicons`, in their order.
  explicit NerFeatureExtractor(const NerFeatureOptions& options = {}, std::vector<NerLexicon> lexicons = {},
                               NerGazetteerHoldout holdout = {});

  const NerFeatureOptions& options() const { return options_; }
  const std::vector<NerLexicon>& lexicons() const { return *lexicons_; }

  // The ids of every token's features, in template order (see render()).
  void extract(std::span<const NerToken> tokens, NerFeatures& out) const;

  // One line per token: "<norm>\t<feature> <feature> ...", features in the
  // order extract() hashes them. The canonical form the tests compare.
  std::string render(std::span<const NerToken> tokens) const;

 private:
  struct Tables;
  struct LazyTables;
  // Built on first use: a model's ensemble members and temporaries never extract.
  const Tables& tables() const;
  // Per token, into this thread's scratch: gazetteer tags and alias types,
  // lexicon values and acronym buckets. keys[i] = analysis::fnv1a(norm).
  void prepare(std::span<const NerToken> tokens, std::span<const std::uint64_t> keys) const;
  template <class Sink>
  void emit(std::span<const NerToken> tokens, Sink& sink) const;

  NerFeatureOptions options_;
  NerGazetteerHoldout holdout_;
  std::shared_ptr<const std::vector<NerLexicon>> lexicons_;  // shared by copies
  std::shared_ptr<LazyTables> tables_;                       // from the options and lexicons; shared by copies
};

// The word-shape value of `original`: one letter per run of code points of a
// class (d Devanagari, X Latin upper, x Latin lower, 9 digit, . other, o
// other letters), at most 4 runs: "d", "Xx", "X", "9", "d.", "X.X.".
std::string ner_word_shape(std::string_view original);

}  // namespace talash::entities
