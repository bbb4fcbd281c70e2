#include <gtest/gtest.h>
#include <unicode/brkiter.h>

#include <algorithm>
#include <memory>

#include "tests/row_name.h"

#include "schema/stemmer.h"
#include "searcher/snippet.h"

namespace talash::searcher {
namespace {

struct SnippetCase {
  const char* name;
  std::string text;
  std::vector<std::string> words;  // normalized query words (variants are words too)
  std::size_t max_chars;
  std::string expected;
  bool plain = false;  // the CLI's form: [ ] and no escaping
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
  if (c.plain) options.format = {"[", "]", false, "…"};
  EXPECT_EQ(make_snippet(c.text, is_match, options), c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Passages, SnippetTest,
    ::testing::Values(
        SnippetCase{"whole_sentence_with_match_at_danda",
                    "पहला वाक्य यहाँ है। रूस ने बयान दिया। तीसरा वाक्य।", {"रूस"}, 19,
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
                    "…आठ नौ दस <mark>रूस</mark> ग्यारह बारह तेरह चौदह पंद्रह…"},
        SnippetCase{"newlines_collapse", "रूस ने\nकहा।", {"रूस"}, 50, "<mark>रूस</mark> ने कहा।"}),
    test::RowName{});

// Where passages may end: । ॥ ? ! . and line breaks.
INSTANTIATE_TEST_SUITE_P(
    Boundaries, SnippetTest,
    ::testing::Values(
        SnippetCase{"double_danda", "पहली पंक्ति यहाँ है॥ रूस ने कहा॥ अंतिम पंक्ति यहाँ है॥", {"रूस"}, 15,
                    "…<mark>रूस</mark> ने कहा॥…"},
        SnippetCase{"question_mark", "क्या हुआ था वहाँ? रूस ने क्या कहा? आगे क्या होगा?", {"रूस"}, 15,
                    "…<mark>रूस</mark> ने क्या कहा?…"},
        SnippetCase{"exclamation_mark", "कितना बड़ा दिन है! रूस जीत गया! आगे क्या होगा?", {"रूस"}, 12,
                    "…<mark>रूस</mark> जीत गया!…"},
        SnippetCase{"full_stop", "First line is long here. Russia said yes. Another line here.", {"russia"}, 20,
                    "…<mark>Russia</mark> said yes.…"},
        SnippetCase{"line_break", "पहली पंक्ति बहुत लंबी है\nरूस ने कहा\nतीसरी पंक्ति भी लंबी है", {"रूस"}, 12,
                    "…<mark>रूस</mark> ने कहा…"},
        SnippetCase{"abbreviation_dot_is_no_boundary", "डॉ. रूस ने कहा। फिर बैठक हुई और लंबी चली।", {"रूस"}, 14,
                    "डॉ. <mark>रूस</mark> ने कहा।…"},
        SnippetCase{"closing_quote_stays_with_its_sentence", "उसने कहा, \"रूस आएगा।\" फिर बैठक हुई और लंबी चली।",
                    {"रूस"}, 20, "उसने कहा, &quot;<mark>रूस</mark> आएगा।&quot;…"}),
    test::RowName{});

// Up to three passages, each adding query words the others do not show, in document order.
INSTANTIATE_TEST_SUITE_P(
    Fragments, SnippetTest,
    ::testing::Values(
        SnippetCase{"three_fragments_cover_different_words",
                    "रूस ने बयान दिया। बीच का एक लंबा वाक्य है। फिर कुछ और हुआ। चीन ने जवाब दिया। और भी बातें हुईं। भारत चुप रहा।",
                    {"रूस", "चीन", "भारत"}, 45,
                    "<mark>रूस</mark> ने बयान दिया। … <mark>चीन</mark> ने जवाब दिया। … <mark>भारत</mark> चुप रहा।"},
        SnippetCase{"new_word_ranks_above_repeated_words",
                    "रूस रूस और रूस। बीच का एक लंबा वाक्य। रूस आया। बीच का एक और वाक्य। चीन आया।", {"रूस", "चीन"}, 24,
                    "<mark>रूस</mark> <mark>रूस</mark> और <mark>रूस</mark>। … <mark>चीन</mark> आया।"},
        SnippetCase{"document_order_not_choice_order",
                    "चीन पहले आया। बीच का एक लंबा वाक्य है। रूस और भारत मिले।", {"रूस", "चीन", "भारत"}, 30,
                    "<mark>चीन</mark> पहले आया। … <mark>रूस</mark> और <mark>भारत</mark> मिले।"},
        SnippetCase{"adjacent_fragments_join", "रूस आया। चीन आया। बीच का एक लंबा वाक्य है।", {"रूस", "चीन"}, 16,
                    "<mark>रूस</mark> आया। <mark>चीन</mark> आया।…"},
        SnippetCase{"repeats_only_when_a_whole_sentence_fits",
                    "रूस आया। बीच का एक बहुत ही लंबा वाक्य है जो कहीं खत्म नहीं होता और रूस का नाम लेता है।", {"रूस"}, 30,
                    "<mark>रूस</mark> आया।…"},
        SnippetCase{"long_sentence_leaves_room_for_other_words",
                    "रूस ने आज एक बहुत लंबा बयान दिया जिसमें कई बातें थीं और कई देशों के नाम थे और बहुत कुछ था। "
                    "बीच का वाक्य। चीन चुप रहा।",
                    {"रूस", "चीन"}, 40, "<mark>रूस</mark> ने आज एक बहुत लंबा बयान दिया जिसमें … <mark>चीन</mark> चुप रहा।"}),
    test::RowName{});

// Cuts fall between words, so never inside a grapheme (क्षि is क ् ष ि).
INSTANTIATE_TEST_SUITE_P(
    Graphemes, SnippetTest,
    ::testing::Values(
        SnippetCase{"no_cut_inside_kshi", "परीक्षित शिक्षित दीक्षित रक्षित क्षितिज रूस क्षितिज शिक्षित परीक्षित।", {"रूस"}, 14,
                    "…क्षितिज <mark>रूस</mark> क्षितिज शिक्षित…"},
        SnippetCase{"overlong_word_stays_whole", "अंतर्राष्ट्रीयकरण", {}, 3, "अंतर्राष्ट्रीयकरण"},
        SnippetCase{"matra_and_nukta_stay_with_the_mark", "अब पढ़ाई शुरू।", {"पढाई"}, 50, "अब <mark>पढ़ाई</mark> शुरू।"}),
    test::RowName{});

// HTML escaping of the text (never of our marks) and the plain form.
INSTANTIATE_TEST_SUITE_P(
    Escaping, SnippetTest,
    ::testing::Values(
        SnippetCase{"script_tag_and_ampersand", "<script>alert('x')</script> रूस & \"चीन\"।", {"रूस"}, 80,
                    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>रूस</mark> &amp; &quot;चीन&quot;।"},
        SnippetCase{"escaped_entity_text_stays_text", "AT&amp;T और रूस।", {"रूस"}, 80,
                    "AT&amp;amp;T और <mark>रूस</mark>।"},
        SnippetCase{"plain_form_is_not_escaped", "<b>रूस</b> & चीन।", {"रूस"}, 80, "<b>[रूस]</b> & चीन।", true}),
    test::RowName{});

// Every form that matched: stems, spelling variants (the query builder adds them to the words), other scripts.
INSTANTIATE_TEST_SUITE_P(
    Variants, SnippetTest,
    ::testing::Values(
        SnippetCase{"stem_of_plural", "कई किताबें और एक किताब।", {"किताबों"}, 50,
                    "कई <mark>किताबें</mark> और एक <mark>किताब</mark>।"},
        SnippetCase{"spelling_variant", "बेलोसोव ने कहा कि बेलूसोव सही थे।", {"बेलूसोव", "बेलोसोव"}, 50,
                    "<mark>बेलोसोव</mark> ने कहा कि <mark>बेलूसोव</mark> सही थे।"},
        SnippetCase{"latin_variant_of_a_hindi_word", "Russia और रूस एक हैं।", {"रूस", "russia"}, 50,
                    "<mark>Russia</mark> और <mark>रूस</mark> एक हैं।"},
        SnippetCase{"english_stem", "Elections were held. The election ended.", {"election"}, 60,
                    "<mark>Elections</mark> were held. The <mark>election</mark> ended."},
        SnippetCase{"chandrabindu_spelling", "जाँच जारी है।", {"जांच"}, 50, "<mark>जाँच</mark> जारी है।"}),
    test::RowName{});

// A property over many budgets: the pieces between ellipses are runs of
// whole words of the text, and the text budget is kept.
TEST(SnippetCutTest, PiecesAreWholeWordsAtEveryBudget) {
  const std::string text =
      "परीक्षित शिक्षित दीक्षित रक्षित क्षितिज रूस क्षितिज शिक्षित परीक्षित। बीच में प्रतिष्ठित क्षत्रिय अंतर्राष्ट्रीय "
      "वाक्य है! चीन ने क्षमा माँगी? श्रीमान् द्विवेदी ने कहा\nभारत ज़िम्मेदार है।";
  MatchTerms terms;
  terms.words = {"रूस", "चीन", "भारत"};
  MatchPredicate is_match(terms, [](const std::string& w) { return w; });
  std::vector<std::string> all;
  for (const auto& t : analysis::split_words(text)) all.push_back(t.norm);
  for (std::size_t budget = 1; budget <= 120; ++budget) {
    SnippetOptions options;
    options.max_chars = budget;
    options.format = {"", "", false, "…"};
    const std::string s = make_snippet(text, is_match, options);
    std::size_t text_chars = 0;
    std::size_t start = 0;
    for (;;) {
      const std::size_t at = s.find("…", start);
      const std::string piece = s.substr(start, at == std::string::npos ? std::string::npos : at - start);
      text_chars += visible_length(piece);
      std::vector<std::string> words;
      for (const auto& t : analysis::split_words(piece)) words.push_back(t.norm);
      if (!words.empty()) {
        auto it = std::search(all.begin(), all.end(), words.begin(), words.end());
        EXPECT_NE(it, all.end()) << "budget " << budget << ": '" << piece << "' is not a run of whole words";
      }
      if (at == std::string::npos) break;
      start = at + std::string_view("…").size();
    }
    // One word is never cut, so a tiny budget may show one word whole.
    if (budget >= 20) {
      EXPECT_LE(text_chars, budget + 2 * options.max_fragments) << "budget " << budget << ": " << s;
    }
  }
}

// Our character count is ICU's grapheme count (extended grapheme clusters).
TEST(VisibleLengthTest, EqualsIcuGraphemeClusters) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  for (std::string s : {"क्षि", "परीक्षित", "प्योंगयांग", "पढ़ें", "जाँच", "श्रीमान्", "कर्‍ना", "ज़्यादा", "Kim Jong उन",
                        "café", "naïve", "॥ ।", "१०,०००"}) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    it->setText(u);
    std::size_t n = 0;
    for (auto p = it->next(); p != icu::BreakIterator::DONE; p = it->next()) ++n;
    EXPECT_EQ(visible_length(s), n) << s;
  }
}

// The sentences from our one pass of tokens are analysis::split_sentences' sentences.
TEST(SentenceSpansTest, SameAsSplitSentences) {
  for (std::string s : {"रूस ने कहा। फिर बैठक हुई।", "  \"रूस आएगा।\" फिर?! हाँ॥ अंत", "डॉ. शर्मा ने U.S. की 3.5 बात की. फिर",
                        "है।\"उसने कहा\"", "पंक्ति एक\n\nपंक्ति दो\r\nतीन", "(रूस ने कहा।) और…", "। । शुरू", "बस",
                        // found by tests/fuzz/snippet_fuzz: an abbreviation's dot at the very end
                        "B.{", "बात हुई, कहा डॉ. )"}) {
    auto tokens = analysis::split_words(s);
    auto mine = sentence_spans(s, tokens);
    auto theirs = analysis::split_sentences(s);
    ASSERT_EQ(mine.size(), theirs.size()) << s;
    for (std::size_t i = 0; i < mine.size(); ++i) {
      EXPECT_EQ(mine[i].begin, theirs[i].begin) << s << " sentence " << i;
      EXPECT_EQ(mine[i].end, theirs[i].end) << s << " sentence " << i;
    }
  }
}

TEST(VisibleLengthTest, VowelSignsAndViramaDoNotCount) {
  EXPECT_EQ(visible_length("क्षि"), 1u);       // क ् ष ि: one akshara
  EXPECT_EQ(visible_length("किताब"), 3u);       // क ि त ा ब: two vowel signs
  EXPECT_EQ(visible_length("प्योंगयांग"), 4u);  // प्यों ग यां ग: four aksharas
  EXPECT_EQ(visible_length("abc"), 3u);
}

TEST(HighlightAllTest, MarksEveryMatchInTheTitle) {
  MatchTerms terms;
  terms.words = {"रूस"};
  MatchPredicate is_match(terms, [](const std::string& w) { return w; });
  EXPECT_EQ(highlight_all("रूस और <रूस>", is_match, SnippetFormat{}),
            "<mark>रूस</mark> और &lt;<mark>रूस</mark>&gt;");
}

TEST(HighlightAllTest, MarksStemsAndVariantsInTheTitle) {
  MatchTerms terms;
  Xapian::Stem stem = schema::make_stemmer();
  for (std::string w : {"किताब", "russia"}) {
    terms.words.insert(w);
    terms.stems.insert(stem(w));
  }
  MatchPredicate is_match(terms, [&](const std::string& w) { return stem(w); });
  EXPECT_EQ(highlight_all("किताबें और Russia & रूस", is_match, SnippetFormat{}),
            "<mark>किताबें</mark> और <mark>Russia</mark> &amp; रूस");
}

}  // namespace
}  // namespace talash::searcher
