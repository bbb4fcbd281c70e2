#include <gtest/gtest.h>

#include <xapian.h>

#include "indexer/index_job.h"
#include "indexer/index_writer.h"
#include "schema/schema.h"
#include "schema/terms.h"
#include "tests/temp_dir.h"

namespace talash::indexer {
namespace {

using test::TempDir;

struct Run {
  std::expected<IndexReport, std::string> report;
  std::vector<Rejection> rejections;
};

Run index(const std::filesystem::path& db, const std::vector<std::string>& inputs, unsigned threads = 2) {
  Run run;
  IndexOptions options;
  options.threads = threads;
  options.batch_size = 3;  // several batches even for small inputs
  IndexCallbacks cb;
  cb.on_rejection = [&](const Rejection& r) { run.rejections.push_back(r); };
  run.report = run_index_job(db, inputs, options, cb);
  return run;
}

std::string stored_title(const std::filesystem::path& db, const std::string& id) {
  Xapian::Database d(db.string());
  auto term = schema::id_term(id);
  auto it = d.postlist_begin(term);
  if (it == d.postlist_end(term)) return "<missing>";
  auto data = d.get_document(*it).get_data();
  auto pos = data.find("\"title\":\"");
  return data.substr(pos + 9, data.find('"', pos + 9) - pos - 9);
}

TEST(IndexJobTest, BadRecordsAreReportedWithLineAndTheRestIsIndexed) {
  TempDir dir;
  auto input = dir.write("in.jsonl",
                         "{\"id\":\"a\",\"title\":\"रूस\",\"body\":\"पहला\"}\n"
                         "{\"id\":\"b\",\"title\":\"broken\"\n"
                         "{\"id\":\"c\",\"body\":\"\xff bad\"}\n"
                         "\n"
                         "{\"title\":\"no id\",\"body\":\"x\"}\n"
                         "{\"id\":\"d\",\"body\":\"चौथा\",\"date\":\"kal\"}\n"
                         "{\"id\":\"e\",\"title\":\"यूक्रेन\",\"body\":\"पाँचवाँ\"}\n");
  auto run = index(dir / "db", {input.string()});
  ASSERT_TRUE(run.report.has_value()) << run.report.error();
  EXPECT_EQ(run.report->added, 2u);
  EXPECT_EQ(run.report->rejected, 4u);
  std::string got;
  for (const auto& r : run.rejections) got += std::to_string(r.line) + ":" + r.reason.substr(0, 12) + ";";
  EXPECT_EQ(got, "2:invalid JSON;3:invalid UTF-;5:missing id;6:date 'kal' d;");
  for (const auto& r : run.rejections) EXPECT_EQ(r.origin, input.string());
  EXPECT_EQ(stored_title(dir / "db", "a"), "रूस");
  EXPECT_EQ(stored_title(dir / "db", "e"), "यूक्रेन");
}

TEST(IndexJobTest, ReindexingTheSameInputChangesNothing) {
  TempDir dir;
  auto input = dir.write("in.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\"}\n");
  auto first = index(dir / "db", {input.string()});
  ASSERT_TRUE(first.report.has_value());
  EXPECT_EQ(first.report->added, 2u);
  auto second = index(dir / "db", {input.string()});
  ASSERT_TRUE(second.report.has_value());
  EXPECT_EQ(second.report->added, 0u);
  EXPECT_EQ(second.report->replaced, 0u);
  EXPECT_EQ(second.report->unchanged, 2u);
  EXPECT_EQ(second.report->documents_in_db, 2u);
}

TEST(IndexJobTest, AnEditedRecordReplacesTheOldOne) {
  TempDir dir;
  auto v1 = dir.write("v1.jsonl", "{\"id\":\"a\",\"title\":\"पुराना\",\"body\":\"x\"}\n");
  auto v2 = dir.write("v2.jsonl", "{\"id\":\"a\",\"title\":\"नया\",\"body\":\"x\"}\n");
  ASSERT_TRUE(index(dir / "db", {v1.string()}).report.has_value());
  auto run = index(dir / "db", {v2.string()});
  ASSERT_TRUE(run.report.has_value());
  EXPECT_EQ(run.report->replaced, 1u);
  EXPECT_EQ(run.report->documents_in_db, 1u);
  EXPECT_EQ(stored_title(dir / "db", "a"), "नया");
  Xapian::Database d((dir / "db").string());
  EXPECT_EQ(d.get_termfreq("पुराना"), 0u) << "old terms must go with the old version";
  EXPECT_EQ(d.get_termfreq("नया"), 1u);
}

TEST(IndexJobTest, LaterDuplicateInOneInputWins) {
  TempDir dir;
  auto input = dir.write("in.jsonl", "{\"id\":\"a\",\"title\":\"एक\",\"body\":\"x\"}\n{\"id\":\"a\",\"title\":\"दो\",\"body\":\"x\"}\n");
  auto run = index(dir / "db", {input.string()});
  ASSERT_TRUE(run.report.has_value());
  EXPECT_EQ(run.report->documents_in_db, 1u);
  EXPECT_EQ(stored_title(dir / "db", "a"), "दो");
}

TEST(IndexJobTest, FoldersGiveTextArticlesIdsRelativeToTheFolder) {
  TempDir dir;
  dir.write("news/world/001.txt", "शीर्षक एक\nपाठ एक।\n");
  dir.write("news/002.txt", "शीर्षक दो\nपाठ दो।\n");
  dir.write("news/more.jsonl", "{\"id\":\"j1\",\"body\":\"x\"}\n");
  dir.write("news/ignored.csv", "id,body\n");
  auto run = index(dir / "db", {(dir / "news").string()});
  ASSERT_TRUE(run.report.has_value()) << run.report.error();
  EXPECT_EQ(run.report->added, 3u);
  EXPECT_EQ(stored_title(dir / "db", "world/001"), "शीर्षक एक");
  EXPECT_EQ(stored_title(dir / "db", "002"), "शीर्षक दो");
}

TEST(IndexJobTest, SingleAndManyThreadsBuildTheSameIndex) {
  TempDir dir;
  std::string jsonl;
  for (int i = 0; i < 40; ++i)
    jsonl += "{\"id\":\"" + std::to_string(i) + "\",\"title\":\"रूस " + std::to_string(i) +
             "\",\"body\":\"मास्को में बैठक हुई। दिल्ली\"}\n";
  auto input = dir.write("in.jsonl", jsonl);
  ASSERT_TRUE(index(dir / "one", {input.string()}, 1).report.has_value());
  ASSERT_TRUE(index(dir / "two", {input.string()}, 2).report.has_value());
  Xapian::Database one((dir / "one").string()), two((dir / "two").string());
  EXPECT_EQ(one.get_doccount(), 40u);
  EXPECT_EQ(one.get_total_length(), two.get_total_length());
  for (auto t = one.allterms_begin(); t != one.allterms_end(); ++t)
    EXPECT_EQ(one.get_termfreq(*t), two.get_termfreq(*t)) << *t;
}

TEST(IndexJobTest, MissingInputIsAnErrorAndNothingIsIndexed) {
  TempDir dir;
  auto good = dir.write("in.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n");
  auto run = index(dir / "db", {good.string(), (dir / "nope.jsonl").string()});
  ASSERT_FALSE(run.report.has_value());
  EXPECT_NE(run.report.error().find("no such file"), std::string::npos) << run.report.error();
  EXPECT_FALSE(std::filesystem::exists(dir / "db"));
}

TEST(IndexJobTest, LockedDatabaseIsAClearError) {
  TempDir dir;
  auto input = dir.write("in.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n");
  Xapian::WritableDatabase holder((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
  auto run = index(dir / "db", {input.string()});
  ASSERT_FALSE(run.report.has_value());
  EXPECT_NE(run.report.error().find("locked"), std::string::npos) << run.report.error();
}

TEST(IndexWriterTest, RemoveDeletesById) {
  TempDir dir;
  auto input = dir.write("in.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n{\"id\":\"b\",\"body\":\"y\"}\n");
  ASSERT_TRUE(index(dir / "db", {input.string()}).report.has_value());
  auto writer = IndexWriter::open(dir / "db");
  ASSERT_TRUE(writer.has_value());
  EXPECT_TRUE(writer->remove("a"));
  EXPECT_FALSE(writer->remove("a"));
  EXPECT_FALSE(writer->remove("zzz"));
  writer->commit();
  EXPECT_EQ(writer->document_count(), 1u);
}

TEST(DocumentTermsTest, TitleAndBodyTermsFollowTheSchema) {
  TempDir dir;
  auto input = dir.write("in.jsonl",
                         "{\"id\":\"a\",\"title\":\"किताबें\",\"body\":\"Kim पढ़ें\",\"source\":\"BBC Hindi\","
                         "\"date\":\"2024-06-15\",\"category\":\"world\"}\n");
  ASSERT_TRUE(index(dir / "db", {input.string()}).report.has_value());
  Xapian::Database d((dir / "db").string());
  auto doc = d.get_document(1);
  std::string terms;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    terms += *t + ":" + std::to_string(t.get_wdf());
    std::string pos;
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) pos += (pos.empty() ? "" : ",") + std::to_string(*p);
    if (!pos.empty()) terms += "[" + pos + "]";
    terms += " ";
  }
  // Title words at 1.., body words after the gap (1 title word + 100) with
  // wdf 2 in the lead; stems without positions; filters as boolean terms
  // (wdf 0). Xapian lists terms in byte order.
  EXPECT_EQ(terms,
            "D20240615:0 M202406:0 Qa:0 Sकिताबें:1[1] XCworld:0 XSbbc hindi:0 Y2024:0 ZSकिताब:1 Zkim:2 Zकिताब:3 "
            "Zपढ:2 kim:2[101] किताबें:3[1] पढें:2[102] ");
}

// Phonetic keys go to Xapian's synonym table: "key -> words". Rendered as one
// line per key, "key=word,word", so a failure reads at a glance.
std::string synonyms_of(const std::filesystem::path& db) {
  Xapian::Database d(db.string());
  std::string out;
  for (auto k = d.synonym_keys_begin(); k != d.synonym_keys_end(); ++k) {
    out += *k + "=";
    for (auto s = d.synonyms_begin(*k); s != d.synonyms_end(*k); ++s) out += *s + ",";
    out += "\n";
  }
  return out;
}

TEST(NameSynonymsTest, NameLikeWordsGetKeysFrequentWordsDoNot) {
  TempDir dir;
  // आंद्रेई बेलूसोव is a gazetteer entity (source E); दिलनवाज़ is a rare
  // word (source W: strict and middle keys only); सरकार and कहा are
  // frequent words; केसीएनए is an acronym in letter names.
  auto input = dir.write("in.jsonl",
                         "{\"id\":\"a\",\"title\":\"सरकार\",\"body\":\"आंद्रेई बेलूसोव ने कहा। दिलनवाज़ आए। केसीएनए ने बताया।\"}\n");
  ASSERT_TRUE(index(dir / "db", {input.string()}).report.has_value());
  const std::string syn = synonyms_of(dir / "db");
  EXPECT_NE(syn.find("XKE0belusov=बेलूसोव,\n"), std::string::npos) << syn;
  EXPECT_NE(syn.find("XKE1"), std::string::npos) << syn;
  EXPECT_NE(syn.find("XKE2bls=बेलूसोव,\n"), std::string::npos) << syn;
  EXPECT_NE(syn.find("=दिलनवाज,"), std::string::npos) << syn;
  EXPECT_EQ(syn.find("XKW2"), std::string::npos) << "no loose keys for words that are not names:\n" << syn;
  EXPECT_NE(syn.find("XKAkcna=केसीएनए,\n"), std::string::npos) << syn;
  EXPECT_EQ(syn.find("=सरकार,"), std::string::npos) << syn;
  EXPECT_EQ(syn.find("=कहा,"), std::string::npos) << syn;
}

TEST(DocumentTermsTest, OnlyTheLeadOfTheBodyWeighsMore) {
  TempDir dir;
  std::string body;
  for (int i = 0; i < 60; ++i) body += "शब्द" + std::to_string(i) + " ";
  auto input = dir.write("in.jsonl", "{\"id\":\"a\",\"body\":\"" + body + "\"}\n");
  ASSERT_TRUE(index(dir / "db", {input.string()}).report.has_value());
  Xapian::Database d((dir / "db").string());
  auto wdf = [&](const std::string& term) {
    auto it = d.postlist_begin(term);
    return it == d.postlist_end(term) ? 0u : it.get_wdf();
  };
  EXPECT_EQ(wdf("शब्द0"), 2u);
  EXPECT_EQ(wdf("शब्द49"), 2u);  // the 50th word
  EXPECT_EQ(wdf("शब्द50"), 1u);
  EXPECT_EQ(wdf("शब्द59"), 1u);
}

}  // namespace
}  // namespace talash::indexer
