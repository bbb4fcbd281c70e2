#pragma once
// One news article as it is stored in the database (document data, JSON).
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace talash::schema {

struct StoredEntity {
  std::string id;
  std::string type;   // person | place | org
  std::string label;     // Devanagari label at index time
  std::string label_en;  // English label, may be empty
};

struct Article {
  std::string id;
  std::string title;
  std::string body;
  std::string date;  // ISO 8601 as given (normalized), empty when unknown
  std::string source;
  std::string url;
  std::string category;
  std::vector<StoredEntity> entities;
};

// Document data: a JSON object with the fields above.
std::string to_stored_json(const Article& article);
std::expected<Article, std::string> from_stored_json(std::string_view json);

}  // namespace talash::schema
