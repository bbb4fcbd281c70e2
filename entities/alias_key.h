#pragma once
// Internal to entities/: how an alias becomes a matching key.
#include <string>
#include <string_view>

namespace talash::entities::detail {

// The words of `alias` (analysis::split_words), each normalize_hindi()ed,
// joined by one space: "Kim Jong-उन" -> "kim jong उन". Two aliases match the
// same text exactly when their keys are equal. Empty when `alias` has no words.
std::string alias_key(std::string_view alias);

}  // namespace talash::entities::detail
