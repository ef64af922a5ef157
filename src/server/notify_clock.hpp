// The server's clock for notifications (issue 7): no cron needed. Every `every` minutes, aligned to
// the wall clock (:00, :15, :30, :45 by default), it plans the day's mail of everyone whose local
// hour has come (notifiers/mail/planner.hpp: at most one digest a person a day, each calendar
// invite or cancel a message of its own, nothing told twice), queues it in the outbox and delivers
// what is due, retries included. Sign-in mails ask for a delivery at once. One run at a time, on a
// worker thread, never on the network thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "calendar/production_calendar.hpp"
#include "mail/policy.hpp"
#include "mail/smtp.hpp"
#include "server/app.hpp"

namespace roadmap::web {

struct NotifyClockConfig {
  std::string db_path;
  mail::Policy policy;
  std::optional<mail::SmtpConfig> smtp;  // queue only (nothing sent) when absent
  bool plan = true;                      // plan digests and invites; false: deliver sign-in mails only
  std::chrono::minutes every{15};
  WallClock clock;  // what "now" is for the planner
};

class NotifyClock {
 public:
  NotifyClock(boost::asio::io_context& ioc, boost::asio::thread_pool& workers, NotifyClockConfig config,
              const calendar::ProductionCalendar& calendar);
  void start();
  void stop();
  // Delivers what is queued as soon as a worker is free (a sign-in mail was just queued).
  void deliver_now();
  const NotifyClockConfig& config() const { return config_; }

 private:
  void arm();
  void run(bool plan);

  boost::asio::steady_timer timer_;
  boost::asio::thread_pool& workers_;
  NotifyClockConfig config_;
  const calendar::ProductionCalendar& calendar_;
  std::mutex running_;
  std::atomic<bool> stopped_{false};
};

}  // namespace roadmap::web
