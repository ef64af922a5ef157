// The HTTP/1.1 server (issue 7) on Boost.Beast and Asio, in the style of Beast's examples: a
// listener accepting connections, a session per connection owning its socket and buffers and kept
// alive by shared_from_this, every handler checking its error_code first, timeouts through
// beast::tcp_stream::expires_after, one io_context with a strand per connection.
//
// Network work never waits for the database: a complete request is handed to a pool of worker
// threads (the application's handler runs there) and the response comes back to the connection's
// strand. So a slow or stalled client costs one idle socket, never a thread: a request must arrive
// whole within `read_timeout` (headers limited to `header_bytes`, the body to `body_bytes`), a
// response must be taken within `write_timeout`, and at most `max_connections` are open at once
// (`max_per_peer` from one address).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace roadmap::web {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

struct ServerLimits {
  std::size_t body_bytes = 10 * 1024 * 1024;  // the largest request body (a result file)
  std::size_t header_bytes = 16 * 1024;       // request line and headers together
  std::chrono::seconds read_timeout{15};      // a whole request, also the keep-alive wait between requests
  std::chrono::seconds write_timeout{30};     // a whole response
  std::size_t max_connections = 1024;
  std::size_t max_per_peer = 256;
};

// What the application sees of one request.
struct Incoming {
  Request request;
  std::string peer;  // the client's address, "127.0.0.1"
};

// Runs on a worker thread; must not throw (the server answers 500 if it does).
using Handler = std::function<Response(Incoming&)>;

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& ioc, boost::asio::thread_pool& workers, ServerLimits limits, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting; returns the bound endpoint (port 0 picks a free one). Throws
  // boost::system::system_error when the address cannot be bound.
  boost::asio::ip::tcp::endpoint listen(const boost::asio::ip::tcp::endpoint& where);

  // Graceful stop: no new connections; a connection waiting for its next request is closed; a
  // request being handled is answered (with "Connection: close") and its connection closed.
  void stop();

  std::size_t open_connections() const;

  struct State;  // shared with the sessions

 private:
  std::shared_ptr<State> state_;
};

// "127.0.0.1:8080", "[::1]:8080", ":8080" (all IPv4 addresses), "8080". Nullopt when malformed.
std::optional<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text);

}  // namespace roadmap::web
