#pragma once
// slot::kEntities holds every entity of a document ("type:id" keys), so one
// document counts once for each of its entities in the facet spy.
#include <string>
#include <string_view>
#include <vector>

namespace talash::schema {

std::string encode_entity_keys(const std::vector<std::string>& keys);
// Calls fn(std::string_view key) for each key; no allocation.
template <typename Fn>
void for_each_entity_key(std::string_view value, Fn&& fn) {
  while (!value.empty()) {
    auto sep = value.find('\x1f');
    fn(value.substr(0, sep));
    if (sep == std::string_view::npos) break;
    value.remove_prefix(sep + 1);
  }
}
inline std::string entity_key(std::string_view type, std::string_view id) {
  std::string key(type);
  key += ':';
  key += id;
  return key;
}

}  // namespace talash::schema
