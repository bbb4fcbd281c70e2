// Drives the real `talash` binary: exit statuses, messages and output formats.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/run_talash.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace talash::test {
namespace {


TEST(CliIndexTest, BadLinesAreReportedGoodOnesSearchableExitThree) {
  TempDir dir;
  auto input = dir.write("mixed.jsonl",
                         "{\"id\":\"g1\",\"title\":\"पहली ख़बर\",\"body\":\"मानसून आया।\"}\n"
                         "{\"id\":\"bad\",\"title\":\n"
                         "{\"id\":\"utf\",\"body\":\"\xe0\xa4\"}\n"
                         "{\"body\":\"बिना आईडी\"}\n"
                         "{\"id\":\"g2\",\"title\":\"दूसरी ख़बर\",\"body\":\"मानसून गया।\"}\n");
  auto r = talash(dir, {"index", "--db", (dir / "db").string(), input.string()});
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find(input.string() + ":2: invalid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(input.string() + ":3: invalid UTF-8"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(input.string() + ":4: missing id"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("added=2 replaced=0 unchanged=0 rejected=3"), std::string::npos) << r.err;
  auto s = talash(dir, {"search", "--db", (dir / "db").string(), "--json", "मानसून"});
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_EQ(nlohmann::json::parse(s.out)["total"], 2);
}

TEST(CliIndexTest, AllGoodIsExitZeroAndReindexIsUnchanged) {
  TempDir dir;
  auto input = dir.write("ok.jsonl", "{\"id\":1,\"body\":\"एक\"}\n{\"id\":2,\"body\":\"दो\"}\n");
  EXPECT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto again = talash(dir, {"index", "--db", (dir / "db").string(), input.string()});
  EXPECT_EQ(again.status, 0);
  EXPECT_NE(again.err.find("added=0 replaced=0 unchanged=2 rejected=0 documents=2"), std::string::npos) << again.err;
}

TEST(CliIndexTest, StdinIsJsonl) {
  TempDir dir;
  auto r = talash(dir, {"index", "--db", (dir / "db").string(), "-"}, "{\"id\":\"s\",\"body\":\"मानक इनपुट\"}\n{oops\n");
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("<stdin>:2: invalid JSON"), std::string::npos) << r.err;
}

TEST(CliIndexTest, NothingCouldBeDoneIsExitOne) {
  TempDir dir;
  auto r = talash(dir, {"index", "--db", (dir / "db").string(), (dir / "missing.jsonl").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no such file"), std::string::npos) << r.err;
}

TEST(CliIndexTest, ShardsCompactAndMergeGiveOneSearchableIndex) {
  TempDir dir;
  std::string lines, more;
  for (int i = 0; i < 12; ++i)
    lines += "{\"id\":\"a" + std::to_string(i) + "\",\"title\":\"मानसून " + std::to_string(i) + "\",\"body\":\"बारिश हुई।\"}\n";
  for (int i = 0; i < 5; ++i)
    more += "{\"id\":\"b" + std::to_string(i) + "\",\"title\":\"मानसून\",\"body\":\"बादल।\"}\n";
  auto input = dir.write("a.jsonl", lines);
  auto input_b = dir.write("b.jsonl", more);
  auto sharded = talash(dir, {"index", "--shards", "3", "--db", (dir / "s").string(), input.string()});
  ASSERT_EQ(sharded.status, 0) << sharded.err;
  EXPECT_NE(sharded.err.find("documents=12"), std::string::npos) << sharded.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "s.shards"));
  auto refused = talash(dir, {"index", "--shards", "2", "--db", (dir / "s").string(), input.string()});
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("index without --shards to update it"), std::string::npos) << refused.err;

  ASSERT_EQ(talash(dir, {"index", "--compact", "--db", (dir / "b").string(), input_b.string()}).status, 0);
  auto merged = talash(dir, {"compact", "--merge", (dir / "s").string(), "--merge", (dir / "b").string(), "--output",
                             (dir / "all").string()});
  ASSERT_EQ(merged.status, 0) << merged.err;
  EXPECT_NE(merged.err.find("documents=17"), std::string::npos) << merged.err;
  auto in_place = talash(dir, {"compact", "--db", (dir / "all").string()});
  ASSERT_EQ(in_place.status, 0) << in_place.err;
  auto s = talash(dir, {"search", "--db", (dir / "all").string(), "--json", "मानसून"});
  ASSERT_EQ(s.status, 0) << s.err;
  EXPECT_EQ(nlohmann::json::parse(s.out)["total"], 17);
  EXPECT_EQ(talash(dir, {"compact", "--merge", (dir / "s").string()}).status, 2);
}

TEST(CliIndexTest, HelpDocumentsExitStatuses) {
  TempDir dir;
  auto r = talash(dir, {"index", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("3 some were rejected"), std::string::npos) << r.out;
}

TEST(CliDeleteTest, DeletesAndReportsUnknownIds) {
  TempDir dir;
  auto input = dir.write("ok.jsonl", "{\"id\":\"a\",\"body\":\"एक\"}\n{\"id\":\"b\",\"body\":\"दो\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto r = talash(dir, {"delete", "--db", (dir / "db").string(), "a", "zzz"});
  EXPECT_EQ(r.status, 3);
  EXPECT_NE(r.err.find("deleted=1 not_found=1 documents=1"), std::string::npos) << r.err;
}

TEST(CliSearchTest, BatchPrintsTsvAndTimingLine) {
  TempDir dir;
  auto input = dir.write("ok.jsonl",
                         "{\"id\":\"a\",\"title\":\"मानसून\",\"body\":\"बारिश\"}\n"
                         "{\"id\":\"b\",\"title\":\"चुनाव\",\"body\":\"मतदान\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto queries = dir.write("q.tsv", "q1\tमानसून\nचुनाव मतदान\n\nq4\tकुछ नहीं मिलेगा\n");
  auto r = talash(dir, {"search", "--db", (dir / "db").string(), "--batch", queries.string(), "--limit", "5"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::regex row(R"(([^\t]+)\t(\d+)\t([^\t]+)\t([0-9.]+))");
  std::vector<std::string> got;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, row)) << line;
    got.push_back(m[1].str() + " " + m[2].str() + " " + m[3].str());
  }
  EXPECT_EQ(got, (std::vector<std::string>{"q1 1 a", "2 1 b"}));
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(queries=3 p50_ms=[0-9.]+ p99_ms=[0-9.]+ total_s=[0-9.]+\n$)"))) << r.err;
}

TEST(CliSearchTest, PlainOutputMarksMatches) {
  TempDir dir;
  auto input = dir.write("ok.jsonl", "{\"id\":\"a\",\"title\":\"ख़बर\",\"body\":\"आज मानसून आया। कल धूप।\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto r = talash(dir, {"search", "--db", (dir / "db").string(), "मानसून"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1 result"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1. a  score"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("आज [मानसून] आया।"), std::string::npos) << r.out;
}

TEST(CliSearchTest, BadQueryIsUsageError) {
  TempDir dir;
  auto input = dir.write("ok.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto r = talash(dir, {"search", "--db", (dir / "db").string(), "(x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("never closed"), std::string::npos) << r.err;
}

TEST(CliAnalyzeTest, ShowsOffsetsNormalizedFormsAndTerms) {
  TempDir dir;
  auto r = talash(dir, {"analyze", "--terms", "पढ़ें Kim"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "0\ts0\t[0,15)\tपढ़ें\tपढें\tdeva\tपढें Zपढ\n1\ts0\t[16,19)\tKim\tkim\tlatn\tkim Zkim\n");
}

TEST(CliAnalyzeTest, KeysShowsPhoneticAndAcronymKeys) {
  TempDir dir;
  auto r = talash(dir, {"analyze", "--keys", "Belousov बेलूसोव KCNA केसीएनए"});
  ASSERT_EQ(r.status, 0) << r.err;
  // One script-neutral key per tier: the Latin and Devanagari spellings agree.
  auto line = [&](int n) {
    std::size_t at = 0;
    for (int i = 0; i < n; ++i) at = r.out.find('\n', at) + 1;
    return r.out.substr(at, r.out.find('\n', at) - at);
  };
  auto keys = [&](int n) { std::string l = line(n); return l.substr(l.find("keys ")); };
  EXPECT_EQ(keys(0).substr(0, keys(0).find(" acronym")), keys(1).substr(0, keys(1).find(" acronym"))) << r.out;
  EXPECT_NE(keys(0).find("keys belusov "), std::string::npos) << r.out;
  EXPECT_NE(keys(3).find("acronym kcna"), std::string::npos) << r.out;
  EXPECT_NE(keys(2).find("acronym kcna"), std::string::npos) << r.out;
}

TEST(CliSearchTest, ExactTurnsVariantsOffAndPlainOutputSaysWhatWasAlsoSearched) {
  TempDir dir;
  auto input = dir.write("ok.jsonl", "{\"id\":\"a\",\"title\":\"यात्रा\",\"body\":\"रक्षा मंत्री आंद्रेई बेलूसोव ने कहा।\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto r = talash(dir, {"search", "--db", (dir / "db").string(), "Belousov"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1 result"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("also searched: belousov -> बेलूसोव"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[बेलूसोव]"), std::string::npos) << r.out;
  auto exact = talash(dir, {"search", "--db", (dir / "db").string(), "--exact", "Belousov"});
  ASSERT_EQ(exact.status, 0) << exact.err;
  EXPECT_NE(exact.out.find("0 results"), std::string::npos) << exact.out;
}

TEST(CliNerTest, LinkModeGivesCanonicalIdsPerDocument) {
  TempDir dir;
  // The bare किम of the second sentence links to the full name of the first.
  auto input = dir.write("in.tsv",
                         "# doc=a sent=0\nउत्तर\tx\nकोरिया\tx\nके\tx\nनेता\tx\nकिम\tx\nजोंग\tx\nउन\tx\nने\tx\nकहा\tx\n\n"
                         "# doc=a sent=1\nबाद\tx\nमें\tx\nकिम\tx\nने\tx\nमॉस्को\tx\nका\tx\nदौरा\tx\nकिया\tx\n");
  auto r = talash(dir, {"ner", "--conll", input.string(), "--link"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "# doc=a sent=0\nउत्तर\tB-LOC\tnorth-korea\nकोरिया\tI-LOC\tnorth-korea\nके\tO\t_\nनेता\tO\t_\n"
            "किम\tB-PER\tkim-jong-un\nजोंग\tI-PER\tkim-jong-un\nउन\tI-PER\tkim-jong-un\nने\tO\t_\nकहा\tO\t_\n\n"
            "# doc=a sent=1\nबाद\tO\t_\nमें\tO\t_\nकिम\tB-PER\tkim-jong-un\nने\tO\t_\nमॉस्को\tB-LOC\tmoscow\n"
            "का\tO\t_\nदौरा\tO\t_\nकिया\tO\t_\n");
}

TEST(CliStatsTest, TopWordsListsTheWordsInMostDocuments) {
  TempDir dir;
  auto input = dir.write("ok.jsonl",
                         "{\"id\":\"a\",\"body\":\"रूस और चीन\"}\n{\"id\":\"b\",\"body\":\"रूस और भारत\"}\n"
                         "{\"id\":\"c\",\"body\":\"रूस\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto r = talash(dir, {"stats", "--db", (dir / "db").string(), "--top-words", "2"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "रूस\t3\nऔर\t2\n");
}

TEST(CliStatsTest, PrintsDocumentCountAsJson) {
  TempDir dir;
  auto input = dir.write("ok.jsonl", "{\"id\":\"a\",\"body\":\"x\"}\n");
  ASSERT_EQ(talash(dir, {"index", "--db", (dir / "db").string(), input.string()}).status, 0);
  auto r = talash(dir, {"stats", "--db", (dir / "db").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["documents"], 1);
  EXPECT_GT(j["bytes_on_disk"].get<long>(), 0);
  EXPECT_FALSE(j["last_update"].get<std::string>().empty());
}

}  // namespace
}  // namespace talash::test
