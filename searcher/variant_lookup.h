#pragma once
// Other spellings of a query word that the index holds: the same name in the
// other script or another Devanagari spelling (Belousov -> बेलूसोव, बेलोसोव;
// KCNA -> केसीएनए), found through the phonetic keys the indexer put in
// Xapian's synonym table (schema.h, namespace synonym). And the other names
// of a gazetteer entity a query names (KCNA -> कोरियन सेंट्रल न्यूज एजेंसी).
//
// An interface, so the query builder can be tested with a fixed table.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace talash::entities {
class EntityTagger;
}

namespace talash::searcher {

// A normalized word of Latin letters only (how people type a name they heard).
bool is_latin_word(std::string_view normalized);

struct Variant {
  std::string word;     // normalized, as the index holds it
  double weight = 0;    // relative to the query word's own weight (below 1)
};

// A run of query words that names a gazetteer entity, and its other names.
struct EntityAliases {
  std::size_t first_word = 0;  // index into the words given
  std::size_t last_word = 0;   // inclusive
  std::string id;
  std::string type;   // person | place | org
  std::string label;  // Devanagari label, for "also searched"
  std::vector<std::vector<std::string>> aliases;  // each alias as normalized words
};

class VariantLookup {
 public:
  virtual ~VariantLookup() = default;
  // Best first; never the word itself. `in_latin_name`: the word is one of
  // several Latin words typed together ("Will Young"), so even an ordinary
  // English word there is likely part of a name.
  virtual std::vector<Variant> variants(std::string_view word, bool in_latin_name) const = 0;
  // Entities named by runs of `words` (normalized), longest match first, not overlapping.
  virtual std::vector<EntityAliases> entities(const std::vector<std::string>& words) const = 0;
};

struct VariantLimits {
  std::size_t max_variants = 8;  // per query word
  // Weights of a variant found through each tier's key (strict, middle, loose).
  double strict_weight = 0.35;
  double middle_weight = 0.25;
  double loose_weight = 0.15;
  // A query word in more documents than this share of the index is an
  // ordinary word ("war", "army"): it only gets variants that were part of
  // entity mentions, not every rare word that happens to share its key.
  double ordinary_word_share = 0.0005;
  // The middle and loose keys are used only when at least this long.
  std::size_t min_loose_key_letters = 4;
};

// Reads the synonym table of `db`; `tagger` (may be null) finds entities.
class IndexVariantLookup : public VariantLookup {
 public:
  IndexVariantLookup(const Xapian::Database& db, const entities::EntityTagger* tagger, VariantLimits limits = {});
  std::vector<Variant> variants(std::string_view word, bool in_latin_name) const override;
  std::vector<EntityAliases> entities(const std::vector<std::string>& words) const override;
  // Past it a word gets no variants (a query may hold hundreds of words,
  // each a few synonym-table lookups): the search's time limit.
  void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }

 private:
  const Xapian::Database& db_;
  const entities::EntityTagger* tagger_;
  VariantLimits limits_;
  std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace talash::searcher
