// Tagging speed. The tagger runs over every document at index time, so it
// must stay far below the cost of word splitting. Prints MB/s; the assertion
// is deliberately loose (shared CI machines) and only in optimized builds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/split_words.h"
#include "tests/entities/entities_test_util.h"
#include "tests/test_paths.h"

namespace talash::entities {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(Throughput, SeedArticles) {
  TALASH_REQUIRE_SHARED("seeds");
  std::vector<std::vector<analysis::Token>> docs;
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(talash::test::shared_dir() / "seeds")) {
    const std::string text = read_file(entry.path());
    bytes += text.size();
    docs.push_back(analysis::split_words(text));
  }
  const EntityTagger& tagger = test::builtin_tagger();
  constexpr int kRounds = 200;
  std::size_t mentions = 0;
  const auto start = Clock::now();
  for (int r = 0; r < kRounds; ++r) {
    for (const auto& tokens : docs) mentions += tagger.tag(tokens).size();
  }
  const double mb_per_s = double(bytes) * kRounds / 1e6 / seconds_since(start);
  std::printf("tag() over the seeds: %.1f MB/s of text (%zu mentions per round)\n", mb_per_s,
              mentions / kRounds);
  EXPECT_GT(mentions, 0u);
#ifdef NDEBUG
  EXPECT_GT(mb_per_s, 5.0);
#endif
}

// The whole 32k-document corpus, split + tag and tag alone. Slow (it splits
// 38 MB): run with --gtest_also_run_disabled_tests.
TEST(Throughput, DISABLED_Corpus) {
  TALASH_REQUIRE_SHARED("data/corpus/hindi_mixed.jsonl");
  std::ifstream in(talash::test::shared_dir() / "data/corpus/hindi_mixed.jsonl");
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    const auto doc = nlohmann::json::parse(line);
    std::string text = doc.value("title", "") + "\n" + doc.value("body", "");
    bytes += text.size();
    bodies.push_back(std::move(text));
  }
  const EntityTagger& tagger = test::builtin_tagger();
  std::vector<std::vector<analysis::Token>> tokens;
  tokens.reserve(bodies.size());
  auto start = Clock::now();
  for (const std::string& body : bodies) tokens.push_back(analysis::split_words(body));
  const double split_s = seconds_since(start);
  std::size_t mentions = 0;
  start = Clock::now();
  for (const auto& t : tokens) mentions += tagger.tag(t).size();
  const double tag_s = seconds_since(start);
  std::printf("corpus: %zu docs, %.1f MB; split_words %.1f MB/s; tag() %.1f MB/s; "
              "split+tag %.1f MB/s; %zu mentions\n",
              bodies.size(), bytes / 1e6, bytes / 1e6 / split_s, bytes / 1e6 / tag_s,
              bytes / 1e6 / (split_s + tag_s), mentions);
}

}  // namespace
}  // namespace talash::entities
