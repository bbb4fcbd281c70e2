#include "entities/ner_model.h"
#include "analysis/fnv.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

constexpr std::size_t kLanes = NerViterbi2Tables<std::int32_t>::kLanes;  // emission scores per token

// Per-thread buffers for tag() and find().
struct TagScratch {
  NerFeatures features;
  std::vector<std::int32_t> emissions;  // [member][token][lane]
  std::vector<std::int32_t> compact;    // one member's, kNerTagCount per token (first-order decoding)
  std::vector<std::uint64_t> hashes;    // per feature (WeightTable::accumulate)
  std::vector<std::uint32_t> entries;   // per feature: the entry it may be (WeightTable::accumulate)
  std::vector<std::uint8_t> backpointers;
  std::vector<NerTag> tags;         // find(): one sentence's tags
  std::vector<NerTag> member_tags;  // tag(): one member's
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
  std::array<std::int32_t, kNerTransition2Count> transitions2_32{};
  for (std::size_t i = 0; i < kNerTransition2Count; ++i) transitions2_32[i] = transitions2_[i];
  viterbi2_tables_ = NerViterbi2Tables<std::int32_t>(transitions32_, transitions2_32);
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
  p.weights.resize(table_.size());
  for (std::size_t r = 0; r < table_.size(); ++r) {
    p.weights[r].id = table_.id(r);
    std::copy_n(table_.row(r, 0), kNerTagCount, p.weights[r].weights.begin());
  }
  return p;
}

void NerModel::WeightTable::build(std::span<const std::uint64_t> ids, std::size_t members) {
  size_ = ids.size();
  members_ = members;
  stride_ = 32;
  while (stride_ < 8 + 16 * members) stride_ *= 2;
  // One more entry, id 0 and zero weights, that absent features add.
  lines_.assign(((size_ + 1) * stride_ + sizeof(Line) - 1) / sizeof(Line), Line{});
  for (std::size_t r = 0; r < size_; ++r)
    std::memcpy(bytes() + r * stride_, &ids[r], sizeof(std::uint64_t));
  std::size_t capacity = 16;
  while (capacity < size_ * 2) capacity *= 2;  // load factor <= 0.5
  slot_shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
  entry_bits_ = std::max(1u, static_cast<unsigned>(std::bit_width(size_)));
  if (entry_bits_ > 30) throw std::invalid_argument("NerModel: too many features");
  const unsigned fingerprint_bits = 32 - entry_bits_;
  fingerprint_shift_ = slot_shift_ - fingerprint_bits;
  fingerprint_mask_ = (std::uint32_t{1} << fingerprint_bits) - 1;
  // Linear probing without wrapping around: a run at the end goes on past
  // `capacity`, and kProbeWidth empty slots close the table, so reading
  // kProbeWidth slots from any probe position stays inside it.
  slots_.assign(capacity + kProbeWidth, 0);
  for (std::size_t r = 0; r < size_; ++r) {
    const std::uint64_t h = mix(ids[r]);
    std::size_t slot = h >> slot_shift_;
    while (slots_[slot] != 0) ++slot;
    const auto fingerprint = static_cast<std::uint32_t>(h >> fingerprint_shift_) & fingerprint_mask_;
    slots_[slot] = fingerprint << entry_bits_ | static_cast<std::uint32_t>(r + 1);
    if (slot + kProbeWidth >= slots_.size()) slots_.resize(slot + kProbeWidth + 1, 0);
  }
}

std::uint64_t NerModel::WeightTable::id(std::size_t entry) const {
  std::uint64_t id;
  std::memcpy(&id, bytes() + entry * stride_, sizeof id);
  return id;
}

std::size_t NerModel::WeightTable::find(std::uint64_t id) const {
  const std::uint64_t h = mix(id);
  const auto fingerprint = static_cast<std::uint32_t>(h >> fingerprint_shift_) & fingerprint_mask_;
  const std::uint32_t entry_mask = (std::uint32_t{1} << entry_bits_) - 1;
  for (std::size_t slot = h >> slot_shift_;; ++slot) {
    const std::uint32_t e = slots_[slot];
    if (e == 0) return kNone;
    if (e >> entry_bits_ == fingerprint && this->id((e & entry_mask) - 1) == id) return (e & entry_mask) - 1;
  }
}

void NerModel::WeightTable::accumulate(const NerFeatures& features, std::int32_t* emissions) const {
  TagScratch& s = tag_scratch();
  const std::size_t k_count = features.ids.size();
  const std::size_t n = features.offsets.empty() ? 0 : features.offsets.size() - 1;
  s.hashes.resize(k_count);
  s.entries.resize(k_count);
  // 1. Where each feature's slot is; start reading the slots.
  for (std::size_t k = 0; k < k_count; ++k) {
    const std::uint64_t h = mix(features.ids[k]);
    s.hashes[k] = h;
    __builtin_prefetch(slots_.data() + (h >> slot_shift_));
  }
  // 2. The entry the first matching fingerprint of the probe run points at,
  // or the zero entry; start reading the entries. Without branches on whether
  // the model has the feature (it is a coin toss).
  const std::uint32_t entry_mask = (std::uint32_t{1} << entry_bits_) - 1;
  const auto zero_entry = static_cast<std::uint32_t>(size_);
  const unsigned char* base = bytes();
  const std::uint32_t* slots = slots_.data();
  for (std::size_t k = 0; k < k_count; ++k) {
    const std::uint64_t h = s.hashes[k];
    const std::uint32_t key = (static_cast<std::uint32_t>(h >> fingerprint_shift_) & fingerprint_mask_) << entry_bits_;
    std::size_t slot = h >> slot_shift_;
    unsigned hit, empty;
    while (true) {
#if defined(__SSE2__)
      const __m128i e = _mm_loadu_si128(reinterpret_cast<const __m128i*>(slots + slot));
      empty = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(e, _mm_setzero_si128()))));
      const __m128i same = _mm_cmpeq_epi32(_mm_and_si128(e, _mm_set1_epi32(static_cast<std::int32_t>(~entry_mask))),
                                           _mm_set1_epi32(static_cast<std::int32_t>(key)));
      hit = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(same))) & ~empty;
#else
      hit = empty = 0;
      for (unsigned w = 0; w < kProbeWidth; ++w) {
        empty |= unsigned{slots[slot + w] == 0} << w;
        hit |= unsigned{slots[slot + w] != 0 && (slots[slot + w] & ~entry_mask) == key} << w;
      }
#endif
      hit &= (empty & (0u - empty)) - 1;  // before the first empty slot (all when none)
      if (__builtin_expect((hit | empty) != 0, 1)) break;
      slot += kProbeWidth;  // a run longer than the probe: rare
    }
    const std::uint32_t code = slots[slot + static_cast<unsigned>(std::countr_zero(hit | (1u << (kProbeWidth - 1))))];
    const std::uint32_t entry = hit != 0 ? (code & entry_mask) - 1 : zero_entry;
    __builtin_prefetch(base + std::size_t{entry} * stride_);
    s.entries[k] = entry;
  }
  // 3. Check the ids (a fingerprint can match another feature: then search
  // the whole run) and add the weights, one token at a time.
  auto add = [&]<std::size_t Members>() {
    const std::size_t m_count = Members == 0 ? members_ : Members;
    constexpr std::size_t kAcc = Members == 0 ? 1 : Members * kLanes;
    std::array<std::int32_t, kAcc> acc;
    for (std::size_t i = 0; i < n; ++i) {
      if constexpr (Members > 0) acc.fill(0);
      for (std::uint32_t k = features.offsets[i]; k < features.offsets[i + 1]; ++k) {
        std::size_t entry = s.entries[k];
        const bool other = id(entry) != features.ids[k];
        if (__builtin_expect(other & (entry != zero_entry), 0)) {
          entry = find(features.ids[k]);
          if (entry == kNone) continue;
        }
        const std::int16_t* w = row(entry, 0);
        if constexpr (Members > 0) {
          for (std::size_t x = 0; x < Members * kLanes; ++x) acc[x] += w[x];
        } else {
          for (std::size_t m = 0; m < m_count; ++m)
            for (std::size_t t = 0; t < kLanes; ++t) emissions[(m * n + i) * kLanes + t] += w[m * kLanes + t];
        }
      }
      if constexpr (Members > 0)
        for (std::size_t m = 0; m < Members; ++m)
          std::copy_n(acc.data() + m * kLanes, kLanes, emissions + (m * n + i) * kLanes);
    }
  };
  if (members_ == 1)
    add.template operator()<1>();
  else if (members_ == 3)
    add.template operator()<3>();
  else
    add.template operator()<0>();
}

void NerModel::build_table(std::vector<FeatureWeights> features) {
  std::sort(features.begin(), features.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  std::vector<std::uint64_t> ids;
  ids.reserve(features.size());
  for (const FeatureWeights& f : features) {
    if (f.id == 0) throw std::invalid_argument("NerModel: feature id 0");
    if (!ids.empty() && ids.back() == f.id) throw std::invalid_argument("NerModel: duplicate feature id");
    ids.push_back(f.id);
  }
  table_.build(ids, 1);
  for (std::size_t r = 0; r < features.size(); ++r)
    std::copy(features[r].weights.begin(), features[r].weights.end(), table_.row(r, 0));
}

const std::int16_t* NerModel::weights(std::uint64_t id) const {
  const std::size_t entry = table_.find(id);
  return entry == WeightTable::kNone ? nullptr : table_.row(entry, 0);
}

std::size_t NerModel::feature_count() const {
  if (members_.empty()) return table_.size();
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
         a.extractor_.lexicons() == b.extractor_.lexicons() && a.table_ == b.table_;
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
  put(out, static_cast<std::uint32_t>(table_.size()));
  for (std::size_t r = 0; r < table_.size(); ++r) {
    put(out, table_.id(r));
    const std::int16_t* row = table_.row(r, 0);
    std::uint8_t mask = 0;
    for (std::size_t t = 0; t < kNerTagCount; ++t)
      if (row[t] != 0) mask |= static_cast<std::uint8_t>(1u << t);
    put(out, mask);
    for (std::size_t t = 0; t < kNerTagCount; ++t)
      if (row[t] != 0) put(out, row[t]);
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

void NerModel::decode(std::int32_t* emissions, std::size_t n, std::vector<NerTag>& out) const {
  TagScratch& s = tag_scratch();
  if (reversed_)  // token blocks in reverse order
    for (std::size_t i = 0, j = n; i + 1 < j; ++i, --j)
      std::swap_ranges(emissions + i * kLanes, emissions + (i + 1) * kLanes, emissions + (j - 1) * kLanes);
  if (second_order_) {
    ner_viterbi2_lanes(emissions, n, viterbi2_tables_, out, s.backpointers);
  } else {
    s.compact.resize(n * kNerTagCount);
    for (std::size_t i = 0; i < n; ++i)
      std::copy_n(emissions + i * kLanes, kNerTagCount, s.compact.data() + i * kNerTagCount);
    ner_viterbi<std::int32_t>(s.compact, transitions32_, out, s.backpointers);
  }
  if (reversed_) out = ner_reverse(out);
}

void NerModel::build_ensemble_table() {
  const std::size_t m = members_.size();
  std::vector<std::uint64_t> ids;
  for (const NerModel& member : members_)
    for (std::size_t j = 0; j < member.table_.size(); ++j) ids.push_back(member.table_.id(j));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ensemble_table_.build(ids, m);
  for (std::size_t k = 0; k < m; ++k) {
    const WeightTable& own = members_[k].table_;
    std::size_t r = 0;
    for (std::size_t j = 0; j < own.size(); ++j) {
      while (ids[r] != own.id(j)) ++r;  // both ascending
      std::copy_n(own.row(j, 0), kLanes, ensemble_table_.row(r, k));
    }
  }
}

void NerModel::tag(std::span<const NerToken> tokens, std::vector<NerTag>& out) const {
  TagScratch& s = tag_scratch();
  extractor_.extract(tokens, s.features);
  const std::size_t n = tokens.size();
  // Every member's emissions in one pass over the features: [member][token][lane]
  // (members read the same features, so they are extracted once).
  const WeightTable& table = members_.empty() ? table_ : ensemble_table_;
  const std::size_t members = table.members();
  s.emissions.assign(members * n * kLanes, 0);
  table.accumulate(s.features, s.emissions.data());
  if (members_.empty()) {
    decode(s.emissions.data(), n, out);
    return;
  }
  // Votes per mention.
  struct Vote {
    NerSpan span;
    std::size_t votes;
  };
  std::vector<Vote> votes;
  for (std::size_t mi = 0; mi < members; ++mi) {
    members_[mi].decode(s.emissions.data() + mi * n * kLanes, n, s.member_tags);
    for (const NerSpan& span : ner_spans(s.member_tags)) {
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
