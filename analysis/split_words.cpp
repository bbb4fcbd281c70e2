#include "analysis/split_words.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/rbbi.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <vector>

#include "analysis/normalize_hindi.h"
#include "analysis/utf8.h"

namespace talash::analysis {
namespace {

// ---------------------------------------------------------------------------
// Character classes

enum class Cls : std::uint8_t { Letter, Mark, Digit, Format, Space, Other };
enum class Scr : std::uint8_t { None, Latin, Devanagari, Other };

struct Cp {
  char32_t c;
  std::size_t begin;  // byte offsets into the text
  std::size_t end;
  Cls cls;
  Scr scr;  // for letters
};

Cls classify(char32_t c, Scr& scr) {
  scr = Scr::None;
  if (c < 0x80) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      scr = Scr::Latin;
      return Cls::Letter;
    }
    if (c >= '0' && c <= '9') return Cls::Digit;
    if (c == ' ' || (c >= 0x09 && c <= 0x0D)) return Cls::Space;
    return Cls::Other;
  }
  if (utf8::is_devanagari(c)) {
    if (utf8::is_devanagari_letter(c)) {
      scr = Scr::Devanagari;
      return Cls::Letter;
    }
    if (utf8::is_devanagari_mark(c)) return Cls::Mark;
    if (c >= 0x0966 && c <= 0x096F) return Cls::Digit;
    return Cls::Other;  // danda, double danda, abbreviation sign
  }
  const auto uc = static_cast<UChar32>(c);
  switch (u_charType(uc)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER: {
      UErrorCode status = U_ZERO_ERROR;
      const UScriptCode s = uscript_getScript(uc, &status);
      scr = s == USCRIPT_LATIN ? Scr::Latin : s == USCRIPT_DEVANAGARI ? Scr::Devanagari : Scr::Other;
      return Cls::Letter;
    }
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return Cls::Mark;
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
      return Cls::Digit;
    case U_FORMAT_CHAR:
      return Cls::Format;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
      return Cls::Space;
    default:
      return u_isUWhiteSpace(uc) ? Cls::Space : Cls::Other;
  }
}

bool is_space_cp(char32_t c) {
  Scr scr;
  return classify(c, scr) == Cls::Space || c == 0x85;
}

// Characters after which a new sentence starts (see docs/normalization.md).
// '.' is handled separately (abbreviations, decimals).
bool is_hard_terminator(char32_t c) {
  switch (c) {
    case 0x0964:  // ।
    case 0x0965:  // ॥
    case '?':
    case '!':
    case '\n':
    case '\r':
    case '\v':
    case '\f':
    case 0x0085:  // NEL
    case 0x2028:  // line separator
    case 0x2029:  // paragraph separator
    case 0xFF01:  // fullwidth !
    case 0xFF1F:  // fullwidth ?
    case 0x3002:  // ideographic full stop
      return true;
    default:
      return false;
  }
}

// Closing punctuation that stays with the sentence it closes: ") ” ’ \" '".
bool is_closing(char32_t c) {
  if (c == '"' || c == '\'') return true;
  if (c < 0x80) return c == ')' || c == ']' || c == '}';
  const auto t = u_charType(static_cast<UChar32>(c));
  return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION;
}

// Decode all code points of `text[begin,end)` (valid or not) into `out`.
void decode_range(std::string_view text, std::size_t begin, std::size_t end, std::vector<Cp>& out) {
  out.clear();
  const std::string_view part = text.substr(0, end);
  std::size_t i = begin;
  while (i < end) {
    const std::size_t b = i;
    bool valid;
    const char32_t c = utf8::decode(part, i, valid);
    Scr scr;
    const Cls cls = classify(c, scr);
    out.push_back({c, b, i, cls, scr});
  }
}

// ---------------------------------------------------------------------------
// Abbreviations

// Words that can be one akshara long and still end a sentence; a '.' after
// them is a full stop even when glued to the next word (हुआ है.इसके).
bool is_sentence_final_word(std::string_view norm) {
  static constexpr std::string_view kWords[] = {"है", "हैं", "था", "थे", "थी", "थीं",
                                                "हो", "गा", "गे", "गी"};
  for (std::string_view w : kWords)
    if (norm == w) return true;
  return false;
}

// Titles written with a full stop that does not end the sentence.
bool is_title(std::string_view norm) {
  static constexpr std::string_view kTitles[] = {"डॉ", "डा", "प्रो", "dr", "mr", "mrs", "ms",
                                                 "prof", "st", "jr", "sr", "vs", "no"};
  for (std::string_view w : kTitles)
    if (norm == w) return true;
  return false;
}

// One "abbreviation unit": a single Latin letter, or a single Devanagari
// akshara (an independent vowel or a consonant cluster joined by virama,
// with its vowel signs), possibly with marks and format characters.
bool is_single_unit(std::string_view text) {
  std::size_t i = 0;
  int units = 0;
  bool after_virama = false;
  while (i < text.size()) {
    bool valid;
    const char32_t c = utf8::decode(text, i, valid);
    Scr scr;
    const Cls cls = classify(c, scr);
    if (cls == Cls::Letter) {
      if (!(scr == Scr::Devanagari && after_virama)) ++units;
      after_virama = false;
    } else if (cls == Cls::Mark || cls == Cls::Format) {
      if (c == 0x094D) after_virama = true;
      else if (cls == Cls::Mark && c != 0x093C) after_virama = false;
    } else {
      return false;
    }
  }
  return units == 1;
}

// "U.S", "उ.प्र", "बी.जे.पी": units separated by single dots, each unit one
// letter or akshara.
bool is_dotted_chain(std::string_view slice) {
  std::size_t dots = 0;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = slice.find('.', start);
    const std::string_view unit = slice.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!is_single_unit(unit)) return false;
    if (dot == std::string_view::npos) break;
    ++dots;
    start = dot + 1;
  }
  return dots > 0;
}

// A '.' right after this token does not end the sentence: initials (A.),
// titles (डॉ.), dotted abbreviations (U.S., उ.प्र.).
bool is_abbreviation(std::string_view slice, std::string_view norm) {
  if (is_title(norm)) return true;
  if (slice.find('.') != std::string_view::npos) return is_dotted_chain(slice);
  // A single Latin letter (an initial). A single Devanagari akshara is not
  // enough: दी. की. है. end sentences far more often than initials do.
  std::size_t i = 0;
  bool valid;
  const char32_t c = utf8::decode(norm, i, valid);
  return i == norm.size() && c >= 'a' && c <= 'z';
}

// ---------------------------------------------------------------------------
// The splitter

icu::BreakIterator& word_iterator() {
  // One iterator per thread (a BreakIterator is not thread-safe); building
  // one costs far more than splitting a short text.
  thread_local const std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !bi) std::abort();  // ICU data missing
    return bi;
  }();
  return *it;
}

class Splitter {
 public:
  Splitter(std::string_view text, std::vector<Token>* tokens, std::vector<ByteSpan>* sentences)
      : text_(text), tokens_(tokens), sentences_(sentences) {}

  void run() {
    icu::BreakIterator& bi = word_iterator();
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text_.data(), static_cast<int64_t>(text_.size()), &status);
    if (U_FAILURE(status)) return;
    bi.setText(&ut, status);
    if (U_SUCCESS(status)) {
      std::int32_t start = bi.first();
      for (std::int32_t end = bi.next(); end != icu::BreakIterator::DONE; start = end, end = bi.next()) {
        // Spaces and punctuation; but ICU also calls a few letter runs "none"
        // (l_ followed by a matra), and no letter may fall between tokens.
        if (bi.getRuleStatus() < UBRK_WORD_NONE_LIMIT && !has_letter(start, end)) continue;
        segment(static_cast<std::size_t>(start), static_cast<std::size_t>(end));
      }
    }
    utext_close(&ut);
    finish();
  }

 private:
  // One ICU word: usually emitted whole; split where Latin and Devanagari
  // letters meet and at '.', ':', apostrophes ... glued to Devanagari letters
  // (ICU joins है.इसके as one word), except inside dotted abbreviations.
  void segment(std::size_t begin, std::size_t end) {
    const std::string_view seg = text_.substr(begin, end - begin);
    if (is_simple(seg)) {
      emit(begin, end);
      return;
    }
    decode_range(text_, begin, end, cps_);
    std::size_t piece_begin = begin;
    Scr last_letter = Scr::None;
    for (std::size_t k = 0; k < cps_.size(); ++k) {
      const Cp& cp = cps_[k];
      if (cp.cls == Cls::Letter) {
        if ((cp.scr == Scr::Latin && last_letter == Scr::Devanagari) ||
            (cp.scr == Scr::Devanagari && last_letter == Scr::Latin)) {
          emit(piece_begin, cp.begin);  // ATACMS|मिसाइल
          piece_begin = cp.begin;
        }
        last_letter = cp.scr;
        continue;
      }
      if (cp.cls != Cls::Other) continue;  // marks, digits, ZWJ/ZWNJ stay inside
      // Punctuation inside an ICU word (. ' ’ ·): split when it touches a
      // Devanagari letter, unless it is a dot of a dotted abbreviation.
      const Cp* prev = nullptr;
      for (std::size_t j = k; j-- > 0;) {
        if (cps_[j].cls != Cls::Mark && cps_[j].cls != Cls::Format) {
          prev = &cps_[j];
          break;
        }
      }
      const Cp* next = k + 1 < cps_.size() ? &cps_[k + 1] : nullptr;
      const bool touches_devanagari =
          (prev && prev->cls == Cls::Letter && prev->scr == Scr::Devanagari) ||
          (next && next->cls == Cls::Letter && next->scr == Scr::Devanagari);
      if (!touches_devanagari) continue;
      if (cp.c == '.' && keeps_dot(k)) continue;
      emit(piece_begin, cp.begin);
      piece_begin = cp.end;
      last_letter = Scr::None;
    }
    emit(piece_begin, end);
  }

  bool has_letter(std::int32_t begin, std::int32_t end) const {
    for (auto i = static_cast<std::size_t>(begin); i < static_cast<std::size_t>(end);) {
      const auto b = static_cast<unsigned char>(text_[i]);
      if (b < 0x80) {  // the common case: spaces and ASCII punctuation
        if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') return true;
        ++i;
        continue;
      }
      bool valid;
      Scr scr;
      if (classify(utf8::decode(text_.substr(0, static_cast<std::size_t>(end)), i, valid), scr) == Cls::Letter) return true;
    }
    return false;
  }

  // The '.' at cps_[k] joins two single-akshara units of an abbreviation
  // (उ.प्र, बी.जे.पी) and the unit before it is no sentence-final word.
  bool keeps_dot(std::size_t k) const {
    std::size_t b = k;
    while (b > 0 && cps_[b - 1].c != '.') --b;
    std::size_t e = k + 1;
    while (e < cps_.size() && cps_[e].c != '.') ++e;
    if (b == k || e == k + 1) return false;
    const std::string_view before = text_.substr(cps_[b].begin, cps_[k].begin - cps_[b].begin);
    const std::string_view after = text_.substr(cps_[k].end, cps_[e - 1].end - cps_[k].end);
    return is_single_unit(before) && is_single_unit(after) &&
           !is_sentence_final_word(normalize_hindi(before));
  }

  // Pure ASCII words are left as ICU made them (U.S, don't, www.example.com);
  // pure Devanagari words contain no punctuation and no script change.
  static bool is_simple(std::string_view seg) {
    if (utf8::first_non_ascii(seg) == seg.size()) return true;
    if (seg.size() % 3 != 0) return false;
    for (std::size_t i = 0; i < seg.size(); i += 3) {
      const auto b0 = static_cast<unsigned char>(seg[i]);
      const auto b1 = static_cast<unsigned char>(seg[i + 1]);
      if (b0 != 0xE0 || (b1 != 0xA4 && b1 != 0xA5)) return false;
    }
    return true;
  }

  void emit(std::size_t begin, std::size_t end) {
    if (begin >= end) return;
    std::string norm = normalize_hindi(text_.substr(begin, end - begin));
    if (norm.empty()) return;
    if (tokens_->empty()) {
      sentence_begin_ = skip_space(sentence_cut(0, begin).value_or(0), begin);
    } else if (const auto cut = sentence_cut(prev_end_, begin)) {
      close_sentence(*cut);
      ++sentence_;
      sentence_begin_ = skip_space(*cut, begin);
    }
    Token t;
    t.script = script_of(norm);
    t.norm = std::move(norm);
    t.begin = begin;
    t.end = end;
    t.position = static_cast<std::uint32_t>(tokens_->size());
    t.sentence = sentence_;
    tokens_->push_back(std::move(t));
    prev_end_ = end;
  }

  void finish() {
    if (tokens_->empty()) return;
    close_sentence(sentence_cut(prev_end_, text_.size()).value_or(text_.size()));
  }

  void close_sentence(std::size_t cut) {
    if (!sentences_) return;
    std::size_t end = cut;
    while (end > sentence_begin_) {
      std::size_t s = end - 1;
      while (s > sentence_begin_ && (static_cast<unsigned char>(text_[s]) & 0xC0) == 0x80) --s;
      std::size_t i = s;
      bool valid;
      const char32_t c = utf8::decode(text_, i, valid);
      if (i != end || !is_space_cp(c)) break;
      end = s;
    }
    sentences_->push_back({sentence_begin_, end});
  }

  std::size_t skip_space(std::size_t from, std::size_t limit) const {
    std::size_t i = from;
    while (i < limit) {
      std::size_t j = i;
      bool valid;
      const char32_t c = utf8::decode(text_, j, valid);
      if (!is_space_cp(c)) break;
      i = j;
    }
    return i;
  }

  // If the gap [from, to) between two words ends a sentence, the byte offset
  // where the sentence ends: after its last terminator and any closing
  // quotes or brackets glued to it.
  std::optional<std::size_t> sentence_cut(std::size_t from, std::size_t to) const {
    std::optional<std::size_t> cut;
    std::size_t i = from;
    char32_t before = 0;  // previous code point in the text
    if (from > 0) {
      std::size_t s = from - 1;
      while (s > 0 && (static_cast<unsigned char>(text_[s]) & 0xC0) == 0x80) --s;
      std::size_t j = s;
      bool valid;
      before = utf8::decode(text_, j, valid);
    }
    while (i < to) {
      const std::size_t at = i;
      bool valid;
      const char32_t c = utf8::decode(text_.substr(0, to), i, valid);
      bool stop = is_hard_terminator(c);
      if (c == '.') stop = !dot_continues(at, before, i, to);
      if (stop) {
        std::size_t j = i;
        while (j < to) {  // closing quotes/brackets glued to the terminator
          std::size_t k = j;
          const char32_t q = utf8::decode(text_.substr(0, to), k, valid);
          if (!is_closing(q)) break;
          // A straight quote glued to the next word opens it: है।"उसने
          if ((q == '"' || q == '\'') && k == to && to < text_.size()) break;
          j = k;
        }
        cut = j;
      }
      before = c;
    }
    return cut;
  }

  // A '.' at byte `at` (gap [., to)) that does not end the sentence: between
  // two digits, or right after an abbreviation token.
  bool dot_continues(std::size_t at, char32_t before, std::size_t after_dot, std::size_t to) const {
    Scr scr;
    if (classify(before, scr) == Cls::Digit && after_dot < to) {
      std::size_t k = after_dot;
      bool valid;
      if (classify(utf8::decode(text_, k, valid), scr) == Cls::Digit) return true;
    }
    if (tokens_->empty() || at != prev_end_) return false;
    const Token& prev = tokens_->back();
    return is_abbreviation(text_.substr(prev.begin, prev.end - prev.begin), prev.norm);
  }

  std::string_view text_;
  std::vector<Token>* tokens_;
  std::vector<ByteSpan>* sentences_;
  std::vector<Cp> cps_;
  std::size_t prev_end_ = 0;
  std::size_t sentence_begin_ = 0;
  std::uint32_t sentence_ = 0;
};

}  // namespace

bool is_hard_sentence_end(char32_t c) { return is_hard_terminator(c); }
bool is_closing_punctuation(char32_t c) { return is_closing(c); }
bool dot_after_continues(std::string_view slice, std::string_view norm) { return is_abbreviation(slice, norm); }

std::vector<Token> split_words(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6 + 1);
  Splitter(text, &tokens, nullptr).run();
  return tokens;
}

std::vector<ByteSpan> split_sentences(std::string_view text) {
  std::vector<Token> tokens;
  std::vector<ByteSpan> sentences;
  Splitter(text, &tokens, &sentences).run();
  return sentences;
}

Script script_of(std::string_view word) {
  bool has_digit = false;
  std::size_t i = 0;
  while (i < word.size()) {
    bool valid;
    const char32_t c = utf8::decode(word, i, valid);
    Scr scr;
    const Cls cls = classify(c, scr);
    if (cls == Cls::Letter) {
      switch (scr) {
        case Scr::Latin: return Script::Latin;
        case Scr::Devanagari: return Script::Devanagari;
        default: return Script::Other;
      }
    }
    if (cls == Cls::Digit) has_digit = true;
  }
  return has_digit ? Script::Number : Script::Other;
}

}  // namespace talash::analysis
