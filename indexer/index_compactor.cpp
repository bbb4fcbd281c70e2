#include "indexer/index_compactor.h"

#include <unistd.h>

#include <chrono>
#include <optional>
#include <system_error>

#include <xapian.h>

#include "indexer/index_writer.h"
#include "schema/entity_metadata.h"
#include "schema/schema.h"

namespace talash::indexer {
namespace {

class MetadataMergingCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags, const std::string tags[]) override {
    // Xapian 1.4 passes the key as stored, behind the 2-byte marker of user metadata.
    const std::string user_key = key.starts_with(std::string_view("\0\xc0", 2)) ? key.substr(2) : key;
    std::string merged = tags[0];
    for (size_t i = 1; i < num_tags; ++i) merged = merge_metadata(user_key, merged, tags[i]);
    return merged;
  }
};

std::string sibling(const std::filesystem::path& p, const std::string& suffix) {
  auto clean = p.lexically_normal();
  if (clean.filename().empty()) clean = clean.parent_path();
  return clean.string() + suffix + "-" + std::to_string(::getpid());
}

}  // namespace

std::uint64_t folder_bytes(const std::filesystem::path& dir) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

std::string merge_metadata(const std::string& key, const std::string& a, const std::string& b) {
  if (key == schema::meta::kLastUpdate) return std::max(a, b);
  if (key.starts_with(schema::meta::kEntityPrefix)) return schema::merge_entity_metadata({a, b});
  return a;
}

std::expected<CompactReport, std::string> compact_databases(const std::vector<std::filesystem::path>& sources,
                                                            const std::filesystem::path& output) {
  const auto start = std::chrono::steady_clock::now();
  if (std::filesystem::exists(output)) return std::unexpected(output.string() + " already exists");
  CompactReport report;
  try {
    Xapian::Database all;
    for (const auto& s : sources) {
      all.add_database(Xapian::Database(s.string()));
      report.bytes_before += folder_bytes(s);
    }
    report.documents = all.get_doccount();
    MetadataMergingCompactor compactor;
    all.compact(output.string(), Xapian::Compactor::FULL, 0, compactor);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    std::filesystem::remove_all(output, ec);
    return std::unexpected("cannot compact into " + output.string() + ": " + e.get_description());
  }
  report.bytes_after = folder_bytes(output);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

std::expected<CompactReport, std::string> compact_in_place(const std::filesystem::path& db) {
  // The write lock keeps other writers out until the compact copy is in place.
  std::optional<Xapian::WritableDatabase> lock;
  try {
    lock.emplace(db.string(), Xapian::DB_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    return std::unexpected("database " + db.string() + " is locked by another writer; try again when it has finished");
  } catch (const Xapian::Error& e) {
    return std::unexpected("cannot open database " + db.string() + ": " + e.get_description());
  }
  const std::filesystem::path fresh = sibling(db, ".compact"), old = sibling(db, ".old");
  auto report = compact_databases({db}, fresh);
  if (!report) return report;
  // Renaming keeps the lock with the old folder until the new one is there.
  std::error_code ec;
  std::filesystem::rename(db, old, ec);
  if (!ec) {
    std::filesystem::rename(fresh, db, ec);
    if (ec) std::filesystem::rename(old, db);
  }
  lock->close();
  if (ec) {
    std::filesystem::remove_all(fresh);
    return std::unexpected("cannot swap the compact copy into " + db.string() + ": " + ec.message());
  }
  std::filesystem::remove_all(old, ec);
  return report;
}

}  // namespace talash::indexer
