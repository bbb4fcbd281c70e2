#include "entities/ner_features.h"
#include "analysis/fnv.h"

#include <array>
#include <functional>
#include <string>
#include <unordered_map>

#include "analysis/split_words.h"
#include "analysis/stem_hindi.h"
#include "entities/entity_tagger.h"
#include "entities/gazetteer.h"
#include "entities/ner_tag.h"

namespace talash::entities {
namespace {

using analysis::kFnvOffset;

inline std::uint64_t fnv(std::uint64_t h, std::string_view bytes) { return analysis::fnv1a(bytes, h); }

// 0 marks an empty slot in the model's table; no feature may have it.
inline std::uint64_t finish(std::uint64_t h) { return h == 0 ? 1 : h; }

// Lenient UTF-8 decoding (the input is normalize_hindi() output or checked
// text): returns the code point at s[i] and advances i.
char32_t next_cp(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  ++i;
  for (int k = 1; k < len && i < s.size(); ++k, ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) break;
    cp = (cp << 6) | (b & 0x3F);
  }
  return cp;
}

char shape_class(char32_t c) {
  if (c >= 0x0966 && c <= 0x096F) return '9';
  if (c >= 0x0900 && c <= 0x097F) return (c == 0x0964 || c == 0x0965 || c == 0x0970) ? '.' : 'd';
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return '9';
  if (c < 0x80) return '.';
  if (c >= 0x2000 && c <= 0x206F) return '.';  // general punctuation
  if (c >= 0x00C0 && c <= 0x024F) return 'x';  // Latin-1 and Latin Extended letters
  return 'o';
}

constexpr std::string_view kLengthBuckets[] = {"0", "1", "2", "3", "4-5", "4-5", "6-8", "6-8", "6-8"};

std::string_view length_bucket(std::size_t code_points) {
  return code_points < std::size(kLengthBuckets) ? kLengthBuckets[code_points] : std::string_view("9+");
}

// Latin letter names in Devanagari, normalized (nukta folded): the pieces of
// acronyms such as आईसीसी (ICC) or एनसीएलटी (NCLT).
constexpr std::string_view kLetterNames[] = {"ए",  "बी",   "सी",   "डी",  "ई",   "एफ",  "जी",  "एच", "ऐच", "आई", "जे",
                                             "के",  "एल",   "एम",   "एन",  "ओ",   "पी",  "क्यू",  "आर", "एस", "टी", "यू",
                                             "वी", "डब्ल्यू", "डबल्यू", "डब्लू", "एक्स", "वाई", "वाय", "जेड", "जैड"};

// How many letter names `word` is made of (the fewest), 0 when it is not
// made of letter names only.
std::size_t letter_name_count(std::string_view word) {
  if (word.size() < 6 || word.size() > 96 || static_cast<unsigned char>(word[0]) != 0xE0) return 0;
  std::array<std::uint8_t, 97> pieces;  // fewest pieces reaching byte i; 0xFF = unreachable
  pieces.fill(0xFF);
  pieces[0] = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (pieces[i] == 0xFF) continue;
    for (const std::string_view name : kLetterNames) {
      if (word.compare(i, name.size(), name) != 0) continue;
      auto& next = pieces[i + name.size()];
      next = std::min<std::uint8_t>(next, static_cast<std::uint8_t>(pieces[i] + 1));
    }
  }
  return pieces[word.size()] == 0xFF ? 0 : pieces[word.size()];
}

std::string_view acronym_bucket(std::size_t letters) {
  return letters < 2 ? std::string_view() : letters == 2 ? "2" : letters == 3 ? "3" : "4+";
}

constexpr std::string_view kPrefixTemplates[] = {"p1", "p2", "p3", "p4"};
constexpr std::string_view kSuffixTemplates[] = {"s1", "s2", "s3", "s4"};
constexpr std::string_view kBos = "<s>";
constexpr std::string_view kEos = "</s>";

// The shipped gazetteer as the features see it: whole-alias matches (through
// EntityTagger) and, per normalized word, the types of the aliases it occurs in.
struct GazetteerIndex {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  EntityTagger tagger{Gazetteer::builtin()};
  std::unordered_map<std::string, std::uint8_t, Hash, std::equal_to<>> alias_words;

  GazetteerIndex() {
    for (const Entity& e : Gazetteer::builtin().entities()) {
      const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(e.type));
      for (const std::string& alias : e.aliases)
        for (const analysis::Token& t : analysis::split_words(alias))
          if (!t.norm.empty()) alias_words[t.norm] |= bit;
    }
  }
  // Bit t: the word is in an alias of an entity of EntityType t.
  std::uint8_t word_types(std::string_view norm) const {
    const auto it = alias_words.find(norm);
    return it == alias_words.end() ? 0 : it->second;
  }
};

const GazetteerIndex& gazetteer_index() {
  static const GazetteerIndex index;
  return index;
}

constexpr std::string_view kTypeNames[] = {"PER", "LOC", "ORG"};  // by EntityType

// Per-thread scratch for the gazetteer pass (keeps string capacity).
struct Scratch {
  std::vector<analysis::Token> tokens;
  std::vector<NerTag> gz;
  std::vector<std::uint8_t> ga;
  std::vector<std::string_view> acr;
  std::vector<NerLexicon::Values> lex;  // token i, lexicon k: lex[i * lexicons + k]
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

struct HashSink {
  NerFeatures* out;
  void token() { out->offsets.push_back(static_cast<std::uint32_t>(out->ids.size())); }
  void add(std::string_view tpl, std::string_view value) {
    std::uint64_t h = fnv(kFnvOffset, tpl);
    h = fnv(h, "|");
    out->ids.push_back(finish(fnv(h, value)));
  }
  void add2(std::string_view tpl, std::string_view a, std::string_view b) {
    std::uint64_t h = fnv(kFnvOffset, tpl);
    h = fnv(h, "|");
    h = fnv(h, a);
    h = fnv(h, " ");
    out->ids.push_back(finish(fnv(h, b)));
  }
  void add3(std::string_view tpl, std::string_view a, std::string_view b, std::string_view c) {
    std::uint64_t h = fnv(kFnvOffset, tpl);
    h = fnv(h, "|");
    h = fnv(h, a);
    h = fnv(h, b);
    out->ids.push_back(finish(fnv(h, c)));
  }
};

struct RenderSink {
  std::span<const NerToken> tokens;
  std::string out;
  std::size_t next = 0;
  bool first = true;
  void token() {
    if (next > 0) out += '\n';
    out += tokens[next++].norm;
    out += '\t';
    first = true;
  }
  void sep() {
    if (!first) out += ' ';
    first = false;
  }
  void add(std::string_view tpl, std::string_view value) {
    sep();
    out.append(tpl).append("|").append(value);
  }
  void add2(std::string_view tpl, std::string_view a, std::string_view b) {
    sep();
    out.append(tpl).append("|").append(a).append(" ").append(b);
  }
  void add3(std::string_view tpl, std::string_view a, std::string_view b, std::string_view c) {
    sep();
    out.append(tpl).append("|").append(a).append(b).append(c);
  }
};

}  // namespace

std::uint64_t ner_feature_id(std::string_view rendered) { return finish(fnv(kFnvOffset, rendered)); }

std::string ner_word_shape(std::string_view original) {
  char buf[4];
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < original.size() && n <= 4) {
    const char c = shape_class(next_cp(original, i));
    if (n > 0 && buf[n - 1] == c) continue;
    if (n == 4) {
      n = 5;  // a fifth run: stop
      break;
    }
    buf[n++] = c;
  }
  return std::string(buf, n > 4 ? 4 : n);
}

NerFeatureExtractor::NerFeatureExtractor(const NerFeatureOptions& options, std::vector<NerLexicon> lexicons)
    : options_(options), lexicons_(std::make_shared<const std::vector<NerLexicon>>(std::move(lexicons))) {
  if (options_.affixes > 4) options_.affixes = 4;
  if (options_.gazetteer) gazetteer_index();  // build it now, not on the first sentence
}

template <class Sink>
void NerFeatureExtractor::emit(std::span<const NerToken> tokens, Sink& sink) const {
  const std::size_t n = tokens.size();
  Scratch& s = scratch();
  if (options_.gazetteer) {
    const GazetteerIndex& gaz = gazetteer_index();
    if (s.tokens.size() < n) s.tokens.resize(n);
    s.gz.assign(n, NerTag::O);
    s.ga.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
      s.tokens[i].norm.assign(tokens[i].norm);
      s.ga[i] = gaz.word_types(tokens[i].norm);
    }
    for (const EntityMention& m : gaz.tagger.tag(std::span(s.tokens.data(), n))) {
      s.gz[m.first_token] = ner_begin(m.entity->type);
      for (std::size_t j = m.first_token + 1; j <= m.last_token; ++j) s.gz[j] = ner_inside(m.entity->type);
    }
  }
  const std::vector<NerLexicon>& lexicons = *lexicons_;
  const std::size_t nl = lexicons.size();
  if (nl > 0) {
    s.lex.resize(n * nl);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t k = 0; k < nl; ++k) s.lex[i * nl + k] = lexicons[k].find(tokens[i].norm);
  }
  if (options_.acronym) {
    s.acr.resize(n);
    for (std::size_t i = 0; i < n; ++i) s.acr[i] = acronym_bucket(letter_name_count(tokens[i].norm));
  }
  auto word = [&](std::ptrdiff_t j) -> std::string_view {
    if (j < 0) return kBos;
    if (static_cast<std::size_t>(j) >= n) return kEos;
    return tokens[static_cast<std::size_t>(j)].norm;
  };
  for (std::size_t i = 0; i < n; ++i) {
    sink.token();
    const auto si = static_cast<std::ptrdiff_t>(i);
    const std::string_view w = tokens[i].norm;
    sink.add("b", "");
    sink.add("w", w);
    sink.add("w-1", word(si - 1));
    sink.add("w+1", word(si + 1));
    if (options_.context2) {
      sink.add("w-2", word(si - 2));
      sink.add("w+2", word(si + 2));
    }
    if (options_.bigrams) {
      sink.add2("w-1w", word(si - 1), w);
      sink.add2("ww+1", w, word(si + 1));
    }
    // Code point boundaries: the first five and the last five.
    std::array<std::size_t, 5> head{};
    std::array<std::size_t, 5> tail{};  // tail[k] = start of the k-th code point from the end
    std::size_t cps = 0;
    for (std::size_t b = 0; b < w.size();) {
      if (cps < head.size()) head[cps] = b;
      for (std::size_t k = tail.size() - 1; k > 0; --k) tail[k] = tail[k - 1];
      tail[0] = b;
      next_cp(w, b);
      ++cps;
    }
    for (std::size_t k = 1; k <= options_.affixes && k < cps; ++k)
      sink.add(kPrefixTemplates[k - 1], w.substr(0, head[k]));
    for (std::size_t k = 1; k <= options_.affixes && k < cps; ++k)
      sink.add(kSuffixTemplates[k - 1], w.substr(tail[k - 1]));
    if (options_.shape) {
      sink.add("sh", ner_word_shape(tokens[i].original));
      sink.add("len", length_bucket(cps));
    }
    if (options_.acronym) {
      if (!s.acr[i].empty()) sink.add("acr", s.acr[i]);
      if (i > 0 && !s.acr[i - 1].empty()) sink.add("acr-1", s.acr[i - 1]);
      if (i + 1 < n && !s.acr[i + 1].empty()) sink.add("acr+1", s.acr[i + 1]);
      if (i + 2 < n && !s.acr[i + 2].empty()) sink.add("acr+2", s.acr[i + 2]);
    }
    if (options_.stem) {
      const std::string stem = analysis::stem_hindi(w);
      if (stem != w) sink.add("st", stem);
    }
    if (options_.ngrams > 0) {
      // Units of "^word$": 0 is '^', 1..m the code points, m+1 '$'. Gram k
      // covers units k .. k+g-1.
      const std::size_t g = options_.ngrams;
      std::array<std::size_t, 33> at{};  // at[u-1] = first byte of unit u
      std::size_t m = 0;
      for (std::size_t b = 0; b < w.size() && m + 1 < at.size(); next_cp(w, b)) at[m++] = b;
      if (m + 1 < at.size()) {
        at[m] = w.size();
        for (std::size_t k = 0; k + g <= m + 2; ++k) {
          const std::size_t first = std::max<std::size_t>(k, 1), last = std::min(k + g - 1, m);
          const std::string_view piece = first <= last ? w.substr(at[first - 1], at[last] - at[first - 1]) : "";
          sink.add3("c", k == 0 ? "^" : "", piece, k + g - 1 == m + 1 ? "$" : "");
        }
      }
    }
    if (options_.gazetteer) {
      if (s.gz[i] != NerTag::O) sink.add("gz", to_string(s.gz[i]));
      if (i > 0 && s.gz[i - 1] != NerTag::O) sink.add("gz-1", to_string(s.gz[i - 1]));
      if (i + 1 < n && s.gz[i + 1] != NerTag::O) sink.add("gz+1", to_string(s.gz[i + 1]));
      if (options_.context2 && i > 1 && s.gz[i - 2] != NerTag::O) sink.add("gz-2", to_string(s.gz[i - 2]));
      if (options_.context2 && i + 2 < n && s.gz[i + 2] != NerTag::O) sink.add("gz+2", to_string(s.gz[i + 2]));
      for (unsigned t = 0; t < 3; ++t)
        if (s.ga[i] & (1u << t)) sink.add("ga", kTypeNames[t]);
    }
    for (std::size_t k = 0; k < nl; ++k) {
      const NerLexicon& lexicon = lexicons[k];
      for (int offset = -1; offset <= 1; ++offset) {
        const auto j = static_cast<std::ptrdiff_t>(i) + offset;
        if (j < 0 || static_cast<std::size_t>(j) >= n) continue;
        const NerLexicon::Values v = s.lex[static_cast<std::size_t>(j) * nl + k];
        for (std::size_t x = 0; x < v.count; ++x) sink.add(lexicon.template_at(offset), lexicon.value(v.first[x]));
      }
    }
  }
}

void NerFeatureExtractor::extract(std::span<const NerToken> tokens, NerFeatures& out) const {
  out.ids.clear();
  out.offsets.clear();
  HashSink sink{&out};
  emit(tokens, sink);
  out.offsets.push_back(static_cast<std::uint32_t>(out.ids.size()));
}

std::string NerFeatureExtractor::render(std::span<const NerToken> tokens) const {
  RenderSink sink{.tokens = tokens};
  emit(tokens, sink);
  return std::move(sink.out);
}

}  // namespace talash::entities
