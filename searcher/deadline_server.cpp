#include "searcher/deadline_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <string_view>

namespace talash::searcher {
namespace {

using Clock = std::chrono::steady_clock;

// When the connection the current worker serves was accepted (queued).
thread_local Clock::time_point t_accepted;

class AcceptTimeQueue : public httplib::TaskQueue {
 public:
  explicit AcceptTimeQueue(unsigned threads) : pool_(threads) {}
  void enqueue(std::function<void()> fn) override {
    pool_.enqueue([fn = std::move(fn), accepted = Clock::now()] {
      t_accepted = accepted;
      fn();
    });
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
};

std::string ip_of(const sockaddr_storage& addr, int& port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, buf, sizeof buf);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, buf, sizeof buf);
    port = ntohs(a.sin6_port);
  }
  return buf;
}

// A socket stream as cpp-httplib's own (buffered reads, per-call timeouts),
// whose reads also fail once the current request's deadline has passed.
class DeadlineStream : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, std::chrono::milliseconds read_timeout, std::chrono::milliseconds write_timeout)
      : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  // A new request starts at `start`: its headers must be complete within `headers`.
  void start_request(Clock::time_point start, std::chrono::milliseconds headers, std::chrono::milliseconds body) {
    deadline_ = start + headers;
    body_timeout_ = body;
    in_headers_ = true;
    tail_.clear();
  }

  // Whether the next request's first byte is there within `timeout`.
  bool wait_for_request(std::chrono::milliseconds timeout) const {
    return pos_ < len_ || wait(POLLIN, timeout) > 0;
  }

  bool is_readable() const override { return pos_ < len_ || wait(POLLIN, remaining(read_timeout_)) > 0; }
  bool is_writable() const override { return wait(POLLOUT, write_timeout_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ == len_) {
      // Past the deadline, only what already arrived is read.
      const auto timeout = std::max(std::chrono::milliseconds(0), remaining(read_timeout_));
      if (wait(POLLIN, timeout) <= 0) return -1;
      ssize_t n;
      do n = ::recv(sock_, buf_, sizeof buf_, 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<std::size_t>(n);
      if (in_headers_) see_header_bytes(std::string_view(buf_, len_));
    }
    const std::size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = ip_of(addr, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) ip = ip_of(addr, port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // The blank line that ends the headers starts the body's deadline.
  void see_header_bytes(std::string_view bytes) {
    tail_ += bytes.substr(0, std::min<std::size_t>(bytes.size(), 64 * 1024));
    const auto end = tail_.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (tail_.size() > 3) tail_.erase(0, tail_.size() - 3);
      return;
    }
    in_headers_ = false;
    deadline_ = Clock::now() + body_timeout_;
  }

  std::chrono::milliseconds remaining(std::chrono::milliseconds cap) const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    return std::min(cap, left);
  }

  int wait(short events, std::chrono::milliseconds timeout) const {
    pollfd p{sock_, events, 0};
    int r;
    do r = ::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(0, timeout.count())));
    while (r < 0 && errno == EINTR);
    return r;
  }

  socket_t sock_;
  std::chrono::milliseconds read_timeout_, write_timeout_, body_timeout_{0};
  Clock::time_point deadline_ = Clock::time_point::max();
  bool in_headers_ = false;
  std::string tail_;  // the last bytes of the headers so far
  char buf_[4096];
  std::size_t pos_ = 0, len_ = 0;
};

std::chrono::milliseconds ms(time_t sec, time_t usec) {
  return std::chrono::milliseconds(sec * 1000 + usec / 1000);
}

}  // namespace

// As httplib::Server's own, with the deadline stream: keep-alive up to the
// configured count, each request read within its deadlines.
bool DeadlineServer::process_and_close_socket(socket_t sock) {
  DeadlineStream strm(sock, ms(read_timeout_sec_, read_timeout_usec_), ms(write_timeout_sec_, write_timeout_usec_));
  bool ret = false;
  Clock::time_point start = t_accepted;
  for (std::size_t count = keep_alive_max_count_; svr_sock_ != INVALID_SOCKET && count > 0; --count) {
    if (count != keep_alive_max_count_) {
      if (!strm.wait_for_request(std::chrono::seconds(keep_alive_timeout_sec_))) break;
      start = Clock::now();
    }
    strm.start_request(start, header_timeout, body_timeout);
    bool connection_closed = false;
    ret = process_request(strm, count == 1, connection_closed, nullptr);
    if (!ret || connection_closed) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

void DeadlineServer::set_listen_backlog(int backlog) {
  // listen() again on a listening socket only changes its backlog.
  if (svr_sock_ != INVALID_SOCKET) ::listen(svr_sock_, backlog);
}

void DeadlineServer::set_threads(unsigned threads) {
  new_task_queue = [threads] { return new AcceptTimeQueue(threads); };
}

}  // namespace talash::searcher
