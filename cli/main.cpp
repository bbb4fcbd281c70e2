// `talash`: one binary, thin front-ends over the libraries.
#include <map>

#include "cli/commands.h"

int main(int argc, char** argv) {
  using namespace talash::cli;
  CLI::App app{
      "Talash (तलाश): full-text search for Hindi news.\n\n"
      "Exit status: 0 success; 1 nothing could be done (unreadable input, locked or corrupt index, cannot listen); "
      "2 bad usage; 3 partly done (some records rejected, some ids not found)."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "talash 0.1.0");
  std::map<CLI::App*, Command> commands;
  for (auto add : {add_index_command, add_delete_command, add_compact_command, add_search_command, add_serve_command,
                   add_analyze_command, add_stats_command, add_ner_command, add_ner_train_command,
                   add_ner_clusters_command}) {
    Command run = add(app);
    commands[app.get_subcommands({}).back()] = std::move(run);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  for (auto* sub : app.get_subcommands())
    if (auto it = commands.find(sub); it != commands.end()) return it->second();
  return kExitUsage;
}
