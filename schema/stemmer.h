#pragma once
// Our stemmer plugged into Xapian (Xapian 1.4 has no Hindi stemmer):
// Devanagari words go through analysis::stem_hindi, Latin words through
// Xapian's English (Porter2) stemmer, numbers and others stay as they are.
#include <string>

#include <xapian.h>

namespace talash::schema {

class HindiEnglishStemmer : public Xapian::StemImplementation {
 public:
  HindiEnglishStemmer();
  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  Xapian::Stem english_;
};

// A Xapian::Stem that uses HindiEnglishStemmer (cheap to copy, not thread-safe
// to share: make one per thread).
Xapian::Stem make_stemmer();

}  // namespace talash::schema
