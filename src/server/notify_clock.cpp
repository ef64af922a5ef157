// The notification clock: see notify_clock.hpp.
#include "server/notify_clock.hpp"

#include <boost/asio/post.hpp>

#include <iostream>

#include "mail/deliver.hpp"
#include "mail/planner.hpp"
#include "store/error.hpp"
#include "store/schema.hpp"

namespace roadmap::web {

NotifyClock::NotifyClock(boost::asio::io_context& ioc, boost::asio::thread_pool& workers, NotifyClockConfig config,
                         const calendar::ProductionCalendar& calendar)
    : timer_(ioc), workers_(workers), config_(std::move(config)), calendar_(calendar) {}

void NotifyClock::start() {
  if (config_.plan) boost::asio::post(workers_, [this] { run(true); });
  arm();
}

void NotifyClock::stop() {
  stopped_ = true;
  timer_.cancel();
}

void NotifyClock::arm() {
  if (stopped_) return;
  // The next multiple of `every` on the wall clock, a few seconds after it.
  using namespace std::chrono;
  auto now = system_clock::now();
  auto step = duration_cast<system_clock::duration>(config_.every);
  auto since = now.time_since_epoch();
  auto next = system_clock::time_point((since / step + 1) * step) + seconds(2);
  timer_.expires_after(duration_cast<steady_clock::duration>(next - now));
  timer_.async_wait([this](boost::system::error_code ec) {
    if (ec || stopped_) return;
    boost::asio::post(workers_, [this] { run(config_.plan); });
    arm();
  });
}

void NotifyClock::deliver_now() {
  boost::asio::post(workers_, [this] { run(false); });
}

void NotifyClock::run(bool plan) {
  std::unique_lock lock(running_);  // one run at a time: a second request waits and then finds little to do
  if (stopped_) return;
  auto now = config_.clock.now();
  try {
    store::Database db = store::open_store(config_.db_path, store::Database::OpenMode::existing_only);
    if (plan) {
      mail::PlanOptions opt;
      opt.now = now;
      auto planned = mail::plan_notifications(db, config_.policy, calendar_, opt);
      std::size_t queued = mail::queue_mails(db, planned);
      if (queued) std::cerr << "roadmap serve: " << queued << " message(s) queued\n";
    }
    if (!config_.smtp) return;
    mail::SmtpSender sender(*config_.smtp);
    mail::DeliverOptions d;
    d.now = now;
    d.envelope_from = config_.policy.from_email;
    auto rep = mail::deliver(db, sender, d);
    if (rep.sent || rep.retry || rep.rejected || rep.failed)
      std::cerr << "roadmap serve: mail sent " << rep.sent << ", to retry " << rep.retry << ", rejected " << rep.rejected
                << ", given up " << rep.failed << '\n';
  } catch (const store::Error& e) {
    std::cerr << "roadmap serve: notifications: " << store::describe(e, i18n::Lang::ru) << '\n';
  } catch (const std::exception& e) {
    std::cerr << "roadmap serve: notifications: " << e.what() << '\n';
  }
}

}  // namespace roadmap::web
