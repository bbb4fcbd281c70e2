#pragma once
// Searchers for a multi-threaded server: each request leases one (so no two
// threads share a Xapian handle), refreshed to the latest commit on lease.
#include <expected>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace talash::searcher {

class SearcherPool {
 public:
  SearcherPool(std::filesystem::path db_path, SearchLimits limits = {});

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> s) : pool_(&pool), searcher_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease();
    Searcher& operator*() { return *searcher_; }
    Searcher* operator->() { return searcher_.get(); }

   private:
    SearcherPool* pool_;
    std::unique_ptr<Searcher> searcher_;
  };

  // An error when the database cannot be opened (e.g. not created yet).
  std::expected<Lease, std::string> acquire();
  const std::filesystem::path& db_path() const { return db_path_; }

 private:
  std::filesystem::path db_path_;
  SearchLimits limits_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace talash::searcher
