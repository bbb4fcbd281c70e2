#pragma once
// Each subcommand registers its options on the CLI11 app and returns the
// function that runs it (exit status as the return value).
#include <functional>

#include <CLI/CLI.hpp>

namespace talash::cli {

using Command = std::function<int()>;

Command add_index_command(CLI::App& app);
Command add_delete_command(CLI::App& app);
Command add_compact_command(CLI::App& app);
Command add_search_command(CLI::App& app);
Command add_serve_command(CLI::App& app);
Command add_analyze_command(CLI::App& app);
Command add_stats_command(CLI::App& app);
Command add_ner_command(CLI::App& app);
Command add_ner_train_command(CLI::App& app);
Command add_ner_clusters_command(CLI::App& app);

// Exit statuses, documented in `talash --help`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitPartial = 3;

}  // namespace talash::cli
