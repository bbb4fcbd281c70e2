#pragma once
// cpp-httplib 0.11 bounds each read by the read timeout, but not a whole
// request: a client that sends a header byte every few seconds holds a worker
// thread for hours, and as many such clients as there are threads stop the
// server (slowloris; measured by bench/reliability/hostile_http.py). This
// server reads every request through a stream with a deadline: the request
// line and headers must have arrived within header_timeout of the connection
// being accepted (its first request; time spent waiting for a free worker
// counts, so a queue of slow clients drains at once) or of the request's first
// byte (later requests on the connection), the body within body_timeout after
// the headers. Bytes that did arrive in time are always read.
#include <chrono>

#include <httplib.h>

namespace talash::searcher {

class DeadlineServer : public httplib::Server {
 public:
  std::chrono::milliseconds header_timeout{5'000};
  std::chrono::milliseconds body_timeout{60'000};
  // `threads` workers (instead of setting new_task_queue): the queue notes
  // when each connection was accepted.
  void set_threads(unsigned threads);
  // Debian's libcpp-httplib is built with a listen backlog of 5: more clients
  // connecting at once than that have their SYN dropped, and a dropped SYN
  // is sent again only after 1 s. Call after binding.
  void set_listen_backlog(int backlog);

 private:
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace talash::searcher
