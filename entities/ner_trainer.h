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

// How the weights are learned.
enum class NerAlgorithm {
  Perceptron,  // averaged structured perceptron; `epochs` passes over the data
  Crf,         // linear-chain CRF, L-BFGS / OWL-QN on the log-likelihood with L1 (c1) and L2 (c2) penalties;
               // `epochs` is the most L-BFGS iterations, and dev data is scored every `eval_every` of them
};

struct NerTrainOptions {
  NerAlgorithm algorithm = NerAlgorithm::Perceptron;
  double c1 = 0.0;     // CRF: L1 penalty c1 * sum |w| (gives a sparse model)
  double c2 = 1.0;     // CRF: L2 penalty c2 * sum w^2
  int eval_every = 10;  // CRF: score dev data (and keep the best model) every this many iterations
  int threads = 1;      // CRF: threads for the gradient (the result does not depend on it)
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
  // Perceptron: decode training sentences with this cost added to every
  // wrong tag (cost-augmented / margin perceptron); 0 = plain perceptron.
  int margin = 0;
  // Train a right-to-left model (NerModel::Parts::reversed).
  bool reverse = false;
  // Share of the gazetteer's entities hidden from the features of the
  // training sentences (seeded with `seed`; see NerGazetteerHoldout). Dev
  // data and the trained model see the whole gazetteer.
  double gazetteer_holdout = 0;
};

struct NerEpochReport {
  int epoch = 0;              // 1-based
  std::size_t mistakes = 0;   // training sentences decoded wrongly during the epoch
  double objective = 0;       // CRF: the penalized negative log-likelihood after the iteration
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
