#include "searcher/searcher.h"

#include <array>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "analysis/normalize_hindi.h"
#include "schema/entity_metadata.h"
#include "schema/entity_values.h"
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

// What counting facets saw, whichever way they were counted.
struct FacetTally {
  Xapian::doccount seen = 0;     // matches shown to the counting
  Xapian::doccount counted = 0;  // of which counted
  Xapian::doccount bound = 0;    // Xapian shows every match until this many (check_at_least)
  std::array<std::vector<FacetCount>, kFacetKinds> top;
  std::vector<FacetCount> months;
  std::vector<FacetCount> days;
};

namespace {

using Clock = std::chrono::steady_clock;

// Days from "YYYY-MM-DD" `a` to `b`.
long day_span(std::string_view a, std::string_view b) {
  auto days = [](std::string_view d) {
    auto number = [&](std::size_t at, std::size_t n) { return std::stoi(std::string(d.substr(at, n))); };
    return std::chrono::sys_days(std::chrono::year(number(0, 4)) / number(5, 2) / number(8, 2));
  };
  return (days(b) - days(a)).count();
}

std::unexpected<SearchError> error(SearchError::Code code, std::string message) {
  return std::unexpected(SearchError{code, std::move(message)});
}

std::expected<std::string, SearchError> date_bound(const std::string& text, const char* name, bool end_of_day) {
  auto d = schema::parse_iso_date(text);
  if (!d || d->has_time) return error(SearchError::Code::BadRequest, std::string(name) + " must be a date YYYY-MM-DD, got '" + text.substr(0, 40) + "'");
  return d->sortable().substr(0, 8) + (end_of_day ? "235959" : "000000");
}

// Sort key for oldest first: undated documents go last. (Newest first needs
// no key maker: an empty value already sorts last, and Xapian's remote
// backend supports no KeyMaker at all, not even its own.)
class OldestFirstKey : public Xapian::KeyMaker {
 public:
  std::string operator()(const Xapian::Document& doc) const override {
    std::string v = doc.get_value(schema::slot::kDate);
    return v.empty() ? "\xff" : v;
  }
};

Xapian::Query any_of(const std::vector<std::string>& terms) {
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Documents with a date (slot::kDate is digits; empty when undated).
Xapian::Query dated() { return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::slot::kDate, "0"); }

// A fixed set of documents by docid, for one local database: a filter that
// weighs nothing.
class DocidSetFilter : public Xapian::PostingSource {
 public:
  explicit DocidSetFilter(std::vector<Xapian::docid> docids) : docids_(std::move(docids)) {
    std::ranges::sort(docids_);
  }
  void init(const Xapian::Database&) override { at_ = kBeforeStart; }
  Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(docids_.size()); }
  Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(docids_.size()); }
  Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(docids_.size()); }
  Xapian::docid get_docid() const override { return docids_[at_]; }
  bool at_end() const override { return at_ != kBeforeStart && at_ >= docids_.size(); }
  void next(double) override { at_ = at_ == kBeforeStart ? 0 : at_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    if (at_ == kBeforeStart) at_ = 0;
    while (at_ < docids_.size() && docids_[at_] < did) ++at_;
  }
  Xapian::PostingSource* clone() const override { return new DocidSetFilter(docids_); }
  std::string get_description() const override { return "DocidSetFilter(" + std::to_string(docids_.size()) + ")"; }

 private:
  static constexpr std::size_t kBeforeStart = static_cast<std::size_t>(-1);
  std::vector<Xapian::docid> docids_;
  std::size_t at_ = kBeforeStart;
};

// Ends a local match at the search's deadline. Xapian 1.4 cannot stop a
// match (Enquire::set_time_limit only stops it counting beyond what the
// ranking needs), and a spy or decider sees only the candidates that could
// still reach the page, while a broad OR spends its time on the others. A
// filter is asked about every candidate: this one matches every document
// until the deadline and then ends, and an AND ends with it, so Xapian
// finishes normally with the best documents it found by then, ranked,
// sorted and collapsed as usual. Its frequencies are the document count, so
// the estimates are the query's own. Local shards only: a custom posting
// source cannot travel to xapian-tcpsrv (there the remote timeout bounds).
class DeadlineFilter : public Xapian::PostingSource {
 public:
  DeadlineFilter(Clock::time_point deadline, std::shared_ptr<bool> ended_early)
      : deadline_(deadline), ended_early_(std::move(ended_early)) {}
  void init(const Xapian::Database& db) override {
    doccount_ = db.get_doccount();
    last_ = db.get_lastdocid();
    did_ = 0;
    ended_ = false;
  }
  Xapian::doccount get_termfreq_min() const override { return doccount_; }
  Xapian::doccount get_termfreq_est() const override { return doccount_; }
  Xapian::doccount get_termfreq_max() const override { return doccount_; }
  Xapian::docid get_docid() const override { return did_; }
  bool at_end() const override { return ended_; }
  void next(double) override { move_to(did_ + 1); }
  void skip_to(Xapian::docid did, double) override {
    if (did > did_) move_to(did);
  }
  bool check(Xapian::docid did, double) override {
    if (did > did_) move_to(did);
    return true;
  }
  // Each shard of a multi-database gets a clone; they share the flag.
  Xapian::PostingSource* clone() const override { return new DeadlineFilter(deadline_, ended_early_); }
  std::string get_description() const override { return "DeadlineFilter"; }

 private:
  void move_to(Xapian::docid did) {
    // A clock read costs about 20 ns, a candidate of a broad OR far more.
    if ((++moves_ & 31) == 0 && Clock::now() >= deadline_) {
      ended_ = true;
      *ended_early_ = true;
      return;
    }
    if (did > last_) {
      ended_ = true;
      return;
    }
    did_ = did;
  }
  Clock::time_point deadline_;
  std::shared_ptr<bool> ended_early_;
  Xapian::doccount doccount_ = 0;
  Xapian::docid last_ = 0;
  Xapian::docid did_ = 0;
  bool ended_ = false;
  std::uint64_t moves_ = 0;
};

// Facets over several shards, with Xapian's own ValueCountMatchSpy, which a
// stock xapian-tcpsrv runs next to its shard and sends back as counts of
// distinct slot values. Slot kEntities holds all of a document's entities in
// one value, so the spy counts combinations; each combination's count goes to
// every entity in it, which gives the number of documents per entity.
class ValueFacetCounter {
 public:
  void attach(Xapian::Enquire& enquire) {
    enquire.add_matchspy(&entities_);
    enquire.add_matchspy(&sources_);
    enquire.add_matchspy(&dates_);
  }
  FacetTally tally(std::size_t limit, Xapian::doccount bound) const {
    FacetTally t;
    t.seen = t.counted = entities_.get_total();
    t.bound = bound;
    std::array<std::map<std::string, Xapian::doccount>, kFacetKinds> counts;
    for (auto it = entities_.values_begin(); it != entities_.values_end(); ++it) {
      const std::string combination = *it;
      const Xapian::doccount n = it.get_termfreq();
      schema::for_each_entity_key(combination, [&](std::string_view key) {
        auto colon = key.find(':');
        if (colon == std::string_view::npos || colon + 1 == key.size()) return;
        counts[static_cast<std::size_t>(facet_kind(key.substr(0, colon)))][std::string(key.substr(colon + 1))] += n;
      });
    }
    for (auto it = sources_.values_begin(); it != sources_.values_end(); ++it)
      if (!(*it).empty()) counts[static_cast<std::size_t>(FacetKind::source)][*it] += it.get_termfreq();
    auto& months = counts[static_cast<std::size_t>(FacetKind::month)];
    auto& days = counts[static_cast<std::size_t>(FacetKind::day)];
    for (auto it = dates_.values_begin(); it != dates_.values_end(); ++it) {
      const std::string date = *it;  // YYYYMMDDhhmmss
      if (date.size() < 8) continue;
      months[date.substr(0, 4) + "-" + date.substr(4, 2)] += it.get_termfreq();
      days[date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2)] += it.get_termfreq();
    }
    for (std::size_t k = 0; k < kFacetKinds; ++k) {
      std::vector<FacetCount> all;
      for (auto& [name, n] : counts[k]) all.push_back({name, n});
      if (static_cast<FacetKind>(k) == FacetKind::month || static_cast<FacetKind>(k) == FacetKind::day) {
        (static_cast<FacetKind>(k) == FacetKind::month ? t.months : t.days) = all;  // by name already
        continue;
      }
      // As FacetCountSpy::top: count descending, then name.
      std::ranges::stable_sort(all, [](const FacetCount& a, const FacetCount& b) { return a.count > b.count; });
      if (all.size() > limit) all.resize(limit);
      t.top[k] = std::move(all);
    }
    return t;
  }

 private:
  Xapian::ValueCountMatchSpy entities_{schema::slot::kEntities};
  Xapian::ValueCountMatchSpy sources_{schema::slot::kSource};
  Xapian::ValueCountMatchSpy dates_{schema::slot::kDate};
};

}  // namespace

Searcher::Searcher(std::filesystem::path path, ShardSet shards, SearchLimits limits)
    : path_(std::move(path)),
      shards_(std::move(shards)),
      db_(shards_.all()),
      any_remote_(shards_.any_remote()),
      column_facets_(shards_.shards().size() == 1 && !any_remote_),
      limits_(limits),
      stemmer_(schema::make_stemmer()) {}

namespace {

ShardOptions shard_options(const SearchLimits& limits) {
  ShardOptions o;
  o.remote_timeout_s = limits.remote_timeout;
  return o;
}

}  // namespace

std::expected<Searcher, std::string> Searcher::open(const std::filesystem::path& db_path, SearchLimits limits) {
  auto shards = ShardSet::open(db_path, shard_options(limits));
  if (!shards) {
    if (std::filesystem::is_regular_file(db_path)) return std::unexpected(shards.error());  // a stub: the line says it all
    return std::unexpected("cannot open index " + db_path.string() + ": " + shards.error() +
                           " (create it with 'talash index --db " + db_path.string() + " PATH')");
  }
  // Terms, slots and stored fields mean what the schema version says: shards
  // of different versions would be ranked and counted as if they agreed.
  if (shards->shards().size() > 1) {
    std::string first_version, first_where;
    try {
      for (const auto& shard : shards->shards()) {
        const std::string version = shard.db.get_metadata(std::string(schema::meta::kSchemaVersion));
        if (version.empty()) continue;  // no documents yet
        if (first_version.empty()) {
          first_version = version;
          first_where = shard.where;
        } else if (version != first_version) {
          return std::unexpected("shards were indexed with different schema versions: " + first_version + " in " +
                                 first_where + ", " + version + " in " + shard.where + "; re-index the older ones");
        }
      }
    } catch (const Xapian::Error& e) {
      return std::unexpected("cannot read shard metadata: " + e.get_description());
    }
  }
  return Searcher(db_path, std::move(*shards), limits);
}

void Searcher::reopen_database() {
  if (db_.reopen()) {
    labels_.clear();
    term_count_.reset();
    facet_column_.reset();
    suggester_.reset();
  }
}

bool Searcher::reconnect() {
  auto shards = ShardSet::open(path_, shard_options(limits_));
  if (!shards) return false;
  shards_ = std::move(*shards);
  db_ = shards_.all();
  broken_ = false;
  labels_.clear();
  term_count_.reset();
  facet_column_.reset();
  suggester_.reset();
  return true;
}

void Searcher::refresh() {
  if (broken_) {
    reconnect();  // still broken: the next search says so
    return;
  }
  try {
    reopen_database();
  } catch (const Xapian::NetworkError&) {
    broken_ = true;  // a remote shard went away: reconnect next time
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

EntityMetadataSource Searcher::entity_metadata_source() {
  return {[this](const std::string& prefix) {
            std::set<std::string> keys;
            for (const auto& shard : shards_.shards())
              for (auto it = shard.db.metadata_keys_begin(prefix); it != shard.db.metadata_keys_end(prefix); ++it)
                keys.insert(*it);
            return std::vector<std::string>(keys.begin(), keys.end());
          },
          [this](const std::string& key) {
            std::vector<std::string> per_shard;
            for (const auto& shard : shards_.shards()) per_shard.push_back(shard.db.get_metadata(key));
            return schema::merge_entity_metadata(per_shard);
          }};
}

std::string Searcher::entity_metadata(const std::string& id) {
  const std::string key = std::string(schema::meta::kEntityPrefix) + id;
  if (shards_.shards().size() == 1) return db_.get_metadata(key);
  // A multi-database answers metadata from its first shard only. A
  // gazetteer entity's is the same on every shard: the first one found will
  // do (each shard asked is a round trip when remote).
  std::vector<std::string> per_shard;
  for (const auto& shard : shards_.shards()) {
    per_shard.push_back(shard.db.get_metadata(key));
    if (!per_shard.back().empty() && per_shard.back().find("\"spellings\"") == std::string::npos) break;
  }
  return schema::merge_entity_metadata(per_shard);
}

std::pair<std::string, std::string> Searcher::entity_label(const std::string& id) {
  auto it = labels_.find(id);
  if (it != labels_.end()) return it->second;
  std::pair<std::string, std::string> label{id, ""};
  auto j = nlohmann::json::parse(entity_metadata(id), nullptr, false);
  if (j.is_object()) label = {j.value("label", id), j.value("label_en", "")};
  return labels_.emplace(id, label).first->second;
}

void Searcher::add_facets(const FacetTally& tally, Xapian::doccount matches_lower_bound, SearchResponse& resp) {
  // Exact when every match was counted: Xapian showed fewer than the bound
  // (so it ran out of matches), or all the matches there are. (With copies
  // collapsed Xapian's totals are estimates even when all were seen.) Not
  // when the time limit stopped the match or its counting.
  resp.facets_exact = !resp.time_limited && (tally.seen < tally.bound ||
                                             (resp.total_is_exact && tally.counted >= matches_lower_bound));
  // Beyond the bound the counts are of a sample (the first matches in index
  // order): scale them to the estimated match count, and say so.
  const double scale =
      resp.facets_exact || tally.counted == 0 ? 1.0 : double(resp.total) / tally.counted;
  auto scaled = [&](Xapian::doccount count) {
    return resp.facets_exact ? count : std::max<std::size_t>(1, static_cast<std::size_t>(count * scale + 0.5));
  };
  for (FacetKind kind : {FacetKind::person, FacetKind::place, FacetKind::org}) {
    auto& out = resp.facets[std::string(facet_kind_name(kind))];
    for (auto& [id, count] : tally.top[static_cast<std::size_t>(kind)]) {
      auto [label, label_en] = entity_label(id);
      out.push_back({id, label, label_en, scaled(count)});
    }
  }
  // Months: all of them, in order, for the date chart.
  auto& months = resp.facets["month"];
  for (auto& [month, count] : tally.months) months.push_back({month, month, "", scaled(count)});
  // Days too when the dated matches span at most kDayFacetSpanDays: a chart of one or two
  // bars by month says nothing about a story of a few weeks.
  if (!tally.days.empty() && day_span(tally.days.front().name, tally.days.back().name) <= kDayFacetSpanDays) {
    auto& days = resp.facets["day"];
    for (auto& [day, count] : tally.days) days.push_back({day, day, "", scaled(count)});
  }
  auto& sources = resp.facets["source"];
  for (auto& [name, count] : tally.top[static_cast<std::size_t>(FacetKind::source)])
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
// again (three attempts in all). A remote shard that closed its connection
// (xapian-tcpsrv restarted) is reconnected and tried again; one that did not
// answer in time is not (the same query would wait as long again), but is
// reconnected before the next search. Any other Xapian error is Unavailable.
template <typename Once>
auto Searcher::with_reopen(Once&& once) -> decltype(once()) {
  if (broken_ && !reconnect())
    return error(SearchError::Code::Unavailable, "a remote shard of " + path_.string() + " cannot be reached");
  for (int attempt = 0;; ++attempt) {
    try {
      return once();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 2) return error(SearchError::Code::Unavailable, "the index changed during the search; try again");
      reopen_database();
    } catch (const Xapian::NetworkTimeoutError& e) {
      broken_ = true;
      // "REMOTE:": xapian-tcpsrv's own timeout (--idle-timeout, 60 s) closed
      // a connection we had not used: reconnect like any closed connection.
      if (!e.get_msg().starts_with("REMOTE:"))
        return error(SearchError::Code::Unavailable, "a remote shard did not answer within " +
                                                         std::to_string(static_cast<int>(limits_.remote_timeout)) +
                                                         " s: " + e.get_description());
      if (attempt == 2 || !reconnect())
        return error(SearchError::Code::Unavailable, "a remote shard cannot be reached: " + e.get_description());
    } catch (const Xapian::NetworkError& e) {
      broken_ = true;
      if (attempt == 2 || !reconnect())
        return error(SearchError::Code::Unavailable, "a remote shard cannot be reached: " + e.get_description());
    } catch (const Xapian::Error& e) {
      return error(SearchError::Code::Unavailable, "search failed: " + e.get_description());
    }
  }
}

std::expected<SearchResponse, SearchError> Searcher::search(const SearchRequest& request) {
  return with_reopen([&] { return search_once(request); });
}

std::expected<SearchResponse, SearchError> Searcher::search_once(const SearchRequest& req) {
  const auto start = Clock::now();
  const bool limited = limits_.search_time_limit > 0;
  const auto deadline =
      limited ? start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits_.search_time_limit))
              : Clock::time_point::max();
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
  variants.set_deadline(deadline);
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
  resp.suggestion = did_you_mean(req.query, built->expansions, deadline);
  resp.page = req.page;
  resp.per_page = req.per_page;

  auto filtered = [&](Xapian::Query q) {
    if (filters.empty()) return q;
    Xapian::Query f = filters.size() == 1 ? filters[0] : Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
    return Xapian::Query(Xapian::Query::OP_FILTER, q, f);
  };
  SortOrder sort = req.sort;
  if (sort == SortOrder::Relevance && built->match_all) sort = SortOrder::Newest;  // browsing by filters
  // boost=recent is a posting source, which remote shards cannot run (no
  // custom classes travel to xapian-tcpsrv), and which on local shards
  // measures age from each shard's own newest article (Xapian initialises
  // it per shard). Over shards the same weight is added here instead, to
  // the ranked window below.
  const bool sharded = shards_.shards().size() > 1;
  const bool recency_here = req.boost_recent && sort == SortOrder::Relevance && sharded;
  // Two stages for relevance: BM25 without the proximity bonus ranks every
  // match (fast: Xapian skips what cannot reach the top), then the first
  // kRerankDepth are rescored with the bonus. Reranking only permutes that
  // top set, so pages stay consistent: rank kRerankDepth and beyond is the
  // first stage's order. Where the query allows (BuiltQuery::proximity_only),
  // a top document's new weight is its first-stage weight plus the bonus's,
  // and only the bonus is matched again, not the whole query: headline dev
  // queries on the 32k corpus went from p50 2.04 to 1.74 ms, and MRR@10 from
  // 0.8393 to 0.8431 (the words now weigh as in the first stage, without the
  // extra within-query frequency that the bonus's copies of them added).
  const bool rerank = sort == SortOrder::Relevance && (built->has_proximity || recency_here);
  // Remote shards support no KeyMaker, so oldest first (undated last) is two
  // matches there: the dated documents by date, then the undated ones.
  const bool split_oldest = sort == SortOrder::Oldest && any_remote_;
  const std::size_t offset = (req.page - 1) * req.per_page;
  const std::size_t need = offset + req.per_page;
  const std::size_t window = rerank ? std::max(need, kRerankDepth) : need;

  // boost=recent: the same extra weight in both stages.
  auto boosted = [&](Xapian::Query q) {
    if (!req.boost_recent || sort != SortOrder::Relevance || sharded) return q;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, q,
                         Xapian::Query((new RecencyBoost(kRecencyMaxWeight, kRecencyHalfLifeDays))->release()));
  };
  // At the time limit a local match ends with what it found (DeadlineFilter).
  auto ended_early = std::make_shared<bool>(false);
  auto bounded = [&](Xapian::Query q) {
    if (!limited || any_remote_) return q;
    return Xapian::Query(Xapian::Query::OP_FILTER, q,
                         Xapian::Query((new DeadlineFilter(deadline, ended_early))->release()));
  };
  const Xapian::Query first_query = boosted(filtered(rerank ? built->without_proximity : built->query));
  // Past half the time limit Xapian stops counting matches beyond what the
  // ranking needs (so it can skip again).
  const auto counting_deadline = limited ? start + (deadline - start) / 2 : Clock::time_point::max();
  OldestFirstKey oldest_key;
  // The second stage needs the ids of the first stage's top documents: each
  // would be a round trip to a remote shard, but a sort key travels with the
  // match. Equal scores then go in id order instead of docid order.
  const bool remote_ids = rerank && any_remote_;
  auto configure = [&](Xapian::Enquire& enquire, const Xapian::Query& query, SortOrder order) {
    enquire.set_query(query);
    if (order == SortOrder::Relevance && remote_ids) enquire.set_sort_by_relevance_then_value(schema::slot::kId, false);
    if (order == SortOrder::Newest) enquire.set_sort_by_value_then_relevance(schema::slot::kDate, true);
    if (order == SortOrder::Oldest) {
      if (split_oldest) enquire.set_sort_by_value_then_relevance(schema::slot::kDate, false);
      else enquire.set_sort_by_key_then_relevance(&oldest_key, false);
    }
    if (req.collapse && req.story.empty()) enquire.set_collapse_key(schema::slot::kStory);
    if (limited)
      enquire.set_time_limit(std::max(0.001, std::chrono::duration<double>(counting_deadline - Clock::now()).count()));
  };

  std::optional<FacetCountSpy> column_spy;
  ValueFacetCounter value_counter;
  Xapian::doccount check_at_least = 0;
  if (req.want_facets) {
    check_at_least = std::min<Xapian::doccount>(db_.get_doccount(), limits_.facet_exact_bound);
    if (column_facets_) {
      if (!facet_column_) facet_column_ = shared_facet_column(db_, path_.string());
      column_spy.emplace(facet_column_, facet_counts_, check_at_least);
    }
  }
  auto attach_facets = [&](Xapian::Enquire& enquire) {
    if (!req.want_facets) return;
    if (column_spy) enquire.add_matchspy(&*column_spy);
    else value_counter.attach(enquire);
  };
  // A remote shard sends a document only when asked for it, one round trip
  // each (MSetIterator::get_document() asks at once): so a match's top
  // documents are kept as places in their MSet, and only the page's are read,
  // all at once (MSet::fetch sends the requests before reading the answers).
  std::vector<Xapian::MSet> msets;
  struct Ranked {
    Xapian::docid docid;
    double weight;
    std::size_t mset;  // msets[mset][at]
    Xapian::doccount at;
    std::string id;  // slot::kId when it came as the sort key
  };
  std::vector<Ranked> ranked;  // from rank 1 (rerank) or from `offset`
  std::size_t ranked_from = offset;
  std::unordered_map<Xapian::docid, Xapian::doccount> collapsed;  // copies folded into each hit
  Xapian::doccount lower_bound = 0;
  auto take = [&](const Xapian::MSet& mset) {
    msets.push_back(mset);
    Xapian::doccount at = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it, ++at) {
      ranked.push_back({*it, it.get_weight(), msets.size() - 1, at, remote_ids ? it.get_sort_key() : std::string()});
      if (it.get_collapse_count() > 0) collapsed[*it] = it.get_collapse_count();
    }
  };
  auto document = [&](const Ranked& r) { return msets[r.mset][r.at].get_document(); };
  if (!split_oldest) {
    Xapian::Enquire enquire(db_);
    configure(enquire, bounded(first_query), sort);
    attach_facets(enquire);
    Xapian::MSet mset = enquire.get_mset(rerank ? 0 : offset, rerank ? window : req.per_page, check_at_least);
    if (rerank) ranked_from = 0;
    take(mset);
    resp.total = mset.get_matches_estimated();
    resp.total_is_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
    lower_bound = mset.get_matches_lower_bound();
  } else {
    Xapian::Enquire with_date(db_), without_date(db_);
    configure(with_date, Xapian::Query(Xapian::Query::OP_FILTER, first_query, dated()), SortOrder::Oldest);
    configure(without_date, Xapian::Query(Xapian::Query::OP_AND_NOT, first_query, dated()), SortOrder::Relevance);
    attach_facets(with_date);
    attach_facets(without_date);
    Xapian::MSet first = with_date.get_mset(offset, req.per_page, check_at_least);
    const Xapian::doccount dated_total = first.get_matches_estimated();
    const std::size_t rest = req.per_page - first.size();
    Xapian::MSet second = without_date.get_mset(offset > dated_total ? offset - dated_total : 0, rest, check_at_least);
    take(first);
    take(second);
    resp.total = dated_total + second.get_matches_estimated();
    resp.total_is_exact = first.get_matches_lower_bound() == first.get_matches_upper_bound() &&
                          second.get_matches_lower_bound() == second.get_matches_upper_bound();
    lower_bound = first.get_matches_lower_bound() + second.get_matches_lower_bound();
  }
  if (*ended_early) {
    // Xapian saw the match end: its counts are of what it had seen by then.
    resp.time_limited = true;
    resp.total_is_exact = false;
  } else if (check_at_least > window && Clock::now() >= counting_deadline) {
    resp.time_limited = true;  // Xapian may have stopped counting: estimates
  }
  if (req.want_facets) {
    FacetTally tally;
    if (column_spy) {
      tally.seen = column_spy->documents_seen();
      tally.counted = column_spy->documents_counted();
      tally.bound = column_spy->max_counted();
      tally.top = column_spy->top(req.facet_limit);
      tally.months = column_spy->all_by_name(FacetKind::month);
      tally.days = column_spy->all_by_name(FacetKind::day);
    } else {
      tally = value_counter.tally(req.facet_limit, check_at_least);
    }
    add_facets(tally, lower_bound, resp);
  }

  std::vector<Ranked> page;
  // No time left for the second stage (proximity over a long query is costly):
  // the first stage's order.
  if (rerank && Clock::now() >= deadline) resp.time_limited = true;
  if (!rerank || Clock::now() >= deadline) {
    for (std::size_t p = offset; p < need && p >= ranked_from && p - ranked_from < ranked.size(); ++p)
      page.push_back(ranked[p - ranked_from]);
  } else {
    const std::size_t depth = std::min<std::size_t>(kRerankDepth, ranked.size());
    // The top documents as a filter: by docid in one local database (reading
    // each one's id value was 17% of a one- or two-word search), by id term
    // over shards, where each shard's clone of a posting source sees its own
    // docids and a remote one cannot run it at all.
    Xapian::Query top;
    if (!sharded && !any_remote_) {
      std::vector<Xapian::docid> docids;
      for (std::size_t i = 0; i < depth; ++i) docids.push_back(ranked[i].docid);
      top = Xapian::Query((new DocidSetFilter(std::move(docids)))->release());
    } else {
      std::vector<Xapian::Query> top_ids;
      for (std::size_t i = 0; i < depth; ++i)
        top_ids.emplace_back(
            schema::id_term(ranked[i].id.empty() ? document(ranked[i]).get_value(schema::slot::kId) : ranked[i].id));
      top = Xapian::Query(Xapian::Query::OP_OR, top_ids.begin(), top_ids.end());
    }
    std::vector<Ranked> reranked;
    if (depth > 0) {
      // With proximity_only, only the bonus is matched again and added to the
      // first stage's weights (equal weights in docid order, as Xapian ranks
      // them); otherwise the whole query is matched again over the top.
      const bool bonus_only = built->proximity_only.has_value();
      Xapian::Enquire second(db_);
      second.set_query(bounded(
          Xapian::Query(Xapian::Query::OP_FILTER, bonus_only ? *built->proximity_only : boosted(built->query), top)));
      msets.push_back(second.get_mset(0, depth));
      const Xapian::MSet& again = msets.back();
      if (bonus_only) {
        std::unordered_map<Xapian::docid, double> bonus;
        for (auto it = again.begin(); it != again.end(); ++it) bonus[*it] = it.get_weight();
        reranked.assign(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(depth));
        for (auto& r : reranked)
          if (auto b = bonus.find(r.docid); b != bonus.end()) r.weight += b->second;
        std::ranges::sort(reranked, [](const Ranked& x, const Ranked& y) {
          return x.weight != y.weight ? x.weight > y.weight : x.docid < y.docid;
        });
      } else {
        Xapian::doccount at = 0;
        for (auto it = again.begin(); it != again.end(); ++it, ++at)
          reranked.push_back({*it, it.get_weight(), msets.size() - 1, at, {}});
      }
      if (*ended_early) {  // cut short: keep the first stage's order
        resp.time_limited = true;
        reranked.clear();
      }
    }
    if (recency_here) {
      // What RecencyBoost adds, from the date that travels with each match;
      // the newest date is the greatest over all shards (Xapian's value
      // statistics do travel). Beyond the reranked window no boost.
      const double newest = days_since_epoch(db_.get_value_upper_bound(schema::slot::kDate));
      for (auto& r : reranked) {
        // The date is a value of the document: one round trip each, for the window.
        const double days = days_since_epoch(document(r).get_value(schema::slot::kDate));
        if (days >= 0) r.weight += kRecencyMaxWeight * std::exp2(-std::max(0.0, newest - days) / kRecencyHalfLifeDays);
      }
      std::ranges::stable_sort(reranked, [](const Ranked& a, const Ranked& b) { return a.weight > b.weight; });
    }
    for (std::size_t p = offset; p < need && p < ranked.size(); ++p)
      page.push_back(p < reranked.size() ? reranked[p] : ranked[p]);
  }

  if (any_remote_) {
    // Xapian 1.4.22's MSet::fetch() and fetch(iterator) crash on an MSet
    // that does not start at rank 0 (a later page); fetch(begin, end) does not.
    std::map<std::size_t, std::pair<Xapian::doccount, Xapian::doccount>> spans;
    for (const auto& r : page) {
      auto [it, fresh] = spans.try_emplace(r.mset, r.at, r.at + 1);
      it->second = {std::min(it->second.first, r.at), std::max(it->second.second, r.at + 1)};
    }
    for (auto& [m, span] : spans)
      msets[m].fetch(msets[m][span.first], span.second < msets[m].size() ? msets[m][span.second] : msets[m].end());
  }
  MatchPredicate is_match(built->highlight, [this](const std::string& w) { return stemmer_(w); });
  SnippetOptions html_opts;
  SnippetOptions text_opts{.max_chars = html_opts.max_chars, .format = {"[", "]", false, "…"}};
  std::size_t rank = offset;
  for (const auto& r : page) {
    SearchHit hit;
    hit.rank = ++rank;
    hit.score = r.weight;
    const Xapian::Document doc = document(r);
    hit.id = doc.get_value(schema::slot::kId);
    hit.story = doc.get_value(schema::slot::kStory);
    if (auto c = collapsed.find(r.docid); c != collapsed.end()) hit.duplicates = c->second;
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
  resp.took_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
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
  auto j = nlohmann::json::parse(entity_metadata(id), nullptr, false);
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

std::string Searcher::did_you_mean(const std::string& query, const std::vector<Expansion>& expansions,
                                   Clock::time_point deadline) {
  std::string out = query;
  bool changed = false;
  auto tokens = analysis::split_words(query);
  // Right to left, so earlier byte offsets stay valid as words are replaced.
  for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) {
    if (Clock::now() >= deadline) break;  // each unknown word scans up to 30,000 index words
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
      suggester_ = shards_.shards().size() == 1
                       ? shared_for_revision<Suggester>(db_, path_.string(),
                                                        [](const Xapian::Database& d) { return Suggester::build(d); })
                       : std::make_shared<const Suggester>(Suggester::build(db_, entity_metadata_source()));
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
  // Over shards: the local ones' folders (a remote shard's size is its
  // server's business), the latest update of any, and the version they
  // share (Searcher::open checked that they do).
  std::error_code ec;
  for (const auto& shard : shards_.shards()) {
    if (shard.local_path.empty()) continue;
    if (std::filesystem::is_regular_file(shard.local_path, ec)) s.bytes_on_disk += std::filesystem::file_size(shard.local_path, ec);
    for (auto& entry : std::filesystem::recursive_directory_iterator(shard.local_path, ec))
      if (entry.is_regular_file(ec)) s.bytes_on_disk += entry.file_size(ec);
  }
  for (const auto& shard : shards_.shards()) {
    s.last_update = std::max(s.last_update, shard.db.get_metadata(std::string(schema::meta::kLastUpdate)));
    if (s.schema_version.empty()) s.schema_version = shard.db.get_metadata(std::string(schema::meta::kSchemaVersion));
  }
  return s;
}

}  // namespace talash::searcher
