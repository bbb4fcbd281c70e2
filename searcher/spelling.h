#pragma once
// "Did you mean": the word of the index closest to a query word that the
// index does not have, by edit distance over code points (Xapian's own
// spelling suggester counts bytes: one Devanagari letter is three).
#include <string>
#include <string_view>

#include <xapian.h>

namespace talash::searcher {

// Optimal string alignment distance (insertions, deletions, substitutions
// and adjacent transpositions) between the code points of a and b; stops
// early and returns max_distance + 1 once it must be larger.
std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t max_distance);

// The index word (an unprefixed term) nearest to `normalized`: at most 1
// edit for words of up to 4 letters, 2 beyond; the same first letter; most
// documents on a tie. Empty when none, or when the index has the word.
std::string closest_word(const Xapian::Database& db, std::string_view normalized);

}  // namespace talash::searcher
