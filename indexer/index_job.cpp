#include "indexer/index_job.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <semaphore>
#include <thread>

#include <xapian.h>

#include "analysis/fnv.h"
#include "entities/entity_linker.h"
#include "indexer/document_builder.h"
#include "indexer/index_compactor.h"
#include "indexer/index_writer.h"

namespace talash::indexer {
namespace {

using Clock = std::chrono::steady_clock;

struct Batch {
  std::size_t seq = 0;
  std::vector<InputRecord> records;
  std::vector<std::optional<BuiltDocument>> built;
  std::atomic<unsigned> writers_left{0};
};
using BatchPtr = std::shared_ptr<Batch>;

// Batches read but not analyzed yet; closed when reading ends.
class WorkQueue {
 public:
  void push(BatchPtr b) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(b));
    }
    cv_.notify_one();
  }
  // nullptr once closed and empty.
  BatchPtr pop() {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return nullptr;
    auto b = std::move(queue_.front());
    queue_.pop_front();
    return b;
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<BatchPtr> queue_;
  bool closed_ = false;
};

// Analyzed batches, handed to every writer in reading order (so the later of
// two records with one id wins, as when indexing on one thread).
class InOrder {
 public:
  void put(BatchPtr b) {
    {
      std::lock_guard lock(mutex_);
      ready_.emplace(b->seq, std::move(b));
    }
    cv_.notify_all();
  }
  // Batch `seq`, waiting for its analysis; nullptr when the input ended before it.
  BatchPtr get(std::size_t seq) {
    std::unique_lock lock(mutex_);
    cv_.wait(lock, [&] { return ready_.contains(seq) || seq >= batches_; });
    auto it = ready_.find(seq);
    return it == ready_.end() ? nullptr : it->second;
  }
  void drop(std::size_t seq) {
    std::lock_guard lock(mutex_);
    ready_.erase(seq);
  }
  // No batch numbered `count` or more will come.
  void end(std::size_t count) {
    {
      std::lock_guard lock(mutex_);
      batches_ = count;
    }
    cv_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::map<std::size_t, BatchPtr> ready_;
  std::size_t batches_ = SIZE_MAX;
};

// The counters every stage adds to, and the callbacks, called one at a time.
class Progress {
 public:
  Progress(const IndexCallbacks& callbacks) : callbacks_(callbacks) {}
  std::atomic<std::size_t> added{0}, replaced{0}, unchanged{0}, rejected{0}, bytes{0}, committed{0};

  void reject(const Rejection& r) {
    ++rejected;
    std::lock_guard lock(mutex_);
    if (callbacks_.on_rejection) callbacks_.on_rejection(r);
  }
  IndexReport snapshot(Clock::time_point start) const {
    IndexReport r;
    r.added = added;
    r.replaced = replaced;
    r.unchanged = unchanged;
    r.rejected = rejected;
    r.bytes = bytes;
    r.committed = committed;
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
  }
  void report(Clock::time_point start) {
    auto r = snapshot(start);
    std::lock_guard lock(mutex_);
    if (callbacks_.on_progress) callbacks_.on_progress(r);
  }
  // The first failure stops the job; later ones add nothing.
  void fail(std::string message) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(message);
    failed_ = true;
  }
  bool failed() const { return failed_; }
  std::optional<std::string> error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  const IndexCallbacks& callbacks_;
  std::mutex mutex_;
  std::optional<std::string> error_;
  std::atomic<bool> failed_{false};
};

std::filesystem::path shard_folder(const std::filesystem::path& db) {
  auto clean = db.lexically_normal();
  if (clean.filename().empty()) clean = clean.parent_path();
  return clean.string() + ".shards";
}

// --shards builds a new index; an existing one is updated in place instead.
std::optional<std::string> check_shard_target(const std::filesystem::path& db) {
  if (!std::filesystem::exists(db)) return std::nullopt;
  try {
    Xapian::Database existing(db.string());
    if (existing.get_doccount() == 0) return std::nullopt;
    return "--shards builds a new index, but " + db.string() + " already holds " +
           std::to_string(existing.get_doccount()) + " documents: index without --shards to update it";
  } catch (const Xapian::Error& e) {
    return "cannot use " + db.string() + " as the target of --shards: " + e.get_description();
  }
}

}  // namespace

unsigned shard_of(std::string_view id_term, unsigned shards) {
  return shards <= 1 ? 0 : analysis::fnv1a(id_term) % shards;
}

std::expected<IndexReport, std::string> run_index_job(const std::filesystem::path& db_path,
                                                      const std::vector<std::string>& inputs,
                                                      const IndexOptions& options, const IndexCallbacks& callbacks) {
  auto files = resolve_inputs(inputs);
  if (!files) return std::unexpected(files.error());
  const unsigned shards = std::max(1u, options.shards);
  std::vector<std::filesystem::path> shard_paths;
  if (shards == 1) {
    shard_paths.push_back(db_path);
  } else {
    if (auto problem = check_shard_target(db_path)) return std::unexpected(*problem);
    std::error_code ec;
    std::filesystem::create_directories(shard_folder(db_path), ec);
    if (ec) return std::unexpected("cannot create " + shard_folder(db_path).string() + ": " + ec.message());
    for (unsigned k = 0; k < shards; ++k) shard_paths.push_back(shard_folder(db_path) / std::to_string(k));
  }
  std::vector<IndexWriter> writers;
  for (const auto& p : shard_paths) {
    auto w = IndexWriter::open(p);
    if (!w) return std::unexpected(w.error());
    writers.push_back(std::move(*w));
  }

  const auto start = Clock::now();
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  entities::EntityLinker linker(entities::Gazetteer::builtin(),
                                options.use_tagger ? &entities::NerModel::builtin() : nullptr);
  Progress progress(callbacks);
  WorkQueue to_analyze;
  InOrder to_write;
  // Batches between reading and the last writer: bounds memory, and makes
  // reading wait when analysis or writing falls behind.
  std::counting_semaphore<> in_flight(2 * threads + 2);

  std::vector<std::jthread> analyzers;
  for (unsigned t = 0; t < threads; ++t)
    analyzers.emplace_back([&] {
      DocumentBuilder builder(linker);
      while (auto b = to_analyze.pop()) {
        b->built.resize(b->records.size());
        for (std::size_t i = 0; i < b->records.size(); ++i) {
          auto& rec = b->records[i];
          if (!rec.article || progress.failed()) continue;
          try {
            b->built[i] = builder.build(std::move(*rec.article));
          } catch (const std::exception& e) {
            progress.reject({rec.origin, rec.line, std::string("analysis failed: ") + e.what()});
          }
        }
        to_write.put(std::move(b));
      }
    });

  std::vector<std::jthread> writer_threads;
  for (unsigned k = 0; k < shards; ++k)
    writer_threads.emplace_back([&, k] {
      IndexWriter& writer = writers[k];
      std::size_t pending = 0;  // upserted since the last commit
      auto commit = [&] {
        writer.commit();
        progress.committed += pending;
        pending = 0;
        progress.report(start);
      };
      for (std::size_t seq = 0;; ++seq) {
        auto b = to_write.get(seq);
        if (!b) break;
        for (auto& built : b->built) {
          if (!built || progress.failed()) continue;
          if (shard_of(built->id_term, shards) != k) continue;
          try {
            switch (writer.upsert(*built)) {
              case UpsertOutcome::Added: ++progress.added; break;
              case UpsertOutcome::Replaced: ++progress.replaced; break;
              case UpsertOutcome::Unchanged: ++progress.unchanged; break;
            }
            built.reset();
            if (++pending >= options.commit_every) commit();
          } catch (const Xapian::Error& e) {
            progress.fail("writing " + shard_paths[k].string() + ": " + e.get_description());
          }
        }
        if (b->writers_left.fetch_sub(1) == 1) {
          to_write.drop(seq);
          in_flight.release();
        }
      }
      try {
        if (!progress.failed()) commit();
      } catch (const Xapian::Error& e) {
        progress.fail("committing " + shard_paths[k].string() + ": " + e.get_description());
      }
    });

  // This thread reads, and reports rejected records in input order.
  InputReader reader(std::move(*files), options.limits);
  std::size_t seq = 0;
  const std::size_t batch_size = std::max<std::size_t>(1, options.batch_size);
  while (!progress.failed()) {
    in_flight.acquire();
    auto b = std::make_shared<Batch>();
    b->seq = seq;
    b->writers_left = shards;
    b->records.resize(batch_size);
    std::size_t n = 0;
    while (n < batch_size && reader.next(b->records[n])) {
      const auto& rec = b->records[n];
      progress.bytes += rec.bytes;
      if (!rec.article) progress.reject({rec.origin, rec.line, rec.article.error()});
      ++n;
    }
    if (n == 0) {
      in_flight.release();
      break;
    }
    b->records.resize(n);
    to_analyze.push(std::move(b));
    ++seq;
    progress.report(start);
  }
  to_analyze.close();
  analyzers.clear();  // joins
  to_write.end(seq);
  writer_threads.clear();

  IndexReport report = progress.snapshot(start);
  for (const auto& w : writers) report.documents_in_db += w.document_count();
  if (auto error = progress.error()) return std::unexpected(*error);

  if (shards > 1) {
    writers.clear();  // releases the shard locks
    const auto merge_start = Clock::now();
    if (auto problem = check_shard_target(db_path)) return std::unexpected(*problem);
    std::error_code ec;
    std::filesystem::remove_all(db_path, ec);  // empty, or absent
    auto merged = compact_databases(shard_paths, db_path);
    if (!merged) return std::unexpected("merging the shards (kept in " + shard_folder(db_path).string() +
                                        "; re-run to retry): " + merged.error());
    std::filesystem::remove_all(shard_folder(db_path), ec);
    report.documents_in_db = merged->documents;
    report.merge_seconds = std::chrono::duration<double>(Clock::now() - merge_start).count();
    report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }
  return report;
}

}  // namespace talash::indexer
