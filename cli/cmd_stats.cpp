// talash stats
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "searcher/searcher.h"

namespace talash::cli {

Command add_stats_command(CLI::App& app) {
  auto db = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("stats", "Print index statistics as JSON.");
  auto top_words = std::make_shared<std::size_t>(0);
  cmd->add_option("--db", *db, "Index folder")->required();
  cmd->add_option("--top-words", *top_words, "Instead: the N words in most documents, 'word<TAB>documents' per line");
  return [db, top_words]() -> int {
    auto s = searcher::Searcher::open(*db);
    if (!s) {
      std::cerr << "talash stats: " << s.error() << '\n';
      return kExitFailure;
    }
    if (*top_words > 0) {
      for (const auto& [word, df] : s->top_words(*top_words)) std::cout << word << '\t' << df << '\n';
      return kExitOk;
    }
    auto st = s->stats();
    nlohmann::json j = {{"documents", st.documents},         {"terms", st.terms},
                        {"postings", st.postings},           {"bytes_on_disk", st.bytes_on_disk},
                        {"last_update", st.last_update},     {"schema_version", st.schema_version}};
    std::cout << j.dump(2) << '\n';
    return kExitOk;
  };
}

}  // namespace talash::cli
