#include "entities/ner_trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>
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

  NerModel::Parts parts{.features = options.features,
                        .scale = scale,
                        .info = options.info,
                        .lexicons = options.lexicons,
                        .reversed = options.reverse};
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


// ---------------------------------------------------------------------------
// Linear-chain CRF (first order, BIO-constrained): the negative
// log-likelihood of the gold tags plus c2 * |w|^2, minimized with L-BFGS;
// with c1 > 0 the L1 term c1 * |w|_1 is handled by OWL-QN (Andrew & Gao 2007).
// Parameters: feature f, tag t at f * T + t, then the transitions
// (row r = previous tag + 1, 0 = sentence start; column = tag).

// Log-likelihood gradient of `examples` [from, to) at `w`, added into `grad`;
// returns the negative log-likelihood.
double crf_nll(std::span<const Example> examples, const std::vector<double>& w, std::size_t features,
               std::vector<double>& grad) {
  const double* trans = w.data() + features * T;
  double* gtrans = grad.data() + features * T;
  std::array<double, R * T> g{};  // exp(transition), 0 when not allowed
  for (std::size_t r = 0; r < R; ++r)
    for (std::size_t t = 0; t < T; ++t) {
      const std::optional<NerTag> prev = r == 0 ? std::nullopt : std::optional(static_cast<NerTag>(r - 1));
      g[r * T + t] = ner_transition_allowed(prev, static_cast<NerTag>(t)) ? std::exp(trans[r * T + t]) : 0.0;
    }
  std::vector<double> e, psi, alpha, beta, scale;
  double nll = 0;
  for (const Example& ex : examples) {
    const std::size_t n = ex.gold.size();
    if (n == 0) continue;
    e.assign(n * T, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      double* ei = e.data() + i * T;
      for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
        const double* wf = w.data() + std::size_t{ex.features[k]} * T;
        for (std::size_t t = 0; t < T; ++t) ei[t] += wf[t];
      }
    }
    psi.resize(n * T);
    alpha.resize(n * T);
    beta.resize(n * T);
    scale.resize(n);
    double log_z = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double m = *std::max_element(e.begin() + i * T, e.begin() + (i + 1) * T);
      for (std::size_t t = 0; t < T; ++t) psi[i * T + t] = std::exp(e[i * T + t] - m);
      double sum = 0;
      for (std::size_t t = 0; t < T; ++t) {
        double a = 0;
        if (i == 0) {
          a = g[t];
        } else {
          for (std::size_t p = 0; p < T; ++p) a += alpha[(i - 1) * T + p] * g[(p + 1) * T + t];
        }
        alpha[i * T + t] = a * psi[i * T + t];
        sum += alpha[i * T + t];
      }
      for (std::size_t t = 0; t < T; ++t) alpha[i * T + t] /= sum;
      scale[i] = sum;
      log_z += std::log(sum) + m;
    }
    for (std::size_t t = 0; t < T; ++t) beta[(n - 1) * T + t] = 1.0;
    for (std::size_t i = n - 1; i-- > 0;) {
      for (std::size_t p = 0; p < T; ++p) {
        double b = 0;
        for (std::size_t t = 0; t < T; ++t) b += g[(p + 1) * T + t] * psi[(i + 1) * T + t] * beta[(i + 1) * T + t];
        beta[i * T + p] = b / scale[i + 1];
      }
    }
    double gold = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t y = static_cast<std::size_t>(ex.gold[i]);
      const std::size_t r = row_before(i, ex.gold);
      gold += e[i * T + y] + trans[r * T + y];
      gtrans[r * T + y] -= 1.0;
      // Node marginals: feature gradients.
      double marg[T];
      for (std::size_t t = 0; t < T; ++t) marg[t] = alpha[i * T + t] * beta[i * T + t];
      marg[y] -= 1.0;
      for (std::uint32_t k = ex.offsets[i]; k < ex.offsets[i + 1]; ++k) {
        double* gf = grad.data() + std::size_t{ex.features[k]} * T;
        for (std::size_t t = 0; t < T; ++t) gf[t] += marg[t];
      }
      // Edge marginals: transition gradients.
      if (i == 0) {
        for (std::size_t t = 0; t < T; ++t) gtrans[t] += alpha[t] * beta[t];
      } else {
        for (std::size_t p = 0; p < T; ++p) {
          const double a = alpha[(i - 1) * T + p] / scale[i];
          if (a == 0) continue;
          for (std::size_t t = 0; t < T; ++t)
            gtrans[(p + 1) * T + t] += a * g[(p + 1) * T + t] * psi[i * T + t] * beta[i * T + t];
        }
      }
    }
    nll += log_z - gold;
  }
  return nll;
}

// The smooth part of the objective (NLL + c2 |w|^2) and its gradient. The
// data is cut into a fixed number of chunks, summed in order, so the result
// does not depend on the number of threads.
struct CrfObjective {
  std::span<const Example> examples;
  std::size_t features = 0;
  double c2 = 0;
  int threads = 1;
  static constexpr std::size_t kChunks = 4;
  std::vector<std::vector<double>> chunk_grad;

  double operator()(const std::vector<double>& w, std::vector<double>& grad) {
    chunk_grad.resize(kChunks);
    std::array<double, kChunks> nll{};
    auto run = [&](std::size_t c) {
      chunk_grad[c].assign(w.size(), 0.0);
      const std::size_t from = examples.size() * c / kChunks, to = examples.size() * (c + 1) / kChunks;
      nll[c] = crf_nll(examples.subspan(from, to - from), w, features, chunk_grad[c]);
    };
    const std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(threads), 1, kChunks);
    if (workers == 1) {
      for (std::size_t c = 0; c < kChunks; ++c) run(c);
    } else {
      std::vector<std::thread> pool;
      for (std::size_t k = 0; k < workers; ++k)
        pool.emplace_back([&, k] {
          for (std::size_t c = k; c < kChunks; c += workers) run(c);
        });
      for (auto& th : pool) th.join();
    }
    double f = 0;
    for (std::size_t c = 0; c < kChunks; ++c) f += nll[c];
    grad.assign(w.size(), 0.0);
    for (std::size_t c = 0; c < kChunks; ++c)
      for (std::size_t k = 0; k < w.size(); ++k) grad[k] += chunk_grad[c][k];
    for (std::size_t k = 0; k < w.size(); ++k) {
      f += c2 * w[k] * w[k];
      grad[k] += 2 * c2 * w[k];
    }
    return f;
  }
};

// OWL-QN / L-BFGS. `step(iteration, w)` is called after every iteration and
// returns false to stop.
template <class Objective, class Step>
void minimize_owlqn(Objective& objective, std::vector<double>& x, double c1, int max_iterations, const Step& step) {
  constexpr std::size_t kMemory = 6;
  const std::size_t n = x.size();
  std::vector<double> g(n), pg(n), d(n), x_new(n), g_new(n);
  std::vector<std::vector<double>> s_hist, y_hist;
  std::vector<double> rho_hist;
  auto l1 = [&](const std::vector<double>& v) {
    if (c1 == 0) return 0.0;
    double a = 0;
    for (const double u : v) a += std::abs(u);
    return c1 * a;
  };
  auto pseudo_gradient = [&] {
    for (std::size_t k = 0; k < n; ++k) {
      if (c1 == 0) {
        pg[k] = g[k];
      } else if (x[k] > 0) {
        pg[k] = g[k] + c1;
      } else if (x[k] < 0) {
        pg[k] = g[k] - c1;
      } else if (g[k] + c1 < 0) {
        pg[k] = g[k] + c1;
      } else if (g[k] - c1 > 0) {
        pg[k] = g[k] - c1;
      } else {
        pg[k] = 0;
      }
    }
  };
  double f = objective(x, g) + l1(x);
  for (int it = 1; it <= max_iterations; ++it) {
    pseudo_gradient();
    // Two-loop recursion: d = -H pg.
    for (std::size_t k = 0; k < n; ++k) d[k] = -pg[k];
    const std::size_t m = s_hist.size();
    std::vector<double> alpha(m);
    for (std::size_t j = m; j-- > 0;) {
      double a = 0;
      for (std::size_t k = 0; k < n; ++k) a += s_hist[j][k] * d[k];
      alpha[j] = rho_hist[j] * a;
      for (std::size_t k = 0; k < n; ++k) d[k] -= alpha[j] * y_hist[j][k];
    }
    if (m > 0) {
      double yy = 0;
      for (std::size_t k = 0; k < n; ++k) yy += y_hist[m - 1][k] * y_hist[m - 1][k];
      const double gamma = 1.0 / (rho_hist[m - 1] * yy);
      for (std::size_t k = 0; k < n; ++k) d[k] *= gamma;
    }
    for (std::size_t j = 0; j < m; ++j) {
      double b = 0;
      for (std::size_t k = 0; k < n; ++k) b += y_hist[j][k] * d[k];
      b *= rho_hist[j];
      for (std::size_t k = 0; k < n; ++k) d[k] += s_hist[j][k] * (alpha[j] - b);
    }
    if (c1 > 0)
      for (std::size_t k = 0; k < n; ++k)
        if (d[k] * pg[k] >= 0) d[k] = 0;  // keep the direction in the descent orthant
    double dir = 0;
    for (std::size_t k = 0; k < n; ++k) dir += d[k] * pg[k];
    if (dir >= 0) {  // not a descent direction: restart from steepest descent
      for (std::size_t k = 0; k < n; ++k) d[k] = -pg[k];
      s_hist.clear();
      y_hist.clear();
      rho_hist.clear();
    }
    // Backtracking line search (Armijo) within the orthant.
    double a = 1.0;
    if (m == 0 || dir >= 0) {
      double norm = 0;
      for (std::size_t k = 0; k < n; ++k) norm += d[k] * d[k];
      a = 1.0 / std::sqrt(std::max(norm, 1e-300));
    }
    double f_new = 0;
    bool moved = false;
    for (int tries = 0; tries < 30; ++tries, a *= 0.5) {
      double decrease = 0;
      for (std::size_t k = 0; k < n; ++k) {
        double v = x[k] + a * d[k];
        if (c1 > 0) {
          const double orthant = x[k] != 0 ? x[k] : -pg[k];
          if (v * orthant <= 0) v = 0;
        }
        x_new[k] = v;
        decrease += pg[k] * (v - x[k]);
      }
      f_new = objective(x_new, g_new) + l1(x_new);
      if (f_new <= f + 1e-4 * decrease) {
        moved = true;
        break;
      }
    }
    if (!moved) break;
    std::vector<double> s_vec(n), y_vec(n);
    double sy = 0;
    for (std::size_t k = 0; k < n; ++k) {
      s_vec[k] = x_new[k] - x[k];
      y_vec[k] = g_new[k] - g[k];
      sy += s_vec[k] * y_vec[k];
    }
    if (sy > 1e-12) {
      if (s_hist.size() == kMemory) {
        s_hist.erase(s_hist.begin());
        y_hist.erase(y_hist.begin());
        rho_hist.erase(rho_hist.begin());
      }
      s_hist.push_back(std::move(s_vec));
      y_hist.push_back(std::move(y_vec));
      rho_hist.push_back(1.0 / sy);
    }
    const double improvement = (f - f_new) / std::max(std::abs(f_new), 1.0);
    x.swap(x_new);
    g.swap(g_new);
    f = f_new;
    if (!step(it, x, f)) break;
    if (improvement < 1e-7) break;
  }
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
  const NerFeatureExtractor extractor(options_.features, options_.lexicons,
                                      NerGazetteerHoldout{.share = options_.gazetteer_holdout, .seed = options_.seed});
  const NerFeatureExtractor dev_extractor(options_.features, options_.lexicons);

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

  // A right-to-left model sees the tokens (with their features) last first,
  // and the mentions over that order.
  auto to_example = [&](const NerFeatures& nf, std::span<const NerTag> tags) {
    Example ex;
    ex.gold = options_.reverse ? ner_reverse(tags) : ner_repair(tags);
    const std::size_t n = nf.offsets.size() - 1;
    for (std::size_t r = 0; r < n; ++r) {
      const std::size_t i = options_.reverse ? n - 1 - r : r;
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
    dev_extractor.extract(tokens, nf);
    dev_examples.push_back(to_example(nf, s.tags));
  }
  index = {};

  if (options_.algorithm == NerAlgorithm::Crf) {
    // 3'. The CRF: L-BFGS iterations, dev scored every eval_every of them.
    if (options_.second_order) throw std::invalid_argument("NerTrainer: the CRF is first order only");
    const std::size_t nf = ids.size();
    std::vector<double> x(nf * T + kNerTransitionCount, 0.0);
    CrfObjective objective{.examples = examples, .features = nf, .c2 = options_.c2, .threads = options_.threads};
    double best_f1 = -1;
    auto start = Clock::now();
    auto take = [&](int it, const std::vector<double>& w, double f, bool last) {
      NerEpochReport report{.epoch = it, .objective = f};
      if (last || (options_.eval_every > 0 && it % options_.eval_every == 0)) {
        Averaged a;
        a.w.assign(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(nf * T));
        a.t.assign(w.begin() + static_cast<std::ptrdiff_t>(nf * T), w.end());
        a.t2.assign(kNerTransition2Count, 0.0);
        NerModel model = quantize(a, ids, options_);
        report.features = model.feature_count();
        double f1 = 0;
        if (!dev.empty()) {
          report.dev = ner_evaluate(model, dev).overall();
          f1 = report.dev.f1();
        }
        if (f1 > best_f1 || dev.empty()) {
          best_f1 = f1;
          result.model = std::move(model);
          result.epoch = it;
        }
        report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        start = Clock::now();
        result.epochs.push_back(report);
        if (progress) progress(report);
      }
    };
    int last_it = 0;
    double last_f = 0;
    minimize_owlqn(objective, x, options_.c1, options_.epochs, [&](int it, const std::vector<double>& w, double f) {
      last_it = it;
      last_f = f;
      take(it, w, f, false);
      return true;
    });
    if (result.epoch != last_it && (options_.eval_every <= 0 || last_it % options_.eval_every != 0))
      take(last_it, x, last_f, true);
    return result;
  }

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
      if (options_.margin != 0)
        for (std::size_t i = 0; i < ex.gold.size(); ++i)
          for (std::size_t t = 0; t < T; ++t)
            if (t != static_cast<std::size_t>(ex.gold[i])) emissions[i * T + t] += options_.margin;
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
          unquantized.add(dev_examples[s].gold, predicted);
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
