#include "entities/gazetteer.h"

#include <stdexcept>
#include <utility>

#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"
#include "entities/alias_key.h"

namespace talash::embedded {
extern const std::string_view gazetteer_tsv;
}

namespace talash::entities {

namespace detail {

std::string alias_key(std::string_view alias) {
  std::string key;
  for (const analysis::Token& token : analysis::split_words(alias)) {
    if (token.norm.empty()) continue;
    if (!key.empty()) key += ' ';
    key += token.norm;
  }
  return key;
}

}  // namespace detail

namespace {

constexpr std::size_t kColumns = 5;

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\v\f";
  const auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(kSpace);
  return s.substr(first, last - first + 1);
}

// Splits on `sep`, keeping empty pieces ("a||b" has three).
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// [a-z0-9]+ words joined by single '-'.
bool valid_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  char prev = 0;
  for (char c : id) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word && c != '-') return false;
    if (c == '-' && prev == '-') return false;
    prev = c;
  }
  return true;
}

// True when `s` holds a code point of the Devanagari block U+0900..U+097F
// (UTF-8 E0 A4 xx / E0 A5 xx). `s` is valid UTF-8.
bool has_devanagari(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && (b1 == 0xA4 || b1 == 0xA5)) return true;
  }
  return false;
}

std::string quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

}  // namespace

std::expected<Gazetteer, std::string> Gazetteer::from_tsv(std::string_view tsv) {
  Gazetteer g;
  // Normalized alias key -> (entity index, line) of its owner.
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> alias_owner;
  std::vector<std::size_t> entity_line;

  std::size_t line_no = 0;
  std::size_t start = 0;
  while (start < tsv.size()) {
    auto end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_no;

    auto fail = [line_no](std::string reason) {
      return std::unexpected("gazetteer line " + std::to_string(line_no) + ": " +
                             std::move(reason));
    };

    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    if (!analysis::is_valid_utf8(line)) return fail("invalid UTF-8");

    const auto fields = split(line, '\t');
    if (fields.size() != kColumns) {
      return fail("expected 5 TAB-separated columns (id, type, label_hi, label_en, aliases), found " +
                  std::to_string(fields.size()));
    }
    const std::string_view id = trim(fields[0]);
    const std::string_view type_name = trim(fields[1]);
    const std::string_view label_hi = trim(fields[2]);
    const std::string_view label_en = trim(fields[3]);
    const std::string_view alias_column = trim(fields[4]);

    if (!valid_id(id)) {
      return fail("bad id " + quoted(id) +
                  " (lowercase ASCII words of a-z and 0-9 joined by single '-')");
    }
    if (const auto it = g.by_id_.find(id); it != g.by_id_.end()) {
      return fail("duplicate id " + quoted(id) + " (first on line " +
                  std::to_string(entity_line[it->second]) + ")");
    }
    const auto type = entity_type_from_string(type_name);
    if (!type) {
      return fail("unknown type " + quoted(type_name) + " for " + quoted(id) +
                  " (person, place or org)");
    }
    if (label_hi.empty()) return fail("missing label_hi for " + quoted(id));
    if (label_en.empty()) return fail("missing label_en for " + quoted(id));
    if (!has_devanagari(label_hi)) {
      return fail("label_hi " + quoted(label_hi) + " of " + quoted(id) + " has no Devanagari");
    }

    Entity entity;
    entity.id = std::string(id);
    entity.type = *type;
    entity.label_hi = std::string(label_hi);
    entity.label_en = std::string(label_en);

    std::vector<std::string_view> spellings = {label_hi, label_en};
    if (!alias_column.empty()) {
      for (std::string_view alias : split(alias_column, '|')) {
        alias = trim(alias);
        if (alias.empty()) return fail("empty alias for " + quoted(id) + " (stray '|')");
        spellings.push_back(alias);
      }
    }

    const std::size_t index = g.entities_.size();
    for (std::string_view spelling : spellings) {
      std::string key = detail::alias_key(spelling);
      if (key.empty()) {
        return fail("alias " + quoted(spelling) + " of " + quoted(id) + " has no words");
      }
      const auto [it, inserted] = alias_owner.try_emplace(std::move(key), index, line_no);
      if (!inserted && it->second.first != index) {
        const Entity& owner = g.entities_[it->second.first];
        return fail("alias " + quoted(spelling) + " of " + quoted(id) +
                    " is already an alias of " + quoted(owner.id) + " (line " +
                    std::to_string(it->second.second) + ")");
      }
      // Spellings that differ only by normalization are all kept: they are
      // what authors write, and cost nothing at match time.
      bool seen = false;
      for (const std::string& a : entity.aliases) seen = seen || a == spelling;
      if (!seen) entity.aliases.emplace_back(spelling);
    }

    g.by_id_.emplace(entity.id, index);
    g.entities_.push_back(std::move(entity));
    entity_line.push_back(line_no);
  }
  return g;
}

const Gazetteer& Gazetteer::builtin() {
  static const Gazetteer gazetteer = [] {
    auto parsed = from_tsv(embedded::gazetteer_tsv);
    if (!parsed) {
      throw std::logic_error("builtin gazetteer (entities/data/gazetteer.tsv): " + parsed.error());
    }
    return std::move(*parsed);
  }();
  return gazetteer;
}

const Entity* Gazetteer::find(std::string_view id) const {
  const auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : &entities_[it->second];
}

}  // namespace talash::entities
