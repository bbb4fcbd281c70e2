#include "searcher/static_files.h"

#include <array>
#include <utility>

namespace talash::searcher {
namespace fs = std::filesystem;

namespace {
std::string content_type_for(const fs::path& p) {
  static const std::array<std::pair<std::string_view, std::string_view>, 10> types{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".woff2", "font/woff2"},
      {".webmanifest", "application/manifest+json"},
  }};
  auto ext = p.extension().string();
  for (auto [e, t] : types)
    if (ext == e) return std::string(t);
  return "application/octet-stream";
}
}  // namespace

std::optional<StaticFile> resolve_static(const fs::path& web_dir, const std::string& request_path) {
  if (web_dir.empty() || request_path.empty() || request_path[0] != '/') return std::nullopt;
  if (request_path.find('\0') != std::string::npos || request_path.find('\\') != std::string::npos) return std::nullopt;
  std::string rel = request_path.substr(1);
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  fs::path relative(rel);
  for (const auto& part : relative)
    if (part == ".." || part == "." || part.string().starts_with('.')) return std::nullopt;  // also hides dotfiles
  std::error_code ec;
  fs::path root = fs::canonical(web_dir, ec);
  if (ec) return std::nullopt;
  fs::path full = fs::canonical(root / relative, ec);
  if (ec) return std::nullopt;
  auto [r, f] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
  if (r != root.end()) return std::nullopt;  // a symlink pointing outside
  if (!fs::is_regular_file(full, ec)) return std::nullopt;
  return StaticFile{full, content_type_for(full)};
}

}  // namespace talash::searcher
