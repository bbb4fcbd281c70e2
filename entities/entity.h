#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace talash::entities {

enum class EntityType : std::uint8_t { Person, Place, Org };

// "person", "place", "org": the names used in the API, the index and the data file.
std::string_view to_string(EntityType type);
std::optional<EntityType> entity_type_from_string(std::string_view name);

struct Entity {
  std::string id;        // stable ASCII slug, e.g. "kim-jong-un", "pyongyang", "kcna"
  EntityType type = EntityType::Person;
  std::string label_hi;  // display label in Devanagari
  std::string label_en;  // English label
  std::vector<std::string> aliases;  // every spelling in either script, labels included
};

}  // namespace talash::entities
