#pragma once
// Article -> Xapian::Document, following schema/schema.h. One builder per
// thread: it owns a stemmer, which Xapian does not let threads share.
#include <string>
#include <vector>

#include <xapian.h>

#include "entities/entity_linker.h"
#include "schema/article.h"

namespace talash::indexer {

struct BuiltDocument {
  std::string id;
  std::string id_term;
  std::string content_hash;  // also in slot::kContentHash
  Xapian::Document document;
  schema::Article article;   // with entities filled in
  std::vector<entities::LinkedEntity> entities;  // for the entity metadata
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(const entities::EntityLinker& linker);
  BuiltDocument build(schema::Article article);

 private:
  const entities::EntityLinker& linker_;
  Xapian::Stem stemmer_;
};

}  // namespace talash::indexer
