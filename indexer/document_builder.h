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
  // Distinct words that may be names, for the phonetic synonym table.
  struct NameWord {
    std::string word;  // normalized
    bool in_entity = false;  // part of an entity mention (else: a rare or Latin word)
    bool rare = false;       // not among analysis::is_frequent_word, not a stopword
  };
  std::vector<NameWord> name_words;
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
