#include "schema/entity_metadata.h"

#include <nlohmann/json.hpp>

namespace talash::schema {

std::string unlisted_entity_metadata(const std::string& type, const SpellingCounts& spellings) {
  std::string label;
  std::uint64_t best = 0;
  for (const auto& [s, n] : spellings)
    if (n > best) {
      best = n;
      label = s;
    }
  nlohmann::json counts = nlohmann::json::object();
  for (const auto& [s, n] : spellings) counts[s] = n;
  nlohmann::json j = {{"type", type}, {"label", label}, {"label_en", ""}, {"spellings", counts}};
  return j.dump();
}

SpellingCounts spelling_counts(const std::string& metadata) {
  SpellingCounts counts;
  auto j = nlohmann::json::parse(metadata, nullptr, false);
  if (j.is_object() && j.contains("spellings") && j["spellings"].is_object())
    for (auto& [s, n] : j["spellings"].items())
      if (n.is_number_unsigned()) counts[s] = n.get<std::uint64_t>();
  return counts;
}

std::string merge_entity_metadata(const std::vector<std::string>& per_database) {
  const std::string* first = nullptr;
  bool unlisted = false;
  std::string type;
  SpellingCounts sum;
  for (const auto& m : per_database) {
    if (m.empty()) continue;
    if (!first) first = &m;
    auto j = nlohmann::json::parse(m, nullptr, false);
    if (!j.is_object()) continue;
    if (!j.contains("spellings")) return m;  // a gazetteer entity
    if (!unlisted && j.contains("type") && j["type"].is_string()) type = j["type"].get<std::string>();
    unlisted = true;
    for (const auto& [s, n] : spelling_counts(m)) sum[s] += n;
  }
  if (!unlisted) return first ? *first : std::string();
  return unlisted_entity_metadata(type, sum);
}

}  // namespace talash::schema
