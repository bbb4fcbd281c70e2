#pragma once
// Counts every facet value of every document Xapian shows it: one document
// counts once for each of its entities (Xapian's ValueCountMatchSpy counts one
// value per document). Reads the in-memory FacetColumn, not the documents.
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "searcher/facet_column.h"

namespace talash::searcher {

struct FacetCount {
  std::string name;
  Xapian::doccount count = 0;
};

class FacetCountSpy : public Xapian::MatchSpy {
 public:
  // `scratch` holds the counts (one per column value, all zero): reused from
  // search to search, since clearing a few touched entries is far cheaper
  // than allocating and zeroing one per value. The spy zeroes what it touched.
  //
  // Only the first `max_counted` documents count. Xapian shows a spy every
  // match until check_at_least is reached, in index order; after that only
  // the candidates for the top of the ranking, which would bias an estimate
  // towards the best-scoring documents. So with check_at_least ==
  // max_counted the counted documents are an index-order sample.
  FacetCountSpy(std::shared_ptr<const FacetColumn> column, std::vector<Xapian::doccount>& scratch,
                Xapian::doccount max_counted);
  ~FacetCountSpy() override;
  FacetCountSpy(const FacetCountSpy&) = delete;
  FacetCountSpy& operator=(const FacetCountSpy&) = delete;

  void operator()(const Xapian::Document& doc, double weight) override;
  // Remote shards would need serialise(); our spies run in-process only.
  Xapian::MatchSpy* clone() const override;
  std::string name() const override { return "Talash::FacetCountSpy"; }
  std::string get_description() const override;

  Xapian::doccount documents_seen() const { return documents_seen_; }
  Xapian::doccount documents_counted() const { return std::min(documents_seen_, max_counted_); }
  Xapian::doccount max_counted() const { return max_counted_; }
  // The `limit` most frequent values of each kind: count descending, then
  // name ascending so equal counts list in a stable order.
  std::array<std::vector<FacetCount>, kFacetKinds> top(std::size_t limit) const;
  // Every value of one kind that was counted, by name (months in order).
  std::vector<FacetCount> all_by_name(FacetKind kind) const;

 private:
  std::shared_ptr<const FacetColumn> column_;
  Xapian::doccount documents_seen_ = 0;
  std::vector<Xapian::doccount>& counts_;  // by column value
  Xapian::doccount max_counted_;
  std::vector<std::uint32_t> seen_values_;  // values with a count, so top() skips the zeros
};

}  // namespace talash::searcher
