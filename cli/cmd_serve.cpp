// talash serve
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "searcher/http_server.h"
#include "searcher/searcher.h"

namespace talash::cli {
namespace {

std::filesystem::path default_web_dir() {
  for (std::filesystem::path p : {std::filesystem::path("web"), std::filesystem::path(TALASH_WEB_DIR)})
    if (std::filesystem::exists(p / "index.html")) return p;
  return {};
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto opts = std::make_shared<searcher::ServerOptions>();
  auto web = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("serve", "Serve the search API and page over HTTP.");
  cmd->footer(
      "Endpoints: GET /api/search?q=&page=&per_page=&sort=relevance|newest|oldest&from=&to=&source=&person=&place=&org=\n"
      "           GET /api/doc/<id>, GET /api/stats, GET /healthz; the page at /.\n"
      "Binds 127.0.0.1 unless --host says otherwise. New commits to the index are visible without a restart.");
  cmd->add_option("--db", opts->db_path, "Index folder")->required();
  cmd->add_option("--host", opts->host, "Address to bind")->capture_default_str();
  cmd->add_option("--port", opts->port, "Port (0: any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  cmd->add_option("--threads", opts->threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));
  cmd->add_option("--facet-exact-bound", opts->limits.facet_exact_bound,
                 "Facet counts are exact up to this many matches, estimated beyond")
      ->capture_default_str();
  cmd->add_option("--web", *web, "Folder of the web page (default: ./web or the source tree's)");
  return [opts, web]() -> int {
    opts->web_dir = web->empty() ? default_web_dir() : std::filesystem::path(*web);
    if (auto s = searcher::Searcher::open(opts->db_path); !s) {
      std::cerr << "talash serve: " << s.error() << '\n';
      return kExitFailure;
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
              << (opts->web_dir.empty() ? " (API only: no web folder found)" : "") << std::endl;
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
