#pragma once
// Helpers shared by the analysis tests: canonical one-line renderings (so a
// failing row reads at a glance), row naming, and reading ../shared files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/split_words.h"
#include "tests/row_name.h"
#include "tests/test_paths.h"

namespace talash::analysis::test {

// Rows carry an ASCII identifier used as the test name.
using ::talash::test::RowName;

// "norm@begin-end norm@begin-end ..."
inline std::string render_tokens(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.norm + "@" + std::to_string(t.begin) + "-" + std::to_string(t.end);
  }
  return out;
}

// "norm:sentence norm:sentence ..."
inline std::string render_sentence_ids(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    out += t.norm + ":" + std::to_string(t.sentence);
  }
  return out;
}

// Sentence texts joined by " | ".
inline std::string render_sentences(std::string_view text, const std::vector<ByteSpan>& spans) {
  std::string out;
  for (const ByteSpan& s : spans) {
    if (!out.empty()) out += " | ";
    out += text.substr(s.begin, s.end - s.begin);
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The five seed articles in ../shared/seeds (empty when ../shared is missing).
inline std::vector<std::string> seed_texts() {
  std::vector<std::string> texts;
  const auto dir = ::talash::test::shared_dir() / "seeds";
  if (!std::filesystem::exists(dir)) return texts;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) texts.push_back(read_file(f));
  return texts;
}

// Tab-separated lines of a file, split into fields ('#' lines skipped).
inline std::vector<std::vector<std::string>> read_tsv(const std::filesystem::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace talash::analysis::test
