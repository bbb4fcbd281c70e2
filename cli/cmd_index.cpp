// talash index / talash delete
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "indexer/index_compactor.h"
#include "indexer/index_job.h"
#include "indexer/index_writer.h"

namespace talash::cli {
namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux: kilobytes
}

}  // namespace

Command add_index_command(CLI::App& app) {
  struct Args {
    std::string db;
    unsigned threads = 0;
    std::size_t commit_every = 10000;
    bool gazetteer_only = false;
    unsigned shards = 1;
    bool compact = false;
    std::vector<std::string> paths;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("index", "Index articles (upsert by id).");
  cmd->footer(
      "PATH is a .jsonl file, a folder (recursively *.jsonl and *.txt) or - for JSONL on stdin.\n"
      "JSONL record: id (required; string or integer), title, body (or text), date (ISO 8601 date or date-time),\n"
      "source, url, category; other fields are ignored. A .txt file is one article: id = path relative to the\n"
      "folder without extension, title = first non-empty line, body = the rest.\n"
      "Re-indexing the same input changes nothing; an edited record replaces the old one.\n"
      "Bad records are reported on stderr as FILE:LINE: reason and skipped; the rest is indexed.\n"
      "Exit status: 0 all records went in, 3 some were rejected, 1 nothing could be done\n"
      "(unreadable input, locked or corrupt database).");
  cmd->add_option("--db", args->db, "Index folder (created when missing)")->required();
  cmd->add_option("--threads", args->threads, "Analysis threads (default: one per core)");
  cmd->add_option("--commit-every", args->commit_every, "Documents between commits (per shard)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--shards", args->shards,
                  "Build a new index as K shards in parallel (in DB.shards/), merged into DB at the end; "
                  "an interrupted run resumes where its shards stopped")
      ->check(CLI::Range(1, 64));
  cmd->add_flag("--compact", args->compact,
                "Compact the index when done (as talash compact; --shards builds are compact already)");
  cmd->add_flag("--gazetteer-only", args->gazetteer_only,
                "Entities from the gazetteer only, without the trained tagger (faster; no unlisted names)");
  cmd->add_option("PATH", args->paths, "Inputs")->required();
  return [args]() -> int {
    const bool tty = isatty(STDERR_FILENO);
    indexer::IndexOptions options;
    options.threads = args->threads;
    options.commit_every = args->commit_every;
    options.use_tagger = !args->gazetteer_only;
    options.shards = args->shards;
    indexer::IndexCallbacks callbacks;
    callbacks.on_rejection = [tty](const indexer::Rejection& r) {
      if (tty) std::cerr << "\r\033[K";
      std::cerr << r.origin << ':' << r.line << ": " << r.reason << '\n';
    };
    if (tty) {
      callbacks.on_progress = [](const indexer::IndexReport& r) {
        std::fprintf(stderr,
                     "\r\033[Kindexed %zu (added %zu, replaced %zu, unchanged %zu, rejected %zu; committed %zu) %.0f docs/s",
                     r.processed(), r.added, r.replaced, r.unchanged, r.rejected, r.committed,
                     r.seconds > 0 ? r.processed() / r.seconds : 0.0);
      };
    } else {
      // Logs get a line per commit: what a re-run after a crash will find.
      callbacks.on_progress = [last = std::size_t(0)](const indexer::IndexReport& r) mutable {
        if (r.committed == last) return;
        last = r.committed;
        std::fprintf(stderr, "committed=%zu processed=%zu seconds=%.1f\n", r.committed, r.processed(), r.seconds);
      };
    }
    auto report = indexer::run_index_job(args->db, args->paths, options, callbacks);
    if (tty) std::cerr << "\r\033[K";
    if (!report) {
      std::cerr << "talash index: " << report.error() << '\n';
      return kExitFailure;
    }
    const auto& r = *report;
    if (args->compact && args->shards <= 1) {
      auto compacted = indexer::compact_in_place(args->db);
      if (!compacted) {
        std::cerr << "talash index: the documents are in, but compacting failed: " << compacted.error() << '\n';
        return kExitFailure;
      }
      std::fprintf(stderr, "compacted: mb_before=%.1f mb_after=%.1f seconds=%.2f\n", compacted->bytes_before / 1e6,
                   compacted->bytes_after / 1e6, compacted->seconds);
    }
    if (r.unchanged) std::fprintf(stderr, "skipped %zu records already in the index, unchanged\n", r.unchanged);
    std::fprintf(stderr,
                 "added=%zu replaced=%zu unchanged=%zu rejected=%zu documents=%zu seconds=%.2f docs_per_s=%.0f "
                 "mb_per_s=%.2f merge_s=%.2f peak_rss_mb=%.0f\n",
                 r.added, r.replaced, r.unchanged, r.rejected, r.documents_in_db, r.seconds,
                 r.seconds > 0 ? r.processed() / r.seconds : 0.0, r.seconds > 0 ? r.bytes / 1e6 / r.seconds : 0.0,
                 r.merge_seconds, peak_rss_mb());
    return r.rejected ? kExitPartial : kExitOk;
  };
}

Command add_delete_command(CLI::App& app) {
  struct Args {
    std::string db;
    std::vector<std::string> ids;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("delete", "Delete articles by id.");
  cmd->footer("Exit status: 0 all deleted, 3 some ids were not in the index, 1 the index could not be opened.");
  cmd->add_option("--db", args->db, "Index folder")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("ID", args->ids, "Article ids")->required();
  return [args]() -> int {
    auto writer = indexer::IndexWriter::open(args->db);
    if (!writer) {
      std::cerr << "talash delete: " << writer.error() << '\n';
      return kExitFailure;
    }
    std::size_t deleted = 0, missing = 0;
    for (const auto& id : args->ids) {
      if (writer->remove(id)) {
        ++deleted;
      } else {
        ++missing;
        std::cerr << "talash delete: no document with id '" << id << "'\n";
      }
    }
    writer->commit();
    std::cerr << "deleted=" << deleted << " not_found=" << missing << " documents=" << writer->document_count() << '\n';
    return missing ? kExitPartial : kExitOk;
  };
}

}  // namespace talash::cli
