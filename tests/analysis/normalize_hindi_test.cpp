// normalize_hindi(): one row per rule, grouped by linguistic category. The
// expected strings are written from the rules in analysis/normalize_hindi.h;
// escapes spell out the code points where the difference is invisible.
#include "analysis/normalize_hindi.h"

#include <unicode/normalizer2.h>

#include <gtest/gtest.h>

#include "tests/analysis/analysis_test_util.h"

namespace talash::analysis {
namespace {

using test::RowName;

struct NormRow {
  const char* name;
  std::string_view input;
  std::string_view expected;
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const NormRow& row, std::ostream* os) { *os << row.name; }

class NormalizeTest : public ::testing::TestWithParam<NormRow> {};

TEST_P(NormalizeTest, MapsToCanonicalForm) {
  const NormRow& row = GetParam();
  EXPECT_EQ(normalize_hindi(row.input), row.expected);
}

// Every expected value is itself a fixed point (idempotence, row by row).
TEST_P(NormalizeTest, ExpectedIsFixedPoint) {
  const NormRow& row = GetParam();
  EXPECT_EQ(normalize_hindi(row.expected), row.expected);
}

// ---- nukta: precomposed U+0958..U+095F, base + U+093C and stray U+093C all fold
const NormRow kNukta[] = {
    {"PadhenCombiningNukta", "\u092A\u0922\u093C\u0947\u0902", "\u092A\u0922\u0947\u0902"},  // पढ़ें
    {"PadhenPrecomposed", "\u092A\u095D\u0947\u0902", "\u092A\u0922\u0947\u0902"},
    {"PadhenWithoutNukta", "पढें", "पढें"},
    {"ZyadaCombining", "\u091C\u093C\u094D\u092F\u093E\u0926\u093E", "ज्यादा"},  // ज़्यादा
    {"ZyadaPrecomposed", "\u095B\u094D\u092F\u093E\u0926\u093E", "ज्यादा"},
    {"QitabPrecomposed", "\u0958िताब", "किताब"},
    {"AllEightPrecomposed", "\u0958\u0959\u095A\u095B\u095C\u095D\u095E\u095F", "कखगजडढफय"},
    {"AllEightCombining",
     "\u0915\u093C\u0916\u093C\u0917\u093C\u091C\u093C\u0921\u093C\u0922\u093C\u092B\u093C\u092F\u093C",
     "कखगजडढफय"},
    {"NnnaRraLllaFolded", "\u0929\u0931\u0934", "नरळ"},
    {"NaPlusNuktaNotComposedToNnna", "\u0928\u093C", "न"},
    {"StrayNuktaAtStart", "\u093Cक", "क"},
    {"StrayNuktaAfterLatin", "a\u093C", "a"},
    {"DoubleNukta", "\u0915\u093C\u093C", "क"},
    {"NuktaBeforeVirama", "\u0921\u093C\u094D\u0921", "\u0921\u094D\u0921"},
};
INSTANTIATE_TEST_SUITE_P(Nukta, NormalizeTest, ::testing::ValuesIn(kNukta), RowName{});

// ---- chandrabindu -> anusvara
const NormRow kChandrabindu[] = {
    {"Hansi", "ह\u0901सी", "ह\u0902सी"},
    {"Maan", "मा\u0901", "मा\u0902"},
    {"AngreziWithNukta", "अ\u0901गरे\u091C\u093Cी", "अ\u0902गरेजी"},
    {"AnusvaraUnchanged", "हिंदी", "हिंदी"},
};
INSTANTIATE_TEST_SUITE_P(Chandrabindu, NormalizeTest, ::testing::ValuesIn(kChandrabindu), RowName{});

// ---- zero-width and invisible characters are dropped
const NormRow kZeroWidth[] = {
    {"ZwjAfterVirama", "शार्\u200Dमा", "शार्मा"},
    {"ZwnjAfterVirama", "शार्\u200Cमा", "शार्मा"},
    {"ZeroWidthSpace", "अ\u200Bब", "अब"},
    {"WordJoiner", "भा\u2060रत", "भारत"},
    {"SoftHyphenInLatin", "News\u00ADpaper", "newspaper"},
    {"ByteOrderMark", "\uFEFFभारत", "भारत"},
    {"OnlyInvisibles", "\u200B\u200C\u200D\u2060\u00AD\uFEFF", ""},
    {"DropThenComposeAcute", "e\u200D\u0301", "\u00E9"},
};
INSTANTIATE_TEST_SUITE_P(ZeroWidth, NormalizeTest, ::testing::ValuesIn(kZeroWidth), RowName{});

// ---- Devanagari digits -> ASCII
const NormRow kDigits[] = {
    {"AllTen", "०१२३४५६७८९", "0123456789"},
    {"TenThousandWithComma", "१०,०००", "10,000"},
    {"YearInSentence", "२०२४ में", "2024 में"},
    {"MixedWithLatin", "G२०", "g20"},
    {"AsciiDigitsUnchanged", "3.5", "3.5"},
};
INSTANTIATE_TEST_SUITE_P(Digits, NormalizeTest, ::testing::ValuesIn(kDigits), RowName{});

// ---- case folding (ICU full folding)
const NormRow kCase[] = {
    {"AsciiAcronym", "ATACMS", "atacms"},
    {"AsciiName", "Kim Jong", "kim jong"},
    {"AsciiWithPunctuation", "Hello, World!", "hello, world!"},
    {"MixedScriptFast", "NATO और KCNA", "nato और kcna"},
    {"SharpSFullFolding", "Straße", "strasse"},
    {"GreekSigma", "ΣΟΦΙΑ", "σοφια"},
    {"KelvinSign", "\u212A", "k"},
    {"DottedCapitalI", "\u0130", "i\u0307"},
    {"CyrillicName", "Москва", "москва"},
    {"FullwidthLatin", "\uFF21\uFF22", "\uFF41\uFF42"},
};
INSTANTIATE_TEST_SUITE_P(Case, NormalizeTest, ::testing::ValuesIn(kCase), RowName{});

// ---- NFC composition and canonical order
const NormRow kNfc[] = {
    {"ComposeEAcute", "e\u0301", "\u00E9"},
    {"ComposeCapitalARingThenFold", "A\u030A", "\u00E5"},
    {"ReorderViramaBeforeUdatta", "क\u0951\u094D", "क\u094D\u0951"},
    {"DevanagariAlreadyNfc", "प्रधानमंत्री", "प्रधानमंत्री"},
    {"VowelLengthKept", "आईऊीू", "आईऊीू"},
    {"ViramaKeptInConjunct", "विश्वविद्यालय", "विश्वविद्यालय"},
};
INSTANTIATE_TEST_SUITE_P(Nfc, NormalizeTest, ::testing::ValuesIn(kNfc), RowName{});

// ---- a class nasal + virama before a stop of its own class is the anusvara
// written out; both spellings are in daily use (हिंदी / हिन्दी)
const NormRow kNasalVirama[] = {
    {"DentalNaBeforeDa", "हिन्दी", "हिंदी"},
    {"LabialMaBeforeBa", "सम्बन्ध", "संबंध"},
    {"LabialMaBeforePa", "कम्प्यूटर", "कंप्यूटर"},
    {"RetroflexNnaBeforeDda", "पण्डित", "पंडित"},
    {"PalatalNyaBeforeCa", "चञ्चल", "चंचल"},
    {"VelarNgaBeforeGa", "गङ्गा", "गंगा"},
    {"NaBeforeSibilantInLoanword", "डिफ़ेन्स", "डिफेंस"},
    {"NaBeforeJa", "पन्जाब", "पंजाब"},
    {"AnusvaraAlreadyStays", "हिंदी", "हिंदी"},
    {"GeminateNaKept", "अन्न", "अन्न"},
    {"GeminateMaKept", "सम्मान", "सम्मान"},
    {"NaBeforeYaKept", "अन्य", "अन्य"},
    {"NaBeforeHaKept", "उन्होंने", "उन्होंने"},
    {"MaBeforeHaKept", "तुम्हारा", "तुम्हारा"},
    {"MaBeforeOtherClassKept", "म्त", "म्त"},
    {"WordFinalHalfNaKept", "वन्", "वन्"},
    {"ZwjAfterViramaStillFolds", "हिन्‍दी", "हिंदी"},
};
INSTANTIATE_TEST_SUITE_P(NasalVirama, NormalizeTest, ::testing::ValuesIn(kNasalVirama), RowName{});

// ---- candra vowels: English sounds written ॉ / ॅ, which Hindi writers also
// spell with ा / े (मॉस्को / मास्को, डॉक्टर / डाक्टर)
const NormRow kCandra[] = {
    {"CandraOSignToAa", "मॉस्को", "मास्को"},
    {"CandraOLetterToAa", "ऑफिस", "आफिस"},
    {"CandraESignToE", "बॅंक", "बेंक"},
    {"CandraELetterToE", "ऍक्शन", "एक्शन"},
    {"ShortOSignKept", "ॊ", "ॊ"},
};
INSTANTIATE_TEST_SUITE_P(Candra, NormalizeTest, ::testing::ValuesIn(kCandra), RowName{});

// ---- a sign typed twice is a slip, never a different word
const NormRow kRepeatedSigns[] = {
    {"DoubleAnusvara", "संंक्रमितों", "संक्रमितों"},
    {"DoubleAa", "राामायण", "रामायण"},
    {"DoubleVirama", "क्््ष", "क्ष"},
    {"TwoSeparateAaKept", "नाना", "नाना"},
    {"CandrabinduThenAnusvara", "हँं", "हं"},
    // Found by tests/fuzz/normalize_fuzz (normalizing twice changed these):
    // NFC moves a virama next to another one across a mark of a higher class,
    {"ViramasThatNfcBringsTogether", "\u094D\u0825\u094D", "\u094D\u0825"},
    // and a folded nasal + virama right after an anusvara made a second one.
    {"NasalFoldedAfterAnusvara", "अंन्दर", "अंदर"},
};
INSTANTIATE_TEST_SUITE_P(RepeatedSigns, NormalizeTest, ::testing::ValuesIn(kRepeatedSigns), RowName{});

// ---- invalid UTF-8 becomes U+FFFD (one per maximal subpart), never a crash
const NormRow kInvalid[] = {
    {"Empty", "", ""},
    {"LoneFF", "\xFF", "\uFFFD"},
    {"TruncatedTwoByte", "a\xC3", "a\uFFFD"},
    {"OverlongSlash", "\xC0\xAF", "\uFFFD\uFFFD"},
    {"Surrogate", "\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD"},
    {"AboveMax", "\xF4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},
    {"TruncatedDevanagariAtEnd", "\xE0\xA4", "\uFFFD"},
    {"TruncatedDevanagariBeforeLetter", "\xE0\xA4क", "\uFFFDक"},
    {"LoneContinuationBetweenWords", "A\x80" "B", "a\uFFFDb"},
};
INSTANTIATE_TEST_SUITE_P(InvalidUtf8, NormalizeTest, ::testing::ValuesIn(kInvalid), RowName{});

// ---- is_valid_utf8

struct ValidRow {
  const char* name;
  std::string_view input;
  bool valid;
};
// Test names and failure messages show the row name, not its bytes.
void PrintTo(const ValidRow& row, std::ostream* os) { *os << row.name; }

class ValidUtf8Test : public ::testing::TestWithParam<ValidRow> {};

TEST_P(ValidUtf8Test, Classifies) {
  EXPECT_EQ(is_valid_utf8(GetParam().input), GetParam().valid);
}

const ValidRow kValidity[] = {
    {"Empty", "", true},
    {"Ascii", "abc", true},
    {"Hindi", "हिंदी", true},
    {"FourByteEmoji", "\xF0\x9F\x98\x80", true},
    {"MaxCodePoint", "\xF4\x8F\xBF\xBF", true},
    {"LastBeforeSurrogates", "\xED\x9F\xBF", true},
    {"OverlongTwoByte", "\xC0\xAF", false},
    {"OverlongThreeByte", "\xE0\x80\xAF", false},
    {"OverlongFourByte", "\xF0\x80\x80\xAF", false},
    {"Surrogate", "\xED\xA0\x80", false},
    {"AboveMax", "\xF4\x90\x80\x80", false},
    {"FiveByteForm", "\xF8\x88\x80\x80\x80", false},
    {"TruncatedAtEnd", "\xE0\xA4", false},
    {"TruncatedTwoByte", "\xC3", false},
    {"LoneContinuation", "\x80", false},
};
INSTANTIATE_TEST_SUITE_P(Utf8, ValidUtf8Test, ::testing::ValuesIn(kValidity), RowName{});

// The output of normalize_hindi is always valid UTF-8.
TEST(NormalizeOutput, IsValidUtf8ForEveryInvalidRow) {
  for (const NormRow& row : kInvalid) EXPECT_TRUE(is_valid_utf8(normalize_hindi(row.input))) << row.name;
}


// Every sequence of up to three Devanagari code points (and ASCII around
// them) comes out in NFC, so skipping ICU's check for plain Devanagari
// words loses nothing.
TEST(NormalizeOutput, IsNfcForEveryShortDevanagariSequence) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  auto utf8 = [](char32_t c) {
    std::string s;
    s += static_cast<char>(0xE0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (c & 0x3F));
    return s;
  };
  std::size_t failures = 0;
  for (char32_t a = 0x0900; a <= 0x097F; ++a)
    for (char32_t b = 0x0900; b <= 0x097F; ++b)
      for (char32_t c : {U'\u0915', U'\u093C', U'\u094D', U'\u0951', U'\u0952', U'\u0901'})
        for (const std::string& input : {utf8(a) + utf8(b) + utf8(c), "x" + utf8(a) + utf8(b)}) {
          const std::string out = normalize_hindi(input);
          status = U_ZERO_ERROR;
          if (!nfc->isNormalizedUTF8(out, status) && failures++ < 5)
            ADD_FAILURE() << "not NFC: U+" << std::hex << static_cast<unsigned>(a) << " U+" << static_cast<unsigned>(b)
                          << " U+" << static_cast<unsigned>(c);
        }
  EXPECT_EQ(failures, 0u);
}

}  // namespace
}  // namespace talash::analysis
