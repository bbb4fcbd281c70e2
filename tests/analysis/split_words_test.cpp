// split_words() and script_of(). Each row compares one canonical rendering,
// "norm@begin-end ...", with byte offsets counted by hand: every Devanagari
// code point is 3 bytes in UTF-8, ASCII 1, ZWJ/ZWNJ 3.
#include "analysis/split_words.h"

#include <gtest/gtest.h>

#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

using test::render_tokens;
using test::RowName;

struct SplitRow {
  const char* name;
  std::string_view text;
  std::string_view expected;  // render_tokens() form
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const SplitRow& row, std::ostream* os) { *os << row.name; }

class SplitWordsTest : public ::testing::TestWithParam<SplitRow> {};

TEST_P(SplitWordsTest, Tokens) {
  EXPECT_EQ(render_tokens(split_words(GetParam().text)), GetParam().expected);
}

// ---- Devanagari words stay whole
const SplitRow kDevanagari[] = {
    {"ConjunctsAndMatras", "प्रधानमंत्री", "प्रधानमंत्री@0-36"},
    {"CombiningNuktaInside", "पढ़ें", "पढें@0-15"},
    {"ZwjInsideWord", "शार्\u200Dमा", "शार्मा@0-21"},
    {"ZwnjInsideWord", "शार्\u200Cमा", "शार्मा@0-21"},
    {"ChandrabinduInside", "माँ आई", "मां@0-9 आई@10-16"},
    {"VisargaInside", "दुःख", "दुःख@0-12"},
    {"PunctuationDropped", "रूस, यूक्रेन!", "रूस@0-9 यूक्रेन@11-32"},
    {"DandaGlued", "है।इसके", "है@0-6 इसके@9-21"},
    {"ColonGlued", "पढ़ें:चीन", "पढें@0-15 चीन@16-25"},
    {"ZeroWidthSpaceSeparates", "अब\u200Bतक", "अब@0-6 तक@9-15"},
};
INSTANTIATE_TEST_SUITE_P(Devanagari, SplitWordsTest, ::testing::ValuesIn(kDevanagari), RowName{});

// ---- numbers stay whole
const SplitRow kNumbers[] = {
    {"ThousandsSeparator", "10,000 लोग", "10,000@0-6 लोग@7-16"},
    {"DevanagariDigitsWithComma", "१०,००० लोग", "10,000@0-16 लोग@17-26"},
    {"Decimal", "3.5 प्रतिशत", "3.5@0-3 प्रतिशत@4-25"},
    {"DevanagariDecimal", "३.५", "3.5@0-7"},
    {"DigitsThenMatraWord", "10वीं", "10वीं@0-11"},
    {"LatinLetterDigit", "G20 शिखर", "g20@0-3 शिखर@4-16"},
    {"HyphenSplits", "COVID-19", "covid@0-5 19@6-8"},
};
INSTANTIATE_TEST_SUITE_P(Numbers, SplitWordsTest, ::testing::ValuesIn(kNumbers), RowName{});

// ---- Latin and mixed script
const SplitRow kMixedScript[] = {
    {"KimJongUn", "Kim Jong उन", "kim@0-3 jong@4-8 उन@9-15"},
    {"LatinGluedToDevanagari", "ATACMSमिसाइल", "atacms@0-6 मिसाइल@6-24"},
    {"DevanagariGluedToLatin", "मिसाइलATACMS", "मिसाइल@0-18 atacms@18-24"},
    {"DigitsStayWithLatinSide", "F16विमान", "f16@0-3 विमान@3-18"},
    {"LatinDotDevanagari", "Mr.मोदी", "mr@0-2 मोदी@3-15"},
    {"Apostrophe", "don't", "don't@0-5"},
    {"LatinDottedAbbreviation", "U.S. army", "u.s@0-3 army@5-9"},
    {"DomainStaysWhole", "www.example.com पर", "www.example.com@0-15 पर@16-22"},
    {"KcnaBothScripts", "KCNA केसीएनए", "kcna@0-4 केसीएनए@5-26"},
};
INSTANTIATE_TEST_SUITE_P(MixedScript, SplitWordsTest, ::testing::ValuesIn(kMixedScript), RowName{});

// ---- dots glued between Devanagari words
const SplitRow kDots[] = {
    {"FullStopGluedSplits", "है.इसके", "है@0-6 इसके@7-19"},
    {"DevanagariAbbreviationStaysWhole", "उ.प्र. में", "उ.प्र@0-13 में@15-24"},
    {"BJPStaysWhole", "बी.जे.पी.", "बी.जे.पी@0-20"},
    {"TitleGluedToNameSplits", "डॉ.राम", "डा@0-6 राम@7-16"},
};
INSTANTIATE_TEST_SUITE_P(Dots, SplitWordsTest, ::testing::ValuesIn(kDots), RowName{});

// ---- edge cases
const SplitRow kEdge[] = {
    {"Empty", "", ""},
    {"OnlyPunctuation", "।।, ! -- ...", ""},
    {"EmojiDropped", "\xF0\x9F\x98\x80 भारत", "भारत@5-17"},
    {"InvalidByteSeparates", "a\xFF" "b", "a@0-1 b@2-3"},
    {"LeadingAndTrailingSpace", "  रूस  ", "रूस@2-11"},
    // Found by tests/fuzz/split_words_fuzz: ICU calls "l_" + a matra no word
    // at all, which dropped the letter.
    {"LetterInASegmentIcuCallsNone", "l_\u0947 h", "l_\u0947@0-5 h@6-7"},
};
INSTANTIATE_TEST_SUITE_P(Edge, SplitWordsTest, ::testing::ValuesIn(kEdge), RowName{});

TEST(SplitWordsPositions, AreConsecutiveFromZero) {
  const auto tokens = split_words("रूस और यूक्रेन के बीच, जारी संघर्ष।");
  ASSERT_EQ(tokens.size(), 7u);
  for (std::size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].position, i);
}

TEST(SplitWordsScript, IsSetPerToken) {
  const auto tokens = split_words("Kim उन 10,000 १२ G20 москва");
  std::string got;
  for (const Token& t : tokens) got += std::to_string(static_cast<int>(t.script));
  // Latin=1 Devanagari=0 Number=2 Number=2 Latin=1 Other=3
  EXPECT_EQ(got, "102213");
}

// ---- script_of

struct ScriptRow {
  const char* name;
  std::string_view word;
  Script expected;
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const ScriptRow& row, std::ostream* os) { *os << row.name; }

class ScriptOfTest : public ::testing::TestWithParam<ScriptRow> {};

TEST_P(ScriptOfTest, FromFirstLetterOrDigit) {
  EXPECT_EQ(static_cast<int>(script_of(GetParam().word)), static_cast<int>(GetParam().expected));
}

const ScriptRow kScripts[] = {
    {"Devanagari", "भारत", Script::Devanagari},
    {"Latin", "atacms", Script::Latin},
    {"LatinWithDiacritic", "é", Script::Latin},
    {"Number", "10,000", Script::Number},
    {"Decimal", "3.5", Script::Number},
    {"DevanagariDigits", "१२", Script::Number},
    {"DigitsThenDevanagari", "10वीं", Script::Devanagari},
    {"LatinThenDigits", "g20", Script::Latin},
    {"Cyrillic", "москва", Script::Other},
    {"Empty", "", Script::Other},
    {"Emoji", "\xF0\x9F\x98\x80", Script::Other},
};
INSTANTIATE_TEST_SUITE_P(Scripts, ScriptOfTest, ::testing::ValuesIn(kScripts), RowName{});

}  // namespace
}  // namespace talash::analysis
