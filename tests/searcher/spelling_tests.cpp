#include <gtest/gtest.h>

#include "searcher/spelling.h"
#include "tests/row_name.h"
#include "tests/searcher/index_fixture.h"

namespace talash::searcher {
namespace {

struct DistanceCase {
  const char* name;
  std::u32string a, b;
  std::size_t max, expected;
};
void PrintTo(const DistanceCase& c, std::ostream* os) { *os << c.name; }

class EditDistanceTest : public ::testing::TestWithParam<DistanceCase> {};

TEST_P(EditDistanceTest, CountsCodePointEdits) {
  EXPECT_EQ(edit_distance(GetParam().a, GetParam().b, GetParam().max), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, EditDistanceTest,
    ::testing::Values(DistanceCase{"Equal", U"पुतिन", U"पुतिन", 2, 0},
                      // A matra is one code point (three bytes): one edit, not three.
                      DistanceCase{"MatraSwapped", U"पुतनि", U"पुतिन", 2, 1},
                      DistanceCase{"MatraMissing", U"बेलूसव", U"बेलूसोव", 2, 1},
                      DistanceCase{"Substitution", U"रूस", U"रास", 2, 1},
                      DistanceCase{"AdjacentTransposition", U"kremlin", U"kremiln", 2, 1},
                      DistanceCase{"BeyondTheLimitIsLimitPlusOne", U"मास्को", U"दिल्ली", 2, 3},
                      DistanceCase{"LengthAloneExceeds", U"ab", U"abcdef", 2, 3},
                      DistanceCase{"EmptyToWord", U"", U"abc", 5, 3}),
    test::RowName{});

TEST(ClosestWordTest, FindsTheIndexWordForATypoAndNothingForKnownOrFarWords) {
  test::TempDir dir;
  auto db_path = test::build_index(
      dir, {dir.write("in.jsonl",
                      "{\"id\":\"a\",\"title\":\"पुतिन का दौरा\",\"body\":\"पुतिन ने कहा। पुतिन फिर आए।\"}\n"
                      "{\"id\":\"b\",\"title\":\"पुतली\",\"body\":\"आंख की पुतली।\"}\n")
                .string()});
  Xapian::Database db(db_path.string());
  EXPECT_EQ(closest_word(db, "पुतनि"), "पुतिन");  // transposed matra
  EXPECT_EQ(closest_word(db, "पुतीन"), "पुतिन");  // long i for short
  EXPECT_EQ(closest_word(db, "पुतिन"), "");       // the index has it
  EXPECT_EQ(closest_word(db, "दिल्ली"), "");      // nothing close
  EXPECT_EQ(closest_word(db, "पु"), "");          // too short to correct
}

TEST(DidYouMeanTest, ReplacesOnlyUnknownWordsAndKeepsTheRest) {
  test::TempDir dir;
  auto db_path = test::build_index(
      dir, {dir.write("in.jsonl", "{\"id\":\"a\",\"title\":\"पुतिन का दौरा\",\"body\":\"पुतिन ने मास्को में कहा।\"}\n").string()});
  auto searcher = Searcher::open(db_path);
  ASSERT_TRUE(searcher.has_value());
  SearchRequest req;
  req.query = "पुतनि मास्को";
  auto r = searcher->search(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->suggestion, "पुतिन मास्को");
  req.query = "पुतिन मास्को";
  r = searcher->search(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->suggestion, "");
}

}  // namespace
}  // namespace talash::searcher
