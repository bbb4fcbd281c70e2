#pragma once
// `talash serve`: the JSON API and the web page over cpp-httplib.
#include <expected>
#include <filesystem>
#include <memory>
#include <string>

#include "searcher/document_writer.h"
#include "searcher/search_gate.h"
#include "searcher/search_types.h"

namespace talash::searcher {

struct ServerOptions {
  std::filesystem::path db_path;
  std::filesystem::path web_dir;  // empty: API only
  std::string host = "127.0.0.1";
  int port = 8080;                // 0: any free port
  // cpp-httplib holds a thread per open connection, idle or not: enough for
  // the clients, while search_gate bounds the searches that run at once.
  unsigned threads = 64;
  SearchGateOptions search_gate;
  SearchLimits limits;
  // Writes (POST /api/documents, DELETE /api/documents/<id>) need both; the
  // writer must outlive the server.
  DocumentWriter* writer = nullptr;
  std::string write_token;
  std::size_t max_write_body = 16 << 20;  // bytes of one POST; other requests' bodies are never kept
};

class HttpServer {
 public:
  explicit HttpServer(ServerOptions options);
  ~HttpServer();
  // Binds the socket; returns the port actually bound.
  std::expected<int, std::string> bind();
  // Serves until stop(); call after bind().
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace talash::searcher
