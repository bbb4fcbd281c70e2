#include "searcher/entity_facet_spy.h"

#include <algorithm>

#include "schema/entity_values.h"

namespace talash::searcher {

void EntityFacetSpy::operator()(const Xapian::Document& doc, double) {
  ++documents_seen_;
  std::string value = doc.get_value(slot_);
  schema::for_each_entity_key(value, [&](std::string_view key) {
    if (key.empty()) return;
    auto it = counts_.find(key);
    if (it == counts_.end()) counts_.emplace(std::string(key), 1);
    else ++it->second;
  });
}

std::string EntityFacetSpy::get_description() const {
  return "EntityFacetSpy(slot " + std::to_string(slot_) + ", " + std::to_string(counts_.size()) + " values)";
}

std::vector<std::pair<std::string, Xapian::doccount>> EntityFacetSpy::top(std::string_view type_prefix,
                                                                          std::size_t limit) const {
  // Views first: only the winners become strings.
  std::vector<std::pair<std::string_view, Xapian::doccount>> all;
  for (const auto& [key, count] : counts_)
    if (key.starts_with(type_prefix)) all.emplace_back(std::string_view(key).substr(type_prefix.size()), count);
  auto order = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  const std::size_t n = std::min(limit, all.size());
  std::partial_sort(all.begin(), all.begin() + n, all.end(), order);
  std::vector<std::pair<std::string, Xapian::doccount>> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.emplace_back(std::string(all[i].first), all[i].second);
  return out;
}

}  // namespace talash::searcher
