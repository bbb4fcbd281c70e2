#include <gtest/gtest.h>

#include "tests/row_name.h"

#include "indexer/record_parser.h"

namespace talash::indexer {
namespace {

struct RecordCase {
  const char* name;
  std::string line;
  // "id|title|body|date|source|category" for a good record, or "!" + the start of the reason.
  std::string expected;
};

std::string render(const std::expected<schema::Article, std::string>& r) {
  if (!r) return "!" + r.error();
  return r->id + "|" + r->title + "|" + r->body + "|" + r->date + "|" + r->source + "|" + r->category;
}

class JsonlRecordTest : public ::testing::TestWithParam<RecordCase> {};

TEST_P(JsonlRecordTest, ParsesOrRejectsWithReason) {
  const auto& c = GetParam();
  RecordLimits limits;
  limits.max_record_bytes = 200;
  std::string got = render(parse_jsonl_record(c.line, limits));
  if (c.expected.starts_with("!")) EXPECT_TRUE(got.starts_with(c.expected)) << got;
  else EXPECT_EQ(got, c.expected);
}

INSTANTIATE_TEST_SUITE_P(
    Records, JsonlRecordTest,
    ::testing::Values(
        RecordCase{"full", R"({"id":"a1","title":"शीर्षक","body":"पाठ","date":"2024-06-15","source":"स्रोत","category":"world","url":"u"})",
                   "a1|शीर्षक|पाठ|2024-06-15|स्रोत|world"},
        RecordCase{"integer_id", R"({"id":42,"body":"पाठ"})", "42||पाठ|||"},
        RecordCase{"text_instead_of_body", R"({"id":"t","text":"पाठ"})", "t||पाठ|||"},
        RecordCase{"unknown_fields_ignored", R"({"id":"u","body":"x","lang":"hi","n":3})", "u||x|||"},
        RecordCase{"id_trimmed", R"({"id":"  sp  ","body":"x"})", "sp||x|||"},
        RecordCase{"date_time_kept", R"({"id":"d","body":"x","date":"2024-06-15T10:00:00+05:30"})",
                   "d||x|2024-06-15T10:00:00+05:30||"},
        RecordCase{"title_only", R"({"id":"h","title":"केवल शीर्षक"})", "h|केवल शीर्षक||||"},
        RecordCase{"invalid_json", R"({"id":"x","body":"unterminated)", "!invalid JSON"},
        RecordCase{"not_an_object", R"(["id","x"])", "!not a JSON object"},
        RecordCase{"missing_id", R"({"title":"x","body":"y"})", "!missing id"},
        RecordCase{"null_id", R"({"id":null,"body":"y"})", "!missing id"},
        RecordCase{"empty_id", R"({"id":"  ","body":"y"})", "!missing id"},
        RecordCase{"float_id", R"({"id":1.5,"body":"y"})", "!id must be a string or an integer"},
        RecordCase{"invalid_utf8", "{\"id\":\"x\",\"body\":\"\xff\xfe\"}", "!invalid UTF-8"},
        RecordCase{"overlong_utf8", "{\"id\":\"x\",\"body\":\"\xc0\xaf\"}", "!invalid UTF-8"},
        RecordCase{"empty_text", R"({"id":"x","title":" ","body":""})", "!empty text"},
        RecordCase{"bad_date", R"({"id":"x","body":"y","date":"15/06/2024"})", "!date '15/06/2024'"},
        RecordCase{"body_not_string", R"({"id":"x","body":["a"]})", "!field 'body' must be a string"},
        RecordCase{"too_large", std::string(R"({"id":"x","body":")") + std::string(300, 'a') + "\"}",
                   "!record of 320 bytes is over the limit of 200"}),
    test::RowName{});

TEST(TextArticleTest, FirstNonEmptyLineIsTheTitle) {
  auto a = parse_text_article("seeds/001", "\n\n  शीर्षक यहाँ  \nपहला अनुच्छेद।\n\nदूसरा।\n");
  ASSERT_TRUE(a.has_value()) << a.error();
  EXPECT_EQ(a->id, "seeds/001");
  EXPECT_EQ(a->title, "शीर्षक यहाँ");
  EXPECT_EQ(a->body, "पहला अनुच्छेद।\n\nदूसरा।");
}

TEST(TextArticleTest, RejectsEmptyAndInvalidFiles) {
  EXPECT_EQ(render(parse_text_article("e", "\n  \n")), "!empty text: no title and no body");
  EXPECT_EQ(render(parse_text_article("b", "ok\n\xe0\xa4")), "!invalid UTF-8");
}

}  // namespace
}  // namespace talash::indexer
