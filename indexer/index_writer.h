#pragma once
// The single writer: upserts by id, skips unchanged records, records entity
// labels in the database metadata, commits in batches.
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

#include "indexer/document_builder.h"

namespace talash::indexer {

enum class UpsertOutcome { Added, Replaced, Unchanged };

class IndexWriter {
 public:
  // Creates the database when missing. Errors: locked by another writer,
  // corrupt, not a database, not writable.
  static std::expected<IndexWriter, std::string> open(const std::filesystem::path& db_path);

  UpsertOutcome upsert(const BuiltDocument& doc);
  // False when no document has this id.
  bool remove(std::string_view id);
  // Makes everything so far durable and visible to searchers.
  void commit();
  Xapian::doccount document_count() const { return db_.get_doccount(); }

 private:
  explicit IndexWriter(Xapian::WritableDatabase db) : db_(std::move(db)) {}
  Xapian::WritableDatabase db_;
  std::unordered_set<std::string> entities_recorded_;
};

}  // namespace talash::indexer
