#include "searcher/facet_count_spy.h"

#include <algorithm>
#include <functional>

namespace talash::searcher {

FacetCountSpy::FacetCountSpy(std::shared_ptr<const FacetColumn> column, std::vector<Xapian::doccount>& scratch,
                             Xapian::doccount max_counted)
    : column_(std::move(column)), counts_(scratch), max_counted_(max_counted) {
  if (counts_.size() < column_->value_count()) counts_.resize(column_->value_count(), 0);
}

FacetCountSpy::~FacetCountSpy() {
  for (std::uint32_t value : seen_values_) counts_[value] = 0;
}

Xapian::MatchSpy* FacetCountSpy::clone() const {
  throw Xapian::UnimplementedError("FacetCountSpy cannot be cloned (it counts into its searcher's scratch space)");
}

void FacetCountSpy::operator()(const Xapian::Document& doc, double) {
  if (documents_seen_++ >= max_counted_) return;
  for (std::uint32_t value : column_->values_of(doc.get_docid()))
    if (counts_[value]++ == 0) seen_values_.push_back(value);
}

std::string FacetCountSpy::get_description() const {
  return "FacetCountSpy(" + std::to_string(documents_seen_) + " documents, " + std::to_string(seen_values_.size()) +
         " values)";
}

namespace {

std::vector<FacetCount> top_of(std::vector<std::uint32_t>& values, const std::vector<Xapian::doccount>& counts,
                               const FacetColumn& column, std::size_t limit) {
  if (limit == 0 || values.empty()) return {};
  // Most values of a broad query occur once: find the limit-th count on the
  // integers first, so names are compared only among the few that tie there.
  if (values.size() > limit) {
    std::vector<Xapian::doccount> sorted;
    sorted.reserve(values.size());
    for (std::uint32_t value : values) sorted.push_back(counts[value]);
    std::nth_element(sorted.begin(), sorted.begin() + (limit - 1), sorted.end(), std::greater<>());
    const Xapian::doccount threshold = sorted[limit - 1];
    std::erase_if(values, [&](std::uint32_t value) { return counts[value] < threshold; });
  }
  auto order = [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : column.name(a) < column.name(b);
  };
  const std::size_t n = std::min(limit, values.size());
  std::partial_sort(values.begin(), values.begin() + n, values.end(), order);
  std::vector<FacetCount> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back({std::string(column.name(values[i])), counts[values[i]]});
  return out;
}

}  // namespace

std::array<std::vector<FacetCount>, kFacetKinds> FacetCountSpy::top(std::size_t limit) const {
  std::array<std::vector<std::uint32_t>, kFacetKinds> by_kind;
  for (std::uint32_t value : seen_values_) by_kind[static_cast<std::size_t>(column_->kind(value))].push_back(value);
  std::array<std::vector<FacetCount>, kFacetKinds> out;
  for (std::size_t k = 0; k < kFacetKinds; ++k) out[k] = top_of(by_kind[k], counts_, *column_, limit);
  return out;
}

std::vector<FacetCount> FacetCountSpy::all_by_name(FacetKind kind) const {
  std::vector<FacetCount> out;
  for (std::uint32_t value : seen_values_)
    if (column_->kind(value) == kind) out.push_back({std::string(column_->name(value)), counts_[value]});
  std::ranges::sort(out, {}, &FacetCount::name);
  return out;
}

}  // namespace talash::searcher
