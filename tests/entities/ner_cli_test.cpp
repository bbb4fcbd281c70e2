// `talash ner`, `talash ner-train` and `talash ner-clusters` through the real binary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entities/ner_model.h"
#include "tests/run_talash.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace talash::test {
namespace {


std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(NerCliTest, ConllOutputHasTheInputsLines) {
  TempDir dir;
  // Token-only lines, extra columns, several blank lines, CRLF, no final newline.
  const std::string input =
      "रक्षा\nमंत्री\tO\nराजनाथ\tB-PER\tx\nसिंह\nने\nलखनऊ\nमें\nकहा\n\n\n"
      "मुख्यमंत्री\r\nदिनेश\r\nपटवारी\r\n\r\nअंत";
  const auto file = dir.write("in.conll", input);
  const auto r = talash(dir, {"ner", "--conll", file.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto in_lines = lines_of(input), out_lines = lines_of(r.out);
  ASSERT_EQ(out_lines.size(), in_lines.size()) << r.out;
  for (std::size_t i = 0; i < in_lines.size(); ++i) {
    std::string in_line = in_lines[i];
    if (!in_line.empty() && in_line.back() == '\r') in_line.pop_back();
    if (in_line.empty()) {
      EXPECT_EQ(out_lines[i], "") << "line " << i + 1;
      continue;
    }
    const std::string token = in_line.substr(0, in_line.find('\t'));
    EXPECT_EQ(out_lines[i].substr(0, out_lines[i].find('\t')), token) << "line " << i + 1;
    EXPECT_EQ(std::count(out_lines[i].begin(), out_lines[i].end(), '\t'), 1) << out_lines[i];
  }
  EXPECT_EQ(out_lines[2], "राजनाथ\tB-PER");
  EXPECT_EQ(out_lines[3], "सिंह\tI-PER");
  EXPECT_EQ(out_lines[5], "लखनऊ\tB-LOC");
  EXPECT_NE(r.err.find("sentences=3 tokens=12"), std::string::npos) << r.err;
}

TEST(NerCliTest, ConllFromStdinWithScore) {
  TempDir dir;
  const auto r = talash(dir, {"ner", "--conll", "-", "--score"}, "राजनाथ\tB-PER\nसिंह\tI-PER\nने\tO\nकहा\tO\n");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "राजनाथ\tB-PER\nसिंह\tI-PER\nने\tO\nकहा\tO\n");
  EXPECT_NE(r.err.find("all  P 100.00  R 100.00  F1 100.00  (gold 1, predicted 1, correct 1)"), std::string::npos)
      << r.err;
}

TEST(NerCliTest, TextModePrintsMentionsWithByteOffsets) {
  TempDir dir;
  const auto r = talash(dir, {"ner", "रक्षा मंत्री राजनाथ सिंह ने लखनऊ में कहा"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "person\t[35,66)\tराजनाथ सिंह\nplace\t[74,86)\tलखनऊ\n");
}

TEST(NerCliTest, BadInputIsExitOneWithTheReason) {
  TempDir dir;
  auto r = talash(dir, {"ner", "--conll", (dir / "missing.conll").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot read"), std::string::npos) << r.err;
  r = talash(dir, {"ner", "--model", dir.write("bad.bin", "garbage").string(), "राम"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not a Talash NER model"), std::string::npos) << r.err;
}

TEST(NerCliTest, TrainWritesAModelThatTagsAndIsReproducible) {
  TempDir dir;
  std::string data;
  for (const char* name : {"राम", "श्याम", "मोहन", "गीता", "सीता"})
    data += std::string("मंत्री\tO\n") + name + "\tB-PER\nने\tO\nपुरी\tB-LOC\nमें\tO\nकहा\tO\n\n";
  const auto train = dir.write("train.conll", data);
  const auto a = talash(dir, {"ner-train", "--train", train.string(), "--dev", train.string(), "--epochs", "3",
                              "--min-count", "1", "--second-order", "--out", (dir / "a.bin").string()});
  ASSERT_EQ(a.status, 0) << a.err;
  EXPECT_NE(a.err.find("epoch  3"), std::string::npos) << a.err;
  const auto b = talash(dir, {"ner-train", "--train", train.string(), "--dev", train.string(), "--epochs", "3",
                              "--min-count", "1", "--second-order", "--out", (dir / "b.bin").string()});
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(read_file(dir / "a.bin"), read_file(dir / "b.bin"));
  const auto model = entities::NerModel::load(read_file(dir / "a.bin"));
  ASSERT_TRUE(model) << model.error();
  EXPECT_NE(model->info().find("--second-order"), std::string::npos) << model->info();
  const auto tagged = talash(dir, {"ner", "--model", (dir / "a.bin").string(), "--conll", train.string(), "--score"});
  ASSERT_EQ(tagged.status, 0) << tagged.err;
  EXPECT_NE(tagged.err.find("all  P 100.00"), std::string::npos) << tagged.err;
}

TEST(NerCliTest, TrainMembersWritesAVotingEnsemble) {
  TempDir dir;
  std::string data;
  for (const char* name : {"राम", "श्याम", "मोहन", "गीता", "सीता"})
    data += std::string("मंत्री\tO\n") + name + "\tB-PER\nने\tO\nपुरी\tB-LOC\nमें\tO\nकहा\tO\n\n";
  const auto train = dir.write("train.conll", data);
  const auto r = talash(dir, {"ner-train", "--train", train.string(), "--dev", train.string(), "--epochs", "3",
                              "--min-count", "1", "--margin", "5", "--members", "frr", "--out",
                              (dir / "e.bin").string()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("member 3 of 3 (seed 3, right to left)"), std::string::npos) << r.err;
  const auto model = entities::NerModel::load(read_file(dir / "e.bin"));
  ASSERT_TRUE(model) << model.error();
  ASSERT_EQ(model->members().size(), 3u);
  EXPECT_FALSE(model->members()[0].reversed());
  EXPECT_TRUE(model->members()[2].reversed());
  EXPECT_NE(model->info().find("--members frr"), std::string::npos) << model->info();
  EXPECT_NE(model->members()[1].info().find("--seed 2"), std::string::npos) << model->members()[1].info();
  const auto tagged = talash(dir, {"ner", "--model", (dir / "e.bin").string(), "--conll", train.string(), "--score"});
  ASSERT_EQ(tagged.status, 0) << tagged.err;
  EXPECT_NE(tagged.err.find("all  P 100.00"), std::string::npos) << tagged.err;
  const auto bad = talash(dir, {"ner-train", "--train", train.string(), "--members", "fx", "--out",
                                (dir / "x.bin").string()});
  EXPECT_EQ(bad.status, 2) << bad.err;
}

TEST(NerCliTest, TrainRejectsBadData) {
  TempDir dir;
  const auto train = dir.write("bad.conll", "राम\tB-PER\nने\tB-XYZ\n");
  const auto r = talash(dir, {"ner-train", "--train", train.string(), "--out", (dir / "m.bin").string()});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find(train.string() + ":2: unknown tag 'B-XYZ'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "m.bin"));
}

TEST(NerCliTest, ClustersAreDeterministic) {
  TempDir dir;
  std::string text;
  for (int i = 0; i < 20; ++i) text += "राम ने पुरी में कहा\nश्याम ने गया में कहा\nमोहन ने कटक में बात की\nसीता ने भुज में कहा\n";
  const auto file = dir.write("text.txt", text);
  const auto a =
      talash(dir, {"ner-clusters", "--text", file.string(), "--sizes", "2,4", "--out", (dir / "a.tsv").string()});
  ASSERT_EQ(a.status, 0) << a.err;
  const auto b =
      talash(dir, {"ner-clusters", "--text", file.string(), "--sizes", "2,4", "--out", (dir / "b.tsv").string()});
  ASSERT_EQ(b.status, 0) << b.err;
  const std::string clusters = read_file(dir / "a.tsv");
  EXPECT_EQ(clusters, read_file(dir / "b.tsv"));
  EXPECT_EQ(lines_of(clusters).size(), 13u) << clusters;  // every word, each seen >= 5 times
  EXPECT_NE(clusters.find("राम\tk2:"), std::string::npos) << clusters;
}

}  // namespace
}  // namespace talash::test
