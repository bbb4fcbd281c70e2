#include "entities/ner_features.h"
#include "analysis/fnv.h"

#include <algorithm>
#include <array>
#include <bit>
#include <memory>
#include <mutex>
#include <string>

#include "analysis/split_words.h"
#include "analysis/stem_hindi.h"
#include "entities/entity_tagger.h"
#include "entities/gazetteer.h"
#include "entities/ner_tag.h"

namespace talash::entities {
namespace {

using analysis::kFnvOffset;

constexpr std::uint64_t fnv(std::uint64_t h, std::string_view bytes) { return analysis::fnv1a(bytes, h); }

// 0 marks an empty slot in the model's table; no feature may have it.
constexpr std::uint64_t finish(std::uint64_t h) { return h == 0 ? 1 : h; }

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

constexpr std::string_view length_bucket(std::size_t code_points) {
  return code_points < std::size(kLengthBuckets) ? kLengthBuckets[code_points] : std::string_view("9+");
}

// Latin letter names in Devanagari, normalized (nukta folded): the pieces of
// acronyms such as आईसीसी (ICC) or एनसीएलटी (NCLT).
constexpr std::string_view kLetterNames[] = {"ए",  "बी",   "सी",   "डी",  "ई",   "एफ",  "जी",  "एच", "ऐच", "आई", "जे",
                                             "के",  "एल",   "एम",   "एन",  "ओ",   "पी",  "क्यू",  "आर", "एस", "टी", "यू",
                                             "वी", "डब्ल्यू", "डबल्यू", "डब्लू", "एक्स", "वाई", "वाय", "जेड", "जैड"};

// The letter names by their first code point: every name starts with a
// Devanagari letter (three bytes, E0 A4 xx or E0 A5 xx), and bit k of
// kNamesByFirst[(second byte & 1) << 6 | (third byte & 0x3F)] says name k
// starts with it.
constexpr std::size_t first_letter_slot(std::string_view s, std::size_t i) {
  return (static_cast<std::size_t>(static_cast<unsigned char>(s[i + 1]) & 1) << 6) |
         (static_cast<unsigned char>(s[i + 2]) & 0x3F);
}
constexpr std::array<std::uint32_t, 128> kNamesByFirst = [] {
  std::array<std::uint32_t, 128> masks{};
  for (std::size_t k = 0; k < std::size(kLetterNames); ++k) masks[first_letter_slot(kLetterNames[k], 0)] |= 1u << k;
  return masks;
}();
static_assert(std::size(kLetterNames) <= 32);
static_assert(std::ranges::all_of(kLetterNames, [](std::string_view name) {
  return name.size() >= 3 && static_cast<unsigned char>(name[0]) == 0xE0 &&
         (static_cast<unsigned char>(name[1]) == 0xA4 || static_cast<unsigned char>(name[1]) == 0xA5);
}));

// How many letter names `word` is made of (the fewest), 0 when it is not
// made of letter names only.
std::size_t letter_name_count(std::string_view word) {
  if (word.size() < 6 || word.size() > 96 || static_cast<unsigned char>(word[0]) != 0xE0) return 0;
  std::array<std::uint8_t, 97> pieces;  // fewest pieces reaching byte i; 0xFF = unreachable
  pieces.fill(0xFF);
  pieces[0] = 0;
  for (std::size_t i = 0; i + 3 <= word.size(); ++i) {
    if (pieces[i] == 0xFF) continue;
    const auto b1 = static_cast<unsigned char>(word[i + 1]);
    if (static_cast<unsigned char>(word[i]) != 0xE0 || (b1 != 0xA4 && b1 != 0xA5)) continue;
    for (std::uint32_t names = kNamesByFirst[first_letter_slot(word, i)]; names != 0; names &= names - 1) {
      const std::string_view name = kLetterNames[std::countr_zero(names)];
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
// EntityTagger) and, per word of the aliases, the types of the aliases it occurs in.
struct GazetteerIndex {
  EntityTagger tagger{Gazetteer::builtin()};
  std::vector<std::uint8_t> word_types;  // by tagger word id; bit t: in an alias of an entity of EntityType t

  GazetteerIndex() : word_types(tagger.words().size(), 0) {
    for (const Entity& e : Gazetteer::builtin().entities()) {
      const auto bit = static_cast<std::uint8_t>(1u << static_cast<unsigned>(e.type));
      for (const std::string& alias : e.aliases)
        for (const analysis::Token& t : analysis::split_words(alias))
          if (!t.norm.empty()) word_types[tagger.word_id(t.norm)] |= bit;
    }
  }
};

const GazetteerIndex& gazetteer_index() {
  static const GazetteerIndex index;
  return index;
}

constexpr std::string_view kTypeNames[] = {"PER", "LOC", "ORG"};  // by EntityType

// Per-thread scratch (keeps capacity).
struct Scratch {
  std::vector<std::uint64_t> keys;       // fnv1a(norm) per token
  std::vector<std::uint32_t> gaz_words;  // EntityTagger word ids
  std::vector<EntityMention> mentions;
  std::vector<NerTag> gz;
  std::vector<std::uint8_t> ga;
  std::vector<std::string_view> acr;
  std::vector<NerLexicon::Values> lex;  // token i, lexicon k: lex[i * lexicons + k]
  std::vector<std::array<std::uint64_t, 7>> words;  // by WordHash, per token (extract)
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

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

// ---- extract(): the hash of "tpl|value" is fnv(state(tpl), value), where
// the template's state is computed at compile time.

constexpr std::uint64_t state(std::string_view tpl) { return fnv(fnv(kFnvOffset, tpl), "|"); }
constexpr std::uint64_t id_of(std::string_view tpl, std::string_view value) { return finish(fnv(state(tpl), value)); }

// One byte more of an FNV-1a hash.
inline std::uint64_t step(std::uint64_t h, unsigned char c) { return (h ^ c) * analysis::kFnvPrime; }

constexpr std::uint64_t kB = id_of("b", "");
constexpr std::uint64_t kW = state("w"), kWm1 = state("w-1"), kWp1 = state("w+1");
constexpr std::uint64_t kWm2 = state("w-2"), kWp2 = state("w+2");
constexpr std::uint64_t kWm1Bos = id_of("w-1", kBos), kWm2Bos = id_of("w-2", kBos);
constexpr std::uint64_t kWp1Eos = id_of("w+1", kEos), kWp2Eos = id_of("w+2", kEos);
constexpr std::uint64_t kBigramPrev = state("w-1w"), kBigramNext = state("ww+1");
constexpr std::uint64_t kBigramPrevBos = fnv(fnv(state("w-1w"), kBos), " ");  // "w-1w|<s> "
constexpr std::array<std::uint64_t, 4> kPrefixStates = {state("p1"), state("p2"), state("p3"), state("p4")};
constexpr std::array<std::uint64_t, 4> kSuffixStates = {state("s1"), state("s2"), state("s3"), state("s4")};
constexpr std::uint64_t kShape = state("sh");
constexpr std::array<std::uint64_t, 10> kLengthIds = [] {
  std::array<std::uint64_t, 10> ids{};
  for (std::size_t c = 0; c < ids.size(); ++c) ids[c] = id_of("len", length_bucket(c));
  return ids;
}();  // by min(code points, 9)
// acr, acr-1, acr+1, acr+2 with the buckets "2", "3", "4+" (2, 3, 4+ letters).
constexpr std::string_view kAcronymTemplates[] = {"acr", "acr-1", "acr+1", "acr+2"};
constexpr std::string_view kAcronymBuckets[] = {"2", "3", "4+"};
constexpr std::array<std::array<std::uint64_t, 3>, 4> kAcronymIds = [] {
  std::array<std::array<std::uint64_t, 3>, 4> ids{};
  for (std::size_t t = 0; t < 4; ++t)
    for (std::size_t b = 0; b < 3; ++b) ids[t][b] = id_of(kAcronymTemplates[t], kAcronymBuckets[b]);
  return ids;
}();
// gz, gz-1, gz+1, gz-2, gz+2 by tag.
constexpr std::string_view kGazetteerTemplates[] = {"gz", "gz-1", "gz+1", "gz-2", "gz+2"};
constexpr std::string_view kTagNames[] = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"};  // by NerTag
constexpr std::array<std::array<std::uint64_t, kNerTagCount>, 5> kGazetteerIds = [] {
  std::array<std::array<std::uint64_t, kNerTagCount>, 5> ids{};
  for (std::size_t t = 0; t < 5; ++t)
    for (std::size_t g = 0; g < kNerTagCount; ++g) ids[t][g] = id_of(kGazetteerTemplates[t], kTagNames[g]);
  return ids;
}();
constexpr std::array<std::uint64_t, 3> kAliasTypeIds = {id_of("ga", kTypeNames[0]), id_of("ga", kTypeNames[1]),
                                                        id_of("ga", kTypeNames[2])};

std::size_t acronym_index(std::string_view bucket) { return bucket == "2" ? 0 : bucket == "3" ? 1 : 2; }

// The ids extract() computes per word: the word under w, w-1, w+1, w-2, w+2
// (a feature of itself or of a token around it), and the token's bigrams
// "w-1w|<previous> <word>" and "ww+1|<word> <next>".
enum WordHash : std::size_t { kHashW, kHashWm1, kHashWp1, kHashWm2, kHashWp2, kHashPrevBigram, kHashNextBigram };

// The word shape of `original` into buf (at most 4 bytes); returns its length.
std::size_t word_shape(std::string_view original, char* buf) {
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
  return n > 4 ? 4 : n;
}

}  // namespace

// Word lookups for prepare(): one table keyed by fnv1a(norm) for the
// lexicons (which match by that hash) and the gazetteer's words (checked by
// their text), and the feature ids of every lexicon value.
struct NerFeatureExtractor::Tables {
  struct Entry {
    std::uint64_t key = 0;
    std::uint32_t lex = kNoLex;  // row of lex_values, kNoLex when no lexicon lists the hash
    std::uint32_t gaz_word = EntityTagger::kNoWord;
    std::uint32_t text = 0;  // the gazetteer word: Tables::text[text, text + length)
    std::uint32_t length = 0;
    std::uint8_t types = 0;  // GazetteerIndex::word_types of gaz_word
    std::uint8_t flags = 0;  // kUsed, kSharedKey
  };
  static constexpr std::uint32_t kNoLex = 0xFFFFFFFF;
  static constexpr std::uint8_t kUsed = 1, kSharedKey = 2;

  std::vector<Entry> slots;
  unsigned shift = 63;
  std::string text;
  std::size_t lexicons = 0;
  std::vector<NerLexicon::Values> lex_values;  // row r: lex_values[r * lexicons + k]
  // lexicon k, offset -1/0/+1 (o = 0/1/2), value v: lex_ids[k][o][v].
  std::vector<std::array<std::vector<std::uint64_t>, 3>> lex_ids;

  static std::uint64_t mix(std::uint64_t x) { return (x ^ (x >> 31)) * 0x9E3779B97F4A7C15ULL; }

  Tables(const std::vector<NerLexicon>& lexs, const GazetteerIndex* gaz) : lexicons(lexs.size()) {
    // The lexicons' hashes, ascending and unique: one row of values each.
    std::vector<std::uint64_t> keys;
    for (const NerLexicon& lex : lexs)
      for (std::size_t i = 0; i < lex.size(); ++i) keys.push_back(lex.key(i));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    auto row_of = [&](std::uint64_t key) {
      const auto it = std::lower_bound(keys.begin(), keys.end(), key);
      return it != keys.end() && *it == key ? static_cast<std::uint32_t>(it - keys.begin()) : kNoLex;
    };
    lex_values.resize(keys.size() * lexicons);
    for (std::size_t k = 0; k < lexs.size(); ++k)
      for (std::size_t i = 0; i < lexs[k].size(); ++i)
        lex_values[std::size_t{row_of(lexs[k].key(i))} * lexicons + k] = lexs[k].values(i);
    // One entry per gazetteer word (with the row of its hash, if any), and
    // one per other hash of the lexicons.
    std::vector<Entry> entries;
    if (gaz) {
      const auto& words = gaz->tagger.words();
      for (std::uint32_t w = 0; w < words.size(); ++w) {
        Entry e{.key = analysis::fnv1a(words[w]),
                .gaz_word = w,
                .text = static_cast<std::uint32_t>(text.size()),
                .length = static_cast<std::uint32_t>(words[w].size()),
                .types = gaz->word_types[w],
                .flags = kUsed};
        text += words[w];
        e.lex = row_of(e.key);
        entries.push_back(e);
      }
      std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
      for (std::size_t i = 0; i + 1 < entries.size(); ++i)
        if (entries[i].key == entries[i + 1].key) {
          entries[i].flags |= kSharedKey;
          entries[i + 1].flags |= kSharedKey;
        }
    }
    std::vector<char> has_word(keys.size(), 0);
    for (const Entry& e : entries)
      if (e.lex != kNoLex) has_word[e.lex] = 1;
    for (std::uint32_t r = 0; r < keys.size(); ++r)
      if (!has_word[r]) entries.push_back(Entry{.key = keys[r], .lex = r, .flags = kUsed});
    std::size_t capacity = 16;
    while (capacity < entries.size() * 2) capacity *= 2;
    shift = 64 - static_cast<unsigned>(std::countr_zero(capacity));
    slots.assign(capacity, Entry{});
    for (const Entry& e : entries) {
      std::size_t slot = mix(e.key) >> shift;
      while (slots[slot].flags & kUsed) slot = (slot + 1) & (capacity - 1);
      slots[slot] = e;
    }
    lex_ids.resize(lexs.size());
    for (std::size_t k = 0; k < lexs.size(); ++k)
      for (int offset = -1; offset <= 1; ++offset) {
        auto& ids = lex_ids[k][static_cast<std::size_t>(offset + 1)];
        ids.resize(lexs[k].value_count());
        for (std::uint32_t v = 0; v < ids.size(); ++v) ids[v] = id_of(lexs[k].template_at(offset), lexs[k].value(v));
      }
  }

  // What the lexicons and the gazetteer know of a word.
  struct Word {
    std::uint32_t lex = kNoLex;
    std::uint32_t gaz_word = EntityTagger::kNoWord;
    std::uint8_t types = 0;
  };
  Word find(std::string_view norm, std::uint64_t key) const {
    Word out;
    const std::size_t mask = slots.size() - 1;
    for (std::size_t slot = mix(key) >> shift;; slot = (slot + 1) & mask) {
      const Entry& e = slots[slot];
      if (!(e.flags & kUsed)) return out;
      if (e.key != key) continue;
      out.lex = e.lex;  // the same in every entry of the key
      if (e.gaz_word != EntityTagger::kNoWord && norm == std::string_view(text).substr(e.text, e.length)) {
        out.gaz_word = e.gaz_word;
        out.types = e.types;
        return out;
      }
      if (!(e.flags & kSharedKey)) return out;
    }
  }
};

std::uint64_t ner_feature_id(std::string_view rendered) { return finish(fnv(kFnvOffset, rendered)); }

std::string ner_word_shape(std::string_view original) {
  char buf[4];
  return std::string(buf, word_shape(original, buf));
}

struct NerFeatureExtractor::LazyTables {
  std::once_flag once;
  std::unique_ptr<const Tables> tables;
};

bool NerGazetteerHoldout::hides(std::string_view entity_id) const {
  if (share <= 0) return false;
  // A hash of seed and id, as a number in [0, 1).
  std::uint64_t h = analysis::fnv1a(entity_id) ^ (seed * 0x9E3779B97F4A7C15ull);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) * 0x1.0p-53 < share;
}

NerFeatureExtractor::NerFeatureExtractor(const NerFeatureOptions& options, std::vector<NerLexicon> lexicons,
                                         NerGazetteerHoldout holdout)
    : options_(options),
      holdout_(holdout),
      lexicons_(std::make_shared<const std::vector<NerLexicon>>(std::move(lexicons))) {
  if (options_.affixes > 4) options_.affixes = 4;
  if (options_.gazetteer) gazetteer_index();  // build it now, not on the first sentence
  tables_ = std::make_shared<LazyTables>();
}

const NerFeatureExtractor::Tables& NerFeatureExtractor::tables() const {
  std::call_once(tables_->once, [&] {
    tables_->tables = std::make_unique<const Tables>(*lexicons_, options_.gazetteer ? &gazetteer_index() : nullptr);
  });
  return *tables_->tables;
}

void NerFeatureExtractor::prepare(std::span<const NerToken> tokens, std::span<const std::uint64_t> keys) const {
  const std::size_t n = tokens.size();
  Scratch& s = scratch();
  const Tables& tables = this->tables();
  const std::size_t nl = lexicons_->size();
  if (options_.gazetteer) {
    s.gz.assign(n, NerTag::O);
    s.ga.assign(n, 0);
    s.gaz_words.resize(n);
  }
  if (nl > 0) s.lex.assign(n * nl, NerLexicon::Values{});
  if (options_.gazetteer || nl > 0) {
    for (std::size_t i = 0; i < n; ++i) {
      const Tables::Word w = tables.find(tokens[i].norm, keys[i]);
      if (options_.gazetteer) {
        s.gaz_words[i] = w.gaz_word;
        s.ga[i] = w.types;
      }
      if (w.lex != Tables::kNoLex)
        std::copy_n(tables.lex_values.begin() + static_cast<std::ptrdiff_t>(std::size_t{w.lex} * nl), nl,
                    s.lex.begin() + static_cast<std::ptrdiff_t>(i * nl));
    }
  }
  if (options_.gazetteer) {
    gazetteer_index().tagger.tag_words(std::span(s.gaz_words.data(), n), s.mentions);
    for (const EntityMention& m : s.mentions) {
      if (holdout_.hides(m.entity->id)) continue;
      s.gz[m.first_token] = ner_begin(m.entity->type);
      for (std::size_t j = m.first_token + 1; j <= m.last_token; ++j) s.gz[j] = ner_inside(m.entity->type);
    }
  }
  if (options_.acronym) {
    s.acr.resize(n);
    for (std::size_t i = 0; i < n; ++i) s.acr[i] = acronym_bucket(letter_name_count(tokens[i].norm));
  }
}

// render(): every feature spelled out, in the order extract() hashes them.
template <class Sink>
void NerFeatureExtractor::emit(std::span<const NerToken> tokens, Sink& sink) const {
  const std::size_t n = tokens.size();
  Scratch& s = scratch();
  const std::vector<NerLexicon>& lexicons = *lexicons_;
  const std::size_t nl = lexicons.size();
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
  const std::size_t n = tokens.size();
  Scratch& s = scratch();
  // 1. One pass over each word's bytes for every hash that reads the whole
  // word. The bigram "w-1w|a b" of token j is finished in word j's pass from
  // the state word j-1's pass left ("w-1w|a "), and "ww+1|a b" of token j-1
  // likewise; the lexicon key is the word hashed from the start.
  s.words.resize(n);
  s.keys.resize(n);
  std::uint64_t prev_bigram = kBigramPrevBos;  // "w-1w|<word j-1> "
  std::uint64_t next_bigram = 0;               // "ww+1|<word j-1> "
  for (std::size_t j = 0; j < n; ++j) {
    const std::string_view w = tokens[j].norm;
    std::uint64_t h[10] = {kW, kWm1, kWp1, kWm2, kWp2, prev_bigram, next_bigram, kBigramPrev, kBigramNext, kFnvOffset};
    for (const char ch : w) {
      const auto c = static_cast<unsigned char>(ch);
      for (std::uint64_t& x : h) x = step(x, c);
    }
    auto& ids = s.words[j];
    for (std::size_t l = kHashW; l <= kHashPrevBigram; ++l) ids[l] = finish(h[l]);
    if (j > 0) s.words[j - 1][kHashNextBigram] = finish(h[6]);
    s.keys[j] = h[9];
    prev_bigram = step(h[7], ' ');
    next_bigram = step(h[8], ' ');
  }
  if (n > 0) s.words[n - 1][kHashNextBigram] = finish(fnv(next_bigram, kEos));
  prepare(tokens, s.keys);

  // 2. The ids, token by token, in render() order.
  const Tables& tables = this->tables();
  const std::size_t nl = lexicons_->size();
  const std::size_t affixes = options_.affixes;
  std::vector<std::uint64_t>& ids = out.ids;
  ids.reserve(n * 32);
  out.offsets.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    out.offsets.push_back(static_cast<std::uint32_t>(ids.size()));
    const std::string_view w = tokens[i].norm;
    ids.push_back(kB);
    ids.push_back(s.words[i][kHashW]);
    ids.push_back(i > 0 ? s.words[i - 1][kHashWm1] : kWm1Bos);
    ids.push_back(i + 1 < n ? s.words[i + 1][kHashWp1] : kWp1Eos);
    if (options_.context2) {
      ids.push_back(i > 1 ? s.words[i - 2][kHashWm2] : kWm2Bos);
      ids.push_back(i + 2 < n ? s.words[i + 2][kHashWp2] : kWp2Eos);
    }
    if (options_.bigrams) {
      ids.push_back(s.words[i][kHashPrevBigram]);
      ids.push_back(s.words[i][kHashNextBigram]);
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
    // p1..pK (the first k code points) and s1..sK (the last k), K < cps:
    // the four prefix hashes in one pass over the bytes, the suffixes likewise.
    const std::size_t k_max = cps == 0 ? 0 : std::min(affixes, cps - 1);
    if (k_max > 0) {
      std::array<std::uint64_t, 4> p = kPrefixStates;
      for (std::size_t b = 0; b < head[k_max]; ++b) {
        const auto c = static_cast<unsigned char>(w[b]);
        for (std::size_t k = 0; k < 4; ++k) {
          const std::uint64_t x = step(p[k], c);
          p[k] = b < head[k + 1] ? x : p[k];
        }
      }
      for (std::size_t k = 0; k < k_max; ++k) ids.push_back(finish(p[k]));
      std::array<std::uint64_t, 4> q = kSuffixStates;
      for (std::size_t b = tail[k_max - 1]; b < w.size(); ++b) {
        const auto c = static_cast<unsigned char>(w[b]);
        for (std::size_t k = 0; k < 4; ++k) {
          const std::uint64_t x = step(q[k], c);
          q[k] = b >= tail[k] ? x : q[k];
        }
      }
      for (std::size_t k = 0; k < k_max; ++k) ids.push_back(finish(q[k]));
    }
    if (options_.shape) {
      char shape[4];
      const std::size_t len = word_shape(tokens[i].original, shape);
      ids.push_back(finish(fnv(kShape, std::string_view(shape, len))));
      ids.push_back(kLengthIds[std::min<std::size_t>(cps, kLengthIds.size() - 1)]);
    }
    if (options_.acronym) {
      if (!s.acr[i].empty()) ids.push_back(kAcronymIds[0][acronym_index(s.acr[i])]);
      if (i > 0 && !s.acr[i - 1].empty()) ids.push_back(kAcronymIds[1][acronym_index(s.acr[i - 1])]);
      if (i + 1 < n && !s.acr[i + 1].empty()) ids.push_back(kAcronymIds[2][acronym_index(s.acr[i + 1])]);
      if (i + 2 < n && !s.acr[i + 2].empty()) ids.push_back(kAcronymIds[3][acronym_index(s.acr[i + 2])]);
    }
    if (options_.stem) {
      const std::string stem = analysis::stem_hindi(w);
      if (stem != w) ids.push_back(id_of("st", stem));
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
          std::uint64_t h = fnv(state("c"), k == 0 ? "^" : "");
          h = fnv(h, piece);
          ids.push_back(finish(fnv(h, k + g - 1 == m + 1 ? "$" : "")));
        }
      }
    }
    if (options_.gazetteer) {
      auto gz = [&](std::size_t tpl, std::size_t j) {
        ids.push_back(kGazetteerIds[tpl][static_cast<std::size_t>(s.gz[j])]);
      };
      if (s.gz[i] != NerTag::O) gz(0, i);
      if (i > 0 && s.gz[i - 1] != NerTag::O) gz(1, i - 1);
      if (i + 1 < n && s.gz[i + 1] != NerTag::O) gz(2, i + 1);
      if (options_.context2 && i > 1 && s.gz[i - 2] != NerTag::O) gz(3, i - 2);
      if (options_.context2 && i + 2 < n && s.gz[i + 2] != NerTag::O) gz(4, i + 2);
      for (unsigned t = 0; t < 3; ++t)
        if (s.ga[i] & (1u << t)) ids.push_back(kAliasTypeIds[t]);
    }
    for (std::size_t k = 0; k < nl; ++k) {
      for (int offset = -1; offset <= 1; ++offset) {
        const auto j = static_cast<std::ptrdiff_t>(i) + offset;
        if (j < 0 || static_cast<std::size_t>(j) >= n) continue;
        const NerLexicon::Values v = s.lex[static_cast<std::size_t>(j) * nl + k];
        const std::vector<std::uint64_t>& value_ids = tables.lex_ids[k][static_cast<std::size_t>(offset + 1)];
        for (std::size_t x = 0; x < v.count; ++x) ids.push_back(value_ids[v.first[x]]);
      }
    }
  }
  out.offsets.push_back(static_cast<std::uint32_t>(ids.size()));
}

std::string NerFeatureExtractor::render(std::span<const NerToken> tokens) const {
  Scratch& s = scratch();
  s.keys.resize(tokens.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) s.keys[i] = analysis::fnv1a(tokens[i].norm);
  prepare(tokens, s.keys);
  RenderSink sink{.tokens = tokens};
  emit(tokens, sink);
  return std::move(sink.out);
}

}  // namespace talash::entities
