#pragma once
// Runs the real `talash` binary (TALASH_BIN, set by the test's CMakeLists) in
// a temp folder and captures its exit status, stdout and stderr.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/temp_dir.h"

namespace talash::test {

struct Output {
  int status = -1;
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Single-quoted for the shell.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline Output talash(const TempDir& dir, const std::vector<std::string>& args, const std::string& stdin_text = "") {
  std::string cmd = shell_quote(TALASH_BIN);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  const auto in = dir.write("stdin.txt", stdin_text);
  cmd += " < " + shell_quote(in.string()) + " > " + shell_quote((dir / "out.txt").string()) + " 2> " +
         shell_quote((dir / "err.txt").string());
  const int raw = std::system(cmd.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read_file(dir / "out.txt"), read_file(dir / "err.txt")};
}

}  // namespace talash::test
