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
  std::size_t i = ascii_prefix;
  while (i < in.size()) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
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
      utf8::append(out, c);
      continue;
    }
    if (is_dropped_format_char(c)) continue;
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
  if (!n.isNormalizedUTF8(out, status) && U_SUCCESS(status)) {
    std::string composed;
    composed.reserve(out.size());
    icu::StringByteSink<std::string> sink(&composed);
    n.normalizeUTF8(0, out, sink, nullptr, status);
    if (U_SUCCESS(status)) out.swap(composed);
  }
  if (needs_fold) fold_and_recompose(out);
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
