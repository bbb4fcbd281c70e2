#pragma once
// What the HTTP API needs to change the index (POST /api/documents,
// DELETE /api/documents/<id>), as plain structs. searcher/ and indexer/ never
// include each other, so the implementation (indexer/live_writer.h) is
// adapted to this interface in cli/cmd_serve.cpp, the one place that links both.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace talash::searcher {

struct WriteError {
  enum class Code {
    Busy,    // another process holds the index's write lock (a `talash index` run): retry later
    Failed,  // the index could not be written (disk full, corrupt, wrong schema version)
  };
  Code code = Code::Failed;
  std::string message;
};

struct RecordResult {
  enum class Outcome { Added, Replaced, Unchanged, Rejected };
  std::size_t line = 0;  // 1-based line of the body
  std::string id;        // empty for a rejected record
  Outcome outcome = Outcome::Added;
  std::string reason;    // why a record was rejected, as `talash index` says it
};

struct WriteResult {
  std::vector<RecordResult> records;  // one per non-blank line, in body order
  std::size_t documents = 0;          // in the index after the commit
};

struct DeleteResult {
  bool deleted = false;  // false: no document has this id
  std::size_t documents = 0;
};

// Each call returns after its commit, so a search leased afterwards sees it.
// Implementations serialize calls (one writer inside the server).
class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  // JSONL, one article per line, validated as `talash index` does; bad lines
  // are rejected one by one and the rest is written in one commit.
  virtual std::expected<WriteResult, WriteError> add_jsonl(std::string_view body) = 0;
  virtual std::expected<DeleteResult, WriteError> remove(std::string_view id) = 0;
};

}  // namespace talash::searcher
