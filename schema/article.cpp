#include "schema/article.h"

#include <optional>

#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace talash::schema {

std::string to_stored_json(const Article& a) {
  nlohmann::json j = {{"id", a.id},         {"title", a.title}, {"body", a.body},
                      {"date", a.date},     {"source", a.source}, {"url", a.url},
                      {"category", a.category}};
  auto& ents = j["entities"] = nlohmann::json::array();
  for (const auto& e : a.entities) ents.push_back({{"id", e.id}, {"type", e.type}, {"label", e.label}, {"label_en", e.label_en}});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

namespace {

// Reading the stored document of every hit was a fifth of a search with
// snippets through nlohmann::json; simdjson reads it several times faster.
// nullopt when the data is not what to_stored_json writes (then the general
// parser decides).
std::optional<Article> read_with_simdjson(std::string_view json) {
  // The DOM parser picks the fastest kernels this CPU has at run time (the
  // On-Demand API would be fixed at compile time to the portable one).
  thread_local simdjson::dom::parser parser;
  simdjson::dom::object object;
  if (parser.parse(json.data(), json.size(), true).get(object)) return std::nullopt;
  Article a;
  for (auto [key, value] : object) {
    if (key == "entities") {
      simdjson::dom::array list;
      if (value.get(list)) return std::nullopt;
      for (auto item : list) {
        simdjson::dom::object e;
        if (item.get(e)) return std::nullopt;
        StoredEntity entity;
        for (auto [k, v] : e) {
          std::string_view text;
          if (v.get(text)) return std::nullopt;
          if (k == "id") entity.id = text;
          else if (k == "type") entity.type = text;
          else if (k == "label") entity.label = text;
          else if (k == "label_en") entity.label_en = text;
        }
        a.entities.push_back(std::move(entity));
      }
      continue;
    }
    std::string_view text;
    if (value.get(text)) return std::nullopt;
    if (key == "id") a.id = text;
    else if (key == "title") a.title = text;
    else if (key == "body") a.body = text;
    else if (key == "date") a.date = text;
    else if (key == "source") a.source = text;
    else if (key == "url") a.url = text;
    else if (key == "category") a.category = text;
  }
  return a;
}

}  // namespace

std::expected<Article, std::string> from_stored_json(std::string_view json) {
  if (auto fast = read_with_simdjson(json)) return std::move(*fast);
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::unexpected("stored document is not a JSON object");
  auto str = [&](const char* key) { return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string(); };
  Article a{.id = str("id"),
            .title = str("title"),
            .body = str("body"),
            .date = str("date"),
            .source = str("source"),
            .url = str("url"),
            .category = str("category")};
  if (j.contains("entities") && j["entities"].is_array()) {
    for (const auto& e : j["entities"]) {
      if (!e.is_object()) continue;
      a.entities.push_back({e.value("id", ""), e.value("type", ""), e.value("label", ""), e.value("label_en", "")});
    }
  }
  return a;
}

}  // namespace talash::schema
