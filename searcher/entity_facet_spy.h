#pragma once
// Counts every entity of every matching document. Xapian's
// ValueCountMatchSpy counts one value per document; our entity slot holds
// several ("type:id" keys), so one document counts once for each of them.
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <xapian.h>

namespace talash::searcher {

class EntityFacetSpy : public Xapian::MatchSpy {
 public:
  explicit EntityFacetSpy(Xapian::valueno slot) : slot_(slot) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override { return new EntityFacetSpy(slot_); }
  std::string name() const override { return "Talash::EntityFacetSpy"; }
  std::string get_description() const override;

  Xapian::doccount documents_seen() const { return documents_seen_; }
  // The `limit` most frequent keys that start with `type_prefix` ("person:"),
  // count descending then key ascending; keys returned without the prefix.
  std::vector<std::pair<std::string, Xapian::doccount>> top(std::string_view type_prefix, std::size_t limit) const;

 private:
  // Lookups by string_view: no allocation per key per matching document.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  Xapian::valueno slot_;
  Xapian::doccount documents_seen_ = 0;
  std::unordered_map<std::string, Xapian::doccount, Hash, std::equal_to<>> counts_;
};

}  // namespace talash::searcher
