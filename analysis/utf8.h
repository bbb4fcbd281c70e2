#pragma once
// Small UTF-8 helpers shared by the analysis sources (internal; no ICU).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace talash::analysis::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at text[i] and advances i. Strict (Unicode 3.9,
// "maximal subpart" practice, as ICU and WHATWG do it): overlongs, surrogates,
// values above U+10FFFF and truncated sequences decode to U+FFFD, consuming
// the longest prefix that could have started a valid sequence (at least one
// byte). `valid` is set to false for such sequences.
inline char32_t decode(std::string_view text, std::size_t& i, bool& valid) {
  const auto n = text.size();
  const auto b0 = static_cast<unsigned char>(text[i]);
  valid = true;
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  int len;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;        // overlong
    else if (b0 == 0xED) hi = 0x9F;   // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;        // overlong
    else if (b0 == 0xF4) hi = 0x8F;   // > U+10FFFF
  } else {
    ++i;  // stray continuation byte, C0/C1, F5..FF
    valid = false;
    return kReplacement;
  }
  std::size_t k = i + 1;
  for (int j = 1; j < len; ++j, ++k) {
    const unsigned char lower = j == 1 ? lo : 0x80;
    const unsigned char upper = j == 1 ? hi : 0xBF;
    if (k >= n || byte(k) < lower || byte(k) > upper) {
      i = k;  // the bytes so far form one maximal subpart
      valid = false;
      return kReplacement;
    }
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  i = k;
  return cp;
}

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)),
                       static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

// Index of the first byte >= 0x80, or text.size() when the text is ASCII.
inline std::size_t first_non_ascii(std::string_view text) {
  std::size_t i = 0;
  const auto n = text.size();
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    __builtin_memcpy(&w, text.data() + i, 8);
    if (w & 0x8080808080808080ULL) break;
  }
  for (; i < n; ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80) return i;
  return n;
}

// Devanagari block U+0900..U+097F.
inline constexpr bool is_devanagari(char32_t c) { return c >= 0x0900 && c <= 0x097F; }

// Devanagari letters (independent vowels, consonants, avagraha, om, extras).
inline constexpr bool is_devanagari_letter(char32_t c) {
  return (c >= 0x0904 && c <= 0x0939) || c == 0x093D || c == 0x0950 ||
         (c >= 0x0958 && c <= 0x0961) || (c >= 0x0971 && c <= 0x097F);
}

// Devanagari combining signs: candrabindu, anusvara, visarga, nukta, matras,
// virama, Vedic accents, vocalic vowel signs.
inline constexpr bool is_devanagari_mark(char32_t c) {
  return (c >= 0x0900 && c <= 0x0903) || (c >= 0x093A && c <= 0x094F && c != 0x093D) ||
         (c >= 0x0951 && c <= 0x0957) || c == 0x0962 || c == 0x0963;
}

}  // namespace talash::analysis::utf8
