#pragma once
// Every document's facet values (its entities, source and month) held in memory
// as small integers, like Lucene's doc values: counting facets then touches
// no document data, which is what made exact entity counts cost more than the
// search itself (a value read and a string hash per entity per match).
//
// Built once per index revision from slots kEntities and kSource, shared by
// all searchers of the process (see shared_facet_column).
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace talash::searcher {

// month: "YYYY-MM" of the article's date (UTC), for the date facet; day: "YYYY-MM-DD", for
// the same chart when the matches span a few weeks.
enum class FacetKind : std::uint8_t { person, place, org, source, month, day, other };
inline constexpr std::size_t kFacetKinds = 7;

class FacetColumn {
 public:
  // Reads the entity, source and date value streams of `db` (one pass each).
  static FacetColumn build(const Xapian::Database& db);

  std::span<const std::uint32_t> values_of(Xapian::docid did) const {
    if (did + 1 >= offsets_.size()) return {};
    return {values_.data() + offsets_[did], values_.data() + offsets_[did + 1]};
  }
  std::size_t value_count() const { return names_.size(); }
  // "kim-jong-un" for an entity, the source's name for a source, "2024-06" for a month.
  std::string_view name(std::uint32_t value) const { return names_[value]; }
  // Values are numbered kind by kind, so a kind is a range of numbers.
  FacetKind kind(std::uint32_t value) const {
    std::size_t k = 0;
    while (value >= kind_end_[k]) ++k;
    return static_cast<FacetKind>(k);
  }
  std::size_t memory_bytes() const;

 private:
  std::vector<std::uint32_t> offsets_;  // by docid; offsets_[d]..offsets_[d+1] index values_
  std::vector<std::uint32_t> values_;
  std::vector<std::string> names_;
  std::array<std::uint32_t, kFacetKinds> kind_end_{};
};

// The column of `db`'s current revision, built on first use and shared with
// every other searcher of the same index at the same revision.
std::shared_ptr<const FacetColumn> shared_facet_column(const Xapian::Database& db, const std::string& cache_key);

FacetKind facet_kind(std::string_view type);  // "person" -> FacetKind::person
std::string_view facet_kind_name(FacetKind kind);

}  // namespace talash::searcher
