#include <gtest/gtest.h>

#include "analysis/split_words.h"
#include "entities/boilerplate.h"
#include "entities/entity_linker.h"
#include "entities/ner_model.h"
#include "tests/row_name.h"

namespace talash::entities {
namespace {

struct TextRow {
  const char* name;
  std::string_view input;
  std::string_view expected;
};
void PrintTo(const TextRow& row, std::ostream* os) { *os << row.name; }

// ---- "read also" lines: rendered as the text of each detected line
class ReadAlsoTest : public ::testing::TestWithParam<TextRow> {};

TEST_P(ReadAlsoTest, FindsWholeLines) {
  std::string_view text = GetParam().input;
  std::string got;
  for (const auto& s : find_read_also_lines(text)) got += "[" + std::string(text.substr(s.begin, s.end - s.begin)) + "]";
  EXPECT_EQ(got, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Lines, ReadAlsoTest,
    ::testing::Values(TextRow{"YahBhiPadhen", "कहानी।\nयह भी पढ़ें : चीन का अल्टीमेटम\nआगे।", "[यह भी पढ़ें : चीन का अल्टीमेटम]"},
                      TextRow{"IseBhiPadhenNoNukta", "इसे भी पढें:-हिंदू विरोधी टिप्पणी", "[इसे भी पढें:-हिंदू विरोधी टिप्पणी]"},
                      TextRow{"YeBhiPadhen", "ये भी पढ़ें- दिल्ली में बारिश", "[ये भी पढ़ें- दिल्ली में बारिश]"},
                      TextRow{"AlsoReadInEnglish", "Also Read: Putin visits Pyongyang", "[Also Read: Putin visits Pyongyang]"},
                      TextRow{"NotAtLineStart", "उसने कहा यह भी पढ़ें", ""},
                      TextRow{"DifferentVerb", "यह भी सच है कि रूस ने कहा", ""},
                      TextRow{"TwoLines", "यह भी पढ़ें: क\nख\nइसे भी पढ़ें: ग", "[यह भी पढ़ें: क][इसे भी पढ़ें: ग]"}),
    test::RowName{});

// ---- spellings that differ only in vowel length share a key
class VariantKeyTest : public ::testing::TestWithParam<TextRow> {};

TEST_P(VariantKeyTest, FoldsVowelLengthOnly) { EXPECT_EQ(entity_variant_key(GetParam().input), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(Keys, VariantKeyTest,
                         ::testing::Values(TextRow{"LongU", "बेलूसोव", "बेलुसोव"}, TextRow{"LongI", "पुतीन", "पुतिन"},
                                           TextRow{"AiAu", "हैदराबाद औरंगाबाद", "हेदराबाद ओरंगाबाद"},
                                           TextRow{"IndependentVowels", "ईरान ऊना", "इरान उना"},
                                           TextRow{"OStaysO", "बेलोसोव", "बेलोसोव"},
                                           TextRow{"LatinUnchanged", "belousov", "belousov"}),
                         test::RowName{});

// ---- the linker with a small gazetteer and no tagger
std::string render(const std::vector<LinkedEntity>& entities) {
  std::string out;
  for (const auto& e : entities) out += e.id + "×" + std::to_string(e.mentions) + " ";
  return out;
}

TEST(EntityLinkerTest, ListedEntitiesFromTitleAndBodyCountedOncePerDocument) {
  auto g = Gazetteer::from_tsv(
      "kim-jong-un\tperson\tकिम जोंग उन\tKim Jong Un\tKim Jong उन\n"
      "moscow\tplace\tमास्को\tMoscow\tमॉस्को\n"
      "china\tplace\tचीन\tChina\t\n");
  ASSERT_TRUE(g.has_value()) << g.error();
  EntityLinker linker(*g, nullptr);
  std::string title = "किम जोंग उन मास्को पहुँचे";
  std::string body = "Kim Jong उन ने मॉस्को में कहा।\nयह भी पढ़ें: चीन की नई योजना";
  auto tt = analysis::split_words(title), bt = analysis::split_words(body);
  auto read_also = find_read_also_lines(body);
  auto linked = linker.link({{title, &tt, nullptr}, {body, &bt, &read_also}});
  EXPECT_EQ(render(linked), "kim-jong-un×2 moscow×2 ");  // China only in the read-also line
  ASSERT_EQ(linked.size(), 2u);
  EXPECT_EQ(linked[0].label, "किम जोंग उन");
  EXPECT_EQ(linked[0].label_en, "Kim Jong Un");
  EXPECT_NE(linked[0].listed, nullptr);
}

// ---- with the shipped tagger: names the gazetteer does not list
TEST(EntityLinkerTest, UnlistedPersonAndTheBareSurnameAreOneEntity) {
  auto g = Gazetteer::from_tsv("delhi\tplace\tदिल्ली\tDelhi\t\n");
  ASSERT_TRUE(g.has_value());
  EntityLinker linker(*g, &NerModel::builtin());
  std::string body = "वरिष्ठ अधिवक्ता रमाकांत त्रिवेदी ने दिल्ली में कहा कि सुनवाई जल्द होगी। बाद में त्रिवेदी ने पत्रकारों से बात की।";
  auto bt = analysis::split_words(body);
  auto linked = linker.link({{body, &bt, nullptr}});
  const LinkedEntity* person = nullptr;
  for (const auto& e : linked)
    if (e.type == EntityType::Person) {
      ASSERT_EQ(person, nullptr) << "one person expected, got another: " << e.label;
      person = &e;
    }
  ASSERT_NE(person, nullptr) << render(linked);
  EXPECT_EQ(person->label, "रमाकांत त्रिवेदी");
  EXPECT_TRUE(person->id.starts_with("x-per-")) << person->id;
  EXPECT_EQ(person->mentions, 2u) << "the bare surname links to the full name";
  EXPECT_EQ(person->listed, nullptr);
}

TEST(EntityLinkerTest, BareFirstNameLinksToTheFullNameMetEarlier) {
  auto g = Gazetteer::from_tsv("kim-jong-un\tperson\tकिम जोंग उन\tKim Jong Un\t\n");
  ASSERT_TRUE(g.has_value());
  EntityLinker linker(*g, &NerModel::builtin());
  std::string body = "उत्तर कोरिया के नेता किम जोंग उन ने मिसाइल परीक्षण देखा। बाद में किम ने सेना की सराहना की।";
  auto bt = analysis::split_words(body);
  auto linked = linker.link({{body, &bt, nullptr}});
  std::size_t people = 0;
  for (const auto& e : linked)
    if (e.type == EntityType::Person) {
      ++people;
      EXPECT_EQ(e.id, "kim-jong-un");
    }
  EXPECT_EQ(people, 1u) << render(linked);
}

TEST(EntityLinkerTest, ALoneUnlistedWordIsNotAnEntity) {
  auto g = Gazetteer::from_tsv("delhi\tplace\tदिल्ली\tDelhi\t\n");
  ASSERT_TRUE(g.has_value());
  EntityLinker linker(*g, &NerModel::builtin());
  std::string body = "उत्तर कोरिया इस दिन को 'विजय दिवस' के रूप में मनाता है। विजय ने कहा कि दिल्ली दूर है।";
  auto bt = analysis::split_words(body);
  for (const auto& e : linker.link({{body, &bt, nullptr}}))
    EXPECT_NE(e.type, EntityType::Person) << e.label;
}

TEST(EntityLinkerTest, UnlistedIdsAreStableAcrossDocuments) {
  auto g = Gazetteer::from_tsv("delhi\tplace\tदिल्ली\tDelhi\t\n");
  ASSERT_TRUE(g.has_value());
  EntityLinker linker(*g, &NerModel::builtin());
  auto person_id = [&](std::string text) {
    auto t = analysis::split_words(text);
    for (const auto& e : linker.link({{text, &t, nullptr}}))
      if (e.type == EntityType::Person) return e.id;
    return std::string("none");
  };
  EXPECT_EQ(person_id("वरिष्ठ अधिवक्ता रमाकांत त्रिवेदी ने कहा।"), person_id("अदालत में रमाकांत त्रिवेदी ने दलील दी।"));
}

// ---- "long form (ACRONYM)" teaches the acronym for the rest of the article
class AcronymDefinitionTest : public ::testing::TestWithParam<TextRow> {};

TEST_P(AcronymDefinitionTest, LinksTheAcronymToTheLongForm) {
  auto g = Gazetteer::from_tsv(
      "nia\torg\tराष्ट्रीय अन्वेषण अभिकरण\tNational Investigation Agency\t\n"
      "isro\torg\tभारतीय अंतरिक्ष अनुसंधान संगठन\tIndian Space Research Organisation\t\n");
  ASSERT_TRUE(g.has_value()) << g.error();
  EntityLinker linker(*g, nullptr);
  std::string title = "टीम पहुँची";
  std::string body(GetParam().input);
  auto tt = analysis::split_words(title), bt = analysis::split_words(body);
  auto read_also = find_read_also_lines(body);
  EXPECT_EQ(render(linker.link({{title, &tt, nullptr}, {body, &bt, &read_also}})), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AcronymDefinitionTest,
    ::testing::Values(
        TextRow{"DevanagariLetters", "राष्ट्रीय अन्वेषण अभिकरण (एनआईए) की टीम आई। एनआईए ने छापे मारे।", "nia×3 "},
        TextRow{"LatinCapitals", "राष्ट्रीय अन्वेषण अभिकरण (NIA) की टीम आई। NIA ने छापे मारे।", "nia×3 "},
        TextRow{"SpacesInsideParentheses", "राष्ट्रीय अन्वेषण अभिकरण ( एनआईए ) आई। फिर एनआईए ने कहा।", "nia×3 "},
        TextRow{"UseBeforeDefinition", "एनआईए ने कहा कि राष्ट्रीय अन्वेषण अभिकरण (एनआईए) जांच करेगा।", "nia×3 "},
        TextRow{"NoDefinitionNoLink", "एनआईए ने छापे मारे। राष्ट्रीय अन्वेषण अभिकरण जांच करेगा।", "nia×1 "},
        TextRow{"LowercaseLatinIsNotAnAcronym", "राष्ट्रीय अन्वेषण अभिकरण (nia) आई। nia ने कहा।", "nia×1 "},
        TextRow{"MoreThanOneWordInside", "राष्ट्रीय अन्वेषण अभिकरण (एनआईए टीम) आई। एनआईए ने कहा।", "nia×1 "},
        TextRow{"TwoEntitiesOneAcronymIsAmbiguous",
                "राष्ट्रीय अन्वेषण अभिकरण (एनआई) और भारतीय अंतरिक्ष अनुसंधान संगठन (एनआई) ने कहा। एनआई ने माना।",
                "nia×1 isro×1 "},
        TextRow{"NotInReadAlsoLines", "राष्ट्रीय अन्वेषण अभिकरण (एनआईए) आई।\nयह भी पढ़ें: एनआईए का छापा", "nia×2 "}),
    test::RowName{});

// ---- a "place" ending in the adjective of a listed place is an adjective phrase
struct AdjectiveRow {
  const char* name;
  std::string_view text;
  std::string_view tagged;  // the span the tagger alone calls a place (precondition)
  bool kept;                // whether the linker keeps it as an unlisted place
};
void PrintTo(const AdjectiveRow& row, std::ostream* os) { *os << row.name; }

class PlaceAdjectiveTest : public ::testing::TestWithParam<AdjectiveRow> {};

TEST_P(PlaceAdjectiveTest, DropsSpansEndingInAPlaceAdjective) {
  auto g = Gazetteer::from_tsv(
      "north-korea\tplace\tउत्तर कोरिया\tNorth Korea\t\n"
      "west-asia\tplace\tपश्चिम एशिया\tWest Asia\t\n");
  ASSERT_TRUE(g.has_value()) << g.error();
  const NerModel& model = NerModel::builtin();
  std::string text(GetParam().text);
  auto tokens = analysis::split_words(text);
  // The rule only matters if the tagger does find the span.
  bool tagged = false;
  for (const NerSpan& span : model.find(text, tokens))
    if (span.type == EntityType::Place &&
        text.substr(tokens[span.first_token].begin, tokens[span.last_token].end - tokens[span.first_token].begin) ==
            GetParam().tagged)
      tagged = true;
  ASSERT_TRUE(tagged) << "the tagger no longer finds '" << GetParam().tagged << "': choose another sentence";
  bool kept = false;
  for (const auto& e : EntityLinker(*g, &model).link({{text, &tokens, nullptr}}))
    kept |= e.type == EntityType::Place && e.label == GetParam().tagged;
  EXPECT_EQ(kept, GetParam().kept);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, PlaceAdjectiveTest,
    ::testing::Values(
        AdjectiveRow{"KoreanLeadership", "उत्तर कोरियाई नेतृत्व से बातचीत के लिए मंत्री पहुंचे।", "उत्तर कोरियाई", false},
        AdjectiveRow{"KoreanSoldiers", "सूत्रों ने बताया कि उत्तर कोरियाई सैनिक सीमा पर तैनात हैं।", "उत्तर कोरियाई", false},
        AdjectiveRow{"WestAsian", "पश्चिम एशियाई क्षेत्र में तनाव बढ़ा।", "पश्चिम एशियाई", false},
        // An adjective at the start of a place name is part of it.
        AdjectiveRow{"KoreanPeninsulaStays", "कोरियाई प्रायद्वीप में तनाव बढ़ा।", "कोरियाई प्रायद्वीप", true}),
    test::RowName{});

}  // namespace
}  // namespace talash::entities
