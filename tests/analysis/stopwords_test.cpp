// is_stopword(): our own short query-time list (normalized forms).
#include "analysis/stopwords.h"

#include <gtest/gtest.h>

#include "analysis/normalize_hindi.h"
#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

using test::RowName;

struct StopRow {
  const char* name;
  std::string_view word;
  bool stop;
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const StopRow& row, std::ostream* os) { *os << row.name; }

class StopwordTest : public ::testing::TestWithParam<StopRow> {};

TEST_P(StopwordTest, Classifies) { EXPECT_EQ(is_stopword(GetParam().word), GetParam().stop); }

const StopRow kFunctionWords[] = {
    {"PostpositionKa", "का", true},     {"PostpositionKe", "के", true},
    {"PostpositionKi", "की", true},     {"PostpositionKo", "को", true},
    {"PostpositionMein", "में", true},  {"PostpositionSe", "से", true},
    {"PostpositionPar", "पर", true},    {"PostpositionNe", "ने", true},
    {"PostpositionTak", "तक", true},    {"AuxHai", "है", true},
    {"AuxHain", "हैं", true},           {"AuxTha", "था", true},
    {"AuxHoga", "होगा", true},          {"ConjAur", "और", true},
    {"ConjYa", "या", true},             {"ConjKi", "कि", true},
    {"ParticleHi", "ही", true},         {"ParticleBhi", "भी", true},
    {"ParticleNahin", "नहीं", true},    {"PronounYah", "यह", true},
    {"PronounIs", "इस", true},          {"PronounUnke", "उनके", true},
    {"EnglishThe", "the", true},        {"EnglishOf", "of", true},
    {"EnglishAnd", "and", true},        {"EnglishIs", "is", true},
};
INSTANTIATE_TEST_SUITE_P(FunctionWords, StopwordTest, ::testing::ValuesIn(kFunctionWords), RowName{});

// Normalized spellings of listed words: यहाँ -> यहां, गये and गए.
const StopRow kNormalizedVariants[] = {
    {"YahanChandrabinduForm", "यहां", true},
    {"GayeYaForm", "गये", true},
    {"GayeEForm", "गए", true},
    {"LiyeBothForms", "लिये", true},
};
INSTANTIATE_TEST_SUITE_P(NormalizedVariants, StopwordTest, ::testing::ValuesIn(kNormalizedVariants),
                         RowName{});

// Content words and words other lists drop but we keep.
const StopRow kKept[] = {
    {"UnAsInKimJongUn", "उन", false},
    {"KaiSeveral", "कई", false},
    {"GharHome", "घर", false},
    {"BaadAfter", "बाद", false},
    {"Kim", "kim", false},
    {"Rus", "रूस", false},
    {"Sena", "सेना", false},
    {"UnnormalizedUpperCase", "The", false},
    {"Empty", "", false},
};
INSTANTIATE_TEST_SUITE_P(Kept, StopwordTest, ::testing::ValuesIn(kKept), RowName{});

TEST(StopwordsList, QueryOfOnlyContentWordsKeepsAll) {
  int kept = 0;
  for (std::string_view w : {"किम", "जोंग", "उन", "रूस", "दौरा"})
    kept += is_stopword(normalize_hindi(w)) ? 0 : 1;
  EXPECT_EQ(kept, 5);
}

}  // namespace
}  // namespace talash::analysis
