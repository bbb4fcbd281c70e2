// talash compact
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "indexer/index_compactor.h"

namespace talash::cli {

Command add_compact_command(CLI::App& app) {
  struct Args {
    std::string db;
    std::vector<std::string> merge;
    std::string output;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("compact", "Compact an index (smaller and faster to search), or merge several.");
  cmd->footer(
      "talash compact --db DIR              compacts DIR in place (holding its write lock; searchers reopen)\n"
      "talash compact --db DIR --output OUT  writes a compact copy to OUT\n"
      "talash compact --merge A --merge B --output OUT   merges indexes (ids must not overlap)\n"
      "Exit status: 0 done, 1 failed (locked, not an index, OUT exists).");
  cmd->add_option("--db", args->db, "Index folder")->check(CLI::ExistingDirectory);
  cmd->add_option("--merge", args->merge, "Index folders to merge (instead of --db)")->check(CLI::ExistingDirectory);
  cmd->add_option("--output", args->output, "Write the result here instead of replacing --db");
  return [args]() -> int {
    if (args->db.empty() == args->merge.empty()) {
      std::cerr << "talash compact: give either --db or --merge\n";
      return kExitUsage;
    }
    if (!args->merge.empty() && args->output.empty()) {
      std::cerr << "talash compact: --merge needs --output\n";
      return kExitUsage;
    }
    std::expected<indexer::CompactReport, std::string> report;
    if (!args->merge.empty())
      report = indexer::compact_databases({args->merge.begin(), args->merge.end()}, args->output);
    else if (!args->output.empty())
      report = indexer::compact_databases({args->db}, args->output);
    else
      report = indexer::compact_in_place(args->db);
    if (!report) {
      std::cerr << "talash compact: " << report.error() << '\n';
      return kExitFailure;
    }
    std::fprintf(stderr, "documents=%llu mb_before=%.1f mb_after=%.1f seconds=%.2f\n",
                 static_cast<unsigned long long>(report->documents), report->bytes_before / 1e6,
                 report->bytes_after / 1e6, report->seconds);
    return kExitOk;
  };
}

}  // namespace talash::cli
