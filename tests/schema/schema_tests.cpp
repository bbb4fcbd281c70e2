#include <gtest/gtest.h>

#include "tests/row_name.h"

#include "schema/article.h"
#include "schema/iso_date.h"
#include "schema/schema.h"
#include "schema/stemmer.h"
#include "schema/terms.h"

namespace talash::schema {
namespace {

struct DateCase {
  const char* name;
  const char* input;
  const char* sortable;  // "" when the input must be rejected
};

class IsoDateTest : public ::testing::TestWithParam<DateCase> {};

TEST_P(IsoDateTest, ParsesToUtcSortableValue) {
  const auto& c = GetParam();
  auto d = parse_iso_date(c.input);
  if (std::string(c.sortable).empty()) {
    EXPECT_FALSE(d.has_value()) << c.input << " was accepted as " << d->sortable();
    if (!d) {
      EXPECT_NE(d.error().find("ISO 8601"), std::string::npos) << d.error();
    }
  } else {
    ASSERT_TRUE(d.has_value()) << d.error();
    EXPECT_EQ(d->sortable(), c.sortable);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Dates, IsoDateTest,
    ::testing::Values(DateCase{"plain_date", "2024-06-15", "20240615000000"},
                      DateCase{"utc_time", "2024-06-15T10:20:30Z", "20240615102030"},
                      DateCase{"minutes_only", "2024-06-15T10:20", "20240615102000"},
                      DateCase{"fraction", "2024-06-15T10:20:30.123Z", "20240615102030"},
                      DateCase{"ist_offset_crosses_midnight", "2024-06-15T01:00:00+05:30", "20240614193000"},
                      DateCase{"negative_offset", "2024-12-31T22:00:00-03:00", "20250101010000"},
                      DateCase{"space_separator", "2024-06-15 08:00:00", "20240615080000"},
                      DateCase{"leap_day", "2024-02-29", "20240229000000"},
                      DateCase{"not_leap_day", "2023-02-29", ""},
                      DateCase{"day_month_year", "15-06-2024", ""},
                      DateCase{"month_13", "2024-13-01", ""},
                      DateCase{"hour_25", "2024-06-15T25:00", ""},
                      DateCase{"trailing_junk", "2024-06-15x", ""},
                      DateCase{"bad_zone", "2024-06-15T10:00+5", ""},
                      DateCase{"words", "yesterday", ""},
                      DateCase{"empty", "", ""}),
    test::RowName{});

TEST(TermsTest, WordTermsAreTheNormalizedWordUnprefixed) {
  EXPECT_EQ(word_term("किम"), "किम");
  EXPECT_EQ(title_term("किम"), "Sकिम");
  EXPECT_EQ(id_term("covid2020/Amar Ujala/AU-1"), "Qcovid2020/Amar Ujala/AU-1");
}

TEST(TermsTest, LongWordsAreCutAtACharacterBoundary) {
  std::string word;
  for (int i = 0; i < 100; ++i) word += "क";  // 3 bytes each
  std::string t = title_term(word);
  EXPECT_LE(t.size(), kMaxTermBytes);
  EXPECT_EQ((t.size() - 1) % 3, 0u) << "cut inside a UTF-8 sequence";
}

TEST(TermsTest, FilterKeysIgnoreCaseAndSpacing) {
  EXPECT_EQ(filter_key("  BBC   Hindi "), "bbc hindi");
  EXPECT_EQ(source_term("BBC Hindi"), source_term("bbc  hindi"));
  EXPECT_EQ(entity_term("person", "kim-jong-un"), "XPkim-jong-un");
  EXPECT_EQ(entity_term("place", "moscow"), "XLmoscow");
  EXPECT_EQ(entity_term("org", "kcna"), "XOkcna");
  EXPECT_EQ(entity_term("thing", "x"), "");
}

TEST(StemmerTest, DispatchesByScript) {
  Xapian::Stem stem = make_stemmer();
  EXPECT_EQ(stem("किताबें"), "किताब");   // Hindi plural -> stem
  EXPECT_EQ(stem("running"), "run");     // English Porter2
  EXPECT_EQ(stem("10,000"), "10,000");   // numbers untouched
  EXPECT_EQ(stem("u.s"), "u.s");         // abbreviations untouched (Porter2 would give "u.")
  EXPECT_EQ(stem("उ.प्र"), "उ.प्र");
  Xapian::Stem stem2 = make_stemmer();
  EXPECT_EQ(stem_term("लड़कों", stem2), stem_term("लड़कों", stem));
  EXPECT_EQ(stem.get_description(), "Xapian::Stem(talash-hindi-english)");
}

TEST(ArticleTest, StoredJsonRoundTripsEveryField) {
  Article a{.id = "x/1", .title = "शीर्षक <b>", .body = "पाठ \"उद्धरण\"\nनई पंक्ति", .date = "2024-06-15",
            .source = "स्रोत", .url = "https://example.org/a?b=1&c=2", .category = "world",
            .entities = {{"kim-jong-un", "person", "किम जोंग उन", "Kim Jong Un"}}};
  auto back = from_stored_json(to_stored_json(a));
  ASSERT_TRUE(back.has_value()) << back.error();
  EXPECT_EQ(back->id, a.id);
  EXPECT_EQ(back->title, a.title);
  EXPECT_EQ(back->body, a.body);
  EXPECT_EQ(back->date, a.date);
  EXPECT_EQ(back->source, a.source);
  EXPECT_EQ(back->url, a.url);
  EXPECT_EQ(back->category, a.category);
  ASSERT_EQ(back->entities.size(), 1u);
  EXPECT_EQ(back->entities[0].label_en, "Kim Jong Un");
  EXPECT_FALSE(from_stored_json("not json").has_value());
}


// Stored data read back, as one line: id|title|body|date|source|url|category|entities.
std::string read_back(std::string_view json) {
  auto a = from_stored_json(json);
  if (!a) return "error";
  std::string out = a->id + "|" + a->title + "|" + a->body + "|" + a->date + "|" + a->source + "|" + a->url + "|" + a->category + "|";
  for (const auto& e : a->entities) out += e.id + "/" + e.type + "/" + e.label + "/" + e.label_en + ";";
  return out;
}

struct StoredRow {
  std::string name, json, expected;
};

class StoredJsonTest : public ::testing::TestWithParam<StoredRow> {};

TEST_P(StoredJsonTest, ReadsWhatAnyWriterStored) { EXPECT_EQ(read_back(GetParam().json), GetParam().expected); }

INSTANTIATE_TEST_SUITE_P(
    Rows, StoredJsonTest,
    ::testing::Values(
        StoredRow{"as_written", R"({"id":"a","title":"रूस","body":"x","entities":[{"id":"russia","type":"place","label":"रूस","label_en":"Russia"}]})",
                  "a|रूस|x|||||russia/place/रूस/Russia;"},
        StoredRow{"escapes", R"({"id":"a\"b","body":"line\nnext \u0915\u093f \ud83d\ude00 \\ \/"})",
                  "a\"b||line\nnext कि 😀 \\ /|||||"},
        StoredRow{"field_order_and_unknown_fields", R"({"extra":{"x":[1,2]},"body":"b","id":"7","n":3})", "7||b|||||"},
        StoredRow{"null_and_number_fields_are_empty", R"({"id":"a","date":null,"source":5})", "a|||||||"},
        StoredRow{"entity_without_label_en", R"({"id":"a","entities":[{"id":"x","type":"person","label":"क"}]})",
                  "a|||||||x/person/क/;"},
        StoredRow{"not_an_object", R"(["id","a"])", "error"},
        StoredRow{"truncated", R"({"id":"a","body":"कट)", "error"},
        StoredRow{"trailing_garbage", R"({"id":"a"} x)", "error"}),
    [](const ::testing::TestParamInfo<StoredRow>& row) { return row.param.name; });

}  // namespace
}  // namespace talash::schema
