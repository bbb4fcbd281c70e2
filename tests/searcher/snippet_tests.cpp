#include <gtest/gtest.h>

#include "tests/row_name.h"

#include "schema/stemmer.h"
#include "searcher/snippet.h"

namespace talash::searcher {
namespace {

struct SnippetCase {
  const char* name;
  std::string text;
  std::vector<std::string> words;  // normalized query words
  std::size_t max_chars;
  std::string expected;
};

class SnippetTest : public ::testing::TestWithParam<SnippetCase> {};

TEST_P(SnippetTest, PicksAndMarksThePassage) {
  const auto& c = GetParam();
  MatchTerms terms;
  Xapian::Stem stem = schema::make_stemmer();
  for (const auto& w : c.words) {
    terms.words.insert(w);
    terms.stems.insert(stem(w));
  }
  MatchPredicate is_match(terms, [&](const std::string& w) { return stem(w); });
  SnippetOptions options;
  options.max_chars = c.max_chars;
  EXPECT_EQ(make_snippet(c.text, is_match, options), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Passages, SnippetTest,
    ::testing::Values(
        SnippetCase{"whole_sentence_with_match_at_danda",
                    "पहला वाक्य यहाँ है। रूस ने बयान दिया। तीसरा वाक्य।", {"रूस"}, 20,
                    "…<mark>रूस</mark> ने बयान दिया।…"},
        SnippetCase{"lead_when_nothing_matches", "पहला वाक्य। दूसरा वाक्य। तीसरा।", {"चीन"}, 12,
                    "पहला वाक्य।…"},
        SnippetCase{"fills_with_following_sentences", "रूस ने कहा। फिर बैठक हुई।", {"रूस"}, 100,
                    "<mark>रूस</mark> ने कहा। फिर बैठक हुई।"},
        SnippetCase{"original_spelling_is_marked", "अब पढ़ें यह।", {"पढें"}, 50, "अब <mark>पढ़ें</mark> यह।"},
        SnippetCase{"stem_match_is_marked", "कई किताबें छपीं।", {"किताब"}, 50, "कई <mark>किताबें</mark> छपीं।"},
        SnippetCase{"no_partial_word_match", "सेनापति आए।", {"सेना"}, 50, "सेनापति आए।"},
        SnippetCase{"inflected_form_is_a_stem_match", "रूसी सेना आई।", {"रूस"}, 50, "<mark>रूसी</mark> सेना आई।"},
        SnippetCase{"html_is_escaped", "<script>x</script> रूस & चीन।", {"रूस"}, 80,
                    "&lt;script&gt;x&lt;/script&gt; <mark>रूस</mark> &amp; चीन।"},
        SnippetCase{"prefers_sentence_with_more_distinct_words",
                    "रूस आया। कुछ और। रूस और चीन मिले।", {"रूस", "चीन"}, 18,
                    "…<mark>रूस</mark> और <mark>चीन</mark> मिले।"},
        SnippetCase{"long_sentence_cut_at_word_boundaries",
                    "एक दो तीन चार पाँच छह सात आठ नौ दस रूस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह।", {"रूस"}, 30,
                    "…नौ दस <mark>रूस</mark> ग्यारह बारह तेरह चौदह पंद्रह…"},
        SnippetCase{"newlines_collapse", "रूस ने\nकहा।", {"रूस"}, 50, "<mark>रूस</mark> ने कहा।"}),
    test::RowName{});

TEST(VisibleLengthTest, VowelSignsAndViramaDoNotCount) {
  EXPECT_EQ(visible_length("किताब"), 3u);       // क ि त ा ब: two vowel signs
  EXPECT_EQ(visible_length("प्योंगयांग"), 5u);  // प ् य ो ं ग य ा ं ग: five letters
  EXPECT_EQ(visible_length("abc"), 3u);
}

TEST(HighlightAllTest, MarksEveryMatchInTheTitle) {
  MatchTerms terms;
  terms.words = {"रूस"};
  MatchPredicate is_match(terms, [](const std::string& w) { return w; });
  EXPECT_EQ(highlight_all("रूस और <रूस>", is_match, SnippetFormat{}),
            "<mark>रूस</mark> और &lt;<mark>रूस</mark>&gt;");
}

}  // namespace
}  // namespace talash::searcher
