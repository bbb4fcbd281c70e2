#include "entities/ner_lexicon.h"
#include "analysis/fnv.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>
#include <unordered_map>

#include "analysis/normalize_hindi.h"
#include "analysis/split_words.h"

namespace talash::entities {
namespace {

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

template <class T>
void put(std::string& out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out.append(buf, sizeof(T));
}

template <class T>
bool get(std::string_view bytes, std::size_t& pos, T& value) {
  if (pos + sizeof(T) > bytes.size()) return false;
  std::memcpy(&value, bytes.data() + pos, sizeof(T));
  pos += sizeof(T);
  return true;
}

bool get_string(std::string_view bytes, std::size_t& pos, std::string& s) {
  std::uint32_t n = 0;
  if (!get(bytes, pos, n) || pos + n > bytes.size()) return false;
  s.assign(bytes.substr(pos, n));
  pos += n;
  return true;
}

void put_string(std::string& out, std::string_view s) {
  put(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

}  // namespace

std::uint64_t ner_lexicon_key(std::string_view norm) {
  return analysis::fnv1a(norm);
}

std::expected<NerLexicon, std::string> NerLexicon::from_tsv(std::string_view name, std::string_view tsv) {
  if (!valid_name(name)) return std::unexpected("lexicon name '" + std::string(name) + "' is not [a-z0-9_]+");
  NerLexicon lex;
  lex.name_ = std::string(name);
  std::unordered_map<std::string, std::uint32_t> value_index;
  std::map<std::uint64_t, std::vector<std::uint32_t>> entries;  // sorted by key
  std::size_t line_no = 0;
  for (std::size_t start = 0; start < tsv.size();) {
    std::size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!analysis::is_valid_utf8(line))
      return std::unexpected("lexicon " + lex.name_ + " line " + std::to_string(line_no) + ": invalid UTF-8");
    const std::size_t tab = line.find('\t');
    const std::string_view word = line.substr(0, tab);
    const auto tokens = analysis::split_words(word);
    if (tokens.size() != 1) continue;  // one word per entry
    const std::uint64_t key = ner_lexicon_key(tokens[0].norm);
    if (entries.contains(key)) continue;
    std::vector<std::uint32_t> ids;
    std::string_view rest = tab == std::string_view::npos ? std::string_view("1") : line.substr(tab + 1);
    while (!rest.empty()) {
      const std::size_t sp = rest.find(' ');
      const std::string_view v = rest.substr(0, sp);
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      if (v.empty()) continue;
      const auto [it, added] = value_index.try_emplace(std::string(v), static_cast<std::uint32_t>(lex.values_.size()));
      if (added) lex.values_.emplace_back(v);
      ids.push_back(it->second);
    }
    if (!ids.empty()) entries.emplace(key, std::move(ids));
  }
  for (auto& [key, ids] : entries) {
    lex.keys_.push_back(key);
    lex.offsets_.push_back(static_cast<std::uint32_t>(lex.entry_values_.size()));
    lex.entry_values_.insert(lex.entry_values_.end(), ids.begin(), ids.end());
  }
  lex.offsets_.push_back(static_cast<std::uint32_t>(lex.entry_values_.size()));
  lex.finish();
  return lex;
}

void NerLexicon::finish() {
  templates_[0] = name_ + "-1";
  templates_[1] = name_;
  templates_[2] = name_ + "+1";
  if (offsets_.empty()) offsets_.push_back(0);
}

NerLexicon::Values NerLexicon::find(std::string_view norm) const {
  if (keys_.empty()) return {};
  const std::uint64_t key = ner_lexicon_key(norm);
  const auto it = std::lower_bound(keys_.begin(), keys_.end(), key);
  if (it == keys_.end() || *it != key) return {};
  return values(static_cast<std::size_t>(it - keys_.begin()));
}

void NerLexicon::write(std::string& out) const {
  put_string(out, name_);
  put(out, static_cast<std::uint32_t>(values_.size()));
  for (const std::string& v : values_) put_string(out, v);
  put(out, static_cast<std::uint32_t>(keys_.size()));
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    put(out, keys_[i]);
    const std::uint32_t count = offsets_[i + 1] - offsets_[i];
    put(out, static_cast<std::uint8_t>(count));
    for (std::uint32_t k = offsets_[i]; k < offsets_[i + 1]; ++k)
      put(out, static_cast<std::uint16_t>(entry_values_[k]));
  }
}

bool NerLexicon::read(std::string_view bytes, std::size_t& pos, NerLexicon& out) {
  NerLexicon lex;
  std::uint32_t n_values = 0, n_keys = 0;
  if (!get_string(bytes, pos, lex.name_) || !valid_name(lex.name_)) return false;
  if (!get(bytes, pos, n_values) || n_values > 65535) return false;
  lex.values_.resize(n_values);
  for (auto& v : lex.values_)
    if (!get_string(bytes, pos, v)) return false;
  if (!get(bytes, pos, n_keys)) return false;
  lex.keys_.reserve(n_keys);
  for (std::uint32_t i = 0; i < n_keys; ++i) {
    std::uint64_t key = 0;
    std::uint8_t count = 0;
    if (!get(bytes, pos, key) || !get(bytes, pos, count)) return false;
    if (!lex.keys_.empty() && key <= lex.keys_.back()) return false;
    lex.keys_.push_back(key);
    lex.offsets_.push_back(static_cast<std::uint32_t>(lex.entry_values_.size()));
    for (std::uint8_t k = 0; k < count; ++k) {
      std::uint16_t v = 0;
      if (!get(bytes, pos, v) || v >= n_values) return false;
      lex.entry_values_.push_back(v);
    }
  }
  lex.offsets_.push_back(static_cast<std::uint32_t>(lex.entry_values_.size()));
  lex.finish();
  out = std::move(lex);
  return true;
}

}  // namespace talash::entities
