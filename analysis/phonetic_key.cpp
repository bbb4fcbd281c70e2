#include "analysis/phonetic_key.h"

#include <algorithm>
#include <cstdint>

#include "analysis/utf8.h"

// Two front ends (Devanagari, Latin) turn a word into one sequence of sound segments drawn
// from a small shared alphabet; each tier is a folding of that sequence to ASCII.
//
// Segment alphabet (one ASCII char each):
//   consonants  k g c(ch) j t d n p b m y r l v s x(sh) h f
//               q = a nasal before a stop or sibilant: anusvara, or n/m closing a syllable
//               (ट्रंप = ट्रम्प = trump: all three give t r u q p)
//   vowels      a i u e o  (length folded; au/औ = o); E is ai/ऐ/ै, written e in the key but
//               never taken for a silent final e (Tendai टेंडई)
namespace talash::analysis {
namespace {

constexpr std::size_t kMaxSegments = 64;
enum class Kind : std::uint8_t { consonant, vowel, schwa };

struct Segment {
  char code;
  Kind kind;
  bool after_virama = false;  // second or later consonant of a written conjunct
};

struct Segments {
  Segment seg[kMaxSegments];
  std::size_t size = 0;

  void push(char code, Kind kind, bool after_virama = false) {
    if (size < kMaxSegments) seg[size++] = {code, kind, after_virama};
  }
  void pop() { --size; }
  Segment& back() { return seg[size - 1]; }
};

bool is_vowel_kind(Kind k) { return k != Kind::consonant; }

// ---------------------------------------------------------------- Devanagari front end

enum class Dev : std::uint8_t { none, consonant, vowel, matra, virama, nasal, visarga };

struct DevEntry {
  Dev type;
  char first;
  char second;  // ऋ ृ ॐ give two segments
};

// U+0900..U+097F. Aspiration, retroflexion and nukta fold into one consonant class each
// (ख = ख़ = क: writers and romanizers mark them inconsistently); candra vowels ॉ/ॅ are
// the English o/a of Moscow/Matt, which Hindi also writes ा/े (normalize_hindi folds them).
constexpr std::array<DevEntry, 0x80> make_dev_table() {
  std::array<DevEntry, 0x80> t{};
  auto set = [&t](char32_t cp, Dev type, char a, char b = 0) { t[cp - 0x900] = {type, a, b}; };
  set(0x900, Dev::nasal, 'q');
  set(0x901, Dev::nasal, 'q');
  set(0x902, Dev::nasal, 'q');
  set(0x903, Dev::visarga, 'h');
  // independent vowels
  set(0x904, Dev::vowel, 'a');
  set(0x905, Dev::vowel, 'a');
  set(0x906, Dev::vowel, 'a');
  set(0x907, Dev::vowel, 'i');
  set(0x908, Dev::vowel, 'i');
  set(0x909, Dev::vowel, 'u');
  set(0x90A, Dev::vowel, 'u');
  set(0x90B, Dev::vowel, 'r', 'i');
  set(0x90C, Dev::vowel, 'l', 'i');
  set(0x90D, Dev::vowel, 'e');
  set(0x90E, Dev::vowel, 'e');
  set(0x90F, Dev::vowel, 'e');
  set(0x910, Dev::vowel, 'E');
  set(0x911, Dev::vowel, 'a');
  set(0x912, Dev::vowel, 'o');
  set(0x913, Dev::vowel, 'o');
  set(0x914, Dev::vowel, 'o');
  set(0x960, Dev::vowel, 'r', 'i');
  set(0x961, Dev::vowel, 'l', 'i');
  set(0x972, Dev::vowel, 'a');
  set(0x950, Dev::vowel, 'o', 'm');
  // consonants
  constexpr char kCons[] = "kkggnccjjnttddnttddnnpfbbmyrrlllvxxsh";  // U+0915..U+0939
  static_assert(sizeof(kCons) - 1 == 0x939 - 0x915 + 1);
  for (char32_t cp = 0x915; cp <= 0x939; ++cp) set(cp, Dev::consonant, kCons[cp - 0x915]);
  constexpr char kNukta[] = "kkgjddfy";  // U+0958..U+095F क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़
  for (char32_t cp = 0x958; cp <= 0x95F; ++cp) set(cp, Dev::consonant, kNukta[cp - 0x958]);
  // vowel signs
  set(0x93E, Dev::matra, 'a');
  set(0x93F, Dev::matra, 'i');
  set(0x940, Dev::matra, 'i');
  set(0x941, Dev::matra, 'u');
  set(0x942, Dev::matra, 'u');
  set(0x943, Dev::matra, 'r', 'i');
  set(0x944, Dev::matra, 'r', 'i');
  set(0x945, Dev::matra, 'e');
  set(0x946, Dev::matra, 'e');
  set(0x947, Dev::matra, 'e');
  set(0x948, Dev::matra, 'E');
  set(0x949, Dev::matra, 'a');
  set(0x94A, Dev::matra, 'o');
  set(0x94B, Dev::matra, 'o');
  set(0x94C, Dev::matra, 'o');
  set(0x962, Dev::matra, 'l', 'i');
  set(0x963, Dev::matra, 'l', 'i');
  set(0x94D, Dev::virama, 0);
  return t;
}
constexpr auto kDevTable = make_dev_table();

// Ohala's rule for Hindi schwa deletion: the inherent vowel is silent word-finally and in
// V C _ C V, scanning right to left so that a deletion protects the schwa before it
// (कमला = kamla, not kmla; तनवीर = tanvir).
void delete_schwas(Segments& s) {
  auto keep = [&s](std::size_t i) { return s.seg[i].kind != Kind::schwa || s.seg[i].code != 0; };
  const std::size_t n = s.size;
  if (n >= 3 && s.seg[n - 1].kind == Kind::schwa) s.seg[n - 1].code = 0;
  auto try_delete = [&](std::size_t i) {
    if (s.seg[i].kind != Kind::schwa) return;
    const Segment& c1 = s.seg[i - 1];
    // an anusvara belongs to the vowel before it (प्योंगयांग = pyong-yang)
    const std::size_t v = i >= 3 && s.seg[i - 2].code == 'q' ? i - 3 : i - 2;
    const Segment& v1 = s.seg[v];
    const Segment& c2 = s.seg[i + 1];
    const Segment& v2 = s.seg[i + 2];
    if (c1.kind == Kind::consonant && is_vowel_kind(v1.kind) && keep(v) &&
        c2.kind == Kind::consonant && is_vowel_kind(v2.kind) && keep(i + 2))
      s.seg[i].code = 0;
  };
  for (std::size_t i = n >= 3 ? n - 3 : 0; i >= 2 && i + 2 < n; --i) try_delete(i);
  std::size_t w = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (keep(i)) s.seg[w++] = s.seg[i];
  s.size = w;
}

char32_t next_cp(std::string_view text, std::size_t& i) {
  bool valid;
  return utf8::decode(text, i, valid);
}

void devanagari_segments(std::string_view word, Segments& out) {
  bool pending_schwa = false;  // the last consonant has had no vowel sign yet
  bool after_virama = false;
  auto flush = [&] {
    if (pending_schwa) out.push('a', Kind::schwa);
    pending_schwa = false;
  };
  for (std::size_t i = 0; i < word.size();) {
    const char32_t cp = next_cp(word, i);
    if (!utf8::is_devanagari(cp)) continue;  // ZWJ/ZWNJ, digits, punctuation, stray Latin
    const DevEntry e = kDevTable[cp - 0x900];
    switch (e.type) {
      case Dev::consonant:
        flush();
        out.push(e.first, Kind::consonant, after_virama);
        pending_schwa = true;
        after_virama = false;
        break;
      case Dev::vowel:
        flush();
        after_virama = false;
        if (e.second == 'i') {  // ऋ: r + i
          out.push(e.first, Kind::consonant);
          out.push(e.second, Kind::vowel);
        } else {
          out.push(e.first, Kind::vowel);
          if (e.second) out.push(e.second, Kind::consonant);
        }
        break;
      case Dev::matra:
        if (e.second) {  // ृ: the consonant takes r + i
          out.push(e.first, Kind::consonant, true);
          out.push(e.second, Kind::vowel);
        } else {
          out.push(e.first, Kind::vowel);
        }
        pending_schwa = false;
        after_virama = false;
        break;
      case Dev::virama:
        pending_schwa = false;
        after_virama = true;
        break;
      case Dev::nasal:
        flush();
        after_virama = false;
        out.push('q', Kind::consonant);
        break;
      case Dev::visarga:
        flush();
        after_virama = false;
        out.push('h', Kind::consonant);
        break;
      case Dev::none:
        break;  // nukta (the base letter already stands for it), avagraha, danda, digits
    }
  }
  flush();
  delete_schwas(out);
}

// ---------------------------------------------------------------- Latin front end

bool is_latin_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Letters only, lower-cased, at most kMaxSegments of them.
std::size_t latin_letters(std::string_view word, char* buf) {
  std::size_t n = 0;
  for (const char ch : word) {
    const char c = static_cast<char>(ch | 0x20);
    if (c >= 'a' && c <= 'z' && (ch >= 'A') && n < kMaxSegments) buf[n++] = c;
  }
  return n;
}

// English spelling to sounds, with the habits of Indian romanization (aa ee oo, aspirates
// as Ch, sh) and of English names written in Hindi (silent final e, -ow = ो).
void latin_segments(std::string_view word, Segments& out) {
  char buf[kMaxSegments + 4] = {};
  std::size_t n = latin_letters(word, buf);
  // -ough and -ow end in a vowel (Scarborough स्कारबोरो, Moscow मास्को)
  if (n >= 5 && std::string_view(buf + n - 4, 4) == "ough") n -= 3, buf[n - 1] = 'o';
  else if (n >= 4 && buf[n - 2] == 'o' && buf[n - 1] == 'w') n -= 1;
  // -es after a vowel and a consonant is one s (James जेम्स, Jones, Rhodes)
  if (n >= 5 && buf[n - 1] == 's' && buf[n - 2] == 'e' && !is_latin_vowel(buf[n - 3]) &&
      buf[n - 3] != 's' && is_latin_vowel(buf[n - 4]))
    buf[n - 2] = 's', --n;
  // -que is k (Haque हक, Monique)
  if (n >= 5 && std::string_view(buf + n - 3, 3) == "que") n -= 2, buf[n - 1] = 'k';
  buf[n] = buf[n + 1] = buf[n + 2] = 0;
  std::size_t start = 0;
  // an initial nasal before a consonant is spelled out: Ngidi एनगिडी, Nkrumah एन्क्रुमाह
  if (n >= 3 && (buf[0] == 'n' || buf[0] == 'm') && !is_latin_vowel(buf[1]) && buf[1] != 'y' &&
      buf[1] != 'c' && buf[1] != 'h' && buf[1] != 'r')
    out.push('e', Kind::vowel);
  if (n >= 4 && buf[0] == 'm' && buf[1] == 'c') {  // McCarthy मैकार्थी, McCoy
    out.push('m', Kind::consonant);
    out.push('a', Kind::vowel);
    start = 2;
    out.push('k', Kind::consonant);
  } else if (n >= 3 && ((buf[0] == 'k' && buf[1] == 'n') || (buf[0] == 'w' && buf[1] == 'r'))) {
    start = 1;  // Knight नाइट, Wright राइट
  } else if (n >= 4 && buf[0] == 'g' && buf[1] == 'e' && buf[2] == 'o') {
    out.push('j', Kind::consonant);  // George जॉर्ज, Georgia
    start = 2;
  } else if (n >= 4 && std::string_view(buf, 3) == "joh" && !is_latin_vowel(buf[3])) {
    out.push('j', Kind::consonant);  // John जॉन, Johnson: the h is silent
    out.push('o', Kind::vowel);
    start = 3;
  }
  auto vowel = [&out](char c) { out.push(c, Kind::vowel); };
  auto cons = [&out](char c) { out.push(c, Kind::consonant); };
  for (std::size_t i = start; i < n;) {
    const char c = buf[i], c1 = buf[i + 1], c2 = buf[i + 2];
    const bool at_start = i == 0;
    const bool prev_vowel = !at_start && out.size > 0 && out.back().kind == Kind::vowel;
    switch (c) {
      case 'a':
        if (c1 == 'a') vowel('a'), i += 2;
        else if (c1 == 'i') vowel('E'), i += 2;
        else if (c1 == 'u') vowel('o'), i += 2;
        else if (c1 == 'w' && !is_latin_vowel(c2)) vowel('a'), i += 2;  // Crawley क्रॉली
        else vowel('a'), ++i;
        break;
      case 'e':
        if (c1 == 'e') vowel('i'), i += 2;
        // final -ley is ली (Crawley, Riley), other -ey े (Pandey पांडे, Dubey)
        else if (c1 == 'y' && i + 2 == n) vowel(i > 0 && buf[i - 1] == 'l' ? 'i' : 'e'), i += 2;
        else if (c1 == 'a') vowel('i'), i += 2;               // Dean डीन
        else if (c1 == 'w' && !is_latin_vowel(c2)) cons('y'), vowel('u'), i += 2;  // Andrew
        else vowel('e'), ++i;
        break;
      case 'i':
        if (c1 == 'g' && c2 == 'h') vowel('a'), vowel('i'), i += 3;  // Knight नाइट, Wright
        else if (c1 == 'i') vowel('i'), i += 2;
        else if (c1 == 'e' && i + 2 == n) vowel('i'), i += 2;
        else vowel('i'), ++i;
        break;
      case 'o':
        if (c1 == 'o') vowel('u'), i += 2;
        else if (c1 == 'u') vowel('u'), i += 2;
        else if (c1 == 'a') vowel('o'), i += 2;
        else if (c1 == 'w' && !is_latin_vowel(c2)) vowel('o'), i += 2;
        else vowel('o'), ++i;
        break;
      case 'u':
        if (c1 == 'u') vowel('u'), i += 2;
        else vowel('u'), ++i;
        break;
      case 'y':
        // a consonant before a vowel (Pyongyang) or after one (Vijay, Roy); else a vowel (Sunny)
        if (is_latin_vowel(c1) || prev_vowel) cons('y');
        else vowel('i');
        ++i;
        break;
      case 's':
        if (c1 == 'c' && c2 == 'h') cons('x'), i += 3;
        else if (c1 == 'h') cons('x'), i += 2;
        else cons('s'), ++i;
        break;
      case 't':
        if (c1 == 'c' && c2 == 'h') cons('c'), i += 3;
        else if (c1 == 'h') cons('t'), i += 2;
        else cons('t'), ++i;
        break;
      case 'c':
        if (c1 == 'h' && (c2 == 'r' || c2 == 'l')) cons('k'), i += 2;  // Chris क्रिस
        else if (c1 == 'h') cons('c'), i += (c2 == 'h' ? 3 : 2);     // ch, chh
        else if (c1 == 'k') cons('k'), i += 2;
        else if (c1 == 'e' || c1 == 'i' || c1 == 'y') cons('s'), ++i;
        else cons('k'), ++i;
        break;
      case 'g':
        if (c1 == 'h') {
          // Singh सिंह: the h is heard, the g is not
          if (i + 2 == n && i > 0 && buf[i - 1] == 'n') cons('h');
          else cons('g');
          i += 2;
        } else if (c1 == 'e' && i + 2 == n && i > 0) {
          cons('j'), i += 1;  // George जॉर्ज, -dge
        } else {
          cons('g'), ++i;
        }
        break;
      case 'k': case 'b': case 'd': case 'j': case 'p': case 'r':
        if (c1 == 'h') {  // kh bh dh jh ph rh: aspiration is not kept; ph is f
          cons(c == 'p' ? 'f' : c), i += 2;
        } else {
          cons(c), ++i;
        }
        break;
      case 'q':
        cons('k'), ++i;
        break;
      case 'x':
        if (at_start) cons('j');  // Xavier ज़ेवियर
        else cons('k'), cons('s');
        ++i;
        break;
      case 'z':
        cons('j'), i += (c1 == 'h' ? 2 : 1);  // ज़ is folded to ज
        break;
      case 'w':
        cons('v'), i += (c1 == 'h' ? 2 : 1);
        break;
      default:  // f h l m n v
        cons(c), ++i;
        break;
    }
  }
}

// ---------------------------------------------------------------- shared folding

bool is_nasal(char c) { return c == 'n' || c == 'm' || c == 'q'; }
bool is_liquid_or_glide(char c) { return c == 'y' || c == 'r' || c == 'l' || c == 'v'; }

// Rules both scripts need once their segments exist: a nasal closing a syllable before a
// stop, sibilant or h is the anusvara q (संसद = sansad, ट्रम्प = trump, सिंह = simha);
// anywhere else q is n (हैं = hain). A doubled consonant is written once (Russell = रसल,
// इय्याप्पन = Iyappan). A y gliding from i into a vowel is not written in Latin (Liam = लियम).
void fold_common(Segments& s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size; ++i) {
    Segment seg = s.seg[i];
    if (seg.kind == Kind::consonant && is_nasal(seg.code)) {
      const bool before_consonant = i + 1 < s.size && s.seg[i + 1].kind == Kind::consonant &&
                                    !is_nasal(s.seg[i + 1].code) &&
                                    !is_liquid_or_glide(s.seg[i + 1].code);
      if (before_consonant) seg.code = 'q';
      else if (seg.code == 'q') seg.code = 'n';
    }
    if (w > 0 && s.seg[w - 1].kind == Kind::consonant && seg.kind == Kind::consonant &&
        s.seg[w - 1].code == seg.code)
      continue;
    if (seg.code == 'y' && seg.kind == Kind::consonant && w > 0 && s.seg[w - 1].code == 'i' &&
        s.seg[w - 1].kind != Kind::consonant && i + 1 < s.size && s.seg[i + 1].kind != Kind::consonant)
      continue;
    s.seg[w++] = seg;
  }
  s.size = w;
}

// A final e after a consonant: silent in English names (Wade वेड, Stone), written in Hindi
// ones (Dube दुबे, मेरे). The looser tiers drop it on both sides.
bool final_e_optional(const Segments& s, std::size_t i) {
  return i + 1 == s.size && i >= 2 && s.seg[i].code == 'e' && s.seg[i].kind != Kind::consonant &&
         s.seg[i - 1].kind == Kind::consonant;
}

bool has_devanagari(std::string_view word) {
  // every Devanagari code point starts with E0 A4 or E0 A5
  for (std::size_t i = 0; i + 1 < word.size(); ++i)
    if (static_cast<unsigned char>(word[i]) == 0xE0 &&
        (static_cast<unsigned char>(word[i + 1]) == 0xA4 || static_cast<unsigned char>(word[i + 1]) == 0xA5))
      return true;
  return false;
}

// The shared segment sequence of a word, or empty when it is too short to be a name key.
bool segments_of(std::string_view word, Segments& s) {
  if (has_devanagari(word)) devanagari_segments(word, s);
  else latin_segments(word, s);
  fold_common(s);
  bool consonant = false;
  for (std::size_t i = 0; i < s.size; ++i) consonant |= s.seg[i].kind == Kind::consonant;
  return consonant && s.size >= 2;
}

// Romanizers write the inherent vowel that Hindi speakers drop (Jagati for जगती = jagti,
// Padmavati for पद्मावती) and Hindi drops the vowel English writes (Cameron = कैमरन). So both
// sides get the same syncope once more: an a in V C _ C V goes, right to left as in
// delete_schwas. Latin cannot tell a from aa, so a Devanagari आ there goes too: the rule
// must give the same answer for the same letters.
std::size_t syncopate(char* code, bool* vowel, std::size_t n) {
  bool gone[kMaxSegments] = {};
  for (std::size_t i = n >= 3 ? n - 3 : 0; i >= 2 && i + 2 < n; --i) {
    if (!vowel[i] || code[i] != 'a') continue;
    const std::size_t v = i >= 3 && code[i - 2] == 'q' ? i - 3 : i - 2;
    if (!vowel[i - 1] && vowel[v] && !gone[v] && !vowel[i + 1] && vowel[i + 2] && !gone[i + 2])
      gone[i] = true;
  }
  std::size_t w = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!gone[i]) code[w] = code[i], vowel[w++] = vowel[i];
  return w;
}

// strict: five vowel classes. middle: one vowel class, and a final e after a consonant is
// dropped (silent in Wade वेड, written in दुबे: only the looser tier can forgive both).
// Both: syncope, then a final a after two consonants is dropped (मित्र / मित्रा / Mitra,
// मार्क / Mark, सूर्य / Surya), then runs of one symbol are written once.
std::string fold_vowels(const Segments& s, bool one_vowel_class) {
  char code[kMaxSegments];
  bool vowel[kMaxSegments];
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size; ++i) {
    if (one_vowel_class && final_e_optional(s, i)) break;
    code[n] = s.seg[i].code == 'E' ? 'e' : s.seg[i].code;
    vowel[n++] = s.seg[i].kind != Kind::consonant;
  }
  n = syncopate(code, vowel, n);
  // A nasal that syncope left before a consonant closes a syllable now, as
  // fold_common made it on the other side (Tamasi = tamsi = तमसी = taqsi).
  for (std::size_t i = 0; i + 1 < n; ++i)
    if (!vowel[i] && (code[i] == 'n' || code[i] == 'm') && !vowel[i + 1] && !is_nasal(code[i + 1]) &&
        !is_liquid_or_glide(code[i + 1]))
      code[i] = 'q';
  if (n >= 4 && vowel[n - 1] && code[n - 1] == 'a' && !vowel[n - 2] && !vowel[n - 3]) --n;
  std::string key;
  key.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const char c = vowel[i] && one_vowel_class ? 'a' : code[i];
    if (!key.empty() && key.back() == c) continue;
    key.push_back(c);
  }
  return key;
}

// loose: the consonant skeleton. An initial vowel stays (as a) and so does an initial y, v or h
// (Vijay, Hamas), elsewhere those glides go (प्योंगयांग = पाइओंगयांग); sh = s, q = n.
std::string fold_loose(const Segments& s) {
  std::string key;
  key.reserve(s.size);
  for (std::size_t i = 0; i < s.size; ++i) {
    char c = s.seg[i].code;
    if (final_e_optional(s, i)) break;
    if (s.seg[i].kind != Kind::consonant) {
      if (i != 0) continue;
      c = 'a';
    } else if ((c == 'y' || c == 'v' || c == 'h') && i != 0) {
      continue;
    } else if (c == 'x') {
      c = 's';
    } else if (c == 'q') {
      c = 'n';
    }
    if (!key.empty() && key.back() == c) continue;
    key.push_back(c);
  }
  return key;
}

}  // namespace

std::string phonetic_key(std::string_view word, PhoneticTier tier) {
  Segments s;
  if (!segments_of(word, s)) return {};
  switch (tier) {
    case PhoneticTier::strict: return fold_vowels(s, false);
    case PhoneticTier::middle: return fold_vowels(s, true);
    case PhoneticTier::loose: return fold_loose(s);
  }
  return {};
}

std::array<std::string, 3> phonetic_keys(std::string_view word) {
  Segments s;
  if (!segments_of(word, s)) return {};
  return {fold_vowels(s, false), fold_vowels(s, true), fold_loose(s)};
}

// ---------------------------------------------------------------- acronyms

namespace {

// English letter names as Hindi writes them, in normalize_hindi form (nukta folded) plus the
// common unnormalized and short-vowel spellings.
struct LetterName {
  std::string_view dev;
  char letter;
};
constexpr LetterName kLetterNames[] = {
    {"ए", 'a'},      {"बी", 'b'},     {"सी", 'c'},    {"डी", 'd'},     {"ई", 'e'},
    {"एफ", 'f'},     {"एफ़", 'f'},    {"जी", 'g'},    {"एच", 'h'},     {"आई", 'i'},
    {"जे", 'j'},     {"के", 'k'},     {"एल", 'l'},    {"एम", 'm'},     {"एन", 'n'},
    {"ओ", 'o'},      {"पी", 'p'},     {"क्यू", 'q'},  {"क्यु", 'q'},   {"आर", 'r'},
    {"एस", 's'},     {"टी", 't'},     {"यू", 'u'},    {"यु", 'u'},     {"वी", 'v'},
    {"डब्ल्यू", 'w'}, {"डब्लू", 'w'}, {"डबल्यू", 'w'}, {"एक्स", 'x'},  {"वाई", 'y'},
    {"जेड", 'z'},    {"ज़ेड", 'z'},   {"ज़ी", 'z'},   {"बि", 'b'},     {"सि", 'c'},
    {"डि", 'd'},     {"पि", 'p'},     {"टि", 't'},    {"वि", 'v'},     {"ऐ", 'a'},
};

constexpr std::size_t kLongestName = [] {
  std::size_t longest = 0;
  for (const LetterName& name : kLetterNames) longest = std::max(longest, name.dev.size());
  return longest;
}();
constexpr std::size_t kMinAcronym = 2;
constexpr std::size_t kMaxAcronym = 8;

// Depth-first: the longest name first, backing off when the rest does not parse.
bool parse_letter_names(std::string_view rest, std::string& letters) {
  while (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
  if (rest.empty()) return true;
  if (letters.size() >= kMaxAcronym) return false;
  for (std::size_t len = kLongestName; len >= 3; len -= 3) {
    if (len > rest.size()) continue;
    const std::string_view head = rest.substr(0, len);
    for (const LetterName& name : kLetterNames) {
      if (name.dev != head) continue;
      letters.push_back(name.letter);
      if (parse_letter_names(rest.substr(len), letters)) return true;
      letters.pop_back();
    }
  }
  return false;
}

}  // namespace

std::string acronym_key(std::string_view word) {
  std::string letters;
  if (has_devanagari(word)) {
    std::string cleaned;  // without ZWJ/ZWNJ (E2 80 8C/8D)
    cleaned.reserve(word.size());
    for (std::size_t i = 0; i < word.size(); ++i) {
      if (i + 2 < word.size() && static_cast<unsigned char>(word[i]) == 0xE2 &&
          static_cast<unsigned char>(word[i + 1]) == 0x80 &&
          (static_cast<unsigned char>(word[i + 2]) == 0x8C || static_cast<unsigned char>(word[i + 2]) == 0x8D)) {
        i += 2;
        continue;
      }
      cleaned.push_back(word[i]);
    }
    if (!parse_letter_names(cleaned, letters)) return {};
  } else {
    char prev = 0;
    for (const char ch : word) {
      const char c = static_cast<char>(ch | 0x20);
      if (ch >= 'A' && c >= 'a' && c <= 'z') letters.push_back(c);
      else if (ch != '.' || prev == '.' || prev == 0) return {};
      if (letters.size() > kMaxAcronym) return {};
      prev = ch;
    }
  }
  if (letters.size() < kMinAcronym || letters.size() > kMaxAcronym) return {};
  return letters;
}

}  // namespace talash::analysis
