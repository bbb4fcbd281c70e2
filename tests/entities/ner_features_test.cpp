// NerFeatureExtractor: every feature of a small sentence spelled out by hand,
// ids equal to the hash of the rendered string, word shapes, acronyms and the
// gazetteer features.
#include "entities/ner_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/normalize_hindi.h"
#include "entities/gazetteer.h"
#include "entities/ner_lexicon.h"
#include "tests/row_name.h"

namespace talash::entities {
namespace {

// Tokens with norm = normalize_hindi(original); the strings outlive the views.
struct Sentence {
  std::vector<std::string> originals;
  std::vector<std::string> norms;
  std::vector<NerToken> tokens;
  explicit Sentence(std::vector<std::string> words) : originals(std::move(words)) {
    for (const auto& w : originals) norms.push_back(analysis::normalize_hindi(w));
    for (std::size_t i = 0; i < originals.size(); ++i) tokens.push_back({norms[i], originals[i]});
  }
};

// Options with the gazetteer off, so the expected string does not depend on
// entities/data/gazetteer.tsv, and affixes of 1..2 code points to keep it short.
NerFeatureOptions small_options() {
  return NerFeatureOptions{.context2 = true,
                           .bigrams = true,
                           .affixes = 2,
                           .shape = true,
                           .gazetteer = false,
                           .acronym = true,
                           .stem = false,
                           .ngrams = 0};
}

TEST(NerFeaturesTest, SmallSentenceRendersCanonically) {
  const Sentence s({"मोदी", "ने", "कहा"});
  // Derived by hand: मोदी is म ो द ी (4 code points), ने is न े (2), कहा is क ह ा (3).
  // Affixes need a longer word (ने has p1, s1 only); <s> and </s> pad the context.
  const std::string expected =
      "मोदी\tb| w|मोदी w-1|<s> w+1|ने w-2|<s> w+2|कहा w-1w|<s> मोदी ww+1|मोदी ने p1|म p2|मो s1|ी s2|दी sh|d "
      "len|4-5\n"
      "ने\tb| w|ने w-1|मोदी w+1|कहा w-2|<s> w+2|</s> w-1w|मोदी ने ww+1|ने कहा p1|न s1|े sh|d len|2\n"
      "कहा\tb| w|कहा w-1|ने w+1|</s> w-2|मोदी w+2|</s> w-1w|ने कहा ww+1|कहा </s> p1|क p2|कह s1|ा s2|हा sh|d "
      "len|3";
  EXPECT_EQ(NerFeatureExtractor(small_options()).render(s.tokens), expected);
}

// Splits render() output back into per-token feature strings. A bigram value
// holds one space, so features are re-joined at known template names.
std::vector<std::vector<std::string>> rendered_features(const std::string& rendered) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(rendered);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> features;
    std::istringstream words(line.substr(line.find('\t') + 1));
    for (std::string w; words >> w;) {
      if (w.find('|') == std::string::npos && !features.empty())
        features.back() += " " + w;  // the second word of a bigram
      else
        features.push_back(w);
    }
    out.push_back(features);
  }
  return out;
}

TEST(NerFeaturesTest, IdsAreHashesOfTheRenderedFeatures) {
  const Sentence s({"Kim", "Jong", "उन", "ने", "१०,०००", "सैनिक", "भेजे", "।"});
  for (const NerFeatureOptions& options :
       {small_options(), NerFeatureOptions{}, NerFeatureOptions{.stem = true, .ngrams = 3}}) {
    const NerFeatureExtractor extractor(options);
    NerFeatures ids;
    extractor.extract(s.tokens, ids);
    const auto rendered = rendered_features(extractor.render(s.tokens));
    ASSERT_EQ(ids.offsets.size(), s.tokens.size() + 1);
    ASSERT_EQ(rendered.size(), s.tokens.size());
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
      ASSERT_EQ(ids.offsets[i + 1] - ids.offsets[i], rendered[i].size()) << "token " << i;
      for (std::size_t k = 0; k < rendered[i].size(); ++k)
        EXPECT_EQ(ids.ids[ids.offsets[i] + k], ner_feature_id(rendered[i][k])) << rendered[i][k];
    }
  }
}

TEST(NerFeaturesTest, NormalizedFormsShareFeatures) {
  // Nukta, chandrabindu and digits fold as everywhere else in Talash: only the
  // word shape (read from the original) may differ.
  const Sentence a({"ज़िले", "में", "१०", "गाँव"});
  const Sentence b({"जिले", "में", "10", "गांव"});
  NerFeatureOptions options = small_options();
  options.shape = false;
  const NerFeatureExtractor extractor(options);
  EXPECT_EQ(extractor.render(a.tokens), extractor.render(b.tokens));
}

struct ShapeRow {
  const char* name;
  std::string_view original;
  std::string_view shape;
};

class NerWordShapeTest : public ::testing::TestWithParam<ShapeRow> {};

TEST_P(NerWordShapeTest, Shape) { EXPECT_EQ(ner_word_shape(GetParam().original), GetParam().shape); }

const ShapeRow kShapes[] = {
    {"Devanagari", "भारत", "d"},
    {"DevanagariWithMatrasAndNukta", "ज़िंदगी", "d"},
    {"Capitalized", "Kim", "Xx"},
    {"AllCaps", "NASA", "X"},
    {"Lower", "kcna", "x"},
    {"AsciiDigits", "2024", "9"},
    {"DevanagariDigits", "१०", "9"},
    {"Grouped", "10,000", "9.9"},
    {"Initial", "सी.", "d."},
    {"DottedAcronym", "U.S.", "X.X."},
    {"HyphenatedCode", "COVID-19", "X.9"},
    {"AtMostFourRuns", "a1b2c3", "x9x9"},
    {"Danda", "।", "."},
    {"MixedScript", "ATACMSमिसाइल", "Xd"},
};
INSTANTIATE_TEST_SUITE_P(Shapes, NerWordShapeTest, ::testing::ValuesIn(kShapes), test::RowName{});

struct AcronymRow {
  const char* name;
  std::string_view word;
  std::string_view feature;  // the acr feature of the token, "" for none
};

class NerAcronymTest : public ::testing::TestWithParam<AcronymRow> {};

TEST_P(NerAcronymTest, Feature) {
  const Sentence s({std::string(GetParam().word)});
  const std::string rendered = NerFeatureExtractor(small_options()).render(s.tokens);
  const auto at = rendered.find(" acr|");
  const std::string found = at == std::string::npos ? "" : rendered.substr(at + 1, rendered.find(' ', at + 1) - at - 1);
  EXPECT_EQ(found, GetParam().feature) << rendered;
}

const AcronymRow kAcronyms[] = {
    {"Icc", "आईसीसी", "acr|3"}, {"Nclt", "एनसीएलटी", "acr|4+"},  {"Bjp", "बीजेपी", "acr|3"},
    {"Un", "यूएन", "acr|2"},     {"NuktaFolds", "ज़ेडपी", "acr|2"}, {"OneLetterIsNot", "सी", ""},
    {"WordIsNot", "भारत", ""},  {"PostpositionIsNot", "के", ""},  {"LetterThenWordIsNot", "एकता", ""},
};
INSTANTIATE_TEST_SUITE_P(Acronyms, NerAcronymTest, ::testing::ValuesIn(kAcronyms), test::RowName{});

TEST(NerFeaturesTest, GazetteerMatchesAreMarkedBio) {
  // उत्तर कोरिया and रूस are in the shipped gazetteer (places).
  const Sentence s({"उत्तर", "कोरिया", "और", "रूस"});
  NerFeatureOptions options = small_options();
  options.gazetteer = true;
  const auto features = rendered_features(NerFeatureExtractor(options).render(s.tokens));
  auto has = [&](std::size_t i, const std::string& f) {
    return std::find(features[i].begin(), features[i].end(), f) != features[i].end();
  };
  EXPECT_TRUE(has(0, "gz|B-LOC"));
  EXPECT_TRUE(has(0, "gz+1|I-LOC"));
  EXPECT_TRUE(has(1, "gz|I-LOC"));
  EXPECT_TRUE(has(1, "gz-1|B-LOC"));
  EXPECT_TRUE(has(2, "gz-1|I-LOC"));
  EXPECT_TRUE(has(2, "gz+1|B-LOC"));
  EXPECT_TRUE(has(3, "gz|B-LOC"));
  EXPECT_TRUE(has(3, "ga|LOC"));
  EXPECT_FALSE(has(2, "gz|B-LOC"));
}

TEST(NerFeaturesTest, HeldOutEntitiesLoseTheirGazetteerMatchOnly) {
  const Sentence s({"उत्तर", "कोरिया", "और", "रूस"});
  NerFeatureOptions options = small_options();
  options.gazetteer = true;
  const std::string all = NerFeatureExtractor(options).render(s.tokens);
  EXPECT_EQ(NerFeatureExtractor(options, {}, NerGazetteerHoldout{.share = 0, .seed = 7}).render(s.tokens), all);
  const std::string none = NerFeatureExtractor(options, {}, NerGazetteerHoldout{.share = 1, .seed = 7}).render(s.tokens);
  EXPECT_EQ(none.find("gz"), std::string::npos) << none;
  // The word-in-an-alias features stay: hiding an entity hides its match, not its words.
  EXPECT_NE(none.find("ga|LOC"), std::string::npos) << none;
  options.gazetteer = false;
  EXPECT_NE(none, NerFeatureExtractor(options).render(s.tokens));
}

TEST(NerFeaturesTest, HoldoutHidesASeededShareOfTheGazetteer) {
  const auto& entities = Gazetteer::builtin().entities();
  ASSERT_GT(entities.size(), 1000u);
  auto hidden = [&](NerGazetteerHoldout h) {
    std::vector<bool> out;
    for (const Entity& e : entities) out.push_back(h.hides(e.id));
    return out;
  };
  auto share = [](const std::vector<bool>& v) { return double(std::count(v.begin(), v.end(), true)) / v.size(); };
  const auto a = hidden({.share = 0.35, .seed = 1});
  EXPECT_NEAR(share(a), 0.35, 0.03);
  EXPECT_EQ(hidden({.share = 0.35, .seed = 1}), a);  // the same seed, the same entities
  const auto b = hidden({.share = 0.35, .seed = 2});
  EXPECT_NE(b, a);
  EXPECT_NEAR(share(b), 0.35, 0.03);
  EXPECT_EQ(share(hidden({.share = 0, .seed = 1})), 0.0);
  EXPECT_EQ(share(hidden({.share = 1, .seed = 1})), 1.0);
}

TEST(NerFeaturesTest, LexiconValuesForTheTokenAndItsNeighbours) {
  auto lexicon = NerLexicon::from_tsv("cl", "राम\tk4:1 k16:9\nने\tk4:2\n");
  ASSERT_TRUE(lexicon) << lexicon.error();
  const Sentence s({"राम", "ने", "कहा"});
  NerFeatureOptions options = small_options();
  options.affixes = 0;
  options.shape = false;
  options.bigrams = false;
  options.context2 = false;
  const std::string expected =
      "राम\tb| w|राम w-1|<s> w+1|ने cl|k4:1 cl|k16:9 cl+1|k4:2\n"
      "ने\tb| w|ने w-1|राम w+1|कहा cl-1|k4:1 cl-1|k16:9 cl|k4:2\n"
      "कहा\tb| w|कहा w-1|ने w+1|</s> cl-1|k4:2";
  EXPECT_EQ(NerFeatureExtractor(options, {*lexicon}).render(s.tokens), expected);
}

TEST(NerFeaturesTest, EmptySentenceHasNoFeatures) {
  NerFeatures ids;
  NerFeatureExtractor().extract({}, ids);
  EXPECT_TRUE(ids.ids.empty());
  EXPECT_EQ(ids.offsets, std::vector<std::uint32_t>{0});
  EXPECT_EQ(NerFeatureExtractor().render({}), "");
}

}  // namespace
}  // namespace talash::entities
