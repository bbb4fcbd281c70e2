// The shipped model (entities/data/ner_model.bin): it loads, finds names the
// gazetteer does not list, keeps its IL-NER dev score, and is fast.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/split_words.h"
#include "entities/ner_corpus.h"
#include "entities/ner_model.h"
#include "entities/ner_trainer.h"
#include "tests/entities/entities_test_util.h"
#include "tests/row_name.h"
#include "tests/test_paths.h"

namespace talash::entities {
namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// "type:text | type:text" for the mentions find() reports.
std::string found(std::string_view text) {
  const auto tokens = analysis::split_words(text);
  std::string out;
  for (const NerSpan& s : NerModel::builtin().find(text, tokens)) {
    if (!out.empty()) out += " | ";
    out +=
        std::string(to_string(s.type)) + ":" +
        std::string(text.substr(tokens[s.first_token].begin, tokens[s.last_token].end - tokens[s.first_token].begin));
  }
  return out;
}

TEST(NerBuiltinTest, LoadsWithItsProvenance) {
  const NerModel& model = NerModel::builtin();
  EXPECT_GT(model.feature_count(), 10000u);
  EXPECT_TRUE(model.second_order());
  EXPECT_NE(model.info().find("talash ner-train"), std::string::npos) << model.info();
  EXPECT_NE(model.info().find("dev F1"), std::string::npos) << model.info();
  EXPECT_EQ(&model, &NerModel::builtin()) << "loaded once";
}

struct SentenceRow {
  const char* name;
  std::string_view text;
  std::string_view mentions;
  bool gazetteer_knows;  // false: no mention is in the gazetteer, the model generalizes
};

class NerBuiltinSentenceTest : public ::testing::TestWithParam<SentenceRow> {};

TEST_P(NerBuiltinSentenceTest, FindsTheMentions) {
  EXPECT_EQ(found(GetParam().text), GetParam().mentions);
  if (!GetParam().gazetteer_knows) {
    // The premise of the row: none of these names is a gazetteer alias.
    EXPECT_EQ(test::tag_rendered(GetParam().text), "") << "the gazetteer now lists a name of this row";
  }
}

const SentenceRow kSentences[] = {
    {"MinisterInCity", "रक्षा मंत्री राजनाथ सिंह ने लखनऊ में कहा", "person:राजनाथ सिंह | place:लखनऊ", true},
    {"ChiefMinisterVisit", "मुख्यमंत्री दिनेश पटवारी ने शुक्रवार को कोटड़ा का दौरा किया।", "person:दिनेश पटवारी | place:कोटड़ा",
     false},
    {"LegislatorRally", "विधायक ओमप्रकाश बघेल ने नरसिंहगढ़ में सभा को संबोधित किया।", "person:ओमप्रकाश बघेल | place:नरसिंहगढ़",
     false},
    {"OfficerStatement", "पुलिस अधीक्षक सुनीता खंडेलवाल ने बताया कि आरोपी को गिरफ्तार कर लिया गया है।", "person:सुनीता खंडेलवाल",
     false},
    {"VillageSchool", "समाजसेवी कमला देवी ने मोहनपुर गांव में स्कूल खोला।", "person:कमला देवी | place:मोहनपुर", false},
    {"Bank", "यह जानकारी नवभारत ग्रामीण बैंक के प्रबंधक ने दी।", "org:नवभारत ग्रामीण बैंक", false},
    {"NoNames", "बारिश के कारण कई सड़कें बंद रहीं और स्कूलों में छुट्टी कर दी गई।", "", true},
};
INSTANTIATE_TEST_SUITE_P(News, NerBuiltinSentenceTest, ::testing::ValuesIn(kSentences), test::RowName{});

TEST(NerBuiltinTest, FindMapsMentionsToSplitWordsTokens) {
  // Punctuation between words is seen by the model but never part of a
  // mention; spans index the split_words tokens, several sentences at once.
  const std::string text = "मुख्यमंत्री दिनेश पटवारी ने कहा। \"विधायक ओमप्रकाश बघेल\" नरसिंहगढ़ में थे।";
  const auto tokens = analysis::split_words(text);
  const auto spans = NerModel::builtin().find(text, tokens);
  ASSERT_EQ(spans.size(), 3u) << found(text);
  EXPECT_EQ(spans[0], (NerSpan{.type = EntityType::Person, .first_token = 1, .last_token = 2}));
  EXPECT_EQ(spans[1], (NerSpan{.type = EntityType::Person, .first_token = 6, .last_token = 7}));
  EXPECT_EQ(spans[2], (NerSpan{.type = EntityType::Place, .first_token = 8, .last_token = 8}));
  EXPECT_TRUE(NerModel::builtin().find("", {}).empty());
}

// Regression floor on IL-NER dev: measured when the model was trained (see
// entities/data/ner_model.md), minus one point. Retrain (bench/ner_train)
// when the features or the gazetteer change.
constexpr double kDevF1 = 80.06;

TEST(NerBuiltinTest, IlNerDevFloor) {
  TALASH_REQUIRE_SHARED("data/ner/ilner-dev.conll");
  const auto dev = read_conll(read_file(talash::test::shared_dir() / "data/ner/ilner-dev.conll"), true);
  ASSERT_TRUE(dev) << dev.error();
  ASSERT_EQ(dev->size(), 1389u);
  const NerScorer scorer = ner_evaluate(NerModel::builtin(), *dev);
  std::printf("IL-NER dev:\n%s", scorer.report().c_str());
  EXPECT_GE(scorer.overall().f1(), kDevF1 - 1.0) << scorer.report();
  EXPECT_GE(scorer.of(EntityType::Place).f1(), 80.0) << scorer.report();
}

// Speed is measured, not asserted (a loaded CI machine is no benchmark): run
// with --gtest_also_run_disabled_tests, or see bench/README.md.
TEST(NerBuiltinTest, DISABLED_Throughput) {
  TALASH_REQUIRE_SHARED("data/ner/ilner-dev.conll");
  const auto dev = read_conll(read_file(talash::test::shared_dir() / "data/ner/ilner-dev.conll"), false);
  ASSERT_TRUE(dev) << dev.error();
  std::vector<std::vector<NerToken>> sentences;
  std::size_t tokens = 0;
  for (const auto& s : *dev) {
    sentences.push_back(s.tokens());
    tokens += s.words.size();
  }
  const NerModel& model = NerModel::builtin();
  std::vector<NerTag> tags;
  constexpr int kRounds = 10;
  const auto start = Clock::now();
  for (int r = 0; r < kRounds; ++r)
    for (const auto& s : sentences) model.tag(s, tags);
  const double per_s = double(tokens) * kRounds / std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("NerModel::tag over IL-NER dev: %.0f tokens/s\n", per_s);
}

// find() over the 32k-document corpus, from split_words tokens. Slow (it
// splits 38 MB first): run with --gtest_also_run_disabled_tests.
TEST(NerBuiltinTest, DISABLED_CorpusThroughput) {
  TALASH_REQUIRE_SHARED("data/corpus/hindi_mixed.jsonl");
  std::ifstream in(talash::test::shared_dir() / "data/corpus/hindi_mixed.jsonl");
  std::vector<std::string> texts;
  for (std::string line; std::getline(in, line);) {
    const auto doc = nlohmann::json::parse(line);
    texts.push_back(doc.value("title", "") + "\n" + doc.value("body", ""));
  }
  std::vector<std::vector<analysis::Token>> tokens;
  std::size_t words = 0, bytes = 0;
  for (const auto& t : texts) {
    tokens.push_back(analysis::split_words(t));
    words += tokens.back().size();
    bytes += t.size();
  }
  const auto start = Clock::now();
  std::size_t mentions = 0;
  for (std::size_t d = 0; d < texts.size(); ++d) mentions += NerModel::builtin().find(texts[d], tokens[d]).size();
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("find() over the corpus: %zu docs, %zu words, %.1f s, %.0f words/s, %.1f MB/s, %zu mentions\n",
              texts.size(), words, s, words / s, bytes / 1e6 / s, mentions);
}

}  // namespace
}  // namespace talash::entities
