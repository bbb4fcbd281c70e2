#pragma once
// From text to the entities of a document, one canonical entity each:
//  1. gazetteer aliases (longest match over normalized tokens);
//  2. the trained tagger's spans for names the gazetteer does not list,
//     linked to a gazetteer entity of the same type when their spelling
//     differs only in vowel length (बेलूसोव / बेलुसोव) and that key is unique;
//  3. a bare name linked to the full name met earlier in the document, by its
//     last word (बेलोसोव after आंद्रेई बेलोसोव) or its first (किम after किम
//     जोंग उन), unless two people of the document share that word;
//  4. anything else of two or more words is an unlisted entity with a stable
//     id derived from its type and spelling key, labelled as written (a lone
//     unlisted word is too often an ordinary one, and a "place" that ends in
//     the adjective of a listed place, उत्तर कोरियाई, is an adjective phrase);
//  5. an acronym the article defines after an entity, "long form (ACRONYM)"
//     in capitals or in Devanagari letter names (एनआईए), names that entity
//     wherever it stands alone in the article.
// Two different gazetteer entities are never merged; "read also" lines give
// no entities.
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "analysis/split_words.h"
#include "entities/entity_tagger.h"
#include "entities/gazetteer.h"
#include "entities/ner_model.h"

namespace talash::entities {

struct LinkedEntity {
  std::string id;
  EntityType type = EntityType::Person;
  std::string label;     // Devanagari label for listed entities; the spelling used most in the document otherwise
  std::string label_en;  // empty for unlisted entities
  const Entity* listed = nullptr;  // the gazetteer entry, or null
  std::size_t mentions = 0;
  std::vector<std::string> spellings;  // as written in the document, most used first
};

// One mention: tokens [first_token, last_token] of part `part` name entities[entity].
struct LinkedMention {
  std::size_t part = 0;
  std::size_t first_token = 0;
  std::size_t last_token = 0;
  std::size_t entity = 0;
};

struct LinkResult {
  std::vector<LinkedEntity> entities;
  std::vector<LinkedMention> mentions;  // in text order within each part
};

struct LinkerOptions {
  bool use_tagger = true;  // off: gazetteer only
};

class EntityLinker {
 public:
  // `model` may be null (gazetteer and rules only).
  EntityLinker(const Gazetteer& gazetteer, const NerModel* model, LinkerOptions options = {});

  struct Part {
    std::string_view text;
    const std::vector<analysis::Token>* tokens;
    const std::vector<analysis::ByteSpan>* excluded;  // may be null
  };
  // Entities of a document made of parts (title, body), in order of first mention.
  std::vector<LinkedEntity> link(std::initializer_list<Part> parts) const { return link_mentions(parts).entities; }
  // The same, with every mention (for evaluation and highlighting).
  LinkResult link_mentions(std::span<const Part> parts) const;

  const Gazetteer& gazetteer() const { return gazetteer_; }

 private:
  const Gazetteer& gazetteer_;
  const NerModel* model_;
  LinkerOptions options_;
  EntityTagger tagger_;
  // variant key of an alias -> the entity, or null when two entities share it
  std::unordered_map<std::string, const Entity*> by_variant_key_;
  // The last word of every place alias (कोरिया of उत्तर कोरिया), to recognize
  // an adjective made from it (कोरियाई).
  std::unordered_set<std::string> place_last_words_;
  bool ends_in_place_adjective(const std::vector<analysis::Token>& tokens, std::size_t last) const;
};

// Vowel length folded (ी ि, ू ु, ै े, ौ ो and the independent vowels): the
// spellings news uses for one foreign name. Input is normalize_hindi()ed.
std::string entity_variant_key(std::string_view normalized);

}  // namespace talash::entities
