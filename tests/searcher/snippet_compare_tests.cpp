// Our snippets against Xapian's MSet::snippet() on the dev headline queries,
// over a slice of the 32k-document corpus (every 4th document plus the
// headline targets), indexed with the real indexer. For each of the top 10
// hits of each query, both make a snippet of the stored body in the same
// number of bytes; we measure, on the same terms for both:
//   - the share that shows at least one query word (a form the query's
//     MatchPredicate accepts: the word, its stem, its spelling variants);
//   - the share with a passage cut inside a word (must be 0 for ours);
//   - the share whose last passage ends at a sentence end when that sentence
//     fits in the budget.
// The figures are printed and recorded as test properties.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <cstdlib>
#include <set>
#include <sstream>

#include "analysis/split_words.h"
#include "entities/entity_tagger.h"
#include "entities/gazetteer.h"
#include "schema/stemmer.h"
#include "searcher/query_parser.h"
#include "searcher/snippet.h"
#include "searcher/variant_lookup.h"
#include "tests/searcher/index_fixture.h"

namespace talash::searcher {
namespace {

constexpr const char* kCorpus = "data/corpus/hindi_mixed.jsonl";
constexpr const char* kTopics = "data/eval/dev/headline.topics.tsv";
constexpr const char* kQrels = "data/eval/dev/headline.qrels";
constexpr char kOpen = '\x01';
constexpr char kClose = '\x02';
constexpr std::string_view kEllipsis = "…";

std::vector<std::pair<std::string, std::string>> read_pairs(const std::filesystem::path& path) {
  std::vector<std::pair<std::string, std::string>> out;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const auto tab2 = line.find('\t', tab + 1);
    out.emplace_back(line.substr(0, tab), line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1));
  }
  return out;
}

std::string unescape_html(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      bool done = false;
      for (auto [from, to] : {std::pair<std::string_view, char>{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
                              {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''}}) {
        if (s.substr(i, from.size()) == from) {
          out += to;
          i += from.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out += s[i];
  }
  return out;
}

std::string without_marks(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != kOpen && c != kClose) out += c;
  return out;
}

// White space runs as one space, with each output byte's offset in the original.
struct Collapsed {
  std::string text;
  std::vector<std::size_t> at;  // at[i]: original offset of text[i]; at[size] = end
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'; }

// Byte length of the white space character at s[i] (the snippet's render
// collapses Unicode white space, NBSP included), 0 when there is none.
std::size_t space_at(std::string_view s, std::size_t i) {
  if (is_space(s[i])) return 1;
  auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  if (b(0) == 0xC2 && (b(1) == 0xA0 || b(1) == 0x85)) return 2;
  if (b(0) == 0xE2 && b(1) == 0x80 && ((b(2) >= 0x80 && b(2) <= 0x8A) || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF))
    return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;
  return 0;
}

Collapsed collapse(std::string_view s) {
  Collapsed c;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    if (const std::size_t n = space_at(s, i)) {
      if (!space) {
        c.text += ' ';
        c.at.push_back(i);
      }
      space = true;
      i += n;
      continue;
    }
    space = false;
    c.text += s[i];
    c.at.push_back(i);
    ++i;
  }
  c.at.push_back(s.size());
  return c;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

struct Body {
  std::string_view text;
  Collapsed collapsed;
  std::vector<analysis::Token> tokens;
  std::vector<analysis::ByteSpan> sentences;
};

// Whether byte offset `x` of the body falls strictly inside a word.
bool inside_word(const Body& b, std::size_t x) {
  auto it = std::upper_bound(b.tokens.begin(), b.tokens.end(), x,
                             [](std::size_t v, const analysis::Token& t) { return v < t.begin; });
  if (it == b.tokens.begin()) return false;
  --it;
  return it->begin < x && x < it->end;
}

struct Figures {
  std::size_t snippets = 0, with_word = 0, marked = 0, cut_in_word = 0, unlocated = 0;
  std::size_t sentence_fits = 0, ends_at_sentence = 0, query_words = 0;
  double micros = 0;

  void add(const Body& body, std::string_view snippet, const MatchPredicate& is_match, std::size_t max_chars) {
    ++snippets;
    if (snippet.find(kOpen) != std::string_view::npos) ++marked;
    const std::string plain = without_marks(snippet);
    std::set<std::string> keys;  // the different query words shown
    for (const auto& t : analysis::split_words(plain))
      if (is_match(t.norm)) keys.insert(is_match.key(t.norm));
    with_word += !keys.empty();
    query_words += keys.size();
    // The passages between ellipses, found in the body.
    std::vector<std::string> pieces;
    for (std::size_t start = 0;;) {
      const std::size_t e = plain.find(kEllipsis, start);
      std::string piece = trimmed(std::string_view(plain).substr(start, e == std::string::npos ? std::string::npos : e - start));
      if (!piece.empty()) pieces.push_back(collapse(piece).text);
      if (e == std::string::npos) break;
      start = e + kEllipsis.size();
    }
    bool cut = false, located = true;
    std::size_t last_end = std::string::npos;
    for (const auto& piece : pieces) {
      bool found = false, clean = false;
      std::size_t end_of_first = 0;
      for (std::size_t at = body.collapsed.text.find(piece); at != std::string::npos && !clean;
           at = body.collapsed.text.find(piece, at + 1)) {
        const std::size_t b = body.collapsed.at[at];
        const std::size_t e = body.collapsed.at[at + piece.size() - 1] + 1;
        if (!found) end_of_first = e;
        found = true;
        if (!inside_word(body, b) && !inside_word(body, e)) {
          clean = true;
          end_of_first = e;
        }
      }
      if (!found && std::getenv("SNIPPET_DEBUG")) {
        std::size_t n = piece.size();
        while (n > 0 && body.collapsed.text.find(piece.substr(0, n)) == std::string::npos) --n;
        const std::size_t at = body.collapsed.text.find(piece.substr(0, n));
        std::cerr << "unlocated after " << n << " bytes: piece has [" << piece.substr(n, 12) << "] body has ["
                  << body.collapsed.text.substr(at + n, 12) << "]\n";
      }
      if (!found) located = false;
      else if (!clean) cut = true;
      last_end = found ? end_of_first : std::string::npos;
    }
    if (!located) ++unlocated;
    cut_in_word += cut;
    if (last_end != std::string::npos) {
      for (const auto& s : body.sentences) {
        if (!(s.begin < last_end && last_end <= s.end + 1)) continue;
        if (visible_length(body.text.substr(s.begin, s.end - s.begin)) <= max_chars) {
          ++sentence_fits;
          ends_at_sentence += last_end >= s.end;
        }
        break;
      }
    }
  }

  static double share(std::size_t a, std::size_t b) { return b ? static_cast<double>(a) / b : 0; }
  std::string report(const std::string& who) const {
    std::ostringstream o;
    o << who << ": snippets=" << snippets << " with_query_word=" << share(with_word, snippets)
      << " query_words_shown=" << share(query_words, snippets) << " highlighted=" << share(marked, snippets) << " cut_inside_word=" << share(cut_in_word, snippets)
      << " ends_at_sentence_when_it_fits=" << share(ends_at_sentence, sentence_fits) << " (of " << sentence_fits
      << ") unlocated=" << unlocated << " us_per_snippet=" << (snippets ? micros / snippets : 0);
    return o.str();
  }
};

class SnippetCompareTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!test::has_shared(kCorpus) || !test::has_shared(kTopics) || !test::has_shared(kQrels)) return;
    std::set<std::string> targets;
    for (auto& [q, doc] : read_pairs(test::shared_dir() / kQrels)) targets.insert(doc);
    dir_ = new test::TempDir;
    test::build_corpus_slice(*dir_, 4, targets);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    TALASH_REQUIRE_SHARED(kCorpus);
    TALASH_REQUIRE_SHARED(kTopics);
    TALASH_REQUIRE_SHARED(kQrels);
  }
  static test::TempDir* dir_;
};
test::TempDir* SnippetCompareTest::dir_ = nullptr;

TEST_F(SnippetCompareTest, OursAgainstXapianMSetSnippetOnHeadlineQueries) {
  auto searcher = Searcher::open(*dir_ / "db");
  ASSERT_TRUE(searcher.has_value());
  Xapian::Database db((*dir_ / "db").string());
  Xapian::Stem stemmer = schema::make_stemmer();
  const entities::EntityTagger tagger(entities::Gazetteer::builtin());
  IndexVariantLookup variants(db, &tagger);
  QueryOptions qopts{DefaultOperator::Or};
  qopts.variants = &variants;
  const SnippetOptions defaults;  // what the searcher uses
  SnippetOptions plain{.max_chars = defaults.max_chars, .format = {"\x01", "\x02", false, kEllipsis}};

  Figures ours, xapian;
  std::size_t same_as_searcher = 0, spans_differ = 0, hits = 0;
  for (auto& [qid, text] : read_pairs(test::shared_dir() / kTopics)) {
    SearchRequest req;
    req.query = text;
    req.want_facets = false;
    auto r = searcher->search(req);
    ASSERT_TRUE(r.has_value()) << qid;
    auto parsed = parse_query(text);
    ASSERT_TRUE(parsed.has_value()) << qid;
    auto built = build_query(*parsed, qopts, stemmer);
    ASSERT_TRUE(built.has_value()) << qid;
    Xapian::Enquire enquire(db);
    enquire.set_query(built->query);
    Xapian::MSet mset = enquire.get_mset(0, 10);
    MatchPredicate is_match(built->highlight, [&](const std::string& w) { return stemmer(w); });
    for (const auto& hit : r->hits) {
      auto article = searcher->find_document(hit.id);
      if (!article || article->body.empty()) continue;
      ++hits;
      Body body{article->body, collapse(article->body), analysis::split_words(article->body),
                analysis::split_sentences(article->body)};
      auto spans = sentence_spans(body.text, body.tokens);
      bool same = spans.size() == body.sentences.size();
      for (std::size_t i = 0; same && i < spans.size(); ++i)
        same = spans[i].begin == body.sentences[i].begin && spans[i].end == body.sentences[i].end;
      spans_differ += !same;

      auto t0 = std::chrono::steady_clock::now();
      const std::string mine = make_snippet(body.text, is_match, plain);
      auto t1 = std::chrono::steady_clock::now();
      ours.micros += std::chrono::duration<double, std::micro>(t1 - t0).count();
      same_as_searcher += make_snippet(body.text, is_match, defaults) == hit.snippet_html;
      ours.add(body, mine, is_match, defaults.max_chars);

      // The same number of bytes of text for Xapian.
      std::string mine_text = without_marks(mine);
      for (std::size_t at; (at = mine_text.find(kEllipsis)) != std::string::npos;) mine_text.erase(at, kEllipsis.size());
      t0 = std::chrono::steady_clock::now();
      const std::string theirs = unescape_html(mset.snippet(std::string(body.text), trimmed(mine_text).size(), stemmer,
                                                            Xapian::MSet::SNIPPET_BACKGROUND_MODEL |
                                                                Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                            "\x01", "\x02", std::string(kEllipsis)));
      t1 = std::chrono::steady_clock::now();
      xapian.micros += std::chrono::duration<double, std::micro>(t1 - t0).count();
      xapian.add(body, theirs, is_match, defaults.max_chars);
    }
  }
  const std::string a = ours.report("ours"), b = xapian.report("xapian MSet::snippet");
  std::cout << "[ snippets ] headline dev, top 10 hits, " << hits << " snippets each\n"
            << "[ snippets ] " << a << "\n[ snippets ] " << b << "\n"
            << "[ snippets ] searcher's snippet_html reproduced: " << same_as_searcher << "/" << hits
            << ", sentence_spans != split_sentences: " << spans_differ << "\n";
  RecordProperty("ours", a);
  RecordProperty("xapian", b);
  ASSERT_GT(hits, 1000u);
  EXPECT_EQ(spans_differ, 0u);
  EXPECT_EQ(same_as_searcher, hits);
  EXPECT_GE(ours.with_word, xapian.with_word);
  EXPECT_EQ(ours.cut_in_word, 0u);
  EXPECT_EQ(ours.unlocated, 0u);
}

}  // namespace
}  // namespace talash::searcher
