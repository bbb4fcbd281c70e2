// The facet column and spy over real Xapian databases: what is counted, how
// ties are ordered, what happens beyond the exact bound and after a commit.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "schema/entity_values.h"
#include "schema/schema.h"
#include "searcher/facet_column.h"
#include "searcher/facet_count_spy.h"
#include "tests/searcher/index_fixture.h"

namespace talash::searcher {
namespace {

struct Doc {
  std::vector<std::string> entities;  // "type:id"
  std::string source;
  bool deleted = false;
};

// A bare Xapian database (no indexer), one term "all" per document.
std::filesystem::path write_db(const test::TempDir& dir, const std::vector<Doc>& docs) {
  auto path = dir / "db";
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  for (const auto& d : docs) {
    Xapian::Document doc;
    doc.add_term("all");
    if (!d.entities.empty()) doc.add_value(schema::slot::kEntities, schema::encode_entity_keys(d.entities));
    if (!d.source.empty()) doc.add_value(schema::slot::kSource, d.source);
    Xapian::docid did = db.add_document(doc);
    if (d.deleted) db.delete_document(did);
  }
  db.commit();
  return path;
}

// "place:delhi person:modi source:bbc" — the column's view of one document.
std::string describe(const FacetColumn& column, Xapian::docid did) {
  std::string out;
  for (auto value : column.values_of(did)) {
    if (!out.empty()) out += ' ';
    out += facet_kind_name(column.kind(value));
    out += ':';
    out += column.name(value);
  }
  return out;
}

TEST(FacetColumnTest, HoldsEveryValueOfEveryDocumentByDocid) {
  test::TempDir dir;
  Xapian::Database db(write_db(dir, {
                                        {{"person:modi", "place:delhi"}, "bbc"},
                                        {{}, "dw"},
                                        {{"org:kcna"}, "", true},
                                        {{"place:delhi", "org:kcna", "person:kim"}, ""},
                                    })
                          .string());
  auto column = FacetColumn::build(db);
  // Entities in the slot's order, then the source.
  EXPECT_EQ(describe(column, 1), "person:modi place:delhi source:bbc");
  EXPECT_EQ(describe(column, 2), "source:dw");
  EXPECT_EQ(describe(column, 3), "");  // deleted
  EXPECT_EQ(describe(column, 4), "place:delhi org:kcna person:kim");
  EXPECT_EQ(describe(column, 5), "");  // beyond the last docid
  EXPECT_EQ(describe(column, 0), "");
  EXPECT_EQ(column.value_count(), 6u);  // modi kim delhi kcna bbc dw
}

TEST(FacetColumnTest, SameIdOfDifferentKindsStaysApart) {
  test::TempDir dir;
  Xapian::Database db(write_db(dir, {{{"person:georgia", "place:georgia"}, "georgia"}}).string());
  auto column = FacetColumn::build(db);
  EXPECT_EQ(describe(column, 1), "person:georgia place:georgia source:georgia");
  EXPECT_EQ(column.value_count(), 3u);
}

TEST(FacetColumnTest, IgnoresKeysWithoutTypeOrId) {
  test::TempDir dir;
  Xapian::Database db(write_db(dir, {{{"modi", "person:", "person:kim"}, ""}}).string());
  EXPECT_EQ(describe(FacetColumn::build(db), 1), "person:kim");
}

// Counts with every match visited, against counts made from the test's own
// document list.
TEST(FacetCountSpyTest, CountsOnePerDocumentPerValueOverAllMatches) {
  std::vector<Doc> docs;
  std::map<std::string, Xapian::doccount> expected;  // "person:p3" -> documents
  for (int i = 0; i < 60; ++i) {
    Doc d;
    d.entities.push_back("person:p" + std::to_string(i % 7));
    if (i % 3 == 0) d.entities.push_back("place:l" + std::to_string(i % 4));
    if (i % 5 == 0) d.entities.push_back("org:o");
    d.source = i % 2 ? "odd" : "even";
    d.deleted = i % 11 == 10;
    if (!d.deleted) {
      for (const auto& e : d.entities) ++expected[e];
      ++expected["source:" + d.source];
    }
    docs.push_back(d);
  }
  test::TempDir dir;
  Xapian::Database db(write_db(dir, docs).string());
  auto column = std::make_shared<const FacetColumn>(FacetColumn::build(db));
  std::vector<Xapian::doccount> scratch;
  FacetCountSpy spy(column, scratch, db.get_doccount());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("all"));
  enquire.add_matchspy(&spy);
  enquire.get_mset(0, 1, db.get_doccount());
  EXPECT_EQ(spy.documents_seen(), db.get_doccount());

  std::map<std::string, Xapian::doccount> counted;
  const auto top = spy.top(100);
  for (std::size_t k = 0; k < kFacetKinds; ++k)
    for (const auto& v : top[k]) counted[std::string(facet_kind_name(static_cast<FacetKind>(k))) + ":" + v.name] = v.count;
  EXPECT_EQ(counted, expected);
}

TEST(FacetCountSpyTest, TopOrdersByCountThenNameAndStopsAtTheLimit) {
  // c and a twice, b, d and e once.
  test::TempDir dir;
  Xapian::Database db(write_db(dir, {
                                        {{"person:c", "person:a", "person:e"}, ""},
                                        {{"person:c", "person:b"}, ""},
                                        {{"person:a", "person:d"}, ""},
                                    })
                          .string());
  auto column = std::make_shared<const FacetColumn>(FacetColumn::build(db));
  std::vector<Xapian::doccount> scratch;
  auto top_people = [&](std::size_t limit) {
    FacetCountSpy spy(column, scratch, 10);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 10, 10);
    std::string out;
    const auto top = spy.top(limit);
    for (const auto& v : top[static_cast<std::size_t>(FacetKind::person)])
      out += v.name + "=" + std::to_string(v.count) + " ";
    return out;
  };
  EXPECT_EQ(top_people(10), "a=2 c=2 b=1 d=1 e=1 ");
  EXPECT_EQ(top_people(3), "a=2 c=2 b=1 ");
  EXPECT_EQ(top_people(1), "a=2 ");
  EXPECT_EQ(top_people(0), "");
  // Each spy leaves the shared scratch space as it found it.
  for (auto count : scratch) EXPECT_EQ(count, 0u);
}

// Through the indexer and the Searcher: estimated counts beyond the bound.
class FacetBoundTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream out(dir_ / "in.jsonl");
    // Every article names Modi; every other one also Delhi.
    for (int i = 0; i < 80; ++i)
      out << "{\"id\":\"d" << i << "\",\"title\":\"नरेंद्र मोदी का भाषण " << i << "\",\"body\":\"नरेंद्र मोदी ने भाषण दिया।"
          << (i % 2 ? " वे दिल्ली में थे।" : "") << "\"}\n";
    out.close();
    db_ = test::build_index(dir_, {(dir_ / "in.jsonl").string()});
  }
  SearchResponse search(unsigned bound) {
    SearchLimits limits;
    limits.facet_exact_bound = bound;
    auto searcher = Searcher::open(db_, limits);
    EXPECT_TRUE(searcher.has_value());
    SearchRequest req;
    req.query = "भाषण";
    auto r = searcher->search(req);
    EXPECT_TRUE(r.has_value());
    return r ? *r : SearchResponse{};
  }
  static std::size_t count_of(const SearchResponse& r, const std::string& type, const std::string& id) {
    for (const auto& v : r.facets.at(type))
      if (v.id == id) return v.count;
    return 0;
  }
  test::TempDir dir_;
  std::filesystem::path db_;
};

TEST_F(FacetBoundTest, ExactWithinTheBound) {
  auto r = search(1000);
  EXPECT_TRUE(r.facets_exact);
  EXPECT_EQ(count_of(r, "person", "narendra-modi"), 80u);
  EXPECT_EQ(count_of(r, "place", "delhi"), 40u);
}

TEST_F(FacetBoundTest, EstimatedAndFlaggedBeyondTheBound) {
  auto r = search(10);
  EXPECT_FALSE(r.facets_exact);
  EXPECT_EQ(r.total, 80u);
  // Scaled from the first 10 matches in index order to the whole match set.
  EXPECT_EQ(count_of(r, "person", "narendra-modi"), 80u);
  EXPECT_EQ(count_of(r, "place", "delhi"), 40u);
}

TEST(FacetMonthTest, CountsMatchesPerMonthInOrderAndSkipsUndated) {
  test::TempDir dir;
  // Two more articles in June 2024, one at 23:30 IST on 30 June (18:00 UTC: still June).
  std::string jsonl = std::string(test::kDatedJsonl) +
                      "{\"id\":\"j1\",\"title\":\"मानसून\",\"body\":\"मानसून।\",\"date\":\"2024-06-02\"}\n"
                      "{\"id\":\"j2\",\"title\":\"मानसून\",\"body\":\"मानसून।\",\"date\":\"2024-06-30T23:30:00+05:30\"}\n";
  auto db = test::build_index(dir, {dir.write("in.jsonl", jsonl).string()});
  auto searcher = Searcher::open(db);
  ASSERT_TRUE(searcher.has_value());
  SearchRequest req;
  req.query = "मानसून";
  auto r = searcher->search(req);
  ASSERT_TRUE(r.has_value());
  std::string months;
  for (const auto& v : r->facets["month"]) months += v.id + "=" + std::to_string(v.count) + " ";
  EXPECT_EQ(months, "2019-07=1 2022-07=1 2024-05=1 2024-06=2 ");
  req.from = "2024-01-01";
  r = searcher->search(req);
  ASSERT_TRUE(r.has_value());
  months.clear();
  for (const auto& v : r->facets["month"]) months += v.id + "=" + std::to_string(v.count) + " ";
  EXPECT_EQ(months, "2024-05=1 2024-06=2 ");
  // Matches within a few weeks: counted per day too (UTC days), for the chart.
  std::string days;
  for (const auto& v : r->facets["day"]) days += v.id + "=" + std::to_string(v.count) + " ";
  EXPECT_EQ(days, "2024-05-30=1 2024-06-02=1 2024-06-30=1 ");
  req.from = "";
  r = searcher->search(req);
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->facets.contains("day")) << "five years of matches: months only";
}

TEST(FacetRefreshTest, NewCommitsShowInTheFacets) {
  test::TempDir dir;
  {
    std::ofstream(dir / "a.jsonl") << "{\"id\":\"a\",\"title\":\"मोदी\",\"body\":\"नरेंद्र मोदी दिल्ली में।\"}\n";
  }
  auto db = test::build_index(dir, {(dir / "a.jsonl").string()});
  auto searcher = Searcher::open(db);
  ASSERT_TRUE(searcher.has_value());
  SearchRequest req;
  req.query = "मोदी";
  auto before = searcher->search(req);
  ASSERT_TRUE(before.has_value());
  ASSERT_EQ(before->facets["place"].size(), 1u);
  {
    std::ofstream(dir / "b.jsonl") << "{\"id\":\"b\",\"title\":\"मोदी\",\"body\":\"नरेंद्र मोदी मुंबई में।\"}\n";
  }
  test::build_index(dir, {(dir / "b.jsonl").string()});
  searcher->refresh();
  auto after = searcher->search(req);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->facets["place"].size(), 2u);
  EXPECT_EQ(after->facets["person"].at(0).count, 2u);
}

}  // namespace
}  // namespace talash::searcher
