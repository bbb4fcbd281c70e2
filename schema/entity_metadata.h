#pragma once
// The metadata stored under meta::kEntityPrefix + id for each entity an
// index holds. A gazetteer entity's is fixed (label, English label, aliases);
// an unlisted one's counts how often each spelling was seen, and its label is
// the most frequent spelling (the first by name on a tie). The indexer writes
// it, the compactor and the searcher over shards merge it, the searcher reads it.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace talash::schema {

using SpellingCounts = std::map<std::string, std::uint64_t>;

std::string unlisted_entity_metadata(const std::string& type, const SpellingCounts& spellings);

// The counts in such metadata (empty when it is something else).
SpellingCounts spelling_counts(const std::string& metadata);

// One entity's metadata from several databases as one index would have it:
// the spelling counts add up; a gazetteer entity's is the same everywhere.
std::string merge_entity_metadata(const std::vector<std::string>& per_database);

}  // namespace talash::schema
