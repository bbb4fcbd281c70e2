#include "searcher/spelling.h"

#include <algorithm>
#include <vector>

#include "analysis/utf8.h"

namespace talash::searcher {
namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  std::size_t i = 0;
  while (i < s.size()) {
    bool valid = true;
    out.push_back(analysis::utf8::decode(s, i, valid));
  }
  return out;
}

// The scan of candidate words is bounded: a first letter can start tens of
// thousands of words.
constexpr std::size_t kMaxCandidates = 30000;

}  // namespace

std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t max_distance) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max_distance) return max_distance + 1;
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], max_distance + 1);
}

std::string closest_word(const Xapian::Database& db, std::string_view normalized) {
  const std::u32string word = code_points(normalized);
  if (word.size() < 3 || db.term_exists(std::string(normalized))) return {};
  const std::size_t max_distance = word.size() <= 4 ? 1 : 2;
  // Terms that start with the same code point.
  std::size_t first_len = 1;
  while (first_len < normalized.size() && (static_cast<unsigned char>(normalized[first_len]) & 0xC0) == 0x80) ++first_len;
  const std::string prefix(normalized.substr(0, first_len));
  std::string best;
  std::size_t best_distance = max_distance + 1;
  Xapian::doccount best_df = 0;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxCandidates; ++it, ++scanned) {
    const std::string term = *it;
    const std::size_t d = edit_distance(word, code_points(term), std::min(max_distance, best_distance));
    if (d == 0 || d > max_distance) continue;
    const Xapian::doccount df = it.get_termfreq();
    if (d < best_distance || (d == best_distance && df > best_df)) {
      best = term;
      best_distance = d;
      best_df = df;
    }
  }
  return best;
}

}  // namespace talash::searcher
