#include "searcher/searcher.h"

#include <chrono>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "analysis/normalize_hindi.h"
#include "schema/iso_date.h"
#include "schema/schema.h"
#include "schema/stemmer.h"
#include "schema/terms.h"
#include "analysis/frequent_words.h"
#include "analysis/stopwords.h"
#include "entities/entity_tagger.h"
#include "searcher/facet_count_spy.h"
#include "searcher/variant_lookup.h"
#include "searcher/query_parser.h"
#include "searcher/recency_boost.h"
#include "searcher/revision_cache.h"
#include "searcher/snippet.h"
#include "searcher/spelling.h"
#include "analysis/split_words.h"

namespace talash::searcher {
namespace {

std::unexpected<SearchError> error(SearchError::Code code, std::string message) {
  return std::unexpected(SearchError{code, std::move(message)});
}

std::expected<std::string, SearchError> date_bound(const std::string& text, const char* name, bool end_of_day) {
  auto d = schema::parse_iso_date(text);
  if (!d || d->has_time) return error(SearchError::Code::BadRequest, std::string(name) + " must be a date YYYY-MM-DD, got '" + text.substr(0, 40) + "'");
  return d->sortable().substr(0, 8) + (end_of_day ? "235959" : "000000");
}

// Sort key for date order: undated documents go last in both directions.
class DateSortKey : public Xapian::KeyMaker {
 public:
  explicit DateSortKey(bool newest_first) : newest_first_(newest_first) {}
  std::string operator()(const Xapian::Document& doc) const override {
    std::string v = doc.get_value(schema::slot::kDate);
    if (v.empty() && !newest_first_) return "\xff";
    return v;
  }

 private:
  bool newest_first_;
};

Xapian::Query any_of(const std::vector<std::string>& terms) {
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace

Searcher::Searcher(std::filesystem::path path, Xapian::Database db, SearchLimits limits)
    : path_(std::move(path)), db_(std::move(db)), limits_(limits), stemmer_(schema::make_stemmer()) {}

std::expected<Searcher, std::string> Searcher::open(const std::filesystem::path& db_path, SearchLimits limits) {
  try {
    Xapian::Database db(db_path.string());
    return Searcher(db_path, std::move(db), limits);
  } catch (const Xapian::Error& e) {
    return std::unexpected("cannot open index " + db_path.string() + ": " + e.get_description() +
                           " (create it with 'talash index --db " + db_path.string() + " PATH')");
  }
}

void Searcher::reopen_database() {
  if (db_.reopen()) {
    labels_.clear();
    term_count_.reset();
    facet_column_.reset();
    suggester_.reset();
  }
}

void Searcher::refresh() {
  try {
    reopen_database();
  } catch (const Xapian::Error&) {
    // A reopen can fail while a writer is mid-commit; the old revision still serves.
  }
}

std::vector<std::pair<std::string, Xapian::doccount>> Searcher::top_words(std::size_t n) {
  std::vector<std::pair<std::string, Xapian::doccount>> words;
  for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) {
    const std::string term = *it;
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;  // prefixed: not a word
    words.emplace_back(term, it.get_termfreq());
  }
  auto order = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  n = std::min(n, words.size());
  std::partial_sort(words.begin(), words.begin() + n, words.end(), order);
  words.resize(n);
  return words;
}

std::pair<std::string, std::string> Searcher::entity_label(const std::string& id) {
  auto it = labels_.find(id);
  if (it != labels_.end()) return it->second;
  std::pair<std::string, std::string> label{id, ""};
  auto meta = db_.get_metadata(std::string(schema::meta::kEntityPrefix) + id);
  auto j = nlohmann::json::parse(meta, nullptr, false);
  if (j.is_object()) label = {j.value("label", id), j.value("label_en", "")};
  return labels_.emplace(id, label).first->second;
}

void Searcher::add_facets(const FacetCountSpy& spy, const Xapian::MSet& mset, std::size_t limit, SearchResponse& resp) {
  const Xapian::doccount seen = spy.documents_counted();
  // Exact when the spy counted every match: Xapian showed it fewer than the
  // bound (so it ran out of matches), or all the matches there are. (With
  // copies collapsed Xapian's totals are estimates even when all were seen.)
  resp.facets_exact = spy.documents_seen() < spy.max_counted() ||
                      (resp.total_is_exact && seen >= mset.get_matches_lower_bound());
  // Beyond the bound the spy has counted a sample (the first matches in index
  // order): scale its counts to the estimated match count, and say so.
  const double scale = resp.facets_exact || seen == 0 ? 1.0 : double(mset.get_matches_estimated()) / seen;
  auto scaled = [&](Xapian::doccount count) {
    return resp.facets_exact ? count : std::max<std::size_t>(1, static_cast<std::size_t>(count * scale + 0.5));
  };
  auto top = spy.top(limit);
  for (FacetKind kind : {FacetKind::person, FacetKind::place, FacetKind::org}) {
    auto& out = resp.facets[std::string(facet_kind_name(kind))];
    for (auto& [id, count] : top[static_cast<std::size_t>(kind)]) {
      auto [label, label_en] = entity_label(id);
      out.push_back({id, label, label_en, scaled(count)});
    }
  }
  // Months: all of them, in order, for the date chart.
  auto& months = resp.facets["month"];
  for (auto& [month, count] : spy.all_by_name(FacetKind::month)) months.push_back({month, month, "", scaled(count)});
  auto& sources = resp.facets["source"];
  for (auto& [name, count] : top[static_cast<std::size_t>(FacetKind::source)])
    sources.push_back({name, name, "", scaled(count)});
}

namespace {

// Built once: the gazetteer's alias index is read-only and shared by all threads.
const entities::EntityTagger& builtin_entity_tagger() {
  static const entities::EntityTagger tagger(entities::Gazetteer::builtin());
  return tagger;
}

}  // namespace

// A writer's commit can invalidate the revision being read: reopen and try
// again (three attempts in all). Any other Xapian error is Unavailable.
template <typename Once>
auto Searcher::with_reopen(Once&& once) -> decltype(once()) {
  for (int attempt = 0;; ++attempt) {
    try {
      return once();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 2) return error(SearchError::Code::Unavailable, "the index changed during the search; try again");
      reopen_database();
    } catch (const Xapian::Error& e) {
      return error(SearchError::Code::Unavailable, "search failed: " + e.get_description());
    }
  }
}

std::expected<SearchResponse, SearchError> Searcher::search(const SearchRequest& request) {
  return with_reopen([&] { return search_once(request); });
}

std::expected<SearchResponse, SearchError> Searcher::search_once(const SearchRequest& req) {
  const auto start = std::chrono::steady_clock::now();
  using Code = SearchError::Code;
  if (req.query.size() > limits_.max_query_bytes)
    return error(Code::TooLarge, "query is " + std::to_string(req.query.size()) + " bytes; the limit is " +
                                     std::to_string(limits_.max_query_bytes));
  if (!analysis::is_valid_utf8(req.query)) return error(Code::BadRequest, "query is not valid UTF-8");
  if (req.page < 1) return error(Code::BadRequest, "page must be 1 or more");
  if (req.per_page < 1 || req.per_page > limits_.max_per_page)
    return error(Code::BadRequest, "per_page must be between 1 and " + std::to_string(limits_.max_per_page));
  if (req.page * req.per_page > limits_.max_result_window)
    return error(Code::BadRequest, "page * per_page may not exceed " + std::to_string(limits_.max_result_window) +
                                       "; narrow the search instead of paging this deep");
  for (const auto* values : {&req.sources, &req.persons, &req.places, &req.orgs})
    if (values->size() > limits_.max_filter_values)
      return error(Code::BadRequest, "at most " + std::to_string(limits_.max_filter_values) + " values per filter");

  auto parsed = parse_query(req.query);
  if (!parsed)
    return error(Code::BadQuery, parsed.error().message + " (at character " + std::to_string(parsed.error().offset + 1) + ")");
  // Plain words are alternatives ranked by BM25, as in Lucene and Xapian's
  // QueryParser: a document with more of the words ranks higher, and one that
  // writes a name partly in Latin letters (Kim Jong उन) is still found.
  QueryOptions qopts{DefaultOperator::Or};
  IndexVariantLookup variants(db_, &builtin_entity_tagger());
  if (!req.exact) qopts.variants = &variants;
  auto built = build_query(*parsed, qopts, stemmer_);
  if (!built) return error(Code::BadQuery, built.error().message);
  // word*: highlight the words the wildcard can match (as many as it expands to).
  for (const auto& prefix : built->wildcard_prefixes) {
    Xapian::termcount n = 0;
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix) && n < kMaxWildcardTerms; ++it, ++n)
      built->highlight.words.insert(*it);
  }

  // Filters: sources are alternatives (a document has one), entities must all hold.
  std::vector<Xapian::Query> filters;
  if (!req.sources.empty()) {
    std::vector<std::string> terms;
    for (const auto& s : req.sources) terms.push_back(schema::source_term(s));
    filters.push_back(any_of(terms));
  }
  for (auto [type, ids] : {std::pair{"person", &req.persons}, {"place", &req.places}, {"org", &req.orgs}})
    for (const auto& id : *ids) filters.emplace_back(schema::entity_term(type, id));
  if (!req.from.empty() || !req.to.empty()) {
    std::string lo = "00000000000000", hi = "99999999999999";
    if (!req.from.empty()) {
      auto b = date_bound(req.from, "from", false);
      if (!b) return std::unexpected(b.error());
      lo = *b;
    }
    if (!req.to.empty()) {
      auto b = date_bound(req.to, "to", true);
      if (!b) return std::unexpected(b.error());
      hi = *b;
    }
    if (lo > hi) return error(Code::BadRequest, "from is after to");
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::kDate, lo, hi);
  }
  if (!req.story.empty()) filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::slot::kStory, req.story, req.story);

  SearchResponse resp;
  resp.query = req.query;
  for (auto& e : built->expansions) resp.also_searched.push_back({e.query, e.also, e.entity});
  resp.suggestion = did_you_mean(req.query, built->expansions);
  resp.page = req.page;
  resp.per_page = req.per_page;

  auto filtered = [&](Xapian::Query q) {
    if (filters.empty()) return q;
    Xapian::Query f = filters.size() == 1 ? filters[0] : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    return Xapian::Query(Xapian::Query::OP_FILTER, q, f);
  };
  SortOrder sort = req.sort;
  if (sort == SortOrder::Relevance && built->match_all) sort = SortOrder::Newest;  // browsing by filters
  // Two stages for relevance: BM25 without the proximity bonus ranks every
  // match (fast: Xapian skips what cannot reach the top), then the first
  // kRerankDepth are rescored with the bonus. Reranking only permutes that
  // top set, so pages stay consistent: rank kRerankDepth and beyond is the
  // first stage's order.
  const bool rerank = sort == SortOrder::Relevance && built->has_proximity;
  const std::size_t offset = (req.page - 1) * req.per_page;
  const std::size_t need = offset + req.per_page;

  Xapian::Enquire enquire(db_);
  // boost=recent: the same extra weight in both stages.
  auto boosted = [&](Xapian::Query q) {
    if (!req.boost_recent || sort != SortOrder::Relevance) return q;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                         Xapian::Query((new RecencyBoost(kRecencyMaxWeight, kRecencyHalfLifeDays))->release()));
  };
  enquire.set_query(boosted(filtered(rerank ? built->without_proximity : built->query)));
  DateSortKey date_key(sort == SortOrder::Newest);
  if (sort != SortOrder::Relevance) enquire.set_sort_by_key_then_relevance(&date_key, sort == SortOrder::Newest);
  if (req.collapse && req.story.empty()) enquire.set_collapse_key(schema::slot::kStory);
  std::optional<FacetCountSpy> facet_spy;
  Xapian::doccount check_at_least = 0;
  if (req.want_facets) {
    if (!facet_column_) facet_column_ = shared_facet_column(db_, path_.string());
    check_at_least = std::min<Xapian::doccount>(db_.get_doccount(), limits_.facet_exact_bound);
    facet_spy.emplace(facet_column_, facet_counts_, check_at_least);
    enquire.add_matchspy(&*facet_spy);
  }
  Xapian::MSet mset = rerank ? enquire.get_mset(0, std::max(need, kRerankDepth), check_at_least)
                             : enquire.get_mset(offset, req.per_page, check_at_least);
  resp.total = mset.get_matches_estimated();
  resp.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  if (req.want_facets) add_facets(*facet_spy, mset, req.facet_limit, resp);
  std::unordered_map<Xapian::docid, Xapian::doccount> collapsed;  // copies folded into each hit
  for (auto it = mset.begin(); it != mset.end(); ++it)
    if (it.get_collapse_count() > 0) collapsed[*it] = it.get_collapse_count();

  struct Ranked {
    Xapian::docid docid;
    double weight;
  };
  std::vector<Ranked> page;
  if (!rerank) {
    for (auto it = mset.begin(); it != mset.end(); ++it) page.push_back({*it, it.get_weight()});
  } else {
    const std::size_t depth = std::min<std::size_t>(kRerankDepth, mset.size());
    std::vector<Xapian::Query> top_ids;
    for (std::size_t i = 0; i < depth; ++i)
      top_ids.emplace_back(schema::id_term(mset[i].get_document().get_value(schema::slot::kId)));
    std::vector<Ranked> reranked;
    if (depth > 0) {
      Xapian::Enquire second(db_);
      second.set_query(Xapian::Query(Xapian::Query::OP_FILTER, boosted(built->query),
                                     Xapian::Query(Xapian::Query::OP_OR, top_ids.begin(), top_ids.end())));
      Xapian::MSet m2 = second.get_mset(0, depth);
      for (auto it = m2.begin(); it != m2.end(); ++it) reranked.push_back({*it, it.get_weight()});
    }
    for (std::size_t p = offset; p < need && p < mset.size(); ++p)
      page.push_back(p < reranked.size() ? reranked[p] : Ranked{*mset[p], mset[p].get_weight()});
  }

  MatchPredicate is_match(built->highlight, [this](const std::string& w) { return stemmer_(w); });
  SnippetOptions html_opts;
  SnippetOptions text_opts{.max_chars = html_opts.max_chars, .format = {"[", "]", false, "…"}};
  std::size_t rank = offset;
  for (const auto& ranked : page) {
    SearchHit hit;
    hit.rank = ++rank;
    hit.score = ranked.weight;
    Xapian::Document doc = db_.get_document(ranked.docid);
    hit.id = doc.get_value(schema::slot::kId);
    hit.story = doc.get_value(schema::slot::kStory);
    if (auto c = collapsed.find(ranked.docid); c != collapsed.end()) hit.duplicates = c->second;
    if (req.want_documents) {
      auto article = schema::from_stored_json(doc.get_data());
      if (article) {
        hit.id = article->id;
        hit.title = article->title;
        hit.url = article->url;
        hit.date = article->date;
        hit.source = article->source;
        hit.category = article->category;
        if (req.want_snippets) {
          hit.title_html = highlight_all(article->title, is_match, html_opts.format);
          hit.snippet_html = make_snippet(article->body, is_match, html_opts);
          if (req.want_plain_snippets) hit.snippet_text = make_snippet(article->body, is_match, text_opts);
        }
      }
    }
    resp.hits.push_back(std::move(hit));
  }
  resp.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return resp;
}

std::optional<schema::Article> Searcher::find_document(std::string_view id) {
  std::string term = schema::id_term(id);
  try {
    auto it = db_.postlist_begin(term);
    if (it == db_.postlist_end(term)) return std::nullopt;
    auto article = schema::from_stored_json(db_.get_document(*it).get_data());
    if (!article) return std::nullopt;
    return *article;
  } catch (const Xapian::DatabaseModifiedError&) {
    reopen_database();
    return find_document(id);
  }
}

std::optional<EntityInfo> Searcher::find_entity(const std::string& id) {
  auto j = nlohmann::json::parse(db_.get_metadata(std::string(schema::meta::kEntityPrefix) + id), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  EntityInfo info{id, j.value("type", ""), j.value("label", id), j.value("label_en", ""), {}, 0};
  if (j.contains("aliases") && j["aliases"].is_array()) {
    for (const auto& a : j["aliases"])
      if (a.is_string()) info.aliases.push_back(a.get<std::string>());
  } else if (j.contains("spellings") && j["spellings"].is_object()) {
    for (const auto& [s, n] : j["spellings"].items()) info.aliases.push_back(s);
  }
  info.documents = db_.get_termfreq(schema::entity_term(info.type, id));
  return info;
}

namespace {

// Only words describe what an article is about: no prefixed terms (ids,
// filters, stems), stopwords or numbers; and only words some other article
// has, or nothing can match.
class TellingWords : public Xapian::ExpandDecider {
 public:
  explicit TellingWords(const Xapian::Database& db) : db_(db) {}
  bool operator()(const std::string& term) const override {
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) return false;
    if (db_.get_termfreq(term) < 2) return false;
    if (analysis::is_stopword(term) || analysis::is_frequent_word(term)) return false;
    return std::ranges::any_of(term, [](char c) { return !(c >= '0' && c <= '9') && c != ',' && c != '.'; });
  }

 private:
  const Xapian::Database& db_;
};

// How many of the article's words describe it.
constexpr Xapian::termcount kSimilarTerms = 25;

}  // namespace

std::expected<SearchResponse, SearchError> Searcher::similar(std::string_view id, std::size_t limit) {
  return with_reopen([&] { return similar_once(id, limit); });
}

std::expected<SearchResponse, SearchError> Searcher::similar_once(std::string_view id, std::size_t limit) {
  const auto start = std::chrono::steady_clock::now();
  if (limit == 0 || limit > limits_.max_per_page)
    return error(SearchError::Code::BadRequest, "per_page must be between 1 and " + std::to_string(limits_.max_per_page));
  const std::string id_term = schema::id_term(id);
  auto post = db_.postlist_begin(id_term);
  if (post == db_.postlist_end(id_term)) return error(SearchError::Code::NotFound, "no document with id '" + std::string(id.substr(0, 200)) + "'");
  Xapian::RSet rset;
  rset.add_document(*post);
  Xapian::Enquire enquire(db_);
  TellingWords decider(db_);
  Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, &decider);
  SearchResponse resp;
  resp.query = "similar:" + std::string(id);
  resp.per_page = limit;
  std::vector<Xapian::Query> terms;
  MatchTerms highlight;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    terms.emplace_back(*it);
    highlight.words.insert(*it);
  }
  if (terms.empty()) return resp;
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT,
                                  Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()), Xapian::Query(id_term)));
  Xapian::MSet mset = enquire.get_mset(0, limit);
  resp.total = mset.get_matches_estimated();
  resp.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  MatchPredicate is_match(highlight, [this](const std::string& w) { return stemmer_(w); });
  SnippetOptions html_opts;
  std::size_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchHit hit;
    hit.rank = ++rank;
    hit.score = it.get_weight();
    Xapian::Document doc = it.get_document();
    hit.id = doc.get_value(schema::slot::kId);
    if (auto article = schema::from_stored_json(doc.get_data())) {
      hit.title = article->title;
      hit.title_html = highlight_all(article->title, is_match, html_opts.format);
      hit.url = article->url;
      hit.date = article->date;
      hit.source = article->source;
      hit.category = article->category;
      hit.snippet_html = make_snippet(article->body, is_match, html_opts);
    }
    resp.hits.push_back(std::move(hit));
  }
  resp.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return resp;
}

std::string Searcher::did_you_mean(const std::string& query, const std::vector<Expansion>& expansions) {
  std::string out = query;
  bool changed = false;
  auto tokens = analysis::split_words(query);
  // Right to left, so earlier byte offsets stay valid as words are replaced.
  for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) {
    if (t->script != analysis::Script::Devanagari && t->script != analysis::Script::Latin) continue;
    if (analysis::is_stopword(t->norm) || db_.get_termfreq(schema::word_term(t->norm)) > 0) continue;
    // A word found through its other spellings is not a typo.
    if (std::ranges::any_of(expansions, [&](const Expansion& e) { return !e.entity && e.query == t->norm; })) continue;
    if (auto word = closest_word(db_, t->norm); !word.empty()) {
      out.replace(t->begin, t->end - t->begin, word);
      changed = true;
    }
  }
  return changed ? out : std::string();
}

std::vector<Suggestion> Searcher::suggest(std::string_view typed, std::size_t limit) {
  auto found = with_reopen([&]() -> std::expected<std::vector<Suggestion>, SearchError> {
    if (!suggester_)
      suggester_ = shared_for_revision<Suggester>(db_, path_.string(),
                                                  [](const Xapian::Database& d) { return Suggester::build(d); });
    return suggester_->suggest(db_, typed, limit);
  });
  return found ? std::move(*found) : std::vector<Suggestion>{};  // suggestions are a nicety: none on failure
}

IndexStats Searcher::stats() {
  IndexStats s;
  s.documents = db_.get_doccount();
  s.postings = db_.get_total_length();
  if (!term_count_) {
    std::size_t n = 0;
    for (auto it = db_.allterms_begin(); it != db_.allterms_end(); ++it) ++n;
    term_count_ = n;
  }
  s.terms = *term_count_;
  std::error_code ec;
  for (auto& entry : std::filesystem::recursive_directory_iterator(path_, ec))
    if (entry.is_regular_file(ec)) s.bytes_on_disk += entry.file_size(ec);
  s.last_update = db_.get_metadata(std::string(schema::meta::kLastUpdate));
  s.schema_version = db_.get_metadata(std::string(schema::meta::kSchemaVersion));
  return s;
}

}  // namespace talash::searcher
