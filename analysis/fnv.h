#pragma once
// FNV-1a, 64 bits: the one string hash behind ids, keys, checksums and the
// tagger's feature hashes.
#include <cstdint>
#include <string_view>

namespace talash::analysis {

inline constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
inline constexpr std::uint64_t kFnvPrime = 1099511628211ULL;
// The seed of the ids and keys already written to indexes (unlisted entity
// ids, content hashes, story keys): a digit short of kFnvOffset, harmless as
// a seed; changing it would change every one of them.
inline constexpr std::uint64_t kIdSeed = 1469598103934665603ULL;

// `bytes` hashed on from `h` (so a hash can continue over several pieces).
constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = kFnvOffset) {
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

}  // namespace talash::analysis
