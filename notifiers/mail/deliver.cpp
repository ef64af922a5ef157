// Delivery from the outbox (see deliver.hpp).
#include "mail/deliver.hpp"

namespace roadmap::mail {

std::chrono::minutes backoff(int attempts) {
  static constexpr int kSteps[] = {1, 5, 30, 120, 360};
  int i = attempts < 1 ? 0 : attempts - 1;
  if (i >= static_cast<int>(std::size(kSteps))) i = static_cast<int>(std::size(kSteps)) - 1;
  return std::chrono::minutes(kSteps[i]);
}

DeliverReport deliver(store::Database& db, SmtpSender& sender, const DeliverOptions& options) {
  DeliverReport report;
  auto batch = store::deliverable(db, options.now, options.limit);
  bool server_down = false;
  std::string down_error;
  for (auto& m : batch) {
    SendResult r;
    if (server_down) {
      r.status = SendResult::Status::temporary;
      r.error = down_error;
    } else {
      store::mark_sending(db, m.id);
      r = sender.send(options.envelope_from, m.email, m.body);
    }
    switch (r.status) {
      case SendResult::Status::sent:
        store::mark_sent(db, m.id, options.now);
        ++report.sent;
        break;
      case SendResult::Status::rejected:
        store::mark_rejected(db, m.id, r.error);
        ++report.rejected;
        break;
      case SendResult::Status::temporary: {
        bool give_up = m.attempts + 1 >= options.max_attempts;
        store::mark_retry(db, m.id, r.error, options.now + backoff(m.attempts + 1), give_up);
        ++(give_up ? report.failed : report.retry);
        // The server is not there, or will not take anything from us (TLS, authentication): the
        // rest of the batch waits without trying, each one a connection timeout otherwise.
        if (r.server_wide) {
          server_down = true;
          down_error = r.error;
        }
        break;
      }
    }
    if (options.on_result) options.on_result(m, r);
  }
  return report;
}

}  // namespace roadmap::mail
