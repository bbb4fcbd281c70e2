// The per-word functions on arbitrary bytes and on every word split_words finds:
// stem_hindi, phonetic_key (three tiers), phonetic_keys and acronym_key. No crash;
// keys are lower-case ASCII letters; phonetic_keys equals the three single calls;
// an acronym key has 2..8 letters; a stem of valid UTF-8 is valid UTF-8.
#include "analysis/normalize_hindi.h"
#include "analysis/phonetic_key.h"
#include "analysis/split_words.h"
#include "analysis/stem_hindi.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using talash::analysis::PhoneticTier;

bool is_key(const std::string& k) {
  for (char c : k)
    if (c < 'a' || c > 'z') return false;
  return true;
}

void check_word(std::string_view word) {
  using namespace talash::analysis;
  const std::array<std::string, 3> keys = phonetic_keys(word);
  const PhoneticTier tiers[] = {PhoneticTier::strict, PhoneticTier::middle, PhoneticTier::loose};
  for (int t = 0; t < 3; ++t) {
    FUZZ_CHECK(is_key(keys[t]), "a phonetic key with a character outside a-z");
    FUZZ_CHECK(phonetic_key(word, tiers[t]) == keys[t], "phonetic_keys differs from phonetic_key");
  }
  const std::string acronym = acronym_key(word);
  FUZZ_CHECK(is_key(acronym), "an acronym key with a character outside a-z");
  FUZZ_CHECK(acronym.empty() || (acronym.size() >= 2 && acronym.size() <= 8), "acronym key length outside 2..8");
  const std::string stem = stem_hindi(word);
  if (is_valid_utf8(word)) FUZZ_CHECK(is_valid_utf8(stem), "stem_hindi made invalid UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace talash;
  const std::string_view text = fuzz::as_text(data, size);
  if (text.size() <= 256) {  // raw bytes as one word (the functions accept raw text)
    check_word(text);
    check_word(analysis::normalize_hindi(text));
  }
  for (const auto& t : analysis::split_words(text)) check_word(t.norm);
  return 0;
}
