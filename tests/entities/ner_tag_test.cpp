// Tags, mentions read the conlleval way, the scorer and the CoNLL reader.
#include "entities/ner_tag.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "entities/ner_corpus.h"
#include "entities/ner_scorer.h"
#include "tests/row_name.h"

namespace talash::entities {
namespace {

std::vector<NerTag> tags_of(std::string_view spaced) {
  std::vector<NerTag> out;
  std::istringstream in{std::string(spaced)};
  for (std::string t; in >> t;) out.push_back(ner_tag_from_string(t).value());
  return out;
}

// "type[first,last]" per mention.
std::string render(const std::vector<NerSpan>& spans) {
  std::string out;
  for (const NerSpan& s : spans)
    out += std::string(out.empty() ? "" : " ") + std::string(to_string(s.type)) + "[" + std::to_string(s.first_token) +
           "," + std::to_string(s.last_token) + "]";
  return out;
}

struct SpanRow {
  const char* name;
  std::string_view tags;
  std::string_view spans;
};

class NerSpansTest : public ::testing::TestWithParam<SpanRow> {};

TEST_P(NerSpansTest, ConllevalReading) { EXPECT_EQ(render(ner_spans(tags_of(GetParam().tags))), GetParam().spans); }

const SpanRow kSpans[] = {
    {"Single", "B-PER O", "person[0,0]"},
    {"Multi", "O B-ORG I-ORG I-ORG O", "org[1,3]"},
    {"Adjacent", "B-LOC B-LOC", "place[0,0] place[1,1]"},
    {"InsideWithoutBeginStarts", "O I-PER I-PER", "person[1,2]"},
    {"InsideAtStart", "I-LOC O", "place[0,0]"},
    {"TypeChangeStartsNew", "B-PER I-LOC", "person[0,0] place[1,1]"},
    {"InsideAfterOtherInside", "B-ORG I-ORG I-LOC I-LOC", "org[0,1] place[2,3]"},
    {"AllOutside", "O O O", ""},
    {"Empty", "", ""},
};
INSTANTIATE_TEST_SUITE_P(Spans, NerSpansTest, ::testing::ValuesIn(kSpans), test::RowName{});

// ner_reverse: the same mentions over the tokens read last first (what a
// right-to-left model is trained on and decodes).
struct ReverseRow {
  const char* name;
  std::string_view tags;
  std::string_view reversed;
};

class NerReverseTest : public ::testing::TestWithParam<ReverseRow> {};

TEST_P(NerReverseTest, MirrorsTheMentions) {
  const auto tags = tags_of(GetParam().tags);
  const auto reversed = ner_reverse(tags);
  EXPECT_EQ(reversed, tags_of(GetParam().reversed));
  // Every mention a..b of n tokens is n-1-b..n-1-a, and reversing twice repairs.
  const auto spans = ner_spans(tags);
  const auto mirrored = ner_spans(reversed);
  ASSERT_EQ(spans.size(), mirrored.size());
  for (std::size_t k = 0; k < spans.size(); ++k) {
    const NerSpan& m = mirrored[spans.size() - 1 - k];
    EXPECT_EQ(m.type, spans[k].type);
    EXPECT_EQ(m.first_token, tags.size() - 1 - spans[k].last_token);
    EXPECT_EQ(m.last_token, tags.size() - 1 - spans[k].first_token);
  }
  EXPECT_EQ(ner_reverse(reversed), ner_repair(tags));
}

const ReverseRow kReverse[] = {
    {"SingleTokenStaysBegin", "O B-LOC O O", "O O B-LOC O"},
    {"MultiTokenBeginsAtItsLastToken", "B-ORG I-ORG I-ORG O", "O B-ORG I-ORG I-ORG"},
    {"AdjacentMentionsStaySeparate", "B-PER I-PER B-PER", "B-PER B-PER I-PER"},
    {"TypeChange", "B-PER I-PER B-LOC", "B-LOC B-PER I-PER"},
    {"InsideWithoutBeginIsAMention", "O I-LOC I-LOC", "B-LOC I-LOC O"},
    {"AllOutside", "O O", "O O"},
    {"Empty", "", ""},
};
INSTANTIATE_TEST_SUITE_P(Reverse, NerReverseTest, ::testing::ValuesIn(kReverse), test::RowName{});

TEST(NerTagTest, NamesRoundTrip) {
  for (const NerTag t : kNerTags) EXPECT_EQ(ner_tag_from_string(to_string(t)), t);
  EXPECT_FALSE(ner_tag_from_string("B-MISC"));
  EXPECT_FALSE(ner_tag_from_string("o"));
}

TEST(NerTagTest, RepairMakesSequencesDecodableWithTheSameMentions) {
  for (const std::string_view seq : {"O I-PER I-PER O", "B-ORG I-LOC", "I-LOC", "B-PER I-PER O I-PER"}) {
    const auto tags = tags_of(seq);
    const auto repaired = ner_repair(tags);
    std::optional<NerTag> prev;
    for (const NerTag t : repaired) {
      EXPECT_TRUE(ner_transition_allowed(prev, t)) << seq;
      prev = t;
    }
    EXPECT_EQ(ner_spans(repaired), ner_spans(tags)) << seq;
  }
}

TEST(NerScorerTest, ExactSpanAndTypeCount) {
  NerScorer scorer;
  // Gold: PER[0,1], LOC[3]; predicted: PER[0,1] (right), LOC[3] as ORG (wrong type), ORG[5] (spurious).
  scorer.add(tags_of("B-PER I-PER O B-LOC O O"), tags_of("B-PER I-PER O B-ORG O B-ORG"));
  // Gold ORG[0,2]; predicted ORG[0,1] (wrong boundary).
  scorer.add(tags_of("B-ORG I-ORG I-ORG"), tags_of("B-ORG I-ORG O"));
  EXPECT_EQ(scorer.overall().gold, 3u);
  EXPECT_EQ(scorer.overall().predicted, 4u);
  EXPECT_EQ(scorer.overall().correct, 1u);
  EXPECT_DOUBLE_EQ(scorer.overall().precision(), 25.0);
  EXPECT_NEAR(scorer.overall().recall(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(scorer.overall().f1(), 2 * 25.0 * (100.0 / 3) / (25.0 + 100.0 / 3), 1e-9);
  EXPECT_EQ(scorer.of(EntityType::Person).correct, 1u);
  EXPECT_EQ(scorer.of(EntityType::Org).predicted, 3u);
  EXPECT_EQ(scorer.of(EntityType::Place).gold, 1u);
  EXPECT_DOUBLE_EQ(scorer.of(EntityType::Place).f1(), 0.0);
}

TEST(NerCorpusTest, ReadsTokensTagsAndSentences) {
  const auto sentences = read_conll("राम\tB-PER\nने\tO\n\n\n\nज़िले\tx\tB-LOC\r\n", true, "t.conll");
  ASSERT_TRUE(sentences) << sentences.error();
  ASSERT_EQ(sentences->size(), 2u);
  EXPECT_EQ((*sentences)[0].words, (std::vector<std::string>{"राम", "ने"}));
  EXPECT_EQ((*sentences)[0].tags, tags_of("B-PER O"));
  EXPECT_EQ((*sentences)[1].words, (std::vector<std::string>{"ज़िले"}));
  EXPECT_EQ((*sentences)[1].norms, (std::vector<std::string>{"जिले"}));  // nukta folded
  EXPECT_EQ((*sentences)[1].tags, tags_of("B-LOC"));                    // the last column
}

TEST(NerCorpusTest, TokenOnlyLinesWithoutTags) {
  const auto sentences = read_conll("राम\nने\tanything\n", false);
  ASSERT_TRUE(sentences) << sentences.error();
  ASSERT_EQ(sentences->size(), 1u);
  EXPECT_EQ((*sentences)[0].words, (std::vector<std::string>{"राम", "ने"}));
  EXPECT_TRUE((*sentences)[0].tags.empty());
}

struct BadConllRow {
  const char* name;
  std::string_view text;
  std::string_view error;
};

class NerCorpusErrorTest : public ::testing::TestWithParam<BadConllRow> {};

TEST_P(NerCorpusErrorTest, NamesTheLine) {
  const auto sentences = read_conll(GetParam().text, true, "t.conll");
  ASSERT_FALSE(sentences);
  EXPECT_EQ(sentences.error(), GetParam().error);
}

const BadConllRow kBadConll[] = {
    {"UnknownTag", "राम\tB-PER\nने\tB-MISC\n", "t.conll:2: unknown tag 'B-MISC' (O, B-/I-PER, B-/I-LOC, B-/I-ORG)"},
    {"NoTag", "\nराम\n", "t.conll:2: no tag column (expected token<TAB>tag)"},
    {"EmptyToken", "\tO\n", "t.conll:1: empty token"},
    {"InvalidUtf8", "र\xe0\xa4\tO\n", "t.conll:1: invalid UTF-8"},
};
INSTANTIATE_TEST_SUITE_P(Errors, NerCorpusErrorTest, ::testing::ValuesIn(kBadConll), test::RowName{});

}  // namespace
}  // namespace talash::entities
