// NerModel files and NerTrainer on small data: save/load round-trips exactly,
// damaged files are rejected, training is reproducible and learns.
#include "entities/ner_model.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "entities/ner_corpus.h"
#include "entities/ner_trainer.h"
#include "tests/row_name.h"

namespace talash::entities {
namespace {

NerModel::Parts sample_parts(bool second_order) {
  NerModel::Parts parts;
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
};

class NerModelFileTest : public ::testing::TestWithParam<OrderRow> {};

TEST_P(NerModelFileTest, SaveLoadRoundTripsExactly) {
  const NerModel model(sample_parts(GetParam().second_order));
  const std::string bytes = model.save();
  const auto loaded = NerModel::load(bytes);
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_TRUE(*loaded == model);
  EXPECT_EQ(loaded->save(), bytes);
  EXPECT_EQ(loaded->second_order(), GetParam().second_order);
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
  const std::string bytes = NerModel(sample_parts(GetParam().second_order)).save();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x20);
    EXPECT_FALSE(NerModel::load(damaged)) << "byte " << i;
  }
  for (const std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1})
    EXPECT_FALSE(NerModel::load(std::string_view(bytes).substr(0, cut))) << "cut at " << cut;
}

INSTANTIATE_TEST_SUITE_P(Orders, NerModelFileTest,
                         ::testing::Values(OrderRow{"FirstOrder", false}, OrderRow{"SecondOrder", true}),
                         test::RowName{});

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
