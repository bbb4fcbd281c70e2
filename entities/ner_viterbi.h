#pragma once
// Viterbi decoding over the 7 BIO tags under the constraint that I-X only
// follows B-X or I-X (and never starts a sentence). Shared by NerModel
// (integer scores) and NerTrainer (integer or float scores).
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif
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

// The transition scores of ner_viterbi2 laid out for decoding: rows padded
// to 8 lanes (the 8th is 0), so one tag's scores over the next tag are one
// vector. Build it once per model; ner_viterbi2 builds one per call.
template <class Score>
struct NerViterbi2Tables {
  static constexpr std::size_t kLanes = 8;
  using Lanes = std::array<Score, kLanes>;
  std::array<Lanes, kNerTransitionRows> t1{};                                        // [b][t]
  std::array<std::array<Lanes, kNerTransitionRows>, kNerTransitionRows> t2{};  // [a][b][t]

  NerViterbi2Tables() = default;
  NerViterbi2Tables(std::span<const Score, kNerTransitionCount> transitions,
                    std::span<const Score, kNerTransition2Count> transitions2) {
    constexpr std::size_t T = kNerTagCount, R = kNerTransitionRows;
    for (std::size_t b = 0; b < R; ++b)
      for (std::size_t t = 0; t < T; ++t) t1[b][t] = transitions[b * T + t];
    for (std::size_t a = 0; a < R; ++a)
      for (std::size_t b = 0; b < R; ++b)
        for (std::size_t t = 0; t < T; ++t) t2[a][b][t] = transitions2[(a * R + b) * T + t];
  }
};

namespace detail {

// Rows a (tag two back + 1) that can precede tag p one back: a - 1 -> p
// allowed. Before the second token only a = 0 (no tag) is live, after it never.
struct NerViterbiPredecessors {
  std::array<std::array<std::uint8_t, kNerTransitionRows>, kNerTagCount> rows{};
  std::array<std::uint8_t, kNerTagCount> count{};
  // allowed[p][t]: p -> t allowed (lane 7 never).
  std::array<std::array<bool, 8>, kNerTagCount> allowed{};
};

inline constexpr NerViterbiPredecessors kNerViterbiPredecessors = [] {
  NerViterbiPredecessors x{};
  for (std::size_t p = 0; p < kNerTagCount; ++p) {
    for (std::size_t a = 1; a < kNerTransitionRows; ++a)
      if (ner_transition_allowed(static_cast<NerTag>(a - 1), static_cast<NerTag>(p)))
        x.rows[p][x.count[p]++] = static_cast<std::uint8_t>(a);
    for (std::size_t t = 0; t < kNerTagCount; ++t)
      x.allowed[p][t] = ner_transition_allowed(static_cast<NerTag>(p), static_cast<NerTag>(t));
  }
  return x;
}();

}  // namespace detail

namespace detail {

// Backtracking over delta (the scores after the last token) and the backpointers.
inline void ner_viterbi2_backtrack(const std::int32_t (&delta)[kNerTransitionRows][8], std::size_t n,
                                   const std::vector<std::uint8_t>& backpointers, std::vector<NerTag>& out) {
  constexpr std::size_t T = kNerTagCount;
  constexpr std::size_t R = kNerTransitionRows;
  std::size_t best_b = 0, best_t = 0;
  std::int32_t best = std::numeric_limits<std::int32_t>::lowest() / 4;
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

// SSE2 (or plain C++ without it).
inline void ner_viterbi2_lanes_sse2(const std::int32_t* emissions8, std::size_t n,
                                    const NerViterbi2Tables<std::int32_t>& tables, std::vector<NerTag>& out,
                                    std::vector<std::uint8_t>& backpointers) {
  constexpr std::size_t T = kNerTagCount;
  constexpr std::size_t R = kNerTransitionRows;
  constexpr std::size_t L = NerViterbi2Tables<std::int32_t>::kLanes;
  constexpr const NerViterbiPredecessors& pred = kNerViterbiPredecessors;
  out.resize(n);
  if (n == 0) return;
  constexpr std::int32_t kLow = std::numeric_limits<std::int32_t>::lowest() / 4;
  // delta[b][t]: best score of a path whose last two tags are b - 1 (0: none) and t.
  alignas(16) std::int32_t delta[R][L];
  alignas(16) std::int32_t next[R][L];
  for (auto& row : delta)
    for (auto& x : row) x = kLow;
  for (std::size_t t = 0; t < T; ++t)
    if (ner_transition_allowed(std::nullopt, static_cast<NerTag>(t)))
      delta[0][t] = emissions8[t] + tables.t1[0][t] + tables.t2[0][0][t];
  backpointers.resize(n * R * T);
  static constexpr std::uint8_t kStart[1] = {0};
#if defined(__SSE2__)
  // Two 4-lane halves per row. SSE2 has no blend: (m & a) | (~m & b).
  auto select = [](__m128i m, __m128i a, __m128i b) {
    return _mm_or_si128(_mm_and_si128(m, a), _mm_andnot_si128(m, b));
  };
  auto load = [](const std::int32_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); };
  const __m128i low = _mm_set1_epi32(kLow);
  __m128i allowed[T][2];
  for (std::size_t p = 0; p < T; ++p) {
    alignas(16) std::int32_t m[L];
    for (std::size_t t = 0; t < L; ++t) m[t] = pred.allowed[p][t] ? -1 : 0;
    allowed[p][0] = load(m);
    allowed[p][1] = load(m + 4);
  }
#endif
  for (std::size_t i = 1; i < n; ++i) {
    const std::int32_t* e = emissions8 + i * L;
    std::uint8_t* bp = backpointers.data() + i * R * T;
    for (auto& x : next[0]) x = kLow;
    for (std::size_t p = 0; p < T; ++p) {  // tag at i - 1
      const std::size_t b = p + 1;
      // Rows a (tag at i - 2, + 1) whose delta[a][p] can be above the floor.
      const std::uint8_t* rows = i == 1 ? kStart : pred.rows[p].data();
      const std::size_t nrows = i == 1 ? 1 : pred.count[p];
#if defined(__SSE2__)
      __m128i best0 = low, best1 = low, arg0 = _mm_setzero_si128(), arg1 = _mm_setzero_si128();
      for (std::size_t r = 0; r < nrows; ++r) {  // ascending a, strict >: ties keep the lower a
        const std::size_t a = rows[r];
        const std::int32_t d = delta[a][p];
        if (d <= kLow) continue;
        const __m128i dv = _mm_set1_epi32(d);
        const __m128i av = _mm_set1_epi32(static_cast<std::int32_t>(a));
        const __m128i s0 = _mm_add_epi32(dv, load(tables.t2[a][b].data()));
        const __m128i s1 = _mm_add_epi32(dv, load(tables.t2[a][b].data() + 4));
        const __m128i m0 = _mm_cmpgt_epi32(s0, best0);
        const __m128i m1 = _mm_cmpgt_epi32(s1, best1);
        best0 = select(m0, s0, best0);
        best1 = select(m1, s1, best1);
        arg0 = select(m0, av, arg0);
        arg1 = select(m1, av, arg1);
      }
      const __m128i v0 = _mm_add_epi32(_mm_add_epi32(best0, load(e)), load(tables.t1[b].data()));
      const __m128i v1 = _mm_add_epi32(_mm_add_epi32(best1, load(e + 4)), load(tables.t1[b].data() + 4));
      const __m128i ok0 = _mm_and_si128(allowed[p][0], _mm_cmpgt_epi32(best0, low));
      const __m128i ok1 = _mm_and_si128(allowed[p][1], _mm_cmpgt_epi32(best1, low));
      _mm_store_si128(reinterpret_cast<__m128i*>(next[b]), select(ok0, v0, low));
      _mm_store_si128(reinterpret_cast<__m128i*>(next[b] + 4), select(ok1, v1, low));
      // Cells of pairs that are not allowed are never read back.
      const __m128i packed = _mm_packs_epi32(arg0, arg1);  // 0..7 fit
      alignas(16) std::uint8_t args[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(args), _mm_packus_epi16(packed, packed));
      std::memcpy(bp + b * T, args, T);
#else
      std::int32_t best[L], arg[L];
      for (std::size_t t = 0; t < L; ++t) {
        best[t] = kLow;
        arg[t] = 0;
      }
      for (std::size_t r = 0; r < nrows; ++r) {
        const std::size_t a = rows[r];
        const std::int32_t d = delta[a][p];
        if (d <= kLow) continue;
        for (std::size_t t = 0; t < L; ++t) {
          const std::int32_t s = d + tables.t2[a][b][t];
          if (s > best[t]) {
            best[t] = s;
            arg[t] = static_cast<std::int32_t>(a);
          }
        }
      }
      for (std::size_t t = 0; t < L; ++t)
        next[b][t] = pred.allowed[p][t] && best[t] > kLow ? best[t] + e[t] + tables.t1[b][t] : kLow;
      for (std::size_t t = 0; t < T; ++t) bp[b * T + t] = static_cast<std::uint8_t>(arg[t]);
#endif
    }
    std::memcpy(delta, next, sizeof delta);
  }
  ner_viterbi2_backtrack(delta, n, backpointers, out);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TALASH_NER_VITERBI_AVX2 1
// The same with AVX2: one 8-lane vector per row (chosen at run time).
__attribute__((target("avx2"))) inline void ner_viterbi2_lanes_avx2(const std::int32_t* emissions8, std::size_t n,
                                                                    const NerViterbi2Tables<std::int32_t>& tables,
                                                                    std::vector<NerTag>& out,
                                                                    std::vector<std::uint8_t>& backpointers) {
  constexpr std::size_t T = kNerTagCount;
  constexpr std::size_t R = kNerTransitionRows;
  constexpr std::size_t L = NerViterbi2Tables<std::int32_t>::kLanes;
  constexpr const NerViterbiPredecessors& pred = kNerViterbiPredecessors;
  out.resize(n);
  if (n == 0) return;
  constexpr std::int32_t kLow = std::numeric_limits<std::int32_t>::lowest() / 4;
  alignas(32) std::int32_t delta[R][L];
  alignas(32) std::int32_t next[R][L];
  for (auto& row : delta)
    for (auto& x : row) x = kLow;
  for (std::size_t t = 0; t < T; ++t)
    if (ner_transition_allowed(std::nullopt, static_cast<NerTag>(t)))
      delta[0][t] = emissions8[t] + tables.t1[0][t] + tables.t2[0][0][t];
  backpointers.resize(n * R * T);
  static constexpr std::uint8_t kStart[1] = {0};
  const __m256i low = _mm256_set1_epi32(kLow);
  __m256i allowed[T];
  for (std::size_t p = 0; p < T; ++p) {
    alignas(32) std::int32_t m[L];
    for (std::size_t t = 0; t < L; ++t) m[t] = pred.allowed[p][t] ? -1 : 0;
    allowed[p] = _mm256_load_si256(reinterpret_cast<const __m256i*>(m));
  }
  for (std::size_t i = 1; i < n; ++i) {
    const __m256i e = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(emissions8 + i * L));
    std::uint8_t* bp = backpointers.data() + i * R * T;
    _mm256_store_si256(reinterpret_cast<__m256i*>(next[0]), low);
    for (std::size_t p = 0; p < T; ++p) {
      const std::size_t b = p + 1;
      const std::uint8_t* rows = i == 1 ? kStart : pred.rows[p].data();
      const std::size_t nrows = i == 1 ? 1 : pred.count[p];
      __m256i best = low, arg = _mm256_setzero_si256();
      for (std::size_t r = 0; r < nrows; ++r) {  // ascending a, strict >: ties keep the lower a
        const std::size_t a = rows[r];
        const std::int32_t d = delta[a][p];
        if (d <= kLow) continue;
        const __m256i t2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tables.t2[a][b].data()));
        const __m256i s = _mm256_add_epi32(_mm256_set1_epi32(d), t2);
        const __m256i better = _mm256_cmpgt_epi32(s, best);
        best = _mm256_blendv_epi8(best, s, better);
        arg = _mm256_blendv_epi8(arg, _mm256_set1_epi32(static_cast<std::int32_t>(a)), better);
      }
      const __m256i v = _mm256_add_epi32(
          _mm256_add_epi32(best, e), _mm256_loadu_si256(reinterpret_cast<const __m256i*>(tables.t1[b].data())));
      const __m256i ok = _mm256_and_si256(allowed[p], _mm256_cmpgt_epi32(best, low));
      _mm256_store_si256(reinterpret_cast<__m256i*>(next[b]), _mm256_blendv_epi8(low, v, ok));
      // Cells of pairs that are not allowed are never read back.
      const __m128i packed = _mm_packs_epi32(_mm256_castsi256_si128(arg), _mm256_extracti128_si256(arg, 1));
      alignas(16) std::uint8_t args[16];
      _mm_store_si128(reinterpret_cast<__m128i*>(args), _mm_packus_epi16(packed, packed));
      std::memcpy(bp + b * T, args, T);
    }
    std::memcpy(delta, next, sizeof delta);
  }
  ner_viterbi2_backtrack(delta, n, backpointers, out);
}
#endif

}  // namespace detail

// ner_viterbi2 for int32 scores over emissions with 8 lanes per token (lane 7
// is ignored): `emissions8` holds n * 8 scores. The same result as
// ner_viterbi2 (same scores, same ties), decoded one previous tag at a time
// over all next tags at once, and only over the (two back, one back) pairs
// the BIO constraint allows: every other pair holds exactly the floor that
// ner_viterbi2 skips. NerModel decodes with it; ner_viterbi2 stays the
// reference (and serves the trainer's float scores).
inline void ner_viterbi2_lanes(const std::int32_t* emissions8, std::size_t n,
                               const NerViterbi2Tables<std::int32_t>& tables, std::vector<NerTag>& out,
                               std::vector<std::uint8_t>& backpointers) {
#if TALASH_NER_VITERBI_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) return detail::ner_viterbi2_lanes_avx2(emissions8, n, tables, out, backpointers);
#endif
  detail::ner_viterbi2_lanes_sse2(emissions8, n, tables, out, backpointers);
}

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
