#include "searcher/variant_lookup.h"

#include <algorithm>
#include <map>

#include "analysis/frequent_words.h"
#include "analysis/phonetic_key.h"
#include "analysis/split_words.h"
#include "analysis/stopwords.h"
#include "entities/entity_tagger.h"
#include "schema/schema.h"
#include "schema/terms.h"

namespace talash::searcher {

bool is_latin_word(std::string_view w) {
  return !w.empty() && std::ranges::all_of(w, [](char c) { return c >= 'a' && c <= 'z'; });
}

namespace {

bool is_devanagari_word(std::string_view w) { return !w.empty() && static_cast<unsigned char>(w[0]) >= 0x80; }

}  // namespace

IndexVariantLookup::IndexVariantLookup(const Xapian::Database& db, const entities::EntityTagger* tagger,
                                       VariantLimits limits)
    : db_(db), tagger_(tagger), limits_(limits) {}

std::vector<Variant> IndexVariantLookup::variants(std::string_view word, bool in_latin_name) const {
  if (word.size() < 2 || analysis::is_stopword(word) || analysis::is_frequent_word(word)) return {};
  if (std::chrono::steady_clock::now() >= deadline_) return {};
  const std::string own_term = schema::word_term(word);
  const Xapian::doccount own_df = db_.get_termfreq(own_term);
  const bool ordinary =
      !in_latin_name && own_df > std::max<double>(5.0, limits_.ordinary_word_share * db_.get_doccount());
  const auto keys = analysis::phonetic_keys(word);
  // A Devanagari word the index has is spelled as news spells it. Unless it
  // was part of a name somewhere, its sound-alikes are other words, not
  // other spellings (measured on the xquad questions: ग्रंथ -> ग्रांट,
  // खाती -> कोठी).
  if (own_df > 0 && is_devanagari_word(word) && !keys[0].empty()) {
    bool in_a_name = false;
    const std::string key = schema::variant_key(schema::synonym::kFromEntity, 0, keys[0]);
    for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key) && !in_a_name; ++it) in_a_name = *it == own_term;
    if (!in_a_name) return {};
  }
  const bool attested = own_df > 0 && is_devanagari_word(word);
  std::map<std::string, double> found;  // word term -> best weight
  auto add = [&](const std::string& term, double weight) {
    if (term == own_term) return;
    auto& w = found[term];
    w = std::max(w, weight);
  };
  auto add_synonyms = [&](const std::string& key, double weight) {
    for (auto it = db_.synonyms_begin(key); it != db_.synonyms_end(key); ++it) add(*it, weight);
  };

  const double weights[3] = {limits_.strict_weight, limits_.middle_weight, limits_.loose_weight};
  // Only the strict key is precise enough between Devanagari words that were
  // not names in their article (measured on the 32k corpus: the middle key
  // of पुतिन also reaches पतन and पत्तों). Short keys collide too easily
  // beyond strict.
  for (char source : {schema::synonym::kFromEntity, schema::synonym::kFromRareWord}) {
    if (source == schema::synonym::kFromRareWord && (ordinary || attested)) continue;
    for (int tier = 0; tier < 3; ++tier) {
      if (keys[tier].empty()) continue;
      // A common word typed as it is usually written needs no sound-alikes
      // beyond the strict key.
      if (tier > 0 && (source != schema::synonym::kFromEntity || ordinary ||
                       keys[tier].size() < limits_.min_loose_key_letters))
        continue;
      add_synonyms(schema::variant_key(source, tier, keys[tier]), weights[tier]);
    }
  }
  // A Latin word is typed from hearing: its vowels are guesses. When nothing
  // closer was found, its middle key may reach rare Devanagari words too
  // (Dilnawaz = दिलनवाज़).
  if (found.empty() && !ordinary && is_latin_word(word) && keys[1].size() >= limits_.min_loose_key_letters)
    add_synonyms(schema::variant_key(schema::synonym::kFromRareWord, 1, keys[1]), weights[1]);
  // Acronyms: KCNA <-> केसीएनए. Latin words are their own letters.
  if (auto letters = analysis::acronym_key(word); !letters.empty()) {
    if (is_latin_word(word)) add_synonyms(schema::acronym_variant_key(letters), limits_.strict_weight);
    else if (is_devanagari_word(word)) add(schema::word_term(letters), limits_.strict_weight);
  }

  struct Ranked {
    std::string word;
    double weight;
    Xapian::doccount df;
  };
  std::vector<Ranked> ranked;
  for (auto& [term, weight] : found) {
    // The synonym table keeps words whose documents were deleted since.
    if (Xapian::doccount df = db_.get_termfreq(term); df > 0) ranked.push_back({term, weight, df});
  }
  std::ranges::sort(ranked, [](const Ranked& a, const Ranked& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.df != b.df ? a.df > b.df : a.word < b.word;
  });
  if (ranked.size() > limits_.max_variants) ranked.resize(limits_.max_variants);
  std::vector<Variant> out;
  for (auto& r : ranked) out.push_back({std::move(r.word), r.weight});
  return out;
}

std::vector<EntityAliases> IndexVariantLookup::entities(const std::vector<std::string>& words) const {
  if (!tagger_ || words.empty()) return {};
  std::vector<analysis::Token> tokens;
  for (std::size_t i = 0; i < words.size(); ++i) {
    analysis::Token t;
    t.norm = words[i];
    t.position = static_cast<std::uint32_t>(i);
    tokens.push_back(std::move(t));
  }
  std::vector<EntityAliases> out;
  for (const auto& m : tagger_->tag(tokens)) {
    EntityAliases e;
    e.first_word = m.first_token;
    e.last_word = m.last_token;
    e.id = m.entity->id;
    e.type = std::string(entities::to_string(m.entity->type));
    e.label = m.entity->label_hi;
    auto add = [&](std::string_view alias) {
      std::vector<std::string> norms;
      for (auto& t : analysis::split_words(alias)) norms.push_back(std::move(t.norm));
      if (!norms.empty() && std::ranges::find(e.aliases, norms) == e.aliases.end()) e.aliases.push_back(std::move(norms));
    };
    add(m.entity->label_hi);
    add(m.entity->label_en);
    for (const auto& a : m.entity->aliases) add(a);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace talash::searcher
