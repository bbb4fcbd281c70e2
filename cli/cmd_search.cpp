// talash search: one query, or a batch file timed per query.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "searcher/http_api.h"
#include "searcher/searcher.h"

namespace talash::cli {
namespace {

struct SearchArgs {
  std::string db;
  std::size_t limit = 10;
  std::size_t offset = 0;
  bool json = false;
  std::string batch;
  bool facets = false;
  bool snippets = false;
  bool exact = false;
  bool no_collapse = false;
  std::string totals;  // --batch: qid<TAB>total per query to this file
  std::string query;
  searcher::SearchLimits limits;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(std::ceil(p / 100.0 * v.size()));
  return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

int run_batch(searcher::Searcher& s, const SearchArgs& a) {
  std::ifstream in(a.batch);
  if (!in) {
    std::cerr << "talash search: cannot read " << a.batch << '\n';
    return kExitFailure;
  }
  std::ofstream totals;
  if (!a.totals.empty()) {
    totals.open(a.totals);
    if (!totals) {
      std::cerr << "talash search: cannot write " << a.totals << '\n';
      return kExitFailure;
    }
  }
  std::vector<double> times;
  std::string line;
  std::size_t line_no = 0, failed = 0;
  const auto start = std::chrono::steady_clock::now();
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::string qid = std::to_string(line_no), query = line;
    if (auto tab = line.find('\t'); tab != std::string::npos) {
      qid = line.substr(0, tab);
      query = line.substr(tab + 1);
    }
    searcher::SearchRequest req;
    req.query = query;
    req.per_page = a.limit;
    req.want_facets = a.facets;
    req.want_snippets = a.snippets;
    req.want_documents = a.snippets;
    req.exact = a.exact;
    req.collapse = !a.no_collapse;
    auto t0 = std::chrono::steady_clock::now();
    auto res = s.search(req);
    times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!res) {
      ++failed;
      std::cerr << a.batch << ':' << line_no << ": " << res.error().message << '\n';
      continue;
    }
    for (const auto& h : res->hits) std::printf("%s\t%zu\t%s\t%.4f\n", qid.c_str(), h.rank, h.id.c_str(), h.score);
    if (totals) totals << qid << '\t' << res->total << '\n';
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fflush(stdout);
  std::fprintf(stderr, "queries=%zu p50_ms=%.3f p99_ms=%.3f total_s=%.3f\n", times.size(), percentile(times, 50),
               percentile(times, 99), total);
  return failed ? kExitPartial : kExitOk;
}

int run_one(searcher::Searcher& s, const SearchArgs& a) {
  searcher::SearchRequest req;
  req.query = a.query;
  req.per_page = std::max<std::size_t>(1, a.limit);
  req.want_facets = a.json;
  req.want_plain_snippets = !a.json;
  req.exact = a.exact;
  req.collapse = !a.no_collapse;
  // --offset need not be a multiple of --limit: fetch enough pages and slice.
  req.page = 1;
  std::size_t need = a.offset + req.per_page;
  req.per_page = std::min<std::size_t>(need, 100);
  if (need > 100) {
    std::cerr << "talash search: --offset + --limit may not exceed 100 here; use the HTTP API to page further\n";
    return kExitUsage;
  }
  auto res = s.search(req);
  if (!res) {
    std::cerr << "talash search: " << res.error().message << '\n';
    return kExitUsage;
  }
  auto& hits = res->hits;
  hits.erase(hits.begin(), hits.begin() + std::min(hits.size(), a.offset));
  res->per_page = a.limit;
  if (a.json) {
    std::cout << searcher::search_response_json(*res) << '\n';
    return kExitOk;
  }
  std::printf("%zu result%s%s (%.1f ms)%s\n", res->total, res->total == 1 ? "" : "s",
              res->total_is_exact ? "" : " (estimated)", res->took_ms,
              res->time_limited ? " (time limit reached: the best found so far)" : "");
  for (const auto& also : res->also_searched) {
    std::string list;
    for (const auto& w : also.also) list += (list.empty() ? "" : ", ") + w;
    std::printf("also searched%s: %s -> %s\n", also.entity ? " (entity)" : "", also.query.c_str(), list.c_str());
  }
  for (const auto& h : hits) {
    std::printf("\n%zu. %s  score %.3f%s%s%s%s\n", h.rank, h.id.c_str(), h.score, h.date.empty() ? "" : "  ",
                h.date.c_str(), h.source.empty() ? "" : "  ", h.source.c_str());
    if (!h.title.empty()) std::printf("   %s\n", h.title.c_str());
    if (!h.snippet_text.empty()) std::printf("   %s\n", h.snippet_text.c_str());
  }
  return kExitOk;
}

}  // namespace

Command add_search_command(CLI::App& app) {
  auto args = std::make_shared<SearchArgs>();
  auto* cmd = app.add_subcommand("search", "Search an index.");
  cmd->footer(
      "Query language: words (any of them, ranked by BM25), \"a phrase\", +word (must), -word (must not),\n"
      "a AND b, a OR b, NOT a (also और/या/नहीं between terms: 'रूस और चीन'), (grouping), title:word, exact:word,\n"
      "a NEAR/5 b (NEAR = NEAR/10, same sentence), SENT(a b) (same sentence), word* (prefix), and filters:\n"
      "source:name, person:/place:/org: id or name, date:2024-06, date:2024-01..2024-06, date:..2023, date:जून-2024.\n"
      "Details and examples: web/help.html.\n"
      "--batch FILE: one query per line, 'qid<TAB>query' or just 'query' (qid = line number); prints\n"
      "'qid<TAB>rank<TAB>id<TAB>score' per hit and, last on stderr, 'queries=N p50_ms=X p99_ms=Y total_s=Z'\n"
      "(in-process time per query from text to ranked ids; --facets and --snippets add that work).");
  cmd->add_option("--db", args->db, "Index folder, or a Xapian stub file listing shards (docs/shards.md)")->required();
  cmd->add_option("--limit", args->limit, "Results to show")->check(CLI::Range(1, 100));
  cmd->add_option("--offset", args->offset, "Results to skip");
  cmd->add_flag("--json", args->json, "Print the API's JSON (with facets)");
  cmd->add_option("--batch", args->batch, "Run every query of FILE");
  cmd->add_flag("--facets", args->facets, "With --batch: also count facets");
  cmd->add_flag("--snippets", args->snippets, "With --batch: also make snippets");
  cmd->add_option("--totals", args->totals, "With --batch: write 'qid<TAB>total matches' per query to FILE");
  cmd->add_flag("--no-collapse", args->no_collapse, "Show copies of one story as separate hits");
  cmd->add_flag("--exact", args->exact, "Only the spellings typed: no variants in other scripts or spellings");
  cmd->add_option("--facet-exact-bound", args->limits.facet_exact_bound,
                 "Facet counts are exact up to this many matches, estimated beyond")
      ->capture_default_str();
  cmd->add_option("--search-time-limit", args->limits.search_time_limit,
                 "Seconds a search may run; past it the best hits found so far are shown (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--remote-timeout", args->limits.remote_timeout,
                 "Seconds to wait for an answer of a remote shard")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("QUERY", args->query, "The query");
  return [args]() -> int {
    if (args->batch.empty() == args->query.empty()) {
      std::cerr << "talash search: give either a QUERY or --batch FILE\n";
      return kExitUsage;
    }
    auto s = searcher::Searcher::open(args->db, args->limits);
    if (!s) {
      std::cerr << "talash search: " << s.error() << '\n';
      return kExitFailure;
    }
    return args->batch.empty() ? run_one(*s, *args) : run_batch(*s, *args);
  };
}

}  // namespace talash::cli
