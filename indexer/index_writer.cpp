#include "indexer/index_writer.h"

#include <ctime>

#include <nlohmann/json.hpp>

#include "schema/schema.h"
#include "schema/terms.h"

namespace talash::indexer {

std::expected<IndexWriter, std::string> IndexWriter::open(const std::filesystem::path& db_path) {
  try {
    Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OPEN);
    auto version = db.get_metadata(std::string(schema::meta::kSchemaVersion));
    if (version.empty()) {
      db.set_metadata(std::string(schema::meta::kSchemaVersion), std::string(schema::kSchemaVersion));
    } else if (version != schema::kSchemaVersion) {
      return std::unexpected("database " + db_path.string() + " has schema version " + version + ", this talash writes " +
                             std::string(schema::kSchemaVersion) + ": index into a new folder");
    }
    return IndexWriter(std::move(db));
  } catch (const Xapian::DatabaseLockError&) {
    return std::unexpected("database " + db_path.string() +
                           " is locked by another writer (another 'talash index', or a server accepting writes); "
                           "try again when it has finished");
  } catch (const Xapian::Error& e) {
    return std::unexpected("cannot open database " + db_path.string() + ": " + e.get_description());
  }
}

UpsertOutcome IndexWriter::upsert(const BuiltDocument& doc) {
  UpsertOutcome outcome = UpsertOutcome::Added;
  auto it = db_.postlist_begin(doc.id_term);
  if (it != db_.postlist_end(doc.id_term)) {
    if (db_.get_document(*it).get_value(schema::slot::kContentHash) == doc.content_hash)
      return UpsertOutcome::Unchanged;
    outcome = UpsertOutcome::Replaced;
  }
  db_.replace_document(doc.id_term, doc.document);
  for (const auto& e : doc.article.entities) {
    if (!entities_recorded_.insert(e.id).second) continue;
    nlohmann::json j = {{"type", e.type}, {"label", e.label}, {"label_en", e.label_en}};
    db_.set_metadata(std::string(schema::meta::kEntityPrefix) + e.id, j.dump());
  }
  return outcome;
}

bool IndexWriter::remove(std::string_view id) {
  std::string term = schema::id_term(id);
  if (db_.postlist_begin(term) == db_.postlist_end(term)) return false;
  db_.delete_document(term);
  return true;
}

void IndexWriter::commit() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  db_.set_metadata(std::string(schema::meta::kLastUpdate), buf);
  db_.commit();
}

}  // namespace talash::indexer
