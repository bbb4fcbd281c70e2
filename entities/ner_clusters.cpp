#include "entities/ner_clusters.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "analysis/split_words.h"

namespace talash::entities {

void NerClusters::add_text(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::vector<std::uint32_t> sentence;
    for (const analysis::Token& t : analysis::split_words(line)) {
      const auto [it, added] = ids_.try_emplace(t.norm, static_cast<std::uint32_t>(words_.size()));
      if (added) words_.push_back(t.norm);
      sentence.push_back(it->second);
    }
    tokens_ += sentence.size();
    if (!sentence.empty()) sentences_.push_back(std::move(sentence));
  }
}

std::string NerClusters::cluster() const {
  // Words by frequency (ties by spelling, so the order never depends on hashing).
  std::vector<std::uint64_t> freq(words_.size(), 0);
  for (const auto& s : sentences_)
    for (const std::uint32_t w : s) ++freq[w];
  std::vector<std::uint32_t> order(words_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return freq[a] != freq[b] ? freq[a] > freq[b] : words_[a] < words_[b];
  });
  constexpr std::uint32_t kNone = ~0u;
  std::vector<std::uint32_t> row(words_.size(), kNone);  // word id -> row among the clustered words
  std::vector<std::uint32_t> ctx(words_.size(), kNone);  // word id -> context index
  std::size_t n = 0;
  for (const std::uint32_t w : order) {
    if (n >= options_.max_words || freq[w] < options_.min_count) break;
    row[w] = static_cast<std::uint32_t>(n++);
  }
  const std::uint32_t c = std::min<std::uint32_t>(options_.context_words, static_cast<std::uint32_t>(order.size()));
  for (std::uint32_t k = 0; k < c; ++k) ctx[order[k]] = k;
  // Dimensions: left neighbour 0..c-1, sentence start c; right neighbour c+1..2c, sentence end 2c+1.
  const std::size_t dims = 2 * (std::size_t{c} + 1);

  // Co-occurrence counts per clustered word.
  std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> counts(n);
  std::vector<double> dim_total(dims, 0.0);
  std::vector<double> word_total(n, 0.0);
  double total = 0;
  for (const auto& s : sentences_) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::uint32_t r = row[s[i]];
      if (r == kNone) continue;
      const std::uint32_t left = i == 0 ? c : ctx[s[i - 1]];
      const std::uint32_t right =
          i + 1 == s.size() ? 2 * c + 1 : (ctx[s[i + 1]] == kNone ? kNone : c + 1 + ctx[s[i + 1]]);
      for (const std::uint32_t d : {left, right}) {
        if (d == kNone) continue;
        ++counts[r][d];
        dim_total[d] += 1;
        word_total[r] += 1;
        total += 1;
      }
    }
  }
  // Sparse unit vectors of positive PMI, dimensions ascending.
  std::vector<std::vector<std::pair<std::uint32_t, float>>> vec(n);
  for (std::size_t r = 0; r < n; ++r) {
    auto& v = vec[r];
    for (const auto& [d, k] : counts[r]) {
      const double pmi = std::log(k * total / (word_total[r] * dim_total[d]));
      if (pmi > 0) v.emplace_back(d, static_cast<float>(pmi));
    }
    std::sort(v.begin(), v.end());
    double norm = 0;
    for (const auto& [d, x] : v) norm += double{x} * x;
    norm = std::sqrt(norm);
    for (auto& [d, x] : v) x = static_cast<float>(x / norm);
  }
  counts.clear();

  // Spherical k-means per size; centroids stored dimension-major.
  std::vector<std::vector<std::uint32_t>> assignment;
  std::mt19937_64 rng(1);
  for (const std::uint32_t k_req : options_.sizes) {
    const std::size_t k = std::min<std::size_t>(k_req, n);
    std::vector<std::uint32_t> assign(n, 0);
    if (k == 0) {
      assignment.push_back(assign);
      continue;
    }
    std::vector<float> centroid(dims * k, 0.0f);
    // Seeds: k distinct words drawn with the fixed generator.
    std::vector<std::uint32_t> pick(n);
    std::iota(pick.begin(), pick.end(), 0u);
    for (std::size_t i = 0; i < k; ++i) std::swap(pick[i], pick[i + rng() % (n - i)]);
    for (std::size_t j = 0; j < k; ++j)
      for (const auto& [d, x] : vec[pick[j]]) centroid[d * k + j] = x;
    std::vector<float> score(k);
    for (std::uint32_t it = 0; it < options_.iterations; ++it) {
      for (std::size_t r = 0; r < n; ++r) {
        std::fill(score.begin(), score.end(), 0.0f);
        for (const auto& [d, x] : vec[r]) {
          const float* cd = centroid.data() + std::size_t{d} * k;
          for (std::size_t j = 0; j < k; ++j) score[j] += x * cd[j];
        }
        assign[r] = static_cast<std::uint32_t>(std::max_element(score.begin(), score.end()) - score.begin());
      }
      std::vector<double> sum(dims * k, 0.0);
      std::vector<std::size_t> members(k, 0);
      for (std::size_t r = 0; r < n; ++r) {
        ++members[assign[r]];
        for (const auto& [d, x] : vec[r]) sum[std::size_t{d} * k + assign[r]] += x;
      }
      for (std::size_t j = 0; j < k; ++j) {
        if (members[j] == 0) continue;  // an empty cluster keeps its centroid
        double norm = 0;
        for (std::size_t d = 0; d < dims; ++d) norm += sum[d * k + j] * sum[d * k + j];
        norm = std::sqrt(norm);
        for (std::size_t d = 0; d < dims; ++d) centroid[d * k + j] = static_cast<float>(sum[d * k + j] / norm);
      }
    }
    assignment.push_back(std::move(assign));
  }

  std::string out;
  for (const std::uint32_t w : order) {
    const std::uint32_t r = row[w];
    if (r == kNone) break;
    out += words_[w];
    out += '\t';
    for (std::size_t s = 0; s < assignment.size(); ++s) {
      if (s > 0) out += ' ';
      out += 'k' + std::to_string(options_.sizes[s]) + ':' + std::to_string(assignment[s][r]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace talash::entities
