#pragma once
// Admission for the expensive requests (search, similar) of `talash serve`.
// cpp-httplib gives each connection its own thread, so without a gate 64
// clients on two cores time-share 64 searches and every one of them, the
// slowest above all, takes many times its own CPU time. A few searches per
// core run at once, the others wait their turn, first come first served; a
// full queue is refused at once (503 with Retry-After) instead of answering
// seconds late. Measured with bench/http_load on the 161k corpus, 2 cores,
// 8 connections: p99 65 ms with 8 slots (as without a gate), 52 with 4, 47
// with 3, 49 with 2 (which left the CPU 18% idle and cut throughput by 15%),
// so the default is one and a half per core.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace talash::searcher {

struct SearchGateOptions {
  unsigned slots = 0;             // searches at once; 0: one and a half per core
  std::size_t max_waiting = 256;  // searches waiting beyond this are refused
  // A search not let in by then is refused too: past it the server is
  // overloaded, and a late answer helps nobody.
  std::chrono::milliseconds max_wait{5000};
};

class SearchGate {
 public:
  explicit SearchGate(SearchGateOptions options = {});

  // Held while a search runs; leaving lets the next one in.
  class Pass {
   public:
    explicit Pass(SearchGate& gate) : gate_(&gate) {}
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass& operator=(Pass&&) = delete;
    ~Pass();

   private:
    SearchGate* gate_;
  };

  // Waits for a slot in arrival order; std::nullopt when the queue is full
  // or no slot came within max_wait.
  std::optional<Pass> enter();
  unsigned slots() const { return slots_; }
  static unsigned default_slots(unsigned cores);

 private:
  // One waiting request: a slot is handed to it directly, so a search that
  // ends wakes only the next in line, not every waiter.
  struct Waiter {
    std::condition_variable turn;
    bool admitted = false;
  };
  void leave();

  unsigned slots_;
  std::size_t max_waiting_;
  std::chrono::milliseconds max_wait_;
  std::mutex mutex_;
  unsigned busy_ = 0;
  std::deque<Waiter*> waiting_;
};

}  // namespace talash::searcher
