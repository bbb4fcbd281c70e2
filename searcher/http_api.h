#pragma once
// The JSON API as a pure function of a request: no sockets here, so every
// endpoint is tested directly. Errors have one shape:
//   {"error":{"code":"bad_query","message":"..."}} with a 4xx status.
#include <map>
#include <string>
#include <vector>

#include "searcher/searcher_pool.h"

namespace talash::searcher {

struct ApiRequest {
  std::string method = "GET";
  std::string path;  // decoded
  std::multimap<std::string, std::string> params;  // decoded query parameters
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
};

class HttpApi {
 public:
  explicit HttpApi(SearcherPool& pool) : pool_(pool) {}
  // True for paths this API answers (/api/..., /healthz).
  static bool handles(const std::string& path);
  ApiResponse handle(const ApiRequest& request);

 private:
  ApiResponse search(const ApiRequest& request);
  ApiResponse suggest(const ApiRequest& request);
  ApiResponse similar(const std::string& id, const ApiRequest& request);
  ApiResponse document(const std::string& id);
  ApiResponse entity(const std::string& id);
  ApiResponse stats();
  ApiResponse health();

  SearcherPool& pool_;
};

ApiResponse json_error(int status, const std::string& code, const std::string& message);
// The /api/search body; also what `talash search --json` prints.
std::string search_response_json(const SearchResponse& response);

}  // namespace talash::searcher
