// parse_query and build_query on arbitrary bytes: no crash, no sanitizer report.
// An error points inside the query and says something; a parsed query builds with
// either default operator (build errors are allowed, crashes are not), and the
// built Xapian query can be walked (get_description visits every node).
#include "schema/stemmer.h"
#include "searcher/query_parser.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  using namespace talash;
  static Xapian::Stem stemmer = schema::make_stemmer();
  const std::string_view text = fuzz::as_text(data, size);
  auto node = searcher::parse_query(text);
  if (!node) {
    FUZZ_CHECK(node.error().offset <= text.size(), "error offset past the end of the query");
    FUZZ_CHECK(!node.error().message.empty(), "error without a message");
    return 0;
  }
  for (auto op : {searcher::DefaultOperator::Or, searcher::DefaultOperator::And}) {
    searcher::QueryOptions options;
    options.default_op = op;
    auto built = searcher::build_query(*node, options, stemmer);
    if (!built) {
      FUZZ_CHECK(built.error().offset <= text.size(), "build error offset past the end of the query");
      continue;
    }
    FUZZ_CHECK(!built->query.get_description().empty(), "query without a description");
    FUZZ_CHECK(!built->without_proximity.get_description().empty(), "query without a description");
  }
  return 0;
}
