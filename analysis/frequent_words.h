#pragma once
// The words news uses most (analysis/data/frequent_words.tsv: the 2,000 in
// the most documents of a 32k-document Hindi news corpus). A word this common
// is not a name, so it gets no phonetic key: variant matching stays about
// names and does not turn "war" into every वार.
#include <string_view>

namespace talash::analysis {

// `normalized` as normalize_hindi / split_words produce it.
bool is_frequent_word(std::string_view normalized);

}  // namespace talash::analysis
