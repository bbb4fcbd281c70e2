#pragma once
// The JSON API as a pure function of a request: no sockets here, so every
// endpoint is tested directly. Errors have one shape:
//   {"error":{"code":"bad_query","message":"..."}} with a 4xx status.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "searcher/document_writer.h"
#include "searcher/searcher_pool.h"

namespace talash::searcher {

struct ApiRequest {
  std::string method = "GET";
  std::string path;  // decoded
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::string body;           // kept only for an authorized write (see answer_before_body)
  std::string authorization;  // the Authorization header
  std::string content_type;   // the Content-Type header
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. WWW-Authenticate, Retry-After, Allow
};

// POST /api/documents and DELETE /api/documents/<id>: off unless the server
// was given a writer and a token.
struct WriteOptions {
  DocumentWriter* writer = nullptr;  // null: the write endpoints answer 403
  std::string token;                 // the bearer token they need; never logged or echoed
  std::size_t max_body_bytes = 16 << 20;
  // Below Xapian's automatic commit every 10,000 documents, so one request is one commit.
  std::size_t max_records = 5000;
};

class HttpApi {
 public:
  explicit HttpApi(SearcherPool& pool, WriteOptions writes = {}) : pool_(pool), writes_(std::move(writes)) {}
  // True for paths this API answers (/api/..., /healthz).
  static bool handles(const std::string& path);
  ApiResponse handle(const ApiRequest& request);
  // For a request with a body not read yet (any method but GET and HEAD): the
  // answer, when it does not depend on the body. Only an authorized write of
  // an allowed size gets std::nullopt, so nobody else can make the server
  // hold a large body in memory.
  std::optional<ApiResponse> answer_before_body(const ApiRequest& request, std::optional<std::size_t> content_length);

 private:
  static bool is_write_path(const std::string& path);
  // The refusal of a write that the headers alone decide: method, writes off,
  // token, content type.
  std::optional<ApiResponse> refuse_write(const ApiRequest& request) const;
  ApiResponse write(const ApiRequest& request);
  ApiResponse add_documents(const ApiRequest& request);
  ApiResponse delete_document(const std::string& id);
  ApiResponse search(const ApiRequest& request);
  ApiResponse suggest(const ApiRequest& request);
  ApiResponse similar(const std::string& id, const ApiRequest& request);
  ApiResponse document(const std::string& id);
  ApiResponse entity(const std::string& id);
  ApiResponse stats();
  ApiResponse health();

  SearcherPool& pool_;
  WriteOptions writes_;
};

ApiResponse json_error(int status, const std::string& code, const std::string& message);
// The /api/search body; also what `talash search --json` prints.
std::string search_response_json(const SearchResponse& response);

}  // namespace talash::searcher
