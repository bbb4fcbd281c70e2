#pragma once
// Completions for the search box as the reader types: names of the entities
// the index knows (every alias, in both scripts, matched at any word start:
// "jong" -> किम जोंग उन), then headline words completing the last word typed,
// each ranked by how many documents have it.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace talash::searcher {

struct Suggestion {
  std::string text;      // what to put in the box
  std::string kind;      // "entity" | "title"
  std::string id;        // entity id (entities only)
  std::string type;      // person | place | org (entities only)
  std::string label_en;  // entities only, may be empty
  std::size_t documents = 0;
};

// Where entity metadata (schema::meta::kEntityPrefix) comes from: one
// database, or several shards merged by the searcher (a multi-database
// answers metadata from its first shard only).
struct EntityMetadataSource {
  std::function<std::vector<std::string>(const std::string& prefix)> keys;  // sorted, distinct
  std::function<std::string(const std::string& key)> value;
};

class Suggester {
 public:
  // Reads the entity metadata of `db`.
  static Suggester build(const Xapian::Database& db);
  // Entity metadata from `metadata`, document counts from `db`.
  static Suggester build(const Xapian::Database& db, const EntityMetadataSource& metadata);

  std::vector<Suggestion> suggest(const Xapian::Database& db, std::string_view typed, std::size_t limit) const;

 private:
  struct Entity {
    std::string id, type, label, label_en;
    std::size_t documents = 0;
  };
  struct Name {
    std::string key;  // normalized words from some word of an alias to its end
    std::size_t entity;
  };
  std::vector<Entity> entities_;
  std::vector<Name> names_;  // sorted by key
};

}  // namespace talash::searcher
