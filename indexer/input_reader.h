#pragma once
// Walks the inputs of `talash index`: .jsonl files, folders (recursively
// *.jsonl and *.txt), or "-" for JSONL on stdin; yields one record at a time
// with the file and line it came from.
#include <cstddef>
#include <expected>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "indexer/record_parser.h"
#include "schema/article.h"

namespace talash::indexer {

struct InputFile {
  enum class Kind { Jsonl, Text, Stdin };
  Kind kind = Kind::Jsonl;
  std::filesystem::path path;  // for Text: the id is path relative to root, without extension
  std::filesystem::path root;
};

struct InputRecord {
  std::string origin;     // file path as given, or "<stdin>"
  std::size_t line = 0;   // 1-based line for JSONL; 1 for a .txt file
  std::size_t bytes = 0;  // raw size, for throughput
  std::expected<schema::Article, std::string> article;
};

// Expands the PATH arguments, sorted for a stable order. An error when a path
// does not exist or is neither a file nor a folder: nothing is indexed then.
std::expected<std::vector<InputFile>, std::string> resolve_inputs(const std::vector<std::string>& paths);

class InputReader {
 public:
  InputReader(std::vector<InputFile> files, RecordLimits limits);
  // False at the end of all inputs. A file that cannot be opened becomes one
  // rejected record, so the report names it.
  bool next(InputRecord& out);

 private:
  bool open_next_file(InputRecord& out);

  std::vector<InputFile> files_;
  RecordLimits limits_;
  std::size_t file_index_ = 0;
  std::unique_ptr<std::ifstream> stream_;
  std::istream* in_ = nullptr;
  std::string origin_;
  std::size_t line_ = 0;
  std::string buffer_;
};

}  // namespace talash::indexer
