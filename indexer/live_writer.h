#pragma once
// Writes for a running server (POST /api/documents, DELETE /api/documents/<id>):
// the same parsing, analysis and upsert as `talash index`, one request at a
// time. The database is opened for writing only for the length of a request,
// so a `talash index` can run on the same index between requests; while one
// holds Xapian's write lock, a request waits up to `lock_wait` and then says
// the index is busy.
#include <chrono>
#include <cstddef>
#include <expected>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entities/entity_linker.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"
#include "indexer/record_parser.h"

namespace talash::indexer {

struct LiveWriterOptions {
  std::chrono::milliseconds lock_wait{5000};  // how long a write waits for another process's lock
  bool use_tagger = true;                     // as `talash index` without --gazetteer-only
  RecordLimits limits;
};

struct LiveRecord {
  std::size_t line = 0;                 // 1-based line of the body
  std::string id;                       // empty when rejected
  std::optional<UpsertOutcome> outcome; // empty: rejected for `reason`
  std::string reason;
};

struct LiveWriteReport {
  std::vector<LiveRecord> records;  // one per non-blank line
  std::size_t documents = 0;        // in the index after the commit
};

struct LiveDeleteReport {
  bool deleted = false;
  std::size_t documents = 0;
};

struct LiveWriteError {
  bool busy = false;  // true: another process holds the write lock; retrying later will work
  std::string message;
};

// The lines of a JSONL body as `talash index` reads a file: split at '\n', a
// trailing '\r' dropped, blank lines skipped; `line` counts every line.
struct JsonlLine {
  std::size_t line = 0;
  std::string_view text;
};
std::vector<JsonlLine> split_jsonl(std::string_view body);

class LiveWriter {
 public:
  explicit LiveWriter(std::filesystem::path db_path, LiveWriterOptions options = {});
  LiveWriter(const LiveWriter&) = delete;
  LiveWriter& operator=(const LiveWriter&) = delete;

  // Upserts every valid line in one commit; returns after the commit.
  std::expected<LiveWriteReport, LiveWriteError> add_jsonl(std::string_view body);
  std::expected<LiveDeleteReport, LiveWriteError> remove(std::string_view id);

 private:
  std::expected<IndexWriter, LiveWriteError> open_writer();

  std::filesystem::path db_path_;
  LiveWriterOptions options_;
  entities::EntityLinker linker_;
  std::mutex mutex_;         // one write at a time; guards builder_
  DocumentBuilder builder_;  // owns a stemmer, so it is not shared between threads
};

}  // namespace talash::indexer
