#pragma once
// A word list the tagger reads features from (first names, word clusters...):
// normalized word -> one or more values. Stored in the model file by the
// 64-bit hash of the word, so a model carries its lists but not their text.
// A word in lexicon "names" with value "1" gives the features "names|1" for
// the token itself and "names-1|1" / "names+1|1" for its neighbours.
#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace talash::entities {

class NerLexicon {
 public:
  NerLexicon() = default;
  // `name`: [a-z0-9_]+. `tsv`: one entry per line, "word" or
  // "word<TAB>value<SPACE>value...", '#' comments; words are
  // normalize_hindi()ed (an entry of several words is skipped). A word without
  // values gets the value "1"; a word listed twice keeps its first values.
  static std::expected<NerLexicon, std::string> from_tsv(std::string_view name, std::string_view tsv);

  const std::string& name() const { return name_; }
  // Templates of the token and its neighbours: "<name>", "<name>-1", "<name>+1".
  const std::string& template_at(int offset) const { return templates_[static_cast<std::size_t>(offset + 1)]; }
  std::size_t size() const { return keys_.size(); }

  // The values of a normalized word (empty when it is not listed).
  struct Values {
    const std::uint32_t* first = nullptr;
    std::size_t count = 0;
  };
  Values find(std::string_view norm) const;
  // Entry i (0 .. size() - 1): its word's hash (ascending in i) and values.
  std::uint64_t key(std::size_t i) const { return keys_[i]; }
  Values values(std::size_t i) const {
    return Values{entry_values_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
  }
  std::size_t value_count() const { return values_.size(); }
  const std::string& value(std::uint32_t index) const { return values_[index]; }

  // Serialization into the model file (entities/ner_model.cpp).
  void write(std::string& out) const;
  // Reads what write() wrote at bytes[pos...], advancing pos; false when malformed.
  static bool read(std::string_view bytes, std::size_t& pos, NerLexicon& out);

  friend bool operator==(const NerLexicon& a, const NerLexicon& b) {
    return a.name_ == b.name_ && a.keys_ == b.keys_ && a.entry_values_ == b.entry_values_ && a.offsets_ == b.offsets_ &&
           a.values_ == b.values_;
  }

 private:
  void finish();

  std::string name_;
  std::string templates_[3];
  std::vector<std::string> values_;          // distinct values
  std::vector<std::uint64_t> keys_;          // sorted word hashes
  std::vector<std::uint32_t> offsets_;       // entry i: entry_values_[offsets_[i] .. offsets_[i+1])
  std::vector<std::uint32_t> entry_values_;  // indexes into values_
};

// The hash a lexicon stores for a normalized word (FNV-1a, 64 bits).
std::uint64_t ner_lexicon_key(std::string_view norm);

}  // namespace talash::entities
