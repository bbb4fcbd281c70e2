// split_words and split_sentences on arbitrary bytes: no crash, and the splitting
// contract of analysis/split_words.h holds: every token is a non-empty slice of the
// input, slices ascend without overlapping, a token's norm is normalize_hindi of its
// slice, positions count up from 0, sentence numbers step by 0 or 1, and each token
// lies inside the span of its sentence. For valid UTF-8, no letter or digit is left
// between tokens.
#include <unicode/uchar.h>

#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "analysis/utf8.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace talash;
  const std::string_view text = fuzz::as_text(data, size);
  const auto tokens = analysis::split_words(text);
  std::size_t prev_end = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    FUZZ_CHECK(t.begin < t.end && t.end <= text.size(), "token outside the text");
    FUZZ_CHECK(t.begin >= prev_end, "tokens overlap or go backwards");
    FUZZ_CHECK(!t.norm.empty(), "empty token");
    FUZZ_CHECK(t.norm == analysis::normalize_hindi(text.substr(t.begin, t.end - t.begin)), "norm is not the slice normalized");
    FUZZ_CHECK(t.position == i, "positions do not count up");
    FUZZ_CHECK(i == 0 ? t.sentence == 0 : t.sentence - tokens[i - 1].sentence <= 1, "sentence numbers jump");
    FUZZ_CHECK(t.script == analysis::script_of(t.norm), "script is not script_of(norm)");
    if (analysis::is_valid_utf8(text)) {
      for (std::size_t j = prev_end; j < t.begin;) {
        bool valid;
        const char32_t c = analysis::utf8::decode(text, j, valid);
        FUZZ_CHECK(!u_isalpha(static_cast<UChar32>(c)) && !u_isdigit(static_cast<UChar32>(c)),
                   "a letter or digit between tokens");
      }
    }
    prev_end = t.end;
  }

  const auto sentences = analysis::split_sentences(text);
  FUZZ_CHECK(sentences.size() == (tokens.empty() ? 0 : tokens.back().sentence + 1u), "sentence count differs");
  std::size_t sentence_end = 0;
  for (const auto& s : sentences) {
    FUZZ_CHECK(s.begin <= s.end && s.end <= text.size(), "sentence outside the text");
    FUZZ_CHECK(s.begin >= sentence_end, "sentences overlap");
    sentence_end = s.end;
  }
  for (const auto& t : tokens) {
    const auto& s = sentences[t.sentence];
    FUZZ_CHECK(s.begin <= t.begin && t.end <= s.end, "token outside its sentence");
  }
  return 0;
}
