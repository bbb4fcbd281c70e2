#include "entities/entity_linker.h"
#include "analysis/fnv.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "analysis/phonetic_key.h"
#include "analysis/stopwords.h"
#include "entities/boilerplate.h"
#include "analysis/utf8.h"

namespace talash::entities {
namespace {

std::string join_norms(const std::vector<analysis::Token>& tokens, std::size_t first, std::size_t last) {
  std::string s;
  for (std::size_t i = first; i <= last; ++i) {
    if (i > first) s += ' ';
    s += tokens[i].norm;
  }
  return s;
}

std::string unlisted_id(EntityType type, const std::string& key) {
  const std::uint64_t h = analysis::fnv1a(key, analysis::kIdSeed);
  char buf[32];
  const char* t = type == EntityType::Person ? "per" : type == EntityType::Place ? "loc" : "org";
  std::snprintf(buf, sizeof buf, "x-%s-%012llx", t, static_cast<unsigned long long>(h & 0xFFFFFFFFFFFFULL));
  return buf;
}

// A span the tagger found that is not worth a facet value.
bool implausible(const std::vector<analysis::Token>& tokens, std::size_t first, std::size_t last) {
  bool has_letters = false;
  for (std::size_t i = first; i <= last; ++i) {
    if (tokens[i].script == analysis::Script::Devanagari || tokens[i].script == analysis::Script::Latin)
      has_letters = true;
  }
  if (!has_letters) return true;
  if (first == last && (analysis::is_stopword(tokens[first].norm) || tokens[first].norm.size() <= 3)) return true;
  return false;
}

// The letters of a word written as an acronym: KCNA (capitals as written) or
// केसीएनए (English letter names); empty otherwise.
std::string acronym_letters(std::string_view written, const analysis::Token& token) {
  if (token.script == analysis::Script::Latin) {
    if (written.size() < 2 || written.size() > 8) return {};
    for (char c : written)
      if (c < 'A' || c > 'Z') return {};
    return analysis::acronym_key(token.norm);
  }
  if (token.script == analysis::Script::Devanagari) return analysis::acronym_key(token.norm);
  return {};
}

// Only spaces and `mark` between two byte offsets.
bool only_mark_between(std::string_view text, std::size_t begin, std::size_t end, char mark) {
  if (begin > end || end > text.size()) return false;
  int marks = 0;
  for (char c : text.substr(begin, end - begin)) {
    if (c == mark) ++marks;
    else if (c != ' ') return false;
  }
  return marks == 1;
}

}  // namespace

std::string entity_variant_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    bool valid;
    char32_t c = analysis::utf8::decode(s, i, valid);
    switch (c) {
      case 0x0940: c = 0x093F; break;  // ी -> ि
      case 0x0942: c = 0x0941; break;  // ू -> ु
      case 0x0948: c = 0x0947; break;  // ै -> े
      case 0x094C: c = 0x094B; break;  // ौ -> ो
      case 0x0908: c = 0x0907; break;  // ई -> इ
      case 0x090A: c = 0x0909; break;  // ऊ -> उ
      case 0x0910: c = 0x090F; break;  // ऐ -> ए
      case 0x0914: c = 0x0913; break;  // औ -> ओ
      default: break;
    }
    analysis::utf8::append(out, c);
  }
  return out;
}

EntityLinker::EntityLinker(const Gazetteer& gazetteer, const NerModel* model, LinkerOptions options)
    : gazetteer_(gazetteer), model_(model), options_(options), tagger_(gazetteer) {
  for (const auto& e : gazetteer.entities()) {
    auto add = [&](const std::string& alias) {
      auto tokens = analysis::split_words(alias);
      if (tokens.empty()) return;
      auto key = entity_variant_key(join_norms(tokens, 0, tokens.size() - 1));
      auto [it, inserted] = by_variant_key_.emplace(key, &e);
      if (!inserted && it->second != &e) it->second = nullptr;  // ambiguous: never merge two entities
    };
    add(e.label_hi);
    add(e.label_en);
    for (const auto& a : e.aliases) add(a);
  }
  for (const auto& e : gazetteer.entities()) {
    if (e.type != EntityType::Place) continue;
    auto last_word = [&](const std::string& alias) {
      auto tokens = analysis::split_words(alias);
      if (!tokens.empty() && tokens.back().script == analysis::Script::Devanagari)
        place_last_words_.insert(tokens.back().norm);
    };
    last_word(e.label_hi);
    for (const auto& a : e.aliases) last_word(a);
  }
}

// Hindi makes adjectives of place names with ई, ी or ीय: कोरिया -> कोरियाई,
// रूस -> रूसी, अमेरिका -> अमेरिकी, भारत -> भारतीय. A span the tagger calls a
// place but that ends in such an adjective ("उत्तर कोरियाई", North Korean) is
// an adjective phrase, not a place.
bool EntityLinker::ends_in_place_adjective(const std::vector<analysis::Token>& tokens, std::size_t last) const {
  const std::string& w = tokens[last].norm;
  auto strip = [&](std::string_view suffix) -> std::optional<std::string> {
    if (w.size() <= suffix.size() + 3 || !w.ends_with(suffix)) return std::nullopt;
    return w.substr(0, w.size() - suffix.size());
  };
  auto known = [&](const std::optional<std::string>& stem) { return stem && place_last_words_.contains(*stem); };
  if (known(strip("ई"))) return true;                          // कोरियाई, एशियाई
  if (auto stem = strip("ी"); known(stem) || (stem && known(*stem + "ा"))) return true;  // रूसी, अमेरिकी
  return known(strip("ीय"));                                    // भारतीय, यूरोपीय
}

LinkResult EntityLinker::link_mentions(std::span<const Part> parts) const {
  LinkResult result;
  std::vector<LinkedEntity>& out = result.entities;
  std::size_t part_index = 0;
  std::size_t mention_first = 0, mention_last = 0;
  std::unordered_map<std::string, std::size_t> index;              // id -> position in out
  // First or last word of a person's full name -> position in out (kAmbiguous
  // when two people share it): a bare "किम" or "बेलोसोव" later on is them.
  constexpr std::size_t kAmbiguous = static_cast<std::size_t>(-1);
  std::map<std::string, std::size_t> name_parts;
  auto remember_name = [&](const std::vector<analysis::Token>& tokens, std::size_t first, std::size_t last,
                           std::size_t pos) {
    if (last == first) return;
    for (std::size_t i : {first, last}) {
      auto [it, inserted] = name_parts.emplace(tokens[i].norm, pos);
      if (!inserted && it->second != pos) it->second = kAmbiguous;
    }
  };
  std::vector<std::map<std::string, std::size_t>> spelling_counts;  // per entity

  auto record = [&](std::string id, EntityType type, const Entity* listed, std::string spelling) {
    auto [it, inserted] = index.emplace(id, out.size());
    if (inserted) {
      LinkedEntity e;
      e.id = std::move(id);
      e.type = type;
      e.listed = listed;
      if (listed) {
        e.label = listed->label_hi;
        e.label_en = listed->label_en;
      }
      out.push_back(std::move(e));
      spelling_counts.emplace_back();
    }
    ++out[it->second].mentions;
    ++spelling_counts[it->second][spelling];
    result.mentions.push_back({part_index, mention_first, mention_last, it->second});
    return it->second;
  };

  std::vector<std::vector<char>> covered_by_part(parts.size());
  auto written_in = [&](const Part& part, std::size_t first, std::size_t last) {
    const auto& tokens = *part.tokens;
    return std::string(part.text.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
  };
  for (; part_index < parts.size(); ++part_index) {
    const Part& part = parts[part_index];
    const auto& tokens = *part.tokens;
    auto excluded = [&](std::size_t first, std::size_t last) {
      return part.excluded && inside_any(*part.excluded, tokens[first].begin, tokens[last].end);
    };
    auto written = [&](std::size_t first, std::size_t last) { return written_in(part, first, last); };
    std::vector<char>& covered = covered_by_part[part_index];
    covered.assign(tokens.size(), 0);
    for (const auto& m : tagger_.tag(tokens)) {
      if (excluded(m.first_token, m.last_token)) continue;
      mention_first = m.first_token;
      mention_last = m.last_token;
      std::size_t pos = record(m.entity->id, m.entity->type, m.entity, written(m.first_token, m.last_token));
      for (std::size_t i = m.first_token; i <= m.last_token; ++i) covered[i] = 1;
      if (m.entity->type == EntityType::Person) remember_name(tokens, m.first_token, m.last_token, pos);
    }
    if (!model_ || !options_.use_tagger) continue;
    for (const auto& span : model_->find(part.text, tokens)) {
      bool overlaps = false;
      for (std::size_t i = span.first_token; i <= span.last_token; ++i) overlaps |= covered[i] != 0;
      if (overlaps || excluded(span.first_token, span.last_token) ||
          implausible(tokens, span.first_token, span.last_token))
        continue;
      mention_first = span.first_token;
      mention_last = span.last_token;
      const std::string surface = join_norms(tokens, span.first_token, span.last_token);
      const std::string spelling = written(span.first_token, span.last_token);
      const std::string key = entity_variant_key(surface);
      if (auto it = by_variant_key_.find(key); it != by_variant_key_.end() && it->second && it->second->type == span.type) {
        record(it->second->id, it->second->type, it->second, spelling);
        continue;
      }
      if (span.type == EntityType::Person && span.first_token == span.last_token) {
        if (auto it = name_parts.find(tokens[span.first_token].norm); it != name_parts.end() && it->second != kAmbiguous) {
          const LinkedEntity& full = out[it->second];
          record(full.id, full.type, full.listed, spelling);
          continue;
        }
      }
      // A lone unlisted word is too often an ordinary one (विजय दिवस, "victory
      // day"): facets must be trusted, so unlisted entities need two words.
      if (span.first_token == span.last_token) continue;
      if (span.type == EntityType::Place && ends_in_place_adjective(tokens, span.last_token)) continue;
      std::size_t pos = record(unlisted_id(span.type, key), span.type, nullptr, spelling);
      for (std::size_t i = span.first_token; i <= span.last_token; ++i) covered[i] = 1;
      if (span.type == EntityType::Person) remember_name(tokens, span.first_token, span.last_token, pos);
    }
  }

  // "long form (ACRONYM)": the article defines an acronym for an entity it
  // names, so the acronym alone names that entity anywhere in the article
  // (राष्ट्रीय जांच एजेंसी (एनआईए) ... एनआईए ने).
  std::map<std::string, std::size_t> defined;  // acronym letters -> entity, kAmbiguous if two
  for (const auto& m : result.mentions) {
    const Part& part = parts[m.part];
    const auto& tokens = *part.tokens;
    const std::size_t next = m.last_token + 1;
    if (next >= tokens.size() || !only_mark_between(part.text, tokens[m.last_token].end, tokens[next].begin, '('))
      continue;
    const std::size_t close = part.text.find(')', tokens[next].end);
    if (close == std::string_view::npos || !only_mark_between(part.text, tokens[next].end, close + 1, ')')) continue;
    const std::string letters = acronym_letters(written_in(part, next, next), tokens[next]);
    if (letters.empty()) continue;
    auto [it, inserted] = defined.emplace(letters, m.entity);
    if (!inserted && it->second != m.entity) it->second = kAmbiguous;
  }
  if (!defined.empty()) {
    for (part_index = 0; part_index < parts.size(); ++part_index) {
      const Part& part = parts[part_index];
      const auto& tokens = *part.tokens;
      for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (covered_by_part[part_index][i]) continue;
        if (part.excluded && inside_any(*part.excluded, tokens[i].begin, tokens[i].end)) continue;
        const std::string spelling = written_in(part, i, i);
        auto it = defined.find(acronym_letters(spelling, tokens[i]));
        if (it == defined.end() || it->second == kAmbiguous) continue;
        const LinkedEntity& e = out[it->second];
        mention_first = mention_last = i;
        record(e.id, e.type, e.listed, spelling);
        covered_by_part[part_index][i] = 1;
      }
    }
  }

  for (std::size_t i = 0; i < out.size(); ++i) {
    std::vector<std::pair<std::string, std::size_t>> sp(spelling_counts[i].begin(), spelling_counts[i].end());
    // Most used first; on a tie the longer spelling (the full name, not the bare surname).
    std::ranges::stable_sort(sp, [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first.size() > b.first.size();
    });
    for (auto& [s, n] : sp) out[i].spellings.push_back(s);
    if (!out[i].listed && !out[i].spellings.empty()) out[i].label = out[i].spellings.front();
  }
  // Mentions in text order within each part (gazetteer and tagger passes interleave).
  std::ranges::stable_sort(result.mentions, [](const LinkedMention& a, const LinkedMention& b) {
    return a.part != b.part ? a.part < b.part : a.first_token < b.first_token;
  });
  return result;
}

}  // namespace talash::entities
