// The HTTP server: see http_server.hpp.
#include "server/http_server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <optional>
#include <unordered_map>

namespace roadmap::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

class Session;

struct HttpServer::State {
  State(asio::io_context& i, asio::thread_pool& w, ServerLimits l, Handler h)
      : ioc(i), workers(w), limits(l), handler(std::move(h)), acceptor(asio::make_strand(i)) {}

  asio::io_context& ioc;
  asio::thread_pool& workers;
  ServerLimits limits;
  Handler handler;
  tcp::acceptor acceptor;
  std::atomic<bool> stopping{false};

  mutable std::mutex mu;
  std::size_t open = 0;
  std::unordered_map<std::string, std::size_t> per_peer;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
};

namespace {

Response plain_error(http::status status, unsigned version) {
  Response res{status, version};
  res.set(http::field::content_type, "text/plain; charset=utf-8");
  res.set(http::field::connection, "close");
  res.body() = std::to_string(static_cast<unsigned>(status)) + " " + std::string(http::obsolete_reason(status)) + "\n";
  res.keep_alive(false);
  res.prepare_payload();
  return res;
}

}  // namespace

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<HttpServer::State> state, std::string peer)
      : stream_(std::move(socket)), state_(std::move(state)), peer_(std::move(peer)) {}

  ~Session() {
    std::lock_guard lock(state_->mu);
    --state_->open;
    if (auto it = state_->per_peer.find(peer_); it != state_->per_peer.end() && --it->second == 0)
      state_->per_peer.erase(it);
    state_->sessions.erase(this);
  }

  void run() {
    asio::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
  }

  // Called on stop(): a connection waiting for a request goes now; one being answered after it.
  void stop() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->do_close();
    });
  }

 private:
  void do_read() {
    if (state_->stopping) return do_close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(state_->limits.header_bytes));
    parser_->body_limit(state_->limits.body_bytes);
    stream_.expires_after(state_->limits.read_timeout);
    http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
      return do_close();
    if (ec == http::error::body_limit) return send_and_linger(plain_error(http::status::payload_too_large, 11));
    if (ec == http::error::header_limit)
      return send_and_linger(plain_error(http::status::request_header_fields_too_large, 11));
    if (ec) {
      if (ec.category() == http::make_error_code(http::error::bad_target).category())
        return send_and_linger(plain_error(http::status::bad_request, 11));
      return do_close();
    }
    busy_ = true;
    auto in = std::make_shared<Incoming>(Incoming{parser_->release(), peer_});
    asio::post(state_->workers, [self = shared_from_this(), in] {
      Response res;
      try {
        res = self->state_->handler(*in);
      } catch (...) {
        res = plain_error(http::status::internal_server_error, in->request.version());
      }
      res.version(in->request.version());
      bool keep = in->request.keep_alive() && res.keep_alive();
      if (in->request.method() == http::verb::head) {
        // The length GET would send, no body.
        res.content_length(res.body().size());
        res.body().clear();
        res.keep_alive(keep);
      } else {
        res.keep_alive(keep);
        res.prepare_payload();
      }
      asio::post(self->stream_.get_executor(),
                 [self, res = std::make_shared<Response>(std::move(res))]() mutable { self->write(std::move(res)); });
    });
  }

  void write(std::shared_ptr<Response> res) {
    busy_ = false;
    if (state_->stopping) res->keep_alive(false);
    stream_.expires_after(state_->limits.write_timeout);
    http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
      if (ec) return self->do_close();
      if (!res->keep_alive()) return self->do_close();
      self->do_read();
    });
  }

  // Answers a request that cannot be read whole (too large, malformed), then reads and drops what
  // the client still sends for a moment, so the answer is not lost to a reset.
  void send_and_linger(Response res) {
    auto sp = std::make_shared<Response>(std::move(res));
    stream_.expires_after(state_->limits.write_timeout);
    http::async_write(stream_, *sp, [self = shared_from_this(), sp](beast::error_code ec, std::size_t) {
      if (ec) return self->do_close();
      beast::error_code ignored;
      self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      self->stream_.expires_after(std::chrono::seconds(2));
      self->drain();
    });
  }

  void drain() {
    stream_.async_read_some(asio::buffer(scratch_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (ec || self->drained_ > (8u << 20)) return self->do_close();
      self->drain();
    });
  }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpServer::State> state_;
  std::string peer_;
  bool busy_ = false;
  std::array<char, 16384> scratch_{};
  std::size_t drained_ = 0;
};

namespace {

void do_accept(const std::shared_ptr<HttpServer::State>& state) {
  state->acceptor.async_accept(asio::make_strand(state->ioc), [state](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec == asio::error::operation_aborted || !state->acceptor.is_open()) return;
      // EMFILE and the like: keep accepting; the connection is dropped.
      return do_accept(state);
    }
    beast::error_code pe;
    std::string peer = socket.remote_endpoint(pe).address().to_string();
    std::shared_ptr<Session> session;
    {
      std::lock_guard lock(state->mu);
      bool full = state->open >= state->limits.max_connections ||
                  state->per_peer[peer] >= state->limits.max_per_peer || state->stopping;
      if (!full) {
        ++state->open;
        ++state->per_peer[peer];
        session = std::make_shared<Session>(std::move(socket), state, peer);
        state->sessions[session.get()] = session;
      } else if (state->per_peer[peer] == 0) {
        state->per_peer.erase(peer);
      }
    }
    if (session) session->run();
    else {
      beast::error_code ignored;
      socket.close(ignored);
    }
    if (!state->stopping) do_accept(state);
  });
}

}  // namespace

HttpServer::HttpServer(asio::io_context& ioc, asio::thread_pool& workers, ServerLimits limits, Handler handler)
    : state_(std::make_shared<State>(ioc, workers, limits, std::move(handler))) {}

HttpServer::~HttpServer() = default;

tcp::endpoint HttpServer::listen(const tcp::endpoint& where) {
  auto& a = state_->acceptor;
  a.open(where.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  if (where.protocol() == tcp::v6()) {
    beast::error_code ignored;
    a.set_option(asio::ip::v6_only(true), ignored);
  }
  a.bind(where);
  a.listen(asio::socket_base::max_listen_connections);
  do_accept(state_);
  return a.local_endpoint();
}

void HttpServer::stop() {
  state_->stopping = true;
  asio::dispatch(state_->acceptor.get_executor(), [state = state_] {
    beast::error_code ignored;
    state->acceptor.close(ignored);
  });
  std::vector<std::shared_ptr<Session>> live;
  {
    std::lock_guard lock(state_->mu);
    for (auto& [_, w] : state_->sessions)
      if (auto s = w.lock()) live.push_back(std::move(s));
  }
  for (auto& s : live) s->stop();
}

std::size_t HttpServer::open_connections() const {
  std::lock_guard lock(state_->mu);
  return state_->open;
}

std::optional<tcp::endpoint> parse_listen_address(std::string_view text) {
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') return std::nullopt;
    host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  } else {
    port_text = text;
  }
  if (port_text.empty() || port_text.size() > 5) return std::nullopt;
  unsigned port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port > 65535) return std::nullopt;
  if (host.empty()) host = "0.0.0.0";
  if (host == "localhost") host = "127.0.0.1";
  beast::error_code ec;
  auto addr = asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return tcp::endpoint(addr, static_cast<unsigned short>(port));
}

}  // namespace roadmap::web
