#include "searcher/searcher_pool.h"

namespace talash::searcher {

SearcherPool::SearcherPool(std::filesystem::path db_path, SearchLimits limits)
    : db_path_(std::move(db_path)), limits_(limits) {}

SearcherPool::Lease::~Lease() {
  if (!searcher_) return;
  std::lock_guard lock(pool_->mutex_);
  pool_->idle_.push_back(std::move(searcher_));
}

std::expected<SearcherPool::Lease, std::string> SearcherPool::acquire() {
  std::unique_ptr<Searcher> s;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      s = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (s) {
    s->refresh();
  } else {
    auto opened = Searcher::open(db_path_, limits_);
    if (!opened) return std::unexpected(opened.error());
    s = std::make_unique<Searcher>(std::move(*opened));
  }
  return Lease(*this, std::move(s));
}

}  // namespace talash::searcher
