#include "analysis/compounds.h"

#include <gtest/gtest.h>

#include "analysis/split_words.h"
#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

using test::RowName;

struct CompoundRow {
  const char* name;
  std::string_view input;
  std::string_view expected;  // "joined[first-last] ..." for hyphen compounds, then "| key key" for abbreviations
};
void PrintTo(const CompoundRow& row, std::ostream* os) { *os << row.name; }

std::string render(std::string_view text) {
  auto tokens = split_words(text);
  std::string out;
  for (const auto& c : hyphen_compounds(text, tokens))
    out += c.joined + "[" + std::to_string(c.first_token) + "-" + std::to_string(c.last_token) + "] ";
  out += "|";
  for (const auto& t : tokens)
    if (auto key = abbreviation_key(t); !key.empty()) out += " " + key;
  return out;
}

class CompoundsTest : public ::testing::TestWithParam<CompoundRow> {};

TEST_P(CompoundsTest, WholeFormsOfWordsWrittenInPieces) { EXPECT_EQ(render(GetParam().input), GetParam().expected); }

const CompoundRow kHyphens[] = {
    {"TwoCountries", "रूस-यूक्रेन युद्ध", "रूसयूक्रेन[0-1] |"},
    {"KoreanName", "यून सुक-योल ने", "सुकयोल[1-2] |"},
    {"LatinAndNumber", "COVID-19 टीका", "covid19[0-1] |"},
    {"ThreeParts", "भारत-चीन-नेपाल सीमा", "भारतचीननेपाल[0-2] |"},
    {"UnicodeHyphen", "रूस\u2010यूक्रेन", "रूसयूक्रेन[0-1] |"},
    {"NonBreakingHyphen", "रूस\u2011यूक्रेन", "रूसयूक्रेन[0-1] |"},
    {"SpacedDashIsNotACompound", "रूस - यूक्रेन", "|"},
    {"EnDashIsNotACompound", "रूस–यूक्रेन", "|"},
    {"DoubleHyphenIsNotACompound", "रूस--यूक्रेन", "|"},
    {"NormalizedPieces", "पढ़ें-लिखें", "पढेंलिखें[0-1] |"},
    {"TwoSeparateCompounds", "एक-दूसरे और आमने-सामने", "एकदूसरे[0-1] आमनेसामने[3-4] |"},
};
INSTANTIATE_TEST_SUITE_P(Hyphens, CompoundsTest, ::testing::ValuesIn(kHyphens), RowName{});

const CompoundRow kAbbreviations[] = {
    {"LatinDotted", "U.S. army", "| us"},
    {"HindiDotted", "उ.प्र. सरकार", "| उप्र"},
    {"DecimalIsNotAnAbbreviation", "3.5 प्रतिशत", "|"},
    {"NoDotNoKey", "USA", "|"},
};
INSTANTIATE_TEST_SUITE_P(Abbreviations, CompoundsTest, ::testing::ValuesIn(kAbbreviations), RowName{});

}  // namespace
}  // namespace talash::analysis
