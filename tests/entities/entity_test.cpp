#include "entities/entity.h"

#include <gtest/gtest.h>

namespace talash::entities {
namespace {

TEST(EntityType, NamesRoundTrip) {
  for (EntityType type : {EntityType::Person, EntityType::Place, EntityType::Org}) {
    const auto back = entity_type_from_string(to_string(type));
    ASSERT_TRUE(back.has_value()) << to_string(type);
    EXPECT_EQ(*back, type);
  }
  EXPECT_EQ(to_string(EntityType::Person), "person");
  EXPECT_EQ(to_string(EntityType::Place), "place");
  EXPECT_EQ(to_string(EntityType::Org), "org");
}

TEST(EntityType, UnknownNamesAreRejected) {
  for (std::string_view name : {"", "Person", "PLACE", "organisation", "location", "per", " org"}) {
    EXPECT_FALSE(entity_type_from_string(name).has_value()) << '"' << name << '"';
  }
}

}  // namespace
}  // namespace talash::entities
