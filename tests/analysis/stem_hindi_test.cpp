// stem_hindi(): inputs are already normalize_hindi()ed. Expected stems are
// derived by hand from the rules in analysis/stem_hindi.cpp: longest suffix
// of Ramanathan & Rao's list; a suffix of L code points only when the word
// has more than L + 1; at least two letters must remain; a consonant-initial
// suffix (ना ता ने कर ...) only right after a consonant.
#include "analysis/stem_hindi.h"

#include <gtest/gtest.h>

#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

using test::RowName;

struct StemRow {
  const char* name;
  std::string_view word;
  std::string_view expected;
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const StemRow& row, std::ostream* os) { *os << row.name; }

class StemTest : public ::testing::TestWithParam<StemRow> {};

TEST_P(StemTest, Stems) { EXPECT_EQ(stem_hindi(GetParam().word), GetParam().expected); }

// ---- noun inflection conflates
const StemRow kNouns[] = {
    {"LadkaDirect", "लडका", "लडक"},
    {"LadkeOblique", "लडके", "लडक"},
    {"LadkonPlural", "लडकों", "लडक"},
    {"LadkiyonPluralFeminine", "लडकियों", "लडक"},
    {"KitabenPlural", "किताबें", "किताब"},
    {"KitabUnchanged", "किताब", "किताब"},
    {"KathinaiyanFiveCodePointSuffix", "कठिनाइयां", "कठिन"},
    {"GuruonOblique", "गुरुओं", "गुर"},
    {"KoriyaName", "कोरिया", "कोरिय"},
    {"KoriyaiAdjective", "कोरियाई", "कोरिय"},
    {"RusiAdjective", "रूसी", "रूस"},
    {"VishvavidyalayonPlural", "विश्वविद्यालयों", "विश्वविद्यालय"},
};
INSTANTIATE_TEST_SUITE_P(Nouns, StemTest, ::testing::ValuesIn(kNouns), RowName{});

// ---- verb inflection conflates
const StemRow kVerbs[] = {
    {"KarnaInfinitive", "करना", "कर"},
    {"KartaParticiple", "करता", "कर"},
    {"KartiParticipleFeminine", "करती", "कर"},
    {"KarteParticiplePlural", "करते", "कर"},
    {"KarneOblique", "करने", "कर"},
    {"KarengeFuture", "करेंगे", "कर"},
    {"DikhanaCausative", "दिखाना", "दिख"},
    {"DikhataCausative", "दिखाता", "दिख"},
    {"BanakarAbsolutive", "बनाकर", "बन"},
    {"DekhkarAbsolutive", "देखकर", "देख"},
    {"PadhteNuktaFolded", "पढते", "पढ"},
};
INSTANTIATE_TEST_SUITE_P(Verbs, StemTest, ::testing::ValuesIn(kVerbs), RowName{});

// ---- guards against overstemming
const StemRow kGuards[] = {
    {"SenaNotPostpositionSe", "सेना", "सेन"},
    {"SenaonSameStemAsSena", "सेनाओं", "सेन"},
    {"NetaNotPostpositionNe", "नेता", "नेत"},
    {"NetaonSameStemAsNeta", "नेताओं", "नेत"},
    {"PitaKeepsTwoLetters", "पिता", "पित"},
    {"IraniNotIra", "ईरानी", "ईरान"},
    {"IranUnchanged", "ईरान", "ईरान"},
    {"AnitaNameNotAni", "अनिता", "अनित"},
    {"AdhivaktaNoCutInsideConjunct", "अधिवक्ता", "अधिवक्त"},
    {"KhanaMonosyllabicRoot", "खाना", "खान"},
    {"RusShortUnchanged", "रूस", "रूस"},
    {"MaskoClassicFinalVowel", "मास्को", "मास्क"},
    {"BharatUnchanged", "भारत", "भारत"},
    {"BharatiyaUnchanged", "भारतीय", "भारतीय"},
    {"KaTwoCodePoints", "का", "का"},
    {"MisencodedKoNotKa", "\u0915\u093E\u0947", "\u0915\u093E\u0947"},  // काे: ा+े typed for ो
    {"MeinThreeCodePoints", "में", "में"},
    {"HindiAnusvara", "हिंदी", "हिंद"},
    {"HindiDeadN", "हिन्दी", "हिन्द"},
};
INSTANTIATE_TEST_SUITE_P(Guards, StemTest, ::testing::ValuesIn(kGuards), RowName{});

// ---- non-Devanagari words come back unchanged
const StemRow kOtherScripts[] = {
    {"Empty", "", ""},
    {"Latin", "atacms", "atacms"},
    {"LatinLooksInflected", "missiles", "missiles"},
    {"Number", "10,000", "10,000"},
    {"DigitsThenDevanagari", "10वीं", "10वीं"},
    {"Cyrillic", "москва", "москва"},
};
INSTANTIATE_TEST_SUITE_P(OtherScripts, StemTest, ::testing::ValuesIn(kOtherScripts), RowName{});

}  // namespace
}  // namespace talash::analysis
