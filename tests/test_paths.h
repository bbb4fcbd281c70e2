#pragma once
// Where tests find shared data and the source tree; SKIP when ../shared is absent.
#include <filesystem>
#include <string>

namespace talash::test {

inline std::filesystem::path shared_dir() { return TALASH_SHARED_DIR; }
inline std::filesystem::path source_dir() { return TALASH_SOURCE_DIR; }
inline std::filesystem::path binary_dir() { return TALASH_BINARY_DIR; }

inline bool has_shared(const std::filesystem::path& rel) {
  return std::filesystem::exists(shared_dir() / rel);
}

}  // namespace talash::test

// Use at the top of a test that reads ../shared.
#define TALASH_REQUIRE_SHARED(rel)                                              \
  do {                                                                          \
    if (!::talash::test::has_shared(rel))                                       \
      GTEST_SKIP() << "needs " << (::talash::test::shared_dir() / (rel)).string() \
                   << " (../shared is missing here; CI always has it)";         \
  } while (0)
