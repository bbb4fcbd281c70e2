// normalize_hindi and is_valid_utf8 on arbitrary bytes: no crash, the output is
// valid UTF-8, normalizing twice changes nothing (the documented idempotence), and
// is_valid_utf8 agrees with ICU's strict UTF-8 decoder.
#include <unicode/ustring.h>

#include <vector>

#include "analysis/normalize_hindi.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool icu_says_valid(std::string_view s) {
  if (s.empty()) return true;
  std::vector<UChar> buf(s.size() + 1);
  int32_t len = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8(buf.data(), static_cast<int32_t>(buf.size()), &len, s.data(), static_cast<int32_t>(s.size()), &status);
  return U_SUCCESS(status);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace talash;
  const std::string_view in = fuzz::as_text(data, size);
  const bool valid = analysis::is_valid_utf8(in);
  FUZZ_CHECK(valid == icu_says_valid(in), "is_valid_utf8 disagrees with ICU");
  const std::string out = analysis::normalize_hindi(in);
  FUZZ_CHECK(analysis::is_valid_utf8(out), "normalize_hindi returned invalid UTF-8");
  FUZZ_CHECK(analysis::normalize_hindi(out) == out, "normalize_hindi is not idempotent");
  return 0;
}
