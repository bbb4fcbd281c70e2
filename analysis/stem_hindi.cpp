#include "analysis/stem_hindi.h"

#include <span>

#include "analysis/utf8.h"

namespace talash::analysis {
namespace {

// Inflectional suffixes of Ramanathan & Rao (2003), "A Lightweight Stemmer
// for Hindi", grouped by length in code points. Written in normalize_hindi()
// form: the paper's candrabindu suffixes (ाइयाँ, ियाँ, ाँ) appear with anusvara,
// where they coincide with the anusvara forms already listed.
constexpr std::string_view kSuffix5[] = {"ाएंगी", "ाएंगे", "ाऊंगी", "ाऊंगा", "ाइयां", "ाइयों"};
constexpr std::string_view kSuffix4[] = {"ाएगी", "ाएगा", "ाओगी", "ाओगे", "एंगी", "ेंगी",
                                         "एंगे", "ेंगे", "ूंगी", "ूंगा", "ातीं", "नाओं",
                                         "नाएं", "ताओं", "ताएं", "ियां", "ियों"};
constexpr std::string_view kSuffix3[] = {"ाकर", "ाइए", "ाईं", "ाया", "ेगी", "ेगा", "ोगी",
                                         "ोगे", "ाने", "ाना", "ाते", "ाती", "ाता", "तीं",
                                         "ाओं", "ाएं", "ुओं", "ुएं", "ुआं"};
constexpr std::string_view kSuffix2[] = {"कर", "ाओ", "िए", "ाई", "ाए", "ने", "नी", "ना",
                                         "ते", "ीं", "ती", "ता", "ां", "ों", "ें"};
constexpr std::string_view kSuffix1[] = {"ो", "े", "ू", "ु", "ी", "ि", "ा"};

struct SuffixGroup {
  std::size_t code_points;
  std::span<const std::string_view> suffixes;
};
constexpr SuffixGroup kGroups[] = {
    {5, kSuffix5}, {4, kSuffix4}, {3, kSuffix3}, {2, kSuffix2}, {1, kSuffix1}};

constexpr std::size_t kCpBytes = 3;  // every Devanagari code point is 3 bytes in UTF-8
constexpr std::size_t kMinStemLetters = 2;

char32_t decode3(std::string_view dev, std::size_t i) {
  return (static_cast<char32_t>(static_cast<unsigned char>(dev[i]) & 0x0F) << 12) |
         (static_cast<char32_t>(static_cast<unsigned char>(dev[i + 1]) & 0x3F) << 6) |
         (static_cast<char32_t>(static_cast<unsigned char>(dev[i + 2]) & 0x3F));
}

// Number of Devanagari letters (consonants and independent vowels; not
// matras, virama, anusvara) in a pure-Devanagari UTF-8 string.
std::size_t letter_count(std::string_view dev) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i + kCpBytes <= dev.size(); i += kCpBytes)
    if (utf8::is_devanagari_letter(decode3(dev, i))) ++letters;
  return letters;
}

// True when every code point of `word` is in the Devanagari block (3-byte
// sequences E0 A4 80..E0 A5 BF).
bool is_pure_devanagari(std::string_view word) {
  if (word.empty() || word.size() % kCpBytes != 0) return false;
  for (std::size_t i = 0; i < word.size(); i += kCpBytes) {
    const auto b0 = static_cast<unsigned char>(word[i]);
    const auto b1 = static_cast<unsigned char>(word[i + 1]);
    const auto b2 = static_cast<unsigned char>(word[i + 2]);
    if (b0 != 0xE0 || (b1 != 0xA4 && b1 != 0xA5) || b2 < 0x80 || b2 > 0xBF) return false;
  }
  return true;
}

}  // namespace

std::string stem_hindi(std::string_view word) {
  if (!is_pure_devanagari(word)) return std::string(word);
  const std::size_t len = word.size() / kCpBytes;  // code points

  // Every suffix ends in a vowel sign, anusvara, र (कर) or ए ई ओ (ाए, ाई, ाओ):
  // words ending otherwise (भारत, रूस, most nouns) return at once.
  const char32_t last = decode3(word, word.size() - kCpBytes);
  const bool may_have_suffix = (last >= 0x093E && last <= 0x094C) || last == 0x0902 ||
                               last == 0x0930 || last == 0x090F || last == 0x0908 || last == 0x0913;
  if (!may_have_suffix) return std::string(word);

  // Longest matching suffix first. Classic rule: a suffix of L code points
  // is removed only when the word is longer than L + 1 code points. Two
  // rules of ours against overstemming:
  //  - what remains must hold at least two letters (consonants or
  //    independent vowels): सेना (army) does not become से (from), नेता
  //    (leader) not ने, पिता not पि, and the mis-typed काे (for को) not का;
  //  - a suffix that starts with a consonant (कर, ना, ता, ने, नाओं ...: the
  //    verbal endings of करना, करता) is removed only right after a consonant,
  //    never after a vowel sign or inside a conjunct: ईरानी stays with ईरान
  //    (not ईरा), अनिता -> अनित (not अनि), अधिवक्ता -> अधिवक्त (not अधिवक्).
  //    Verbs on -ा keep their own longer suffixes (दिखाना -> दिख via ाना).
  // When the rules refuse a suffix, a shorter matching one may still apply
  // (सेना -> सेन, like सेनाओं -> सेन).
  for (const SuffixGroup& group : kGroups) {
    if (len <= group.code_points + 1) continue;
    const std::size_t cut = word.size() - group.code_points * kCpBytes;
    for (std::string_view suffix : group.suffixes) {
      if (!word.ends_with(suffix)) continue;
      const std::string_view stem = word.substr(0, cut);
      const bool consonant_initial = utf8::is_devanagari_letter(decode3(suffix, 0));
      const bool after_letter = utf8::is_devanagari_letter(decode3(stem, stem.size() - kCpBytes));
      if (letter_count(stem) >= kMinStemLetters && (!consonant_initial || after_letter))
        return std::string(stem);
      break;  // at most one suffix of a given length can match
    }
  }
  return std::string(word);
}

}  // namespace talash::analysis
