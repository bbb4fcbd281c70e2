#pragma once
// Turns raw input (a JSONL line, a .txt file) into an Article, or a reason
// why it cannot be indexed. Pure functions: no I/O.
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

#include "schema/article.h"

namespace talash::indexer {

struct RecordLimits {
  std::size_t max_record_bytes = 4 * 1024 * 1024;  // larger records are rejected, not truncated
  std::size_t max_id_bytes = 200;
};

// JSONL record: id (required; string or integer), title, body (or text),
// date (ISO 8601), source, url, category. Other fields are ignored.
std::expected<schema::Article, std::string> parse_jsonl_record(std::string_view line,
                                                               const RecordLimits& limits = {});

// A .txt article: title = first non-empty line, body = the rest.
std::expected<schema::Article, std::string> parse_text_article(std::string id, std::string_view content,
                                                               const RecordLimits& limits = {});

}  // namespace talash::indexer
