#include "schema/article.h"

#include <nlohmann/json.hpp>

namespace talash::schema {

std::string to_stored_json(const Article& a) {
  nlohmann::json j = {{"id", a.id},         {"title", a.title}, {"body", a.body},
                      {"date", a.date},     {"source", a.source}, {"url", a.url},
                      {"category", a.category}};
  auto& ents = j["entities"] = nlohmann::json::array();
  for (const auto& e : a.entities) ents.push_back({{"id", e.id}, {"type", e.type}, {"label", e.label}, {"label_en", e.label_en}});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::expected<Article, std::string> from_stored_json(std::string_view json) {
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
