#include "analysis/normalize_hindi.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "analysis/utf8.h"

namespace talash::analysis {
namespace {

const icu::Normalizer2& nfc() {
  // ICU's NFC instance is a process-wide singleton; look it up once.
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || n == nullptr) std::abort();  // ICU data missing
    return n;
  }();
  return *instance;
}

// Base consonants of the precomposed nukta letters U+0958..U+095F:
// क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़.
constexpr char32_t kNuktaBase[8] = {0x0915, 0x0916, 0x0917, 0x091C,
                                    0x0921, 0x0922, 0x092B, 0x092F};

bool is_dropped_format_char(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0x00AD ||
         c == 0xFEFF;
}

// Signs that never occur twice in a row in a real word.
constexpr bool is_repeatable_sign(char32_t c) {
  return c == 0x0902 || (c >= 0x093E && c <= 0x094D) || c == 0x0903;
}

constexpr std::string_view kViramaUtf8 = "\xE0\xA5\x8D";  // U+094D
constexpr std::string_view kAnusvaraUtf8 = "\xE0\xA4\x82";  // U+0902

// Drops a repeatable sign that follows the same sign. The first pass of
// normalize_hindi already does this, but NFC's canonical reordering can bring
// two viramas together that another mark separated (् U+0825 ् -> ् ् U+0825),
// and a second normalization would then drop one.
void drop_repeated_signs(std::string& s) {
  std::string out;
  out.reserve(s.size());
  char32_t last = 0;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    bool valid;
    const char32_t c = utf8::decode(s, i, valid);
    if (is_repeatable_sign(c) && c == last) continue;
    last = c;
    out.append(s, start, i - start);
  }
  s.swap(out);
}

// The class (varga) of a stop consonant: 0 velar क-ङ, 1 palatal च-ञ,
// 2 retroflex ट-ण, 3 dental त-न, 4 labial प-म; -1 otherwise.
constexpr int varga(char32_t c) {
  if (c >= 0x0915 && c <= 0x0919) return 0;
  if (c >= 0x091A && c <= 0x091E) return 1;
  if (c >= 0x091F && c <= 0x0923) return 2;
  if (c >= 0x0924 && c <= 0x0928) return 3;
  if (c >= 0x092A && c <= 0x092E) return 4;
  return -1;
}

constexpr bool is_nasal(char32_t c) {
  return c == 0x0919 || c == 0x091E || c == 0x0923 || c == 0x0928 || c == 0x092E;
}

// Whether "nasal + virama + next" is written interchangeably with
// "anusvara + next": a class nasal before a stop of its own class (हिन्दी =
// हिंदी, सम्बन्ध = संबंध, पण्डित = पंडित), and न् before a sibilant or ज
// (डिफ़ेन्स = डिफ़ेंस, पन्जाब = पंजाब). Never before itself (अन्न, सम्मान) or
// before य र ल व ह (अन्य, उन्होंने, तुम्हारा), where Hindi keeps the half letter.
constexpr bool nasal_folds_before(char32_t nasal, char32_t next) {
  if (next == nasal) return false;
  if (varga(next) >= 0 && varga(next) == varga(nasal)) return true;
  return nasal == 0x0928 && (next == 0x0938 || next == 0x0936 || next == 0x0937 || next == 0x091C);
}

// nasal + virama + consonant -> anusvara + consonant, as defined above.
void fold_nasal_virama(std::string& s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t start = i;
    bool valid;
    char32_t c = utf8::decode(s, i, valid);
    if (is_nasal(c) && s.compare(i, kViramaUtf8.size(), kViramaUtf8) == 0) {
      std::size_t j = i + kViramaUtf8.size();
      if (j < s.size()) {
        std::size_t k = j;
        char32_t next = utf8::decode(s, k, valid);
        if (nasal_folds_before(c, next)) {
          // अंन्दर: the anusvara is already there; a second one would be a
          // repeated sign, which the next normalization drops (idempotence).
          if (!out.ends_with(kAnusvaraUtf8)) utf8::append(out, 0x0902);
          i = j;
          continue;
        }
      }
    }
    out.append(s, start, i - start);
  }
  s.swap(out);
}

void ascii_lower_inplace(std::string& s, std::size_t from = 0) {
  for (std::size_t i = from; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= 'A' && c <= 'Z') s[i] = static_cast<char>(c - 'A' + 'a');
  }
}

// Case folding then NFC, repeated until stable (full case folding of an NFC
// string is not always NFC, and a few folded compositions fold again).
void fold_and_recompose(std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  for (int round = 0; round < 4; ++round) {
    icu::UnicodeString folded(u);
    folded.foldCase(U_FOLD_CASE_DEFAULT);
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString composed = nfc().normalize(folded, status);
    if (U_FAILURE(status)) break;
    if (composed == u) break;
    u = std::move(composed);
  }
  s.clear();
  u.toUTF8String(s);
}

}  // namespace

std::string normalize_hindi(std::string_view in) {
  const std::size_t ascii_prefix = utf8::first_non_ascii(in);
  std::string out(in.substr(0, ascii_prefix));
  ascii_lower_inplace(out);
  if (ascii_prefix == in.size()) return out;  // fast path: ASCII only

  out.reserve(in.size());
  bool needs_fold = false;
  // Only ASCII and Devanagari without nukta or stress signs: NFC already,
  // since nothing composes without the nukta and virama is the only mark
  // left with a combining class. Most words, so they skip ICU's check.
  bool plain_devanagari = true;
  char32_t last_devanagari = 0;
  std::size_t i = ascii_prefix;
  while (i < in.size()) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      last_devanagari = 0;
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b - 'A' + 'a') : static_cast<char>(b));
      ++i;
      continue;
    }
    bool valid;
    char32_t c = utf8::decode(in, i, valid);
    if (utf8::is_devanagari(c)) {
      if (c == 0x093C) continue;                                 // nukta (stray or combining)
      if (c >= 0x0958 && c <= 0x095F) c = kNuktaBase[c - 0x0958];  // क़ .. य़
      else if (c == 0x0929) c = 0x0928;                          // ऩ -> न
      else if (c == 0x0931) c = 0x0930;                          // ऱ -> र
      else if (c == 0x0934) c = 0x0933;                          // ऴ -> ळ
      else if (c == 0x0901) c = 0x0902;                          // candrabindu -> anusvara
      else if (c >= 0x0966 && c <= 0x096F) c = U'0' + (c - 0x0966);  // digits
      else if (c == 0x0949) c = 0x093E;                          // candra o ॉ -> ा (डॉक्टर = डाक्टर)
      else if (c == 0x0911) c = 0x0906;                          // ऑ -> आ
      else if (c == 0x0945) c = 0x0947;                          // candra e ॅ -> े
      else if (c == 0x090D) c = 0x090F;                          // ऍ -> ए
      // A repeated sign (ंं, ाा) is a typing slip, never a different word.
      if (is_repeatable_sign(c) && c == last_devanagari) continue;
      if (c >= 0x0951 && c <= 0x0954) plain_devanagari = false;
      last_devanagari = c;
      utf8::append(out, c);
      continue;
    }
    if (is_dropped_format_char(c)) continue;
    last_devanagari = 0;
    plain_devanagari = false;
    if (!needs_fold && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_CHANGES_WHEN_CASEFOLDED))
      needs_fold = true;
    utf8::append(out, c);
  }

  // The mapping above runs before NFC so that dropping a ZWJ or a nukta can
  // never leave a composable pair behind; NFC never produces any of the
  // characters mapped above (U+0958..U+095F are composition exclusions, and
  // U+0929/0931/0934 need a nukta to compose).
  const icu::Normalizer2& n = nfc();
  UErrorCode status = U_ZERO_ERROR;
  bool reordered = false;
  if (!plain_devanagari && !n.isNormalizedUTF8(out, status) && U_SUCCESS(status)) {
    std::string composed;
    composed.reserve(out.size());
    icu::StringByteSink<std::string> sink(&composed);
    n.normalizeUTF8(0, out, sink, nullptr, status);
    if (U_SUCCESS(status)) out.swap(composed);
    reordered = true;
  }
  if (needs_fold) {
    fold_and_recompose(out);
    reordered = true;
  }
  if (reordered && out.find(kViramaUtf8) != std::string::npos) drop_repeated_signs(out);
  if (out.find(kViramaUtf8) != std::string::npos) fold_nasal_virama(out);
  return out;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = utf8::first_non_ascii(text);
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    bool valid;
    utf8::decode(text, i, valid);
    if (!valid) return false;
  }
  return true;
}

}  // namespace talash::analysis
