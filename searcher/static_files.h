#pragma once
// Resolves a request path to a file under the web folder, never outside it.
#include <filesystem>
#include <optional>
#include <string>

namespace talash::searcher {

struct StaticFile {
  std::filesystem::path path;
  std::string content_type;
};

// nullopt for anything that is not a regular file inside web_dir: "..",
// absolute paths, NUL bytes, symlinks leading out, folders.
std::optional<StaticFile> resolve_static(const std::filesystem::path& web_dir, const std::string& request_path);

}  // namespace talash::searcher
