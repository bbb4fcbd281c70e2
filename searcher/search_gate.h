#pragma once
// Admission for the expensive requests (search, similar) of `talash serve`.
// cpp-httplib gives each connection its own thread, so without a gate 64
// clients on two cores time-share 64 searches and every one of them, the
// slowest above all, takes many times its own CPU time. A few searches per
// core run at once, the others wait their turn, first come first served; a
// full queue is refused at once (503 with Retry-After) instead of answering
// seconds late. Measured with bench/http_load on the 32k corpus, 2 cores:
// at 64 connections p99 660 ms without the gate, 290 ms with 8 slots; one slot
// per core left the CPU partly idle (144% of 200%) and cut throughput by a
// third, so the default is four per core.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>

namespace talash::searcher {

struct SearchGateOptions {
  unsigned slots = 0;             // searches at once; 0: four per core
  std::size_t max_waiting = 256;  // searches waiting beyond this are refused
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

  // Waits for a slot in arrival order; std::nullopt when the queue is full.
  std::optional<Pass> enter();
  unsigned slots() const { return slots_; }

 private:
  void leave();

  unsigned slots_;
  std::size_t max_waiting_;
  std::mutex mutex_;
  std::condition_variable turn_;
  unsigned busy_ = 0;
  std::uint64_t next_ticket_ = 0;  // given to the next arrival
  std::uint64_t head_ = 0;         // the ticket whose turn it is
};

}  // namespace talash::searcher
