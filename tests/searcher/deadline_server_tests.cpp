// DeadlineServer over real sockets: a client that trickles its headers is cut
// off at the header deadline, while the other clients keep being served.
#include "searcher/deadline_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace talash::searcher {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

class DeadlineServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.header_timeout = 400ms;
    server_.set_threads(2);
    server_.set_read_timeout(5, 0);
    server_.Get("/ping", [](const httplib::Request&, httplib::Response& res) { res.set_content("pong", "text/plain"); });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::jthread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
  }
  void TearDown() override { server_.stop(); }

  DeadlineServer server_;
  int port_ = 0;
  std::jthread thread_;
};

TEST_F(DeadlineServerTest, TricklingHeadersAreCutOffAtTheDeadline) {
  const int fd = connect_to(port_);
  ASSERT_GE(fd, 0);
  const std::string request = "GET /ping HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
  const auto start = Clock::now();
  bool cut = false;
  // One byte every 50 ms: each read is well inside the 5 s read timeout, but
  // the whole request would take 4 s.
  for (char c : request) {
    if (::send(fd, &c, 1, MSG_NOSIGNAL) != 1) {
      cut = true;
      break;
    }
    std::this_thread::sleep_for(50ms);
    char buf[256];
    const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n == 0 || (n > 0 && std::string(buf, n).find("pong") == std::string::npos)) {
      cut = true;
      break;
    }
  }
  const auto took = Clock::now() - start;
  ::close(fd);
  EXPECT_TRUE(cut) << "the slow request was answered";
  EXPECT_LT(took, 2s) << "the connection was held past the header deadline";
}

TEST_F(DeadlineServerTest, SlowClientsDoNotStopOthersBeingServed) {
  // As many trickling clients as worker threads.
  std::vector<int> slow;
  for (int i = 0; i < 2; ++i) {
    slow.push_back(connect_to(port_));
    ASSERT_GE(slow.back(), 0);
    ASSERT_EQ(::send(slow.back(), "GET /ping", 9, MSG_NOSIGNAL), 9);
  }
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(5, 0);
  const auto start = Clock::now();
  auto res = client.Get("/ping");
  const auto took = Clock::now() - start;
  for (int fd : slow) ::close(fd);
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->body, "pong");
  EXPECT_LT(took, 3s);
}

TEST_F(DeadlineServerTest, AFastRequestAndKeepAliveStillWork) {
  httplib::Client client("127.0.0.1", port_);
  client.set_keep_alive(true);
  for (int i = 0; i < 3; ++i) {
    auto res = client.Get("/ping");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->body, "pong");
    std::this_thread::sleep_for(10ms);
  }
}

}  // namespace
}  // namespace talash::searcher
