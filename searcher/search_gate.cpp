#include "searcher/search_gate.h"

#include <algorithm>
#include <thread>

namespace talash::searcher {

unsigned SearchGate::default_slots(unsigned cores) {
  cores = std::max(1u, cores);
  return cores + cores / 2;
}

SearchGate::SearchGate(SearchGateOptions options)
    : slots_(options.slots != 0 ? options.slots : default_slots(std::thread::hardware_concurrency())),
      max_waiting_(options.max_waiting),
      max_wait_(options.max_wait) {}

SearchGate::Pass::~Pass() {
  if (gate_) gate_->leave();
}

std::optional<SearchGate::Pass> SearchGate::enter() {
  std::unique_lock lock(mutex_);
  if (busy_ < slots_ && waiting_.empty()) {
    ++busy_;
    return Pass(*this);
  }
  if (waiting_.size() >= max_waiting_) return std::nullopt;
  Waiter me;
  waiting_.push_back(&me);
  if (!me.turn.wait_for(lock, max_wait_, [&] { return me.admitted; })) {
    // Not handed a slot (that happens under this lock too): leave the queue.
    waiting_.erase(std::ranges::find(waiting_, &me));
    return std::nullopt;
  }
  return Pass(*this);  // the slot came with the hand-over
}

void SearchGate::leave() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    --busy_;
    return;
  }
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->admitted = true;
  // Under the lock: once admitted, the waiter may return and end `next`.
  next->turn.notify_one();
}

}  // namespace talash::searcher
