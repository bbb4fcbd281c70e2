// Sentence numbers (Token::sentence) and split_sentences(). Rules, from
// docs/normalization.md: a sentence ends after । ॥ ? ! and line breaks, and
// after '.' unless the dot is inside a number (3.5) or follows an
// abbreviation: a single Latin letter (A.), a title (डॉ., Dr.) or a dotted
// chain of single letters/aksharas (U.S., उ.प्र.). A run of terminators
// ends one sentence only.
#include <gtest/gtest.h>

#include "analysis/split_words.h"
#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

using test::render_sentence_ids;
using test::render_sentences;
using test::RowName;

struct SentenceRow {
  const char* name;
  std::string_view text;
  std::string_view expected;
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const SentenceRow& row, std::ostream* os) { *os << row.name; }

// ---- Token::sentence, rendered "norm:sentence ..."
class SentenceIdTest : public ::testing::TestWithParam<SentenceRow> {};

TEST_P(SentenceIdTest, NumbersSentences) {
  EXPECT_EQ(render_sentence_ids(split_words(GetParam().text)), GetParam().expected);
}

const SentenceRow kTerminators[] = {
    {"Danda", "वह आया। फिर गया॥ अंत", "वह:0 आया:0 फिर:1 गया:1 अंत:2"},
    {"QuestionAndExclamation", "क्या? हां! ठीक", "क्या:0 हां:1 ठीक:2"},
    {"RunOfTerminatorsCountsOnce", "क्या?! हां... ठीक", "क्या:0 हां:1 ठीक:2"},
    {"Newline", "शीर्षक\nपहला वाक्य", "शीर्षक:0 पहला:1 वाक्य:1"},
    {"CrLfCountsOnce", "एक\r\nदो", "एक:0 दो:1"},
    {"BlankLinesCountOnce", "एक\n\n\nदो", "एक:0 दो:1"},
    {"LeadingTerminatorsIgnored", "\n। पहला", "पहला:0"},
    {"DandaGluedToNextWord", "है।इसके", "है:0 इसके:1"},
    {"CommaDoesNotEnd", "रूस, यूक्रेन", "रूस:0 यूक्रेन:0"},
};
INSTANTIATE_TEST_SUITE_P(Terminators, SentenceIdTest, ::testing::ValuesIn(kTerminators), RowName{});

const SentenceRow kDots[] = {
    {"FullStopGluedToNextWord", "हुआ है.इसके तहत", "हुआ:0 है:0 इसके:1 तहत:1"},
    {"FullStopThenSpace", "बात हुई. अब आगे", "बात:0 हुई:0 अब:1 आगे:1"},
    {"DecimalDoesNotEnd", "3.5 प्रतिशत बढ़ा", "3.5:0 प्रतिशत:0 बढा:0"},
    {"NumberThenFullStop", "कुल 10. अगला", "कुल:0 10:0 अगला:1"},
    {"LatinDottedAbbreviation", "U.S. सेना", "u.s:0 सेना:0"},
    {"DevanagariDottedAbbreviation", "उ.प्र. में चुनाव", "उ.प्र:0 में:0 चुनाव:0"},
    {"LatinInitials", "A. P. J. Kalam", "a:0 p:0 j:0 kalam:0"},
    {"TitleWithSpace", "डॉ. राम आए", "डा:0 राम:0 आए:0"},
    {"TitleGlued", "डॉ.राम आए", "डा:0 राम:0 आए:0"},
    {"EnglishSentences", "It rained. Then sun", "it:0 rained:0 then:1 sun:1"},
    {"DomainDoesNotEnd", "www.example.com पर", "www.example.com:0 पर:0"},
    {"DomainThenFullStop", "www.example.com. अगला", "www.example.com:0 अगला:1"},
    {"SentenceFinalAksharaNotAbbreviation", "किया है.ये", "किया:0 है:0 ये:1"},
};
INSTANTIATE_TEST_SUITE_P(Dots, SentenceIdTest, ::testing::ValuesIn(kDots), RowName{});

// ---- split_sentences, rendered "sentence | sentence ..."
class SplitSentencesTest : public ::testing::TestWithParam<SentenceRow> {};

TEST_P(SplitSentencesTest, Spans) {
  const std::string_view text = GetParam().text;
  EXPECT_EQ(render_sentences(text, split_sentences(text)), GetParam().expected);
}

const SentenceRow kSpans[] = {
    {"Dandas", "वह आया। फिर गया॥ अंत", "वह आया। | फिर गया॥ | अंत"},
    {"TrailingSpaceExcluded", "पहला।  \n दूसरा।  ", "पहला। | दूसरा।"},
    {"ClosingQuoteStays", "उसने कहा, \"ठीक है।\" फिर गया।", "उसने कहा, \"ठीक है।\" | फिर गया।"},
    {"CurlyClosingQuoteStays", "कहा “ठीक है।” फिर", "कहा “ठीक है।” | फिर"},
    {"OpeningQuoteGluedGoesToNext", "है।\"उसने\" कहा", "है। | \"उसने\" कहा"},
    {"GluedFullStop", "हुआ है.इसके तहत", "हुआ है. | इसके तहत"},
    {"AbbreviationInside", "उ.प्र. में चुनाव हुए।", "उ.प्र. में चुनाव हुए।"},
    {"LeadingDashKept", "— पहला वाक्य।", "— पहला वाक्य।"},
    {"LeadingNewlinesSkipped", "\n\nशीर्षक\nपाठ", "शीर्षक | पाठ"},
    {"NoWordsNoSentences", "।। --", ""},
    {"Empty", "", ""},
};
INSTANTIATE_TEST_SUITE_P(Spans, SplitSentencesTest, ::testing::ValuesIn(kSpans), RowName{});

}  // namespace
}  // namespace talash::analysis
