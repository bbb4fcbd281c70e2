// SearchGate: at most `slots` searches at once, the rest admitted in arrival
// order, and a full queue refused rather than made to wait.
#include "searcher/search_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

namespace talash::searcher {
namespace {

using namespace std::chrono_literals;

// Waits (up to 5 s) until `done` holds.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 5000 && !done(); ++i) std::this_thread::sleep_for(1ms);
  return done();
}

TEST(SearchGateTest, NeverRunsMoreThanItsSlots) {
  SearchGate gate({.slots = 3, .max_waiting = 100});
  std::atomic<int> inside = 0, most = 0;
  std::vector<std::jthread> threads;
  for (int t = 0; t < 12; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        auto pass = gate.enter();
        ASSERT_TRUE(pass.has_value());
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(100us);
        --inside;
      }
    });
  threads.clear();
  EXPECT_EQ(most.load(), 3);
}

TEST(SearchGateTest, AdmitsWaitersInArrivalOrder) {
  SearchGate gate({.slots = 1, .max_waiting = 100});
  auto first = gate.enter();
  ASSERT_TRUE(first.has_value());
  std::mutex m;
  std::vector<int> order;
  std::atomic<int> started = 0;
  std::vector<std::jthread> waiters;
  for (int k = 0; k < 5; ++k) {
    // Each waiter takes its ticket before the next one starts.
    waiters.emplace_back([&, k] {
      ++started;
      auto pass = gate.enter();
      std::lock_guard lock(m);
      order.push_back(k);
    });
    ASSERT_TRUE(eventually([&] { return started == k + 1; }));
    std::this_thread::sleep_for(20ms);
  }
  first.reset();
  waiters.clear();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(SearchGateTest, RefusesWhenTheQueueIsFullAndAdmitsAgainLater) {
  SearchGate gate({.slots = 1, .max_waiting = 2});
  auto running = gate.enter();
  ASSERT_TRUE(running.has_value());
  std::atomic<int> admitted = 0, entering = 0;
  std::vector<std::jthread> waiters;
  for (int k = 0; k < 2; ++k)
    waiters.emplace_back([&] {
      ++entering;
      auto pass = gate.enter();
      if (pass) ++admitted;
    });
  ASSERT_TRUE(eventually([&] { return entering == 2; }));
  std::this_thread::sleep_for(50ms);  // both are waiting now
  EXPECT_FALSE(gate.enter().has_value()) << "a third waiter is over max_waiting";
  running.reset();
  waiters.clear();
  EXPECT_EQ(admitted.load(), 2);
  EXPECT_TRUE(gate.enter().has_value()) << "the queue drained";
}

TEST(SearchGateTest, GivesUpAfterMaxWaitAndLeavesTheQueue) {
  SearchGate gate({.slots = 1, .max_waiting = 1, .max_wait = 50ms});
  auto running = gate.enter();
  ASSERT_TRUE(running.has_value());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(gate.enter().has_value()) << "no slot within max_wait";
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
  // It left the queue: the next waiter fits in max_waiting = 1 and is let in.
  std::atomic<bool> admitted = false;
  std::jthread waiter([&] { admitted = gate.enter().has_value(); });
  std::this_thread::sleep_for(10ms);
  running.reset();
  waiter.join();
  EXPECT_TRUE(admitted.load());
}

TEST(SearchGateTest, DefaultsToOneAndAHalfSlotsPerCore) {
  EXPECT_EQ(SearchGate::default_slots(0), 1u);
  EXPECT_EQ(SearchGate::default_slots(1), 1u);
  EXPECT_EQ(SearchGate::default_slots(2), 3u);
  EXPECT_EQ(SearchGate::default_slots(8), 12u);
  EXPECT_EQ(SearchGate().slots(), SearchGate::default_slots(std::thread::hardware_concurrency()));
}

}  // namespace
}  // namespace talash::searcher
