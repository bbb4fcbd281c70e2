// The query language against a real index: Hindi operators, NEAR/n, SENT(),
// field filters, wildcards (searcher/query_parser.h). Small fixtures written
// here, indexed with the real indexer into a temp folder.
#include <gtest/gtest.h>

#include "tests/row_name.h"

#include "tests/searcher/index_fixture.h"

namespace talash::searcher {
namespace {

using test::ids_of;

std::string filler(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "बात ";
  return s;
}

// zzw + two letters: 150 different words, for the wildcard cap.
std::string many_words() {
  std::string s;
  for (char a = 'a'; a <= 'f'; ++a)
    for (char b = 'a'; b <= 'y'; ++b) s += std::string("zzw") + a + b + " ";
  return s;
}

std::string record(const std::string& id, const std::string& title, const std::string& body, const std::string& date,
                   const std::string& source) {
  return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"body\":\"" + body + "\",\"date\":\"" + date +
         "\",\"source\":\"" + source + "\"}\n";
}

class QueryLanguageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    std::string jsonl =
        record("same", "समझौता", "रूस और चीन ने समझौता किया। बाकी खबर बाद में।", "2024-06-15", "भारत वार्ता") +
        record("split", "बयान", "रूस ने बयान दिया। चीन ने जवाब दिया।", "2024-01-10", "दिल्ली दर्पण") +
        record("far", "लंबा वाक्य", "रूस " + filler(20) + "चीन के साथ है।", "2023-12-31T20:00:00+05:30", "भारत वार्ता") +
        record("russia", "रूस", "रूस की खबर।", "2022-02-24", "विश्व संवाद") +
        record("china", "चीन", "चीन की खबर।", "2021-05-05", "विश्व संवाद") +
        record("korea", "प्योंगयांग में बैठक", "किम जोंग उन प्योंगयांग में पुतिन से मिले।", "2024-06-19", "विश्व संवाद") +
        record("latin", "Pyongyang summit", "Pyongyang talks began.", "2025-01-02", "विश्व संवाद") +
        record("many1", "शब्द", many_words(), "2020-01-01", "x") + record("many2", "शब्द", many_words(), "2020-01-02", "x") +
        record("rare", "दुर्लभ", "zzwzzz", "2020-01-03", "x");
    auto input = dir_->write("ql.jsonl", jsonl);
    searcher_ = new Searcher(*Searcher::open(test::build_index(*dir_, {input.string()})));
  }
  static void TearDownTestSuite() {
    delete searcher_;
    delete dir_;
  }

  static std::expected<SearchResponse, SearchError> run(const std::string& q) {
    SearchRequest req;
    req.query = q;
    req.per_page = 50;
    req.collapse = false;  // some fixture articles are copies of each other on purpose
    return searcher_->search(req);
  }
  static std::set<std::string> ids(const std::string& q) {
    auto r = run(q);
    EXPECT_TRUE(r.has_value()) << q << ": " << r.error().message;
    return r ? ids_of(*r) : std::set<std::string>{"<error>"};
  }

  static test::TempDir* dir_;
  static Searcher* searcher_;
};
test::TempDir* QueryLanguageTest::dir_ = nullptr;
Searcher* QueryLanguageTest::searcher_ = nullptr;

struct RetrievalCase {
  const char* name;
  const char* query;
  std::set<std::string> expected;
};
void PrintTo(const RetrievalCase& c, std::ostream* os) { *os << c.name; }

class QueryLanguageRetrieval : public QueryLanguageTest, public ::testing::WithParamInterface<RetrievalCase> {};

TEST_P(QueryLanguageRetrieval, FindsExactlyTheseArticles) { EXPECT_EQ(ids(GetParam().query), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Features, QueryLanguageRetrieval,
    ::testing::Values(
        // Hindi operators
        RetrievalCase{"hindi_and", "रूस और चीन", {"same", "split", "far"}},
        RetrievalCase{"hindi_or", "रूस या चीन", {"same", "split", "far", "russia", "china"}},
        RetrievalCase{"hindi_not", "रूस नहीं चीन", {"russia"}},
        RetrievalCase{"running_text_is_words", "रूस और चीन ने समझौता", {"same", "split", "far", "russia", "china"}},
        // NEAR/n: words apart, never across a sentence end
        RetrievalCase{"near_2", "रूस NEAR/2 चीन", {"same"}},
        RetrievalCase{"near_1_too_close", "रूस NEAR/1 चीन", {}},
        RetrievalCase{"near_default_not_across_sentences", "रूस NEAR चीन", {"same"}},
        RetrievalCase{"near_21", "रूस NEAR/21 चीन", {"same", "far"}},
        RetrievalCase{"near_phrase", "\"किम जोंग उन\" NEAR/3 पुतिन", {"korea"}},
        RetrievalCase{"near_phrase_too_far", "\"किम जोंग उन\" NEAR/1 पुतिन", {}},
        // SENT(): same sentence, any distance within it
        RetrievalCase{"sent", "SENT(रूस चीन)", {"same", "far"}},
        RetrievalCase{"sent_three", "SENT(रूस चीन समझौता)", {"same"}},
        RetrievalCase{"sent_phrase", "SENT(\"किम जोंग उन\" पुतिन)", {"korea"}},
        RetrievalCase{"sent_other_sentence", "SENT(रूस जवाब)", {}},
        // phrases still work inside a sentence, and never span two
        RetrievalCase{"phrase_in_sentence", "\"बयान दिया\"", {"split"}},
        RetrievalCase{"phrase_across_sentence_end", "\"दिया चीन\"", {}},
        // filters
        RetrievalCase{"source", "रूस source:\"भारत वार्ता\"", {"same", "far"}},
        RetrievalCase{"not_source", "रूस -source:\"भारत वार्ता\"", {"split", "russia"}},
        RetrievalCase{"source_alone", "source:\"दिल्ली दर्पण\"", {"split"}},
        RetrievalCase{"person_by_hindi_name", "person:\"किम जोंग उन\"", {"korea"}},
        RetrievalCase{"person_by_latin_name", "person:\"Kim Jong Un\"", {"korea"}},
        RetrievalCase{"person_by_id", "person:kim-jong-un", {"korea"}},
        RetrievalCase{"place_by_hindi_name", "place:प्योंगयांग पुतिन", {"korea"}},
        RetrievalCase{"date_month", "रूस date:2024-06", {"same"}},
        RetrievalCase{"date_hindi_month", "रूस date:जून-2024", {"same"}},
        RetrievalCase{"date_day_devanagari", "date:१५-जून-२०२४", {"same"}},
        RetrievalCase{"date_range", "रूस date:2024-01..2024-06", {"same", "split"}},
        RetrievalCase{"date_open_end", "चीन date:2024..", {"same", "split"}},
        // 2023-12-31T20:00+05:30 is 14:30 UTC: still 2023.
        RetrievalCase{"date_open_start_utc", "चीन date:..2023-12", {"far", "china"}},
        // wildcards
        RetrievalCase{"wildcard_devanagari", "प्योंग*", {"korea"}},
        RetrievalCase{"wildcard_latin_any_case", "PYONG*", {"latin"}},
        RetrievalCase{"wildcard_title", "title:pyong*", {"latin"}},
        // 150 words start with zzw: the 100 most frequent (in two documents
        // each) are searched, the rarest (in one) is not.
        RetrievalCase{"wildcard_capped_to_most_frequent", "zzw*", {"many1", "many2"}},
        RetrievalCase{"wildcard_longer_prefix", "zzwz*", {"rare"}}),
    test::RowName{});

TEST_F(QueryLanguageTest, WildcardMatchesAreHighlighted) {
  SearchRequest req;
  req.query = "प्योंग*";
  auto r = searcher_->search(req);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_NE(r->hits[0].snippet_html.find("<mark>प्योंगयांग</mark>"), std::string::npos) << r->hits[0].snippet_html;
}

TEST_F(QueryLanguageTest, FiltersOnlyBrowseNewestFirst) {
  auto r = run("source:\"भारत वार्ता\"");
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_EQ(r->hits[0].id, "same");
  EXPECT_EQ(r->hits[1].id, "far");
}

// Malformed queries are a BadQuery with the character, never a Xapian error.
TEST_F(QueryLanguageTest, MalformedQueriesAreBadQueries) {
  for (const char* q : {"रूस NEAR/abc चीन", "foo:bar", "date:..", "date:2024-12..2024-01", "date:2024-13", "रूस AND",
                        "रूस NEAR", "SENT(रूस", "person:कोईनहीं", "रूस* NEAR चीन", "SENT(रूस* चीन)", "(रूस"}) {
    auto r = run(q);
    ASSERT_FALSE(r.has_value()) << q;
    EXPECT_EQ(r.error().code, SearchError::Code::BadQuery) << q << ": " << r.error().message;
    EXPECT_NE(r.error().message.find("(at character "), std::string::npos) << r.error().message;
  }
}

}  // namespace
}  // namespace talash::searcher
