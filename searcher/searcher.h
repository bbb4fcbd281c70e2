#pragma once
// The search library: one Searcher per thread (Xapian database handles are
// not shared between threads). Everything the CLI and the HTTP API answer
// comes from here.
#include <chrono>
#include <expected>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "schema/article.h"
#include "searcher/facet_column.h"
#include "searcher/query_parser.h"
#include "searcher/search_types.h"
#include "searcher/shard_set.h"
#include "searcher/suggester.h"

namespace talash::searcher {

class FacetCountSpy;
struct FacetTally;

class Searcher {
 public:
  // `db_path`: an index folder, or a Xapian stub file listing shards (`auto
  // PATH`, `remote HOST:PORT`; docs/shards.md). Fails when the folder holds
  // no Talash database, a shard cannot be opened or reached, or the shards
  // were indexed with different schema versions.
  static std::expected<Searcher, std::string> open(const std::filesystem::path& db_path, SearchLimits limits = {});

  // Picks up documents committed since the last call; cheap when nothing changed.
  void refresh();

  std::expected<SearchResponse, SearchError> search(const SearchRequest& request);
  std::optional<schema::Article> find_document(std::string_view id);
  // More like this: articles that share the most telling words of article
  // `id` (Xapian's ESet over it), the article itself left out. NotFound when
  // there is no such article.
  std::expected<SearchResponse, SearchError> similar(std::string_view id, std::size_t limit);
  std::optional<EntityInfo> find_entity(const std::string& id);
  IndexStats stats();
  // Completions for the search box (searcher/suggester.h).
  std::vector<Suggestion> suggest(std::string_view typed, std::size_t limit);
  // The `n` exact words (unprefixed terms) in the most documents, most first.
  std::vector<std::pair<std::string, Xapian::doccount>> top_words(std::size_t n);
  Xapian::doccount document_count() const { return db_.get_doccount(); }

  // Label of an entity id from the database ("" when unknown).
  std::pair<std::string, std::string> entity_label(const std::string& id);

  // How many shards the search runs over, and whether any is remote.
  std::size_t shard_count() const { return shards_.shards().size(); }
  bool has_remote_shards() const { return any_remote_; }

 private:
  Searcher(std::filesystem::path path, ShardSet shards, SearchLimits limits);
  std::expected<SearchResponse, SearchError> search_once(const SearchRequest& request);
  std::expected<SearchResponse, SearchError> similar_once(std::string_view id, std::size_t limit);
  // Words are looked up until `deadline`; the rest stay as typed.
  std::string did_you_mean(const std::string& query, const std::vector<Expansion>& expansions,
                           std::chrono::steady_clock::time_point deadline);
  void add_facets(const FacetTally& tally, Xapian::doccount matches_lower_bound, SearchResponse& resp);
  // Entity metadata (schema::meta::kEntityPrefix) merged over the shards.
  std::string entity_metadata(const std::string& id);
  EntityMetadataSource entity_metadata_source();

  std::filesystem::path path_;
  ShardSet shards_;
  Xapian::Database db_;  // all shards
  bool any_remote_ = false;
  // One local index: facets come from the in-memory FacetColumn. Several
  // shards: from Xapian's own ValueCountMatchSpy, which runs on remote
  // shards too (a spy sees a shard's own docids, so the column cannot serve).
  bool column_facets_ = true;
  // A remote shard's connection failed (or timed out mid-answer): open the
  // shards again before the next search.
  bool broken_ = false;
  SearchLimits limits_;
  Xapian::Stem stemmer_;
  // Reads the latest revision; drops what was derived from the old one.
  void reopen_database();
  // Opens every shard again after a connection failure; false if it still fails.
  bool reconnect();
  // Runs `once` (returning std::expected<T, SearchError>), reopening on a concurrent commit.
  template <typename Once>
  auto with_reopen(Once&& once) -> decltype(once());

  // Derived from the open revision, so valid until the next reopen.
  std::unordered_map<std::string, std::pair<std::string, std::string>> labels_;
  std::optional<std::size_t> term_count_;  // walking every term is slow
  std::shared_ptr<const FacetColumn> facet_column_;
  std::vector<Xapian::doccount> facet_counts_;  // FacetCountSpy's scratch
  std::shared_ptr<const Suggester> suggester_;
};

// Relevance ranking rescoring the first stage's top documents with the
// proximity bonus (see Searcher::search).
inline constexpr std::size_t kRerankDepth = 30;
// The date facet also counts per day when the dated matches span at most this many days.
inline constexpr long kDayFacetSpanDays = 62;
// boost=recent: at most this much weight (a one-word match weighs about 1-3,
// a headline-long query 10 or more), halving every this many days of age.
inline constexpr double kRecencyMaxWeight = 1.0;
inline constexpr double kRecencyHalfLifeDays = 30;

}  // namespace talash::searcher
