#include "schema/stemmer.h"

#include "analysis/split_words.h"
#include "analysis/stem_hindi.h"

namespace talash::schema {

HindiEnglishStemmer::HindiEnglishStemmer() : english_("english") {}

std::string HindiEnglishStemmer::operator()(const std::string& word) {
  // Abbreviations and domains (u.s, उ.प्र, example.org) have no inflections.
  if (word.find('.') != std::string::npos) return word;
  switch (analysis::script_of(word)) {
    case analysis::Script::Devanagari: return analysis::stem_hindi(word);
    case analysis::Script::Latin: return english_(word);
    default: return word;
  }
}

std::string HindiEnglishStemmer::get_description() const { return "talash-hindi-english"; }

Xapian::Stem make_stemmer() { return Xapian::Stem(new HindiEnglishStemmer()); }

}  // namespace talash::schema
