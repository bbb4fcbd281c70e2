#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace talash::analysis {

enum class Script : std::uint8_t { Devanagari, Latin, Number, Other };

// One word of a text. begin/end are byte offsets into the ORIGINAL text
// (before normalization): text.substr(begin, end - begin) is exactly what the
// author wrote, which is what snippets highlight.
struct Token {
  std::string norm;            // normalize_hindi(original slice)
  std::size_t begin = 0;       // byte offset in the original text
  std::size_t end = 0;         // one past the last byte
  std::uint32_t position = 0;  // 0-based word index within the text
  std::uint32_t sentence = 0;  // 0-based sentence index within the text
  Script script = Script::Other;
};

}  // namespace talash::analysis
