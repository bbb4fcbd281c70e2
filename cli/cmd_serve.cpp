// talash serve
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "indexer/live_writer.h"
#include "searcher/document_writer.h"
#include "searcher/http_api.h"
#include "searcher/http_server.h"
#include "searcher/searcher.h"

namespace talash::cli {
namespace {

// searcher/ and indexer/ never include each other: the API's writer
// interface meets the indexer's live writer here.
class LiveDocumentWriter final : public searcher::DocumentWriter {
 public:
  explicit LiveDocumentWriter(const std::filesystem::path& db) : writer_(db) {}

  std::expected<searcher::WriteResult, searcher::WriteError> add_jsonl(std::string_view body) override {
    auto report = writer_.add_jsonl(body);
    if (!report) return std::unexpected(error(report.error()));
    searcher::WriteResult result;
    result.documents = report->documents;
    for (auto& r : report->records) {
      using Outcome = searcher::RecordResult::Outcome;
      Outcome outcome = Outcome::Rejected;
      if (r.outcome) {
        switch (*r.outcome) {
          case indexer::UpsertOutcome::Added: outcome = Outcome::Added; break;
          case indexer::UpsertOutcome::Replaced: outcome = Outcome::Replaced; break;
          case indexer::UpsertOutcome::Unchanged: outcome = Outcome::Unchanged; break;
        }
      }
      result.records.push_back({r.line, std::move(r.id), outcome, std::move(r.reason)});
    }
    return result;
  }

  std::expected<searcher::DeleteResult, searcher::WriteError> remove(std::string_view id) override {
    auto report = writer_.remove(id);
    if (!report) return std::unexpected(error(report.error()));
    return searcher::DeleteResult{report->deleted, report->documents};
  }

 private:
  static searcher::WriteError error(const indexer::LiveWriteError& e) {
    return {e.busy ? searcher::WriteError::Code::Busy : searcher::WriteError::Code::Failed, e.message};
  }
  indexer::LiveWriter writer_;
};

// The token travels in a header and guards writes: printable ASCII, and long
// enough not to be guessed.
bool acceptable_token(const std::string& token) {
  return token.size() >= 16 && std::ranges::all_of(token, [](char c) { return c > 0x20 && c < 0x7f; });
}

std::filesystem::path default_web_dir() {
  for (std::filesystem::path p : {std::filesystem::path("web"), std::filesystem::path(TALASH_WEB_DIR)})
    if (std::filesystem::exists(p / "index.html")) return p;
  return {};
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto opts = std::make_shared<searcher::ServerOptions>();
  auto web = std::make_shared<std::string>();
  auto token = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("serve", "Serve the search API and page over HTTP.");
  cmd->footer(
      std::string("Endpoints: GET /api/search?q=&page=&per_page=&sort=relevance|newest|oldest&from=&to=&source=&person=&place=&org=\n"
      "           GET /api/suggest?q=, /api/similar/<id>, /api/doc/<id>, /api/entity/<id>, /api/stats, /healthz;\n"
      "           the page at /.\n"
      "Writes, only with --write-token (or TALASH_WRITE_TOKEN, which other users cannot see in the process list)\n"
      "and the header 'Authorization: Bearer TOKEN':\n"
      "           POST /api/documents (JSONL body as for 'talash index', up to ") +
      std::to_string(searcher::ServerOptions{}.max_write_body >> 20) + " MiB and " +
      std::to_string(searcher::WriteOptions{}.max_records) + " records),\n"
      "           DELETE /api/documents/<id>. Each returns after its commit. The index is opened for writing only\n"
      "           during a write, so 'talash index' can run meanwhile; a write that finds it busy waits up to 5 s,\n"
      "           then answers 503 with Retry-After. See docs/live_updates.md.\n"
      "Binds 127.0.0.1 unless --host says otherwise. New commits to the index are visible without a restart.");
  cmd->add_option("--db", opts->db_path, "Index folder, or a Xapian stub file listing shards (docs/shards.md)")->required();
  cmd->add_option("--host", opts->host, "Address to bind")->capture_default_str();
  cmd->add_option("--port", opts->port, "Port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", opts->threads, "Connections served at once (one thread each)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--search-slots", opts->search_gate.slots,
                  "Searches run at once, the others wait their turn (0: one and a half per core)")
      ->capture_default_str();
  cmd->add_option("--max-waiting-searches", opts->search_gate.max_waiting,
                  "Searches that may wait for a slot; more get 503 with Retry-After")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option_function<double>(
         "--max-search-wait",
         [opts](double seconds) {
           opts->search_gate.max_wait = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
         },
         "Seconds a search may wait for a slot before it gets 503 with Retry-After (default 5)")
      ->check(CLI::Range(0.001, 3600.0));
  cmd->add_option("--facet-exact-bound", opts->limits.facet_exact_bound,
                 "Facet counts are exact up to this many matches, estimated beyond")
      ->capture_default_str();
  cmd->add_option("--search-time-limit", opts->limits.search_time_limit,
                  "Seconds a search may run; past it the best hits found so far are returned, flagged time_limited "
                  "(0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 3600.0));
  cmd->add_option("--remote-timeout", opts->limits.remote_timeout, "Seconds to wait for an answer of a remote shard")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--web", *web, "Folder of the web page (default: ./web or the source tree's)");
  cmd->add_option("--write-token", *token,
                  "Accept writes with 'Authorization: Bearer TOKEN' (16+ printable ASCII characters); "
                  "without it the write endpoints are off")
      ->envname("TALASH_WRITE_TOKEN");
  return [opts, web, token]() -> int {
    opts->web_dir = web->empty() ? default_web_dir() : std::filesystem::path(*web);
    if (!token->empty() && !acceptable_token(*token)) {
      // Never echo the token: it may be a real one with a typo.
      std::cerr << "talash serve: the write token must be at least 16 printable ASCII characters without spaces "
                   "(for example: openssl rand -hex 32)\n";
      return kExitUsage;
    }
    if (!token->empty() && !std::filesystem::is_directory(opts->db_path)) {
      // A stub file of shards (docs/shards.md) has no one database to write to.
      std::cerr << "talash serve: writes need an index folder; " << opts->db_path.string()
                << " is not one (write to each shard with 'talash index' instead)\n";
      return kExitUsage;
    }
    if (auto s = searcher::Searcher::open(opts->db_path, opts->limits); !s) {
      std::cerr << "talash serve: " << s.error() << '\n';
      return kExitFailure;
    }
    std::unique_ptr<LiveDocumentWriter> writer;
    if (!token->empty()) {
      writer = std::make_unique<LiveDocumentWriter>(opts->db_path);
      opts->writer = writer.get();
      opts->write_token = *token;
    }
    // Signals go to one waiting thread, which stops the server cleanly.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    searcher::HttpServer server(*opts);
    auto port = server.bind();
    if (!port) {
      std::cerr << "talash serve: " << port.error() << '\n';
      return kExitFailure;
    }
    std::cerr << "talash: serving " << opts->db_path.string() << " on http://" << opts->host << ':' << *port << "/"
              << (opts->web_dir.empty() ? " (API only: no web folder found)" : "")
              << (writer ? "; writes on (POST /api/documents, DELETE /api/documents/<id>)" : "; writes off") << std::endl;
    std::jthread waiter([&server, set] {
      int sig = 0;
      sigwait(&set, &sig);
      server.stop();
    });
    server.run();
    // Wake the waiter if the server stopped on its own.
    pthread_kill(waiter.native_handle(), SIGTERM);
    return kExitOk;
  };
}

}  // namespace talash::cli
