#include "schema/terms.h"

#include "analysis/normalize_hindi.h"
#include "schema/schema.h"

namespace talash::schema {
namespace {

std::string prefixed(std::string_view prefix, std::string_view word) {
  std::string term;
  term.reserve(prefix.size() + word.size());
  term += prefix;
  std::size_t room = kMaxTermBytes > prefix.size() ? kMaxTermBytes - prefix.size() : 0;
  if (word.size() > room) {
    std::size_t cut = room;
    // Back up to the start of a UTF-8 sequence so the term stays valid text.
    while (cut > 0 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80) --cut;
    word = word.substr(0, cut);
  }
  term += word;
  return term;
}

}  // namespace

std::string word_term(std::string_view norm) { return prefixed(prefix::kWord, norm); }
std::string title_term(std::string_view norm) { return prefixed(prefix::kTitle, norm); }

std::string stem_term(std::string_view norm, Xapian::Stem& stemmer) {
  if (norm.empty()) return {};
  return prefixed(prefix::kStem, stemmer(std::string(norm)));
}

std::string title_stem_term(std::string_view norm, Xapian::Stem& stemmer) {
  if (norm.empty()) return {};
  return prefixed(prefix::kTitleStem, stemmer(std::string(norm)));
}

std::string id_term(std::string_view id) { return prefixed(prefix::kId, id); }

std::string filter_key(std::string_view label) {
  std::string key = analysis::normalize_hindi(label);
  // Trim and collapse inner white space so labels typed by hand still match.
  std::string out;
  bool space = false;
  for (char c : key) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string source_term(std::string_view label) { return prefixed(prefix::kSource, filter_key(label)); }
std::string category_term(std::string_view label) { return prefixed(prefix::kCategory, filter_key(label)); }

std::string entity_term(std::string_view type, std::string_view entity_id) {
  if (type == "person") return prefixed(prefix::kPerson, entity_id);
  if (type == "place") return prefixed(prefix::kPlace, entity_id);
  if (type == "org") return prefixed(prefix::kOrg, entity_id);
  return {};
}

std::string variant_key(char source, int tier, std::string_view phonetic_key) {
  std::string key(synonym::kKeyPrefix);
  key += source;
  key += static_cast<char>('0' + tier);
  key += phonetic_key;
  return key;
}

std::string acronym_variant_key(std::string_view letters) {
  std::string key(synonym::kKeyPrefix);
  key += synonym::kAcronym;
  key += letters;
  return key;
}

}  // namespace talash::schema
