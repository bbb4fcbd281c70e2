#pragma once
// Things derived from a whole index revision (the facet column, the
// suggester's names) are built once and shared by every searcher of the
// process that has the same index open at the same revision; each thread's
// Searcher holds its own Xapian handle but not its own copy.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include <xapian.h>

namespace talash::searcher {

template <typename T, typename Build>
std::shared_ptr<const T> shared_for_revision(const Xapian::Database& db, const std::string& cache_key, Build&& build) {
  Xapian::rev revision = 0;
  try {
    revision = db.get_revision();
  } catch (const Xapian::Error&) {
    // Several shards have no single revision: a private copy.
    return std::make_shared<const T>(build(db));
  }
  static std::mutex mutex;
  static std::map<std::string, std::pair<Xapian::rev, std::shared_ptr<const T>>> cache;
  {
    std::lock_guard lock(mutex);
    auto it = cache.find(cache_key);
    if (it != cache.end() && it->second.first == revision) return it->second.second;
  }
  // Built outside the lock: two searchers may both build a new revision once,
  // which is cheaper than making every other searcher wait.
  auto value = std::make_shared<const T>(build(db));
  std::lock_guard lock(mutex);
  auto& slot = cache[cache_key];
  if (slot.second == nullptr || slot.first <= revision) slot = {revision, value};
  return value;
}

}  // namespace talash::searcher
