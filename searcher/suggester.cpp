#include "searcher/suggester.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "analysis/split_words.h"
#include "schema/schema.h"
#include "schema/terms.h"

namespace talash::searcher {
namespace {

std::vector<std::string> norms_of(std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : analysis::split_words(text)) out.push_back(std::move(t.norm));
  return out;
}

std::string join(const std::vector<std::string>& words, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

// Headline words are few per document but the box completes them on every
// keystroke: scan at most this many terms of the prefix.
constexpr std::size_t kMaxTermsScanned = 3000;

}  // namespace

Suggester Suggester::build(const Xapian::Database& db) {
  EntityMetadataSource own{[&db](const std::string& prefix) {
                             std::vector<std::string> keys;
                             for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
                               keys.push_back(*it);
                             return keys;
                           },
                           [&db](const std::string& key) { return db.get_metadata(key); }};
  return build(db, own);
}

Suggester Suggester::build(const Xapian::Database& db, const EntityMetadataSource& metadata) {
  Suggester s;
  const std::string prefix(schema::meta::kEntityPrefix);
  for (const std::string& key : metadata.keys(prefix)) {
    auto j = nlohmann::json::parse(metadata.value(key), nullptr, false);
    if (!j.is_object()) continue;
    Entity e{key.substr(prefix.size()), j.value("type", ""), j.value("label", ""), j.value("label_en", ""), 0};
    e.documents = db.get_termfreq(schema::entity_term(e.type, e.id));
    if (e.documents == 0 || e.label.empty()) continue;
    std::vector<std::string> aliases{e.label, e.label_en};
    if (j.contains("aliases") && j["aliases"].is_array())
      for (const auto& a : j["aliases"])
        if (a.is_string()) aliases.push_back(a.get<std::string>());
    if (j.contains("spellings") && j["spellings"].is_object())
      for (const auto& [spelling, n] : j["spellings"].items()) aliases.push_back(spelling);
    std::set<std::string> keys;
    for (const auto& alias : aliases) {
      auto words = norms_of(alias);
      for (std::size_t i = 0; i < words.size(); ++i) keys.insert(join(words, i));
    }
    for (const auto& k : keys) s.names_.push_back({k, s.entities_.size()});
    s.entities_.push_back(std::move(e));
  }
  std::ranges::sort(s.names_, {}, &Name::key);
  return s;
}

std::vector<Suggestion> Suggester::suggest(const Xapian::Database& db, std::string_view typed, std::size_t limit) const {
  std::vector<Suggestion> out;
  const auto words = norms_of(typed);
  if (words.empty() || limit == 0) return out;
  const std::string whole = join(words);

  // Entities whose name (from any word on) starts with what was typed.
  std::vector<std::size_t> matched;
  std::unordered_set<std::size_t> seen;
  for (auto it = std::ranges::lower_bound(names_, whole, {}, &Name::key);
       it != names_.end() && it->key.starts_with(whole); ++it)
    if (seen.insert(it->entity).second) matched.push_back(it->entity);
  std::ranges::sort(matched, [&](std::size_t a, std::size_t b) {
    return entities_[a].documents != entities_[b].documents ? entities_[a].documents > entities_[b].documents
                                                            : entities_[a].label < entities_[b].label;
  });
  const std::size_t entity_room = std::max<std::size_t>(1, limit / 2);
  for (std::size_t i = 0; i < matched.size() && out.size() < entity_room; ++i) {
    const Entity& e = entities_[matched[i]];
    out.push_back({e.label, "entity", e.id, e.type, e.label_en, e.documents});
  }

  // Headline words completing the last word, after the words before it.
  const std::string& last = words.back();
  const std::string before = join(std::vector<std::string>(words.begin(), words.end() - 1));
  const std::string term_prefix = schema::title_term(last);
  std::vector<std::pair<std::string, Xapian::doccount>> completions;
  std::size_t scanned = 0;
  for (auto it = db.allterms_begin(term_prefix); it != db.allterms_end(term_prefix) && scanned < kMaxTermsScanned;
       ++it, ++scanned)
    completions.emplace_back((*it).substr(schema::prefix::kTitle.size()), it.get_termfreq());
  std::ranges::sort(completions, [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  std::set<std::string> texts;
  for (const auto& s : out) texts.insert(s.text);
  for (const auto& [word, df] : completions) {
    if (out.size() >= limit) break;
    std::string text = before.empty() ? word : before + " " + word;
    if (!texts.insert(text).second) continue;
    out.push_back({std::move(text), "title", "", "", "", df});
  }
  return out;
}

}  // namespace talash::searcher
