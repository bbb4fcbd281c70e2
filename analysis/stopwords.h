#pragma once
// Query-time stopwords only: the index keeps every word (उन in किम जोंग उन
// must stay findable). The list is our own, short on purpose: postpositions,
// auxiliaries, conjunctions and particles that carry no topic.
#include <string_view>

namespace talash::analysis {

// `word` is normalize_hindi()ed. Hindi function words and a few English ones.
bool is_stopword(std::string_view word);

}  // namespace talash::analysis
