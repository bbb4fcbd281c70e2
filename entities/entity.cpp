#include "entities/entity.h"

namespace talash::entities {

std::string_view to_string(EntityType type) {
  switch (type) {
    case EntityType::Person:
      return "person";
    case EntityType::Place:
      return "place";
    case EntityType::Org:
      return "org";
  }
  return "unknown";
}

std::optional<EntityType> entity_type_from_string(std::string_view name) {
  if (name == "person") return EntityType::Person;
  if (name == "place") return EntityType::Place;
  if (name == "org") return EntityType::Org;
  return std::nullopt;
}

}  // namespace talash::entities
