#pragma once
// Lines that are not part of the story: "read also" links to other articles
// (यह भी पढ़ें: ..., इसे भी पढें:- ..., Also Read ...). Their words name other
// stories' people and places, so they give no entities and are not indexed.
#include <string_view>
#include <vector>

#include "analysis/split_words.h"

namespace talash::entities {

// Byte spans of whole lines (without the line break) in `text`.
std::vector<analysis::ByteSpan> find_read_also_lines(std::string_view text);

// Whether [begin, end) lies inside one of `spans` (sorted, disjoint).
bool inside_any(const std::vector<analysis::ByteSpan>& spans, std::size_t begin, std::size_t end);

}  // namespace talash::entities
