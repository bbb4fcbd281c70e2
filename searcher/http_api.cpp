#include "searcher/http_api.h"

#include <algorithm>

#include <charconv>

#include <nlohmann/json.hpp>

#include "analysis/normalize_hindi.h"

namespace talash::searcher {
namespace {

using nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

ApiResponse ok(const json& j) { return {200, "application/json; charset=utf-8", dump(j)}; }

std::expected<std::size_t, std::string> parse_count(const std::string& name, const std::string& text) {
  std::size_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty())
    return std::unexpected(name + " must be a whole number, got '" + text.substr(0, 20) + "'");
  return v;
}

int status_for(SearchError::Code code) {
  switch (code) {
    case SearchError::Code::BadQuery:
    case SearchError::Code::BadRequest: return 400;
    case SearchError::Code::TooLarge: return 413;
    case SearchError::Code::NotFound: return 404;
    case SearchError::Code::Unavailable: return 503;
  }
  return 400;
}

std::string code_name(SearchError::Code code) {
  switch (code) {
    case SearchError::Code::BadQuery: return "bad_query";
    case SearchError::Code::BadRequest: return "bad_request";
    case SearchError::Code::TooLarge: return "too_large";
    case SearchError::Code::NotFound: return "not_found";
    case SearchError::Code::Unavailable: return "unavailable";
  }
  return "bad_request";
}

json to_json(const SearchResponse& r) {
  json hits = json::array();
  for (const auto& h : r.hits)
    hits.push_back({{"id", h.id}, {"title", h.title}, {"title_html", h.title_html}, {"url", h.url},
                    {"date", h.date}, {"source", h.source}, {"category", h.category}, {"score", h.score},
                    {"snippet", h.snippet_html}, {"story", h.story}, {"duplicates", h.duplicates}});
  json facets = json::object();
  for (const auto& [type, values] : r.facets) {
    json arr = json::array();
    for (const auto& v : values) {
      json item = {{"id", v.id}, {"label", v.label}, {"count", v.count}};
      if (!v.label_en.empty()) item["label_en"] = v.label_en;
      arr.push_back(std::move(item));
    }
    facets[type] = std::move(arr);
  }
  json also = json::array();
  for (const auto& a : r.also_searched)
    also.push_back({{"query", a.query}, {"also", a.also}, {"kind", a.entity ? "entity" : "spelling"}});
  return {{"query", r.query},       {"total", r.total},   {"total_is_exact", r.total_is_exact},
          {"also_searched", std::move(also)}, {"suggestion", r.suggestion},
          {"facets_exact", r.facets_exact}, {"time_limited", r.time_limited}, {"took_ms", r.took_ms},
          {"page", r.page},         {"per_page", r.per_page}, {"hits", std::move(hits)},
          {"facets", std::move(facets)}};
}

}  // namespace

std::string search_response_json(const SearchResponse& response) { return dump(to_json(response)); }

ApiResponse json_error(int status, const std::string& code, const std::string& message) {
  return {status, "application/json; charset=utf-8", dump({{"error", {{"code", code}, {"message", message}}}})};
}

bool HttpApi::handles(const std::string& path) { return path.starts_with("/api/") || path == "/healthz"; }

ApiResponse HttpApi::handle(const ApiRequest& req) {
  if (!analysis::is_valid_utf8(req.path)) return json_error(400, "bad_request", "the path is not valid UTF-8");
  // Before the parameters: a write takes none, and a form-encoded body would
  // turn into parameters (it is refused with its own message).
  if (is_write_path(req.path)) return write(req);
  for (const auto& [name, value] : req.params)
    if (!analysis::is_valid_utf8(name) || !analysis::is_valid_utf8(value))
      return json_error(400, "bad_request", "parameter '" + (analysis::is_valid_utf8(name) ? name : std::string("?")) +
                                                "' is not valid UTF-8");
  if (req.method != "GET" && req.method != "HEAD")
    return json_error(405, "method_not_allowed",
                      "this endpoint is read-only: use GET (writes go to POST /api/documents and DELETE /api/documents/<id>)");
  if (req.path == "/healthz") return health();
  if (req.path == "/api/search") return search(req);
  if (req.path == "/api/stats") return stats();
  if (req.path == "/api/suggest") return suggest(req);
  constexpr std::string_view doc_prefix = "/api/doc/";
  if (req.path.starts_with(doc_prefix) && req.path.size() > doc_prefix.size())
    return document(req.path.substr(doc_prefix.size()));
  constexpr std::string_view similar_prefix = "/api/similar/";
  if (req.path.starts_with(similar_prefix) && req.path.size() > similar_prefix.size())
    return similar(req.path.substr(similar_prefix.size()), req);
  constexpr std::string_view entity_prefix = "/api/entity/";
  if (req.path.starts_with(entity_prefix) && req.path.size() > entity_prefix.size())
    return entity(req.path.substr(entity_prefix.size()));
  return json_error(404, "not_found", "no such endpoint: " + req.path);
}

// ---- writes ----

namespace {

constexpr std::string_view kDocumentsPath = "/api/documents";

ApiResponse with_header(ApiResponse r, std::string name, std::string value) {
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

// Compares in time that depends only on the expected token's length, so the
// answer time does not tell how many leading characters were right.
bool same_token(std::string_view given, std::string_view expected) {
  volatile unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < expected.size(); ++i)
    diff = diff | static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  return diff == 0;
}

// The token of "Bearer <token>" (the scheme is case-insensitive), or nothing.
std::optional<std::string_view> bearer_token(std::string_view header) {
  constexpr std::string_view scheme = "bearer";
  if (header.size() <= scheme.size() || (header[scheme.size()] != ' ' && header[scheme.size()] != '\t')) return {};
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if ((header[i] | 0x20) != scheme[i]) return {};
  header.remove_prefix(scheme.size());
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t')) header.remove_prefix(1);
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) header.remove_suffix(1);
  if (header.empty()) return {};
  return header;
}

const char* outcome_name(RecordResult::Outcome o) {
  switch (o) {
    case RecordResult::Outcome::Added: return "added";
    case RecordResult::Outcome::Replaced: return "replaced";
    case RecordResult::Outcome::Unchanged: return "unchanged";
    case RecordResult::Outcome::Rejected: return "rejected";
  }
  return "rejected";
}

ApiResponse write_error(const WriteError& e) {
  if (e.code == WriteError::Code::Busy)
    return with_header(json_error(503, "index_busy", e.message), "Retry-After", "5");
  return json_error(500, "write_failed", e.message);
}

}  // namespace

bool HttpApi::is_write_path(const std::string& path) {
  return path == kDocumentsPath || (path.starts_with(kDocumentsPath) && path.size() > kDocumentsPath.size() &&
                                    path[kDocumentsPath.size()] == '/');
}

std::optional<ApiResponse> HttpApi::refuse_write(const ApiRequest& req) const {
  const bool collection = req.path == kDocumentsPath;
  if (collection && req.method != "POST")
    return with_header(json_error(405, "method_not_allowed", "use POST /api/documents with a JSONL body to add articles"),
                       "Allow", "POST");
  if (!collection && req.method != "DELETE")
    return with_header(json_error(405, "method_not_allowed",
                                  "use DELETE /api/documents/<id> to delete an article (GET /api/doc/<id> reads one)"),
                       "Allow", "DELETE");
  if (!collection && req.path.size() == kDocumentsPath.size() + 1)
    return json_error(404, "not_found", "no id given: DELETE /api/documents/<id>");
  if (writes_.writer == nullptr || writes_.token.empty())
    return json_error(403, "writes_disabled",
                      "writes are off on this server: start 'talash serve' with --write-token or the "
                      "TALASH_WRITE_TOKEN environment variable to accept them");
  // RFC 6750: a request without credentials gets the bare challenge; a wrong
  // token also says invalid_token.
  auto token = bearer_token(req.authorization);
  if (!token)
    return with_header(json_error(401, "unauthorized", "writes need the header 'Authorization: Bearer <write token>'"),
                       "WWW-Authenticate", "Bearer realm=\"talash\"");
  if (!same_token(*token, writes_.token))
    return with_header(json_error(401, "unauthorized", "the bearer token is not this server's write token"),
                       "WWW-Authenticate", "Bearer realm=\"talash\", error=\"invalid_token\"");
  if (collection && (req.content_type.starts_with("application/x-www-form-urlencoded") ||
                     req.content_type.starts_with("multipart/")))
    return json_error(415, "unsupported_media_type",
                      "send the JSONL as the raw body with Content-Type: application/x-ndjson "
                      "(curl: --data-binary @file.jsonl, not -d or -F)");
  return std::nullopt;
}

std::optional<ApiResponse> HttpApi::answer_before_body(const ApiRequest& req, std::optional<std::size_t> content_length) {
  if (!is_write_path(req.path)) return handle(req);  // nothing else takes a body
  if (auto refused = refuse_write(req)) return refused;
  if (content_length && *content_length > writes_.max_body_bytes)
    return json_error(413, "too_large", "the body is " + std::to_string(*content_length) + " bytes, over the limit of " +
                                            std::to_string(writes_.max_body_bytes) + ": split it into several requests");
  return std::nullopt;
}

ApiResponse HttpApi::write(const ApiRequest& req) {
  if (auto refused = refuse_write(req)) return std::move(*refused);
  if (req.path == kDocumentsPath) return add_documents(req);
  return delete_document(req.path.substr(kDocumentsPath.size() + 1));
}

ApiResponse HttpApi::add_documents(const ApiRequest& req) {
  if (req.body.size() > writes_.max_body_bytes)
    return json_error(413, "too_large", "the body is " + std::to_string(req.body.size()) + " bytes, over the limit of " +
                                            std::to_string(writes_.max_body_bytes) + ": split it into several requests");
  // Counted here, before any analysis, so an oversized request costs nothing.
  std::size_t records = 0;
  for (std::size_t at = 0; at < req.body.size();) {
    std::size_t eol = req.body.find('\n', at);
    if (eol == std::string::npos) eol = req.body.size();
    if (req.body.find_first_not_of(" \t\r", at) < eol) ++records;
    at = eol + 1;
  }
  if (records == 0)
    return json_error(400, "bad_request", "the body has no records: send JSONL, one article per line");
  if (records > writes_.max_records)
    return json_error(413, "too_large", "the body has " + std::to_string(records) + " records, over the limit of " +
                                            std::to_string(writes_.max_records) + " per request: split it");
  auto result = writes_.writer->add_jsonl(req.body);
  if (!result) return write_error(result.error());
  std::size_t counts[4] = {0, 0, 0, 0};
  json items = json::array();
  const RecordResult* first_rejected = nullptr;
  for (const auto& r : result->records) {
    ++counts[static_cast<int>(r.outcome)];
    json item = {{"line", r.line}, {"result", outcome_name(r.outcome)}};
    if (r.outcome == RecordResult::Outcome::Rejected) {
      item["reason"] = r.reason;
      if (!first_rejected) first_rejected = &r;
    } else {
      item["id"] = r.id;
    }
    items.push_back(std::move(item));
  }
  json body = {{"added", counts[0]},     {"replaced", counts[1]}, {"unchanged", counts[2]},
               {"rejected", counts[3]},  {"documents", result->documents}, {"results", std::move(items)}};
  if (first_rejected && counts[3] == result->records.size()) {
    body["error"] = {{"code", "no_valid_records"},
                     {"message", "no record could be indexed; line " + std::to_string(first_rejected->line) + ": " +
                                     first_rejected->reason}};
    return {400, "application/json; charset=utf-8", dump(body)};
  }
  return ok(body);
}

ApiResponse HttpApi::delete_document(const std::string& id) {
  auto result = writes_.writer->remove(id);
  if (!result) return write_error(result.error());
  if (!result->deleted) return json_error(404, "not_found", "no document with id '" + id.substr(0, 200) + "'");
  return ok({{"id", id}, {"deleted", true}, {"documents", result->documents}});
}

// ---- reads ----

ApiResponse HttpApi::search(const ApiRequest& req) {
  SearchRequest sr;
  auto one = [&](const std::string& name) -> const std::string* {
    auto it = req.params.find(name);
    return it == req.params.end() ? nullptr : &it->second;
  };
  if (auto* q = one("q")) sr.query = *q;
  for (auto [name, out] : {std::pair{"page", &sr.page}, {"per_page", &sr.per_page}}) {
    if (auto* v = one(name)) {
      auto n = parse_count(name, *v);
      if (!n) return json_error(400, "bad_request", n.error());
      *out = *n;
    }
  }
  if (auto* s = one("sort")) {
    if (*s == "relevance" || s->empty()) sr.sort = SortOrder::Relevance;
    else if (*s == "newest") sr.sort = SortOrder::Newest;
    else if (*s == "oldest") sr.sort = SortOrder::Oldest;
    else return json_error(400, "bad_request", "sort must be relevance, newest or oldest");
  }
  if (auto* v = one("exact")) {
    if (*v == "1" || *v == "true") sr.exact = true;
    else if (!(*v == "0" || *v == "false" || v->empty())) return json_error(400, "bad_request", "exact must be 1 or 0");
  }
  if (auto* v = one("collapse")) {
    if (*v == "0" || *v == "false") sr.collapse = false;
    else if (!(*v == "1" || *v == "true" || v->empty())) return json_error(400, "bad_request", "collapse must be 1 or 0");
  }
  if (auto* v = one("story")) {
    if (v->size() != 16 || !std::ranges::all_of(*v, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }))
      return json_error(400, "bad_request", "story must be a hit's 16-digit story key");
    sr.story = *v;
  }
  if (auto* v = one("boost")) {
    if (*v == "recent") sr.boost_recent = true;
    else if (!v->empty() && *v != "none") return json_error(400, "bad_request", "boost must be recent or none");
  }
  if (auto* v = one("from")) sr.from = *v;
  if (auto* v = one("to")) sr.to = *v;
  for (auto [name, out] : {std::pair{"source", &sr.sources}, {"person", &sr.persons}, {"place", &sr.places},
                           {"org", &sr.orgs}}) {
    auto [lo, hi] = req.params.equal_range(name);
    for (auto it = lo; it != hi; ++it)
      if (!it->second.empty()) out->push_back(it->second);
  }
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  auto result = (*searcher)->search(sr);
  if (!result) return json_error(status_for(result.error().code), code_name(result.error().code), result.error().message);
  return ok(to_json(*result));
}

ApiResponse HttpApi::suggest(const ApiRequest& req) {
  auto it = req.params.find("q");
  const std::string q = it == req.params.end() ? "" : it->second;
  if (q.size() > 200) return json_error(400, "bad_request", "q is longer than 200 bytes");
  std::size_t limit = 8;
  if (auto l = req.params.find("limit"); l != req.params.end()) {
    auto n = parse_count("limit", l->second);
    if (!n) return json_error(400, "bad_request", n.error());
    if (*n == 0 || *n > 20) return json_error(400, "bad_request", "limit must be between 1 and 20");
    limit = *n;
  }
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  json list = json::array();
  for (const auto& s : (*searcher)->suggest(q, limit)) {
    json item = {{"text", s.text}, {"kind", s.kind}, {"documents", s.documents}};
    if (!s.id.empty()) item["id"] = s.id;
    if (!s.type.empty()) item["type"] = s.type;
    if (!s.label_en.empty()) item["label_en"] = s.label_en;
    list.push_back(std::move(item));
  }
  return ok({{"query", q}, {"suggestions", std::move(list)}});
}

ApiResponse HttpApi::similar(const std::string& id, const ApiRequest& req) {
  std::size_t per_page = 5;
  if (auto it = req.params.find("per_page"); it != req.params.end()) {
    auto n = parse_count("per_page", it->second);
    if (!n) return json_error(400, "bad_request", n.error());
    per_page = *n;
  }
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  auto result = (*searcher)->similar(id, per_page);
  if (!result) return json_error(status_for(result.error().code), code_name(result.error().code), result.error().message);
  return ok(to_json(*result));
}

ApiResponse HttpApi::document(const std::string& id) {
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  auto article = (*searcher)->find_document(id);
  if (!article) return json_error(404, "not_found", "no document with id '" + id.substr(0, 200) + "'");
  json ents = json::array();
  for (const auto& e : article->entities) {
    json item = {{"id", e.id}, {"type", e.type}, {"label", e.label}};
    if (!e.label_en.empty()) item["label_en"] = e.label_en;
    ents.push_back(std::move(item));
  }
  return ok({{"id", article->id}, {"title", article->title}, {"body", article->body}, {"url", article->url},
             {"date", article->date}, {"source", article->source}, {"category", article->category},
             {"entities", std::move(ents)}});
}

ApiResponse HttpApi::entity(const std::string& id) {
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  auto e = (*searcher)->find_entity(id);
  if (!e) return json_error(404, "not_found", "no entity with id '" + id.substr(0, 200) + "'");
  return ok({{"id", e->id}, {"type", e->type}, {"label", e->label}, {"label_en", e->label_en},
             {"aliases", e->aliases}, {"documents", e->documents}});
}

ApiResponse HttpApi::stats() {
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  auto s = (*searcher)->stats();
  return ok({{"documents", s.documents}, {"terms", s.terms}, {"postings", s.postings},
             {"bytes_on_disk", s.bytes_on_disk}, {"last_update", s.last_update}, {"schema_version", s.schema_version}});
}

ApiResponse HttpApi::health() {
  auto searcher = pool_.acquire();
  if (!searcher) return json_error(503, "unavailable", searcher.error());
  return ok({{"status", "ok"}, {"documents", (*searcher)->document_count()}});
}

}  // namespace talash::searcher
