#include "searcher/search_gate.h"

#include <algorithm>
#include <thread>

namespace talash::searcher {

SearchGate::SearchGate(SearchGateOptions options)
    : slots_(options.slots != 0 ? options.slots : 4 * std::max(1u, std::thread::hardware_concurrency())),
      max_waiting_(options.max_waiting) {}

SearchGate::Pass::~Pass() {
  if (gate_) gate_->leave();
}

std::optional<SearchGate::Pass> SearchGate::enter() {
  std::unique_lock lock(mutex_);
  if (next_ticket_ - head_ >= max_waiting_ && busy_ >= slots_) return std::nullopt;
  const std::uint64_t ticket = next_ticket_++;
  turn_.wait(lock, [&] { return ticket == head_ && busy_ < slots_; });
  ++head_;
  ++busy_;
  lock.unlock();
  // The next in line may fit in a slot that is still free.
  turn_.notify_all();
  return Pass(*this);
}

void SearchGate::leave() {
  {
    std::lock_guard lock(mutex_);
    --busy_;
  }
  turn_.notify_all();
}

}  // namespace talash::searcher
