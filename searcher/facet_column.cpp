#include "searcher/facet_column.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "schema/entity_values.h"
#include "searcher/revision_cache.h"
#include "schema/schema.h"

namespace talash::searcher {

FacetKind facet_kind(std::string_view type) {
  if (type == "person") return FacetKind::person;
  if (type == "place") return FacetKind::place;
  if (type == "org") return FacetKind::org;
  if (type == "source") return FacetKind::source;
  if (type == "month") return FacetKind::month;
  if (type == "day") return FacetKind::day;
  return FacetKind::other;
}

std::string_view facet_kind_name(FacetKind kind) {
  switch (kind) {
    case FacetKind::person: return "person";
    case FacetKind::place: return "place";
    case FacetKind::org: return "org";
    case FacetKind::source: return "source";
    case FacetKind::month: return "month";
    case FacetKind::day: return "day";
    case FacetKind::other: break;
  }
  return "other";
}

namespace {

class Interner {
 public:
  std::uint32_t intern(FacetKind kind, std::string_view name) {
    std::string key(1, static_cast<char>(kind));
    key += name;
    auto [it, inserted] = ids_.try_emplace(std::move(key), static_cast<std::uint32_t>(names_.size()));
    if (inserted) {
      names_.emplace_back(name);
      kinds_.push_back(kind);
    }
    return it->second;
  }
  // Renumbers kind by kind; returns old number -> new number.
  std::vector<std::uint32_t> group_by_kind(std::vector<std::string>& names,
                                           std::array<std::uint32_t, kFacetKinds>& kind_end) const {
    std::vector<std::uint32_t> order(names_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return kinds_[a] < kinds_[b]; });
    std::vector<std::uint32_t> renumbered(names_.size());
    names.clear();
    names.reserve(names_.size());
    kind_end.fill(0);
    for (std::uint32_t i = 0; i < order.size(); ++i) {
      renumbered[order[i]] = i;
      names.push_back(names_[order[i]]);
      ++kind_end[static_cast<std::size_t>(kinds_[order[i]])];
    }
    for (std::size_t k = 1; k < kFacetKinds; ++k) kind_end[k] += kind_end[k - 1];
    return renumbered;
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
  std::vector<FacetKind> kinds_;
};

}  // namespace

FacetColumn FacetColumn::build(const Xapian::Database& db) {
  FacetColumn column;
  Interner interner;
  std::vector<std::pair<Xapian::docid, std::uint32_t>> pairs;
  for (auto it = db.valuestream_begin(schema::slot::kEntities); it != db.valuestream_end(schema::slot::kEntities); ++it) {
    const Xapian::docid did = it.get_docid();
    schema::for_each_entity_key(*it, [&](std::string_view key) {
      auto colon = key.find(':');
      if (colon == std::string_view::npos || colon + 1 == key.size()) return;
      pairs.emplace_back(did, interner.intern(facet_kind(key.substr(0, colon)), key.substr(colon + 1)));
    });
  }
  for (auto it = db.valuestream_begin(schema::slot::kSource); it != db.valuestream_end(schema::slot::kSource); ++it) {
    const std::string source = *it;
    if (!source.empty()) pairs.emplace_back(it.get_docid(), interner.intern(FacetKind::source, source));
  }
  for (auto it = db.valuestream_begin(schema::slot::kDate); it != db.valuestream_end(schema::slot::kDate); ++it) {
    const std::string date = *it;  // YYYYMMDDhhmmss
    if (date.size() < 8) continue;
    pairs.emplace_back(it.get_docid(), interner.intern(FacetKind::month, date.substr(0, 4) + "-" + date.substr(4, 2)));
    pairs.emplace_back(it.get_docid(),
                       interner.intern(FacetKind::day, date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2)));
  }
  const auto renumbered = interner.group_by_kind(column.names_, column.kind_end_);
  for (auto& pair : pairs) pair.second = renumbered[pair.second];
  std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  const Xapian::docid last = db.get_lastdocid();
  column.offsets_.assign(static_cast<std::size_t>(last) + 2, 0);
  column.values_.reserve(pairs.size());
  std::size_t i = 0;
  for (Xapian::docid did = 0; did <= last; ++did) {
    column.offsets_[did] = static_cast<std::uint32_t>(column.values_.size());
    for (; i < pairs.size() && pairs[i].first == did; ++i) column.values_.push_back(pairs[i].second);
  }
  column.offsets_[static_cast<std::size_t>(last) + 1] = static_cast<std::uint32_t>(column.values_.size());
  return column;
}

std::size_t FacetColumn::memory_bytes() const {
  std::size_t bytes = offsets_.capacity() * sizeof(std::uint32_t) + values_.capacity() * sizeof(std::uint32_t) +
                      names_.capacity() * sizeof(std::string);
  for (const auto& name : names_) bytes += name.capacity() > 15 ? name.capacity() : 0;
  return bytes;
}

std::shared_ptr<const FacetColumn> shared_facet_column(const Xapian::Database& db, const std::string& cache_key) {
  return shared_for_revision<FacetColumn>(db, cache_key, [](const Xapian::Database& d) { return FacetColumn::build(d); });
}

}  // namespace talash::searcher
