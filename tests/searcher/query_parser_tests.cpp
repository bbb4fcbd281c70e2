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
  EXPECT_EQ(parse_and_describe("किम जोंग", DefaultOperator::And),
            "Query(((((किम SYNONYM Zकिम) OR 0.5 * किम) AND ((जोंग SYNONYM Zजोंग) OR 0.5 * जोंग)) AND_MAYBE 0.25 * (किम NEAR 6 जोंग)))");
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

// ---- spelling variants and entity aliases, from a fixed table
class TableLookup : public VariantLookup {
 public:
  std::vector<Variant> variants(std::string_view word) const override {
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
