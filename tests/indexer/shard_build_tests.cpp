// --shards builds and `talash compact`: the merged index must be the index one
// writer would have built, and an interrupted build must resume.
#include <gtest/gtest.h>

#include <algorithm>

#include <xapian.h>

#include "indexer/index_compactor.h"
#include "indexer/index_job.h"
#include "indexer/index_writer.h"
#include "schema/schema.h"
#include "schema/terms.h"
#include "tests/row_name.h"
#include "tests/temp_dir.h"

namespace talash::indexer {
namespace {

using test::TempDir;

std::expected<IndexReport, std::string> index(const std::filesystem::path& db, const std::filesystem::path& input,
                                              unsigned shards) {
  IndexOptions options;
  options.threads = 2;
  options.batch_size = 4;
  options.commit_every = 7;
  options.shards = shards;
  return run_index_job(db, {input.string()}, options, {});
}

// Articles with gazetteer entities, unlisted names in two spellings (their
// counts decide the label), repeated words and one duplicate id.
std::string articles(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const char* name = i % 3 ? "रमेश कुमावत" : "रमेश कुमावात";
    out += "{\"id\":\"doc-" + std::to_string(i) + "\",\"title\":\"मास्को में बैठक " + std::to_string(i) +
           "\",\"body\":\"प्रवक्ता " + name + " ने कहा कि रूस और भारत मिलकर काम करेंगे। दिल्ली में " +
           std::to_string(i % 5) + " बैठकें हुईं।\",\"date\":\"2024-0" + std::to_string(1 + i % 9) + "-1" +
           std::to_string(i % 10) + "\",\"source\":\"src" + std::to_string(i % 4) + "\"}\n";
  }
  out += "{\"id\":\"doc-3\",\"title\":\"बदला हुआ शीर्षक\",\"body\":\"नया पाठ\"}\n";
  return out;
}

// Everything a searcher reads, as one string per part, so a difference reads at a glance.
struct Contents {
  std::string terms, metadata, synonyms, stored;
};

Contents contents(const std::filesystem::path& db) {
  Xapian::Database d(db.string());
  Contents c;
  for (auto t = d.allterms_begin(); t != d.allterms_end(); ++t)
    c.terms += *t + ":" + std::to_string(t.get_termfreq()) + "/" + std::to_string(d.get_collection_freq(*t)) + " ";
  for (auto k = d.metadata_keys_begin(); k != d.metadata_keys_end(); ++k)
    if (*k != schema::meta::kLastUpdate) c.metadata += *k + "=" + d.get_metadata(*k) + "\n";
  for (auto k = d.synonym_keys_begin(); k != d.synonym_keys_end(); ++k)
    for (auto s = d.synonyms_begin(*k); s != d.synonyms_end(*k); ++s) c.synonyms += *k + "=" + *s + " ";
  std::vector<std::string> docs;
  for (auto p = d.postlist_begin(""); p != d.postlist_end(""); ++p) docs.push_back(d.get_document(*p).get_data());
  std::ranges::sort(docs);
  for (const auto& s : docs) c.stored += s + "\n";
  return c;
}

void expect_same(const Contents& a, const Contents& b) {
  EXPECT_EQ(a.terms, b.terms);
  EXPECT_EQ(a.metadata, b.metadata);
  EXPECT_EQ(a.synonyms, b.synonyms);
  EXPECT_EQ(a.stored, b.stored);
}

TEST(ShardBuildTest, ShardsMergeIntoTheIndexOneWriterBuilds) {
  TempDir dir;
  auto input = dir.write("in.jsonl", articles(40));
  auto one = index(dir / "one", input, 1);
  auto three = index(dir / "three", input, 3);
  ASSERT_TRUE(one.has_value()) << one.error();
  ASSERT_TRUE(three.has_value()) << three.error();
  EXPECT_EQ(three->documents_in_db, 40u);
  EXPECT_EQ(three->added, 40u);
  EXPECT_EQ(three->replaced, 1u);  // the duplicate id, later record wins
  EXPECT_EQ(three->committed, 41u);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "three.shards"));
  auto a = contents(dir / "one");
  ASSERT_NE(a.metadata.find("रमेश कुमावत"), std::string::npos) << "no unlisted entity to merge:\n" << a.metadata;
  expect_same(a, contents(dir / "three"));
}

TEST(ShardBuildTest, AnInterruptedBuildResumesWithoutDuplicates) {
  TempDir dir;
  auto input = dir.write("in.jsonl", articles(30));
  // What a build killed after its first commits leaves: shard 0 holding the
  // first records that belong to it.
  std::string shard0;
  int kept = 0;
  for (int i = 0; i < 30 && kept < 6; ++i)
    if (shard_of(schema::id_term("doc-" + std::to_string(i)), 2) == 0) {
      auto all = articles(30);
      std::size_t start = 0;
      for (int line = 0; line < i; ++line) start = all.find('\n', start) + 1;
      shard0 += all.substr(start, all.find('\n', start) + 1 - start);
      ++kept;
    }
  auto partial = dir.write("partial.jsonl", shard0);
  std::filesystem::create_directories(dir.path() / "db.shards");
  ASSERT_TRUE(index(dir.path() / "db.shards" / "0", partial, 1).has_value());

  auto resumed = index(dir / "db", input, 2);
  ASSERT_TRUE(resumed.has_value()) << resumed.error();
  EXPECT_EQ(resumed->unchanged, 6u);
  EXPECT_EQ(resumed->added, 24u);
  EXPECT_EQ(resumed->documents_in_db, 30u);
  ASSERT_TRUE(index(dir / "fresh", input, 1).has_value());
  expect_same(contents(dir / "fresh"), contents(dir / "db"));
}

TEST(ShardBuildTest, ShardsRefuseATargetThatHoldsDocuments) {
  TempDir dir;
  auto input = dir.write("in.jsonl", articles(5));
  ASSERT_TRUE(index(dir / "db", input, 1).has_value());
  auto again = index(dir / "db", input, 2);
  ASSERT_FALSE(again.has_value());
  EXPECT_NE(again.error().find("already holds 5 documents"), std::string::npos) << again.error();
}

TEST(CompactTest, InPlaceKeepsEveryDocumentAndWaitsForNoWriter) {
  TempDir dir;
  auto input = dir.write("in.jsonl", articles(25));
  ASSERT_TRUE(index(dir / "db", input, 1).has_value());
  auto before = contents(dir / "db");
  {
    Xapian::WritableDatabase holder((dir / "db").string(), Xapian::DB_OPEN);
    auto locked = compact_in_place(dir / "db");
    ASSERT_FALSE(locked.has_value());
    EXPECT_NE(locked.error().find("locked"), std::string::npos) << locked.error();
  }
  auto done = compact_in_place(dir / "db");
  ASSERT_TRUE(done.has_value()) << done.error();
  EXPECT_EQ(done->documents, 25u);
  EXPECT_LT(done->bytes_after, done->bytes_before);
  expect_same(before, contents(dir / "db"));
  // Still an index a writer can update.
  auto writer = IndexWriter::open(dir / "db");
  ASSERT_TRUE(writer.has_value()) << writer.error();
  EXPECT_TRUE(writer->remove("doc-1"));
  writer->commit();
  EXPECT_EQ(writer->document_count(), 24u);
}

struct MergeRow {
  std::string name, key, a, b, expected;
};

class MergeMetadataTest : public ::testing::TestWithParam<MergeRow> {};

TEST_P(MergeMetadataTest, Merges) {
  EXPECT_EQ(merge_metadata(GetParam().key, GetParam().a, GetParam().b), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, MergeMetadataTest,
    ::testing::Values(
        MergeRow{"latest_update_wins", "talash:last_update", "2024-01-02T00:00:00Z", "2024-03-01T00:00:00Z",
                 "2024-03-01T00:00:00Z"},
        MergeRow{"gazetteer_entity_kept", "entity:moscow", R"({"label":"मॉस्को","type":"place"})",
                 R"({"label":"मॉस्को","type":"place"})", R"({"label":"मॉस्को","type":"place"})"},
        MergeRow{"unlisted_spellings_add_up_and_relabel", "entity:x-per-1",
                 R"({"label":"अ","label_en":"","spellings":{"अ":3,"आ":1},"type":"person"})",
                 R"({"label":"आ","label_en":"","spellings":{"आ":5},"type":"person"})",
                 R"({"label":"आ","label_en":"","spellings":{"अ":3,"आ":6},"type":"person"})"},
        MergeRow{"other_keys_keep_the_first", "talash:schema_version", "5", "5", "5"}),
    test::RowName());

}  // namespace
}  // namespace talash::indexer
