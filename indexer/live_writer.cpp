#include "indexer/live_writer.h"

#include <thread>

#include <xapian.h>

namespace talash::indexer {
namespace {

// Whether another writer holds the lock right now. IndexWriter::open reports
// every failure as text; asking Xapian directly tells a lock (wait and retry)
// from a real failure (answer at once) without matching messages.
bool write_locked(const std::filesystem::path& db_path) {
  try {
    Xapian::WritableDatabase probe(db_path.string(), Xapian::DB_OPEN);
    return false;
  } catch (const Xapian::DatabaseLockError&) {
    return true;
  } catch (const Xapian::Error&) {
    return false;
  }
}

}  // namespace

std::vector<JsonlLine> split_jsonl(std::string_view body) {
  std::vector<JsonlLine> lines;
  std::size_t number = 0;
  while (!body.empty()) {
    const std::size_t eol = body.find('\n');
    std::string_view line = body.substr(0, eol);
    body.remove_prefix(eol == std::string_view::npos ? body.size() : eol + 1);
    ++number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;  // blank lines are not records
    lines.push_back({number, line});
  }
  return lines;
}

LiveWriter::LiveWriter(std::filesystem::path db_path, LiveWriterOptions options)
    : db_path_(std::move(db_path)),
      options_(options),
      linker_(entities::Gazetteer::builtin(), options.use_tagger ? &entities::NerModel::builtin() : nullptr),
      builder_(linker_) {}

std::expected<IndexWriter, LiveWriteError> LiveWriter::open_writer() {
  const auto deadline = std::chrono::steady_clock::now() + options_.lock_wait;
  bool retried_unlocked = false;
  for (;;) {
    auto writer = IndexWriter::open(db_path_);
    if (writer) return std::move(*writer);
    if (!write_locked(db_path_)) {
      // The other writer may have finished between the two looks: one more try.
      if (retried_unlocked) return std::unexpected(LiveWriteError{false, writer.error()});
      retried_unlocked = true;
      continue;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      return std::unexpected(LiveWriteError{
          true, "the index is being written by another process (a 'talash index' or 'talash delete' run); "
                "try again when it has finished"});
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

std::expected<LiveWriteReport, LiveWriteError> LiveWriter::add_jsonl(std::string_view body) {
  std::lock_guard lock(mutex_);
  LiveWriteReport report;
  // Analysis first, before taking Xapian's lock, so a `talash index` waits
  // only for the writing itself.
  std::vector<BuiltDocument> built;
  for (const auto& [line, text] : split_jsonl(body)) {
    auto article = parse_jsonl_record(text, options_.limits);
    if (!article) {
      report.records.push_back({line, {}, std::nullopt, article.error()});
      continue;
    }
    report.records.push_back({line, article->id, std::nullopt, {}});
    built.push_back(builder_.build(std::move(*article)));
  }
  auto writer = open_writer();
  if (!writer) return std::unexpected(writer.error());
  try {
    auto next = built.begin();
    for (auto& record : report.records)
      if (record.reason.empty()) record.outcome = writer->upsert(*next++);
    writer->commit();
    report.documents = writer->document_count();
  } catch (const Xapian::Error& e) {
    // Disk full or a damaged index: nothing a client can fix, so it says what Xapian said.
    return std::unexpected(LiveWriteError{false, "cannot write the index: " + e.get_description()});
  }
  return report;
}

std::expected<LiveDeleteReport, LiveWriteError> LiveWriter::remove(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto writer = open_writer();
  if (!writer) return std::unexpected(writer.error());
  try {
    LiveDeleteReport report;
    report.deleted = writer->remove(id);
    if (report.deleted) writer->commit();
    report.documents = writer->document_count();
    return report;
  } catch (const Xapian::Error& e) {
    return std::unexpected(LiveWriteError{false, "cannot write the index: " + e.get_description()});
  }
}

}  // namespace talash::indexer
