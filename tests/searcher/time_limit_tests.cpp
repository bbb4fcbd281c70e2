// Searches have a time limit (SearchLimits::search_time_limit): a query too
// costly to finish answers with the best documents found by then and says
// so. Nothing here asserts a duration: a limit of a nanosecond makes every
// match run out of time on any machine.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "indexer/index_job.h"
#include "searcher/query_parser.h"
#include "searcher/searcher.h"
#include "tests/searcher/index_fixture.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace talash::searcher {
namespace {

// A query of many different words that occur across the corpus: an OR that
// matches nearly every document (as hostile queries do), within the byte limit.
std::string broad_query(std::size_t max_bytes) {
  std::ifstream in(test::source_dir() / "corpus/articles.jsonl");
  std::string line, query;
  std::set<std::string> seen;
  while (std::getline(in, line)) {
    auto at = line.find("\"title\": \"");
    if (at == std::string::npos) continue;
    std::string title = line.substr(at + 10, line.find('"', at + 10) - at - 10);
    for (std::size_t i = 0, j; i < title.size(); i = j + 1) {
      j = title.find(' ', i);
      if (j == std::string::npos) j = title.size();
      std::string word = title.substr(i, j - i);
      if (word.size() < 4 || word.find_first_of(",:;\"'()") != std::string::npos || !seen.insert(word).second) continue;
      if (query.size() + word.size() + 1 > max_bytes) return query;
      query += (query.empty() ? "" : " ") + word;
    }
  }
  return query;
}

class TimeLimitTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    db_ = test::build_index(*dir_, {(test::source_dir() / "corpus/articles.jsonl").string()});
  }
  static void TearDownTestSuite() { delete dir_; }
  static Searcher open(double limit) {
    SearchLimits limits;
    limits.search_time_limit = limit;
    auto s = Searcher::open(db_, limits);
    if (!s) throw std::runtime_error(s.error());
    return std::move(*s);
  }
  static inline test::TempDir* dir_ = nullptr;
  static inline std::filesystem::path db_;
};

TEST_F(TimeLimitTest, AnExpensiveQueryAnswersWithTheBestFoundByThenAndSaysSo) {
  const std::string query = broad_query(1900);
  ASSERT_GT(query.size(), 1000u);
  SearchRequest req;
  req.query = query;
  req.per_page = 10;

  auto unlimited = open(0);
  SearchRequest all = req;
  all.per_page = 100;
  auto everything = unlimited.search(all);
  ASSERT_TRUE(everything) << everything.error().message;
  EXPECT_FALSE(everything->time_limited);
  ASSERT_GT(everything->total, 60u);  // the query is broad
  std::set<std::string> matching;
  for (const auto& h : everything->hits) matching.insert(h.id);

  auto limited = open(1e-9);
  auto cut = limited.search(req);
  ASSERT_TRUE(cut) << cut.error().message;
  EXPECT_TRUE(cut->time_limited);
  EXPECT_FALSE(cut->total_is_exact);
  EXPECT_FALSE(cut->facets_exact);
  ASSERT_FALSE(cut->hits.empty());
  EXPECT_LE(cut->hits.size(), req.per_page);
  EXPECT_GE(cut->total, cut->hits.size());
  for (const auto& h : cut->hits) {
    EXPECT_TRUE(matching.contains(h.id)) << h.id << " does not match the query";
    EXPECT_FALSE(h.snippet_html.empty()) << h.id;
  }
  for (std::size_t i = 1; i < cut->hits.size(); ++i) EXPECT_GE(cut->hits[i - 1].score, cut->hits[i].score);

  // The searcher is unharmed: a cheap query still answers in full.
  SearchRequest cheap;
  cheap.query = "\"बिजली व्यवस्था\"";
  auto after = limited.search(cheap);
  ASSERT_TRUE(after) << after.error().message;
  auto want = unlimited.search(cheap);
  ASSERT_TRUE(want);
  ASSERT_EQ(after->hits.size(), want->hits.size());
  EXPECT_EQ(after->hits[0].id, want->hits[0].id);
}

TEST_F(TimeLimitTest, DateOrderAndPagesAreCutTheSameWay) {
  auto limited = open(1e-9);
  SearchRequest req;
  req.query = broad_query(1500);
  req.sort = SortOrder::Newest;
  req.page = 2;
  req.per_page = 5;
  auto cut = limited.search(req);
  ASSERT_TRUE(cut) << cut.error().message;
  EXPECT_TRUE(cut->time_limited);
  for (std::size_t i = 1; i < cut->hits.size(); ++i) EXPECT_GE(cut->hits[i - 1].date, cut->hits[i].date);
  for (const auto& h : cut->hits) EXPECT_GE(h.rank, 6u);
}

TEST_F(TimeLimitTest, NoLimitMeansNoCut) {
  auto unlimited = open(0);
  SearchRequest req;
  req.query = broad_query(1900);
  auto full = unlimited.search(req);
  ASSERT_TRUE(full);
  EXPECT_FALSE(full->time_limited);
  auto generous = open(3600).search(req);
  ASSERT_TRUE(generous);
  EXPECT_FALSE(generous->time_limited);
  ASSERT_EQ(generous->hits.size(), full->hits.size());
  for (std::size_t i = 0; i < full->hits.size(); ++i) EXPECT_EQ(generous->hits[i].id, full->hits[i].id);
  EXPECT_EQ(generous->total, full->total);
}

// The hostile queries of the reliability checks on the 32k corpus: a
// 2000-byte OR, a wildcard on every letter. They answer, bounded.
TEST(TimeLimitCorpusTest, HostileQueriesOnTheLargeCorpusStillAnswer) {
  TALASH_REQUIRE_SHARED("data/corpus/hindi_mixed.jsonl");
  test::TempDir dir;
  auto db = test::build_corpus_slice(dir, 4, {});
  SearchLimits limits;
  limits.search_time_limit = 0.001;
  auto s = Searcher::open(db, limits);
  ASSERT_TRUE(s) << s.error();
  // As many wildcard words as the query parser takes (kMaxWildcards), each a common first letter.
  std::string wildcards;
  for (const char* letter : {"क", "ख", "ग", "च", "ज", "त", "द", "न", "प", "ब"})
    wildcards += std::string(wildcards.empty() ? "" : " ") + letter + "*";
  std::string latin;
  for (char a = 'a'; a < 'a' + static_cast<char>(kMaxWildcards); ++a) latin += std::string(latin.empty() ? "" : " ") + a + "*";
  {
    SearchRequest more;
    more.query = latin + " z*";
    auto r = s->search(more);
    ASSERT_FALSE(r) << "one wildcard word over the cap is refused";
    EXPECT_NE(r.error().message.find("at most"), std::string::npos) << r.error().message;
  }
  for (const std::string& q : {wildcards, latin, broad_query(1990)}) {
    SearchRequest req;
    req.query = q;
    auto r = s->search(req);
    ASSERT_TRUE(r) << q.substr(0, 40) << ": " << r.error().message;
    EXPECT_TRUE(r->time_limited) << q.substr(0, 40);
    EXPECT_FALSE(r->hits.empty()) << q.substr(0, 40);
  }
}

}  // namespace
}  // namespace talash::searcher
