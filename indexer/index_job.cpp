#include "indexer/index_job.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "entities/entity_linker.h"
#include "indexer/document_builder.h"
#include "indexer/index_writer.h"

namespace talash::indexer {

std::expected<IndexReport, std::string> run_index_job(const std::filesystem::path& db_path,
                                                      const std::vector<std::string>& inputs,
                                                      const IndexOptions& options, const IndexCallbacks& callbacks) {
  auto files = resolve_inputs(inputs);
  if (!files) return std::unexpected(files.error());
  auto writer = IndexWriter::open(db_path);
  if (!writer) return std::unexpected(writer.error());

  const auto start = std::chrono::steady_clock::now();
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  entities::EntityLinker linker(entities::Gazetteer::builtin(),
                                options.use_tagger ? &entities::NerModel::builtin() : nullptr);
  std::vector<DocumentBuilder> builders;
  for (unsigned i = 0; i < threads; ++i) builders.emplace_back(linker);

  InputReader reader(std::move(*files), options.limits);
  IndexReport report;
  std::size_t since_commit = 0;
  std::vector<InputRecord> batch(std::max<std::size_t>(1, options.batch_size));
  std::vector<std::optional<BuiltDocument>> built(batch.size());

  for (;;) {
    std::size_t n = 0;
    while (n < batch.size() && reader.next(batch[n])) ++n;
    if (n == 0) break;

    // Analysis is the expensive part and needs nothing shared but the
    // read-only tagger, so each thread takes every k-th record.
    auto work = [&](unsigned t) {
      for (std::size_t i = t; i < n; i += threads) {
        built[i].reset();
        if (batch[i].article) built[i] = builders[t].build(std::move(*batch[i].article));
      }
    };
    if (threads == 1 || n < 8) {
      for (std::size_t i = 0; i < n; ++i) {
        built[i].reset();
        if (batch[i].article) built[i] = builders[0].build(std::move(*batch[i].article));
      }
    } else {
      std::vector<std::jthread> pool;
      for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
    }

    for (std::size_t i = 0; i < n; ++i) {
      report.bytes += batch[i].bytes;
      if (!built[i]) {
        ++report.rejected;
        if (callbacks.on_rejection) callbacks.on_rejection({batch[i].origin, batch[i].line, batch[i].article.error()});
        continue;
      }
      switch (writer->upsert(*built[i])) {
        case UpsertOutcome::Added: ++report.added; break;
        case UpsertOutcome::Replaced: ++report.replaced; break;
        case UpsertOutcome::Unchanged: ++report.unchanged; break;
      }
      built[i].reset();
      if (++since_commit >= options.commit_every) {
        writer->commit();
        since_commit = 0;
      }
    }
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (callbacks.on_progress) callbacks.on_progress(report);
  }
  writer->commit();
  report.documents_in_db = writer->document_count();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace talash::indexer
