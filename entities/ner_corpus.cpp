#include "entities/ner_corpus.h"

#include "analysis/normalize_hindi.h"

namespace talash::entities {

std::vector<NerToken> NerSentence::tokens() const {
  std::vector<NerToken> out(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) out[i] = NerToken{.norm = norms[i], .original = words[i]};
  return out;
}

std::expected<std::vector<NerSentence>, std::string> read_conll(std::string_view text, bool with_tags,
                                                                std::string_view name) {
  std::vector<NerSentence> sentences;
  NerSentence current;
  auto flush = [&] {
    if (!current.words.empty()) sentences.push_back(std::move(current));
    current = NerSentence{};
  };
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
      continue;
    }
    auto fail = [&](const std::string& reason) {
      return std::unexpected(std::string(name) + ":" + std::to_string(line_no) + ": " + reason);
    };
    if (!analysis::is_valid_utf8(line)) return fail("invalid UTF-8");
    const std::size_t tab = line.find('\t');
    const std::string_view word = line.substr(0, tab);
    if (word.empty()) return fail("empty token");
    if (with_tags) {
      if (tab == std::string_view::npos) return fail("no tag column (expected token<TAB>tag)");
      const std::string_view tag_name = line.substr(line.rfind('\t') + 1);
      const auto tag = ner_tag_from_string(tag_name);
      if (!tag) return fail("unknown tag '" + std::string(tag_name) + "' (O, B-/I-PER, B-/I-LOC, B-/I-ORG)");
      current.tags.push_back(*tag);
    }
    current.words.emplace_back(word);
    current.norms.push_back(analysis::normalize_hindi(word));
  }
  flush();
  return sentences;
}

}  // namespace talash::entities
