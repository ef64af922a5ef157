// Delivery from the outbox (issue 6): one message at a time -- mark 'sending' (commit), send over
// SMTP, mark 'sent' (commit) -- so a crash between the send and the mark repeats that one message
// only. A temporary failure (no connection, a timeout, a 4xx reply, an authentication or TLS
// problem) puts the message back with a back-off of 1, 5, 30, 120 minutes, then every 6 hours,
// until `max_attempts` ('failed'); when the server cannot be reached or refuses us (TLS,
// authentication: SendResult::server_wide), every message due in this run waits the same way
// without a connection attempt each. A 5xx reply to a message (a refused
// mailbox) marks it 'rejected': reported by `roadmap outbox`, never retried.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "mail/smtp.hpp"
#include "store/outbox.hpp"
#include "store/sqlite.hpp"

namespace roadmap::mail {

// The wait before attempt `attempts + 1` after `attempts` failed ones (attempts >= 1).
std::chrono::minutes backoff(int attempts);

struct DeliverOptions {
  std::chrono::sys_seconds now{};
  std::string envelope_from;   // MAIL FROM
  std::size_t limit = 0;       // at most this many messages this run (0 = all due)
  int max_attempts = 12;
  // Called after each message (for the CLI's progress and tests).
  std::function<void(const store::OutboxMessage&, const SendResult&)> on_result;
};

struct DeliverReport {
  std::size_t sent = 0, retry = 0, rejected = 0, failed = 0;
};

DeliverReport deliver(store::Database& db, SmtpSender& sender, const DeliverOptions& options);

}  // namespace roadmap::mail
