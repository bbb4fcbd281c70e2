#pragma once
// Real Xapian indexes in temp folders, built with the real indexer.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <set>

#include "indexer/index_job.h"
#include "searcher/searcher.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace talash::test {

inline std::filesystem::path build_index(const TempDir& dir, const std::vector<std::string>& inputs,
                                         const std::string& name = "db") {
  auto db = dir / name;
  auto report = indexer::run_index_job(db, inputs, indexer::IndexOptions{}, indexer::IndexCallbacks{});
  if (!report) throw std::runtime_error(report.error());
  if (report->rejected) throw std::runtime_error("fixture had rejected records");
  return db;
}

// An index of a slice of ../shared's 32k-document corpus: every `every`-th
// line plus the documents `keep` names (the qrels targets of a test).
inline std::filesystem::path build_corpus_slice(const TempDir& dir, std::size_t every, const std::set<std::string>& keep) {
  std::ifstream in(shared_dir() / "data/corpus/hindi_mixed.jsonl");
  std::ofstream out(dir / "slice.jsonl");
  std::size_t line_no = 0;
  for (std::string line; std::getline(in, line); ++line_no) {
    auto id_at = line.find("\"id\": \"");
    std::string id = id_at == std::string::npos ? "" : line.substr(id_at + 7, line.find('"', id_at + 7) - id_at - 7);
    if (line_no % every == 0 || keep.contains(id)) out << line << '\n';
  }
  out.close();
  auto report = indexer::run_index_job(dir / "db", {(dir / "slice.jsonl").string()}, {}, {});
  if (!report) throw std::runtime_error(report.error());
  return dir / "db";
}

inline std::set<std::string> ids_of(const searcher::SearchResponse& r) {
  std::set<std::string> ids;
  for (const auto& h : r.hits) ids.insert(h.id);
  return ids;
}

// Three dated articles from two sources, for sort and filter tests.
inline const char* kDatedJsonl =
    "{\"id\":\"old\",\"title\":\"मानसून की पहली बारिश\",\"body\":\"दिल्ली में मानसून पहुँचा।\",\"date\":\"2019-07-01\",\"source\":\"दिल्ली दर्पण\"}\n"
    "{\"id\":\"mid\",\"title\":\"मानसून सत्र शुरू\",\"body\":\"संसद का मानसून सत्र।\",\"date\":\"2022-07-18\",\"source\":\"भारत वार्ता\"}\n"
    "{\"id\":\"new\",\"title\":\"मानसून का पूर्वानुमान\",\"body\":\"मानसून सामान्य रहेगा।\",\"date\":\"2024-05-30T09:30:00+05:30\",\"source\":\"भारत वार्ता\"}\n"
    "{\"id\":\"undated\",\"title\":\"मानसून पर लेख\",\"body\":\"मानसून के बारे में।\"}\n";

}  // namespace talash::test
