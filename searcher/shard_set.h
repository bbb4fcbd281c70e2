#pragma once
// The databases one search runs over: an index folder, or a Xapian stub file
// listing shards, local (`auto PATH`) or served by xapian-tcpsrv
// (`remote HOST:PORT`). See docs/shards.md.
//
// Xapian::Database(path) opens a stub itself, but then gives no way back to
// the shards, and a multi-database answers metadata from its first shard
// only (entity labels, schema version). So the stub is read here with
// Xapian's own rules (databasehelpers.h, read_stub_file, 1.4.22), each shard
// is opened on its own (remote ones with our timeouts; a stub cannot set
// them) and kept, and the whole is their union.
//
// Header-only so that it needs no line in searcher/CMakeLists.txt.
#include <expected>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/types.h>

#include <xapian.h>

namespace talash::searcher {

struct ShardOptions {
  // Longest wait for one answer of a remote shard before the search fails
  // with Xapian::NetworkTimeoutError (Xapian's default is 10 s).
  double remote_timeout_s = 10;
  double connect_timeout_s = 5;
};

struct Shard {
  std::string where;                 // "dbA (stub.txt:1)", "remote 10.0.0.2:7000 (stub.txt:2)": for messages
  std::filesystem::path local_path;  // empty for a remote shard
  bool remote = false;
  Xapian::Database db;
};

class ShardSet {
 public:
  // A folder holding one index, a stub file, or a folder holding a stub named
  // XAPIANDB (Xapian's "stub directory"). Fails naming the stub line whose
  // shard cannot be opened or reached.
  static std::expected<ShardSet, std::string> open(const std::filesystem::path& path, const ShardOptions& options) {
    ShardSet set;
    std::error_code ec;
    std::filesystem::path stub;
    if (std::filesystem::is_directory(path, ec)) {
      if (std::filesystem::exists(path / "XAPIANDB", ec)) stub = path / "XAPIANDB";
    } else if (std::filesystem::is_regular_file(path, ec) && looks_like_text(path)) {
      stub = path;
    }
    if (stub.empty()) {
      try {
        set.shards_.push_back({path.string(), path, false, Xapian::Database(path.string())});
      } catch (const Xapian::Error& e) {
        return std::unexpected(e.get_description());
      }
    } else {
      set.stub_ = true;
      if (auto read = set.read_stub(stub, options, 0); !read) return std::unexpected(read.error());
      if (set.shards_.empty()) return std::unexpected(stub.string() + " lists no shards ('auto PATH' or 'remote HOST:PORT' lines)");
    }
    for (auto& shard : set.shards_) set.all_.add_database(shard.db);
    return set;
  }

  Xapian::Database& all() { return all_; }
  const Xapian::Database& all() const { return all_; }
  const std::vector<Shard>& shards() const { return shards_; }
  bool is_stub() const { return stub_; }
  bool any_remote() const {
    for (const auto& s : shards_)
      if (s.remote) return true;
    return false;
  }

 private:
  // A stub is a short text file; a single-file glass database is binary.
  static bool looks_like_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    char buf[512];
    in.read(buf, sizeof buf);
    for (std::streamsize i = 0; i < in.gcount(); ++i)
      if (buf[i] == '\0') return false;
    return true;
  }

  std::expected<void, std::string> read_stub(const std::filesystem::path& file, const ShardOptions& options, int depth) {
    if (depth > 8) return std::unexpected(file.string() + ": stubs nested too deep");
    std::ifstream in(file);
    if (!in) return std::unexpected("cannot read stub file " + file.string());
    // Milliseconds, whatever the parameter type of Remote::open says.
    const auto timeout = static_cast<useconds_t>(options.remote_timeout_s * 1000);
    const auto connect_timeout = static_cast<useconds_t>(options.connect_timeout_s * 1000);
    std::string line;
    for (int line_no = 1; std::getline(in, line); ++line_no) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty() || line[0] == '#') continue;
      const std::string at = " (" + file.string() + ":" + std::to_string(line_no) + ")";
      const auto space = line.find(' ');
      const std::string type = line.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
      try {
        if ((type == "auto" || type == "glass" || type == "chert") && !rest.empty()) {
          // Relative paths are relative to the stub's folder, as in Xapian.
          std::filesystem::path target = rest;
          if (target.is_relative()) target = file.parent_path() / target;
          std::error_code ec;
          const bool nested_dir = std::filesystem::is_directory(target, ec) && std::filesystem::exists(target / "XAPIANDB", ec);
          const bool nested_file = std::filesystem::is_regular_file(target, ec) && looks_like_text(target);
          if (type == "auto" && (nested_dir || nested_file)) {
            if (auto r = read_stub(nested_dir ? target / "XAPIANDB" : target, options, depth + 1); !r) return r;
            continue;
          }
          const int flags = type == "glass" ? Xapian::DB_BACKEND_GLASS : type == "chert" ? Xapian::DB_BACKEND_CHERT : 0;
          shards_.push_back({target.string() + at, target, false, Xapian::Database(target.string(), flags)});
        } else if (type == "remote" && !rest.empty() && rest[0] == ':') {
          // remote :PROGRAM ARGS (Xapian's "prog" method, e.g. ssh to xapian-progsrv).
          const auto sp = rest.find(' ');
          const std::string program = rest.substr(1, sp == std::string::npos ? std::string::npos : sp - 1);
          const std::string args = sp == std::string::npos ? "" : rest.substr(sp + 1);
          shards_.push_back({"remote " + rest + at, {}, true, Xapian::Remote::open(program, args, timeout)});
        } else if (type == "remote" && rest.rfind(':') != std::string::npos && rest.rfind(':') + 1 < rest.size()) {
          // remote HOST:PORT ([v6-address]:PORT) served by xapian-tcpsrv.
          const auto colon = rest.rfind(':');
          std::string host = rest.substr(0, colon);
          if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
          const std::string port_text = rest.substr(colon + 1);
          unsigned long port = 0;
          std::istringstream(port_text) >> port;
          if (host.empty() || port == 0 || port > 65535 || port_text.find_first_not_of("0123456789") != std::string::npos)
            return std::unexpected("bad shard line" + at + ": expected 'remote HOST:PORT'");
          shards_.push_back({"remote " + rest + at, {}, true,
                             Xapian::Remote::open(host, static_cast<unsigned>(port), timeout, connect_timeout)});
        } else if (type == "inmemory" && rest.empty()) {
          shards_.push_back({"inmemory" + at, {}, false, Xapian::Database(std::string(), Xapian::DB_BACKEND_INMEMORY)});
        } else {
          // Like Xapian, the line itself is not repeated: a stub may be a file that was never meant to be one.
          return std::unexpected("bad shard line" + at + ": expected 'auto PATH' or 'remote HOST:PORT'");
        }
      } catch (const Xapian::Error& e) {
        return std::unexpected("cannot open shard " + (type == "remote" ? "remote " + rest : rest) + at + ": " +
                               e.get_description());
      }
    }
    return {};
  }

  Xapian::Database all_;
  std::vector<Shard> shards_;
  bool stub_ = false;
};

}  // namespace talash::searcher
