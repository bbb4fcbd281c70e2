#pragma once
// A whole `talash index` run, as a pipeline: one thread reads, N analyze,
// one writes (or K write K shard databases, merged at the end), each stage
// working on a different batch at once. Commits in batches, so a crash keeps
// every committed batch and a re-run skips what is already there.
#include <cstddef>
#include <expected>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/input_reader.h"
#include "indexer/record_parser.h"

namespace talash::indexer {

struct IndexOptions {
  unsigned threads = 0;             // 0: one per core
  std::size_t batch_size = 512;     // records analyzed together
  std::size_t commit_every = 10000; // documents between commits
  bool use_tagger = true;           // false: entities from the gazetteer only (faster, no unlisted names)
  // > 1: build this many shard databases in parallel (in DB.shards/), then
  // merge them into DB with Xapian's compactor. Only for a new or empty DB.
  unsigned shards = 1;
  RecordLimits limits;
};

struct Rejection {
  std::string origin;
  std::size_t line = 0;
  std::string reason;
};

struct IndexReport {
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;
  std::size_t rejected = 0;
  std::size_t bytes = 0;
  double seconds = 0;
  std::size_t documents_in_db = 0;
  std::size_t committed = 0;     // documents durable so far (in the shards while they are built)
  double merge_seconds = 0;      // --shards: merging the shards at the end

  std::size_t processed() const { return added + replaced + unchanged + rejected; }
};

struct IndexCallbacks {
  std::function<void(const Rejection&)> on_rejection;
  std::function<void(const IndexReport&)> on_progress;  // after each batch read and each commit
};

// The shard of a document under --shards: fixed by its id, so a re-run sends
// each record to the shard that may already hold it.
unsigned shard_of(std::string_view id_term, unsigned shards);

// Errors only when nothing could be done: unreadable inputs, a locked or
// corrupt database. Bad records are reported through on_rejection and counted.
std::expected<IndexReport, std::string> run_index_job(const std::filesystem::path& db_path,
                                                      const std::vector<std::string>& inputs,
                                                      const IndexOptions& options, const IndexCallbacks& callbacks);

}  // namespace talash::indexer
