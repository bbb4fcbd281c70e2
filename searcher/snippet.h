#pragma once
// Hindi-aware snippets: built from our own tokens (so normalization is the
// same as at index time), cut only at word boundaries (so never inside a
// grapheme: matras, virama, nukta and ZWJ/ZWNJ stay with their letter),
// preferring whole sentences (। ॥ ? ! . and line breaks, as analysis::split_words
// numbers them), length counted in characters (grapheme clusters), not bytes.
//
// Up to max_fragments passages, chosen greedily: each next one is the
// sentence that adds the most query words not yet shown (a passage that only
// repeats shown words ranks below one that adds a word), cut around its
// matches when it is too long; what budget is left extends the passages with
// the sentences that follow them. Passages are printed in document order,
// joined with " … ".
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <vector>

#include "analysis/split_words.h"
#include "searcher/query_parser.h"

namespace talash::searcher {

struct SnippetFormat {
  std::string_view mark_open = "<mark>";
  std::string_view mark_close = "</mark>";
  bool escape_html = true;
  std::string_view ellipsis = "…";  // before/after a cut passage; " … " between passages
};

struct SnippetOptions {
  std::size_t max_chars = 220;  // characters (grapheme clusters) of text, separators not counted
  SnippetFormat format;
  std::size_t max_fragments = 3;
};

// Decides whether a normalized word is a match (exact, spelling variant or by
// stem), and which query word it stands for (its stem), so snippets can
// prefer passages that show different words.
class MatchPredicate {
 public:
  MatchPredicate(const MatchTerms& terms, std::function<std::string(const std::string&)> stem)
      : terms_(terms), stem_(std::move(stem)) {}
  bool operator()(const std::string& norm) const;
  // The stem of a matched word: two forms of one word share it.
  std::string key(const std::string& norm) const { return stem_ ? stem_(norm) : norm; }

 private:
  const MatchTerms& terms_;
  std::function<std::string(const std::string&)> stem_;
};

// The best passages of `text` (the lead when nothing matches).
std::string make_snippet(std::string_view text, const MatchPredicate& is_match, const SnippetOptions& options);

// The whole text with matches marked (for titles).
std::string highlight_all(std::string_view text, const MatchPredicate& is_match, const SnippetFormat& format);

// Text escaped for HTML (& < > " ').
void append_escaped_html(std::string& out, std::string_view text);

// Characters as a reader counts them: grapheme clusters as ICU's character
// break iterator makes them (aksharas): combining marks, virama, ZWJ/ZWNJ and
// a consonant joined by virama do not count (क्षि is one).
// (make_snippet's budget also counts a run of white space once.)
std::size_t visible_length(std::string_view text);

// The sentences of `text` given its split_words tokens: the same spans as
// analysis::split_sentences (the sentence numbers of the tokens decide where
// sentences break), without a second pass of the word break iterator.
std::vector<analysis::ByteSpan> sentence_spans(std::string_view text, const std::vector<analysis::Token>& tokens);

}  // namespace talash::searcher
