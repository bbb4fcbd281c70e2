#pragma once
// Agency copies of one story (the same lead, lightly edited, under other
// headlines) share a key, so the searcher can collapse them into one hit.
// The key combines four MinHashes of the lead (each the smallest of one hash
// function over the three-word shingles of its first 40 content words). Two
// leads whose shingle sets overlap with Jaccard similarity J share it with
// probability J^4: 0.66 at J = 0.9, 0.0001 at J = 0.1.
#include <string>
#include <vector>

#include "analysis/token.h"

namespace talash::indexer {

// 16 hex digits, or "" when the body has too few content words to tell
// stories apart (tweets, one-line briefs).
std::string story_key(const std::vector<analysis::Token>& body_tokens);

}  // namespace talash::indexer
