#include "entities/ner_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <stdexcept>
#include <unordered_map>

#include "entities/ner_viterbi.h"

namespace talash::entities {
namespace {

constexpr std::size_t T = kNerTagCount;
constexpr std::size_t R = kNerTransitionRows;

// A sentence with its features as dense indexes into the weights.
struct Example {
  std::vector<std::uint32_t> features;  // token i: features[offsets[i] .. offsets[i+1])
  std::vector<std::uint32_t> offsets;
  std::vector<NerTag> gold;
};

// The tag `back` positions before i as a transition row: 0 before the sentence, tag + 1.
std::size_t row_before(std::size_t i, std::span<const NerTag> tags, std::size_t back = 1) {
  return i < back ? 0 : static_cast<std::size_t>(tags[i - back]) + 1;
}

// Weights with running sums for averaging (the "w - u / c" form of Daume's
// thesis): after c steps, the average of w over all steps is w - u / c.
template <std::size_t N = 0>
struct Averaging {
  std::vector<std::int32_t> w;
  std::vector<std::int64_t> u;
  explicit Averaging(std::size_t n) : w(n, 0), u(n, 0) {}
  void update(std::size_t k, std::int32_t delta, std::int64_t c) {
    w[k] += delta;
    u[k] += c * delta;
  }
  double average(std::size_t k, std::int64_t c) const {
    return static_cast<double>(w[k]) - static_cast<double>(u[k]) / static_cast<double>(c);
  }
};

struct Perceptron {
  Averaging<> features;      // feature f, tag t at f * T + t
  Averaging<> transitions;   // kNerTransitionCount
  Averaging<> transitions2;  // kNerTransition2Count
  std::int64_t c = 1;        // steps so far, plus one
  explicit Perceptron(std::size_t n)
      : features(n * T), transitions(kNerTransitionCount), transitions2(kNerTransition2Count) {}
};

// Averaged weights as floats.
struct Averaged {
  std::vector<double> w;
  std::vector<double> t;
  std::vector<double> t2;
};

Averaged average(const Perceptron& p) {
  Averaged a;
  auto take = [&](const Averaging<>& from, std::vector<double>& to) {
    to.resize(from.w.size());
    for (std::size_t k = 0; k < to.size(); ++k) to[k] = from.average(k, p.c);
  };
  take(p.features, a.w);
  take(p.transitions, a.t);
  take(p.transitions2, a.t2);
  return a;
}

// Emission scores of a sentence from dense weights (int or float).
template <class Score, class W>
void emissions_of(const Example& ex, const std::vector<W>& w, std::vector<Score>& out) {
  const std::size_t n = ex.gold.size();
  out.assign(n * T, Score{});
  for (std::size_t i = 0; i < n; ++i) {
    Score* e = out.data() + i * T;
    for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
      const W* wf = w.data() + std::size_t{ex.features[k]} * T;
      for (std::size_t t = 0; t < T; ++t) e[t] += static_cast<Score>(wf[t]);
    }
  }
}

// The averaged weights pruned and quantized to 16 bits: one unit is
// max |weight| / 32767, and a feature whose weights all round to 0 (or are
// all below options.min_weight) is dropped.
NerModel quantize(const Averaged& a, std::span<const std::uint64_t> ids, const NerTrainOptions& options) {
  double max_abs = 0;
  for (const double v : a.w) max_abs = std::max(max_abs, std::abs(v));
  for (const double v : a.t) max_abs = std::max(max_abs, std::abs(v));
  if (options.second_order)
    for (const double v : a.t2) max_abs = std::max(max_abs, std::abs(v));
  const double scale = max_abs > 0 ? max_abs / 32767.0 : 1.0;
  auto q = [scale](double v) { return static_cast<std::int16_t>(std::lround(v / scale)); };

  NerModel::Parts parts{
      .features = options.features, .scale = scale, .info = options.info, .lexicons = options.lexicons};
  for (std::size_t k = 0; k < kNerTransitionCount; ++k) parts.transitions[k] = q(a.t[k]);
  if (options.second_order) {
    parts.transitions2.emplace();
    for (std::size_t k = 0; k < kNerTransition2Count; ++k) (*parts.transitions2)[k] = q(a.t2[k]);
  }
  for (std::size_t f = 0; f < ids.size(); ++f) {
    NerModel::FeatureWeights fw{.id = ids[f]};
    double strongest = 0;
    bool nonzero = false;
    for (std::size_t t = 0; t < T; ++t) {
      const double v = a.w[f * T + t];
      strongest = std::max(strongest, std::abs(v));
      fw.weights[t] = q(v);
      nonzero |= fw.weights[t] != 0;
    }
    if (nonzero && strongest >= options.min_weight) parts.weights.push_back(fw);
  }
  return NerModel(std::move(parts));
}

}  // namespace

NerScorer ner_evaluate(const NerModel& model, std::span<const NerSentence> data) {
  NerScorer scorer;
  std::vector<NerTag> predicted;
  for (const NerSentence& s : data) {
    const auto tokens = s.tokens();
    model.tag(tokens, predicted);
    scorer.add(s.tags, predicted);
  }
  return scorer;
}

NerTrainResult NerTrainer::train(std::span<const NerSentence> train, std::span<const NerSentence> dev,
                                 const std::function<void(const NerEpochReport&)>& progress) const {
  using Clock = std::chrono::steady_clock;
  const NerFeatureExtractor extractor(options_.features, options_.lexicons);

  // 1. Every sentence's feature ids, and how often each id occurs.
  std::vector<NerFeatures> raw(train.size());
  std::unordered_map<std::uint64_t, std::uint32_t> counts;
  counts.reserve(1 << 20);
  for (std::size_t s = 0; s < train.size(); ++s) {
    if (train[s].tags.size() != train[s].words.size())
      throw std::invalid_argument("NerTrainer: training sentence " + std::to_string(s + 1) + " has no tags");
    const auto tokens = train[s].tokens();
    extractor.extract(tokens, raw[s]);
    for (const std::uint64_t id : raw[s].ids) ++counts[id];
  }

  // 2. Dense indexes for the ids seen at least min_count times, in id order.
  std::vector<std::uint64_t> ids;
  for (const auto& [id, n] : counts)
    if (n >= options_.min_count) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  NerTrainResult result;
  result.feature_candidates = counts.size();
  result.features_trained = ids.size();
  std::unordered_map<std::uint64_t, std::uint32_t> index;
  index.reserve(ids.size());
  for (std::size_t f = 0; f < ids.size(); ++f) index.emplace(ids[f], static_cast<std::uint32_t>(f));
  counts = {};

  auto to_example = [&](const NerFeatures& nf, std::span<const NerTag> tags) {
    Example ex;
    ex.gold = ner_repair(tags);
    for (std::size_t i = 0; i + 1 < nf.offsets.size(); ++i) {
      ex.offsets.push_back(static_cast<std::uint32_t>(ex.features.size()));
      for (std::uint32_t k = nf.offsets[i]; k < nf.offsets[i + 1]; ++k)
        if (const auto it = index.find(nf.ids[k]); it != index.end()) ex.features.push_back(it->second);
    }
    ex.offsets.push_back(static_cast<std::uint32_t>(ex.features.size()));
    return ex;
  };
  std::vector<Example> examples(train.size());
  for (std::size_t s = 0; s < train.size(); ++s) {
    examples[s] = to_example(raw[s], train[s].tags);
    raw[s] = {};
  }
  // The dev data in the same form, to score the unquantized weights too.
  std::vector<Example> dev_examples;
  for (const NerSentence& s : dev) {
    NerFeatures nf;
    const auto tokens = s.tokens();
    extractor.extract(tokens, nf);
    dev_examples.push_back(to_example(nf, s.tags));
  }
  index = {};

  // 3. Epochs of perceptron updates over a seeded shuffle.
  Perceptron p(ids.size());
  std::vector<std::size_t> order(examples.size());
  for (std::size_t s = 0; s < order.size(); ++s) order[s] = s;
  std::mt19937_64 rng(options_.seed);
  std::vector<std::int32_t> emissions;
  std::vector<double> float_emissions;
  std::vector<NerTag> predicted;
  std::vector<std::uint8_t> backpointers;
  auto decode = [&](const auto& e, const auto& t, const auto& t2) {
    using Score = std::decay_t<decltype(e[0])>;
    if (options_.second_order)
      ner_viterbi2<Score>(e, std::span<const Score, kNerTransitionCount>(t.data(), kNerTransitionCount),
                          std::span<const Score, kNerTransition2Count>(t2.data(), kNerTransition2Count), predicted,
                          backpointers);
    else
      ner_viterbi<Score>(e, std::span<const Score, kNerTransitionCount>(t.data(), kNerTransitionCount), predicted,
                         backpointers);
  };
  double best_f1 = -1;
  for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
    const auto start = Clock::now();
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);  // Fisher-Yates
    NerEpochReport report{.epoch = epoch};
    for (const std::size_t s : order) {
      const Example& ex = examples[s];
      emissions_of(ex, p.features.w, emissions);
      decode(emissions, p.transitions.w, p.transitions2.w);
      if (predicted != ex.gold) {
        ++report.mistakes;
        for (std::size_t i = 0; i < ex.gold.size(); ++i) {
          const NerTag g = ex.gold[i], y = predicted[i];
          const std::size_t gb = row_before(i, ex.gold), yb = row_before(i, predicted);
          const std::size_t ga = row_before(i, ex.gold, 2), ya = row_before(i, predicted, 2);
          if (gb != yb || g != y) {
            p.transitions.update(gb * T + static_cast<std::size_t>(g), +1, p.c);
            p.transitions.update(yb * T + static_cast<std::size_t>(y), -1, p.c);
          }
          if (options_.second_order && (ga != ya || gb != yb || g != y)) {
            p.transitions2.update((ga * R + gb) * T + static_cast<std::size_t>(g), +1, p.c);
            p.transitions2.update((ya * R + yb) * T + static_cast<std::size_t>(y), -1, p.c);
          }
          if (g == y) continue;
          for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
            p.features.update(std::size_t{ex.features[k]} * T + static_cast<std::size_t>(g), +1, p.c);
            p.features.update(std::size_t{ex.features[k]} * T + static_cast<std::size_t>(y), -1, p.c);
          }
        }
      }
      ++p.c;
    }
    const bool last = epoch == options_.epochs;
    if (!dev.empty() || last) {
      const Averaged a = average(p);
      NerModel model = quantize(a, ids, options_);
      report.features = model.feature_count();
      if (!dev.empty()) {
        report.dev = ner_evaluate(model, dev).overall();
        NerScorer unquantized;
        for (std::size_t s = 0; s < dev_examples.size(); ++s) {
          emissions_of(dev_examples[s], a.w, float_emissions);
          decode(float_emissions, a.t, a.t2);
          unquantized.add(dev[s].tags, predicted);
        }
        report.dev_unquantized = unquantized.overall();
      }
      const double f1 = dev.empty() ? 0.0 : report.dev.f1();
      if (f1 > best_f1 || (dev.empty() && last)) {
        best_f1 = f1;
        result.model = std::move(model);
        result.epoch = epoch;
      }
    }
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.epochs.push_back(report);
    if (progress) progress(report);
  }
  return result;
}

}  // namespace talash::entities
