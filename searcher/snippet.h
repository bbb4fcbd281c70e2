#pragma once
// Hindi-aware snippets: built from our own tokens (so normalization is the
// same as at index time), cut only at word boundaries, preferring whole
// sentences (। ॥ ? ! . and line breaks), length counted in letters not bytes.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "searcher/query_parser.h"

namespace talash::searcher {

struct SnippetFormat {
  std::string_view mark_open = "<mark>";
  std::string_view mark_close = "</mark>";
  bool escape_html = true;
  std::string_view ellipsis = "…";
};

struct SnippetOptions {
  std::size_t max_chars = 220;  // visible characters (vowel signs and virama do not count)
  SnippetFormat format;
};

// Decides whether a normalized word is a match (exact or by stem).
class MatchPredicate {
 public:
  MatchPredicate(const MatchTerms& terms, std::function<std::string(const std::string&)> stem)
      : terms_(terms), stem_(std::move(stem)) {}
  bool operator()(const std::string& norm) const;

 private:
  const MatchTerms& terms_;
  std::function<std::string(const std::string&)> stem_;
};

// The best passage of `text`: the run of sentences with the most distinct
// matched words that fits in max_chars (the lead when nothing matches).
std::string make_snippet(std::string_view text, const MatchPredicate& is_match, const SnippetOptions& options);

// The whole text with matches marked (for titles).
std::string highlight_all(std::string_view text, const MatchPredicate& is_match, const SnippetFormat& format);

// Text escaped for HTML (& < > " ').
void append_escaped_html(std::string& out, std::string_view text);

// Letters as a reader counts them: combining marks do not count.
std::size_t visible_length(std::string_view text);

}  // namespace talash::searcher
