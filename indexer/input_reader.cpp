#include "indexer/input_reader.h"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <sstream>

namespace talash::indexer {
namespace fs = std::filesystem;

std::expected<std::vector<InputFile>, std::string> resolve_inputs(const std::vector<std::string>& paths) {
  std::vector<InputFile> files;
  for (const auto& p : paths) {
    if (p == "-") {
      files.push_back({InputFile::Kind::Stdin, "-", {}});
      continue;
    }
    std::error_code ec;
    fs::path path(p);
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return std::unexpected("cannot read '" + p + "': no such file or folder");
    if (fs::is_regular_file(status)) {
      auto kind = path.extension() == ".txt" ? InputFile::Kind::Text : InputFile::Kind::Jsonl;
      files.push_back({kind, path, path.parent_path()});
    } else if (fs::is_directory(status)) {
      std::vector<InputFile> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file()) continue;
        auto ext = it->path().extension();
        if (ext == ".jsonl") found.push_back({InputFile::Kind::Jsonl, it->path(), path});
        else if (ext == ".txt") found.push_back({InputFile::Kind::Text, it->path(), path});
      }
      if (ec) return std::unexpected("cannot read folder '" + p + "': " + ec.message());
      std::ranges::sort(found, {}, &InputFile::path);
      files.insert(files.end(), found.begin(), found.end());
    } else {
      return std::unexpected("cannot read '" + p + "': not a file or folder");
    }
  }
  return files;
}

InputReader::InputReader(std::vector<InputFile> files, RecordLimits limits)
    : files_(std::move(files)), limits_(limits) {}

bool InputReader::open_next_file(InputRecord& out) {
  // Returns true when `out` was filled (a .txt article or an open error).
  const InputFile& f = files_[file_index_++];
  line_ = 0;
  if (f.kind == InputFile::Kind::Stdin) {
    stream_.reset();
    in_ = &std::cin;
    origin_ = "<stdin>";
    return false;
  }
  origin_ = f.path.string();
  auto stream = std::make_unique<std::ifstream>(f.path, std::ios::binary);
  if (!*stream) {
    out = {origin_, 0, 0, std::unexpected(std::string("cannot open file"))};
    return true;
  }
  if (f.kind == InputFile::Kind::Text) {
    std::string content((std::istreambuf_iterator<char>(*stream)), std::istreambuf_iterator<char>());
    fs::path rel = f.path.lexically_relative(f.root);
    if (rel.empty() || rel.native().starts_with("..")) rel = f.path.filename();
    rel.replace_extension();
    out = {origin_, 1, content.size(), parse_text_article(rel.generic_string(), content, limits_)};
    return true;
  }
  stream_ = std::move(stream);
  in_ = stream_.get();
  return false;
}

bool InputReader::next(InputRecord& out) {
  for (;;) {
    if (in_ == nullptr) {
      if (file_index_ >= files_.size()) return false;
      if (open_next_file(out)) return true;
      continue;
    }
    if (!std::getline(*in_, buffer_)) {
      in_ = nullptr;
      stream_.reset();
      continue;
    }
    ++line_;
    if (!buffer_.empty() && buffer_.back() == '\r') buffer_.pop_back();
    if (buffer_.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines are not records
    out = {origin_, line_, buffer_.size() + 1, parse_jsonl_record(buffer_, limits_)};
    return true;
  }
}

}  // namespace talash::indexer
