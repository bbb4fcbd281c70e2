#include "analysis/stopwords.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "analysis/normalize_hindi.h"

namespace talash::analysis {
namespace {

// Our own list. Deliberately absent although other lists have them:
// उन (Kim Jong Un), कई (several), घर (home), बाद (after) carry meaning or
// are part of names. Entries are normalized at start-up, so spelling
// variants (यहाँ/यहां, गये/गए, लिये/लिए) collapse.
constexpr std::string_view kHindi[] = {
    // postpositions and compound-postposition parts
    "का", "के", "की", "को", "में", "मे", "से", "पर", "ने", "तक", "लिए", "लिये", "साथ",
    "द्वारा", "वाला", "वाले", "वाली",
    // auxiliaries and light verbs
    "है", "हैं", "था", "थे", "थी", "थीं", "हो", "होगा", "होगी", "होंगे", "होता", "होती",
    "होते", "होना", "होने", "हुआ", "हुए", "हुई", "रहा", "रहे", "रही", "गया", "गए", "गये",
    "गई", "गयी", "सकता", "सकते", "सकती", "किया", "करने",
    // conjunctions
    "और", "या", "कि", "तो", "एवं", "तथा", "व", "लेकिन", "परंतु", "किंतु", "मगर", "अगर",
    "यदि", "जब", "तब", "क्योंकि", "इसलिए",
    // particles
    "ही", "भी", "नहीं", "न", "ना",
    // pronouns and their case forms
    "यह", "वह", "ये", "वे", "वो", "इस", "उस", "इन", "इसे", "उसे", "इसका", "इसकी", "इसके",
    "उसका", "उसकी", "उसके", "इनका", "इनकी", "इनके", "उनका", "उनकी", "उनके", "इन्हें",
    "उन्हें", "इन्होंने", "उन्होंने", "इसमें", "उसमें", "जो", "जिस", "जिसे", "जिसके", "जिन",
    "जिनके", "जिन्होंने", "कौन", "क्या", "कोई", "कुछ", "मैं", "हम", "आप", "अपना", "अपने",
    "अपनी", "हमारे", "यहाँ", "वहाँ", "यही", "वही", "ऐसे", "जैसे",
    // interrogatives: questions ask with them, answers do not contain them
    "किसने", "किसको", "किसे", "किसका", "किसकी", "किसके", "किस", "किन", "किन्हें", "किनके",
    "कब", "कहाँ", "कैसे", "कैसा", "कैसी", "कितना", "कितने", "कितनी", "क्यों", "कौनसा", "कौनसी",
};

constexpr std::string_view kEnglish[] = {
    "a",    "an",   "and",  "are",  "as",    "at",   "be",   "been", "but",  "by",
    "for",  "from", "has",  "have", "he",    "her",  "his",  "in",   "is",   "it",
    "its",  "of",   "on",   "or",   "she",   "that", "the",  "their", "they", "this",
    "to",   "was",  "were", "will", "with",
};

struct Hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

const std::unordered_set<std::string, Hash, std::equal_to<>>& stopword_set() {
  static const auto* const set = [] {
    auto* s = new std::unordered_set<std::string, Hash, std::equal_to<>>();
    for (std::string_view w : kHindi) s->insert(normalize_hindi(w));
    for (std::string_view w : kEnglish) s->insert(std::string(w));
    return s;
  }();
  return *set;
}

}  // namespace

bool is_stopword(std::string_view word) { return stopword_set().contains(word); }

}  // namespace talash::analysis
