#include <gtest/gtest.h>

#include "tests/row_name.h"

#include "schema/stemmer.h"
#include "searcher/query_parser.h"

namespace talash::searcher {
namespace {

struct ParseCase {
  const char* name;
  const char* query;
  const char* expected;  // Xapian's description of the built query, or "error: <start of message>"
};

std::string parse_and_describe(const char* text, DefaultOperator op = DefaultOperator::Or) {
  auto parsed = parse_query(text);
  if (!parsed) return "error: " + parsed.error().message;
  Xapian::Stem stem = schema::make_stemmer();
  auto built = build_query(*parsed, QueryOptions{op}, stem);
  if (!built) return "error: " + built.error().message;
  return built->query.get_description();
}

class QueryParserTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(QueryParserTest, BuildsTheExpectedXapianQuery) {
  const auto& c = GetParam();
  std::string got = parse_and_describe(c.query);
  if (std::string_view(c.expected).starts_with("error: ")) EXPECT_TRUE(got.starts_with(c.expected)) << got;
  else EXPECT_EQ(got, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, QueryParserTest,
    ::testing::Values(
        ParseCase{"one_word", "रूस", "Query((रूस OR Zरूस))"},
        ParseCase{"words_are_alternatives", "किम जोंग", "Query(((किम OR Zकिम) OR (जोंग OR Zजोंग)))"},
        ParseCase{"normalized_like_documents", "पढ़ें", "Query((पढें OR Zपढ))"},
        ParseCase{"devanagari_digits", "१०,०००", "Query((10,000 OR Z10,000))"},
        ParseCase{"latin_case_folded_and_stemmed", "Running", "Query((running OR Zrun))"},
        ParseCase{"stopword_dropped_beside_content", "रूस के", "Query((रूस OR Zरूस))"},
        ParseCase{"only_stopwords_kept", "के", "Query((के OR Zके))"},
        ParseCase{"phrase", "\"किम जोंग उन\"", "Query((किम PHRASE 3 जोंग PHRASE 3 उन))"},
        ParseCase{"stopword_kept_in_phrase", "\"रूस के\"", "Query((रूस PHRASE 2 के))"},
        ParseCase{"quoted_word_is_exact", "\"पढ़ें\"", "Query(पढें)"},
        ParseCase{"curly_quotes", "\u201Cकिम जोंग\u201D", "Query((किम PHRASE 2 जोंग))"},
        ParseCase{"unclosed_quote_runs_to_end", "\"किम जोंग", "Query((किम PHRASE 2 जोंग))"},
        ParseCase{"hyphenated_is_phrase", "रूस-यूक्रेन", "Query((रूस PHRASE 2 यूक्रेन))"},
        ParseCase{"plus_is_must", "+रूस कोरिया", "Query(((रूस OR Zरूस) AND_MAYBE (कोरिया OR Zकोरिय)))"},
        ParseCase{"minus_is_must_not", "रूस -चीन", "Query(((रूस OR Zरूस) AND_NOT (चीन OR Zचीन)))"},
        ParseCase{"and_operator", "रूस AND चीन", "Query(((रूस OR Zरूस) AND (चीन OR Zचीन)))"},
        ParseCase{"not_operator", "रूस NOT चीन", "Query(((रूस OR Zरूस) AND_NOT (चीन OR Zचीन)))"},
        ParseCase{"or_operator", "रूस OR चीन", "Query(((रूस OR Zरूस) OR (चीन OR Zचीन)))"},
        ParseCase{"lowercase_and_is_a_word", "rus and chin", "Query(((rus OR Zrus) OR (chin OR Zchin)))"},
        ParseCase{"grouping", "(रूस OR चीन) AND कोरिया",
                  "Query((((रूस OR Zरूस) OR (चीन OR Zचीन)) AND (कोरिया OR Zकोरिय)))"},
        ParseCase{"title_field", "title:रूस", "Query((Sरूस OR ZSरूस))"},
        ParseCase{"title_phrase", "title:\"उत्तर कोरिया\"", "Query((Sउत्तर PHRASE 2 Sकोरिया))"},
        ParseCase{"unknown_field_is_a_phrase_like_any_joined_words", "foo:रूस", "Query((foo PHRASE 2 रूस))"},
        ParseCase{"punctuation_only_matches_all", " - : ", "Query(<alldocuments>)"},
        ParseCase{"empty_matches_all", "", "Query(<alldocuments>)"},
        ParseCase{"unbalanced_open", "(रूस चीन", "error: '(' is never closed"},
        ParseCase{"unbalanced_close", "रूस) चीन", "error: unmatched ')'"},
        ParseCase{"dangling_and", "रूस AND", "error: AND needs words on both sides"},
        ParseCase{"leading_or", "OR रूस", "error: OR needs words on both sides"},
        ParseCase{"only_negative", "-रूस", "error: a query cannot only exclude words"}),
    test::RowName{});

TEST(QueryParserDefaultAnd, PlainWordsBecomeRequired) {
  EXPECT_EQ(parse_and_describe("किम जोंग", DefaultOperator::And), "Query(((किम OR Zकिम) AND (जोंग OR Zजोंग)))");
}

TEST(QueryParserHighlight, CollectsWordsAndStemsButNotExcluded) {
  auto parsed = parse_query("किताबें \"रूस के\" -चीन");
  ASSERT_TRUE(parsed.has_value());
  Xapian::Stem stem = schema::make_stemmer();
  auto built = build_query(*parsed, {}, stem);
  ASSERT_TRUE(built.has_value());
  std::string words, stems;
  for (const auto& w : built->highlight.words) words += w + " ";
  for (const auto& s : built->highlight.stems) stems += s + " ";
  EXPECT_EQ(words, "किताबें के रूस ");
  EXPECT_EQ(stems, "किताब के रूस ");
}

}  // namespace
}  // namespace talash::searcher
