// SMTP submission through libcurl (Debian's libcurl4-openssl-dev): a well-kept client that speaks
// ESMTP with STARTTLS (required, never silently plain when asked for) or implicit TLS (smtps://),
// AUTH (PLAIN, LOGIN, CRAM-MD5 ... as the server offers), certificate checks by OpenSSL, and that
// reports the server's reply code for each step, which is what tells a refused mailbox (5xx, give
// up) from a server that is down or busy (connection errors, 4xx: try later). One Sender keeps its
// connection open between messages.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace roadmap::mail {

struct SmtpConfig {
  std::string url = "smtp://127.0.0.1:25";  // smtp://host:port, or smtps://host:465 (implicit TLS)
  std::string user, password;                // AUTH when user is not empty
  bool starttls = false;                     // require STARTTLS on smtp:// (fails when not offered)
  bool verify_tls = true;                    // check the server's certificate and name
  std::string ca_file;                       // extra CA bundle (tests, a private CA)
  std::string helo_host;                     // the name in EHLO; libcurl's default when empty
  long connect_timeout_s = 10, timeout_s = 60;
};

struct SendResult {
  enum class Status { sent, temporary, rejected } status = Status::sent;
  long reply_code = 0;  // the SMTP server's last reply (250, 451, 550 ...); 0 without one
  std::string error;    // libcurl's words and the reply code, for the outbox's last_error
  // The failure is the server's or the connection's, not this message's (no reply, a timeout, TLS,
  // authentication): the next message would fail the same way.
  bool server_wide = false;
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpConfig config);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  // Sends `message` (complete, CRLF line ends) from `from` to the one recipient `to`.
  SendResult send(std::string_view from, std::string_view to, std::string_view message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace roadmap::mail
