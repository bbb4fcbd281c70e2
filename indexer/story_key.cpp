#include "indexer/story_key.h"
#include "analysis/fnv.h"

#include <cstdint>
#include <cstdio>
#include <limits>

#include "analysis/stopwords.h"

namespace talash::indexer {
namespace {

constexpr std::size_t kLeadWords = 40;
constexpr std::size_t kMinWords = 12;
constexpr std::size_t kShingle = 3;
constexpr std::uint64_t kHashes = 4;

std::uint64_t fnv1a(std::uint64_t h, std::string_view s) { return analysis::fnv1a(s, h); }

}  // namespace

std::string story_key(const std::vector<analysis::Token>& body_tokens) {
  std::vector<const std::string*> words;
  for (const auto& t : body_tokens) {
    if (t.script != analysis::Script::Devanagari && t.script != analysis::Script::Latin) continue;
    if (analysis::is_stopword(t.norm)) continue;
    words.push_back(&t.norm);
    if (words.size() == kLeadWords) break;
  }
  if (words.size() < kMinWords) return {};
  // kHashes independent minimums, all required to agree: a pair shares the
  // key with probability J^kHashes, so a shingle many stories share (भारत
  // कोरोना वायरस) cannot pull them together on its own.
  std::uint64_t key = analysis::kIdSeed;
  for (std::uint64_t seed = 1; seed <= kHashes; ++seed) {
    std::uint64_t min_hash = std::numeric_limits<std::uint64_t>::max();
    for (std::size_t i = 0; i + kShingle <= words.size(); ++i) {
      std::uint64_t h = analysis::kIdSeed ^ (seed * 0x9E3779B97F4A7C15ULL);
      for (std::size_t j = 0; j < kShingle; ++j) h = fnv1a(fnv1a(h, *words[i + j]), " ");
      h ^= h >> 33;  // fnv's high bits mix poorly: finish like splitmix64
      h *= 0xff51afd7ed558ccdULL;
      h ^= h >> 33;
      min_hash = std::min(min_hash, h);
    }
    key = fnv1a(key, std::string_view(reinterpret_cast<const char*>(&min_hash), sizeof min_hash));
  }
  const std::uint64_t min_hash = key;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(min_hash));
  return buf;
}

}  // namespace talash::indexer
