// Single-threaded throughput of Talash's analysis (the talash_analysis library) over the
// bodies of a JSONL corpus, in memory (reading and JSON parsing are not timed).
//
//   analysis_throughput [--passes N] CORPUS.jsonl
//
// Stages, each timed separately (best of N passes, default 3):
//   normalize  normalize_hindi(body)                       - the normalizer alone, whole text
//   split      split_words(body)                           - ICU word breaks + per-token normalize
//   stem       stem_hindi(token.norm) for every token      - the stemmer alone
//   pipeline   split_words + stem_hindi per token          - what the indexer runs per field
// MB are UTF-8 bytes of the bodies (1 MB = 1e6 bytes). The last line on stdout is
//   analysis_mb_per_s=X analysis_tokens_per_s=Y bodies=N mb=M tokens=T
// for the pipeline, which bench/compare_relevance reports.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "analysis/stem_hindi.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace an = talash::analysis;

template <class F>
double best_seconds(int passes, F&& f) {
  double best = 1e300;
  for (int p = 0; p < passes; ++p) {
    const auto t0 = Clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int passes = 3;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--passes" && i + 1 < argc) passes = std::max(1, std::atoi(argv[++i]));
    else if (path.empty() && a.rfind("--", 0) != 0) path = a;
    else path.clear(), i = argc;
  }
  if (path.empty()) {
    std::cerr << "usage: analysis_throughput [--passes N] CORPUS.jsonl\n";
    return 2;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "analysis_throughput: cannot read " << path << '\n';
    return 1;
  }
  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    std::string body;
    for (const char* key : {"body", "text"}) {
      if (auto it = j.find(key); it != j.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
        body = it->get<std::string>();
        break;
      }
    }
    if (body.empty()) continue;
    bytes += body.size();
    bodies.push_back(std::move(body));
  }
  const double mb = bytes / 1e6;

  std::size_t sink = 0, tokens = 0;
  const double t_norm = best_seconds(passes, [&] {
    for (const auto& b : bodies) sink += an::normalize_hindi(b).size();
  });
  std::vector<std::vector<talash::analysis::Token>> split;
  const double t_split = best_seconds(passes, [&] {
    split.clear();
    split.reserve(bodies.size());
    for (const auto& b : bodies) split.push_back(an::split_words(b));
  });
  for (const auto& v : split) tokens += v.size();
  const double t_stem = best_seconds(passes, [&] {
    for (const auto& v : split)
      for (const auto& t : v) sink += an::stem_hindi(t.norm).size();
  });
  split.clear();
  const double t_pipe = best_seconds(passes, [&] {
    for (const auto& b : bodies)
      for (const auto& t : an::split_words(b)) sink += an::stem_hindi(t.norm).size();
  });

  std::printf("bodies=%zu mb=%.1f tokens=%zu passes=%d (best pass, 1 thread)\n", bodies.size(), mb, tokens, passes);
  std::printf("%-9s %8s %10s %12s\n", "stage", "seconds", "MB/s", "tokens/s");
  auto row = [&](const char* name, double s, bool per_mb, bool per_tok) {
    std::printf("%-9s %8.3f %10s %12s\n", name, s, per_mb ? std::to_string(static_cast<int>(mb / s + 0.5)).c_str() : "-",
                per_tok ? std::to_string(static_cast<long long>(tokens / s + 0.5)).c_str() : "-");
  };
  row("normalize", t_norm, true, false);
  row("split", t_split, true, true);
  row("stem", t_stem, false, true);
  row("pipeline", t_pipe, true, true);
  std::printf("analysis_mb_per_s=%.2f analysis_tokens_per_s=%.0f bodies=%zu mb=%.1f tokens=%zu\n", mb / t_pipe,
              tokens / t_pipe, bodies.size(), mb, tokens);
  return sink == 0 ? 1 : 0;
}
