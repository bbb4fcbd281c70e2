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

// Weights that print exactly (Xapian prints 0.1 as 0.10000000000000000555),
// so the canonical strings stay readable; the shipped defaults are guarded by
// the relevance floor in tests/searcher/relevance_tests.cpp.
std::string parse_and_describe(const char* text, DefaultOperator op = DefaultOperator::Or) {
  auto parsed = parse_query(text);
  if (!parsed) return "error: " + parsed.error().message;
  Xapian::Stem stem = schema::make_stemmer();
  QueryOptions options{.default_op = op, .exact_bonus = 0.5, .proximity_window = 6, .proximity_weight = 0.25};
  auto built = build_query(*parsed, options, stem);
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
        ParseCase{"one_word", "रूस", "Query(((रूस SYNONYM Zरूस) OR 0.5 * रूस))"},
        ParseCase{"words_are_alternatives", "किम जोंग", "Query(((((किम SYNONYM Zकिम) OR 0.5 * किम) OR ((जोंग SYNONYM Zजोंग) OR 0.5 * जोंग)) AND_MAYBE 0.25 * (किम NEAR 6 जोंग)))"},
        ParseCase{"normalized_like_documents", "पढ़ें", "Query(((पढें SYNONYM Zपढ) OR 0.5 * पढें))"},
        ParseCase{"devanagari_digits", "१०,०००", "Query(((10,000 SYNONYM Z10,000) OR 0.5 * 10,000))"},
        ParseCase{"latin_case_folded_and_stemmed", "Running", "Query(((running SYNONYM Zrun) OR 0.5 * running))"},
        ParseCase{"stopword_dropped_beside_content", "रूस के", "Query(((रूस SYNONYM Zरूस) OR 0.5 * रूस))"},
        ParseCase{"only_stopwords_kept", "के", "Query(((के SYNONYM Zके) OR 0.5 * के))"},
        ParseCase{"proximity_skips_stopwords", "किम के जोंग",
                  "Query(((((किम SYNONYM Zकिम) OR 0.5 * किम) OR ((जोंग SYNONYM Zजोंग) OR 0.5 * जोंग)) AND_MAYBE 0.25 * (किम NEAR 6 जोंग)))"},
        ParseCase{"proximity_pairs_each_neighbour", "रूस कोरिया चीन",
                  "Query(((((रूस SYNONYM Zरूस) OR 0.5 * रूस) OR ((कोरिया SYNONYM Zकोरिय) OR 0.5 * कोरिया) OR ((चीन SYNONYM Zचीन) OR 0.5 * चीन)) AND_MAYBE 0.25 * ((रूस NEAR 6 कोरिया) OR (कोरिया NEAR 6 चीन))))"},
        ParseCase{"phrase", "\"किम जोंग उन\"", "Query((किम PHRASE 3 जोंग PHRASE 3 उन))"},
        ParseCase{"stopword_kept_in_phrase", "\"रूस के\"", "Query((रूस PHRASE 2 के))"},
        ParseCase{"quoted_word_is_exact", "\"पढ़ें\"", "Query(पढें)"},
        ParseCase{"curly_quotes", "\u201Cकिम जोंग\u201D", "Query((किम PHRASE 2 जोंग))"},
        ParseCase{"unclosed_quote_runs_to_end", "\"किम जोंग", "Query((किम PHRASE 2 जोंग))"},
        ParseCase{"hyphenated_is_phrase_or_whole", "रूस-यूक्रेन", "Query(((रूस PHRASE 2 यूक्रेन) SYNONYM रूसयूक्रेन))"},
        ParseCase{"abbreviation_also_without_dots", "U.S.", "Query(((u.s SYNONYM Zu.s SYNONYM us) OR 0.5 * u.s))"},
        ParseCase{"plus_is_must", "+रूस कोरिया", "Query(((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND_MAYBE ((कोरिया SYNONYM Zकोरिय) OR 0.5 * कोरिया)) AND_MAYBE 0.25 * (रूस NEAR 6 कोरिया)))"},
        ParseCase{"minus_is_must_not", "रूस -चीन", "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND_NOT ((चीन SYNONYM Zचीन) OR 0.5 * चीन)))"},
        ParseCase{"and_operator", "रूस AND चीन", "Query(((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND ((चीन SYNONYM Zचीन) OR 0.5 * चीन)) AND_MAYBE 0.25 * (रूस NEAR 6 चीन)))"},
        ParseCase{"not_operator", "रूस NOT चीन", "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND_NOT ((चीन SYNONYM Zचीन) OR 0.5 * चीन)))"},
        ParseCase{"or_operator", "रूस OR चीन", "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) OR ((चीन SYNONYM Zचीन) OR 0.5 * चीन)))"},
        ParseCase{"lowercase_and_is_a_word", "rus and chin", "Query(((((rus SYNONYM Zrus) OR 0.5 * rus) OR ((chin SYNONYM Zchin) OR 0.5 * chin)) AND_MAYBE 0.25 * (rus NEAR 6 chin)))"},
        ParseCase{"grouping", "(रूस OR चीन) AND कोरिया",
                  "Query(((((रूस SYNONYM Zरूस) OR 0.5 * रूस) OR ((चीन SYNONYM Zचीन) OR 0.5 * चीन)) AND ((कोरिया SYNONYM Zकोरिय) OR 0.5 * कोरिया)))"},
        ParseCase{"title_field", "title:रूस", "Query(((Sरूस SYNONYM ZSरूस) OR 0.5 * Sरूस))"},
        ParseCase{"title_phrase", "title:\"उत्तर कोरिया\"", "Query((Sउत्तर PHRASE 2 Sकोरिया))"},
        ParseCase{"unknown_field_is_an_error", "foo:रूस", "error: unknown field 'foo:'"},
        ParseCase{"quoted_unknown_field_is_words", "\"foo:रूस\"", "Query((foo PHRASE 2 रूस))"},
        ParseCase{"upper_case_before_colon_is_text", "WHO:रूस", "Query((who PHRASE 2 रूस))"},
        ParseCase{"punctuation_only_matches_all", " - : ", "Query(<alldocuments>)"},
        ParseCase{"empty_matches_all", "", "Query(<alldocuments>)"},
        ParseCase{"unbalanced_open", "(रूस चीन", "error: '(' is never closed"},
        ParseCase{"unbalanced_close", "रूस) चीन", "error: unmatched ')'"},
        ParseCase{"dangling_and", "रूस AND", "error: AND needs words on both sides"},
        ParseCase{"leading_or", "OR रूस", "error: OR needs words on both sides"},
        ParseCase{"only_negative", "-रूस", "error: a query cannot only exclude words"}),
    test::RowName{});

// Query language 2: Hindi operators, NEAR, SENT, filters, wildcards, errors.
INSTANTIATE_TEST_SUITE_P(
    Journalist, QueryParserTest,
    ::testing::Values(
        // और / या / नहीं: operators only where every term is joined by an operator.
        ParseCase{"hindi_and", "रूस और चीन", 
                  "Query(((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND ((चीन SYNONYM Zचीन) OR 0.5 * चीन)) AND_MAYBE 0.25 * (रूस NEAR 6 चीन)))"},
        ParseCase{"hindi_or", "रूस या चीन", 
                  "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) OR ((चीन SYNONYM Zचीन) OR 0.5 * चीन)))"},
        ParseCase{"hindi_not", "रूस नहीं चीन", 
                  "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND_NOT ((चीन SYNONYM Zचीन) OR 0.5 * चीन)))"},
        ParseCase{"hindi_or_chain_in_group", "(रूस या चीन) और कोरिया", 
                  "Query(((((रूस SYNONYM Zरूस) OR 0.5 * रूस) OR ((चीन SYNONYM Zचीन) OR 0.5 * चीन)) AND ((कोरिया SYNONYM Zकोरिय) OR 0.5 * कोरिया)))"},
        ParseCase{"hindi_and_in_running_text_is_a_word", "भारत और पाकिस्तान के बीच", 
                  "Query(((((भारत SYNONYM Zभारत) OR 0.5 * भारत) OR ((पाकिस्तान SYNONYM Zपाकिस्तान) OR 0.5 * पाकिस्तान) OR ((बीच SYNONYM Zबीच) OR 0.5 * बीच)) AND_MAYBE 0.25 * ((भारत NEAR 6 पाकिस्तान) OR (पाकिस्तान NEAR 6 बीच))))"},
        ParseCase{"lone_aur_is_a_word", "और", 
                  "Query(((और SYNONYM Zऔर) OR 0.5 * और))"},
        ParseCase{"leading_aur_is_a_word", "और चीन", 
                  "Query(((चीन SYNONYM Zचीन) OR 0.5 * चीन))"},
        ParseCase{"trailing_ya_is_a_word", "रूस या", 
                  "Query(((रूस SYNONYM Zरूस) OR 0.5 * रूस))"},
        ParseCase{"hindi_operator_beside_latin_operator", "रूस AND चीन या कोरिया", 
                  "Query((((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND ((चीन SYNONYM Zचीन) OR 0.5 * चीन)) AND_MAYBE 0.25 * (रूस NEAR 6 चीन)) OR ((कोरिया SYNONYM Zकोरिय) OR 0.5 * कोरिया)))"},
        ParseCase{"signed_aur_is_a_word", "रूस +और चीन", 
                  "Query(((((और SYNONYM Zऔर) OR 0.5 * और) AND_MAYBE (((रूस SYNONYM Zरूस) OR 0.5 * रूस) OR ((चीन SYNONYM Zचीन) OR 0.5 * चीन))) AND_MAYBE 0.25 * ((रूस NEAR 6 और) OR (और NEAR 6 चीन))))"},
        // NEAR/n: n words apart -> Xapian window n + 1.
        ParseCase{"near_n", "रूस NEAR/5 चीन", 
                  "Query((रूस NEAR 6 चीन))"},
        ParseCase{"near_default_10", "रूस NEAR चीन", 
                  "Query((रूस NEAR 11 चीन))"},
        ParseCase{"near_devanagari_digits", "रूस NEAR/५ चीन", 
                  "Query((रूस NEAR 6 चीन))"},
        ParseCase{"near_phrase_operand", "\"उत्तर कोरिया\" NEAR/3 रूस", 
                  "Query(((उत्तर NEAR 5 कोरिया NEAR 5 रूस) FILTER (उत्तर PHRASE 2 कोरिया)))"},
        ParseCase{"near_chain", "रूस NEAR/2 चीन NEAR/4 कोरिया", 
                  "Query((रूस NEAR 5 चीन NEAR 5 कोरिया))"},
        ParseCase{"near_with_other_words", "पुतिन रूस NEAR/5 चीन", 
                  "Query((((पुतिन SYNONYM Zपुतिन) OR 0.5 * पुतिन) OR (रूस NEAR 6 चीन)))"},
        ParseCase{"excluded_near", "पुतिन -रूस NEAR/5 चीन", 
                  "Query((((पुतिन SYNONYM Zपुतिन) OR 0.5 * पुतिन) AND_NOT (रूस NEAR 6 चीन)))"},
        // SENT(): NEAR with the sentence gap as window.
        ParseCase{"sent_words", "SENT(पुतिन किम)", 
                  "Query((पुतिन NEAR 100 किम))"},
        ParseCase{"sent_phrase", "SENT(\"किम जोंग उन\" पुतिन)", 
                  "Query(((किम NEAR 100 जोंग NEAR 100 उन NEAR 100 पुतिन) FILTER (किम PHRASE 3 जोंग PHRASE 3 उन)))"},
        ParseCase{"sent_keeps_stopwords_and_drops_repeats", "SENT(रूस और रूस चीन)", 
                  "Query((रूस NEAR 100 और NEAR 100 चीन))"},
        ParseCase{"sent_lower_case_is_a_word", "sent(रूस)", 
                  "Query((((sent SYNONYM Zsent) OR 0.5 * sent) OR ((रूस SYNONYM Zरूस) OR 0.5 * रूस)))"},
        // Filters: no weight, OP_FILTER.
        ParseCase{"source_filter", "रूस source:\"भारत वार्ता\"", 
                  "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) FILTER XSभारत वार्ता))"},
        ParseCase{"source_alone", "source:bbc", 
                  "Query((<alldocuments> FILTER XSbbc))"},
        ParseCase{"sources_either", "रूस (source:a OR source:b)", 
                  "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) FILTER ((<alldocuments> FILTER XSa) OR (<alldocuments> FILTER XSb))))"},
        ParseCase{"excluded_source", "रूस -source:bbc", 
                  "Query((((रूस SYNONYM Zरूस) OR 0.5 * रूस) AND_NOT XSbbc))"},
        ParseCase{"person_by_id", "person:kim-jong-un", 
                  "Query((<alldocuments> FILTER XPkim-jong-un))"},
        ParseCase{"person_by_hindi_label", "person:\"किम जोंग उन\"", 
                  "Query((<alldocuments> FILTER XPkim-jong-un))"},
        ParseCase{"person_by_latin_alias_any_case", "person:\"Kim Jong-un\"", 
                  "Query((<alldocuments> FILTER XPkim-jong-un))"},
        ParseCase{"person_by_alias_with_nukta", "person:बेलूसोव", 
                  "Query((<alldocuments> FILTER XPandrei-belousov))"},
        ParseCase{"place_by_latin_label", "place:Pyongyang", 
                  "Query((<alldocuments> FILTER XLpyongyang))"},
        ParseCase{"org_by_alias", "org:KCNA", 
                  "Query((<alldocuments> FILTER XOkcna))"},
        ParseCase{"unlisted_person_id", "person:x-per-ramesh", 
                  "Query((<alldocuments> FILTER XPx-per-ramesh))"},
        ParseCase{"date_year", "date:2024", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240101000000 20241231235959))"},
        ParseCase{"date_month", "date:2024-06", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240601000000 20240631235959))"},
        ParseCase{"date_day", "date:2024-06-15", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240615000000 20240615235959))"},
        ParseCase{"date_range", "date:2024-06..2024-12", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240601000000 20241231235959))"},
        ParseCase{"date_open_end", "date:2024..", 
                  "Query((<alldocuments> FILTER VALUE_GE 0 20240101000000))"},
        ParseCase{"date_open_start", "date:..2023-12", 
                  "Query((<alldocuments> FILTER VALUE_LE 0 20231231235959))"},
        ParseCase{"date_devanagari_digits", "date:२०२४-०६", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240601000000 20240631235959))"},
        ParseCase{"date_hindi_month", "date:जून-2024", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240601000000 20240631235959))"},
        ParseCase{"date_hindi_day_month", "date:15-जून-२०२४", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240615000000 20240615235959))"},
        ParseCase{"date_hindi_month_range", "date:जनवरी-2024..मार्च-2024", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240101000000 20240331235959))"},
        ParseCase{"date_leap_day", "date:2024-02-29", 
                  "Query((<alldocuments> FILTER VALUE_RANGE 0 20240229000000 20240229235959))"},
        // word*: exact word terms, the 100 most frequent.
        ParseCase{"wildcard_devanagari", "रूस*", 
                  "Query(WILDCARD SYNONYM रूस)"},
        ParseCase{"wildcard_latin_normalized", "Pyong*", 
                  "Query(WILDCARD SYNONYM pyong)"},
        ParseCase{"wildcard_title", "title:कोरि*", 
                  "Query(WILDCARD SYNONYM Sकोरि)"},
        ParseCase{"wildcard_beside_word", "कोरि* पुतिन", 
                  "Query((WILDCARD SYNONYM कोरि OR ((पुतिन SYNONYM Zपुतिन) OR 0.5 * पुतिन)))"},
        ParseCase{"lone_star_is_punctuation", "*", "Query(<alldocuments>)"},
        // Errors point at the problem.
        ParseCase{"near_abc", "रूस NEAR/abc चीन", "error: NEAR/n needs a number n from 1 to 50, got 'abc'"},
        ParseCase{"near_zero", "रूस NEAR/0 चीन", "error: NEAR/n needs a number"},
        ParseCase{"near_too_far", "रूस NEAR/51 चीन", "error: NEAR/n needs a number"},
        ParseCase{"dangling_near", "रूस NEAR", "error: NEAR needs a word or phrase on both sides"},
        ParseCase{"leading_near", "NEAR चीन", "error: NEAR needs a word or phrase on both sides"},
        ParseCase{"near_group", "(रूस चीन) NEAR कोरिया", "error: NEAR joins words or phrases"},
        ParseCase{"near_wildcard", "रूस* NEAR चीन", "error: NEAR cannot take a wildcard"},
        ParseCase{"sent_unclosed", "SENT(रूस चीन", "error: SENT( is never closed"},
        ParseCase{"sent_one_word", "SENT(रूस)", "error: SENT(...) needs at least two different words"},
        ParseCase{"sent_operator_inside", "SENT(रूस OR चीन)", "error: SENT(...) takes only words"},
        ParseCase{"sent_wildcard", "SENT(रूस* चीन)", "error: SENT cannot take a wildcard"},
        ParseCase{"dangling_hindi_style_not", "रूस NOT", "error: NOT needs a word after it"},
        ParseCase{"empty_date_range", "date:..", "error: date:.. needs a date on at least one side"},
        ParseCase{"reversed_date_range", "date:2024-12..2024-06", "error: the date range ends before it starts"},
        ParseCase{"bad_month", "date:2024-13", "error: bad date '2024-13': there is no month 13"},
        ParseCase{"bad_day", "date:2023-02-29", "error: bad date '2023-02-29': there is no such day"},
        ParseCase{"bad_year", "date:24", "error: bad date '24': the year must have four digits"},
        ParseCase{"bad_month_name", "date:जूनी-2024", "error: bad date"},
        ParseCase{"unknown_person", "person:\"कोई नहीं\"", "error: no person is called 'कोई नहीं'"},
        ParseCase{"place_given_as_person", "person:pyongyang", "error: 'pyongyang' is a place (pyongyang): write place:pyongyang"},
        ParseCase{"empty_quoted_source", "source:\"\"", "error: source: needs a value"},
        ParseCase{"filter_after_title", "title:source:x", "error: source: cannot follow title: or exact:"},
        ParseCase{"wildcard_on_joined_words", "रूस-यूक्रे*", "error: a wildcard * goes after one word"}),
    test::RowName{});

TEST(QueryParserErrors, PointAtTheProblem) {
  struct Row {
    const char* query;
    std::size_t offset;
  } rows[] = {{"रूस NEAR/abc चीन", std::string_view("रूस ").size()},
              {"रूस foo:x", std::string_view("रूस ").size()},
              {"रूस date:2024..2024-13", std::string_view("रूस date:2024..").size()},
              {"SENT(रूस", 0},
              {"रूस NEAR", std::string_view("रूस ").size()}};
  for (const auto& r : rows) {
    auto parsed = parse_query(r.query);
    ASSERT_FALSE(parsed.has_value()) << r.query;
    EXPECT_EQ(parsed.error().offset, r.offset) << r.query << ": " << parsed.error().message;
  }
}

// Found by tests/fuzz/query_parser_fuzz: 2,000 '(' (a query the server
// accepts) overflowed the stack under AddressSanitizer.
TEST(QueryParserErrors, DeepNestingIsAnErrorNotACrash) {
  const std::string at_limit = std::string(kMaxQueryDepth, '(') + "रूस" + std::string(kMaxQueryDepth, ')');
  EXPECT_EQ(parse_and_describe(at_limit.c_str()), parse_and_describe("रूस"));
  for (std::size_t depth : {std::size_t{kMaxQueryDepth} + 1, std::size_t{2000}, std::size_t{100000}}) {
    const std::string text = std::string(depth, '(') + "रूस" + std::string(depth, ')');
    auto parsed = parse_query(text);
    ASSERT_FALSE(parsed.has_value()) << depth;
    EXPECT_EQ(parsed.error().message, "parentheses nest more than 32 deep");
    EXPECT_EQ(parsed.error().offset, kMaxQueryDepth);  // the first '(' too many
  }
}

// Found by bench/reliability/hostile_http.py: 100 wildcards took 3 s, most of
// it expanding them before the search's time limit applies.
TEST(QueryParserErrors, AtMostTenWildcards) {
  std::string query;
  for (unsigned i = 0; i < kMaxWildcards; ++i) query += "क* ";
  EXPECT_TRUE(parse_query(query).has_value());
  query += "रूस स*";
  auto parsed = parse_query(query);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().message, "at most 10 words with * in one query");
  EXPECT_EQ(parsed.error().offset, query.size() - std::string_view("स*").size());
}

TEST(QueryParserFilters, FiltersOnlyMatchAllAndCollectNoHighlight) {
  auto parsed = parse_query("source:bbc date:2024 person:kim-jong-un");
  ASSERT_TRUE(parsed.has_value());
  Xapian::Stem stem = schema::make_stemmer();
  auto built = build_query(*parsed, {}, stem);
  ASSERT_TRUE(built.has_value());
  EXPECT_TRUE(built->match_all);  // the searcher browses newest first
  EXPECT_TRUE(built->highlight.empty());
}

TEST(QueryParserWildcard, ReportsPrefixesForHighlighting) {
  auto parsed = parse_query("रूस* Pyong* चीन");
  ASSERT_TRUE(parsed.has_value());
  Xapian::Stem stem = schema::make_stemmer();
  auto built = build_query(*parsed, {}, stem);
  ASSERT_TRUE(built.has_value());
  EXPECT_EQ(built->wildcard_prefixes, (std::vector<std::string>{"रूस", "pyong"}));
}

TEST(QueryParserDefaultAnd, PlainWordsBecomeRequired) {
  EXPECT_EQ(parse_and_describe("किम जोंग", DefaultOperator::And),
            "Query(((((किम SYNONYM Zकिम) OR 0.5 * किम) AND ((जोंग SYNONYM Zजोंग) OR 0.5 * जोंग)) AND_MAYBE 0.25 * (किम NEAR 6 जोंग)))");
}

// The bonus alone, for the rerank, only where it simply adds to every match's
// weight: one top-level list of clauses, no bonus inside a group.
struct ProximityOnlyCase {
  const char* name;
  const char* query;
  const char* expected;  // "" when there is none
};
void PrintTo(const ProximityOnlyCase& c, std::ostream* os) { *os << c.name; }
class QueryParserProximityOnly : public ::testing::TestWithParam<ProximityOnlyCase> {};

TEST_P(QueryParserProximityOnly, IsTheTopLevelBonusAlone) {
  const auto& c = GetParam();
  auto parsed = parse_query(c.query);
  ASSERT_TRUE(parsed.has_value());
  Xapian::Stem stem = schema::make_stemmer();
  QueryOptions options{DefaultOperator::Or};
  options.exact_bonus = 0.5;
  options.proximity_weight = 0.25;
  auto built = build_query(*parsed, options, stem);
  ASSERT_TRUE(built.has_value());
  EXPECT_EQ(built->proximity_only ? built->proximity_only->get_description() : "", c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, QueryParserProximityOnly,
    ::testing::Values(
        ProximityOnlyCase{"plain_words", "रूस कोरिया चीन",
                          "Query(0.25 * ((रूस NEAR 6 कोरिया) OR (कोरिया NEAR 6 चीन)))"},
        ProximityOnlyCase{"with_a_filter_and_exclusion", "रूस कोरिया source:bbc -चीन",
                          "Query(0.25 * (रूस NEAR 6 कोरिया))"},
        ProximityOnlyCase{"one_word_has_none", "रूस", ""},
        ProximityOnlyCase{"bonus_inside_a_group", "(रूस कोरिया) चीन", ""},
        ProximityOnlyCase{"alternatives", "रूस कोरिया OR चीन जापान", ""}),
    [](const auto& info) { return std::string(info.param.name); });

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

// ---- spelling variants and entity aliases, from a fixed table
class TableLookup : public VariantLookup {
 public:
  std::vector<Variant> variants(std::string_view word, bool) const override {
    if (word == "belousov") return {{"बेलूसोव", 0.5}, {"बेलोसोव", 0.5}};
    if (word == "kim") return {{"किम", 0.5}};
    if (word == "jong") return {{"जोंग", 0.5}};
    return {};
  }
  std::vector<EntityAliases> entities(const std::vector<std::string>& words) const override {
    std::vector<EntityAliases> out;
    for (std::size_t i = 0; i < words.size(); ++i)
      if (words[i] == "kcna")
        out.push_back({i, i, "kcna", "org", "केसीएनए", {{"kcna"}, {"केसीएनए"}, {"कोरियन", "सेंट्रल", "न्यूज", "एजेंसी"}}});
    return out;
  }
};

std::string describe_with_variants(const char* text, std::string* also = nullptr) {
  auto parsed = parse_query(text);
  if (!parsed) return "error: " + parsed.error().message;
  Xapian::Stem stem = schema::make_stemmer();
  TableLookup table;
  QueryOptions options{.default_op = DefaultOperator::Or, .exact_bonus = 0.5, .proximity_window = 6,
                       .proximity_weight = 0.25, .variants = &table, .name_phrase_weight = 0.5,
                       .entity_alias_weight = 0.5};
  auto built = build_query(*parsed, options, stem);
  if (!built) return "error: " + built.error().message;
  if (also)
    for (const auto& e : built->expansions) {
      *also += e.query + (e.entity ? " (entity):" : ":");
      for (const auto& a : e.also) *also += " " + a;
      *also += "; ";
    }
  return built->query.get_description();
}

class VariantQueryTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(VariantQueryTest, BuildsTheExpectedXapianQuery) {
  EXPECT_EQ(describe_with_variants(GetParam().query), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Variants, VariantQueryTest,
    ::testing::Values(
        // The word's own forms as without variants, plus half the weight of
        // one synonym of all forms and spellings (the union's idf).
        ParseCase{"latin_name_gets_devanagari_spellings", "Belousov",
                  "Query(((belousov SYNONYM Zbelousov) OR 0.5 * belousov OR 0.5 * (belousov SYNONYM Zbelousov SYNONYM बेलूसोव SYNONYM बेलोसोव)))"},
        ParseCase{"exact_prefix_turns_variants_off", "exact:Belousov", "Query(((belousov SYNONYM Zbelousov) OR 0.5 * belousov))"},
        ParseCase{"quoted_word_has_no_variants", "\"Belousov\"", "Query(belousov)"},
        ParseCase{"word_without_variants_unchanged", "रूस", "Query(((रूस SYNONYM Zरूस) OR 0.5 * रूस))"},
        // Adjacent Latin names: the phrase over the variants in the first
        // stage, NEAR as the rerank bonus; each word weighs as the synonym
        // of all its forms.
        ParseCase{"multi_word_name_keeps_its_order", "Kim Jong",
                  "Query((((((kim SYNONYM Zkim) OR 0.5 * kim OR 0.5 * (kim SYNONYM Zkim SYNONYM किम)) OR ((jong SYNONYM Zjong) OR 0.5 * jong OR 0.5 * (jong SYNONYM Zjong SYNONYM जोंग))) AND_MAYBE 0.5 * (((kim SYNONYM Zkim SYNONYM किम) AND (jong SYNONYM Zjong SYNONYM जोंग)) FILTER ((kim OR किम) PHRASE 2 (jong OR जोंग)))) AND_MAYBE 0.25 * (((kim SYNONYM Zkim SYNONYM किम) AND (jong SYNONYM Zjong SYNONYM जोंग)) FILTER ((kim OR किम) NEAR 6 (jong OR जोंग)))))"},
        ParseCase{"entity_aliases_as_one_synonym", "KCNA",
                  "Query((((kcna SYNONYM Zkcna) OR 0.5 * kcna) OR (0.5 * (kcna SYNONYM केसीएनए SYNONYM (कोरियन PHRASE 4 सेंट्रल PHRASE 4 न्यूज PHRASE 4 एजेंसी)) OR XOkcna)))"},
        ParseCase{"exact_entity_word_has_no_aliases", "exact:KCNA", "Query(((kcna SYNONYM Zkcna) OR 0.5 * kcna))"}),
    test::RowName{});

TEST(VariantQueryAlsoSearched, SaysWhatWasAdded) {
  std::string also;
  describe_with_variants("Belousov KCNA exact:kim", &also);
  EXPECT_EQ(also, "belousov: बेलूसोव बेलोसोव; kcna (entity): केसीएनए; ");
}

TEST(VariantQueryHighlight, MarksVariantsAndAliases) {
  auto parsed = parse_query("Belousov KCNA");
  ASSERT_TRUE(parsed.has_value());
  Xapian::Stem stem = schema::make_stemmer();
  TableLookup table;
  QueryOptions options;
  options.variants = &table;
  auto built = build_query(*parsed, options, stem);
  ASSERT_TRUE(built.has_value());
  for (const char* w : {"बेलूसोव", "बेलोसोव", "केसीएनए", "कोरियन", "एजेंसी"}) EXPECT_TRUE(built->highlight.words.contains(w)) << w;
}

}  // namespace
}  // namespace talash::searcher
