#include "entities/ner_model.h"
#include "analysis/fnv.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace talash::embedded {
extern const std::string_view ner_model_bin;
}

namespace talash::entities {
namespace {

// File layout (little-endian):
//   "TLSHNER1"                      magic, format version 1
//   u8 context2, bigrams, affixes, shape, gazetteer, acronym, stem, ngrams (NerFeatureOptions)
//   u8 order (1 or 2), u8 direction (0 left to right, 1 right to left), u8[6] zero
//   f64 scale
//   u32 info length, info bytes (UTF-8)
//   u32 lexicon count, each as NerLexicon::write() puts it
//   i16 transitions[8 * 7]         row 0 = sentence start, row p+1 = after tag p
//   i16 transitions2[8 * 8 * 7]    order 2 only: (two back, one back, tag), 0 = before the start
//   u32 feature count
//   per feature, ids strictly ascending:
//     u64 id, u8 mask (bit t: tag t has a nonzero weight), i16 per set bit
//   u64 FNV-1a of every byte before it
constexpr std::string_view kMagic = "TLSHNER1";
// An ensemble:
//   "TLSHNERE"
//   u32 info length, info bytes
//   u32 lexicon count, each as NerLexicon::write() puts it (shared by the members)
//   u32 member count, per member: u32 length, a whole "TLSHNER1" file without lexicons
//   u64 FNV-1a of every byte before it
constexpr std::string_view kEnsembleMagic = "TLSHNERE";
static_assert(std::endian::native == std::endian::little, "the model format is little-endian");

std::uint64_t checksum(std::string_view bytes) {
  return analysis::fnv1a(bytes);
}

template <class T>
void put(std::string& out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out.append(buf, sizeof(T));
}

struct Reader {
  std::string_view bytes;
  std::size_t pos = 0;
  bool ok = true;
  template <class T>
  T get() {
    T value{};
    if (pos + sizeof(T) > bytes.size()) {
      ok = false;
      return value;
    }
    std::memcpy(&value, bytes.data() + pos, sizeof(T));
    pos += sizeof(T);
    return value;
  }
  std::string_view take(std::size_t n) {
    if (pos + n > bytes.size()) {
      ok = false;
      return {};
    }
    auto s = bytes.substr(pos, n);
    pos += n;
    return s;
  }
};

inline std::uint64_t slot_of(std::uint64_t id) {
  // The ids are FNV hashes; one multiply spreads their high bits down.
  return (id ^ (id >> 31)) * 0x9E3779B97F4A7C15ULL;
}

// Per-thread buffers for tag() and find().
struct TagScratch {
  NerFeatures features;
  std::vector<std::int32_t> emissions;
  std::vector<std::int32_t> ensemble_emissions;
  std::vector<std::uint8_t> backpointers;
  std::vector<NerTag> tags;
};

TagScratch& tag_scratch() {
  thread_local TagScratch s;
  return s;
}

bool is_space_or_format(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x2060 ||
         c == 0x3000 || c == 0xFEFF || c == 0xAD;
}

char32_t decode_at(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const int len = b0 < 0x80 ? 1 : b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  ++i;
  for (int k = 1; k < len && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80; ++k, ++i)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  return cp;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

NerModel::NerModel() : NerModel(Parts{}) {}

NerModel::NerModel(Parts parts)
    : extractor_(parts.features, std::move(parts.lexicons)),
      scale_(parts.scale),
      transitions_(parts.transitions),
      second_order_(parts.transitions2.has_value()),
      reversed_(parts.reversed),
      info_(std::move(parts.info)) {
  if (second_order_) transitions2_ = *parts.transitions2;
  for (std::size_t i = 0; i < kNerTransitionCount; ++i) transitions32_[i] = transitions_[i];
  for (std::size_t i = 0; i < kNerTransition2Count; ++i) transitions2_32_[i] = transitions2_[i];
  build_table(std::move(parts.weights));
}

NerModel::Parts NerModel::parts() const {
  Parts p{.features = feature_options(),
          .scale = scale_,
          .transitions = transitions_,
          .transitions2 = second_order_ ? std::optional(transitions2_) : std::nullopt,
          .info = info_,
          .lexicons = extractor_.lexicons(),
          .reversed = reversed_};
  p.weights.resize(rows_.size());
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    p.weights[r].id = row_ids_[r];
    std::copy_n(rows_[r].begin(), kNerTagCount, p.weights[r].weights.begin());
  }
  return p;
}

void NerModel::build_table(std::vector<FeatureWeights> features) {
  std::sort(features.begin(), features.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  rows_.clear();
  row_ids_.clear();
  rows_.reserve(features.size());
  row_ids_.reserve(features.size());
  for (const FeatureWeights& f : features) {
    if (f.id == 0) throw std::invalid_argument("NerModel: feature id 0");
    if (!row_ids_.empty() && row_ids_.back() == f.id) throw std::invalid_argument("NerModel: duplicate feature id");
    Row row{};
    std::copy(f.weights.begin(), f.weights.end(), row.begin());
    rows_.push_back(row);
    row_ids_.push_back(f.id);
  }
  std::size_t capacity = 16;
  while (capacity < rows_.size() * 2) capacity *= 2;  // load factor <= 0.5
  keys_.assign(capacity, 0);
  slot_row_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (std::size_t r = 0; r < row_ids_.size(); ++r) {
    std::uint64_t slot = slot_of(row_ids_[r]) & mask_;
    while (keys_[slot] != 0) slot = (slot + 1) & mask_;
    keys_[slot] = row_ids_[r];
    slot_row_[slot] = static_cast<std::uint32_t>(r);
  }
}

const std::int16_t* NerModel::weights(std::uint64_t id) const {
  std::uint64_t slot = slot_of(id) & mask_;
  while (true) {
    const std::uint64_t key = keys_[slot];
    if (key == id) return rows_[slot_row_[slot]].data();
    if (key == 0) return nullptr;
    slot = (slot + 1) & mask_;
  }
}

std::size_t NerModel::feature_count() const {
  if (members_.empty()) return rows_.size();
  std::size_t n = 0;
  for (const NerModel& m : members_) n += m.feature_count();
  return n;
}

NerModel NerModel::ensemble(std::vector<NerModel> members, std::string info) {
  if (members.empty()) throw std::invalid_argument("NerModel::ensemble: no members");
  for (const NerModel& m : members) {
    if (!m.members_.empty()) throw std::invalid_argument("NerModel::ensemble: a member is an ensemble");
    if (!(m.feature_options() == members[0].feature_options()) ||
        !(m.extractor_.lexicons() == members[0].extractor_.lexicons()))
      throw std::invalid_argument("NerModel::ensemble: members read different features");
  }
  NerModel e = members[0];
  e.info_ = std::move(info);
  e.members_ = std::move(members);
  e.build_ensemble_table();
  return e;
}

bool operator==(const NerModel& a, const NerModel& b) {
  if (!a.members_.empty() || !b.members_.empty()) return a.info_ == b.info_ && a.members_ == b.members_;
  return a.feature_options() == b.feature_options() && a.scale_ == b.scale_ && a.transitions_ == b.transitions_ &&
         a.second_order_ == b.second_order_ && a.reversed_ == b.reversed_ && a.transitions2_ == b.transitions2_ && a.info_ == b.info_ &&
         a.extractor_.lexicons() == b.extractor_.lexicons() && a.row_ids_ == b.row_ids_ && a.rows_ == b.rows_;
}

std::string NerModel::save() const {
  if (!members_.empty()) {
    std::string out(kEnsembleMagic);
    put(out, static_cast<std::uint32_t>(info_.size()));
    out += info_;
    put(out, static_cast<std::uint32_t>(extractor_.lexicons().size()));
    for (const NerLexicon& lexicon : extractor_.lexicons()) lexicon.write(out);
    put(out, static_cast<std::uint32_t>(members_.size()));
    for (const NerModel& m : members_) {
      Parts parts = m.parts();
      parts.lexicons.clear();
      const std::string bytes = NerModel(std::move(parts)).save();
      put(out, static_cast<std::uint32_t>(bytes.size()));
      out += bytes;
    }
    put(out, checksum(out));
    return out;
  }
  std::string out(kMagic);
  const NerFeatureOptions& o = feature_options();
  const std::uint8_t flags[8] = {o.context2, o.bigrams, o.affixes, o.shape, o.gazetteer, o.acronym, o.stem, o.ngrams};
  out.append(reinterpret_cast<const char*>(flags), sizeof(flags));
  const std::uint8_t structure[8] = {
      static_cast<std::uint8_t>(second_order_ ? 2 : 1), static_cast<std::uint8_t>(reversed_ ? 1 : 0), 0, 0, 0, 0, 0, 0};
  out.append(reinterpret_cast<const char*>(structure), sizeof(structure));
  put(out, scale_);
  put(out, static_cast<std::uint32_t>(info_.size()));
  out += info_;
  put(out, static_cast<std::uint32_t>(extractor_.lexicons().size()));
  for (const NerLexicon& lexicon : extractor_.lexicons()) lexicon.write(out);
  for (const std::int16_t t : transitions_) put(out, t);
  if (second_order_)
    for (const std::int16_t t : transitions2_) put(out, t);
  put(out, static_cast<std::uint32_t>(rows_.size()));
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    put(out, row_ids_[r]);
    std::uint8_t mask = 0;
    for (std::size_t t = 0; t < kNerTagCount; ++t)
      if (rows_[r][t] != 0) mask |= static_cast<std::uint8_t>(1u << t);
    put(out, mask);
    for (std::size_t t = 0; t < kNerTagCount; ++t)
      if (rows_[r][t] != 0) put(out, rows_[r][t]);
  }
  put(out, checksum(out));
  return out;
}

std::expected<NerModel, std::string> NerModel::load(std::string_view bytes) {
  auto fail = [](std::string reason) { return std::unexpected("NER model: " + std::move(reason)); };
  if (bytes.size() >= kEnsembleMagic.size() + 8 && bytes.substr(0, kEnsembleMagic.size()) == kEnsembleMagic) {
    std::uint64_t stored;
    std::memcpy(&stored, bytes.data() + bytes.size() - 8, 8);
    if (checksum(bytes.substr(0, bytes.size() - 8)) != stored)
      return fail("checksum mismatch (truncated or corrupt file)");
    Reader in{bytes.substr(0, bytes.size() - 8), kEnsembleMagic.size()};
    const auto info_size = in.get<std::uint32_t>();
    std::string info(in.take(info_size));
    const auto lexicon_count = in.get<std::uint32_t>();
    if (!in.ok || lexicon_count > 64) return fail("bad ensemble header");
    std::vector<NerLexicon> lexicons(lexicon_count);
    for (auto& lexicon : lexicons)
      if (!NerLexicon::read(in.bytes, in.pos, lexicon)) return fail("malformed lexicon");
    const auto count = in.get<std::uint32_t>();
    if (!in.ok || count == 0 || count > 64) return fail("bad ensemble header");
    std::vector<NerModel> members;
    for (std::uint32_t k = 0; k < count; ++k) {
      const auto size = in.get<std::uint32_t>();
      const std::string_view member = in.take(size);
      if (!in.ok) return fail("truncated ensemble member " + std::to_string(k + 1));
      if (member.substr(0, kEnsembleMagic.size()) == kEnsembleMagic)
        return fail("ensemble member " + std::to_string(k + 1) + " is an ensemble");
      auto loaded = load(member);
      if (!loaded) return fail("ensemble member " + std::to_string(k + 1) + ": " + loaded.error());
      if (!loaded->extractor_.lexicons().empty())
        return fail("ensemble member " + std::to_string(k + 1) + " has its own lexicons");
      Parts parts = loaded->parts();
      parts.lexicons = lexicons;
      members.emplace_back(std::move(parts));
    }
    if (in.pos != in.bytes.size()) return fail(std::to_string(in.bytes.size() - in.pos) + " stray bytes at the end");
    try {
      return ensemble(std::move(members), std::move(info));
    } catch (const std::invalid_argument& e) {
      return fail(e.what());
    }
  }
  if (bytes.size() < kMagic.size() + 8 || bytes.substr(0, kMagic.size()) != kMagic)
    return fail("not a Talash NER model (bad magic; expected " + std::string(kMagic) + ")");
  if (checksum(bytes.substr(0, bytes.size() - 8)) != [&] {
        std::uint64_t c;
        std::memcpy(&c, bytes.data() + bytes.size() - 8, 8);
        return c;
      }())
    return fail("checksum mismatch (truncated or corrupt file)");
  Reader in{bytes.substr(0, bytes.size() - 8), kMagic.size()};
  std::uint8_t flags[8] = {};
  if (const std::string_view raw = in.take(sizeof flags); raw.size() == sizeof flags)
    std::memcpy(flags, raw.data(), sizeof flags);
  NerFeatureOptions options{.context2 = flags[0] != 0,
                            .bigrams = flags[1] != 0,
                            .affixes = flags[2],
                            .shape = flags[3] != 0,
                            .gazetteer = flags[4] != 0,
                            .acronym = flags[5] != 0,
                            .stem = flags[6] != 0,
                            .ngrams = flags[7]};
  if (flags[2] > 4) return fail("affix length " + std::to_string(flags[2]) + " (at most 4)");
  std::uint8_t structure[8] = {};
  if (const std::string_view raw = in.take(sizeof structure); raw.size() == sizeof structure)
    std::memcpy(structure, raw.data(), sizeof structure);
  if (structure[0] != 1 && structure[0] != 2) return fail("unknown model order " + std::to_string(structure[0]));
  if (structure[1] > 1) return fail("unknown direction " + std::to_string(structure[1]));
  const auto scale = in.get<double>();
  const auto info_size = in.get<std::uint32_t>();
  std::string info(in.take(info_size));
  const auto lexicon_count = in.get<std::uint32_t>();
  if (!in.ok || lexicon_count > 64) return fail("truncated header");
  std::vector<NerLexicon> lexicons(lexicon_count);
  for (auto& lexicon : lexicons)
    if (!NerLexicon::read(in.bytes, in.pos, lexicon)) return fail("malformed lexicon");
  Parts parts{.features = options,
              .scale = scale,
              .info = std::move(info),
              .lexicons = std::move(lexicons),
              .reversed = structure[1] == 1};
  for (auto& t : parts.transitions) t = in.get<std::int16_t>();
  if (structure[0] == 2) {
    parts.transitions2.emplace();
    for (auto& t : *parts.transitions2) t = in.get<std::int16_t>();
  }
  const auto count = in.get<std::uint32_t>();
  if (!in.ok) return fail("truncated header");
  std::vector<FeatureWeights>& features = parts.weights;
  features.reserve(count);
  std::uint64_t prev = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    FeatureWeights f;
    f.id = in.get<std::uint64_t>();
    const auto mask = in.get<std::uint8_t>();
    if (!in.ok) return fail("truncated at feature " + std::to_string(i));
    if (f.id <= prev) return fail("feature ids not strictly ascending at feature " + std::to_string(i));
    if (mask >= (1u << kNerTagCount)) return fail("bad tag mask at feature " + std::to_string(i));
    for (std::size_t t = 0; t < kNerTagCount; ++t)
      if (mask & (1u << t)) f.weights[t] = in.get<std::int16_t>();
    prev = f.id;
    features.push_back(f);
  }
  if (!in.ok) return fail("truncated feature table");
  if (in.pos != in.bytes.size()) return fail(std::to_string(in.bytes.size() - in.pos) + " stray bytes at the end");
  return NerModel(std::move(parts));
}

const NerModel& NerModel::builtin() {
  static const NerModel model = [] {
    auto loaded = load(embedded::ner_model_bin);
    if (!loaded) throw std::runtime_error("built-in " + loaded.error());
    return std::move(*loaded);
  }();
  return model;
}

std::vector<NerTag> NerModel::tag(std::span<const NerToken> tokens) const {
  std::vector<NerTag> out;
  tag(tokens, out);
  return out;
}

void NerModel::decode(const NerFeatures& features, std::size_t n, std::vector<NerTag>& out) const {
  TagScratch& s = tag_scratch();
  s.emissions.assign(n * kNerTagCount, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::int32_t acc[8] = {};
    for (std::uint32_t k = features.offsets[i]; k < features.offsets[i + 1]; ++k) {
      if (const std::int16_t* w = weights(features.ids[k]))
        for (std::size_t t = 0; t < 8; ++t) acc[t] += w[t];
    }
    std::copy_n(acc, kNerTagCount, s.emissions.begin() + static_cast<std::ptrdiff_t>(i * kNerTagCount));
  }
  viterbi(s.emissions, out);
}

void NerModel::viterbi(std::vector<std::int32_t>& emissions, std::vector<NerTag>& out) const {
  TagScratch& s = tag_scratch();
  const std::size_t n = emissions.size() / kNerTagCount;
  if (reversed_)  // token-major blocks in reverse order
    for (std::size_t i = 0, j = n; i + 1 < j; ++i, --j)
      std::swap_ranges(emissions.begin() + static_cast<std::ptrdiff_t>(i * kNerTagCount),
                       emissions.begin() + static_cast<std::ptrdiff_t>((i + 1) * kNerTagCount),
                       emissions.begin() + static_cast<std::ptrdiff_t>((j - 1) * kNerTagCount));
  if (second_order_)
    ner_viterbi2<std::int32_t>(emissions, transitions32_, transitions2_32_, out, s.backpointers);
  else
    ner_viterbi<std::int32_t>(emissions, transitions32_, out, s.backpointers);
  if (reversed_) out = ner_reverse(out);
}

void NerModel::build_ensemble_table() {
  const std::size_t m = members_.size();
  std::vector<std::uint64_t> ids;
  for (const NerModel& member : members_) ids.insert(ids.end(), member.row_ids_.begin(), member.row_ids_.end());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ens_rows_.assign(ids.size() * m, Row{});
  for (std::size_t k = 0; k < m; ++k) {
    const NerModel& member = members_[k];
    std::size_t r = 0;
    for (std::size_t j = 0; j < member.row_ids_.size(); ++j) {
      while (ids[r] != member.row_ids_[j]) ++r;  // both ascending
      ens_rows_[r * m + k] = member.rows_[j];
    }
  }
  std::size_t capacity = 16;
  while (capacity < ids.size() * 2) capacity *= 2;
  ens_keys_.assign(capacity, 0);
  ens_slot_row_.assign(capacity, 0);
  ens_mask_ = capacity - 1;
  for (std::size_t r = 0; r < ids.size(); ++r) {
    std::uint64_t slot = slot_of(ids[r]) & ens_mask_;
    while (ens_keys_[slot] != 0) slot = (slot + 1) & ens_mask_;
    ens_keys_[slot] = ids[r];
    ens_slot_row_[slot] = static_cast<std::uint32_t>(r);
  }
}

void NerModel::tag(std::span<const NerToken> tokens, std::vector<NerTag>& out) const {
  TagScratch& s = tag_scratch();
  extractor_.extract(tokens, s.features);
  const std::size_t n = tokens.size();
  if (members_.empty()) {
    decode(s.features, n, out);
    return;
  }
  // Votes per mention (members read the same features, so they are extracted once).
  struct Vote {
    NerSpan span;
    std::size_t votes;
  };
  std::vector<Vote> votes;
  std::vector<NerTag> tags;
  // Every member's emissions in one pass over the features: [member][token][tag].
  const std::size_t members = members_.size();
  std::vector<std::int32_t>& all = s.ensemble_emissions;
  all.assign(members * n * kNerTagCount, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint32_t k = s.features.offsets[i]; k < s.features.offsets[i + 1]; ++k) {
      const std::uint64_t id = s.features.ids[k];
      std::uint64_t slot = slot_of(id) & ens_mask_;
      while (ens_keys_[slot] != id && ens_keys_[slot] != 0) slot = (slot + 1) & ens_mask_;
      if (ens_keys_[slot] == 0) continue;
      const Row* rows = ens_rows_.data() + std::size_t{ens_slot_row_[slot]} * members;
      for (std::size_t mi = 0; mi < members; ++mi) {
        std::int32_t* e = all.data() + (mi * n + i) * kNerTagCount;
        for (std::size_t t = 0; t < kNerTagCount; ++t) e[t] += rows[mi][t];
      }
    }
  }
  for (std::size_t mi = 0; mi < members; ++mi) {
    const NerModel& m = members_[mi];
    s.emissions.assign(all.begin() + static_cast<std::ptrdiff_t>(mi * n * kNerTagCount),
                       all.begin() + static_cast<std::ptrdiff_t>((mi + 1) * n * kNerTagCount));
    m.viterbi(s.emissions, tags);
    for (const NerSpan& span : ner_spans(tags)) {
      auto it = std::find_if(votes.begin(), votes.end(), [&](const Vote& v) { return v.span == span; });
      if (it == votes.end())
        votes.push_back({span, 1});
      else
        ++it->votes;
    }
  }
  std::stable_sort(votes.begin(), votes.end(), [](const Vote& a, const Vote& b) {
    return a.votes != b.votes ? a.votes > b.votes : a.span.first_token < b.span.first_token;
  });
  out.assign(n, NerTag::O);
  for (const Vote& v : votes) {
    if (2 * v.votes <= members_.size()) break;
    bool free = true;
    for (std::size_t i = v.span.first_token; i <= v.span.last_token; ++i) free &= out[i] == NerTag::O;
    if (!free) continue;
    out[v.span.first_token] = ner_begin(v.span.type);
    for (std::size_t i = v.span.first_token + 1; i <= v.span.last_token; ++i) out[i] = ner_inside(v.span.type);
  }
}

std::vector<NerSpan> NerModel::find(std::string_view text, std::span<const analysis::Token> tokens) const {
  std::vector<NerSpan> spans;
  TagScratch& s = tag_scratch();
  std::vector<NerToken> sequence;
  std::vector<std::int64_t> word_of;  // sequence index -> index into `tokens`; -1 for punctuation
  std::vector<std::size_t> cuts;      // a sentence ends before each of these sequence indexes
  sequence.reserve(tokens.size() * 5 / 4 + 4);
  word_of.reserve(sequence.capacity());

  // The punctuation in text[from, to) becomes tokens of its own, as in CoNLL
  // data; a danda, ? or ! (or a line break, or a full stop after a word that
  // is not an initial) ends the sentence.
  auto gap = [&](std::size_t from, std::size_t to, std::size_t prev_word_cps) {
    for (std::size_t i = from; i < to;) {
      const std::size_t start = i;
      const char32_t c = decode_at(text, i);
      if (c == '\n' || c == 0x2029) {
        if (!sequence.empty()) cuts.push_back(sequence.size());
        continue;
      }
      if (is_space_or_format(c)) continue;
      const std::string_view p = text.substr(start, i - start);
      sequence.push_back(NerToken{.norm = p, .original = p});
      word_of.push_back(-1);
      if (c == 0x0964 || c == 0x0965 || c == '?' || c == '!' || (c == '.' && prev_word_cps >= 4))
        cuts.push_back(sequence.size());
    }
  };
  std::size_t prev_end = 0;
  std::size_t prev_cps = 0;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const analysis::Token& t = tokens[k];
    gap(prev_end, t.begin, prev_cps);
    sequence.push_back(NerToken{.norm = t.norm, .original = text.substr(t.begin, t.end - t.begin)});
    word_of.push_back(static_cast<std::int64_t>(k));
    prev_end = t.end;
    prev_cps = code_points(t.norm);
  }
  gap(prev_end, text.size(), prev_cps);
  cuts.push_back(sequence.size());

  std::size_t start = 0;
  for (const std::size_t cut : cuts) {
    if (cut <= start) continue;
    const std::span<const NerToken> sentence(sequence.data() + start, cut - start);
    tag(sentence, s.tags);
    for (const NerSpan& m : ner_spans(s.tags)) {
      // Trim punctuation at the edges; a mention of punctuation only is none.
      std::size_t a = start + m.first_token;
      std::size_t b = start + m.last_token;
      while (a <= b && word_of[a] < 0) ++a;
      while (b > a && word_of[b] < 0) --b;
      if (a > b || word_of[a] < 0) continue;
      spans.push_back(NerSpan{.type = m.type,
                              .first_token = static_cast<std::size_t>(word_of[a]),
                              .last_token = static_cast<std::size_t>(word_of[b])});
    }
    start = cut;
  }
  return spans;
}

}  // namespace talash::entities
