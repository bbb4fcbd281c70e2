#include "indexer/record_parser.h"

#include <nlohmann/json.hpp>

#include "analysis/normalize_hindi.h"
#include "schema/iso_date.h"

namespace talash::indexer {
namespace {

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Checks shared by every input format, after the fields are known.
std::expected<schema::Article, std::string> validate(schema::Article a, const RecordLimits& limits) {
  a.id = trim(a.id);
  if (a.id.empty()) return std::unexpected("missing id");
  if (a.id.size() > limits.max_id_bytes)
    return std::unexpected("id longer than " + std::to_string(limits.max_id_bytes) + " bytes");
  for (unsigned char c : a.id)
    if (c < 0x20) return std::unexpected("id contains a control character");
  if (trim(a.title).empty() && trim(a.body).empty()) return std::unexpected("empty text: no title and no body");
  if (!a.date.empty()) {
    auto d = schema::parse_iso_date(a.date);
    if (!d) return std::unexpected(d.error());
    a.date = d->has_time ? a.date : d->day_string();
  }
  return a;
}

}  // namespace

std::expected<schema::Article, std::string> parse_jsonl_record(std::string_view line, const RecordLimits& limits) {
  if (line.size() > limits.max_record_bytes)
    return std::unexpected("record of " + std::to_string(line.size()) + " bytes is over the limit of " +
                           std::to_string(limits.max_record_bytes));
  if (!analysis::is_valid_utf8(line)) return std::unexpected("invalid UTF-8");
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded()) return std::unexpected("invalid JSON");
  if (!j.is_object()) return std::unexpected("not a JSON object");

  schema::Article a;
  if (!j.contains("id") || j["id"].is_null()) return std::unexpected("missing id");
  const auto& id = j["id"];
  if (id.is_string()) a.id = id.get<std::string>();
  else if (id.is_number_integer()) a.id = id.dump();
  else return std::unexpected("id must be a string or an integer");

  auto field = [&](const char* key) -> std::expected<std::string, std::string> {
    if (!j.contains(key) || j[key].is_null()) return std::string();
    if (!j[key].is_string()) return std::unexpected(std::string("field '") + key + "' must be a string");
    return j[key].get<std::string>();
  };
  for (auto [key, out] : {std::pair{"title", &a.title}, {"date", &a.date}, {"source", &a.source},
                          {"url", &a.url}, {"category", &a.category}}) {
    auto v = field(key);
    if (!v) return std::unexpected(v.error());
    *out = std::move(*v);
  }
  auto body = field("body");
  if (!body) return std::unexpected(body.error());
  a.body = std::move(*body);
  if (a.body.empty()) {
    auto text = field("text");
    if (!text) return std::unexpected(text.error());
    a.body = std::move(*text);
  }
  a.date = trim(a.date);
  a.source = trim(a.source);
  a.category = trim(a.category);
  a.url = trim(a.url);
  return validate(std::move(a), limits);
}

std::expected<schema::Article, std::string> parse_text_article(std::string id, std::string_view content,
                                                               const RecordLimits& limits) {
  if (content.size() > limits.max_record_bytes)
    return std::unexpected("file of " + std::to_string(content.size()) + " bytes is over the limit of " +
                           std::to_string(limits.max_record_bytes));
  if (!analysis::is_valid_utf8(content)) return std::unexpected("invalid UTF-8");
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  schema::Article a;
  a.id = std::move(id);
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t eol = content.find('\n', pos);
    std::string_view line = content.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? content.size() : eol + 1;
    if (!trim(line).empty()) {
      a.title = trim(line);
      break;
    }
  }
  a.body = trim(content.substr(pos));
  return validate(std::move(a), limits);
}

}  // namespace talash::indexer
