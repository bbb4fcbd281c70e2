#pragma once
// What a search is asked and what it answers: plain structs shared by the
// CLI and the HTTP API, no Xapian types.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace talash::searcher {

enum class SortOrder { Relevance, Newest, Oldest };

struct SearchLimits {
  std::size_t max_query_bytes = 2000;
  std::size_t max_per_page = 100;
  std::size_t max_result_window = 10000;  // page * per_page
  std::size_t max_filter_values = 20;
  // Facet counts are exact when a query matches at most this many documents;
  // beyond it they are estimated from the documents Xapian examined (and
  // flagged so). Exact counts need every match visited, which defeats
  // Xapian's early termination and would double the latency of broad queries.
  unsigned facet_exact_bound = 300;
  // Seconds a search may run (docs/shards.md, "Time limit"). At half of it
  // Xapian stops counting matches beyond what the ranking needs
  // (Enquire::set_time_limit); at the limit a local match ends, and the page
  // holds the best documents found so far. The response says time_limited.
  // 0: no limit.
  double search_time_limit = 2.0;
  // Seconds to wait for one answer of a remote shard (stub `remote` lines)
  // before the search fails as unavailable. A remote match cannot be cut
  // short from here, so this is what bounds it.
  double remote_timeout = 10.0;
};

struct SearchRequest {
  std::string query;
  std::size_t page = 1;  // 1-based
  std::size_t per_page = 10;
  SortOrder sort = SortOrder::Relevance;
  std::string from;  // YYYY-MM-DD, inclusive
  std::string to;    // YYYY-MM-DD, inclusive
  std::vector<std::string> sources;  // any of them
  std::vector<std::string> persons;  // all of them (entity ids)
  std::vector<std::string> places;
  std::vector<std::string> orgs;
  bool want_facets = true;
  bool want_documents = true;  // title, url, date...; off: ids and scores only
  bool want_snippets = true;   // needs want_documents
  bool want_plain_snippets = false;  // also snippet_text (the CLI's form)
  std::size_t facet_limit = 10;
  bool exact = false;  // no spelling variants or entity aliases (the API's exact=1)
  bool boost_recent = false;  // relevance first, fresher news preferred (the API's boost=recent)
  bool collapse = true;       // copies of one story (same schema::slot::kStory) are one hit
  std::string story;          // only the copies of this story (a hit's `story`)
};

struct SearchHit {
  std::size_t rank = 0;  // 1-based over the whole result list
  std::string id;
  std::string title;
  std::string title_html;
  std::string url;
  std::string date;
  std::string source;
  std::string category;
  double score = 0;
  std::string snippet_html;
  std::string snippet_text;  // matches marked with [ ]
  std::string story;            // key shared by copies of the same story ("" for short texts)
  std::size_t duplicates = 0;   // copies collapsed into this hit
};

struct FacetValue {
  std::string id;
  std::string label;
  std::string label_en;
  std::size_t count = 0;
};

struct SearchResponse {
  std::string query;
  std::size_t total = 0;
  bool total_is_exact = true;
  bool facets_exact = true;
  // The search ran into SearchLimits::search_time_limit: the hits are the
  // best found in time (not necessarily the best there are), and totals and
  // facets are estimates (a match that ended early counts only what it saw).
  bool time_limited = false;
  double took_ms = 0;
  std::size_t page = 1;
  std::size_t per_page = 10;
  std::vector<SearchHit> hits;
  std::map<std::string, std::vector<FacetValue>> facets;  // person, place, org, source
  // What was searched besides the words as typed ("also searched: बेलूसोव").
  struct AlsoSearched {
    std::string query;              // normalized query word(s)
    std::vector<std::string> also;  // variant spellings, or the entity's label
    bool entity = false;
  };
  std::vector<AlsoSearched> also_searched;
  // "Did you mean": the query with words the index lacks replaced by the
  // closest words it has; empty when every word is known.
  std::string suggestion;
};

struct SearchError {
  enum class Code { BadQuery, BadRequest, TooLarge, NotFound, Unavailable };
  Code code = Code::BadRequest;
  std::string message;
};

struct EntityInfo {
  std::string id;
  std::string type;  // person | place | org
  std::string label;
  std::string label_en;
  std::vector<std::string> aliases;  // gazetteer aliases, or the spellings seen for an unlisted entity
  std::size_t documents = 0;
};

struct IndexStats {
  std::size_t documents = 0;
  std::size_t terms = 0;
  std::size_t postings = 0;
  std::size_t bytes_on_disk = 0;
  std::string last_update;
  std::string schema_version;
};

}  // namespace talash::searcher
