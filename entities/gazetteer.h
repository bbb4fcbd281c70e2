#pragma once
// The curated list of known entities, loaded from entities/data/gazetteer.tsv
// (compiled into the binary) or from any file of the same format.
#include <expected>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities/entity.h"

namespace talash::entities {

class Gazetteer {
 public:
  // Format: one entity per line, TAB-separated:
  //   id  type  label_hi  label_en  aliases (separated by '|')
  // '#' starts a comment line; blank lines are ignored. An error names the
  // line and the reason (duplicate id, unknown type, missing label...).
  static std::expected<Gazetteer, std::string> from_tsv(std::string_view tsv);
  // The gazetteer that ships with Talash.
  static const Gazetteer& builtin();

  // nullptr when there is no entity with that id.
  const Entity* find(std::string_view id) const;
  // In file order. An EntityTagger points into this vector: keep the
  // Gazetteer alive while a tagger built from it is in use.
  const std::vector<Entity>& entities() const { return entities_; }

 private:
  struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>> by_id_;
};

}  // namespace talash::entities
