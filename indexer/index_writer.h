#pragma once
// The single writer: upserts by id, skips unchanged records, records entity
// labels in the database metadata, commits in batches.
#include <expected>
#include <filesystem>
#include <string>
#include <string_view>
#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "indexer/document_builder.h"
#include "schema/entity_metadata.h"

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
  void record_entity(const entities::LinkedEntity& e);
  void flush_entities();
  void flush_synonyms();
  void add_name_synonyms(const BuiltDocument::NameWord& w);

  // Entities not in the gazetteer: how often each spelling was seen, so the
  // facet label is the most frequent one. Loaded from the metadata on first
  // sight, written back at each commit.
  struct Unlisted {
    std::string type;
    schema::SpellingCounts spellings;
    bool dirty = false;
  };
  Xapian::WritableDatabase db_;
  std::unordered_set<std::string> listed_recorded_;
  std::unordered_map<std::string, Unlisted> unlisted_;
  // (source, word) pairs already in the synonym table this session.
  std::unordered_set<std::string> synonyms_added_;
  // (key, word) pairs for the synonym table, written at the next commit.
  std::vector<std::pair<std::string, std::string>> pending_synonyms_;
};

}  // namespace talash::indexer
