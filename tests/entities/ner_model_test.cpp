// NerModel files and NerTrainer on small data: save/load round-trips exactly,
// damaged files are rejected, training is reproducible and learns.
#include "entities/ner_model.h"

#include <gtest/gtest.h>

#include <array>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "entities/ner_corpus.h"
#include "entities/ner_trainer.h"
#include "tests/row_name.h"

namespace talash::entities {
namespace {

NerModel::Parts sample_parts(bool second_order, bool reversed = false) {
  NerModel::Parts parts;
  parts.reversed = reversed;
  parts.features = NerFeatureOptions{.bigrams = false, .affixes = 3, .stem = true};
  parts.scale = 0.0123;
  for (std::size_t k = 0; k < parts.transitions.size(); ++k)
    parts.transitions[k] = static_cast<std::int16_t>(k * 37 - 900);
  if (second_order) {
    parts.transitions2.emplace();
    for (std::size_t k = 0; k < parts.transitions2->size(); ++k)
      (*parts.transitions2)[k] = static_cast<std::int16_t>(k * 13 - 2000);
  }
  parts.weights = {
      {.id = ner_feature_id("w|मंत्री"), .weights = {-300, 0, 0, 0, 0, 1200, 800}},
      {.id = ner_feature_id("w-1|मंत्री"), .weights = {-500, 2000, 0, 0, 0, 0, 0}},
      {.id = ner_feature_id("w+1|ने"), .weights = {0, 700, 900, -32767, 0, 0, 32767}},
      {.id = 1, .weights = {1, 1, 1, 1, 1, 1, 1}},
  };
  parts.info = "test model, संस्करण 1";
  parts.lexicons.push_back(NerLexicon::from_tsv("cl", "राम\tk4:1 k16:9\nसीता\tk4:2\n").value());
  return parts;
}

struct OrderRow {
  const char* name;
  bool second_order;
  bool reversed = false;
};

class NerModelFileTest : public ::testing::TestWithParam<OrderRow> {};

TEST_P(NerModelFileTest, SaveLoadRoundTripsExactly) {
  const NerModel model(sample_parts(GetParam().second_order, GetParam().reversed));
  const std::string bytes = model.save();
  const auto loaded = NerModel::load(bytes);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_TRUE(*loaded == model);
  EXPECT_EQ(loaded->save(), bytes);
  EXPECT_EQ(loaded->second_order(), GetParam().second_order);
  EXPECT_EQ(loaded->reversed(), GetParam().reversed);
  EXPECT_EQ(loaded->feature_count(), 4u);
  EXPECT_EQ(loaded->info(), "test model, संस्करण 1");
  EXPECT_EQ(loaded->feature_options(), sample_parts(false).features);
  ASSERT_NE(loaded->weights(ner_feature_id("w+1|ने")), nullptr);
  EXPECT_EQ(loaded->weights(ner_feature_id("w+1|ने"))[3], -32767);
  EXPECT_EQ(loaded->weights(ner_feature_id("w|unknown")), nullptr);
  ASSERT_EQ(loaded->extractor().lexicons().size(), 1u);
  EXPECT_EQ(loaded->extractor().lexicons()[0].find("सीता").count, 1u);
}

TEST_P(NerModelFileTest, EveryDamagedByteIsRejected) {
  const std::string bytes = NerModel(sample_parts(GetParam().second_order, GetParam().reversed)).save();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    EXPECT_FALSE(NerModel::load(damaged)) << "byte " << i;
  }
  for (const std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(NerModel::load(std::string_view(bytes).substr(0, cut))) << "cut at " << cut;
}

INSTANTIATE_TEST_SUITE_P(Orders, NerModelFileTest,
                         ::testing::Values(OrderRow{"FirstOrder", false}, OrderRow{"SecondOrder", true},
                                           OrderRow{"SecondOrderRightToLeft", true, true}),
                         test::RowName{});

// Ensembles: members that vote on mentions. A member here is hand-made: each
// listed word gets a weight of 100 for one tag ("राम:B-PER"), so the member
// tags exactly what it lists.
NerModel word_member(std::string_view spec, bool reversed) {
  NerModel::Parts parts;
  parts.features = NerFeatureOptions{.context2 = false,
                                     .bigrams = false,
                                     .affixes = 0,
                                     .shape = false,
                                     .gazetteer = false,
                                     .acronym = false};
  parts.reversed = reversed;
  std::istringstream in{std::string(spec)};
  for (std::string item; in >> item;) {
    const auto colon = item.find(':');
    NerModel::FeatureWeights fw{.id = ner_feature_id("w|" + item.substr(0, colon))};
    fw.weights[static_cast<std::size_t>(ner_tag_from_string(item.substr(colon + 1)).value())] = 100;
    parts.weights.push_back(fw);
  }
  return NerModel(std::move(parts));
}

const std::vector<NerToken> kVoteSentence = {{"राम", "राम"}, {"सिंह", "सिंह"}, {"ने", "ने"},
                                             {"पुरी", "पुरी"}, {"में", "में"},   {"कहा", "कहा"}};

struct VoteRow {
  const char* name;
  std::array<std::string_view, 3> members;  // "word:TAG ..."; a leading "<" makes the member right to left
  std::string_view expected;                // tags of kVoteSentence
};

class NerEnsembleVoteTest : public ::testing::TestWithParam<VoteRow> {};

TEST_P(NerEnsembleVoteTest, KeepsTheMentionsMostMembersFind) {
  std::vector<NerModel> members;
  for (std::string_view spec : GetParam().members) {
    const bool reversed = spec.starts_with("<");
    if (reversed) spec.remove_prefix(1);
    members.push_back(word_member(spec, reversed));
  }
  const NerModel ensemble = NerModel::ensemble(members, "vote test");
  std::vector<NerTag> expected;
  std::istringstream in{std::string(GetParam().expected)};
  for (std::string t; in >> t;) expected.push_back(ner_tag_from_string(t).value());
  EXPECT_EQ(ensemble.tag(kVoteSentence), expected);
  // The same after a save/load round trip.
  const auto loaded = NerModel::load(ensemble.save());
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->tag(kVoteSentence), expected);
}

const VoteRow kVotes[] = {
    {"AllAgree", {"राम:B-PER", "राम:B-PER", "राम:B-PER"}, "B-PER O O O O O"},
    {"TwoOfThreeKept", {"पुरी:B-LOC", "पुरी:B-LOC", ""}, "O O O B-LOC O O"},
    {"OneOfThreeDropped", {"राम:B-PER", "", "पुरी:B-LOC"}, "O O O O O O"},
    {"SpanMustMatchExactly",
     {"राम:B-PER सिंह:I-PER", "राम:B-PER", "राम:B-PER सिंह:I-PER"},
     "B-PER I-PER O O O O"},
    {"TypeMustMatch", {"पुरी:B-LOC", "पुरी:B-ORG", ""}, "O O O O O O"},
    {"OverlapGoesToTheMostVotes",
     {"राम:B-PER सिंह:I-PER", "सिंह:B-PER", "सिंह:B-PER"},
     "O B-PER O O O O"},
    // Right to left, a mention begins (B) at its last token.
    {"RightToLeftMemberVotesForTheSameSpan", {"राम:B-PER सिंह:I-PER", "<सिंह:B-PER राम:I-PER", ""}, "B-PER I-PER O O O O"},
};
INSTANTIATE_TEST_SUITE_P(Votes, NerEnsembleVoteTest, ::testing::ValuesIn(kVotes), test::RowName{});

TEST(NerEnsembleTest, FileRoundTripsStoresTheLexiconsOnceAndRejectsDamage) {
  const NerModel single(sample_parts(true));
  const NerModel ensemble =
      NerModel::ensemble({NerModel(sample_parts(true)), NerModel(sample_parts(true, true))}, "two members");
  const std::string bytes = ensemble.save();
  const auto loaded = NerModel::load(bytes);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_TRUE(*loaded == ensemble);
  EXPECT_EQ(loaded->save(), bytes);
  EXPECT_EQ(loaded->info(), "two members");
  ASSERT_EQ(loaded->members().size(), 2u);
  EXPECT_FALSE(loaded->members()[0].reversed());
  EXPECT_TRUE(loaded->members()[1].reversed());
  EXPECT_EQ(loaded->members()[1].extractor().lexicons()[0].find("सीता").count, 1u);
  EXPECT_EQ(loaded->feature_count(), 8u);
  // The lexicon is stored once: two members cost less than two single files.
  EXPECT_LT(bytes.size(), 2 * single.save().size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    EXPECT_FALSE(NerModel::load(damaged)) << "byte " << i;
  }
}

TEST(NerEnsembleTest, MembersMustReadTheSameFeatures) {
  NerModel::Parts other = sample_parts(false);
  other.features.affixes = 2;
  EXPECT_THROW(NerModel::ensemble({NerModel(sample_parts(false)), NerModel(other)}), std::invalid_argument);
  EXPECT_THROW(NerModel::ensemble({}), std::invalid_argument);
  const NerModel pair = NerModel::ensemble({NerModel(sample_parts(false)), NerModel(sample_parts(false))});
  EXPECT_THROW(NerModel::ensemble({pair, pair}), std::invalid_argument) << "no ensembles of ensembles";
}

TEST(NerModelTest, ErrorsSayWhatIsWrong) {
  EXPECT_EQ(NerModel::load("not a model at all").error(),
            "NER model: not a Talash NER model (bad magic; expected TLSHNER1)");
  std::string bytes = NerModel(sample_parts(false)).save();
  bytes[bytes.size() - 1] ^= 1;
  EXPECT_EQ(NerModel::load(bytes).error(), "NER model: checksum mismatch (truncated or corrupt file)");
}

TEST(NerModelTest, EmptyModelTagsEverythingOutside) {
  const NerModel model;
  const std::vector<NerToken> tokens = {{"राम", "राम"}, {"ने", "ने"}};
  EXPECT_EQ(model.tag(tokens), (std::vector<NerTag>{NerTag::O, NerTag::O}));
  EXPECT_TRUE(model.tag({}).empty());
}

// A small training set: names after a title, places before में.
std::vector<NerSentence> toy_corpus() {
  const std::string text =
      "मंत्री\tO\nराम\tB-PER\nसिंह\tI-PER\nने\tO\nपुरी\tB-LOC\nमें\tO\nकहा\tO\n\n"
      "मंत्री\tO\nश्याम\tB-PER\nलाल\tI-PER\nने\tO\nगया\tB-LOC\nमें\tO\nबात\tO\nकी\tO\n\n"
      "नेता\tO\nमोहन\tB-PER\nदास\tI-PER\nने\tO\nकटक\tB-LOC\nमें\tO\nकहा\tO\n\n"
      "मंत्री\tO\nगीता\tB-PER\nदेवी\tI-PER\nने\tO\nपटना\tB-LOC\nमें\tO\nसभा\tO\nकी\tO\n\n"
      "किसान\tO\nसंघ\tO\nने\tO\nकहा\tO\nकि\tO\nबारिश\tO\nहुई\tO\n\n"
      "नेता\tO\nसीता\tB-PER\nराम\tI-PER\nने\tO\nभुज\tB-LOC\nमें\tO\nकहा\tO\n\n";
  auto sentences = read_conll(text, true);
  return sentences.value();
}

NerTrainOptions toy_options(bool second_order) {
  NerTrainOptions options;
  options.epochs = 5;
  options.min_count = 1;
  options.second_order = second_order;
  options.features.gazetteer = false;  // the toy words must be learned, not looked up
  return options;
}

TEST(NerTrainerTest, LearnsTheToyCorpusAndIsReproducible) {
  for (const bool second_order : {false, true}) {
    const auto corpus = toy_corpus();
    const auto a = NerTrainer(toy_options(second_order)).train(corpus, {});
    const auto b = NerTrainer(toy_options(second_order)).train(corpus, {});
    EXPECT_EQ(a.model.save(), b.model.save()) << "same data and options, same bytes";
    EXPECT_EQ(a.epoch, 5);
    EXPECT_EQ(a.model.second_order(), second_order);
    EXPECT_DOUBLE_EQ(ner_evaluate(a.model, corpus).overall().f1(), 100.0);
    // An unseen name after the same cues.
    const std::vector<NerToken> unseen = {{"मंत्री", "मंत्री"}, {"हरि", "हरि"}, {"प्रसाद", "प्रसाद"}, {"ने", "ने"},
                                          {"धार", "धार"},   {"में", "में"},     {"कहा", "कहा"}};
    EXPECT_EQ(a.model.tag(unseen), (std::vector<NerTag>{NerTag::O, NerTag::BPer, NerTag::IPer, NerTag::O, NerTag::BLoc,
                                                        NerTag::O, NerTag::O}));
    // A trained model round-trips too.
    const auto loaded = NerModel::load(a.model.save());
    ASSERT_TRUE(loaded) << loaded.error();
    EXPECT_TRUE(*loaded == a.model);
    EXPECT_EQ(loaded->tag(unseen), a.model.tag(unseen));
  }
}

// The other ways to train: right to left, with a margin, and the CRF. Each
// learns the toy corpus, generalizes to an unseen name, and is reproducible.
struct TrainRow {
  const char* name;
  NerAlgorithm algorithm;
  bool reverse;
  int margin;
  bool second_order;
  int epochs;
};

class NerTrainerVariantTest : public ::testing::TestWithParam<TrainRow> {};

TEST_P(NerTrainerVariantTest, LearnsTheToyCorpus) {
  const TrainRow& row = GetParam();
  const auto corpus = toy_corpus();
  NerTrainOptions options = toy_options(row.second_order);
  options.algorithm = row.algorithm;
  options.reverse = row.reverse;
  options.margin = row.margin;
  options.epochs = row.epochs;
  options.c2 = 0.01;
  const auto a = NerTrainer(options).train(corpus, {});
  EXPECT_EQ(a.model.save(), NerTrainer(options).train(corpus, {}).model.save()) << "reproducible";
  EXPECT_EQ(a.model.reversed(), row.reverse);
  EXPECT_DOUBLE_EQ(ner_evaluate(a.model, corpus).overall().f1(), 100.0);
  const std::vector<NerToken> unseen = {{"मंत्री", "मंत्री"}, {"हरि", "हरि"}, {"प्रसाद", "प्रसाद"}, {"ने", "ने"},
                                        {"धार", "धार"},   {"में", "में"},     {"कहा", "कहा"}};
  EXPECT_EQ(a.model.tag(unseen), (std::vector<NerTag>{NerTag::O, NerTag::BPer, NerTag::IPer, NerTag::O, NerTag::BLoc,
                                                      NerTag::O, NerTag::O}));
  const auto loaded = NerModel::load(a.model.save());
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded->tag(unseen), a.model.tag(unseen));
}

const TrainRow kTrainRows[] = {
    {"PerceptronRightToLeft", NerAlgorithm::Perceptron, true, 0, false, 5},
    {"PerceptronRightToLeftSecondOrder", NerAlgorithm::Perceptron, true, 0, true, 5},
    {"PerceptronWithMargin", NerAlgorithm::Perceptron, false, 10, true, 5},
    {"Crf", NerAlgorithm::Crf, false, 0, false, 60},
    {"CrfRightToLeft", NerAlgorithm::Crf, true, 0, false, 60},
};
INSTANTIATE_TEST_SUITE_P(Variants, NerTrainerVariantTest, ::testing::ValuesIn(kTrainRows), test::RowName{});

TEST(NerTrainerTest, CrfRejectsSecondOrder) {
  NerTrainOptions options = toy_options(true);
  options.algorithm = NerAlgorithm::Crf;
  EXPECT_THROW(NerTrainer(options).train(toy_corpus(), {}), std::invalid_argument);
}

TEST(NerTrainerTest, DevDataChoosesTheEpoch) {
  const auto corpus = toy_corpus();
  NerTrainOptions options = toy_options(false);
  options.epochs = 4;
  std::vector<int> epochs;
  const auto result = NerTrainer(options).train(corpus, corpus, [&](const NerEpochReport& r) {
    epochs.push_back(r.epoch);
    EXPECT_EQ(r.dev.gold, 10u);
    EXPECT_DOUBLE_EQ(r.dev.f1(), r.dev_unquantized.f1());
  });
  EXPECT_EQ(epochs, (std::vector<int>{1, 2, 3, 4}));
  ASSERT_EQ(result.epochs.size(), 4u);
  double best = 0;
  for (const auto& r : result.epochs) best = std::max(best, r.dev.f1());
  EXPECT_DOUBLE_EQ(result.epochs[static_cast<std::size_t>(result.epoch - 1)].dev.f1(), best);
  EXPECT_DOUBLE_EQ(ner_evaluate(result.model, corpus).overall().f1(), best);
}

TEST(NerTrainerTest, MinCountDropsRareFeatures) {
  const auto corpus = toy_corpus();
  NerTrainOptions options = toy_options(false);
  const auto all = NerTrainer(options).train(corpus, {});
  options.min_count = 2;
  const auto pruned = NerTrainer(options).train(corpus, {});
  EXPECT_EQ(all.feature_candidates, pruned.feature_candidates);
  EXPECT_LT(pruned.features_trained, all.features_trained);
  EXPECT_LT(pruned.model.feature_count(), all.model.feature_count());
  // राम occurs twice, हरि never: a pruned model has no w|हरि, and keeps w|राम only if it was useful.
  EXPECT_EQ(pruned.model.weights(ner_feature_id("w|हरि")), nullptr);
}

}  // namespace
}  // namespace talash::entities
