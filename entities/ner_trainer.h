#pragma once
// Trains NerModel: an averaged structured perceptron (Collins 2002) over the
// features of NerFeatureExtractor, decoded with the same constrained Viterbi
// as tagging. Reproducible: the sentence order of each epoch comes from a
// seeded generator and nothing else is random.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "entities/ner_corpus.h"
#include "entities/ner_model.h"
#include "entities/ner_scorer.h"

namespace talash::entities {

struct NerTrainOptions {
  NerFeatureOptions features;
  int epochs = 15;                   // the most epochs; with dev data the best epoch on dev is kept
  std::uint64_t seed = 1;            // shuffles the training sentences each epoch
  std::uint32_t min_count = 2;       // features seen fewer times in the training data are dropped
  double min_weight = 0.0;           // features whose averaged weights are all smaller (in magnitude) are dropped
  std::string info;                  // provenance stored in the model file
  std::vector<NerLexicon> lexicons;  // word lists for features, stored in the model
  // Also learn scores of tag trigrams (the two previous tags), decoded with
  // second-order Viterbi.
  bool second_order = false;
};

struct NerEpochReport {
  int epoch = 0;              // 1-based
  std::size_t mistakes = 0;   // training sentences decoded wrongly during the epoch
  NerCounts dev;              // the averaged model on the dev data (empty without dev data)
  NerCounts dev_unquantized;  // the same with float weights: what pruning and quantization cost
  std::size_t features = 0;   // features kept in that model
  double seconds = 0;         // wall time of the epoch, evaluation included
};

struct NerTrainResult {
  NerModel model;
  int epoch = 0;  // the epoch `model` is from
  std::vector<NerEpochReport> epochs;
  std::size_t feature_candidates = 0;  // distinct features in the training data
  std::size_t features_trained = 0;    // after min_count
};

class NerTrainer {
 public:
  explicit NerTrainer(NerTrainOptions options) : options_(std::move(options)) {}

  // Trains on `train` (gold tags required; I-X without B-X is read as B-X).
  // With `dev`, evaluates after every epoch and returns the best epoch's
  // model (the earliest on ties); without, the model after all epochs.
  // `progress` is called after each epoch.
  NerTrainResult train(std::span<const NerSentence> train, std::span<const NerSentence> dev,
                       const std::function<void(const NerEpochReport&)>& progress = {}) const;

 private:
  NerTrainOptions options_;
};

// Tags every sentence of `data` with `model` and scores against its gold tags.
NerScorer ner_evaluate(const NerModel& model, std::span<const NerSentence> data);

}  // namespace talash::entities
