// parse_jsonl_record and parse_text_article on arbitrary bytes: no crash. An
// accepted record keeps the documented guarantees (a trimmed id of 1..200 bytes
// without control characters, some text, valid UTF-8 everywhere, a date that
// parses) and survives the stored-JSON round trip unchanged.
#include "analysis/normalize_hindi.h"
#include "indexer/record_parser.h"
#include "schema/article.h"
#include "schema/iso_date.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void check_article(const talash::schema::Article& a) {
  using namespace talash;
  FUZZ_CHECK(!a.id.empty() && a.id.size() <= 200, "id empty or too long");
  for (unsigned char c : a.id) FUZZ_CHECK(c >= 0x20, "control character in the id");
  FUZZ_CHECK(a.id.front() != ' ' && a.id.back() != ' ', "id not trimmed");
  FUZZ_CHECK(!a.title.empty() || !a.body.empty(), "accepted a record without text");
  for (const std::string* f : {&a.id, &a.title, &a.body, &a.date, &a.source, &a.url, &a.category})
    FUZZ_CHECK(analysis::is_valid_utf8(*f), "a field is not valid UTF-8");
  if (!a.date.empty()) FUZZ_CHECK(schema::parse_iso_date(a.date).has_value(), "accepted date does not parse again");
  auto back = schema::from_stored_json(schema::to_stored_json(a));
  FUZZ_CHECK(back.has_value(), "stored JSON does not parse");
  FUZZ_CHECK(back->id == a.id && back->title == a.title && back->body == a.body && back->date == a.date &&
                 back->source == a.source && back->url == a.url && back->category == a.category,
             "stored JSON round trip changed a field");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace talash;
  const std::string_view text = fuzz::as_text(data, size);
  if (auto a = indexer::parse_jsonl_record(text)) check_article(*a);
  else FUZZ_CHECK(!a.error().empty(), "rejected without a reason");
  if (auto a = indexer::parse_text_article("fuzz/article", text)) check_article(*a);
  else FUZZ_CHECK(!a.error().empty(), "rejected without a reason");
  return 0;
}
