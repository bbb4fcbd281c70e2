#include "indexer/index_writer.h"

#include <algorithm>
#include <array>
#include <ctime>

#include <nlohmann/json.hpp>

#include "analysis/phonetic_key.h"
#include "schema/entity_metadata.h"
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
  for (const auto& e : doc.entities) record_entity(e);
  for (const auto& w : doc.name_words) add_name_synonyms(w);
  return outcome;
}

// Synonyms are never removed when a document goes: a key that leads to a word
// no document has any more matches nothing, and the searcher skips it.
void IndexWriter::add_name_synonyms(const BuiltDocument::NameWord& w) {
  std::array<std::string, 3> keys;
  bool keyed = false;
  const std::string term = schema::word_term(w.word);
  for (char source : {schema::synonym::kFromEntity, schema::synonym::kFromRareWord}) {
    if (!(source == schema::synonym::kFromEntity ? w.in_entity : w.rare)) continue;
    if (!synonyms_added_.insert(source + w.word).second) continue;
    if (!keyed) {
      keys = analysis::phonetic_keys(w.word);
      keyed = true;
      if (auto letters = analysis::acronym_key(w.word); !letters.empty() && static_cast<unsigned char>(w.word[0]) >= 0x80)
        pending_synonyms_.emplace_back(schema::acronym_variant_key(letters), term);
    }
    // The loose tier is only looked up for entity words (searcher/variant_lookup.cpp).
    const int tiers = source == schema::synonym::kFromEntity ? 3 : 2;
    for (int tier = 0; tier < tiers; ++tier)
      if (!keys[tier].empty()) pending_synonyms_.emplace_back(schema::variant_key(source, tier, keys[tier]), term);
  }
}

void IndexWriter::record_entity(const entities::LinkedEntity& e) {
  const std::string key = std::string(schema::meta::kEntityPrefix) + e.id;
  const std::string type(entities::to_string(e.type));
  if (e.listed) {
    if (!listed_recorded_.insert(e.id).second) return;
    std::vector<std::string> aliases;
    auto add = [&](const std::string& a) {
      if (!a.empty() && std::ranges::find(aliases, a) == aliases.end()) aliases.push_back(a);
    };
    add(e.listed->label_hi);
    add(e.listed->label_en);
    for (const auto& a : e.listed->aliases) add(a);
    nlohmann::json j = {{"type", type}, {"label", e.label}, {"label_en", e.label_en}, {"aliases", aliases}};
    db_.set_metadata(key, j.dump());
    return;
  }
  auto [it, inserted] = unlisted_.try_emplace(e.id);
  Unlisted& u = it->second;
  if (inserted) {
    u.type = type;
    u.spellings = schema::spelling_counts(db_.get_metadata(key));
  }
  for (const auto& s : e.spellings) ++u.spellings[s];
  u.dirty = true;
}

void IndexWriter::flush_entities() {
  for (auto& [id, u] : unlisted_) {
    if (!u.dirty) continue;
    db_.set_metadata(std::string(schema::meta::kEntityPrefix) + id, schema::unlisted_entity_metadata(u.type, u.spellings));
    u.dirty = false;
  }
}

bool IndexWriter::remove(std::string_view id) {
  std::string term = schema::id_term(id);
  if (db_.postlist_begin(term) == db_.postlist_end(term)) return false;
  db_.delete_document(term);
  return true;
}

// Xapian reads a synonym entry from disk whenever the key differs from the
// previous call's, so adding them sorted by key reads each entry once.
void IndexWriter::flush_synonyms() {
  std::ranges::sort(pending_synonyms_);
  const auto [first, last] = std::ranges::unique(pending_synonyms_);
  pending_synonyms_.erase(first, last);
  for (const auto& [key, term] : pending_synonyms_) db_.add_synonym(key, term);
  pending_synonyms_.clear();
}

void IndexWriter::commit() {
  flush_entities();
  flush_synonyms();
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  db_.set_metadata(std::string(schema::meta::kLastUpdate), buf);
  db_.commit();
}

}  // namespace talash::indexer
