#pragma once
// FUZZ_CHECK: a property every input must keep. On failure it prints what broke
// and aborts, so libFuzzer saves the input as a crash (crash-<sha1>) like any
// sanitizer report.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond, what)                                                              \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s (%s)\n", __FILE__, __LINE__, \
                   #cond, what);                                                            \
      std::abort();                                                                         \
    }                                                                                       \
  } while (0)

namespace talash::fuzz {

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace talash::fuzz
