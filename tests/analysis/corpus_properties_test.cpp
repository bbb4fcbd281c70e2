// Properties checked over real text (../shared/seeds, the Snowball
// vocabulary) and over generated strings: idempotence, the offsets
// contract of split_words, sentence consistency, and agreement floors.
#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <map>
#include <random>
#include <unordered_map>

#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "analysis/stem_hindi.h"
#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

// True when `s` holds a letter or a digit (ICU general categories L*, Nd).
bool has_letter_or_digit(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    UChar32 c;
    U8_NEXT(s.data(), i, s.size(), c);
    if (c >= 0 && (u_isalpha(c) || u_isdigit(c))) return true;
  }
  return false;
}

TEST(SeedIdempotence, EveryTokenAndEveryTextIsAFixedPoint) {
  TALASH_REQUIRE_SHARED("seeds");
  std::size_t words = 0;
  for (const std::string& text : test::seed_texts()) {
    const std::string once = normalize_hindi(text);
    EXPECT_EQ(normalize_hindi(once), once);
    for (const Token& t : split_words(text)) {
      ++words;
      EXPECT_EQ(normalize_hindi(t.norm), t.norm) << t.norm;
      // Normalizing the slice or the whole text gives the same word.
      EXPECT_NE(once.find(t.norm), std::string::npos) << t.norm;
    }
  }
  EXPECT_GT(words, 2000u);  // five articles of a few hundred words each
}

TEST(SeedOffsets, TokensAreAscendingDisjointSlicesWithOnlyPunctuationBetween) {
  TALASH_REQUIRE_SHARED("seeds");
  for (const std::string& text : test::seed_texts()) {
    const auto tokens = split_words(text);
    ASSERT_FALSE(tokens.empty());
    std::size_t prev_end = 0;
    std::uint32_t prev_sentence = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_LE(prev_end, t.begin) << "overlap at " << t.norm;
      const std::string_view slice(text.data() + t.begin, t.end - t.begin);
      EXPECT_EQ(normalize_hindi(slice), t.norm);  // norm is the slice, normalized
      EXPECT_FALSE(has_letter_or_digit(std::string_view(text).substr(prev_end, t.begin - prev_end)))
          << "letters lost before " << t.norm;
      EXPECT_EQ(t.position, i);
      EXPECT_TRUE(t.sentence == prev_sentence || t.sentence == prev_sentence + 1);
      EXPECT_EQ(t.script, script_of(t.norm));
      prev_end = t.end;
      prev_sentence = t.sentence;
    }
    EXPECT_FALSE(has_letter_or_digit(std::string_view(text).substr(prev_end)));
  }
}

TEST(SeedSentences, SpansContainTheirTokensAndTileTheText) {
  TALASH_REQUIRE_SHARED("seeds");
  for (const std::string& text : test::seed_texts()) {
    const auto tokens = split_words(text);
    const auto spans = split_sentences(text);
    ASSERT_EQ(spans.size(), tokens.back().sentence + 1u);
    for (const Token& t : tokens) {
      const ByteSpan& s = spans[t.sentence];
      EXPECT_LE(s.begin, t.begin);
      EXPECT_LE(t.end, s.end);
    }
    for (std::size_t k = 0; k < spans.size(); ++k) {
      EXPECT_LT(spans[k].begin, spans[k].end);
      if (k > 0) {
        EXPECT_LE(spans[k - 1].end, spans[k].begin);
      }
      const char last = text[spans[k].end - 1];
      EXPECT_FALSE(last == ' ' || last == '\n' || last == '\t' || last == '\r') << "trailing space";
    }
    EXPECT_GT(spans.size(), 10u);  // each article has 6-11 lines and more sentences
  }
}

// The seeds contain the variants the brief lists; they must meet.
TEST(SeedVariants, NuktaVariantsOfTheSameWordNormalizeEqual) {
  TALASH_REQUIRE_SHARED("seeds");
  std::string all;
  for (const std::string& text : test::seed_texts()) all += text;
  ASSERT_NE(all.find("पढ़ें"), std::string::npos);
  ASSERT_NE(all.find("पढें"), std::string::npos);
  EXPECT_EQ(normalize_hindi("पढ़ें"), normalize_hindi("पढें"));
  EXPECT_EQ(normalize_hindi("ज़्यादा"), normalize_hindi("ज्यादा"));
}

// ---- generated strings: tricky code points in random order

std::string random_text(std::mt19937& rng, std::size_t length) {
  static const char* const kPieces[] = {
      "क", "\u093C", "\u0958", "\u095D", "ा", "ि", "\u094D", "\u0901", "\u0902", "\u0951",
      "\u0929", "\u0931", "१", "०", "\u200D", "\u200C", "\u200B", "\u2060", "\u00AD", "\uFEFF",
      "A", "z", "\u00DF", "\u0130", "\u0345", "\u03A3", "\u0390", "\u01F0", "\u212A", "e", "\u0301",
      "\u0308", "\u0399", ".", "।", " ", "\n", "?", "1", ",", "\xFF", "\xE0\xA4", "\xC0\xAF",
      "\xED\xA0\x80", "\xF0\x9F\x98\x80", "U", "S", "'", "\u2019", "म", "ॉ", "ड", "\u00C5"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (std::size_t i = 0; i < length; ++i) s += kPieces[pick(rng)];
  return s;
}

TEST(GeneratedText, NormalizeIsIdempotentAndValid) {
  std::mt19937 rng(20240611);
  for (int n = 0; n < 5000; ++n) {
    const std::string text = random_text(rng, 1 + n % 12);
    const std::string once = normalize_hindi(text);
    ASSERT_TRUE(is_valid_utf8(once));
    ASSERT_EQ(normalize_hindi(once), once) << "input bytes: " << ::testing::PrintToString(text);
  }
}

TEST(GeneratedText, SplitKeepsTheContract) {
  std::mt19937 rng(7);
  for (int n = 0; n < 3000; ++n) {
    const std::string text = random_text(rng, 1 + n % 30);
    const auto tokens = split_words(text);
    const auto spans = split_sentences(text);
    std::size_t prev_end = 0;
    for (const Token& t : tokens) {
      ASSERT_LE(prev_end, t.begin);
      ASSERT_LT(t.begin, t.end);
      ASSERT_LE(t.end, text.size());
      ASSERT_FALSE(t.norm.empty());
      ASSERT_LT(t.sentence, spans.size());
      ASSERT_LE(spans[t.sentence].begin, t.begin);
      ASSERT_LE(t.end, spans[t.sentence].end);
      prev_end = t.end;
    }
    ASSERT_EQ(spans.size(), tokens.empty() ? 0u : tokens.back().sentence + 1u);
  }
}

// ---- agreement with Snowball's Hindi stemmer (a different algorithm)

TEST(SnowballAgreement, StaysAboveMeasuredFloor) {
  const char* const kVoc = "data/analysis/snowball_hindi_voc.tsv";
  TALASH_REQUIRE_SHARED(kVoc);
  const auto rows = test::read_tsv(::talash::test::shared_dir() / kVoc);
  ASSERT_GT(rows.size(), 60000u);
  std::size_t equal = 0;
  // Snowball stem -> how many words we map to each of our stems.
  std::unordered_map<std::string, std::map<std::string, std::size_t>> groups;
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 2u);
    const std::string ours = stem_hindi(normalize_hindi(r[0]));
    const std::string theirs = normalize_hindi(r[1]);  // compare in our normal form
    if (ours == theirs) ++equal;
    ++groups[theirs][ours];
  }
  // Pairs of words Snowball conflates, and how many of them we conflate too.
  double pairs = 0, shared = 0;
  for (const auto& [stem, ours] : groups) {
    double n = 0;
    for (const auto& [s, count] : ours) {
      n += static_cast<double>(count);
      shared += static_cast<double>(count) * static_cast<double>(count - 1) / 2;
    }
    pairs += n * (n - 1) / 2;
  }
  const double equal_pct = 100.0 * static_cast<double>(equal) / static_cast<double>(rows.size());
  const double conflation_pct = 100.0 * shared / pairs;
  std::cout << "[ snowball ] same stem " << equal_pct << "% of " << rows.size()
            << " words; Snowball's conflated pairs we also conflate " << conflation_pct << "%\n";
  // Measured 2024-06 (this stemmer): same stem 97.58%, conflated pairs 88.14%.
  EXPECT_GE(equal_pct, 97.3);
  EXPECT_GE(conflation_pct, 87.8);
}

}  // namespace
}  // namespace talash::analysis
