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
          {"facets_exact", r.facets_exact}, {"took_ms", r.took_ms},
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
  for (const auto& [name, value] : req.params)
    if (!analysis::is_valid_utf8(name) || !analysis::is_valid_utf8(value))
      return json_error(400, "bad_request", "parameter '" + (analysis::is_valid_utf8(name) ? name : std::string("?")) +
                                                "' is not valid UTF-8");
  if (req.method != "GET" && req.method != "HEAD")
    return json_error(405, "method_not_allowed", "this API is read-only: use GET");
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
