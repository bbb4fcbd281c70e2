// Snippets on arbitrary text and queries. Input: one option byte, the query up to
// the first newline, then the article text. No crash; with HTML escaping on, the
// only markup in the output is balanced <mark>...</mark> and every & starts an
// entity; valid UTF-8 in gives valid UTF-8 out; for valid UTF-8, sentence_spans
// (snippets' own sentence cutter) equals analysis::split_sentences, as snippet.h
// promises.
#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "schema/stemmer.h"
#include "searcher/query_parser.h"
#include "searcher/snippet.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void check_html(std::string_view out) {
  constexpr std::string_view kOpen = "<mark>", kClose = "</mark>";
  bool open = false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string_view rest = out.substr(i);
    if (rest.starts_with(kOpen)) {
      FUZZ_CHECK(!open, "nested <mark>");
      open = true;
      i += kOpen.size() - 1;
    } else if (rest.starts_with(kClose)) {
      FUZZ_CHECK(open, "</mark> without <mark>");
      open = false;
      i += kClose.size() - 1;
    } else {
      const char c = out[i];
      FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'', "unescaped HTML character");
      if (c == '&')
        FUZZ_CHECK(rest.starts_with("&amp;") || rest.starts_with("&lt;") || rest.starts_with("&gt;") ||
                       rest.starts_with("&quot;") || rest.starts_with("&#39;"),
                   "& that starts no entity");
    }
  }
  FUZZ_CHECK(!open, "<mark> never closed");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace talash;
  if (size < 1) return 0;
  static Xapian::Stem stemmer = schema::make_stemmer();
  const unsigned char opt = data[0];
  const std::string_view rest = fuzz::as_text(data + 1, size - 1);
  const std::size_t nl = rest.find('\n');
  const std::string_view query = nl == std::string_view::npos ? rest : rest.substr(0, nl);
  const std::string_view text = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);

  searcher::MatchTerms terms;
  if (auto node = searcher::parse_query(query)) {
    searcher::QueryOptions qo;
    qo.default_op = searcher::DefaultOperator::Or;
    if (auto built = searcher::build_query(*node, qo, stemmer)) terms = built->highlight;
  }
  searcher::MatchPredicate is_match(terms, [](const std::string& w) { return stemmer(w); });

  static constexpr std::size_t kChars[] = {1, 12, 40, 100, 220, 600, 2000, 5};
  searcher::SnippetOptions options;
  options.max_chars = kChars[opt & 7];
  options.max_fragments = 1 + ((opt >> 3) & 3);  // 1..4
  const bool html = (opt & 0x20) == 0;
  if (!html) {
    options.format.escape_html = false;
    options.format.mark_open = "[";
    options.format.mark_close = "]";
  }
  const bool valid = analysis::is_valid_utf8(text);
  const std::string snippet = searcher::make_snippet(text, is_match, options);
  const std::string title = searcher::highlight_all(text, is_match, options.format);
  if (html) {
    check_html(snippet);
    check_html(title);
  }
  if (valid) {
    FUZZ_CHECK(analysis::is_valid_utf8(snippet), "snippet of valid UTF-8 is not valid UTF-8");
    FUZZ_CHECK(analysis::is_valid_utf8(title), "highlight of valid UTF-8 is not valid UTF-8");
  }
  (void)searcher::visible_length(text);

  // Stored bodies are valid UTF-8 (the indexer rejects anything else), and
  // snippet.cpp reads a stray byte as the code point of its value.
  if (!valid) return 0;
  const auto tokens = analysis::split_words(text);
  const auto spans = searcher::sentence_spans(text, tokens);
  const auto expected = analysis::split_sentences(text);
  FUZZ_CHECK(spans.size() == expected.size(), "sentence_spans and split_sentences count differently");
  for (std::size_t i = 0; i < spans.size(); ++i)
    FUZZ_CHECK(spans[i].begin == expected[i].begin && spans[i].end == expected[i].end,
               "sentence_spans and split_sentences cut differently");
  return 0;
}
