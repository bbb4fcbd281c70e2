#include "entities/boilerplate.h"

#include <algorithm>
#include <array>

namespace talash::entities {
namespace {

// First words of a "read also" line, normalized (nukta folded: पढ़ें -> पढें).
bool is_read_also(const std::vector<analysis::Token>& t) {
  constexpr std::array<std::string_view, 6> kThis = {"यह", "इसे", "ये", "इन्हें", "इन्हे", "यहां"};
  constexpr std::array<std::string_view, 6> kRead = {"पढें", "पढे", "पढिए", "पढिये", "पढ़ें", "पढ़े"};
  auto one_of = [](std::string_view w, const auto& set) { return std::ranges::find(set, w) != set.end(); };
  if (t.size() >= 3 && one_of(t[0].norm, kThis) && t[1].norm == "भी" && one_of(t[2].norm, kRead)) return true;
  if (t.size() >= 2 && t[0].norm == "also" && t[1].norm == "read") return true;
  if (t.size() >= 2 && t[0].norm == "read" && (t[1].norm == "also" || t[1].norm == "more")) return true;
  return false;
}

}  // namespace

std::vector<analysis::ByteSpan> find_read_also_lines(std::string_view text) {
  std::vector<analysis::ByteSpan> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    // Only the first few words decide; no need to split the whole line.
    auto head = analysis::split_words(line.substr(0, std::min<std::size_t>(line.size(), 80)));
    if (is_read_also(head)) out.push_back({start, end});
    start = end + 1;
  }
  return out;
}

bool inside_any(const std::vector<analysis::ByteSpan>& spans, std::size_t begin, std::size_t end) {
  auto it = std::ranges::upper_bound(spans, begin, {}, &analysis::ByteSpan::begin);
  if (it == spans.begin()) return false;
  --it;
  return begin >= it->begin && end <= it->end;
}

}  // namespace talash::entities
