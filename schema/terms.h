#pragma once
// How a normalized word becomes index terms. The indexer writes these, the
// searcher looks them up; both must call these functions and nothing else.
#include <string>
#include <string_view>

#include <xapian.h>

namespace talash::schema {

// Truncated to kMaxTermBytes at a UTF-8 boundary.
std::string word_term(std::string_view norm);
std::string title_term(std::string_view norm);
// Empty when the stem equals nothing useful (empty word).
std::string stem_term(std::string_view norm, Xapian::Stem& stemmer);
std::string title_stem_term(std::string_view norm, Xapian::Stem& stemmer);

std::string id_term(std::string_view id);
// Filter terms: the key is normalized (normalize_hindi), so "BBC Hindi" and "bbc hindi" agree.
std::string filter_key(std::string_view label);
std::string source_term(std::string_view label);
std::string category_term(std::string_view label);
// type is "person" | "place" | "org"; empty string for an unknown type.
std::string entity_term(std::string_view type, std::string_view entity_id);

// Synonym-table key for a phonetic key of a word (schema.h, namespace
// synonym): source is synonym::kFromEntity or kFromRareWord, tier 0 strict,
// 1 middle, 2 loose (analysis::PhoneticTier).
std::string variant_key(char source, int tier, std::string_view phonetic_key);
std::string acronym_variant_key(std::string_view letters);

}  // namespace talash::schema
