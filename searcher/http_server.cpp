#include "searcher/http_server.h"

#include <charconv>
#include <fstream>
#include <iterator>
#include <optional>

#include <httplib.h>

#include "searcher/deadline_server.h"
#include "searcher/http_api.h"
#include "searcher/searcher_pool.h"
#include "searcher/static_files.h"

namespace talash::searcher {

struct HttpServer::Impl {
  explicit Impl(ServerOptions o)
      : options(std::move(o)),
        pool(options.db_path, options.limits),
        api(pool, WriteOptions{.writer = options.writer,
                               .token = options.write_token,
                               .max_body_bytes = options.max_write_body}),
        gate(options.search_gate) {}
  ServerOptions options;
  SearcherPool pool;
  HttpApi api;
  SearchGate gate;
  DeadlineServer server;  // slow clients cannot hold a worker (deadline_server.h)
};

namespace {

void send(httplib::Response& res, const ApiResponse& r) {
  res.status = r.status;
  for (const auto& [name, value] : r.headers) res.set_header(name.c_str(), value);
  res.set_content(r.body, r.content_type.c_str());
}

ApiRequest api_request(const httplib::Request& req) {
  return {req.method, req.path, {req.params.begin(), req.params.end()}, {}, req.get_header_value("Authorization"),
          req.get_header_value("Content-Type")};
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
  svr.set_threads(threads);
  // Larger bodies are skipped with a 413. Only an authorized POST
  // /api/documents keeps its body (body_handler below).
  const bool writes_on = impl_->options.writer != nullptr && !impl_->options.write_token.empty();
  svr.set_payload_max_length(writes_on ? impl_->options.max_write_body : 1 << 20);
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
      ApiRequest api_req = api_request(req);
      api_req.body = req.body;
      const bool gated = req.path == "/api/search" || req.path.starts_with("/api/similar/");
      const std::optional<SearchGate::Pass> pass = gated ? impl_->gate.enter() : std::nullopt;
      if (gated && !pass) {
        ApiResponse busy = json_error(503, "busy", "too many searches are waiting for their turn: try again in a moment");
        busy.headers.emplace_back("Retry-After", "1");
        send(res, busy);
        return;
      }
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
  // A request with a body (POST, PUT, PATCH, DELETE with a length) comes
  // here before the body is read. Only an authorized write keeps its body;
  // any other has its answer decided by the headers, and its body is read
  // and dropped as it arrives, never held in memory. It is read all the
  // same: bytes left unread would be taken for the next request on the
  // connection (cpp-httplib keeps the connection open whatever the answer).
  auto body_handler = [this](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& read_body) {
    security_headers(res);
    std::optional<ApiResponse> early;
    if (HttpApi::handles(req.path)) {
      res.set_header("Access-Control-Allow-Origin", "*");
      std::optional<std::size_t> length;
      const std::string header = req.get_header_value("Content-Length");
      if (std::size_t n = 0; !header.empty() &&
                             std::from_chars(header.data(), header.data() + header.size(), n).ptr == header.data() + header.size())
        length = n;
      early = impl_->api.answer_before_body(api_request(req), length);
    } else {
      early = json_error(405, "method_not_allowed", "only GET is allowed here");
    }
    std::string body;
    // cpp-httplib skips a body whose stated length is over the payload limit
    // (and sets 413), but not a chunked one: that is counted here, and the
    // rest of it read and dropped.
    bool over = false;
    const bool whole = read_body([&](const char* data, std::size_t n) {
      if (early || over) return true;
      if (body.size() + n > impl_->options.max_write_body) {
        over = true;
        std::string().swap(body);
        return true;
      }
      body.append(data, n);
      return true;
    });
    if (early) {
      send(res, *early);
    } else if (over || (!whole && res.status == 413)) {
      send(res, json_error(413, "too_large", "the body is over the limit of " + std::to_string(impl_->options.max_write_body) +
                                                 " bytes: split it into several requests"));
    } else if (!whole) {
      send(res, json_error(400, "bad_request", "the request body could not be read"));
    } else {
      ApiRequest api_req = api_request(req);
      api_req.body = std::move(body);
      send(res, impl_->api.handle(api_req));
    }
  };
  svr.Post(".*", body_handler);
  svr.Put(".*", body_handler);
  svr.Patch(".*", body_handler);
  svr.Delete(".*", body_handler);
  // cpp-httplib's own errors (a body over the limit, a malformed request)
  // come without a body: give them the API's JSON shape.
  svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    if (res.status == 413) send(res, json_error(413, "too_large", "the request body is over the server's limit"));
    else if (res.status == 414) send(res, json_error(414, "too_large", "the URL is too long"));
    else if (res.status == 404) send(res, json_error(404, "not_found", "not found"));
    else send(res, json_error(res.status, "bad_request", "the request could not be read (status " + std::to_string(res.status) + ")"));
    return httplib::Server::HandlerResponse::Handled;
  }));
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
  impl_->server.set_listen_backlog(1024);
  return port;
}

void HttpServer::run() { impl_->server.listen_after_bind(); }

void HttpServer::stop() {
  if (impl_->server.is_running()) impl_->server.stop();
}

}  // namespace talash::searcher
