#pragma once
// Merging and compacting databases with Xapian's compactor (what
// xapian-compact does), plus what it cannot know: how to merge Talash's
// metadata when several sources hold the same key.
#include <cstdint>
#include <expected>
#include <filesystem>
#include <string>
#include <vector>

namespace talash::indexer {

struct CompactReport {
  std::uint64_t documents = 0;
  std::uint64_t bytes_before = 0;  // all sources
  std::uint64_t bytes_after = 0;
  double seconds = 0;
};

// Writes one compact database at `output` (which must not exist) holding
// every document of `sources`, renumbered in source order. Metadata present in
// several sources is merged (schema/schema.h meta keys): spelling counts of
// unlisted entities are added up, the latest update time is kept.
std::expected<CompactReport, std::string> compact_databases(const std::vector<std::filesystem::path>& sources,
                                                            const std::filesystem::path& output);

// Compacts `db` where it is: holds its write lock meanwhile, so no document
// committed by another writer is lost, then swaps the compact copy in.
std::expected<CompactReport, std::string> compact_in_place(const std::filesystem::path& db);

// The metadata value when two sources hold `key`: exposed for tests.
std::string merge_metadata(const std::string& key, const std::string& a, const std::string& b);

std::uint64_t folder_bytes(const std::filesystem::path& dir);

}  // namespace talash::indexer
