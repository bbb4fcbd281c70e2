#pragma once
// Viterbi decoding over the 7 BIO tags under the constraint that I-X only
// follows B-X or I-X (and never starts a sentence). Shared by NerModel
// (integer scores) and NerTrainer (integer or float scores).
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "entities/ner_tag.h"

namespace talash::entities {

// Transition scores: row 0 is the sentence start, row p + 1 follows tag p;
// the column is the next tag.
inline constexpr std::size_t kNerTransitionRows = kNerTagCount + 1;
inline constexpr std::size_t kNerTransitionCount = kNerTransitionRows * kNerTagCount;

// `emissions` holds n * kNerTagCount scores (token-major); `out` gets n tags.
// Ties go to the lower tag (O first), so the result is deterministic.
template <class Score>
void ner_viterbi(std::span<const Score> emissions, std::span<const Score, kNerTransitionCount> transitions,
                 std::vector<NerTag>& out, std::vector<std::uint8_t>& backpointers) {
  constexpr std::size_t T = kNerTagCount;
  const std::size_t n = emissions.size() / T;
  out.resize(n);
  if (n == 0) return;
  backpointers.resize(n * T);
  std::array<Score, T> score{};
  std::array<Score, T> next{};
  for (std::size_t t = 0; t < T; ++t) {
    // I-X cannot start a sentence: it gets the lowest score, but a finite
    // one (the path is still never taken while another tag is allowed).
    score[t] = emissions[t] + transitions[t];
  }
  for (std::size_t t = 0; t < T; ++t)
    if (!ner_transition_allowed(std::nullopt, static_cast<NerTag>(t)))
      score[t] = std::numeric_limits<Score>::lowest() / 4;
  for (std::size_t i = 1; i < n; ++i) {
    const Score* e = emissions.data() + i * T;
    std::uint8_t* bp = backpointers.data() + i * T;
    for (std::size_t t = 0; t < T; ++t) {
      Score best = std::numeric_limits<Score>::lowest();
      std::uint8_t arg = 0;
      for (std::size_t p = 0; p < T; ++p) {
        if (!ner_transition_allowed(static_cast<NerTag>(p), static_cast<NerTag>(t))) continue;
        const Score s = score[p] + transitions[(p + 1) * T + t];
        if (s > best) {
          best = s;
          arg = static_cast<std::uint8_t>(p);
        }
      }
      next[t] = best + e[t];
      bp[t] = arg;
    }
    score = next;
  }
  std::size_t best_t = 0;
  for (std::size_t t = 1; t < T; ++t)
    if (score[t] > score[best_t]) best_t = t;
  for (std::size_t i = n; i-- > 0;) {
    out[i] = static_cast<NerTag>(best_t);
    if (i > 0) best_t = backpointers[i * T + best_t];
  }
}

}  // namespace talash::entities

namespace talash::entities {

// Second-order transition scores: index (a * kNerTransitionRows + b) * kNerTagCount + t
// scores tag t after tags a (two back) and b (one back), where 0 is "before
// the sentence" and p + 1 is tag p.
inline constexpr std::size_t kNerTransition2Count = kNerTransitionRows * kNerTransitionRows * kNerTagCount;

// Viterbi with first- and second-order transitions, under the same BIO
// constraint. Ties go to the lower tags.
template <class Score>
void ner_viterbi2(std::span<const Score> emissions, std::span<const Score, kNerTransitionCount> transitions,
                  std::span<const Score, kNerTransition2Count> transitions2, std::vector<NerTag>& out,
                  std::vector<std::uint8_t>& backpointers) {
  constexpr std::size_t T = kNerTagCount;
  constexpr std::size_t R = kNerTransitionRows;
  const std::size_t n = emissions.size() / T;
  out.resize(n);
  if (n == 0) return;
  constexpr Score kLow = std::numeric_limits<Score>::lowest() / 4;
  // delta[b][t]: best score of a path whose last two tags are b - 1 (0: none) and t.
  std::array<std::array<Score, T>, R> delta;
  std::array<std::array<Score, T>, R> next;
  for (auto& row : delta) row.fill(kLow);
  for (std::size_t t = 0; t < T; ++t)
    if (ner_transition_allowed(std::nullopt, static_cast<NerTag>(t)))
      delta[0][t] = emissions[t] + transitions[t] + transitions2[t];
  backpointers.resize(n * R * T);
  for (std::size_t i = 1; i < n; ++i) {
    const Score* e = emissions.data() + i * T;
    std::uint8_t* bp = backpointers.data() + i * R * T;
    for (auto& row : next) row.fill(kLow);
    for (std::size_t p = 0; p < T; ++p) {  // tag at i - 1
      const std::size_t b = p + 1;
      for (std::size_t t = 0; t < T; ++t) {  // tag at i
        if (!ner_transition_allowed(static_cast<NerTag>(p), static_cast<NerTag>(t))) continue;
        Score best = kLow;
        std::uint8_t arg = 0;
        for (std::size_t a = 0; a < R; ++a) {  // tag at i - 2 (+1), 0 = none
          if (delta[a][p] <= kLow) continue;
          const Score s = delta[a][p] + transitions2[(a * R + b) * T + t];
          if (s > best) {
            best = s;
            arg = static_cast<std::uint8_t>(a);
          }
        }
        if (best <= kLow) continue;
        next[b][t] = best + e[t] + transitions[b * T + t];
        bp[b * T + t] = arg;
      }
    }
    delta = next;
  }
  std::size_t best_b = 0, best_t = 0;
  Score best = kLow;
  for (std::size_t b = 0; b < R; ++b)
    for (std::size_t t = 0; t < T; ++t)
      if (delta[b][t] > best) {
        best = delta[b][t];
        best_b = b;
        best_t = t;
      }
  for (std::size_t i = n; i-- > 0;) {
    out[i] = static_cast<NerTag>(best_t);
    if (i == 0) break;
    const std::size_t a = backpointers[i * R * T + best_b * T + best_t];
    best_t = best_b - 1;
    best_b = a;
  }
}

}  // namespace talash::entities
