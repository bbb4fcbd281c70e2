// Viterbi decoding: the BIO constraint always holds, and the result is the
// best allowed sequence (checked against brute force on short sentences).
#include "entities/ner_viterbi.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "tests/row_name.h"

namespace talash::entities {
namespace {

constexpr std::size_t T = kNerTagCount;

bool valid(const std::vector<NerTag>& tags) {
  std::optional<NerTag> prev;
  for (const NerTag t : tags) {
    if (!ner_transition_allowed(prev, t)) return false;
    prev = t;
  }
  return true;
}

std::string render(const std::vector<NerTag>& tags) {
  std::string out;
  for (const NerTag t : tags) out += std::string(out.empty() ? "" : " ") + std::string(to_string(t));
  return out;
}

struct Scores {
  std::vector<int> emissions;
  std::array<int, kNerTransitionCount> transitions{};
  std::array<int, kNerTransition2Count> transitions2{};
};

// Random scores that favour I- tags everywhere, so an unconstrained decoder
// would emit I-X after O or after B-Y.
Scores random_scores(std::mt19937& rng, std::size_t n) {
  std::uniform_int_distribution<int> small(-50, 50);
  Scores s;
  s.emissions.resize(n * T);
  for (std::size_t k = 0; k < s.emissions.size(); ++k)
    s.emissions[k] = small(rng) + (is_inside(static_cast<NerTag>(k % T)) ? 200 : 0);
  for (auto& t : s.transitions) t = small(rng);
  for (auto& t : s.transitions2) t = small(rng);
  // O -> I-PER and B-LOC -> I-ORG would be attractive if they were allowed.
  s.transitions[(static_cast<std::size_t>(NerTag::O) + 1) * T + static_cast<std::size_t>(NerTag::IPer)] = 500;
  s.transitions[(static_cast<std::size_t>(NerTag::BLoc) + 1) * T + static_cast<std::size_t>(NerTag::IOrg)] = 500;
  return s;
}

int score_of(const Scores& s, const std::vector<NerTag>& tags, bool second_order) {
  int total = 0;
  std::size_t a = 0, b = 0;  // rows two back and one back (0 = before the sentence)
  for (std::size_t i = 0; i < tags.size(); ++i) {
    const auto t = static_cast<std::size_t>(tags[i]);
    total += s.emissions[i * T + t] + s.transitions[b * T + t];
    if (second_order) total += s.transitions2[(a * kNerTransitionRows + b) * T + t];
    a = b;
    b = t + 1;
  }
  return total;
}

// The best allowed sequence by enumeration (7^n sequences).
int brute_force_best(const Scores& s, std::size_t n, bool second_order) {
  int best = std::numeric_limits<int>::min();
  std::vector<NerTag> tags(n);
  std::size_t total = 1;
  for (std::size_t i = 0; i < n; ++i) total *= T;
  for (std::size_t code = 0; code < total; ++code) {
    std::size_t c = code;
    for (std::size_t i = 0; i < n; ++i, c /= T) tags[i] = static_cast<NerTag>(c % T);
    if (valid(tags)) best = std::max(best, score_of(s, tags, second_order));
  }
  return best;
}

struct OrderRow {
  const char* name;
  bool second_order;
};

class NerViterbiTest : public ::testing::TestWithParam<OrderRow> {
 protected:
  std::vector<NerTag> decode(const Scores& s) {
    std::vector<NerTag> out;
    std::vector<std::uint8_t> bp;
    if (GetParam().second_order)
      ner_viterbi2<int>(s.emissions, s.transitions, s.transitions2, out, bp);
    else
      ner_viterbi<int>(s.emissions, s.transitions, out, bp);
    return out;
  }
};

TEST_P(NerViterbiTest, NeverEmitsInsideAfterOutsideOrAnotherType) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    const Scores s = random_scores(rng, 1 + round % 40);
    const auto tags = decode(s);
    ASSERT_EQ(tags.size(), 1 + round % 40u);
    ASSERT_TRUE(valid(tags)) << render(tags);
  }
}

TEST_P(NerViterbiTest, FindsTheBestAllowedSequence) {
  std::mt19937 rng(11);
  for (int round = 0; round < 60; ++round) {
    const std::size_t n = 1 + round % 5;
    const Scores s = random_scores(rng, n);
    const auto tags = decode(s);
    ASSERT_TRUE(valid(tags)) << render(tags);
    EXPECT_EQ(score_of(s, tags, GetParam().second_order), brute_force_best(s, n, GetParam().second_order))
        << render(tags);
  }
}

TEST_P(NerViterbiTest, InsideAloneBecomesBegin) {
  // Emissions say I-LOC for every token: the best allowed reading is B-LOC I-LOC I-LOC.
  Scores s;
  s.emissions.assign(3 * T, 0);
  for (std::size_t i = 0; i < 3; ++i) s.emissions[i * T + static_cast<std::size_t>(NerTag::ILoc)] = 10;
  for (std::size_t i = 0; i < 3; ++i) s.emissions[i * T + static_cast<std::size_t>(NerTag::BLoc)] = 9;
  EXPECT_EQ(render(decode(s)), "B-LOC I-LOC I-LOC");
}

TEST_P(NerViterbiTest, EmptySentence) { EXPECT_TRUE(decode(Scores{}).empty()); }

// The decoder NerModel uses (AVX2 or SSE2 lanes, whichever this CPU has) gives
// ner_viterbi2's tags, ties included.
TEST(NerViterbiLanesTest, SameAsTheReference) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> small(-3, 3), len(0, 40);
  std::vector<NerTag> expected, got;
  std::vector<std::uint8_t> bp;
  for (int round = 0; round < 20000; ++round) {
    const std::size_t n = static_cast<std::size_t>(len(rng));
    Scores s;
    s.emissions.resize(n * T);
    for (auto& e : s.emissions) e = small(rng);
    for (auto& t : s.transitions) t = small(rng);
    for (auto& t : s.transitions2) t = small(rng);
    ner_viterbi2<int>(s.emissions, s.transitions, s.transitions2, expected, bp);
    std::vector<std::int32_t> lanes(n * 8, 0);
    for (std::size_t i = 0; i < n; ++i)
      std::copy_n(s.emissions.begin() + static_cast<std::ptrdiff_t>(i * T), T,
                  lanes.begin() + static_cast<std::ptrdiff_t>(i * 8));
    ner_viterbi2_lanes(lanes.data(), n, NerViterbi2Tables<std::int32_t>(s.transitions, s.transitions2), got, bp);
    ASSERT_EQ(got, expected) << "round " << round;
  }
}

const OrderRow kOrders[] = {{"FirstOrder", false}, {"SecondOrder", true}};
INSTANTIATE_TEST_SUITE_P(Orders, NerViterbiTest, ::testing::ValuesIn(kOrders), test::RowName{});

}  // namespace
}  // namespace talash::entities
