#pragma once
// Word clusters for the tagger, learned from plain text: words used in
// similar contexts (the same left and right neighbours) share a cluster, so a
// name never seen in the labelled data still looks like the names that were.
// Each word's vector is its positive PMI with the most frequent neighbours on
// either side; spherical k-means groups the vectors at several granularities.
// Deterministic: the same text and options give the same clusters.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace talash::entities {

struct NerClusterOptions {
  std::uint32_t min_count = 5;                   // words seen fewer times get no cluster
  std::uint32_t max_words = 30000;               // the most frequent words only
  std::uint32_t context_words = 1000;            // neighbours that make up a word's vector
  std::vector<std::uint32_t> sizes = {64, 256};  // one k-means per size
  std::uint32_t iterations = 12;
};

class NerClusters {
 public:
  explicit NerClusters(NerClusterOptions options = {}) : options_(std::move(options)) {}

  // Counts the words of `text` (split and normalized as documents are; a line
  // break ends a sentence). Call any number of times, then cluster().
  void add_text(std::string_view text);
  // Clusters the words counted so far. Returns a lexicon for NerLexicon:
  // "word<TAB>k64:12 k256:201" per word, most frequent first.
  std::string cluster() const;

  std::size_t tokens() const { return tokens_; }

 private:
  NerClusterOptions options_;
  std::unordered_map<std::string, std::uint32_t> ids_;  // word -> id
  std::vector<std::string> words_;                      // id -> word
  std::vector<std::vector<std::uint32_t>> sentences_;
  std::size_t tokens_ = 0;
};

}  // namespace talash::entities
