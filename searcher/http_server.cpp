#include "searcher/http_server.h"

#include <fstream>
#include <iterator>

#include <httplib.h>

#include "searcher/http_api.h"
#include "searcher/searcher_pool.h"
#include "searcher/static_files.h"

namespace talash::searcher {

struct HttpServer::Impl {
  explicit Impl(ServerOptions o) : options(std::move(o)), pool(options.db_path, options.limits), api(pool) {}
  ServerOptions options;
  SearcherPool pool;
  HttpApi api;
  httplib::Server server;
};

namespace {

void send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  res.set_content(r.body, r.content_type.c_str());
}

void security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
                 "base-uri 'none'; frame-ancestors 'none'");
}

}  // namespace

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  auto& svr = impl_->server;
  const unsigned threads = std::max(1u, impl_->options.threads);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  svr.set_payload_max_length(1 << 20);
  svr.set_read_timeout(5, 0);
  svr.set_write_timeout(5, 0);
  // Without TCP_NODELAY each small JSON answer waited ~40 ms for the
  // client's delayed ACK (Nagle): measured 44 ms for /healthz by bench/http_load.
  svr.set_tcp_nodelay(true);
  // Each open connection holds a worker thread while idle: keep idle ones
  // briefly and rotate busy ones, so more clients than threads all get turns.
  svr.set_keep_alive_timeout(1);
  svr.set_keep_alive_max_count(20);

  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    security_headers(res);
    if (HttpApi::handles(req.path)) {
      // The read-only API may be called from other sites: the embeddable
      // search box (web/embed.js) asks /api/suggest from a news site's page.
      // No cookies or credentials are involved, so any origin may read.
      res.set_header("Access-Control-Allow-Origin", "*");
      ApiRequest api_req{req.method, req.path, {req.params.begin(), req.params.end()}};
      send(res, impl_->api.handle(api_req));
      return;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      send(res, json_error(405, "method_not_allowed", "only GET is allowed here"));
      return;
    }
    auto file = resolve_static(impl_->options.web_dir, req.path);
    if (!file) {
      send(res, json_error(404, "not_found", "not found: " + req.path.substr(0, 200)));
      return;
    }
    std::ifstream in(file->path, std::ios::binary);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    res.set_header("Cache-Control", "no-cache");
    res.set_content(body, file->content_type.c_str());
  };
  svr.Get(".*", handler);
  svr.Post(".*", handler);
  svr.Put(".*", handler);
  svr.Delete(".*", handler);
  svr.Patch(".*", handler);
  svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    send(res, json_error(500, "internal", what));
  });
}

HttpServer::~HttpServer() { stop(); }

std::expected<int, std::string> HttpServer::bind() {
  auto& o = impl_->options;
  int port = o.port == 0 ? impl_->server.bind_to_any_port(o.host) : (impl_->server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0) return std::unexpected("cannot listen on " + o.host + ":" + std::to_string(o.port) + " (in use, or not allowed)");
  return port;
}

void HttpServer::run() { impl_->server.listen_after_bind(); }

void HttpServer::stop() {
  if (impl_->server.is_running()) impl_->server.stop();
}

}  // namespace talash::searcher
