#include "analysis/frequent_words.h"

#include <string>
#include <unordered_set>

namespace talash::embedded {
extern const std::string_view frequent_words_tsv;
}

namespace talash::analysis {
namespace {

std::unordered_set<std::string_view> load() {
  std::unordered_set<std::string_view> words;
  std::string_view data = embedded::frequent_words_tsv;
  while (!data.empty()) {
    auto eol = data.find('\n');
    std::string_view line = data.substr(0, eol);
    data.remove_prefix(eol == std::string_view::npos ? data.size() : eol + 1);
    if (line.empty() || line[0] == '#') continue;
    words.insert(line.substr(0, line.find('\t')));
  }
  return words;
}

}  // namespace

bool is_frequent_word(std::string_view normalized) {
  static const std::unordered_set<std::string_view> words = load();
  return words.contains(normalized);
}

}  // namespace talash::analysis
